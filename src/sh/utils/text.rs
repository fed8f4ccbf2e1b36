//! Line filters: grep, head, tail, wc, cut, tr, nl.

use super::regex::Regex;
use super::{Opts, bad_option, inputs, lines, opts};
use crate::sh::interp::{Files, Proc, Tools};

pub(super) fn grep(p: &mut Proc, fs: &mut dyn Files, egrep: bool) -> i32 {
    let o = opts(p.args(), "ivcEFowlLnqshHxr", "em");
    if let Some(b) = &o.bad {
        let b = b.clone();
        bad_option(p, "grep", &b);
        return 2;
    }
    let mut operands = o.operands.clone();
    let mut patterns: Vec<String> = o.all('e').iter().map(|s| s.to_string()).collect();
    if patterns.is_empty() {
        if operands.is_empty() {
            let msg = match p.tools {
                Tools::Gnu => {
                    "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"
                }
                Tools::Busybox => {
                    "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n"
                }
            };
            p.err(msg);
            return 2;
        }
        patterns = operands.remove(0).split('\n').map(str::to_string).collect();
    }
    let regexes = match grep_regexes(&o, &patterns, egrep || o.has('E')) {
        Ok(r) => r,
        Err(e) => {
            p.err(&format!("grep: {e}\n"));
            return 2;
        }
    };
    let max: usize = o
        .value('m')
        .and_then(|m| m.parse().ok())
        .unwrap_or(usize::MAX);
    let (texts, failed) = inputs(p, fs, "grep", &operands);
    let show_names = (operands.len() > 1 || o.has('H')) && !o.has('h');
    let mut any = false;
    let mut out = String::new();
    for (name, text) in &texts {
        let shown = if name == "-" {
            "(standard input)"
        } else {
            name.as_str()
        };
        let count = grep_text(&o, &regexes, text, max, (show_names, shown), &mut out);
        any |= count > 0;
        if o.has('c') {
            if show_names {
                out.push_str(&format!("{shown}:{count}\n"));
            } else {
                out.push_str(&format!("{count}\n"));
            }
        }
        if o.has('l') && count > 0 {
            out.push_str(&format!("{shown}\n"));
        }
        if o.has('L') && count == 0 {
            out.push_str(&format!("{shown}\n"));
        }
    }
    if !o.has('q') {
        p.out(&out);
    }
    if failed && !(o.has('q') && any) {
        return 2;
    }
    i32::from(!any)
}

/// The patterns compiled as `-F`, `-x`, `-w`, `-i` and `-E` ask.
fn grep_regexes(o: &Opts, patterns: &[String], ere: bool) -> Result<Vec<Regex>, String> {
    let icase = o.has('i');
    let mut regexes = Vec::new();
    for pat in patterns {
        let wrapped = if o.has('F') {
            None
        } else if o.has('x') {
            Some(if ere {
                format!("^({pat})$")
            } else {
                format!("^\\({pat}\\)$")
            })
        } else if o.has('w') {
            Some(if ere {
                format!("\\b({pat})\\b")
            } else {
                format!("\\b\\({pat}\\)\\b")
            })
        } else {
            Some(pat.clone())
        };
        let re = match wrapped {
            None => Ok(Regex::literal(pat, icase)),
            Some(w) => Regex::new(&w, ere, icase),
        };
        regexes.push(re?);
    }
    Ok(regexes)
}

/// Greps one input into `out` (up to `max` matches); returns how many lines matched.
fn grep_text(
    o: &Opts,
    regexes: &[Regex],
    text: &str,
    max: usize,
    (show_names, shown): (bool, &str),
    out: &mut String,
) -> usize {
    let mut count = 0;
    for (n, line) in lines(text).into_iter().enumerate() {
        if count >= max {
            break;
        }
        let chars: Vec<char> = line.chars().collect();
        let hit = regexes.iter().any(|r| r.find_at(&chars, 0).is_some());
        if hit == o.has('v') {
            continue;
        }
        count += 1;
        if o.has('q') || o.has('l') || o.has('L') || o.has('c') {
            continue;
        }
        let prefix = match (show_names, o.has('n')) {
            (true, true) => format!("{shown}:{}:", n + 1),
            (true, false) => format!("{shown}:"),
            (false, true) => format!("{}:", n + 1),
            (false, false) => String::new(),
        };
        if o.has('o') && !o.has('v') {
            only_matching(out, regexes, &chars, &prefix);
        } else {
            out.push_str(&format!("{prefix}{line}\n"));
        }
        if out.len() > 4_000_000 {
            break;
        }
    }
    count
}

/// `-o`: each non-empty match on its own line.
fn only_matching(out: &mut String, regexes: &[Regex], chars: &[char], prefix: &str) {
    for r in regexes {
        let mut from = 0;
        while let Some((s, e, _)) = r.find_at(chars, from) {
            if e > s {
                let m: String = chars.get(s..e).unwrap_or(&[]).iter().collect();
                out.push_str(&format!("{prefix}{m}\n"));
            }
            from = e.max(s + 1);
            if from > chars.len() {
                break;
            }
        }
    }
}

