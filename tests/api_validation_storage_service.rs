//! PersistentVolumeClaim, PersistentVolume and Service validation messages.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Service};
use k8s_openapi::api::storage::v1::StorageClass;
use serde_json::{Value, json};
use sts_playground::sim::api::decode::decode;
use sts_playground::sim::api::defaults::{
    allocate_service_ips, default_pv, default_pvc, default_service,
};
use sts_playground::sim::api::field_error::server_invalid_message;
use sts_playground::sim::api::validation_service::{
    carry_service_allocations, validate_service, validate_service_update,
};
use sts_playground::sim::api::validation_storage::*;

fn render(errs: &[sts_playground::sim::api::field_error::FieldError]) -> Vec<String> {
    errs.iter().map(ToString::to_string).collect()
}

fn pvc(spec: Value) -> PersistentVolumeClaim {
    let doc = json!({"metadata": {"name": "data-web-0", "namespace": "default"}, "spec": spec});
    let mut p = decode::<PersistentVolumeClaim>(&doc)
        .expect("decodes")
        .object;
    default_pvc(&mut p);
    p
}

#[test]
fn claim_create_messages() {
    let ok = pvc(
        json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}),
    );
    assert!(validate_pvc(&ok).is_empty());
    let no_modes = pvc(json!({"resources": {"requests": {"storage": "1Gi"}}}));
    assert_eq!(
        render(&validate_pvc(&no_modes)),
        vec!["spec.accessModes: Required value: at least 1 access mode is required"]
    );
    assert_eq!(
        server_invalid_message(
            "PersistentVolumeClaim",
            "data-web-0",
            &validate_pvc(&no_modes)
        ),
        "PersistentVolumeClaim \"data-web-0\" is invalid: spec.accessModes: Required value: at least 1 access mode is required"
    );
    let no_storage = pvc(json!({"accessModes": ["ReadWriteOnce"]}));
    assert_eq!(
        render(&validate_pvc(&no_storage)),
        vec!["spec.resources[storage]: Required value"]
    );
    let zero =
        pvc(json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "0"}}}));
    assert_eq!(
        render(&validate_pvc(&zero)),
        vec!["spec.resources[storage]: Invalid value: \"0\": must be greater than zero"]
    );
    let bad_mode = pvc(
        json!({"accessModes": ["ReadWriteSometimes"], "resources": {"requests": {"storage": "1Gi"}}}),
    );
    assert_eq!(
        render(&validate_pvc(&bad_mode)),
        vec![
            "spec.accessModes: Unsupported value: \"ReadWriteSometimes\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\""
        ]
    );
}

#[test]
fn claim_updates_only_grow_bound_storage() {
    let mut old = pvc(
        json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "standard"}),
    );
    old.metadata.resource_version = Some("7".into());
    let mut grown = pvc(
        json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "2Gi"}}, "storageClassName": "standard"}),
    );
    grown.metadata.resource_version = Some("7".into());
    let forbidden = "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";
    assert_eq!(render(&validate_pvc_update(&grown, &old)), vec![forbidden]);
    let bound = |p: &mut PersistentVolumeClaim| {
        p.status =
            serde_json::from_value(json!({"phase": "Bound", "capacity": {"storage": "1Gi"}})).ok();
    };
    bound(&mut old);
    bound(&mut grown);
    assert!(validate_pvc_update(&grown, &old).is_empty());
    let mut modes = grown.clone();
    modes.spec.as_mut().expect("spec").access_modes = Some(vec!["ReadWriteMany".into()]);
    assert_eq!(render(&validate_pvc_update(&modes, &old)), vec![forbidden]);
    let mut shrunk = old.clone();
    shrunk.spec.as_mut().expect("spec").resources =
        serde_json::from_value(json!({"requests": {"storage": "500Mi"}})).ok();
    assert_eq!(
        render(&validate_pvc_update(&shrunk, &old)),
        vec![
            "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity"
        ]
    );
    let class: StorageClass =
        serde_json::from_value(json!({"metadata": {"name": "standard"}, "provisioner": "x"}))
            .expect("sc");
    assert_eq!(
        admit_pvc_resize(&grown, &old, Some(&class)),
        Err("persistentvolumeclaims \"data-web-0\" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize".to_string())
    );
    let expandable: StorageClass = serde_json::from_value(
        json!({"metadata": {"name": "standard"}, "provisioner": "x", "allowVolumeExpansion": true}),
    )
    .expect("sc");
    assert_eq!(admit_pvc_resize(&grown, &old, Some(&expandable)), Ok(()));
}

