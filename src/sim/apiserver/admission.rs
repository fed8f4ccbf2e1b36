//! Admission on create: pod defaulting and the pod plugins (from `sim::api::admission`),
//! DefaultStorageClass, the storage-object-in-use protection finalizers, and validation of the
//! objects controllers create (pods and claims).

use std::any::Any;

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::api::storage::v1::StorageClass;

use super::ApiError;
use crate::sim::Cluster;
use crate::sim::api::field_error::server_invalid_message;
use crate::sim::kind::Object;

/// The finalizer that keeps a claim while a pod uses it.
pub const PVC_PROTECTION: &str = "kubernetes.io/pvc-protection";
/// The finalizer that keeps a volume while a claim is bound to it.
pub const PV_PROTECTION: &str = "kubernetes.io/pv-protection";

/// Runs the admission plugins on a new object.
pub fn admit<T: Object + 'static>(c: &mut Cluster, obj: &mut T) {
    let any: &mut dyn Any = obj;
    if let Some(pod) = any.downcast_mut::<Pod>() {
        // Defaulting runs before the admission plugins, as on the real server.
        crate::sim::api::defaults_pod::default_pod(pod);
        let suffix = c.world.rng.suffix(5);
        crate::sim::api::admission::admit_pod(
            pod,
            &crate::sim::api::admission::PodAdmission {
                token_volume_suffix: &suffix,
            },
        );
    } else if let Some(pvc) = any.downcast_mut::<PersistentVolumeClaim>() {
        admit_claim(c, pvc);
    } else if let Some(pv) = any.downcast_mut::<PersistentVolume>() {
        add_finalizer(&mut pv.metadata.finalizers, PV_PROTECTION);
    }
}

/// Defaults and validates pods and claims as the API server does on create (other kinds are checked
/// by the request layer before they reach the typed store).
pub fn default_and_validate<T: Object + 'static>(obj: &mut T) -> Result<(), ApiError> {
    let any: &mut dyn Any = obj;
    if let Some(pod) = any.downcast_mut::<Pod>() {
        let errs = crate::sim::api::validation_pod::validate_pod(pod);
        if !errs.is_empty() {
            let name = pod.metadata.name.clone().unwrap_or_default();
            return Err(ApiError::invalid(server_invalid_message(
                "Pod", &name, &errs,
            )));
        }
    } else if let Some(pvc) = any.downcast_mut::<PersistentVolumeClaim>() {
        crate::sim::api::defaults::default_pvc(pvc);
        let errs = crate::sim::api::validation_storage::validate_pvc(pvc);
        if !errs.is_empty() {
            let name = pvc.metadata.name.clone().unwrap_or_default();
            return Err(ApiError::invalid(server_invalid_message(
                "PersistentVolumeClaim",
                &name,
                &errs,
            )));
        }
    }
    Ok(())
}

fn add_finalizer(finalizers: &mut Option<Vec<String>>, f: &str) {
    let list = finalizers.get_or_insert_with(Vec::new);
    if !list.iter().any(|x| x == f) {
        list.push(f.to_string());
    }
}

fn admit_claim(c: &Cluster, pvc: &mut PersistentVolumeClaim) {
    add_finalizer(&mut pvc.metadata.finalizers, PVC_PROTECTION);
    let spec = pvc.spec.get_or_insert_with(Default::default);
    if spec.storage_class_name.is_none() {
        let default = c.world.store.list::<StorageClass>(None).find(|sc| {
            sc.metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get("storageclass.kubernetes.io/is-default-class"))
                .is_some_and(|v| v == "true")
        });
        if let Some(sc) = default {
            spec.storage_class_name = sc.metadata.name.clone();
        }
    }
    if spec.volume_mode.is_none() {
        spec.volume_mode = Some("Filesystem".into());
    }
    let status = pvc.status.get_or_insert_with(Default::default);
    if status.phase.is_none() {
        status.phase = Some("Pending".into());
    }
}
