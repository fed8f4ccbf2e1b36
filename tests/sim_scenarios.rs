//! Scenario tests of the simulation against the behaviour reference, under both pod management
//! policies, with the invariants checked after every step.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Event, PersistentVolume, PersistentVolumeClaim, Pod};
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::{DeleteOptions, Propagation};
use sts_playground::sim::statefulset::utils::*;

fn started(policy: &str, replicas: i32) -> (Cluster, Invariants) {
    let mut c = Cluster::new(42);
    c.create(nginx_service()).expect("service");
    c.create(web(replicas, policy, "registry.k8s.io/nginx-slim:0.24"))
        .expect("set");
    let mut inv = Invariants::new(&c);
    inv.settle(&mut c);
    (c, inv)
}

fn events(c: &Cluster) -> Vec<String> {
    let mut evs: Vec<&Event> = c.world.store.list::<Event>(Some("default")).collect();
    evs.sort_by_key(|e| {
        (
            e.first_timestamp.as_ref().map(|t| t.0),
            e.metadata.name.clone(),
        )
    });
    evs.iter().filter_map(|e| e.message.clone()).collect()
}

#[test]
fn creates_all_replicas_with_claims_bound_and_status_complete() {
    for policy in POLICIES {
        let (c, _) = started(policy, 3);
        assert_eq!(live_names(&c), ["web-0", "web-1", "web-2"], "{policy}");
        for p in pods(&c) {
            assert!(
                is_running_and_ready(p),
                "{policy}: {} not ready",
                pod_name(p)
            );
            let labels = p.metadata.labels.clone().unwrap_or_default();
            assert_eq!(
                labels.get(POD_NAME_LABEL).map(String::as_str),
                Some(pod_name(p))
            );
            assert!(
                labels
                    .get(REVISION_LABEL)
                    .is_some_and(|r| r.starts_with("web-"))
            );
            assert_eq!(
                p.spec.as_ref().and_then(|s| s.subdomain.as_deref()),
                Some("nginx")
            );
        }
        assert_eq!(claim_names(&c), ["www-web-0", "www-web-1", "www-web-2"]);
        for claim in c.world.store.list::<PersistentVolumeClaim>(Some("default")) {
            assert_eq!(
                claim.status.as_ref().and_then(|s| s.phase.as_deref()),
                Some("Bound")
            );
        }
        assert_eq!(c.world.store.list::<PersistentVolume>(None).count(), 3);
        let st = set(&c).and_then(|s| s.status.clone()).expect("status");
        assert_eq!(
            (
                st.replicas,
                st.ready_replicas,
                st.available_replicas,
                st.current_replicas,
                st.updated_replicas
            ),
            (3, Some(3), Some(3), Some(3), Some(3)),
            "{policy}"
        );
        assert_eq!(st.current_revision, st.update_revision);
        assert_eq!(st.observed_generation, Some(1));
        let evs = events(&c);
        assert!(
            evs.contains(
                &"create Claim www-web-0 Pod web-0 in StatefulSet web success".to_string()
            )
        );
        assert!(evs.contains(&"create Pod web-2 in StatefulSet web successful".to_string()));
    }
}

#[test]
fn ordered_ready_creates_one_at_a_time_parallel_all_at_once() {
    let mut c = Cluster::new(7);
    c.create(web(3, "OrderedReady", "nginx:1.25")).expect("set");
    c.advance(200);
    assert_eq!(live_names(&c), ["web-0"]);
    assert!(
        c.world
            .why
            .waiting_for("statefulset/default/web")
            .is_some_and(|w| w.contains("web-0")),
        "{:?}",
        c.world.why.waiting_for("statefulset/default/web")
    );
    let mut p = Cluster::new(7);
    p.create(web(3, "Parallel", "nginx:1.25")).expect("set");
    p.advance(200);
    assert_eq!(live_names(&p), ["web-0", "web-1", "web-2"]);
}

