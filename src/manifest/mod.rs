//! YAML text to documents, with a field-path to line:column map and diagnostics; and values
//! back to text the way `kubectl get -o yaml` prints them (`-o json` is `gofmt::json`).
//!
//! This is the only module that touches a YAML library. Parsing goes through libyaml's event
//! parser (`unsafe-libyaml`, already used by serde_yaml): go-yaml, which kubectl uses, is a
//! port of libyaml, so syntax errors come out with kubectl's wording and line numbers, and
//! every event carries the marks the editor needs. Values follow go-yaml v2 and
//! sigs.k8s.io/yaml (see `resolve` and `decode` for the rules).
//!
//! Reading follows kubectl (cli-runtime's `StreamVisitor` over apimachinery's
//! `YAMLOrJSONDecoder`): the text is cut at `---` lines, each piece is parsed on its own (so
//! error lines count from the piece's first line), pieces that hold nothing (comments, blank
//! lines, `null`) are skipped, and reading stops at the first piece that fails. `apply` and
//! `create` collect objects with `ContinueOnError`, so the pieces before the failure are still
//! sent, and the error is printed after them ([`Parsed::objects`], [`Parsed::kubectl_error`]).
//! The editor still gets diagnostics for every piece.
//!
//! Known differences from kubectl, all in inputs a learner is unlikely to write:
//! - libyaml 0.2.5 is newer than the libyaml go-yaml was ported from: it rejects `:` directly
//!   followed by `,[]{}` inside flow collections, and it checks unfinished implicit keys more
//!   eagerly, which can change the message of some broken flow or multi-key lines.
//! - Nesting deeper than 256 levels and alias expansion beyond 200000 nodes are refused
//!   (go-yaml allows 10000 levels and roughly 400000 nodes).
//! - A file starting with `{` is read as YAML; kubectl reads it with a JSON decoder, so its
//!   syntax errors would be worded differently.

mod decode;
mod emit;
mod emit_scalar;
mod escapes;
mod libyaml;
mod locate;
mod merge;
mod paths;
mod resolve;
mod split;
mod tree;

#[cfg(test)]
mod tests;

pub use emit::to_yaml;
pub use locate::{FieldPos, Pos, Span, position_of};

use decode::DecodeError;
use libyaml::{Mark, Stage, SyntaxError};
use paths::PosNode;
use serde_json::Value;
use tree::TreeError;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// kubectl would refuse the document (or the API server would reject it).
    Error,
    /// Accepted, but probably not what the author meant.
    Warning,
}

/// A problem to show in the editor, positioned at 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Short text for the editor, e.g. `mapping values are not allowed in this context`.
    pub message: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// Where the underline ends (exclusive), at or after the start: its line.
    pub end_line: usize,
    /// The column where the underline ends (exclusive).
    pub end_column: usize,
    /// Index of the document (see [`Document::index`]).
    pub doc_index: usize,
    /// What kubectl prints after `error: error parsing <file>: `, when kubectl would stop
    /// here, e.g. `error converting YAML to JSON: yaml: line 12: did not find expected key`.
    pub kubectl: Option<String>,
}

/// One piece of the text between `---` separators.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 0-based position among the pieces of the text; stable while other pieces change.
    pub index: usize,
    /// The JSON value; `None` when the piece is empty, `null`, or failed to parse.
    pub value: Option<Value>,
    /// 1-based first line of the piece (separator lines excluded).
    pub first_line: usize,
    /// 1-based last line of the piece.
    pub last_line: usize,
    /// Index into [`Parsed::diagnostics`] of the error that makes kubectl stop here.
    pub error: Option<usize>,
    text: String,
    offset: usize,
    positions: Option<PosNode>,
}

/// The result of [`parse`]: every piece of the text and every diagnostic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    documents: Vec<Document>,
    diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// All pieces of the text, in order, including empty and failed ones.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// All diagnostics, in text order per document.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The documents kubectl acts on: those with a value, before the first failing piece.
    pub fn objects(&self) -> impl Iterator<Item = &Document> {
        self.documents
            .iter()
            .take_while(|d| d.error.is_none())
            .filter(|d| d.value.is_some())
    }

    /// The error that stops kubectl's reading of the file, if any.
    pub fn kubectl_error(&self) -> Option<&Diagnostic> {
        let index = self.documents.iter().find_map(|d| d.error)?;
        self.diagnostics.get(index)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The document whose lines include `line` (1-based).
    pub fn document_at_line(&self, line: usize) -> Option<&Document> {
        self.documents
            .iter()
            .find(|d| (d.first_line..=d.last_line).contains(&line))
    }
}

