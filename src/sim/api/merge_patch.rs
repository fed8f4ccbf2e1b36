//! JSON merge patch (RFC 7386), as `kubectl patch --type merge` has the server apply it.

use serde_json::{Map, Value};

/// Why a merge patch was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergePatchError {
    /// The patch is JSON `null`.
    BadPatch,
}

impl std::fmt::Display for MergePatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Invalid JSON Patch")
    }
}

/// Removes `null` members from objects added by a patch (lists keep their items).
fn prune_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, child| !child.is_null());
            m.values_mut().for_each(prune_nulls);
        }
        Value::Array(items) => items
            .iter_mut()
            .filter(|i| !i.is_null())
            .for_each(prune_nulls),
        _ => {}
    }
}

fn merge_into(doc: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (k, pv) in patch {
        if pv.is_null() {
            doc.remove(k);
            continue;
        }
        match (doc.get_mut(k), pv) {
            (Some(Value::Object(cur)), Value::Object(p)) => merge_into(cur, p),
            _ => {
                let mut value = pv.clone();
                prune_nulls(&mut value);
                doc.insert(k.clone(), value);
            }
        }
    }
}

/// Applies `patch` to `doc`: `null` deletes a key, objects merge recursively, anything else
/// (lists included) replaces. A patch that is not an object replaces the document.
pub fn apply_merge_patch(doc: &Value, patch: &Value) -> Result<Value, MergePatchError> {
    match (doc, patch) {
        (_, Value::Null) => Err(MergePatchError::BadPatch),
        (Value::Object(d), Value::Object(p)) => {
            let mut out = d.clone();
            merge_into(&mut out, p);
            Ok(Value::Object(out))
        }
        (_, Value::Object(p)) => {
            let mut out = Map::new();
            merge_into(&mut out, p);
            Ok(Value::Object(out))
        }
        (_, other) => Ok(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc7386_examples() {
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": "b"}),
                json!({"b": "c"}),
                json!({"a": "b", "b": "c"}),
            ),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (
                json!({"a": "b", "b": "c"}),
                json!({"a": null}),
                json!({"b": "c"}),
            ),
            (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
            (json!({"a": "c"}), json!({"a": ["b"]}), json!({"a": ["b"]})),
            (
                json!({"a": {"b": "c"}}),
                json!({"a": {"b": "d", "c": null}}),
                json!({"a": {"b": "d"}}),
            ),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [1]}),
                json!({"a": [1]}),
            ),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a": "b"}), json!(["c"]), json!(["c"])),
            (
                json!({"e": null}),
                json!({"a": 1}),
                json!({"e": null, "a": 1}),
            ),
            (
                json!([1, 2]),
                json!({"a": "b", "c": null}),
                json!({"a": "b"}),
            ),
            (
                json!({}),
                json!({"a": {"bb": {"ccc": null}}}),
                json!({"a": {"bb": {}}}),
            ),
        ];
        for (doc, patch, want) in cases {
            assert_eq!(
                apply_merge_patch(&doc, &patch),
                Ok(want),
                "doc {doc} patch {patch}"
            );
        }
        assert_eq!(
            apply_merge_patch(&json!({}), &json!(null)).map_err(|e| e.to_string()),
            Err("Invalid JSON Patch".to_string())
        );
    }

    #[test]
    fn scale_through_a_merge_patch() {
        let sts = json!({"spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "nginx"}]}}}});
        let out = apply_merge_patch(&sts, &json!({"spec": {"replicas": 5}})).expect("patched");
        assert_eq!(out["spec"]["replicas"], 5);
        assert_eq!(out["spec"]["template"], sts["spec"]["template"]);
    }
}
