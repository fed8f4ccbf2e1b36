//! Positions of fields in the text, by API field path, for the editor's underlines.

use super::paths::{self, PosNode};
use super::{Diagnostic, Document, Severity};

/// A place in the text: 1-based line, 1-based column in characters, and byte offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset from the start of the text.
    pub offset: usize,
}

/// A range of text, `end` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// The first character.
    pub start: Pos,
    /// Just past the last character.
    pub end: Pos,
}

/// Where a field is: its key (absent for list items and the root) and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldPos {
    /// The key, if the field has one.
    pub key: Option<Span>,
    /// The value.
    pub value: Span,
}

/// The position of the key at `path` in `doc`, or of its nearest existing ancestor.
pub fn position_of(doc: &Document, path: &str) -> Pos {
    doc.position_of(path)
}

/// Position of byte `local` of `piece`, where `piece` starts at byte `base` and line
/// `base_line` (0-based) of the whole text. Offsets past the end or inside a character are
/// moved back to the nearest character boundary.
pub(crate) fn pos_in(piece: &str, base: usize, base_line: usize, local: usize) -> Pos {
    let mut local = local.min(piece.len());
    while !piece.is_char_boundary(local) {
        local -= 1;
    }
    let before = piece.get(..local).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count());
    Pos {
        line: base_line + before.matches('\n').count() + 1,
        column: column + 1,
        offset: base + local,
    }
}

impl Document {
    /// Where the field at `path` is, if it exists exactly.
    pub fn find(&self, path: &str) -> Option<FieldPos> {
        let root = self.positions.as_ref()?;
        let (node, found) = paths::lookup(root, path);
        found.then(|| self.field_pos(node))
    }

    /// The key at `path` (the item itself for list items), or the key of the nearest ancestor
    /// that exists, so that `spec.selector` points at `spec` when `selector` is missing.
    pub fn position_of(&self, path: &str) -> Pos {
        self.span_of(path).start
    }

    /// The value at `path`, or the key of the nearest existing ancestor.
    pub fn value_position_of(&self, path: &str) -> Pos {
        match self.find(path) {
            Some(f) => f.value.start,
            None => self.position_of(path),
        }
    }

    /// The span to underline for `path`: the key (or list item) found, falling back to the
    /// nearest existing ancestor, or the document's first line when nothing is known.
    pub fn span_of(&self, path: &str) -> Span {
        let Some(root) = self.positions.as_ref() else {
            let start = self.line_start();
            return Span { start, end: start };
        };
        let (node, _) = paths::lookup(root, path);
        let f = self.field_pos(node);
        f.key.unwrap_or(f.value)
    }

    /// A diagnostic for an API error about `path` (e.g. `spec.replicas`), placed on the field
    /// or on its nearest existing ancestor.
    pub fn diagnostic(&self, path: &str, message: &str, severity: Severity) -> Diagnostic {
        let span = self.span_of(path);
        Diagnostic {
            severity,
            message: message.to_string(),
            line: span.start.line,
            column: span.start.column,
            end_line: span.end.line,
            end_column: span.end.column,
            doc_index: self.index,
            kubectl: None,
        }
    }

    fn field_pos(&self, node: &PosNode) -> FieldPos {
        FieldPos {
            key: node.key.map(|(s, e)| Span {
                start: self.mark(s),
                end: self.mark(e),
            }),
            value: Span {
                start: self.mark(node.start),
                end: self.mark(node.end),
            },
        }
    }

    fn line_start(&self) -> Pos {
        Pos {
            line: self.first_line,
            column: 1,
            offset: self.offset,
        }
    }
}
