//! `find` and `tee`.

use super::{inputs, opts};
use crate::paths::normalize;
use crate::sh::interp::{Files, Proc, Stat, Tools, glob};

fn gnu(p: &Proc) -> bool {
    p.tools == Tools::Gnu
}

pub(super) fn find(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let args = p.args().to_vec();
    let mut roots = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i).filter(|a| !a.starts_with('-')) {
        roots.push(a.clone());
        i += 1;
    }
    if roots.is_empty() {
        roots.push(".".into());
    }
    let (mut name, mut kind, mut max_depth) = (None, None, usize::MAX);
    while let Some(a) = args.get(i) {
        let value = args.get(i + 1).cloned();
        match a.as_str() {
            "-name" => name = value,
            "-type" => kind = value,
            "-maxdepth" => max_depth = value.and_then(|v| v.parse().ok()).unwrap_or(usize::MAX),
            other => {
                p.err(&format!("find: unknown predicate `{other}'\n"));
                return 1;
            }
        }
        i += 2;
    }
    let mut status = 0;
    for root in roots {
        let abs = p.path(&root);
        if fs.stat(&abs).is_none() {
            let msg = if gnu(p) {
                format!("find: '{root}': No such file or directory\n")
            } else {
                format!("find: {root}: No such file or directory\n")
            };
            p.err(&msg);
            status = 1;
            continue;
        }
        let mut stack = vec![(root.clone(), abs, 0usize)];
        let mut out = String::new();
        while let Some((shown, path, depth)) = stack.pop() {
            let stat = fs.stat(&path);
            let base = if depth == 0 {
                shown.as_str()
            } else {
                shown.rsplit('/').next().unwrap_or("")
            };
            let name_ok = name.as_deref().is_none_or(|n| glob::matches(n, base));
            let kind_ok = match kind.as_deref() {
                Some("f") => matches!(stat, Some(Stat::File(_))),
                Some("d") => stat == Some(Stat::Dir),
                _ => true,
            };
            if name_ok && kind_ok {
                out.push_str(&shown);
                out.push('\n');
            }
            if stat == Some(Stat::Dir) && depth < max_depth && out.len() < 1_000_000 {
                let mut children = fs.list(&path).unwrap_or_default();
                children.reverse();
                for (child, _) in children {
                    let s = format!("{}/{child}", shown.trim_end_matches('/'));
                    stack.push((s, normalize(&path, &child), depth + 1));
                }
            }
        }
        p.out(&out);
    }
    status
}

pub(super) fn tee(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "ai", "");
    let (texts, _) = inputs(p, fs, "tee", &[]);
    let text: String = texts.into_iter().map(|(_, t)| t).collect();
    let mut status = 0;
    for arg in &o.operands {
        let path = p.path(arg);
        let r = crate::sh::interp::io::check_writable(fs, &path)
            .and_then(|()| fs.write(&path, &text, o.has('a')));
        if let Err(e) = r {
            p.err(&format!("tee: {arg}: {}\n", e.text()));
            status = 1;
        }
    }
    p.out(&text);
    status
}
