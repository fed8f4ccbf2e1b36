//! File tools: cat, mkdir, rm, rmdir, touch, cp, mv, find, tee.

use super::{bad_option, open_error, opts};
use crate::paths::normalize;
use crate::sh::interp::{Files, FsError, Proc, Stat, Tools};

fn gnu(p: &Proc) -> bool {
    p.tools == Tools::Gnu
}

fn missing_operand(p: &mut Proc, tool: &str) -> i32 {
    if gnu(p) {
        p.err(&format!(
            "{tool}: missing operand\nTry '{tool} --help' for more information.\n"
        ));
    } else {
        p.err(&format!("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: {tool} [OPTIONS] FILE...\n"));
    }
    1
}

pub(super) fn cat(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "nAbeEsTuv", "");
    if let Some(b) = &o.bad {
        let b = b.clone();
        bad_option(p, "cat", &b);
        return 1;
    }
    let mut status = 0;
    let operands = if o.operands.is_empty() {
        vec!["-".to_string()]
    } else {
        o.operands.clone()
    };
    let mut number = 0usize;
    for arg in operands {
        let text = if arg == "-" {
            Ok(p.stdin())
        } else {
            fs.read(&p.path(&arg))
        };
        match text {
            Ok(t) if o.has('n') => {
                let mut out = String::new();
                for line in t.split_inclusive('\n') {
                    number += 1;
                    out.push_str(&format!("{number:>6}\t{line}"));
                }
                p.out(&out);
            }
            Ok(t) => p.out(&t),
            Err(FsError::IsDir) if !gnu(p) => {
                p.err("cat: read error: Is a directory\n");
                status = 1;
            }
            Err(e) => {
                open_error(p, "cat", &arg, e);
                status = 1;
            }
        }
        if p.full() {
            break;
        }
    }
    status
}

pub(super) fn mkdir(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "pv", "m");
    if o.operands.is_empty() {
        return missing_operand(p, "mkdir");
    }
    let mut status = 0;
    for arg in &o.operands {
        let path = p.path(arg);
        let result = if o.has('p') {
            mkdir_p(fs, &path)
        } else if fs.stat(&path).is_some() {
            Err(FsError::Exists)
        } else {
            fs.mkdir(&path)
        };
        if let Err(e) = result {
            let msg = if gnu(p) {
                format!("mkdir: cannot create directory '{arg}': {}\n", e.text())
            } else {
                format!("mkdir: can't create directory '{arg}': {}\n", e.text())
            };
            p.err(&msg);
            status = 1;
        } else if o.has('v') {
            p.out(&format!("mkdir: created directory '{arg}'\n"));
        }
    }
    status
}

/// Creates a directory and its missing parents.
pub(super) fn mkdir_p(fs: &mut dyn Files, path: &str) -> Result<(), FsError> {
    let mut current = String::new();
    for part in path.split('/').filter(|s| !s.is_empty()) {
        current.push('/');
        current.push_str(part);
        match fs.stat(&current) {
            Some(Stat::Dir) => {}
            Some(Stat::File(_)) => return Err(FsError::Exists),
            None => fs.mkdir(&current)?,
        }
    }
    Ok(())
}

pub(super) fn rm(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "rRfivd", "");
    if let Some(b) = &o.bad {
        let b = b.clone();
        bad_option(p, "rm", &b);
        return 1;
    }
    if o.operands.is_empty() {
        if o.has('f') {
            return 0;
        }
        return missing_operand(p, "rm");
    }
    let recursive = o.has('r') || o.has('R');
    let mut status = 0;
    for arg in &o.operands {
        let path = p.path(arg);
        if path == "/" && recursive {
            p.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
            status = 1;
            continue;
        }
        let problem = match fs.stat(&path) {
            None if o.has('f') => continue,
            None => Some(FsError::NotFound),
            Some(Stat::Dir) if !recursive => Some(FsError::IsDir),
            Some(_) => fs.remove(&path).err(),
        };
        if let Some(e) = problem {
            let msg = match (gnu(p), e) {
                (true, _) => format!("rm: cannot remove '{arg}': {}\n", e.text()),
                (false, FsError::IsDir) => format!("rm: '{arg}' is a directory\n"),
                (false, _) => format!("rm: can't remove '{arg}': {}\n", e.text()),
            };
            p.err(&msg);
            status = 1;
        }
    }
    status
}

pub(super) fn rmdir(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "p", "");
    if o.operands.is_empty() {
        return missing_operand(p, "rmdir");
    }
    let mut status = 0;
    for arg in &o.operands {
        let path = p.path(arg);
        let problem = match fs.stat(&path) {
            None => Some(FsError::NotFound),
            Some(Stat::File(_)) => Some(FsError::NotDir),
            Some(Stat::Dir) if fs.list(&path).is_ok_and(|l| !l.is_empty()) => {
                Some(FsError::NotEmpty)
            }
            Some(Stat::Dir) => fs.remove(&path).err(),
        };
        if let Some(e) = problem {
            let msg = if gnu(p) {
                format!("rmdir: failed to remove '{arg}': {}\n", e.text())
            } else {
                format!("rmdir: '{arg}': {}\n", e.text())
            };
            p.err(&msg);
            status = 1;
        }
    }
    status
}

