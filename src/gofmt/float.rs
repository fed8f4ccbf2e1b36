//! Go's float printing: `strconv.FormatFloat(f, 'g', -1, 64|32)` (what `%v` prints) and the
//! form `encoding/json` writes (encode.go, `floatEncoder`).

/// Shortest round-trip digits of a finite, non-zero float (no sign, no trailing zeros) and the
/// decimal exponent of the first digit. `sci` is Rust's shortest `{:e}` form (`1.5e3`).
fn shortest_digits(sci: &str) -> (String, i32) {
    let sci = sci.trim_start_matches('-');
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    (digits.to_string(), exp.parse().unwrap_or(0))
}

/// `%e` form with Go's at-least-two-digit exponent (`1.5e+06`, `1e-05`).
fn fmt_e(neg: bool, digits: &str, exp: i32) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    let mut chars = digits.chars();
    s.push(chars.next().unwrap_or('0'));
    let rest = chars.as_str();
    if !rest.is_empty() {
        s.push('.');
        s.push_str(rest);
    }
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp.unsigned_abs()));
    s
}

/// `%f` form with exactly the digits needed (no fraction when integral).
fn fmt_f(neg: bool, digits: &str, exp: i32) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    let point = exp + 1;
    if point <= 0 {
        s.push_str("0.");
        s.push_str(&"0".repeat(point.unsigned_abs() as usize));
        s.push_str(digits);
        return s;
    }
    let point = usize::try_from(point).unwrap_or(0);
    if digits.len() <= point {
        s.push_str(digits);
        s.push_str(&"0".repeat(point - digits.len()));
    } else {
        s.push_str(digits.get(..point).unwrap_or(""));
        s.push('.');
        s.push_str(digits.get(point..).unwrap_or(""));
    }
    s
}

/// NaN, the infinities and the zeros, which have no digits.
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

/// With shortest precision, `'g'` uses `%e` when the exponent is below -4 or at least 6
/// (strconv/ftoa.go: `eprec = 6` when shortest).
fn format_g(neg: bool, digits: &str, exp: i32) -> String {
    if (-4..6).contains(&exp) {
        fmt_f(neg, digits, exp)
    } else {
        fmt_e(neg, digits, exp)
    }
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)`, which is also `%v` of a `float64`.
pub fn format_g64(f: f64) -> String {
    special(f).unwrap_or_else(|| {
        let (digits, exp) = shortest_digits(&format!("{f:e}"));
        format_g(f < 0.0, &digits, exp)
    })
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`: the value rounded to `float32` first.
pub fn format_g32(f: f64) -> String {
    let single = f as f32;
    special(f64::from(single)).unwrap_or_else(|| {
        let (digits, exp) = shortest_digits(&format!("{single:e}"));
        format_g(single < 0.0, &digits, exp)
    })
}

/// How `encoding/json` writes a `float64`: `%f` unless the magnitude is below 1e-6 or at least
/// 1e21, and then `%e` with `e-09` shortened to `e-9` (encode.go, `floatEncoder.encode`).
pub fn format_json(f: f64) -> String {
    if let Some(s) = special(f) {
        return s;
    }
    let (digits, exp) = shortest_digits(&format!("{f:e}"));
    let abs = f.abs();
    if (1e-6..1e21).contains(&abs) {
        return fmt_f(f < 0.0, &digits, exp);
    }
    let s = fmt_e(f < 0.0, &digits, exp);
    match s.split_once("e-0") {
        Some((m, e)) if e.len() == 1 => format!("{m}e-{e}"),
        _ => s,
    }
}
