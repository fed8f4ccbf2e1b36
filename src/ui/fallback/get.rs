//! `kubectl get` over the common kinds, with the printers' tables, and `get pods -w`.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{
    Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::jiff::Timestamp;

use super::{Run, Session, Wait, flag, has_flag, positionals};
use crate::kubectl::print::table::{Table, TableOptions, WatchPrinter, render_get};
use crate::kubectl::print::{rows_core, rows_events, rows_storage, rows_workloads};
use crate::sim::Cluster;
use crate::sim::kind::Object;

/// Flags of `get` that take a value.
const VALUED: [&str; 8] = [
    "-n",
    "--namespace",
    "-o",
    "--output",
    "-l",
    "--selector",
    "-L",
    "--sort-by",
];

/// The resource types `get` knows, by every name kubectl accepts for them.
pub const RESOURCE_NAMES: [(&str, &[&str]); 11] = [
    ("pods", &["pods", "pod", "po"]),
    ("statefulsets", &["statefulsets", "statefulset", "sts"]),
    (
        "persistentvolumeclaims",
        &["persistentvolumeclaims", "persistentvolumeclaim", "pvc"],
    ),
    (
        "persistentvolumes",
        &["persistentvolumes", "persistentvolume", "pv"],
    ),
    ("services", &["services", "service", "svc"]),
    ("endpoints", &["endpoints", "ep"]),
    ("events", &["events", "event", "ev"]),
    ("nodes", &["nodes", "node", "no"]),
    ("namespaces", &["namespaces", "namespace", "ns"]),
    (
        "controllerrevisions",
        &["controllerrevisions", "controllerrevision"],
    ),
    ("storageclasses", &["storageclasses", "storageclass", "sc"]),
];

/// The canonical plural of a typed resource name.
pub fn canonical(typed: &str) -> Option<&'static str> {
    let lower = typed.to_ascii_lowercase();
    let base = lower.split('.').next().unwrap_or("");
    RESOURCE_NAMES
        .iter()
        .find(|(_, names)| names.contains(&base))
        .map(|(plural, _)| *plural)
}

/// Runs `kubectl get`.
pub fn run(session: &mut Session, args: &[String]) -> Run {
    let positional = positionals(args, &VALUED);
    let Some((types, names)) = positional.split_first() else {
        return Run::Done(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a \
             complete list of supported resources.\n\nerror: Required resource not specified.\n"
                .to_string(),
        );
    };
    let (types, mut names) = match types.split_once('/') {
        Some((kind, name)) => (kind.to_string(), vec![name.to_string()]),
        None => (types.clone(), names.to_vec()),
    };
    names.retain(|n| !n.is_empty());
    let namespace = flag(args, &["-n", "--namespace"]).unwrap_or(session.namespace.clone());
    let opts = TableOptions {
        wide: flag(args, &["-o", "--output"]).as_deref() == Some("wide"),
        all_namespaces: has_flag(args, &["-A", "--all-namespaces"]),
        show_labels: has_flag(args, &["--show-labels"]),
        ..TableOptions::default()
    };
    let scope = (!opts.all_namespaces).then_some(namespace.as_str());
    let mut tables = Vec::new();
    let mut plurals = Vec::new();
    for typed in types.split(',') {
        let Some(plural) = canonical(typed) else {
            return Run::Done(format!(
                "error: the server doesn't have a resource type \"{typed}\"\n"
            ));
        };
        plurals.push(plural);
        match table_of(&session.cluster, plural, scope, &names) {
            Ok(table) => tables.push(table),
            Err(missing) => {
                return Run::Done(format!(
                    "Error from server (NotFound): {plural} \"{missing}\" not found\n"
                ));
            }
        }
    }
    if has_flag(args, &["-w", "--watch"]) && plurals == ["pods"] {
        let mut watch = PodWatch {
            printer: WatchPrinter::new(opts),
            namespace: scope.map(str::to_string),
            names,
            seen: BTreeMap::new(),
        };
        let first = watch.initial(&session.cluster);
        return Run::Wait(first, Box::new(watch));
    }
    let printed = render_get(&tables, &opts, &namespace);
    Run::Done(format!("{}{}", printed.stdout, printed.stderr))
}

/// The objects of one kind in scope, optionally only the named ones (all must exist).
fn pick<'a, T: Object>(
    cluster: &'a Cluster,
    scope: Option<&'a str>,
    names: &[String],
) -> Result<Vec<T>, String> {
    let all: Vec<T> = cluster.store.list::<T>(scope).cloned().collect();
    if names.is_empty() {
        return Ok(all);
    }
    let mut picked = Vec::new();
    for name in names {
        match all
            .iter()
            .find(|o| o.metadata().name.as_deref() == Some(name))
        {
            Some(o) => picked.push(o.clone()),
            None => return Err(name.clone()),
        }
    }
    Ok(picked)
}

