//! The StatefulSet's pod control: creating, updating and deleting pods and their claims through the
//! object manager, with the events the real controller records.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;

use super::object_manager::PodControlApi;
use super::utils::{
    claim_name, claim_templates, claims_for, controller_of, in_range, member_ordinal, pod_name,
    set_name, set_namespace, with_claim_name,
};
use crate::sim::events::{EventType, Facts};

/// The retention policy as (whenDeleted, whenScaled), defaulting to Retain.
pub fn retention(set: &StatefulSet) -> (&str, &str) {
    let policy = Some(&set.spec).and_then(|s| s.persistent_volume_claim_retention_policy.as_ref());
    fn get(v: Option<&String>) -> &str {
        v.map_or("Retain", String::as_str)
    }
    (
        get(policy.and_then(|p| p.when_deleted.as_ref())),
        get(policy.and_then(|p| p.when_scaled.as_ref())),
    )
}

fn record_pod(
    c: &mut dyn PodControlApi,
    set: &StatefulSet,
    verb: &str,
    pod: &str,
    err: Option<&str>,
) {
    if err.is_some() {
        c.write_failed();
    }
    let (kind, reason, message) = match err {
        None => (
            EventType::Normal,
            titled("Successful", verb),
            [
                verb,
                " Pod ",
                pod,
                " in StatefulSet ",
                set_name(set),
                " successful",
            ]
            .concat(),
        ),
        Some(e) => (
            EventType::Warning,
            titled("Failed", verb),
            format!(
                "{verb} Pod {pod} in StatefulSet {} failed error: {e}",
                set_name(set)
            ),
        ),
    };
    let facts = Facts::new(
        set,
        None,
        kind,
        &reason,
        &message,
        "statefulset-controller",
        None,
    );
    c.record(facts);
}

fn record_claim(
    c: &mut dyn PodControlApi,
    set: &StatefulSet,
    pod: &str,
    claim: &str,
    err: Option<&str>,
) {
    if err.is_some() {
        c.write_failed();
    }
    let (kind, reason, message) = match err {
        None => (
            EventType::Normal,
            "SuccessfulCreate",
            [
                "create Claim ",
                claim,
                " Pod ",
                pod,
                " in StatefulSet ",
                set_name(set),
                " success",
            ]
            .concat(),
        ),
        Some(e) => (
            EventType::Warning,
            "FailedCreate",
            format!(
                "create Claim {claim} for Pod {pod} in StatefulSet {} failed error: {e}",
                set_name(set)
            ),
        ),
    };
    let facts = Facts::new(
        set,
        None,
        kind,
        reason,
        &message,
        "statefulset-controller",
        None,
    );
    c.record(facts);
}

/// `prefix` then `verb` with its first letter upper-cased: `SuccessfulCreate`.
fn titled(prefix: &str, verb: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + verb.len());
    out.push_str(prefix);
    let mut chars = verb.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    out
}

/// Creates the pod's missing claims; errors are returned joined as the controller aggregates them.
pub fn create_missing_claims(
    c: &mut dyn PodControlApi,
    set: &StatefulSet,
    pod: &Pod,
) -> Result<(), String> {
    match member_ordinal(set, pod) {
        Some(ordinal) => create_missing_claims_at(c, set, pod, ordinal),
        None => Ok(()),
    }
}

/// `create_missing_claims` for the pod of `ordinal`.
pub fn create_missing_claims_at(
    c: &mut dyn PodControlApi,
    set: &StatefulSet,
    pod: &Pod,
    ordinal: i64,
) -> Result<(), String> {
    // The common case is that every claim exists: check names before building claim objects.
    let all_present = claim_templates(set).iter().all(|t| {
        with_claim_name(t, set, ordinal, |name| {
            c.get_claim(set_namespace(set), name)
                .is_some_and(|p| p.metadata.deletion_timestamp.is_none())
        })
    });
    if all_present {
        return Ok(());
    }
    let ns = set_namespace(set).to_string();
    let mut errs = Vec::new();
    for claim in claims_for(set, ordinal) {
        let name = claim.metadata.name.clone().unwrap_or_default();
        match c.get_claim(&ns, &name) {
            None => match c.create_claim(claim) {
                Ok(_) => record_claim(c, set, pod_name(pod), &name, None),
                Err(e) => {
                    let text = e.message.clone();
                    errs.push(format!("failed to create PVC {name}: {text}"));
                    record_claim(c, set, pod_name(pod), &name, Some(&text));
                }
            },
            Some(existing) if existing.metadata.deletion_timestamp.is_some() => {
                errs.push(format!("pvc {name} is being deleted"));
            }
            Some(_) => {}
        }
    }
    if errs.is_empty() {
        Ok(())
    } else if errs.len() == 1 {
        Err(errs.remove(0))
    } else {
        Err(format!("[{}]", errs.join(", ")))
    }
}

