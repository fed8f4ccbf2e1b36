//! The cluster simulation: object store, virtual clock, seeded randomness, controllers, kubelet,
//! volumes and their files. Pure and deterministic: the same seed and the same inputs give the same state.

pub mod api;
pub mod apiserver;
mod bootstrap;
pub mod clock;
pub mod endpoints;
pub mod events;
pub mod faults;
pub mod fs;
mod gc;
mod hex;
pub mod kind;
pub mod kubelet;
pub mod queue;
pub mod rng;
mod run;
mod scheduler;
pub mod statefulset;
pub mod store;
mod volume;
pub mod why;

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use self::clock::Clock;
use self::faults::FaultPlan;
use self::fs::Fs;
use self::kind::Kind;
use self::kubelet::PodRuntime;
use self::queue::{Queue, Work};
use self::rng::Rng;
use self::statefulset::utils::parent_and_ordinal;
use self::store::{ChangeType, Store};
use self::why::Why;

pub use self::run::{Ran, Settled};

/// The version of the serialised cluster state; bumped when its shape changes.
pub const STATE_VERSION: u32 = 1;

/// How long `settle` may run by default: ten virtual minutes.
pub const DEFAULT_SETTLE_CAP_MS: u64 = 10 * 60 * 1000;

/// The whole simulated cluster.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cluster {
    /// Shape version of this state.
    pub version: u32,
    /// The virtual clock.
    pub clock: Clock,
    /// Seeded randomness for jitter, uids and addresses.
    pub rng: Rng,
    /// Every API object.
    pub store: Store,
    /// Pending work.
    pub queue: Queue,
    /// The kubelet's view of each pod, by pod uid.
    pub runtime: store::HashedMap<PodRuntime>,
    /// The files of each persistent volume, by volume name.
    pub volumes: store::HashedMap<Fs>,
    /// Images already pulled, by node name.
    pub node_images: BTreeMap<String, Vec<String>>,
    /// The last pod IP handed out on each node.
    pub node_ips: BTreeMap<String, u32>,
    /// Nodes whose kubelet has stopped (simulated node failure), with the time it stopped.
    pub failed_nodes: BTreeMap<String, u64>,
    /// Decisions and waits in plain words.
    pub why: Why,
    /// Aggregation index of events: the hash of an event's identity to its object name. Every
    /// event looks here. It is rebuilt from the events when a state is read back, not saved.
    #[serde(skip)]
    pub event_index: HashMap<u64, String, FxBuildHasher>,
    /// A counter that keeps event names unique.
    pub event_seq: u64,
    /// For each controller pass (by work key), the earliest time it may run again. A pass over N
    /// objects rests in proportion to N, as a real controller is paced by its API calls; this keeps
    /// settling linear in the number of pods.
    pub next_allowed: BTreeMap<String, u64>,
    /// Failed syncs in a row per StatefulSet, for the work queue's exponential retry back-off.
    #[serde(default)]
    pub sync_failures: BTreeMap<String, u32>,
    /// Set by the pod control when an API write failed during the current sync.
    #[serde(skip)]
    pub(crate) sync_error: bool,
    /// Controller writes that tests make fail on purpose; never part of the saved state.
    #[serde(skip)]
    pub faults: FaultPlan,
}

/// Virtual microseconds a controller pass rests per object it scanned.
const REST_PER_OBJECT_US: u64 = 500;

/// The worker nodes of a fresh cluster.
pub fn bootstrap_workers() -> [&'static str; 3] {
    bootstrap::WORKERS
}

/// The key of a controller pass's rest: the work as `{:?}` prints it (`SyncStatefulSet("ns/web")`).
/// Every queued change looks its rest up, so the common forms are joined without the formatter.
fn work_key(work: &Work) -> String {
    let (variant, arg) = match work {
        Work::SyncStatefulSet(k) => ("SyncStatefulSet", k),
        Work::Provisioned(k) => ("Provisioned", k),
        Work::Endpoints(k) => ("Endpoints", k),
        Work::Kubelet(k) => ("Kubelet", k),
        Work::NodeMonitor(k) => ("NodeMonitor", k),
        Work::StatefulSetTimer(k) => ("StatefulSetTimer", k),
        Work::Schedule | Work::Volumes | Work::Collect | Work::Probe(..) | Work::VolumeResync => {
            return format!("{work:?}");
        }
    };
    // Debug escapes quotes, backslashes and non-printing characters; names never hold them.
    if arg
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        [variant, "(\"", arg, "\")"].concat()
    } else {
        format!("{work:?}")
    }
}

