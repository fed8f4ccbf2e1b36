//! The volume binder and the default provisioner: claims bind to matching static volumes or get a
//! new dynamically provisioned one; released volumes are reclaimed by their policy.

use std::collections::BTreeMap;
use std::rc::Rc;

use k8s_openapi::api::core::v1::{
    CSIPersistentVolumeSource, ObjectReference, PersistentVolume, PersistentVolumeClaim,
    PersistentVolumeClaimStatus, PersistentVolumeSpec, PersistentVolumeStatus,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::Cluster;
use super::events::{EventType, Facts};
use super::fs::Fs;
use super::queue::Work;
use super::scheduler::SELECTED_NODE;

/// Bytes in a quantity such as `1Gi`, `500Mi`, `10G` (0 when it cannot be read).
pub fn quantity_bytes(q: &str) -> u128 {
    super::api::quantity::parse_quantity(q)
        .map(|q| u128::try_from(q.value()).unwrap_or(0))
        .unwrap_or(0)
}

/// The volume controller's sync period (kube-controller-manager's `--pvclaimbinder-sync-period`).
const RESYNC_MS: u64 = 15_000;

/// Annotation the binder sets on a claim once it is bound.
const BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";

fn request(pvc: &PersistentVolumeClaim) -> Option<Quantity> {
    pvc.spec
        .as_ref()?
        .resources
        .as_ref()?
        .requests
        .as_ref()?
        .get("storage")
        .cloned()
}

fn phase_of(pvc: &PersistentVolumeClaim) -> &str {
    pvc.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("Pending")
}

/// One pass of the binder, the provisioner and volume reclaim.
pub fn reconcile(c: &mut Cluster) {
    let claims: Vec<Rc<PersistentVolumeClaim>> = c
        .store
        .claims
        .values()
        .filter(|p| phase_of(p) == "Pending" && p.metadata.deletion_timestamp.is_none())
        .cloned()
        .collect();
    // Static volumes that could still be bound, gathered once per pass.
    let mut available: Vec<PersistentVolume> = c
        .store
        .list::<PersistentVolume>(None)
        .filter(|pv| {
            pv.metadata.deletion_timestamp.is_none()
                && pv
                    .status
                    .as_ref()
                    .and_then(|st| st.phase.as_deref())
                    .is_none_or(|p| p == "Available")
        })
        .cloned()
        .collect();
    let mut waiting = false;
    for claim in claims {
        waiting |= bind_or_provision(c, claim, &mut available);
    }
    if waiting && !c.manager.queue.contains(&Work::VolumeResync) {
        let at = c.clock.now_ms + RESYNC_MS;
        c.manager.queue.push(at, Work::VolumeResync);
    }
    reclaim(c);
}

/// The reference a bound volume keeps to its claim.
fn claim_reference(claim: &PersistentVolumeClaim) -> ObjectReference {
    ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("PersistentVolumeClaim".into()),
        name: Some(claim.metadata.name.clone().unwrap_or_default()),
        namespace: Some(claim.metadata.namespace.clone().unwrap_or_default()),
        uid: claim.metadata.uid.clone(),
        resource_version: claim.metadata.resource_version.clone(),
        field_path: None,
    }
}

/// Binds the claim that `claim_ref` names to the volume `pv_name`. It takes the reference rather
/// than the claim, so that no handle to the claim is held while the claim is written.
fn bind(c: &mut Cluster, claim_ref: ObjectReference, pv_name: &str) {
    let ns = claim_ref.namespace.clone().unwrap_or_default();
    let name = claim_ref.name.clone().unwrap_or_default();
    let Some(pv) = c.store.get::<PersistentVolume>("", pv_name) else {
        return;
    };
    let capacity = pv.spec.as_ref().and_then(|s| s.capacity.clone());
    let modes = pv.spec.as_ref().and_then(|s| s.access_modes.clone());
    let claim_ref = Some(claim_ref);
    let pv_status = Some(PersistentVolumeStatus {
        phase: Some("Bound".into()),
        ..Default::default()
    });
    // Each object is written (and copied, if shared) only when the binding changes it.
    let pv_changed =
        pv.spec.as_ref().is_none_or(|s| s.claim_ref != claim_ref) || pv.status != pv_status;
    if pv_changed {
        c.store.edit::<PersistentVolume>("", pv_name, |v| {
            v.spec.get_or_insert_with(Default::default).claim_ref = claim_ref;
            v.status = pv_status;
            true
        });
    }
    let claim_status = Some(PersistentVolumeClaimStatus {
        phase: Some("Bound".into()),
        access_modes: modes,
        capacity,
        ..Default::default()
    });
    let claim_changed = c
        .store
        .get::<PersistentVolumeClaim>(&ns, &name)
        .is_some_and(|p| {
            p.spec
                .as_ref()
                .is_none_or(|s| s.volume_name.as_deref() != Some(pv_name))
                || p.metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get(BIND_COMPLETED))
                    .map(String::as_str)
                    != Some("yes")
                || p.status != claim_status
        });
    if claim_changed {
        c.store.edit::<PersistentVolumeClaim>(&ns, &name, |p| {
            p.spec.get_or_insert_with(Default::default).volume_name = Some(pv_name.to_string());
            let ann = p.metadata.annotations.get_or_insert_with(BTreeMap::new);
            ann.insert(BIND_COMPLETED.into(), "yes".into());
            p.status = claim_status;
            true
        });
    }
    c.volumes.entry(pv_name.to_string()).or_default();
}

