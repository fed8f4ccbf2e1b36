//! Syntax and conversion errors: kubectl's text (go-yaml's line rule) and editor positions.

use super::*;

/// (input, text kubectl prints after `error converting YAML to JSON: `, editor line, column)
const CASES: &[(&str, &str, usize, usize)] = &[
    // Scanner errors name the 1-based line of the problem…
    (
        "a:\n\tb: 1\n",
        "yaml: line 2: found character that cannot start any token",
        2,
        1,
    ),
    (
        "metadata:\n  name: x\n   labels: y\n",
        "yaml: line 3: mapping values are not allowed in this context",
        3,
        10,
    ),
    // …except on the first line, where go-yaml prints no line at all.
    (
        "a: b: c\n",
        "yaml: mapping values are not allowed in this context",
        1,
        5,
    ),
    // An unclosed quote is found at the end; the editor points at the quote.
    (
        "a: \"x\nb: 1\n",
        "yaml: line 3: found unexpected end of stream",
        1,
        4,
    ),
    // A key without `:` is noticed on the next line; the editor points at the key.
    (
        "a: 1\nb\nc: 2\n",
        "yaml: line 3: could not find expected ':'",
        2,
        1,
    ),
    // Parser errors name the line before the problem (go-yaml does not add one to it).
    (
        "a:\n  b: 1\n c: 2\n",
        "yaml: line 2: did not find expected key",
        3,
        2,
    ),
    (
        "- a\nb: 1\n",
        "yaml: line 1: did not find expected '-' indicator",
        2,
        1,
    ),
    (
        "a: [1, 2\n",
        "yaml: line 1: did not find expected ',' or ']'",
        2,
        1,
    ),
    (
        "a: {b: 1\n",
        "yaml: line 1: did not find expected ',' or '}'",
        2,
        1,
    ),
    // go-yaml does not know `\/` (libyaml alone would accept it).
    (
        "a: 1\nb: \"x\\/y\"\n",
        "yaml: line 2: found unknown escape character",
        2,
        6,
    ),
    ("a: \"\\q\"\n", "yaml: found unknown escape character", 1, 5),
    // Reader errors carry no line.
    (
        "a: b\u{7}\n",
        "yaml: control characters are not allowed",
        1,
        5,
    ),
    // Failures while building values.
    ("a: *nope\n", "yaml: unknown anchor 'nope' referenced", 1, 4),
    (
        "a: &x [*x]\n",
        "yaml: anchor 'x' value contains itself",
        1,
        8,
    ),
    (
        "? [a]\n: 1\n",
        "yaml: invalid map key: []interface {}{\"a\"}",
        1,
        3,
    ),
    // A template placeholder left in the file (elasticsearch-kubed issue 7 quotes this text).
    (
        "metadata:\n  namespace: {{ namespace }}\n",
        "yaml: invalid map key: map[interface {}]interface {}{\"namespace\":interface {}(nil)}",
        2,
        15,
    ),
    (
        "a: !!int foo\n",
        "yaml: cannot decode !!str `foo` as a !!int",
        1,
        4,
    ),
    (
        "a: !!float 1.5.1\n",
        "yaml: cannot decode !!str `1.5.1` as a !!float",
        1,
        4,
    ),
    (
        "a: !!binary '%%%'\n",
        "yaml: !!binary value contains invalid base64 data",
        1,
        4,
    ),
    (
        "a:\n  <<: 1\n",
        "yaml: map merge requires map or sequence of maps as the value",
        2,
        7,
    ),
    // Conversion to JSON (sigs.k8s.io/yaml and encoding/json), printed without `yaml: `.
    (
        "~: x\n",
        "unsupported map key of type: %!s(<nil>), key: <nil>, value: \"x\"",
        1,
        1,
    ),
    (
        "? \n: x\n",
        "unsupported map key of type: %!s(<nil>), key: <nil>, value: \"x\"",
        1,
        2,
    ),
    // A value without a key is a parser error in both libyaml and go-yaml.
    (": x\n", "yaml: did not find expected key", 1, 1),
    (
        "18446744073709551615: [1]\n",
        "unsupported map key of type: uint64, key: 0xffffffffffffffff, value: []interface {}{1}",
        1,
        1,
    ),
    ("a: .nan\n", "json: unsupported value: NaN", 1, 4),
    ("a: [-.inf]\n", "json: unsupported value: -Inf", 1, 5),
];

