//! Tab completion at the terminal prompt: commands, kubectl verbs, resource types, flags, object
//! names and workspace files.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{
    Event, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service,
};

use crate::sim::Cluster;
use crate::sim::kind::Object;

/// Programs the workspace shell offers.
const PROGRAMS: [&str; 5] = ["kubectl", "clear", "ls", "cat", "echo"];

/// kubectl's verbs, most used first.
const VERBS: [&str; 17] = [
    "apply", "get", "describe", "delete", "scale", "set", "rollout", "exec", "logs", "edit",
    "patch", "create", "wait", "label", "annotate", "explain", "events",
];

/// Resource types, in the forms people type.
const TYPES: [&str; 14] = [
    "pods",
    "statefulsets",
    "sts",
    "persistentvolumeclaims",
    "pvc",
    "persistentvolumes",
    "pv",
    "services",
    "svc",
    "endpoints",
    "events",
    "nodes",
    "controllerrevisions",
    "namespaces",
];

/// Names the completion can offer, gathered from the session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// Object names by canonical resource type (`pods`, `statefulsets`, …).
    pub objects: BTreeMap<&'static str, Vec<String>>,
    /// Workspace files, without the leading slash.
    pub files: Vec<String>,
}

fn names_of<T: Object>(cluster: &Cluster, namespace: &str) -> Vec<String> {
    let scope = T::SIM_KIND.namespaced().then_some(namespace);
    cluster
        .store
        .list::<T>(scope)
        .filter_map(|o| o.metadata().name.clone())
        .collect()
}

impl Names {
    /// The names in a session.
    pub fn gather(
        cluster: &Cluster,
        namespace: &str,
        files: impl Iterator<Item = String>,
    ) -> Names {
        let mut objects = BTreeMap::new();
        objects.insert("pods", names_of::<Pod>(cluster, namespace));
        objects.insert("statefulsets", names_of::<StatefulSet>(cluster, namespace));
        objects.insert(
            "persistentvolumeclaims",
            names_of::<PersistentVolumeClaim>(cluster, namespace),
        );
        objects.insert(
            "persistentvolumes",
            names_of::<PersistentVolume>(cluster, namespace),
        );
        objects.insert("services", names_of::<Service>(cluster, namespace));
        objects.insert("nodes", names_of::<Node>(cluster, namespace));
        objects.insert("events", names_of::<Event>(cluster, namespace));
        objects.insert(
            "controllerrevisions",
            names_of::<ControllerRevision>(cluster, namespace),
        );
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

/// The canonical plural of a typed resource type.
pub fn canonical(typed: &str) -> Option<&'static str> {
    Some(match typed.to_ascii_lowercase().as_str() {
        "pods" | "pod" | "po" => "pods",
        "statefulsets" | "statefulset" | "sts" => "statefulsets",
        "persistentvolumeclaims" | "persistentvolumeclaim" | "pvc" => "persistentvolumeclaims",
        "persistentvolumes" | "persistentvolume" | "pv" => "persistentvolumes",
        "services" | "service" | "svc" => "services",
        "nodes" | "node" | "no" => "nodes",
        "events" | "event" | "ev" => "events",
        "controllerrevisions" | "controllerrevision" => "controllerrevisions",
        _ => return None,
    })
}

fn flags(verb: &str) -> &'static [&'static str] {
    match verb {
        "get" => &[
            "--watch",
            "-w",
            "--output=wide",
            "-o",
            "--show-labels",
            "--all-namespaces",
            "-A",
            "--namespace",
            "-n",
        ],
        "apply" | "create" | "replace" => {
            &["--filename", "-f", "--dry-run=client", "--server-side"]
        }
        "delete" => &[
            "--grace-period=",
            "--force",
            "--wait=false",
            "--cascade=orphan",
            "--filename",
            "-f",
        ],
        "scale" => &["--replicas="],
        "logs" => &["--follow", "-f", "--previous", "--container", "-c"],
        "exec" => &["-it", "--container", "-c", "--"],
        "rollout" => &["--watch=false"],
        _ => &[],
    }
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
                pool.extend(flags(verb).iter().map(|s| s.to_string()));
            } else if positional.is_empty() {
                pool.extend(VERBS.iter().map(|s| s.to_string()));
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
    let types = || TYPES.iter().map(|s| s.to_string()).collect::<Vec<_>>();
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
        ("set", 1) => vec!["image".to_string()],
        ("set", 2) => names
            .of("sts")
            .into_iter()
            .map(|n| format!("statefulset/{n}"))
            .collect(),
        ("rollout", 1) => ["status", "history", "undo", "restart", "pause", "resume"]
            .iter()
            .map(|s| s.to_string())
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
