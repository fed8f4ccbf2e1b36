//! `sed`: addresses (`N`, `$`, `/re/`, ranges), and the commands s, d, p, q, =, a, i, c, y.

use super::regex::Regex;
use super::sed_parse::{Addr, Cmd, Parser, Step};
use super::{inputs, lines, open_error, opts};
use crate::sh::interp::{Files, Proc, Tools};

fn hits(addr: &Addr, n: usize, last: bool, line: &str) -> bool {
    match addr {
        Addr::Line(k) => *k == n,
        Addr::Last => last,
        Addr::Re(r) => r.is_match(line),
    }
}

fn selected(step: &mut Step, n: usize, last: bool, line: &str) -> bool {
    let base = match (&step.from, &step.to) {
        (None, _) => true,
        (Some(a), None) => hits(a, n, last, line),
        (Some(a), Some(b)) => {
            if step.active {
                if hits(b, n, last, line) || matches!(b, Addr::Line(k) if *k <= n) {
                    step.active = false;
                }
                true
            } else if hits(a, n, last, line) {
                step.active = !matches!(b, Addr::Line(k) if *k <= n);
                true
            } else {
                false
            }
        }
    };
    base != step.negate
}

fn substitute(re: &Regex, rep: &str, line: &str, global: bool, nth: usize) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut from = 0;
    let mut count = 0;
    let mut changed = false;
    while let Some((s, e, caps)) = re.find_at(&chars, from) {
        count += 1;
        out.extend(chars.get(from..s).unwrap_or(&[]).iter());
        if count >= nth {
            changed = true;
            let mut r = rep.chars();
            while let Some(c) = r.next() {
                match c {
                    '&' => out.extend(chars.get(s..e).unwrap_or(&[]).iter()),
                    '\\' => match r.next() {
                        Some(d) if d.is_ascii_digit() => {
                            let k = d.to_digit(10).unwrap_or(0) as usize;
                            if let Some(Some((a, b))) = caps.get(k) {
                                out.extend(chars.get(*a..*b).unwrap_or(&[]).iter());
                            }
                        }
                        Some('n') => out.push('\n'),
                        Some(o) => out.push(o),
                        None => out.push('\\'),
                    },
                    other => out.push(other),
                }
            }
        } else {
            out.extend(chars.get(s..e).unwrap_or(&[]).iter());
        }
        if e == s {
            if let Some(c) = chars.get(s) {
                out.push(*c);
            }
            from = s + 1;
        } else {
            from = e;
        }
        if (changed && !global) || from > chars.len() || out.len() > 4_000_000 {
            break;
        }
    }
    out.extend(chars.get(from.min(chars.len())..).unwrap_or(&[]).iter());
    changed.then_some(out)
}

/// Runs a parsed script over text; the flag says `q` stopped it.
fn run(steps: &mut [Step], text: &str, quiet: bool, out: &mut String) -> bool {
    let all = lines(text);
    let count = all.len();
    for (i, line) in all.into_iter().enumerate() {
        let n = i + 1;
        let last = n == count;
        let mut space = line.to_string();
        let mut deleted = false;
        let mut after = String::new();
        let mut quit = false;
        for step in steps.iter_mut() {
            if !selected(step, n, last, &space) {
                continue;
            }
            match &step.cmd {
                Cmd::Subst {
                    re,
                    rep,
                    global,
                    nth,
                    print,
                } => {
                    if let Some(new) = substitute(re, rep, &space, *global, *nth) {
                        space = new;
                        if *print {
                            out.push_str(&space);
                            out.push('\n');
                        }
                    }
                }
                Cmd::Delete => {
                    deleted = true;
                    break;
                }
                Cmd::Print => {
                    out.push_str(&space);
                    out.push('\n');
                }
                Cmd::Quit => {
                    quit = true;
                    break;
                }
                Cmd::LineNo => out.push_str(&format!("{n}\n")),
                Cmd::Append(t) => {
                    after.push_str(t);
                    after.push('\n');
                }
                Cmd::Insert(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Cmd::Change(t) => {
                    out.push_str(t);
                    out.push('\n');
                    deleted = true;
                    break;
                }
                Cmd::Translate(a, b) => {
                    space = space
                        .chars()
                        .map(|c| {
                            a.iter()
                                .position(|x| *x == c)
                                .and_then(|i| b.get(i))
                                .copied()
                                .unwrap_or(c)
                        })
                        .collect();
                }
            }
        }
        if !deleted && !quiet {
            out.push_str(&space);
            out.push('\n');
        }
        out.push_str(&after);
        if quit {
            return true;
        }
    }
    false
}

pub(super) fn sed(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "nErisz", "ef");
    let mut operands = o.operands.clone();
    let mut scripts: Vec<String> = o.all('e').iter().map(|s| s.to_string()).collect();
    if scripts.is_empty() {
        if operands.is_empty() {
            let msg = match p.tools {
                Tools::Gnu => {
                    "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"
                }
                Tools::Busybox => {
                    "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n"
                }
            };
            p.err(msg);
            return 1;
        }
        scripts.push(operands.remove(0));
    }
    let mut parser = Parser {
        c: scripts.join("\n").chars().collect(),
        i: 0,
        ere: o.has('E') || o.has('r'),
        gnu: p.tools == Tools::Gnu,
        _p: std::marker::PhantomData,
    };
    let mut steps = match parser.script() {
        Ok(s) => s,
        Err(m) => {
            p.err(&m);
            return 1;
        }
    };
    if o.has('i') {
        let mut status = 0;
        for arg in &operands {
            let path = p.path(arg);
            match fs.read(&path) {
                Ok(text) => {
                    let mut out = String::new();
                    run(&mut steps, &text, o.has('n'), &mut out);
                    if let Err(e) = fs.write(&path, &out, false) {
                        p.err(&format!("sed: couldn't edit {arg}: {}\n", e.text()));
                        status = 4;
                    }
                }
                Err(e) => {
                    open_error(p, "sed", arg, e);
                    status = 2;
                }
            }
        }
        return status;
    }
    let (texts, failed) = inputs(p, fs, "sed", &operands);
    let text: String = texts.into_iter().map(|(_, t)| t).collect();
    let mut out = String::new();
    run(&mut steps, &text, o.has('n'), &mut out);
    p.out(&out);
    if failed { 2 } else { 0 }
}
