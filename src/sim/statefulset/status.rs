//! The StatefulSet status: replica counters computed from the pods, and when a rollout is complete.

use std::rc::Rc;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::Pod;

use super::utils::*;

/// Recomputes the replica counters of `status` from `pods`, the set's members (as `claim_pods`
/// returns them: every name is the set's name and an ordinal).
pub fn update_status(
    status: &mut StatefulSetStatus,
    min_ready_ms: u64,
    now_ms: u64,
    current_revision: &str,
    update_revision: &str,
    pods: &[Rc<Pod>],
) {
    let (mut replicas, mut ready, mut available, mut current, mut updated) = (0, 0, 0, 0, 0);
    for pod in pods.iter().map(|p| p.as_ref()) {
        if is_created(pod) {
            replicas += 1;
        }
        if is_running_and_ready(pod) {
            ready += 1;
            if is_running_and_available(pod, min_ready_ms, now_ms) {
                available += 1;
            }
        }
        if is_created(pod) && !is_terminating(pod) {
            let rev = pod_revision(pod);
            if rev == current_revision {
                current += 1;
            }
            if rev == update_revision {
                updated += 1;
            }
        }
    }
    status.replicas = replicas;
    status.ready_replicas = Some(ready);
    status.available_replicas = Some(available);
    status.current_replicas = Some(current);
    status.updated_replicas = Some(updated);
}

/// completeRollingUpdate: once every replica is updated and ready, the update revision becomes current.
pub fn complete_rolling_update(set: &StatefulSet, status: &mut StatefulSetStatus) {
    let rolling = Some(&set.spec)
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|s| s.type_.as_deref())
        .is_none_or(|t| t == "RollingUpdate");
    let desired = replicas(set) as i32;
    if rolling
        && status.updated_replicas == status.ready_replicas
        && status.ready_replicas == Some(status.replicas)
        && status.replicas == desired
    {
        status.current_replicas = status.updated_replicas;
        status.current_revision = status.update_revision.clone();
    }
}

/// The earliest virtual time a ready pod becomes available, for a resync after minReadySeconds.
pub fn next_availability_ms(set: &StatefulSet, pods: &[Rc<Pod>], now_ms: u64) -> Option<u64> {
    let min_ready = min_ready_ms(set);
    if min_ready == 0 {
        return None;
    }
    pods.iter()
        .map(|p| p.as_ref())
        .filter(|p| is_running_and_ready(p) && !is_running_and_available(p, min_ready, now_ms))
        .filter_map(|p| ready_since_ms(p).map(|t| t + min_ready))
        .min()
}
