//! Object metadata, label, annotation and label-selector validation
//! (apimachinery `api/validation/objectmeta.go`, `apis/meta/v1/validation`).

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, OwnerReference};
use serde_json::Value;

use super::field_error::FieldError;
use super::field_path::FieldPath;
use super::names::{
    is_dns1035_label, is_dns1123_label, is_dns1123_subdomain, is_label_key, is_label_value,
};

/// How a kind's names are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRule {
    /// RFC 1123 subdomain (Pods, PVCs, PVs, most kinds).
    Dns1123Subdomain,
    /// RFC 1123 label (StatefulSets, Namespaces).
    Dns1123Label,
    /// RFC 1035 label (Services).
    Dns1035Label,
}

impl NameRule {
    /// The messages for a name; `prefix` relaxes a trailing dash for `generateName`.
    pub fn check(self, name: &str, prefix: bool) -> Vec<String> {
        let masked;
        let name = if prefix && name.len() > 1 && name.ends_with('-') {
            masked = format!("{}a", name.get(..name.len() - 1).unwrap_or(""));
            masked.as_str()
        } else {
            name
        };
        match self {
            NameRule::Dns1123Subdomain => is_dns1123_subdomain(name),
            NameRule::Dns1123Label => is_dns1123_label(name),
            NameRule::Dns1035Label => is_dns1035_label(name),
        }
    }
}

const ANNOTATIONS_SIZE_LIMIT: usize = 256 * 1024;

/// Labels: each key a qualified name, each value a valid label value; errors name the map.
pub fn validate_labels(
    labels: Option<&BTreeMap<String, String>>,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in labels.into_iter().flatten() {
        for msg in is_label_key(k) {
            errs.push(FieldError::invalid(path, k.as_str(), &msg));
        }
        for msg in is_label_value(v) {
            errs.push(FieldError::invalid(path, v.as_str(), &msg));
        }
    }
    errs
}

/// Annotations: keys are qualified names (case-insensitive), total size at most 256 KiB.
pub fn validate_annotations(
    annotations: Option<&BTreeMap<String, String>>,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut size = 0usize;
    for (k, v) in annotations.into_iter().flatten() {
        for msg in is_label_key(&k.to_lowercase()) {
            errs.push(FieldError::invalid(path, k.as_str(), &msg));
        }
        size += k.len() + v.len();
    }
    if size > ANNOTATIONS_SIZE_LIMIT {
        errs.push(FieldError::too_long(path, ANNOTATIONS_SIZE_LIMIT as i64));
    }
    errs
}

/// Validates metadata on create. The server fills `metadata.namespace` from the request before
/// this runs, so callers should do the same for namespaced kinds.
pub fn validate_object_meta(
    meta: &ObjectMeta,
    namespaced: bool,
    rule: NameRule,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        for msg in rule.check(generate_name, true) {
            errs.push(FieldError::invalid(
                &path.child("generateName"),
                generate_name,
                &msg,
            ));
        }
    }
    let name = meta.name.as_deref().unwrap_or("");
    if name.is_empty() {
        errs.push(FieldError::required(
            &path.child("name"),
            "name or generateName is required",
        ));
    } else {
        for msg in rule.check(name, false) {
            errs.push(FieldError::invalid(&path.child("name"), name, &msg));
        }
    }
    errs.extend(validate_meta_common(meta, namespaced, path));
    errs
}

