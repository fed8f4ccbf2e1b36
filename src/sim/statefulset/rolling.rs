//! The rolling update step of the control loop: maxUnavailable, the partition, and deleting outdated
//! pods from the highest ordinal down.

use std::borrow::Cow;

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::control::subject;
use super::pod_control;
use super::replicas::Replicas;
use super::utils::*;
use crate::sim::Cluster;

/// maxUnavailable scaled against replicas, rounded down, at least 1.
pub fn max_unavailable(set: &StatefulSet) -> i64 {
    let replicas = replicas(set);
    let value = Some(&set.spec)
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|s| s.rolling_update.as_ref())
        .and_then(|r| r.max_unavailable.as_ref());
    let n = match value {
        None => 1,
        Some(IntOrString::Int(i)) => i64::from(*i),
        Some(IntOrString::String(s)) => s
            .strip_suffix('%')
            .and_then(|p| p.parse::<i64>().ok())
            .map_or(1, |p| p * replicas / 100),
    };
    n.max(1)
}

/// The rolling update step (MaxUnavailableStatefulSet on, as in v1.37).
pub fn rolling_update(
    c: &mut Cluster,
    set: &StatefulSet,
    replicas_list: &Replicas<'_>,
    update_name: &str,
    status: &mut StatefulSetStatus,
    min_ready: u64,
    now: u64,
) -> Option<String> {
    let partition = Some(&set.spec)
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|s| s.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .map_or(0, i64::from);
    let max = max_unavailable(set);
    let parallel = allows_burst(set);
    // The revision is read first, so a missing ordinal's pod is built only if it is outdated.
    let outdated_pod = |i: usize| {
        replicas_list
            .revision(i)
            .filter(|&r| r != update_name)
            .and_then(|_| replicas_list.pod(i))
            .filter(|p| !is_terminating(p))
    };
    // Names are spelled out only for the message that lists them.
    let unavailable: Vec<usize> = (0..replicas_list.len())
        .filter(|&i| replicas_list.is_unavailable(i, min_ready, now))
        .collect();
    // Only pods the API server has can be outdated.
    let outdated = (0..replicas_list.len()).any(|i| {
        replicas_list.is_created(i) && replicas_list.revision(i).is_some_and(|r| r != update_name)
    });
    // Since 1.37, Parallel replaces an unavailable pod of an old revision whatever the budget, so a
    // rollout stuck on a broken template recovers once the template is put right.
    let stuck = parallel && unavailable.iter().any(|&i| outdated_pod(i).is_some());
    if unavailable.len() as i64 >= max && !stuck {
        if !outdated {
            return None;
        }
        let names: Vec<Cow<'_, str>> = unavailable
            .iter()
            .filter_map(|&i| replicas_list.name(i))
            .collect();
        return Some(format!(
            "rolling update waits: {} unavailable ({}), maxUnavailable is {max}",
            names.len(),
            names.join(", ")
        ));
    }
    if parallel {
        // First the pods that are unavailable already: replacing them costs no availability.
        for idx in (0..replicas_list.len()).rev() {
            if (idx as i64) < partition {
                break;
            }
            if let Some(pod) = outdated_pod(idx)
                && !is_running_and_available(pod, min_ready, now)
            {
                let why = format!(
                    "{} deleted: it is unavailable on an old revision (Parallel)",
                    pod_name(pod)
                );
                replace(c, set, pod, status, now, why);
            }
        }
    }
    let mut budget = max - unavailable.len() as i64;
    let mut waiting = None;
    for idx in (0..replicas_list.len()).rev() {
        if budget <= 0 {
            break;
        }
        let (Some(name), Some(revision)) = (replicas_list.name(idx), replicas_list.revision(idx))
        else {
            continue;
        };
        if (idx as i64) < partition {
            if revision != update_name {
                c.world.why.note(
                    now,
                    &subject(set),
                    format!("{name} not updated: below partition {partition}"),
                );
                waiting = Some(format!(
                    "{name} and lower not updated: below partition {partition}"
                ));
            }
            break;
        }
        // Under Parallel the unavailable ones went above; the budget is for available pods.
        if let Some(pod) = outdated_pod(idx)
            && (!parallel || is_running_and_available(pod, min_ready, now))
        {
            let why = format!("{name} deleted: rolling update to {update_name}");
            replace(c, set, pod, status, now, why);
            budget -= 1;
        }
    }
    waiting
}

/// Deletes an outdated pod so that it is recreated from the update revision, saying `why`.
fn replace(
    c: &mut Cluster,
    set: &StatefulSet,
    pod: &Pod,
    status: &mut StatefulSetStatus,
    now: u64,
    why: String,
) {
    c.world.why.note(now, &subject(set), why);
    pod_control::delete_pod(c, set, pod);
    status.current_replicas = status.current_replicas.map(|n| (n - 1).max(0));
}
