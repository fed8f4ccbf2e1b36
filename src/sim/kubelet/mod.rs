//! The kubelet, played as data: each pod moves through stages (admitted, sandbox, image pull, running,
//! terminating) on the virtual clock, and containers are probed against their simulated files.

pub mod config;
mod containers;
pub mod files;
pub mod images;
mod kill;
mod lifecycle;
mod node;
mod plan;
pub mod probes;
mod pull;
mod report;
mod status;

use k8s_openapi::api::core::v1::{Container, PodSpec};
use serde::{Deserialize, Serialize};

use super::Cluster;
use super::fs::Fs;
use super::queue::Work;
use super::world::World;

pub use kill::exit_main_process;
pub use lifecycle::step;
pub use node::{EVICTION_MS, NODE_GRACE_MS, evict, fail_node, node_monitor, recover_node};
pub use probes::{next_significant_probe, probe};

/// Where a pod is in its life on the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Bound to the node; the kubelet has not reported yet.
    Admitted,
    /// Reported: creating the sandbox and mounting volumes.
    Sandbox,
    /// Pulling or starting containers.
    Containers,
    /// Every container has been started at least once.
    Running,
    /// Stopping containers after a delete.
    Killing,
    /// Containers stopped; the pod object is about to be removed.
    Stopped,
}

/// The state of one container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContainerState {
    /// Not running, with a reason (`ContainerCreating`, `ErrImagePull`, `CrashLoopBackOff` …).
    Waiting(String),
    /// Running since the given virtual time.
    Running(u64),
    /// Exited with a code and reason (`Completed`, `Error`) at a virtual time.
    Terminated {
        /// Exit code.
        code: i32,
        /// `Completed` or `Error`.
        reason: String,
        /// When it started.
        started: u64,
        /// When it finished.
        finished: u64,
    },
}

/// The kubelet's record of one container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerRuntime {
    /// Container name.
    pub name: String,
    /// Image reference as written in the spec.
    pub image: String,
    /// Current state.
    pub state: ContainerState,
    /// The previous termination, shown as lastState.
    pub last: Option<ContainerState>,
    /// Restarts so far.
    pub restarts: i32,
    /// Whether the readiness probe (or its absence) says ready.
    pub ready: bool,
    /// Consecutive probe results: (readiness successes, readiness failures, liveness failures).
    pub streaks: (i32, i32, i32),
    /// Image pull failures in a row, for the back-off.
    pub pull_failures: u32,
    /// Whether the image has been pulled for this container.
    pub pulled: bool,
    /// When a pull in progress completes.
    pub pulling_until: Option<u64>,
    /// When the running process exits by itself, with its exit code.
    pub exit_at: Option<(u64, i32)>,
    /// When a crashed container is restarted (the end of its back-off).
    pub restart_at: Option<u64>,
    /// When a failed image pull is retried.
    pub retry_pull_at: Option<u64>,
    /// The container's writable layer over its image: lost when the container restarts or the
    /// pod is recreated.
    #[serde(default)]
    pub layer: Fs,
    /// Why the container could not be created (CreateContainerConfigError's message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_error: Option<String>,
}

/// The kubelet's record of one pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodRuntime {
    /// Pod namespace.
    pub namespace: String,
    /// Pod name.
    pub name: String,
    /// Node the pod runs on.
    pub node: String,
    /// Lifecycle stage.
    pub stage: Stage,
    /// Pod IP once the sandbox exists.
    pub ip: Option<String>,
    /// When the pod started on the node.
    pub started_ms: u64,
    /// The app containers in spec order, then the init containers in spec order.
    pub containers: Vec<ContainerRuntime>,
    /// How many init containers close the list above.
    #[serde(default)]
    pub init: usize,
}

impl PodRuntime {
    /// How many app containers open the container list.
    pub fn app_count(&self) -> usize {
        self.containers.len().saturating_sub(self.init)
    }

    /// The app containers, in spec order.
    pub fn apps(&self) -> &[ContainerRuntime] {
        self.containers.get(..self.app_count()).unwrap_or_default()
    }

    /// The init containers, in spec order.
    pub fn inits(&self) -> &[ContainerRuntime] {
        self.containers.get(self.app_count()..).unwrap_or_default()
    }
}

/// The spec of the container at runtime index `i`: app containers first, then init containers.
pub fn container_spec(spec: &PodSpec, i: usize) -> Option<&Container> {
    spec.containers.get(i).or_else(|| {
        let j = i.checked_sub(spec.containers.len())?;
        spec.init_containers.as_ref()?.get(j)
    })
}

