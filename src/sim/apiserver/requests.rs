//! The API server at the level kubectl talks to it: request bodies and answers are JSON values.
//!
//! A write runs the server's pipeline: decode (strict, warn or ignore unknown fields) → defaults →
//! validation (create or update rules, immutability) → the typed [`Cluster`] write. Nothing in the
//! store, the queue or the random source changes when a request fails. Answers are objects
//! serialised as the API returns them (`apiVersion`, `kind`, `metadata` without `managedFields`,
//! `spec`, `status`).

mod rules;
mod write;

pub use write::{create, patch, update};

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;
use serde_json::{Value, json};

use super::{ApiError, DeleteOptions};
use crate::sim::Cluster;
use crate::sim::kind::Kind;

/// Runs `$body` with `$T` bound to the typed object of `$kind`.
macro_rules! with_kind {
    ($kind:expr, $T:ident => $body:expr) => {
        match $kind {
            $crate::sim::kind::Kind::Namespace => {
                type $T = k8s_openapi::api::core::v1::Namespace;
                $body
            }
            $crate::sim::kind::Kind::Node => {
                type $T = k8s_openapi::api::core::v1::Node;
                $body
            }
            $crate::sim::kind::Kind::StorageClass => {
                type $T = k8s_openapi::api::storage::v1::StorageClass;
                $body
            }
            $crate::sim::kind::Kind::PersistentVolume => {
                type $T = k8s_openapi::api::core::v1::PersistentVolume;
                $body
            }
            $crate::sim::kind::Kind::PersistentVolumeClaim => {
                type $T = k8s_openapi::api::core::v1::PersistentVolumeClaim;
                $body
            }
            $crate::sim::kind::Kind::Service => {
                type $T = k8s_openapi::api::core::v1::Service;
                $body
            }
            $crate::sim::kind::Kind::Endpoints => {
                type $T = k8s_openapi::api::core::v1::Endpoints;
                $body
            }
            $crate::sim::kind::Kind::Pod => {
                type $T = k8s_openapi::api::core::v1::Pod;
                $body
            }
            $crate::sim::kind::Kind::StatefulSet => {
                type $T = k8s_openapi::api::apps::v1::StatefulSet;
                $body
            }
            $crate::sim::kind::Kind::ControllerRevision => {
                type $T = k8s_openapi::api::apps::v1::ControllerRevision;
                $body
            }
            $crate::sim::kind::Kind::Event => {
                type $T = k8s_openapi::api::core::v1::Event;
                $body
            }
            $crate::sim::kind::Kind::ConfigMap => {
                type $T = k8s_openapi::api::core::v1::ConfigMap;
                $body
            }
            $crate::sim::kind::Kind::Secret => {
                type $T = k8s_openapi::api::core::v1::Secret;
                $body
            }
            $crate::sim::kind::Kind::EndpointSlice => {
                type $T = k8s_openapi::api::discovery::v1::EndpointSlice;
                $body
            }
            $crate::sim::kind::Kind::PodDisruptionBudget => {
                type $T = k8s_openapi::api::policy::v1::PodDisruptionBudget;
                $body
            }
        }
    };
}
pub(crate) use with_kind;

/// How the server treats fields the type does not know (the `fieldValidation` parameter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldValidation {
    /// Refuse the request (`BadRequest … strict decoding error: unknown field "…"`).
    #[default]
    Strict,
    /// Drop the fields and answer with one warning each.
    Warn,
    /// Drop the fields silently.
    Ignore,
}

/// Options of a write request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Unknown-field handling.
    pub field_validation: FieldValidation,
    /// Run the whole pipeline but store nothing (`--dry-run=server`).
    pub dry_run: bool,
}

/// A successful answer: the object as stored (or as it would be, for a dry run) and warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The object as the API returns it.
    pub object: Value,
    /// Warning headers, without the `Warning: ` prefix kubectl adds.
    pub warnings: Vec<String>,
}

/// The patch formats of `kubectl patch --type`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PatchType {
    /// `application/strategic-merge-patch+json` (kubectl's default).
    #[default]
    Strategic,
    /// `application/merge-patch+json` (RFC 7386).
    Merge,
    /// `application/json-patch+json` (RFC 6902).
    Json,
}

/// The kind served at `apiVersion` under the name `kind`, if the playground simulates it.
pub fn kind_for(api_version: &str, kind: &str) -> Option<Kind> {
    Kind::from_type(api_version, kind)
}

