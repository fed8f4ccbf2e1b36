//! Object metadata, label and selector validation messages.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use serde_json::Value;
use sts_playground::sim::api::field_error::FieldError;
use sts_playground::sim::api::field_path::FieldPath;
use sts_playground::sim::api::validation_meta::*;

use serde_json::json;

fn meta(v: Value) -> ObjectMeta {
    serde_json::from_value(v).expect("meta")
}

fn render(errs: &[FieldError]) -> Vec<String> {
    errs.iter().map(ToString::to_string).collect()
}

#[test]
fn create_metadata_messages() {
    let root = FieldPath::new("metadata");
    assert_eq!(
        render(&validate_object_meta(
            &meta(json!({"namespace": "default"})),
            true,
            NameRule::Dns1123Subdomain,
            &root
        )),
        vec!["metadata.name: Required value: name or generateName is required"]
    );
    assert_eq!(
        render(&validate_object_meta(
            &meta(json!({"name": "web"})),
            true,
            NameRule::Dns1123Label,
            &root
        )),
        vec!["metadata.namespace: Required value"]
    );
    let long = "x".repeat(64);
    let errs = validate_object_meta(
        &meta(
            json!({"name": "ok", "namespace": "default", "labels": {"controller-revision-hash": long}}),
        ),
        true,
        NameRule::Dns1123Subdomain,
        &root,
    );
    assert_eq!(
        render(&errs),
        vec![format!(
            "metadata.labels: Invalid value: \"{long}\": must be no more than 63 bytes"
        )]
    );
    let errs = validate_object_meta(
        &meta(json!({"name": "pv", "namespace": "x"})),
        false,
        NameRule::Dns1123Subdomain,
        &root,
    );
    assert_eq!(
        render(&errs),
        vec!["metadata.namespace: Forbidden: not allowed on this type"]
    );
}

#[test]
fn update_metadata_messages() {
    let root = FieldPath::new("metadata");
    let old = meta(json!({"name": "web", "namespace": "default", "uid": "u1", "generation": 3}));
    let new = meta(json!({"name": "web2", "namespace": "default", "uid": "u2", "generation": 2}));
    assert_eq!(
        render(&validate_object_meta_update(&new, &old, &root)),
        vec![
            "metadata.generation: Invalid value: 2: must not be decremented",
            "metadata.name: Invalid value: \"web2\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable",
        ]
    );
}

#[test]
fn selectors_match_and_validate() {
    let sel: LabelSelector = serde_json::from_value(json!({"matchLabels": {"app": "nginx"},
        "matchExpressions": [{"key": "tier", "operator": "In", "values": ["web", "db"]}]}))
    .expect("sel");
    let labels: BTreeMap<String, String> = [
        ("app".to_string(), "nginx".to_string()),
        ("tier".to_string(), "web".to_string()),
    ]
    .into();
    assert!(selector_matches(&sel, Some(&labels)));
    assert!(!selector_matches(&sel, None));
    assert!(selector_matches(&LabelSelector::default(), None));
    let bad: LabelSelector = serde_json::from_value(json!({"matchExpressions": [{"key": "a", "operator": "In"}, {"key": "b", "operator": "Maybe"}]})).expect("sel");
    assert_eq!(
        render(&validate_label_selector(
            &bad,
            &FieldPath::new("spec.selector")
        )),
        vec![
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.selector.matchExpressions[1].operator: Invalid value: \"Maybe\": not a valid selector operator",
        ]
    );
}