fn validate_meta_common(meta: &ObjectMeta, namespaced: bool, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let ns = meta.namespace.as_deref().unwrap_or("");
    if namespaced {
        if ns.is_empty() {
            errs.push(FieldError::required(&path.child("namespace"), ""));
        } else {
            for msg in is_dns1123_label(ns) {
                errs.push(FieldError::invalid(&path.child("namespace"), ns, &msg));
            }
        }
    } else if !ns.is_empty() {
        errs.push(FieldError::forbidden(
            &path.child("namespace"),
            "not allowed on this type",
        ));
    }
    if let Some(g) = meta.generation.filter(|g| *g < 0) {
        errs.push(FieldError::invalid(
            &path.child("generation"),
            g,
            "must be greater than or equal to 0",
        ));
    }
    errs.extend(validate_labels(meta.labels.as_ref(), &path.child("labels")));
    errs.extend(validate_annotations(
        meta.annotations.as_ref(),
        &path.child("annotations"),
    ));
    errs.extend(validate_owner_references(
        meta,
        &path.child("ownerReferences"),
    ));
    for f in meta.finalizers.iter().flatten() {
        for msg in is_label_key(f) {
            errs.push(FieldError::invalid(
                &path.child("finalizers"),
                f.as_str(),
                &msg,
            ));
        }
    }
    errs
}

fn validate_owner_references(meta: &ObjectMeta, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    // The first controller reference is named only if a second one makes an error of it.
    let mut first_controller: Option<&OwnerReference> = None;
    let refs = meta.owner_references.as_deref().unwrap_or(&[]);
    for (i, r) in refs.iter().enumerate() {
        let p = path.index(i);
        if r.api_version.is_empty() {
            errs.push(FieldError::required(
                &p.child("apiVersion"),
                "must not be empty",
            ));
        } else if r.api_version.matches('/').count() > 1 || r.api_version.ends_with('/') {
            errs.push(FieldError::invalid(
                &p.child("apiVersion"),
                r.api_version.as_str(),
                "must be <group>/<version> or <version>",
            ));
        }
        for (field, value) in [("kind", &r.kind), ("name", &r.name), ("uid", &r.uid)] {
            if value.is_empty() {
                errs.push(FieldError::required(&p.child(field), "must not be empty"));
            }
        }
        if r.controller == Some(true) {
            match first_controller {
                Some(first) => {
                    let first = format!("{}/{}", first.kind, first.name);
                    let current = format!("{}/{}", r.kind, r.name);
                    let value = serde_json::to_value(refs).unwrap_or(Value::Null);
                    errs.push(FieldError::invalid(
                        path,
                        value,
                        &format!("Only one reference can have Controller set to true. Found \"true\" in references for {first} and {current}"),
                    ));
                }
                None => first_controller = Some(r),
            }
        }
    }
    errs
}

/// Validates metadata on update: identity fields are immutable and the generation may not go
/// back. The resourceVersion check runs only when the stored object has one.
pub fn validate_object_meta_update(
    new: &ObjectMeta,
    old: &ObjectMeta,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if old.deletion_timestamp.is_some() {
        let old_f = old.finalizers.as_deref().unwrap_or(&[]);
        let mut extra: Vec<&String> = new
            .finalizers
            .iter()
            .flatten()
            .filter(|f| !old_f.contains(f))
            .collect();
        crate::order::sort(&mut extra);
        extra.dedup();
        if !extra.is_empty() {
            let list: Vec<String> = extra.iter().map(|f| format!("{f:?}")).collect();
            errs.push(FieldError::forbidden(
                &path.child("finalizers"),
                &format!("no new finalizers can be added if the object is being deleted, found new finalizers []string{{{}}}", list.join(", ")),
            ));
        }
    }
    if old.resource_version.is_some() && new.resource_version.as_deref().unwrap_or("").is_empty() {
        errs.push(FieldError::invalid(
            &path.child("resourceVersion"),
            "",
            "must be specified for an update",
        ));
    }
    let (ng, og) = (new.generation.unwrap_or(0), old.generation.unwrap_or(0));
    if ng < 0 {
        errs.push(FieldError::invalid(
            &path.child("generation"),
            ng,
            "must be greater than or equal to 0",
        ));
    }
    if ng < og {
        errs.push(FieldError::invalid(
            &path.child("generation"),
            ng,
            "must not be decremented",
        ));
    }
    let immutable = "field is immutable";
    let str_pairs = [
        ("name", &new.name, &old.name),
        ("namespace", &new.namespace, &old.namespace),
        ("uid", &new.uid, &old.uid),
    ];
    for (field, n, o) in str_pairs {
        if n.as_deref().unwrap_or("") != o.as_deref().unwrap_or("") {
            errs.push(FieldError::invalid(
                &path.child(field),
                n.as_deref().unwrap_or(""),
                immutable,
            ));
        }
    }
    let time_value = |t: &Option<k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>| {
        serde_json::to_value(t).unwrap_or(Value::Null)
    };
    if new.creation_timestamp != old.creation_timestamp {
        errs.push(FieldError::invalid(
            &path.child("creationTimestamp"),
            time_value(&new.creation_timestamp),
            immutable,
        ));
    }
    if new.deletion_timestamp != old.deletion_timestamp {
        errs.push(FieldError::invalid(
            &path.child("deletionTimestamp"),
            time_value(&new.deletion_timestamp),
            immutable,
        ));
    }
    if new.deletion_grace_period_seconds != old.deletion_grace_period_seconds {
        let v = new
            .deletion_grace_period_seconds
            .map(Value::from)
            .unwrap_or(Value::Null);
        errs.push(FieldError::invalid(
            &path.child("deletionGracePeriodSeconds"),
            v,
            immutable,
        ));
    }
    errs.extend(validate_labels(new.labels.as_ref(), &path.child("labels")));
    errs.extend(validate_annotations(
        new.annotations.as_ref(),
        &path.child("annotations"),
    ));
    errs.extend(validate_owner_references(
        new,
        &path.child("ownerReferences"),
    ));
    errs
}