#[test]
fn scale_down_goes_highest_first_and_keeps_claims() {
    for policy in POLICIES {
        let (mut c, mut inv) = started(policy, 4);
        let mut s = set(&c).cloned().expect("set");
        s.spec.replicas = Some(1);
        c.update(s).expect("scale");
        let mut order = Vec::new();
        let mut last = live_names(&c);
        while c.step() {
            inv.check(&c);
            let now = live_names(&c);
            for gone in last.iter().filter(|n| !now.contains(n)) {
                order.push(gone.clone());
            }
            last = now;
            if c.now_ms() > 600_000 {
                break;
            }
        }
        c.settle();
        if policy == "OrderedReady" {
            assert_eq!(order, ["web-3", "web-2", "web-1"], "{policy}");
        } else {
            let mut sorted = order.clone();
            sorted.sort();
            assert_eq!(sorted, ["web-1", "web-2", "web-3"]);
        }
        assert_eq!(live_names(&c), ["web-0"]);
        assert_eq!(claim_names(&c).len(), 4, "claims survive scale down");
    }
}

#[test]
fn a_deleted_pod_comes_back_with_the_same_name_claim_and_files_but_a_new_ip() {
    for policy in POLICIES {
        let (mut c, mut inv) = started(policy, 2);
        let old = pods(&c)[0].clone();
        let pv = c
            .world
            .store
            .get::<PersistentVolumeClaim>("default", "www-web-0")
            .and_then(|p| p.spec.clone())
            .and_then(|s| s.volume_name)
            .expect("pv");
        c.world
            .volumes
            .get_mut(&pv)
            .expect("fs")
            .write("/index.html", "hello from web-0\n", false);
        c.delete::<Pod>("default", "web-0", DeleteOptions::default())
            .expect("delete");
        inv.settle(&mut c);
        let new = pods(&c)[0].clone();
        assert_eq!(pod_name(&new), "web-0");
        assert_ne!(new.metadata.uid, old.metadata.uid);
        assert!(is_running_and_ready(&new));
        let ip = |p: &Pod| p.status.as_ref().and_then(|s| s.pod_ip.clone());
        assert_ne!(
            ip(&new),
            ip(&old),
            "{policy}: the recreated pod gets a new IP"
        );
        let pv2 = c
            .world
            .store
            .get::<PersistentVolumeClaim>("default", "www-web-0")
            .and_then(|p| p.spec.clone())
            .and_then(|s| s.volume_name)
            .expect("pv");
        assert_eq!(pv, pv2);
        let uid = new.metadata.uid.clone().unwrap_or_default();
        let seen = sts_playground::sim::kubelet::files::lookup(
            &c.world,
            &uid,
            0,
            "/usr/share/nginx/html/index.html",
        );
        assert_eq!(
            seen,
            Some(sts_playground::sim::fs::Entry::File(
                "hello from web-0\n".into()
            ))
        );
    }
}

#[test]
fn rolling_update_goes_from_the_highest_ordinal_down_and_completes() {
    for policy in POLICIES {
        let (mut c, mut inv) = started(policy, 3);
        let before = set(&c)
            .and_then(|s| s.status.clone())
            .and_then(|s| s.current_revision)
            .expect("rev");
        let mut s = set(&c).cloned().expect("set");
        if let Some(spec) = s.spec.template.spec.as_mut() {
            spec.containers[0].image = Some("registry.k8s.io/nginx-slim:0.26".into());
        }
        c.update(s).expect("update");
        let mut deleted = Vec::new();
        while c.step() {
            inv.check(&c);
            for p in pods(&c) {
                if is_terminating(p) && !deleted.contains(&pod_name(p).to_string()) {
                    deleted.push(pod_name(p).to_string());
                }
            }
            if c.now_ms() > 900_000 {
                break;
            }
        }
        c.settle();
        assert_eq!(deleted, ["web-2", "web-1", "web-0"], "{policy}");
        let st = set(&c).and_then(|s| s.status.clone()).expect("status");
        assert_ne!(st.update_revision.as_deref(), Some(before.as_str()));
        assert_eq!(st.current_revision, st.update_revision);
        assert_eq!(st.updated_replicas, Some(3));
        assert_eq!(st.observed_generation, Some(2));
    }
}

