//! The StatefulSet control loop: the replica walk, condemned pods, and the rolling update step.

use std::borrow::Cow;
use std::rc::Rc;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::Pod;

use super::claims::{ClaimIndex, claim_state, identity_matches_at, storage_matches_at};
use super::pod_control;
use super::replicas::Replicas;
use super::revision::apply_revision;
use super::status::update_status;
use super::utils::*;
use crate::sim::Cluster;

/// What the walk decided: the status to write and why it stopped, if it did.
pub struct Outcome {
    /// The recomputed status.
    pub status: StatefulSetStatus,
    /// The controller's reason for waiting, in plain words.
    pub waiting: Option<String>,
}

/// A new pod of `set` for `ordinal` made from the set's template, labelled with `revision`.
pub fn new_pod(set: &StatefulSet, ordinal: i64, revision: &ControllerRevision) -> Pod {
    // Only the parts of the template a pod takes are copied.
    let template = &set.spec.template;
    let meta = template.metadata.as_ref();
    let mut pod = Pod {
        spec: template.spec.clone(),
        ..Default::default()
    };
    pod.metadata.labels = meta.and_then(|m| m.labels.clone());
    pod.metadata.annotations = meta.and_then(|m| m.annotations.clone());
    pod.metadata.finalizers = meta.and_then(|m| m.finalizers.clone());
    pod.metadata.owner_references = Some(vec![controller_ref(set)]);
    update_identity(set, &mut pod, ordinal);
    let name = ordinal_pod_name(set, ordinal);
    let spec = pod.spec.get_or_insert_with(Default::default);
    spec.hostname = Some(name);
    spec.subdomain = Some(&set.spec)
        .and_then(|s| s.service_name.clone())
        .filter(|s| !s.is_empty());
    update_storage(set, &mut pod, ordinal);
    if let Some(labels) = pod.metadata.labels.as_mut() {
        labels.insert(
            REVISION_LABEL.to_string(),
            revision.metadata.name.clone().unwrap_or_default(),
        );
    }
    pod
}

/// One pass of the control loop over the set's member pods as `claim_pods` returns them.
pub fn update_stateful_set(
    c: &mut Cluster,
    set: &StatefulSet,
    current: &ControllerRevision,
    update: &ControllerRevision,
    collision_count: i32,
    pods: &[Rc<Pod>],
) -> Outcome {
    let now = c.now_ms();
    let min_ready = min_ready_ms(set);
    let update_set = apply_revision(set, update);
    // The same template data gives the same set: decode it once.
    let current_owned;
    let current_set = if super::revision::equal(current, update) {
        &update_set
    } else {
        current_owned = apply_revision(set, current);
        &current_owned
    };
    let current_name = current.metadata.name.clone().unwrap_or_default();
    let update_name = update.metadata.name.clone().unwrap_or_default();
    let mut status = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        current_revision: Some(current_name.clone()),
        update_revision: Some(update_name.clone()),
        collision_count: Some(collision_count),
        ..Default::default()
    };
    let start = start_ordinal(set);
    let count = usize::try_from(replicas(set)).unwrap_or(0);
    let (slots, condemned) = split_pods(set, pods, count);
    // Existing pods are borrowed; the new pod of a missing ordinal is built only when it is needed.
    let mut replicas_list = Replicas::new(slots, start, current_set, &update_set, current, update);
    let first_unhealthy = first_unhealthy(&replicas_list, &condemned);
    update_status(
        &mut status,
        min_ready,
        now,
        &current_name,
        &update_name,
        pods,
    );
    if set.metadata.deletion_timestamp.is_some() {
        return Outcome {
            status,
            waiting: Some("the StatefulSet is being deleted".into()),
        };
    }
    if !claim_templates(set).is_empty() {
        replicas_list.set_claims(ClaimIndex::build(&c.world, set, start, count));
    }
    let monotonic = !allows_burst(set);
    let waiting = match walk_replicas(c, set, &update_set, monotonic, &replicas_list, min_ready) {
        Ok(waiting) => waiting,
        Err(waiting) => return Outcome { status, waiting },
    };
    if let Err(waiting) =
        process_condemned(c, set, &update_set, &condemned, first_unhealthy, min_ready)
    {
        return Outcome { status, waiting };
    }
    let strategy = Some(&set.spec)
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|s| s.type_.as_deref())
        .unwrap_or("RollingUpdate");
    if strategy == "OnDelete" {
        return Outcome { status, waiting };
    }
    let waiting = super::rolling::rolling_update(
        c,
        set,
        &replicas_list,
        &update_name,
        &mut status,
        min_ready,
        now,
    )
    .or(waiting);
    Outcome { status, waiting }
}

