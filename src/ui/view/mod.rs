//! Data the page draws, derived from the cluster by pure functions.

pub mod classify;
pub mod cluster;
pub mod inspect;
pub mod services;
pub mod timeline;
pub mod types;

use k8s_openapi::api::core::v1::Event;

use crate::kubectl::print::rows_events::event_row;
use crate::sim::Cluster;

/// Most events the live list keeps (the newest).
pub const MAX_EVENTS: usize = 100;

/// The column positions of `kubectl get events` without `-o wide`: LAST SEEN, TYPE, REASON,
/// OBJECT, MESSAGE.
const EVENT_COLUMNS: [usize; 5] = [0, 1, 2, 3, 6];

/// One row of the live event list, as `kubectl get events` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// Store key, stable across updates of the same (aggregated) event.
    pub key: String,
    /// LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
    pub cells: [String; 5],
}

/// The newest events of a namespace, oldest first, with kubectl's cells.
pub fn event_rows(cluster: &Cluster, namespace: &str) -> Vec<EventRow> {
    let now = cluster.clock.timestamp();
    let last_seen = |e: &Event| {
        e.last_timestamp
            .as_ref()
            .map(|t| t.0)
            .or(e.event_time.as_ref().map(|t| t.0))
    };
    let mut events: Vec<(Option<jiff::Timestamp>, &String, &Event)> = cluster
        .store
        .events
        .range(format!("{namespace}/")..format!("{namespace}0"))
        .map(|(key, e)| (last_seen(e), key, &**e))
        .collect();
    // Only the newest few are shown: pick them first, then sort just those.
    if events.len() > MAX_EVENTS {
        let cut = events.len() - MAX_EVENTS;
        events.select_nth_unstable_by(cut, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        events.drain(..cut);
    }
    crate::order::sort_by(&mut events, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    events
        .into_iter()
        .map(|(_, key, e)| {
            let row = event_row(e, now);
            let cell = |i: usize| row.cells.get(i).cloned().unwrap_or_default();
            EventRow {
                key: key.clone(),
                cells: EVENT_COLUMNS.map(cell),
            }
        })
        .collect()
}
