//! `strconv.Quote` and the JSON scanner's `quoteChar`.

use crate::gofmt::quote::{quote, quote_char};

#[test]
fn quotes_like_strconv_quote() {
    let cases = [
        ("Never", "\"Never\""),
        ("a\"b", "\"a\\\"b\""),
        ("tab\there", "\"tab\\there\""),
        ("bell\u{7}", "\"bell\\a\""),
        ("esc\u{1b}", "\"esc\\x1b\""),
        ("héllo", "\"héllo\""),
        ("a\"b\\\n\u{1}é", "\"a\\\"b\\\\\\n\\x01é\""),
        ("\u{8}\u{c}\u{b}\r\u{7f}", "\"\\b\\f\\v\\r\\x7f\""),
    ];
    for (input, want) in cases {
        assert_eq!(quote(input), want, "input {input:?}");
    }
}

/// The copies disagreed beyond ASCII: one printed everything but C0 controls raw, one escaped
/// only C1 controls, one approximated `IsPrint`. Go's strconv/quote.go (`appendEscapedRune`)
/// escapes every rune `IsPrint` rejects (categories C and Z other than the ASCII space), as
/// `\uXXXX` below U+10000 and `\UXXXXXXXX` above; marks, symbols and emoji stay as they are.
#[test]
fn escapes_what_go_does_not_print() {
    let cases = [
        ("nb\u{a0}sp", "\"nb\\u00a0sp\""),
        ("c1\u{85}", "\"c1\\u0085\""),
        ("soft\u{ad}hyphen", "\"soft\\u00adhyphen\""),
        ("line\u{2028}sep", "\"line\\u2028sep\""),
        ("zw\u{200b}sp", "\"zw\\u200bsp\""),
        ("bom\u{feff}", "\"bom\\ufeff\""),
        ("private\u{e000}", "\"private\\ue000\""),
        ("unassigned\u{378}", "\"unassigned\\u0378\""),
        ("plane15\u{f0000}", "\"plane15\\U000f0000\""),
        ("ideographic\u{3000}space", "\"ideographic\\u3000space\""),
        ("e\u{301}", "\"e\u{301}\""),
        ("\u{301}", "\"\u{301}\""),
        ("😀 ä 中", "\"😀 ä 中\""),
    ];
    for (input, want) in cases {
        assert_eq!(quote(input), want, "input {input:?}");
    }
}

/// encoding/json/scanner.go `quoteChar`: quote and apostrophe are special, everything else is
/// `strconv.Quote` of the byte read as a rune, inside single quotes. The old copy used Rust's
/// `\u{1}` form for control characters and printed multi-byte characters whole.
#[test]
fn quotes_scanner_characters_like_go() {
    assert_eq!(quote_char('}'), "'}'");
    assert_eq!(quote_char('\''), "'\\''");
    assert_eq!(quote_char('"'), "'\"'");
    assert_eq!(quote_char('\n'), "'\\n'");
    assert_eq!(quote_char('\u{1}'), "'\\x01'");
    assert_eq!(quote_char('\u{7f}'), "'\\x7f'");
    assert_eq!(quote_char('é'), "'Ã'");
}
