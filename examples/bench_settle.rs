//! Measures how long the simulation takes to settle large StatefulSets (`make bench`).

use std::time::Instant;

use serde_json::json;
use sts_playground::sim::Cluster;

fn set(replicas: i32, policy: &str) -> k8s_openapi::api::apps::v1::StatefulSet {
    serde_json::from_value(json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "serviceName": "nginx", "replicas": replicas, "podManagementPolicy": policy,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25",
                    "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
        }
    }))
    .unwrap_or_default()
}

/// One settle: wall ms, virtual ms, serialised bytes, and the wall ms and count of a first read of
/// every event (events are made into API objects when first read).
fn run(replicas: i32, policy: &str) -> (f64, u64, usize, (f64, usize)) {
    let mut c = Cluster::new(1);
    let t = Instant::now();
    if let Err(e) = c.create(set(replicas, policy)) {
        eprintln!("create failed: {e}");
    }
    c.settle_within(24 * 3600 * 1000);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let ready = c
        .world
        .store
        .pods
        .values()
        .filter(|p| sts_playground::sim::statefulset::utils::is_running_and_ready(p))
        .count();
    let t = Instant::now();
    let events = c
        .world
        .store
        .list::<k8s_openapi::api::core::v1::Event>(None)
        .filter(|e| e.count.is_some())
        .count();
    let read = (t.elapsed().as_secs_f64() * 1000.0, events);
    let bytes = c.to_json().map(|s| s.len()).unwrap_or(0);
    assert_eq!(ready, replicas as usize, "all replicas ready");
    (ms, c.now_ms(), bytes, read)
}

fn main() {
    sts_playground::keep_freed_memory();
    // `--memory N POLICY`: settle once in this fresh process and print the peak resident set (KiB).
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--memory") {
        let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
        let policy = args.next().unwrap_or_else(|| "Parallel".into());
        let mut c = Cluster::new(1);
        if c.create(set(n, &policy)).is_ok() {
            c.settle_within(24 * 3600 * 1000);
        }
        println!("{}", peak_resident_kib().unwrap_or(0));
        return;
    }
    let sizes: Vec<(i32, &str)> = match std::env::args().nth(1).and_then(|a| a.parse().ok()) {
        Some(n) => vec![(n, "Parallel")],
        None => vec![
            (1000, "Parallel"),
            (100, "OrderedReady"),
            (10_000, "Parallel"),
        ],
    };
    let mut parallel_medians = Vec::new();
    let empty_kib = settled_resident_kib(0, "Parallel");
    for (n, policy) in sizes {
        // Wall time on a shared machine varies from run to run, so each size is settled several
        // times in fresh clusters and the median is the figure; the spread is printed beside it.
        // Five runs of the largest size keep one slow run from moving the median.
        let runs = if n > 1000 { 5 } else { 7 };
        let mut times = Vec::with_capacity(runs);
        let mut reads = Vec::with_capacity(runs);
        let (mut virt, mut bytes, mut events) = (0, 0, 0);
        for _ in 0..runs {
            let (ms, v, b, (read_ms, e)) = run(n, policy);
            times.push(ms);
            reads.push(read_ms);
            (virt, bytes, events) = (v, b, e);
        }
        reads.sort_by(f64::total_cmp);
        let read = reads.get(runs / 2).copied().unwrap_or(0.0);
        times.sort_by(f64::total_cmp);
        let median = times.get(runs / 2).copied().unwrap_or(0.0);
        let best = times.first().copied().unwrap_or(0.0);
        let worst = times.last().copied().unwrap_or(0.0);
        println!(
            "settle {n:>6} replicas {policy:<12} {median:>9.1} ms wall (median of {runs}; {best:.1}–{worst:.1}), {:>7.1} s virtual, state {:.1} KiB/pod (serialised)",
            virt as f64 / 1000.0,
            bytes as f64 / 1024.0 / f64::from(n)
        );
        println!("       then a first read of all {events} events: {read:.1} ms (median)");
        if let (Some(kib), Some(empty)) = (settled_resident_kib(n, policy), empty_kib) {
            let kib = kib.saturating_sub(empty);
            println!(
                "       memory: a process that settles it once peaks {:.0} MiB above an empty cluster's, {:.1} KiB per pod",
                kib as f64 / 1024.0,
                kib as f64 / f64::from(n)
            );
        }
        if policy == "Parallel" {
            parallel_medians.push((n, median));
        }
    }
    // The goal is linear growth: 10,000 replicas within 12 times the time of 1000.
    if let [(1000, small), (10_000, large)] = parallel_medians[..] {
        println!(
            "10000 / 1000 replicas: {:.1}x (goal at most 12x)",
            large / small
        );
    }
}

/// The process's peak resident set in KiB (`VmHWM`), where the system reports it (Linux).
fn peak_resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The peak resident set of a fresh process that settles `replicas` replicas under `policy` once: the
/// memory the simulation needs, without the runs, reads and serialisations measured above. The
/// process is this program, started again with `--memory`.
fn settled_resident_kib(replicas: i32, policy: &str) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .args(["--memory", &replicas.to_string(), policy])
        .output()
        .ok()?;
    let kib: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
    (kib > 0).then_some(kib)
}
