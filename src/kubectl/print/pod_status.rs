//! The pod table's `READY`, `STATUS` and `RESTARTS` cells, as the server's `printPod` computes
//! them (kubernetes/kubernetes pkg/printers/internalversion/printers.go).

use super::duration::{is_zero_time, translate_timestamp_since};
use k8s_openapi::api::core::v1::{Container, ContainerStatus, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::jiff::Timestamp;
use std::borrow::Cow;

/// Whether an init container is a sidecar (`restartPolicy: Always`).
fn is_restartable(c: Option<&Container>) -> bool {
    c.and_then(|c| c.restart_policy.as_deref()) == Some("Always")
}

/// Whether the pod has the condition with status `True`.
fn has_condition(pod: &Pod, type_: &str) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
        .any(|c| c.type_ == type_ && c.status == "True")
}

/// Keeps the latest `lastState.terminated.finishedAt` seen.
fn track_last_restart(last: &mut Option<Timestamp>, cs: &ContainerStatus) {
    let finished = cs
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .map(|t| t.finished_at.as_ref().map(|f| f.0));
    if let Some(finished) = finished {
        let finished = finished.filter(|f| !is_zero_time(*f));
        if finished > *last {
            *last = finished;
        }
    }
}

/// What the walk over a pod's container statuses gathers (`printPod`).
struct Tally<'a> {
    /// Ready containers.
    ready: usize,
    /// Restarts so far, and when the newest one ended.
    restarts: i64,
    last_restart: Option<Timestamp>,
    /// Restarts of restartable init containers (sidecars) alone: once the pod is initialized
    /// only these and the app containers' count.
    sidecar_restarts: i64,
    last_sidecar_restart: Option<Timestamp>,
    /// The STATUS cell; borrowed until a reason has to be composed.
    reason: Cow<'a, str>,
}

/// The reason before containers are looked at: the phase, the pod's reason, or
/// `SchedulingGated`.
fn pod_reason(pod: &Pod) -> Cow<'_, str> {
    let status = pod.status.as_ref();
    let phase = status.and_then(|s| s.phase.as_deref()).unwrap_or("");
    let mut reason: Cow<'_, str> = Cow::Borrowed(phase);
    if let Some(r) = status
        .and_then(|s| s.reason.as_ref())
        .filter(|r| !r.is_empty())
    {
        reason = Cow::Borrowed(r);
    }
    let conditions = status.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
    if conditions
        .iter()
        .any(|c| c.type_ == "PodScheduled" && c.reason.as_deref() == Some("SchedulingGated"))
    {
        reason = Cow::Borrowed("SchedulingGated");
    }
    reason
}

/// `Init:<reason>`, `Init:Signal:<n>`, `Init:ExitCode:<n>` or `Init:<i>/<count>` for the init
/// container `i` that holds the pod back.
fn init_reason(i: usize, cs: &ContainerStatus, count: usize) -> String {
    let state = cs.state.as_ref();
    let terminated = state.and_then(|s| s.terminated.as_ref());
    let waiting = state.and_then(|s| s.waiting.as_ref());
    if let Some(t) = terminated {
        match t.reason.as_deref().filter(|r| !r.is_empty()) {
            Some(r) => format!("Init:{r}"),
            None if t.signal.unwrap_or(0) != 0 => {
                format!("Init:Signal:{}", t.signal.unwrap_or(0))
            }
            None => format!("Init:ExitCode:{}", t.exit_code),
        }
    } else if let Some(r) = waiting
        .and_then(|w| w.reason.as_deref())
        .filter(|r| !r.is_empty() && *r != "PodInitializing")
    {
        format!("Init:{r}")
    } else {
        format!("Init:{i}/{count}")
    }
}

