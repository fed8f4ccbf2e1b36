//! Table rows for `kubectl get events` (server-side `printers.go`).

use super::duration::{is_zero_time, translate_micro_timestamp_since, translate_timestamp_since};
use super::kinds;
use super::rows_workloads::{meta_row, table_of};
use super::table::{Column, Row, Table};
use k8s_openapi::api::core::v1::Event;
use k8s_openapi::jiff::Timestamp;

/// Event columns: `LAST SEEN TYPE REASON OBJECT MESSAGE` + wide subobject, source, first seen,
/// count and name.
pub fn event_columns() -> Vec<Column> {
    vec![
        Column::new("Last Seen"),
        Column::new("Type"),
        Column::new("Reason"),
        Column::new("Object"),
        Column::wide("Subobject"),
        Column::wide("Source"),
        Column::new("Message"),
        Column::wide("First Seen"),
        Column::wide("Count"),
        Column {
            is_name: true,
            ..Column::wide("Name")
        },
    ]
}

fn first_non_empty(a: Option<&String>, b: Option<&String>) -> String {
    a.filter(|s| !s.is_empty())
        .or(b.filter(|s| !s.is_empty()))
        .cloned()
        .unwrap_or_default()
}

/// `component, host` of an event's source (falling back to the reporting fields).
pub fn event_source(e: &Event) -> String {
    let src = e.source.as_ref();
    let component = first_non_empty(
        src.and_then(|s| s.component.as_ref()),
        e.reporting_component.as_ref(),
    );
    let instance = first_non_empty(
        src.and_then(|s| s.host.as_ref()),
        e.reporting_instance.as_ref(),
    );
    if instance.is_empty() {
        component
    } else {
        format!("{component}, {instance}")
    }
}

/// One `kubectl get events` row; OBJECT is `pod/web-0`.
pub fn event_row(e: &Event, now: Timestamp) -> Row {
    let first = match e.first_timestamp.as_ref().filter(|t| !is_zero_time(t.0)) {
        Some(t) => translate_timestamp_since(Some(t), now),
        None => translate_micro_timestamp_since(e.event_time.as_ref(), now),
    };
    let mut last = match e.last_timestamp.as_ref().filter(|t| !is_zero_time(t.0)) {
        Some(t) => translate_timestamp_since(Some(t), now),
        None => first.clone(),
    };
    let mut count = e.count.unwrap_or(0);
    if let Some(series) = e.series.as_ref() {
        last = translate_micro_timestamp_since(series.last_observed_time.as_ref(), now);
        count = series.count.unwrap_or(0);
    } else if count == 0 {
        // Singleton events of the new API carry no count.
        count = 1;
    }
    let obj = &e.involved_object;
    let kind = obj.kind.as_deref().unwrap_or("").to_lowercase();
    let target = match obj.name.as_deref() {
        Some(n) if !n.is_empty() => format!("{kind}/{n}"),
        _ => kind,
    };
    let cells = vec![
        last,
        e.type_.clone().unwrap_or_default(),
        e.reason.clone().unwrap_or_default(),
        target,
        obj.field_path.clone().unwrap_or_default(),
        event_source(e),
        e.message.as_deref().unwrap_or("").trim().to_string(),
        first,
        count.to_string(),
        e.metadata.name.clone().unwrap_or_default(),
    ];
    meta_row(&e.metadata, cells)
}

/// The `kubectl get events` table (rows in the given order).
pub fn events_table(items: &[Event], now: Timestamp) -> Table {
    table_of(kinds::EVENT, event_columns(), items, |e| event_row(e, now))
}
