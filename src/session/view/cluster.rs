//! The cluster picture as data: StatefulSets, node lanes with pod tiles, disks joined to pods
//! or left detached, and Services with their DNS names. Built from the cluster, never stored.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{Node, PersistentVolumeClaim, Pod, Service};

pub use super::types::{
    ClusterView, DiskView, DnsRecord, Lane, PodView, RevisionTag, ServiceView, SetView,
};

use super::classify::classify;
use crate::kubectl::print::rows_workloads::pod_status_cells;
use crate::sim::Cluster;
use crate::sim::fs::Entry;
use crate::sim::statefulset::utils::{REVISION_LABEL, parent_and_ordinal};

/// How many revision colours the page has.
pub const REVISION_HUES: usize = 6;
/// Most pod tiles drawn per node lane; the rest are counted in a summary.
pub const MAX_TILES: usize = 48;
/// Most detached disks drawn.
pub const MAX_DETACHED: usize = 48;

/// Namespaces the picture leaves out (the cluster's own machinery).
fn is_system(namespace: &str) -> bool {
    namespace.starts_with("kube-")
}

/// The revision tag of a revision name, looked up among the set's revisions.
pub fn revision_tag(revisions: &BTreeMap<String, i64>, name: &str) -> RevisionTag {
    let number = revisions.get(name).copied().unwrap_or(0);
    let hue = usize::try_from(number.max(1) - 1).unwrap_or(0) % REVISION_HUES;
    RevisionTag {
        name: name.to_string(),
        number,
        hue,
    }
}

/// Revision numbers by revision name.
pub fn revision_numbers(cluster: &Cluster) -> BTreeMap<String, i64> {
    cluster
        .world
        .store
        .list::<ControllerRevision>(None)
        .filter_map(|r| Some((r.metadata.name.clone()?, r.revision.unwrap_or(0))))
        .collect()
}

fn disk_view(cluster: &Cluster, claim: &PersistentVolumeClaim, pod: Option<String>) -> DiskView {
    let volume = claim.spec.as_ref().and_then(|s| s.volume_name.clone());
    let status = if claim.metadata.deletion_timestamp.is_some() {
        "Terminating".to_string()
    } else {
        claim
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_else(|| "Pending".to_string())
    };
    let bound = claim
        .status
        .as_ref()
        .and_then(|s| s.capacity.as_ref())
        .and_then(|c| c.get("storage"));
    let requested = claim
        .spec
        .as_ref()
        .and_then(|s| s.resources.as_ref())
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("storage"));
    let files = volume
        .as_ref()
        .and_then(|v| cluster.world.volumes.get(v))
        .map_or(0, |fs| {
            fs.walk()
                .filter(|(_, e)| matches!(e, Entry::File(_)))
                .count()
        });
    DiskView {
        namespace: claim.metadata.namespace.clone().unwrap_or_default(),
        name: claim.metadata.name.clone().unwrap_or_default(),
        status,
        volume,
        capacity: bound.or(requested).map(|q| q.0.clone()).unwrap_or_default(),
        pod,
        files,
    }
}

/// The claim names a pod mounts.
pub fn claims_of(pod: &Pod) -> Vec<String> {
    claim_names(pod).map(str::to_string).collect()
}

/// A pod tile.
pub fn pod_view(cluster: &Cluster, revisions: &BTreeMap<String, i64>, pod: &Pod) -> PodView {
    let (ready, status, restarts) = pod_status_cells(pod, cluster.world.clock.timestamp());
    let name = pod.metadata.name.clone().unwrap_or_default();
    let namespace = pod.metadata.namespace.clone().unwrap_or_default();
    let revision = pod
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(REVISION_LABEL))
        .map(|r| revision_tag(revisions, r));
    let disks = claims_of(pod)
        .into_iter()
        .filter_map(|claim| {
            cluster
                .world
                .store
                .get::<PersistentVolumeClaim>(&namespace, &claim)
                .map(|c| disk_view(cluster, c, Some(name.clone())))
        })
        .collect();
    PodView {
        ordinal: parent_and_ordinal(&name).map(|(_, o)| o),
        class: classify(&status, &ready),
        uid: pod.metadata.uid.clone().unwrap_or_default(),
        images: pod
            .spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .map(|c| c.image.clone().unwrap_or_default())
            .collect(),
        node: pod.spec.as_ref().and_then(|s| s.node_name.clone()),
        ip: pod.status.as_ref().and_then(|s| s.pod_ip.clone()),
        namespace,
        name,
        ready,
        status,
        restarts,
        revision,
        disks,
    }
}