impl Cluster {
    /// A fresh cluster: namespaces, a control-plane node and three workers, and the default StorageClass.
    pub fn new(seed: u64) -> Cluster {
        let mut c = Cluster {
            version: STATE_VERSION,
            clock: Clock::default(),
            rng: Rng::new(seed),
            store: Store::default(),
            queue: Queue::default(),
            runtime: store::HashedMap::default(),
            volumes: store::HashedMap::default(),
            node_images: BTreeMap::new(),
            node_ips: BTreeMap::new(),
            failed_nodes: BTreeMap::new(),
            why: Why::default(),
            event_index: HashMap::default(),
            event_seq: 0,
            next_allowed: BTreeMap::new(),
            sync_failures: BTreeMap::new(),
            sync_error: false,
            faults: FaultPlan::default(),
        };
        bootstrap::populate(&mut c);
        c.dispatch();
        c
    }

    /// Virtual milliseconds since the cluster started.
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms
    }

    /// A random delay in `lo..=hi` milliseconds from now.
    pub(crate) fn after(&mut self, lo: u64, hi: u64) -> u64 {
        self.clock.now_ms + self.rng.range(lo, hi)
    }

    /// Queues a controller pass after a small jitter, but not before its rest after the last pass.
    fn enqueue(&mut self, lo: u64, hi: u64, work: Work) {
        let mut at = self.after(lo, hi);
        // Pending work stays where it is; the jitter above is still drawn so the sequence is unchanged.
        if self.queue.contains(&work) {
            return;
        }
        if let Some(&allowed) = self.next_allowed.get(&work_key(&work)) {
            at = at.max(allowed);
        }
        self.queue.push(at, work);
    }

    /// Records that a controller pass scanned `objects` objects, so its next run rests accordingly.
    fn rest(&mut self, work: &Work, objects: usize) {
        let rest_ms = (objects as u64 * REST_PER_OBJECT_US) / 1000;
        if rest_ms > 0 {
            self.next_allowed
                .insert(work_key(work), self.clock.now_ms + rest_ms);
        }
    }

    /// Turns the store's recorded changes into controller work, as informers and work queues do.
    pub(crate) fn dispatch(&mut self) {
        loop {
            let changes = self.store.take_changes();
            if changes.is_empty() {
                return;
            }
            for change in changes {
                self.dispatch_one(change.kind, &change.key, change.change);
            }
        }
    }

    fn dispatch_one(&mut self, kind: Kind, key: &str, change: ChangeType) {
        let (namespace, name) = key.split_once('/').unwrap_or(("", key));
        match kind {
            Kind::StatefulSet => {
                self.enqueue(5, 15, Work::SyncStatefulSet(key.to_string()));
                self.enqueue(5, 20, Work::Collect);
            }
            Kind::Pod => {
                if let Some((parent, _)) = parent_and_ordinal(name) {
                    let set_key = store::key(namespace, parent);
                    if self.store.stateful_sets.contains_key(&set_key) {
                        self.enqueue(5, 15, Work::SyncStatefulSet(set_key));
                    }
                }
                self.enqueue(5, 20, Work::Endpoints(namespace.to_string()));
                if change == ChangeType::Deleted {
                    // A kubelet that is alive notices at once that its pod object is gone (force
                    // deletion) and stops the containers; one on a failed node keeps them running.
                    let failed = &self.failed_nodes;
                    self.runtime.retain(|_, r| {
                        r.namespace != namespace || r.name != name || failed.contains_key(&r.node)
                    });
                    self.enqueue(5, 20, Work::Collect);
                    return;
                }
                kubelet::on_pod_change(self, namespace, name);
                let (unscheduled, terminating) =
                    self.store.pods.get(key).map_or((false, false), |p| {
                        let terminating = p.metadata.deletion_timestamp.is_some();
                        let unbound = p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_none();
                        (!terminating && unbound, terminating)
                    });
                if unscheduled {
                    self.enqueue(2, 8, Work::Schedule);
                }
                if terminating {
                    self.enqueue(5, 20, Work::Collect);
                }
            }
            Kind::PersistentVolumeClaim | Kind::PersistentVolume => {
                self.enqueue(5, 15, Work::Volumes);
                self.enqueue(5, 20, Work::Collect);
                self.enqueue(2, 8, Work::Schedule);
            }
            Kind::Node => {
                self.enqueue(2, 8, Work::Schedule);
            }
            Kind::Service => {
                self.enqueue(5, 20, Work::Endpoints(namespace.to_string()));
            }
            Kind::StorageClass => {
                self.enqueue(5, 15, Work::Volumes);
            }
            Kind::Namespace | Kind::Endpoints | Kind::ControllerRevision | Kind::Event => {}
        }
    }

    /// Runs one piece of work.
    fn run(&mut self, work: Work) {
        let cost = self.cost_of(&work);
        if let Some(n) = cost {
            self.rest(&work, n);
        }
        match work {
            Work::SyncStatefulSet(key) => statefulset::sync(self, &key),
            Work::Schedule => scheduler::schedule(self),
            Work::Volumes | Work::VolumeResync => volume::reconcile(self),
            Work::Provisioned(key) => volume::finish_provisioning(self, &key),
            Work::Endpoints(ns) => endpoints::reconcile(self, &ns),
            Work::Collect => gc::collect(self),
            Work::Kubelet(uid) => kubelet::step(self, &uid),
            Work::Probe(uid, container, readiness) => {
                kubelet::probe(self, &uid, container, readiness)
            }
            Work::NodeMonitor(node) => kubelet::node_monitor(self, &node),
            // A timer that fires adds its set to the work queue like any change.
            Work::StatefulSetTimer(key) => self.enqueue(5, 15, Work::SyncStatefulSet(key)),
        }
        self.dispatch();
    }

    /// How many objects a controller pass will scan (None for per-object work that needs no rest).
    fn cost_of(&self, work: &Work) -> Option<usize> {
        let in_ns = |ns: &str| {
            self.store
                .pods
                .count_range(format!("{ns}/")..format!("{ns}0"))
        };
        match work {
            Work::SyncStatefulSet(key) => Some(in_ns(key.split('/').next().unwrap_or(""))),
            Work::Endpoints(ns) => Some(in_ns(ns)),
            Work::Schedule => Some(self.store.pods.len()),
            Work::Volumes => Some(self.store.claims.len() + self.store.persistent_volumes.len()),
            Work::Collect => {
                Some(self.store.pods.len() + self.store.claims.len() + self.store.revisions.len())
            }
            _ => None,
        }
    }

    /// The whole state as JSON, for share links and time travel.
    pub fn to_json(&self) -> Result<String, String> {
        // Through a Value: the kinds' serializers then exist once, for `to_value`, in the bundle.
        let value = serde_json::to_value(self).map_err(|e| e.to_string())?;
        serde_json::to_string(&value).map_err(|e| e.to_string())
    }

    /// A state read back from `to_json`; rejects other versions with a clear message.
    pub fn from_json(text: &str) -> Result<Cluster, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("the saved cluster is damaged: {e}"))?;
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(STATE_VERSION)) {
            return Err(format!(
                "the saved cluster has version {}, this playground reads version {STATE_VERSION}",
                version.map_or_else(|| "none".to_string(), |v| v.to_string())
            ));
        }
        let mut cluster: Cluster = api::decode_types::from_value(value)
            .map_err(|e| format!("the saved cluster is damaged: {e}"))?;
        cluster.reindex_events();
        Ok(cluster)
    }
}

#[cfg(test)]
mod tests {
    use super::{Work, work_key};

    #[test]
    fn work_keys_read_as_debug_prints_the_work() {
        let texts = ["default/web", "", "a\"b", "back\\slash", "é", "tab\there"];
        for t in texts {
            for w in [
                Work::SyncStatefulSet(t.into()),
                Work::Provisioned(t.into()),
                Work::Endpoints(t.into()),
                Work::Kubelet(t.into()),
                Work::NodeMonitor(t.into()),
                Work::Probe(t.into(), 1, true),
            ] {
                assert_eq!(work_key(&w), format!("{w:?}"));
            }
        }
        for w in [Work::Schedule, Work::Volumes, Work::Collect] {
            assert_eq!(work_key(&w), format!("{w:?}"));
        }
    }
}
