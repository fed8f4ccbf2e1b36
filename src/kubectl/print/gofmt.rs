//! Go's text renderings of decoded JSON values, as kubectl produces them from unstructured objects.
//!
//! kubectl decodes integers as `int64` and other numbers as `float64`; `serde_json` numbers map onto
//! those. Maps print with sorted keys (Go's `fmt` and `encoding/json` both sort them).

use serde_json::{Map, Number, Value};
use std::fmt::Write as _;

/// Shortest round-trip decimal digits of `f` (no sign) and the exponent of the first digit.
fn shortest_digits(f: f64) -> (String, i32) {
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0').to_string();
    let digits = if digits.is_empty() {
        "0".to_string()
    } else {
        digits
    };
    (digits, exp.parse().unwrap_or(0))
}

/// `%e`-style rendering with Go's exponent form (`e+06`, `e-05`).
fn fmt_e(neg: bool, digits: &str, exp: i32) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    let mut chars = digits.chars();
    s.push(chars.next().unwrap_or('0'));
    let rest: String = chars.collect();
    if !rest.is_empty() {
        s.push('.');
        s.push_str(&rest);
    }
    let sign = if exp < 0 { '-' } else { '+' };
    let _ = write!(s, "e{sign}{:02}", exp.unsigned_abs());
    s
}

/// `%f`-style rendering of the shortest digits, without a trailing fraction when integral.
fn fmt_f(neg: bool, digits: &str, exp: i32) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    let point = exp + 1;
    if point <= 0 {
        s.push_str("0.");
        for _ in 0..point.unsigned_abs() {
            s.push('0');
        }
        s.push_str(digits);
        return s;
    }
    let point = usize::try_from(point).unwrap_or(0);
    if digits.len() <= point {
        s.push_str(digits);
        for _ in digits.len()..point {
            s.push('0');
        }
    } else {
        s.push_str(digits.get(..point).unwrap_or(""));
        s.push('.');
        s.push_str(digits.get(point..).unwrap_or(""));
    }
    s
}

/// Go's `%v` for a `float64` (`strconv.FormatFloat(f, 'g', -1, 64)`).
pub fn go_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let (digits, exp) = shortest_digits(f);
    // With shortest precision Go switches to exponent form outside [-4, 6).
    if !(-4..6).contains(&exp) {
        return fmt_e(f < 0.0, &digits, exp);
    }
    fmt_f(f < 0.0, &digits, exp)
}

/// `encoding/json`'s rendering of a `float64`.
pub fn go_json_float(f: f64) -> String {
    if f == 0.0 {
        return "0".to_string();
    }
    let (digits, exp) = shortest_digits(f);
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        let s = fmt_e(f < 0.0, &digits, exp);
        // encoding/json writes e-7 rather than e-07.
        return s.replace("e-0", "e-");
    }
    fmt_f(f < 0.0, &digits, exp)
}

fn number_text(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    go_float(n.as_f64().unwrap_or(0.0))
}

/// Go's `fmt.Sprint` of a decoded JSON value (`map[k:v]`, `[a b]`, `<nil>`).
pub fn go_sprint(v: &Value) -> String {
    let mut s = String::new();
    sprint_into(&mut s, v);
    s
}

fn sprint_into(s: &mut String, v: &Value) {
    match v {
        Value::Null => s.push_str("<nil>"),
        Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => s.push_str(&number_text(n)),
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

/// Go's `strconv.Quote`.
pub fn go_quote(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 2);
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            '\u{7}' => s.push_str("\\a"),
            '\u{8}' => s.push_str("\\b"),
            '\u{c}' => s.push_str("\\f"),
            '\u{b}' => s.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(s, "\\x{:02x}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Go's `%#v` of a decoded JSON value, as in kubectl's jsonpath debugging output.
pub fn go_sharp_v(v: &Value) -> String {
    let mut s = String::new();
    sharp_v_into(&mut s, v, true);
    s
}

fn sharp_v_into(s: &mut String, v: &Value, top: bool) {
    match v {
        Value::Null if top => s.push_str("<nil>"),
        Value::Null => s.push_str("interface {}(nil)"),
        Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => s.push_str(&number_text(n)),
        Value::String(t) => s.push_str(&go_quote(t)),
        Value::Array(items) => {
            s.push_str("[]interface {}{");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                sharp_v_into(s, item, false);
            }
            s.push('}');
        }
        Value::Object(map) => {
            s.push_str("map[string]interface {}{");
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(&go_quote(k));
                s.push(':');
                sharp_v_into(s, item, false);
            }
            s.push('}');
        }
    }
}

fn json_string_into(s: &mut String, t: &str) {
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            '\u{8}' => s.push_str("\\b"),
            '\u{c}' => s.push_str("\\f"),
            // encoding/json escapes HTML-significant characters and the JS line separators.
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(s, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(s, "\\u{:04x}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
}

fn json_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    go_json_float(n.as_f64().unwrap_or(0.0))
}

/// Go's `json.Marshal` of a decoded JSON value (compact, sorted keys, HTML-escaped).
pub fn go_json(v: &Value) -> String {
    let mut s = String::new();
    json_into(&mut s, v, None, 0);
    s
}

/// Go's `json.MarshalIndent(v, "", indent)`.
pub fn go_json_indent(v: &Value, indent: &str) -> String {
    let mut s = String::new();
    json_into(&mut s, v, Some(indent), 0);
    s
}

fn newline_indent(s: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(ind) = indent {
        s.push('\n');
        for _ in 0..depth {
            s.push_str(ind);
        }
    }
}

fn json_into(s: &mut String, v: &Value, indent: Option<&str>, depth: usize) {
    match v {
        Value::Null => s.push_str("null"),
        Value::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => s.push_str(&json_number(n)),
        Value::String(t) => json_string_into(s, t),
        Value::Array(items) => {
            if items.is_empty() {
                s.push_str("[]");
                return;
            }
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                newline_indent(s, indent, depth + 1);
                json_into(s, item, indent, depth + 1);
            }
            newline_indent(s, indent, depth);
            s.push(']');
        }
        Value::Object(map) => json_object_into(s, map, indent, depth),
    }
}

fn json_object_into(s: &mut String, map: &Map<String, Value>, indent: Option<&str>, depth: usize) {
    if map.is_empty() {
        s.push_str("{}");
        return;
    }
    s.push('{');
    for (i, (k, item)) in map.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        newline_indent(s, indent, depth + 1);
        json_string_into(s, k);
        s.push(':');
        if indent.is_some() {
            s.push(' ');
        }
        json_into(s, item, indent, depth + 1);
    }
    newline_indent(s, indent, depth);
    s.push('}');
}
