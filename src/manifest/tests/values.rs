//! YAML to JSON the way kubectl (go-yaml v2, sigs.k8s.io/yaml) converts it.

use super::value_of;
use serde_json::{Value, json};

#[test]
fn scalars_resolve_like_go_yaml_v2() {
    let cases: &[(&str, Value)] = &[
        // YAML 1.1 booleans, including the one-letter forms.
        ("y", json!(true)),
        ("Y", json!(true)),
        ("yes", json!(true)),
        ("Yes", json!(true)),
        ("YES", json!(true)),
        ("on", json!(true)),
        ("ON", json!(true)),
        ("True", json!(true)),
        ("n", json!(false)),
        ("no", json!(false)),
        ("off", json!(false)),
        ("FALSE", json!(false)),
        ("yEs", json!("yEs")),
        ("'yes'", json!("yes")),
        ("\"on\"", json!("on")),
        // Nulls.
        ("~", Value::Null),
        ("null", Value::Null),
        ("Null", Value::Null),
        ("NULL", Value::Null),
        ("nULL", json!("nULL")),
        ("'null'", json!("null")),
        // Integers through Go's base-0 parser, underscores dropped.
        ("0777", json!(511)),
        ("0x1F", json!(31)),
        ("0X1f", json!(31)),
        ("0o17", json!(15)),
        ("0b101", json!(5)),
        ("-0b11", json!(-3)),
        ("1_000", json!(1000)),
        ("+5", json!(5)),
        ("-5", json!(-5)),
        ("0", json!(0)),
        ("9223372036854775807", json!(9223372036854775807i64)),
        ("9223372036854775808", json!(9223372036854775808u64)),
        ("-9223372036854775808", json!(-9223372036854775808i64)),
        ("18446744073709551616", json!(18446744073709551616.0)),
        // Floats; whole ones become JSON integers as Go's encoder prints them.
        ("1e3", json!(1000)),
        ("1.5", json!(1.5)),
        (".5", json!(0.5)),
        ("-.5", json!(-0.5)),
        ("1.", json!(1)),
        ("08", json!(8)),
        ("1.5e-3", json!(0.0015)),
        ("1e400", json!("1e400")),
        ("1e", json!("1e")),
        ("1.2.3", json!("1.2.3")),
        ("0.0.0.0", json!("0.0.0.0")),
        ("0x", json!("0x")),
        ("+", json!("+")),
        // Timestamps stay strings.
        ("2024-01-02", json!("2024-01-02")),
        ("2024-01-02T03:04:05Z", json!("2024-01-02T03:04:05Z")),
        ("1:30", json!("1:30")),
        // Tags.
        ("!!str 123", json!("123")),
        ("!!int \"12\"", json!(12)),
        ("!!float 1", json!(1)),
        ("!!bool yes", json!(true)),
        ("!!null ''", Value::Null),
        ("!!binary aGVsbG8=", json!("hello")),
        ("!custom text", json!("text")),
        ("! 12", json!("12")),
        // Quoting and escapes.
        ("'it''s'", json!("it's")),
        ("\"a\\tb\\u00e9\\x41\"", json!("a\tbéA")),
        ("\"\"", json!("")),
        // go-yaml's escapes: `\'` is a quote (libyaml alone would reject it).
        ("\"it\\'s\"", json!("it's")),
        ("\"\\a\\'\\x07\\'\\u0007\"", json!("\u{7}'\u{7}'\u{7}")),
        ("&q \"\\'\\'\"", json!("''")),
    ];
    for (scalar, want) in cases {
        let text = format!("v: {scalar}\n");
        let got = value_of(&text).and_then(|v| v.get("v").cloned());
        assert_eq!(got.as_ref(), Some(want), "scalar {scalar:?}");
    }
}

#[test]
fn keys_become_strings_like_sigs_k8s_yaml() {
    let cases: &[(&str, &str)] = &[
        ("1: x", "1"),
        ("0x10: x", "16"),
        ("true: x", "true"),
        ("y: x", "true"),
        ("no: x", "false"),
        ("1.5: x", "1.5"),
        ("0.1: x", "0.1"),
        ("1e3: x", "1000"),
        (".inf: x", ".inf"),
        ("2024-01-02: x", "2024-01-02"),
        ("'1': x", "1"),
        ("\"a b\": x", "a b"),
    ];
    for (text, key) in cases {
        let v = value_of(text).unwrap_or(Value::Null);
        assert_eq!(v, json!({ *key: "x" }), "input {text:?}");
    }
}