/// The table of one resource type.
fn table_of(
    cluster: &Cluster,
    plural: &str,
    scope: Option<&str>,
    names: &[String],
) -> Result<Table, String> {
    let now = cluster.clock.timestamp();
    Ok(match plural {
        "pods" => rows_workloads::pods_table(&pick::<Pod>(cluster, scope, names)?, now),
        "statefulsets" => {
            rows_workloads::stateful_sets_table(&pick::<StatefulSet>(cluster, scope, names)?, now)
        }
        "controllerrevisions" => rows_workloads::controller_revisions_table(
            &pick::<ControllerRevision>(cluster, scope, names)?,
            now,
        ),
        "persistentvolumeclaims" => {
            rows_storage::pvcs_table(&pick::<PersistentVolumeClaim>(cluster, scope, names)?, now)
        }
        "persistentvolumes" => {
            rows_storage::pvs_table(&pick::<PersistentVolume>(cluster, None, names)?, now)
        }
        "storageclasses" => {
            rows_storage::storage_classes_table(&pick::<StorageClass>(cluster, None, names)?, now)
        }
        "services" => rows_core::services_table(&pick::<Service>(cluster, scope, names)?, now),
        "endpoints" => rows_core::endpoints_table(&pick::<Endpoints>(cluster, scope, names)?, now),
        "nodes" => rows_core::nodes_table(&pick::<Node>(cluster, None, names)?, now),
        "namespaces" => rows_core::namespaces_table(&pick::<Namespace>(cluster, None, names)?, now),
        _ => {
            let mut events = pick::<Event>(cluster, scope, names)?;
            events.sort_by_key(event_time);
            rows_events::events_table(&events, now)
        }
    })
}

/// When an event last happened, for ordering the event list.
pub fn event_time(e: &Event) -> Option<Timestamp> {
    e.last_timestamp
        .as_ref()
        .map(|t| t.0)
        .or(e.event_time.as_ref().map(|t| t.0))
}

/// `kubectl get pods -w`: the list, then one line per change of a watched pod.
struct PodWatch {
    printer: WatchPrinter,
    namespace: Option<String>,
    names: Vec<String>,
    /// Resource version and last state of every pod printed so far.
    seen: BTreeMap<String, (String, Pod)>,
}

impl PodWatch {
    fn watched(&self, cluster: &Cluster) -> Vec<Pod> {
        cluster
            .store
            .list::<Pod>(self.namespace.as_deref())
            .filter(|p| {
                self.names.is_empty()
                    || self
                        .names
                        .iter()
                        .any(|n| Some(n.as_str()) == p.metadata.name.as_deref())
            })
            .cloned()
            .collect()
    }

    fn key(pod: &Pod) -> String {
        format!(
            "{}/{}",
            pod.metadata.namespace.as_deref().unwrap_or(""),
            pod.metadata.name.as_deref().unwrap_or("")
        )
    }

    fn initial(&mut self, cluster: &Cluster) -> String {
        let pods = self.watched(cluster);
        for pod in &pods {
            let rv = pod.metadata.resource_version.clone().unwrap_or_default();
            self.seen.insert(Self::key(pod), (rv, pod.clone()));
        }
        if pods.is_empty() {
            return match &self.namespace {
                Some(ns) => format!("No resources found in {ns} namespace.\n"),
                None => "No resources found\n".to_string(),
            };
        }
        let table = rows_workloads::pods_table(&pods, cluster.clock.timestamp());
        self.printer.print(&table)
    }

    /// Lines for every pod that changed or disappeared since the last look.
    fn changes(&mut self, cluster: &Cluster) -> String {
        let now = cluster.clock.timestamp();
        let pods = self.watched(cluster);
        let mut changed: Vec<Pod> = Vec::new();
        let mut present = Vec::new();
        for pod in pods {
            let key = Self::key(&pod);
            let rv = pod.metadata.resource_version.clone().unwrap_or_default();
            present.push(key.clone());
            if self.seen.get(&key).map(|(seen, _)| seen) != Some(&rv) {
                changed.push(pod.clone());
                self.seen.insert(key, (rv, pod));
            }
        }
        let gone: Vec<String> = self
            .seen
            .keys()
            .filter(|k| !present.contains(k))
            .cloned()
            .collect();
        for key in gone {
            if let Some((_, pod)) = self.seen.remove(&key) {
                changed.push(pod);
            }
        }
        let mut out = String::new();
        for pod in changed {
            let table = rows_workloads::pods_table(std::slice::from_ref(&pod), now);
            out.push_str(&self.printer.print(&table));
        }
        out
    }
}

impl Wait for PodWatch {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (String, bool) {
        let cluster = &mut session.cluster;
        let end = cluster.now_ms().saturating_add(budget_ms);
        let mut out = String::new();
        while cluster.queue.next_time().is_some_and(|t| t <= end) {
            cluster.step();
            out.push_str(&self.changes(cluster));
        }
        let now = cluster.now_ms();
        cluster.advance(end.saturating_sub(now));
        (out, true)
    }
}
