//! ControllerRevisions: the pod template snapshots a StatefulSet rolls between, with stable hash names.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::runtime::RawExtension;
use serde_json::{Value, json};

use super::utils::{controller_ref, set_name, set_namespace};

/// Label holding the revision's hash.
pub const HASH_LABEL: &str = "controller.kubernetes.io/hash";

/// The alphabet `rand.SafeEncodeString` maps characters onto.
const SAFE_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// The revision data of a set: only its pod template, as a strategic-merge "replace" patch.
pub fn revision_data(set: &StatefulSet) -> Value {
    let template = Some(&set.spec)
        .map(|s| serde_json::to_value(&s.template).unwrap_or(Value::Null))
        .unwrap_or(Value::Null);
    let mut template = match template {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    template.insert("$patch".into(), Value::String("replace".into()));
    json!({ "spec": { "template": Value::Object(template) } })
}

/// FNV-32 (not FNV-1a) of the data bytes plus the collision count, encoded like `SafeEncodeString`.
pub fn hash(data: &Value, collision_count: i32) -> String {
    let bytes = serde_json::to_vec(data).unwrap_or_default();
    let mut h: u32 = 0x811c_9dc5;
    let feed = |h: &mut u32, b: u8| {
        *h = h.wrapping_mul(0x0100_0193);
        *h ^= u32::from(b);
    };
    for b in bytes {
        feed(&mut h, b);
    }
    if collision_count > 0 {
        for b in collision_count.to_string().bytes() {
            feed(&mut h, b);
        }
    }
    h.to_string()
        .bytes()
        .map(|b| {
            let at = usize::from(b) % SAFE_ALPHABET.len();
            char::from(SAFE_ALPHABET.get(at).copied().unwrap_or(b'x'))
        })
        .collect()
}

/// The revision name `<set>-<hash>`, the prefix cut so the name stays a valid object name.
pub fn revision_name(set: &StatefulSet, hash: &str) -> String {
    let prefix: String = set_name(set).chars().take(223).collect();
    format!("{prefix}-{hash}")
}

/// A new (unsaved) revision of the set's current template with number `revision`.
pub fn new_revision(set: &StatefulSet, revision: i64, collision_count: i32) -> ControllerRevision {
    let data = revision_data(set);
    let h = hash(&data, collision_count);
    let mut labels: BTreeMap<String, String> = Some(&set.spec)
        .and_then(|s| s.template.metadata.as_ref())
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    labels.insert(HASH_LABEL.to_string(), h.clone());
    ControllerRevision {
        metadata: ObjectMeta {
            name: Some(revision_name(set, &h)),
            namespace: Some(set_namespace(set).to_string()),
            labels: Some(labels),
            annotations: set.metadata.annotations.clone(),
            owner_references: Some(vec![controller_ref(set)]),
            ..Default::default()
        },
        data: RawExtension(data),
        revision: Some(revision),
    }
}

/// The revision number after the highest in `revisions`.
pub fn next_revision(revisions: &[ControllerRevision]) -> i64 {
    revisions
        .iter()
        .filter_map(|r| r.revision)
        .max()
        .unwrap_or(0)
        + 1
}

/// Whether two revisions carry the same template.
pub fn equal(a: &ControllerRevision, b: &ControllerRevision) -> bool {
    a.data.0 == b.data.0
}

/// The set with its template taken from `revision`.
pub fn apply_revision(set: &StatefulSet, revision: &ControllerRevision) -> StatefulSet {
    let mut out = set.clone();
    let template = revision
        .data
        .0
        .pointer("/spec/template")
        .cloned()
        .map(|mut t| {
            if let Value::Object(m) = &mut t {
                m.remove("$patch");
            }
            t
        })
        .and_then(|t| crate::sim::api::decode_types::from_value::<PodTemplateSpec>(t).ok());
    if let (Some(spec), Some(template)) = (Some(&mut out.spec), template) {
        spec.template = template;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(image: &str) -> StatefulSet {
        serde_json::from_value(json!({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "namespace": "default", "uid": "u1"},
            "spec": {"selector": {"matchLabels": {"app": "nginx"}},
                     "template": {"metadata": {"labels": {"app": "nginx"}},
                                  "spec": {"containers": [{"name": "nginx", "image": image}]}}}
        }))
        .unwrap()
    }

    #[test]
    fn names_are_stable_per_template_and_use_the_safe_alphabet() {
        let a = new_revision(&set("nginx:1.25"), 1, 0);
        let b = new_revision(&set("nginx:1.25"), 7, 0);
        let c = new_revision(&set("nginx:1.27"), 2, 0);
        assert_eq!(a.metadata.name, b.metadata.name);
        assert_ne!(a.metadata.name, c.metadata.name);
        let name = a.metadata.name.clone().unwrap();
        let h = name.strip_prefix("web-").unwrap();
        assert!(h.len() >= 8 && h.len() <= 10, "{h}");
        assert!(h.chars().all(|ch| "456789bcdf".contains(ch)), "{h}");
        assert!(equal(&a, &b));
        assert!(!equal(&a, &c));
    }

    #[test]
    fn a_collision_count_changes_the_name() {
        let d = revision_data(&set("nginx:1.25"));
        assert_ne!(hash(&d, 0), hash(&d, 1));
    }

    #[test]
    fn applying_a_revision_restores_its_template() {
        let old = new_revision(&set("nginx:1.25"), 1, 0);
        let rolled = apply_revision(&set("nginx:1.27"), &old);
        let image = rolled.spec.template.spec.unwrap().containers[0]
            .image
            .clone();
        assert_eq!(image.as_deref(), Some("nginx:1.25"));
    }
}
