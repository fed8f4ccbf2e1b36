//! Turns a serde decoding failure into the Go decoder's message.
//!
//! serde reports the path of the failing field; probing the document then recovers the Go
//! struct names along the path.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// One step of a path inside a JSON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A serde failure located in the document.
#[derive(Clone, Debug)]
pub struct Located {
    /// Where the failure was detected.
    pub path: Vec<Seg>,
    /// serde's message without the position suffix.
    pub message: String,
}

/// Deserializes `value` as `T`, reporting the failing field's path and serde's message.
///
/// Every typed read of an object goes through here rather than `serde_json::from_value`, so
/// each kind's serde code is compiled for one deserializer only: that code is the bulk of the
/// page's download.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Located> {
    super::tracked::deserialize::<T>(value).map_err(|err| Located {
        path: err.path,
        message: err.inner.to_string(),
    })
}

/// Deserializes `value` as `T` and, on failure, reports where it failed.
pub fn locate<T: DeserializeOwned>(value: &Value) -> Option<Located> {
    from_value::<T>(value.clone()).err()
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Returns a clone of `value` with the node at `path` replaced.
pub fn replaced(value: &Value, path: &[Seg], with: Value) -> Value {
    let mut copy = value.clone();
    if let Some(slot) = node_mut(&mut copy, path) {
        *slot = with;
    }
    copy
}

/// The node at `path`, for editing.
pub fn node_mut<'a>(value: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = value;
    for seg in path {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The text after `expected ` in a serde message (`i32`, `a string`, `Container`, …).
pub fn expected_of(message: &str) -> Option<&str> {
    message.rsplit_once(", expected ").map(|(_, e)| e)
}

/// What serde expected at `path`, found by putting a value there that no container accepts.
fn probe<T: DeserializeOwned>(doc: &Value, path: &[Seg], with: Value) -> Option<String> {
    let probed = replaced(doc, path, with);
    let located = locate::<T>(&probed)?;
    if located.path != path {
        return None;
    }
    expected_of(&located.message).map(str::to_string)
}

/// The Go type name for what serde expected, probing into lists and maps for their elements.
fn go_type_of<T: DeserializeOwned>(doc: &Value, path: &[Seg], expected: &str) -> String {
    match expected {
        "i32" | "a 32-bit integer" => "int32".to_string(),
        "i64" => "int64".to_string(),
        "f64" => "float64".to_string(),
        "a string" => "string".to_string(),
        "a boolean" => "bool".to_string(),
        "a sequence" => {
            let mut inner = path.to_vec();
            inner.push(Seg::Index(0));
            let elem = probe::<T>(
                &replaced(doc, path, Value::Array(vec![Value::Bool(true)])),
                &inner,
                Value::Bool(true),
            );
            match elem {
                Some(e) => format!("[]{}", go_type_of::<T>(doc, &inner, &e)),
                None => "[]string".to_string(),
            }
        }
        "a map" => {
            let mut inner = path.to_vec();
            inner.push(Seg::Key("k".to_string()));
            let mut m = serde_json::Map::new();
            m.insert("k".to_string(), Value::Bool(true));
            let val = probe::<T>(
                &replaced(doc, path, Value::Object(m)),
                &inner,
                Value::Bool(true),
            );
            match val {
                Some(v) => format!("map[string]{}", go_type_of::<T>(doc, &inner, &v)),
                None => "map[string]string".to_string(),
            }
        }
        "Quantity" => "resource.Quantity".to_string(),
        "IntOrString" => "intstr.IntOrString".to_string(),
        name => format!("v1.{name}"),
    }
}

/// Go's description of the offending JSON value for an `invalid type`/`invalid value` message.
fn go_value_desc(message: &str, target_is_number: bool) -> String {
    let unexpected = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|m| m.rsplit_once(", expected ").map(|(u, _)| u))
        .unwrap_or("");
    if unexpected.starts_with("string") {
        "string".to_string()
    } else if unexpected.starts_with("boolean") {
        "bool".to_string()
    } else if unexpected.starts_with("sequence") {
        "array".to_string()
    } else if unexpected.starts_with("map") {
        "object".to_string()
    } else if target_is_number {
        // Go prints the number literal when it cannot fit an integer type.
        let literal = unexpected.split('`').nth(1).unwrap_or("");
        let literal = literal.strip_suffix(".0").unwrap_or(literal);
        format!("number {literal}")
    } else {
        "number".to_string()
    }
}

/// Go named types of fields whose serde type is a plain string, list or map, keyed by
/// `Struct.field`; taken from the field declarations in k8s.io/api.
const NAMED_TYPES: &[(&str, &str)] = &[
    ("PodSpec.restartPolicy", "v1.RestartPolicy"),
    ("PodSpec.dnsPolicy", "v1.DNSPolicy"),
    ("PodSpec.preemptionPolicy", "v1.PreemptionPolicy"),
    ("PodSpec.overhead", "v1.ResourceList"),
    ("Container.imagePullPolicy", "v1.PullPolicy"),
    (
        "Container.terminationMessagePolicy",
        "v1.TerminationMessagePolicy",
    ),
    ("ResourceRequirements.requests", "v1.ResourceList"),
    ("ResourceRequirements.limits", "v1.ResourceList"),
    ("VolumeResourceRequirements.requests", "v1.ResourceList"),
    ("VolumeResourceRequirements.limits", "v1.ResourceList"),
    ("ContainerPort.protocol", "v1.Protocol"),
    ("ServicePort.protocol", "v1.Protocol"),
    ("EndpointPort.protocol", "v1.Protocol"),
    ("HTTPGetAction.scheme", "v1.URIScheme"),
    (
        "StatefulSetSpec.podManagementPolicy",
        "v1.PodManagementPolicyType",
    ),
    (
        "StatefulSetUpdateStrategy.type",
        "v1.StatefulSetUpdateStrategyType",
    ),
    (
        "StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted",
        "v1.PersistentVolumeClaimRetentionPolicyType",
    ),
    (
        "StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled",
        "v1.PersistentVolumeClaimRetentionPolicyType",
    ),
    (
        "PersistentVolumeClaimSpec.accessModes",
        "[]v1.PersistentVolumeAccessMode",
    ),
    (
        "PersistentVolumeClaimSpec.volumeMode",
        "v1.PersistentVolumeMode",
    ),
    (
        "PersistentVolumeClaimStatus.phase",
        "v1.PersistentVolumeClaimPhase",
    ),
    ("PersistentVolumeClaimStatus.capacity", "v1.ResourceList"),
    (
        "PersistentVolumeClaimStatus.accessModes",
        "[]v1.PersistentVolumeAccessMode",
    ),
    ("PersistentVolumeSpec.capacity", "v1.ResourceList"),
    (
        "PersistentVolumeSpec.accessModes",
        "[]v1.PersistentVolumeAccessMode",
    ),
    (
        "PersistentVolumeSpec.persistentVolumeReclaimPolicy",
        "v1.PersistentVolumeReclaimPolicy",
    ),
    ("PersistentVolumeSpec.volumeMode", "v1.PersistentVolumeMode"),
    ("PersistentVolumeStatus.phase", "v1.PersistentVolumePhase"),
    ("ServiceSpec.type", "v1.ServiceType"),
    ("ServiceSpec.sessionAffinity", "v1.ServiceAffinity"),
    ("ServiceSpec.ipFamilies", "[]v1.IPFamily"),
    ("ServiceSpec.ipFamilyPolicy", "v1.IPFamilyPolicy"),
    (
        "ServiceSpec.internalTrafficPolicy",
        "v1.ServiceInternalTrafficPolicy",
    ),
    (
        "ServiceSpec.externalTrafficPolicy",
        "v1.ServiceExternalTrafficPolicy",
    ),
    ("PodStatus.phase", "v1.PodPhase"),
    ("PodStatus.qosClass", "v1.PodQOSClass"),
    ("Toleration.operator", "v1.TolerationOperator"),
    ("Toleration.effect", "v1.TaintEffect"),
    ("Taint.effect", "v1.TaintEffect"),
    (
        "LabelSelectorRequirement.operator",
        "v1.LabelSelectorOperator",
    ),
    (
        "NodeSelectorRequirement.operator",
        "v1.NodeSelectorOperator",
    ),
    ("ObjectMeta.uid", "types.UID"),
    ("OwnerReference.uid", "types.UID"),
    ("NamespaceSpec.finalizers", "[]v1.FinalizerName"),
    ("NamespaceStatus.phase", "v1.NamespacePhase"),
    ("NodeStatus.capacity", "v1.ResourceList"),
    ("NodeStatus.allocatable", "v1.ResourceList"),
    ("EmptyDirVolumeSource.medium", "v1.StorageMedium"),
    (
        "StorageClass.reclaimPolicy",
        "v1.PersistentVolumeReclaimPolicy",
    ),
    ("StorageClass.volumeBindingMode", "v1.VolumeBindingMode"),
    ("Capabilities.add", "[]v1.Capability"),
    ("Capabilities.drop", "[]v1.Capability"),
];

fn named_type(strukt: &str, field: &str) -> Option<&'static str> {
    let key = format!("{strukt}.{field}");
    NAMED_TYPES.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// Strips one level of list or map from a Go type name.
fn element_of(go_type: &str) -> String {
    if let Some(rest) = go_type.strip_prefix("[]") {
        return rest.to_string();
    }
    if go_type == "v1.ResourceList" {
        return "resource.Quantity".to_string();
    }
    match go_type.find(']') {
        Some(i) if go_type.starts_with("map[") => {
            go_type.get(i + 1..).unwrap_or("string").to_string()
        }
        _ => go_type.to_string(),
    }
}

/// Builds Go's `json: cannot unmarshal …` text for a located serde failure in a document of
/// type `T`, whose Go struct name is `root_struct`.
pub fn go_type_error<T: DeserializeOwned>(
    doc: &Value,
    located: &Located,
    root_struct: &str,
) -> String {
    let path = &located.path;
    // Walk the path: keys of structs join Go's field stack, map keys and indices do not.
    let mut fields: Vec<String> = Vec::new();
    let mut strukt = root_struct.to_string();
    let mut parent_struct: Option<String> = Some(root_struct.to_string());
    let mut depth_after_field = 0usize;
    for (i, seg) in path.iter().enumerate() {
        match (seg, &parent_struct) {
            (Seg::Key(k), Some(name)) => {
                fields.push(k.clone());
                strukt = name.clone();
                depth_after_field = 0;
            }
            _ => depth_after_field += 1,
        }
        if i + 1 < path.len() {
            let prefix = path.get(..=i).unwrap_or(&[]);
            let kind = probe::<T>(doc, prefix, Value::Bool(true)).unwrap_or_default();
            parent_struct = match kind.as_str() {
                "a map" | "a sequence" | "" => None,
                _ => Some(kind),
            };
        }
    }
    let expected = expected_of(&located.message).unwrap_or("");
    let mut go_type = go_type_of::<T>(doc, path, expected);
    if let Some(field) = fields.last()
        && let Some(named) = named_type(&strukt, field)
    {
        go_type = named.to_string();
        for _ in 0..depth_after_field {
            go_type = element_of(&go_type);
        }
    }
    let numeric = matches!(go_type.as_str(), "int32" | "int64" | "float64");
    let value = go_value_desc(&located.message, numeric);
    match expected {
        // Times decode through their own unmarshaller, which first reads a plain string.
        e if e.contains("timestamp") => {
            format!("json: cannot unmarshal {value} into Go value of type string")
        }
        "IntOrString" | "a 32-bit integer" => {
            let v = go_value_desc(&located.message, true);
            format!("json: cannot unmarshal {v} into Go value of type int32")
        }
        _ if fields.is_empty() => {
            format!("json: cannot unmarshal {value} into Go value of type {go_type}")
        }
        _ => format!(
            "json: cannot unmarshal {value} into Go struct field {strukt}.{} of type {go_type}",
            fields.join(".")
        ),
    }
}
