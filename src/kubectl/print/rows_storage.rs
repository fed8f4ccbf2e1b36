//! Table rows for claims, volumes and storage classes (server-side `printers.go`).

use super::duration::translate_timestamp_since;
use super::kinds;
use super::rows_workloads::{meta_row, table_of};
use super::table::{Column, Row, Table};
use crate::gofmt::quantity::canonical_text;
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::jiff::Timestamp;
use std::collections::BTreeMap;

const BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";

/// `RWO,ROX,RWX,RWOP` in that fixed order, duplicates dropped.
pub fn access_modes_string(modes: Option<&Vec<String>>) -> String {
    let modes = modes.map(Vec::as_slice).unwrap_or(&[]);
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(long, _)| modes.iter().any(|m| m == long))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

/// The storage quantity of a resource map in canonical form; `0` when absent.
pub fn storage_of(map: Option<&BTreeMap<String, Quantity>>) -> String {
    map.and_then(|m| m.get("storage"))
        .map_or_else(|| "0".to_string(), |q| canonical_text(&q.0))
}

fn beta_class(meta: &ObjectMeta) -> Option<String> {
    meta.annotations
        .as_ref()
        .and_then(|a| a.get(BETA_STORAGE_CLASS))
        .cloned()
}

/// The claim's storage class: the beta annotation first, then `spec.storageClassName`.
pub fn claim_class(pvc: &PersistentVolumeClaim) -> String {
    beta_class(&pvc.metadata)
        .or_else(|| pvc.spec.as_ref().and_then(|s| s.storage_class_name.clone()))
        .unwrap_or_default()
}

/// The volume's storage class: the beta annotation first, then `spec.storageClassName`.
pub fn volume_class(pv: &PersistentVolume) -> String {
    beta_class(&pv.metadata)
        .or_else(|| pv.spec.as_ref().and_then(|s| s.storage_class_name.clone()))
        .unwrap_or_default()
}

/// PVC columns: `NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE`
/// + wide `VOLUMEMODE`.
pub fn pvc_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Status"),
        Column::new("Volume"),
        Column::new("Capacity"),
        Column::new("Access Modes"),
        Column::new("StorageClass"),
        Column::new("VolumeAttributesClass"),
        Column::new("Age"),
        Column::wide("VolumeMode"),
    ]
}

fn unset_or(s: Option<&String>) -> String {
    s.cloned().unwrap_or_else(|| "<unset>".to_string())
}

/// One `kubectl get pvc` row; VOLUME, CAPACITY and ACCESS MODES stay empty until bound.
pub fn pvc_row(pvc: &PersistentVolumeClaim, now: Timestamp) -> Row {
    let spec = pvc.spec.as_ref();
    let status = pvc.status.as_ref();
    let mut phase = status.and_then(|s| s.phase.clone()).unwrap_or_default();
    if pvc.metadata.deletion_timestamp.is_some() {
        phase = "Terminating".to_string();
    }
    let volume = spec.and_then(|s| s.volume_name.clone()).unwrap_or_default();
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            storage_of(status.and_then(|s| s.capacity.as_ref())),
            access_modes_string(status.and_then(|s| s.access_modes.as_ref())),
        )
    };
    let cells = vec![
        pvc.metadata.name.clone().unwrap_or_default(),
        phase,
        volume,
        capacity,
        modes,
        claim_class(pvc),
        unset_or(spec.and_then(|s| s.volume_attributes_class_name.as_ref())),
        translate_timestamp_since(pvc.metadata.creation_timestamp.as_ref(), now),
        unset_or(spec.and_then(|s| s.volume_mode.as_ref())),
    ];
    meta_row(&pvc.metadata, cells)
}

/// The `kubectl get pvc` table.
pub fn pvcs_table(items: &[PersistentVolumeClaim], now: Timestamp) -> Table {
    table_of(kinds::PERSISTENT_VOLUME_CLAIM, pvc_columns(), items, |p| {
        pvc_row(p, now)
    })
}