/// Creates the pod's claims and then the pod, recording events as the controller does.
pub fn create_pod(c: &mut dyn PodControlApi, set: &StatefulSet, pod: Pod) -> Result<(), String> {
    let name = pod_name(&pod).to_string();
    if let Err(e) = create_missing_claims(c, set, &pod) {
        record_pod(c, set, "create", &name, Some(&e));
        return Err(e);
    }
    match c.create_pod(pod) {
        Ok(created) => {
            update_claims_for_retention(c, set, &created);
            record_pod(c, set, "create", &name, None);
            Ok(())
        }
        Err(e) if e.reason == "AlreadyExists" => Err(e.message),
        Err(e) => {
            record_pod(c, set, "create", &name, Some(&e.message));
            Err(e.message)
        }
    }
}

/// Deletes a pod of the set gracefully, recording `SuccessfulDelete`.
pub fn delete_pod(c: &mut dyn PodControlApi, set: &StatefulSet, pod: &Pod) {
    let name = pod_name(pod).to_string();
    match c.delete_pod(set_namespace(set), &name) {
        Ok(()) => record_pod(c, set, "delete", &name, None),
        Err(e) => record_pod(c, set, "delete", &name, Some(&e.message)),
    }
}

/// Writes a repaired pod (identity, storage) and records `SuccessfulUpdate`.
pub fn update_pod(c: &mut dyn PodControlApi, set: &StatefulSet, pod: Pod) {
    let name = pod_name(&pod).to_string();
    if let Err(e) = create_missing_claims(c, set, &pod) {
        record_pod(c, set, "update", &name, Some(&e));
        return;
    }
    update_claims_for_retention(c, set, &pod);
    match c.update_pod(pod) {
        Ok(_) => record_pod(c, set, "update", &name, None),
        Err(e) => record_pod(c, set, "update", &name, Some(&e.message)),
    }
}

fn has_ref(refs: &[OwnerReference], kind: &str, uid: Option<&String>) -> bool {
    refs.iter().any(|r| r.kind == kind && Some(&r.uid) == uid)
}

fn has_stale_ref(refs: &[OwnerReference], kind: &str, name: &str, uid: Option<&String>) -> bool {
    refs.iter()
        .any(|r| r.kind == kind && r.name == name && Some(&r.uid) != uid)
}

