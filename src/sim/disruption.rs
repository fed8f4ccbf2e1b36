//! The disruption controller (pkg/controller/disruption/disruption.go): keeps each
//! PodDisruptionBudget's status — the healthy pods it selects, how many it needs, how many pods
//! are expected and how many may be disrupted — and its DisruptionAllowed condition
//! (component-helpers apps/poddisruptionbudget/helpers.go).

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetStatus};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{Condition, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::Cluster;
use super::api::validation_meta::selector_matches;
use super::endpoints::pod_ready;
use super::events::{EventType, Facts};

/// How long an eviction's entry in `disruptedPods` holds a pod out of the count (DeletionTimeout).
const DELETION_TIMEOUT_MS: i64 = 2 * 60 * 1000;

/// Whether the budget selects the pod: a missing selector selects nothing, an empty one every
/// pod of the namespace (policy/v1).
pub fn selects(pdb: &PodDisruptionBudget, pod: &Pod) -> bool {
    pdb.spec
        .as_ref()
        .and_then(|s| s.selector.as_ref())
        .is_some_and(|sel| selector_matches(sel, pod.metadata.labels.as_ref()))
}

/// GetScaledValueFromIntOrPercent with rounding up.
fn scaled(v: &IntOrString, total: i32) -> i32 {
    match v {
        IntOrString::Int(i) => *i,
        IntOrString::String(s) => {
            let p: i64 = s.trim_end_matches('%').parse().unwrap_or(0);
            let t = i64::from(total);
            i32::try_from((p * t + 99) / 100).unwrap_or(i32::MAX)
        }
    }
}

/// getExpectedScale: the summed scale of the controllers owning the pods (a StatefulSet's
/// replicas); pods without a controller are left out.
fn expected_scale(c: &Cluster, namespace: &str, pods: &[&Pod]) -> i32 {
    let mut owners: BTreeMap<String, i32> = BTreeMap::new();
    for p in pods {
        let owner = p
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|r| r.controller == Some(true));
        let Some(owner) = owner else { continue };
        if owners.contains_key(&owner.uid) {
            continue;
        }
        let scale = match owner.kind.as_str() {
            "StatefulSet" => c
                .world
                .store
                .get::<StatefulSet>(namespace, &owner.name)
                .filter(|s| s.metadata.uid.as_deref() == Some(owner.uid.as_str()))
                .map(|s| s.spec.replicas.unwrap_or(1)),
            _ => None,
        };
        if let Some(scale) = scale {
            owners.insert(owner.uid.clone(), scale);
        }
    }
    owners.values().sum()
}

/// getExpectedPodCount: (expectedPods, desiredHealthy).
fn expected_and_desired(c: &Cluster, pdb: &PodDisruptionBudget, pods: &[&Pod]) -> (i32, i32) {
    let ns = pdb.metadata.namespace.as_deref().unwrap_or("");
    let spec = pdb.spec.clone().unwrap_or_default();
    if let Some(max) = &spec.max_unavailable {
        let expected = expected_scale(c, ns, pods);
        return (expected, (expected - scaled(max, expected)).max(0));
    }
    match &spec.min_available {
        Some(IntOrString::Int(i)) => (i32::try_from(pods.len()).unwrap_or(i32::MAX), *i),
        Some(v) => {
            let expected = expected_scale(c, ns, pods);
            (expected, scaled(v, expected))
        }
        None => (0, 0),
    }
}

/// The status the controller computes for a budget from the pods it selects.
fn compute(c: &Cluster, pdb: &PodDisruptionBudget, pods: &[&Pod]) -> PodDisruptionBudgetStatus {
    let now = c.world.clock.time().0.as_millisecond();
    let old = pdb.status.clone().unwrap_or_default();
    let (expected, desired) = expected_and_desired(c, pdb, pods);
    // buildDisruptedPodMap: entries live until the pod is deleting or the timeout passes.
    let mut disrupted = BTreeMap::new();
    for p in pods {
        let name = p.metadata.name.clone().unwrap_or_default();
        let Some(at) = old.disrupted_pods.as_ref().and_then(|m| m.get(&name)) else {
            continue;
        };
        let at_ms = at.0.as_millisecond();
        if p.metadata.deletion_timestamp.is_none() && at_ms + DELETION_TIMEOUT_MS > now {
            disrupted.insert(name, at.clone());
        }
    }
    let healthy = pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .filter(|p| !disrupted.contains_key(p.metadata.name.as_deref().unwrap_or("")))
        .filter(|p| pod_ready(p))
        .count();
    let healthy = i32::try_from(healthy).unwrap_or(i32::MAX);
    let allowed = if expected <= 0 {
        0
    } else {
        (healthy - desired).max(0)
    };
    let mut status = PodDisruptionBudgetStatus {
        current_healthy: Some(healthy),
        desired_healthy: Some(desired),
        expected_pods: Some(expected),
        disruptions_allowed: Some(allowed),
        disrupted_pods: (!disrupted.is_empty()).then_some(disrupted),
        observed_generation: pdb.metadata.generation,
        conditions: old.conditions.clone(),
    };
    set_allowed_condition(&mut status, c.world.clock.time());
    status
}

/// UpdateDisruptionAllowedCondition: DisruptionAllowed is True (SufficientPods) while a
/// disruption is allowed, False (InsufficientPods) otherwise; the transition time moves only when
/// the status flips (meta.SetStatusCondition).
pub fn set_allowed_condition(status: &mut PodDisruptionBudgetStatus, now: Time) {
    let allowed = status.disruptions_allowed.unwrap_or(0) > 0;
    let (value, reason) = if allowed {
        ("True", "SufficientPods")
    } else {
        ("False", "InsufficientPods")
    };
    let conditions = status.conditions.get_or_insert_with(Vec::new);
    let old = conditions
        .iter()
        .position(|c| c.type_ == "DisruptionAllowed");
    let transition = match old.and_then(|i| conditions.get(i)) {
        Some(c) if c.status == value => c.last_transition_time.clone(),
        _ => now,
    };
    let cond = Condition {
        type_: "DisruptionAllowed".into(),
        status: value.into(),
        reason: reason.into(),
        message: String::new(),
        observed_generation: status.observed_generation,
        last_transition_time: transition,
    };
    match old.and_then(|i| conditions.get_mut(i)) {
        Some(slot) => *slot = cond,
        None => conditions.push(cond),
    }
}

/// Brings the status of every budget in a namespace in line with its pods.
pub fn reconcile(c: &mut Cluster, namespace: &str) {
    let budgets: Vec<PodDisruptionBudget> = c
        .world
        .store
        .list::<PodDisruptionBudget>(Some(namespace))
        .cloned()
        .collect();
    if budgets.is_empty() {
        return;
    }
    let pods: Vec<Pod> = c
        .world
        .store
        .list::<Pod>(Some(namespace))
        .cloned()
        .collect();
    for mut pdb in budgets {
        let selected: Vec<&Pod> = pods.iter().filter(|p| selects(&pdb, p)).collect();
        let status = compute(c, &pdb, &selected);
        if pdb.status.as_ref() == Some(&status) {
            continue;
        }
        if selected.is_empty() {
            let facts = Facts::new(
                &pdb,
                None,
                EventType::Normal,
                "NoPods",
                "No matching pods found",
                "controllermanager",
                None,
            );
            c.world.record_event(facts);
        }
        pdb.status = Some(status);
        c.world.store.put(pdb);
    }
}
