//! The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a pod is deleted
//! only when the one PodDisruptionBudget that selects it allows a disruption, which the eviction
//! takes from the budget and records in its `disruptedPods`.

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;

use super::{ApiError, DeleteOptions};
use crate::sim::Cluster;
use crate::sim::api::validation_meta::{selector_is_empty, selector_matches};
use crate::sim::disruption::set_allowed_condition;
use crate::sim::endpoints::pod_ready;
use crate::sim::kind::Kind;

/// The message of a refused eviction.
pub const VIOLATES_BUDGET: &str =
    "Cannot evict pod as it would violate the pod's disruption budget.";

fn too_many_requests(message: &str) -> ApiError {
    ApiError {
        code: 429,
        reason: "TooManyRequests",
        message: message.to_string(),
    }
}

/// canIgnorePDB: finished, pending and terminating pods are deleted without asking a budget.
fn can_ignore_budget(pod: &Pod) -> bool {
    let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
    matches!(phase, Some("Succeeded" | "Failed" | "Pending"))
        || pod.metadata.deletion_timestamp.is_some()
}

/// The budgets of the pod's namespace whose non-empty selector matches it.
fn budgets_for(c: &Cluster, pod: &Pod, namespace: &str) -> Vec<PodDisruptionBudget> {
    c.world
        .store
        .list::<PodDisruptionBudget>(Some(namespace))
        .filter(|b| {
            b.spec
                .as_ref()
                .and_then(|s| s.selector.as_ref())
                .is_some_and(|sel| {
                    !selector_is_empty(sel) && selector_matches(sel, pod.metadata.labels.as_ref())
                })
        })
        .cloned()
        .collect()
}

/// checkAndDecrement: refuses while the budget is stale or allows nothing, else takes one
/// disruption and marks the pod as about to go.
fn check_and_decrement(
    c: &mut Cluster,
    pod: &str,
    mut pdb: PodDisruptionBudget,
) -> Result<(), ApiError> {
    let name = pdb.metadata.name.clone().unwrap_or_default();
    let mut status = pdb.status.clone().unwrap_or_default();
    if status.observed_generation.unwrap_or(0) < pdb.metadata.generation.unwrap_or(0) {
        return Err(too_many_requests(VIOLATES_BUDGET));
    }
    let allowed = status.disruptions_allowed.unwrap_or(0);
    if allowed < 0 {
        return Err(ApiError {
            code: 403,
            reason: "Forbidden",
            message: format!(
                "poddisruptionbudget.policy \"{name}\" is forbidden: pdb disruptions allowed is negative"
            ),
        });
    }
    if allowed == 0 {
        return Err(too_many_requests(VIOLATES_BUDGET));
    }
    status.disruptions_allowed = Some(allowed - 1);
    if allowed - 1 == 0 {
        set_allowed_condition(&mut status, c.world.clock.time());
    }
    status
        .disrupted_pods
        .get_or_insert_with(Default::default)
        .insert(pod.to_string(), c.world.clock.time());
    pdb.status = Some(status);
    c.world.store.put(pdb);
    Ok(())
}

/// POST pods/NAME/eviction: deletes the pod with `opts` when its budget allows it.
pub fn evict(
    c: &mut Cluster,
    namespace: &str,
    name: &str,
    opts: DeleteOptions,
) -> Result<(), ApiError> {
    let Some(pod) = c.world.store.get::<Pod>(namespace, name).cloned() else {
        return Err(ApiError::not_found(Kind::Pod, name));
    };
    if !can_ignore_budget(&pod) {
        let budgets = budgets_for(c, &pod, namespace);
        if budgets.len() > 1 {
            return Err(ApiError {
                code: 500,
                reason: "InternalError",
                message: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.".into(),
            });
        }
        if let Some(pdb) = budgets.into_iter().next() {
            let status = pdb.status.clone().unwrap_or_default();
            let (current, desired) = (
                status.current_healthy.unwrap_or(0),
                status.desired_healthy.unwrap_or(0),
            );
            // An unready pod does not count as healthy, so taking it costs the budget nothing:
            // always under AlwaysAllow, while the budget is met under IfHealthyBudget (the
            // default).
            let always = pdb
                .spec
                .as_ref()
                .and_then(|s| s.unhealthy_pod_eviction_policy.as_deref())
                == Some("AlwaysAllow");
            let free = !pod_ready(&pod) && (always || (current >= desired && desired > 0));
            if !free {
                check_and_decrement(c, name, pdb)?;
            }
        }
    }
    c.delete::<Pod>(namespace, name, opts)
}
