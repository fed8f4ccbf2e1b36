//! to_yaml: go-yaml v2's quoting, block styles, key order, numbers and folding.

use super::*;
use crate::manifest::emit::key_less;
use serde_json::{Value, json};

#[test]
fn strings_are_quoted_exactly_when_go_yaml_quotes_them() {
    let cases: &[(&str, &str)] = &[
        ("nginx", "nginx"),
        ("nginx:1.14", "nginx:1.14"),
        ("a:b", "a:b"),
        ("a#b", "a#b"),
        ("it's", "it's"),
        ("é", "é"),
        ("8080:80", "8080:80"),
        ("/dev/termination-log", "/dev/termination-log"),
        // Would read back as another type.
        ("0", "\"0\""),
        ("12345", "\"12345\""),
        ("1.0", "\"1.0\""),
        ("1e3", "\"1e3\""),
        ("0x1F", "\"0x1F\""),
        ("true", "\"true\""),
        ("True", "\"True\""),
        ("yes", "\"yes\""),
        ("y", "\"y\""),
        ("off", "\"off\""),
        ("null", "\"null\""),
        ("~", "\"~\""),
        ("", "\"\""),
        ("<<", "\"<<\""),
        (".inf", "\".inf\""),
        ("2024-01-15T10:00:00Z", "\"2024-01-15T10:00:00Z\""),
        ("2024-01-15", "\"2024-01-15\""),
        ("1:30", "\"1:30\""),
        // Indicators that stop a plain scalar: single quotes.
        ("*", "'*'"),
        ("- a", "'- a'"),
        ("-", "'-'"),
        ("a: b", "'a: b'"),
        ("a #b", "'a #b'"),
        ("#x", "'#x'"),
        ("@a", "'@a'"),
        ("%a", "'%a'"),
        ("!a", "'!a'"),
        ("&a", "'&a'"),
        ("{a}", "'{a}'"),
        ("[a]", "'[a]'"),
        ("---", "'---'"),
        ("? a", "'? a'"),
        (" a", "' a'"),
        ("a ", "'a '"),
        ("'a", "'''a'"),
        ("\"a", "'\"a'"),
        (
            "containers with unready status: [nginx]",
            "'containers with unready status: [nginx]'",
        ),
        // Not printable for libyaml: double quotes with escapes.
        ("a\tb", "\"a\\tb\""),
        ("😀", "\"\\U0001F600\""),
        ("a\u{1}", "\"a\\x01\""),
        ("\u{85}", "\"\\N\""),
        ("\u{feff}ab", "\"\\uFEFF\\x61\\x62\""),
        ("a\\b", "a\\b"),
    ];
    // go-yaml v2 reads a bare `n` or `y` key as a boolean, so it quotes them too.
    assert_eq!(to_yaml(&json!({"n": 1, "y": 2})), "\"n\": 1\n\"y\": 2\n");
    for (s, want) in cases {
        let got = to_yaml(&json!({ "k": s }));
        assert_eq!(got, format!("k: {want}\n"), "string {s:?}");
    }
}

#[test]
fn multi_line_strings_use_literal_blocks_when_allowed() {
    let cases: &[(&str, &str)] = &[
        ("a\nb", "k: |-\n  a\n  b\n"),
        ("a\nb\n", "k: |\n  a\n  b\n"),
        ("a\n\n", "k: |+\n  a\n\n"),
        ("a\n\nb\n", "k: |\n  a\n\n  b\n"),
        (" a\nb", "k: |2-\n   a\n  b\n"),
        ("\n", "k: |2+\n\n"),
        // Trailing spaces, a space before a break, or a tab force double quotes.
        ("a \nb", "k: \"a \\nb\"\n"),
        ("a\nb ", "k: \"a\\nb \"\n"),
        ("a\n\tb", "k: \"a\\n\\tb\"\n"),
    ];
    for (s, want) in cases {
        assert_eq!(to_yaml(&json!({ "k": s })), *want, "string {s:?}");
    }
    let nested = to_yaml(&json!({"a": [{"script": "echo 1\necho 2\n"}]}));
    assert_eq!(nested, "a:\n- script: |\n    echo 1\n    echo 2\n");
}

