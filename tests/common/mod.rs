//! Shared helpers for scenario tests: building objects and checking invariants after every step.

#![allow(dead_code)]

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod, Service};
use serde_json::{Value, json};
use std::ops::ControlFlow;
use sts_playground::sim::Cluster;
use sts_playground::sim::statefulset::utils::*;

pub mod prompt;

/// The tutorial's headless Service `nginx`.
pub fn nginx_service() -> Service {
    serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "nginx", "namespace": "default", "labels": {"app": "nginx"}},
        "spec": {"ports": [{"port": 80, "name": "web"}], "clusterIP": "None", "selector": {"app": "nginx"}}
    }))
    .expect("service")
}

/// The tutorial's StatefulSet `web` with the given replicas, policy and image.
pub fn web(replicas: i32, policy: &str, image: &str) -> StatefulSet {
    web_with(replicas, policy, image, json!({}))
}

/// `web` with extra fields merged into its spec.
pub fn web_with(replicas: i32, policy: &str, image: &str, extra_spec: Value) -> StatefulSet {
    let mut v = json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "serviceName": "nginx", "replicas": replicas, "podManagementPolicy": policy,
            "selector": {"matchLabels": {"app": "nginx"}},
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0, "maxUnavailable": 1}},
            "template": {
                "metadata": {"labels": {"app": "nginx"}},
                "spec": {
                    "terminationGracePeriodSeconds": 10,
                    "containers": [{"name": "nginx", "image": image,
                        "ports": [{"containerPort": 80, "name": "web"}],
                        "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]
                }
            },
            "volumeClaimTemplates": [{"metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
        }
    });
    if let (Some(spec), Value::Object(extra)) = (
        v.pointer_mut("/spec").and_then(Value::as_object_mut),
        extra_spec,
    ) {
        for (k, val) in extra {
            spec.insert(k, val);
        }
    }
    serde_json::from_value(v).expect("statefulset")
}

/// Pods of the set `web`, by ordinal.
pub fn pods(c: &Cluster) -> Vec<&Pod> {
    let mut v: Vec<&Pod> = c
        .world
        .store
        .list::<Pod>(Some("default"))
        .filter(|p| parent_and_ordinal(pod_name(p)).is_some_and(|(s, _)| s == "web"))
        .collect();
    v.sort_by_key(|p| parent_and_ordinal(pod_name(p)).map(|(_, o)| o));
    v
}

/// Names of the live (not terminating) pods of `web`.
pub fn live_names(c: &Cluster) -> Vec<String> {
    pods(c)
        .into_iter()
        .filter(|p| !is_terminating(p))
        .map(|p| pod_name(p).to_string())
        .collect()
}

/// Names of the claims in `default`.
pub fn claim_names(c: &Cluster) -> Vec<String> {
    c.world
        .store
        .list::<PersistentVolumeClaim>(Some("default"))
        .filter_map(|p| p.metadata.name.clone())
        .collect()
}

/// The set `web`.
pub fn set(c: &Cluster) -> Option<&StatefulSet> {
    c.world.store.get::<StatefulSet>("default", "web")
}

/// Checks the invariants that must hold after every step, comparing with the previous state.
pub struct Invariants {
    seen_uids: Vec<String>,
    claims: Vec<String>,
    /// Claims the scenario deleted on purpose (or a retention policy may delete).
    pub claims_may_go: bool,
    /// Claims the scenario deleted one by one, which may go.
    pub deleted_claims: Vec<String>,
}

impl Invariants {
    /// Starts watching a cluster.
    pub fn new(c: &Cluster) -> Invariants {
        let mut inv = Invariants {
            seen_uids: Vec::new(),
            claims: Vec::new(),
            claims_may_go: false,
            deleted_claims: Vec::new(),
        };
        inv.check(c);
        inv
    }

    /// Checks the cluster after one step.
    pub fn check(&mut self, c: &Cluster) {
        let now = c.now_ms();
        // At most one running incarnation per pod identity on live nodes.
        let mut running: Vec<(String, String)> = c
            .world
            .runtime
            .values()
            .filter(|r| !c.world.failed_nodes.contains_key(&r.node))
            .filter(|r| !matches!(r.stage, sts_playground::sim::kubelet::Stage::Stopped))
            .map(|r| (r.namespace.clone(), r.name.clone()))
            .collect();
        let before = running.len();
        running.sort();
        running.dedup();
        assert_eq!(
            before,
            running.len(),
            "two live incarnations of one pod at {now} ms"
        );
        if let Some(s) = set(c) {
            let ordered = !allows_burst(s);
            let min_ready = min_ready_ms(s);
            let all = pods(c);
            for p in &all {
                let uid = p.metadata.uid.clone().unwrap_or_default();
                if self.seen_uids.contains(&uid) {
                    continue;
                }
                self.seen_uids.push(uid);
                let Some(ord) = member_ordinal(s, p) else {
                    continue;
                };
                if ordered && in_range(s, ord) {
                    for q in &all {
                        let Some(o) = member_ordinal(s, q) else {
                            continue;
                        };
                        if o < ord && in_range(s, o) {
                            assert!(
                                is_running_and_available(q, min_ready, now) && !is_terminating(q),
                                "{} created at {now} ms while {} is not Running+Ready+available",
                                pod_name(p),
                                pod_name(q)
                            );
                        }
                    }
                    let present: Vec<i64> =
                        all.iter().filter_map(|q| member_ordinal(s, q)).collect();
                    for o in start_ordinal(s)..ord {
                        assert!(
                            present.contains(&o),
                            "{} created before ordinal {o} exists",
                            pod_name(p)
                        );
                    }
                }
            }
            if let Some(st) = s.status.as_ref() {
                let r = st.replicas;
                let ready = st.ready_replicas.unwrap_or(0);
                assert!(
                    ready <= r && st.available_replicas.unwrap_or(0) <= ready,
                    "status counters inconsistent: {st:?}"
                );
                assert!(
                    st.current_replicas.unwrap_or(0) <= r && st.updated_replicas.unwrap_or(0) <= r,
                    "status counters inconsistent: {st:?}"
                );
            }
        }
        let claims = claim_names(c);
        if !self.claims_may_go {
            for old in &self.claims {
                if self.deleted_claims.contains(old) {
                    continue;
                }
                assert!(claims.contains(old), "claim {old} disappeared at {now} ms");
            }
        }
        self.claims = claims;
    }

    /// Moves the clock on by `ms`, checking after every step.
    pub fn advance(&mut self, c: &mut Cluster, ms: u64) {
        let end = c.now_ms() + ms;
        c.run_until(Some(end), &mut |c| {
            self.check(c);
            ControlFlow::Continue(())
        });
        self.check(c);
    }

    /// Steps the cluster until quiet (bounded), checking after every step.
    pub fn settle(&mut self, c: &mut Cluster) {
        let end = c.now_ms() + 10 * 60 * 1000;
        // Steps while foreground work falls due within the bound; background work due earlier
        // runs on the way.
        let foreground_due = |c: &Cluster| {
            c.manager
                .queue
                .next_foreground_time()
                .is_some_and(|t| t <= end)
        };
        if foreground_due(c) {
            c.run_until(None, &mut |c| {
                self.check(c);
                if foreground_due(c) {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            });
        }
        // Let significant probes finish too.
        c.settle();
        self.check(c);
    }
}

/// Both pod management policies.
pub const POLICIES: [&str; 2] = ["OrderedReady", "Parallel"];
