//! The text functions of a template: Go's `html`, `js` and `urlquery` (text/template/funcs.go,
//! net/url) and kubectl's `base64decode` (cli-runtime printers/template.go).

use super::value::{V, Val};

/// Go's `HTMLEscapeString`.
pub(super) fn html(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Go's `JSEscapeString`.
pub(super) fn js(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u00{:02X}", u32::from(c))),
            c if c.is_ascii() || crate::gofmt::quote::is_print(c) => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", u32::from(c))),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
pub(super) fn query(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b' ' => out.push('+'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// kubectl's `base64decode`: standard encoding, padding required (printers/template.go).
pub(super) fn base64decode(v: &Val<'_>) -> Result<Val<'static>, String> {
    let s = match &v.v {
        V::Str(s) => s.as_ref(),
        _ => "",
    };
    decode_std(s)
        .map(|bytes| Val::string(String::from_utf8_lossy(&bytes).into_owned()))
        .map_err(|at| format!("base64 decode failed: illegal base64 data at input byte {at}"))
}

/// Go's `base64.StdEncoding.DecodeString`; the error is the offset of the bad input.
fn decode_std(s: &str) -> Result<Vec<u8>, usize> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let input: Vec<(usize, u8)> = s
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b != b'\n' && *b != b'\r')
        .collect();
    let mut out = Vec::new();
    let mut padded = false;
    for chunk in input.chunks(4) {
        let start = chunk.first().map_or(0, |c| c.0);
        if padded {
            return Err(start);
        }
        let mut acc = 0u32;
        let mut n = 0;
        for (j, &(at, b)) in chunk.iter().enumerate() {
            if b == b'=' {
                // Padding stands only in the last two places of the last quantum.
                if j < 2 {
                    return Err(at);
                }
                if j == 2 {
                    match chunk.get(3) {
                        Some((_, b'=')) => {}
                        Some((next, _)) => return Err(*next),
                        None => return Err(s.len()),
                    }
                }
                padded = true;
                break;
            }
            acc = (acc << 6) | value(b).ok_or(at)?;
            n += 1;
        }
        if n == chunk.len() && n < 4 {
            // An unfinished quantum is reported at its first byte.
            return Err(start);
        }
        acc <<= 6 * (4 - n);
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(bytes.get(1..n.max(1)).unwrap_or(&[]));
    }
    Ok(out)
}
