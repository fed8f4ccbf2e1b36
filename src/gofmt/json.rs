//! What Go's `encoding/json` writes for a decoded value: string escaping (encode.go,
//! `appendString`, with HTML escaping on, as `Marshal` and `MarshalIndent` use it), `Marshal`
//! and `MarshalIndent` with an empty prefix.
//!
//! Object keys come out sorted bytewise, as Go sorts map keys: `serde_json::Map` is a B-tree
//! over `String` here (the crate does not enable `preserve_order`), so its order is that one.

use super::float::format_json;
use serde_json::{Map, Number, Value};
use std::fmt::Write as _;

/// Appends `s` as a JSON string the way Go 1.22 and later do: short escapes for `"`, `\`,
/// `\b`, `\f`, `\n`, `\r` and `\t`, `\u00XX` for the other control characters, and `\u` escapes
/// for `<`, `>`, `&`, U+2028 and U+2029.
pub fn append_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON number as Go writes it: integers plainly (kubectl and the API server decode them as
/// `int64`), other numbers as `float64`.
pub fn number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    format_json(n.as_f64().unwrap_or(0.0))
}

/// Go's `json.Marshal` of a decoded value: compact, keys sorted, HTML-escaped.
pub fn marshal(v: &Value) -> String {
    let mut s = String::new();
    write_value(&mut s, v, None, 0);
    s
}

/// Go's `json.MarshalIndent(v, "", indent)`.
pub fn marshal_indent(v: &Value, indent: &str) -> String {
    let mut s = String::new();
    write_value(&mut s, v, Some(indent), 0);
    s
}

fn newline(s: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(ind) = indent {
        s.push('\n');
        for _ in 0..depth {
            s.push_str(ind);
        }
    }
}

fn write_value(s: &mut String, v: &Value, indent: Option<&str>, depth: usize) {
    match v {
        Value::Null => s.push_str("null"),
        Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => s.push_str(&number(n)),
        Value::String(t) => append_string(s, t),
        // Go's Indent keeps an empty array or object on one line.
        Value::Array(items) if items.is_empty() => s.push_str("[]"),
        Value::Array(items) => {
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                newline(s, indent, depth + 1);
                write_value(s, item, indent, depth + 1);
            }
            newline(s, indent, depth);
            s.push(']');
        }
        Value::Object(map) => write_object(s, map, indent, depth),
    }
}

fn write_object(s: &mut String, map: &Map<String, Value>, indent: Option<&str>, depth: usize) {
    if map.is_empty() {
        s.push_str("{}");
        return;
    }
    s.push('{');
    for (i, (k, item)) in map.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        newline(s, indent, depth + 1);
        append_string(s, k);
        s.push(':');
        if indent.is_some() {
            s.push(' ');
        }
        write_value(s, item, indent, depth + 1);
    }
    newline(s, indent, depth);
    s.push('}');
}