#[test]
fn long_strings_fold_past_column_80() {
    // kubernetes/kubernetes issue 32335 shows kubectl printing exactly this.
    let v = json!({"metadata": {"annotations": {
        "kubernetes.io/limit-ranger": "LimitRanger plugin set: cpu request for container hostnames"
    }}});
    assert_eq!(
        to_yaml(&v),
        "metadata:\n  annotations:\n    kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu request for container\n      hostnames'\n"
    );
    // kubernetes-sigs/yaml issue 116 quotes this output of go-yaml v2.
    let long = format!("{}: .s", "1234567890".repeat(13) + "1234");
    assert_eq!(
        to_yaml(&json!({ "a": long })),
        format!("a: '{}:\n  .s'\n", "1234567890".repeat(13) + "1234")
    );
    // Plain scalars fold at a single space; keys never fold.
    let words = "word ".repeat(20) + "end";
    let got = to_yaml(&json!({ "k": words }));
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].chars().count() > 80 && lines[0].chars().count() <= 86,
        "{got}"
    );
    assert!(lines[1].starts_with("  word"), "{got}");
    // Double-quoted scalars fold too, escaping a space that starts the next line.
    let words = |n: usize| vec!["word"; n].join(" ");
    let single_space = format!("\t{} end", words(20));
    let want = format!("k: \"\\t{}\n  {} end\"\n", words(16), words(4));
    assert_eq!(to_yaml(&json!({ "k": single_space })), want);
    let double_space = format!("\t{}  next", words(16));
    let want = format!("k: \"\\t{}\n  \\ next\"\n", words(16));
    assert_eq!(to_yaml(&json!({ "k": double_space.clone() })), want);
    let back = parse(&want)
        .documents()
        .first()
        .and_then(|d| d.value.clone());
    assert_eq!(back, Some(json!({ "k": double_space })));
    let key = "k ".repeat(50).trim_end().to_string();
    assert_eq!(to_yaml(&json!({ key.clone(): 1 })), format!("{key}: 1\n"));
}

#[test]
fn layout_matches_kubectl() {
    let v = json!({
        "spec": {"containers": [{"name": "nginx", "ports": [{"containerPort": 80}], "args": []}],
                 "nodeSelector": {}, "matrix": [[1, 2], [], {}], "nothing": null}
    });
    let want = "\
spec:
  containers:
  - args: []
    name: nginx
    ports:
    - containerPort: 80
  matrix:
  - - 1
    - 2
  - []
  - {}
  nodeSelector: {}
  nothing: null
";
    assert_eq!(to_yaml(&v), want);
    assert_eq!(to_yaml(&json!("text")), "text\n");
    assert_eq!(to_yaml(&json!({})), "{}\n");
    assert_eq!(to_yaml(&json!([])), "[]\n");
    assert_eq!(to_yaml(&Value::Null), "null\n");
    let long_key = "k".repeat(129);
    assert_eq!(
        to_yaml(&json!({ long_key.clone(): {"a": 1} })),
        format!("? {long_key}\n: a: 1\n")
    );
    assert_eq!(to_yaml(&json!({"a\nb": 1})), "? |-\n  a\n  b\n: 1\n");
}

#[test]
fn numbers_print_as_go_json_then_go_yaml() {
    let cases: &[(Value, &str)] = &[
        (json!(1), "1"),
        (json!(-7), "-7"),
        (json!(u64::MAX), "18446744073709551615"),
        (json!(1.5), "1.5"),
        (json!(3.0), "3"),
        (json!(0.1), "0.1"),
        (json!(1e-7), "1e-07"),
        (json!(1e20), "1e+20"),
        (json!(1e21), "1e+21"),
        (json!(123456789.5), "1.234567895e+08"),
        (json!(true), "true"),
    ];
    for (v, want) in cases {
        assert_eq!(
            to_yaml(&json!({ "num": v })),
            format!("num: {want}\n"),
            "value {v}"
        );
    }
}

#[test]
fn keys_sort_in_go_yaml_natural_order() {
    let v = json!({"a10": 1, "a9": 1, "a1": 1, "a01": 1, "B": 1, "b": 1, "_x": 1, "1": 1, "10": 1, "9": 1, "x-1": 1, "x1": 1});
    let got = to_yaml(&v);
    let keys: Vec<&str> = got.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(
        keys,
        vec![
            "_x", "\"1\"", "\"9\"", "\"10\"", "B", "a1", "a01", "a9", "a10", "b", "x-1", "x1"
        ]
    );
    assert!(key_less("app", "apps"));
    assert!(!key_less("apps", "app"));
    assert!(key_less("containerPort", "name"));
}

#[test]
fn output_reads_back_to_the_same_value() {
    let v = json!({
        "s": ["", " ", "a b", "a  b", "\t", "'", "\"", "\\", "#", "a: b", "- x", "? x", "0", "0.5",
              "yes", "null", "~", "é😀\u{2028}\u{85}\u{0}", "x\r\ny", "line\n", "\n\n", " lead\ntrail ",
              "1:2", "2024-01-01", "<<", "*a", "&a", "!a", "%", "@", "`", "{", "}", "[", "]", ",", ">", "|"],
        "n": [0, -1, 1.25, 1e21, 1e-9, 9007199254740993i64],
        "m": {"": 1, "1": 2, "true": 3, "a b": {}, "k": []}
    });
    let text = to_yaml(&v);
    let parsed = parse(&text);
    assert!(
        parsed.diagnostics().is_empty(),
        "{text}\n{:?}",
        parsed.diagnostics()
    );
    assert_eq!(
        parsed.documents().first().and_then(|d| d.value.clone()),
        Some(v),
        "{text}"
    );
}
