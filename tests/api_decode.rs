//! Decoding request bodies: Go type errors, unknown fields, type-meta checks, junk input.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use sts_playground::sim::api::decode::*;
use sts_playground::sim::api::decode_types::{Seg, node_mut};

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod, Service};
use serde_json::{Value, json};

fn sts_err(doc: Value) -> String {
    match decode::<StatefulSet>(&doc) {
        Ok(d) => panic!("decoded: {:?}", d.unknown_fields),
        Err(e) => e.server_message("StatefulSet", "v1"),
    }
}

#[test]
fn type_errors_use_go_wording() {
    let cases = [
        (
            json!({"spec": {"replicas": "3"}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32",
        ),
        (
            json!({"spec": {"replicas": 1.5}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number 1.5 into Go struct field StatefulSetSpec.spec.replicas of type int32",
        ),
        (
            json!({"spec": {"replicas": 3000000000u64}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number 3000000000 into Go struct field StatefulSetSpec.spec.replicas of type int32",
        ),
        (
            json!({"spec": "x"}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSet.spec of type v1.StatefulSetSpec",
        ),
        (
            json!({"metadata": {"labels": {"version": 1}}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "ports": [{"containerPort": "80"}]}]}}}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32",
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": {"name": "a"}}}}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container",
        ),
        (
            json!({"spec": {"template": {"spec": {"restartPolicy": 5}}}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy",
        ),
        (
            json!({"spec": {"volumeClaimTemplates": [{"spec": {"accessModes": [5]}}]}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field PersistentVolumeClaimSpec.spec.volumeClaimTemplates.spec.accessModes of type v1.PersistentVolumeAccessMode",
        ),
        (
            json!({"spec": {"volumeClaimTemplates": [{"spec": {"resources": {"requests": {"storage": "1GB"}}}}]}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "stdin": "yes"}]}}}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.stdin of type bool",
        ),
        (
            json!({"spec": {"updateStrategy": {"rollingUpdate": {"maxUnavailable": true}}}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal bool into Go value of type int32",
        ),
        (
            json!({"metadata": {"creationTimestamp": 5}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go value of type string",
        ),
        (
            json!({"metadata": {"creationTimestamp": "yesterday"}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"",
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": [5]}}}}),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.containers of type v1.Container",
        ),
    ];
    for (doc, want) in cases {
        assert_eq!(sts_err(doc.clone()), want, "doc {doc}");
    }
}

#[test]
fn unknown_fields_on_nested_lists_and_maps() {
    let doc = json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "labels": {"weird-key": "x"}, "annotations": {"a/b": "c"}, "creationTimestamp": null},
        "spec": {
            "replica": 3,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [
                {"name": "nginx", "image": "nginx", "imagePullPolcy": "Always", "ports": [{"containerPort": 80, "nme": "web"}]},
                {"name": "side", "image": "busybox", "resources": {"requests": {"cpu": 1}}}
            ]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accesModes": ["ReadWriteOnce"]}}]
        },
        "extra": {"x": 1}
    });
    let decoded = decode::<StatefulSet>(&doc).expect("decodes");
    assert_eq!(
        decoded.unknown_fields,
        vec![
            "extra",
            "spec.replica",
            "spec.template.spec.containers[0].imagePullPolcy",
            "spec.template.spec.containers[0].ports[0].nme",
            "spec.volumeClaimTemplates[0].spec.accesModes",
        ]
    );
    assert_eq!(
        unknown_fields_message("StatefulSet", "v1", &decoded.unknown_fields[1..2]),
        "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.replica\""
    );
    assert_eq!(
        strict_error_text(&decoded.unknown_fields[..2]),
        "strict decoding error: unknown field \"extra\", unknown field \"spec.replica\""
    );
    let cpu = decoded
        .object
        .spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.containers.get(1))
        .and_then(|c| c.resources.as_ref())
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("cpu"))
        .map(|q| q.0.clone());
    assert_eq!(cpu.as_deref(), Some("1"));
}

#[test]
fn nulls_and_whole_floats_decode_like_go() {
    let doc = json!({"metadata": {"name": "p", "labels": {"a": null}}, "spec": {"containers": [{"name": "c", "image": null}], "terminationGracePeriodSeconds": 10.0}});
    let decoded = decode::<Pod>(&doc).expect("decodes");
    assert!(decoded.unknown_fields.is_empty());
    let spec = decoded.object.spec.expect("spec");
    assert_eq!(spec.termination_grace_period_seconds, Some(10));
    assert_eq!(
        decoded
            .object
            .metadata
            .labels
            .and_then(|l| l.get("a").cloned())
            .as_deref(),
        Some("")
    );
}

#[test]
fn other_kinds_decode() {
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "nginx"}, "spec": {"clusterIP": "None", "ports": [{"port": 80, "name": "web", "targetPort": "web"}], "selector": {"app": "nginx"}}});
    assert!(
        decode::<Service>(&svc)
            .expect("svc")
            .unknown_fields
            .is_empty()
    );
    let pvc = json!({"spec": {"resources": {"requests": {"storage": 1073741824u64}}, "accessModes": ["ReadWriteOnce"]}});
    let d = decode::<PersistentVolumeClaim>(&pvc).expect("pvc");
    let storage = d
        .object
        .spec
        .and_then(|s| s.resources)
        .and_then(|r| r.requests)
        .and_then(|r| r.get("storage").map(|q| q.0.clone()));
    assert_eq!(storage.as_deref(), Some("1073741824"));
    let bad = decode::<Service>(&json!({"spec": {"ports": [{"port": "80"}]}})).expect_err("fails");
    assert_eq!(
        bad.message(),
        "json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32"
    );
    let not_obj = decode::<Service>(&json!([1])).expect_err("fails");
    assert_eq!(
        not_obj.message(),
        "json: cannot unmarshal array into Go value of type v1.Service"
    );
}

#[test]
fn type_meta_checks() {
    assert_eq!(
        type_meta_errors(&json!({"metadata": {}})),
        vec!["apiVersion not set", "kind not set"]
    );
    assert_eq!(
        type_meta_errors(&json!({"apiVersion": 1, "kind": "Pod"})),
        vec!["apiVersion isn't string type"]
    );
    assert!(type_meta_errors(&json!({"apiVersion": "apps/v1", "kind": "StatefulSet"})).is_empty());
    assert_eq!(
        validating_data_message("web.yaml", &type_meta_errors(&json!({}))),
        "error validating \"web.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
    );
    assert_eq!(
        validating_data_message("web.yaml", &["kind not set".to_string()]),
        "error validating \"web.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false"
    );
    assert_eq!(version_of("apps/v1"), "v1");
    assert_eq!(version_of("v1"), "v1");
}

#[test]
fn decode_never_panics_on_garbled_documents() {
    // A deterministic garbling loop: mutate a valid document in many ways and decode each.
    let base = json!({"metadata": {"name": "web", "labels": {"app": "nginx"}}, "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}},
        "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}],
        "resources": {"limits": {"cpu": "1"}}, "readinessProbe": {"httpGet": {"port": "web"}}}]}},
        "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}});
    let junk = [
        json!(null),
        json!(true),
        json!(-7),
        json!(1.25),
        json!("x"),
        json!([]),
        json!([null, 1]),
        json!({}),
        json!({"k": [true]}),
    ];
    let mut paths: Vec<Vec<Seg>> = Vec::new();
    collect_paths(&base, &mut Vec::new(), &mut paths);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut decoded_ok = 0;
    for round in 0..400 {
        let mut doc = base.clone();
        for _ in 0..(1 + round % 3) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let path = &paths[(seed as usize) % paths.len()];
            let with = junk[((seed >> 32) as usize) % junk.len()].clone();
            if let Some(slot) = node_mut(&mut doc, path) {
                *slot = with;
            }
        }
        if let Ok(d) = decode::<StatefulSet>(&doc) {
            decoded_ok += 1;
            assert!(d.unknown_fields.len() <= 100);
        }
    }
    assert!(decoded_ok > 0);
}

fn collect_paths(v: &Value, prefix: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                prefix.push(Seg::Key(k.clone()));
                collect_paths(c, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                prefix.push(Seg::Index(i));
                collect_paths(c, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}
