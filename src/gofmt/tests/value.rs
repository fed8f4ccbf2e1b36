//! `%v` and `%#v` of decoded values.

use crate::gofmt::value::{STRING_MAP, YAML_MAP, sharp_v, sprint};
use serde_json::json;

#[test]
fn sprints_like_go() {
    assert_eq!(
        sprint(&json!({"spec": {"replica": 3, "names": ["a", "b"], "x": null}})),
        "map[spec:map[names:[a b] replica:3 x:<nil>]]"
    );
    let v = json!({"b": [1, "x", null, true], "a": {"k": 1.5}});
    assert_eq!(sprint(&v), "map[a:map[k:1.5] b:[1 x <nil> true]]");
    assert_eq!(sprint(&json!(1.5)), "1.5");
    assert_eq!(sprint(&json!(1000000.0)), "1e+06");
    assert_eq!(sprint(&json!(123456.0)), "123456");
    assert_eq!(sprint(&json!(1234567.5)), "1.2345675e+06");
    assert_eq!(sprint(&json!(0.00001)), "1e-05");
}

#[test]
fn sharp_v_like_go() {
    let v = json!({"b": [1, "x", null, true], "a": {"k": 1.5}});
    assert_eq!(
        sharp_v(&v, STRING_MAP),
        r#"map[string]interface {}{"a":map[string]interface {}{"k":1.5}, "b":[]interface {}{1, "x", interface {}(nil), true}}"#
    );
    let v = json!({"namespace": null, "a": [1, "x"]});
    assert_eq!(
        sharp_v(&v, YAML_MAP),
        "map[interface {}]interface {}{\"a\":[]interface {}{1, \"x\"}, \"namespace\":interface {}(nil)}"
    );
    assert_eq!(sharp_v(&json!(null), YAML_MAP), "<nil>");
}

/// The manifest layer's copy printed floats in serde's form (`1e-7`); Go's fmt/print.go prints
/// a `float64` under `%#v` with `'g'` and shortest precision, as `%v` does (`1e-07`).
#[test]
fn sharp_v_floats_use_go_g_form() {
    assert_eq!(
        sharp_v(&json!([1e-7, 2.5]), YAML_MAP),
        "[]interface {}{1e-07, 2.5}"
    );
}
