//! The rendered samples quoted in /work/shared/spec/statefulset-behavior.md section 8, rebuilt
//! from objects and compared verbatim (ages follow each sample's own clock).
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{Event, PersistentVolume, PersistentVolumeClaim, Service};
use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};
use sts_playground::kubectl::print::{
    describe, rows_core, rows_storage, rows_workloads,
    table::{TableOptions, render_table},
};

fn at(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn obj<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("object JSON")
}

const VOLUME: &str = "pvc-2bf00408-d366-4a12-bad0-1869c65d0bee";

#[test]
fn pvc_and_pv_tables() {
    let now = at("2026-07-21T10:25:00Z");
    let bound: PersistentVolumeClaim = obj(json!({
        "metadata": {"name": "www-web-0", "namespace": "default", "creationTimestamp": "2026-07-21T10:00:00Z"},
        "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "volumeName": VOLUME},
        "status": {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"}}
    }));
    let pending: PersistentVolumeClaim = obj(json!({
        "metadata": {"name": "www-web-1", "namespace": "default", "creationTimestamp": "2026-07-21T10:24:57Z"},
        "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard"},
        "status": {"phase": "Pending"}
    }));
    let t = rows_storage::pvcs_table(&[bound, pending], now);
    assert_eq!(
        render_table(&t, &TableOptions::default()),
        "NAME        STATUS    VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n\
         www-web-0   Bound     pvc-2bf00408-d366-4a12-bad0-1869c65d0bee   1Gi        RWO            standard       <unset>                 25m\n\
         www-web-1   Pending                                                                        standard       <unset>                 3s\n"
    );
    let pv: PersistentVolume = obj(json!({
        "metadata": {"name": VOLUME, "creationTimestamp": "2026-07-21T10:00:00Z"},
        "spec": {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"},
                 "claimRef": {"namespace": "default", "name": "www-web-0"},
                 "persistentVolumeReclaimPolicy": "Delete", "storageClassName": "standard"},
        "status": {"phase": "Bound"}
    }));
    assert_eq!(
        render_table(
            &rows_storage::pvs_table(&[pv], now),
            &TableOptions::default()
        ),
        "NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n\
         pvc-2bf00408-d366-4a12-bad0-1869c65d0bee   1Gi        RWO            Delete           Bound    default/www-web-0   standard       <unset>                          25m\n"
    );
}

#[test]
fn headless_service_revisions_and_wide_statefulset() {
    let svc: Service = obj(json!({
        "metadata": {"name": "nginx", "namespace": "default", "creationTimestamp": "2026-07-21T10:00:00Z"},
        "spec": {"clusterIP": "None", "clusterIPs": ["None"], "type": "ClusterIP",
                 "ports": [{"port": 80, "protocol": "TCP"}], "selector": {"app": "nginx"}}
    }));
    assert_eq!(
        render_table(
            &rows_core::services_table(&[svc], at("2026-07-21T10:00:12Z")),
            &TableOptions::default()
        ),
        "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nnginx   ClusterIP   None         <none>        80/TCP    12s\n"
    );
    let owner = json!([{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "u", "controller": true}]);
    let crs: Vec<ControllerRevision> = [
        ("web-6596ffb49b", 1, "2026-07-21T10:00:00Z"),
        ("web-7c6cdc6f8b", 2, "2026-07-21T10:04:30Z"),
    ]
    .iter()
    .map(|(name, rev, t)| {
        obj(
            json!({"metadata": {"name": name, "namespace": "default", "creationTimestamp": t,
                "ownerReferences": owner}, "data": {}, "revision": rev}),
        )
    })
    .collect();
    // The spec sample reads `1m` for the second revision; HumanDuration never prints `1m`
    // (60–119 s read as seconds), so this rebuilds it at a clock where it reads `2m`.
    assert_eq!(
        render_table(
            &rows_workloads::controller_revisions_table(&crs, at("2026-07-21T10:06:30Z")),
            &TableOptions::default()
        ),
        "NAME             CONTROLLER             REVISION   AGE\n\
         web-6596ffb49b   statefulset.apps/web   1          6m30s\n\
         web-7c6cdc6f8b   statefulset.apps/web   2          2m\n"
    );
    let sts = sample_sts(2, 2);
    let wide = TableOptions {
        wide: true,
        ..TableOptions::default()
    };
    assert_eq!(
        render_table(
            &rows_workloads::stateful_sets_table(&[sts], at("2026-07-21T10:00:37Z")),
            &wide
        ),
        "NAME   READY   AGE   CONTAINERS   IMAGES\nweb    2/2     37s   nginx        registry.k8s.io/nginx-slim:0.24\n"
    );
}

