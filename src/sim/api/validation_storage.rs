//! PersistentVolumeClaim and PersistentVolume validation, and the claim-resize admission check.
//!
//! The server appends a Go diff of the old and new specs to its immutability messages; that
//! diff is not reproduced (the messages end after the first line).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeSpec,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use serde_json::Value;

use super::field_error::FieldError;
use super::field_path::FieldPath;
use super::names::is_dns1123_subdomain;
use super::validation_meta::{
    NameRule, validate_label_selector, validate_object_meta, validate_object_meta_update,
};
use crate::gofmt::quantity::{Format, Quantity as Parsed, parse_quantity};
use crate::gofmt::quote::quote as go_quote;

const ACCESS_MODES: &[&str] = &[
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOnce",
    "ReadWriteOncePod",
];

/// The immutability message for claim specs.
pub const PVC_SPEC_IMMUTABLE: &str = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

fn storage_request(spec: &PersistentVolumeClaimSpec) -> Option<&Quantity> {
    spec.resources
        .as_ref()
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("storage"))
}

fn access_modes(modes: &[String], path: &FieldPath, required_detail: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if modes.is_empty() {
        errs.push(FieldError::required(path, required_detail));
    }
    let (mut rwop, mut other) = (false, false);
    for m in modes {
        if !ACCESS_MODES.contains(&m.as_str()) {
            errs.push(FieldError::not_supported(path, m.as_str(), ACCESS_MODES));
        }
        if m == "ReadWriteOncePod" {
            rwop = true
        } else {
            other = true
        }
    }
    if rwop && other {
        errs.push(FieldError::forbidden(
            path,
            "may not use ReadWriteOncePod with other access modes",
        ));
    }
    errs
}

fn positive_quantity(q: &Quantity, path: &FieldPath) -> Vec<FieldError> {
    match parse_quantity(q.0.trim()) {
        Ok(v) if v.signum() <= 0 => vec![FieldError::invalid(
            path,
            v.canonical(),
            "must be greater than zero",
        )],
        _ => Vec::new(),
    }
}

fn class_name(name: Option<&str>, path: &FieldPath) -> Vec<FieldError> {
    let n = name.unwrap_or("");
    if n.is_empty() {
        return Vec::new();
    }
    is_dns1123_subdomain(n)
        .iter()
        .map(|m| FieldError::invalid(path, n, m))
        .collect()
}

fn volume_mode(mode: Option<&str>, path: &FieldPath) -> Vec<FieldError> {
    match mode {
        Some(m) if m != "Block" && m != "Filesystem" => {
            vec![FieldError::not_supported(path, m, &["Block", "Filesystem"])]
        }
        _ => Vec::new(),
    }
}

/// Validates a claim spec, as for standalone claims and the claims a StatefulSet creates.
pub fn validate_pvc_spec(spec: &PersistentVolumeClaimSpec, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = access_modes(
        spec.access_modes.as_deref().unwrap_or(&[]),
        &path.child("accessModes"),
        "at least 1 access mode is required",
    );
    if let Some(sel) = &spec.selector {
        errs.extend(validate_label_selector(sel, &path.child("selector")));
    }
    let resources_path = path.child("resources");
    let storage_path = resources_path.key("storage");
    match storage_request(spec) {
        None => errs.push(FieldError::required(&storage_path, "")),
        Some(q) => errs.extend(positive_quantity(q, &storage_path)),
    }
    errs.extend(class_name(
        spec.storage_class_name.as_deref(),
        &path.child("storageClassName"),
    ));
    errs.extend(volume_mode(
        spec.volume_mode.as_deref(),
        &path.child("volumeMode"),
    ));
    errs
}

/// Validates a PersistentVolumeClaim on create (after defaulting).
pub fn validate_pvc(pvc: &PersistentVolumeClaim) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &pvc.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &FieldPath::new("metadata"),
    );
    errs.extend(validate_pvc_spec(
        &pvc.spec.clone().unwrap_or_default(),
        &FieldPath::new("spec"),
    ));
    errs
}

