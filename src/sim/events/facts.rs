//! A new event's facts, packed into one string. Most events are never read, so the API's Event, a
//! kilobyte of optional fields with a string for each, is made from these only when someone reads
//! it.

use k8s_openapi::api::core::v1::{Event, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

use super::EventType;
use crate::sim::kind::{Kind, Object};
use crate::sim::rng::uuid_text;
use crate::sim::store::Recipe;

/// The text parts of an event, in the order they are packed.
#[derive(Clone, Copy)]
pub(super) enum Part {
    Name,
    Namespace,
    Uid,
    ResourceVersion,
    FieldPath,
    Reason,
    Message,
    Component,
    Host,
}

const PARTS: usize = 9;

/// What an event says, and about which object (as an ObjectReference names it).
pub struct Facts {
    text: String,
    ends: [u32; PARTS],
    /// One bit per part that is set; an unset part reads as `None`.
    present: u16,
    /// The kind of the object the event is about.
    pub(super) involved: Kind,
    /// Normal or Warning.
    pub(super) kind: EventType,
}

impl Facts {
    /// An event about `obj` (or the part of it at `field_path`) from `component`, on `host` for
    /// kubelet events.
    pub fn new<T: Object>(
        obj: &T,
        field_path: Option<&str>,
        kind: EventType,
        reason: &str,
        message: &str,
        component: &str,
        host: Option<&str>,
    ) -> Facts {
        let meta = obj.metadata();
        let parts = [
            meta.name.as_deref(),
            meta.namespace.as_deref(),
            meta.uid.as_deref(),
            meta.resource_version.as_deref(),
            field_path,
            Some(reason),
            Some(message),
            Some(component),
            host,
        ];
        let mut facts = Facts {
            text: String::with_capacity(parts.iter().flatten().map(|p| p.len()).sum()),
            ends: [0; PARTS],
            present: 0,
            involved: T::SIM_KIND,
            kind,
        };
        for (i, part) in parts.into_iter().enumerate() {
            if let Some(p) = part {
                facts.text.push_str(p);
                facts.present |= 1 << i;
            }
            if let Some(end) = facts.ends.get_mut(i) {
                *end = u32::try_from(facts.text.len()).unwrap_or(u32::MAX);
            }
        }
        facts
    }

    /// One part, `None` when it is unset.
    pub(super) fn get(&self, part: Part) -> Option<&str> {
        let i = part as usize;
        if self.present & (1 << i) == 0 {
            return None;
        }
        let start = i.checked_sub(1).and_then(|j| self.ends.get(j)).copied();
        let end = self.ends.get(i).copied()?;
        self.text.get(start.unwrap_or(0) as usize..end as usize)
    }

    /// One part, empty when it is unset.
    pub(super) fn text(&self, part: Part) -> &str {
        self.get(part).unwrap_or_default()
    }

    fn owned(&self, part: Part) -> Option<String> {
        self.get(part).map(str::to_string)
    }
}

/// A recorded event: its facts, its uid's random bits and when it happened.
pub(super) struct Recorded {
    pub(super) facts: Facts,
    pub(super) uid: (u64, u64),
    pub(super) at: Time,
}

impl Recipe<Event> for Recorded {
    fn changed_at(&self) -> Option<jiff::Timestamp> {
        Some(self.at.0)
    }

    fn make(&self, key: &str, rv: u64) -> Event {
        let (namespace, name) = key.split_once('/').unwrap_or(("", key));
        let f = &self.facts;
        let component = f.owned(Part::Component);
        Event {
            metadata: ObjectMeta {
                name: Some(name.to_string()),
                namespace: Some(namespace.to_string()),
                uid: Some(uuid_text(self.uid.0, self.uid.1)),
                creation_timestamp: Some(self.at.clone()),
                resource_version: Some(rv.to_string()),
                ..Default::default()
            },
            involved_object: ObjectReference {
                api_version: Some(f.involved.api_version().to_string()),
                kind: Some(f.involved.name().to_string()),
                name: f.owned(Part::Name),
                namespace: f.owned(Part::Namespace),
                uid: f.owned(Part::Uid),
                resource_version: f.owned(Part::ResourceVersion),
                field_path: f.owned(Part::FieldPath),
            },
            reason: f.owned(Part::Reason),
            message: f.owned(Part::Message),
            type_: Some(f.kind.as_str().to_string()),
            source: Some(EventSource {
                component: component.clone(),
                host: f.owned(Part::Host),
            }),
            first_timestamp: Some(self.at.clone()),
            last_timestamp: Some(self.at.clone()),
            count: Some(1),
            reporting_component: component,
            reporting_instance: Some(f.text(Part::Host).to_string()),
            ..Default::default()
        }
    }
}

/// The pod `default/web-0` with `uid`, for tests of events about it.
#[cfg(test)]
pub(super) fn test_pod(uid: &str) -> k8s_openapi::api::core::v1::Pod {
    k8s_openapi::api::core::v1::Pod {
        metadata: ObjectMeta {
            name: Some("web-0".into()),
            namespace: Some("default".into()),
            uid: Some(uid.into()),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_reads_back_and_unset_parts_read_as_none() {
        let pod = test_pod("");
        let f = Facts::new(
            &pod,
            Some("spec.containers{nginx}"),
            EventType::Warning,
            "BackOff",
            "Back-off pulling image",
            "kubelet",
            None,
        );
        assert_eq!(f.get(Part::Name), Some("web-0"));
        assert_eq!(f.get(Part::Namespace), Some("default"));
        assert_eq!(f.get(Part::Uid), Some(""));
        assert_eq!(f.get(Part::ResourceVersion), None);
        assert_eq!(f.get(Part::FieldPath), Some("spec.containers{nginx}"));
        assert_eq!(f.get(Part::Reason), Some("BackOff"));
        assert_eq!(f.get(Part::Message), Some("Back-off pulling image"));
        assert_eq!(f.get(Part::Component), Some("kubelet"));
        assert_eq!(f.get(Part::Host), None);
        assert_eq!(f.text(Part::Host), "");
        assert_eq!(f.involved, Kind::Pod);
    }
}
