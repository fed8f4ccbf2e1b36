//! The garbage collector: dependents of deleted owners (background, foreground, orphan), and the
//! protection finalizers of claims and volumes.

use std::rc::Rc;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;

use super::Cluster;
use super::apiserver::admission::{PV_PROTECTION, PVC_PROTECTION};
use super::apiserver::{DeleteOptions, FOREGROUND_FINALIZER, ORPHAN_FINALIZER};
use super::kind::Object;
use super::world::World;

/// What the owner of a reference looks like now.
enum OwnerState {
    /// Gone (or replaced by another object with the same name).
    Gone,
    /// Being deleted in the foreground: dependents go first.
    Foreground,
    /// Being deleted with orphaning: dependents lose this reference.
    Orphaning,
    /// Alive.
    Alive,
}

fn owner_state(w: &World, namespace: &str, r: &OwnerReference) -> OwnerState {
    let meta = match r.kind.as_str() {
        "StatefulSet" => w
            .store
            .get::<StatefulSet>(namespace, &r.name)
            .map(|o| &o.metadata),
        "Pod" => w.store.get::<Pod>(namespace, &r.name).map(|o| &o.metadata),
        "PersistentVolumeClaim" => w
            .store
            .get::<PersistentVolumeClaim>(namespace, &r.name)
            .map(|o| &o.metadata),
        "ControllerRevision" => w
            .store
            .get::<ControllerRevision>(namespace, &r.name)
            .map(|o| &o.metadata),
        // Owners of kinds the playground does not simulate are treated as present.
        _ => return OwnerState::Alive,
    };
    let Some(meta) = meta.filter(|m| m.uid.as_deref() == Some(r.uid.as_str())) else {
        return OwnerState::Gone;
    };
    let has = |f: &str| meta.finalizers.iter().flatten().any(|x| x == f);
    if meta.deletion_timestamp.is_some() && has(FOREGROUND_FINALIZER) {
        OwnerState::Foreground
    } else if meta.deletion_timestamp.is_some() && has(ORPHAN_FINALIZER) {
        OwnerState::Orphaning
    } else {
        OwnerState::Alive
    }
}

fn collect_kind<T: Object + PartialEq>(c: &mut Cluster) {
    // Shared handles, not copies: each dependent is judged by the object as it was at this point.
    let dependents: Vec<Rc<T>> = T::table(&c.world.store)
        .values()
        .filter(|o| {
            o.metadata()
                .owner_references
                .as_ref()
                .is_some_and(|r| !r.is_empty())
        })
        .cloned()
        .collect();
    for dependent in dependents {
        let m = dependent.metadata();
        let ns = m.namespace.as_deref().unwrap_or_default();
        let name = m.name.as_deref().unwrap_or_default();
        let refs = m.owner_references.as_deref().unwrap_or_default();
        let deleting = m.deletion_timestamp.is_some();
        let states: Vec<OwnerState> = refs.iter().map(|r| owner_state(&c.world, ns, r)).collect();
        let orphaned: Vec<&OwnerReference> = refs
            .iter()
            .zip(&states)
            .filter(|(_, s)| matches!(s, OwnerState::Orphaning))
            .map(|(r, _)| r)
            .collect();
        if !orphaned.is_empty() {
            let uids: Vec<String> = orphaned.iter().map(|r| r.uid.clone()).collect();
            c.world.store.modify::<T>(ns, name, |o| {
                let m = o.metadata_mut();
                m.owner_references = m
                    .owner_references
                    .take()
                    .map(|rs| {
                        rs.into_iter()
                            .filter(|r| !uids.contains(&r.uid))
                            .collect::<Vec<_>>()
                    })
                    .filter(|rs| !rs.is_empty());
            });
            continue;
        }
        if deleting {
            continue;
        }
        let all_gone = states.iter().all(|s| matches!(s, OwnerState::Gone));
        let foreground = states.iter().any(|s| matches!(s, OwnerState::Foreground));
        if all_gone || foreground {
            let _ = c.delete::<T>(ns, name, DeleteOptions::default());
        }
    }
}

