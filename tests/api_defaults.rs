//! Defaulting golden tests: each file in tests/data/api/defaults holds an input manifest and the
//! object a real v1.37 server stores for it (as `kubectl get -o yaml` shows, minus status and
//! server-set metadata unless the case lists them).
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    Namespace, PersistentVolume, PersistentVolumeClaim, Pod, Service,
};
use serde_json::Value;
use sts_playground::sim::api::admission::{PodAdmission, admit_pod};
use sts_playground::sim::api::decode::decode;
use sts_playground::sim::api::defaults::*;
use sts_playground::sim::api::defaults_pod::default_pod;

fn run(kind: &str, input: &Value) -> Value {
    match kind {
        "StatefulSet" => {
            let mut o = decode::<StatefulSet>(input).expect("decodes").object;
            default_statefulset(&mut o);
            // Status is written by the controller, not by defaulting.
            o.status = None;
            serde_json::to_value(&o).expect("json")
        }
        "Service" => {
            let mut o = decode::<Service>(input).expect("decodes").object;
            default_service(&mut o);
            allocate_service_ips(&mut o, "10.96.0.10");
            serde_json::to_value(&o).expect("json")
        }
        "PersistentVolumeClaim" => {
            let mut o = decode::<PersistentVolumeClaim>(input)
                .expect("decodes")
                .object;
            default_pvc(&mut o);
            serde_json::to_value(&o).expect("json")
        }
        "PersistentVolume" => {
            let mut o = decode::<PersistentVolume>(input).expect("decodes").object;
            default_pv(&mut o);
            serde_json::to_value(&o).expect("json")
        }
        "Pod" => {
            let mut o = decode::<Pod>(input).expect("decodes").object;
            default_pod(&mut o);
            admit_pod(
                &mut o,
                &PodAdmission {
                    token_volume_suffix: "7fx2c",
                },
            );
            serde_json::to_value(&o).expect("json")
        }
        "Namespace" => {
            let mut o = decode::<Namespace>(input).expect("decodes").object;
            default_namespace(&mut o);
            serde_json::to_value(&o).expect("json")
        }
        other => panic!("no runner for {other}"),
    }
}

#[test]
fn defaulting_matches_real_server_output() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/api/defaults");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for path in files {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        let kind = case["kind"].as_str().expect("kind");
        let got = run(kind, &case["input"]);
        assert_eq!(
            got,
            case["expected"],
            "{}: got\n{}",
            path.display(),
            serde_json::to_string_pretty(&got).unwrap_or_default()
        );
    }
}

#[test]
fn default_storage_class_admission() {
    let mut pvc: PersistentVolumeClaim =
        serde_json::from_value(serde_json::json!({"spec": {}})).expect("pvc");
    admit_default_storage_class(&mut pvc, Some("standard"));
    assert_eq!(
        pvc.spec
            .as_ref()
            .and_then(|s| s.storage_class_name.as_deref()),
        Some("standard")
    );
    let mut explicit: PersistentVolumeClaim =
        serde_json::from_value(serde_json::json!({"spec": {"storageClassName": ""}})).expect("pvc");
    admit_default_storage_class(&mut explicit, Some("standard"));
    assert_eq!(
        explicit
            .spec
            .as_ref()
            .and_then(|s| s.storage_class_name.as_deref()),
        Some("")
    );
    let mut none: PersistentVolumeClaim =
        serde_json::from_value(serde_json::json!({"spec": {}})).expect("pvc");
    admit_default_storage_class(&mut none, None);
    assert_eq!(
        none.spec
            .as_ref()
            .and_then(|s| s.storage_class_name.as_deref()),
        None
    );
}

#[test]
fn cluster_ip_services_get_an_address() {
    let input = serde_json::json!({"metadata": {"name": "web"}, "spec": {"ports": [{"port": 8080, "targetPort": "http"}], "selector": {"app": "web"}}});
    let mut svc = decode::<Service>(&input).expect("decodes").object;
    default_service(&mut svc);
    allocate_service_ips(&mut svc, "10.96.12.34");
    let v = serde_json::to_value(&svc).expect("json");
    assert_eq!(v["spec"]["clusterIP"], "10.96.12.34");
    assert_eq!(v["spec"]["clusterIPs"], serde_json::json!(["10.96.12.34"]));
    assert_eq!(v["spec"]["ports"][0]["targetPort"], "http");
    let headless = serde_json::json!({"metadata": {"name": "h"}, "spec": {"clusterIP": "None"}});
    let mut h = decode::<Service>(&headless).expect("decodes").object;
    default_service(&mut h);
    allocate_service_ips(&mut h, "10.96.0.1");
    let v = serde_json::to_value(&h).expect("json");
    assert_eq!(v["spec"]["ipFamilyPolicy"], "RequireDualStack");
}
