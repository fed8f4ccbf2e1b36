//! The pod STATUS, READY and RESTARTS cells (`printPod`): reason precedence, init containers,
//! waiting/terminated reasons, exit codes and signals, Completed-but-running, deletion.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};
use sts_playground::kubectl::print::rows_workloads::{pod_row, pod_status_cells};

fn now() -> Timestamp {
    "2026-07-21T10:25:00Z".parse().expect("timestamp")
}

fn pod(v: Value) -> Pod {
    serde_json::from_value(v).expect("pod JSON")
}

/// A pod with one container `app` per given status, in phase `phase`.
fn with_statuses(phase: &str, statuses: Vec<Value>) -> Value {
    let containers: Vec<Value> = statuses
        .iter()
        .map(|s| json!({"name": s["name"], "image": "nginx"}))
        .collect();
    json!({
        "metadata": {"name": "p", "namespace": "default", "creationTimestamp": "2026-07-21T10:20:00Z"},
        "spec": {"containers": containers},
        "status": {"phase": phase, "containerStatuses": statuses}
    })
}

fn cs(name: &str, ready: bool, state: Value) -> Value {
    json!({"name": name, "image": "nginx", "imageID": "", "ready": ready, "restartCount": 0, "state": state})
}

fn status(v: Value) -> (String, String, String) {
    pod_status_cells(&pod(v), now())
}