/// PV columns: `NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
/// VOLUMEATTRIBUTESCLASS REASON AGE` + wide `VOLUMEMODE`.
pub fn pv_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Capacity"),
        Column::new("Access Modes"),
        Column::new("Reclaim Policy"),
        Column::new("Status"),
        Column::new("Claim"),
        Column::new("StorageClass"),
        Column::new("VolumeAttributesClass"),
        Column::new("Reason"),
        Column::new("Age"),
        Column::wide("VolumeMode"),
    ]
}

/// One `kubectl get pv` row; CLAIM is `namespace/name`.
pub fn pv_row(pv: &PersistentVolume, now: Timestamp) -> Row {
    let spec = pv.spec.as_ref();
    let status = pv.status.as_ref();
    let claim = spec
        .and_then(|s| s.claim_ref.as_ref())
        .map(|c| {
            format!(
                "{}/{}",
                c.namespace.as_deref().unwrap_or(""),
                c.name.as_deref().unwrap_or("")
            )
        })
        .unwrap_or_default();
    let mut phase = status.and_then(|s| s.phase.clone()).unwrap_or_default();
    if pv.metadata.deletion_timestamp.is_some() {
        phase = "Terminating".to_string();
    }
    let cells = vec![
        pv.metadata.name.clone().unwrap_or_default(),
        storage_of(spec.and_then(|s| s.capacity.as_ref())),
        access_modes_string(spec.and_then(|s| s.access_modes.as_ref())),
        spec.and_then(|s| s.persistent_volume_reclaim_policy.clone())
            .unwrap_or_default(),
        phase,
        claim,
        volume_class(pv),
        unset_or(spec.and_then(|s| s.volume_attributes_class_name.as_ref())),
        status.and_then(|s| s.reason.clone()).unwrap_or_default(),
        translate_timestamp_since(pv.metadata.creation_timestamp.as_ref(), now),
        unset_or(spec.and_then(|s| s.volume_mode.as_ref())),
    ];
    meta_row(&pv.metadata, cells)
}

/// The `kubectl get pv` table.
pub fn pvs_table(items: &[PersistentVolume], now: Timestamp) -> Table {
    table_of(kinds::PERSISTENT_VOLUME, pv_columns(), items, |p| {
        pv_row(p, now)
    })
}

/// StorageClass columns: `NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE`.
pub fn storage_class_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Provisioner"),
        Column::new("ReclaimPolicy"),
        Column::new("VolumeBindingMode"),
        Column::new("AllowVolumeExpansion"),
        Column::new("Age"),
    ]
}

/// Whether a storage class carries the (beta) default-class annotation set to `true`.
pub fn is_default_class(meta: &ObjectMeta) -> bool {
    let a = meta.annotations.as_ref();
    let get = |k: &str| a.and_then(|a| a.get(k)).map(String::as_str);
    get("storageclass.kubernetes.io/is-default-class") == Some("true")
        || get("storageclass.beta.kubernetes.io/is-default-class") == Some("true")
}

/// One `kubectl get storageclass` row; the default class reads `standard (default)`.
pub fn storage_class_row(sc: &StorageClass, now: Timestamp) -> Row {
    let mut name = sc.metadata.name.clone().unwrap_or_default();
    if is_default_class(&sc.metadata) {
        name.push_str(" (default)");
    }
    let cells = vec![
        name,
        sc.provisioner.clone(),
        sc.reclaim_policy
            .clone()
            .unwrap_or_else(|| "Delete".to_string()),
        sc.volume_binding_mode
            .clone()
            .unwrap_or_else(|| "Immediate".to_string()),
        sc.allow_volume_expansion.unwrap_or(false).to_string(),
        translate_timestamp_since(sc.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&sc.metadata, cells)
}

/// The `kubectl get storageclass` table.
pub fn storage_classes_table(items: &[StorageClass], now: Timestamp) -> Table {
    table_of(kinds::STORAGE_CLASS, storage_class_columns(), items, |s| {
        storage_class_row(s, now)
    })
}