fn sample_sts(replicas: i32, ready: i32) -> StatefulSet {
    obj(json!({
        "metadata": {"name": "web", "namespace": "default", "uid": "u", "creationTimestamp": "2026-07-21T10:00:00Z"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "nginx"}}, "serviceName": "nginx",
            "podManagementPolicy": "OrderedReady",
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
            "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Retain"},
            "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{
                "name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24",
                "ports": [{"containerPort": 80, "name": "web"}],
                "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"],
                "resources": {"requests": {"storage": "1Gi"}}}}]},
        "status": {"replicas": replicas, "readyReplicas": ready}
    }))
}

fn sts_event(msg: &str, at: &str) -> Event {
    obj(json!({
        "metadata": {"name": "web.x", "namespace": "default"},
        "involvedObject": {"kind": "StatefulSet", "name": "web", "namespace": "default"},
        "reason": "SuccessfulCreate", "message": msg, "type": "Normal", "count": 1,
        "source": {"component": "statefulset-controller"}, "firstTimestamp": at, "lastTimestamp": at
    }))
}

#[test]
fn describe_statefulset_sample_with_v137_header() {
    let pods: Vec<k8s_openapi::api::core::v1::Pod> = (0..3)
        .map(|i| {
            obj(json!({"metadata": {"name": format!("web-{i}"), "namespace": "default", "labels": {"app": "nginx"},
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "u", "controller": true}]},
                "status": {"phase": "Running"}}))
        })
        .collect();
    let events = vec![
        sts_event(
            "create Claim www-web-0 Pod web-0 in StatefulSet web success",
            "2026-07-21T10:00:00Z",
        ),
        sts_event(
            "create Pod web-0 in StatefulSet web successful",
            "2026-07-21T10:00:00Z",
        ),
        sts_event(
            "create Claim www-web-1 Pod web-1 in StatefulSet web success",
            "2026-07-21T10:00:05Z",
        ),
        sts_event(
            "create Pod web-1 in StatefulSet web successful",
            "2026-07-21T10:00:05Z",
        ),
    ];
    let out = describe::describe_stateful_set(
        &sample_sts(3, 3),
        &pods,
        Some(&events),
        at("2026-07-21T10:00:52Z"),
    )
    .expect("describe");
    let expected = [
        "Name:                   web",
        "Namespace:              default",
        "CreationTimestamp:      Tue, 21 Jul 2026 10:00:00 +0000",
        "Selector:               app=nginx",
        "Labels:                 <none>",
        "Annotations:            <none>",
        "Service Name:           nginx",
        "Pod Management Policy:  OrderedReady",
        "Replicas:               3 desired | 3 total",
        "Update Strategy:        RollingUpdate",
        "  Partition:            0",
        "Persistent Volume Claim Retention Policy:",
        "  WhenDeleted:  Retain",
        "  WhenScaled:   Retain",
        "Pods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed",
        "Pod Template:",
        "  Labels:  app=nginx",
        "  Containers:",
        "   nginx:",
        "    Image:        registry.k8s.io/nginx-slim:0.24",
        "    Port:         80/TCP (web)",
        "    Host Port:    0/TCP (web)",
        "    Environment:  <none>",
        "    Mounts:",
        "      /usr/share/nginx/html from www (rw)",
        "  Volumes:         <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     <none>",
        "Volume Claims:",
        "  Name:          www",
        "  StorageClass:  ",
        "  Labels:        <none>",
        "  Annotations:   <none>",
        "  Capacity:      1Gi",
        "  Access Modes:  [ReadWriteOnce]",
        "Events:",
        "  Type    Reason            Age   From                    Message",
        "  ----    ------            ----  ----                    -------",
        "  Normal  SuccessfulCreate  52s   statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success",
        "  Normal  SuccessfulCreate  52s   statefulset-controller  create Pod web-0 in StatefulSet web successful",
        "  Normal  SuccessfulCreate  47s   statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success",
        "  Normal  SuccessfulCreate  47s   statefulset-controller  create Pod web-1 in StatefulSet web successful",
    ];
    assert_eq!(out, expected.join("\n") + "\n");
}

#[test]
fn describe_statefulset_without_claims_events_or_rolling_block() {
    let mut sts = sample_sts(1, 0);
    sts.spec.volume_claim_templates = None;
    sts.spec.update_strategy = Some(obj(json!({"type": "OnDelete"})));
    sts.spec.persistent_volume_claim_retention_policy = None;
    let out = describe::describe_stateful_set(&sts, &[], Some(&[]), at("2026-07-21T10:00:52Z"))
        .expect("describe");
    assert!(
        out.contains("Update Strategy:        OnDelete\nPods Status:            0 Running"),
        "{out}"
    );
    assert!(!out.contains("Partition"));
    // Without a claim-template block the last lines join the pod template's alignment block.
    assert!(
        out.ends_with(
            "  Tolerations:     <none>\nVolume Claims:     <none>\nEvents:            <none>\n"
        ),
        "{out}"
    );
}
