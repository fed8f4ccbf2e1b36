//! Table rows for PodDisruptionBudgets (server-side `printers.go` printPodDisruptionBudget).

use super::duration::translate_timestamp_since;
use super::rows_workloads::meta_row;
use super::table::{Column, Row};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::Timestamp;

/// PodDisruptionBudget columns: `NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE`.
pub fn pdb_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Min Available"),
        Column::new("Max Unavailable"),
        Column::new("Allowed Disruptions"),
        Column::new("Age"),
    ]
}

/// IntOrString.String(): the number or the text as written.
pub fn int_or_string_text(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

/// One `kubectl get pdb` row: the unset bound reads N/A.
pub fn pdb_row(pdb: &PodDisruptionBudget, now: Timestamp) -> Row {
    let spec = pdb.spec.clone().unwrap_or_default();
    let bound = |v: Option<&IntOrString>| v.map_or("N/A".to_string(), int_or_string_text);
    let allowed = pdb.status.as_ref().and_then(|s| s.disruptions_allowed);
    let cells = vec![
        pdb.metadata.name.clone().unwrap_or_default(),
        bound(spec.min_available.as_ref()),
        bound(spec.max_unavailable.as_ref()),
        allowed.unwrap_or(0).to_string(),
        translate_timestamp_since(pdb.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&pdb.metadata, cells)
}
