//! The event recorder: core/v1 Events with client-go's aggregation of identical events into counts.

use std::collections::hash_map::Entry;

use k8s_openapi::api::core::v1::{Event, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

use super::Cluster;
use super::kind::Object;
use super::store::Recipe;

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

/// A reference to `obj` as events name their involved object.
pub fn reference_to<T: Object>(obj: &T) -> ObjectReference {
    let meta = obj.metadata();
    ObjectReference {
        api_version: Some(T::SIM_KIND.api_version().to_string()),
        kind: Some(T::SIM_KIND.name().to_string()),
        name: meta.name.clone(),
        namespace: meta.namespace.clone(),
        uid: meta.uid.clone(),
        resource_version: meta.resource_version.clone(),
        field_path: None,
    }
}

/// Appends `value` as `{:?}` prints an `Option<&str>`, without the formatter for plain text.
fn push_debug(out: &mut String, value: Option<&str>) {
    match value {
        None => out.push_str("None"),
        Some(v)
            if v.bytes()
                .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\') =>
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

/// A new event's facts. Most events are never read, so the API's Event, a kilobyte of optional
/// fields with a string for each, is made from these only when someone reads it.
struct Recorded {
    involved: ObjectReference,
    kind: EventType,
    reason: String,
    message: String,
    component: String,
    host: Option<String>,
    uid: String,
    at: Time,
}

impl Recipe<Event> for Recorded {
    fn make(&self, key: &str, rv: u64) -> Event {
        let (namespace, name) = key.split_once('/').unwrap_or(("", key));
        Event {
            metadata: ObjectMeta {
                name: Some(name.to_string()),
                namespace: Some(namespace.to_string()),
                uid: Some(self.uid.clone()),
                creation_timestamp: Some(self.at.clone()),
                resource_version: Some(rv.to_string()),
                ..Default::default()
            },
            involved_object: self.involved.clone(),
            reason: Some(self.reason.clone()),
            message: Some(self.message.clone()),
            type_: Some(self.kind.as_str().to_string()),
            source: Some(EventSource {
                component: Some(self.component.clone()),
                host: self.host.clone(),
            }),
            first_timestamp: Some(self.at.clone()),
            last_timestamp: Some(self.at.clone()),
            count: Some(1),
            reporting_component: Some(self.component.clone()),
            reporting_instance: Some(self.host.clone().unwrap_or_default()),
            ..Default::default()
        }
    }
}

impl Cluster {
    /// Records an event about `involved` from `component` (on `host` for kubelet events).
    pub fn record_event(
        &mut self,
        involved: ObjectReference,
        kind: EventType,
        reason: &str,
        message: &str,
        component: &str,
        host: Option<&str>,
    ) {
        let now = self.clock.time();
        let namespace = involved
            .namespace
            .clone()
            .unwrap_or_else(|| "default".to_string());
        let same = |e: &Event| {
            e.involved_object.uid == involved.uid
                && e.involved_object.name == involved.name
                && e.involved_object.kind == involved.kind
                && e.involved_object.field_path == involved.field_path
                && e.reason.as_deref() == Some(reason)
                && e.message.as_deref() == Some(message)
                && e.type_.as_deref() == Some(kind.as_str())
                && e.source.as_ref().and_then(|s| s.component.as_deref()) == Some(component)
        };
        let mut index_key = String::with_capacity(
            namespace.len() + reason.len() + message.len() + component.len() + 128,
        );
        index_key.push_str(&namespace);
        for part in [
            &involved.uid,
            &involved.kind,
            &involved.name,
            &involved.field_path,
        ] {
            index_key.push('|');
            push_debug(&mut index_key, part.as_deref());
        }
        for part in [reason, message, kind.as_str(), component] {
            index_key.push('|');
            index_key.push_str(part);
        }
        // The index finds the event to aggregate into without scanning every event; one entry
        // serves both the lookup and the insertion of a new event's name.
        let entry = self.event_index.entry(index_key);
        if let Entry::Occupied(o) = &entry
            && self
                .store
                .get::<Event>(&namespace, o.get())
                .is_some_and(same)
        {
            self.store.edit::<Event>(&namespace, o.get(), |e| {
                e.count = Some(e.count.unwrap_or(1) + 1);
                e.last_timestamp = Some(now);
                true
            });
            return;
        }
        self.event_seq += 1;
        let name = event_name(
            involved.name.as_deref().unwrap_or_default(),
            (crate::sim::clock::EPOCH_UNIX_MS as u64)
                .wrapping_mul(1_000_000)
                .wrapping_add(self.clock.now_ms * 1_000_000 + self.event_seq),
        );
        let uid = self.rng.uuid();
        match entry {
            Entry::Occupied(mut o) => {
                o.insert(name.clone());
            }
            Entry::Vacant(v) => {
                v.insert(name.clone());
            }
        }
        let recorded = Recorded {
            involved,
            kind,
            reason: reason.to_string(),
            message: message.to_string(),
            component: component.to_string(),
            host: host.map(str::to_string),
            uid,
            at: now,
        };
        self.store
            .put_pending::<Event, _>(&namespace, &name, recorded);
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
