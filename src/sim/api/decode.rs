//! Decoding request bodies into typed objects the way the API server does: type errors,
//! strict unknown-field detection and the BadRequest texts built from them.

use k8s_openapi::Resource;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::decode_types::{Seg, expected_of, from_value, go_type_error, node_mut};
use crate::gofmt::quantity::parse_quantity;
use crate::gofmt::quote::quote as go_quote;
use crate::gofmt::value::sprint as go_sprint;

/// A decoded object plus the fields of the input the type does not know.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded<T> {
    /// The typed object.
    pub object: T,
    /// Unknown field paths as the server names them, e.g. `spec.replica`,
    /// `spec.template.spec.containers[0].imagePullPolcy`, in document order.
    pub unknown_fields: Vec<String>,
}

/// A body that cannot be decoded; `message()` is the decoder's text, e.g.
/// `json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
}

impl DecodeError {
    /// The decoder's own text.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The BadRequest message: `StatefulSet in version "v1" cannot be handled as a StatefulSet: …`.
    pub fn server_message(&self, kind: &str, version: &str) -> String {
        cannot_handle_message(kind, version, &self.message)
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// `<Kind> in version "<v>" cannot be handled as a <Kind>: <detail>`.
pub fn cannot_handle_message(kind: &str, version: &str, detail: &str) -> String {
    format!(
        "{kind} in version {} cannot be handled as a {kind}: {detail}",
        go_quote(version)
    )
}

/// `strict decoding error: unknown field "a", unknown field "b"`.
pub fn strict_error_text(unknown_fields: &[String]) -> String {
    let parts: Vec<String> = unknown_fields
        .iter()
        .map(|f| format!("unknown field {}", go_quote(f)))
        .collect();
    format!("strict decoding error: {}", parts.join(", "))
}

/// The BadRequest message for unknown fields under `--validate=strict`.
pub fn unknown_fields_message(kind: &str, version: &str, unknown_fields: &[String]) -> String {
    cannot_handle_message(kind, version, &strict_error_text(unknown_fields))
}

/// The warnings `--validate=warn` produces, one per field: `unknown field "spec.replica"`
/// (kubectl prefixes each with `Warning: `).
pub fn unknown_field_warnings(unknown_fields: &[String]) -> Vec<String> {
    unknown_fields
        .iter()
        .map(|f| format!("unknown field {}", go_quote(f)))
        .collect()
}

/// What kubectl prints when a strategic or merge patch produces unknown fields under
/// `--validate=strict`: the server answers Invalid with the patch rendered by Go's `%+v`.
pub fn patch_unknown_fields_message(patch: &Value, unknown_fields: &[String]) -> String {
    format!(
        "The request is invalid: patch: Invalid value: {}: {}",
        go_quote(&go_sprint(patch)),
        strict_error_text(unknown_fields)
    )
}

/// The version part of an apiVersion: `apps/v1` gives `v1`.
pub fn version_of(api_version: &str) -> &str {
    api_version.rsplit('/').next().unwrap_or(api_version)
}

/// kubectl's client-side checks of apiVersion and kind, e.g. `["apiVersion not set", "kind not set"]`.
pub fn type_meta_errors(value: &Value) -> Vec<String> {
    let Value::Object(map) = value else {
        return vec!["invalid object to validate".to_string()];
    };
    let mut errs = Vec::new();
    match map.get("apiVersion") {
        None | Some(Value::Null) => errs.push("apiVersion not set".to_string()),
        Some(Value::String(s)) => {
            if s.matches('/').count() > 1 {
                errs.push(format!("unexpected GroupVersion string: {s}"));
            }
        }
        Some(_) => errs.push("apiVersion isn't string type".to_string()),
    }
    match map.get("kind") {
        None | Some(Value::Null) => errs.push("kind not set".to_string()),
        Some(Value::String(_)) => {}
        Some(_) => errs.push("kind isn't string type".to_string()),
    }
    errs
}

/// `error validating "web.yaml": error validating data: [apiVersion not set, kind not set]; if
/// you choose to ignore these errors, turn validation off with --validate=false`.
pub fn validating_data_message(source: &str, errs: &[String]) -> String {
    let joined = if errs.len() == 1 {
        errs.join("")
    } else {
        format!("[{}]", errs.join(", "))
    };
    format!(
        "error validating {}: error validating data: {joined}; if you choose to ignore these errors, turn validation off with --validate=false",
        go_quote(source)
    )
}

/// Map fields whose values are quantities, and scalar fields that are quantities.
const QUANTITY_MAPS: &[&str] = &[
    "requests",
    "limits",
    "capacity",
    "allocatable",
    "overhead",
    "hard",
    "used",
    "allocatedResources",
];
const QUANTITY_SCALARS: &[&str] = &["sizeLimit"];

/// Prepares a body the way the Go decoder sees it: whole-number floats become integers (YAML
/// `3.0` reaches the server as `3`) and numeric quantities become strings.
pub fn normalize_input(value: &Value) -> Value {
    let mut v = value.clone();
    normalize_node(&mut v, false);
    v
}

fn normalize_node(v: &mut Value, quantity: bool) {
    match v {
        Value::Number(n) => {
            if quantity {
                *v = Value::String(n.to_string());
            } else if n.is_f64()
                && let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                // The bound keeps the conversion exact.
                *v = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| normalize_node(i, false)),
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if QUANTITY_MAPS.contains(&k.as_str())
                    && let Value::Object(inner) = child
                {
                    inner.values_mut().for_each(|q| normalize_node(q, true));
                    continue;
                }
                normalize_node(child, QUANTITY_SCALARS.contains(&k.as_str()));
            }
        }
        _ => {}
    }
}