/// Validates a label selector's labels and expressions.
pub fn validate_label_selector(sel: &LabelSelector, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = validate_labels(sel.match_labels.as_ref(), &path.child("matchLabels"));
    let exprs_path = path.child("matchExpressions");
    for (i, expr) in sel.match_expressions.iter().flatten().enumerate() {
        let p = exprs_path.index(i);
        let values = expr.values.as_deref().unwrap_or(&[]);
        match expr.operator.as_str() {
            "In" | "NotIn" if values.is_empty() => {
                errs.push(FieldError::required(
                    &p.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
            "Exists" | "DoesNotExist" if !values.is_empty() => {
                errs.push(FieldError::forbidden(
                    &p.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => errs.push(FieldError::invalid(
                &p.child("operator"),
                other,
                "not a valid selector operator",
            )),
        }
        for msg in is_label_key(&expr.key) {
            errs.push(FieldError::invalid(
                &p.child("key"),
                expr.key.as_str(),
                &msg,
            ));
        }
        for (vi, v) in values.iter().enumerate() {
            for msg in is_label_value(v) {
                errs.push(FieldError::invalid(
                    &p.child("values").index(vi),
                    v.as_str(),
                    &msg,
                ));
            }
        }
    }
    errs
}

/// True when a selector has no requirements (it then matches everything).
pub fn selector_is_empty(sel: &LabelSelector) -> bool {
    sel.match_labels.as_ref().is_none_or(BTreeMap::is_empty)
        && sel.match_expressions.as_ref().is_none_or(Vec::is_empty)
}

/// Whether `labels` satisfy the selector (an empty selector matches everything).
pub fn selector_matches(sel: &LabelSelector, labels: Option<&BTreeMap<String, String>>) -> bool {
    let get = |k: &str| labels.and_then(|l| l.get(k));
    let labels_ok = sel
        .match_labels
        .iter()
        .flatten()
        .all(|(k, v)| get(k) == Some(v));
    let exprs_ok = sel.match_expressions.iter().flatten().all(|e| {
        let values = e.values.as_deref().unwrap_or(&[]);
        match e.operator.as_str() {
            "In" => get(&e.key).is_some_and(|v| values.contains(v)),
            "NotIn" => get(&e.key).is_none_or(|v| !values.contains(v)),
            "Exists" => get(&e.key).is_some(),
            "DoesNotExist" => get(&e.key).is_none(),
            _ => false,
        }
    });
    labels_ok && exprs_ok
}
