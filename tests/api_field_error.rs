//! Field error rendering and the Invalid messages of the server and kubectl.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use sts_playground::sim::api::field_error::*;
use sts_playground::sim::api::field_path::FieldPath;

use serde_json::json;

fn p(s: &str) -> FieldPath<'_> {
    FieldPath::new(s)
}

#[test]
fn renders_each_kind_like_apimachinery() {
    let cases: Vec<(FieldError, &str)> = vec![
        (
            FieldError::invalid(
                &p("spec.replicas"),
                -1i64,
                "must be greater than or equal to 0",
            ),
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        ),
        (
            FieldError::required(&p("spec.selector"), ""),
            "spec.selector: Required value",
        ),
        (
            FieldError::required(&p("spec.accessModes"), "at least 1 access mode is required"),
            "spec.accessModes: Required value: at least 1 access mode is required",
        ),
        (
            FieldError::not_supported(&p("spec.template.spec.restartPolicy"), "Never", &["Always"]),
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
        ),
        (
            FieldError::not_supported(
                &p("spec.persistentVolumeClaimRetentionPolicy.whenDeleted"),
                "X",
                &["Retain", "Delete"],
            ),
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"X\": supported values: \"Retain\", \"Delete\"",
        ),
        (
            FieldError::forbidden(
                &p("spec"),
                "updates to statefulset spec for fields other than 'replicas' are forbidden",
            ),
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas' are forbidden",
        ),
        (
            FieldError::invalid(
                &p("spec.template.metadata.labels"),
                json!({"app": "nginx"}),
                "`selector` does not match template `labels`",
            ),
            "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`",
        ),
        (
            FieldError::not_found(&p("spec.containers[0].volumeMounts[0].name"), "wwww"),
            "spec.containers[0].volumeMounts[0].name: Not found: \"wwww\"",
        ),
        (
            FieldError::duplicate(&p("spec.containers[1].name"), "nginx"),
            "spec.containers[1].name: Duplicate value: \"nginx\"",
        ),
        (
            FieldError::too_long(&p("metadata.annotations"), 262144),
            "metadata.annotations: Too long: may not be more than 262144 bytes",
        ),
        (
            FieldError::too_many(&p("spec.x"), 5, 1),
            "spec.x: Too many: 5: must have at most 1 item",
        ),
        (
            FieldError::internal(&p("spec"), "boom"),
            "spec: Internal error: boom",
        ),
        (
            FieldError::invalid(&p("spec.x"), true, "bad"),
            "spec.x: Invalid value: true: bad",
        ),
    ];
    for (err, want) in cases {
        assert_eq!(err.to_string(), want);
    }
}

#[test]
fn kubectl_renders_one_or_many_causes() {
    let one = [FieldError::required(&p("spec.selector"), "")];
    assert_eq!(
        invalid_message("StatefulSet", "web", &one),
        "The StatefulSet \"web\" is invalid: spec.selector: Required value"
    );
    let two = [
        FieldError::required(&p("spec.selector"), ""),
        FieldError::invalid(
            &p("spec.template.metadata.labels"),
            json!({"app": "nginx"}),
            "`selector` does not match template `labels`",
        ),
        FieldError::required(&p("spec.selector"), ""),
    ];
    assert_eq!(
        invalid_message("StatefulSet", "web", &two),
        "The StatefulSet \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`"
    );
    assert_eq!(
        invalid_message("StatefulSet", "web", &[]),
        "The StatefulSet \"web\" is invalid"
    );
}

#[test]
fn server_message_brackets_several_causes() {
    let errs = [
        FieldError::not_found(&p("spec.containers[0].volumeMounts[0].name"), "wwww"),
        FieldError::required(&p("spec.containers[0].image"), ""),
    ];
    assert_eq!(
        server_invalid_message("Pod", "web-0", &errs[..1]),
        "Pod \"web-0\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"wwww\""
    );
    assert_eq!(
        server_invalid_message("Pod", "web-0", &errs),
        "Pod \"web-0\" is invalid: [spec.containers[0].volumeMounts[0].name: Not found: \"wwww\", spec.containers[0].image: Required value]"
    );
}

#[test]
fn qualified_kinds() {
    assert_eq!(qualified_kind("apps/v1", "StatefulSet"), "StatefulSet.apps");
    assert_eq!(qualified_kind("v1", "Pod"), "Pod");
    assert_eq!(
        qualified_kind("storage.k8s.io/v1", "StorageClass"),
        "StorageClass.storage.k8s.io"
    );
}
