//! What the registry does per kind: the status a new object starts with, defaults, allocations,
//! create and update validation, and what an update may not touch.

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod,
    PodStatus, Secret, Service,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetStatus};
use k8s_openapi::api::storage::v1::StorageClass;
use serde_json::Value;

use crate::sim::Cluster;
use crate::sim::api::admission::qos_class;
use crate::sim::api::defaults::{
    allocate_service_ips, default_endpoints, default_namespace, default_node, default_pv,
    default_pvc, default_service, default_statefulset, default_storage_class,
};
use crate::sim::api::defaults_pod::default_pod;
use crate::sim::api::field_error::FieldError;
use crate::sim::api::field_path::FieldPath;
use crate::sim::api::validation::{validate_statefulset, validate_statefulset_update};
use crate::sim::api::validation_config::{
    default_secret, validate_config_map, validate_config_map_update, validate_secret,
    validate_secret_update,
};
use crate::sim::api::validation_meta::{
    NameRule, validate_object_meta, validate_object_meta_update,
};
use crate::sim::api::validation_pdb::validate_pdb;
use crate::sim::api::validation_pod::validate_pod;
use crate::sim::api::validation_pod_update::validate_pod_update;
use crate::sim::api::validation_service::{
    carry_service_allocations, validate_service, validate_service_update,
};
use crate::sim::api::validation_storage::{
    admit_pvc_resize, validate_pv, validate_pv_update, validate_pvc, validate_pvc_update,
};
use crate::sim::api::validation_sts_status::statefulset_warnings;
use crate::sim::apiserver::ApiError;
use crate::sim::kind::Object;

/// The registry's per-kind steps.
pub(super) trait Rules: Object + PartialEq {
    /// How names of this kind are checked.
    const NAME_RULE: NameRule = NameRule::Dns1123Subdomain;

    /// Resets what a client may not set on create (status), after defaulting.
    fn prepare_create(_obj: &mut Self) {}

    /// The API defaults.
    fn default(_obj: &mut Self) {}

    /// Allocations the registry makes on create (service IPs), drawing on the cluster.
    fn allocate(_c: &mut Cluster, _obj: &mut Self) {}

    /// Create validation; `raw` is the request body.
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_object_meta(
            obj.metadata(),
            Self::SIM_KIND.namespaced(),
            Self::NAME_RULE,
            &FieldPath::new("metadata"),
        )
    }

    /// Warnings returned with a successful write.
    fn warnings(_obj: &Self) -> Vec<String> {
        Vec::new()
    }

    /// Copies what an update of the main resource may not change (status, allocations).
    fn prepare_update(_new: &mut Self, _old: &Self) {}

    /// Update validation of two defaulted objects.
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        let mut errs = validate_object_meta_update(
            new.metadata(),
            old.metadata(),
            &FieldPath::new("metadata"),
        );
        errs.extend(Self::validate(new, &Value::Null));
        errs
    }

    /// Admission checks of an update that answer with their own error.
    fn admit_update(_c: &Cluster, _new: &Self, _old: &Self) -> Result<(), ApiError> {
        Ok(())
    }
}

impl Rules for StatefulSet {
    const NAME_RULE: NameRule = NameRule::Dns1123Label;
    fn prepare_create(obj: &mut Self) {
        obj.status = Some(StatefulSetStatus {
            available_replicas: Some(0),
            replicas: 0,
            ..Default::default()
        });
    }
    fn default(obj: &mut Self) {
        default_statefulset(obj);
    }
    fn validate(obj: &Self, raw: &Value) -> Vec<FieldError> {
        validate_statefulset(obj, raw)
    }
    fn warnings(obj: &Self) -> Vec<String> {
        statefulset_warnings(obj)
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        validate_statefulset_update(new, old)
    }
}

impl Rules for Pod {
    fn prepare_create(obj: &mut Self) {
        let qos = obj
            .spec
            .as_ref()
            .map_or("BestEffort", |s| qos_class(s))
            .to_string();
        obj.status = Some(PodStatus {
            phase: Some("Pending".to_string()),
            qos_class: Some(qos),
            ..Default::default()
        });
    }
    fn default(obj: &mut Self) {
        default_pod(obj);
    }
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_pod(obj)
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        validate_pod_update(new, old)
    }
}

