//! Objects as `kubectl get -o json` shows them, for readers that are not commands: a lesson's
//! checks look at the cluster through the same selection and the same JSON as kubectl.

use k8s_openapi::api::core::v1::Pod;
use serde_json::Value;

use super::selector::LabelSelector;
use super::targets::{ObjRef, list_matching, value_of};
use crate::sim::Cluster;
use crate::sim::kind::Kind;

/// One object as JSON, if it exists.
pub fn object(c: &Cluster, kind: Kind, namespace: &str, name: &str) -> Option<Value> {
    value_of(
        c,
        &ObjRef {
            kind,
            namespace: if kind.namespaced() {
                namespace.to_string()
            } else {
                String::new()
            },
            name: name.to_string(),
        },
    )
}

/// The objects of `kind` in `namespace` that match `selector`, as JSON, in kubectl's order.
pub fn matching(c: &Cluster, kind: Kind, namespace: &str, selector: &LabelSelector) -> Vec<Value> {
    let ns = kind.namespaced().then_some(namespace);
    list_matching(c, kind, ns, selector, None)
        .iter()
        .filter_map(|r| value_of(c, r))
        .collect()
}

/// How many pods in `namespace` match `selector`; with `ready`, only those whose Ready
/// condition is True; with `running`, only those whose phase is Running. Read from the typed
/// objects, so that a check over a hundred pods stays cheap.
pub fn count_pods(
    c: &Cluster,
    namespace: &str,
    selector: &LabelSelector,
    ready: bool,
    running: bool,
) -> usize {
    c.world
        .store
        .list::<Pod>(Some(namespace))
        .filter(|p| selector.matches(p.metadata.labels.as_ref()))
        .filter(|p| {
            let status = p.status.as_ref();
            let is_ready = status
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|cs| cs.iter().any(|k| k.type_ == "Ready" && k.status == "True"));
            let is_running = status.and_then(|s| s.phase.as_deref()) == Some("Running");
            (!ready || is_ready) && (!running || is_running)
        })
        .count()
}
