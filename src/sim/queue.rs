//! The event queue: work for the controllers and the kubelet, ordered by virtual time.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

/// One piece of work, run when the clock reaches its time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Work {
    /// Sync one StatefulSet (store key).
    SyncStatefulSet(String),
    /// Try to place unscheduled pods on nodes.
    Schedule,
    /// Bind and provision volumes for pending claims.
    Volumes,
    /// A provisioner finished creating the volume for a claim (store key).
    Provisioned(String),
    /// Recompute the endpoints of the Services in a namespace.
    Endpoints(String),
    /// Collect garbage: dependents of deleted owners, finalizers.
    Collect,
    /// The kubelet's next lifecycle step for a pod (pod uid).
    Kubelet(String),
    /// A probe of one container (pod uid, container index, readiness or liveness).
    Probe(String, usize, bool),
    /// The node lifecycle controller's check of one node.
    NodeMonitor(String),
    /// A StatefulSet's delayed requeue (store key): the end of minReadySeconds, or the back-off
    /// after a failed write. It is kept apart from the syncs that changes queue, as a work queue
    /// keeps `AddAfter` entries apart from its queue, so a change is never held back by it.
    StatefulSetTimer(String),
    /// The volume controller's periodic pass over its claims (its 15 s sync period), queued while
    /// a claim waits: the pass records the claim's waiting event again, so its count grows.
    VolumeResync,
}

impl Work {
    /// Whether pending work of this kind may be left pending when the cluster is "settled":
    /// periodic probes, restart back-offs and volume resyncs run forever and must not keep
    /// `settle` busy.
    pub fn is_background(&self) -> bool {
        matches!(self, Work::Probe(..) | Work::VolumeResync)
    }
}

/// Work ordered by time, de-duplicated so that one item is pending at most once.
/// It serialises as a list of `(time, sequence, work)` because JSON maps need string keys.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(into = "QueueRepr", from = "QueueRepr")]
pub struct Queue {
    items: BTreeMap<(u64, u64), Work>,
    /// Where each pending item sits in `items`, so that moving or cancelling one is cheap. It is
    /// never iterated, so its order cannot leak into the state, and its hasher is fixed.
    pending: HashMap<Work, (u64, u64), FxBuildHasher>,
    /// The slots of the items that are not background work, for the settling clock.
    foreground: BTreeSet<(u64, u64)>,
    seq: u64,
}

/// The serialised form of a [`Queue`].
#[derive(Serialize, Deserialize)]
struct QueueRepr {
    items: Vec<(u64, u64, Work)>,
    seq: u64,
}

impl From<Queue> for QueueRepr {
    fn from(q: Queue) -> Self {
        QueueRepr {
            items: q.items.into_iter().map(|((t, s), w)| (t, s, w)).collect(),
            seq: q.seq,
        }
    }
}

impl From<QueueRepr> for Queue {
    fn from(r: QueueRepr) -> Self {
        let mut q = Queue {
            seq: r.seq,
            ..Default::default()
        };
        for (t, s, w) in r.items {
            q.insert((t, s), w);
        }
        q
    }
}

impl Queue {
    /// Queues `work` at `at_ms` unless the same work is already pending.
    pub fn push(&mut self, at_ms: u64, work: Work) {
        if self.pending.contains_key(&work) {
            return;
        }
        self.seq += 1;
        self.insert((at_ms, self.seq), work);
    }

    fn insert(&mut self, slot: (u64, u64), work: Work) {
        if !work.is_background() {
            self.foreground.insert(slot);
        }
        self.pending.insert(work.clone(), slot);
        self.items.insert(slot, work);
    }

    /// Queues `work` at `at_ms`, or moves a pending copy that is due later to `at_ms`, as a work
    /// queue's `AddAfter` keeps the earliest time of a key that is already waiting.
    pub fn push_earliest(&mut self, at_ms: u64, work: Work) {
        match self.pending.get(&work) {
            Some(&(due, _)) if due <= at_ms => {}
            Some(_) => self.reschedule(at_ms, work),
            None => self.push(at_ms, work),
        }
    }