#[test]
fn errors_read_like_kubectl_and_point_at_the_cause() {
    for (input, kubectl, line, column) in CASES {
        let parsed = parse(input);
        let error = parsed.kubectl_error();
        let want = format!("error converting YAML to JSON: {kubectl}");
        assert_eq!(
            error.and_then(|d| d.kubectl.as_deref()),
            Some(want.as_str()),
            "input {input:?}"
        );
        assert_eq!(
            error.map(|d| (d.line, d.column)),
            Some((*line, *column)),
            "input {input:?}"
        );
        assert_eq!(error.map(|d| d.severity), Some(Severity::Error));
        assert!(
            parsed.documents().iter().all(|d| d.value.is_none()),
            "input {input:?}"
        );
    }
}

#[test]
fn line_numbers_count_from_the_start_of_each_document() {
    // The third piece starts at line 7; its problem is on its 3rd line (file line 9).
    let text = "a: 1\n---\nb: 2\n---\n# c\n\nkind: X\nmetadata:\n   bad: : x\n";
    let parsed = parse(text);
    let error = parsed.kubectl_error();
    assert_eq!(
        error.and_then(|d| d.kubectl.as_deref()),
        Some(
            "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"
        )
    );
    assert_eq!(
        error.map(|d| (d.line, d.column, d.doc_index)),
        Some((9, 9, 2))
    );
}

#[test]
fn kubectl_uses_documents_before_the_first_failure() {
    let text = "kind: A\n---\nkind: B\n  bad: x\n---\nkind: C\n---\nkind: [\n";
    let parsed = parse(text);
    let kinds: Vec<&str> = parsed
        .objects()
        .filter_map(|d| d.value.as_ref()?.get("kind")?.as_str())
        .collect();
    assert_eq!(kinds, vec!["A"]);
    assert_eq!(parsed.kubectl_error().map(|d| d.doc_index), Some(1));
    // The editor still sees every piece: C parsed, the last one failed too.
    let errors: Vec<usize> = parsed.diagnostics().iter().map(|d| d.doc_index).collect();
    assert_eq!(errors, vec![1, 3]);
    assert!(parsed.documents().get(2).is_some_and(|d| d.value.is_some()));
}

#[test]
fn malformed_separators_stop_reading_like_kubectl() {
    let cases: &[(&str, &str, usize, usize)] = &[
        (
            "--- Create Deployment\napiVersion: v1\n",
            "invalid Yaml document separator: Create Deployment",
            1,
            0,
        ),
        (
            "a: 1\n----\nb: 2\n",
            "invalid Yaml document separator: -",
            2,
            0,
        ),
        (
            "a: 1\n---\nb: 2\n--- !!map\nc: 3\n",
            "invalid Yaml document separator: !!map",
            4,
            1,
        ),
    ];
    for (text, message, line, objects) in cases {
        let parsed = parse(text);
        let error = parsed.kubectl_error();
        assert_eq!(
            error.and_then(|d| d.kubectl.as_deref()),
            Some(*message),
            "{text:?}"
        );
        assert_eq!(
            error.map(|d| (d.line, d.column)),
            Some((*line, 1)),
            "{text:?}"
        );
        assert_eq!(parsed.objects().count(), *objects, "{text:?}");
    }
    // Separators followed by blanks or a comment are fine.
    assert!(!parse("a: 1\n---   # next\nb: 2\n---\t\n").has_errors());
}

#[test]
fn document_ranges_and_indices_follow_the_separators() {
    let text = "# lead\n---\n\n---\nkind: A\nx: 1\n---\n---\nkind: B\n";
    let parsed = parse(text);
    let docs: Vec<(usize, usize, usize, bool)> = parsed
        .documents()
        .iter()
        .map(|d| (d.index, d.first_line, d.last_line, d.value.is_some()))
        .collect();
    assert_eq!(
        docs,
        vec![
            (0, 1, 1, false),
            (1, 3, 3, false),
            (2, 5, 6, true),
            (3, 9, 9, true)
        ]
    );
    assert_eq!(parsed.document_at_line(6).map(|d| d.index), Some(2));
    assert_eq!(parsed.document_at_line(7).map(|d| d.index), None);
    assert_eq!(parsed.objects().count(), 2);
}
