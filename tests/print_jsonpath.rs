//! JSONPath templates: client-go's test table and the kubectl documentation examples
//! (tests/data/print/jsonpath_cases.json), plus kubectl's printer wrapping and error texts.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use sts_playground::kubectl::print::jsonpath::{
    JsonPath, print_jsonpath, relaxed_jsonpath_expression,
};

#[derive(Deserialize)]
struct Case {
    name: String,
    template: String,
    input: String,
    allow_missing: bool,
    expect: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Cases {
    inputs: BTreeMap<String, Value>,
    cases: Vec<Case>,
}

#[test]
fn client_go_and_docs_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/print/jsonpath_cases.json"
    );
    let data: Cases =
        serde_json::from_str(&std::fs::read_to_string(path).expect("cases")).expect("JSON");
    for c in &data.cases {
        let input = data.inputs.get(&c.input).expect("known input");
        let result = JsonPath::parse(&c.template)
            .and_then(|jp| jp.allow_missing_keys(c.allow_missing).execute(input));
        match (&c.expect, &c.error, result) {
            (Some(want), None, Ok(got)) => assert_eq!(&got, want, "case {}", c.name),
            (None, Some(want), Err(got)) => assert_eq!(&got, want, "case {}", c.name),
            (_, _, other) => panic!("case {}: unexpected result {other:?}", c.name),
        }
    }
}

#[test]
fn find_results_returns_values_for_wait_conditions() {
    let sts = json!({"status": {"readyReplicas": 3, "conditions": [{"type": "Ready", "status": "True"}]}});
    let jp = JsonPath::parse("{.status.readyReplicas}").expect("parse");
    assert_eq!(jp.find_results(&sts).expect("eval"), vec![vec![json!(3)]]);
    let jp = JsonPath::parse(r#"{.status.conditions[?(@.type=="Ready")].status}"#).expect("parse");
    assert_eq!(
        jp.find_results(&sts).expect("eval"),
        vec![vec![json!("True")]]
    );
    // Typed comparisons: an integer field never equals a string literal.
    let jp = JsonPath::parse(r#"{.status.conditions[?(@.type==1)]}"#).expect("parse");
    assert_eq!(
        jp.find_results(&sts).unwrap_err(),
        "incompatible types for comparison"
    );
}

#[test]
fn kubectl_printer_texts() {
    let list = json!({"apiVersion": "v1", "kind": "List", "items": [
        {"metadata": {"name": "web-0", "labels": {"app.kubernetes.io/name": "web"}}, "status": {"phase": "Running"}},
        {"metadata": {"name": "web-1", "labels": {"app.kubernetes.io/name": "web"}}, "status": {"phase": "Pending"}}
    ], "metadata": {"resourceVersion": ""}});
    let out = print_jsonpath("{.items[*].metadata.name}", &list, true, false);
    assert_eq!(out.as_deref(), Ok("web-0 web-1"));
    let out = print_jsonpath(
        r#"{range .items[*]}{.metadata.name}{"\n"}{end}"#,
        &list,
        true,
        false,
    );
    assert_eq!(out.as_deref(), Ok("web-0\nweb-1\n"));
    let out = print_jsonpath(
        r#"{.items[?(@.status.phase=="Running")].metadata.name}"#,
        &list,
        true,
        false,
    );
    assert_eq!(out.as_deref(), Ok("web-0"));
    let out = print_jsonpath(
        r"{.items[0].metadata.labels['app\.kubernetes\.io/name']}",
        &list,
        true,
        false,
    );
    assert_eq!(out.as_deref(), Ok("web"));
    let out = print_jsonpath(
        "{.items[0].metadata.labels.app\\.kubernetes\\.io/name}",
        &list,
        true,
        false,
    );
    assert_eq!(out.as_deref(), Ok("web"));
    assert_eq!(
        print_jsonpath("{.foo}", &list, true, false).as_deref(),
        Ok("")
    );
    assert_eq!(
        print_jsonpath("{.items[*].metadata.name}", &list, true, true).as_deref(),
        Ok("[\n    \"web-0\",\n    \"web-1\"\n]\n")
    );

    let small = json!({"kind": "List", "items": [], "n": 1});
    let err = print_jsonpath("{.foo}", &small, false, false).unwrap_err();
    assert_eq!(
        err,
        "error executing jsonpath \"{.foo}\": Error executing template: foo is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.foo}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"items\":[]interface {}{}, \"kind\":\"List\", \"n\":1}\n\n\n"
    );
    let err = print_jsonpath("{.items[", &small, true, false).unwrap_err();
    assert_eq!(err, "error parsing jsonpath {.items[, unterminated array");
}

#[test]
fn relaxed_expressions() {
    for input in [
        "metadata.name",
        ".metadata.name",
        "{metadata.name}",
        "{.metadata.name}",
    ] {
        assert_eq!(
            relaxed_jsonpath_expression(input).as_deref(),
            Ok("{.metadata.name}")
        );
    }
    assert_eq!(relaxed_jsonpath_expression("").as_deref(), Ok(""));
    assert!(relaxed_jsonpath_expression("{.a}{.b}").is_err());
}
