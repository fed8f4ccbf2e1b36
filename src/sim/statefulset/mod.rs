//! The StatefulSet controller, split like upstream: `control` (the walk), `rolling` (the rolling update
//! step), `claims` (the walk's per-pod checks), `pod_control` (API writes and events) over
//! `object_manager` (the writes themselves, which tests can fail on purpose), `status`,
//! `revision` and `utils`. `sync` is the entry point for one set.

pub mod claims;
pub mod control;
pub mod object_manager;
pub mod pod_control;
pub mod replicas;
pub mod revision;
pub mod rolling;
pub mod status;
pub mod utils;

use std::rc::Rc;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::Pod;

use self::utils::*;
use super::Cluster;
use super::queue::Work;

/// Syncs one StatefulSet (store key `namespace/name`).
pub fn sync(c: &mut Cluster, key: &str) {
    let Some(set) = c.world.store.stateful_sets.get(key).cloned() else {
        return;
    };
    let subject = control::subject(&set);
    let Some(selector) = Some(&set.spec).map(|s| s.selector.clone()) else {
        return;
    };
    if selector_is_empty(&selector) {
        return;
    }
    c.manager.sync_error = false;
    let pods = claim_pods(c, &set);
    let mut revisions = claim_revisions(c, &set);
    crate::order::sort_by(&mut revisions, |a, b| {
        (a.revision, a.metadata.name.as_deref()).cmp(&(b.revision, b.metadata.name.as_deref()))
    });
    let (current, update, collision_count) = revisions_of(c, &set, &mut revisions);
    let outcome = control::update_stateful_set(c, &set, &current, &update, collision_count, &pods);
    let mut status = outcome.status;
    status::complete_rolling_update(&set, &mut status);
    let now = c.now_ms();
    c.world.why.wait(now, &subject, outcome.waiting);
    let ns = set_namespace(&set).to_string();
    let name = set_name(&set).to_string();
    if c.world
        .store
        .get::<StatefulSet>(&ns, &name)
        .and_then(|s| s.status.as_ref())
        != Some(&status)
    {
        c.world
            .store
            .modify::<StatefulSet>(&ns, &name, |s| s.status = Some(status.clone()));
    }
    // Pods may have changed during the walk: look at their revisions again before pruning history.
    let mut live_revisions: Vec<String> = Vec::new();
    for p in c.world.store.list::<Pod>(Some(&ns)) {
        let rev = pod_revision(p);
        if !live_revisions.iter().any(|r| r == rev)
            && is_controlled_by(p.metadata.owner_references.as_ref(), &set)
        {
            live_revisions.push(rev.to_string());
        }
    }
    truncate_history(c, &set, &live_revisions, &revisions, &current, &update);
    if let Some(at) = status::next_availability_ms(&set, &pods, now) {
        c.manager
            .queue
            .push_earliest(at, Work::StatefulSetTimer(key.to_string()));
    }
    c.manager.sync_done(key, now);
}

