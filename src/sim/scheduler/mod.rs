//! The scheduler: places pending pods on nodes that are ready, schedulable and whose taints they
//! tolerate, spreading pods; waits for claims (WaitForFirstConsumer picks the node first).

mod filter;

use std::rc::Rc;

use k8s_openapi::api::core::v1::{Node, PersistentVolumeClaim, Pod};

use super::Cluster;
use super::events::{EventType, Facts};
use super::world::World;

/// Annotation through which the scheduler tells a WaitForFirstConsumer provisioner the chosen node.
pub const SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";

/// One scheduling pass over every unscheduled pod.
pub fn schedule(c: &mut Cluster) {
    let pending: Vec<Rc<Pod>> = c
        .world
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
    let nodes = c.world.store.snapshot::<Node>(None);
    // Count pods per node once per pass so that placing N pods stays linear.
    let mut loads: Vec<usize> = vec![0; nodes.len()];
    for p in c.world.store.list::<Pod>(None) {
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

/// The failure path (handleSchedulingFailure in pkg/scheduler/schedule_one.go): a
/// FailedScheduling event, the pod's PodScheduled=False condition, and the reason it waits.
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
    c.world.record_event(facts);
    let now = c.world.clock.time();
    // The conditions the pod should carry; the pod is only written (and copied) when they differ.
    let wanted = c.world.store.get::<Pod>(&ns, &name).and_then(|p| {
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
        c.world.store.edit::<Pod>(&ns, &name, |p| {
            p.status.get_or_insert_with(Default::default).conditions = Some(conds);
            true
        });
    }
    let subject = format!("pod/{ns}/{name}");
    let at = c.now_ms();
    c.world
        .why
        .note(at, &subject, format!("{name} not scheduled: {message}"));
}

/// One scheduling cycle for one pod (scheduleOne in pkg/scheduler/schedule_one.go): filter the
/// nodes, score them, then wait for the pod's volumes or bind it.
fn schedule_one(c: &mut Cluster, shared: Rc<Pod>, nodes: &[Rc<Node>], loads: &mut [usize]) {
    let pod: &Pod = &shared;
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let name = pod.metadata.name.clone().unwrap_or_default();
    let total = nodes.len();
    let filter::Claims {
        waiting: waiting_for_first_consumer,
        pinned,
    } = match filter::volume_binding(&c.world, pod, &ns) {
        Ok(claims) => claims,
        Err(reason) => {
            fail(c, pod, filter::fit_error(total, &reason));
            return;
        }
    };
    let feasible = match filter::find_nodes_that_fit(pod, &pinned, nodes) {
        Ok(feasible) => feasible,
        Err(passed_over) => {
            let message = filter::fit_error(total, &filter::reasons(passed_over));
            fail(c, pod, message);
            return;
        }
    };
    let Some((node, node_index)) = select_host(&mut c.world, nodes, &feasible, loads) else {
        return;
    };
    if !waiting_for_first_consumer.is_empty() {
        assume_pod_volumes(&mut c.world, &ns, &name, waiting_for_first_consumer, &node);
        return;
    }
    if let Some(load) = loads.get_mut(node_index) {
        *load += 1;
    }
    bind(c, shared, &ns, &name, &node);
}

/// Scores the feasible nodes and picks one, as selectHost (pkg/scheduler/schedule_one.go) does:
/// the node running the fewest pods wins (spreading them); ties go to a seeded random pick.
/// Gives the node's name and index.
fn select_host(
    w: &mut World,
    nodes: &[Rc<Node>],
    feasible: &[usize],
    loads: &[usize],
) -> Option<(String, usize)> {
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
    let pick = usize::try_from(w.rng.range(0, ties.len().saturating_sub(1) as u64)).unwrap_or(0);
    let &(node, node_index) = ties.get(pick)?;
    Some((node.to_string(), node_index))
}

/// The VolumeBinding plugin's PreBind for WaitForFirstConsumer claims (BindPodVolumes): each claim
/// is annotated with the chosen node for its provisioner, and the pod stays unbound until the
/// volumes exist.
fn assume_pod_volumes(
    w: &mut World,
    ns: &str,
    name: &str,
    claims: Vec<(String, bool)>,
    node: &str,
) {
    for (claim_name, has) in claims {
        if !has {
            // Annotated in place; the claim is copied only if a snapshot still shares it.
            w.store.edit::<PersistentVolumeClaim>(ns, &claim_name, |p| {
                p.metadata
                    .annotations
                    .get_or_insert_with(Default::default)
                    .insert(SELECTED_NODE.into(), node.to_string())
                    .is_none_or(|old| old != node)
            });
        }
    }
    let now = w.now_ms();
    w.why.note(
        now,
        &format!("pod/{ns}/{name}"),
        format!("{name} waits for its volumes to be provisioned before it is bound to a node"),
    );
}

/// The DefaultBinder (pkg/scheduler/framework/plugins/defaultbinder) sets the pod's node; the
/// scheduler then records the Scheduled event. It takes the snapshot's handle so that it can let
/// go of it: the stored pod is then not shared and is bound in place.
fn bind(c: &mut Cluster, shared: Rc<Pod>, ns: &str, name: &str, node: &str) {
    drop(shared);
    c.world.store.edit::<Pod>(ns, name, |p| {
        let mut changed = false;
        if let Some(spec) = p.spec.as_mut()
            && spec.node_name.as_deref() != Some(node)
        {
            spec.node_name = Some(node.to_string());
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
    let message = ["Successfully assigned ", ns, "/", name, " to ", node].concat();
    let facts = c.world.store.get::<Pod>(ns, name).map(|pod| {
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
        c.world.record_event(facts);
    }
}
