//! Claims that cannot bind: the volume controller goes over them again every 15 s (its sync
//! period), so the event that says why they wait is counted again, as `kubectl describe pvc`
//! shows with `(x6 over 75s)`; once a claim binds, the passes stop.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use k8s_openapi::api::core::v1::{Event, PersistentVolume};
use serde_json::json;
use sts_playground::sim::Cluster;
use sts_playground::sim::queue::Work;

/// The count of the event `reason` about the claim `claim` (0 when there is none).
fn event_count(c: &Cluster, claim: &str, reason: &str) -> i32 {
    c.world
        .store
        .list::<Event>(Some("default"))
        .filter(|e| {
            e.involved_object.name.as_deref() == Some(claim) && e.reason.as_deref() == Some(reason)
        })
        .map(|e| e.count.unwrap_or(1))
        .sum()
}

/// A set whose claim template asks for the storage class `class` ("" for none).
fn web_in_class(policy: &str, class: &str) -> k8s_openapi::api::apps::v1::StatefulSet {
    web_with(
        2,
        policy,
        "registry.k8s.io/nginx-slim:0.24",
        json!({"volumeClaimTemplates": [{"metadata": {"name": "www"},
            "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": class,
                "resources": {"requests": {"storage": "1Gi"}}}}]}),
    )
}

/// A cluster with the Service and the set in `class`, and its invariant checker.
fn start(seed: u64, policy: &str, class: &str) -> (Cluster, Invariants) {
    let mut c = Cluster::new(seed);
    c.create(nginx_service()).expect("service");
    c.create(web_in_class(policy, class)).expect("set");
    let inv = Invariants::new(&c);
    (c, inv)
}

#[test]
fn a_claim_without_a_volume_or_class_is_told_so_again_every_15_seconds_until_it_binds() {
    for policy in POLICIES {
        let (mut c, mut inv) = start(7, policy, "");
        inv.advance(&mut c, 2_000);
        assert_eq!(event_count(&c, "www-web-0", "FailedBinding"), 1, "{policy}");
        inv.advance(&mut c, 75_000);
        // Passes at about 0, 15, 30, 45, 60 and 75 s (plus jitter): five or six in all.
        let count = event_count(&c, "www-web-0", "FailedBinding");
        assert!((5..=6).contains(&count), "{policy}: counted {count}");
        assert!(c.manager.queue.contains(&Work::VolumeResync), "{policy}");
        // A static volume without a class lets the claim bind; the passes then stop.
        let pv: PersistentVolume = serde_json::from_value(json!({
            "apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": {"name": "manual-0"},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                "storageClassName": "", "hostPath": {"path": "/data/0"}}
        }))
        .expect("volume");
        c.create(pv).expect("create volume");
        inv.advance(&mut c, 5_000);
        assert_eq!(claim_phase(&c, "www-web-0"), "Bound", "{policy}");
        let bound_count = event_count(&c, "www-web-0", "FailedBinding");
        if policy == "Parallel" {
            // web-1's claim still waits, so the passes go on for it alone.
            inv.advance(&mut c, 30_000);
            assert!(c.manager.queue.contains(&Work::VolumeResync), "{policy}");
            assert!(event_count(&c, "www-web-1", "FailedBinding") > count);
        } else {
            inv.advance(&mut c, 30_000);
            // OrderedReady created web-1 once web-0 was Ready; its claim waits in turn.
            assert!(event_count(&c, "www-web-1", "FailedBinding") >= 2);
        }
        assert_eq!(
            event_count(&c, "www-web-0", "FailedBinding"),
            bound_count,
            "{policy}: a bound claim is not told again"
        );
    }
}

#[test]
fn a_class_that_does_not_exist_is_reported_again_and_the_passes_stop_once_it_is_created() {
    for policy in POLICIES {
        let (mut c, mut inv) = start(11, policy, "fast");
        inv.advance(&mut c, 47_000);
        let count = event_count(&c, "www-web-0", "ProvisioningFailed");
        assert!((3..=4).contains(&count), "{policy}: counted {count}");
        let class: k8s_openapi::api::storage::v1::StorageClass = serde_json::from_value(json!({
            "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": {"name": "fast"}, "provisioner": "rancher.io/local-path",
            "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate"
        }))
        .expect("class");
        c.create(class).expect("create class");
        inv.settle(&mut c);
        assert_eq!(claim_phase(&c, "www-web-0"), "Bound", "{policy}");
        assert_eq!(claim_phase(&c, "www-web-1"), "Bound", "{policy}");
        // The pass queued while the claims waited runs once more and queues no other.
        inv.advance(&mut c, 16_000);
        assert!(
            !c.manager.queue.contains(&Work::VolumeResync),
            "{policy}: no claim waits, so no pass is queued"
        );
    }
}

/// The phase of the claim `name` in `default` ("" when it does not exist).
fn claim_phase(c: &Cluster, name: &str) -> String {
    c.world
        .store
        .get::<k8s_openapi::api::core::v1::PersistentVolumeClaim>("default", name)
        .and_then(|p| p.status.as_ref())
        .and_then(|s| s.phase.clone())
        .unwrap_or_default()
}
