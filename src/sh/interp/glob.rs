//! Shell patterns (`*`, `?`, `[a-z]`, `[!x]`, `\x`) for `case`, `${x#…}`, `[[ == ]]` and file names.

use super::io::{Files, Stat};

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Char(char),
    Any,
    Star,
    /// A bracket class: negated, and ranges (a single char is a range of one).
    Class(bool, Vec<(char, char)>),
}

fn compile(pattern: &str) -> Vec<Tok> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '\\' => {
                if let Some(&n) = chars.get(i) {
                    out.push(Tok::Char(n));
                    i += 1;
                } else {
                    out.push(Tok::Char('\\'));
                }
            }
            '*' => {
                if out.last() != Some(&Tok::Star) {
                    out.push(Tok::Star);
                }
            }
            '?' => out.push(Tok::Any),
            '[' => match class(&chars, i) {
                Some((tok, next)) => {
                    out.push(tok);
                    i = next;
                }
                None => out.push(Tok::Char('[')),
            },
            _ => out.push(Tok::Char(c)),
        }
    }
    out
}

/// Reads a bracket class starting after `[`; None if it is not closed.
fn class(chars: &[char], start: usize) -> Option<(Tok, usize)> {
    let mut i = start;
    let negated = matches!(chars.get(i), Some('!' | '^'));
    if negated {
        i += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(i)?;
        if c == ']' && !first {
            return Some((Tok::Class(negated, ranges), i + 1));
        }
        first = false;
        if c == '[' && chars.get(i + 1) == Some(&':') {
            let rest: String = chars.get(i + 2..)?.iter().collect();
            let end = rest.find(":]")?;
            let name = rest.get(..end)?;
            ranges.extend(named_class(name));
            i += 2 + end + 2;
            continue;
        }
        let lo = if c == '\\' {
            i += 1;
            *chars.get(i)?
        } else {
            c
        };
        if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|n| *n != ']') {
            let hi = *chars.get(i + 2)?;
            ranges.push((lo, hi));
            i += 3;
        } else {
            ranges.push((lo, lo));
            i += 1;
        }
    }
}

fn named_class(name: &str) -> Vec<(char, char)> {
    match name {
        "digit" => vec![('0', '9')],
        "alpha" => vec![('a', 'z'), ('A', 'Z')],
        "alnum" => vec![('a', 'z'), ('A', 'Z'), ('0', '9')],
        "upper" => vec![('A', 'Z')],
        "lower" => vec![('a', 'z')],
        "space" => vec![(' ', ' '), ('\t', '\r')],
        "xdigit" => vec![('0', '9'), ('a', 'f'), ('A', 'F')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        _ => Vec::new(),
    }
}

fn one(tok: &Tok, c: char) -> bool {
    match tok {
        Tok::Char(x) => *x == c,
        Tok::Any => true,
        Tok::Star => true,
        Tok::Class(neg, ranges) => ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *neg,
    }
}

/// How many character comparisons one expansion may spend on pattern matching.
const MATCH_BUDGET: usize = 20_000_000;

fn matches_compiled(p: &[Tok], t: &[char], budget: &mut usize) -> bool {
    // Classic backtracking over the last star: linear in practice, quadratic at worst.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match p.get(pi) {
            Some(Tok::Star) => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(tok) if t.get(ti).is_some_and(|c| one(tok, *c)) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).unwrap_or(&[]).iter().all(|t| *t == Tok::Star)
}

/// Whether `text` matches the whole `pattern`.
pub fn matches(pattern: &str, text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    matches_compiled(&compile(pattern), &chars, &mut MATCH_BUDGET.clone())
}