/// Binds or provisions one pending claim; true when the claim waits for the next resync (no
/// volume and no class, a class that does not exist, or a first consumer to wait for).
fn bind_or_provision(
    c: &mut Cluster,
    shared: Rc<PersistentVolumeClaim>,
    available: &mut Vec<PersistentVolume>,
) -> bool {
    let claim: &PersistentVolumeClaim = &shared;
    let ns = claim.metadata.namespace.as_deref().unwrap_or_default();
    let name = claim.metadata.name.as_deref().unwrap_or_default();
    let no_spec = Default::default();
    let spec: &k8s_openapi::api::core::v1::PersistentVolumeClaimSpec =
        claim.spec.as_ref().unwrap_or(&no_spec);
    let class = spec.storage_class_name.as_deref().unwrap_or_default();
    let modes = spec.access_modes.as_deref().unwrap_or(&[]);
    let sc = c.store.snapshot_one::<StorageClass>("", class);
    let wffc = sc
        .as_ref()
        .is_some_and(|s| s.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
    let selected = claim
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(SELECTED_NODE));
    if wffc && !selected {
        let facts = Facts::new(
            claim,
            None,
            EventType::Normal,
            "WaitForFirstConsumer",
            "waiting for first consumer to be created before binding",
            "persistentvolume-controller",
            None,
        );
        c.record_event(facts);
        return true;
    }
    // A static volume that fits: same class, enough capacity, the access modes asked for, not claimed.
    // The request is only read when there is a volume to compare it with.
    let wanted = if available.is_empty() {
        0
    } else {
        request(claim).map_or(0, |q| quantity_bytes(&q.0))
    };
    let mut candidates: Vec<(u128, String)> = available
        .iter()
        .filter(|pv| {
            let no_pv_spec = PersistentVolumeSpec::default();
            let s = pv.spec.as_ref().unwrap_or(&no_pv_spec);
            let available = pv
                .status
                .as_ref()
                .and_then(|st| st.phase.as_deref())
                .is_none_or(|p| p == "Available")
                && pv.metadata.deletion_timestamp.is_none();
            let claimed_by_other = s.claim_ref.as_ref().is_some_and(|r| {
                r.name.as_deref() != Some(name) || r.namespace.as_deref() != Some(ns)
            });
            let cap = s
                .capacity
                .as_ref()
                .and_then(|m| m.get("storage"))
                .map_or(0, |q| quantity_bytes(&q.0));
            let pv_modes = s.access_modes.as_deref().unwrap_or_default();
            available
                && !claimed_by_other
                && s.storage_class_name.as_deref().unwrap_or_default() == class
                && cap >= wanted
                && modes.iter().all(|m| pv_modes.contains(m))
                && spec
                    .volume_name
                    .as_ref()
                    .is_none_or(|v| pv.metadata.name.as_ref() == Some(v))
        })
        .map(|pv| {
            let cap = pv
                .spec
                .as_ref()
                .and_then(|s| s.capacity.as_ref())
                .and_then(|m| m.get("storage"))
                .map_or(0, |q| quantity_bytes(&q.0));
            (cap, pv.metadata.name.clone().unwrap_or_default())
        })
        .collect();
    crate::order::sort(&mut candidates);
    if let Some((_, pv)) = candidates.first().cloned() {
        available.retain(|v| v.metadata.name.as_deref() != Some(pv.as_str()));
        bind(c, claim_reference(claim), &pv);
        return false;
    }
    let Some(sc) = sc else {
        if class.is_empty() {
            let facts = Facts::new(
                claim,
                None,
                EventType::Normal,
                "FailedBinding",
                "no persistent volumes available for this claim and no storage class is set",
                "persistentvolume-controller",
                None,
            );
            c.record_event(facts);
        } else {
            let facts = Facts::new(
                claim,
                None,
                EventType::Warning,
                "ProvisioningFailed",
                &format!("storageclass.storage.k8s.io \"{class}\" not found"),
                "persistentvolume-controller",
                None,
            );
            c.record_event(facts);
        }
        return true;
    };
    let provisioner = sc.provisioner.as_str();
    let already = claim
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key("volume.kubernetes.io/storage-provisioner"));
    if !already {
        // Both events describe the claim as this pass read it. They are made before the write, so
        // that the pass can let go of its handle to the claim and the write does not copy it.
        let external = Facts::new(
            claim,
            None,
            EventType::Normal,
            "ExternalProvisioning",
            &[
                "Waiting for a volume to be created either by the external provisioner '",
                provisioner,
                "' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
            ]
            .concat(),
            "persistentvolume-controller",
            None,
        );
        let provisioning = Facts::new(
            claim,
            None,
            EventType::Normal,
            "Provisioning",
            &[
                "External provisioner is provisioning volume for claim \"",
                ns,
                "/",
                name,
                "\"",
            ]
            .concat(),
            provisioner,
            None,
        );
        let key = super::store::key(ns, name);
        drop(shared);
        let (ns, name) = key.split_once('/').unwrap_or(("", key.as_str()));
        // The closure reports its change, so the claim is not compared whole afterwards.
        c.store.edit::<PersistentVolumeClaim>(ns, name, |p| {
            let ann = p.metadata.annotations.get_or_insert_with(BTreeMap::new);
            let mut changed = false;
            for key in [
                "volume.beta.kubernetes.io/storage-provisioner",
                "volume.kubernetes.io/storage-provisioner",
            ] {
                changed |= ann
                    .insert(key.into(), provisioner.to_string())
                    .is_none_or(|old| old != provisioner);
            }
            changed
        });
        c.record_event(external);
        c.record_event(provisioning);
        let at = c.after(800, 2_000);
        c.manager.queue.push(at, Work::Provisioned(key));
    }
    false
}

