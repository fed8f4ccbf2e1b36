//! Table rows for ConfigMaps and Secrets (server-side `printers.go`: printConfigMap,
//! printSecret).

use super::duration::translate_timestamp_since;
use super::rows_workloads::meta_row;
use super::table::{Column, Row};
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use k8s_openapi::jiff::Timestamp;

/// ConfigMap columns: `NAME DATA AGE`.
pub fn config_map_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Data"),
        Column::new("Age"),
    ]
}

/// One `kubectl get configmaps` row: DATA counts the keys of `data` and `binaryData`.
pub fn config_map_row(cm: &ConfigMap, now: Timestamp) -> Row {
    let count =
        cm.data.as_ref().map_or(0, |d| d.len()) + cm.binary_data.as_ref().map_or(0, |d| d.len());
    let cells = vec![
        cm.metadata.name.clone().unwrap_or_default(),
        count.to_string(),
        translate_timestamp_since(cm.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&cm.metadata, cells)
}

/// Secret columns: `NAME TYPE DATA AGE`.
pub fn secret_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Type"),
        Column::new("Data"),
        Column::new("Age"),
    ]
}

/// One `kubectl get secrets` row.
pub fn secret_row(s: &Secret, now: Timestamp) -> Row {
    let cells = vec![
        s.metadata.name.clone().unwrap_or_default(),
        s.type_.clone().unwrap_or_default(),
        s.data.as_ref().map_or(0, |d| d.len()).to_string(),
        translate_timestamp_since(s.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&s.metadata, cells)
}
