//! Table rows for ConfigMaps, Secrets and EndpointSlices (server-side `printers.go`:
//! printConfigMap, printSecret, printEndpointSlice).

use super::duration::translate_timestamp_since;
use super::rows_workloads::meta_row;
use super::table::{Column, Row};
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use k8s_openapi::api::discovery::v1::EndpointSlice;
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

/// EndpointSlice columns: `NAME ADDRESSTYPE PORTS ENDPOINTS AGE` (printEndpointSlice).
pub fn endpoint_slice_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("AddressType"),
        Column::new("Ports"),
        Column::new("Endpoints"),
        Column::new("Age"),
    ]
}

/// `listWithMoreString`: the first three, then ` + N more...`; `<unset>` when empty.
fn list_with_more(list: &[String], count: usize) -> String {
    const MAX: usize = 3;
    let shown: Vec<&str> = list.iter().take(MAX).map(String::as_str).collect();
    let joined = shown.join(",");
    if count > MAX {
        return format!("{joined} + {} more...", count - MAX);
    }
    if joined.is_empty() {
        "<unset>".to_string()
    } else {
        joined
    }
}

/// One `kubectl get endpointslices` row (formatDiscoveryPorts, formatDiscoveryEndpoints).
pub fn endpoint_slice_row(s: &EndpointSlice, now: Timestamp) -> Row {
    let ports: Vec<String> = s
        .ports
        .iter()
        .flatten()
        .map(|p| match (p.port, &p.name) {
            (Some(n), _) => n.to_string(),
            (None, Some(name)) => name.clone(),
            (None, None) => "*".to_string(),
        })
        .collect();
    let addresses: Vec<String> = s
        .endpoints
        .iter()
        .flatten()
        .flat_map(|e| e.addresses.iter().cloned())
        .collect();
    let cells = vec![
        s.metadata.name.clone().unwrap_or_default(),
        s.address_type.clone(),
        list_with_more(&ports, ports.len()),
        list_with_more(&addresses, addresses.len()),
        translate_timestamp_since(s.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&s.metadata, cells)
}
