//! Table rows for pods, stateful sets and controller revisions (server-side `printers.go`).
//!
//! Cells are always generated with the wide columns (the server does the same); the printer hides
//! the priority columns unless `-o wide`.

use super::duration::translate_timestamp_since;
use super::kinds::{self, ResourceKind, group_kind_lower, group_of_api_version};
use super::table::{Column, Row, Table};
use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{Container, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::jiff::Timestamp;

pub use super::pod_status::pod_status_cells;

/// A row carrying the object's namespace and labels for the decorations.
pub fn meta_row(meta: &ObjectMeta, cells: Vec<String>) -> Row {
    Row {
        cells,
        namespace: meta.namespace.clone().unwrap_or_default(),
        labels: meta.labels.clone().unwrap_or_default(),
    }
}

/// Builds a table of one kind from objects and a row function.
pub fn table_of<T>(
    kind: ResourceKind,
    columns: Vec<Column>,
    items: &[T],
    row: impl Fn(&T) -> Row,
) -> Table {
    Table {
        kind,
        columns,
        rows: items.iter().map(row).collect(),
    }
}

/// `metav1.GetControllerOf`.
pub fn controller_of(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references
        .iter()
        .flatten()
        .find(|r| r.controller == Some(true))
}

/// Pod columns: `NAME READY STATUS RESTARTS AGE` + wide `IP NODE NOMINATED NODE READINESS GATES`.
pub fn pod_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Ready"),
        Column::new("Status"),
        Column::new("Restarts"),
        Column::new("Age"),
        Column::wide("IP"),
        Column::wide("Node"),
        Column::wide("Nominated Node"),
        Column::wide("Readiness Gates"),
    ]
}

fn or_none(s: Option<&str>) -> String {
    match s {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "<none>".to_string(),
    }
}

/// One `kubectl get pods` row.
pub fn pod_row(pod: &Pod, now: Timestamp) -> Row {
    let (ready, status, restarts) = pod_status_cells(pod, now);
    let st = pod.status.as_ref();
    let spec = pod.spec.as_ref();
    let ip = st
        .and_then(|s| s.pod_ips.as_ref())
        .and_then(|ips| ips.first())
        .map(|p| p.ip.clone())
        .or_else(|| st.and_then(|s| s.pod_ip.clone()));
    let gates = spec
        .and_then(|s| s.readiness_gates.as_deref())
        .unwrap_or(&[]);
    let readiness = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let conditions = st.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
        let true_count = gates
            .iter()
            .filter(|g| {
                conditions
                    .iter()
                    .find(|c| c.type_ == g.condition_type)
                    .is_some_and(|c| c.status == "True")
            })
            .count();
        format!("{true_count}/{}", gates.len())
    };
    let cells = vec![
        pod.metadata.name.clone().unwrap_or_default(),
        ready,
        status,
        restarts,
        translate_timestamp_since(pod.metadata.creation_timestamp.as_ref(), now),
        or_none(ip.as_deref()),
        or_none(spec.and_then(|s| s.node_name.as_deref())),
        or_none(st.and_then(|s| s.nominated_node_name.as_deref())),
        readiness,
    ];
    meta_row(&pod.metadata, cells)
}

/// The `kubectl get pods` table.
pub fn pods_table(pods: &[Pod], now: Timestamp) -> Table {
    table_of(kinds::POD, pod_columns(), pods, |p| pod_row(p, now))
}

/// Container names and images, comma-joined (`layoutContainerCells`).
pub fn container_cells(containers: &[Container]) -> (String, String) {
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = containers
        .iter()
        .map(|c| c.image.as_deref().unwrap_or(""))
        .collect();
    (names.join(","), images.join(","))
}

/// StatefulSet columns: `NAME READY AGE` + wide `CONTAINERS IMAGES`.
pub fn stateful_set_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Ready"),
        Column::new("Age"),
        Column::wide("Containers"),
        Column::wide("Images"),
    ]
}

/// One `kubectl get statefulsets` row; READY is `readyReplicas/spec.replicas`.
pub fn stateful_set_row(sts: &StatefulSet, now: Timestamp) -> Row {
    let desired = sts.spec.replicas.unwrap_or(1);
    let ready = sts
        .status
        .as_ref()
        .and_then(|s| s.ready_replicas)
        .unwrap_or(0);
    let containers = sts
        .spec
        .template
        .spec
        .as_ref()
        .map(|s| s.containers.as_slice())
        .unwrap_or(&[]);
    let (names, images) = container_cells(containers);
    let cells = vec![
        sts.metadata.name.clone().unwrap_or_default(),
        format!("{ready}/{desired}"),
        translate_timestamp_since(sts.metadata.creation_timestamp.as_ref(), now),
        names,
        images,
    ];
    meta_row(&sts.metadata, cells)
}

/// The `kubectl get statefulsets` table.
pub fn stateful_sets_table(items: &[StatefulSet], now: Timestamp) -> Table {
    table_of(kinds::STATEFUL_SET, stateful_set_columns(), items, |s| {
        stateful_set_row(s, now)
    })
}

/// ControllerRevision columns: `NAME CONTROLLER REVISION AGE`.
pub fn controller_revision_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Controller"),
        Column::new("Revision"),
        Column::new("Age"),
    ]
}

/// One `kubectl get controllerrevisions` row; CONTROLLER is `statefulset.apps/web`.
pub fn controller_revision_row(cr: &ControllerRevision, now: Timestamp) -> Row {
    let controller = match controller_of(&cr.metadata) {
        Some(r) => format!(
            "{}/{}",
            group_kind_lower(&r.kind, group_of_api_version(&r.api_version)),
            r.name
        ),
        None => "<none>".to_string(),
    };
    let cells = vec![
        cr.metadata.name.clone().unwrap_or_default(),
        controller,
        cr.revision.unwrap_or(0).to_string(),
        translate_timestamp_since(cr.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&cr.metadata, cells)
}

/// The `kubectl get controllerrevisions` table.
pub fn controller_revisions_table(items: &[ControllerRevision], now: Timestamp) -> Table {
    table_of(
        kinds::CONTROLLER_REVISION,
        controller_revision_columns(),
        items,
        |c| controller_revision_row(c, now),
    )
}
