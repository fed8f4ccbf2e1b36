//! The object store: one table per kind, resource versions, and a change feed that drives the controllers.

use std::rc::Rc;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod,
    Secret, Service,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::storage::v1::StorageClass;
use serde::{Deserialize, Serialize};

use super::kind::{Kind, Object};

mod hashed;
mod held;
mod table;

pub use hashed::HashedMap;
pub use held::{Peek, Recipe};
pub use table::Table;

/// What happened to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeType {
    /// The object was created.
    Added,
    /// The object was changed.
    Modified,
    /// The object was removed from the store.
    Deleted,
}

/// One entry of the change feed, as a watch would deliver it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The kind of the object.
    pub kind: Kind,
    /// Its store key.
    pub key: String,
    /// What happened.
    pub change: ChangeType,
    /// The resource version after the change.
    pub resource_version: u64,
}

/// The store key of an object.
pub fn key(namespace: &str, name: &str) -> String {
    if namespace.is_empty() {
        name.to_string()
    } else {
        let mut k = String::with_capacity(namespace.len() + 1 + name.len());
        k.push_str(namespace);
        k.push('/');
        k.push_str(name);
        k
    }
}

/// Runs `f` with `parts` and `ordinal` joined by dashes (`www-web-3`), built on the stack when
/// short, so that ordinal names can be compared and looked up without allocating.
pub fn with_ordinal_name<R>(parts: &[&str], ordinal: i64, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 192];
    let mut len = 0;
    let mut push = |bytes: &[u8]| -> bool {
        let end = len + bytes.len();
        match buf.get_mut(len..end) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                len = end;
                true
            }
            None => false,
        }
    };
    let mut ok = parts.iter().all(|p| push(p.as_bytes()) && push(b"-"));
    // The ordinal's decimal digits, most significant first.
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = ordinal.unsigned_abs();
    loop {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || start == 0 {
            break;
        }
    }
    ok = ok && (ordinal >= 0 || push(b"-")) && digits.get(start..).is_some_and(&mut push);
    if ok && let Some(text) = buf.get(..len).and_then(|b| std::str::from_utf8(b).ok()) {
        return f(text);
    }
    let mut text = parts.join("-");
    if !parts.is_empty() {
        text.push('-');
    }
    text.push_str(&ordinal.to_string());
    f(&text)
}

/// The store key of a typed object.
pub fn key_of<T: Object>(obj: &T) -> String {
    let meta = obj.metadata();
    key(
        meta.namespace.as_deref().unwrap_or(""),
        meta.name.as_deref().unwrap_or(""),
    )
}

/// All objects of the cluster.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// The last resource version handed out.
    pub resource_version: u64,
    /// Namespaces.
    pub namespaces: Table<Namespace>,
    /// Nodes.
    pub nodes: Table<Node>,
    /// Storage classes.
    pub storage_classes: Table<StorageClass>,
    /// Persistent volumes.
    pub persistent_volumes: Table<PersistentVolume>,
    /// Persistent volume claims.
    pub claims: Table<PersistentVolumeClaim>,
    /// Services.
    pub services: Table<Service>,
    /// Endpoints.
    pub endpoints: Table<Endpoints>,
    /// Pods.
    pub pods: Table<Pod>,
    /// StatefulSets.
    pub stateful_sets: Table<StatefulSet>,
    /// Controller revisions.
    pub revisions: Table<ControllerRevision>,
    /// Events.
    pub events: Table<Event>,
    /// ConfigMaps (absent from states saved before they were simulated).
    #[serde(default)]
    pub config_maps: Table<ConfigMap>,
    /// Secrets (absent from states saved before they were simulated).
    #[serde(default)]
    pub secrets: Table<Secret>,
    /// EndpointSlices (absent from states saved before they were simulated).
    #[serde(default)]
    pub endpoint_slices: Table<EndpointSlice>,
    /// PodDisruptionBudgets (absent from states saved before they were simulated).
    #[serde(default)]
    pub disruption_budgets: Table<PodDisruptionBudget>,
    /// Changes not yet handed to the controllers.
    #[serde(default)]
    pub pending: Vec<Change>,
}

