//! Go's `fmt.Sprintf`, `Sprint` and `Sprintln` (fmt/print.go, fmt/format.go; the examples are
//! what Go prints for them, from fmt's doc.go and fmt_test.go).

use crate::gofmt::printf::{Arg, sprint_args, sprintf, sprintln_args};
use serde_json::json;

#[test]
fn verbs_like_go() {
    let int = |i| Arg::Int(i, "int");
    assert_eq!(
        sprintf(
            "%5.2f|%e|%g|%.3g",
            &[
                Arg::Float(1.23456),
                Arg::Float(1500.0),
                Arg::Float(1e21),
                Arg::Float(1234.5678)
            ]
        ),
        " 1.23|1.500000e+03|1e+21|1.23e+03"
    );
    assert_eq!(
        sprintf(
            "%x %#x %X %o %b %c %q %U",
            &[
                int(255),
                int(255),
                int(255),
                int(8),
                int(5),
                int(65),
                int(65),
                int(65)
            ]
        ),
        "ff 0xff FF 10 101 A 'A' U+0041"
    );
    assert_eq!(
        sprintf(
            "%05d|%-5d|%+d|%6.2f",
            &[int(-42), int(42), int(5), Arg::Float(-1.5)]
        ),
        "-0042|42   |+5| -1.50"
    );
    assert_eq!(
        sprintf(
            "%5.1s|%q|%x|%-4s|",
            &[
                Arg::Str("abc"),
                Arg::Str("a\"b"),
                Arg::Str("hi"),
                Arg::Str("x")
            ]
        ),
        "    a|\"a\\\"b\"|6869|x   |"
    );
    assert_eq!(
        sprintf(
            "%t %v %T %T",
            &[
                Arg::Bool(true),
                Arg::Float(1e6),
                Arg::Int(3, "int64"),
                Arg::Nil
            ]
        ),
        "true 1e+06 int64 <nil>"
    );
    let v = json!({"a": [1, "x"], "b": null});
    assert_eq!(
        sprintf(
            "%v|%s|%d",
            &[Arg::Json(&v), Arg::Json(&v), Arg::Json(&json!([1, 2]))]
        ),
        "map[a:[1 x] b:<nil>]|map[a:[%!s(int64=1) x] b:%!s(<nil>)]|[1 2]"
    );
    assert_eq!(
        sprintf("%#v", &[Arg::Json(&json!({"a": "x"}))]),
        "map[string]interface {}{\"a\":\"x\"}"
    );
}

#[test]
fn mistakes_like_go() {
    assert_eq!(sprintf("%d", &[Arg::Str("x")]), "%!d(string=x)");
    assert_eq!(sprintf("%d %s", &[Arg::Int(1, "int")]), "1 %!s(MISSING)");
    assert_eq!(
        sprintf("%d", &[Arg::Int(1, "int"), Arg::Str("a")]),
        "1%!(EXTRA string=a)"
    );
    assert_eq!(sprintf("100%", &[]), "100%!(NOVERB)");
    assert_eq!(
        sprintf("%s|%t", &[Arg::Nil, Arg::Int(1, "int")]),
        "%!s(<nil>)|%!t(int=1)"
    );
    assert_eq!(
        sprintf(
            "%*d|%-*d|",
            &[
                Arg::Int(4, "int"),
                Arg::Int(7, "int"),
                Arg::Int(3, "int"),
                Arg::Int(1, "int")
            ]
        ),
        "   7|1  |"
    );
}

#[test]
fn sprint_and_sprintln() {
    // Sprint adds a space between operands when neither is a string; Sprintln always does.
    let args = [
        Arg::Int(1, "int"),
        Arg::Int(2, "int"),
        Arg::Str("a"),
        Arg::Str("b"),
        Arg::Bool(true),
    ];
    assert_eq!(sprint_args(&args), "1 2abtrue");
    assert_eq!(sprintln_args(&args), "1 2 a b true\n");
}
