//! The cluster picture as data: StatefulSets, node lanes with pod tiles, disks joined to pods
//! or left detached, and Services with their DNS names. Built from the cluster, never stored.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{Endpoints, Node, PersistentVolumeClaim, Pod, Service};

pub use super::types::{
    ClusterView, DiskView, DnsRecord, Lane, PodView, RevisionTag, ServiceView, SetView,
};

use super::classify::classify;
use crate::kubectl::print::rows_workloads::pod_status_cells;
use crate::sim::Cluster;
use crate::sim::endpoints::CLUSTER_DOMAIN;
use crate::sim::fs::Entry;
use crate::sim::statefulset::utils::{REVISION_LABEL, parent_and_ordinal};

/// How many revision colours the page has.
pub const REVISION_HUES: usize = 6;

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
        .and_then(|v| cluster.volumes.get(v))
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
    pod.spec
        .iter()
        .flat_map(|s| s.volumes.iter().flatten())
        .filter_map(|v| v.persistent_volume_claim.as_ref())
        .map(|c| c.claim_name.clone())
        .collect()
}

/// A pod tile.
pub fn pod_view(cluster: &Cluster, revisions: &BTreeMap<String, i64>, pod: &Pod) -> PodView {
    let (ready, status, restarts) = pod_status_cells(pod, cluster.clock.timestamp());
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
        waiting: cluster.why.waiting_for(&subject).map(str::to_string),
        namespace,
        name,
    }
}

fn service_view(cluster: &Cluster, svc: &Service) -> ServiceView {
    let namespace = svc.metadata.namespace.clone().unwrap_or_default();
    let name = svc.metadata.name.clone().unwrap_or_default();
    let cluster_ip = svc
        .spec
        .as_ref()
        .and_then(|s| s.cluster_ip.clone())
        .unwrap_or_default();
    let headless = cluster_ip == "None";
    let base = format!("{name}.{namespace}.svc.{CLUSTER_DOMAIN}");
    let mut records = vec![DnsRecord {
        ips: crate::sim::endpoints::resolve(cluster, &namespace, &base),
        name: base.clone(),
        ready: true,
    }];
    if headless {
        let subsets = cluster
            .store
            .get::<Endpoints>(&namespace, &name)
            .and_then(|e| e.subsets.clone())
            .unwrap_or_default();
        let mut hosts: BTreeMap<(i64, String), DnsRecord> = BTreeMap::new();
        for subset in subsets {
            let ready = subset.addresses.into_iter().flatten().map(|a| (a, true));
            let not_ready = subset
                .not_ready_addresses
                .into_iter()
                .flatten()
                .map(|a| (a, false));
            for (address, is_ready) in ready.chain(not_ready) {
                let Some(host) = address.hostname.clone() else {
                    continue;
                };
                let ordinal = parent_and_ordinal(&host).map_or(i64::MAX, |(_, o)| o);
                hosts.insert(
                    (ordinal, host.clone()),
                    DnsRecord {
                        name: format!("{host}.{base}"),
                        ips: vec![address.ip.clone()],
                        ready: is_ready,
                    },
                );
            }
        }
        records.extend(hosts.into_values());
    }
    ServiceView {
        namespace,
        name,
        headless,
        cluster_ip,
        records,
    }
}

/// Sort key of a pod tile: its set, then ordinal, then name.
fn pod_order(pod: &std::rc::Rc<PodView>) -> (String, i64, String) {
    let set = parent_and_ordinal(&pod.name)
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    (set, pod.ordinal.unwrap_or(i64::MAX), pod.name.clone())
}

/// Builds the whole picture.
pub fn build(cluster: &Cluster) -> ClusterView {
    let revisions = revision_numbers(cluster);
    let mut lanes: BTreeMap<String, Lane> = BTreeMap::new();
    for node in cluster.store.list::<Node>(None) {
        let name = node.metadata.name.clone().unwrap_or_default();
        let tainted = node
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .is_some_and(|t| !t.is_empty());
        lanes.insert(
            name.clone(),
            Lane {
                node: if tainted { format!("~{name}") } else { name },
                ready: node_ready(node),
                pods: Vec::new(),
            },
        );
    }
    let mut used_claims: BTreeSet<(String, String)> = BTreeSet::new();
    let mut unscheduled = Lane {
        node: String::new(),
        ready: true,
        pods: Vec::new(),
    };
    let mut pod_count = 0;
    for pod in cluster.store.list::<Pod>(None) {
        let namespace = pod.metadata.namespace.clone().unwrap_or_default();
        if is_system(&namespace) {
            continue;
        }
        for claim in claims_of(pod) {
            used_claims.insert((namespace.clone(), claim));
        }
        let view = pod_view(cluster, &revisions, pod);
        pod_count += 1;
        match view.node.as_ref().and_then(|n| lanes.get_mut(n)) {
            Some(lane) => lane.pods.push(std::rc::Rc::new(view)),
            None => unscheduled.pods.push(std::rc::Rc::new(view)),
        }
    }
    let mut lanes: Vec<Lane> = lanes
        .into_values()
        // The tainted control-plane node only gets a lane when something runs there.
        .filter(|lane| !lane.node.starts_with('~') || !lane.pods.is_empty())
        .map(|mut lane| {
            lane.node = lane.node.trim_start_matches('~').to_string();
            lane.pods.sort_by_key(pod_order);
            lane
        })
        .collect();
    if !unscheduled.pods.is_empty() {
        unscheduled.pods.sort_by_key(pod_order);
        lanes.push(unscheduled);
    }
    let detached = cluster
        .store
        .list::<PersistentVolumeClaim>(None)
        .filter(|c| {
            let ns = c.metadata.namespace.clone().unwrap_or_default();
            let name = c.metadata.name.clone().unwrap_or_default();
            !is_system(&ns) && !used_claims.contains(&(ns, name))
        })
        .map(|c| disk_view(cluster, c, None))
        .collect();
    ClusterView {
        sets: cluster
            .store
            .list::<StatefulSet>(None)
            .map(|s| set_view(cluster, &revisions, s))
            .collect(),
        lanes,
        detached,
        services: cluster
            .store
            .list::<Service>(None)
            .filter(|s| {
                let ns = s.metadata.namespace.as_deref().unwrap_or("");
                // The API server's own Service is not something the learner made.
                !is_system(ns) && s.metadata.name.as_deref() != Some("kubernetes")
            })
            .map(|s| service_view(cluster, s))
            .collect(),
        pod_count,
    }
}
