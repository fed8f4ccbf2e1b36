//! The disruption controller (pkg/controller/disruption/disruption.go): a budget's status follows
//! the pods it selects and the scale of their StatefulSet, promptly after each pod change.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use serde_json::{Value, json};
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::DeleteOptions;
use sts_playground::sim::apiserver::requests::{self, WriteOptions};

fn budget(c: &mut Cluster, name: &str, bound: Value) {
    let mut spec = json!({"selector": {"matchLabels": {"app": "nginx"}}});
    spec.as_object_mut()
        .unwrap()
        .extend(bound.as_object().unwrap().clone());
    let body = json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
        "metadata": {"name": name}, "spec": spec});
    requests::create(c, &body, "default", &WriteOptions::default()).expect("budget");
}

/// (currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed, condition reason).
fn status(c: &Cluster, name: &str) -> (i32, i32, i32, i32, String) {
    let b = c
        .world
        .store
        .get::<PodDisruptionBudget>("default", name)
        .expect("stored");
    let s = b.status.clone().unwrap_or_default();
    let reason = s
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "DisruptionAllowed")
        .map(|c| c.reason.clone())
        .unwrap_or_default();
    let n = |v: Option<i32>| v.unwrap_or(-1);
    (
        n(s.current_healthy),
        n(s.desired_healthy),
        n(s.expected_pods),
        n(s.disruptions_allowed),
        reason,
    )
}

fn scale(c: &mut Cluster, replicas: i32) {
    let mut s = set(c).cloned().expect("set");
    s.spec.replicas = Some(replicas);
    c.update(s).expect("scale");
}

#[test]
fn status_follows_ready_pods_and_the_sets_scale() {
    let mut c = Cluster::new(7);
    c.create(web(3, "Parallel", "registry.k8s.io/nginx-slim:0.24"))
        .expect("set");
    budget(&mut c, "min", json!({"minAvailable": 2}));
    budget(&mut c, "pct", json!({"maxUnavailable": "34%"}));
    c.settle_within(300_000);
    // minAvailable as a number counts the selected pods; a percent reads the set's replicas and
    // rounds up: 34% of 3 is 2 unavailable, so 1 must stay healthy.
    assert_eq!(status(&c, "min"), (3, 2, 3, 1, "SufficientPods".into()));
    assert_eq!(status(&c, "pct"), (3, 1, 3, 2, "SufficientPods".into()));

    scale(&mut c, 1);
    c.settle_within(300_000);
    assert_eq!(status(&c, "min"), (1, 2, 1, 0, "InsufficientPods".into()));
    assert_eq!(status(&c, "pct"), (1, 0, 1, 1, "SufficientPods".into()));

    scale(&mut c, 4);
    // The set's new scale counts at once for the percent budget, before the new pods are ready.
    c.advance(2_000);
    let (_, desired, expected, _, _) = status(&c, "pct");
    assert_eq!((desired, expected), (2, 4));
    c.settle_within(300_000);
    assert_eq!(status(&c, "pct"), (4, 2, 4, 2, "SufficientPods".into()));
}

#[test]
fn a_terminating_pod_stops_counting_within_milliseconds() {
    let mut c = Cluster::new(8);
    c.create(web(2, "Parallel", "registry.k8s.io/nginx-slim:0.24"))
        .expect("set");
    budget(&mut c, "min", json!({"minAvailable": 1}));
    c.settle_within(300_000);
    assert_eq!(status(&c, "min"), (2, 1, 2, 1, "SufficientPods".into()));
    requests::delete(
        &mut c,
        sts_playground::sim::kind::Kind::Pod,
        "default",
        "web-1",
        DeleteOptions::default(),
    )
    .expect("delete");
    c.advance(50);
    assert_eq!(status(&c, "min"), (1, 1, 2, 0, "InsufficientPods".into()));
}

/// eviction.go: an eviction takes one allowed disruption and records the pod in disruptedPods;
/// with none left it is refused with 429 and the pod stays.
#[test]
fn evictions_spend_the_budget_and_then_are_refused() {
    use sts_playground::sim::apiserver::eviction::{VIOLATES_BUDGET, evict};
    let mut c = Cluster::new(9);
    c.create(web(3, "Parallel", "registry.k8s.io/nginx-slim:0.24"))
        .expect("set");
    budget(&mut c, "min", json!({"minAvailable": 2}));
    c.settle_within(300_000);
    assert_eq!(status(&c, "min").3, 1);
    evict(&mut c, "default", "web-0", DeleteOptions::default()).expect("allowed");
    let b = c
        .world
        .store
        .get::<PodDisruptionBudget>("default", "min")
        .expect("stored");
    let s = b.status.clone().unwrap_or_default();
    assert_eq!(s.disruptions_allowed, Some(0));
    assert!(s.disrupted_pods.unwrap_or_default().contains_key("web-0"));
    let err = evict(&mut c, "default", "web-1", DeleteOptions::default()).expect_err("refused");
    assert_eq!((err.code, err.message.as_str()), (429, VIOLATES_BUDGET));
    let web1 = c
        .world
        .store
        .get::<k8s_openapi::api::core::v1::Pod>("default", "web-1");
    assert!(web1.is_some_and(|p| p.metadata.deletion_timestamp.is_none()));
}