/// The length in chars of the shortest or longest prefix of `text` that matches `pattern`.
pub fn prefix_len(pattern: &str, text: &str, longest: bool) -> Option<usize> {
    let p = compile(pattern);
    let chars: Vec<char> = text.chars().collect();
    let mut lens: Vec<usize> = (0..=chars.len()).collect();
    if longest {
        lens.reverse();
    }
    let mut budget = MATCH_BUDGET;
    lens.into_iter()
        .find(|n| matches_compiled(&p, chars.get(..*n).unwrap_or(&[]), &mut budget))
}

/// The length in chars of the shortest or longest suffix of `text` that matches `pattern`.
pub fn suffix_len(pattern: &str, text: &str, longest: bool) -> Option<usize> {
    let p = compile(pattern);
    let chars: Vec<char> = text.chars().collect();
    let mut lens: Vec<usize> = (0..=chars.len()).collect();
    if longest {
        lens.reverse();
    }
    let mut budget = MATCH_BUDGET;
    lens.into_iter().find(|n| {
        let from = chars.len() - n;
        matches_compiled(&p, chars.get(from..).unwrap_or(&[]), &mut budget)
    })
}

/// Whether a pattern has unescaped glob characters.
pub fn has_magic(pattern: &str) -> bool {
    compile(pattern).iter().any(|t| !matches!(t, Tok::Char(_)))
}

/// Removes the backslash escapes of a pattern.
pub fn unescape(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(chars.next().unwrap_or('\\'));
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes glob characters so that text matches itself.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Expands a file-name pattern against `fs` from `cwd`; sorted matches, or empty if none.
pub fn expand_path(fs: &dyn Files, cwd: &str, pattern: &str) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    let segments: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    // Each candidate: (path as shown, absolute path).
    let mut current: Vec<(String, String)> = vec![if absolute {
        (String::new(), "/".to_string())
    } else {
        (String::new(), cwd.to_string())
    }];
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let mut next = Vec::new();
        for (shown, abs) in &current {
            let join = |name: &str| {
                let s = if shown.is_empty() && !absolute {
                    name.to_string()
                } else {
                    format!("{shown}/{name}")
                };
                (s, crate::paths::normalize(abs, name))
            };
            if !has_magic(seg) {
                let name = unescape(seg);
                let (s, a) = join(&name);
                if last || fs.stat(&a) == Some(Stat::Dir) || name == ".." || name == "." {
                    next.push((s, a));
                }
                continue;
            }
            let Ok(entries) = fs.list(abs) else { continue };
            for (name, stat) in entries {
                if name.starts_with('.') && !seg.starts_with('.') {
                    continue;
                }
                if !matches(seg, &name) || (!last && stat != Stat::Dir) {
                    continue;
                }
                next.push(join(&name));
            }
        }
        current = next;
        if current.len() > 10_000 {
            current.truncate(10_000);
        }
    }
    let mut out: Vec<String> = current
        .into_iter()
        .filter(|(_, a)| fs.stat(a).is_some())
        .map(|(s, _)| s)
        .collect();
    crate::order::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_like_fnmatch() {
        assert!(matches("web-*", "web-0"));
        assert!(matches("*.yaml", "web.yaml"));
        assert!(!matches("*.yaml", "web.yml"));
        assert!(matches("w?b-[0-9]", "web-1"));
        assert!(!matches("web-[!0-9]", "web-1"));
        assert!(matches("a\\*b", "a*b"));
        assert!(!matches("a\\*b", "axb"));
        assert!(matches("*a*b*c*", "xxaxxbxxcxx"));
        assert!(matches("[[:digit:]]*", "3pods"));
        assert!(matches("[", "["));
    }

    #[test]
    fn prefixes_and_suffixes() {
        assert_eq!(prefix_len("*/", "a/b/c", false), Some(2));
        assert_eq!(prefix_len("*/", "a/b/c", true), Some(4));
        assert_eq!(suffix_len(".*", "web.yaml.bak", false), Some(4));
        assert_eq!(suffix_len(".*", "web.yaml.bak", true), Some(9));
        assert_eq!(suffix_len("x", "abc", true), None);
    }
}