/// The owner references a claim should carry under the retention policy, or None to leave it alone
/// (another controller owns it).
fn wanted_refs(
    set: &StatefulSet,
    pod: &Pod,
    claim: &PersistentVolumeClaim,
) -> Option<Vec<OwnerReference>> {
    let refs = claim.metadata.owner_references.clone().unwrap_or_default();
    if let Some(ctrl) = controller_of(claim.metadata.owner_references.as_ref()) {
        let ours = (ctrl.kind == "StatefulSet" && Some(&ctrl.uid) == set.metadata.uid.as_ref())
            || (ctrl.kind == "Pod" && ctrl.name == pod_name(pod));
        if !ours {
            return None;
        }
    }
    let (when_deleted, when_scaled) = retention(set);
    let scaled_down = member_ordinal(set, pod).is_none_or(|o| !in_range(set, o));
    let want_set = when_deleted == "Delete" && !(when_scaled == "Delete" && scaled_down);
    let want_pod = when_scaled == "Delete" && scaled_down;
    let mut out: Vec<OwnerReference> = refs
        .into_iter()
        .filter(|r| !(r.kind == "StatefulSet" && r.name == set_name(set)))
        .filter(|r| !(r.kind == "Pod" && r.name == pod_name(pod)))
        .collect();
    if want_set {
        out.push(super::utils::controller_ref(set));
    }
    if want_pod {
        out.push(OwnerReference {
            api_version: "v1".into(),
            kind: "Pod".into(),
            name: pod_name(pod).to_string(),
            uid: pod.metadata.uid.clone().unwrap_or_default(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        });
    }
    Some(out)
}

/// Whether the pod's claims already carry the owner references the retention policy asks for.
pub fn claims_match_retention(c: &dyn PodControlApi, set: &StatefulSet, pod: &Pod) -> bool {
    member_ordinal(set, pod).is_none_or(|ordinal| claims_match_retention_at(c, set, pod, ordinal))
}

/// `claims_match_retention` for the pod of `ordinal`.
pub fn claims_match_retention_at(
    c: &dyn PodControlApi,
    set: &StatefulSet,
    pod: &Pod,
    ordinal: i64,
) -> bool {
    let (when_deleted, when_scaled) = retention(set);
    if when_deleted == "Retain" && when_scaled == "Retain" {
        // The default policy wants no set or pod references on the claims: check just that.
        return claim_templates(set).iter().all(|t| {
            with_claim_name(t, set, ordinal, |name| {
                c.get_claim(set_namespace(set), name)
            })
            .is_none_or(|claim| {
                let ours = |r: &OwnerReference| {
                    (r.kind == "StatefulSet" && r.name == set_name(set))
                        || (r.kind == "Pod" && r.name == pod_name(pod))
                };
                !claim.metadata.owner_references.iter().flatten().any(ours)
            })
        });
    }
    claim_templates(set).iter().all(|t| {
        let claim = with_claim_name(t, set, ordinal, |name| {
            c.get_claim(set_namespace(set), name)
        });
        match claim {
            None => true,
            Some(claim) => {
                let current = claim.metadata.owner_references.as_deref().unwrap_or(&[]);
                let stale =
                    has_stale_ref(
                        current,
                        "StatefulSet",
                        set_name(set),
                        set.metadata.uid.as_ref(),
                    ) || has_stale_ref(current, "Pod", pod_name(pod), pod.metadata.uid.as_ref());
                !stale
                    && wanted_refs(set, pod, claim).is_none_or(|want| {
                        want.len() == current.len()
                            && want.iter().all(|w| has_ref(current, &w.kind, Some(&w.uid)))
                    })
            }
        }
    })
}

/// Sets the claims' owner references for the retention policy; warns about a conflicting controller.
pub fn update_claims_for_retention(c: &mut dyn PodControlApi, set: &StatefulSet, pod: &Pod) {
    let Some(ordinal) = member_ordinal(set, pod) else {
        return;
    };
    let ns = set_namespace(set).to_string();
    for t in claim_templates(set) {
        let name = claim_name(t, set, ordinal);
        let Some(claim) = c.get_claim(&ns, &name) else {
            continue;
        };
        match wanted_refs(set, pod, claim) {
            None => {
                let message = format!(
                    "PersistentVolumeClaim {name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim"
                );
                let facts = Facts::new(
                    set,
                    None,
                    EventType::Warning,
                    "ConflictingController",
                    &message,
                    "statefulset-controller",
                    None,
                );
                c.record(facts);
            }
            Some(want) => {
                let want = (!want.is_empty()).then_some(want);
                if claim.metadata.owner_references != want {
                    let mut updated = claim.clone();
                    updated.metadata.owner_references = want;
                    let _ = c.update_claim(updated);
                }
            }
        }
    }
}

/// With `whenScaled: Delete`, a claim still owned by an older pod of the same name blocks the new pod
/// until the garbage collector removes it.
pub fn claim_is_stale(c: &dyn PodControlApi, set: &StatefulSet, pod: &Pod) -> bool {
    let (_, when_scaled) = retention(set);
    if when_scaled == "Retain" {
        return false;
    }
    let Some(ordinal) = member_ordinal(set, pod) else {
        return false;
    };
    claim_templates(set).iter().any(|t| {
        with_claim_name(t, set, ordinal, |name| {
            c.get_claim(set_namespace(set), name)
        })
        .is_some_and(|claim| {
            has_stale_ref(
                claim.metadata.owner_references.as_deref().unwrap_or(&[]),
                "Pod",
                pod_name(pod),
                pod.metadata.uid.as_ref(),
            )
        })
    })
}
