//! `sort` and `uniq`.

use std::cmp::Ordering;

use super::{bad_option, inputs, lines, opts};
use crate::sh::interp::{Files, Proc};

/// The leading number of a line as `sort -n` reads it (0 when there is none).
fn leading_number(s: &str) -> f64 {
    let t = s.trim_start();
    let end = t
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-')))
        .map_or(t.len(), |(i, _)| i);
    t.get(..end).and_then(|n| n.parse().ok()).unwrap_or(0.0)
}

/// The sort key of a line: fields `start` to `end` (1-based), split by `sep` or by blanks.
fn key(line: &str, start: usize, end: Option<usize>, sep: Option<char>) -> String {
    let fields: Vec<&str> = match sep {
        Some(c) => line.split(c).collect(),
        None => line.split_whitespace().collect(),
    };
    let last = end.unwrap_or(fields.len()).min(fields.len());
    let first = start.saturating_sub(1);
    if first >= last {
        return String::new();
    }
    let joiner = sep.map_or(" ".to_string(), |c| c.to_string());
    fields.get(first..last).unwrap_or(&[]).join(&joiner)
}

pub(super) fn sort(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "rnuhfbVs", "kto");
    if let Some(b) = &o.bad {
        let b = b.clone();
        bad_option(p, "sort", &b);
        return 2;
    }
    let sep = o.value('t').and_then(|t| t.chars().next());
    let (kstart, kend) = match o.value('k') {
        Some(k) => {
            let k = k
                .split(|c: char| !c.is_ascii_digit() && c != ',')
                .next()
                .unwrap_or("1");
            let (a, b) = k.split_once(',').unwrap_or((k, ""));
            (a.parse().unwrap_or(1), b.parse().ok())
        }
        None => (1, None),
    };
    let keyed = o.value('k').is_some();
    let numeric = o.has('n') || o.has('h') || o.value('k').is_some_and(|k| k.contains('n'));
    let reverse = o.has('r') || o.value('k').is_some_and(|k| k.contains('r'));
    let (texts, failed) = inputs(p, fs, "sort", &o.operands);
    if failed {
        return 2;
    }
    let mut all: Vec<String> = texts
        .iter()
        .flat_map(|(_, t)| lines(t))
        .map(str::to_string)
        .collect();
    let key_of = |l: &str| {
        if keyed {
            key(l, kstart, kend, sep)
        } else {
            l.to_string()
        }
    };
    let compare = |a: &String, b: &String| -> Ordering {
        let (ka, kb) = (key_of(a), key_of(b));
        if numeric {
            leading_number(&ka)
                .partial_cmp(&leading_number(&kb))
                .unwrap_or(Ordering::Equal)
        } else if o.has('f') {
            ka.to_lowercase().cmp(&kb.to_lowercase())
        } else {
            ka.cmp(&kb)
        }
    };
    crate::order::sort_by(&mut all, |a, b| {
        let c = compare(a, b);
        let c = if c == Ordering::Equal && !o.has('u') && !o.has('s') {
            a.cmp(b)
        } else {
            c
        };
        if reverse { c.reverse() } else { c }
    });
    if o.has('u') {
        all.dedup_by(|a, b| compare(a, b) == Ordering::Equal);
    }
    let mut out = String::new();
    for l in all {
        out.push_str(&l);
        out.push('\n');
    }
    p.out(&out);
    0
}

pub(super) fn uniq(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "cdui", "f");
    if let Some(b) = &o.bad {
        let b = b.clone();
        bad_option(p, "uniq", &b);
        return 1;
    }
    let (texts, failed) = inputs(p, fs, "uniq", o.operands.get(..1).unwrap_or(&[]));
    let mut groups: Vec<(String, usize)> = Vec::new();
    for (_, text) in &texts {
        for line in lines(text) {
            let same = groups.last().is_some_and(|(l, _)| {
                if o.has('i') {
                    l.to_lowercase() == line.to_lowercase()
                } else {
                    l == line
                }
            });
            match groups.last_mut() {
                Some((_, n)) if same => *n += 1,
                _ => groups.push((line.to_string(), 1)),
            }
        }
    }
    let mut out = String::new();
    for (line, n) in groups {
        if (o.has('d') && n < 2) || (o.has('u') && n > 1) {
            continue;
        }
        if o.has('c') {
            out.push_str(&format!("{n:>7} {line}\n"));
        } else {
            out.push_str(&line);
            out.push('\n');
        }
    }
    p.out(&out);
    i32::from(failed)
}
