//! Pod validation messages for the fields the playground simulates.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::core::v1::Pod;
use serde_json::{Value, json};
use sts_playground::sim::api::decode::decode;
use sts_playground::sim::api::defaults_pod::default_pod;
use sts_playground::sim::api::field_error::server_invalid_message;
use sts_playground::sim::api::validation_pod::validate_pod;
use sts_playground::sim::api::validation_pod_update::validate_pod_update;

fn base() -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web-0", "namespace": "default", "labels": {"app": "nginx"}},
        "spec": {
            "containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24",
                "ports": [{"containerPort": 80, "name": "web"}],
                "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}],
            "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0"}}]
        }
    })
}

fn set(mut doc: Value, pointer: &str, value: Value) -> Value {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = value;
        return doc;
    }
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    match doc.pointer_mut(parent).expect("parent") {
        Value::Array(items) => items.push(value),
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        _ => panic!("bad parent"),
    }
    doc
}

fn pod(doc: &Value) -> Pod {
    let mut p = decode::<Pod>(doc).expect("decodes").object;
    default_pod(&mut p);
    p
}

fn errors(doc: &Value) -> Vec<String> {
    validate_pod(&pod(doc))
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_valid_pod_passes() {
    assert!(errors(&base()).is_empty(), "{:?}", errors(&base()));
}

#[test]
fn create_rules_render_like_the_server() {
    let label_msg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    let cases: Vec<(Value, Vec<String>)> = vec![
        (
            set(base(), "/metadata/name", json!("Web_0")),
            vec!["metadata.name: Invalid value: \"Web_0\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".into()],
        ),
        (set(base(), "/spec/containers", json!([])), vec!["spec.containers: Required value".into()]),
        (set(base(), "/spec/containers/0/image", Value::Null), vec!["spec.containers[0].image: Required value".into()]),
        (set(base(), "/spec/containers/0/name", json!("Nginx")), vec![format!("spec.containers[0].name: Invalid value: \"Nginx\": {label_msg}")]),
        (
            set(base(), "/spec/containers/0/volumeMounts/0/name", json!("wwww")),
            vec!["spec.containers[0].volumeMounts[0].name: Not found: \"wwww\"".into()],
        ),
        (
            set(base(), "/spec/volumes", json!([{"name": "www", "emptyDir": {}}, {"name": "www", "emptyDir": {}}])),
            vec!["spec.volumes[1].name: Duplicate value: \"www\"".into()],
        ),
        (
            set(base(), "/spec/volumes/0/persistentVolumeClaim/claimName", json!("")),
            vec![
                "spec.volumes[0].persistentVolumeClaim.claimName: Required value".into(),
                "spec.containers[0].volumeMounts[0].name: Not found: \"www\"".into(),
            ],
        ),
        (
            set(base(), "/spec/containers/1", json!({"name": "nginx", "image": "busybox"})),
            vec!["spec.containers[1].name: Duplicate value: \"nginx\"".into()],
        ),
        (set(base(), "/spec/containers/0/ports/0/containerPort", json!(0)), vec!["spec.containers[0].ports[0].containerPort: Required value".into()]),
        (
            set(base(), "/spec/containers/0/ports/0/containerPort", json!(70000)),
            vec!["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive".into()],
        ),
        (
            set(base(), "/spec/containers/0/ports/0/protocol", json!("HTTP")),
            vec!["spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"".into()],
        ),
        (
            set(base(), "/spec/containers/0/ports/0/name", json!("80")),
            vec!["spec.containers[0].ports[0].name: Invalid value: \"80\": must contain at least one letter (a-z)".into()],
        ),
        (
            set(base(), "/spec/restartPolicy", json!("Sometimes")),
            vec!["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"".into()],
        ),
        (
            set(base(), "/spec/containers/0/livenessProbe", json!({"exec": {"command": ["true"]}, "tcpSocket": {"port": 80}})),
            vec!["spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type".into()],
        ),
        (
            set(base(), "/spec/containers/0/readinessProbe", json!({"periodSeconds": 5})),
            vec!["spec.containers[0].readinessProbe: Required value: must specify a handler type".into()],
        ),
        (
            set(base(), "/spec/containers/0/livenessProbe", json!({"httpGet": {"port": "web"}, "successThreshold": 2})),
            vec!["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1".into()],
        ),
        (
            set(base(), "/spec/containers/0/resources", json!({"requests": {"cpu": "2"}, "limits": {"cpu": "1"}})),
            vec!["spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1".into()],
        ),
        (
            set(base(), "/spec/hostname", json!("web.0")),
            vec!["spec.hostname: Invalid value: \"web.0\": must not contain dots".into()],
        ),
    ];
    for (doc, want) in cases {
        assert_eq!(errors(&doc), want, "doc {doc}");
    }
}

#[test]
fn long_statefulset_names_break_the_revision_label() {
    let name = "a".repeat(53);
    let hash_label = format!("{name}-58d5fbb889");
    let doc = set(
        set(base(), "/metadata/name", json!(format!("{name}-0"))),
        "/metadata/labels",
        json!({"controller-revision-hash": hash_label}),
    );
    let errs = validate_pod(&pod(&doc));
    assert_eq!(
        server_invalid_message("Pod", &format!("{name}-0"), &errs),
        format!(
            "Pod \"{name}-0\" is invalid: metadata.labels: Invalid value: \"{hash_label}\": must be no more than 63 bytes"
        )
    );
}

#[test]
fn pod_event_message_for_a_missing_volume() {
    let doc = set(
        base(),
        "/spec/containers/0/volumeMounts/0/name",
        json!("wwww"),
    );
    assert_eq!(
        server_invalid_message("Pod", "web-0", &validate_pod(&pod(&doc))),
        "Pod \"web-0\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"wwww\""
    );
}

#[test]
fn updates_allow_images_and_forbid_the_rest() {
    let old = pod(&base());
    let forbidden = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
    let render = |doc: &Value| -> Vec<String> {
        validate_pod_update(&pod(doc), &old)
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert!(
        render(&set(
            base(),
            "/spec/containers/0/image",
            json!("nginx:1.27")
        ))
        .is_empty()
    );
    assert!(
        render(&set(
            base(),
            "/metadata/labels",
            json!({"app": "nginx", "x": "y"})
        ))
        .is_empty()
    );
    assert!(render(&set(base(), "/spec/activeDeadlineSeconds", json!(60))).is_empty());
    assert!(
        render(&set(
            base(),
            "/spec/tolerations",
            json!([{"key": "k", "operator": "Exists"}])
        ))
        .is_empty()
    );
    assert_eq!(
        render(&set(
            base(),
            "/spec/containers/0/ports/0/containerPort",
            json!(8080)
        )),
        vec![forbidden.to_string()]
    );
    assert_eq!(
        render(&set(
            base(),
            "/spec/terminationGracePeriodSeconds",
            json!(5)
        )),
        vec![forbidden.to_string()]
    );
    assert_eq!(
        render(&set(
            base(),
            "/spec/containers/1",
            json!({"name": "side", "image": "busybox"})
        )),
        vec![
            "spec.containers: Forbidden: pod updates may not add or remove containers".to_string()
        ]
    );
    let with_deadline = pod(&set(base(), "/spec/activeDeadlineSeconds", json!(60)));
    let longer: Vec<String> = validate_pod_update(
        &pod(&set(base(), "/spec/activeDeadlineSeconds", json!(120))),
        &with_deadline,
    )
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        longer,
        vec![
            "spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value"
        ]
    );
}