/// Parses a whole file. Never fails and never panics; problems become diagnostics.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (index, chunk) in split::split(text).into_iter().enumerate() {
        let piece = text.get(chunk.start..chunk.end).unwrap_or_default();
        let mut doc = Document {
            index,
            value: None,
            first_line: chunk.first_line + 1,
            last_line: chunk.last_line + 1,
            error: None,
            text: piece.to_string(),
            offset: chunk.start,
            positions: None,
        };
        if let Some(bad) = &chunk.bad_separator {
            // kubectl fails while reading, before it parses this piece.
            let pos = locate::pos_in(text, 0, 0, bad.offset);
            let message = format!("invalid Yaml document separator: {}", bad.trailing);
            let line_len = text
                .get(bad.offset..)
                .map_or(3, |t| t.lines().next().map_or(3, |l| l.chars().count()));
            doc.error = Some(parsed.diagnostics.len());
            parsed.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                message: message.clone(),
                line: pos.line,
                column: pos.column,
                end_line: pos.line,
                end_column: pos.column + line_len,
                doc_index: index,
                kubectl: Some(message),
            });
        }
        read_document(&mut doc, &mut parsed.diagnostics);
        if chunk.bad_separator.is_some() {
            doc.value = None;
        }
        parsed.documents.push(doc);
    }
    parsed
}

/// Parses one piece and records its value, positions and diagnostics.
fn read_document(doc: &mut Document, diagnostics: &mut Vec<Diagnostic>) {
    // libyaml skips a byte order mark without counting it in its offsets.
    let bom = if doc.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let failure = match escapes::build(doc.text.as_bytes()) {
        Ok(None) => None,
        Ok(Some(tree)) => {
            let decoded = decode::decode(&tree);
            doc.positions = decoded.positions;
            for (key, start, end) in decoded.duplicates {
                let (start, end) = (doc.pos(start.index + bom), doc.pos(end.index + bom));
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    message: format!("duplicate key \"{key}\": kubectl keeps only this last value"),
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    doc_index: doc.index,
                    kubectl: None,
                });
            }
            match decoded.value {
                Ok(Value::Null) => None,
                Ok(value) => {
                    doc.value = Some(value);
                    None
                }
                Err(DecodeError::Yaml(msg, at)) => {
                    Some((format!("yaml: {msg}"), msg, at.index + bom))
                }
                Err(DecodeError::Convert(msg, at)) => Some((msg.clone(), msg, at.index + bom)),
            }
        }
        Err(TreeError::Failed { message, at }) => {
            Some((format!("yaml: {message}"), message, at.index + bom))
        }
        Err(TreeError::Syntax(e)) => {
            let offset = match e.stage {
                Stage::Reader => e.problem_offset,
                // An unclosed quote or a key without `:` is found far from its cause; the
                // editor points at the cause (the quote, the key) instead.
                _ if points_at_context(&e) => e.context_mark.index + bom,
                _ => e.problem_mark.index + bom,
            };
            Some((go_yaml_error(&e), problem(&e), offset))
        }
    };
    if let Some((kubectl, message, offset)) = failure {
        doc.value = None;
        let pos = doc.pos(offset);
        if doc.error.is_none() {
            doc.error = Some(diagnostics.len());
        }
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            message,
            line: pos.line,
            column: pos.column,
            end_line: pos.line,
            end_column: pos.column + 1,
            doc_index: doc.index,
            kubectl: Some(format!("error converting YAML to JSON: {kubectl}")),
        });
    }
}

fn points_at_context(e: &SyntaxError) -> bool {
    matches!(
        (e.context.as_str(), e.problem.as_str()),
        ("while scanning a simple key", _)
            | (
                "while scanning a quoted scalar",
                "found unexpected end of stream"
            )
    )
}

fn problem(e: &SyntaxError) -> String {
    if e.problem.is_empty() {
        "unknown problem parsing YAML content".to_string()
    } else {
        e.problem.clone()
    }
}

/// go-yaml's error text: `yaml: line N: problem`. Marks are 0-based; go-yaml adds one only
/// for scanner errors, so parser errors name the line before the problem. A problem on the
/// first line falls back to the context's line, and to no line at all.
fn go_yaml_error(e: &SyntaxError) -> String {
    let line = if e.problem_mark.line != 0 {
        e.problem_mark.line + usize::from(e.stage == Stage::Scanner)
    } else {
        e.context_mark.line
    };
    if line == 0 {
        format!("yaml: {}", problem(e))
    } else {
        format!("yaml: line {line}: {}", problem(e))
    }
}

impl Document {
    /// Converts an offset inside this piece to a position in the whole text.
    fn pos(&self, local: usize) -> Pos {
        locate::pos_in(
            &self.text,
            self.offset,
            self.first_line.saturating_sub(1),
            local,
        )
    }

    fn mark(&self, m: Mark) -> Pos {
        let bom = if self.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        self.pos(m.index + bom)
    }
}
