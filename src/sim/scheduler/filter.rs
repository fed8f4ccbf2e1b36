//! The scheduler's filter phase: the checks a pod's claims and each node must pass, and the
//! FailedScheduling message built from the checks that failed.

use std::collections::BTreeMap;
use std::rc::Rc;

use k8s_openapi::api::core::v1::{
    Node, NodeSelector, PersistentVolume, PersistentVolumeClaim, Pod, Toleration,
};
use k8s_openapi::api::storage::v1::StorageClass;

use super::SELECTED_NODE;
use crate::sim::world::World;

/// Why a node cannot take a pod.
pub(super) enum Unfit<'a> {
    /// A taint (key, value) the pod does not tolerate.
    Taint(&'a str, &'a str),
    /// The node is cordoned.
    Unschedulable,
    /// The node is not Ready.
    NotReady,
    /// The pod's nodeSelector does not match the node's labels.
    Selector,
    /// A volume the pod's bound claims use lives where this node is not.
    VolumeNodeAffinity,
}

impl Unfit<'_> {
    /// The reason as the scheduler's FailedScheduling message words it.
    fn words(&self) -> String {
        match self {
            Unfit::Taint(key, value) => format!("node(s) had untolerated taint {{{key}: {value}}}"),
            Unfit::Unschedulable => "node(s) were unschedulable".into(),
            Unfit::NotReady => {
                "node(s) had untolerated taint {node.kubernetes.io/not-ready: }".into()
            }
            Unfit::Selector => "node(s) didn't match Pod's node affinity/selector".into(),
            // ErrReasonNodeConflict in pkg/scheduler/framework/plugins/volumebinding.
            Unfit::VolumeNodeAffinity => "node(s) had volume node affinity conflict".into(),
        }
    }
}

/// The claims a pod's volumes name, in volume order.
fn claims_of(pod: &Pod) -> Vec<String> {
    pod.spec
        .as_ref()
        .and_then(|s| s.volumes.as_ref())
        .map(|vs| {
            vs.iter()
                .filter_map(|v| {
                    v.persistent_volume_claim
                        .as_ref()
                        .map(|c| c.claim_name.clone())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What the VolumeBinding plugin's PreFilter found for a pod's claims.
pub(super) struct Claims {
    /// Unbound WaitForFirstConsumer claims, with whether a node is already selected for them.
    pub waiting: Vec<(String, bool)>,
    /// The node affinity of each volume the bound claims use (a local volume lives on one node).
    pub pinned: Vec<NodeSelector>,
}

/// The VolumeBinding plugin's PreFilter (pkg/scheduler/framework/plugins/volumebinding): every
/// claim must exist and not be deleting, and an unbound claim must belong to a
/// WaitForFirstConsumer class. Gives the unbound claims and the bound volumes' node affinity, or
/// the reason no node can take the pod.
pub(super) fn volume_binding(w: &World, pod: &Pod, ns: &str) -> Result<Claims, String> {
    let mut pinned = Vec::new();
    let mut waiting_for_first_consumer = Vec::new();
    for claim_name in claims_of(pod) {
        let Some(claim) = w.store.get::<PersistentVolumeClaim>(ns, &claim_name) else {
            return Err(format!("persistentvolumeclaim \"{claim_name}\" not found"));
        };
        if claim.metadata.deletion_timestamp.is_some() {
            return Err(format!(
                "persistentvolumeclaim \"{claim_name}\" is being deleted"
            ));
        }
        let has_node = claim
            .metadata
            .annotations
            .as_ref()
            .is_some_and(|a| a.contains_key(SELECTED_NODE));
        let bound = claim.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Bound");
        if bound {
            let volume = claim.spec.as_ref().and_then(|s| s.volume_name.as_deref());
            let affinity = volume
                .and_then(|v| w.store.get::<PersistentVolume>("", v))
                .and_then(|pv| pv.spec.as_ref()?.node_affinity.as_ref()?.required.clone());
            pinned.extend(affinity);
            continue;
        }
        let class = claim
            .spec
            .as_ref()
            .and_then(|s| s.storage_class_name.clone())
            .unwrap_or_default();
        let wffc = w
            .store
            .get::<StorageClass>("", &class)
            .is_some_and(|sc| sc.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
        if !wffc {
            return Err("pod has unbound immediate PersistentVolumeClaims".into());
        }
        waiting_for_first_consumer.push((claim_name, has_node));
    }
    Ok(Claims {
        waiting: waiting_for_first_consumer,
        pinned,
    })
}

/// findNodesThatFitPod (pkg/scheduler/schedule_one.go): runs the filters on every node and gives
/// the indices of the nodes that fit, or, when none does, why each was passed over.
pub(super) fn find_nodes_that_fit<'a>(
    pod: &Pod,
    pinned: &[NodeSelector],
    nodes: &'a [Rc<Node>],
) -> Result<Vec<usize>, Vec<Unfit<'a>>> {
    let tolerations = pod
        .spec
        .as_ref()
        .and_then(|s| s.tolerations.as_deref())
        .unwrap_or(&[]);
    let no_selector = BTreeMap::new();
    let selector = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_selector.as_ref())
        .unwrap_or(&no_selector);
    // Why each infeasible node was passed over; the words are only written if no node fits.
    let mut passed_over: Vec<Unfit<'a>> = Vec::new();
    let mut feasible = Vec::new();
    for (index, n) in nodes.iter().map(|n| n.as_ref()).enumerate() {
        let fits = filter_node(tolerations, selector, n).and_then(|()| volume_nodes(pinned, n));
        match fits {
            Ok(()) => feasible.push(index),
            Err(unfit) => passed_over.push(unfit),
        }
    }
    if feasible.is_empty() {
        Err(passed_over)
    } else {
        Ok(feasible)
    }
}

/// The filter plugins in the order the scheduler reports them; the first that fails names the reason.
fn filter_node<'a>(
    tolerations: &[Toleration],
    selector: &BTreeMap<String, String>,
    n: &'a Node,
) -> Result<(), Unfit<'a>> {
    taint_toleration(tolerations, n)?;
    node_unschedulable(n)?;
    node_ready(n)?;
    node_affinity(selector, n)
}

/// The TaintToleration filter (pkg/scheduler/framework/plugins/tainttoleration): every NoSchedule
/// and NoExecute taint must be tolerated.
fn taint_toleration<'a>(tolerations: &[Toleration], n: &'a Node) -> Result<(), Unfit<'a>> {
    let taints = n
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or(&[]);
    let untolerated = taints.iter().find(|t| {
        (t.effect == "NoSchedule" || t.effect == "NoExecute")
            && !tolerates(tolerations, &t.key, t.value.as_deref(), &t.effect)
    });
    match untolerated {
        Some(t) => Err(Unfit::Taint(&t.key, t.value.as_deref().unwrap_or_default())),
        None => Ok(()),
    }
}

