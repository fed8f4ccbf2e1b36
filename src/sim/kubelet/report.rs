//! What the kubelet reports about a pod: its events.

use k8s_openapi::api::core::v1::Pod;

use crate::sim::events::{EventType, Facts};
use crate::sim::world::World;

/// The field path that names one container of a pod in events (`spec.containers{nginx}`,
/// `spec.initContainers{setup}`).
pub(super) fn container_field_path(pod: &Pod, container: &str) -> String {
    let init = pod
        .spec
        .as_ref()
        .and_then(|s| s.init_containers.as_ref())
        .is_some_and(|l| l.iter().any(|k| k.name == container));
    let mut path = String::with_capacity(container.len() + 21);
    path.push_str(if init {
        "spec.initContainers{"
    } else {
        "spec.containers{"
    });
    path.push_str(container);
    path.push('}');
    path
}

/// Records a kubelet event about the pod, or about one of its containers.
pub(super) fn event(
    w: &mut World,
    uid: &str,
    container: Option<&str>,
    kind: EventType,
    reason: &str,
    message: &str,
) {
    let Some(rt) = w.runtime.get(uid) else {
        return;
    };
    let Some(pod) = w.store.get::<Pod>(&rt.namespace, &rt.name) else {
        return;
    };
    let path = container.map(|k| container_field_path(pod, k));
    let facts = Facts::new(
        pod,
        path.as_deref(),
        kind,
        reason,
        message,
        "kubelet",
        Some(&rt.node),
    );
    w.record_event(facts);
}

/// Records several kubelet events about one container, in order.
pub(super) fn container_events(
    w: &mut World,
    uid: &str,
    container: &str,
    events: &[(EventType, &str, &str)],
) {
    for (kind, reason, message) in events {
        event(w, uid, Some(container), *kind, reason, message);
    }
}
