//! The controller manager: the work queue, the dispatch of the store's changes to controller
//! work (as informers and work queues do), the pacing of controller passes and the StatefulSet
//! sync failures that its retry back-off counts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::kind::Kind;
use super::queue::{Queue, Work};
use super::statefulset::utils::parent_and_ordinal;
use super::store::{self, ChangeType};
use super::{Cluster, endpoints, gc, kubelet, scheduler, statefulset, volume};

/// The controller manager's own state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manager {
    /// Pending work.
    pub queue: Queue,
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
}

impl Manager {
    /// Queues a controller pass at `at`, but not before its rest after the last pass; pending
    /// work stays where it is.
    fn push_paced(&mut self, at: u64, work: Work) {
        if self.queue.contains(&work) {
            return;
        }
        let at = match self.next_allowed.get(&work_key(&work)) {
            Some(&allowed) => at.max(allowed),
            None => at,
        };
        self.queue.push(at, work);
    }

    /// Records that a controller pass scanned `objects` objects at `now_ms`, so its next run
    /// rests accordingly.
    fn rest(&mut self, work: &Work, objects: usize, now_ms: u64) {
        let rest_ms = (objects as u64 * REST_PER_OBJECT_US) / 1000;
        if rest_ms > 0 {
            self.next_allowed.insert(work_key(work), now_ms + rest_ms);
        }
    }
}

/// The work queue's first retry delay after a failed sync, and its longest: client-go's
/// DefaultControllerRateLimiter (util/workqueue/default_rate_limiters.go) backs an item off
/// exponentially from 5 ms to 1000 s.
const RETRY_BASE_MS: u64 = 5;
const RETRY_MAX_MS: u64 = 1_000_000;

impl Manager {
    /// Ends a StatefulSet's sync at `now_ms`: after a failed API write the set is requeued with
    /// the work queue's back-off (`AddRateLimited`), doubling with each failure in a row; a clean
    /// sync forgets its failures (`Forget`).
    pub(crate) fn sync_done(&mut self, key: &str, now_ms: u64) {
        if !std::mem::take(&mut self.sync_error) {
            self.sync_failures.remove(key);
            return;
        }
        let failures = self.sync_failures.entry(key.to_string()).or_insert(0);
        *failures = failures.saturating_add(1);
        let delay = (RETRY_BASE_MS << (*failures - 1).min(20)).min(RETRY_MAX_MS);
        self.queue
            .push_earliest(now_ms + delay, Work::StatefulSetTimer(key.to_string()));
    }
}

/// Virtual microseconds a controller pass rests per object it scanned.
const REST_PER_OBJECT_US: u64 = 500;

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
    /// Queues a controller pass after a small jitter, but not before its rest after the last pass.
    pub(super) fn enqueue(&mut self, lo: u64, hi: u64, work: Work) {
        // The jitter is drawn even for pending work, so the sequence of draws is unchanged.
        let at = self.world.after(lo, hi);
        self.manager.push_paced(at, work);
    }

    /// Turns the store's recorded changes into controller work, as informers and work queues do.
    pub(crate) fn dispatch(&mut self) {
        loop {
            let changes = self.world.store.take_changes();
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
                    if self.world.store.stateful_sets.contains_key(&set_key) {
                        self.enqueue(5, 15, Work::SyncStatefulSet(set_key));
                    }
                }
                self.enqueue(5, 20, Work::Endpoints(namespace.to_string()));
                if change == ChangeType::Deleted {
                    // A kubelet that is alive notices at once that its pod object is gone (force
                    // deletion) and stops the containers; one on a failed node keeps them running.
                    let failed = &self.world.failed_nodes;
                    self.world.runtime.retain(|_, r| {
                        r.namespace != namespace || r.name != name || failed.contains_key(&r.node)
                    });
                    self.enqueue(5, 20, Work::Collect);
                    return;
                }
                kubelet::on_pod_change(self, namespace, name);
                let (unscheduled, terminating) =
                    self.world.store.pods.get(key).map_or((false, false), |p| {
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
            Kind::Namespace => super::rootca::sync(&mut self.world, name),
            Kind::ConfigMap if name == super::rootca::NAME && change != ChangeType::Added => {
                super::rootca::sync(&mut self.world, namespace);
            }
            // The kubelet reads ConfigMaps and Secrets when it next syncs a pod that uses them.
            Kind::Endpoints
            | Kind::ControllerRevision
            | Kind::Event
            | Kind::ConfigMap
            | Kind::Secret
            | Kind::EndpointSlice => {}
            // The disruption controller runs with the endpoints pass, which every pod change
            // queues; a budget queues it when it is new or its spec changed.
            Kind::PodDisruptionBudget => {
                let stale = self
                    .world
                    .store
                    .disruption_budgets
                    .get(key)
                    .is_some_and(|b| {
                        b.status.as_ref().and_then(|s| s.observed_generation)
                            != b.metadata.generation
                    });
                if change == ChangeType::Added || stale {
                    self.enqueue(5, 20, Work::Endpoints(namespace.to_string()));
                }
            }
        }
    }

    /// Runs one piece of work.
    pub(super) fn run(&mut self, work: Work) {
        let cost = self.cost_of(&work);
        if let Some(n) = cost {
            let now = self.world.clock.now_ms;
            self.manager.rest(&work, n, now);
        }
        match work {
            Work::SyncStatefulSet(key) => statefulset::sync(self, &key),
            Work::Schedule => scheduler::schedule(self),
            Work::Volumes | Work::VolumeResync => volume::reconcile(self),
            Work::Provisioned(key) => volume::finish_provisioning(self, &key),
            Work::Endpoints(ns) => {
                endpoints::reconcile(self, &ns);
                super::disruption::reconcile(self, &ns);
            }
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
            self.world
                .store
                .pods
                .count_range(format!("{ns}/")..format!("{ns}0"))
        };
        match work {
            Work::SyncStatefulSet(key) => Some(in_ns(key.split('/').next().unwrap_or(""))),
            Work::Endpoints(ns) => Some(in_ns(ns)),
            Work::Schedule => Some(self.world.store.pods.len()),
            Work::Volumes => {
                Some(self.world.store.claims.len() + self.world.store.persistent_volumes.len())
            }
            Work::Collect => Some(
                self.world.store.pods.len()
                    + self.world.store.claims.len()
                    + self.world.store.revisions.len(),
            ),
            _ => None,
        }
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
