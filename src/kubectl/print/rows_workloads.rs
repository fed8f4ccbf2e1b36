//! Table rows for pods, stateful sets and controller revisions (server-side `printers.go`).
//!
//! Cells are always generated with the wide columns (the server does the same); the printer hides
//! the priority columns unless `-o wide`.

use super::duration::{is_zero_time, translate_timestamp_since};
use super::kinds::{self, ResourceKind, group_kind_lower, group_of_api_version};
use super::table::{Column, Row, Table};
use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{Container, ContainerStatus, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference, Time};
use k8s_openapi::jiff::Timestamp;
use std::borrow::Cow;

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

fn is_restartable(c: Option<&Container>) -> bool {
    c.and_then(|c| c.restart_policy.as_deref()) == Some("Always")
}

fn has_condition(pod: &Pod, type_: &str) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
        .any(|c| c.type_ == type_ && c.status == "True")
}

/// Keeps the latest `lastState.terminated.finishedAt` seen.
fn track_last_restart(last: &mut Option<Timestamp>, cs: &ContainerStatus) {
    let finished = cs
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .map(|t| t.finished_at.as_ref().map(|f| f.0));
    if let Some(finished) = finished {
        let finished = finished.filter(|f| !is_zero_time(*f));
        if finished > *last {
            *last = finished;
        }
    }
}

/// The pod's `READY`, `STATUS` and `RESTARTS` cells (`printPod`).
pub fn pod_status_cells(pod: &Pod, now: Timestamp) -> (String, String, String) {
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let containers = spec.map(|s| s.containers.as_slice()).unwrap_or(&[]);
    let init_specs = spec
        .and_then(|s| s.init_containers.as_deref())
        .unwrap_or(&[]);
    let mut total = containers.len();
    let mut ready = 0usize;
    let mut restarts: i64 = 0;
    let mut restartable_init_restarts: i64 = 0;
    let mut last_restart: Option<Timestamp> = None;
    let mut last_restartable_init: Option<Timestamp> = None;

    let phase = status.and_then(|s| s.phase.as_deref()).unwrap_or("");
    // Borrowed until a reason has to be composed.
    let mut reason: Cow<'_, str> = Cow::Borrowed(phase);
    if let Some(r) = status
        .and_then(|s| s.reason.as_ref())
        .filter(|r| !r.is_empty())
    {
        reason = Cow::Borrowed(r);
    }
    let conditions = status.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
    if conditions
        .iter()
        .any(|c| c.type_ == "PodScheduled" && c.reason.as_deref() == Some("SchedulingGated"))
    {
        reason = Cow::Borrowed("SchedulingGated");
    }
    let init_spec = |name: &str| init_specs.iter().find(|c| c.name == name);
    total += init_specs
        .iter()
        .filter(|c| is_restartable(Some(c)))
        .count();

    let mut initializing = false;
    let init_statuses = status
        .and_then(|s| s.init_container_statuses.as_deref())
        .unwrap_or(&[]);
    for (i, cs) in init_statuses.iter().enumerate() {
        restarts += i64::from(cs.restart_count);
        track_last_restart(&mut last_restart, cs);
        let restartable = is_restartable(init_spec(&cs.name));
        if restartable {
            restartable_init_restarts += i64::from(cs.restart_count);
            track_last_restart(&mut last_restartable_init, cs);
        }
        let state = cs.state.as_ref();
        let terminated = state.and_then(|s| s.terminated.as_ref());
        let waiting = state.and_then(|s| s.waiting.as_ref());
        if terminated.is_some_and(|t| t.exit_code == 0) {
            continue;
        }
        if restartable && cs.started == Some(true) {
            if cs.ready {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            reason = Cow::Owned(match t.reason.as_deref().filter(|r| !r.is_empty()) {
                Some(r) => format!("Init:{r}"),
                None if t.signal.unwrap_or(0) != 0 => {
                    format!("Init:Signal:{}", t.signal.unwrap_or(0))
                }
                None => format!("Init:ExitCode:{}", t.exit_code),
            });
        } else if let Some(r) = waiting
            .and_then(|w| w.reason.as_deref())
            .filter(|r| !r.is_empty() && *r != "PodInitializing")
        {
            reason = Cow::Owned(format!("Init:{r}"));
        } else {
            reason = Cow::Owned(format!("Init:{i}/{}", init_specs.len()));
        }
        initializing = true;
        break;
    }

    if !initializing || has_condition(pod, "Initialized") {
        restarts = restartable_init_restarts;
        last_restart = last_restartable_init;
        let mut has_running = false;
        let statuses = status
            .and_then(|s| s.container_statuses.as_deref())
            .unwrap_or(&[]);
        for cs in statuses.iter().rev() {
            restarts += i64::from(cs.restart_count);
            track_last_restart(&mut last_restart, cs);
            let state = cs.state.as_ref();
            let terminated = state.and_then(|s| s.terminated.as_ref());
            let waiting_reason = state
                .and_then(|s| s.waiting.as_ref())
                .and_then(|w| w.reason.as_deref())
                .filter(|r| !r.is_empty());
            if let Some(r) = waiting_reason {
                reason = Cow::Borrowed(r);
            } else if let Some(t) = terminated {
                reason = match t.reason.as_deref().filter(|r| !r.is_empty()) {
                    Some(r) => Cow::Borrowed(r),
                    None if t.signal.unwrap_or(0) != 0 => {
                        Cow::Owned(format!("Signal:{}", t.signal.unwrap_or(0)))
                    }
                    None => Cow::Owned(format!("ExitCode:{}", t.exit_code)),
                };
            } else if cs.ready && state.is_some_and(|s| s.running.is_some()) {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = Cow::Borrowed(if has_condition(pod, "Ready") {
                "Running"
            } else {
                "NotReady"
            });
        }
    }

    if pod.metadata.deletion_timestamp.is_some() {
        if status.and_then(|s| s.reason.as_deref()) == Some("NodeLost") {
            reason = Cow::Borrowed("Unknown");
        } else if phase != "Failed" && phase != "Succeeded" {
            reason = Cow::Borrowed("Terminating");
        }
    }

    let restarts_text = match last_restart {
        Some(t) if restarts != 0 => {
            format!(
                "{restarts} ({} ago)",
                translate_timestamp_since(Some(&Time(t)), now)
            )
        }
        _ => restarts.to_string(),
    };
    (
        format!("{ready}/{total}"),
        reason.into_owned(),
        restarts_text,
    )
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
