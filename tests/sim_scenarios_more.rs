//! More scenarios from the behaviour reference: ordinals.start, minReadySeconds, OnDelete, rollback
//! renumbering, revision history, maxUnavailable, eviction, identity repair and the long-name trap.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{Event, Pod};
use serde_json::json;
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::DeleteOptions;
use sts_playground::sim::statefulset::utils::*;

fn run(policy: &str, replicas: i32, extra: serde_json::Value) -> (Cluster, Invariants) {
    let mut c = Cluster::new(11);
    c.create(nginx_service()).expect("service");
    c.create(web_with(replicas, policy, "nginx:1.25", extra))
        .expect("set");
    let mut inv = Invariants::new(&c);
    inv.settle(&mut c);
    (c, inv)
}

fn set_image(c: &mut Cluster, image: &str) {
    let mut s = set(c).cloned().expect("set");
    if let Some(spec) = s.spec.template.spec.as_mut() {
        spec.containers[0].image = Some(image.to_string());
    }
    c.update(s).expect("update");
}

fn revisions(c: &Cluster) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = c
        .world
        .store
        .list::<ControllerRevision>(Some("default"))
        .map(|r| {
            (
                r.metadata.name.clone().unwrap_or_default(),
                r.revision.unwrap_or(0),
            )
        })
        .collect();
    v.sort_by_key(|r| r.1);
    v
}

#[test]
fn ordinals_start_moves_the_window() {
    for policy in POLICIES {
        let (mut c, mut inv) = run(policy, 2, json!({"ordinals": {"start": 2}}));
        assert_eq!(live_names(&c), ["web-2", "web-3"], "{policy}");
        let mut s = set(&c).cloned().expect("set");
        s.spec.ordinals = Some(serde_json::from_value(json!({"start": 4})).expect("ordinals"));
        c.update(s).expect("move");
        inv.claims_may_go = false;
        inv.settle(&mut c);
        assert_eq!(live_names(&c), ["web-4", "web-5"], "{policy}");
        let mut s = set(&c).cloned().expect("set");
        s.spec.ordinals = None;
        c.update(s).expect("back");
        inv.settle(&mut c);
        assert_eq!(live_names(&c), ["web-0", "web-1"], "{policy}");
    }
}

#[test]
fn min_ready_seconds_delays_availability_and_ordered_creation() {
    let (c, _) = run("OrderedReady", 2, json!({"minReadySeconds": 30}));
    let st = set(&c).and_then(|s| s.status.clone()).expect("status");
    assert_eq!(st.available_replicas, Some(2));
    let ready_at = |name: &str| {
        pods(&c)
            .into_iter()
            .find(|p| pod_name(p) == name)
            .and_then(ready_since_ms)
            .expect("ready")
    };
    let created_1 = pods(&c)
        .into_iter()
        .find(|p| pod_name(p) == "web-1")
        .and_then(|p| p.metadata.creation_timestamp.clone())
        .map(|t| sts_playground::sim::clock::ms_of(&t))
        .expect("created");
    assert!(
        created_1 >= ready_at("web-0") + 30_000,
        "web-1 waits until web-0 has been ready for 30 s"
    );
    // Right after readiness, availability lags.
    let mut d = Cluster::new(11);
    d.create(web_with(
        1,
        "Parallel",
        "nginx:1.25",
        json!({"minReadySeconds": 30}),
    ))
    .expect("set");
    d.settle_within(15_000);
    let st = d
        .world
        .store
        .get::<StatefulSet>("default", "web")
        .and_then(|s| s.status.clone())
        .expect("status");
    assert_eq!(
        (st.ready_replicas, st.available_replicas),
        (Some(1), Some(0))
    );
}

#[test]
fn a_change_is_handled_at_once_while_min_ready_seconds_runs() {
    for policy in POLICIES {
        let mut c = Cluster::new(11);
        c.create(nginx_service()).expect("service");
        c.create(web_with(
            1,
            policy,
            "nginx:1.25",
            json!({"minReadySeconds": 600}),
        ))
        .expect("set");
        let mut inv = Invariants::new(&c);
        inv.advance(&mut c, 30_000);
        assert!(pods(&c).iter().all(|p| is_running_and_ready(p)), "{policy}");
        // The set now waits ten minutes for web-0 to be available; a deleted pod must not wait.
        c.delete::<Pod>("default", "web-0", DeleteOptions::default())
            .expect("delete");
        inv.advance(&mut c, 45_000);
        assert_eq!(
            live_names(&c),
            ["web-0"],
            "{policy}: web-0 is recreated at once"
        );
        let mut s = set(&c).cloned().expect("set");
        s.spec.replicas = Some(3);
        c.update(s).expect("scale");
        inv.advance(&mut c, 30_000);
        let s = set(&c).expect("set");
        let st = s.status.clone().expect("status");
        assert_eq!(st.observed_generation, s.metadata.generation, "{policy}");
        let expected: &[&str] = if policy == "Parallel" {
            &["web-0", "web-1", "web-2"]
        } else {
            // OrderedReady waits for web-0 to be available before it creates web-1.
            &["web-0"]
        };
        assert_eq!(live_names(&c), expected, "{policy}");
        // Lowering minReadySeconds takes effect at once, too.
        let mut s = set(&c).cloned().expect("set");
        s.spec.min_ready_seconds = Some(0);
        c.update(s).expect("lower");
        inv.advance(&mut c, 60_000);
        let st = set(&c).and_then(|s| s.status.clone()).expect("status");
        assert_eq!(
            (st.ready_replicas, st.available_replicas),
            (Some(3), Some(3)),
            "{policy}"
        );
    }
}

