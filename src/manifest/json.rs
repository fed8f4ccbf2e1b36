//! Values to JSON text exactly as `kubectl get -o json` prints them: Go's
//! `json.MarshalIndent(obj, "", "    ")` plus a final newline. Keys are sorted bytewise, and
//! Go's encoder escapes `<`, `>`, `&`, U+2028 and U+2029.

use super::gofmt::format_json_float;
use serde_json::Value;

/// Renders `value` like `kubectl get -o json`.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, 0);
    out.push('\n');
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("    ");
    }
}

fn write(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (None, Some(u)) => out.push_str(&u.to_string()),
            _ => out.push_str(&format_json_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write(out, item, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                string(out, key);
                out.push_str(": ");
                write(out, item, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

/// A JSON string with Go's escaping rules (HTML-safe).
fn string(out: &mut String, s: &str) {
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
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prints_like_go_marshal_indent() {
        let v = json!({"b": [1, 2.5, "x"], "a": {}, "c": [], "d": {"e": null, "f": true}});
        let want = "{\n    \"a\": {},\n    \"b\": [\n        1,\n        2.5,\n        \"x\"\n    ],\n    \"c\": [],\n    \"d\": {\n        \"e\": null,\n        \"f\": true\n    }\n}\n";
        assert_eq!(to_json(&v), want);
    }

    #[test]
    fn escapes_like_go() {
        let v = json!("a<b>&\"\\\n\t\u{1}\u{2028}é");
        assert_eq!(
            to_json(&v),
            "\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\\t\\u0001\\u2028é\"\n"
        );
        assert_eq!(to_json(&json!(1e21)), "1e+21\n");
        assert_eq!(to_json(&json!(0.5)), "0.5\n");
    }
}
