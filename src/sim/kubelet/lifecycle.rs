//! The kubelet's stages for one pod, as a table: each stage names the kubelet work that performs it
//! and when the pod's next step comes; one short driver walks it.

use k8s_openapi::api::core::v1::{Node, Pod};

use super::containers::{Walk, advance_container};
use super::kill::finish_kill;
use super::{ContainerState, Stage, status};
use crate::sim::Cluster;
use crate::sim::queue::Work;
use crate::sim::world::World;

/// The pod one stage acts on.
struct PodStep<'a> {
    uid: &'a str,
    namespace: String,
    name: String,
    /// Deleted, and no finalizer holds the object any more.
    deletable: bool,
}

/// When the pod's next step comes once a stage has run.
#[derive(Clone, Copy)]
enum Then {
    /// After a random delay within this range of milliseconds, drawn from the seeded RNG.
    WakeAfter(u64, u64),
    /// The stage sets its own wake-ups (container timers, the kill deadline) or ends the pod.
    Itself,
}

/// One pod stage: which it is, the kubelet work that performs it, and when the next step comes.
struct StageStep {
    stage: Stage,
    run: fn(&mut Cluster, &PodStep<'_>),
    then: Then,
}

/// The pod's stages in order, after the kubelet's SyncPod (pkg/kubelet/kubelet.go) and the
/// runtime's SyncPod (pkg/kubelet/kuberuntime/kuberuntime_manager.go).
const STAGES: [StageStep; 6] = [
    // Bound: the first status report (Pending, ContainerCreating); the sandbox takes 0.3–0.9 s.
    StageStep {
        stage: Stage::Admitted,
        run: report_admitted,
        then: Then::WakeAfter(300, 900),
    },
    // createPodSandbox: the pod gets its IP, then its containers are started at once.
    StageStep {
        stage: Stage::Sandbox,
        run: create_sandbox,
        then: Then::Itself,
    },
    // Pull image, create and start container, one container after another; waits for pulls.
    StageStep {
        stage: Stage::Containers,
        run: sync_containers,
        then: Then::Itself,
    },
    // Every container has started: exits, back-offs and restarts as their times come.
    StageStep {
        stage: Stage::Running,
        run: sync_containers,
        then: Then::Itself,
    },
    // killPod: containers still running at the grace deadline are killed.
    StageStep {
        stage: Stage::Killing,
        run: kill_pod,
        then: Then::Itself,
    },
    // The kubelet forgets the pod; the object goes once no finalizer holds it.
    StageStep {
        stage: Stage::Stopped,
        run: forget_pod,
        then: Then::Itself,
    },
];

/// Runs the pod's next lifecycle step: the entry of its stage in the table.
pub fn step(c: &mut Cluster, uid: &str) {
    let Some(rt) = c.world.runtime.get(uid) else {
        return;
    };
    if c.world.failed_nodes.contains_key(&rt.node) {
        return;
    }
    let stage = rt.stage;
    let (namespace, name) = (rt.namespace.clone(), rt.name.clone());
    let Some(pod) = c.world.store.get::<Pod>(&namespace, &name) else {
        c.world.runtime.remove(uid);
        return;
    };
    if pod.metadata.uid.as_deref() != Some(uid) {
        c.world.runtime.remove(uid);
        return;
    }
    let deletable = pod.metadata.deletion_timestamp.is_some()
        && pod.metadata.finalizers.as_ref().is_none_or(Vec::is_empty);
    let Some(entry) = STAGES.iter().find(|s| s.stage == stage) else {
        return;
    };
    let pod = PodStep {
        uid,
        namespace,
        name,
        deletable,
    };
    (entry.run)(c, &pod);
    if let Then::WakeAfter(min, max) = entry.then {
        let at = c.world.after(min, max);
        c.manager.queue.push(at, Work::Kubelet(uid.to_string()));
    }
}

/// The kubelet's first status report for a pod it admitted; the sandbox comes next.
fn report_admitted(c: &mut Cluster, pod: &PodStep<'_>) {
    if let Some(rt) = c.world.runtime.get_mut(pod.uid) {
        rt.stage = Stage::Sandbox;
        rt.started_ms = c.world.clock.now_ms;
    }
    status::write(&mut c.world, pod.uid);
}

/// WaitForAttachAndMount: a ConfigMap or Secret volume whose object is missing fails its SetUp;
/// the pod stays ContainerCreating and the volume manager tries again, backing off from half a
/// second and doubling up to about two minutes (nestedpendingoperations). True when it failed.
fn mount_failed(c: &mut Cluster, pod: &PodStep<'_>) -> bool {
    let failure = c
        .world
        .store
        .get::<Pod>(&pod.namespace, &pod.name)
        .and_then(|p| super::config::mount_error(&c.world, p));
    let Some((volume, reason)) = failure else {
        return false;
    };
    let message = format!("MountVolume.SetUp failed for volume \"{volume}\" : {reason}");
    super::report::event(
        &mut c.world,
        pod.uid,
        None,
        crate::sim::events::EventType::Warning,
        "FailedMount",
        &message,
    );
    // Waiting as long again as the pod has waited so far doubles the delay each time.
    let now = c.world.clock.now_ms;
    let waited = c
        .world
        .runtime
        .get(pod.uid)
        .map_or(0, |r| now.saturating_sub(r.started_ms));
    let at = now + waited.clamp(500, 122_000);
    c.manager.queue.push(at, Work::Kubelet(pod.uid.to_string()));
    true
}

/// createPodSandbox: the pod gets an IP from its node's range; its containers start at once.
fn create_sandbox(c: &mut Cluster, pod: &PodStep<'_>) {
    if mount_failed(c, pod) {
        return;
    }
    let node = c
        .world
        .runtime
        .get(pod.uid)
        .map(|r| r.node.clone())
        .unwrap_or_default();
    let ip = next_ip(&mut c.world, &node);
    if let Some(rt) = c.world.runtime.get_mut(pod.uid) {
        rt.ip = Some(ip);
        rt.stage = Stage::Containers;
    }
    sync_containers(c, pod);
}

fn next_ip(w: &mut World, node: &str) -> String {
    let index = w
        .store
        .get::<Node>("", node)
        .and_then(|n| n.spec.as_ref())
        .and_then(|s| s.pod_cidr.as_ref())
        .and_then(|cidr| cidr.split('.').nth(2))
        .and_then(|x| x.parse::<u32>().ok())
        .unwrap_or(1);
    let jump = u32::try_from(w.rng.range(1, 7)).unwrap_or(1);
    let last = w.node_ips.entry(node.to_string()).or_insert(1);
    *last = (*last + jump - 1) % 250 + 2;
    ["10.244.", &index.to_string(), ".", &last.to_string()].concat()
}

/// Moves each container along in spec order, reports the pod's status and wakes the pod again
/// at the earliest container timer.
fn sync_containers(c: &mut Cluster, pod: &PodStep<'_>) {
    let uid = pod.uid;
    let now = c.world.clock.now_ms;
    if sync_init_containers(c, pod) {
        let count = c.world.runtime.get(uid).map_or(0, |r| r.app_count());
        for i in 0..count {
            if advance_container(c, uid, i, now) == Walk::Hold {
                break;
            }
        }
    }
    if let Some(rt) = c.world.runtime.get_mut(uid)
        && rt.stage == Stage::Containers
        && status::all_started(rt)
    {
        rt.stage = Stage::Running;
    }
    status::write(&mut c.world, uid);
    if let Some(at) = next_wake(&c.world, uid, now) {
        c.manager
            .queue
            .reschedule(at, Work::Kubelet(uid.to_string()));
    }
}

/// Init containers one at a time in spec order, each to a zero exit before the next is pulled;
/// a sidecar only has to be running. True once all are done and the app containers may start
/// (computeInitContainerActions in pkg/kubelet/kuberuntime/kuberuntime_container.go).
fn sync_init_containers(c: &mut Cluster, pod: &PodStep<'_>) -> bool {
    let (uid, now) = (pod.uid, c.world.clock.now_ms);
    let Some(rt) = c.world.runtime.get(uid) else {
        return false;
    };
    let (first, count) = (rt.app_count(), rt.init);
    let sidecars: Vec<bool> = c
        .world
        .store
        .get::<Pod>(&pod.namespace, &pod.name)
        .and_then(|p| p.spec.as_ref())
        .map(|s| {
            (first..first + count)
                .map(|i| !super::runs_to_completion(s, i))
                .collect()
        })
        .unwrap_or_default();
    for (j, sidecar) in sidecars.into_iter().enumerate() {
        let i = first + j;
        // A sidecar keeps being restarted after it has let the next init container start.
        advance_container(c, uid, i, now);
        let Some(k) = c.world.runtime.get(uid).and_then(|r| r.containers.get(i)) else {
            return false;
        };
        let done = if sidecar {
            matches!(k.state, ContainerState::Running(_)) || k.restarts > 0
        } else {
            status::completed(k)
        };
        if !done {
            return false;
        }
    }
    true
}

/// The earliest container timer after `now`: a pull ending, an exit, a restart, a pull retry.
fn next_wake(w: &World, uid: &str, now: u64) -> Option<u64> {
    w.runtime.get(uid).and_then(|r| {
        r.containers
            .iter()
            .flat_map(|k| {
                // About a second after a crash the kubelet reports the back-off it is waiting out.
                let backoff_report = match k.state {
                    ContainerState::Terminated { finished, .. } if k.restarts > 0 => {
                        Some(finished + 1_000)
                    }
                    _ => None,
                };
                [
                    k.pulling_until,
                    k.exit_at.map(|e| e.0),
                    k.restart_at,
                    k.retry_pull_at,
                    backoff_report,
                ]
            })
            .flatten()
            .filter(|t| *t > now)
            .min()
    })
}

/// killPod at the grace deadline (kill.rs).
fn kill_pod(c: &mut Cluster, pod: &PodStep<'_>) {
    finish_kill(c, pod.uid);
}

/// The kubelet forgets the stopped pod and, once no finalizer holds it, removes the object.
fn forget_pod(c: &mut Cluster, pod: &PodStep<'_>) {
    c.world.runtime.remove(pod.uid);
    if pod.deletable {
        c.finish_deletion::<Pod>(&pod.namespace, &pod.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stage has exactly one entry, so the driver never finds none or the wrong one.
    #[test]
    fn every_stage_has_one_entry() {
        let all = [
            Stage::Admitted,
            Stage::Sandbox,
            Stage::Containers,
            Stage::Running,
            Stage::Killing,
            Stage::Stopped,
        ];
        for stage in all {
            assert_eq!(STAGES.iter().filter(|s| s.stage == stage).count(), 1);
        }
        assert_eq!(STAGES.len(), all.len());
    }
}
