//! The ordinal timeline's data: for every StatefulSet ordinal, the spans of virtual time its pod
//! spent in each state and at each revision, recorded as time advances.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::Pod;

use super::classify::{PodClass, classify};
use super::cluster::revision_numbers;
use crate::kubectl::print::rows_workloads::pod_status_cells;
use crate::sim::Cluster;
use crate::sim::statefulset::utils::{REVISION_LABEL, parent_and_ordinal};

/// Spans kept per ordinal; older ones are dropped first.
const MAX_SEGMENTS: usize = 240;
/// Ordinals tracked at most (a 500-replica set is still drawn, in part).
const MAX_ROWS: usize = 2_000;

/// A span of time one pod spent in one state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Start, in virtual milliseconds.
    pub from_ms: u64,
    /// End, or `None` while it lasts.
    pub to_ms: Option<u64>,
    /// The state.
    pub class: PodClass,
    /// The revision number of the pod (0 if unknown).
    pub revision: i64,
}

/// One ordinal's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Spans, oldest first.
    pub segments: Vec<Segment>,
    last_version: String,
}

/// Every ordinal's history, keyed by (`namespace/set`, ordinal).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Rows in set and ordinal order.
    pub rows: BTreeMap<(String, i64), Row>,
    /// Virtual time of the first sample.
    pub start_ms: Option<u64>,
}

fn owned_by_set(pod: &Pod) -> bool {
    pod.metadata
        .owner_references
        .iter()
        .flatten()
        .any(|r| r.kind == "StatefulSet" && r.controller == Some(true))
}

impl Timeline {
    /// Records the state of every StatefulSet pod that changed since the last sample.
    pub fn sample(&mut self, cluster: &Cluster) {
        let now = cluster.now_ms();
        let mut revisions = None;
        let mut present = BTreeSet::new();
        for pod in cluster.store.list::<Pod>(None) {
            if !owned_by_set(pod) {
                continue;
            }
            let name = pod.metadata.name.as_deref().unwrap_or("");
            let Some((set, ordinal)) = parent_and_ordinal(name) else {
                continue;
            };
            let ns = pod.metadata.namespace.as_deref().unwrap_or("");
            let key = (format!("{ns}/{set}"), ordinal);
            present.insert(key.clone());
            let version = pod.metadata.resource_version.clone().unwrap_or_default();
            if self
                .rows
                .get(&key)
                .is_some_and(|r| r.last_version == version)
            {
                continue;
            }
            if !self.rows.contains_key(&key) && self.rows.len() >= MAX_ROWS {
                continue;
            }
            let (ready, status, _) = pod_status_cells(pod, cluster.clock.timestamp());
            let class = classify(&status, &ready);
            let numbers = revisions.get_or_insert_with(|| revision_numbers(cluster));
            let revision = pod
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(REVISION_LABEL))
                .and_then(|r| numbers.get(r).copied())
                .unwrap_or(0);
            self.start_ms.get_or_insert(now);
            let row = self.rows.entry(key).or_default();
            row.last_version = version;
            let same = row
                .segments
                .last()
                .is_some_and(|s| s.to_ms.is_none() && s.class == class && s.revision == revision);
            if same {
                continue;
            }
            if let Some(open) = row.segments.last_mut().filter(|s| s.to_ms.is_none()) {
                open.to_ms = Some(now);
            }
            row.segments.push(Segment {
                from_ms: now,
                to_ms: None,
                class,
                revision,
            });
            if row.segments.len() > MAX_SEGMENTS {
                row.segments.remove(0);
            }
        }
        for (key, row) in &mut self.rows {
            if present.contains(key) {
                continue;
            }
            row.last_version.clear();
            if let Some(open) = row.segments.last_mut().filter(|s| s.to_ms.is_none()) {
                open.to_ms = Some(now);
            }
        }
    }
}
