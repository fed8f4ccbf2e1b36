//! What the inspector shows for the selected pod, disk, Service or StatefulSet: facts, labels,
//! events, the controller's reasoning and the files on its volumes.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Event, PersistentVolumeClaim, Pod, Service};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::jiff::Timestamp;

use super::cluster::{claims_of, pod_view, revision_numbers, set_view};
use crate::kubectl::print::describe::event_age;
use crate::kubectl::print::duration::translate_timestamp_since;
use crate::session::state::clock::format_clock;
use crate::sim::Cluster;
use crate::sim::fs::Entry;

/// Most events listed for one object.
pub const MAX_EVENTS: usize = 50;
/// Longest file content shown in full; longer files are cut with a note.
const FILE_PREVIEW: usize = 4_000;

/// What the learner clicked.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Selection {
    /// A pod, by namespace and name.
    Pod(String, String),
    /// A PersistentVolumeClaim.
    Claim(String, String),
    /// A Service.
    Service(String, String),
    /// A StatefulSet.
    Set(String, String),
}

impl Selection {
    /// The selected object's namespace and name.
    pub fn names(&self) -> (&str, &str) {
        match self {
            Selection::Pod(ns, name)
            | Selection::Claim(ns, name)
            | Selection::Service(ns, name)
            | Selection::Set(ns, name) => (ns, name),
        }
    }
}

/// One event row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLine {
    /// `Normal` or `Warning`.
    pub kind: String,
    /// Reason, e.g. `SuccessfulCreate`.
    pub reason: String,
    /// Age as describe shows it.
    pub age: String,
    /// Message.
    pub message: String,
}

/// A file stored on a volume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileLine {
    /// Which claim (and volume) holds it.
    pub claim: String,
    /// Path inside the volume.
    pub path: String,
    /// Content, possibly cut.
    pub content: String,
}

/// The inspector's content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inspected {
    /// `Pod`, `PersistentVolumeClaim`, `Service` or `StatefulSet`.
    pub kind: String,
    /// Object name.
    pub name: String,
    /// False when the object no longer exists.
    pub exists: bool,
    /// Key facts as label and value.
    pub facts: Vec<(String, String)>,
    /// Labels.
    pub labels: Vec<(String, String)>,
    /// Annotations.
    pub annotations: Vec<(String, String)>,
    /// Events about the object (the newest [`MAX_EVENTS`]).
    pub events: Vec<EventLine>,
    /// Older events about it that are not listed.
    pub earlier_events: usize,
    /// The "why" trace lines that concern it, with their virtual time.
    pub why: Vec<(String, String)>,
    /// Files on its volumes.
    pub files: Vec<FileLine>,
}

fn pairs(map: Option<&BTreeMap<String, String>>) -> Vec<(String, String)> {
    map.map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// The newest events about an object, and how many older ones are left out.
fn events(cluster: &Cluster, kind: &str, ns: &str, name: &str) -> (Vec<EventLine>, usize) {
    let now = cluster.world.clock.timestamp();
    let all = cluster.world.events_for(kind, ns, name);
    let earlier = all.len().saturating_sub(MAX_EVENTS);
    let lines = all
        .into_iter()
        .skip(earlier)
        .map(|e: &Event| EventLine {
            kind: e.type_.clone().unwrap_or_default(),
            reason: e.reason.clone().unwrap_or_default(),
            age: event_age(e, now),
            message: e.message.clone().unwrap_or_default(),
        })
        .collect();
    (lines, earlier)
}

/// Trace lines about `subjects`, or about `set` when they name `word`.
fn why(
    cluster: &Cluster,
    subjects: &[String],
    set: Option<&str>,
    word: &str,
) -> Vec<(String, String)> {
    let mentions = |text: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .any(|w| w == word)
    };
    cluster
        .world
        .why
        .lines()
        .filter(|l| {
            subjects.contains(&l.subject)
                || (set.is_some_and(|s| s == l.subject) && mentions(&l.text))
        })
        .map(|l| (format_clock(l.at_ms), l.text.clone()))
        .collect()
}

