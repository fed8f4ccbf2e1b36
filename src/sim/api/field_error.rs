//! Field-level validation errors and the messages the API server and kubectl build from them.

use std::fmt;

use serde_json::Value;

use super::field_path::FieldPath;
use crate::gofmt::json::marshal as go_json;
use crate::gofmt::quote::quote as go_quote;

/// The kind of a field error; each renders with its canonical phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Invalid value`
    Invalid,
    /// `Required value`
    Required,
    /// `Forbidden`
    Forbidden,
    /// `Unsupported value`
    NotSupported,
    /// `Not found`
    NotFound,
    /// `Duplicate value`
    Duplicate,
    /// `Too long`
    TooLong,
    /// `Too many`
    TooMany,
    /// `Internal error`
    Internal,
}

impl ErrorKind {
    /// The phrase apimachinery prints for this kind.
    pub fn phrase(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "Invalid value",
            ErrorKind::Required => "Required value",
            ErrorKind::Forbidden => "Forbidden",
            ErrorKind::NotSupported => "Unsupported value",
            ErrorKind::NotFound => "Not found",
            ErrorKind::Duplicate => "Duplicate value",
            ErrorKind::TooLong => "Too long",
            ErrorKind::TooMany => "Too many",
            ErrorKind::Internal => "Internal error",
        }
    }

    /// The machine-readable cause type (`FieldValueInvalid`, …) sent in the Status causes.
    pub fn cause_type(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "FieldValueInvalid",
            ErrorKind::Required => "FieldValueRequired",
            ErrorKind::Forbidden => "FieldValueForbidden",
            ErrorKind::NotSupported => "FieldValueNotSupported",
            ErrorKind::NotFound => "FieldValueNotFound",
            ErrorKind::Duplicate => "FieldValueDuplicate",
            ErrorKind::TooLong => "FieldValueTooLong",
            ErrorKind::TooMany => "FieldValueTooMany",
            ErrorKind::Internal => "InternalError",
        }
    }
}

/// A bad value as the API server prints it: strings quoted, integers bare, anything else as JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// Printed with Go's `%q`.
    Str(String),
    /// Printed bare.
    Int(i64),
    /// Printed bare.
    Bool(bool),
    /// Structured values (maps, lists, structs) printed as compact JSON with sorted keys, as Go
    /// marshals maps.
    Json(Value),
    /// Text already rendered the way Go marshals it (structs keep declaration order).
    Raw(String),
    /// The value is left out of the message.
    Omitted,
}

impl BadValue {
    fn render(&self) -> String {
        match self {
            BadValue::Str(s) => go_quote(s),
            BadValue::Int(i) => i.to_string(),
            BadValue::Bool(b) => b.to_string(),
            BadValue::Json(v) => go_json(v),
            BadValue::Raw(s) => s.clone(),
            BadValue::Omitted => String::new(),
        }
    }
}

impl From<&str> for BadValue {
    fn from(s: &str) -> Self {
        BadValue::Str(s.to_string())
    }
}

impl From<String> for BadValue {
    fn from(s: String) -> Self {
        BadValue::Str(s)
    }
}

impl From<i64> for BadValue {
    fn from(i: i64) -> Self {
        BadValue::Int(i)
    }
}

impl From<i32> for BadValue {
    fn from(i: i32) -> Self {
        BadValue::Int(i64::from(i))
    }
}

impl From<bool> for BadValue {
    fn from(b: bool) -> Self {
        BadValue::Bool(b)
    }
}

impl From<Value> for BadValue {
    fn from(v: Value) -> Self {
        BadValue::Json(v)
    }
}

/// One field-level error, e.g. `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The rendered field path.
    pub field: String,
    /// The offending value, when the kind prints one.
    pub bad_value: Option<BadValue>,
    /// Extra explanation appended after the value.
    pub detail: String,
}

impl FieldError {
    /// `Invalid value: <v>: <detail>`.
    pub fn invalid(path: &FieldPath, value: impl Into<BadValue>, detail: &str) -> Self {
        Self::make(ErrorKind::Invalid, path, Some(value.into()), detail)
    }

    /// `Required value[: <detail>]`.
    pub fn required(path: &FieldPath, detail: &str) -> Self {
        Self::make(ErrorKind::Required, path, None, detail)
    }

    /// `Forbidden: <detail>`.
    pub fn forbidden(path: &FieldPath, detail: &str) -> Self {
        Self::make(ErrorKind::Forbidden, path, None, detail)
    }

    /// `Unsupported value: <v>: supported values: "a", "b"`.
    pub fn not_supported(path: &FieldPath, value: impl Into<BadValue>, supported: &[&str]) -> Self {
        let detail = if supported.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        Self::make(ErrorKind::NotSupported, path, Some(value.into()), &detail)
    }

