//! `encoding/json` string escaping, `Marshal` and `MarshalIndent`.

use crate::gofmt::json::{marshal, marshal_indent};
use serde_json::json;

#[test]
fn marshals_like_go() {
    assert_eq!(marshal(&json!({"b": 1, "a": "x"})), r#"{"a":"x","b":1}"#);
    assert_eq!(
        marshal(&json!({"app": "<nginx>&"})),
        r#"{"app":"\u003cnginx\u003e\u0026"}"#
    );
    assert_eq!(marshal(&json!([1.5, 2.0, true, null])), "[1.5,2,true,null]");
    assert_eq!(marshal(&json!(1e21)), "1e+21");
    assert_eq!(marshal(&json!({"a": [], "b": {}})), r#"{"a":[],"b":{}}"#);
}

#[test]
fn indents_like_go_marshal_indent() {
    let v = json!({"b": [1, 2.5, "x"], "a": {}, "c": [], "d": {"e": null, "f": true}});
    let want = "{\n    \"a\": {},\n    \"b\": [\n        1,\n        2.5,\n        \"x\"\n    ],\n    \"c\": [],\n    \"d\": {\n        \"e\": null,\n        \"f\": true\n    }\n}";
    assert_eq!(marshal_indent(&v, "    "), want);
}

#[test]
fn escapes_like_go() {
    assert_eq!(
        marshal(&json!("a<b>&\"\\\n\t\r\u{1}\u{1f}\u{2028}\u{2029}é")),
        "\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\\t\\r\\u0001\\u001f\\u2028\\u2029é\""
    );
}

/// The copies disagreed on U+0008 and U+000C: the API server's copy wrote `\u0008` and
/// `\u000c`. Go's encoding/json/encode.go (`appendString`) writes `\b` and `\f` since Go 1.22,
/// and kubectl v1.37 and its API server are built with a newer Go.
#[test]
fn backspace_and_form_feed_use_short_escapes() {
    assert_eq!(marshal(&json!("a\u{8}b\u{c}c")), r#""a\bb\fc""#);
    assert_eq!(marshal(&json!({"\u{8}": 1})), r#"{"\b":1}"#);
}
