//! Tab completion at the terminal prompt: commands, kubectl verbs, resource types, flags, object
//! names and workspace files.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{
    Event, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service,
};

use crate::kubectl::{self, resources};
use crate::sim::Cluster;
use crate::sim::kind::{Kind, Object};

/// Programs the workspace shell offers.
const PROGRAMS: [&str; 5] = ["kubectl", "clear", "ls", "cat", "echo"];

/// The kinds whose resource types (plural and short names, as kubectl's resource table spells
/// them) Tab offers. Storage classes are left out: the cluster brings its own, and `st` then
/// completes to StatefulSets alone.
const TYPED_KINDS: [Kind; 10] = [
    Kind::Pod,
    Kind::StatefulSet,
    Kind::PersistentVolumeClaim,
    Kind::PersistentVolume,
    Kind::Service,
    Kind::Endpoints,
    Kind::Event,
    Kind::Node,
    Kind::ControllerRevision,
    Kind::Namespace,
];

/// Names the completion can offer, gathered from the session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// Object names by canonical resource type (`pods`, `statefulsets`, …).
    pub objects: BTreeMap<&'static str, Vec<String>>,
    /// Workspace files, without the leading slash.
    pub files: Vec<String>,
}

fn names_of<T: Object>(cluster: &Cluster, namespace: &str) -> (&'static str, Vec<String>) {
    let scope = T::SIM_KIND.namespaced().then_some(namespace);
    let names = cluster
        .world
        .store
        .list::<T>(scope)
        .filter_map(|o| o.metadata().name.clone())
        .collect();
    (resources::of_kind(T::SIM_KIND).plural, names)
}

impl Names {
    /// The names in a session.
    pub fn gather(
        cluster: &Cluster,
        namespace: &str,
        files: impl Iterator<Item = String>,
    ) -> Names {
        let objects = BTreeMap::from([
            names_of::<Pod>(cluster, namespace),
            names_of::<StatefulSet>(cluster, namespace),
            names_of::<PersistentVolumeClaim>(cluster, namespace),
            names_of::<PersistentVolume>(cluster, namespace),
            names_of::<Service>(cluster, namespace),
            names_of::<Node>(cluster, namespace),
            names_of::<Event>(cluster, namespace),
            names_of::<ControllerRevision>(cluster, namespace),
        ]);
        Names {
            objects,
            files: files
                .map(|f| f.trim_start_matches('/').to_string())
                .collect(),
        }
    }

    fn of(&self, typed: &str) -> Vec<String> {
        canonical(typed)
            .and_then(|c| self.objects.get(c))
            .cloned()
            .unwrap_or_default()
    }
}

/// The canonical plural of a typed resource type (`sts`, `pod`, `StatefulSet.apps`), as kubectl
/// resolves it, for the kinds the playground simulates.
pub fn canonical(typed: &str) -> Option<&'static str> {
    let kind = resources::resolve(typed)?.sim_kind()?;
    Some(resources::of_kind(kind).plural)
}

/// Completes the last word of `line`: returns where that word starts (in bytes) and the
/// candidates that would replace it, sorted and without duplicates.
pub fn complete(line: &str, names: &Names) -> (usize, Vec<String>) {
    let start = line.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = line.get(start..).unwrap_or("");
    let before: Vec<&str> = line.get(..start).unwrap_or("").split_whitespace().collect();
    let mut pool: Vec<String> = Vec::new();
    match before.as_slice() {
        [] => pool.extend(PROGRAMS.iter().map(|s| s.to_string())),
        ["cat"] | ["cat", ..] => pool.extend(names.files.iter().cloned()),
        [program, rest @ ..] if *program == "kubectl" || *program == "k" => {
            let positional: Vec<&str> = rest
                .iter()
                .copied()
                .filter(|w| !w.starts_with('-'))
                .collect();
            let previous = rest.last().copied().unwrap_or("");
            let verb = positional.first().copied().unwrap_or("");
            if previous == "-f" || previous == "--filename" {
                pool.extend(names.files.iter().cloned());
            } else if word.starts_with('-') {
                let typed: Vec<String> = rest.iter().map(|w| w.to_string()).collect();
                pool.extend(kubectl::flag_completions(&typed));
            } else if positional.is_empty() {
                pool.extend(kubectl::carried_commands().map(String::from));
            } else if let Some((typed, _)) = word.split_once('/') {
                pool.extend(names.of(typed).into_iter().map(|n| format!("{typed}/{n}")));
            } else {
                pool.extend(by_position(verb, &positional, names));
            }
        }
        _ => {}
    }
    let mut found: Vec<String> = pool.into_iter().filter(|c| c.starts_with(word)).collect();
    crate::order::sort(&mut found);
    found.dedup();
    (start, found)
}

/// Candidates for the next positional word after `kubectl VERB …`.
fn by_position(verb: &str, positional: &[&str], names: &Names) -> Vec<String> {
    let index = positional.len();
    let types = || {
        TYPED_KINDS
            .iter()
            .map(|k| resources::of_kind(*k))
            .flat_map(|r| std::iter::once(r.plural).chain(r.short.split(',')))
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    match (verb, index) {
        (
            "get" | "describe" | "delete" | "edit" | "patch" | "label" | "annotate" | "explain",
            1,
        ) => types(),
        ("get" | "describe" | "delete" | "edit" | "patch" | "label" | "annotate", _) => {
            positional.get(1).map(|t| names.of(t)).unwrap_or_default()
        }
        ("scale", 1) => {
            let mut out = vec!["statefulset".to_string(), "sts".to_string()];
            out.extend(
                names
                    .of("sts")
                    .into_iter()
                    .map(|n| format!("statefulset/{n}")),
            );
            out
        }
        ("scale", 2) => names.of("sts"),
        ("set" | "rollout", 1) => kubectl::carried_subcommands(verb)
            .map(String::from)
            .collect(),
        ("set", 2) => names
            .of("sts")
            .into_iter()
            .map(|n| format!("statefulset/{n}"))
            .collect(),
        ("rollout", 2) => names
            .of("sts")
            .into_iter()
            .map(|n| format!("statefulset/{n}"))
            .collect(),
        ("exec" | "logs", 1) => names.of("pods"),
        _ => Vec::new(),
    }
}

/// The longest prefix every candidate shares.
pub fn common_prefix(candidates: &[String]) -> String {
    let Some(first) = candidates.first() else {
        return String::new();
    };
    let mut prefix: &str = first;
    for c in candidates.iter().skip(1) {
        while !c.starts_with(prefix) {
            let mut cut = prefix.len().saturating_sub(1);
            while !prefix.is_char_boundary(cut) {
                cut -= 1;
            }
            prefix = prefix.get(..cut).unwrap_or("");
        }
    }
    prefix.to_string()
}
