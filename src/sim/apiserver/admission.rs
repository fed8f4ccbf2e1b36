//! Admission plugins the playground runs on create: ServiceAccount, DefaultTolerationSeconds,
//! DefaultStorageClass, and the storage-object-in-use protection finalizers.

use std::any::Any;

use k8s_openapi::api::core::v1::{
    ConfigMapProjection, DownwardAPIProjection, DownwardAPIVolumeFile, KeyToPath,
    ObjectFieldSelector, PersistentVolume, PersistentVolumeClaim, Pod, ProjectedVolumeSource,
    ServiceAccountTokenProjection, Toleration, Volume, VolumeMount, VolumeProjection,
};
use k8s_openapi::api::storage::v1::StorageClass;

use super::ApiError;
use crate::sim::Cluster;
use crate::sim::api::field_error::server_invalid_message;
use crate::sim::kind::Object;

/// The finalizer that keeps a claim while a pod uses it.
pub const PVC_PROTECTION: &str = "kubernetes.io/pvc-protection";
/// The finalizer that keeps a volume while a claim is bound to it.
pub const PV_PROTECTION: &str = "kubernetes.io/pv-protection";
/// Where the service account token is mounted in every container.
pub const SERVICE_ACCOUNT_MOUNT: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// Runs the admission plugins on a new object.
pub fn admit<T: Object + 'static>(c: &mut Cluster, obj: &mut T) {
    let any: &mut dyn Any = obj;
    if let Some(pod) = any.downcast_mut::<Pod>() {
        admit_pod(c, pod);
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
        crate::sim::api::defaults_pod::default_pod(pod);
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
        let default = c.store.list::<StorageClass>(None).find(|sc| {
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

fn admit_pod(c: &mut Cluster, pod: &mut Pod) {
    let suffix = c.rng.suffix(5);
    let spec = pod.spec.get_or_insert_with(Default::default);
    if spec.service_account_name.is_none() {
        spec.service_account_name = Some("default".into());
    }
    spec.service_account = spec.service_account_name.clone();
    if spec.priority.is_none() {
        spec.priority = Some(0);
    }
    if spec.preemption_policy.is_none() {
        spec.preemption_policy = Some("PreemptLowerPriority".into());
    }
    if spec.enable_service_links.is_none() {
        spec.enable_service_links = Some(true);
    }
    let tolerations = spec.tolerations.get_or_insert_with(Vec::new);
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        if !tolerations.iter().any(|t| t.key.as_deref() == Some(key)) {
            tolerations.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                effect: Some("NoExecute".into()),
                toleration_seconds: Some(300),
                ..Default::default()
            });
        }
    }
    if spec.automount_service_account_token == Some(false) {
        return;
    }
    let volume_name = format!("kube-api-access-{suffix}");
    let volumes = spec.volumes.get_or_insert_with(Vec::new);
    volumes.push(token_volume(&volume_name));
    for container in &mut spec.containers {
        let mounts = container.volume_mounts.get_or_insert_with(Vec::new);
        if !mounts.iter().any(|m| m.mount_path == SERVICE_ACCOUNT_MOUNT) {
            mounts.push(VolumeMount {
                name: volume_name.clone(),
                mount_path: SERVICE_ACCOUNT_MOUNT.into(),
                read_only: Some(true),
                ..Default::default()
            });
        }
    }
}

fn token_volume(name: &str) -> Volume {
    Volume {
        name: name.to_string(),
        projected: Some(ProjectedVolumeSource {
            default_mode: Some(420),
            default_user: None,
            sources: Some(vec![
                VolumeProjection {
                    service_account_token: Some(ServiceAccountTokenProjection {
                        expiration_seconds: Some(3607),
                        path: "token".into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    config_map: Some(ConfigMapProjection {
                        name: "kube-root-ca.crt".into(),
                        items: Some(vec![KeyToPath {
                            key: "ca.crt".into(),
                            path: "ca.crt".into(),
                            ..Default::default()
                        }]),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    downward_api: Some(DownwardAPIProjection {
                        items: Some(vec![DownwardAPIVolumeFile {
                            path: "namespace".into(),
                            field_ref: Some(ObjectFieldSelector {
                                api_version: Some("v1".into()),
                                field_path: "metadata.namespace".into(),
                            }),
                            ..Default::default()
                        }]),
                    }),
                    ..Default::default()
                },
            ]),
        }),
        ..Default::default()
    }
}
