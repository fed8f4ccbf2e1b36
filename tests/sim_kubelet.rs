//! The kubelet and storage as a learner meets them: crash loops, readiness broken from inside a pod,
//! claim protection, and static volumes matched by storage class.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use serde_json::json;
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::DeleteOptions;
use sts_playground::sim::statefulset::utils::*;

fn waiting_reason(p: &Pod) -> Option<String> {
    p.status
        .as_ref()?
        .container_statuses
        .as_ref()?
        .first()?
        .state
        .as_ref()?
        .waiting
        .as_ref()?
        .reason
        .clone()
}

#[test]
fn a_container_that_exits_goes_into_crash_loop_back_off_with_growing_restarts() {
    let mut c = Cluster::new(2);
    let mut s = web(2, "OrderedReady", "busybox:1.36");
    if let Some(spec) = s.spec.template.spec.as_mut() {
        spec.containers[0].command = Some(vec![
            "sh".into(),
            "-c".into(),
            "echo starting; exit 1".into(),
        ]);
    }
    c.create(s).expect("set");
    c.settle_within(120_000);
    let p = pods(&c)[0].clone();
    let status = p.status.clone().unwrap_or_default();
    assert_eq!(
        status.phase.as_deref(),
        Some("Running"),
        "a crash-looping pod stays Running"
    );
    let cs = status.container_statuses.unwrap_or_default();
    assert!(
        cs[0].restart_count >= 3,
        "restarts: {}",
        cs[0].restart_count
    );
    let st = set(&c).and_then(|s| s.status.clone()).expect("status");
    assert!(
        st.ready_replicas.unwrap_or(0) < 2,
        "a crash-looping replica is never counted ready for long"
    );
    let reason = waiting_reason(&p);
    let last = cs[0]
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .map(|t| t.exit_code);
    assert!(
        reason.as_deref() == Some("CrashLoopBackOff")
            || cs[0]
                .state
                .as_ref()
                .and_then(|s| s.running.as_ref())
                .is_some(),
        "{reason:?}"
    );
    assert_eq!(last, Some(1));
}

#[test]
fn moving_index_html_away_breaks_readiness_and_halts_ordered_ready() {
    let mut c = Cluster::new(4);
    let mut s = web(1, "OrderedReady", "nginx:1.25");
    if let Some(spec) = s.spec.template.spec.as_mut() {
        spec.containers[0].readiness_probe = Some(serde_json::from_value(json!({
            "httpGet": {"path": "/index.html", "port": 80}, "periodSeconds": 1, "failureThreshold": 1
        })).expect("probe"));
    }
    c.create(s).expect("set");
    c.settle_within(60_000);
    // The claim mounts an empty volume over the html directory: nginx answers 404 until a page is written.
    assert!(
        !is_running_and_ready(pods(&c)[0]),
        "no index.html yet on the empty volume"
    );
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
        .write("/index.html", "web-0\n", false);
    c.settle_within(60_000);
    assert!(is_running_and_ready(pods(&c)[0]));
    let mut s = set(&c).cloned().expect("set");
    s.spec.replicas = Some(3);
    c.update(s).expect("scale");
    c.settle_within(60_000);
    assert_eq!(live_names(&c).len(), 2, "web-1 created");
    // Break web-0 from inside: move the page away.
    c.world
        .volumes
        .get_mut(&pv)
        .expect("fs")
        .remove("/index.html");
    c.settle_within(120_000);
    assert!(!is_running_and_ready(pods(&c)[0]), "web-0 not ready");
    assert!(live_names(&c).len() <= 3);
    let web2_created = live_names(&c).contains(&"web-2".to_string());
    let web1_ready = pods(&c).get(1).is_some_and(|p| is_running_and_ready(p));
    assert!(
        !web2_created || web1_ready,
        "web-2 only after web-1 is ready"
    );
    let why = c
        .world
        .why
        .waiting_for("statefulset/default/web")
        .unwrap_or_default()
        .to_string();
    assert!(why.contains("web-0") || why.contains("web-1"), "{why}");
}

#[test]
fn a_claim_in_use_stays_terminating_until_its_pod_is_gone() {
    let mut c = Cluster::new(6);
    c.create(web(1, "OrderedReady", "nginx:1.25")).expect("set");
    c.settle();
    c.delete::<PersistentVolumeClaim>("default", "www-web-0", DeleteOptions::default())
        .expect("delete");
    c.settle();
    let claim = c
        .world
        .store
        .get::<PersistentVolumeClaim>("default", "www-web-0")
        .expect("still there");
    assert!(
        claim.metadata.deletion_timestamp.is_some(),
        "Terminating while web-0 uses it"
    );
    let mut s = set(&c).cloned().expect("set");
    s.spec.replicas = Some(0);
    c.update(s).expect("scale to 0");
    c.settle();
    assert!(
        c.world
            .store
            .get::<PersistentVolumeClaim>("default", "www-web-0")
            .is_none(),
        "gone with its pod"
    );
    assert_eq!(
        c.world.store.list::<PersistentVolume>(None).count(),
        0,
        "reclaim policy Delete removes the volume"
    );
}