    /// Whether `work` is pending.
    pub fn contains(&self, work: &Work) -> bool {
        self.pending.contains_key(work)
    }

    /// Queues `work` at `at_ms`, replacing any pending copy (used for timers that move).
    pub fn reschedule(&mut self, at_ms: u64, work: Work) {
        self.cancel(&work);
        self.push(at_ms, work);
    }

    /// Removes every pending copy of `work`.
    pub fn cancel(&mut self, work: &Work) {
        if let Some(slot) = self.pending.remove(work) {
            self.items.remove(&slot);
            self.foreground.remove(&slot);
        }
    }

    /// When `work` is due, if it is pending.
    pub fn due(&self, work: &Work) -> Option<u64> {
        self.pending.get(work).map(|&(t, _)| t)
    }

    /// The time of the earliest item.
    pub fn next_time(&self) -> Option<u64> {
        self.items.keys().next().map(|(t, _)| *t)
    }

    /// The time of the earliest item that is not background work.
    pub fn next_foreground_time(&self) -> Option<u64> {
        self.foreground.first().map(|(t, _)| *t)
    }

    /// Takes the earliest item if it is due at or before `now_ms`.
    pub fn pop_due(&mut self, now_ms: u64) -> Option<(u64, Work)> {
        let (&(t, seq), _) = self.items.iter().next()?;
        if t > now_ms {
            return None;
        }
        let work = self.items.remove(&(t, seq))?;
        self.pending.remove(&work);
        self.foreground.remove(&(t, seq));
        Some((t, work))
    }

    /// Pending background items with their times.
    pub fn background(&self) -> impl Iterator<Item = (u64, &Work)> {
        self.items
            .iter()
            .filter(|(_, w)| w.is_background())
            .map(|((t, _), w)| (*t, w))
    }

    /// The earliest pending item.
    pub fn peek(&self) -> Option<&Work> {
        self.items.values().next()
    }

    /// How many items are pending.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_with_pending_work_round_trips_through_json() {
        let mut q = Queue::default();
        q.push(30, Work::Schedule);
        q.push(10, Work::Kubelet("uid".into()));
        let text = serde_json::to_string(&q).expect("serialises");
        let mut back: Queue = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back.pop_due(100), Some((10, Work::Kubelet("uid".into()))));
        back.push(5, Work::Schedule);
        assert_eq!(back.len(), 1, "the pending set came back too");
    }

    #[test]
    fn items_come_out_in_time_order_and_duplicates_collapse() {
        let mut q = Queue::default();
        q.push(30, Work::Schedule);
        q.push(10, Work::Volumes);
        q.push(5, Work::Schedule);
        assert_eq!(q.len(), 2);
        assert_eq!(q.pop_due(100), Some((10, Work::Volumes)));
        assert_eq!(q.pop_due(20), None);
        assert_eq!(q.pop_due(30), Some((30, Work::Schedule)));
        assert!(q.is_empty());
    }

    #[test]
    fn an_earlier_timer_moves_a_pending_one_and_a_later_one_does_not() {
        let mut q = Queue::default();
        let timer = || Work::StatefulSetTimer("default/web".into());
        q.push_earliest(600_000, timer());
        q.push_earliest(30_000, timer());
        q.push_earliest(90_000, timer());
        assert_eq!(q.len(), 1);
        assert_eq!(q.next_time(), Some(30_000));
    }

    #[test]
    fn reschedule_moves_a_pending_item() {
        let mut q = Queue::default();
        q.push(50, Work::Collect);
        q.reschedule(5, Work::Collect);
        assert_eq!(q.next_time(), Some(5));
        q.cancel(&Work::Collect);
        assert!(q.is_empty());
    }

    #[test]
    fn background_work_is_skipped_by_the_foreground_clock() {
        let mut q = Queue::default();
        q.push(1, Work::Probe("u".into(), 0, true));
        q.push(9, Work::Schedule);
        assert_eq!(q.next_time(), Some(1));
        assert_eq!(q.next_foreground_time(), Some(9));
        assert_eq!(q.background().count(), 1);
    }
}