/// Whether the container at runtime index `i` is an init container that must run to completion
/// before the next one starts (every init container but a sidecar).
pub fn runs_to_completion(spec: &PodSpec, i: usize) -> bool {
    i >= spec.containers.len() && !container_spec(spec, i).is_some_and(is_sidecar)
}

/// Whether an init container is restartable (a sidecar: `restartPolicy: Always`), which the
/// kubelet keeps running beside the app containers instead of running to completion.
pub fn is_sidecar(k: &Container) -> bool {
    k.restart_policy.as_deref() == Some("Always")
}

/// Reacts to a pod change: a newly bound pod is admitted; a deleted one is stopped.
pub fn on_pod_change(c: &mut Cluster, namespace: &str, name: &str) {
    let Some(pod) = c
        .world
        .store
        .get::<k8s_openapi::api::core::v1::Pod>(namespace, name)
    else {
        return;
    };
    // Borrowed until the branch that acts is known: most changes need no copy of either.
    let Some(uid) = pod.metadata.uid.as_deref() else {
        return;
    };
    let Some(node) = pod.spec.as_ref().and_then(|s| s.node_name.as_deref()) else {
        return;
    };
    if c.world.failed_nodes.contains_key(node) {
        return;
    }
    let terminating = pod.metadata.deletion_timestamp.is_some();
    match c.world.runtime.get(uid).map(|r| r.stage) {
        None if !terminating => {
            let spec = pod.spec.as_ref();
            let inits = spec
                .and_then(|s| s.init_containers.as_deref())
                .unwrap_or_default();
            // kubelet_pods.go: with init containers, a container not yet created waits as
            // PodInitializing rather than ContainerCreating.
            let waiting = if inits.is_empty() {
                "ContainerCreating"
            } else {
                "PodInitializing"
            };
            let containers = spec
                .map(|s| {
                    let all = s.containers.iter().chain(inits);
                    all.map(|k| new_container(k, waiting)).collect()
                })
                .unwrap_or_default();
            let init = inits.len();
            let (uid, node) = (uid.to_string(), node.to_string());
            c.world.runtime.insert(
                uid.clone(),
                PodRuntime {
                    namespace: namespace.to_string(),
                    name: name.to_string(),
                    node,
                    stage: Stage::Admitted,
                    ip: None,
                    started_ms: c.world.clock.now_ms,
                    containers,
                    init,
                },
            );
            let at = c.world.after(100, 400);
            c.manager.queue.push(at, Work::Kubelet(uid));
        }
        None => {
            let (uid, node) = (uid.to_string(), node.to_string());
            // Deleted before the kubelet ever started it: nothing runs, so confirm at once.
            let at = c.world.after(10, 50);
            c.world.runtime.insert(
                uid.clone(),
                PodRuntime {
                    namespace: namespace.to_string(),
                    name: name.to_string(),
                    node,
                    stage: Stage::Stopped,
                    ip: None,
                    started_ms: c.world.clock.now_ms,
                    containers: Vec::new(),
                    init: 0,
                },
            );
            c.manager.queue.reschedule(at, Work::Kubelet(uid));
        }
        Some(stage) if terminating && !matches!(stage, Stage::Killing | Stage::Stopped) => {
            let uid = uid.to_string();
            kill::begin_kill(c, &uid);
        }
        Some(_) => {
            let deadline_passed = pod
                .metadata
                .deletion_timestamp
                .as_ref()
                .is_some_and(|t| super::clock::ms_of(t) <= c.world.clock.now_ms);
            if deadline_passed {
                let uid = uid.to_string();
                c.manager
                    .queue
                    .reschedule(c.world.clock.now_ms, Work::Kubelet(uid));
            }
        }
    }
}

/// The kubelet's first record of a container of a pod it admits.
fn new_container(k: &Container, waiting: &str) -> ContainerRuntime {
    ContainerRuntime {
        name: k.name.clone(),
        image: k.image.clone().unwrap_or_default(),
        state: ContainerState::Waiting(waiting.into()),
        last: None,
        restarts: 0,
        ready: false,
        streaks: (0, 0, 0),
        pull_failures: 0,
        pulled: false,
        pulling_until: None,
        exit_at: None,
        restart_at: None,
        retry_pull_at: None,
        layer: Fs::default(),
        config_error: None,
    }
}

/// Records a kubelet event about one container of a pod.
pub(crate) fn lifecycle_event(
    w: &mut World,
    uid: &str,
    container: &str,
    kind: super::events::EventType,
    reason: &str,
    message: &str,
) {
    report::event(w, uid, Some(container), kind, reason, message);
}