#[test]
fn block_and_flow_structures() {
    let cases: &[(&str, Value)] = &[
        (
            "a:\n  b:\n  - 1\n  - c: d\n",
            json!({"a": {"b": [1, {"c": "d"}]}}),
        ),
        (
            "a: {b: [1, 2], c: {d: e}}\n",
            json!({"a": {"b": [1, 2], "c": {"d": "e"}}}),
        ),
        ("a: []\nb: {}\nc:\n", json!({"a": [], "b": {}, "c": null})),
        ("- - a\n  - b\n- c\n", json!([["a", "b"], "c"])),
        ("s: |\n  line1\n  line2\n", json!({"s": "line1\nline2\n"})),
        ("s: |-\n  line1\n", json!({"s": "line1"})),
        (
            "s: >\n  folded\n  text\n\n  para\n",
            json!({"s": "folded text\npara\n"}),
        ),
        ("s: plain\n  continued\n", json!({"s": "plain continued"})),
        ("a: 1 # comment\n# b: 2\n", json!({"a": 1})),
        ("? complex\n: value\n", json!({"complex": "value"})),
        ("a: 1\r\nb: 2\r\n", json!({"a": 1, "b": 2})),
        ("\u{feff}a: 1\n", json!({"a": 1})),
        ("just a string\n", json!("just a string")),
        ("[1, 2]\n", json!([1, 2])),
        // Only the first document of a piece counts; go-yaml never reads past `...`.
        ("a: 1\n...\nb: [\n", json!({"a": 1})),
        (
            "{\"a\": 1, \"b\": [true, null]}\n",
            json!({"a": 1, "b": [true, null]}),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(value_of(text).as_ref(), Some(want), "input {text:?}");
    }
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let cases: &[(&str, Value)] = &[
        (
            "a: &x {b: 1}\nc: *x\n",
            json!({"a": {"b": 1}, "c": {"b": 1}}),
        ),
        (
            "a: &x 1\nb: *x\na2: &x 2\nc: *x\n",
            json!({"a": 1, "b": 1, "a2": 2, "c": 2}),
        ),
        // Keys after `<<` override merged ones; merged ones override keys before it.
        (
            "base: &b {x: 1, k: 2}\nd:\n  k: 0\n  <<: *b\n  x: 3\n",
            json!({"base": {"x": 1, "k": 2}, "d": {"x": 3, "k": 2}}),
        ),
        // In a list of mappings the first one wins.
        (
            "p: &p {a: 1}\nq: &q {a: 2, b: 2}\nr:\n  <<: [*p, *q]\n",
            json!({"p": {"a": 1}, "q": {"a": 2, "b": 2}, "r": {"a": 1, "b": 2}}),
        ),
        ("r:\n  <<: {a: 1}\n  b: 2\n", json!({"r": {"a": 1, "b": 2}})),
        ("r:\n  '<<': {a: 1}\n", json!({"r": {"<<": {"a": 1}}})),
        ("*x: 1\n", Value::Null),
    ];
    for (text, want) in cases.iter().take(6) {
        assert_eq!(value_of(text).as_ref(), Some(want), "input {text:?}");
    }
    assert!(super::parse(cases[6].0).has_errors());
}

#[test]
fn empty_and_null_documents_have_no_value() {
    for text in [
        "",
        "\n",
        "# only a comment\n",
        "---\n",
        "null\n",
        "~\n",
        "  \n\n",
    ] {
        let parsed = super::parse(text);
        assert!(parsed.diagnostics().is_empty(), "{text:?}");
        assert!(
            parsed.documents().iter().all(|d| d.value.is_none()),
            "{text:?}"
        );
        assert_eq!(parsed.objects().count(), 0, "{text:?}");
    }
}

#[test]
fn duplicate_keys_keep_the_last_value_with_a_warning() {
    let parsed = super::parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n");
    let value = parsed.documents().first().and_then(|d| d.value.clone());
    assert_eq!(value, Some(json!({"a": 3, "b": {"c": 2}})));
    let warnings: Vec<(usize, usize, &str)> = parsed
        .diagnostics()
        .iter()
        .map(|d| (d.line, d.column, d.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (
                4,
                3,
                "duplicate key \"c\": kubectl keeps only this last value"
            ),
            (
                5,
                1,
                "duplicate key \"a\": kubectl keeps only this last value"
            ),
        ]
    );
    assert!(!parsed.has_errors());
    assert_eq!(parsed.objects().count(), 1);
}
