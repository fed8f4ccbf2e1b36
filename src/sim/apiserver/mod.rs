//! The API server's typed core: object creation with server-set metadata, admission, updates,
//! graceful deletion, finalizers and propagation policies.

pub mod admission;
mod error;
pub mod eviction;
pub mod requests;

pub use error::ApiError;

use std::rc::Rc;

use k8s_openapi::api::core::v1::{Namespace, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::Cluster;
use super::clock::time_at;
use super::kind::{Kind, Object};
use super::store::key_of;
use super::world::World;

/// How dependents are treated when their owner is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Propagation {
    /// Delete the owner now; the garbage collector deletes dependents afterwards.
    #[default]
    Background,
    /// Delete dependents first; the owner goes when they are gone.
    Foreground,
    /// Keep dependents and remove their owner references.
    Orphan,
}

/// Options of a delete request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeleteOptions {
    /// Overrides the pod's terminationGracePeriodSeconds; 0 with force deletes at once.
    pub grace_period_seconds: Option<i64>,
    /// The propagation policy.
    pub propagation: Propagation,
}

/// Finalizer the garbage collector honours for foreground deletion.
pub const FOREGROUND_FINALIZER: &str = "foregroundDeletion";
/// Finalizer the garbage collector honours for orphaning deletion.
pub const ORPHAN_FINALIZER: &str = "orphan";

impl World {
    /// Sets the metadata the server owns on a new object: uid, creationTimestamp and generation.
    pub(crate) fn stamp<T: Object>(&mut self, obj: &mut T) {
        let uid = self.rng.uuid();
        let now = self.clock.time();
        let meta = obj.metadata_mut();
        meta.uid = Some(uid);
        meta.creation_timestamp = Some(now);
        if matches!(T::SIM_KIND, Kind::StatefulSet | Kind::PodDisruptionBudget) {
            meta.generation = Some(1);
        }
        if !T::SIM_KIND.namespaced() {
            meta.namespace = None;
        }
    }
}

impl Cluster {
    /// Creates `obj` as the API server would: the namespace must exist and be active, the name must be
    /// free, admission plugins run, server metadata is set.
    pub fn create<T: Object>(&mut self, obj: T) -> Result<T, ApiError> {
        self.create_shared(obj).map(|o| (*o).clone())
    }

