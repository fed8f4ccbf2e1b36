//! StatefulSet validation messages, rendered exactly as the v1.37 server and kubectl print them.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::apps::v1::StatefulSet;
use serde_json::{Value, json};
use sts_playground::sim::api::decode::decode;
use sts_playground::sim::api::defaults::default_statefulset;
use sts_playground::sim::api::field_error::invalid_message;
use sts_playground::sim::api::validation::*;
use sts_playground::sim::api::validation_sts_status::*;

fn base() -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "serviceName": "nginx", "replicas": 2,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24"}]}}
        }
    })
}

fn with(mut doc: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    let target = doc.pointer_mut(parent).expect("parent exists");
    match value {
        Value::Null => {
            target.as_object_mut().expect("object").remove(key);
        }
        v => {
            target
                .as_object_mut()
                .expect("object")
                .insert(key.to_string(), v);
        }
    }
    doc
}

fn defaulted(raw: &Value) -> StatefulSet {
    let mut sts = decode::<StatefulSet>(raw).expect("decodes").object;
    default_statefulset(&mut sts);
    sts
}

fn create_errors(raw: &Value) -> Vec<String> {
    validate_statefulset(&defaulted(raw), raw)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_valid_statefulset_passes() {
    assert!(create_errors(&base()).is_empty());
}

#[test]
fn create_rules_render_like_the_server() {
    let label_msg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    let cases: Vec<(Value, Vec<String>)> = vec![
        (with(base(), "/metadata/name", json!("Web")), vec![format!("metadata.name: Invalid value: \"Web\": {label_msg}")]),
        (with(base(), "/metadata/name", json!("web.v1")), vec!["metadata.name: Invalid value: \"web.v1\": must not contain dots".into()]),
        (with(base(), "/metadata/name", Value::Null), vec!["metadata.name: Required value: name or generateName is required".into()]),
        (with(base(), "/spec/replicas", json!(-1)), vec!["spec.replicas: Invalid value: -1: must be greater than or equal to 0".into()]),
        (with(base(), "/spec/minReadySeconds", json!(-5)), vec!["spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0".into()]),
        (with(base(), "/spec/ordinals", json!({"start": -1})), vec!["spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0".into()]),
        (
            with(base(), "/spec/selector", Value::Null),
            vec![
                "spec.selector: Required value".into(),
                "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`".into(),
            ],
        ),
        (with(base(), "/spec/selector", json!({})), vec!["spec.selector: Invalid value: {}: empty selector is invalid for statefulset".into()]),
        (
            with(base(), "/spec/selector", json!({"matchLabels": {"app": "web"}})),
            vec!["spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`".into()],
        ),
        (
            with(base(), "/spec/template/metadata", Value::Null),
            vec!["spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`".into()],
        ),
        (
            with(base(), "/spec/template/spec/restartPolicy", json!("Never")),
            vec!["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"".into()],
        ),
        (
            with(base(), "/spec/template/spec/activeDeadlineSeconds", json!(30)),
            vec!["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported".into()],
        ),
        (
            with(base(), "/spec/podManagementPolicy", json!("Random")),
            vec!["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'".into()],
        ),
        (
            with(base(), "/spec/updateStrategy", json!({"type": "Recreate"})),
            vec!["spec.updateStrategy: Invalid value: {\"Type\":\"Recreate\",\"RollingUpdate\":null}: must be 'RollingUpdate' or 'OnDelete'".into()],
        ),
        (
            with(base(), "/spec/updateStrategy", json!({"type": "OnDelete", "rollingUpdate": {"partition": 1}})),
            vec!["spec.updateStrategy.rollingUpdate: Invalid value: {\"Partition\":1,\"MaxUnavailable\":null}: only allowed for updateStrategy 'RollingUpdate'".into()],
        ),
        (
            with(base(), "/spec/updateStrategy", json!({"type": "RollingUpdate", "rollingUpdate": {"partition": -1}})),
            vec!["spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0".into()],
        ),
        (
            with(base(), "/spec/updateStrategy", json!({"rollingUpdate": {"maxUnavailable": 0}})),
            vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0".into()],
        ),
        (
            with(base(), "/spec/updateStrategy", json!({"rollingUpdate": {"maxUnavailable": "150%"}})),
            vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%".into()],
        ),
        (
            with(base(), "/spec/updateStrategy", json!({"rollingUpdate": {"maxUnavailable": "half"}})),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"half\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')".into(),
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"half\": cannot be 0".into(),
            ],
        ),
        (
            with(base(), "/spec/persistentVolumeClaimRetentionPolicy", json!({"whenDeleted": "X"})),
            vec!["spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"X\": supported values: \"Retain\", \"Delete\"".into()],
        ),
        (
            with(base(), "/spec/selector", json!({"matchExpressions": [{"key": "app", "operator": "Maybe"}]})),
            vec![
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Maybe\": not a valid selector operator".into(),
                "spec.selector: Invalid value: {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Maybe\"}]}".into(),
            ],
        ),
        (with(base(), "/spec/serviceName", json!("Nginx")), vec![format!("spec.serviceName: Invalid value: \"Nginx\": {label_msg}")]),
    ];
    for (doc, want) in cases {
        assert_eq!(create_errors(&doc), want, "doc {doc}");
    }
}

#[test]
fn pod_template_spec_is_not_validated_at_admission() {
    let doc = with(
        base(),
        "/spec/template/spec/containers",
        json!([{"name": "Bad_Name", "volumeMounts": [{"name": "wwww", "mountPath": "/x"}]}]),
    );
    assert!(create_errors(&doc).is_empty());
}

#[test]
fn kubectl_prints_missing_selector_as_a_list() {
    let raw = with(base(), "/spec/selector", Value::Null);
    let errs = validate_statefulset(&defaulted(&raw), &raw);
    assert_eq!(
        invalid_message("StatefulSet", "web", &errs),
        "The StatefulSet \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`"
    );
}

#[test]
fn updates_of_frozen_fields_are_forbidden() {
    let old = defaulted(&base());
    let forbidden = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    let frozen = [
        with(base(), "/spec/serviceName", json!("other")),
        with(base(), "/spec/podManagementPolicy", json!("Parallel")),
        with(
            with(
                base(),
                "/spec/selector",
                json!({"matchLabels": {"app": "nginx", "tier": "web"}}),
            ),
            "/spec/template/metadata/labels",
            json!({"app": "nginx", "tier": "web"}),
        ),
        with(
            base(),
            "/spec/volumeClaimTemplates",
            json!([{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "2Gi"}}}}]),
        ),
    ];
    for doc in frozen {
        let new = defaulted(&doc);
        let errs: Vec<String> = validate_statefulset_update(&new, &old)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errs, vec![forbidden.to_string()], "doc {doc}");
    }
    let allowed = [
        with(base(), "/spec/replicas", json!(5)),
        with(base(), "/spec/minReadySeconds", json!(10)),
        with(base(), "/spec/revisionHistoryLimit", json!(3)),
        with(base(), "/spec/ordinals", json!({"start": 2})),
        with(base(), "/spec/updateStrategy", json!({"type": "OnDelete"})),
        with(
            base(),
            "/spec/persistentVolumeClaimRetentionPolicy",
            json!({"whenScaled": "Delete"}),
        ),
        with(
            base(),
            "/spec/template/spec/containers",
            json!([{"name": "nginx", "image": "nginx:1.27"}]),
        ),
        with(base(), "/metadata/labels", json!({"team": "a"})),
    ];
    for doc in allowed {
        let new = defaulted(&doc);
        assert!(
            validate_statefulset_update(&new, &old).is_empty(),
            "doc {doc}"
        );
    }
    let renamed = defaulted(&with(base(), "/metadata/name", json!("web2")));
    let errs: Vec<String> = validate_statefulset_update(&renamed, &old)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errs,
        vec!["metadata.name: Invalid value: \"web2\": field is immutable"]
    );
}

#[test]
fn status_rules() {
    let mut old = defaulted(&base());
    old.status = serde_json::from_value(json!({"replicas": 2, "collisionCount": 1})).ok();
    let mut new = old.clone();
    new.status = serde_json::from_value(
        json!({"replicas": 2, "readyReplicas": 3, "availableReplicas": 3, "collisionCount": 0}),
    )
    .ok();
    let errs: Vec<String> = validate_statefulset_status_update(&new, &old)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errs,
        vec![
            "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas",
            "status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas",
            "status.collisionCount: Invalid value: 0: cannot be decremented",
        ]
    );
}

#[test]
fn negative_history_limit_warns() {
    let sts = defaulted(&with(base(), "/spec/revisionHistoryLimit", json!(-1)));
    assert!(validate_statefulset(&sts, &base()).is_empty());
    assert_eq!(
        statefulset_warnings(&sts),
        vec![
            "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended"
        ]
    );
}
