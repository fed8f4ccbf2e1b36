//! Init containers on the simulated kubelet: one at a time in spec order, each to a zero exit,
//! before any app container starts (computeInitContainerActions in
//! pkg/kubelet/kuberuntime/kuberuntime_container.go; getPhase in pkg/kubelet/kubelet_pods.go;
//! GeneratePodInitializedCondition in pkg/kubelet/status/generate.go).
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::ops::ControlFlow;

use common::*;
use k8s_openapi::api::core::v1::Pod;
use serde_json::{Value, json};
use sts_playground::sim::Cluster;
use sts_playground::sim::kubelet::{ContainerRuntime, ContainerState};

fn init(name: &str, script: &str) -> Value {
    json!({"name": name, "image": "busybox:1.36", "command": ["sh", "-c", script]})
}

/// A set `web` whose pods run the given init containers first.
fn with_inits(c: &mut Cluster, inits: Value, extra: Value) {
    let mut s = web_with(2, "Parallel", "nginx:1.25", extra);
    let spec = s.spec.template.spec.as_mut().expect("pod spec");
    spec.init_containers = Some(serde_json::from_value(inits).expect("init containers"));
    c.create(s).expect("set");
}

fn completed(k: &ContainerRuntime) -> bool {
    matches!(k.state, ContainerState::Terminated { code: 0, .. })
}

fn ever_started(k: &ContainerRuntime) -> bool {
    k.restarts > 0 || !matches!(k.state, ContainerState::Waiting(_))
}

fn condition<'a>(p: &'a Pod, type_: &str) -> Option<&'a str> {
    let conds = p.status.as_ref()?.conditions.as_ref()?;
    Some(conds.iter().find(|c| c.type_ == type_)?.status.as_str())
}

#[test]
fn no_container_starts_before_every_init_container_before_it_exited_zero() {
    for seed in 0..6 {
        let mut c = Cluster::new(seed);
        let inits = json!([
            init("first", "sleep 3"),
            init("second", "echo ok"),
            init("third", "sleep 1")
        ]);
        with_inits(&mut c, inits, json!({}));
        let mut looked = 0;
        c.run_until(Some(120_000), &mut |c| {
            for rt in c.world.runtime.values() {
                let inits = rt.inits();
                for (j, k) in inits.iter().enumerate() {
                    if ever_started(k) {
                        assert!(
                            inits[..j].iter().all(completed),
                            "seed {seed}: {} started before the ones ahead of it completed",
                            k.name
                        );
                    }
                }
                if rt.apps().iter().any(ever_started) {
                    assert!(inits.iter().all(completed), "seed {seed}: app before init");
                }
                looked += 1;
            }
            ControlFlow::Continue(())
        });
        assert!(looked > 0);
        for p in pods(&c) {
            let status = p.status.as_ref().expect("status");
            assert_eq!(status.phase.as_deref(), Some("Running"), "seed {seed}");
            assert_eq!(condition(p, "Initialized"), Some("True"));
            let inits = status
                .init_container_statuses
                .as_ref()
                .expect("init statuses");
            assert_eq!(inits.len(), 3);
            assert!(
                inits.iter().all(|s| s.ready),
                "completed init containers are ready"
            );
        }
    }
}

#[test]
fn a_failing_init_container_restarts_with_back_off_and_holds_the_pod_pending() {
    let mut c = Cluster::new(3);
    with_inits(&mut c, json!([init("check", "exit 2")]), json!({}));
    c.advance(90_000);
    for p in pods(&c) {
        let status = p.status.as_ref().expect("status");
        assert_eq!(status.phase.as_deref(), Some("Pending"));
        assert_eq!(condition(p, "Initialized"), Some("False"));
        let init = &status.init_container_statuses.as_ref().expect("init")[0];
        assert!(init.restart_count >= 2, "restarts: {}", init.restart_count);
        let app = &status.container_statuses.as_ref().expect("apps")[0];
        assert_eq!(app.restart_count, 0);
        let waiting = app.state.as_ref().and_then(|s| s.waiting.as_ref());
        assert_eq!(
            waiting.and_then(|w| w.reason.as_deref()),
            Some("PodInitializing")
        );
    }
}

#[test]
fn under_restart_policy_never_a_failed_init_container_fails_the_pod() {
    let mut c = Cluster::new(4);
    let pod: Pod = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "once", "namespace": "default"},
        "spec": {
            "restartPolicy": "Never",
            "initContainers": [init("check", "exit 1")],
            "containers": [{"name": "nginx", "image": "nginx:1.25"}]
        }
    }))
    .expect("pod");
    c.create(pod).expect("create");
    c.advance(60_000);
    let p = c.world.store.get::<Pod>("default", "once").expect("pod");
    let status = p.status.as_ref().expect("status");
    assert_eq!(status.phase.as_deref(), Some("Failed"));
    let init = &status.init_container_statuses.as_ref().expect("init")[0];
    assert_eq!(init.restart_count, 0);
    let code = init.state.as_ref().and_then(|s| s.terminated.as_ref());
    assert_eq!(code.map(|t| t.exit_code), Some(1));
}
