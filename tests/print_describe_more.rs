//! More `describe` layouts: a pod being deleted, topology spread constraints, QoS classes,
//! `kubectl events -A`, wide events, and inputs that must not panic.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::core::v1::{Event, Pod};
use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};
use sts_playground::kubectl::print::{
    describe, events_cmd,
    jsonpath::JsonPath,
    rows_events,
    table::{TableOptions, render_table},
};

fn now() -> Timestamp {
    "2026-07-21T10:25:00Z".parse().expect("timestamp")
}

fn pod(v: Value) -> Pod {
    serde_json::from_value(v).expect("pod")
}

fn terminating_pod(deletion: &str) -> Pod {
    pod(json!({
        "metadata": {"name": "web-1", "namespace": "default", "deletionTimestamp": deletion,
                     "deletionGracePeriodSeconds": 10},
        "spec": {"containers": [{"name": "nginx", "image": "nginx"}]},
        "status": {"phase": "Running"}
    }))
}

#[test]
fn terminating_pod_shows_deadline_age_and_grace_period() {
    // During the grace period the deletion timestamp lies ahead, which HumanDuration calls invalid.
    let out = describe::describe_pod(&terminating_pod("2026-07-21T10:25:10Z"), Some(&[]), now());
    assert_eq!(
        out,
        "Name:                      web-1\nNamespace:                 default\nNode:                      <none>\n\
         Labels:                    <none>\nAnnotations:               <none>\n\
         Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  10s\n\
         IP:                        \nIPs:                       <none>\nContainers:\n  nginx:\n\
         \x20   Image:        nginx\n    Port:         <none>\n    Host Port:    <none>\n\
         \x20   Environment:  <none>\n    Mounts:       <none>\nVolumes:          <none>\n\
         QoS Class:        BestEffort\nNode-Selectors:   <none>\nTolerations:      <none>\n\
         Events:           <none>\n"
    );
    // Past the deadline it reads how long the pod has been overdue.
    let out = describe::describe_pod(&terminating_pod("2026-07-21T10:24:55Z"), None, now());
    assert!(
        out.contains("Status:                    Terminating (lasts 5s)\n"),
        "{out}"
    );
    assert!(!out.contains("Events:"));
}

#[test]
fn topology_spread_and_qos() {
    let p = pod(json!({
        "metadata": {"name": "web-0", "namespace": "default"},
        "spec": {"containers": [{"name": "nginx", "image": "nginx",
                     "resources": {"requests": {"cpu": "100m", "memory": "64Mi"},
                                   "limits": {"cpu": "100m", "memory": "64Mi"}}}],
                 "topologySpreadConstraints": [
                     {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
                      "labelSelector": {"matchLabels": {"app": "nginx"}}},
                     {"maxSkew": 2, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway"}]},
        "status": {"phase": "Pending"}
    }));
    let out = describe::describe_pod(&p, None, now());
    assert!(
        out.contains("QoS Class:                    Guaranteed\n"),
        "{out}"
    );
    assert!(out.contains(
        "Topology Spread Constraints:  kubernetes.io/hostname:ScheduleAnyway when max skew 2 is exceeded\n\
         \x20                             topology.kubernetes.io/zone:DoNotSchedule when max skew 1 is exceeded for selector app=nginx\n"
    ), "{out}");
    // Requests join the alignment block that runs on through the pod's last lines.
    assert!(out.contains("    Limits:\n      cpu:     100m\n      memory:  64Mi\n    Requests:\n      cpu:                    100m\n"), "{out}");
    let burstable = pod(json!({"metadata": {"name": "b"}, "spec": {"containers": [
        {"name": "c", "resources": {"requests": {"cpu": "100m"}}}]}}));
    assert_eq!(describe::pod_qos(&burstable), "Burstable");
    let best_effort =
        pod(json!({"metadata": {"name": "e"}, "spec": {"containers": [{"name": "c"}]}}));
    assert_eq!(describe::pod_qos(&best_effort), "BestEffort");
}

fn event(ns: &str, name: &str, reason: &str, last: &str, count: i32) -> Event {
    serde_json::from_value(json!({
        "metadata": {"name": format!("{name}.1"), "namespace": ns},
        "involvedObject": {"kind": "Pod", "name": name, "namespace": ns, "fieldPath": "spec.containers{nginx}"},
        "reason": reason, "message": " Back-off restarting failed container nginx \n", "type": "Warning",
        "source": {"component": "kubelet", "host": "kind-worker"},
        "firstTimestamp": "2026-07-21T10:02:00Z", "lastTimestamp": last, "count": count
    }))
    .expect("event")
}

#[test]
fn events_all_namespaces_and_wide_events() {
    let events = vec![
        event("prod", "db-0", "BackOff", "2026-07-21T10:24:00Z", 4),
        event("default", "web-0", "BackOff", "2026-07-21T10:20:00Z", 1),
    ];
    let out = events_cmd::render_events(&events, now(), true, false, "default");
    assert_eq!(
        out.stdout,
        "NAMESPACE   LAST SEEN           TYPE      REASON    OBJECT      MESSAGE\n\
         default     23m                 Warning   BackOff   Pod/web-0   Back-off restarting failed container nginx\n\
         prod        60s (x4 over 23m)   Warning   BackOff   Pod/db-0    Back-off restarting failed container nginx\n"
    );
    let wide = TableOptions {
        wide: true,
        ..TableOptions::default()
    };
    let out = render_table(&rows_events::events_table(&events[1..], now()), &wide);
    assert_eq!(
        out,
        "LAST SEEN   TYPE      REASON    OBJECT      SUBOBJECT                SOURCE                 MESSAGE                                      FIRST SEEN   COUNT   NAME\n\
         5m          Warning   BackOff   pod/web-0   spec.containers{nginx}   kubelet, kind-worker   Back-off restarting failed container nginx   23m          1       web-0.1\n"
    );
}

#[test]
fn hostile_numbers_do_not_panic() {
    // Hostile quantities are covered by gofmt's quantity tests.
    let jp = JsonPath::parse("{[9223372036854775807]}").expect("parse");
    // Go's int arithmetic wraps here; the result is its out-of-bounds error, not a crash.
    assert_eq!(
        jp.execute(&json!([1])).unwrap_err(),
        "array index out of bounds: index 9223372036854775807, length 1"
    );
    let jp = JsonPath::parse("{[-9223372036854775808:]}").expect("parse");
    assert!(jp.execute(&json!([1])).is_err());
    assert!(JsonPath::parse("{.a['unterminated}").is_err());
    assert!(JsonPath::parse("{\"\\x\"}").is_err());
}
