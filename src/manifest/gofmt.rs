//! Go's number and string formatting, as kubectl's output and error messages use it.

use serde_json::Value;

/// Shortest round-trip decimal digits of a printed finite, non-zero float and the exponent
/// `dp` such that the value is `0.d1d2… × 10^dp` (Go's `decimal.dp`). `repr` is serde_json's
/// shortest form (`1500.0`, `1e21`, `1.5e-7`), reused to avoid a second float printer.
fn shortest_digits(repr: &str) -> (String, i32) {
    let repr = repr.trim_start_matches('-');
    let (mantissa, exp) = repr.split_once(['e', 'E']).unwrap_or((repr, "0"));
    let exp: i32 = exp.trim_start_matches('+').parse().unwrap_or(0);
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int_part}{frac_part}");
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0');
    if digits.is_empty() {
        return ("0".to_string(), 0);
    }
    let int_len = i32::try_from(int_part.len()).unwrap_or(0);
    let leading = i32::try_from(leading).unwrap_or(0);
    (digits.to_string(), int_len + exp - leading)
}

fn shortest64(f: f64) -> (String, i32) {
    shortest_digits(&serde_json::to_string(&f).unwrap_or_default())
}

/// Formats `digits`×10^(dp-len) in `%e` style with Go's two-digit minimum exponent.
fn fmt_e(neg: bool, digits: &str, dp: i32) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let mut chars = digits.chars();
    out.push(chars.next().unwrap_or('0'));
    let rest: String = chars.collect();
    if !rest.is_empty() {
        out.push('.');
        out.push_str(&rest);
    }
    let exp = if digits == "0" { 0 } else { dp - 1 };
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let abs = exp.unsigned_abs();
    if abs < 10 {
        out.push('0');
    }
    out.push_str(&abs.to_string());
    out
}

/// Formats in `%f` style with exactly the digits needed.
fn fmt_f(neg: bool, digits: &str, dp: i32) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let nd = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if dp <= 0 {
        out.push('0');
    } else {
        for i in 0..dp {
            out.push(
                digits
                    .chars()
                    .nth(i as usize)
                    .filter(|_| i < nd)
                    .unwrap_or('0'),
            );
        }
    }
    if nd > dp {
        out.push('.');
        for i in dp..nd {
            let c = if i < 0 {
                '0'
            } else {
                digits.chars().nth(i as usize).unwrap_or('0')
            };
            out.push(c);
        }
    }
    out
}

fn special(f: f64) -> Option<String> {
    if f.is_nan() {
        Some("NaN".to_string())
    } else if f.is_infinite() {
        Some(if f > 0.0 { "+Inf" } else { "-Inf" }.to_string())
    } else if f == 0.0 {
        Some(if f.is_sign_negative() { "-0" } else { "0" }.to_string())
    } else {
        None
    }
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)`.
pub(crate) fn format_g64(f: f64) -> String {
    special(f).unwrap_or_else(|| {
        let (digits, dp) = shortest64(f);
        format_g(f < 0.0, &digits, dp)
    })
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`, used for float map keys.
pub(crate) fn format_g32(f: f64) -> String {
    let single = f as f32;
    special(f64::from(single)).unwrap_or_else(|| {
        let (digits, dp) = shortest_digits(&serde_json::to_string(&single).unwrap_or_default());
        format_g(single < 0.0, &digits, dp)
    })
}

fn format_g(neg: bool, digits: &str, dp: i32) -> String {
    let exp = dp - 1;
    if !(-4..6).contains(&exp) {
        fmt_e(neg, digits, dp)
    } else {
        fmt_f(neg, digits, dp)
    }
}

/// How Go's `encoding/json` prints a float64: fixed notation unless the magnitude is below
/// 1e-6 or at least 1e21, and `e-09` shortened to `e-9`.
pub(crate) fn format_json_float(f: f64) -> String {
    if let Some(s) = special(f) {
        return s;
    }
    let (digits, dp) = shortest64(f);
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        let s = fmt_e(f < 0.0, &digits, dp);
        match s.split_once("e-0") {
            Some((m, e)) if e.len() == 1 => format!("{m}e-{e}"),
            _ => s,
        }
    } else {
        fmt_f(f < 0.0, &digits, dp)
    }
}

/// Go's `strconv.Quote` for the strings that appear in error messages.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `%#v` of a value decoded by go-yaml into `interface{}` (maps print with sorted keys).
pub(crate) fn go_syntax(v: &Value, nested: bool) -> String {
    match v {
        Value::Null if nested => "interface {}(nil)".to_string(),
        Value::Null => "<nil>".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(|i| go_syntax(i, true)).collect();
            format!("[]interface {{}}{{{}}}", inner.join(", "))
        }
        Value::Object(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}:{}", quote(k), go_syntax(v, true)))
                .collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", inner.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_floats_like_go() {
        let g64: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (100.0, "100"),
            (123456.0, "123456"),
            (1e6, "1e+06"),
            (1234567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5e-7, "-2.5e-07"),
            (1e21, "1e+21"),
            (1e100, "1e+100"),
            (0.0, "0"),
            (f64::INFINITY, "+Inf"),
        ];
        for (f, want) in g64 {
            assert_eq!(format_g64(*f), *want, "g64 {f}");
        }
        let json: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (1000.0, "1000"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (1.25e-10, "1.25e-10"),
            (-0.5, "-0.5"),
            (123.456, "123.456"),
        ];
        for (f, want) in json {
            assert_eq!(format_json_float(*f), *want, "json {f}");
        }
        assert_eq!(format_g32(0.1), "0.1");
        assert_eq!(format_g32(1.5), "1.5");
        assert_eq!(format_g32(16777217.0), "1.6777216e+07");
    }

    #[test]
    fn quotes_and_renders_like_go() {
        assert_eq!(quote("a\"b\\\n\u{1}é"), "\"a\\\"b\\\\\\n\\x01é\"");
        let v: Value = serde_json::json!({"namespace": null, "a": [1, "x"]});
        assert_eq!(
            go_syntax(&v, false),
            "map[interface {}]interface {}{\"a\":[]interface {}{1, \"x\"}, \"namespace\":interface {}(nil)}"
        );
    }
}
