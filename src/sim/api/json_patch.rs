//! JSON patch (RFC 6902) with the semantics and error texts of the library the API server uses
//! (evanphx/json-patch v4), including its quirks: `replace` of a missing object key adds it, and
//! a path without a leading `/` has its first segment ignored.

use serde_json::{Map, Value};

/// Why a JSON patch failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonPatchError {
    /// The patch body is not a list of operations (the server answers 400 BadRequest).
    Decode(String),
    /// An operation could not be applied (the server answers 422 with a generic message).
    Apply(String),
}

impl JsonPatchError {
    /// What kubectl prints when the server refuses the patch.
    pub fn kubectl_message(&self) -> String {
        match self {
            JsonPatchError::Decode(m) => format!("Error from server (BadRequest): {m}"),
            JsonPatchError::Apply(_) => "The request is invalid: the server rejected our request due to an error in our request".to_string(),
        }
    }
}

impl std::fmt::Display for JsonPatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonPatchError::Decode(m) | JsonPatchError::Apply(m) => f.write_str(m),
        }
    }
}

const MISSING: &str = "missing value";
const BAD_INDEX: &str = "invalid index referenced";

fn decode_key(k: &str) -> String {
    k.replace("~1", "/").replace("~0", "~")
}

/// Finds the container holding the last segment of `path`, and that segment.
fn find_object<'a>(doc: &'a mut Value, path: &str) -> Option<(&'a mut Value, String)> {
    let split: Vec<&str> = path.split('/').collect();
    if split.len() < 2 {
        return None;
    }
    let key = decode_key(split.last()?);
    let mut cur = doc;
    for part in split.get(1..split.len() - 1)? {
        let part = decode_key(part);
        cur = match cur {
            Value::Object(m) => m.get_mut(&part)?,
            Value::Array(a) => {
                let i: usize = part.parse().ok()?;
                a.get_mut(i)?
            }
            _ => return None,
        };
        if !cur.is_object() && !cur.is_array() {
            return None;
        }
    }
    Some((cur, key))
}

fn array_index(key: &str, len: usize, allow_end: bool) -> Result<usize, String> {
    let idx: i64 = key.parse().map_err(|_| {
        // strconv.NumError quotes the text with strconv.Quote.
        let quoted = crate::gofmt::quote::quote(key);
        format!("strconv.Atoi: parsing {quoted}: invalid syntax")
    })?;
    let len = len as i64;
    let limit = if allow_end { len + 1 } else { len };
    let resolved = if idx < 0 { idx + limit } else { idx };
    if idx >= limit || resolved < 0 {
        return Err(format!(
            "Unable to access invalid index: {idx}: {BAD_INDEX}"
        ));
    }
    usize::try_from(resolved)
        .map_err(|_| format!("Unable to access invalid index: {idx}: {BAD_INDEX}"))
}

fn container_get(con: &Value, key: &str) -> Result<Option<Value>, String> {
    match con {
        Value::Object(m) => Ok(m.get(key).cloned()),
        Value::Array(a) => array_index(key, a.len(), false).map(|i| a.get(i).cloned()),
        _ => Ok(None),
    }
}

fn container_add(con: &mut Value, key: &str, val: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), val);
            Ok(())
        }
        Value::Array(a) if key == "-" => {
            a.push(val);
            Ok(())
        }
        Value::Array(a) => {
            let i = array_index(key, a.len(), true).map_err(|e| {
                if e.starts_with("strconv") {
                    format!("value was not a proper array index: '{key}': {e}")
                } else {
                    e
                }
            })?;
            a.insert(i.min(a.len()), val);
            Ok(())
        }
        _ => Err(MISSING.to_string()),
    }
}

fn container_remove(con: &mut Value, key: &str) -> Result<Value, String> {
    match con {
        Value::Object(m) => m
            .remove(key)
            .ok_or_else(|| format!("Unable to remove nonexistent key: {key}: {MISSING}")),
        Value::Array(a) => {
            let i = array_index(key, a.len(), false)?;
            Ok(a.remove(i))
        }
        _ => Err(MISSING.to_string()),
    }
}

/// Compares JSON values the way the library does (numbers by value).
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Applies one operation, as the json-patch library's Patch.Apply dispatches on its `op`
/// (github.com/evanphx/json-patch patch.go); each error is worded as that library words it.
fn apply_op(doc: &mut Value, op: &Map<String, Value>) -> Result<(), String> {
    let kind = op.get("op").and_then(Value::as_str).unwrap_or("unknown");
    let path = op.get("path").and_then(Value::as_str);
    let from = op.get("from").and_then(Value::as_str);
    let value = op.get("value").cloned();
    let need_path = |name: &str| {
        path.ok_or_else(|| format!("{name} operation failed to decode path: {MISSING}"))
    };
    match kind {
        "add" => op_add(doc, need_path("add")?, value),
        "remove" => op_remove(doc, need_path("remove")?),
        "replace" => op_replace(doc, need_path("replace")?, value),
        "move" | "copy" => {
            let f = from.ok_or_else(|| format!("operation, missing from field: {MISSING}"))?;
            op_move_or_copy(doc, kind, f, path)
        }
        "test" => op_test(doc, need_path("test")?, value),
        other => Err(format!("Unexpected kind: {other}")),
    }
}