#[test]
fn volume_messages() {
    let mut pv = decode::<PersistentVolume>(&json!({"metadata": {"name": "pv-1"}, "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/mnt"}}}))
        .expect("pv")
        .object;
    default_pv(&mut pv);
    assert!(validate_pv(&pv).is_empty());
    let mut bad = decode::<PersistentVolume>(
        &json!({"metadata": {"name": "pv-2"}, "spec": {"persistentVolumeReclaimPolicy": "Keep"}}),
    )
    .expect("pv")
    .object;
    default_pv(&mut bad);
    assert_eq!(
        render(&validate_pv(&bad)),
        vec![
            "spec.accessModes: Required value",
            "spec.capacity: Required value",
            "spec.capacity: Unsupported value: {}: supported values: \"storage\"",
            "spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\"",
            "spec: Required value: must specify a volume type",
        ]
    );
}

fn svc(doc: Value, ip: &str) -> Service {
    let mut s = decode::<Service>(&doc).expect("decodes").object;
    default_service(&mut s);
    allocate_service_ips(&mut s, ip);
    s
}

#[test]
fn service_messages() {
    let headless = json!({"metadata": {"name": "nginx", "namespace": "default"}, "spec": {"clusterIP": "None", "selector": {"app": "nginx"}}});
    assert!(validate_service(&svc(headless.clone(), "10.96.0.5")).is_empty());
    let no_ports = json!({"metadata": {"name": "web", "namespace": "default"}, "spec": {"selector": {"app": "nginx"}}});
    assert_eq!(
        render(&validate_service(&svc(no_ports, "10.96.0.5"))),
        vec!["spec.ports: Required value"]
    );
    let two = json!({"metadata": {"name": "web", "namespace": "default"}, "spec": {"ports": [{"port": 80}, {"port": 80, "name": "b"}]}});
    assert_eq!(
        render(&validate_service(&svc(two, "10.96.0.5"))),
        vec![
            "spec.ports[0].name: Required value",
            "spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}",
        ]
    );
    let bad_name = json!({"metadata": {"name": "1web", "namespace": "default"}, "spec": {"ports": [{"port": 80}], "type": "Magic"}});
    assert_eq!(
        render(&validate_service(&svc(bad_name, "10.96.0.5"))),
        vec![
            "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
        ]
    );
}

#[test]
fn service_cluster_ip_is_fixed_once_set() {
    let old_doc = json!({"metadata": {"name": "nginx", "namespace": "default"}, "spec": {"ports": [{"port": 80}], "selector": {"app": "nginx"}}});
    let old = svc(old_doc.clone(), "10.96.0.7");
    let mut made_headless = decode::<Service>(
        &json!({"metadata": {"name": "nginx", "namespace": "default"},
        "spec": {"clusterIP": "None", "ports": [{"port": 80}], "selector": {"app": "nginx"}}}),
    )
    .expect("svc")
    .object;
    default_service(&mut made_headless);
    carry_service_allocations(&mut made_headless, &old);
    allocate_service_ips(&mut made_headless, "10.96.0.8");
    assert_eq!(
        render(&validate_service_update(&made_headless, &old)),
        vec!["spec.clusterIPs[0]: Invalid value: [\"None\"]: may not change once set"]
    );
    let mut resent = decode::<Service>(&old_doc).expect("svc").object;
    default_service(&mut resent);
    carry_service_allocations(&mut resent, &old);
    assert!(validate_service_update(&resent, &old).is_empty());
}
