//! StatefulSet validation (k8s.io/kubernetes `pkg/apis/apps/validation/validation.go`, v1.37):
//! create and update. Status rules and warnings are in `validation_sts_status.rs`.
//!
//! The pod template's PodSpec is not validated here, exactly as on a real server: problems there
//! surface later when the controller's pod creates fail.

use k8s_openapi::api::apps::v1::{RollingUpdateStatefulSetStrategy, StatefulSet, StatefulSetSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Value, json};

use super::field_error::{BadValue, FieldError};
use super::field_path::FieldPath;
use super::names::{is_dns1123_label, is_valid_percent};
use super::validation_meta::{
    NameRule, selector_is_empty, selector_matches, validate_annotations, validate_label_selector,
    validate_labels, validate_object_meta, validate_object_meta_update,
};
use crate::gofmt::json::marshal as go_json;

const NONNEG: &str = "must be greater than or equal to 0";

/// The v1.37 immutability message for StatefulSet updates.
pub const STATEFULSET_UPDATE_FORBIDDEN: &str = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

fn nonneg(errs: &mut Vec<FieldError>, value: i64, path: &FieldPath) {
    if value < 0 {
        errs.push(FieldError::invalid(path, value, NONNEG));
    }
}

/// The server prints these bad values from its internal types, which carry no JSON tags: Go
/// field names in declaration order.
fn internal_rolling_update(ru: &RollingUpdateStatefulSetStrategy) -> String {
    let max = ru
        .max_unavailable
        .as_ref()
        .map(int_or_string_value)
        .unwrap_or(Value::Null);
    format!(
        "{{\"Partition\":{},\"MaxUnavailable\":{}}}",
        ru.partition.unwrap_or(0),
        go_json(&max)
    )
}

fn int_or_string_value(v: &IntOrString) -> Value {
    match v {
        IntOrString::Int(i) => json!(i),
        IntOrString::String(s) => json!(s),
    }
}

fn validate_rolling_update(
    ru: &RollingUpdateStatefulSetStrategy,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    nonneg(
        &mut errs,
        i64::from(ru.partition.unwrap_or(0)),
        &path.child("partition"),
    );
    if let Some(max) = &ru.max_unavailable {
        let mp = path.child("maxUnavailable");
        let (value, percent) = match max {
            IntOrString::Int(i) => {
                nonneg(&mut errs, i64::from(*i), &mp);
                (i64::from(*i), None)
            }
            IntOrString::String(s) => {
                let msgs = is_valid_percent(s);
                for m in &msgs {
                    errs.push(FieldError::invalid(&mp, int_or_string_value(max), m));
                }
                if msgs.is_empty() {
                    let p: i64 = s.trim_end_matches('%').parse().unwrap_or(0);
                    (p, Some(p))
                } else {
                    // The server falls back to reading the string as a plain integer.
                    (s.parse().unwrap_or(0), None)
                }
            }
        };
        if value == 0 {
            errs.push(FieldError::invalid(
                &mp,
                int_or_string_value(max),
                "cannot be 0",
            ));
        }
        if percent.is_some_and(|p| p > 100) {
            errs.push(FieldError::invalid(
                &mp,
                int_or_string_value(max),
                "must not be greater than 100%",
            ));
        }
    }
    errs
}

