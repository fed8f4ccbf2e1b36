//! Field and character filters: cut, tr, nl.

use super::{inputs, lines, opts};
use crate::sh::interp::{Files, Proc, Tools};

/// Parses `1,3-5,7-` into inclusive 1-based ranges.
fn ranges(list: &str) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for piece in list.split(',') {
        let (a, b) = match piece.split_once('-') {
            Some((a, b)) => (a, b),
            None => (piece, piece),
        };
        let lo = if a.is_empty() { 1 } else { a.parse().ok()? };
        let hi = if b.is_empty() {
            usize::MAX
        } else {
            b.parse().ok()?
        };
        if lo == 0 {
            return None;
        }
        out.push((lo, hi));
    }
    Some(out)
}

pub(super) fn cut(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "sn", "dfcb");
    let delim = o
        .value('d')
        .map_or('\t', |d| d.chars().next().unwrap_or('\t'));
    let (list, fields) = match (o.value('f'), o.value('c').or(o.value('b'))) {
        (Some(f), _) => (f.to_string(), true),
        (None, Some(c)) => (c.to_string(), false),
        _ => {
            let msg = match p.tools {
                Tools::Gnu => {
                    "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n"
                }
                Tools::Busybox => "cut: expected a list of bytes, characters, or fields\n",
            };
            p.err(msg);
            return 1;
        }
    };
    let Some(rs) = ranges(&list) else {
        let msg = match p.tools {
            Tools::Gnu => format!(
                "cut: invalid field value '{list}'\nTry 'cut --help' for more information.\n"
            ),
            Tools::Busybox => format!("cut: invalid range '{list}'\n"),
        };
        p.err(&msg);
        return 1;
    };
    let selected = |i: usize| rs.iter().any(|(lo, hi)| (*lo..=*hi).contains(&i));
    let (texts, failed) = inputs(p, fs, "cut", &o.operands);
    let mut out = String::new();
    for (_, text) in &texts {
        for line in lines(text) {
            if fields {
                if !line.contains(delim) {
                    if !o.has('s') {
                        out.push_str(line);
                        out.push('\n');
                    }
                    continue;
                }
                let picked: Vec<&str> = line
                    .split(delim)
                    .enumerate()
                    .filter(|(i, _)| selected(i + 1))
                    .map(|(_, f)| f)
                    .collect();
                out.push_str(&picked.join(&delim.to_string()));
            } else {
                out.extend(
                    line.chars()
                        .enumerate()
                        .filter(|(i, _)| selected(i + 1))
                        .map(|(_, c)| c),
                );
            }
            out.push('\n');
        }
    }
    p.out(&out);
    i32::from(failed)
}

/// Expands a `tr` set: ranges, classes and escapes.
fn tr_set(s: &str) -> Vec<char> {
    let classes = [
        ("[:lower:]", "abcdefghijklmnopqrstuvwxyz"),
        ("[:upper:]", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        ("[:digit:]", "0123456789"),
        ("[:space:]", " \t\n\r\u{b}\u{c}"),
        ("[:blank:]", " \t"),
        (
            "[:alpha:]",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ),
        (
            "[:alnum:]",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        ),
        ("[:punct:]", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    ];
    let mut expanded = s.to_string();
    for (name, set) in classes {
        expanded = expanded.replace(name, set);
    }
    let (text, _) = crate::sh::interp::builtins_unescape(&expanded, false);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if chars.get(i + 1) == Some(&'-')
            && let Some(&hi) = chars.get(i + 2)
            && hi >= c
        {
            let span = (hi as u32).saturating_sub(c as u32);
            if span < 70_000 {
                out.extend((c..=hi).take(70_000));
            }
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

pub(super) fn tr(p: &mut Proc) -> i32 {
    let o = opts(p.args(), "dscC", "");
    let set1 = o.operands.first().map(|s| tr_set(s)).unwrap_or_default();
    let set2 = o.operands.get(1).map(|s| tr_set(s)).unwrap_or_default();
    if o.operands.is_empty() || (!o.has('d') && !o.has('s') && set2.is_empty()) {
        let msg = match p.tools {
            Tools::Gnu => "tr: missing operand\nTry 'tr --help' for more information.\n",
            Tools::Busybox => {
                "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: tr [-cds] STRING1 [STRING2]\n"
            }
        };
        p.err(msg);
        return 1;
    }
    let text = p.stdin();
    let mut out = String::new();
    let squeeze: &[char] = if set2.is_empty() { &set1 } else { &set2 };
    for c in text.chars() {
        let mapped = if o.has('d') {
            if set1.contains(&c) {
                continue;
            }
            c
        } else {
            match set1.iter().position(|x| *x == c) {
                Some(i) if !set2.is_empty() => *set2.get(i).or(set2.last()).unwrap_or(&c),
                _ => c,
            }
        };
        if o.has('s') && squeeze.contains(&mapped) && out.ends_with(mapped) {
            continue;
        }
        out.push(mapped);
    }
    p.out(&out);
    0
}

pub(super) fn nl(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "", "bw");
    let (texts, failed) = inputs(p, fs, "nl", &o.operands);
    let mut out = String::new();
    let mut n = 0;
    for (_, text) in &texts {
        for line in lines(text) {
            if line.is_empty() {
                out.push('\n');
                continue;
            }
            n += 1;
            out.push_str(&format!("{n:>6}\t{line}\n"));
        }
    }
    p.out(&out);
    i32::from(failed)
}