    /// `create`, answering with a shared handle to the stored object instead of a copy.
    pub fn create_shared<T: Object>(&mut self, mut obj: T) -> Result<Rc<T>, ApiError> {
        let kind = T::SIM_KIND;
        let name = obj.metadata().name.clone().unwrap_or_default();
        if kind.namespaced() {
            let ns = obj
                .metadata()
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into());
            match self.world.store.get::<Namespace>("", &ns) {
                None => return Err(ApiError::namespace_not_found(&ns)),
                Some(n) if n.metadata.deletion_timestamp.is_some() => {
                    return Err(ApiError::namespace_terminating(kind, &name, &ns));
                }
                Some(_) => {}
            }
            obj.metadata_mut().namespace = Some(ns);
        }
        if T::table(&self.world.store).contains_key(&key_of(&obj)) {
            return Err(ApiError::already_exists(kind, &name));
        }
        admission::admit(self, &mut obj);
        admission::default_and_validate(&mut obj)?;
        self.world.stamp(&mut obj);
        let stored = self.world.store.put(obj);
        self.dispatch();
        Ok(stored)
    }

    /// Replaces a stored object; bumps the StatefulSet generation when its spec changes and removes an
    /// object whose deletion was only waiting for finalizers that are now gone.
    pub fn update<T: Object + PartialEq>(&mut self, obj: T) -> Result<T, ApiError> {
        self.update_shared(obj).map(|o| (*o).clone())
    }

    /// `update`, answering with a shared handle to the stored object instead of a copy.
    pub fn update_shared<T: Object + PartialEq>(&mut self, mut obj: T) -> Result<Rc<T>, ApiError> {
        let k = key_of(&obj);
        let name = obj.metadata().name.clone().unwrap_or_default();
        let Some(old) = T::table(&self.world.store).get(&k).cloned() else {
            return Err(ApiError::not_found(T::SIM_KIND, &name));
        };
        {
            let (meta, old_meta) = (obj.metadata_mut(), old.metadata());
            meta.uid = old_meta.uid.clone();
            meta.creation_timestamp = old_meta.creation_timestamp.clone();
            meta.generation = old_meta.generation;
            meta.deletion_timestamp = old_meta.deletion_timestamp.clone();
            meta.deletion_grace_period_seconds = old_meta.deletion_grace_period_seconds;
            meta.resource_version = old_meta.resource_version.clone();
        }
        if matches!(T::SIM_KIND, Kind::StatefulSet | Kind::PodDisruptionBudget)
            && spec_of(&obj) != spec_of(&*old)
        {
            let meta = obj.metadata_mut();
            meta.generation = Some(meta.generation.unwrap_or(0) + 1);
        }
        if obj == *old {
            return Ok(old);
        }
        // The handle to the old object is let go so that the store does not keep two copies.
        drop(old);
        let deleting = obj.metadata().deletion_timestamp.is_some();
        let unblocked = obj.metadata().finalizers.as_ref().is_none_or(Vec::is_empty);
        let ns = obj.metadata().namespace.clone().unwrap_or_default();
        if deleting && unblocked && T::SIM_KIND != Kind::Pod {
            self.world.store.remove::<T>(&ns, &name);
            self.dispatch();
            return Ok(Rc::new(obj));
        }
        let stored = self.world.store.put(obj);
        self.dispatch();
        Ok(stored)
    }

    /// Deletes an object: pods terminate gracefully on their node; objects with finalizers wait for them.
    pub fn delete<T: Object>(
        &mut self,
        namespace: &str,
        name: &str,
        opts: DeleteOptions,
    ) -> Result<(), ApiError> {
        if self.world.store.get::<T>(namespace, name).is_none() {
            return Err(ApiError::not_found(T::SIM_KIND, name));
        }
        if T::SIM_KIND == Kind::Pod {
            if let Some(pod) = self.world.store.get::<Pod>(namespace, name).cloned() {
                self.delete_pod(pod, opts);
            }
            self.dispatch();
            return Ok(());
        }
        let Some(mut obj) = self.world.store.get::<T>(namespace, name).cloned() else {
            return Err(ApiError::not_found(T::SIM_KIND, name));
        };
        let meta = obj.metadata_mut();
        let mut finalizers = meta.finalizers.clone().unwrap_or_default();
        let extra = match opts.propagation {
            Propagation::Foreground => Some(FOREGROUND_FINALIZER),
            Propagation::Orphan => Some(ORPHAN_FINALIZER),
            Propagation::Background => None,
        };
        if let Some(f) = extra
            && !finalizers.iter().any(|x| x == f)
        {
            finalizers.push(f.to_string());
        }
        if finalizers.is_empty() {
            self.world.store.remove::<T>(namespace, name);
        } else {
            meta.finalizers = Some(finalizers);
            if meta.deletion_timestamp.is_none() {
                meta.deletion_timestamp = Some(self.world.clock.time());
                meta.deletion_grace_period_seconds = Some(0);
            }
            self.world.store.put(obj);
        }
        self.dispatch();
        Ok(())
    }

    fn delete_pod(&mut self, mut pod: Pod, opts: DeleteOptions) {
        let namespace = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let spec_grace = pod
            .spec
            .as_ref()
            .and_then(|s| s.termination_grace_period_seconds)
            .unwrap_or(30);
        let mut grace = opts.grace_period_seconds.unwrap_or(spec_grace).max(0);
        let scheduled = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.as_ref())
            .is_some();
        // A pod that never reached a node, or whose phase is final, has nothing to stop.
        let finished = pod
            .status
            .as_ref()
            .and_then(|s| s.phase.as_deref())
            .is_some_and(|p| p == "Failed" || p == "Succeeded");
        if !scheduled || finished {
            grace = 0;
        }
        let has_finalizers = pod
            .metadata
            .finalizers
            .as_ref()
            .is_some_and(|f| !f.is_empty());
        if grace == 0 && !has_finalizers {
            self.world.store.remove::<Pod>(&namespace, &name);
            return;
        }
        let deadline = self.world.clock.now_ms + u64::try_from(grace).unwrap_or(0) * 1000;
        let earlier = pod
            .metadata
            .deletion_timestamp
            .as_ref()
            .is_none_or(|t| super::clock::ms_of(t) > deadline);
        if earlier {
            pod.metadata.deletion_timestamp = Some(time_at(deadline));
            pod.metadata.deletion_grace_period_seconds = Some(grace);
            self.world.store.put(pod);
        }
    }

    /// Removes an object whose deletion has completed (kubelet confirmation, finalizers gone).
    pub(crate) fn finish_deletion<T: Object>(&mut self, namespace: &str, name: &str) {
        self.world.store.remove::<T>(namespace, name);
    }
}

fn spec_of<T: Object>(obj: &T) -> Option<serde_json::Value> {
    serde_json::to_value(obj)
        .ok()
        .and_then(|v| v.get("spec").cloned())
}

/// A timestamp `ms` virtual milliseconds after the epoch.
pub fn time(ms: u64) -> Time {
    time_at(ms)
}