/// `add`: the value (`null` when the operation carries none) goes in at the path.
fn op_add(doc: &mut Value, p: &str, value: Option<Value>) -> Result<(), String> {
    // The library adds `null` when the operation carries no value.
    let val = value.unwrap_or(Value::Null);
    let (con, key) = find_object(doc, p).ok_or_else(|| {
        format!("add operation does not apply: doc is missing path: \"{p}\": {MISSING}")
    })?;
    container_add(con, &key, val).map_err(|e| format!("error in add for path: '{p}': {e}"))
}

/// `remove`: the member or element at the path goes.
fn op_remove(doc: &mut Value, p: &str) -> Result<(), String> {
    let (con, key) = find_object(doc, p).ok_or_else(|| {
        format!("remove operation does not apply: doc is missing path: \"{p}\": {MISSING}")
    })?;
    container_remove(con, &key)
        .map(|_| ())
        .map_err(|e| format!("error in remove for path: '{p}': {e}"))
}

/// `replace`: the whole document (which must become an object or array), an existing array
/// element, or an object member.
fn op_replace(doc: &mut Value, p: &str, value: Option<Value>) -> Result<(), String> {
    let val = value.unwrap_or(Value::Null);
    if p.is_empty() {
        if !val.is_object() && !val.is_array() {
            return Err("replace operation value must be object or array".to_string());
        }
        *doc = val;
        return Ok(());
    }
    let (con, key) = find_object(doc, p).ok_or_else(|| {
        format!("replace operation does not apply: doc is missing path: {p}: {MISSING}")
    })?;
    match con {
        Value::Array(a) => {
            let i = array_index(&key, a.len(), false).map_err(|_| {
                format!("replace operation does not apply: doc is missing key: {p}: {MISSING}")
            })?;
            if let Some(slot) = a.get_mut(i) {
                *slot = val;
            }
            Ok(())
        }
        other => container_add(other, &key, val)
            .map_err(|e| format!("error in remove for path: '{p}': {e}")),
    }
}

/// `move` and `copy`: the value at `from` is taken (move) or read (copy) before the destination
/// path is read, and added there.
fn op_move_or_copy(doc: &mut Value, kind: &str, f: &str, path: Option<&str>) -> Result<(), String> {
    let (con, fkey) = find_object(doc, f).ok_or_else(|| {
        format!("{kind} operation does not apply: doc is missing from path: {f}: {MISSING}")
    })?;
    let val = if kind == "move" {
        container_remove(con, &fkey)
            .map_err(|e| format!("error in move for path: '{fkey}': {e}"))?
    } else {
        container_get(con, &fkey)
            .map_err(|e| format!("error in copy for from: '{f}': {e}"))?
            .ok_or_else(|| {
                format!("copy operation does not apply: doc is missing from path: {f}: {MISSING}")
            })?
    };
    let p = path.ok_or_else(|| format!("{kind} operation failed to decode path: {MISSING}"))?;
    let (con, key) = find_object(doc, p).ok_or_else(|| {
        format!("{kind} operation does not apply: doc is missing destination path: {p}: {MISSING}")
    })?;
    container_add(con, &key, val).map_err(|e| {
        if kind == "move" {
            format!("error in move for path: '{p}': {e}")
        } else {
            format!("error while adding value during copy: {e}")
        }
    })
}

/// `test`: the value at the path (or the whole document) must equal the given one; a missing
/// member equals `null`.
fn op_test(doc: &mut Value, p: &str, value: Option<Value>) -> Result<(), String> {
    let want = value.unwrap_or(Value::Null);
    let failed = || format!("testing value {p} failed: test failed");
    if p.is_empty() {
        return if json_equal(doc, &want) {
            Ok(())
        } else {
            Err(failed())
        };
    }
    let (con, key) = find_object(doc, p)
        .ok_or_else(|| format!("test operation does not apply: is missing path: {p}: {MISSING}"))?;
    match container_get(con, &key).map_err(|e| format!("error in test for path: '{p}': {e}"))? {
        None if want.is_null() => Ok(()),
        Some(v) if json_equal(&v, &want) => Ok(()),
        _ => Err(failed()),
    }
}

/// Go's name for the kind of a JSON value in decoding errors.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "object",
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        Value::Null => "null",
    }
}

/// Applies an RFC 6902 patch to `doc`.
pub fn apply_json_patch(doc: &Value, patch: &Value) -> Result<Value, JsonPatchError> {
    let Value::Array(ops) = patch else {
        let what = json_kind(patch);
        if patch.is_null() {
            return Ok(doc.clone());
        }
        return Err(JsonPatchError::Decode(format!(
            "error decoding patch: json: cannot unmarshal {what} into Go value of type []handlers.jsonPatchOp"
        )));
    };
    let mut out = doc.clone();
    for op in ops {
        let Value::Object(op) = op else {
            return Err(JsonPatchError::Decode(format!(
                "error decoding patch: json: cannot unmarshal {} into Go value of type handlers.jsonPatchOp",
                json_kind(op)
            )));
        };
        apply_op(&mut out, op).map_err(JsonPatchError::Apply)?;
    }
    Ok(out)
}