fn tolerates(tolerations: &[Toleration], key: &str, value: Option<&str>, effect: &str) -> bool {
    tolerations.iter().any(|t| {
        let effect_ok = t
            .effect
            .as_deref()
            .is_none_or(|e| e.is_empty() || e == effect);
        let key_ok = t.key.as_deref().is_none_or(|k| k.is_empty() || k == key);
        let value_ok = t.operator.as_deref() == Some("Exists") || t.value.as_deref() == value;
        effect_ok && key_ok && value_ok
    })
}

/// The NodeUnschedulable filter (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned
/// node takes no new pods.
fn node_unschedulable(n: &Node) -> Result<(), Unfit<'static>> {
    if n.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
        Err(Unfit::Unschedulable)
    } else {
        Ok(())
    }
}

/// A node that is not Ready carries the node lifecycle controller's `not-ready` taint, which
/// TaintToleration then rejects; the simulation reads the condition instead of the taint.
fn node_ready(n: &Node) -> Result<(), Unfit<'static>> {
    let ready = n
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
        .is_some_and(|c| c.status == "True");
    if ready { Ok(()) } else { Err(Unfit::NotReady) }
}

/// The NodeAffinity filter (pkg/scheduler/framework/plugins/nodeaffinity), for nodeSelector:
/// every label the pod selects must be on the node.
fn node_affinity(selector: &BTreeMap<String, String>, n: &Node) -> Result<(), Unfit<'static>> {
    let no_labels = BTreeMap::new();
    let labels = n.metadata.labels.as_ref().unwrap_or(&no_labels);
    if selector.iter().all(|(k, v)| labels.get(k) == Some(v)) {
        Ok(())
    } else {
        Err(Unfit::Selector)
    }
}

/// The VolumeBinding filter for bound claims (FindPodVolumes in
/// pkg/scheduler/framework/plugins/volumebinding/binder.go): each volume's required node
/// affinity must match the node, so a pod whose local volume lives on one node can run only there.
fn volume_nodes(pinned: &[NodeSelector], n: &Node) -> Result<(), Unfit<'static>> {
    let no_labels = BTreeMap::new();
    let labels = n.metadata.labels.as_ref().unwrap_or(&no_labels);
    // Terms are ORed and a term's expressions ANDed (component-helpers' nodeaffinity).
    let matches = |selector: &NodeSelector| {
        selector.node_selector_terms.iter().any(|term| {
            term.match_expressions.iter().flatten().all(|e| {
                let value = labels.get(&e.key);
                let values = e.values.as_deref().unwrap_or(&[]);
                match e.operator.as_str() {
                    "In" => value.is_some_and(|v| values.contains(v)),
                    "NotIn" => value.is_none_or(|v| !values.contains(v)),
                    "Exists" => value.is_some(),
                    "DoesNotExist" => value.is_none(),
                    _ => false,
                }
            }) && (term.match_expressions.is_some() || term.match_fields.is_some())
        })
    };
    if pinned.iter().all(matches) {
        Ok(())
    } else {
        Err(Unfit::VolumeNodeAffinity)
    }
}

/// The reasons nodes were passed over, counted: "2 node(s) were unschedulable, 1 …".
pub(super) fn reasons(passed_over: Vec<Unfit<'_>>) -> String {
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for unfit in passed_over {
        *reasons.entry(unfit.words()).or_default() += 1;
    }
    // The scheduler sorts the whole "N reason" strings, so counts lead the order.
    let mut parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    crate::order::sort(&mut parts);
    parts.join(", ")
}

/// FitError's message (pkg/scheduler/framework/types.go) with the preemption note that
/// follows it when no victim would help.
pub(super) fn fit_error(total: usize, reasons: &str) -> String {
    format!(
        "0/{total} nodes are available: {reasons}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling."
    )
}
