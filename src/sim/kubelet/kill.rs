//! Graceful termination: SIGTERM, the grace period, SIGKILL at the deadline, then the pod object goes.

use k8s_openapi::api::core::v1::Pod;

use super::images::{self, Pull};
use super::report::event;
use super::{ContainerState, Stage, status};
use crate::sim::Cluster;
use crate::sim::clock::ms_of;
use crate::sim::events::EventType;
use crate::sim::queue::Work;

/// Starts graceful termination: SIGTERM now, SIGKILL at the deadline.
pub fn begin_kill(c: &mut Cluster, uid: &str) {
    let Some(rt) = c.world.runtime.get(uid).cloned() else {
        return;
    };
    let deadline = c
        .world
        .store
        .get::<Pod>(&rt.namespace, &rt.name)
        .and_then(|p| p.metadata.deletion_timestamp.as_ref())
        .map_or(c.world.clock.now_ms, ms_of);
    let now = c.world.clock.now_ms;
    let mut stop_at = now;
    for k in &rt.containers {
        if matches!(k.state, ContainerState::Running(_)) {
            let name = k.name.clone();
            event(
                &mut c.world,
                uid,
                Some(&name),
                EventType::Normal,
                "Killing",
                &format!("Stopping container {name}"),
            );
            let own = match images::pull(&k.image) {
                Pull::Ok(_, _, stop) => stop,
                Pull::NotFound(_) => Some(0),
            };
            let t = own.map_or(deadline, |ms| (now + ms).min(deadline));
            stop_at = stop_at.max(t);
        }
    }
    if let Some(rt) = c.world.runtime.get_mut(uid) {
        rt.stage = Stage::Killing;
    }
    c.manager
        .queue
        .reschedule(stop_at.max(now), Work::Kubelet(uid.to_string()));
}

pub(super) fn finish_kill(c: &mut Cluster, uid: &str) {
    let now = c.world.clock.now_ms;
    let deadline = c
        .world
        .runtime
        .get(uid)
        .and_then(|rt| c.world.store.get::<Pod>(&rt.namespace, &rt.name))
        .and_then(|p| p.metadata.deletion_timestamp.as_ref())
        .map_or(now, ms_of);
    if let Some(rt) = c.world.runtime.get_mut(uid) {
        for k in &mut rt.containers {
            if let ContainerState::Running(started) = k.state {
                let killed = now >= deadline;
                k.state = ContainerState::Terminated {
                    code: if killed { 137 } else { 0 },
                    reason: if killed {
                        "Error".into()
                    } else {
                        "Completed".into()
                    },
                    started,
                    finished: now,
                };
            }
            k.ready = false;
            k.exit_at = None;
            k.restart_at = None;
        }
        rt.stage = Stage::Stopped;
    }
    status::write(&mut c.world, uid);
    let at = c.world.after(50, 200);
    c.manager
        .queue
        .reschedule(at, Work::Kubelet(uid.to_string()));
}

/// The main process of a running container exits now with `code`, as when a learner signals it
/// from a shell (`kill 1`, `nginx -s stop`); the kubelet then restarts the container as it would
/// after any exit. A container that is not running is left alone.
pub fn exit_main_process(c: &mut Cluster, uid: &str, container: usize, code: i32) {
    let now = c.world.clock.now_ms;
    let Some(k) = c
        .world
        .runtime
        .get_mut(uid)
        .and_then(|r| r.containers.get_mut(container))
        .filter(|k| matches!(k.state, ContainerState::Running(_)))
    else {
        return;
    };
    k.exit_at = Some((now, code));
    c.manager
        .queue
        .reschedule(now, Work::Kubelet(uid.to_string()));
}
