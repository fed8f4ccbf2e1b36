//! Putting a broken rollout right: under Parallel the controller replaces the broken pod itself once
//! the template is reverted (1.37); under OrderedReady it waits until the learner deletes that pod.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use k8s_openapi::api::core::v1::Pod;
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::DeleteOptions;
use sts_playground::sim::statefulset::utils::*;

const GOOD: &str = "registry.k8s.io/nginx-slim:0.24";
const BAD: &str = "registry.k8s.io/nginx-slim:does-not-exist";

fn set_image(c: &mut Cluster, image: &str) {
    let mut s = set(c).cloned().expect("set");
    if let Some(spec) = s.spec.template.spec.as_mut() {
        spec.containers[0].image = Some(image.to_string());
    }
    c.update(s).expect("update");
}

/// The names of the pods that are Running and Ready on the set's update revision.
fn ready_on_update_revision(c: &Cluster) -> Vec<String> {
    let update = set(c)
        .and_then(|s| s.status.as_ref())
        .and_then(|st| st.update_revision.clone())
        .unwrap_or_default();
    pods(c)
        .into_iter()
        .filter(|p| is_running_and_ready(p) && pod_revision(p) == update)
        .map(|p| pod_name(p).to_string())
        .collect()
}

#[test]
fn reverting_a_bad_image_recovers_parallel_at_once_and_ordered_ready_after_a_delete() {
    for policy in POLICIES {
        let mut c = Cluster::new(42);
        c.create(nginx_service()).expect("service");
        c.create(web(3, policy, GOOD)).expect("set");
        let mut inv = Invariants::new(&c);
        inv.settle(&mut c);
        set_image(&mut c, BAD);
        inv.advance(&mut c, 60_000);
        // Both policies stop at the broken web-2: maxUnavailable is 1 and it is unavailable.
        assert_eq!(
            ready_on_update_revision(&c),
            Vec::<String>::new(),
            "{policy}"
        );
        assert_eq!(live_names(&c), ["web-0", "web-1", "web-2"], "{policy}");
        set_image(&mut c, GOOD);
        inv.advance(&mut c, 120_000);
        if policy == "Parallel" {
            assert_eq!(
                ready_on_update_revision(&c),
                ["web-0", "web-1", "web-2"],
                "Parallel replaces the unavailable old-revision pod by itself"
            );
            assert!(
                c.world.why.lines().any(|l| l
                    .text
                    .contains("web-2 deleted: it is unavailable on an old revision")),
                "the why trace says why web-2 went"
            );
        } else {
            assert_eq!(
                ready_on_update_revision(&c),
                ["web-0", "web-1"],
                "OrderedReady waits on the broken web-2"
            );
            c.delete::<Pod>("default", "web-2", DeleteOptions::default())
                .expect("delete");
            inv.advance(&mut c, 60_000);
            assert_eq!(
                ready_on_update_revision(&c),
                ["web-0", "web-1", "web-2"],
                "{policy}"
            );
        }
        let st = set(&c).and_then(|s| s.status.clone()).expect("status");
        assert_eq!(st.current_revision, st.update_revision, "{policy}");
        assert_eq!(st.ready_replicas, Some(3), "{policy}");
    }
}