/// The replica slots (pods whose ordinal is in range, by ordinal) and the condemned pods (out of
/// range), highest ordinal first, as updateStatefulSet sorts them before it walks.
fn split_pods<'a>(
    set: &StatefulSet,
    pods: &'a [Rc<Pod>],
    count: usize,
) -> (Vec<Option<&'a Pod>>, Vec<&'a Pod>) {
    let start = start_ordinal(set);
    let mut slots: Vec<Option<&Pod>> = vec![None; count];
    let mut condemned: Vec<&Pod> = Vec::new();
    for pod in pods.iter().map(|p| p.as_ref()) {
        let Some(ordinal) = member_ordinal(set, pod) else {
            continue;
        };
        if in_range(set, ordinal) {
            if let Some(slot) = usize::try_from(ordinal - start)
                .ok()
                .and_then(|i| slots.get_mut(i))
            {
                *slot = Some(pod);
            }
        } else if ordinal >= 0 {
            condemned.push(pod);
        }
    }
    crate::order::sort_by_key(&mut condemned, |p| {
        std::cmp::Reverse(member_ordinal(set, p).unwrap_or(0))
    });
    (slots, condemned)
}

/// The first unhealthy pod: the lowest replica, else the lowest condemned pod. OrderedReady
/// scale-down deletes only that pod while it is not Ready.
fn first_unhealthy(replicas_list: &Replicas<'_>, condemned: &[&Pod]) -> Option<String> {
    (0..replicas_list.len())
        .find(|&i| !replicas_list.is_healthy(i))
        .and_then(|i| replicas_list.name(i))
        .map(Cow::into_owned)
        .or_else(|| {
            condemned
                .iter()
                .rev()
                .find(|p| !is_healthy(p))
                .map(|p| pod_name(p).to_string())
        })
}

/// processCondemned over the condemned pods, highest ordinal first: fixes their claims'
/// retention, then deletes them. Err with the reason when the sync must stop there
/// (OrderedReady deletes one pod at a time and waits for it to be gone).
fn process_condemned(
    c: &mut Cluster,
    set: &StatefulSet,
    update_set: &StatefulSet,
    condemned: &[&Pod],
    first_unhealthy: Option<String>,
    min_ready: u64,
) -> Result<(), Option<String>> {
    let now = c.now_ms();
    let monotonic = !allows_burst(set);
    for &pod in condemned {
        if !pod_control::claims_match_retention(c, update_set, pod) {
            pod_control::update_claims_for_retention(c, update_set, pod);
        }
    }
    for &pod in condemned {
        let name = pod_name(pod).to_string();
        if is_terminating(pod) {
            if monotonic {
                return Err(Some(format!("scale down waits: {name} is terminating")));
            }
            continue;
        }
        let unhealthy_blocker = first_unhealthy.as_deref() != Some(name.as_str());
        if monotonic
            && unhealthy_blocker
            && (!is_running_and_ready(pod) || !is_running_and_available(pod, min_ready, now))
        {
            return Err(Some(format!(
                "{name} not deleted: it is not Ready and another pod is unhealthy (OrderedReady)"
            )));
        }
        c.world.why.note(
            now,
            &subject(set),
            format!("{name} deleted: scale down to {} replicas", replicas(set)),
        );
        pod_control::delete_pod(c, set, pod);
        if monotonic {
            return Err(Some(format!("scale down: waiting for {name} to be gone")));
        }
    }
    Ok(())
}

/// runForAll over the replica slots: processes each in order and answers why the walk waits;
/// Err when the sync must stop there. OrderedReady stops at the first replica that waits;
/// Parallel walks in slowStartBatch's batches of 1, 2, 4, ... replicas and stops after a batch
/// in which an API write failed (pkg/controller/statefulset/stateful_set_control.go).
fn walk_replicas(
    c: &mut Cluster,
    set: &StatefulSet,
    update_set: &StatefulSet,
    monotonic: bool,
    replicas_list: &Replicas<'_>,
    min_ready: u64,
) -> Result<Option<String>, Option<String>> {
    let mut waiting: Option<String> = None;
    let mut batch_end = 1;
    for i in 0..replicas_list.len() {
        if !monotonic && i == batch_end {
            if c.manager.sync_error {
                return Err(waiting);
            }
            batch_end = batch_end * 2 + 1;
        }
        let stop = process_replica(c, set, update_set, monotonic, replicas_list, i, min_ready);
        if let Some(reason) = stop {
            if monotonic {
                return Err(Some(reason));
            }
            waiting.get_or_insert(reason);
        }
    }
    if !monotonic && c.manager.sync_error {
        return Err(waiting);
    }
    Ok(waiting)
}

