//! Double-quoted escapes as go-yaml reads them.
//!
//! go-yaml accepts `\'` (a single quote) and rejects `\/`; libyaml 0.2.5 does the opposite.
//! Learners do write `"it\'s"`, so a `\'` that libyaml rejects is replaced by `\a` (same
//! length, so every mark stays where it was) and the parse is retried; the BEL characters
//! those produce are turned back into quotes. A `\/` that libyaml accepted is reported the
//! way go-yaml reports it.

use super::libyaml::{Mark, Stage, SyntaxError};
use super::tree::{self, Tree, TreeError};

/// How many `\'` escapes are repaired before giving up and reporting libyaml's error.
const MAX_REPAIRS: usize = 64;

/// Builds the tree of `text`, reading escapes like go-yaml.
pub(crate) fn build(text: &[u8]) -> Result<Option<Tree>, TreeError> {
    let bom = if text.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut input = text.to_vec();
    let mut repaired: Vec<usize> = Vec::new();
    loop {
        match tree::build(&input, &repaired) {
            Err(TreeError::Syntax(e))
                if e.problem == "found unknown escape character"
                    && repaired.len() < MAX_REPAIRS =>
            {
                let at = e.problem_mark.index + bom;
                if input.get(at..at + 2) != Some(&b"\\'"[..]) {
                    return Err(TreeError::Syntax(e));
                }
                if let Some(c) = input.get_mut(at + 1) {
                    *c = b'a';
                }
                repaired.push(at);
            }
            other => return other,
        }
    }
}

/// Checks the escapes of a double-quoted scalar spanning `input[start..end]` (the quotes
/// included) and turns the BEL characters of repaired `\'` escapes back into quotes.
pub(crate) fn fix_scalar(
    input: &[u8],
    start: Mark,
    bom: usize,
    end: usize,
    repaired: &[usize],
    value: &mut String,
) -> Result<(), SyntaxError> {
    let first = start.index + bom;
    let span = input.get(first..end.min(input.len())).unwrap_or_default();
    // For each escape that yields BEL, whether it is a repaired quote.
    let mut bells: Vec<bool> = Vec::new();
    let mut i = 1;
    while i < span.len() {
        if span.get(i) != Some(&b'\\') {
            i += 1;
            continue;
        }
        let rest = span.get(i + 1..).unwrap_or_default();
        match rest.first() {
            Some(b'/') => return Err(unknown_escape(span, start, i)),
            Some(b'a') => bells.push(repaired.contains(&(first + i))),
            Some(b'x' | b'u' | b'U') => {
                let digits = match rest.first() {
                    Some(b'x') => 2,
                    Some(b'u') => 4,
                    _ => 8,
                };
                let code = rest
                    .get(1..=digits)
                    .and_then(|d| std::str::from_utf8(d).ok());
                if code.and_then(|c| u32::from_str_radix(c, 16).ok()) == Some(7) {
                    bells.push(false);
                }
            }
            _ => {}
        }
        i += 2;
    }
    if bells.iter().any(|&b| b) {
        let mut n = 0;
        *value = value
            .chars()
            .map(|c| {
                if c != '\u{7}' {
                    return c;
                }
                n += 1;
                if bells.get(n - 1).copied().unwrap_or(false) {
                    '\''
                } else {
                    c
                }
            })
            .collect();
    }
    Ok(())
}

/// go-yaml's error for an escape it does not know, at the backslash.
fn unknown_escape(span: &[u8], start: Mark, at: usize) -> SyntaxError {
    let before = span.get(..at).unwrap_or_default();
    let breaks = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let chars = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count();
    let mark = Mark {
        index: start.index + at,
        line: start.line + breaks,
        column: if breaks == 0 {
            start.column + chars
        } else {
            chars
        },
    };
    SyntaxError {
        stage: Stage::Scanner,
        problem: "found unknown escape character".to_string(),
        problem_mark: mark,
        problem_offset: mark.index,
        context: "while parsing a quoted scalar".to_string(),
        context_mark: start,
    }
}