#[test]
fn on_delete_updates_only_pods_the_learner_deletes() {
    let (mut c, mut inv) = run(
        "OrderedReady",
        3,
        json!({"updateStrategy": {"type": "OnDelete"}}),
    );
    let old = pods(&c)[0].metadata.labels.clone().unwrap_or_default()[REVISION_LABEL].clone();
    set_image(&mut c, "nginx:1.27");
    inv.settle(&mut c);
    assert!(
        pods(&c).iter().all(|p| pod_revision(p) == old),
        "no pod replaced by the controller"
    );
    c.delete::<Pod>("default", "web-1", DeleteOptions::default())
        .expect("delete");
    inv.settle(&mut c);
    let revs: Vec<String> = pods(&c)
        .iter()
        .map(|p| pod_revision(p).to_string())
        .collect();
    assert_eq!(revs[0], old);
    assert_ne!(revs[1], old);
    assert_eq!(revs[2], old);
    let st = set(&c).and_then(|s| s.status.clone()).expect("status");
    assert_eq!(st.current_revision.as_deref(), Some(old.as_str()));
    assert_eq!(st.updated_replicas, Some(1));
}

#[test]
fn rollback_renumbers_the_old_revision_and_history_is_pruned() {
    let (mut c, mut inv) = run("Parallel", 2, json!({"revisionHistoryLimit": 2}));
    let first = revisions(&c);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].1, 1);
    set_image(&mut c, "nginx:1.27");
    inv.settle(&mut c);
    set_image(&mut c, "nginx:1.25");
    inv.settle(&mut c);
    let after = revisions(&c);
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(
        after[1].0, first[0].0,
        "the first template's revision is reused"
    );
    assert_eq!(after[1].1, 3, "and renumbered to 3");
    assert!(pods(&c).iter().all(|p| pod_revision(p) == first[0].0));
    for image in ["nginx:1.26", "nginx:1.24", "nginx:1.23"] {
        set_image(&mut c, image);
        inv.settle(&mut c);
    }
    // Two historic revisions are kept besides the live one.
    assert_eq!(revisions(&c).len(), 3, "{:?}", revisions(&c));
}