#[test]
fn partition_keeps_lower_ordinals_on_the_old_revision() {
    let (mut c, mut inv) = started("OrderedReady", 3);
    let old = set(&c)
        .and_then(|s| s.status.clone())
        .and_then(|s| s.current_revision)
        .expect("rev");
    let mut s = set(&c).cloned().expect("set");
    if let Some(ru) = s
        .spec
        .update_strategy
        .as_mut()
        .and_then(|u| u.rolling_update.as_mut())
    {
        ru.partition = Some(2);
    }
    if let Some(spec) = s.spec.template.spec.as_mut() {
        spec.containers[0].image = Some("registry.k8s.io/nginx-slim:0.26".into());
    }
    c.update(s).expect("update");
    inv.settle(&mut c);
    let revs: Vec<String> = pods(&c)
        .iter()
        .map(|p| pod_revision(p).to_string())
        .collect();
    assert_eq!(revs[0], old);
    assert_eq!(revs[1], old);
    assert_ne!(revs[2], old);
    let st = set(&c).and_then(|s| s.status.clone()).expect("status");
    assert_eq!(
        st.current_revision.as_deref(),
        Some(old.as_str()),
        "partitioned rollout never completes"
    );
    assert_eq!(st.updated_replicas, Some(1));
    assert!(
        c.world
            .why
            .lines()
            .any(|l| l.text.contains("below partition 2"))
    );
}

#[test]
fn a_bad_image_stalls_ordered_ready_and_reverting_needs_a_pod_delete() {
    let (mut c, mut inv) = started("OrderedReady", 3);
    let mut s = set(&c).cloned().expect("set");
    if let Some(spec) = s.spec.template.spec.as_mut() {
        spec.containers[0].image = Some("registry.k8s.io/nginx-slim:does-not-exist".into());
    }
    c.update(s).expect("update");
    c.settle_within(120_000);
    inv.check(&c);
    let web2 = pods(&c)
        .into_iter()
        .find(|p| pod_name(p) == "web-2")
        .cloned()
        .expect("web-2");
    let reason = web2
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|cs| cs[0].state.as_ref())
        .and_then(|s| s.waiting.as_ref())
        .and_then(|w| w.reason.clone());
    assert!(
        matches!(reason.as_deref(), Some("ErrImagePull" | "ImagePullBackOff")),
        "{reason:?}"
    );
    assert_eq!(live_names(&c), ["web-0", "web-1", "web-2"]);
    assert!(
        pods(&c).iter().take(2).all(|p| is_running_and_ready(p)),
        "lower pods are not touched"
    );
    let evs = events(&c);
    assert!(
        evs.iter()
            .any(|e| e
                .starts_with("Failed to pull image \"registry.k8s.io/nginx-slim:does-not-exist\"")),
        "{evs:?}"
    );
}

#[test]
fn deleting_the_set_cascades_to_pods_but_keeps_claims() {
    for policy in POLICIES {
        let (mut c, mut inv) = started(policy, 3);
        c.delete::<StatefulSet>("default", "web", DeleteOptions::default())
            .expect("delete");
        inv.settle(&mut c);
        assert!(pods(&c).is_empty(), "{policy}: pods are garbage collected");
        assert_eq!(claim_names(&c).len(), 3);
        c.create(web(3, policy, "registry.k8s.io/nginx-slim:0.24"))
            .expect("again");
        inv.settle(&mut c);
        assert_eq!(live_names(&c).len(), 3);
        assert_eq!(claim_names(&c).len(), 3, "the same claims are reused");
    }
}

#[test]
fn orphan_deletion_leaves_pods_running_without_owner() {
    let (mut c, mut inv) = started("Parallel", 2);
    c.delete::<StatefulSet>(
        "default",
        "web",
        DeleteOptions {
            propagation: Propagation::Orphan,
            ..Default::default()
        },
    )
    .expect("delete");
    inv.settle(&mut c);
    assert!(set(&c).is_none());
    assert_eq!(live_names(&c), ["web-0", "web-1"]);
    assert!(
        pods(&c)
            .iter()
            .all(|p| p.metadata.owner_references.is_none())
    );
    // A new set with the same selector adopts them.
    c.create(web(2, "Parallel", "registry.k8s.io/nginx-slim:0.24"))
        .expect("again");
    inv.settle(&mut c);
    let s = set(&c).cloned().expect("set");
    assert!(
        pods(&c)
            .iter()
            .all(|p| is_controlled_by(p.metadata.owner_references.as_ref(), &s))
    );
}

