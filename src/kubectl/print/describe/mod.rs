//! `kubectl describe` layouts (kubectl `pkg/describe/describe.go`, v1.37).
//!
//! Output goes through a tabwriter with minwidth 0, tabwidth 8, padding 2; each nesting level adds
//! two spaces; a line without a tab ends an alignment block. Timestamps are RFC1123Z in UTC.

mod config;
mod env_probe;
mod network;
mod node;
mod pdb;
mod pod;
mod slice;
mod storage;
mod template;
mod volumes;
mod workloads;

pub use config::{describe_config_map, describe_secret};
pub use env_probe::describe_probe;
pub use network::describe_service;
pub use node::describe_node;
pub use pdb::describe_pdb;
pub use pod::{describe_pod, pod_qos};
pub use slice::describe_endpoint_slice;
pub use storage::{describe_pv, describe_pvc};
pub use template::describe_pod_template;
pub use workloads::describe_stateful_set;

use super::duration::{is_zero_time, translate_micro_timestamp_since, translate_timestamp_since};
use super::tabwriter::TabWriter;
use k8s_openapi::api::core::v1::{Event, Taint, Toleration};
use k8s_openapi::jiff::Timestamp;
use std::collections::BTreeMap;

/// Annotations `kubectl describe` never shows.
const SKIP_ANNOTATIONS: [&str; 1] = ["kubectl.kubernetes.io/last-applied-configuration"];
/// Longest annotation line before it is wrapped and cut.
const MAX_ANNOTATION_LEN: usize = 140;

/// kubectl's `PrefixWriter`: indents by level and feeds the describe tabwriter.
pub struct PrefixWriter {
    tw: TabWriter,
    /// Text written without alignment (a writer straight onto a buffer, as `rollout history` uses).
    raw: Option<String>,
}

impl Default for PrefixWriter {
    fn default() -> Self {
        PrefixWriter::new()
    }
}

impl PrefixWriter {
    /// A writer with the describe tabwriter settings.
    pub fn new() -> PrefixWriter {
        PrefixWriter {
            tw: TabWriter::for_describe(),
            raw: None,
        }
    }

    /// A writer whose tabs are written as they are, not aligned (kubectl's `rollout history
    /// --revision` describes the pod template straight into a buffer).
    pub fn raw() -> PrefixWriter {
        PrefixWriter {
            tw: TabWriter::for_describe(),
            raw: Some(String::new()),
        }
    }

    /// Writes `text` after `level` two-space indents (terminal control characters escaped).
    pub fn write(&mut self, level: usize, text: &str) {
        let mut s = "  ".repeat(level);
        s.push_str(text);
        match &mut self.raw {
            Some(buf) => buf.push_str(&escape(&s)),
            None => self.tw.write(&escape(&s)),
        }
    }

    /// Writes `text` and a newline without indentation.
    pub fn write_line(&mut self, text: &str) {
        let s = escape(&format!("{text}\n"));
        match &mut self.raw {
            Some(buf) => buf.push_str(&s),
            None => self.tw.write(&s),
        }
    }

    /// Flushes the tabwriter, ending every alignment block.
    pub fn flush(&mut self) {
        self.tw.flush();
    }

    /// Flushes and returns everything written.
    pub fn finish(mut self) -> String {
        if let Some(buf) = self.raw.take() {
            return buf;
        }
        self.tw.flush();
        self.tw.take_output()
    }
}

fn escape(s: &str) -> String {
    if s.contains(['\u{1b}', '\r']) {
        s.replace('\u{1b}', "^[").replace('\r', "\\r")
    } else {
        s.to_string()
    }
}

/// `True` / `False`.
pub fn print_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Cuts a string to `max` bytes (on a char boundary) and appends `...`.
fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", s.get(..end).unwrap_or(""))
}

/// `Labels:  a=b` with continuation lines aligned under the first value.
pub fn print_labels_multiline(
    w: &mut PrefixWriter,
    title: &str,
    labels: Option<&BTreeMap<String, String>>,
) {
    print_labels_multiline_with_indent(w, "", title, "\t", labels);
}

/// The general form with an initial indent and the separator before values.
pub fn print_labels_multiline_with_indent(
    w: &mut PrefixWriter,
    initial: &str,
    title: &str,
    inner: &str,
    labels: Option<&BTreeMap<String, String>>,
) {
    w.write(0, &format!("{initial}{title}:{inner}"));
    let entries: Vec<(&String, &String)> = labels.into_iter().flatten().collect();
    if entries.is_empty() {
        w.write_line("<none>");
        return;
    }
    for (i, (k, v)) in entries.iter().enumerate() {
        if i != 0 {
            w.write(0, initial);
            w.write(0, inner);
        }
        w.write(0, &format!("{k}={v}\n"));
    }
}

