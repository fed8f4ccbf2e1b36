//! The writes the StatefulSet pod control makes, behind one narrow interface as upstream's
//! `StatefulPodControlObjectManager` (pkg/controller/statefulset/stateful_pod_control.go): the
//! real one writes through the cluster's API server, after asking the cluster's fault plan
//! whether a test wants this write to fail.

use std::rc::Rc;

use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod};

use crate::sim::Cluster;
use crate::sim::apiserver::{ApiError, DeleteOptions};
use crate::sim::faults::Write;

/// Every write the pod control makes to pods and claims.
pub trait ObjectManager {
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
        match self.faults.check(write, namespace, name) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl ObjectManager for Cluster {
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