/// The why-trace subject of a set.
pub fn subject(set: &StatefulSet) -> String {
    format!("statefulset/{}/{}", set_namespace(set), set_name(set))
}

/// processReplica: returns a reason when this pod stops (or, in Parallel, would have stopped) the walk.
fn process_replica(
    c: &mut Cluster,
    set: &StatefulSet,
    update_set: &StatefulSet,
    monotonic: bool,
    replicas_list: &Replicas<'_>,
    i: usize,
    min_ready: u64,
) -> Option<String> {
    let now = c.now_ms();
    if replicas_list.is_missing(i) {
        // The new pod of a missing ordinal has no phase: it is created straight away.
        return create_replica(c, set, monotonic, replicas_list.build(i)?);
    }
    let pod: &Pod = replicas_list.pod(i)?;
    let name = pod_name(pod);
    if is_failed(pod) || is_succeeded(pod) {
        if !is_terminating(pod) {
            c.world.why.note(
                now,
                &subject(set),
                format!(
                    "{name} deleted: its phase is {} and it will be recreated once it is gone",
                    if is_failed(pod) {
                        "Failed"
                    } else {
                        "Succeeded"
                    }
                ),
            );
            pod_control::delete_pod(c, set, pod);
        }
        return Some(format!(
            "{name} not recreated yet: the failed pod is still being removed"
        ));
    }
    if !is_created(pod) {
        return create_replica(c, set, monotonic, pod.clone());
    }
    // The slot of an existing pod is the ordinal its name parses to.
    let ordinal = start_ordinal(set) + i as i64;
    let claims = claim_state(&c.world, set, pod, ordinal, replicas_list.claims());
    let creates_claims = is_pending(pod) && !claims.all_present;
    if creates_claims {
        let _ = pod_control::create_missing_claims_at(c, set, pod, ordinal);
    }
    if is_terminating(pod) && monotonic {
        return Some(format!(
            "{name} is terminating: waiting for it to be gone (OrderedReady)"
        ));
    }
    if !is_running_and_ready(pod) && monotonic {
        let next = replicas_list.name(i + 1);
        return Some(match next {
            Some(n) if !replicas_list.is_created(i + 1) => {
                format!("{n} not created: {name} is not Running and Ready (OrderedReady)")
            }
            _ => format!("waiting for {name} to be Running and Ready (OrderedReady)"),
        });
    }
    if !is_running_and_available(pod, min_ready, now) && monotonic {
        return Some(format!(
            "waiting for {name} to be available: Ready for minReadySeconds {}",
            min_ready / 1000
        ));
    }
    // The set and the update set share name, claim templates and retention policy.
    let retention_ok = match claims.retention_ok {
        Some(ok) if !creates_claims => ok,
        _ => pod_control::claims_match_retention_at(c, update_set, pod, ordinal),
    };
    if identity_matches_at(set, pod, ordinal)
        && storage_matches_at(set, pod, ordinal)
        && retention_ok
    {
        return None;
    }
    let mut repaired = pod.clone();
    if let Some(ordinal) = member_ordinal(set, pod) {
        if !identity_matches(set, pod) {
            update_identity(set, &mut repaired, ordinal);
        }
        if !storage_matches(set, pod) {
            update_storage(set, &mut repaired, ordinal);
        }
    }
    c.world.why.note(
        now,
        &subject(set),
        format!("{name} updated: its identity, storage or claim owners did not match"),
    );
    pod_control::update_pod(c, update_set, repaired);
    None
}

/// Creates the pod of a replica slot unless an old claim still blocks it; returns why the walk stops.
fn create_replica(c: &mut Cluster, set: &StatefulSet, monotonic: bool, pod: Pod) -> Option<String> {
    let name = pod_name(&pod).to_string();
    if pod_control::claim_is_stale(c, set, &pod) {
        return Some(format!(
            "{name} not created: its claim still belongs to the previous {name} (whenScaled: Delete)"
        ));
    }
    match pod_control::create_pod(c, set, pod) {
        Ok(()) => {
            monotonic.then(|| format!("{name} created: waiting for it to be Running and Ready"))
        }
        Err(e) => Some(format!("{name} not created: {e}")),
    }
}
