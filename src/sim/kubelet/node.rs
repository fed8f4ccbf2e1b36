//! The node lifecycle: a node whose kubelet stops is marked Unknown after a grace period, its pods
//! are marked not Ready and later evicted; they stay Terminating until the node returns or they are
//! force-deleted, so a StatefulSet never runs two pods of one identity.

use k8s_openapi::api::core::v1::{Node, Pod, Taint};

use super::kill::begin_kill;
use super::status;
use crate::sim::Cluster;
use crate::sim::clock::time_at;
use crate::sim::queue::Work;

/// Grace period of the node lifecycle controller before a silent node is marked unknown: the
/// kube-controller-manager's `--node-monitor-grace-period`, 50 s since v1.32 (kubernetes#126287).
pub const NODE_GRACE_MS: u64 = 50_000;
/// How long pods tolerate an unreachable node before they are evicted: the admission plugin's
/// default `tolerationSeconds: 300` for the `unreachable:NoExecute` taint, counted from the
/// moment the taint is added (the taint manager's `getMinTolerationTime`).
pub const EVICTION_MS: u64 = 300_000;

/// Stops a node's kubelet: it no longer reports, and its pods keep their last state.
pub fn fail_node(c: &mut Cluster, node: &str) {
    c.world
        .failed_nodes
        .insert(node.to_string(), c.world.clock.now_ms);
    let at = c.world.clock.now_ms + NODE_GRACE_MS;
    c.manager
        .queue
        .push(at, Work::NodeMonitor(node.to_string()));
}

/// Restarts a node's kubelet: it reports Ready again and finishes what was pending.
pub fn recover_node(c: &mut Cluster, node: &str) {
    if c.world.failed_nodes.remove(node).is_none() {
        return;
    }
    c.world.store.modify::<Node>("", node, |n| {
        set_ready(
            n,
            "True",
            "KubeletReady",
            "kubelet is posting ready status",
            0,
        );
        if let Some(spec) = n.spec.as_mut() {
            spec.taints = spec
                .taints
                .take()
                .map(|t| {
                    t.into_iter()
                        .filter(|t| !t.key.starts_with("node.kubernetes.io/unreachable"))
                        .collect::<Vec<_>>()
                })
                .filter(|t| !t.is_empty());
        }
    });
    // The kubelet syncs with the API first: containers of pods that were deleted meanwhile stop at once.
    let store = &c.world.store;
    c.world.runtime.retain(|uid, r| {
        r.node != node
            || store
                .get::<Pod>(&r.namespace, &r.name)
                .is_some_and(|p| p.metadata.uid.as_deref() == Some(uid.as_str()))
    });
    let mut uids: Vec<String> = c
        .world
        .runtime
        .iter()
        .filter(|(_, r)| r.node == node)
        .map(|(u, _)| u.clone())
        .collect();
    // The runtime map is hashed; uid order keeps the kubelet's reports the same in every run.
    uids.sort_unstable();
    for uid in uids {
        let terminating = c
            .world
            .runtime
            .get(&uid)
            .and_then(|r| c.world.store.get::<Pod>(&r.namespace, &r.name))
            .is_some_and(|p| p.metadata.deletion_timestamp.is_some());
        if terminating {
            begin_kill(c, &uid);
        } else {
            status::write(&mut c.world, &uid);
            c.manager
                .queue
                .reschedule(c.world.clock.now_ms, Work::Kubelet(uid));
        }
    }
    c.dispatch();
}

fn set_ready(n: &mut Node, status: &str, reason: &str, message: &str, now: u64) {
    if let Some(conds) = n.status.as_mut().and_then(|s| s.conditions.as_mut()) {
        for cond in conds.iter_mut() {
            if cond.type_ == "Ready" {
                if cond.status != status {
                    cond.last_transition_time = Some(time_at(now));
                }
                cond.status = status.into();
                cond.reason = Some(reason.into());
                cond.message = Some(message.into());
            }
        }
    }
}