/// The provisioner has created the volume: store it and bind the claim to it.
pub fn finish_provisioning(c: &mut Cluster, key: &str) {
    let (ns, name) = key.split_once('/').unwrap_or(("", key));
    let Some(claim) = c.store.snapshot_one::<PersistentVolumeClaim>(ns, name) else {
        return;
    };
    if phase_of(&claim) != "Pending" || claim.metadata.deletion_timestamp.is_some() {
        return;
    }
    let class = claim
        .spec
        .as_ref()
        .and_then(|s| s.storage_class_name.clone())
        .unwrap_or_default();
    let Some(sc) = c.store.snapshot_one::<StorageClass>("", &class) else {
        return;
    };
    let pv_name = ["pvc-", claim.metadata.uid.as_deref().unwrap_or_default()].concat();
    let capacity: BTreeMap<String, Quantity> = request(&claim)
        .map(|q| ("storage".to_string(), q))
        .into_iter()
        .collect();
    let pv = PersistentVolume {
        metadata: ObjectMeta {
            name: Some(pv_name.clone()),
            annotations: Some(
                [(
                    "pv.kubernetes.io/provisioned-by".to_string(),
                    sc.provisioner.clone(),
                )]
                .into_iter()
                .collect(),
            ),
            ..Default::default()
        },
        spec: Some(PersistentVolumeSpec {
            access_modes: claim.spec.as_ref().and_then(|s| s.access_modes.clone()),
            capacity: Some(capacity),
            persistent_volume_reclaim_policy: Some(
                sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
            ),
            storage_class_name: Some(class.clone()),
            volume_mode: Some("Filesystem".into()),
            csi: Some(CSIPersistentVolumeSource {
                driver: sc.provisioner.clone(),
                volume_handle: pv_name.clone(),
                fs_type: Some("ext4".into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        status: Some(PersistentVolumeStatus {
            phase: Some("Available".into()),
            ..Default::default()
        }),
    };
    let claim_ref = claim_reference(&claim);
    // The claim is written below; a handle still held here would make the store copy it.
    drop(claim);
    if c.create_shared(pv).is_err() {
        return;
    }
    c.volumes.insert(pv_name.clone(), Fs::default());
    bind(c, claim_ref, &pv_name);
    let message = ["Successfully provisioned volume ", pv_name.as_str()].concat();
    let facts = c.store.get::<PersistentVolumeClaim>(ns, name).map(|claim| {
        Facts::new(
            claim,
            None,
            EventType::Normal,
            "ProvisioningSucceeded",
            &message,
            &sc.provisioner,
            None,
        )
    });
    if let Some(facts) = facts {
        c.record_event(facts);
    }
}

/// Volumes whose claim is gone: Delete removes them (and their files), Retain leaves them Released.
fn reclaim(c: &mut Cluster) {
    let volumes: Vec<Rc<PersistentVolume>> = c.store.snapshot::<PersistentVolume>(None);
    for pv in volumes {
        let Some(spec) = pv.spec.as_ref() else {
            continue;
        };
        let Some(r) = spec.claim_ref.as_ref() else {
            continue;
        };
        let claim = c.store.get::<PersistentVolumeClaim>(
            r.namespace.as_deref().unwrap_or(""),
            r.name.as_deref().unwrap_or(""),
        );
        let gone = claim.is_none_or(|p| p.metadata.uid != r.uid);
        if !gone {
            continue;
        }
        let name = pv.metadata.name.clone().unwrap_or_default();
        let policy = spec
            .persistent_volume_reclaim_policy
            .clone()
            .unwrap_or_else(|| "Retain".into());
        let phase = pv
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_default();
        if phase != "Released" {
            c.store.modify::<PersistentVolume>("", &name, |v| {
                v.status = Some(PersistentVolumeStatus {
                    phase: Some("Released".into()),
                    ..Default::default()
                });
            });
        }
        if policy == "Delete" && pv.metadata.deletion_timestamp.is_none() {
            let _ = c.delete::<PersistentVolume>("", &name, Default::default());
        }
    }
}