#[test]
fn max_unavailable_two_replaces_two_at_a_time() {
    let (mut c, mut inv) = run(
        "Parallel",
        5,
        json!({"updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0, "maxUnavailable": 2}}}),
    );
    set_image(&mut c, "nginx:1.27");
    let mut most = 0;
    while c.step() {
        inv.check(&c);
        let terminating = pods(&c).iter().filter(|p| is_terminating(p)).count();
        most = most.max(terminating);
        if c.now_ms() > 900_000 {
            break;
        }
    }
    c.settle();
    assert_eq!(most, 2, "two pods go down together");
    let st = set(&c).and_then(|s| s.status.clone()).expect("status");
    assert_eq!(st.updated_replicas, Some(5));
}

#[test]
fn an_evicted_pod_is_deleted_and_recreated_with_its_claim() {
    for policy in POLICIES {
        let (mut c, mut inv) = run(policy, 2, json!({}));
        let before = pods(&c)[1].metadata.uid.clone();
        assert!(sts_playground::sim::kubelet::evict(
            &mut c, "default", "web-1"
        ));
        inv.settle(&mut c);
        let after = pods(&c)[1].clone();
        assert_eq!(pod_name(&after), "web-1");
        assert_ne!(after.metadata.uid, before);
        assert!(is_running_and_ready(&after));
        let msgs: Vec<String> = c
            .world
            .store
            .list::<Event>(Some("default"))
            .filter_map(|e| e.message.clone())
            .collect();
        assert!(msgs.contains(&"delete Pod web-1 in StatefulSet web successful".to_string()));
    }
}

#[test]
fn a_stripped_identity_label_is_repaired() {
    let (mut c, _) = run("OrderedReady", 1, json!({}));
    let mut p = pods(&c)[0].clone();
    if let Some(l) = p.metadata.labels.as_mut() {
        l.remove(POD_NAME_LABEL);
    }
    c.update(p).expect("strip");
    c.settle();
    let p = pods(&c)[0].clone();
    assert_eq!(
        p.metadata
            .labels
            .unwrap_or_default()
            .get(POD_NAME_LABEL)
            .map(String::as_str),
        Some("web-0")
    );
    let msgs: Vec<String> = c
        .world
        .store
        .list::<Event>(Some("default"))
        .filter_map(|e| e.message.clone())
        .collect();
    assert!(msgs.contains(&"update Pod web-0 in StatefulSet web successful".to_string()));
}

#[test]
fn a_name_too_long_for_the_revision_label_fails_every_pod_create() {
    let mut c = Cluster::new(5);
    let mut s = web(1, "OrderedReady", "nginx:1.25");
    let long = "a".repeat(60);
    s.metadata.name = Some(long.clone());
    c.create(s).expect("accepted by the API");
    c.settle_within(5_000);
    let failures: Vec<Event> = c
        .world
        .store
        .list::<Event>(Some("default"))
        .filter(|e| e.reason.as_deref() == Some("FailedCreate"))
        .cloned()
        .collect();
    assert_eq!(
        failures.len(),
        1,
        "aggregated into one event: {:?}",
        c.world
            .store
            .list::<Event>(Some("default"))
            .map(|e| (e.reason.clone(), e.message.clone()))
            .collect::<Vec<_>>()
    );
    let msg = failures[0].message.clone().unwrap_or_default();
    assert!(msg.starts_with(&format!("create Pod {long}-0 in StatefulSet {long} failed error: Pod \"{long}-0\" is invalid: metadata.labels: Invalid value: \"{long}-")), "{msg}");
    assert!(failures[0].count.unwrap_or(0) >= 2, "retries are counted");
    assert_eq!(c.world.store.list::<Pod>(Some("default")).count(), 0);
}

#[test]
fn a_node_selector_no_node_matches_leaves_the_pod_pending_with_the_schedulers_words() {
    for policy in ["OrderedReady", "Parallel"] {
        let mut c = Cluster::new(3);
        c.create(nginx_service()).expect("service");
        let mut s = web(2, policy, "nginx:1.25");
        if let Some(spec) = s.spec.template.spec.as_mut() {
            spec.node_selector = Some([("disktype".to_string(), "ssd".to_string())].into());
        }
        c.create(s).expect("set");
        let mut inv = Invariants::new(&c);
        inv.settle(&mut c);
        let pending: Vec<&Pod> = pods(&c);
        let want = if policy == "Parallel" { 2 } else { 1 };
        assert_eq!(
            pending.len(),
            want,
            "{policy}: OrderedReady waits for web-0"
        );
        assert!(
            pending
                .iter()
                .all(|p| p.spec.as_ref().is_some_and(|s| s.node_name.is_none()))
        );
        let message = c
            .world
            .store
            .list::<Event>(Some("default"))
            .find(|e| e.reason.as_deref() == Some("FailedScheduling"))
            .and_then(|e| e.message.clone())
            .unwrap_or_default();
        // Upstream sorts the "N reason" strings, so the single tainted node comes first.
        assert_eq!(
            message,
            "0/4 nodes are available: 1 node(s) had untolerated taint \
             {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node \
             affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful \
             for scheduling.",
            "{policy}"
        );
    }
}

#[test]
fn a_cluster_read_back_counts_a_repeated_event_into_the_same_event() {
    for policy in ["OrderedReady", "Parallel"] {
        let mut c = Cluster::new(5);
        c.create(nginx_service()).expect("service");
        // An unknown tag of a well-known image fails to pull, again and again, with back-off.
        c.create(web(1, policy, "nginx:no-such-tag")).expect("set");
        let mut inv = Invariants::new(&c);
        c.advance(60 * 1000);
        inv.check(&c);
        let failed = |c: &Cluster| -> Vec<i32> {
            c.world
                .store
                .list::<Event>(Some("default"))
                .filter(|e| e.reason.as_deref() == Some("BackOff"))
                .map(|e| e.count.unwrap_or(1))
                .collect()
        };
        let before = failed(&c);
        assert_eq!(before.len(), 1, "{policy}: one BackOff event");
        let mut resumed = Cluster::from_json(&c.to_json().expect("json")).expect("read back");
        // Pulls keep failing: the kubelet reports each back-off, and both copies count it again.
        for cluster in [&mut c, &mut resumed] {
            cluster.advance(10 * 60 * 1000);
            inv.check(cluster);
        }
        let after = failed(&resumed);
        assert_eq!(after.len(), 1, "{policy}: still one event, counted again");
        assert!(after[0] > before[0], "{policy}: {after:?} after {before:?}");
        assert_eq!(resumed.to_json(), c.to_json(), "{policy}");
    }
}
