//! `kubectl events`: its own table (`LAST SEEN TYPE REASON OBJECT MESSAGE`, OBJECT as `Kind/name`),
//! sorted by the time each event was last seen.

use super::duration::{is_zero_time, translate_micro_timestamp_since, translate_timestamp_since};
use super::table::{Printed, escape_terminal};
use super::tabwriter::TabWriter;
use k8s_openapi::api::core::v1::Event;
use k8s_openapi::jiff::Timestamp;

/// The `LAST SEEN` text: the first-seen age, or `2m (x13 over 23m)` for repeated events.
pub fn event_interval(e: &Event, now: Timestamp) -> String {
    let first = match e.event_time.as_ref().filter(|t| !is_zero_time(t.0)) {
        Some(t) => translate_micro_timestamp_since(Some(t), now),
        None => translate_timestamp_since(e.first_timestamp.as_ref(), now),
    };
    if let Some(series) = e.series.as_ref() {
        let last = translate_micro_timestamp_since(series.last_observed_time.as_ref(), now);
        return format!("{last} (x{} over {first})", series.count.unwrap_or(0));
    }
    let count = e.count.unwrap_or(0);
    if count > 1 {
        let last = translate_timestamp_since(e.last_timestamp.as_ref(), now);
        return format!("{last} (x{count} over {first})");
    }
    first
}

/// The time `kubectl events` sorts by: series last observed, else last timestamp, else event time.
pub fn event_sort_time(e: &Event) -> Option<Timestamp> {
    if let Some(series) = e.series.as_ref() {
        return series.last_observed_time.as_ref().map(|t| t.0);
    }
    if let Some(t) = e.last_timestamp.as_ref().filter(|t| !is_zero_time(t.0)) {
        return Some(t.0);
    }
    e.event_time.as_ref().map(|t| t.0)
}

/// `kubectl events [-A] [--no-headers]`; `namespace` is used in the empty-result message.
pub fn render_events(
    events: &[Event],
    now: Timestamp,
    all_namespaces: bool,
    no_headers: bool,
    namespace: &str,
) -> Printed {
    if events.is_empty() {
        let stderr = if all_namespaces {
            "No events found.\n".to_string()
        } else {
            format!("No events found in {namespace} namespace.\n")
        };
        return Printed {
            stdout: String::new(),
            stderr,
        };
    }
    let mut sorted: Vec<&Event> = events.iter().collect();
    crate::order::sort_by_key(&mut sorted, |e| event_sort_time(e));
    let mut tw = TabWriter::for_tables();
    if !no_headers {
        if all_namespaces {
            tw.write("NAMESPACE\t");
        }
        tw.write("LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n");
    }
    for e in sorted {
        let mut line = String::new();
        if all_namespaces {
            line.push_str(e.metadata.namespace.as_deref().unwrap_or(""));
            line.push('\t');
        }
        let obj = &e.involved_object;
        line.push_str(&format!(
            "{}\t{}\t{}\t{}/{}\t{}\n",
            event_interval(e, now),
            escape_terminal(e.type_.as_deref().unwrap_or("")),
            escape_terminal(e.reason.as_deref().unwrap_or("")),
            escape_terminal(obj.kind.as_deref().unwrap_or("")),
            escape_terminal(obj.name.as_deref().unwrap_or("")),
            escape_terminal(e.message.as_deref().unwrap_or("").trim()),
        ));
        tw.write(&line);
    }
    tw.flush();
    Printed {
        stdout: tw.take_output(),
        stderr: String::new(),
    }
}
