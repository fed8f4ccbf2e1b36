//! Fault injection: the StatefulSet controller's pod creates fail on purpose (through the
//! cluster's fault plan, as upstream's tests fail them with `SetCreateStatefulPodError`), and the
//! controller reports, backs off and retries as upstream does; invariants hold after every step.
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
use k8s_openapi::api::core::v1::Event;
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::ApiError;
use sts_playground::sim::faults::Write;
use sts_playground::sim::queue::Work;

const KEY: &str = "default/web";

/// The error upstream's tests inject: `apierrors.NewInternalError(errors.New("API server failed"))`
/// (k8s.io/apimachinery/pkg/api/errors/errors.go prefixes "Internal error occurred: ").
fn internal_error() -> ApiError {
    ApiError {
        code: 500,
        reason: "InternalError",
        message: "Internal error occurred: API server failed".into(),
    }
}

/// A cluster whose next `times` creates of web's pods fail, with the set just created.
fn failing(policy: &str, times: u32) -> (Cluster, Invariants) {
    let mut c = Cluster::new(42);
    c.create(nginx_service()).expect("service");
    c.world.faults.fail(
        Write::CreatePod,
        ("default", "web"),
        0,
        times,
        internal_error(),
    );
    c.create(web(3, policy, "registry.k8s.io/nginx-slim:0.24"))
        .expect("set");
    let inv = Invariants::new(&c);
    (c, inv)
}

/// Steps, checking the invariants after every step, until `done` holds (at most ten minutes).
fn run_to(c: &mut Cluster, inv: &mut Invariants, done: impl Fn(&Cluster) -> bool) {
    let end = c.now_ms() + 10 * 60 * 1000;
    let ran = c.run_until(Some(end), &mut |c| {
        inv.check(c);
        if done(c) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(ran.stopped, "the awaited state never came");
}

fn failures(c: &Cluster) -> u32 {
    c.manager.sync_failures.get(KEY).copied().unwrap_or(0)
}

/// The set's events with the given reason: (type, message, count).
fn events_with(c: &Cluster, reason: &str) -> Vec<(String, String, i32)> {
    c.world
        .store
        .list::<Event>(Some("default"))
        .filter(|e| e.reason.as_deref() == Some(reason))
        .map(|e| {
            (
                e.type_.clone().unwrap_or_default(),
                e.message.clone().unwrap_or_default(),
                e.count.unwrap_or(1),
            )
        })
        .collect()
}

#[test]
fn a_failed_pod_create_is_reported_backed_off_and_retried() {
    for policy in POLICIES {
        let (mut c, mut inv) = failing(policy, 2);
        run_to(&mut c, &mut inv, |c| failures(c) == 1);
        let first = c.now_ms();
        // recordPodEvent (pkg/controller/statefulset/stateful_pod_control.go): reason
        // "Failed" + Title(verb), message "%s Pod %s in StatefulSet %s failed error: %s".
        assert_eq!(
            events_with(&c, "FailedCreate"),
            [(
                "Warning".to_string(),
                "create Pod web-0 in StatefulSet web failed error: Internal error occurred: API server failed"
                    .to_string(),
                1
            )],
            "{policy}"
        );
        // The walk stops at the error: OrderedReady walks one pod at a time, and Parallel's
        // slowStartBatch (stateful_set_control.go runForAll) starts with a batch of one.
        assert!(pods(&c).is_empty(), "{policy}: no pod exists yet");
        // The status is still written when the walk fails (performUpdate updates it before
        // returning the error), counting no pods.
        let status = set(&c).and_then(|s| s.status.clone()).expect("status");
        assert_eq!(status.replicas, 0, "{policy}");
        assert_eq!(status.observed_generation, Some(1), "{policy}");
        // A failed sync is requeued with AddRateLimited; the default controller rate limiter
        // (client-go util/workqueue/default_rate_limiters.go DefaultControllerRateLimiter) waits
        // 5 ms after the first failure and doubles per failure in a row, up to 1000 s.
        let timer = Work::StatefulSetTimer(KEY.into());
        assert_eq!(c.manager.queue.due(&timer), Some(first + 5), "{policy}");

        run_to(&mut c, &mut inv, |c| failures(c) == 2);
        let second = c.now_ms();
        assert!(second >= first + 5, "{policy}: retried at {second} ms");
        assert_eq!(c.manager.queue.due(&timer), Some(second + 10), "{policy}");
        let failed = events_with(&c, "FailedCreate");
        assert_eq!(
            failed.len(),
            1,
            "{policy}: the repeated event is aggregated"
        );
        assert_eq!(failed.first().map(|e| e.2), Some(2), "{policy}");
        assert!(pods(&c).is_empty(), "{policy}");

        // The fault is spent: the next sync creates web-0 and forgets the failures.
        run_to(&mut c, &mut inv, |c| !pods(c).is_empty());
        assert!(c.world.faults.is_empty(), "{policy}");
        assert_eq!(
            failures(&c),
            0,
            "{policy}: a clean sync forgets the failures"
        );
        assert_eq!(
            events_with(&c, "SuccessfulCreate")
                .iter()
                .filter(|e| e.1 == "create Pod web-0 in StatefulSet web successful")
                .count(),
            1,
            "{policy}"
        );
        inv.settle(&mut c);
        assert_eq!(live_names(&c), ["web-0", "web-1", "web-2"], "{policy}");
        let status = set(&c).and_then(|s| s.status.clone()).expect("status");
        assert_eq!(status.ready_replicas, Some(3), "{policy}");
    }
}

#[test]
fn parallel_creates_in_slow_start_batches_and_finishes_the_failing_batch() {
    // slowStartBatch (stateful_set_control.go) runs batches of 1, 2, 4, ... replicas; every
    // replica of a batch is tried, and no batch starts after one with an error.
    let mut c = Cluster::new(42);
    c.create(nginx_service()).expect("service");
    c.world
        .faults
        .fail(Write::CreatePod, ("default", "web"), 1, 1, internal_error());
    c.create(web(5, "Parallel", "registry.k8s.io/nginx-slim:0.24"))
        .expect("set");
    let mut inv = Invariants::new(&c);
    run_to(&mut c, &mut inv, |c| failures(c) == 1);
    assert_eq!(live_names(&c), ["web-0", "web-2"], "web-3 and web-4 wait");
    let failed = events_with(&c, "FailedCreate");
    assert_eq!(failed.len(), 1);
    assert!(failed.iter().all(|e| e.1.starts_with("create Pod web-1 ")));
    inv.settle(&mut c);
    assert_eq!(
        live_names(&c),
        ["web-0", "web-1", "web-2", "web-3", "web-4"]
    );
}
