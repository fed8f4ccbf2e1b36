//! `ls`: names in columns on a terminal, one per line in a pipe, and the long format.

use super::{bad_option, opts};
use crate::paths::normalize;
use crate::sh::interp::{Files, Proc, Stat, Tools};

/// Width of the terminal `ls` fills with columns.
const WIDTH: usize = 80;

struct Entry {
    name: String,
    stat: Stat,
    links: usize,
}

fn entry(fs: &dyn Files, path: &str, name: String, stat: Stat) -> Entry {
    let links = match stat {
        Stat::Dir => {
            2 + fs
                .list(path)
                .map(|l| l.iter().filter(|(_, s)| *s == Stat::Dir).count())
                .unwrap_or(0)
        }
        Stat::File(_) => 1,
    };
    Entry { name, stat, links }
}

fn human(bytes: usize) -> String {
    if bytes < 1024 {
        return bytes.to_string();
    }
    let units = ["K", "M", "G", "T"];
    let mut v = bytes as f64 / 1024.0;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    let unit = units.get(u).unwrap_or(&"T");
    if v < 10.0 {
        format!("{:.1}{unit}", (v * 10.0).ceil() / 10.0)
    } else {
        format!("{}{unit}", v.ceil() as u64)
    }
}

fn size_of(e: &Entry) -> usize {
    match e.stat {
        Stat::File(n) => n,
        Stat::Dir => 4096,
    }
}

fn blocks(e: &Entry) -> usize {
    size_of(e).div_ceil(4096) * 4
}

fn long(p: &Proc, entries: &[Entry], human_sizes: bool) -> String {
    let when = p.now.strftime("%b %e %H:%M").to_string();
    let sizes: Vec<String> = entries
        .iter()
        .map(|e| {
            if human_sizes {
                human(size_of(e))
            } else {
                size_of(e).to_string()
            }
        })
        .collect();
    let size_w = sizes.iter().map(String::len).max().unwrap_or(1);
    let link_w = entries
        .iter()
        .map(|e| e.links.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for (e, size) in entries.iter().zip(sizes) {
        let mode = match e.stat {
            Stat::Dir => "drwxr-xr-x",
            Stat::File(_) => "-rw-r--r--",
        };
        let line = match p.tools {
            Tools::Gnu => format!(
                "{mode} {:>link_w$} root root {size:>size_w$} {when} {}\n",
                e.links, e.name
            ),
            Tools::Busybox => format!(
                "{mode} {:>4} root     root     {size:>9} {when} {}\n",
                e.links, e.name
            ),
        };
        out.push_str(&line);
    }
    out
}

/// Lays names out in columns, filled top to bottom, as GNU ls does on an 80-column terminal.
fn columns(names: &[String], busybox: bool) -> String {
    if names.is_empty() {
        return String::new();
    }
    let lens: Vec<usize> = names.iter().map(|n| n.chars().count()).collect();
    let mut best_rows = names.len();
    let mut best_widths = vec![lens.iter().copied().max().unwrap_or(0)];
    for cols in (2..=names.len().clamp(1, WIDTH / 3)).rev() {
        let rows = names.len().div_ceil(cols);
        if rows * cols - names.len() >= rows {
            continue;
        }
        let widths: Vec<usize> = if busybox {
            let w = lens.iter().copied().max().unwrap_or(0) + 2;
            vec![w; cols]
        } else {
            (0..cols)
                .map(|c| {
                    lens.iter()
                        .skip(c * rows)
                        .take(rows)
                        .copied()
                        .max()
                        .unwrap_or(0)
                        + 2
                })
                .collect()
        };
        let total: usize = widths.iter().sum::<usize>() - 2;
        if total <= WIDTH {
            best_rows = rows;
            best_widths = widths;
            break;
        }
    }
    let cols = best_widths.len();
    let mut out = String::new();
    for r in 0..best_rows {
        let mut line = String::new();
        for c in 0..cols {
            let i = c * best_rows + r;
            let Some(name) = names.get(i) else { continue };
            line.push_str(name);
            let last_in_row = names.get((c + 1) * best_rows + r).is_none();
            if !last_in_row {
                let pad = best_widths
                    .get(c)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(name.chars().count());
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn render(
    p: &Proc,
    fs: &dyn Files,
    entries: &[Entry],
    long_format: bool,
    human_sizes: bool,
    one: bool,
    total: bool,
) -> String {
    if long_format {
        let mut out = String::new();
        if total {
            let t: usize = entries.iter().map(blocks).sum();
            out.push_str(&format!("total {t}\n"));
        }
        out.push_str(&long(p, entries, human_sizes));
        return out;
    }
    let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    let _ = fs;
    if p.tty && !one {
        columns(&names, p.tools == Tools::Busybox)
    } else {
        names.iter().map(|n| format!("{n}\n")).collect()
    }
}

pub(super) fn ls(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "laAh1dFRtrSs", "");
    if let Some(b) = &o.bad {
        let b = b.clone();
        bad_option(p, "ls", &b);
        return 2;
    }
    let operands = if o.operands.is_empty() {
        vec![".".to_string()]
    } else {
        o.operands.clone()
    };
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    let mut status = 0;
    for arg in &operands {
        let path = p.path(arg);
        match fs.stat(&path) {
            None => {
                let msg = match p.tools {
                    Tools::Gnu => format!("ls: cannot access '{arg}': No such file or directory\n"),
                    Tools::Busybox => format!("ls: {arg}: No such file or directory\n"),
                };
                p.err(&msg);
                status = if p.tools == Tools::Gnu { 2 } else { 1 };
            }
            Some(Stat::Dir) if !o.has('d') => dirs.push((arg.clone(), path)),
            Some(stat) => files.push(entry(fs, &path, arg.clone(), stat)),
        }
    }
    let one = o.has('1');
    let long_format = o.has('l');
    let mut out = String::new();
    if !files.is_empty() {
        out.push_str(&render(p, fs, &files, long_format, o.has('h'), one, false));
    }
    let recursive = o.has('R');
    let several = operands.len() > 1 || recursive;
    let mut i = 0;
    while let Some((arg, path)) = dirs.get(i).cloned() {
        if several {
            if !out.is_empty() || i > 0 {
                out.push('\n');
            }
            out.push_str(&format!("{arg}:\n"));
        }
        let mut entries = Vec::new();
        if o.has('a') {
            entries.push(entry(fs, &path, ".".into(), Stat::Dir));
            entries.push(entry(fs, &normalize(&path, ".."), "..".into(), Stat::Dir));
        }
        for (name, stat) in fs.list(&path).unwrap_or_default() {
            if name.starts_with('.') && !o.has('a') && !o.has('A') {
                continue;
            }
            let child = normalize(&path, &name);
            entries.push(entry(fs, &child, name, stat));
        }
        if o.has('r') {
            entries.reverse();
        }
        out.push_str(&render(p, fs, &entries, long_format, o.has('h'), one, true));
        if recursive && dirs.len() < 10_000 {
            let subdirs: Vec<(String, String)> = entries
                .iter()
                .filter(|e| e.stat == Stat::Dir && e.name != "." && e.name != "..")
                .map(|e| {
                    (
                        format!("{}/{}", arg.trim_end_matches('/'), e.name),
                        normalize(&path, &e.name),
                    )
                })
                .collect();
            for (k, d) in subdirs.into_iter().enumerate() {
                dirs.insert(i + 1 + k, d);
            }
        }
        i += 1;
    }
    p.out(&out);
    status
}