impl Store {
    /// The object of kind `T` at `namespace/name`.
    pub fn get<T: Object>(&self, namespace: &str, name: &str) -> Option<&T> {
        T::table(self).get_in(namespace, name).map(Rc::as_ref)
    }

    /// The object of kind `T` with store key `k`.
    pub fn get_key<T: Object>(&self, k: &str) -> Option<&T> {
        T::table(self).get(k).map(Rc::as_ref)
    }

    /// Objects of kind `T` in `namespace` (all namespaces for `None`), in key order.
    pub fn list<'a, T: Object + 'a>(
        &'a self,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = &'a T> + 'a {
        let table = T::table(self);
        let range: Box<dyn Iterator<Item = (&String, &Rc<T>)>> = match namespace {
            Some(ns) if T::SIM_KIND.namespaced() => {
                let lo = format!("{ns}/");
                let hi = format!("{ns}0");
                Box::new(table.range(lo..hi))
            }
            _ => Box::new(table.iter()),
        };
        range.map(|(_, v)| &**v)
    }

    /// Shared handles to the objects of kind `T` in `namespace` (all for `None`): a cheap snapshot
    /// that stays valid while the store changes.
    pub fn snapshot<T: Object>(&self, namespace: Option<&str>) -> Vec<Rc<T>> {
        let table = T::table(self);
        match namespace {
            Some(ns) if T::SIM_KIND.namespaced() => table
                .range(format!("{ns}/")..format!("{ns}0"))
                .map(|(_, v)| Rc::clone(v))
                .collect(),
            _ => table.values().cloned().collect(),
        }
    }

    /// A shared handle to the object of kind `T` at `namespace/name`.
    pub fn snapshot_one<T: Object>(&self, namespace: &str, name: &str) -> Option<Rc<T>> {
        T::table(self).get_in(namespace, name).cloned()
    }

    /// Stores `obj` (created or changed): bumps the resource version and records the change.
    pub fn put<T: Object>(&mut self, mut obj: T) -> Rc<T> {
        self.resource_version += 1;
        let rv = self.resource_version;
        obj.metadata_mut().resource_version = Some(rv.to_string());
        let k = key_of(&obj);
        let shared = Rc::new(obj);
        let existed = T::table_mut(self).put(&k, Rc::clone(&shared)).is_some();
        self.record_stored(T::SIM_KIND, k, existed, rv);
        shared
    }

    /// Stores the object `recipe` makes, under store key `k`, to be made when first read: bumps the
    /// resource version and records the change as `put` does.
    pub fn put_pending<T: Object, R: Recipe<T>>(&mut self, k: String, recipe: R) {
        self.resource_version += 1;
        let rv = self.resource_version;
        let existed = T::table_mut(self).put_pending(&k, recipe, rv);
        self.record_stored(T::SIM_KIND, k, existed, rv);
    }

    /// Records that an object of `kind` was stored under `k` at `rv`: Added, or Modified if one
    /// was there already.
    fn record_stored(&mut self, kind: Kind, k: String, existed: bool, rv: u64) {
        self.pending.push(Change {
            kind,
            key: k,
            change: if existed {
                ChangeType::Modified
            } else {
                ChangeType::Added
            },
            resource_version: rv,
        });
    }

    /// Removes the object at `namespace/name`, recording the change; returns it.
    pub fn remove<T: Object>(&mut self, namespace: &str, name: &str) -> Option<Rc<T>> {
        let k = key(namespace, name);
        let obj = T::table_mut(self).remove(&k)?;
        self.resource_version += 1;
        self.pending.push(Change {
            kind: T::SIM_KIND,
            key: k,
            change: ChangeType::Deleted,
            resource_version: self.resource_version,
        });
        Some(obj)
    }

    /// Applies `f` to the stored object and stores the result if `f` changed it; returns whether it did.
    pub fn modify<T: Object + PartialEq>(
        &mut self,
        namespace: &str,
        name: &str,
        f: impl FnOnce(&mut T),
    ) -> bool {
        let Some(old) = self.get::<T>(namespace, name) else {
            return false;
        };
        let mut new = old.clone();
        f(&mut new);
        if &new == old {
            return false;
        }
        self.put(new);
        true
    }

