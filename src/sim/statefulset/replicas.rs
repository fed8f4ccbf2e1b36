//! The replica slots of one pass of the walk: the existing pods, and for each missing ordinal the pod
//! the controller would create. Those are built only when the walk needs the whole object, since most
//! passes of an ordered rollout look at little more than their names.

use std::borrow::Cow;
use std::cell::OnceCell;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::Pod;

use super::claims::ClaimIndex;
use super::control::new_pod;
use super::utils::*;

/// Whether a missing ordinal's new pod takes the current revision (below the partition, or below
/// the current replicas of a rolling update without parameters) rather than the update revision.
fn takes_current(current_set: &StatefulSet, ordinal: i64) -> bool {
    let spec = Some(&current_set.spec);
    let strategy = spec.and_then(|s| s.update_strategy.as_ref());
    let rolling = strategy.is_none_or(|s| s.type_.as_deref().is_none_or(|t| t == "RollingUpdate"));
    let rolling_update = strategy.and_then(|s| s.rolling_update.as_ref());
    let start = start_ordinal(current_set);
    let current_replicas = current_set
        .status
        .as_ref()
        .and_then(|s| s.current_replicas)
        .map_or(0, i64::from);
    (rolling && rolling_update.is_none() && ordinal < start + current_replicas)
        || rolling_update.is_some_and(|r| ordinal < start + i64::from(r.partition.unwrap_or(0)))
}

enum Slot<'a> {
    Existing(&'a Pod),
    Missing(Box<OnceCell<Pod>>),
}

/// The pods of ordinals `start..start + replicas`, existing or to be created.
pub struct Replicas<'a> {
    slots: Vec<Slot<'a>>,
    start: i64,
    current_set: &'a StatefulSet,
    update_set: &'a StatefulSet,
    current: &'a ControllerRevision,
    update: &'a ControllerRevision,
    claims: Option<ClaimIndex>,
}

impl<'a> Replicas<'a> {
    /// The slots for `existing` (indexed from the start ordinal; `None` where the pod is missing).
    pub fn new(
        existing: Vec<Option<&'a Pod>>,
        start: i64,
        current_set: &'a StatefulSet,
        update_set: &'a StatefulSet,
        current: &'a ControllerRevision,
        update: &'a ControllerRevision,
    ) -> Self {
        let slots = existing
            .into_iter()
            .map(|p| match p {
                Some(p) => Slot::Existing(p),
                None => Slot::Missing(Box::default()),
            })
            .collect();
        Replicas {
            slots,
            start,
            current_set,
            update_set,
            current,
            update,
            claims: None,
        }
    }

    /// Keeps the claims read for this pass.
    pub fn set_claims(&mut self, index: ClaimIndex) {
        self.claims = Some(index);
    }

    /// The claims read for this pass, if any.
    pub fn claims(&self) -> Option<&ClaimIndex> {
        self.claims.as_ref()
    }

    /// The number of slots.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are no slots.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The pod in slot `i`, building the new pod of a missing ordinal on first use.
    pub fn pod(&self, i: usize) -> Option<&Pod> {
        match self.slots.get(i)? {
            Slot::Existing(p) => Some(p),
            Slot::Missing(cell) => Some(cell.get_or_init(|| self.versioned(i))),
        }
    }

    /// A copy of the pod in slot `i`, to create (a missing ordinal's pod is built afresh).
    pub fn build(&self, i: usize) -> Option<Pod> {
        match self.slots.get(i)? {
            Slot::Existing(p) => Some((*p).clone()),
            Slot::Missing(cell) => Some(match cell.get() {
                Some(p) => p.clone(),
                None => self.versioned(i),
            }),
        }
    }

    /// The set and revision a missing ordinal's new pod is made from.
    fn source(&self, i: usize) -> (&'a StatefulSet, &'a ControllerRevision) {
        if takes_current(self.current_set, self.start + i as i64) {
            (self.current_set, self.current)
        } else {
            (self.update_set, self.update)
        }
    }

    fn versioned(&self, i: usize) -> Pod {
        let (set, revision) = self.source(i);
        new_pod(set, self.start + i as i64, revision)
    }

    /// The revision label of the pod in slot `i`. A missing ordinal's is decided without building
    /// its pod: a pass that creates thousands of pods asks this of each of them.
    pub fn revision(&self, i: usize) -> Option<&str> {
        match self.slots.get(i)? {
            Slot::Existing(p) => Some(pod_revision(p)),
            Slot::Missing(_) => Some(self.source(i).1.metadata.name.as_deref().unwrap_or("")),
        }
    }

    /// Whether slot `i` is a missing ordinal.
    pub fn is_missing(&self, i: usize) -> bool {
        matches!(self.slots.get(i), Some(Slot::Missing(_)))
    }

    /// The existing pod in slot `i`, if there is one.
    fn existing(&self, i: usize) -> Option<&Pod> {
        match self.slots.get(i)? {
            Slot::Existing(p) => Some(p),
            Slot::Missing(_) => None,
        }
    }

    /// The pod name of slot `i` (a new pod is named after its ordinal).
    pub fn name(&self, i: usize) -> Option<Cow<'_, str>> {
        match self.slots.get(i)? {
            Slot::Existing(p) => Some(Cow::Borrowed(pod_name(p))),
            Slot::Missing(_) => Some(Cow::Owned(ordinal_pod_name(
                self.current_set,
                self.start + i as i64,
            ))),
        }
    }

    /// Whether slot `i` holds a pod the API server has (a new pod has no phase yet).
    pub fn is_created(&self, i: usize) -> bool {
        self.existing(i).is_some_and(is_created)
    }

    /// Whether slot `i` holds a healthy pod (a new pod is not).
    pub fn is_healthy(&self, i: usize) -> bool {
        self.existing(i).is_some_and(is_healthy)
    }

    /// Whether slot `i` counts as unavailable (a new pod, not being Running, does).
    pub fn is_unavailable(&self, i: usize, min_ready_ms: u64, now_ms: u64) -> bool {
        self.existing(i)
            .is_none_or(|p| is_unavailable(p, min_ready_ms, now_ms))
    }
}