/// Validates a claim update: the spec is frozen except the storage request (and the attributes
/// class) of a bound claim, `volumeName` may be set once, and requests may not shrink below the
/// recorded capacity.
pub fn validate_pvc_update(
    new: &PersistentVolumeClaim,
    old: &PersistentVolumeClaim,
) -> Vec<FieldError> {
    let mut errs =
        validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
    errs.extend(validate_pvc(new));
    let mut new_spec = new.spec.clone().unwrap_or_default();
    let mut old_spec = old.spec.clone().unwrap_or_default();
    if old_spec.volume_name.as_deref().unwrap_or("").is_empty() {
        old_spec.volume_name = new_spec.volume_name.clone();
    }
    let bound = new.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Bound");
    if bound {
        let old_storage = storage_request(&old_spec).cloned();
        if let Some(reqs) = new_spec
            .resources
            .as_mut()
            .and_then(|r| r.requests.as_mut())
        {
            match old_storage {
                Some(q) => {
                    reqs.insert("storage".to_string(), q);
                }
                None => {
                    reqs.remove("storage");
                }
            }
        }
        new_spec.volume_attributes_class_name = old_spec.volume_attributes_class_name.clone();
    }
    if new_spec != old_spec {
        errs.push(FieldError::forbidden(
            &FieldPath::new("spec"),
            PVC_SPEC_IMMUTABLE,
        ));
    }
    let parse = |q: Option<&Quantity>| {
        q.and_then(|q| parse_quantity(&q.0).ok())
            .unwrap_or(Parsed::from_units(0, Format::BinarySI))
    };
    let old_size = parse(storage_request(&old.spec.clone().unwrap_or_default()));
    let new_size = parse(storage_request(&new.spec.clone().unwrap_or_default()));
    let status_size = parse(
        old.status
            .as_ref()
            .and_then(|s| s.capacity.as_ref())
            .and_then(|c| c.get("storage")),
    );
    if new_size < old_size && new_size <= status_size {
        errs.push(FieldError::forbidden(
            &FieldPath::of(&["spec", "resources", "requests", "storage"]),
            "field can not be less than status.capacity",
        ));
    }
    errs
}

/// The PersistentVolumeClaimResize admission plugin: growing a claim needs a class that allows
/// expansion. Returns the server's Forbidden message when the request is refused.
pub fn admit_pvc_resize(
    new: &PersistentVolumeClaim,
    old: &PersistentVolumeClaim,
    class: Option<&StorageClass>,
) -> Result<(), String> {
    let size = |p: &PersistentVolumeClaim| {
        p.spec
            .as_ref()
            .and_then(storage_request)
            .and_then(|q| parse_quantity(&q.0).ok())
    };
    let (Some(n), Some(o)) = (size(new), size(old)) else {
        return Ok(());
    };
    if n <= o {
        return Ok(());
    }
    let class_of = |p: &PersistentVolumeClaim| {
        p.spec
            .as_ref()
            .and_then(|s| s.storage_class_name.clone())
            .unwrap_or_default()
    };
    let allowed = !class_of(new).is_empty()
        && class_of(new) == class_of(old)
        && class.is_some_and(|c| {
            c.metadata.name.as_deref() == Some(class_of(new).as_str())
                && c.allow_volume_expansion == Some(true)
        });
    if allowed {
        return Ok(());
    }
    let name = new.metadata.name.clone().unwrap_or_default();
    Err(format!(
        "persistentvolumeclaims {} is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
        go_quote(&name)
    ))
}

/// PersistentVolume sources in the order the server examines them.
const PV_SOURCES: &[&str] = &[
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "glusterfs",
    "flocker",
    "nfs",
    "rbd",
    "quobyte",
    "cephfs",
    "iscsi",
    "cinder",
    "fc",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "scaleIO",
    "local",
    "storageos",
    "csi",
];

