//! The scheduler: places pending pods on nodes that are ready, schedulable and whose taints they
//! tolerate, spreading pods; waits for claims (WaitForFirstConsumer picks the node first).

use k8s_openapi::api::core::v1::{Node, PersistentVolumeClaim, Pod, Toleration};
use k8s_openapi::api::storage::v1::StorageClass;

use super::Cluster;
use super::events::{EventType, Facts};

/// Annotation through which the scheduler tells a WaitForFirstConsumer provisioner the chosen node.
pub const SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";

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

fn node_ready(n: &Node) -> bool {
    n.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
        .is_some_and(|c| c.status == "True")
}

/// Why a node cannot take a pod.
enum Unfit<'a> {
    /// A taint (key, value) the pod does not tolerate.
    Taint(&'a str, &'a str),
    /// The node is cordoned.
    Unschedulable,
    /// The node is not Ready.
    NotReady,
    /// The pod's nodeSelector does not match the node's labels.
    Selector,
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
        }
    }
}

/// One scheduling pass over every unscheduled pod.
pub fn schedule(c: &mut Cluster) {
    let pending: Vec<std::rc::Rc<Pod>> = c
        .store
        .snapshot::<Pod>(None)
        .into_iter()
        .filter(|p| {
            p.metadata.deletion_timestamp.is_none()
                && p.spec.as_ref().is_some_and(|s| s.node_name.is_none())
        })
        .collect();
    if pending.is_empty() {
        return;
    }
    let nodes = c.store.snapshot::<Node>(None);
    // Count pods per node once per pass so that placing N pods stays linear.
    let mut loads: Vec<usize> = vec![0; nodes.len()];
    for p in c.store.list::<Pod>(None) {
        if let Some(node) = p.spec.as_ref().and_then(|s| s.node_name.as_deref())
            && let Some(i) = nodes
                .iter()
                .position(|n| n.metadata.name.as_deref() == Some(node))
            && let Some(load) = loads.get_mut(i)
        {
            *load += 1;
        }
    }
    for pod in pending {
        schedule_one(c, pod, &nodes, &mut loads);
    }
}

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

fn fail(c: &mut Cluster, pod: &Pod, message: String) {
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let name = pod.metadata.name.clone().unwrap_or_default();
    let facts = Facts::new(
        pod,
        None,
        EventType::Warning,
        "FailedScheduling",
        &message,
        "default-scheduler",
        None,
    );
    c.record_event(facts);
    let now = c.clock.time();
    // The conditions the pod should carry; the pod is only written (and copied) when they differ.
    let wanted = c.store.get::<Pod>(&ns, &name).and_then(|p| {
        let old = p.status.as_ref().and_then(|s| s.conditions.as_ref());
        let mut conds = old.cloned().unwrap_or_default();
        conds.retain(|c| c.type_ != "PodScheduled");
        conds.push(k8s_openapi::api::core::v1::PodCondition {
            type_: "PodScheduled".into(),
            status: "False".into(),
            reason: Some("Unschedulable".into()),
            message: Some(message.clone()),
            last_transition_time: Some(now),
            ..Default::default()
        });
        (p.status.is_none() || old != Some(&conds)).then_some(conds)
    });
    if let Some(conds) = wanted {
        c.store.edit::<Pod>(&ns, &name, |p| {
            p.status.get_or_insert_with(Default::default).conditions = Some(conds);
            true
        });
    }
    let subject = format!("pod/{ns}/{name}");
    let at = c.now_ms();
    c.why
        .note(at, &subject, format!("{name} not scheduled: {message}"));
}