/// The first malformed quantity string, in document order.
fn first_bad_quantity(v: &Value) -> Option<String> {
    let check = |q: &Value| match q {
        Value::String(s) => parse_quantity(s.trim()).err().map(|e| e.to_string()),
        Value::Null => None,
        other => parse_quantity(&other.to_string())
            .err()
            .map(|e| e.to_string()),
    };
    match v {
        Value::Array(items) => items.iter().find_map(first_bad_quantity),
        Value::Object(map) => map.iter().find_map(|(k, child)| {
            if QUANTITY_MAPS.contains(&k.as_str())
                && let Value::Object(inner) = child
            {
                return inner.values().find_map(check);
            }
            if QUANTITY_SCALARS.contains(&k.as_str()) {
                return check(child);
            }
            first_bad_quantity(child)
        }),
        _ => None,
    }
}

/// The value Go leaves in a field when the JSON holds `null`.
fn zero_for(expected: &str) -> Value {
    match expected {
        "a string" => Value::String(String::new()),
        "i32" | "i64" | "f64" | "a 32-bit integer" => Value::from(0),
        "a boolean" => Value::Bool(false),
        "a sequence" => Value::Array(Vec::new()),
        _ => Value::Object(Map::new()),
    }
}

/// Decodes `value` into `T` as the API server would, reporting unknown fields.
///
/// apiVersion and kind at the top level are not checked here (the caller routes by them).
pub fn decode<T: Resource + DeserializeOwned + Serialize>(
    value: &Value,
) -> Result<Decoded<T>, DecodeError> {
    let mut work = normalize_input(value);
    let Value::Object(root) = &mut work else {
        let what = match value {
            Value::Array(_) => "array",
            Value::String(_) => "string",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            _ => "null",
        };
        return Err(DecodeError {
            message: format!(
                "json: cannot unmarshal {what} into Go value of type v1.{}",
                T::KIND
            ),
        });
    };
    root.remove("apiVersion");
    root.remove("kind");
    if let Some(msg) = first_bad_quantity(&work) {
        return Err(DecodeError { message: msg });
    }
    // Each pass fixes one difference between serde and Go (a null, an embedded kind) or fails.
    for _ in 0..256 {
        let loc = match from_value::<T>(work.clone()) {
            Ok(object) => return Ok(finish(object, &work)),
            Err(loc) => loc,
        };
        let leaf = match loc.path.last() {
            Some(Seg::Key(k)) => k.clone(),
            _ => String::new(),
        };
        if loc.message.starts_with("invalid type: null") {
            let zero = zero_for(expected_of(&loc.message).unwrap_or(""));
            if let Some(slot) = node_mut(&mut work, &loc.path) {
                *slot = zero;
                continue;
            }
        }
        if loc.message.starts_with("invalid value") && (leaf == "apiVersion" || leaf == "kind") {
            // Embedded objects accept any type metadata.
            let parent = loc
                .path
                .get(..loc.path.len().saturating_sub(1))
                .unwrap_or(&[]);
            if let Some(Value::Object(m)) = node_mut(&mut work, parent) {
                m.remove(&leaf);
                continue;
            }
        }
        let is_type_error =
            loc.message.starts_with("invalid type") || loc.message.starts_with("invalid value");
        let message = if is_type_error {
            go_type_error::<T>(&work, &loc, T::KIND)
        } else if leaf.ends_with("Timestamp") || leaf.ends_with("Time") {
            let text = node_mut(&mut work, &loc.path)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!(
                "parsing time {} as \"2006-01-02T15:04:05Z07:00\": cannot parse {} as \"2006\"",
                go_quote(&text),
                go_quote(&text)
            )
        } else if let Some(at) = base64_offset(&loc.message, node_mut(&mut work, &loc.path)) {
            // []byte fields (a Secret's data) decode with encoding/base64.
            format!("illegal base64 data at input byte {at}")
        } else {
            format!("json: {}", loc.message)
        };
        return Err(DecodeError { message });
    }
    Err(DecodeError {
        message: "json: too many null values".to_string(),
    })
}