/// Reads `-n N`, `-N`, `-n +N`: (count, from-start for tail's `+N`, negative for head's `-n -N`).
fn count_arg(args: &[String]) -> (Vec<String>, Option<String>) {
    let mut rest = Vec::new();
    let mut n = None;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        if a == "-n" || a == "-c" {
            n = args.get(i).cloned();
            i += 1;
        } else if let Some(v) = a.strip_prefix("-n").filter(|v| !v.is_empty()) {
            n = Some(v.to_string());
        } else if let Some(v) = a.strip_prefix("--lines=") {
            n = Some(v.to_string());
        } else if a.len() > 1 && a.starts_with('-') && a.chars().skip(1).all(|c| c.is_ascii_digit())
        {
            n = a.get(1..).map(str::to_string);
        } else {
            rest.push(a.clone());
        }
    }
    (rest, n)
}

pub(super) fn head_tail(p: &mut Proc, fs: &mut dyn Files, head: bool) -> i32 {
    let tool = if head { "head" } else { "tail" };
    let bytes = p.args().iter().any(|a| a == "-c");
    let (rest, n) = count_arg(p.args());
    let follow = rest.iter().any(|a| a == "-f" || a == "-F");
    let operands: Vec<String> = rest
        .into_iter()
        .filter(|a| !a.starts_with('-') || a == "-")
        .collect();
    let spec = n.unwrap_or_else(|| "10".into());
    let from_start = !head && spec.starts_with('+');
    let negative = head && spec.starts_with('-');
    let count: usize = match spec.trim_start_matches(['+', '-']).parse() {
        Ok(c) => c,
        Err(_) => {
            let what = if bytes { "bytes" } else { "lines" };
            let msg = match p.tools {
                Tools::Gnu => format!("{tool}: invalid number of {what}: '{spec}'\n"),
                Tools::Busybox => format!("{tool}: invalid number '{spec}'\n"),
            };
            p.err(&msg);
            return 1;
        }
    };
    let (texts, failed) = inputs(p, fs, tool, &operands);
    let headers = texts.len() > 1;
    let mut out = String::new();
    for (i, (name, text)) in texts.iter().enumerate() {
        if headers {
            if i > 0 {
                out.push('\n');
            }
            let shown = if name == "-" {
                "standard input"
            } else {
                name.as_str()
            };
            out.push_str(&format!("==> {shown} <==\n"));
        }
        if bytes {
            let chars: Vec<char> = text.chars().collect();
            let len = chars.len();
            let range = match (head, negative, from_start) {
                (true, false, _) => 0..count.min(len),
                (true, true, _) => 0..len.saturating_sub(count),
                (false, _, true) => count.saturating_sub(1).min(len)..len,
                (false, _, false) => len.saturating_sub(count)..len,
            };
            out.extend(chars.get(range).unwrap_or(&[]).iter());
            continue;
        }
        let all: Vec<&str> = text.split_inclusive('\n').collect();
        let len = all.len();
        let range = match (head, negative, from_start) {
            (true, false, _) => 0..count.min(len),
            (true, true, _) => 0..len.saturating_sub(count),
            (false, _, true) => count.saturating_sub(1).min(len)..len,
            (false, _, false) => len.saturating_sub(count)..len,
        };
        for l in all.get(range).unwrap_or(&[]) {
            out.push_str(l);
        }
    }
    p.out(&out);
    let _ = follow;
    i32::from(failed)
}

pub(super) fn wc(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "lwcmL", "");
    if let Some(b) = &o.bad {
        let b = b.clone();
        bad_option(p, "wc", &b);
        return 1;
    }
    let (mut l, mut w, mut c) = (o.has('l'), o.has('w'), o.has('c') || o.has('m'));
    if !l && !w && !c {
        (l, w, c) = (true, true, true);
    }
    let (texts, failed) = inputs(p, fs, "wc", &o.operands);
    let mut rows: Vec<(Vec<usize>, String)> = Vec::new();
    let mut totals = [0usize; 3];
    for (name, text) in &texts {
        let counts = [
            text.matches('\n').count(),
            text.split_whitespace().count(),
            if o.has('m') {
                text.chars().count()
            } else {
                text.len()
            },
        ];
        for (t, v) in totals.iter_mut().zip(counts) {
            *t += v;
        }
        let picked: Vec<usize> = {
            let [nl, nw, nc] = counts;
            [(l, nl), (w, nw), (c, nc)]
        }
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, v)| *v)
        .collect();
        rows.push((
            picked,
            if name == "-" {
                String::new()
            } else {
                name.clone()
            },
        ));
    }
    if texts.len() > 1 {
        let picked: Vec<usize> = {
            let [tl, tw, tc] = totals;
            [(l, tl), (w, tw), (c, tc)]
        }
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, v)| *v)
        .collect();
        rows.push((picked, "total".into()));
    }
    let columns = usize::from(l) + usize::from(w) + usize::from(c);
    let stdin = o.operands.is_empty();
    let width = match p.tools {
        Tools::Busybox if columns == 1 => 0,
        Tools::Busybox => 9,
        Tools::Gnu if columns == 1 && rows.len() == 1 => 0,
        Tools::Gnu => {
            let max = rows
                .iter()
                .flat_map(|(v, _)| v.iter())
                .max()
                .copied()
                .unwrap_or(0);
            let digits = max.to_string().len();
            if stdin { digits.max(7) } else { digits }
        }
    };
    let mut out = String::new();
    for (values, name) in rows {
        let cells: Vec<String> = values.iter().map(|v| format!("{v:>width$}")).collect();
        let mut line = cells.join(" ");
        if !name.is_empty() {
            line.push(' ');
            line.push_str(&name);
        }
        out.push_str(&line);
        out.push('\n');
    }
    p.out(&out);
    i32::from(failed)
}