fn files_of_claim(cluster: &Cluster, claim: &PersistentVolumeClaim, out: &mut Vec<FileLine>) {
    let name = claim.metadata.name.clone().unwrap_or_default();
    let Some(volume) = claim.spec.as_ref().and_then(|s| s.volume_name.as_ref()) else {
        return;
    };
    let Some(fs) = cluster.world.volumes.get(volume) else {
        return;
    };
    for (path, entry) in fs.walk() {
        if let Entry::File(text) = entry {
            let mut content: String = text.chars().take(FILE_PREVIEW).collect();
            if content.len() < text.len() {
                content.push_str("\n… (cut)");
            }
            out.push(FileLine {
                claim: name.clone(),
                path: path.clone(),
                content,
            });
        }
    }
}

/// The StatefulSet whose claim template made the claim `name` (`<template>-<set>-<ordinal>`).
fn owning_set(cluster: &Cluster, ns: &str, name: &str) -> Option<String> {
    cluster
        .world
        .store
        .list::<StatefulSet>(Some(ns))
        .find_map(|set| {
            let set_name = set.metadata.name.as_deref()?;
            set.spec
                .volume_claim_templates
                .iter()
                .flatten()
                .filter_map(|t| t.metadata.name.as_deref())
                .any(|t| name.starts_with(&format!("{t}-{set_name}-")))
                .then(|| set_name.to_string())
        })
}

fn base(kind: &str, meta: &ObjectMeta) -> Inspected {
    Inspected {
        kind: kind.to_string(),
        name: meta.name.clone().unwrap_or_default(),
        exists: true,
        labels: pairs(meta.labels.as_ref()),
        annotations: pairs(meta.annotations.as_ref()),
        ..Inspected::default()
    }
}

/// The inspector's content for a selection (a stub that says so when the object is gone).
pub fn inspect(cluster: &Cluster, selection: &Selection) -> Inspected {
    let gone = |kind: &str, name: &str| Inspected {
        kind: kind.to_string(),
        name: name.to_string(),
        exists: false,
        ..Inspected::default()
    };
    let now = cluster.world.clock.timestamp();
    match selection {
        Selection::Pod(ns, name) => {
            inspect_pod(cluster, ns, name, now).unwrap_or_else(|| gone("Pod", name))
        }
        Selection::Claim(ns, name) => inspect_claim(cluster, ns, name, now)
            .unwrap_or_else(|| gone("PersistentVolumeClaim", name)),
        Selection::Service(ns, name) => {
            inspect_service(cluster, ns, name).unwrap_or_else(|| gone("Service", name))
        }
        Selection::Set(ns, name) => {
            inspect_set(cluster, ns, name).unwrap_or_else(|| gone("StatefulSet", name))
        }
    }
}

/// A pod: its status, placement and revision, why it waits, and the files on its claims.
fn inspect_pod(cluster: &Cluster, ns: &str, name: &str, now: Timestamp) -> Option<Inspected> {
    let pod = cluster.world.store.get::<Pod>(ns, name)?;
    let view = pod_view(cluster, &revision_numbers(cluster), pod);
    let mut out = base("Pod", &pod.metadata);
    let age = translate_timestamp_since(pod.metadata.creation_timestamp.as_ref(), now);
    out.facts = vec![
        ("Status".into(), view.status.clone()),
        ("Ready".into(), view.ready.clone()),
        ("Restarts".into(), view.restarts.clone()),
        ("Age".into(), age),
        (
            "Node".into(),
            view.node.clone().unwrap_or_else(|| "<none>".into()),
        ),
        (
            "IP".into(),
            view.ip.clone().unwrap_or_else(|| "<none>".into()),
        ),
        (
            "Revision".into(),
            view.revision.as_ref().map_or_else(
                || "<none>".into(),
                |r| format!("{} (revision {})", r.name, r.number),
            ),
        ),
        ("Image".into(), view.images.join(", ")),
        ("UID".into(), view.uid.clone()),
    ];
    (out.events, out.earlier_events) = events(cluster, "Pod", ns, name);
    let set = crate::sim::statefulset::utils::parent_and_ordinal(name)
        .map(|(s, _)| format!("statefulset/{ns}/{s}"));
    out.why = why(cluster, &[format!("pod/{ns}/{name}")], set.as_deref(), name);
    for claim in claims_of(pod) {
        if let Some(c) = cluster.world.store.get::<PersistentVolumeClaim>(ns, &claim) {
            files_of_claim(cluster, c, &mut out.files);
        }
    }
    Some(out)
}