impl Rules for Service {
    const NAME_RULE: NameRule = NameRule::Dns1035Label;
    fn prepare_create(obj: &mut Self) {
        obj.status = Some(Default::default());
    }
    fn default(obj: &mut Self) {
        default_service(obj);
    }
    fn allocate(c: &mut Cluster, obj: &mut Self) {
        let used: Vec<String> = c
            .world
            .store
            .list::<Service>(None)
            .filter_map(|s| s.spec.as_ref().and_then(|sp| sp.cluster_ip.clone()))
            .collect();
        // Draw until the address is free, as the allocator does from its bitmap.
        let mut ip = String::new();
        for _ in 0..64 {
            let n = c.world.rng.range(2, 65_000);
            ip = format!("10.96.{}.{}", n / 254, n % 254 + 1);
            if !used.contains(&ip) {
                break;
            }
        }
        allocate_service_ips(obj, &ip);
    }
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_service(obj)
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
        carry_service_allocations(new, old);
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        validate_service_update(new, old)
    }
}

impl Rules for PersistentVolumeClaim {
    fn default(obj: &mut Self) {
        default_pvc(obj);
    }
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_pvc(obj)
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        validate_pvc_update(new, old)
    }
    fn admit_update(c: &Cluster, new: &Self, old: &Self) -> Result<(), ApiError> {
        let class_name = new
            .spec
            .as_ref()
            .and_then(|s| s.storage_class_name.clone())
            .unwrap_or_default();
        let class = c.world.store.get::<StorageClass>("", &class_name);
        admit_pvc_resize(new, old, class).map_err(|message| ApiError {
            code: 403,
            reason: "Forbidden",
            message,
        })
    }
}

impl Rules for PersistentVolume {
    fn default(obj: &mut Self) {
        default_pv(obj);
    }
    fn prepare_create(obj: &mut Self) {
        // The PV controller makes an unbound volume Available at once; the simulation's binder
        // only considers volumes that are Available.
        let bound = obj.spec.as_ref().is_some_and(|s| s.claim_ref.is_some());
        if !bound {
            obj.status.get_or_insert_with(Default::default).phase = Some("Available".to_string());
        }
    }
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_pv(obj)
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        validate_pv_update(new, old)
    }
}

impl Rules for Namespace {
    const NAME_RULE: NameRule = NameRule::Dns1123Label;
    fn default(obj: &mut Self) {
        default_namespace(obj);
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
    }
}

impl Rules for StorageClass {
    fn default(obj: &mut Self) {
        default_storage_class(obj);
    }
}

impl Rules for Node {
    fn default(obj: &mut Self) {
        default_node(obj);
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
    }
}

impl Rules for Endpoints {
    fn default(obj: &mut Self) {
        default_endpoints(obj);
    }
}

impl Rules for ControllerRevision {}

impl Rules for Event {}

impl Rules for ConfigMap {
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_config_map(obj)
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        validate_config_map_update(new, old)
    }
}

impl Rules for Secret {
    fn default(obj: &mut Self) {
        default_secret(obj);
    }
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_secret(obj)
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        validate_secret_update(new, old)
    }
}

impl Rules for EndpointSlice {}

impl Rules for PodDisruptionBudget {
    // registry/policy/poddisruptionbudget/strategy.go: the status is the controller's.
    fn prepare_create(obj: &mut Self) {
        // The status fields are plain integers upstream, so a new budget shows them as 0.
        obj.status = Some(PodDisruptionBudgetStatus {
            current_healthy: Some(0),
            desired_healthy: Some(0),
            disruptions_allowed: Some(0),
            expected_pods: Some(0),
            ..Default::default()
        });
    }
    fn validate(obj: &Self, _raw: &Value) -> Vec<FieldError> {
        validate_pdb(obj)
    }
    fn prepare_update(new: &mut Self, old: &Self) {
        new.status = old.status.clone();
    }
    fn validate_update(new: &Self, old: &Self) -> Vec<FieldError> {
        let mut errs =
            validate_object_meta_update(&new.metadata, &old.metadata, &FieldPath::new("metadata"));
        errs.extend(validate_pdb(new));
        errs
    }
}
