//! The ordinal timeline's data: for every StatefulSet ordinal, the spans of virtual time its pod
//! spent in each state and at each revision, recorded as time advances.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;

use super::classify::{PodClass, classify};
use super::cluster::revision_numbers;
use crate::kubectl::print::rows_workloads::pod_status_cells;
use crate::sim::Cluster;
use crate::sim::kind::Kind;
use crate::sim::statefulset::utils::{REVISION_LABEL, parent_and_ordinal, replicas, start_ordinal};

/// Spans kept per ordinal; older ones are dropped first.
const MAX_SEGMENTS: usize = 240;
/// Ordinals tracked at most (the chart draws the first few dozen).
const MAX_ROWS: usize = 400;
/// Above this many pods, the timeline stops walking every pod on every sample.
pub const FULL_SCAN_PODS: usize = 2_000;
/// Virtual milliseconds of one grid slice (see `state::time`).
pub const SLICE_MS: u64 = 100;

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
    /// Ordinals that exist (or are wanted) but are not tracked, beyond [`MAX_ROWS`].
    pub untracked: usize,
    /// The grid slice of the last sample.
    last_slice: Option<u64>,
}

fn owned_by_set(pod: &Pod) -> bool {
    pod.metadata
        .owner_references
        .iter()
        .flatten()
        .any(|r| r.kind == "StatefulSet" && r.controller == Some(true))
}

impl Timeline {
    /// Whether the cluster has so many pods that the timeline only looks up the ordinals it
    /// tracks (by name) instead of walking every pod, and samples once per grid slice.
    pub fn is_large(cluster: &Cluster) -> bool {
        cluster.world.store.count(Kind::Pod) > FULL_SCAN_PODS
    }

    /// Whether a sample taken now would be the first of its grid slice of virtual time (large
    /// clusters are sampled at most once per slice).
    pub fn due(&self, cluster: &Cluster) -> bool {
        self.last_slice != Some(cluster.now_ms() / SLICE_MS)
    }

    /// Records the state of every StatefulSet pod that changed since the last sample.
    pub fn sample(&mut self, cluster: &Cluster) {
        let now = cluster.now_ms();
        self.last_slice = Some(now / SLICE_MS);
        let mut revisions = None;
        let mut present = BTreeSet::new();
        if Timeline::is_large(cluster) {
            self.untracked = 0;
            let mut wanted: BTreeSet<(String, String, i64)> = self
                .rows
                .keys()
                .filter_map(|(key, o)| {
                    let (ns, set) = key.split_once('/')?;
                    Some((ns.to_string(), set.to_string(), *o))
                })
                .collect();
            for set in cluster.world.store.list::<StatefulSet>(None) {
                let ns = set.metadata.namespace.as_deref().unwrap_or("");
                let name = set.metadata.name.as_deref().unwrap_or("");
                let start = start_ordinal(set);
                let count = usize::try_from(replicas(set)).unwrap_or(0);
                let key = format!("{ns}/{name}");
                let tracked = self
                    .rows
                    .range((key.clone(), i64::MIN)..=(key, i64::MAX))
                    .count();
                self.untracked += count.saturating_sub(tracked);
                for ordinal in (start..).take(count.min(MAX_ROWS)) {
                    if wanted.len() >= MAX_ROWS {
                        break;
                    }
                    wanted.insert((ns.to_string(), name.to_string(), ordinal));
                }
            }
            for (ns, set, ordinal) in wanted {
                let Some(pod) = cluster
                    .world
                    .store
                    .get::<Pod>(&ns, &format!("{set}-{ordinal}"))
                else {
                    continue;
                };
                if owned_by_set(pod) {
                    let key = (format!("{ns}/{set}"), ordinal);
                    present.insert(key.clone());
                    self.record(cluster, key, pod, &mut revisions);
                }
            }
        } else {
            self.untracked = 0;
            for pod in cluster.world.store.list::<Pod>(None) {
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
                if !self.rows.contains_key(&key) && self.rows.len() >= MAX_ROWS {
                    self.untracked += 1;
                    continue;
                }
                self.record(cluster, key, pod, &mut revisions);
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

    /// Records one pod's state in its row if it changed.
    fn record(
        &mut self,
        cluster: &Cluster,
        key: (String, i64),
        pod: &Pod,
        revisions: &mut Option<BTreeMap<String, i64>>,
    ) {
        let now = cluster.now_ms();
        let version = pod.metadata.resource_version.as_deref().unwrap_or_default();
        if self
            .rows
            .get(&key)
            .is_some_and(|r| r.last_version == version)
        {
            return;
        }
        if !self.rows.contains_key(&key) && self.rows.len() >= MAX_ROWS {
            return;
        }
        let (ready, status, _) = pod_status_cells(pod, cluster.world.clock.timestamp());
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
        row.last_version = version.to_string();
        let same = row
            .segments
            .last()
            .is_some_and(|s| s.to_ms.is_none() && s.class == class && s.revision == revision);
        if same {
            return;
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
}