/// The node lifecycle controller: marks a silent node Unknown, then evicts its pods.
pub fn node_monitor(c: &mut Cluster, node: &str) {
    let Some(since) = c.world.failed_nodes.get(node).copied() else {
        return;
    };
    let now = c.world.clock.now_ms;
    // The taint is added when the node is found silent, and the toleration counts from then.
    let evict_at = since + NODE_GRACE_MS + EVICTION_MS;
    if now < evict_at {
        c.world.store.modify::<Node>("", node, |n| {
            set_ready(
                n,
                "Unknown",
                "NodeStatusUnknown",
                "Kubelet stopped posting node status.",
                now,
            );
            let taints = n
                .spec
                .get_or_insert_with(Default::default)
                .taints
                .get_or_insert_with(Vec::new);
            for effect in ["NoSchedule", "NoExecute"] {
                if !taints
                    .iter()
                    .any(|t| t.key == "node.kubernetes.io/unreachable" && t.effect == effect)
                {
                    taints.push(Taint {
                        key: "node.kubernetes.io/unreachable".into(),
                        effect: effect.into(),
                        time_added: (effect == "NoExecute").then(|| time_at(now)),
                        value: None,
                    });
                }
            }
        });
        let pods: Vec<(String, String)> = c
            .world
            .store
            .list::<Pod>(None)
            .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node))
            .map(|p| {
                (
                    p.metadata.namespace.clone().unwrap_or_default(),
                    p.metadata.name.clone().unwrap_or_default(),
                )
            })
            .collect();
        for (ns, name) in pods {
            c.world.store.modify::<Pod>(&ns, &name, |p| {
                if let Some(conds) = p.status.as_mut().and_then(|s| s.conditions.as_mut()) {
                    for cond in conds
                        .iter_mut()
                        .filter(|c| c.type_ == "Ready" || c.type_ == "ContainersReady")
                    {
                        if cond.status != "False" {
                            cond.status = "False".into();
                            cond.last_transition_time = Some(time_at(now));
                        }
                    }
                }
            });
        }
        c.manager
            .queue
            .push(evict_at, Work::NodeMonitor(node.to_string()));
        c.world.why.note(now, &format!("node//{node}"), format!("{node} is NotReady: its kubelet stopped posting status; its pods are marked not Ready"));
        return;
    }
    let pods: Vec<(String, String)> = c
        .world
        .store
        .list::<Pod>(None)
        .filter(|p| {
            p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node)
                && p.metadata.deletion_timestamp.is_none()
        })
        .map(|p| {
            (
                p.metadata.namespace.clone().unwrap_or_default(),
                p.metadata.name.clone().unwrap_or_default(),
            )
        })
        .collect();
    for (ns, name) in pods {
        let _ = c.delete::<Pod>(&ns, &name, Default::default());
        c.world.why.note(now, &format!("pod/{ns}/{name}"), format!("{name} evicted from unreachable node {node}: it stays Terminating until the node returns or it is force-deleted"));
    }
}

/// Evicts a pod the way node-pressure eviction does: phase Failed with reason Evicted, containers
/// stopped. The StatefulSet controller then deletes it and, once it is gone, creates it again.
pub fn evict(c: &mut Cluster, namespace: &str, name: &str) -> bool {
    let Some(uid) = c
        .world
        .store
        .get::<Pod>(namespace, name)
        .and_then(|p| p.metadata.uid.clone())
    else {
        return false;
    };
    let now = c.world.clock.now_ms;
    c.world.runtime.remove(&uid);
    let changed = c.world.store.modify::<Pod>(namespace, name, |p| {
        let status = p.status.get_or_insert_with(Default::default);
        status.phase = Some("Failed".into());
        status.reason = Some("Evicted".into());
        status.message = Some("The node was low on resource: memory. ".into());
        for cond in status.conditions.iter_mut().flatten() {
            if cond.type_ == "Ready" || cond.type_ == "ContainersReady" {
                cond.status = "False".into();
                cond.last_transition_time = Some(time_at(now));
            }
        }
    });
    c.dispatch();
    changed
}
