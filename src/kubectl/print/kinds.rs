//! Resource identities and the name printer (`-o name`, `statefulset.apps/web created`).

use serde_json::Value;

/// A kind with its API group and scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceKind {
    /// `StatefulSet`.
    pub kind: &'static str,
    /// `apps`; empty for the core group.
    pub group: &'static str,
    /// Whether objects live in a namespace.
    pub namespaced: bool,
}

impl ResourceKind {
    /// `statefulset.apps`, `pod`: the lower-cased GroupKind kubectl prefixes names with.
    pub fn group_kind_lower(&self) -> String {
        group_kind_lower(self.kind, self.group)
    }
}

const fn kind(kind: &'static str, group: &'static str, namespaced: bool) -> ResourceKind {
    ResourceKind {
        kind,
        group,
        namespaced,
    }
}

/// `v1 Pod`.
pub const POD: ResourceKind = kind("Pod", "", true);
/// `v1 Service`.
pub const SERVICE: ResourceKind = kind("Service", "", true);
/// `v1 Endpoints`.
pub const ENDPOINTS: ResourceKind = kind("Endpoints", "", true);
/// `v1 PersistentVolumeClaim`.
pub const PERSISTENT_VOLUME_CLAIM: ResourceKind = kind("PersistentVolumeClaim", "", true);
/// `v1 PersistentVolume` (cluster-scoped).
pub const PERSISTENT_VOLUME: ResourceKind = kind("PersistentVolume", "", false);
/// `v1 Node` (cluster-scoped).
pub const NODE: ResourceKind = kind("Node", "", false);
/// `v1 Namespace` (cluster-scoped).
pub const NAMESPACE: ResourceKind = kind("Namespace", "", false);
/// `v1 ConfigMap`.
pub const CONFIG_MAP: ResourceKind = kind("ConfigMap", "", true);
/// `v1 Secret`.
pub const SECRET: ResourceKind = kind("Secret", "", true);
/// `discovery.k8s.io/v1 EndpointSlice`.
pub const ENDPOINT_SLICE: ResourceKind = kind("EndpointSlice", "discovery.k8s.io", true);
/// `policy/v1 PodDisruptionBudget`.
pub const POD_DISRUPTION_BUDGET: ResourceKind = kind("PodDisruptionBudget", "policy", true);
/// `v1 Event`.
pub const EVENT: ResourceKind = kind("Event", "", true);
/// `apps/v1 StatefulSet`.
pub const STATEFUL_SET: ResourceKind = kind("StatefulSet", "apps", true);
/// `apps/v1 ControllerRevision`.
pub const CONTROLLER_REVISION: ResourceKind = kind("ControllerRevision", "apps", true);
/// `storage.k8s.io/v1 StorageClass` (cluster-scoped).
pub const STORAGE_CLASS: ResourceKind = kind("StorageClass", "storage.k8s.io", false);

/// `kind.group` in lower case, or just `kind` for the core group.
pub fn group_kind_lower(kind: &str, group: &str) -> String {
    if group.is_empty() {
        kind.to_lowercase()
    } else {
        format!("{}.{group}", kind.to_lowercase())
    }
}

/// The group part of an `apiVersion` (`apps/v1` → `apps`, `v1` → ``).
pub fn group_of_api_version(api_version: &str) -> &str {
    match api_version.split_once('/') {
        Some((group, _)) => group,
        None => "",
    }
}

/// One name-printer line: `statefulset.apps/web` plus ` <operation>` when given.
pub fn name_line(kind: &ResourceKind, name: &str, operation: Option<&str>) -> String {
    let name = if name.is_empty() { "<unknown>" } else { name };
    match operation {
        Some(op) if !op.is_empty() => format!("{}/{name} {op}\n", kind.group_kind_lower()),
        _ => format!("{}/{name}\n", kind.group_kind_lower()),
    }
}

/// `-o name` for objects of one kind, one line each.
pub fn print_names(kind: &ResourceKind, names: &[&str]) -> String {
    names.iter().map(|n| name_line(kind, n, None)).collect()
}

/// `-o name` for a JSON object or a `List` of them, using each object's `apiVersion` and `kind`.
pub fn print_names_from_value(obj: &Value) -> Result<String, String> {
    if let Some(items) = obj.get("items").and_then(Value::as_array) {
        let mut out = String::new();
        for item in items {
            out.push_str(&print_names_from_value(item)?);
        }
        return Ok(out);
    }
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    if kind.is_empty() && api_version.is_empty() {
        return Err(
            "missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type"
                .to_string(),
        );
    }
    let name = obj
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .unwrap_or("<unknown>");
    if kind.is_empty() {
        return Err(format!("missing kind for resource with name {name}"));
    }
    let gk = group_kind_lower(kind, group_of_api_version(api_version));
    Ok(format!("{gk}/{name}\n"))
}

/// The `List` wrapper kubectl builds around several objects for `-o jsonpath`, `-o name`, ….
pub fn list_value(items: Vec<Value>) -> Value {
    serde_json::json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    })
}
