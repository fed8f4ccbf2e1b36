//! Reading the front matter's values with their places: every error names the line and column
//! of the value it is about.

use serde_json::{Map, Value};

use crate::manifest::Document;

/// A mistake in a lesson file, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// A value of the front matter and where it is.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    value: &'a Value,
    doc: &'a Document,
    path: &'a str,
    /// Lines before the front matter's first line (the opening `---`).
    offset: usize,
}

/// Owned path storage for child nodes: paths are built as the reader walks down.
pub struct Owned<'a> {
    value: &'a Value,
    doc: &'a Document,
    path: String,
    offset: usize,
}

impl<'a> Owned<'a> {
    /// The node.
    pub fn node(&self) -> Node<'_> {
        Node {
            value: self.value,
            doc: self.doc,
            path: &self.path,
            offset: self.offset,
        }
    }
}

impl<'a> Node<'a> {
    /// The root of a document whose first line is line `offset + 1` of the file.
    pub fn root(value: &'a Value, doc: &'a Document, offset: usize) -> Node<'a> {
        Node {
            value,
            doc,
            path: "",
            offset,
        }
    }

    /// An error about this value.
    pub fn error(&self, message: impl Into<String>) -> LessonError {
        let pos = if self.path.is_empty() {
            crate::manifest::Pos {
                line: self.doc.first_line,
                column: 1,
                offset: 0,
            }
        } else {
            self.doc.value_position_of(self.path)
        };
        LessonError {
            line: pos.line + self.offset,
            column: pos.column,
            message: message.into(),
        }
    }

    /// The value.
    pub fn value(&self) -> &'a Value {
        self.value
    }

    /// The value as a map, refusing keys not in `known`.
    pub fn map(&self, what: &str, known: &[&str]) -> Result<&'a Map<String, Value>, LessonError> {
        let Value::Object(map) = self.value else {
            return Err(self.error(format!("{what} must be a map")));
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                let child = self.child_path(key);
                let pos = self.doc.position_of(&child);
                return Err(LessonError {
                    line: pos.line + self.offset,
                    column: pos.column,
                    message: format!(
                        "unknown key \"{key}\" in {what} (known: {})",
                        known.join(", ")
                    ),
                });
            }
        }
        Ok(map)
    }

    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value under `key`, if present (and not null).
    pub fn get(&self, key: &str) -> Option<Owned<'a>> {
        let value = self.value.get(key).filter(|v| !v.is_null())?;
        Some(Owned {
            value,
            doc: self.doc,
            path: self.child_path(key),
            offset: self.offset,
        })
    }

    /// The value under `key`, which must be present.
    pub fn need(&self, key: &str, what: &str) -> Result<Owned<'a>, LessonError> {
        self.get(key)
            .ok_or_else(|| self.error(format!("{what} needs \"{key}\"")))
    }

    /// The items of a list.
    pub fn items(&self, what: &str) -> Result<Vec<Owned<'a>>, LessonError> {
        let Value::Array(items) = self.value else {
            return Err(self.error(format!("{what} must be a list")));
        };
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, value)| Owned {
                value,
                doc: self.doc,
                path: format!("{}[{i}]", self.path),
                offset: self.offset,
            })
            .collect())
    }

    /// The value as text: a string, or a number or boolean written as one.
    pub fn text(&self, what: &str) -> Result<String, LessonError> {
        match self.value {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            _ => Err(self.error(format!("{what} must be text"))),
        }
    }

    /// The value as text that is not blank.
    pub fn line(&self, what: &str) -> Result<String, LessonError> {
        let text = self.text(what)?;
        if text.trim().is_empty() {
            return Err(self.error(format!("{what} must not be empty")));
        }
        Ok(text)
    }

    /// The value as a whole number.
    pub fn whole(&self, what: &str) -> Result<u64, LessonError> {
        self.value
            .as_u64()
            .ok_or_else(|| self.error(format!("{what} must be a whole number")))
    }

    /// The value as a number.
    pub fn number(&self, what: &str) -> Result<f64, LessonError> {
        match self.value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| self.error(format!("{what} must be a number")))
    }

    /// The value as a boolean.
    pub fn flag(&self, what: &str) -> Result<bool, LessonError> {
        self.value
            .as_bool()
            .ok_or_else(|| self.error(format!("{what} must be true or false")))
    }

    /// The value as a Go duration (`90s`, `2m`), in milliseconds.
    pub fn duration(&self, what: &str) -> Result<u64, LessonError> {
        let text = self.text(what)?;
        let ms = crate::kubectl::duration::parse_go_duration(&text)
            .map_err(|e| self.error(format!("{what}: {}", e.trim_start_matches("time: "))))?;
        u64::try_from(ms).map_err(|_| self.error(format!("{what} must not be negative")))
    }
}