/// The object at `namespace/name` as the API returns it (`namespace` is ignored for
/// cluster-scoped kinds).
pub fn get(c: &Cluster, kind: Kind, namespace: &str, name: &str) -> Result<Value, ApiError> {
    let ns = if kind.namespaced() { namespace } else { "" };
    with_kind!(kind, T => match c.world.store.get::<T>(ns, name) {
        Some(obj) => Ok(to_value(obj)),
        None => Err(ApiError::not_found(kind, name)),
    })
}

/// Objects of `kind` in `namespace` (every namespace for `None`), in name order per namespace.
pub fn list(c: &Cluster, kind: Kind, namespace: Option<&str>) -> Vec<Value> {
    with_kind!(kind, T => c.world.store.list::<T>(namespace).map(to_value).collect())
}

/// Deletes the object; pods terminate gracefully, finalizers and propagation are honoured.
pub fn delete(
    c: &mut Cluster,
    kind: Kind,
    namespace: &str,
    name: &str,
    opts: DeleteOptions,
) -> Result<(), ApiError> {
    let ns = if kind.namespaced() { namespace } else { "" };
    with_kind!(kind, T => c.delete::<T>(ns, name, opts))
}

/// The `scale` subresource of a StatefulSet as an `autoscaling/v1` Scale.
pub fn get_scale(c: &Cluster, namespace: &str, name: &str) -> Result<Value, ApiError> {
    let Some(sts) = c.world.store.get::<StatefulSet>(namespace, name) else {
        return Err(ApiError::not_found(Kind::StatefulSet, name));
    };
    Ok(scale_value(sts))
}

/// Writes `spec.replicas` through the scale subresource and answers with the new Scale.
pub fn update_scale(
    c: &mut Cluster,
    namespace: &str,
    name: &str,
    replicas: i32,
) -> Result<Value, ApiError> {
    let body = json!([{"op": "replace", "path": "/spec/replicas", "value": replicas}]);
    if replicas < 0 {
        return Err(ApiError::invalid(format!(
            "The Scale \"{name}\" is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
        )));
    }
    patch(
        c,
        Kind::StatefulSet,
        namespace,
        name,
        PatchType::Json,
        &body,
        &WriteOptions::default(),
    )?;
    get_scale(c, namespace, name)
}

fn scale_value(sts: &StatefulSet) -> Value {
    let selector = selector_string(&sts.spec.selector);
    let meta = &sts.metadata;
    json!({
        "apiVersion": "autoscaling/v1",
        "kind": "Scale",
        "metadata": {
            "name": meta.name,
            "namespace": meta.namespace,
            "uid": meta.uid,
            "resourceVersion": meta.resource_version,
            "creationTimestamp": meta.creation_timestamp,
        },
        "spec": {"replicas": sts.spec.replicas.unwrap_or(1)},
        "status": {
            "replicas": sts.status.as_ref().map_or(0, |s| s.replicas),
            "selector": selector,
        },
    })
}

/// `metav1.FormatLabelSelector`: `app=nginx,tier in (a,b)`.
fn selector_string(sel: &k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector) -> String {
    let mut parts: Vec<String> = sel
        .match_labels
        .iter()
        .flatten()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    for e in sel.match_expressions.iter().flatten() {
        let values = e.values.clone().unwrap_or_default().join(",");
        parts.push(match e.operator.as_str() {
            "In" => format!("{} in ({values})", e.key),
            "NotIn" => format!("{} notin ({values})", e.key),
            "Exists" => e.key.clone(),
            "DoesNotExist" => format!("!{}", e.key),
            other => format!("{} {other} ({values})", e.key),
        });
    }
    if parts.is_empty() {
        "<none>".to_string()
    } else {
        parts.join(",")
    }
}

/// A typed object as the API serialises it.
pub fn to_value<T: serde::Serialize + 'static>(obj: &T) -> Value {
    let any: &dyn std::any::Any = obj;
    if let Some(pod) = any.downcast_ref::<Pod>() {
        return serde_json::to_value(served_pod(pod)).unwrap_or(Value::Null);
    }
    serde_json::to_value(obj).unwrap_or(Value::Null)
}

/// A pod as the API serves it. The registry starts every pod `Pending` with its QoS class; the
/// simulation leaves the phase empty until the kubelet first reports, so it is filled in here.
pub fn served_pod(pod: &Pod) -> std::borrow::Cow<'_, Pod> {
    if pod.status.as_ref().is_some_and(|s| s.phase.is_some()) {
        return std::borrow::Cow::Borrowed(pod);
    }
    let mut p = pod.clone();
    let qos = p
        .spec
        .as_ref()
        .map_or("BestEffort", crate::sim::api::admission::qos_class)
        .to_string();
    let status = p.status.get_or_insert_with(Default::default);
    status.phase = Some("Pending".to_string());
    status.qos_class.get_or_insert(qos);
    std::borrow::Cow::Owned(p)
}
