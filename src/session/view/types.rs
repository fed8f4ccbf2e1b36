//! The shapes of the cluster picture's data.

use super::classify::PodClass;

/// The ControllerRevision a pod was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionTag {
    /// Full name, e.g. `web-6596ffb49b`.
    pub name: String,
    /// The revision number (1, 2, …), 0 when the revision object is gone.
    pub number: i64,
    /// Which of the revision colours it gets.
    pub hue: usize,
}

/// A PersistentVolumeClaim drawn as a disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskView {
    /// Namespace.
    pub namespace: String,
    /// Claim name, e.g. `www-web-0`.
    pub name: String,
    /// kubectl's STATUS (`Bound`, `Pending`, `Terminating`, …).
    pub status: String,
    /// The bound PersistentVolume.
    pub volume: Option<String>,
    /// Requested or bound size, e.g. `1Gi`.
    pub capacity: String,
    /// The pod using it now, if any.
    pub pod: Option<String>,
    /// How many files are stored on the volume.
    pub files: usize,
}

/// Characters kept before a claim name's ordinal when a narrow tile cuts the name.
const TAIL_CONTEXT: usize = 4;

impl DiskView {
    /// The claim name as a head that a narrow tile may cut short and a tail it always shows:
    /// the ordinal (the part after the last `-`) with a few characters before it, so that
    /// `data-stateful-app-2` reads `data-stat…app-2` rather than losing which pod it belongs to.
    pub fn name_parts(&self) -> (&str, &str) {
        let name = self.name.as_str();
        let last = name.rfind('-').unwrap_or(name.len());
        let mut start = last;
        for _ in 0..TAIL_CONTEXT {
            match name.get(..start).and_then(|h| h.chars().next_back()) {
                Some(c) => start -= c.len_utf8(),
                None => break,
            }
        }
        let start = if last == name.len() {
            // No ordinal: keep the last few characters.
            name.char_indices()
                .rev()
                .nth(TAIL_CONTEXT - 1)
                .map_or(0, |(i, _)| i)
        } else {
            start
        };
        (
            name.get(..start).unwrap_or(""),
            name.get(start..).unwrap_or(name),
        )
    }
}

/// A pod tile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodView {
    /// Namespace.
    pub namespace: String,
    /// Name, e.g. `web-0`.
    pub name: String,
    /// UID, which changes when a pod is recreated under the same name.
    pub uid: String,
    /// Ordinal within its StatefulSet.
    pub ordinal: Option<i64>,
    /// kubectl's READY cell, e.g. `1/1`.
    pub ready: String,
    /// kubectl's STATUS cell, e.g. `ContainerCreating`.
    pub status: String,
    /// kubectl's RESTARTS cell.
    pub restarts: String,
    /// The colour class.
    pub class: PodClass,
    /// The revision it was made from.
    pub revision: Option<RevisionTag>,
    /// Container images.
    pub images: Vec<String>,
    /// Node name.
    pub node: Option<String>,
    /// Pod IP.
    pub ip: Option<String>,
    /// Its claims, drawn joined to it.
    pub disks: Vec<DiskView>,
}

/// A node and the pods on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Node name as shown (`~` before a tainted node's), or empty for pods not yet scheduled.
    pub node: String,
    /// The node's name, or empty for pods not yet scheduled.
    pub name: String,
    /// Whether the learner stopped the node's kubelet (the node has failed).
    pub stopped: bool,
    /// Whether the node is Ready.
    pub ready: bool,
    /// Pods drawn, by set and ordinal (the first [`MAX_TILES`](super::cluster::MAX_TILES)).
    pub pods: Vec<std::rc::Rc<PodView>>,
    /// Pods on the node that are not drawn.
    pub hidden: usize,
}

/// A StatefulSet's headline numbers and what its controller waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Ready replicas.
    pub ready: i32,
    /// Desired replicas.
    pub desired: i32,
    /// `OrderedReady` or `Parallel`.
    pub policy: String,
    /// `RollingUpdate` or `OnDelete`.
    pub strategy: String,
    /// status.currentRevision.
    pub current_revision: Option<RevisionTag>,
    /// status.updateRevision.
    pub update_revision: Option<RevisionTag>,
    /// The controller's current reason for waiting.
    pub waiting: Option<String>,
}

/// One DNS name and the addresses behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsRecord {
    /// Fully qualified name.
    pub name: String,
    /// Addresses.
    pub ips: Vec<String>,
    /// False for a pod that is published but not ready.
    pub ready: bool,
    /// Addresses not listed.
    pub more_ips: usize,
}

/// A Service card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `clusterIP: None`.
    pub headless: bool,
    /// The cluster IP (or `None`).
    pub cluster_ip: String,
    /// The service name and one record per pod hostname (the first few).
    pub records: Vec<DnsRecord>,
    /// Pod hostnames not listed.
    pub hidden_records: usize,
}

/// Everything the cluster picture draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterView {
    /// StatefulSets.
    pub sets: Vec<SetView>,
    /// Node lanes (and a lane for unscheduled pods when there are any).
    pub lanes: Vec<Lane>,
    /// Claims no pod uses now (the first few).
    pub detached: Vec<DiskView>,
    /// Detached claims not drawn.
    pub hidden_detached: usize,
    /// Services.
    pub services: Vec<ServiceView>,
    /// Number of pods drawn.
    pub pod_count: usize,
}
