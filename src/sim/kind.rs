//! The kinds of object the playground simulates, and how each is stored.

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod,
    Secret, Service,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::store::{Store, Table};

/// A simulated kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// v1 Namespace.
    Namespace,
    /// v1 Node.
    Node,
    /// storage.k8s.io/v1 StorageClass.
    StorageClass,
    /// v1 PersistentVolume.
    PersistentVolume,
    /// v1 PersistentVolumeClaim.
    PersistentVolumeClaim,
    /// v1 Service.
    Service,
    /// v1 Endpoints.
    Endpoints,
    /// v1 Pod.
    Pod,
    /// apps/v1 StatefulSet.
    StatefulSet,
    /// apps/v1 ControllerRevision.
    ControllerRevision,
    /// v1 Event.
    Event,
    /// v1 ConfigMap.
    ConfigMap,
    /// v1 Secret.
    Secret,
    /// discovery.k8s.io/v1 EndpointSlice.
    EndpointSlice,
    /// policy/v1 PodDisruptionBudget.
    PodDisruptionBudget,
}

impl Kind {
    /// Every simulated kind.
    pub const ALL: [Kind; 15] = [
        Kind::Namespace,
        Kind::Node,
        Kind::StorageClass,
        Kind::PersistentVolume,
        Kind::PersistentVolumeClaim,
        Kind::Service,
        Kind::Endpoints,
        Kind::Pod,
        Kind::StatefulSet,
        Kind::ControllerRevision,
        Kind::Event,
        Kind::ConfigMap,
        Kind::Secret,
        Kind::EndpointSlice,
        Kind::PodDisruptionBudget,
    ];

    /// The kind's name as it appears in `kind:`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Namespace => "Namespace",
            Kind::Node => "Node",
            Kind::StorageClass => "StorageClass",
            Kind::PersistentVolume => "PersistentVolume",
            Kind::PersistentVolumeClaim => "PersistentVolumeClaim",
            Kind::Service => "Service",
            Kind::Endpoints => "Endpoints",
            Kind::Pod => "Pod",
            Kind::StatefulSet => "StatefulSet",
            Kind::ControllerRevision => "ControllerRevision",
            Kind::Event => "Event",
            Kind::ConfigMap => "ConfigMap",
            Kind::Secret => "Secret",
            Kind::EndpointSlice => "EndpointSlice",
            Kind::PodDisruptionBudget => "PodDisruptionBudget",
        }
    }

    /// The `apiVersion` the kind is served at.
    pub fn api_version(self) -> &'static str {
        match self {
            Kind::StatefulSet | Kind::ControllerRevision => "apps/v1",
            Kind::StorageClass => "storage.k8s.io/v1",
            Kind::EndpointSlice => "discovery.k8s.io/v1",
            Kind::PodDisruptionBudget => "policy/v1",
            _ => "v1",
        }
    }

    /// The API group ("" for the core group).
    pub fn group(self) -> &'static str {
        match self {
            Kind::StatefulSet | Kind::ControllerRevision => "apps",
            Kind::StorageClass => "storage.k8s.io",
            Kind::EndpointSlice => "discovery.k8s.io",
            Kind::PodDisruptionBudget => "policy",
            _ => "",
        }
    }

    /// The plural resource name, e.g. `statefulsets`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Namespace => "namespaces",
            Kind::Node => "nodes",
            Kind::StorageClass => "storageclasses",
            Kind::PersistentVolume => "persistentvolumes",
            Kind::PersistentVolumeClaim => "persistentvolumeclaims",
            Kind::Service => "services",
            Kind::Endpoints => "endpoints",
            Kind::Pod => "pods",
            Kind::StatefulSet => "statefulsets",
            Kind::ControllerRevision => "controllerrevisions",
            Kind::Event => "events",
            Kind::ConfigMap => "configmaps",
            Kind::Secret => "secrets",
            Kind::EndpointSlice => "endpointslices",
            Kind::PodDisruptionBudget => "poddisruptionbudgets",
        }
    }

    /// `plural.group` as API errors name the resource, e.g. `statefulsets.apps`.
    pub fn qualified_plural(self) -> String {
        match self.group() {
            "" => self.plural().to_string(),
            g => format!("{}.{g}", self.plural()),
        }
    }

    /// Whether objects of this kind live in a namespace.
    pub fn namespaced(self) -> bool {
        !matches!(
            self,
            Kind::Namespace | Kind::Node | Kind::StorageClass | Kind::PersistentVolume
        )
    }

    /// The kind named by an `apiVersion` and `kind` pair, if the playground simulates it.
    pub fn from_type(api_version: &str, kind: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == kind && k.api_version() == api_version)
    }
}

/// A kind's typed object, stored in its own table of the store.
pub trait Object:
    'static
    + Clone
    + Serialize
    + DeserializeOwned
    + k8s_openapi::Resource
    + k8s_openapi::Metadata<Ty = ObjectMeta>
{
    /// The simulated kind.
    const SIM_KIND: Kind;
    /// The store's table for this kind.
    fn table(store: &Store) -> &Table<Self>;
    /// The store's table for this kind, for writing.
    fn table_mut(store: &mut Store) -> &mut Table<Self>;
}

macro_rules! stored {
    ($ty:ty, $kind:ident, $field:ident) => {
        impl Object for $ty {
            const SIM_KIND: Kind = Kind::$kind;
            fn table(store: &Store) -> &Table<Self> {
                &store.$field
            }
            fn table_mut(store: &mut Store) -> &mut Table<Self> {
                &mut store.$field
            }
        }
    };
}

stored!(Namespace, Namespace, namespaces);
stored!(Node, Node, nodes);
stored!(StorageClass, StorageClass, storage_classes);
stored!(PersistentVolume, PersistentVolume, persistent_volumes);
stored!(PersistentVolumeClaim, PersistentVolumeClaim, claims);
stored!(Service, Service, services);
stored!(Endpoints, Endpoints, endpoints);
stored!(Pod, Pod, pods);
stored!(StatefulSet, StatefulSet, stateful_sets);
stored!(ControllerRevision, ControllerRevision, revisions);
stored!(Event, Event, events);
stored!(ConfigMap, ConfigMap, config_maps);
stored!(Secret, Secret, secrets);
stored!(EndpointSlice, EndpointSlice, endpoint_slices);
stored!(PodDisruptionBudget, PodDisruptionBudget, disruption_budgets);