    /// `Not found: <v>`.
    pub fn not_found(path: &FieldPath, value: impl Into<BadValue>) -> Self {
        Self::make(ErrorKind::NotFound, path, Some(value.into()), "")
    }

    /// `Duplicate value: <v>`.
    pub fn duplicate(path: &FieldPath, value: impl Into<BadValue>) -> Self {
        Self::make(ErrorKind::Duplicate, path, Some(value.into()), "")
    }

    /// `Too long: may not be more than <n> bytes`.
    pub fn too_long(path: &FieldPath, max_len: i64) -> Self {
        let detail = if max_len >= 0 {
            format!(
                "may not be more than {} {}",
                max_len,
                if max_len == 1 { "byte" } else { "bytes" }
            )
        } else {
            "value is too long".to_string()
        };
        Self::make(ErrorKind::TooLong, path, None, &detail)
    }

    /// `Too many: <actual>: must have at most <max> items`.
    pub fn too_many(path: &FieldPath, actual: i64, max: i64) -> Self {
        let detail = if max >= 0 {
            format!(
                "must have at most {} {}",
                max,
                if max == 1 { "item" } else { "items" }
            )
        } else {
            "has too many items".to_string()
        };
        let value = if actual >= 0 {
            BadValue::Int(actual)
        } else {
            BadValue::Omitted
        };
        Self::make(ErrorKind::TooMany, path, Some(value), &detail)
    }

    /// `Internal error: <detail>`.
    pub fn internal(path: &FieldPath, detail: &str) -> Self {
        Self::make(ErrorKind::Internal, path, None, detail)
    }

    fn make(kind: ErrorKind, path: &FieldPath, bad_value: Option<BadValue>, detail: &str) -> Self {
        FieldError {
            kind,
            field: path.render(),
            bad_value,
            detail: detail.to_string(),
        }
    }

    /// The message without the field name, as sent in a Status cause.
    pub fn body(&self) -> String {
        let mut s = match self.kind {
            ErrorKind::Required
            | ErrorKind::Forbidden
            | ErrorKind::TooLong
            | ErrorKind::Internal => self.kind.phrase().to_string(),
            _ => match &self.bad_value {
                None | Some(BadValue::Omitted) => self.kind.phrase().to_string(),
                Some(v) => format!("{}: {}", self.kind.phrase(), v.render()),
            },
        };
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

/// Drops repeated messages, keeping the first of each, as the server's aggregate does.
pub fn dedupe(errs: &[FieldError]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for e in errs {
        let msg = e.to_string();
        if !seen.contains(&msg) {
            seen.push(msg);
        }
    }
    seen
}

/// The qualified kind the server names in messages: `StatefulSet.apps` for `apps/v1`,
/// plain `Pod` for the core group `v1`.
pub fn qualified_kind(api_version: &str, kind: &str) -> String {
    match api_version.rsplit_once('/') {
        Some((group, _)) if !group.is_empty() => format!("{kind}.{group}"),
        _ => kind.to_string(),
    }
}

/// The Status message the server returns for an Invalid (422) error, e.g.
/// `StatefulSet.apps "web" is invalid: spec.replicas: …` or, with several causes,
/// `Pod "web-0" is invalid: [a, b]`. `qualified_kind` is `StatefulSet.apps`, `Pod`, ….
/// Event messages such as `create Pod … failed error: <this>` embed it.
pub fn server_invalid_message(qualified_kind: &str, name: &str, errs: &[FieldError]) -> String {
    let msgs = dedupe(errs);
    match msgs.len() {
        0 => format!("{} {} is invalid", qualified_kind, go_quote(name)),
        1 => format!(
            "{} {} is invalid: {}",
            qualified_kind,
            go_quote(name),
            msgs.join("")
        ),
        _ => format!(
            "{} {} is invalid: [{}]",
            qualified_kind,
            go_quote(name),
            msgs.join(", ")
        ),
    }
}

/// What kubectl prints for an Invalid error: `The StatefulSet "web" is invalid: <cause>` or,
/// with several causes, the header followed by one `* <cause>` line each. `kind` is the bare
/// kind (`StatefulSet`). The result has no trailing newline.
pub fn invalid_message(kind: &str, name: &str, errs: &[FieldError]) -> String {
    let header = format!("The {} {} is invalid", kind, go_quote(name));
    let msgs = dedupe(errs);
    match msgs.len() {
        0 => header,
        1 => format!("{}: {}", header, msgs.join("")),
        _ => {
            let mut s = format!("{header}: ");
            for m in &msgs {
                s.push_str("\n* ");
                s.push_str(m);
            }
            s
        }
    }
}
