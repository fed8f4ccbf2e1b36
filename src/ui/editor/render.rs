//! The editor's drawn layer: highlighted tokens with diagnostics underlined, as text nodes only.

use yew::prelude::*;

use super::highlight::{Token, highlight};
use crate::manifest::{Diagnostic, Severity};

/// A diagnostic in 0-based line and character-column terms, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// First line.
    pub line: usize,
    /// First column.
    pub col: usize,
    /// Last line.
    pub end_line: usize,
    /// Column after the last character.
    pub end_col: usize,
    /// Error (or warning).
    pub error: bool,
    /// The message.
    pub message: String,
}

impl Mark {
    /// The mark of a manifest diagnostic (which counts from 1).
    pub fn of(d: &Diagnostic) -> Mark {
        Mark {
            line: d.line.saturating_sub(1),
            col: d.column.saturating_sub(1),
            end_line: d.end_line.saturating_sub(1),
            end_col: d.end_column.saturating_sub(1),
            error: d.severity == Severity::Error,
            message: d.message.clone(),
        }
    }

    /// The columns it covers on `line` of `len` characters (at least one).
    pub fn span_on(&self, line: usize, len: usize) -> Option<(usize, usize)> {
        if line < self.line || line > self.end_line {
            return None;
        }
        let start = if line == self.line { self.col } else { 0 };
        let end = if line == self.end_line {
            self.end_col
        } else {
            len
        };
        Some((start, end.max(start + 1)))
    }
}

/// Whether a (0-based) line and column fall under the mark.
pub fn covers(mark: &Mark, line: usize, col: usize, len: usize) -> bool {
    mark.span_on(line, len)
        .is_some_and(|(s, e)| col >= s && col < e)
}

/// The highlighted layer for `text` with `marks` underlined.
pub fn layer(text: &str, marks: &[Mark]) -> Html {
    let lines = highlight(text);
    let count = lines.len();
    html! {
        <>
            { for lines.into_iter().enumerate().map(|(i, tokens)| line(i, &tokens, marks, i + 1 == count)) }
        </>
    }
}

fn line(index: usize, tokens: &[Token], marks: &[Mark], last: bool) -> Html {
    let len: usize = tokens.iter().map(|t| t.text.chars().count()).sum();
    // Which character columns are underlined, and how.
    let mut under: Vec<Option<bool>> = vec![None; len + 1];
    for mark in marks {
        if let Some((s, e)) = mark.span_on(index, len) {
            for slot in under.iter_mut().take(e.min(len + 1)).skip(s) {
                *slot = Some(slot.unwrap_or(false) || mark.error);
            }
        }
    }
    let mut pieces: Vec<Html> = Vec::new();
    for token in tokens {
        let chars: Vec<char> = token.text.chars().collect();
        let mut run = String::new();
        let mut run_mark = under.get(token.start).copied().flatten();
        for (offset, c) in chars.iter().enumerate() {
            let here = under.get(token.start + offset).copied().flatten();
            if here != run_mark && !run.is_empty() {
                pieces.push(span(token.tok.css(), run_mark, std::mem::take(&mut run)));
            }
            run_mark = here;
            run.push(*c);
        }
        if !run.is_empty() {
            pieces.push(span(token.tok.css(), run_mark, run));
        }
    }
    // A mark at the end of the line (a missing value, say) gets a visible blank to underline.
    if let Some(error) = under.get(len).copied().flatten() {
        pieces.push(span("", Some(error), " ".to_string()));
    }
    let newline = if last { "" } else { "\n" };
    html! { <>{ for pieces }{newline}</> }
}

fn span(class: &'static str, mark: Option<bool>, text: String) -> Html {
    let diag = match mark {
        Some(true) => "diag diag--error",
        Some(false) => "diag diag--warning",
        None => "",
    };
    if class.is_empty() && diag.is_empty() {
        return html! { {text} };
    }
    html! { <span class={classes!(class, diag)}>{text}</span> }
}
