//! The event recorder: core/v1 Events with client-go's aggregation of identical events into counts.

use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::quality::FixedState;
use k8s_openapi::api::core::v1::Event;

use super::world::World;

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

/// What client-go aggregates events by, besides the namespace: the involved object's uid, kind,
/// name and field path, and the reason, message, type and reporting component.
#[derive(PartialEq, Hash)]
struct Identity<'a> {
    object: [Option<&'a str>; 4],
    said: [&'a str; 4],
}

impl<'a> Identity<'a> {
    /// The identity of a new event's facts.
    fn of_facts(facts: &'a Facts) -> Self {
        Identity {
            object: [
                facts.get(Part::Uid),
                Some(facts.involved.name()),
                facts.get(Part::Name),
                facts.get(Part::FieldPath),
            ],
            said: [
                facts.text(Part::Reason),
                facts.text(Part::Message),
                facts.kind.as_str(),
                facts.text(Part::Component),
            ],
        }
    }

    /// The identity of a stored event, equal to that of the facts it was made from.
    fn of_event(e: &'a Event) -> Self {
        let o = &e.involved_object;
        Identity {
            object: [
                o.uid.as_deref(),
                o.kind.as_deref(),
                o.name.as_deref(),
                o.field_path.as_deref(),
            ],
            said: [
                e.reason.as_deref().unwrap_or_default(),
                e.message.as_deref().unwrap_or_default(),
                e.type_.as_deref().unwrap_or_default(),
                e.source
                    .as_ref()
                    .and_then(|s| s.component.as_deref())
                    .unwrap_or_default(),
            ],
        }
    }

    /// The index key: a 64-bit hash of the namespace and the identity.
    ///
    /// Two identities share a hash with a chance near 2^-64; the stored event's identity is
    /// compared in full before it is counted again, so a clash would make a new event, never a
    /// wrong count.
    fn hash_in(&self, namespace: &str) -> u64 {
        // foldhash with a fixed seed: 64 bits on every target, the same in every run, and a
        // fraction of SipHash's cost on these few hundred bytes.
        let mut h = FixedState::with_seed(0).build_hasher();
        namespace.hash(&mut h);
        self.hash(&mut h);
        h.finish()
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

impl World {
    /// Records an event with `facts`, or counts it again if the same event was recorded before.
    pub fn record_event(&mut self, facts: Facts) {
        let now = self.clock.time();
        let namespace = facts.get(Part::Namespace).unwrap_or("default");
        let identity = Identity::of_facts(&facts);
        // The index finds the event to aggregate into without scanning every event; one entry
        // serves both the lookup and the insertion of a new event's name.
        let entry = self.event_index.entry(identity.hash_in(namespace));
        if let Entry::Occupied(o) = &entry
            && self
                .store
                .get::<Event>(namespace, o.get())
                .is_some_and(|e| Identity::of_event(e) == identity)
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
        entry.insert_entry(name);
        let recorded = Recorded {
            facts,
            uid: self.rng.uuid_bits(),
            at: now,
        };
        self.store.put_pending::<Event, _>(key, recorded);
    }

    /// Rebuilds the aggregation index from the stored events (the index is not saved).
    pub fn reindex_events(&mut self) {
        let index = &mut self.event_index;
        index.clear();
        for (key, e) in self.store.events.iter() {
            let namespace = key.split_once('/').map_or("", |(ns, _)| ns);
            if let Some(name) = e.metadata.name.clone() {
                index.insert(Identity::of_event(e).hash_in(namespace), name);
            }
        }
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
    use super::facts::{Recorded, test_pod};
    use super::*;
    use crate::sim::store::Recipe;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

    #[test]
    fn event_names_print_the_stamp_as_sixteen_hex_digits() {
        for stamp in [0u64, 1, 0xabc, u64::MAX, 1_784_628_000_000_000_123] {
            assert_eq!(event_name("web-0", stamp), format!("web-0.{stamp:016x}"));
        }
    }

    #[test]
    fn an_event_and_the_facts_it_was_made_from_hash_alike() {
        let pod = test_pod("u-1");
        let facts = |field_path, message: &str| {
            Facts::new(
                &pod,
                field_path,
                EventType::Warning,
                "BackOff",
                message,
                "kubelet",
                Some("node-1"),
            )
        };
        let a = facts(Some("spec.containers{nginx}"), "Back-off");
        let recorded = Recorded {
            facts: facts(Some("spec.containers{nginx}"), "Back-off"),
            uid: (1, 2),
            at: Time(jiff::Timestamp::UNIX_EPOCH),
        };
        let made = recorded.make("default/web-0.1", 7);
        let hash = |f: &Facts, namespace: &str| Identity::of_facts(f).hash_in(namespace);
        assert_eq!(
            Identity::of_event(&made).hash_in("default"),
            hash(&a, "default")
        );
        // Each part of the identity counts, and an unset part differs from an empty one.
        let others = [
            hash(&a, "other"),
            hash(&facts(None, "Back-off"), "default"),
            hash(&facts(Some(""), "Back-off"), "default"),
            hash(
                &facts(Some("spec.containers{nginx}"), "Back-off!"),
                "default",
            ),
        ];
        for (i, h) in others.iter().enumerate() {
            assert_ne!(*h, hash(&a, "default"), "variant {i}");
        }
        assert_ne!(others[1], others[2]);
    }
}
