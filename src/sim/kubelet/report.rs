//! What the kubelet reports about a pod: its events.

use k8s_openapi::api::core::v1::{ObjectReference, Pod};

use crate::sim::Cluster;
use crate::sim::events::EventType;

/// A reference to the pod (or one of its containers) for the events the kubelet records.
pub(super) fn pod_ref(c: &Cluster, uid: &str, container: Option<&str>) -> Option<ObjectReference> {
    let rt = c.runtime.get(uid)?;
    let pod = c.store.get::<Pod>(&rt.namespace, &rt.name)?;
    let mut r = crate::sim::events::reference_to(pod);
    r.field_path = container.map(|k| format!("spec.containers{{{k}}}"));
    Some(r)
}

/// Records a kubelet event about the pod, or about one of its containers.
pub(super) fn event(
    c: &mut Cluster,
    uid: &str,
    container: Option<&str>,
    kind: EventType,
    reason: &str,
    message: &str,
) {
    let node = c.runtime.get(uid).map(|r| r.node.clone());
    if let Some(r) = pod_ref(c, uid, container) {
        c.record_event(r, kind, reason, message, "kubelet", node.as_deref());
    }
}

/// Records several kubelet events about one container, in order.
pub(super) fn container_events(
    c: &mut Cluster,
    uid: &str,
    container: &str,
    events: &[(EventType, &str, &str)],
) {
    for (kind, reason, message) in events {
        event(c, uid, Some(container), *kind, reason, message);
    }
}