fn node_ready(node: &Node) -> bool {
    node.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// A StatefulSet's summary.
pub fn set_view(
    cluster: &Cluster,
    revisions: &BTreeMap<String, i64>,
    set: &StatefulSet,
) -> SetView {
    let namespace = set.metadata.namespace.clone().unwrap_or_default();
    let name = set.metadata.name.clone().unwrap_or_default();
    let status = set.status.as_ref();
    let subject = format!("statefulset/{namespace}/{name}");
    SetView {
        ready: status.and_then(|s| s.ready_replicas).unwrap_or(0),
        desired: set.spec.replicas.unwrap_or(1),
        policy: set
            .spec
            .pod_management_policy
            .clone()
            .unwrap_or_else(|| "OrderedReady".into()),
        strategy: set
            .spec
            .update_strategy
            .as_ref()
            .and_then(|u| u.type_.clone())
            .unwrap_or_else(|| "RollingUpdate".into()),
        current_revision: status
            .and_then(|s| s.current_revision.as_deref())
            .map(|r| revision_tag(revisions, r)),
        update_revision: status
            .and_then(|s| s.update_revision.as_deref())
            .map(|r| revision_tag(revisions, r)),
        waiting: cluster.world.why.waiting_for(&subject).map(str::to_string),
        namespace,
        name,
    }
}

/// Sort key of a pod tile: its set, then ordinal, then name.
fn pod_order(pod: &Pod) -> (&str, i64, &str) {
    let name = pod.metadata.name.as_deref().unwrap_or("");
    match parent_and_ordinal(name) {
        Some((set, ordinal)) => (set, ordinal, name),
        None => ("", i64::MAX, name),
    }
}

/// The claim names a pod mounts, borrowed.
fn claim_names(pod: &Pod) -> impl Iterator<Item = &str> {
    pod.spec
        .iter()
        .flat_map(|s| s.volumes.iter().flatten())
        .filter_map(|v| v.persistent_volume_claim.as_ref())
        .map(|c| c.claim_name.as_str())
}

/// A lane's pods before drawing: all of them, cheaply, until the first few are picked.
struct LaneDraft<'a> {
    lane: Lane,
    pods: Vec<((&'a str, i64, &'a str), &'a Pod)>,
}

impl<'a> LaneDraft<'a> {
    fn new(node: String, name: String, ready: bool, stopped: bool) -> Self {
        LaneDraft {
            lane: Lane {
                node,
                name,
                stopped,
                ready,
                pods: Vec::new(),
                hidden: 0,
            },
            pods: Vec::new(),
        }
    }

    /// Draws the first [`MAX_TILES`] pods by set and ordinal; counts the rest.
    fn finish(mut self, cluster: &Cluster, revisions: &BTreeMap<String, i64>) -> Lane {
        if self.pods.len() > MAX_TILES {
            self.pods.select_nth_unstable_by_key(MAX_TILES, |p| p.0);
            self.lane.hidden = self.pods.len() - MAX_TILES;
            self.pods.truncate(MAX_TILES);
        }
        crate::order::sort_by_key(&mut self.pods, |p| p.0);
        self.lane.pods = self
            .pods
            .iter()
            .map(|(_, pod)| std::rc::Rc::new(pod_view(cluster, revisions, pod)))
            .collect();
        self.lane
    }
}

/// Builds the whole picture. Its cost beyond the drawn tiles is a walk over the pods and claims
/// that allocates nothing per object, so that a hundred thousand replicas stay responsive.
pub fn build(cluster: &Cluster) -> ClusterView {
    let revisions = revision_numbers(cluster);
    let mut lanes: BTreeMap<String, LaneDraft> = BTreeMap::new();
    for node in cluster.world.store.list::<Node>(None) {
        let name = node.metadata.name.clone().unwrap_or_default();
        let tainted = node
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .is_some_and(|t| !t.is_empty());
        let shown = if tainted {
            format!("~{name}")
        } else {
            name.clone()
        };
        let stopped = cluster.world.failed_nodes.contains_key(&name);
        lanes.insert(
            name.clone(),
            LaneDraft::new(shown, name, node_ready(node), stopped),
        );
    }
    let mut used_claims: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut unscheduled = LaneDraft::new(String::new(), String::new(), true, false);
    let mut pod_count = 0;
    for pod in cluster.world.store.list::<Pod>(None) {
        let namespace = pod.metadata.namespace.as_deref().unwrap_or("");
        if is_system(namespace) {
            continue;
        }
        for claim in claim_names(pod) {
            used_claims.insert((namespace, claim));
        }
        pod_count += 1;
        let node = pod.spec.as_ref().and_then(|s| s.node_name.as_deref());
        match node.and_then(|n| lanes.get_mut(n)) {
            Some(lane) => lane.pods.push((pod_order(pod), pod)),
            None => unscheduled.pods.push((pod_order(pod), pod)),
        }
    }
    let mut drawn: Vec<Lane> = lanes
        .into_values()
        // The tainted control-plane node only gets a lane when something runs there.
        .filter(|lane| !lane.lane.node.starts_with('~') || !lane.pods.is_empty())
        .map(|mut lane| {
            lane.lane.node = lane.lane.node.trim_start_matches('~').to_string();
            lane.finish(cluster, &revisions)
        })
        .collect();
    if !unscheduled.pods.is_empty() {
        drawn.push(unscheduled.finish(cluster, &revisions));
    }
    let mut hidden_detached = 0;
    let mut detached = Vec::new();
    for claim in cluster.world.store.list::<PersistentVolumeClaim>(None) {
        let ns = claim.metadata.namespace.as_deref().unwrap_or("");
        let name = claim.metadata.name.as_deref().unwrap_or("");
        if is_system(ns) || used_claims.contains(&(ns, name)) {
            continue;
        }
        if detached.len() < MAX_DETACHED {
            detached.push(disk_view(cluster, claim, None));
        } else {
            hidden_detached += 1;
        }
    }
    ClusterView {
        sets: cluster
            .world
            .store
            .list::<StatefulSet>(None)
            .map(|s| set_view(cluster, &revisions, s))
            .collect(),
        lanes: drawn,
        detached,
        hidden_detached,
        services: cluster
            .world
            .store
            .list::<Service>(None)
            .filter(|s| {
                let ns = s.metadata.namespace.as_deref().unwrap_or("");
                // The API server's own Service is not something the learner made.
                !is_system(ns) && s.metadata.name.as_deref() != Some("kubernetes")
            })
            .map(|s| super::services::service_view(cluster, s))
            .collect(),
        pod_count,
    }
}
