//! Go's `strconv.Quote` (which `%q` uses) and the one-character quoting of `encoding/json`'s
//! scanner (`quoteChar`), following Go's strconv/quote.go and encoding/json/scanner.go.

use std::fmt::Write as _;

/// Go's `strconv.Quote(s)`: a double-quoted string with Go escapes for `"`, `\`, control
/// characters and every character `strconv.IsPrint` rejects.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escaped_rune(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// Go's `appendEscapedRune` with `ASCIIonly` and `graphicOnly` false, as `Quote` calls it.
fn escaped_rune(out: &mut String, c: char, quote: char) {
    if c == quote || c == '\\' {
        out.push('\\');
        out.push(c);
        return;
    }
    if is_print(c) {
        out.push(c);
        return;
    }
    let short = match c {
        '\u{7}' => "\\a",
        '\u{8}' => "\\b",
        '\u{c}' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u{b}' => "\\v",
        _ => "",
    };
    let code = u32::from(c);
    if !short.is_empty() {
        out.push_str(short);
    } else if code < 0x20 || code == 0x7f {
        let _ = write!(out, "\\x{code:02x}");
    } else if code < 0x10000 {
        let _ = write!(out, "\\u{code:04x}");
    } else {
        let _ = write!(out, "\\U{code:08x}");
    }
}

/// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
pub fn is_print(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    // Rust's `escape_debug` leaves a character alone exactly when it is not in Cc, Cf, Cs, Co,
    // Cn, Zl, Zp or Zs (core's unicode/printable.py), which is Go's definition. Behind a letter
    // it does not escape grapheme extenders either, which are marks and so printable in Go.
    let pair = format!("a{c}");
    pair.escape_debug().skip(1).eq(std::iter::once(c))
}

/// Go's `quoteChar` from encoding/json/scanner.go, for "invalid character 'x' …" messages. The
/// scanner reads bytes, so a multi-byte character is reported by its first byte, read as the
/// Latin-1 character of that value (`é` is reported as `'Ã'`).
pub fn quote_char(c: char) -> String {
    let mut utf8 = [0u8; 4];
    let first = c.encode_utf8(&mut utf8).bytes().next().unwrap_or(0);
    match first {
        b'\'' => "'\\''".to_string(),
        b'"' => "'\"'".to_string(),
        b => {
            let quoted = quote(char::from(b).encode_utf8(&mut utf8));
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or(&quoted);
            format!("'{inner}'")
        }
    }
}
