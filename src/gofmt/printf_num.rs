//! Numbers under `fmt` verbs: integers in bases, characters and `%U`, floats in `%e %f %g`
//! with Go's two-digit exponents (fmt/format.go, `fmtInteger` and `fmtFloat`).

use super::{Spec, pad};
use crate::gofmt::float::format_g64;
use crate::gofmt::quote::quote;

pub(super) fn int_verb(verb: char, spec: Spec, i: i64) -> Option<String> {
    let abs = i.unsigned_abs();
    let digits = match verb {
        'v' | 'd' => abs.to_string(),
        'b' => format!("{abs:b}"),
        'o' | 'O' => format!("{abs:o}"),
        'x' => format!("{abs:x}"),
        'X' => format!("{abs:X}"),
        'c' => return Some(pad(&rune(i).to_string(), spec, false)),
        'q' => return Some(pad(&quote_rune(rune(i)), spec, false)),
        'U' => {
            let u = format!("U+{abs:04X}");
            return Some(pad(&u, spec, false));
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 's' | 't' => return None,
        _ => return None,
    };
    let mut digits = match spec.prec {
        Some(p) if digits.len() < p => format!("{}{digits}", "0".repeat(p - digits.len())),
        Some(0) if i == 0 => String::new(),
        _ => digits,
    };
    let prefix = match verb {
        'x' if spec.sharp => "0x",
        'X' if spec.sharp => "0X",
        'o' if spec.sharp && !digits.starts_with('0') => "0",
        'O' => "0o",
        'b' if spec.sharp => "0b",
        _ => "",
    };
    digits = format!("{prefix}{digits}");
    let sign = if i < 0 {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    // A precision turns zero padding off (fmt/format.go, fmtInteger).
    let zero_ok = spec.prec.is_none() && !spec.minus;
    Some(pad(&format!("{sign}{digits}"), spec, zero_ok))
}

fn rune(i: i64) -> char {
    u32::try_from(i)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}')
}

/// Go's `strconv.QuoteRune`.
fn quote_rune(c: char) -> String {
    if c == '\'' {
        return "'\\''".to_string();
    }
    let q = if c == '"' {
        "\"".to_string()
    } else {
        quote(&c.to_string())
    };
    let inner = q
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(&q);
    format!("'{inner}'")
}

pub(super) fn float_verb(verb: char, spec: Spec, f: f64) -> Option<String> {
    let body = match verb {
        'v' | 'g' | 'G' => match spec.prec {
            None => format_g64(f),
            Some(p) => format_g_prec(f, p.max(1)),
        },
        'f' | 'F' => format!("{:.*}", spec.prec.unwrap_or(6), f),
        'e' | 'E' => format_e(f, spec.prec.unwrap_or(6)),
        _ => return None,
    };
    let body = if matches!(verb, 'E' | 'G') {
        body.to_uppercase()
    } else {
        body
    };
    let body = if f.is_nan() || f.is_infinite() {
        body.trim_start_matches('+').to_string()
    } else {
        body
    };
    let signed = if body.starts_with('-') {
        body
    } else if spec.plus {
        format!("+{body}")
    } else if spec.space {
        format!(" {body}")
    } else {
        body
    };
    let zero_ok = !spec.minus && f.is_finite();
    Some(pad(&signed, spec, zero_ok))
}

/// `%.Ne`: N digits after the point and Go's two-digit exponent (`1.500000e+03`).
fn format_e(f: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, f);
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exp.unsigned_abs())
}

/// `%.Ng`: N significant digits, `%e` when the exponent is below -4 or at least N.
fn format_g_prec(f: f64, prec: usize) -> String {
    if f == 0.0 || !f.is_finite() {
        return format_g64(f);
    }
    let e = format_e(f, prec - 1);
    let exp: i32 = e
        .split_once('e')
        .and_then(|(_, x)| x.parse().ok())
        .unwrap_or(0);
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if exp < -4 || exp >= i32::try_from(prec).unwrap_or(i32::MAX) {
        let (m, x) = e.split_once('e').unwrap_or((&e, "+00"));
        format!("{}e{x}", trim(m.to_string()))
    } else {
        let decimals =
            usize::try_from(i64::try_from(prec).unwrap_or(0) - 1 - i64::from(exp)).unwrap_or(0);
        trim(format!("{:.*}", decimals, f))
    }
}