/// `Annotations:` with long or multi-line values wrapped under the key.
pub fn print_annotations_multiline(
    w: &mut PrefixWriter,
    title: &str,
    annotations: Option<&BTreeMap<String, String>>,
) {
    w.write(0, &format!("{title}:\t"));
    let entries: Vec<(&String, &String)> = annotations
        .into_iter()
        .flatten()
        .filter(|(k, _)| !SKIP_ANNOTATIONS.contains(&k.as_str()))
        .collect();
    if entries.is_empty() {
        w.write_line("<none>");
        return;
    }
    let indent = "\t";
    for (i, (k, v)) in entries.iter().enumerate() {
        if i != 0 {
            w.write(0, indent);
        }
        let value = v.strip_suffix('\n').unwrap_or(v);
        if value.len() + k.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{k}:\n"));
            for s in value.split('\n') {
                w.write(
                    0,
                    &format!("{indent}  {}\n", shorten(s, MAX_ANNOTATION_LEN - 2)),
                );
            }
        } else {
            w.write(0, &format!("{k}: {value}\n"));
        }
    }
}

/// `Tolerations:` sorted by key, `key=value:Effect op=Exists for 300s`.
pub fn print_tolerations(w: &mut PrefixWriter, title: &str, tolerations: Option<&Vec<Toleration>>) {
    w.write(0, &format!("{title}:\t"));
    let mut list: Vec<&Toleration> = tolerations.into_iter().flatten().collect();
    if list.is_empty() {
        w.write_line("<none>");
        return;
    }
    crate::order::sort_by(&mut list, |a, b| a.key.cmp(&b.key));
    for (i, t) in list.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let key = t.key.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        let mut s = key.to_string();
        if !value.is_empty() {
            s.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            s.push_str(&format!(":{effect}"));
        }
        if t.operator.as_deref() == Some("Exists") && value.is_empty() {
            s.push_str(if key.is_empty() && effect.is_empty() {
                "op=Exists"
            } else {
                " op=Exists"
            });
        }
        if let Some(secs) = t.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        w.write(0, &format!("{s}\n"));
    }
}

/// `Taints:` sorted by effect then key, `key=value:Effect`.
pub fn print_taints(w: &mut PrefixWriter, title: &str, taints: Option<&Vec<Taint>>) {
    w.write(0, &format!("{title}:\t"));
    let mut list: Vec<&Taint> = taints.into_iter().flatten().collect();
    if list.is_empty() {
        w.write_line("<none>");
        return;
    }
    crate::order::sort_by(&mut list, |a, b| {
        format!("{},{}", a.effect, a.key).cmp(&format!("{},{}", b.effect, b.key))
    });
    for (i, t) in list.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        match t.value.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => w.write(0, &format!("{}={v}:{}\n", t.key, t.effect)),
            None => w.write(0, &format!("{}:{}\n", t.key, t.effect)),
        }
    }
}

/// The `Age` cell of an event: `52s`, or `2m (x13 over 23m)` when it repeated.
pub fn event_age(e: &Event, now: Timestamp) -> String {
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

/// The `Events:` section; `None` means events are not shown (`--show-events=false`).
pub fn describe_events(w: &mut PrefixWriter, events: Option<&[Event]>, now: Timestamp) {
    let Some(events) = events else {
        return;
    };
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    let mut sorted: Vec<&Event> = events.iter().collect();
    crate::order::sort_by_key(&mut sorted, |e| e.last_timestamp.as_ref().map(|t| t.0));
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let source = e
            .source
            .as_ref()
            .and_then(|s| s.component.clone())
            .filter(|c| !c.is_empty())
            .or_else(|| e.reporting_component.clone())
            .unwrap_or_default();
        let mut message = e.message.as_deref().unwrap_or("").trim().to_string();
        if let Some(fp) = e
            .involved_object
            .field_path
            .as_deref()
            .filter(|f| !f.is_empty())
        {
            // kubectl 1.35+ names the container the event is about.
            message = format!("{fp}: {message}");
        }
        w.write(
            1,
            &format!(
                "{}\t{}\t{}\t{source}\t{message}\n",
                e.type_.as_deref().unwrap_or(""),
                e.reason.as_deref().unwrap_or(""),
                event_age(e, now),
            ),
        );
    }
}

/// The events whose involved object is the given one (kubectl's event search).
pub fn events_for<'e>(
    events: &'e [Event],
    kind: &str,
    namespace: Option<&str>,
    name: &str,
    uid: Option<&str>,
) -> Vec<Event> {
    events
        .iter()
        .filter(|e: &&'e Event| {
            let o = &e.involved_object;
            o.kind.as_deref() == Some(kind)
                && o.name.as_deref() == Some(name)
                && (namespace.is_none() || o.namespace.as_deref() == namespace)
                && (uid.is_none() || o.uid.as_deref() == uid || o.uid.is_none())
        })
        .cloned()
        .collect()
}
