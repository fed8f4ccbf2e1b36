//! Pod update validation: only images, `activeDeadlineSeconds`, added tolerations and a
//! negative grace period fixed to 1 may change (`ValidatePodUpdate`).
//!
//! The server appends a diff of the old and new specs to the Forbidden message; that diff is
//! Go-specific and is not reproduced (the message ends after the list of fields).

use k8s_openapi::api::core::v1::{Container, Pod, PodSpec, Toleration};

use super::field_error::FieldError;
use super::field_path::FieldPath;
use super::names::inclusive_range_error;
use super::validation_meta::validate_object_meta_update;
use super::validation_pod::validate_pod_metadata_and_spec;

/// The Forbidden text for a pod spec change outside the mutable fields.
pub const POD_UPDATE_FORBIDDEN: &str = "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

fn container_updates(
    new: &[Container],
    old: &[Container],
    path: &FieldPath,
) -> (Vec<FieldError>, bool) {
    if new.len() != old.len() {
        return (
            vec![FieldError::forbidden(
                path,
                "pod updates may not add or remove containers",
            )],
            true,
        );
    }
    let mut errs = Vec::new();
    for (i, c) in new.iter().enumerate() {
        let image = c.image.as_deref().unwrap_or("");
        if image.is_empty() {
            errs.push(FieldError::required(&path.index(i).child("image"), ""));
        }
        if image.trim().len() != image.len() {
            errs.push(FieldError::invalid(
                &path.index(i).child("image"),
                image,
                "must not have leading or trailing whitespace",
            ));
        }
    }
    (errs, false)
}

fn only_added_tolerations(
    new: &[Toleration],
    old: &[Toleration],
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for o in old {
        let kept = new.iter().any(|n| {
            let mut n2 = n.clone();
            // A toleration's seconds may only shrink; otherwise it must stay as it was.
            if n.toleration_seconds.is_some()
                && o.toleration_seconds.is_some()
                && n.toleration_seconds <= o.toleration_seconds
            {
                n2.toleration_seconds = o.toleration_seconds;
            }
            n2 == *o
        });
        if !kept {
            let v = serde_json::to_value(o).unwrap_or_default();
            errs.push(FieldError::forbidden(
                path,
                &format!(
                    "existing toleration can not be modified except its tolerationSeconds: {v}"
                ),
            ));
        }
    }
    errs
}

/// Validates a Pod update (both defaulted): metadata immutables, the pod rules on the new
/// object, and the Forbidden error when the spec changes outside the mutable fields.
pub fn validate_pod_update(new: &Pod, old: &Pod) -> Vec<FieldError> {
    let mut errs =
        validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
    errs.extend(validate_pod_metadata_and_spec(new));
    let spec_path = FieldPath::new("spec");
    let ns = new.spec.clone().unwrap_or_default();
    let os = old.spec.clone().unwrap_or_default();
    let (ce, stop) = container_updates(
        &ns.containers,
        &os.containers,
        &spec_path.child("containers"),
    );
    errs.extend(ce);
    if stop {
        return errs;
    }
    let empty = Vec::new();
    let (ie, stop) = container_updates(
        ns.init_containers.as_ref().unwrap_or(&empty),
        os.init_containers.as_ref().unwrap_or(&empty),
        &spec_path.child("initContainers"),
    );
    errs.extend(ie);
    if stop {
        return errs;
    }
    let ads_path = spec_path.child("activeDeadlineSeconds");
    match (ns.active_deadline_seconds, os.active_deadline_seconds) {
        (Some(n), _) if n < 0 || n > i64::from(i32::MAX) => {
            errs.push(FieldError::invalid(
                &ads_path,
                n,
                &inclusive_range_error(0, i64::from(i32::MAX)),
            ));
            return errs;
        }
        (Some(n), Some(o)) if o < n => {
            errs.push(FieldError::invalid(
                &ads_path,
                n,
                "must be less than or equal to previous value",
            ));
            return errs;
        }
        (None, Some(_)) => {
            errs.push(FieldError::invalid(
                &ads_path,
                serde_json::Value::Null,
                "must not update from a positive integer to nil value",
            ));
        }
        _ => {}
    }
    errs.extend(only_added_tolerations(
        ns.tolerations.as_deref().unwrap_or(&[]),
        os.tolerations.as_deref().unwrap_or(&[]),
        &spec_path.child("tolerations"),
    ));
    if ns == os {
        return errs;
    }
    let mut munged: PodSpec = ns.clone();
    for (c, o) in munged.containers.iter_mut().zip(os.containers.iter()) {
        c.image = o.image.clone();
    }
    for (c, o) in munged
        .init_containers
        .iter_mut()
        .flatten()
        .zip(os.init_containers.iter().flatten())
    {
        c.image = o.image.clone();
    }
    munged.active_deadline_seconds = os.active_deadline_seconds;
    munged.scheduling_gates = os.scheduling_gates.clone();
    munged.tolerations = os.tolerations.clone();
    if os.termination_grace_period_seconds.is_some_and(|g| g < 0)
        && munged.termination_grace_period_seconds == Some(1)
    {
        munged.termination_grace_period_seconds = os.termination_grace_period_seconds;
    }
    if munged != os {
        errs.push(FieldError::forbidden(&spec_path, POD_UPDATE_FORBIDDEN));
    }
    errs
}