fn has_dependents(w: &World, uid: &str) -> bool {
    fn any<T: Object>(w: &World, uid: &str) -> bool {
        T::table(&w.store).values().any(|o| {
            o.metadata()
                .owner_references
                .iter()
                .flatten()
                .any(|r| r.uid == uid)
        })
    }
    any::<Pod>(w, uid) || any::<PersistentVolumeClaim>(w, uid) || any::<ControllerRevision>(w, uid)
}

fn drop_finalizer<T: Object + PartialEq>(c: &mut Cluster, ns: &str, name: &str, finalizer: &str) {
    let Some(mut obj) = c.world.store.get::<T>(ns, name).cloned() else {
        return;
    };
    let m = obj.metadata_mut();
    m.finalizers = m
        .finalizers
        .take()
        .map(|f| f.into_iter().filter(|x| x != finalizer).collect::<Vec<_>>())
        .filter(|f| !f.is_empty());
    let _ = c.update(obj);
}

fn finish_owners<T: Object + PartialEq>(c: &mut Cluster) {
    let owners: Vec<(String, String, String, bool, bool)> = T::table(&c.world.store)
        .values()
        .filter(|o| o.metadata().deletion_timestamp.is_some())
        .map(|o| {
            let m = o.metadata();
            let has = |f: &str| m.finalizers.iter().flatten().any(|x| x == f);
            (
                m.namespace.clone().unwrap_or_default(),
                m.name.clone().unwrap_or_default(),
                m.uid.clone().unwrap_or_default(),
                has(FOREGROUND_FINALIZER),
                has(ORPHAN_FINALIZER),
            )
        })
        .collect();
    for (ns, name, uid, foreground, orphan) in owners {
        if (foreground || orphan) && !has_dependents(&c.world, &uid) {
            let f = if foreground {
                FOREGROUND_FINALIZER
            } else {
                ORPHAN_FINALIZER
            };
            drop_finalizer::<T>(c, &ns, &name, f);
        }
    }
}

/// One pass of the collector.
pub fn collect(c: &mut Cluster) {
    collect_kind::<Pod>(c);
    collect_kind::<PersistentVolumeClaim>(c);
    collect_kind::<ControllerRevision>(c);
    finish_owners::<StatefulSet>(c);
    finish_owners::<Pod>(c);
    // pvc-protection: a claim being deleted goes once no pod that is not finished uses it.
    let claims: Vec<(String, String)> = c
        .world
        .store
        .list::<PersistentVolumeClaim>(None)
        .filter(|p| p.metadata.deletion_timestamp.is_some())
        .map(|p| {
            (
                p.metadata.namespace.clone().unwrap_or_default(),
                p.metadata.name.clone().unwrap_or_default(),
            )
        })
        .collect();
    for (ns, name) in claims {
        let used = c.world.store.list::<Pod>(Some(&ns)).any(|p| {
            let finished = p
                .status
                .as_ref()
                .and_then(|s| s.phase.as_deref())
                .is_some_and(|ph| ph == "Succeeded" || ph == "Failed");
            !finished
                && p.spec
                    .as_ref()
                    .and_then(|s| s.volumes.as_ref())
                    .is_some_and(|vs| {
                        vs.iter().any(|v| {
                            v.persistent_volume_claim
                                .as_ref()
                                .is_some_and(|pvc| pvc.claim_name == name)
                        })
                    })
        });
        if !used {
            drop_finalizer::<PersistentVolumeClaim>(c, &ns, &name, PVC_PROTECTION);
        }
    }
    let volumes: Vec<String> = c
        .world
        .store
        .list::<PersistentVolume>(None)
        .filter(|v| v.metadata.deletion_timestamp.is_some())
        .filter(|v| v.status.as_ref().and_then(|s| s.phase.as_deref()) != Some("Bound"))
        .filter_map(|v| v.metadata.name.clone())
        .collect();
    for name in volumes {
        drop_finalizer::<PersistentVolume>(c, "", &name, PV_PROTECTION);
    }
    // Files of volumes that no longer exist are gone with them.
    let live = &c.world.store.persistent_volumes;
    c.world.volumes.retain(|k, _| live.contains_key(k));
}