pub(super) fn touch(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "acm", "dtr");
    if o.operands.is_empty() {
        return missing_operand(p, "touch");
    }
    let mut status = 0;
    for arg in &o.operands {
        let path = p.path(arg);
        if fs.stat(&path).is_some() {
            continue;
        }
        let result = crate::sh::interp::io::check_writable(fs, &path)
            .and_then(|()| fs.write(&path, "", false));
        if let Err(e) = result {
            let msg = if gnu(p) {
                format!("touch: cannot touch '{arg}': {}\n", e.text())
            } else {
                format!("touch: {arg}: {}\n", e.text())
            };
            p.err(&msg);
            status = 1;
        }
    }
    status
}

/// Copies a file or a directory tree; returns the first error.
fn copy_tree(fs: &mut dyn Files, from: &str, to: &str, depth: usize) -> Result<(), FsError> {
    match fs.stat(from) {
        Some(Stat::File(_)) => {
            let text = fs.read(from)?;
            crate::sh::interp::io::check_writable(fs, to)?;
            fs.write(to, &text, false)
        }
        Some(Stat::Dir) => {
            if depth > 64 || to.starts_with(&format!("{from}/")) {
                return Err(FsError::Exists);
            }
            if fs.stat(to).is_none() {
                fs.mkdir(to)?;
            }
            for (name, _) in fs.list(from)? {
                copy_tree(
                    fs,
                    &format!("{}/{name}", from.trim_end_matches('/')),
                    &format!("{}/{name}", to.trim_end_matches('/')),
                    depth + 1,
                )?;
            }
            Ok(())
        }
        None => Err(FsError::NotFound),
    }
}

pub(super) fn cp_mv(p: &mut Proc, fs: &mut dyn Files, mv: bool) -> i32 {
    let tool = if mv { "mv" } else { "cp" };
    let o = opts(p.args(), "rRfapvin", "");
    let recursive = mv || o.has('r') || o.has('R') || o.has('a');
    let Some((dest_arg, sources)) = o.operands.split_last() else {
        return missing_operand(p, tool);
    };
    if sources.is_empty() {
        let msg = if gnu(p) {
            format!(
                "{tool}: missing destination file operand after '{dest_arg}'\nTry '{tool} --help' for more information.\n"
            )
        } else {
            format!(
                "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: {tool} [OPTIONS] SOURCE... DEST\n"
            )
        };
        p.err(&msg);
        return 1;
    }
    let dest = p.path(dest_arg);
    let dest_is_dir = fs.stat(&dest) == Some(Stat::Dir);
    if sources.len() > 1 && !dest_is_dir {
        p.err(&format!("{tool}: target '{dest_arg}' is not a directory\n"));
        return 1;
    }
    let mut status = 0;
    for src_arg in sources {
        let src = p.path(src_arg);
        let Some(kind) = fs.stat(&src) else {
            let msg = match (gnu(p), mv) {
                (true, _) => {
                    format!("{tool}: cannot stat '{src_arg}': No such file or directory\n")
                }
                (false, true) => {
                    format!("mv: can't rename '{src_arg}': No such file or directory\n")
                }
                (false, false) => {
                    format!("cp: can't stat '{src_arg}': No such file or directory\n")
                }
            };
            p.err(&msg);
            status = 1;
            continue;
        };
        if kind == Stat::Dir && !recursive {
            let msg = if gnu(p) {
                format!("cp: -r not specified; omitting directory '{src_arg}'\n")
            } else {
                format!("cp: omitting directory '{src_arg}'\n")
            };
            p.err(&msg);
            status = 1;
            continue;
        }
        let name = src.rsplit('/').next().unwrap_or("");
        let target = if dest_is_dir {
            normalize(&dest, name)
        } else {
            dest.clone()
        };
        if target == src {
            continue;
        }
        let result = copy_tree(fs, &src, &target, 0)
            .and_then(|()| if mv { fs.remove(&src) } else { Ok(()) });
        if let Err(e) = result {
            let shown = if dest_is_dir {
                format!("{}/{name}", dest_arg.trim_end_matches('/'))
            } else {
                dest_arg.clone()
            };
            let msg = if gnu(p) {
                format!(
                    "{tool}: cannot create regular file '{shown}': {}\n",
                    e.text()
                )
            } else {
                format!("{tool}: can't create '{shown}': {}\n", e.text())
            };
            p.err(&msg);
            status = 1;
        }
    }
    status
}