#[test]
fn when_scaled_delete_removes_claims_of_scaled_away_pods() {
    for policy in POLICIES {
        let mut c = Cluster::new(3);
        let s = web_with(
            3,
            policy,
            "nginx:1.25",
            serde_json::json!({"persistentVolumeClaimRetentionPolicy": {"whenScaled": "Delete", "whenDeleted": "Retain"}}),
        );
        c.create(s).expect("set");
        let mut inv = Invariants::new(&c);
        inv.settle(&mut c);
        inv.claims_may_go = true;
        let mut s = set(&c).cloned().expect("set");
        s.spec.replicas = Some(1);
        c.update(s).expect("scale");
        inv.settle(&mut c);
        assert_eq!(claim_names(&c), ["www-web-0"], "{policy}");
    }
}

#[test]
fn a_failed_node_keeps_its_pod_until_force_deleted() {
    let (mut c, mut inv) = started("OrderedReady", 3);
    let victim = pods(&c)[1].clone();
    let node = victim
        .spec
        .as_ref()
        .and_then(|s| s.node_name.clone())
        .expect("node");
    sts_playground::sim::kubelet::fail_node(&mut c, &node);
    c.advance(400_000);
    inv.check(&c);
    let p = pods(&c)
        .into_iter()
        .find(|p| pod_name(p) == "web-1")
        .cloned()
        .expect("still there");
    assert_eq!(
        p.metadata.uid, victim.metadata.uid,
        "not replaced while the node is unreachable"
    );
    assert!(is_terminating(&p));
    c.delete::<Pod>(
        "default",
        "web-1",
        DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        },
    )
    .expect("force");
    c.settle_within(120_000);
    let p = pods(&c)
        .into_iter()
        .find(|p| pod_name(p) == "web-1")
        .cloned()
        .expect("recreated");
    assert_ne!(p.metadata.uid, victim.metadata.uid);
}

#[test]
fn same_seed_same_state_and_state_round_trips() {
    let run = |seed| {
        let mut c = Cluster::new(seed);
        c.create(nginx_service()).expect("svc");
        c.create(web(3, "OrderedReady", "nginx:1.25")).expect("set");
        c.settle();
        c
    };
    let (a, b) = (run(9), run(9));
    // Mid-flight state (work still queued) must serialise too.
    let mut mid = Cluster::new(9);
    mid.create(web(3, "OrderedReady", "nginx:1.25"))
        .expect("set");
    mid.advance(1_500);
    assert!(!mid.manager.queue.is_empty());
    let text = mid.to_json().expect("mid-flight json");
    let mut resumed = Cluster::from_json(&text).expect("resume");
    mid.settle();
    resumed.settle();
    assert_eq!(
        mid.to_json(),
        resumed.to_json(),
        "a resumed cluster continues identically"
    );
    assert_eq!(a.to_json(), b.to_json());
    assert_ne!(a.to_json(), run(10).to_json());
    let json = a.to_json().expect("json");
    let back = Cluster::from_json(&json).expect("read back");
    assert_eq!(back.to_json().expect("json"), json);
    assert!(Cluster::from_json("{\"version\": 999}").is_err());
    assert!(Cluster::from_json("not json").is_err());
}

#[test]
fn headless_service_dns_lists_only_ready_pods() {
    let (c, _) = started("OrderedReady", 2);
    let ips = sts_playground::sim::endpoints::resolve(&c.world, "default", "nginx");
    assert_eq!(ips.len(), 2);
    let one = sts_playground::sim::endpoints::resolve(&c.world, "default", "web-0.nginx");
    let ip0 = pods(&c)[0]
        .status
        .as_ref()
        .and_then(|s| s.pod_ip.clone())
        .expect("ip");
    assert_eq!(one, vec![ip0.clone()]);
    assert_eq!(
        sts_playground::sim::endpoints::resolve(
            &c.world,
            "default",
            "web-0.nginx.default.svc.cluster.local"
        ),
        vec![ip0]
    );
    assert!(sts_playground::sim::endpoints::resolve(&c.world, "default", "web-9.nginx").is_empty());
}
