//! `df` and `mount`: the container's file systems, with each volume sized from its claim.

use k8s_openapi::api::core::v1::PersistentVolumeClaim;

use super::host::ContainerHost;
use crate::sh::interp::{Proc, Tools};
use crate::sim::fs::Entry;

/// Bytes a file store occupies, counted in 4 KiB blocks as a file system would.
fn used_blocks(fs: &crate::sim::fs::Fs) -> u64 {
    fs.walk()
        .map(|(_, e)| match e {
            Entry::File(t) => (t.len() as u64).div_ceil(4096) * 4096,
            Entry::Dir => 4096,
        })
        .sum()
}

fn human(bytes: u64, busybox: bool) -> String {
    if bytes == 0 {
        return "0".into();
    }
    let mut v = bytes as f64;
    for unit in ["K", "M", "G", "T"] {
        v /= 1024.0;
        if busybox {
            if v < 1024.0 || unit == "T" {
                return format!("{v:.1}{unit}");
            }
            continue;
        }
        // GNU rounds up, and moves to the next unit when rounding reaches 1024.
        let rounded = if v < 10.0 {
            (v * 10.0).ceil() / 10.0
        } else {
            v.ceil()
        };
        if rounded < 1024.0 || unit == "T" {
            return if rounded < 10.0 {
                format!("{rounded:.1}{unit}")
            } else {
                format!("{rounded}{unit}")
            };
        }
    }
    "0".into()
}

/// One mounted file system: (source, size, used, mount point, type, options).
type MountRow = (String, u64, u64, String, &'static str, &'static str);

fn mount_rows(h: &ContainerHost) -> Vec<MountRow> {
    let c = &*h.files.cluster;
    let disk: u64 = 102_626_232 * 1024;
    let disk_used: u64 = 12_431_876 * 1024;
    let mut rows: Vec<MountRow> = vec![
        (
            "overlay".into(),
            disk,
            disk_used,
            "/".into(),
            "overlay",
            "rw,relatime",
        ),
        (
            "tmpfs".into(),
            64 * 1024 * 1024,
            0,
            "/dev".into(),
            "tmpfs",
            "rw,nosuid,size=65536k,mode=755",
        ),
        (
            "shm".into(),
            64 * 1024 * 1024,
            0,
            "/dev/shm".into(),
            "tmpfs",
            "rw,nosuid,nodev,noexec,relatime,size=65536k",
        ),
        (
            "/dev/vda1".into(),
            disk,
            disk_used,
            "/etc/hosts".into(),
            "ext4",
            "rw,relatime",
        ),
    ];
    let mut mounts: Vec<(String, String)> = h.files.mounts().to_vec();
    crate::order::sort(&mut mounts);
    for (i, (path, pv)) in mounts.iter().enumerate() {
        let capacity = c
            .world
            .store
            .list::<PersistentVolumeClaim>(Some(&h.target.namespace))
            .find(|claim| {
                claim.spec.as_ref().and_then(|s| s.volume_name.as_deref()) == Some(pv.as_str())
            })
            .and_then(|claim| {
                claim
                    .status
                    .as_ref()
                    .and_then(|s| s.capacity.as_ref())
                    .and_then(|cap| cap.get("storage"))
                    .cloned()
            })
            .and_then(|q| crate::gofmt::quantity::parse_quantity(&q.0).ok())
            .map_or(1 << 30, |q| u64::try_from(q.value()).unwrap_or(1 << 30));
        let used = c.world.volumes.get(pv).map_or(0, used_blocks);
        let device = format!("/dev/sd{}", char::from(b'b' + (i as u8 % 24)));
        rows.push((
            device,
            capacity,
            used.min(capacity),
            path.clone(),
            "ext4",
            "rw,relatime",
        ));
    }
    rows
}

pub(super) fn df(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let human_sizes = p
        .args()
        .iter()
        .any(|a| a.starts_with('-') && a.contains('h'));
    let busybox = p.tools == Tools::Busybox;
    let mut out = String::new();
    let rows = mount_rows(h);
    let cell = |n: u64| {
        if human_sizes {
            human(n, busybox)
        } else {
            (n / 1024).to_string()
        }
    };
    let data: Vec<[String; 6]> = rows
        .iter()
        .map(|(src, size, used, at, _, _)| {
            let pct = if *size == 0 {
                0
            } else {
                (used * 100).div_ceil(*size)
            };
            [
                src.clone(),
                cell(*size),
                cell(*used),
                cell(size - used),
                format!("{pct}%"),
                at.clone(),
            ]
        })
        .collect();
    if busybox {
        let head = if human_sizes { "Size" } else { "1K-blocks" };
        out.push_str(&format!(
            "{:<20} {head:>9} {:>9} {:>9} {:>4} Mounted on\n",
            "Filesystem", "Used", "Available", "Use%"
        ));
        for [src, size, used, avail, pct, at] in &data {
            out.push_str(&format!(
                "{src:<20} {size:>9} {used:>9} {avail:>9} {pct:>4} {at}\n"
            ));
        }
    } else {
        let heads = if human_sizes {
            ["Size", "Used", "Avail"]
        } else {
            ["1K-blocks", "Used", "Available"]
        };
        let w0 = data
            .iter()
            .map(|[src, ..]| src.len())
            .max()
            .unwrap_or(0)
            .max(14);
        let mut w = [0usize; 4];
        for (i, head) in heads.iter().chain(["Use%"].iter()).enumerate() {
            let min = if human_sizes && i < 3 { 5 } else { 4 };
            let cells = data.iter().map(|r| r.get(i + 1).map_or(0, String::len));
            if let Some(slot) = w.get_mut(i) {
                *slot = cells.chain([head.len(), min]).max().unwrap_or(min);
            }
        }
        let [a, b, cc, d] = w;
        let [h1, h2, h3] = heads;
        out.push_str(&format!(
            "{:<w0$} {h1:>a$} {h2:>b$} {h3:>cc$} {:>d$} Mounted on\n",
            "Filesystem", "Use%"
        ));
        for [src, size, used, avail, pct, at] in &data {
            out.push_str(&format!(
                "{src:<w0$} {size:>a$} {used:>b$} {avail:>cc$} {pct:>d$} {at}\n"
            ));
        }
    }
    p.out(&out);
    0
}

pub(super) fn mount(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    if !p.args().is_empty() {
        p.err("mount: only root can do that\n");
        return 1;
    }
    let mut out = String::from(
        "proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\nsysfs on /sys type sysfs (ro,nosuid,nodev,noexec,relatime)\n",
    );
    for (src, _, _, at, kind, opts) in mount_rows(h) {
        out.push_str(&format!("{src} on {at} type {kind} ({opts})\n"));
    }
    p.out(&out);
    0
}
