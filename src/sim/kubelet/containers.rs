//! One container's steps on the kubelet, as a table: the first step whose condition holds runs.
//! Exits, back-offs, restarts and starts live here; image pulls in pull.rs.

use k8s_openapi::api::core::v1::Pod;

use super::images;
use super::plan::{back_off, run_plan};
use super::pull::{already_present, finish_pull, pull_image, pull_policy};
use super::report::event;
use super::{ContainerRuntime, ContainerState};
use crate::sim::Cluster;
use crate::sim::events::EventType;
use crate::sim::fs::Fs;
use crate::sim::world::World;

/// Whether the walk over a pod's containers goes on after one container's step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Walk {
    /// The next container may take its step.
    Next,
    /// Later containers wait: pulls and starts are sequential.
    Hold,
}

/// The container one step acts on.
pub(super) struct At<'a> {
    /// The pod's uid.
    pub uid: &'a str,
    /// The container's index in the pod spec.
    pub i: usize,
    /// The virtual time of the step.
    pub now: u64,
    /// The node the pod runs on.
    pub node: String,
    /// An init container that runs to completion, and whether it stays exited after a failure
    /// (the pod's `restartPolicy: Never`).
    pub init: Option<bool>,
}

/// One container step: when it applies, and the kubelet work that performs it.
struct ContainerStep {
    applies: fn(&ContainerRuntime) -> bool,
    run: fn(&mut Cluster, &At<'_>, &ContainerRuntime) -> Walk,
}

/// The steps in the order they are tried.
const STEPS: [ContainerStep; 5] = [
    // Running: the main process exits when its plan says; the kubelet sees it and sets the back-off.
    ContainerStep {
        applies: is_running,
        run: observe_exit,
    },
    // Exited: CrashLoopBackOff until the back-off ends, then the container is started again.
    ContainerStep {
        applies: restart_pending,
        run: restart_after_back_off,
    },
    // Pulling: when the pull ends the container is created and started.
    ContainerStep {
        applies: is_pulling,
        run: finish_pull,
    },
    // Started once: nothing to do until it exits.
    ContainerStep {
        applies: is_pulled,
        run: keep_running,
    },
    // Otherwise: EnsureImageExists, after any pull back-off.
    ContainerStep {
        applies: always,
        run: pull_image,
    },
];

fn is_running(k: &ContainerRuntime) -> bool {
    matches!(k.state, ContainerState::Running(_))
}

fn restart_pending(k: &ContainerRuntime) -> bool {
    k.restart_at.is_some()
}

fn is_pulling(k: &ContainerRuntime) -> bool {
    k.pulling_until.is_some()
}

fn is_pulled(k: &ContainerRuntime) -> bool {
    k.pulled
}

fn always(_: &ContainerRuntime) -> bool {
    true
}

fn keep_running(_: &mut Cluster, _: &At<'_>, _: &ContainerRuntime) -> Walk {
    Walk::Next
}

/// Moves one container along: runs the first step in the table that applies to it.
pub(super) fn advance_container(c: &mut Cluster, uid: &str, i: usize, now: u64) -> Walk {
    let Some((k, node)) = c
        .world
        .runtime
        .get(uid)
        .and_then(|r| Some((r.containers.get(i)?.clone(), r.node.clone())))
    else {
        return Walk::Hold;
    };
    let init = c
        .world
        .runtime
        .get(uid)
        .and_then(|rt| c.world.store.get::<Pod>(&rt.namespace, &rt.name))
        .and_then(|p| p.spec.as_ref())
        .filter(|s| super::runs_to_completion(s, i))
        .map(|s| s.restart_policy.as_deref() == Some("Never"));
    let at = At {
        uid,
        i,
        now,
        node,
        init,
    };
    STEPS
        .iter()
        .find(|s| (s.applies)(&k))
        .map_or(Walk::Next, |s| (s.run)(c, &at, &k))
}

/// The main process exits when its plan says: Completed or Error, with the restart after the
/// back-off (at least a second; doubling from the second restart, as in kuberuntime's doBackOff).
/// An init container that completed, or failed under `restartPolicy: Never`, is not restarted
/// (computeInitContainerActions in pkg/kubelet/kuberuntime/kuberuntime_container.go).
fn observe_exit(c: &mut Cluster, at: &At<'_>, k: &ContainerRuntime) -> Walk {
    let ContainerState::Running(started) = k.state else {
        return Walk::Next;
    };
    let now = at.now;
    if let Some((exit, code)) = k.exit_at
        && exit <= now
    {
        let reason = if code == 0 { "Completed" } else { "Error" };
        let restarts = k.restarts;
        let delay = if restarts == 0 {
            0
        } else {
            back_off(u32::try_from(restarts).unwrap_or(1))
        };
        if let Some(kc) = c
            .world
            .runtime
            .get_mut(at.uid)
            .and_then(|r| r.containers.get_mut(at.i))
        {
            kc.state = ContainerState::Terminated {
                code,
                reason: reason.into(),
                started,
                finished: now,
            };
            kc.ready = false;
            kc.exit_at = None;
            let stays = at.init.is_some_and(|never| code == 0 || never);
            kc.restart_at = (!stays).then_some(now + delay.max(1_000));
        }
    }
    Walk::Next
}

/// Before the restart time: the BackOff event and CrashLoopBackOff; at it: the container is
/// started again as a new container.
fn restart_after_back_off(c: &mut Cluster, at: &At<'_>, k: &ContainerRuntime) -> Walk {
    match k.restart_at {
        Some(restart) if restart > at.now => report_back_off(&mut c.world, at, k),
        _ => restart(c, at, k),
    }
    Walk::Next
}

/// "Back-off restarting failed container", once the container has crashed at least once.
fn report_back_off(w: &mut World, at: &At<'_>, k: &ContainerRuntime) {
    let uid = at.uid;
    if let ContainerState::Terminated { .. } = k.state
        && k.restarts > 0
    {
        let name = k.name.clone();
        let pod = w
            .runtime
            .get(uid)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        let ns = w
            .runtime
            .get(uid)
            .map(|r| r.namespace.clone())
            .unwrap_or_default();
        event(
            w,
            uid,
            Some(&name),
            EventType::Warning,
            "BackOff",
            &format!("Back-off restarting failed container {name} in pod {pod}_{ns}({uid})"),
        );
        if let Some(kc) = w
            .runtime
            .get_mut(uid)
            .and_then(|r| r.containers.get_mut(at.i))
        {
            kc.last = Some(kc.state.clone());
            kc.state = ContainerState::Waiting("CrashLoopBackOff".into());
        }
    }
}

/// The back-off is over: the restart count goes up and a new container starts.
fn restart(c: &mut Cluster, at: &At<'_>, k: &ContainerRuntime) {
    if let Some(kc) = c
        .world
        .runtime
        .get_mut(at.uid)
        .and_then(|r| r.containers.get_mut(at.i))
    {
        if let ContainerState::Terminated { .. } = kc.state {
            kc.last = Some(kc.state.clone());
        }
        kc.restart_at = None;
        kc.restarts += 1;
        // A restarted container is a new container: its writable layer starts empty.
        kc.layer = Fs::default();
    }
    // A restart checks the image again: one kept on the node is reported as present.
    let reference = images::parse(&k.image);
    if pull_policy(&c.world, at.uid, at.i, &reference) != "Always" {
        already_present(&mut c.world, at.uid, &k.name, &k.image);
    }
    start_container(c, at.uid, at.i, at.now);
}

/// The waiting reason of a container whose environment cannot be built.
pub(super) const CONFIG_ERROR: &str = "CreateContainerConfigError";

/// generateContainerConfig failed (a ConfigMap or Secret the environment names is missing): the
/// Failed event, CreateContainerConfigError, and another try when the pod worker syncs again
/// (its back-off after a failed sync is about ten seconds), image check included.
fn config_failed(c: &mut Cluster, uid: &str, i: usize, name: &str, message: String) {
    event(
        &mut c.world,
        uid,
        Some(name),
        EventType::Warning,
        "Failed",
        &["Error: ", message.as_str()].concat(),
    );
    let retry = c.world.after(10_000, 15_000);
    if let Some(kc) = c
        .world
        .runtime
        .get_mut(uid)
        .and_then(|r| r.containers.get_mut(i))
    {
        kc.state = ContainerState::Waiting(CONFIG_ERROR.into());
        kc.config_error = Some(message);
        kc.pulled = false;
        kc.retry_pull_at = Some(retry);
    }
}

/// Create container and start container (startContainer in
/// pkg/kubelet/kuberuntime/kuberuntime_container.go): the Created and Started events, then the
/// container runs until its plan's exit and its first probes are scheduled.
pub(super) fn start_container(c: &mut Cluster, uid: &str, i: usize, now: u64) {
    let Some(name) = c
        .world
        .runtime
        .get(uid)
        .and_then(|r| r.containers.get(i))
        .map(|k| k.name.clone())
    else {
        return;
    };
    let env_error = c
        .world
        .runtime
        .get(uid)
        .and_then(|rt| c.world.store.get::<Pod>(&rt.namespace, &rt.name))
        .and_then(|p| {
            let k = super::container_spec(p.spec.as_ref()?, i)?;
            super::config::environment(&c.world, p, k).err()
        });
    if let Some(message) = env_error {
        config_failed(c, uid, i, &name, message);
        return;
    }
    event(
        &mut c.world,
        uid,
        Some(&name),
        EventType::Normal,
        "Created",
        "Container created",
    );
    event(
        &mut c.world,
        uid,
        Some(&name),
        EventType::Normal,
        "Started",
        "Container started",
    );
    // A shared handle to the pod, so that its container spec is read without a copy.
    let pod = c
        .world
        .runtime
        .get(uid)
        .and_then(|rt| c.world.store.snapshot_one::<Pod>(&rt.namespace, &rt.name));
    let pod_spec = pod.as_deref().and_then(|p| p.spec.as_ref());
    let spec = pod_spec.and_then(|s| super::container_spec(s, i));
    let init = pod_spec.is_some_and(|s| super::runs_to_completion(s, i));
    let plan = spec.and_then(|s| run_plan(s, init));
    let has_readiness = spec.is_some_and(|s| s.readiness_probe.is_some());
    if let Some(kc) = c
        .world
        .runtime
        .get_mut(uid)
        .and_then(|r| r.containers.get_mut(i))
    {
        kc.state = ContainerState::Running(now);
        kc.config_error = None;
        kc.ready = !has_readiness;
        kc.streaks = (0, 0, 0);
        kc.exit_at = plan.map(|(after, code)| (now + after, code));
    }
    super::probes::schedule_initial(&mut c.manager, uid, i, spec, now);
}
