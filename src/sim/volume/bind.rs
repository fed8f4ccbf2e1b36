//! Binding a claim to a static volume: findBestMatch picks the smallest volume that fits, and
//! bind writes both sides (pkg/controller/volume/persistentvolume/pv_controller.go, index.go).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    ObjectReference, PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimStatus,
    PersistentVolumeSpec, PersistentVolumeStatus,
};

use super::{BIND_COMPLETED, quantity_bytes, request};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// Annotation the volume controller sets on the objects it binds (pv.kubernetes.io/...).
const BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";

fn has_annotation(meta: &ObjectMeta, key: &str) -> bool {
    meta.annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(key))
}
use crate::sim::world::World;

/// findBestMatchForClaim: of the volumes still available, the smallest that fits the claim (same
/// class, enough capacity, the access modes asked for, not claimed by another, the volume the
/// claim names if it names one). Ties go to the name, in order.
pub(super) fn find_best_match(
    claim: &PersistentVolumeClaim,
    available: &[PersistentVolume],
) -> Option<String> {
    let ns = claim.metadata.namespace.as_deref().unwrap_or_default();
    let name = claim.metadata.name.as_deref().unwrap_or_default();
    let no_spec = Default::default();
    let spec: &k8s_openapi::api::core::v1::PersistentVolumeClaimSpec =
        claim.spec.as_ref().unwrap_or(&no_spec);
    let class = spec.storage_class_name.as_deref().unwrap_or_default();
    let modes = spec.access_modes.as_deref().unwrap_or(&[]);
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
    candidates.into_iter().next().map(|(_, pv)| pv)
}

/// Binds the claim that `claim_ref` names to the volume `pv_name`. It takes the reference rather
/// than the claim, so that no handle to the claim is held while the claim is written.
pub(super) fn bind(w: &mut World, claim_ref: ObjectReference, pv_name: &str) {
    let ns = claim_ref.namespace.clone().unwrap_or_default();
    let name = claim_ref.name.clone().unwrap_or_default();
    let Some(pv) = w.store.get::<PersistentVolume>("", pv_name) else {
        return;
    };
    let capacity = pv.spec.as_ref().and_then(|s| s.capacity.clone());
    let modes = pv.spec.as_ref().and_then(|s| s.access_modes.clone());
    let claim_ref = Some(claim_ref);
    let pv_status = Some(PersistentVolumeStatus {
        phase: Some("Bound".into()),
        ..Default::default()
    });
    // A volume the controller points at the claim itself (not one a provisioner created for it
    // or a user pre-bound) is marked bound-by-controller (GetBindVolumeToClaim in
    // pkg/controller/volume/persistentvolume/util/util.go, IsVolumeBoundToClaim).
    let bound_already = pv
        .spec
        .as_ref()
        .and_then(|s| s.claim_ref.as_ref())
        .is_some_and(|r| {
            let want = claim_ref.as_ref();
            r.name == want.and_then(|c| c.name.clone())
                && r.namespace == want.and_then(|c| c.namespace.clone())
                && (r.uid.as_deref().unwrap_or_default().is_empty()
                    || r.uid == want.and_then(|c| c.uid.clone()))
        });
    let mark_pv = !bound_already && !has_annotation(&pv.metadata, BOUND_BY_CONTROLLER);
    // Each object is written (and copied, if shared) only when the binding changes it.
    let pv_changed = mark_pv
        || pv.spec.as_ref().is_none_or(|s| s.claim_ref != claim_ref)
        || pv.status != pv_status;
    if pv_changed {
        w.store.edit::<PersistentVolume>("", pv_name, |v| {
            v.spec.get_or_insert_with(Default::default).claim_ref = claim_ref;
            v.status = pv_status;
            if mark_pv {
                let ann = v.metadata.annotations.get_or_insert_with(BTreeMap::new);
                ann.insert(BOUND_BY_CONTROLLER.into(), "yes".into());
            }
            true
        });
    }
    let claim_status = Some(PersistentVolumeClaimStatus {
        phase: Some("Bound".into()),
        access_modes: modes,
        capacity,
        ..Default::default()
    });
    // bindClaimToVolume (pv_controller.go): the controller that fills in spec.volumeName says so
    // with bound-by-controller, and bind-completed once the binding is whole.
    let (mark_claim, claim_changed) =
        w.store
            .get::<PersistentVolumeClaim>(&ns, &name)
            .map_or((false, false), |p| {
                let names_other = p
                    .spec
                    .as_ref()
                    .is_none_or(|s| s.volume_name.as_deref() != Some(pv_name));
                let completed = p
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get(BIND_COMPLETED))
                    .map(String::as_str)
                    == Some("yes");
                (
                    names_other && !has_annotation(&p.metadata, BOUND_BY_CONTROLLER),
                    names_other || !completed || p.status != claim_status,
                )
            });
    if claim_changed {
        w.store.edit::<PersistentVolumeClaim>(&ns, &name, |p| {
            p.spec.get_or_insert_with(Default::default).volume_name = Some(pv_name.to_string());
            let ann = p.metadata.annotations.get_or_insert_with(BTreeMap::new);
            if mark_claim {
                ann.insert(BOUND_BY_CONTROLLER.into(), "yes".into());
            }
            ann.insert(BIND_COMPLETED.into(), "yes".into());
            p.status = claim_status;
            true
        });
    }
    w.volumes.entry(pv_name.to_string()).or_default();
}
