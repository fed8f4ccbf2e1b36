//! Go-compatible text rendering: `strconv.Quote` and `encoding/json.Marshal` output.
//!
//! The API server prints bad values with these, so messages must match byte for byte.

use serde_json::Value;

/// Quotes a string the way Go's `strconv.Quote` (and `%q`) does.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Approximates Go's `unicode.IsPrint` for the characters users type into manifests.
fn is_go_printable(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    // C1 controls, non-breaking and special spaces, format characters and private use are escaped.
    !(0x80..0xa1).contains(&u)
        && u != 0xad
        && !(0x2000..=0x200f).contains(&u)
        && !(0x2028..=0x202f).contains(&u)
        && !(0x205f..=0x206f).contains(&u)
        && u != 0xfeff
        && !(0xe000..=0xf8ff).contains(&u)
        && !(0xfff0..=0xffff).contains(&u)
}

/// Renders a JSON value compactly the way Go's `json.Marshal` does for a decoded value:
/// object keys sorted, and `<`, `>`, `&`, U+2028, U+2029 escaped.
pub fn go_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&go_number(n)),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            crate::order::sort(&mut keys);
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                if let Some(v) = map.get(*key) {
                    write_value(v, out);
                }
            }
            out.push('}');
        }
    }
}

/// Formats a number like Go's encoder: integers plainly, floats in the shortest form.
fn go_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        Some(f) => {
            let abs = f.abs();
            if !(1e-6..1e21).contains(&abs) {
                // Go switches to exponent form and trims the exponent's leading zero.
                let s = format!("{f:e}");
                match s.split_once('e') {
                    Some((m, e)) => {
                        let (sign, digits) = match e.strip_prefix('-') {
                            Some(d) => ("-", d),
                            None => ("+", e),
                        };
                        let digits = if digits.len() < 2 {
                            format!("0{digits}")
                        } else {
                            digits.to_string()
                        };
                        format!("{m}e{sign}{digits}")
                    }
                    None => s,
                }
            } else {
                format!("{f}")
            }
        }
        None => n.to_string(),
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
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

/// Renders a decoded JSON value the way Go's `%v` prints an `interface{}` holding it:
/// `map[a:1 b:[x y]]`, strings bare, `<nil>` for null.
pub fn go_sprint(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (None, Some(u), _) => u.to_string(),
            (None, None, Some(f)) => go_float_g(f),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(go_sprint).collect();
            format!("[{}]", parts.join(" "))
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            crate::order::sort(&mut keys);
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{k}:{}", map.get(*k).map(go_sprint).unwrap_or_default()))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}

/// Go's `%v` for a float64: shortest digits, exponent form when the decimal exponent is below
/// -4 or at least 6.
fn go_float_g(f: f64) -> String {
    if f == 0.0 {
        return "0".to_string();
    }
    let exp = f.abs().log10().floor() as i32;
    if (-4..6).contains(&exp) {
        return format!("{f}");
    }
    let s = format!("{f:e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e),
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quotes_like_strconv_quote() {
        let cases = [
            ("Never", "\"Never\""),
            ("a\"b", "\"a\\\"b\""),
            ("tab\there", "\"tab\\there\""),
            ("bell\u{7}", "\"bell\\a\""),
            ("esc\u{1b}", "\"esc\\x1b\""),
            ("héllo", "\"héllo\""),
            ("nb\u{a0}sp", "\"nb\\u00a0sp\""),
        ];
        for (input, want) in cases {
            assert_eq!(go_quote(input), want, "input {input:?}");
        }
    }

    #[test]
    fn sprints_like_go() {
        assert_eq!(
            go_sprint(&json!({"spec": {"replica": 3, "names": ["a", "b"], "x": null}})),
            "map[spec:map[names:[a b] replica:3 x:<nil>]]"
        );
        assert_eq!(go_sprint(&json!(1.5)), "1.5");
        assert_eq!(go_sprint(&json!(1000000.0)), "1e+06");
        assert_eq!(go_sprint(&json!(123456.0)), "123456");
        assert_eq!(go_sprint(&json!(1234567.5)), "1.2345675e+06");
        assert_eq!(go_sprint(&json!(0.00001)), "1e-05");
    }

    #[test]
    fn marshals_like_go() {
        assert_eq!(go_json(&json!({"b": 1, "a": "x"})), r#"{"a":"x","b":1}"#);
        assert_eq!(
            go_json(&json!({"app": "<nginx>&"})),
            r#"{"app":"\u003cnginx\u003e\u0026"}"#
        );
        assert_eq!(go_json(&json!([1.5, 2.0, true, null])), "[1.5,2,true,null]");
        assert_eq!(go_json(&json!(1e21)), "1e+21");
        assert_eq!(go_json(&json!(0.0000001)), "1e-07");
    }
}