#[test]
fn phase_and_pod_reason() {
    let mut p = with_statuses("Pending", vec![]);
    p["spec"]["containers"] = json!([{"name": "app"}]);
    assert_eq!(
        status(p.clone()),
        ("0/1".into(), "Pending".into(), "0".into())
    );
    p["status"]["phase"] = json!("Failed");
    p["status"]["reason"] = json!("Evicted");
    assert_eq!(status(p.clone()).1, "Evicted");
    p["status"] = json!({"phase": "Pending", "conditions": [
        {"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]});
    assert_eq!(status(p).1, "SchedulingGated");
}

#[test]
fn main_container_reasons() {
    let cases = [
        (
            json!({"waiting": {"reason": "ContainerCreating"}}),
            "Pending",
            "ContainerCreating",
        ),
        (
            json!({"waiting": {"reason": "ErrImagePull"}}),
            "Pending",
            "ErrImagePull",
        ),
        (
            json!({"waiting": {"reason": "ImagePullBackOff"}}),
            "Pending",
            "ImagePullBackOff",
        ),
        (
            json!({"waiting": {"reason": "CrashLoopBackOff"}}),
            "Running",
            "CrashLoopBackOff",
        ),
        (
            json!({"terminated": {"exitCode": 137, "reason": "OOMKilled"}}),
            "Running",
            "OOMKilled",
        ),
        (
            json!({"terminated": {"exitCode": 1}}),
            "Failed",
            "ExitCode:1",
        ),
        (
            json!({"terminated": {"exitCode": 137, "signal": 9}}),
            "Failed",
            "Signal:9",
        ),
        (
            json!({"terminated": {"exitCode": 0, "reason": "Completed"}}),
            "Succeeded",
            "Completed",
        ),
        (
            json!({"running": {"startedAt": "2026-07-21T10:21:00Z"}}),
            "Running",
            "Running",
        ),
    ];
    for (state, phase, want) in cases {
        let got = status(with_statuses(phase, vec![cs("app", false, state.clone())]));
        assert_eq!(got.1, want, "state {state}");
    }
}

#[test]
fn completed_with_a_running_container_reads_running_or_not_ready() {
    let running = json!({"running": {"startedAt": "2026-07-21T10:21:00Z"}});
    let done = json!({"terminated": {"exitCode": 0, "reason": "Completed"}});
    let mut p = with_statuses(
        "Running",
        vec![cs("a", false, done), cs("b", true, running)],
    );
    assert_eq!(
        status(p.clone()),
        ("1/2".into(), "NotReady".into(), "0".into())
    );
    p["status"]["conditions"] = json!([{"type": "Ready", "status": "True"}]);
    assert_eq!(status(p).1, "Running");
}

#[test]
fn restarts_show_the_last_termination_age() {
    let mut c = cs(
        "app",
        false,
        json!({"waiting": {"reason": "CrashLoopBackOff"}}),
    );
    c["restartCount"] = json!(3);
    c["lastState"] = json!({"terminated": {"exitCode": 1, "reason": "Error",
        "finishedAt": "2026-07-21T10:24:48Z"}});
    let got = status(with_statuses("Running", vec![c.clone()]));
    assert_eq!(
        got,
        (
            "0/1".into(),
            "CrashLoopBackOff".into(),
            "3 (12s ago)".into()
        )
    );
    // Without a finish time only the count shows.
    c["lastState"] = json!({"terminated": {"exitCode": 1}});
    assert_eq!(status(with_statuses("Running", vec![c])).2, "3");
}

fn with_init(init_statuses: Vec<Value>, init_specs: Value) -> Value {
    let mut p = with_statuses(
        "Pending",
        vec![cs(
            "app",
            false,
            json!({"waiting": {"reason": "PodInitializing"}}),
        )],
    );
    p["spec"]["initContainers"] = init_specs;
    p["status"]["initContainerStatuses"] = json!(init_statuses);
    p
}

#[test]
fn init_containers() {
    let two = json!([{"name": "i1"}, {"name": "i2"}]);
    let one = json!([{"name": "i1"}]);
    let running = json!({"running": {}});
    let cases = [
        (
            vec![
                cs("i1", false, running.clone()),
                cs("i2", false, json!({"waiting": {}})),
            ],
            two.clone(),
            "Init:0/2",
        ),
        (
            vec![
                cs(
                    "i1",
                    false,
                    json!({"terminated": {"exitCode": 0, "reason": "Completed"}}),
                ),
                cs("i2", false, running),
            ],
            two,
            "Init:1/2",
        ),
        (
            vec![cs("i1", false, json!({"terminated": {"exitCode": 2}}))],
            one.clone(),
            "Init:ExitCode:2",
        ),
        (
            vec![cs(
                "i1",
                false,
                json!({"terminated": {"exitCode": 137, "signal": 9}}),
            )],
            one.clone(),
            "Init:Signal:9",
        ),
        (
            vec![cs(
                "i1",
                false,
                json!({"terminated": {"exitCode": 1, "reason": "Error"}}),
            )],
            one.clone(),
            "Init:Error",
        ),
        (
            vec![cs(
                "i1",
                false,
                json!({"waiting": {"reason": "CrashLoopBackOff"}}),
            )],
            one.clone(),
            "Init:CrashLoopBackOff",
        ),
        (
            vec![cs(
                "i1",
                false,
                json!({"waiting": {"reason": "PodInitializing"}}),
            )],
            one,
            "Init:0/1",
        ),
    ];
    for (statuses, specs, want) in cases {
        assert_eq!(status(with_init(statuses, specs)).1, want);
    }
}

#[test]
fn sidecar_init_containers_count_towards_ready_and_total() {
    let mut sidecar = cs("proxy", true, json!({"running": {}}));
    sidecar["started"] = json!(true);
    let mut p = with_init(
        vec![sidecar],
        json!([{"name": "proxy", "restartPolicy": "Always"}]),
    );
    p["status"]["phase"] = json!("Running");
    p["status"]["containerStatuses"] = json!([cs("app", true, json!({"running": {}}))]);
    p["status"]["conditions"] =
        json!([{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}]);
    assert_eq!(status(p), ("2/2".into(), "Running".into(), "0".into()));
}

#[test]
fn deletion_reads_terminating_or_unknown() {
    let running = json!({"running": {}});
    let mut p = with_statuses("Running", vec![cs("app", true, running)]);
    p["metadata"]["deletionTimestamp"] = json!("2026-07-21T10:25:30Z");
    assert_eq!(status(p.clone()).1, "Terminating");
    p["status"]["reason"] = json!("NodeLost");
    assert_eq!(status(p.clone()).1, "Unknown");
    p["status"]["reason"] = json!(null);
    p["status"]["phase"] = json!("Succeeded");
    p["status"]["containerStatuses"] = json!([cs(
        "app",
        false,
        json!({"terminated": {"exitCode": 0, "reason": "Completed"}})
    )]);
    assert_eq!(status(p).1, "Completed");
}

#[test]
fn wide_cells_ip_node_and_readiness_gates() {
    let mut p = with_statuses("Running", vec![cs("app", true, json!({"running": {}}))]);
    p["spec"]["readinessGates"] =
        json!([{"conditionType": "example.com/a"}, {"conditionType": "example.com/b"}]);
    p["status"]["conditions"] = json!([{"type": "example.com/a", "status": "True"}, {"type": "example.com/b", "status": "False"}]);
    let row = pod_row(&pod(p.clone()), now());
    assert_eq!(row.cells[5..], ["<none>", "<none>", "<none>", "1/2"]);
    p["spec"]["nodeName"] = json!("kind-worker");
    p["status"]["podIPs"] = json!([{"ip": "10.244.1.7"}, {"ip": "fd00::7"}]);
    p["status"]["nominatedNodeName"] = json!("kind-worker2");
    let row = pod_row(&pod(p), now());
    assert_eq!(
        row.cells[5..8],
        ["10.244.1.7", "kind-worker", "kind-worker2"]
    );
    assert_eq!(row.cells[4], "5m");
}