fn capacity(cap: Option<&BTreeMap<String, Quantity>>, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let empty = BTreeMap::new();
    let cap = cap.unwrap_or(&empty);
    if cap.is_empty() {
        errs.push(FieldError::required(path, ""));
    }
    if !cap.contains_key("storage") || cap.len() > 1 {
        let v = serde_json::to_value(cap).unwrap_or(Value::Null);
        errs.push(FieldError::not_supported(path, v, &["storage"]));
    }
    for (k, q) in cap {
        errs.extend(positive_quantity(q, &path.key(k)));
    }
    errs
}

/// Validates a PersistentVolume spec.
pub fn validate_pv_spec(spec: &PersistentVolumeSpec, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = access_modes(
        spec.access_modes.as_deref().unwrap_or(&[]),
        &path.child("accessModes"),
        "",
    );
    errs.extend(capacity(spec.capacity.as_ref(), &path.child("capacity")));
    errs.extend(class_name(
        spec.storage_class_name.as_deref(),
        &path.child("storageClassName"),
    ));
    errs.extend(volume_mode(
        spec.volume_mode.as_deref(),
        &path.child("volumeMode"),
    ));
    let policy = spec
        .persistent_volume_reclaim_policy
        .as_deref()
        .unwrap_or("");
    if !policy.is_empty() && !matches!(policy, "Delete" | "Recycle" | "Retain") {
        errs.push(FieldError::not_supported(
            &path.child("persistentVolumeReclaimPolicy"),
            policy,
            &["Delete", "Recycle", "Retain"],
        ));
    }
    let json = serde_json::to_value(spec).unwrap_or(Value::Null);
    let mut count = 0;
    for source in PV_SOURCES {
        if json.get(source).is_none() {
            continue;
        }
        if count > 0 {
            errs.push(FieldError::forbidden(
                &path.child(source),
                "may not specify more than 1 volume type",
            ));
        } else if *source == "hostPath"
            && spec.host_path.as_ref().is_some_and(|h| h.path.is_empty())
        {
            errs.push(FieldError::required(
                &path.child("hostPath").child("path"),
                "",
            ));
        }
        count += 1;
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
    errs
}

/// Validates a PersistentVolume on create (after defaulting).
pub fn validate_pv(pv: &PersistentVolume) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &pv.metadata,
        false,
        NameRule::Dns1123Subdomain,
        &FieldPath::new("metadata"),
    );
    errs.extend(validate_pv_spec(
        &pv.spec.clone().unwrap_or_default(),
        &FieldPath::new("spec"),
    ));
    errs
}

/// Validates a PersistentVolume update: the volume source may not change.
pub fn validate_pv_update(new: &PersistentVolume, old: &PersistentVolume) -> Vec<FieldError> {
    let mut errs =
        validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
    errs.extend(validate_pv_spec(
        &new.spec.clone().unwrap_or_default(),
        &FieldPath::new("spec"),
    ));
    let sources = |pv: &PersistentVolume| {
        let v = serde_json::to_value(pv.spec.clone().unwrap_or_default()).unwrap_or(Value::Null);
        PV_SOURCES
            .iter()
            .map(|s| v.get(s).cloned())
            .collect::<Vec<_>>()
    };
    if sources(new) != sources(old) {
        errs.push(FieldError::forbidden(
            &FieldPath::of(&["spec", "persistentvolumesource"]),
            "spec.persistentvolumesource is immutable after creation",
        ));
    }
    let (nm, om) = (
        new.spec.as_ref().and_then(|s| s.volume_mode.clone()),
        old.spec.as_ref().and_then(|s| s.volume_mode.clone()),
    );
    if nm != om {
        errs.push(FieldError::invalid(
            &FieldPath::new("volumeMode"),
            nm.unwrap_or_default(),
            "field is immutable",
        ));
    }
    errs
}