#[test]
fn static_volumes_bind_by_storage_class() {
    let mut c = Cluster::new(8);
    for i in 0..2 {
        let pv: PersistentVolume = serde_json::from_value(json!({
            "apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": {"name": format!("pv-{i}")},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                     "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "manual",
                     "hostPath": {"path": format!("/mnt/data{i}")}}
        }))
        .expect("pv");
        c.create(pv).expect("create pv");
    }
    let mut s = web(2, "Parallel", "nginx:1.25");
    if let Some(t) = s
        .spec
        .volume_claim_templates
        .as_mut()
        .and_then(|v| v.first_mut())
        && let Some(spec) = t.spec.as_mut()
    {
        spec.storage_class_name = Some("manual".into());
    }
    c.create(s).expect("set");
    c.settle_within(120_000);
    let mut bound: Vec<String> = c
        .world
        .store
        .list::<PersistentVolumeClaim>(Some("default"))
        .filter_map(|p| p.spec.as_ref().and_then(|s| s.volume_name.clone()))
        .collect();
    bound.sort();
    assert_eq!(bound, ["pv-0", "pv-1"]);
    assert_eq!(live_names(&c).len(), 2);
    assert!(pods(&c).iter().all(|p| is_running_and_ready(p)));
    // A third replica finds no volume of that class: its claim stays Pending and so does the pod.
    let mut s = set(&c).cloned().expect("set");
    s.spec.replicas = Some(3);
    c.update(s).expect("scale");
    c.settle_within(60_000);
    let claim = c
        .world
        .store
        .get::<PersistentVolumeClaim>("default", "www-web-2")
        .expect("claim");
    assert_eq!(
        claim.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Pending")
    );
    let p = pods(&c)
        .into_iter()
        .find(|p| pod_name(p) == "web-2")
        .cloned()
        .expect("pod");
    assert_eq!(
        p.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Pending")
    );
}

#[test]
fn a_failed_pull_shows_err_image_pull_briefly_then_backs_off_10_20_40_seconds() {
    let mut c = Cluster::new(12);
    c.create(web(1, "Parallel", "nginx:no-such-tag"))
        .expect("set");
    // Sample the pod's waiting reason every 100 ms for ten minutes.
    let (mut err_ms, mut back_off_ms) = (0u64, 0u64);
    let mut pulls: Vec<u64> = Vec::new();
    let mut last = None;
    for _ in 0..6_000 {
        c.advance(100);
        let reason = pods(&c).first().and_then(|p| waiting_reason(p));
        match reason.as_deref() {
            Some("ErrImagePull") => err_ms += 100,
            Some("ImagePullBackOff") => back_off_ms += 100,
            _ => {}
        }
        if reason.as_deref() == Some("ErrImagePull") && last.as_deref() != Some("ErrImagePull") {
            pulls.push(c.now_ms());
        }
        last = reason;
    }
    assert!(
        err_ms * 10 < back_off_ms,
        "ImagePullBackOff is the usual sight: {err_ms} ms ErrImagePull, {back_off_ms} ms back-off"
    );
    let gaps: Vec<u64> = pulls.windows(2).map(|w| w[1] - w[0]).collect();
    for (k, gap) in gaps.iter().enumerate() {
        let back_off = (10_000u64 << k.min(5)).min(300_000);
        assert!(
            (back_off..back_off + 3_000).contains(gap),
            "pull {} came {gap} ms after the one before, back-off {back_off} ms ({gaps:?})",
            k + 2
        );
    }
    assert!(gaps.len() >= 5, "{gaps:?}");
}

#[test]
fn image_pull_back_off_grows_between_attempts() {
    let mut c = Cluster::new(12);
    c.create(web(1, "OrderedReady", "nginx:no-such-tag"))
        .expect("set");
    c.settle_within(15 * 60 * 1000);
    let pulls = c
        .world
        .store
        .list::<k8s_openapi::api::core::v1::Event>(Some("default"))
        .filter(|e| e.reason.as_deref() == Some("Pulling"))
        .map(|e| e.count.unwrap_or(1))
        .sum::<i32>();
    // 10 s, 20 s, 40 s … capped at 300 s gives about eight attempts in fifteen minutes; a fixed
    // back-off would give dozens.
    assert!((4..=10).contains(&pulls), "{pulls} pull attempts");
    assert_eq!(
        waiting_reason(pods(&c)[0])
            .as_deref()
            .map(|r| r.ends_with("ImagePull") || r == "ImagePullBackOff"),
        Some(true)
    );
}
