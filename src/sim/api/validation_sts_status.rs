//! StatefulSet status validation and the warnings the server attaches to StatefulSet writes.

use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetStatus};

use super::field_error::FieldError;
use super::field_path::FieldPath;
use super::validation_meta::validate_object_meta_update;

const NONNEG: &str = "must be greater than or equal to 0";

fn nonneg(errs: &mut Vec<FieldError>, value: i64, path: &FieldPath) {
    if value < 0 {
        errs.push(FieldError::invalid(path, value, NONNEG));
    }
}

/// Validates a StatefulSet status: counts non-negative and bounded by `replicas`.
pub fn validate_statefulset_status(
    status: &StatefulSetStatus,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let replicas = status.replicas;
    let ready = status.ready_replicas.unwrap_or(0);
    let current = status.current_replicas.unwrap_or(0);
    let updated = status.updated_replicas.unwrap_or(0);
    let available = status.available_replicas.unwrap_or(0);
    for (field, v) in [
        ("replicas", replicas),
        ("readyReplicas", ready),
        ("currentReplicas", current),
        ("updatedReplicas", updated),
        ("availableReplicas", available),
    ] {
        nonneg(&mut errs, i64::from(v), &path.child(field));
    }
    if let Some(g) = status.observed_generation {
        nonneg(&mut errs, g, &path.child("observedGeneration"));
    }
    if let Some(c) = status.collision_count {
        nonneg(&mut errs, i64::from(c), &path.child("collisionCount"));
    }
    let msg = "cannot be greater than status.replicas";
    for (field, v) in [
        ("readyReplicas", ready),
        ("currentReplicas", current),
        ("updatedReplicas", updated),
        ("availableReplicas", available),
    ] {
        if v > replicas {
            errs.push(FieldError::invalid(&path.child(field), v, msg));
        }
    }
    if available > ready {
        errs.push(FieldError::invalid(
            &path.child("availableReplicas"),
            available,
            "cannot be greater than status.readyReplicas",
        ));
    }
    errs
}

/// Validates a status update: the status rules, metadata immutables, and a collision count that
/// may not decrease.
pub fn validate_statefulset_status_update(new: &StatefulSet, old: &StatefulSet) -> Vec<FieldError> {
    let status = new.status.clone().unwrap_or_default();
    let mut errs = validate_statefulset_status(&status, &FieldPath::new("status"));
    errs.extend(validate_object_meta_update(
        &new.metadata,
        &old.metadata,
        &FieldPath::new("metadata"),
    ));
    let old_count = old.status.as_ref().and_then(|s| s.collision_count);
    if let Some(o) = old_count {
        let n = status.collision_count;
        if n.is_none_or(|n| n < o) {
            errs.push(FieldError::invalid(
                &FieldPath::of(&["status", "collisionCount"]),
                n.unwrap_or(0),
                "cannot be decremented",
            ));
        }
    }
    errs
}

/// The warnings the server returns with a StatefulSet create or update (kubectl prints each as
/// `Warning: <text>`).
pub fn statefulset_warnings(sts: &StatefulSet) -> Vec<String> {
    let mut warnings = Vec::new();
    if sts.spec.revision_history_limit.is_some_and(|l| l < 0) {
        warnings.push(
            "spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended".to_string(),
        );
    }
    warnings
}
