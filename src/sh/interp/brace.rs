//! Brace expansion (`web-{0,1}`, `{0..2}`, `{a..e}`), done before any other expansion, as bash does.

use crate::sh::syntax::{Part, Word};

/// The most words one brace expansion may produce.
pub const MAX_WORDS: usize = 100_000;

/// Finds the first `{…}` group in unquoted text that expands: (start, end) byte offsets of the braces.
fn group(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(open) = s.get(start..).and_then(|r| r.find('{')).map(|i| i + start) {
        let mut depth = 0usize;
        for (i, b) in bytes.iter().enumerate().skip(open) {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        let inner = s.get(open + 1..i).unwrap_or("");
                        if alternatives(inner).is_some() {
                            return Some((open, i));
                        }
                        break;
                    }
                }
                _ => {}
            }
        }
        start = open + 1;
    }
    None
}

/// The alternatives of a group's inside: comma-separated at the top level, or a sequence.
fn alternatives(inner: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut last = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(inner.get(last..i).unwrap_or("").to_string());
                last = i + 1;
            }
            _ => {}
        }
    }
    if !parts.is_empty() {
        parts.push(inner.get(last..).unwrap_or("").to_string());
        return Some(parts);
    }
    sequence(inner)
}

/// `a..b` or `a..b..step` for integers or single letters.
fn sequence(inner: &str) -> Option<Vec<String>> {
    let pieces: Vec<&str> = inner.split("..").collect();
    let (from, to, step) = match pieces.as_slice() {
        [a, b] => (*a, *b, 1i64),
        [a, b, s] => (*a, *b, s.parse::<i64>().ok()?.checked_abs()?.max(1)),
        _ => return None,
    };
    if let (Ok(a), Ok(b)) = (from.parse::<i64>(), to.parse::<i64>()) {
        // Longer sequences are cut one past the limit, so the caller reports the limit.
        let count = ((a.abs_diff(b) / step.unsigned_abs()) as usize + 1).min(MAX_WORDS + 1);
        let width =
            if from.starts_with('0') && from.len() > 1 || to.starts_with('0') && to.len() > 1 {
                from.len().max(to.len())
            } else {
                0
            };
        let dir = if b >= a { step } else { -step };
        return Some(
            (0..count)
                .map(|k| format!("{:0width$}", a + dir * k as i64))
                .collect(),
        );
    }
    let (mut fa, mut fb) = (from.chars(), to.chars());
    match (fa.next(), fa.next(), fb.next(), fb.next()) {
        (Some(a), None, Some(b), None) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            let (lo, hi) = (a.min(b), a.max(b));
            let mut v: Vec<String> = (lo..=hi).step_by(step as usize).map(String::from).collect();
            if b < a {
                v.reverse();
            }
            Some(v)
        }
        _ => None,
    }
}

/// Expands the braces of a word into words; the flag says the limit cut the list short.
pub fn expand(word: &Word) -> (Vec<Word>, bool) {
    let mut out = Vec::new();
    let mut todo = vec![word.clone()];
    let mut cut = false;
    while let Some(w) = todo.pop() {
        let found = w.iter().enumerate().find_map(|(i, p)| match p {
            Part::Lit(s) => group(s).map(|g| (i, s.clone(), g)),
            _ => None,
        });
        let Some((i, s, (open, close))) = found else {
            out.push(w);
            continue;
        };
        let inner = s.get(open + 1..close).unwrap_or("");
        let (before, after) = (
            s.get(..open).unwrap_or(""),
            s.get(close + 1..).unwrap_or(""),
        );
        let alts = alternatives(inner).unwrap_or_default();
        for alt in alts.into_iter().rev() {
            if out.len() + todo.len() >= MAX_WORDS {
                cut = true;
                break;
            }
            let mut next = w.clone();
            if let Some(slot) = next.get_mut(i) {
                *slot = Part::Lit(format!("{before}{alt}{after}"));
            }
            todo.push(next);
        }
    }
    (out, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let (ws, _) = expand(&vec![Part::Lit(text.to_string())]);
        ws.into_iter()
            .map(|w| match w.as_slice() {
                [Part::Lit(s)] => s.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn lists_sequences_and_nesting() {
        assert_eq!(words("web-{0,1}"), ["web-0", "web-1"]);
        assert_eq!(words("{0..2}"), ["0", "1", "2"]);
        assert_eq!(words("{3..1}"), ["3", "2", "1"]);
        assert_eq!(words("{01..03}"), ["01", "02", "03"]);
        assert_eq!(words("{a..c}"), ["a", "b", "c"]);
        assert_eq!(words("{0..10..5}"), ["0", "5", "10"]);
        assert_eq!(words("a{b,c{d,e}}f"), ["abf", "acdf", "acef"]);
        assert_eq!(words("{x}"), ["{x}"]);
        assert_eq!(words("{}"), ["{}"]);
        assert_eq!(words("{a,b}{1,2}"), ["a1", "a2", "b1", "b2"]);
    }
}