fn finish<T: Serialize>(object: T, input: &Value) -> Decoded<T> {
    let mut output = serde_json::to_value(&object).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut output {
        m.remove("apiVersion");
        m.remove("kind");
    }
    let unknown_fields = unknown_fields(input, &output);
    Decoded {
        object,
        unknown_fields,
    }
}

/// Every key path present in `input` but absent from `output` (keys holding null are ignored),
/// named the way the server's strict decoder names them; at most 100, as the server caps them.
pub fn unknown_fields(input: &Value, output: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk_unknown(input, output, "", &mut found);
    found.truncate(100);
    found
}

fn walk_unknown(input: &Value, output: &Value, prefix: &str, found: &mut Vec<String>) {
    match (input, output) {
        (Value::Object(i), Value::Object(o)) => {
            for (k, v) in i {
                if v.is_null() {
                    continue;
                }
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                match o.get(k) {
                    None => found.push(path),
                    Some(ov) => walk_unknown(v, ov, &path, found),
                }
            }
        }
        (Value::Array(i), Value::Array(o)) => {
            for (idx, (v, ov)) in i.iter().zip(o.iter()).enumerate() {
                walk_unknown(v, ov, &format!("{prefix}[{idx}]"), found);
            }
        }
        _ => {}
    }
}

/// Where Go's `base64.StdEncoding` gives up on a value the base64 decoder refused: the offset of
/// the bad symbol, or the end of a value whose length or padding is wrong.
fn base64_offset(message: &str, node: Option<&mut Value>) -> Option<usize> {
    if let Some(rest) = message.strip_prefix("Invalid symbol ") {
        let (_, offset) = rest.split_once(", offset ")?;
        return offset.trim_end_matches('.').parse().ok();
    }
    let len = node.and_then(|v| v.as_str().map(str::len))?;
    let known = [
        "Invalid input length",
        "Invalid padding",
        "Invalid last symbol",
    ];
    known.iter().any(|k| message.starts_with(k)).then_some(len)
}