    /// Changes the stored object in place (copying it only if a snapshot still shares it) and records
    /// the change if `f` reports one; `f` must leave the object as it was when it returns false.
    pub fn edit<T: Object + Clone>(
        &mut self,
        namespace: &str,
        name: &str,
        f: impl FnOnce(&mut T) -> bool,
    ) -> bool {
        let rv = self.resource_version + 1;
        // The lookup needs no joined key; the change record's key is allocated only on a change.
        let changed = match T::table_mut(self).get_mut_in(namespace, name) {
            Some(slot) => {
                let obj = Rc::make_mut(slot);
                let changed = f(obj);
                if changed {
                    obj.metadata_mut().resource_version = Some(rv.to_string());
                }
                changed
            }
            None => false,
        };
        if changed {
            self.resource_version = rv;
            self.pending.push(Change {
                kind: T::SIM_KIND,
                key: key(namespace, name),
                change: ChangeType::Modified,
                resource_version: rv,
            });
        }
        changed
    }

    /// Takes the changes recorded since the last call.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.pending)
    }

    /// The number of objects of every kind.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Namespace => self.namespaces.len(),
            Kind::Node => self.nodes.len(),
            Kind::StorageClass => self.storage_classes.len(),
            Kind::PersistentVolume => self.persistent_volumes.len(),
            Kind::PersistentVolumeClaim => self.claims.len(),
            Kind::Service => self.services.len(),
            Kind::Endpoints => self.endpoints.len(),
            Kind::Pod => self.pods.len(),
            Kind::StatefulSet => self.stateful_sets.len(),
            Kind::ControllerRevision => self.revisions.len(),
            Kind::Event => self.events.len(),
            Kind::ConfigMap => self.config_maps.len(),
            Kind::Secret => self.secrets.len(),
            Kind::EndpointSlice => self.endpoint_slices.len(),
            Kind::PodDisruptionBudget => self.disruption_budgets.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn pod(ns: &str, name: &str) -> Pod {
        Pod {
            metadata: ObjectMeta {
                namespace: Some(ns.into()),
                name: Some(name.into()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn ordinal_names_are_built_as_format_builds_them() {
        let long = "x".repeat(300);
        for (parts, ordinal) in [
            (vec!["web"], 0),
            (vec!["www", "web"], 12),
            (vec!["a"], i64::MAX),
            (vec!["a"], i64::MIN),
            (vec!["b"], -3),
            (vec![long.as_str()], 7),
        ] {
            let want = format!("{}-{ordinal}", parts.join("-"));
            assert_eq!(with_ordinal_name(&parts, ordinal, str::to_string), want);
        }
    }

    #[test]
    fn put_assigns_increasing_versions_and_records_changes() {
        let mut s = Store::default();
        s.put(pod("default", "a"));
        s.put(pod("default", "a"));
        let changes = s.take_changes();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].change, ChangeType::Added);
        assert_eq!(changes[1].change, ChangeType::Modified);
        assert_eq!(
            s.get::<Pod>("default", "a")
                .and_then(|p| p.metadata.resource_version.clone()),
            Some("2".into())
        );
        assert!(s.take_changes().is_empty());
    }

    #[test]
    fn list_is_scoped_to_a_namespace_without_prefix_collisions() {
        let mut s = Store::default();
        s.put(pod("default", "a"));
        s.put(pod("default-x", "b"));
        s.put(pod("kube-system", "c"));
        let names: Vec<_> = s
            .list::<Pod>(Some("default"))
            .filter_map(|p| p.metadata.name.clone())
            .collect();
        assert_eq!(names, vec!["a"]);
        assert_eq!(s.list::<Pod>(None).count(), 3);
    }

    #[test]
    fn modify_only_records_real_changes_and_remove_records_deletion() {
        let mut s = Store::default();
        s.put(pod("default", "a"));
        s.take_changes();
        assert!(!s.modify::<Pod>("default", "a", |_| {}));
        assert!(s.modify::<Pod>("default", "a", |p| p.metadata.labels =
            Some(Default::default())));
        assert!(s.remove::<Pod>("default", "a").is_some());
        let kinds: Vec<_> = s.take_changes().into_iter().map(|c| c.change).collect();
        assert_eq!(kinds, vec![ChangeType::Modified, ChangeType::Deleted]);
    }
}