/// Validates a StatefulSet spec. `selector_present` says whether the request carried a selector
/// at all (k8s-openapi cannot tell a missing selector from an empty one); `check_service_name`
/// is false on update, where old invalid names are tolerated.
pub fn validate_statefulset_spec(
    spec: &StatefulSetSpec,
    selector_present: bool,
    check_service_name: bool,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match spec.pod_management_policy.as_deref().unwrap_or("") {
        "" => errs.push(FieldError::required(&path.child("podManagementPolicy"), "")),
        "OrderedReady" | "Parallel" => {}
        other => errs.push(FieldError::invalid(
            &path.child("podManagementPolicy"),
            other,
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    validate_update_strategy(&mut errs, spec, &path.child("updateStrategy"));
    validate_retention_policy(&mut errs, spec, path);
    nonneg(
        &mut errs,
        i64::from(spec.replicas.unwrap_or(0)),
        &path.child("replicas"),
    );
    nonneg(
        &mut errs,
        i64::from(spec.min_ready_seconds.unwrap_or(0)),
        &path.child("minReadySeconds"),
    );
    if let Some(ordinals) = &spec.ordinals {
        nonneg(
            &mut errs,
            i64::from(ordinals.start.unwrap_or(0)),
            &path.child("ordinals.start"),
        );
    }
    let service_name = spec.service_name.as_deref().unwrap_or("");
    if check_service_name && !service_name.is_empty() {
        for msg in is_dns1123_label(service_name) {
            errs.push(FieldError::invalid(
                &path.child("serviceName"),
                service_name,
                &msg,
            ));
        }
    }
    let selector_broken = validate_selector(&mut errs, spec, selector_present, path);
    validate_template(&mut errs, spec, selector_present, selector_broken, path);
    errs
}

/// The update strategy: RollingUpdate (with its own rules) or OnDelete (with no rollingUpdate).
fn validate_update_strategy(
    errs: &mut Vec<FieldError>,
    spec: &StatefulSetSpec,
    us_path: &FieldPath,
) {
    let strategy = spec.update_strategy.clone().unwrap_or_default();
    match strategy.type_.as_deref().unwrap_or("") {
        "" => errs.push(FieldError::required(us_path, "")),
        "OnDelete" => {
            if let Some(ru) = &strategy.rolling_update {
                let value = BadValue::Raw(internal_rolling_update(ru));
                errs.push(FieldError::invalid(
                    &us_path.child("rollingUpdate"),
                    value,
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(ru) = &strategy.rolling_update {
                errs.extend(validate_rolling_update(ru, &us_path.child("rollingUpdate")));
            }
        }
        other => {
            let ru = strategy
                .rolling_update
                .as_ref()
                .map(internal_rolling_update)
                .unwrap_or_else(|| "null".to_string());
            let value = BadValue::Raw(format!(
                "{{\"Type\":{},\"RollingUpdate\":{ru}}}",
                go_json(&json!(other))
            ));
            errs.push(FieldError::invalid(
                us_path,
                value,
                "must be 'RollingUpdate' or 'OnDelete'",
            ));
        }
    }
}

/// ValidatePersistentVolumeClaimRetentionPolicy: each of its fields is Retain or Delete.
fn validate_retention_policy(errs: &mut Vec<FieldError>, spec: &StatefulSetSpec, path: &FieldPath) {
    if let Some(policy) = &spec.persistent_volume_claim_retention_policy {
        let pp = path.child("persistentVolumeClaimRetentionPolicy");
        for (field, value) in [
            ("whenDeleted", &policy.when_deleted),
            ("whenScaled", &policy.when_scaled),
        ] {
            let v = value.as_deref().unwrap_or("");
            if v != "Retain" && v != "Delete" {
                errs.push(FieldError::not_supported(
                    &pp.child(field),
                    v,
                    &["Retain", "Delete"],
                ));
            }
        }
    }
}

/// The selector: required, valid and not empty. True when it cannot be parsed, which the server
/// reports once more and which stops the template's labels being matched against it.
fn validate_selector(
    errs: &mut Vec<FieldError>,
    spec: &StatefulSetSpec,
    selector_present: bool,
    path: &FieldPath,
) -> bool {
    let sel_path = path.child("selector");
    let mut selector_broken = false;
    if !selector_present {
        errs.push(FieldError::required(&sel_path, ""));
    } else {
        let sel_errs = validate_label_selector(&spec.selector, &sel_path);
        // The same problems make the selector unparseable, which the server reports once more.
        selector_broken = !sel_errs.is_empty();
        errs.extend(sel_errs);
        if selector_is_empty(&spec.selector) {
            let value = BadValue::Raw(label_selector_json(&spec.selector));
            errs.push(FieldError::invalid(
                &sel_path,
                value,
                "empty selector is invalid for statefulset",
            ));
        }
    }
    if selector_broken {
        errs.push(FieldError::invalid(
            &sel_path,
            BadValue::Raw(label_selector_json(&spec.selector)),
            "",
        ));
    }
    selector_broken
}

/// ValidatePodTemplateSpecForStatefulSet: labels the selector matches, valid labels and
/// annotations, restartPolicy Always and no activeDeadlineSeconds.
fn validate_template(
    errs: &mut Vec<FieldError>,
    spec: &StatefulSetSpec,
    selector_present: bool,
    selector_broken: bool,
    path: &FieldPath,
) {
    let tpath = path.child("template");
    let tmeta = spec.template.metadata.clone().unwrap_or_default();
    // A missing selector matches nothing; an empty one matches everything and is not checked.
    let check_match = !selector_broken && (!selector_present || !selector_is_empty(&spec.selector));
    if check_match
        && (!selector_present || !selector_matches(&spec.selector, tmeta.labels.as_ref()))
    {
        let value = serde_json::to_value(&tmeta.labels).unwrap_or(Value::Null);
        errs.push(FieldError::invalid(
            &tpath.child("metadata").child("labels"),
            value,
            "`selector` does not match template `labels`",
        ));
    }
    errs.extend(validate_labels(
        tmeta.labels.as_ref(),
        &tpath.child("labels"),
    ));
    errs.extend(validate_annotations(
        tmeta.annotations.as_ref(),
        &tpath.child("annotations"),
    ));
    let pod_spec = spec.template.spec.clone().unwrap_or_default();
    let restart = pod_spec.restart_policy.as_deref().unwrap_or("");
    if restart != "Always" {
        errs.push(FieldError::not_supported(
            &tpath.child("spec").child("restartPolicy"),
            restart,
            &["Always"],
        ));
    }
    if pod_spec.active_deadline_seconds.is_some() {
        errs.push(FieldError::forbidden(
            &tpath.child("spec").child("activeDeadlineSeconds"),
            "activeDeadlineSeconds in StatefulSet is not Supported",
        ));
    }
}

/// A label selector as Go marshals it: `matchLabels` before `matchExpressions`.
fn label_selector_json(
    sel: &k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector,
) -> String {
    let mut parts = Vec::new();
    if let Some(ml) = sel.match_labels.as_ref().filter(|m| !m.is_empty()) {
        parts.push(format!("\"matchLabels\":{}", go_json(&json!(ml))));
    }
    if let Some(me) = sel.match_expressions.as_ref().filter(|m| !m.is_empty()) {
        parts.push(format!("\"matchExpressions\":{}", go_json(&json!(me))));
    }
    format!("{{{}}}", parts.join(","))
}

/// True when the raw request body carries `spec.selector` (null counts as absent).
pub fn raw_has_selector(raw: &Value) -> bool {
    raw.get("spec")
        .and_then(|s| s.get("selector"))
        .is_some_and(|s| !s.is_null())
}

/// Validates a StatefulSet on create (after defaulting). `raw` is the request body as decoded
/// JSON; it tells a missing `spec.selector` from an empty one.
pub fn validate_statefulset(sts: &StatefulSet, raw: &Value) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &sts.metadata,
        true,
        NameRule::Dns1123Label,
        &FieldPath::new("metadata"),
    );
    errs.extend(validate_statefulset_spec(
        &sts.spec,
        raw_has_selector(raw),
        true,
        &FieldPath::new("spec"),
    ));
    errs
}

/// Validates an update of a StatefulSet (both defaulted): metadata immutables, the spec rules,
/// and the Forbidden error when anything but the mutable fields changed.
pub fn validate_statefulset_update(new: &StatefulSet, old: &StatefulSet) -> Vec<FieldError> {
    let mut errs =
        validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
    errs.extend(validate_statefulset_spec(
        &new.spec,
        true,
        false,
        &FieldPath::new("spec"),
    ));
    let mut munged = new.spec.clone();
    munged.replicas = old.spec.replicas;
    munged.template = old.spec.template.clone();
    munged.update_strategy = old.spec.update_strategy.clone();
    munged.min_ready_seconds = old.spec.min_ready_seconds;
    munged.ordinals = old.spec.ordinals.clone();
    munged.revision_history_limit = old.spec.revision_history_limit;
    munged.persistent_volume_claim_retention_policy =
        old.spec.persistent_volume_claim_retention_policy.clone();
    if munged != old.spec {
        errs.push(FieldError::forbidden(
            &FieldPath::new("spec"),
            STATEFULSET_UPDATE_FORBIDDEN,
        ));
    }
    errs
}
