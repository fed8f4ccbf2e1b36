//! The volume binder and the default provisioner, after the PV controller
//! (pkg/controller/volume/persistentvolume/pv_controller.go): claims bind to matching static
//! volumes (bind.rs) or get a new dynamically provisioned one (provision.rs); released volumes are
//! reclaimed by their policy.

mod bind;
mod provision;

use std::rc::Rc;

use k8s_openapi::api::core::v1::{
    ObjectReference, PersistentVolume, PersistentVolumeClaim, PersistentVolumeStatus,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::Cluster;
use super::events::{EventType, Facts};
use super::queue::Work;
use super::scheduler::SELECTED_NODE;
use super::world::World;

pub use provision::finish_provisioning;

/// Bytes in a quantity such as `1Gi`, `500Mi`, `10G` (0 when it cannot be read).
pub fn quantity_bytes(q: &str) -> u128 {
    crate::gofmt::quantity::parse_quantity(q)
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
        .world
        .store
        .claims
        .values()
        .filter(|p| phase_of(p) == "Pending" && p.metadata.deletion_timestamp.is_none())
        .cloned()
        .collect();
    // Static volumes that could still be bound, gathered once per pass.
    let mut available: Vec<PersistentVolume> = c
        .world
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
        waiting |= sync_unbound_claim(c, claim, &mut available);
    }
    if waiting && !c.manager.queue.contains(&Work::VolumeResync) {
        let at = c.world.clock.now_ms + RESYNC_MS;
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

/// syncUnboundClaim for one pending claim: a WaitForFirstConsumer claim waits for the scheduler
/// to pick a node; otherwise findBestMatch binds it to a static volume, or provisionClaim asks
/// the class's provisioner for one. True when the claim waits for the next resync (no volume and
/// no class, a class that does not exist, or a first consumer to wait for).
fn sync_unbound_claim(
    c: &mut Cluster,
    shared: Rc<PersistentVolumeClaim>,
    available: &mut Vec<PersistentVolume>,
) -> bool {
    let claim: &PersistentVolumeClaim = &shared;
    let class = claim
        .spec
        .as_ref()
        .and_then(|s| s.storage_class_name.as_deref())
        .unwrap_or_default();
    let sc = c.world.store.snapshot_one::<StorageClass>("", class);
    let wffc = sc
        .as_ref()
        .is_some_and(|s| s.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
    let selected = claim
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(SELECTED_NODE));
    if wffc && !selected {
        claim_event(
            &mut c.world,
            claim,
            EventType::Normal,
            "WaitForFirstConsumer",
            "waiting for first consumer to be created before binding",
        );
        return true;
    }
    if let Some(pv) = bind::find_best_match(claim, available) {
        available.retain(|v| v.metadata.name.as_deref() != Some(pv.as_str()));
        bind::bind(&mut c.world, claim_reference(claim), &pv);
        return false;
    }
    let Some(sc) = sc else {
        if class.is_empty() {
            claim_event(
                &mut c.world,
                claim,
                EventType::Normal,
                "FailedBinding",
                "no persistent volumes available for this claim and no storage class is set",
            );
        } else {
            // What provisionClaimOperation reports when the claim's class cannot be read.
            claim_event(
                &mut c.world,
                claim,
                EventType::Warning,
                "ProvisioningFailed",
                &format!("storageclass.storage.k8s.io \"{class}\" not found"),
            );
        }
        return true;
    };
    provision::provision_claim(c, shared, &sc);
    false
}

/// Records a persistentvolume-controller event about a claim.
fn claim_event(
    w: &mut World,
    claim: &PersistentVolumeClaim,
    kind: EventType,
    reason: &str,
    message: &str,
) {
    let facts = Facts::new(
        claim,
        None,
        kind,
        reason,
        message,
        "persistentvolume-controller",
        None,
    );
    w.record_event(facts);
}

/// Volumes whose claim is gone: Delete removes them (and their files), Retain leaves them Released.
fn reclaim(c: &mut Cluster) {
    let volumes: Vec<Rc<PersistentVolume>> = c.world.store.snapshot::<PersistentVolume>(None);
    for pv in volumes {
        let Some(spec) = pv.spec.as_ref() else {
            continue;
        };
        let Some(r) = spec.claim_ref.as_ref() else {
            continue;
        };
        let claim = c.world.store.get::<PersistentVolumeClaim>(
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
            c.world.store.modify::<PersistentVolume>("", &name, |v| {
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
