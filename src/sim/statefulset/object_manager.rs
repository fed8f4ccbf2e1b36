//! What the StatefulSet pod control may do to the cluster, behind one narrow interface as
//! upstream's `StatefulPodControlObjectManager` and event recorder
//! (pkg/controller/statefulset/stateful_pod_control.go): the real one writes through the
//! cluster's API server, after asking the cluster's fault plan whether a test wants this write
//! to fail.

use std::rc::Rc;

use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod};

use crate::sim::Cluster;
use crate::sim::apiserver::{ApiError, DeleteOptions};
use crate::sim::events::Facts;
use crate::sim::faults::Write;

/// Every read and write the pod control makes of pods and claims.
pub trait ObjectManager {
    /// The stored claim `namespace/name`.
    fn get_claim(&self, namespace: &str, name: &str) -> Option<&PersistentVolumeClaim>;
    /// Creates a pod, answering with the stored object.
    fn create_pod(&mut self, pod: Pod) -> Result<Rc<Pod>, ApiError>;
    /// Replaces a pod.
    fn update_pod(&mut self, pod: Pod) -> Result<(), ApiError>;
    /// Deletes a pod gracefully.
    fn delete_pod(&mut self, namespace: &str, name: &str) -> Result<(), ApiError>;
    /// Creates a claim.
    fn create_claim(&mut self, claim: PersistentVolumeClaim) -> Result<(), ApiError>;
    /// Replaces a claim.
    fn update_claim(&mut self, claim: PersistentVolumeClaim) -> Result<(), ApiError>;
}

/// All the pod control needs of the cluster: its objects, the event recorder, and a way to
/// say that a write failed so the sync is retried with back-off.
pub trait PodControlApi: ObjectManager {
    /// Records an event (upstream: the pod control's `record.EventRecorder`).
    fn record(&mut self, facts: Facts);
    /// Notes that an API write of the current sync failed.
    fn write_failed(&mut self);
}

impl PodControlApi for Cluster {
    fn record(&mut self, facts: Facts) {
        self.world.record_event(facts);
    }

    fn write_failed(&mut self) {
        self.manager.sync_error = true;
    }
}

/// The name and namespace a write is aimed at.
fn target(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> (&str, &str) {
    (
        meta.namespace.as_deref().unwrap_or(""),
        meta.name.as_deref().unwrap_or(""),
    )
}

impl Cluster {
    /// The planned failure of this write, if a test planned one.
    fn planned_failure(
        &mut self,
        write: Write,
        namespace: &str,
        name: &str,
    ) -> Result<(), ApiError> {
        match self.world.faults.check(write, namespace, name) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl ObjectManager for Cluster {
    fn get_claim(&self, namespace: &str, name: &str) -> Option<&PersistentVolumeClaim> {
        self.world
            .store
            .get::<PersistentVolumeClaim>(namespace, name)
    }

    fn create_pod(&mut self, pod: Pod) -> Result<Rc<Pod>, ApiError> {
        let (ns, name) = target(&pod.metadata);
        self.planned_failure(Write::CreatePod, ns, name)?;
        self.create_shared(pod)
    }

    fn update_pod(&mut self, pod: Pod) -> Result<(), ApiError> {
        let (ns, name) = target(&pod.metadata);
        self.planned_failure(Write::UpdatePod, ns, name)?;
        self.update(pod).map(drop)
    }

    fn delete_pod(&mut self, namespace: &str, name: &str) -> Result<(), ApiError> {
        self.planned_failure(Write::DeletePod, namespace, name)?;
        self.delete::<Pod>(namespace, name, DeleteOptions::default())
    }

    fn create_claim(&mut self, claim: PersistentVolumeClaim) -> Result<(), ApiError> {
        let (ns, name) = target(&claim.metadata);
        self.planned_failure(Write::CreateClaim, ns, name)?;
        self.create_shared(claim).map(drop)
    }

    fn update_claim(&mut self, claim: PersistentVolumeClaim) -> Result<(), ApiError> {
        let (ns, name) = target(&claim.metadata);
        self.planned_failure(Write::UpdateClaim, ns, name)?;
        self.update(claim).map(drop)
    }
}