/// A claim: its volume, the pod using it, why it waits, and its files.
fn inspect_claim(cluster: &Cluster, ns: &str, name: &str, now: Timestamp) -> Option<Inspected> {
    let claim = cluster.world.store.get::<PersistentVolumeClaim>(ns, name)?;
    let mut out = base("PersistentVolumeClaim", &claim.metadata);
    let spec = claim.spec.as_ref();
    let used_by = cluster
        .world
        .store
        .list::<Pod>(Some(ns))
        .find(|p| claims_of(p).iter().any(|c| c == name))
        .and_then(|p| p.metadata.name.clone());
    out.facts = vec![
        (
            "Status".into(),
            claim
                .status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_default(),
        ),
        (
            "Volume".into(),
            spec.and_then(|s| s.volume_name.clone())
                .unwrap_or_else(|| "<none>".into()),
        ),
        (
            "StorageClass".into(),
            spec.and_then(|s| s.storage_class_name.clone())
                .unwrap_or_default(),
        ),
        (
            "Used by".into(),
            used_by.unwrap_or_else(|| "<none> (detached)".into()),
        ),
        (
            "Age".into(),
            translate_timestamp_since(claim.metadata.creation_timestamp.as_ref(), now),
        ),
    ];
    (out.events, out.earlier_events) = events(cluster, "PersistentVolumeClaim", ns, name);
    let set = owning_set(cluster, ns, name).map(|s| format!("statefulset/{ns}/{s}"));
    out.why = why(
        cluster,
        &[format!("persistentvolumeclaim/{ns}/{name}")],
        set.as_deref(),
        name,
    );
    files_of_claim(cluster, claim, &mut out.files);
    Some(out)
}

/// A service: its type, address, selector and ports.
fn inspect_service(cluster: &Cluster, ns: &str, name: &str) -> Option<Inspected> {
    let svc = cluster.world.store.get::<Service>(ns, name)?;
    let mut out = base("Service", &svc.metadata);
    let spec = svc.spec.as_ref();
    out.facts = vec![
        (
            "Type".into(),
            spec.and_then(|s| s.type_.clone()).unwrap_or_default(),
        ),
        (
            "Cluster IP".into(),
            spec.and_then(|s| s.cluster_ip.clone()).unwrap_or_default(),
        ),
        (
            "Selector".into(),
            crate::kubectl::print::labels::format_labels(spec.and_then(|s| s.selector.as_ref())),
        ),
        (
            "Ports".into(),
            crate::kubectl::print::rows_core::service_ports(svc),
        ),
    ];
    (out.events, out.earlier_events) = events(cluster, "Service", ns, name);
    Some(out)
}

/// A stateful set: readiness, policies, revisions and what it waits for.
fn inspect_set(cluster: &Cluster, ns: &str, name: &str) -> Option<Inspected> {
    let set = cluster.world.store.get::<StatefulSet>(ns, name)?;
    let view = set_view(cluster, &revision_numbers(cluster), set);
    let mut out = base("StatefulSet", &set.metadata);
    let rev = |r: &Option<super::cluster::RevisionTag>| {
        r.as_ref().map_or_else(
            || "<none>".to_string(),
            |r| format!("{} (revision {})", r.name, r.number),
        )
    };
    out.facts = vec![
        ("Ready".into(), format!("{}/{}", view.ready, view.desired)),
        ("Pod management".into(), view.policy.clone()),
        ("Update strategy".into(), view.strategy.clone()),
        ("Current revision".into(), rev(&view.current_revision)),
        ("Update revision".into(), rev(&view.update_revision)),
        (
            "Waiting for".into(),
            view.waiting.clone().unwrap_or_else(|| "nothing".into()),
        ),
    ];
    (out.events, out.earlier_events) = events(cluster, "StatefulSet", ns, name);
    out.why = why(cluster, &[format!("statefulset/{ns}/{name}")], None, name);
    Some(out)
}
