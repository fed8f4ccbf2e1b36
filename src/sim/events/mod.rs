//! The event recorder: core/v1 Events with client-go's aggregation of identical events into counts.

use std::collections::hash_map::Entry;

use k8s_openapi::api::core::v1::Event;

use super::Cluster;

mod facts;

pub use facts::Facts;
use facts::{Part, Recorded};

/// Whether an event reports normal progress or a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// `Normal`.
    Normal,
    /// `Warning`.
    Warning,
}

impl EventType {
    fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// Appends `value` as `{:?}` prints an `Option<&str>`, without the formatter for plain text.
fn push_debug(out: &mut String, value: Option<&str>) {
    match value {
        None => out.push_str("None"),
        // The check visits every byte without stopping early, so the compiler can vectorise it.
        Some(v)
            if v.bytes().fold(true, |plain, b| {
                plain & (b' '..=b'~').contains(&b) & (b != b'"') & (b != b'\\')
            }) =>
        {
            out.push_str("Some(\"");
            out.push_str(v);
            out.push_str("\")");
        }
        Some(v) => out.push_str(&format!("{:?}", Some(v))),
    }
}

/// `{object}.{stamp:016x}`, the name client-go gives a new event, without the formatter.
fn event_name(object: &str, stamp: u64) -> String {
    let digits = super::hex::digits(stamp);
    let mut name = String::with_capacity(object.len() + 1 + digits.len());
    name.push_str(object);
    name.push('.');
    name.push_str(std::str::from_utf8(&digits).unwrap_or_default());
    name
}

impl Cluster {
    /// Records an event with `facts`, or counts it again if the same event was recorded before.
    pub fn record_event(&mut self, facts: Facts) {
        let now = self.clock.time();
        let namespace = facts.get(Part::Namespace).unwrap_or("default");
        let kind_name = facts.involved.name();
        let same = |e: &Event| {
            let o = &e.involved_object;
            o.uid.as_deref() == facts.get(Part::Uid)
                && o.name.as_deref() == facts.get(Part::Name)
                && o.kind.as_deref() == Some(kind_name)
                && o.field_path.as_deref() == facts.get(Part::FieldPath)
                && e.reason.as_deref() == facts.get(Part::Reason)
                && e.message.as_deref() == facts.get(Part::Message)
                && e.type_.as_deref() == Some(facts.kind.as_str())
                && e.source.as_ref().and_then(|s| s.component.as_deref())
                    == facts.get(Part::Component)
        };
        let mut index_key = String::with_capacity(namespace.len() + kind_name.len() + 160);
        index_key.push_str(namespace);
        for part in [
            facts.get(Part::Uid),
            Some(kind_name),
            facts.get(Part::Name),
            facts.get(Part::FieldPath),
        ] {
            index_key.push('|');
            push_debug(&mut index_key, part);
        }
        for part in [
            facts.text(Part::Reason),
            facts.text(Part::Message),
            facts.kind.as_str(),
            facts.text(Part::Component),
        ] {
            index_key.push('|');
            index_key.push_str(part);
        }
        // The index finds the event to aggregate into without scanning every event; one entry
        // serves both the lookup and the insertion of a new event's name.
        let entry = self.event_index.entry(index_key);
        if let Entry::Occupied(o) = &entry
            && self
                .store
                .get::<Event>(namespace, o.get())
                .is_some_and(same)
        {
            self.store.edit::<Event>(namespace, o.get(), |e| {
                e.count = Some(e.count.unwrap_or(1) + 1);
                e.last_timestamp = Some(now);
                true
            });
            return;
        }
        self.event_seq += 1;
        let name = event_name(
            facts.text(Part::Name),
            (crate::sim::clock::EPOCH_UNIX_MS as u64)
                .wrapping_mul(1_000_000)
                .wrapping_add(self.clock.now_ms * 1_000_000 + self.event_seq),
        );
        let key = super::store::key(namespace, &name);
        match entry {
            Entry::Occupied(mut o) => {
                o.insert(name);
            }
            Entry::Vacant(v) => {
                v.insert(name);
            }
        }
        let recorded = Recorded {
            facts,
            uid: self.rng.uuid_bits(),
            at: now,
        };
        self.store.put_pending::<Event, _>(key, recorded);
    }

    /// Events about the object at `namespace/name` of kind `kind_name`, oldest first.
    pub fn events_for(&self, kind_name: &str, namespace: &str, name: &str) -> Vec<&Event> {
        let ns = if namespace.is_empty() {
            "default"
        } else {
            namespace
        }
        .to_string();
        let mut out: Vec<&Event> = self
            .store
            .events
            .range(format!("{ns}/")..format!("{ns}0"))
            .map(|(_, e)| &**e)
            .filter(|e| {
                e.involved_object.kind.as_deref() == Some(kind_name)
                    && e.involved_object.name.as_deref() == Some(name)
            })
            .collect();
        crate::order::sort_by_key(&mut out, |e| {
            (
                e.first_timestamp.as_ref().map(|t| t.0),
                e.metadata.name.clone(),
            )
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{event_name, push_debug};

    #[test]
    fn event_names_print_the_stamp_as_sixteen_hex_digits() {
        for stamp in [0u64, 1, 0xabc, u64::MAX, 1_784_628_000_000_000_123] {
            assert_eq!(event_name("web-0", stamp), format!("web-0.{stamp:016x}"));
        }
    }

    #[test]
    fn the_index_key_parts_print_as_debug_does() {
        for v in [
            None,
            Some(""),
            Some("web-0"),
            Some("spec.containers{nginx}"),
            Some("it's \"quoted\" \\ é\n\t"),
        ] {
            let mut out = String::new();
            push_debug(&mut out, v);
            assert_eq!(out, format!("{v:?}"));
        }
    }
}