fn schedule_one(
    c: &mut Cluster,
    shared: std::rc::Rc<Pod>,
    nodes: &[std::rc::Rc<Node>],
    loads: &mut [usize],
) {
    let pod: &Pod = &shared;
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let name = pod.metadata.name.clone().unwrap_or_default();
    let total = nodes.len();
    // Only a failure message needs this text, so it is built only then.
    let preemption = || {
        format!(
            "preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling."
        )
    };
    let mut waiting_for_first_consumer = Vec::new();
    for claim_name in claims_of(pod) {
        let Some(claim) = c.store.get::<PersistentVolumeClaim>(&ns, &claim_name) else {
            fail(
                c,
                pod,
                format!(
                    "0/{total} nodes are available: persistentvolumeclaim \"{claim_name}\" not found. {}",
                    preemption()
                ),
            );
            return;
        };
        if claim.metadata.deletion_timestamp.is_some() {
            fail(
                c,
                pod,
                format!(
                    "0/{total} nodes are available: persistentvolumeclaim \"{claim_name}\" is being deleted. {}",
                    preemption()
                ),
            );
            return;
        }
        let has_node = claim
            .metadata
            .annotations
            .as_ref()
            .is_some_and(|a| a.contains_key(SELECTED_NODE));
        let bound = claim.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Bound");
        if bound {
            continue;
        }
        let class = claim
            .spec
            .as_ref()
            .and_then(|s| s.storage_class_name.clone())
            .unwrap_or_default();
        let wffc = c
            .store
            .get::<StorageClass>("", &class)
            .is_some_and(|sc| sc.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
        if !wffc {
            fail(
                c,
                pod,
                format!(
                    "0/{total} nodes are available: pod has unbound immediate PersistentVolumeClaims. {}",
                    preemption()
                ),
            );
            return;
        }
        waiting_for_first_consumer.push((claim_name, has_node));
    }
    let tolerations = pod
        .spec
        .as_ref()
        .and_then(|s| s.tolerations.as_deref())
        .unwrap_or(&[]);
    let no_selector = Default::default();
    let selector: &std::collections::BTreeMap<String, String> = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_selector.as_ref())
        .unwrap_or(&no_selector);
    // Why each infeasible node was passed over; the words are only written if no node fits.
    let mut passed_over: Vec<Unfit<'_>> = Vec::new();
    let mut feasible = Vec::new();
    for (index, n) in nodes.iter().map(|n| n.as_ref()).enumerate() {
        let taints = n
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_deref())
            .unwrap_or(&[]);
        let untolerated = taints.iter().find(|t| {
            (t.effect == "NoSchedule" || t.effect == "NoExecute")
                && !tolerates(tolerations, &t.key, t.value.as_deref(), &t.effect)
        });
        let no_labels = Default::default();
        let labels: &std::collections::BTreeMap<String, String> =
            n.metadata.labels.as_ref().unwrap_or(&no_labels);
        if let Some(t) = untolerated {
            passed_over.push(Unfit::Taint(&t.key, t.value.as_deref().unwrap_or_default()));
        } else if n.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
            passed_over.push(Unfit::Unschedulable);
        } else if !node_ready(n) {
            passed_over.push(Unfit::NotReady);
        } else if !selector.iter().all(|(k, v)| labels.get(k) == Some(v)) {
            passed_over.push(Unfit::Selector);
        } else {
            feasible.push(index);
        }
    }
    if feasible.is_empty() {
        let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
        for unfit in passed_over {
            *reasons.entry(unfit.words()).or_default() += 1;
        }
        // The scheduler sorts the whole "N reason" strings, so counts lead the order.
        let mut parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        crate::order::sort(&mut parts);
        fail(
            c,
            pod,
            format!(
                "0/{total} nodes are available: {}. {}",
                parts.join(", "),
                preemption()
            ),
        );
        return;
    }
    // Spread: the node running the fewest pods wins; ties go to a seeded random pick.
    let mut best: Vec<(usize, &str, usize)> = feasible
        .iter()
        .map(|&i| {
            let name = nodes
                .get(i)
                .and_then(|n| n.metadata.name.as_deref())
                .unwrap_or("");
            (loads.get(i).copied().unwrap_or(0), name, i)
        })
        .collect();
    crate::order::sort(&mut best);
    let min = best.first().map_or(0, |b| b.0);
    let ties: Vec<(&str, usize)> = best
        .into_iter()
        .filter(|b| b.0 == min)
        .map(|b| (b.1, b.2))
        .collect();
    let pick = usize::try_from(c.rng.range(0, ties.len().saturating_sub(1) as u64)).unwrap_or(0);
    let Some(&(node, node_index)) = ties.get(pick) else {
        return;
    };
    let node = node.to_string();
    if !waiting_for_first_consumer.is_empty() {
        for (claim_name, has) in waiting_for_first_consumer {
            if !has {
                // Annotated in place; the claim is copied only if a snapshot still shares it.
                c.store
                    .edit::<PersistentVolumeClaim>(&ns, &claim_name, |p| {
                        p.metadata
                            .annotations
                            .get_or_insert_with(Default::default)
                            .insert(SELECTED_NODE.into(), node.clone())
                            .is_none_or(|old| old != node)
                    });
            }
        }
        let now = c.now_ms();
        c.why.note(
            now,
            &format!("pod/{ns}/{name}"),
            format!("{name} waits for its volumes to be provisioned before it is bound to a node"),
        );
        return;
    }
    if let Some(load) = loads.get_mut(node_index) {
        *load += 1;
    }
    // Without the snapshot's handle the stored pod is not shared and is bound in place.
    drop(shared);
    c.store.edit::<Pod>(&ns, &name, |p| {
        let mut changed = false;
        if let Some(spec) = p.spec.as_mut()
            && spec.node_name.as_ref() != Some(&node)
        {
            spec.node_name = Some(node.clone());
            changed = true;
        }
        if let Some(status) = p.status.as_mut()
            && let Some(conds) = status.conditions.as_mut()
            && conds.iter().any(|c| c.type_ == "PodScheduled")
        {
            conds.retain(|c| c.type_ != "PodScheduled");
            changed = true;
        }
        changed
    });
    let message = [
        "Successfully assigned ",
        ns.as_str(),
        "/",
        name.as_str(),
        " to ",
        node.as_str(),
    ]
    .concat();
    let facts = c.store.get::<Pod>(&ns, &name).map(|pod| {
        Facts::new(
            pod,
            None,
            EventType::Normal,
            "Scheduled",
            &message,
            "default-scheduler",
            None,
        )
    });
    if let Some(facts) = facts {
        c.record_event(facts);
    }
}
