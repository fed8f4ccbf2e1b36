//! Go's `fmt` renderings of a decoded JSON or YAML value held in an `interface{}`: `%v`
//! (`map[a:1 b:[x y]]`) and `%#v` (`map[string]interface {}{"a":1}`), following fmt/print.go.
//!
//! Integers print as `int64`, other numbers as `float64`; maps print with sorted keys, as Go's
//! `fmt` sorts them (internal/fmtsort).

use super::float::format_g64;
use super::quote::quote;
use serde_json::{Number, Value};

/// The `%#v` type name of a map decoded by `encoding/json` (kubectl's unstructured objects).
pub const STRING_MAP: &str = "map[string]interface {}";

/// The `%#v` type name of a map decoded by go-yaml into `interface{}`.
pub const YAML_MAP: &str = "map[interface {}]interface {}";

/// `%v` of a number: integers plainly, floats in Go's shortest `'g'` form.
fn number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    format_g64(n.as_f64().unwrap_or(0.0))
}

/// Go's `fmt.Sprint` of a decoded value: `map[k:v]`, `[a b]`, strings bare, `<nil>` for null.
pub fn sprint(v: &Value) -> String {
    let mut s = String::new();
    sprint_into(&mut s, v);
    s
}

fn sprint_into(s: &mut String, v: &Value) {
    match v {
        Value::Null => s.push_str("<nil>"),
        Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => s.push_str(&number(n)),
        Value::String(t) => s.push_str(t),
        Value::Array(items) => {
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                sprint_into(s, item);
            }
            s.push(']');
        }
        Value::Object(map) => {
            s.push_str("map[");
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(k);
                s.push(':');
                sprint_into(s, item);
            }
            s.push(']');
        }
    }
}

/// Go's `%#v` of a decoded value whose maps have the type `map_type` (`STRING_MAP` or
/// `YAML_MAP`). A null at the top is `<nil>`, inside a list or map `interface {}(nil)`.
pub fn sharp_v(v: &Value, map_type: &str) -> String {
    let mut s = String::new();
    sharp_v_into(&mut s, v, map_type, true);
    s
}

fn sharp_v_into(s: &mut String, v: &Value, map_type: &str, top: bool) {
    match v {
        Value::Null if top => s.push_str("<nil>"),
        Value::Null => s.push_str("interface {}(nil)"),
        Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => s.push_str(&number(n)),
        Value::String(t) => s.push_str(&quote(t)),
        Value::Array(items) => {
            s.push_str("[]interface {}{");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                sharp_v_into(s, item, map_type, false);
            }
            s.push('}');
        }
        Value::Object(map) => {
            s.push_str(map_type);
            s.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(&quote(k));
                s.push(':');
                sharp_v_into(s, item, map_type, false);
            }
            s.push('}');
        }
    }
}
