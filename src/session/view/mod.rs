//! Data the page draws, derived from the cluster by pure functions.

pub mod classify;
pub mod cluster;
pub mod inspect;
pub mod lesson;
pub mod services;
pub mod timeline;
pub mod types;

use k8s_openapi::api::core::v1::Event;

use crate::kubectl::print::rows_events::event_row;
use crate::sim::Cluster;
use crate::sim::store::Peek;

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
    let now = cluster.world.clock.timestamp();
    let last_seen = |e: &Event| {
        e.last_timestamp
            .as_ref()
            .map(|t| t.0)
            .or(e.event_time.as_ref().map(|t| t.0))
    };
    let table = &cluster.world.store.events;
    // Events not yet read are held as the facts they are made from; peeking at their time makes
    // none of them, so only the newest few, the ones shown, are made.
    let mut events: Vec<(Option<jiff::Timestamp>, &String)> = table
        .range_peek(format!("{namespace}/")..format!("{namespace}0"))
        .map(|(key, peek)| {
            let seen = match peek {
                Peek::Made(e) => last_seen(e),
                Peek::Pending(at) => at,
            };
            (seen, key)
        })
        .collect();
    if events.len() > MAX_EVENTS {
        let cut = events.len() - MAX_EVENTS;
        events.select_nth_unstable(cut);
        events.drain(..cut);
    }
    crate::order::sort_by(&mut events, Ord::cmp);
    events
        .into_iter()
        .filter_map(|(_, key)| Some((key, &**table.get(key)?)))
        .map(|(key, e)| {
            let row = event_row(e, now);
            let cell = |i: usize| row.cells.get(i).cloned().unwrap_or_default();
            EventRow {
                key: key.clone(),
                cells: EVENT_COLUMNS.map(cell),
            }
        })
        .collect()
}