/// Walks the init containers in order; true when one still holds the pod back (its reason is
/// then the STATUS).
fn tally_init(pod: &Pod, tally: &mut Tally<'_>) -> bool {
    let init_specs = pod
        .spec
        .as_ref()
        .and_then(|s| s.init_containers.as_deref())
        .unwrap_or(&[]);
    let init_spec = |name: &str| init_specs.iter().find(|c| c.name == name);
    let init_statuses = pod
        .status
        .as_ref()
        .and_then(|s| s.init_container_statuses.as_deref())
        .unwrap_or(&[]);
    for (i, cs) in init_statuses.iter().enumerate() {
        tally.restarts += i64::from(cs.restart_count);
        track_last_restart(&mut tally.last_restart, cs);
        let restartable = is_restartable(init_spec(&cs.name));
        if restartable {
            tally.sidecar_restarts += i64::from(cs.restart_count);
            track_last_restart(&mut tally.last_sidecar_restart, cs);
        }
        let terminated = cs.state.as_ref().and_then(|s| s.terminated.as_ref());
        if terminated.is_some_and(|t| t.exit_code == 0) {
            continue;
        }
        if restartable && cs.started == Some(true) {
            if cs.ready {
                tally.ready += 1;
            }
            continue;
        }
        tally.reason = Cow::Owned(init_reason(i, cs, init_specs.len()));
        return true;
    }
    false
}

/// Walks the app containers from last to first: a waiting or terminated container's reason
/// wins, and a completed pod with a running container reads `Running` or `NotReady`.
fn tally_containers<'a>(pod: &'a Pod, tally: &mut Tally<'a>) {
    tally.restarts = tally.sidecar_restarts;
    tally.last_restart = tally.last_sidecar_restart;
    let mut has_running = false;
    let statuses = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_deref())
        .unwrap_or(&[]);
    for cs in statuses.iter().rev() {
        tally.restarts += i64::from(cs.restart_count);
        track_last_restart(&mut tally.last_restart, cs);
        let state = cs.state.as_ref();
        let terminated = state.and_then(|s| s.terminated.as_ref());
        let waiting_reason = state
            .and_then(|s| s.waiting.as_ref())
            .and_then(|w| w.reason.as_deref())
            .filter(|r| !r.is_empty());
        if let Some(r) = waiting_reason {
            tally.reason = Cow::Borrowed(r);
        } else if let Some(t) = terminated {
            tally.reason = match t.reason.as_deref().filter(|r| !r.is_empty()) {
                Some(r) => Cow::Borrowed(r),
                None if t.signal.unwrap_or(0) != 0 => {
                    Cow::Owned(format!("Signal:{}", t.signal.unwrap_or(0)))
                }
                None => Cow::Owned(format!("ExitCode:{}", t.exit_code)),
            };
        } else if cs.ready && state.is_some_and(|s| s.running.is_some()) {
            has_running = true;
            tally.ready += 1;
        }
    }
    if tally.reason == "Completed" && has_running {
        tally.reason = Cow::Borrowed(if has_condition(pod, "Ready") {
            "Running"
        } else {
            "NotReady"
        });
    }
}

/// The pod's `READY`, `STATUS` and `RESTARTS` cells (`printPod`).
pub fn pod_status_cells(pod: &Pod, now: Timestamp) -> (String, String, String) {
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let containers = spec.map(|s| s.containers.as_slice()).unwrap_or(&[]);
    let init_specs = spec
        .and_then(|s| s.init_containers.as_deref())
        .unwrap_or(&[]);
    // Sidecars count among the containers.
    let total = containers.len()
        + init_specs
            .iter()
            .filter(|c| is_restartable(Some(c)))
            .count();
    let mut tally = Tally {
        ready: 0,
        restarts: 0,
        last_restart: None,
        sidecar_restarts: 0,
        last_sidecar_restart: None,
        reason: pod_reason(pod),
    };
    let initializing = tally_init(pod, &mut tally);
    if !initializing || has_condition(pod, "Initialized") {
        tally_containers(pod, &mut tally);
    }
    let phase = status.and_then(|s| s.phase.as_deref()).unwrap_or("");
    if pod.metadata.deletion_timestamp.is_some() {
        if status.and_then(|s| s.reason.as_deref()) == Some("NodeLost") {
            tally.reason = Cow::Borrowed("Unknown");
        } else if phase != "Failed" && phase != "Succeeded" {
            tally.reason = Cow::Borrowed("Terminating");
        }
    }
    let restarts = tally.restarts;
    let restarts_text = match tally.last_restart {
        Some(t) if restarts != 0 => {
            format!(
                "{restarts} ({} ago)",
                translate_timestamp_since(Some(&Time(t)), now)
            )
        }
        _ => restarts.to_string(),
    };
    (
        format!("{}/{total}", tally.ready),
        tally.reason.into_owned(),
        restarts_text,
    )
}