/// Adopts orphan pods that belong to the set and releases owned pods that no longer match.
fn claim_pods(c: &mut Cluster, set: &StatefulSet) -> Vec<Rc<Pod>> {
    let ns = set_namespace(set).to_string();
    let selector = Some(&set.spec)
        .map(|s| s.selector.clone())
        .unwrap_or_default();
    let deleting = set.metadata.deletion_timestamp.is_some();
    let candidates: Vec<Rc<Pod>> = c
        .world
        .store
        .snapshot::<Pod>(Some(&ns))
        .into_iter()
        .filter(|p| {
            parent_and_ordinal(pod_name(p)).is_some_and(|(parent, _)| parent == set_name(set))
        })
        .collect();
    let mut owned = Vec::new();
    for shared in candidates {
        let pod: &Pod = &shared;
        // Every candidate's name already makes it a member of the set.
        let matches = selector_matches(&selector, pod.metadata.labels.as_ref());
        let refs = pod.metadata.owner_references.as_ref();
        if is_controlled_by(refs, set) {
            if matches || deleting {
                owned.push(Rc::clone(&shared));
            } else {
                let mut pod = pod.clone();
                let uid = set.metadata.uid.clone().unwrap_or_default();
                pod.metadata.owner_references = refs
                    .map(|r| {
                        r.iter()
                            .filter(|o| o.uid != uid)
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .filter(|r: &Vec<_>| !r.is_empty());
                let _ = c.update(pod);
            }
        } else if controller_of(refs).is_none()
            && matches
            && !deleting
            && pod.metadata.deletion_timestamp.is_none()
        {
            let mut refs = refs.cloned().unwrap_or_default();
            refs.push(controller_ref(set));
            let mut pod = pod.clone();
            pod.metadata.owner_references = Some(refs);
            if let Ok(adopted) = c.update(pod) {
                owned.push(Rc::new(adopted));
            }
        }
    }
    owned
}

/// The set's revisions, adopting orphans whose labels match its selector.
fn claim_revisions(c: &mut Cluster, set: &StatefulSet) -> Vec<ControllerRevision> {
    let ns = set_namespace(set).to_string();
    let selector = Some(&set.spec)
        .map(|s| s.selector.clone())
        .unwrap_or_default();
    let all: Vec<ControllerRevision> = c
        .world
        .store
        .list::<ControllerRevision>(Some(&ns))
        .cloned()
        .collect();
    let mut out = Vec::new();
    for mut rev in all {
        let refs = rev.metadata.owner_references.clone();
        if is_controlled_by(refs.as_ref(), set) {
            out.push(rev);
        } else if controller_of(refs.as_ref()).is_none()
            && selector_matches(&selector, rev.metadata.labels.as_ref())
            && set.metadata.deletion_timestamp.is_none()
        {
            rev.metadata.owner_references = Some(vec![controller_ref(set)]);
            if let Ok(adopted) = c.update(rev) {
                out.push(adopted);
            }
        }
    }
    out
}

/// getStatefulSetRevisions: finds or creates the update revision (renumbering on rollback) and the current one.
fn revisions_of(
    c: &mut Cluster,
    set: &StatefulSet,
    revisions: &mut Vec<ControllerRevision>,
) -> (ControllerRevision, ControllerRevision, i32) {
    let mut collision_count = set
        .status
        .as_ref()
        .and_then(|s| s.collision_count)
        .unwrap_or(0);
    let ns = set_namespace(set).to_string();
    let next = revision::next_revision(revisions);
    let mut candidate = revision::new_revision(set, next, collision_count);
    let last = revisions.len().checked_sub(1);
    let equal = revisions
        .iter_mut()
        .enumerate()
        .rfind(|(_, r)| revision::equal(r, &candidate));
    let update = match equal {
        Some((i, found)) if Some(i) == last => found.clone(),
        Some((_, found)) => {
            let mut bumped = found.clone();
            bumped.revision = Some(next);
            match c.update(bumped) {
                Ok(saved) => {
                    *found = saved.clone();
                    saved
                }
                Err(_) => found.clone(),
            }
        }
        None => loop {
            let name = candidate.metadata.name.clone().unwrap_or_default();
            match c.world.store.get::<ControllerRevision>(&ns, &name).cloned() {
                Some(existing) if !revision::equal(&existing, &candidate) => {
                    // A hash collision with a different template: count it and hash again.
                    collision_count += 1;
                    candidate = revision::new_revision(set, next, collision_count);
                }
                Some(existing) => break existing,
                None => match c.create(candidate.clone()) {
                    Ok(saved) => {
                        revisions.push(saved.clone());
                        break saved;
                    }
                    Err(_) => break candidate,
                },
            }
        },
    };
    let current_name = set.status.as_ref().and_then(|s| s.current_revision.clone());
    let current = revisions
        .iter()
        .find(|r| r.metadata.name.is_some() && r.metadata.name == current_name)
        .cloned()
        .unwrap_or_else(|| update.clone());
    (current, update, collision_count)
}

/// Deletes the oldest revisions that no pod, and neither the current nor the update revision, uses.
fn truncate_history(
    c: &mut Cluster,
    set: &StatefulSet,
    pod_revisions: &[String],
    revisions: &[ControllerRevision],
    current: &ControllerRevision,
    update: &ControllerRevision,
) {
    let limit = Some(&set.spec)
        .and_then(|s| s.revision_history_limit)
        .unwrap_or(10);
    if limit < 0 {
        return;
    }
    let live = |name: &str| {
        Some(name) == current.metadata.name.as_deref()
            || Some(name) == update.metadata.name.as_deref()
            || pod_revisions.iter().any(|r| r == name)
    };
    let mut history: Vec<&ControllerRevision> = revisions
        .iter()
        .filter(|r| !live(r.metadata.name.as_deref().unwrap_or("")))
        .collect();
    crate::order::sort_by_key(&mut history, |r| r.revision.unwrap_or(0));
    let excess = history
        .len()
        .saturating_sub(usize::try_from(limit).unwrap_or(0));
    let ns = set_namespace(set).to_string();
    for r in history.into_iter().take(excess) {
        let name = r.metadata.name.clone().unwrap_or_default();
        let _ = c.delete::<ControllerRevision>(&ns, &name, Default::default());
    }
}
