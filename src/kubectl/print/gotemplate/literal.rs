//! Literals inside actions: Go's `strconv.Unquote` for strings and character constants, and
//! the readings of a number (text/template/parse/node.go, `newNumber`).

use super::node::Number;
use crate::gofmt::quote::quote;

/// One escape or character after `\` in a quoted literal; `quote` is the enclosing quote.
fn escape(chars: &mut std::str::Chars<'_>, quote_char: char) -> Option<u32> {
    let c = chars.next()?;
    let hex = |chars: &mut std::str::Chars<'_>, n: usize| -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            v = v * 16 + chars.next()?.to_digit(16)?;
        }
        Some(v)
    };
    Some(match c {
        'a' => 7,
        'b' => 8,
        'f' => 12,
        'n' => 10,
        'r' => 13,
        't' => 9,
        'v' => 11,
        '\\' => 92,
        '\'' | '"' if c == quote_char => u32::from(c),
        'x' => hex(chars, 2)?,
        'u' => hex(chars, 4)?,
        'U' => hex(chars, 8)?,
        '0'..='7' => {
            let mut v = c.to_digit(8)?;
            for _ in 0..2 {
                v = v * 8 + chars.next()?.to_digit(8)?;
            }
            if v > 255 {
                return None;
            }
            v
        }
        _ => return None,
    })
}

/// Go's `strconv.Unquote` of a `"…"` or `` `…` `` literal; the error is Go's `invalid syntax`.
pub(super) fn unquote(lit: &str) -> Result<String, String> {
    let bad = || "invalid syntax".to_string();
    if let Some(raw) = lit.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
        return Ok(raw.replace('\r', ""));
    }
    let body = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or_else(bad)?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let code = escape(&mut chars, '"').ok_or_else(bad)?;
                // \x and octal escapes are bytes; the playground keeps them as characters.
                out.push(char::from_u32(code).ok_or_else(bad)?);
            }
            '"' | '\n' => return Err(bad()),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The value of a character constant such as `'a'` or `'\n'`.
fn char_value(text: &str) -> Result<i64, String> {
    let body = text.strip_prefix('\'').unwrap_or(text);
    let mut chars = body.chars();
    let code = match chars.next() {
        Some('\\') => escape(&mut chars, '\'').ok_or("invalid syntax")?,
        Some('\'') | None => return Err("invalid syntax".to_string()),
        Some(c) => u32::from(c),
    };
    if chars.as_str() != "'" {
        return Err(format!("malformed character constant: {text}"));
    }
    Ok(i64::from(code))
}

/// Go's `strconv.ParseInt(s, 0, 64)` and `ParseUint`: sign, base prefix, underscores.
fn parse_int(text: &str) -> (Option<i64>, Option<u64>) {
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d.to_string())
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d.to_string())
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d.to_string())
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower.get(1..).unwrap_or("").to_string())
    } else {
        (10, lower.clone())
    };
    // Underscores may only separate digits, and only with base prefix rules; keep it simple.
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return (None, None);
    }
    let digits = digits.replace('_', "");
    let Ok(u) = u64::from_str_radix(&digits, radix) else {
        return (None, None);
    };
    let int = if neg {
        i64::try_from(u)
            .ok()
            .map(|v| -v)
            .or((u == 1u64 << 63).then_some(i64::MIN))
    } else {
        i64::try_from(u).ok()
    };
    (int, (!neg).then_some(u))
}

/// Reads a number token the way `newNumber` does.
pub(super) fn number(text: &str, is_char: bool) -> Result<Number, String> {
    if is_char {
        let v = char_value(text)?;
        return Ok(Number {
            text: text.to_string(),
            int: Some(v),
            uint: true,
            float: Some(v as f64),
        });
    }
    if text.ends_with('i') {
        return Err(format!(
            "the playground does not take complex numbers: {}",
            quote(text)
        ));
    }
    let (int, uint) = parse_int(text);
    let mut n = Number {
        text: text.to_string(),
        int,
        uint: uint.is_some() || int == Some(0),
        float: None,
    };
    if let Some(i) = int {
        n.float = Some(i as f64);
    } else if let Some(u) = uint {
        n.float = Some(u as f64);
    } else if let Ok(f) = text.replace('_', "").parse::<f64>() {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!("integer overflow: {}", quote(text)));
        }
        n.float = Some(f);
        if f.fract() == 0.0 && f.abs() < 9.2e18 {
            n.int = Some(f as i64);
            n.uint = f >= 0.0;
        }
    }
    if n.int.is_none() && !n.uint && n.float.is_none() {
        return Err(format!("illegal number syntax: {}", quote(text)));
    }
    Ok(n)
}
