//! Decoding request bodies into typed objects the way the API server does: type errors,
//! strict unknown-field detection and the BadRequest texts built from them.

use k8s_openapi::Resource;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::decode_types::{Seg, expected_of, go_type_error, locate, node_mut};
use super::go_json::go_quote;
use super::quantity::parse_quantity;

/// A decoded object plus the fields of the input the type does not know.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded<T> {
    /// The typed object.
    pub object: T,
    /// Unknown field paths as the server names them, e.g. `spec.replica`,
    /// `spec.template.spec.containers[0].imagePullPolcy`, in document order.
    pub unknown_fields: Vec<String>,
}

/// A body that cannot be decoded; `message()` is the decoder's text, e.g.
/// `json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
}

impl DecodeError {
    /// The decoder's own text.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The BadRequest message: `StatefulSet in version "v1" cannot be handled as a StatefulSet: …`.
    pub fn server_message(&self, kind: &str, version: &str) -> String {
        cannot_handle_message(kind, version, &self.message)
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// `<Kind> in version "<v>" cannot be handled as a <Kind>: <detail>`.
pub fn cannot_handle_message(kind: &str, version: &str, detail: &str) -> String {
    format!(
        "{kind} in version {} cannot be handled as a {kind}: {detail}",
        go_quote(version)
    )
}

/// `strict decoding error: unknown field "a", unknown field "b"`.
pub fn strict_error_text(unknown_fields: &[String]) -> String {
    let parts: Vec<String> = unknown_fields
        .iter()
        .map(|f| format!("unknown field {}", go_quote(f)))
        .collect();
    format!("strict decoding error: {}", parts.join(", "))
}

/// The BadRequest message for unknown fields under `--validate=strict`.
pub fn unknown_fields_message(kind: &str, version: &str, unknown_fields: &[String]) -> String {
    cannot_handle_message(kind, version, &strict_error_text(unknown_fields))
}

/// The warnings `--validate=warn` produces, one per field: `unknown field "spec.replica"`
/// (kubectl prefixes each with `Warning: `).
pub fn unknown_field_warnings(unknown_fields: &[String]) -> Vec<String> {
    unknown_fields
        .iter()
        .map(|f| format!("unknown field {}", go_quote(f)))
        .collect()
}

/// The version part of an apiVersion: `apps/v1` gives `v1`.
pub fn version_of(api_version: &str) -> &str {
    api_version.rsplit('/').next().unwrap_or(api_version)
}

/// kubectl's client-side checks of apiVersion and kind, e.g. `["apiVersion not set", "kind not set"]`.
pub fn type_meta_errors(value: &Value) -> Vec<String> {
    let Value::Object(map) = value else {
        return vec!["invalid object to validate".to_string()];
    };
    let mut errs = Vec::new();
    match map.get("apiVersion") {
        None | Some(Value::Null) => errs.push("apiVersion not set".to_string()),
        Some(Value::String(s)) => {
            if s.matches('/').count() > 1 {
                errs.push(format!("unexpected GroupVersion string: {s}"));
            }
        }
        Some(_) => errs.push("apiVersion isn't string type".to_string()),
    }
    match map.get("kind") {
        None | Some(Value::Null) => errs.push("kind not set".to_string()),
        Some(Value::String(_)) => {}
        Some(_) => errs.push("kind isn't string type".to_string()),
    }
    errs
}

/// `error validating "web.yaml": error validating data: [apiVersion not set, kind not set]; if
/// you choose to ignore these errors, turn validation off with --validate=false`.
pub fn validating_data_message(source: &str, errs: &[String]) -> String {
    let joined = if errs.len() == 1 {
        errs.join("")
    } else {
        format!("[{}]", errs.join(", "))
    };
    format!(
        "error validating {}: error validating data: {joined}; if you choose to ignore these errors, turn validation off with --validate=false",
        go_quote(source)
    )
}

/// Map fields whose values are quantities, and scalar fields that are quantities.
const QUANTITY_MAPS: &[&str] = &[
    "requests",
    "limits",
    "capacity",
    "allocatable",
    "overhead",
    "hard",
    "used",
    "allocatedResources",
];
const QUANTITY_SCALARS: &[&str] = &["sizeLimit"];

/// Prepares a body the way the Go decoder sees it: whole-number floats become integers (YAML
/// `3.0` reaches the server as `3`) and numeric quantities become strings.
pub fn normalize_input(value: &Value) -> Value {
    let mut v = value.clone();
    normalize_node(&mut v, false);
    v
}

fn normalize_node(v: &mut Value, quantity: bool) {
    match v {
        Value::Number(n) => {
            if quantity {
                *v = Value::String(n.to_string());
            } else if n.is_f64()
                && let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                // The bound keeps the conversion exact.
                *v = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| normalize_node(i, false)),
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if QUANTITY_MAPS.contains(&k.as_str())
                    && let Value::Object(inner) = child
                {
                    inner.values_mut().for_each(|q| normalize_node(q, true));
                    continue;
                }
                normalize_node(child, QUANTITY_SCALARS.contains(&k.as_str()));
            }
        }
        _ => {}
    }
}

/// The first malformed quantity string, in document order.
fn first_bad_quantity(v: &Value) -> Option<String> {
    let check = |q: &Value| match q {
        Value::String(s) => parse_quantity(s.trim()).err().map(|e| e.to_string()),
        Value::Null => None,
        other => parse_quantity(&other.to_string())
            .err()
            .map(|e| e.to_string()),
    };
    match v {
        Value::Array(items) => items.iter().find_map(first_bad_quantity),
        Value::Object(map) => map.iter().find_map(|(k, child)| {
            if QUANTITY_MAPS.contains(&k.as_str())
                && let Value::Object(inner) = child
            {
                return inner.values().find_map(check);
            }
            if QUANTITY_SCALARS.contains(&k.as_str()) {
                return check(child);
            }
            first_bad_quantity(child)
        }),
        _ => None,
    }
}

/// The value Go leaves in a field when the JSON holds `null`.
fn zero_for(expected: &str) -> Value {
    match expected {
        "a string" => Value::String(String::new()),
        "i32" | "i64" | "f64" | "a 32-bit integer" => Value::from(0),
        "a boolean" => Value::Bool(false),
        "a sequence" => Value::Array(Vec::new()),
        _ => Value::Object(Map::new()),
    }
}

/// Decodes `value` into `T` as the API server would, reporting unknown fields.
///
/// apiVersion and kind at the top level are not checked here (the caller routes by them).
pub fn decode<T: Resource + DeserializeOwned + Serialize>(
    value: &Value,
) -> Result<Decoded<T>, DecodeError> {
    let mut work = normalize_input(value);
    let Value::Object(root) = &mut work else {
        let what = match value {
            Value::Array(_) => "array",
            Value::String(_) => "string",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            _ => "null",
        };
        return Err(DecodeError {
            message: format!(
                "json: cannot unmarshal {what} into Go value of type v1.{}",
                T::KIND
            ),
        });
    };
    root.remove("apiVersion");
    root.remove("kind");
    if let Some(msg) = first_bad_quantity(&work) {
        return Err(DecodeError { message: msg });
    }
    // Each pass fixes one difference between serde and Go (a null, an embedded kind) or fails.
    for _ in 0..256 {
        let err = match serde_json::from_value::<T>(work.clone()) {
            Ok(object) => return Ok(finish(object, &work)),
            Err(e) => e,
        };
        let Some(loc) = locate::<T>(&work) else {
            return Err(DecodeError {
                message: format!("json: {err}"),
            });
        };
        let leaf = match loc.path.last() {
            Some(Seg::Key(k)) => k.clone(),
            _ => String::new(),
        };
        if loc.message.starts_with("invalid type: null") {
            let zero = zero_for(expected_of(&loc.message).unwrap_or(""));
            if let Some(slot) = node_mut(&mut work, &loc.path) {
                *slot = zero;
                continue;
            }
        }
        if loc.message.starts_with("invalid value") && (leaf == "apiVersion" || leaf == "kind") {
            // Embedded objects accept any type metadata.
            let parent = loc
                .path
                .get(..loc.path.len().saturating_sub(1))
                .unwrap_or(&[]);
            if let Some(Value::Object(m)) = node_mut(&mut work, parent) {
                m.remove(&leaf);
                continue;
            }
        }
        let is_type_error =
            loc.message.starts_with("invalid type") || loc.message.starts_with("invalid value");
        let message = if is_type_error {
            go_type_error::<T>(&work, &loc, T::KIND)
        } else if leaf.ends_with("Timestamp") || leaf.ends_with("Time") {
            let text = node_mut(&mut work, &loc.path)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!(
                "parsing time {} as \"2006-01-02T15:04:05Z07:00\": cannot parse {} as \"2006\"",
                go_quote(&text),
                go_quote(&text)
            )
        } else {
            format!("json: {}", loc.message)
        };
        return Err(DecodeError { message });
    }
    Err(DecodeError {
        message: "json: too many null values".to_string(),
    })
}

fn finish<T: Serialize>(object: T, input: &Value) -> Decoded<T> {
    let mut output = serde_json::to_value(&object).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut output {
        m.remove("apiVersion");
        m.remove("kind");
    }
    let unknown_fields = unknown_fields(input, &output);
    Decoded {
        object,
        unknown_fields,
    }
}

/// Every key path present in `input` but absent from `output` (keys holding null are ignored),
/// named the way the server's strict decoder names them; at most 100, as the server caps them.
pub fn unknown_fields(input: &Value, output: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk_unknown(input, output, "", &mut found);
    found.truncate(100);
    found
}

fn walk_unknown(input: &Value, output: &Value, prefix: &str, found: &mut Vec<String>) {
    match (input, output) {
        (Value::Object(i), Value::Object(o)) => {
            for (k, v) in i {
                if v.is_null() {
                    continue;
                }
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                match o.get(k) {
                    None => found.push(path),
                    Some(ov) => walk_unknown(v, ov, &path, found),
                }
            }
        }
        (Value::Array(i), Value::Array(o)) => {
            for (idx, (v, ov)) in i.iter().zip(o.iter()).enumerate() {
                walk_unknown(v, ov, &format!("{prefix}[{idx}]"), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::StatefulSet;
    use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod, Service};
    use serde_json::json;

    fn sts_err(doc: Value) -> String {
        match decode::<StatefulSet>(&doc) {
            Ok(d) => panic!("decoded: {:?}", d.unknown_fields),
            Err(e) => e.server_message("StatefulSet", "v1"),
        }
    }

    #[test]
    fn type_errors_use_go_wording() {
        let cases = [
            (
                json!({"spec": {"replicas": "3"}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32",
            ),
            (
                json!({"spec": {"replicas": 1.5}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number 1.5 into Go struct field StatefulSetSpec.spec.replicas of type int32",
            ),
            (
                json!({"spec": {"replicas": 3000000000u64}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number 3000000000 into Go struct field StatefulSetSpec.spec.replicas of type int32",
            ),
            (
                json!({"spec": "x"}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSet.spec of type v1.StatefulSetSpec",
            ),
            (
                json!({"metadata": {"labels": {"version": 1}}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
            ),
            (
                json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "ports": [{"containerPort": "80"}]}]}}}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32",
            ),
            (
                json!({"spec": {"template": {"spec": {"containers": {"name": "a"}}}}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container",
            ),
            (
                json!({"spec": {"template": {"spec": {"restartPolicy": 5}}}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy",
            ),
            (
                json!({"spec": {"volumeClaimTemplates": [{"spec": {"accessModes": [5]}}]}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number into Go struct field PersistentVolumeClaimSpec.spec.volumeClaimTemplates.spec.accessModes of type v1.PersistentVolumeAccessMode",
            ),
            (
                json!({"spec": {"volumeClaimTemplates": [{"spec": {"resources": {"requests": {"storage": "1GB"}}}}]}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            ),
            (
                json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "stdin": "yes"}]}}}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.stdin of type bool",
            ),
            (
                json!({"spec": {"updateStrategy": {"rollingUpdate": {"maxUnavailable": true}}}}),
                "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal bool into Go value of type int32",
            ),
        ];
        for (doc, want) in cases {
            assert_eq!(sts_err(doc.clone()), want, "doc {doc}");
        }
    }

    #[test]
    fn unknown_fields_on_nested_lists_and_maps() {
        let doc = json!({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "web", "labels": {"weird-key": "x"}, "annotations": {"a/b": "c"}, "creationTimestamp": null},
            "spec": {
                "replica": 3,
                "selector": {"matchLabels": {"app": "nginx"}},
                "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [
                    {"name": "nginx", "image": "nginx", "imagePullPolcy": "Always", "ports": [{"containerPort": 80, "nme": "web"}]},
                    {"name": "side", "image": "busybox", "resources": {"requests": {"cpu": 1}}}
                ]}},
                "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accesModes": ["ReadWriteOnce"]}}]
            },
            "extra": {"x": 1}
        });
        let decoded = decode::<StatefulSet>(&doc).expect("decodes");
        assert_eq!(
            decoded.unknown_fields,
            vec![
                "extra",
                "spec.replica",
                "spec.template.spec.containers[0].imagePullPolcy",
                "spec.template.spec.containers[0].ports[0].nme",
                "spec.volumeClaimTemplates[0].spec.accesModes",
            ]
        );
        assert_eq!(
            unknown_fields_message("StatefulSet", "v1", &decoded.unknown_fields[1..2]),
            "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown field \"spec.replica\""
        );
        assert_eq!(
            strict_error_text(&decoded.unknown_fields[..2]),
            "strict decoding error: unknown field \"extra\", unknown field \"spec.replica\""
        );
        let cpu = decoded
            .object
            .spec
            .template
            .spec
            .as_ref()
            .and_then(|s| s.containers.get(1))
            .and_then(|c| c.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("cpu"))
            .map(|q| q.0.clone());
        assert_eq!(cpu.as_deref(), Some("1"));
    }

    #[test]
    fn nulls_and_whole_floats_decode_like_go() {
        let doc = json!({"metadata": {"name": "p", "labels": {"a": null}}, "spec": {"containers": [{"name": "c", "image": null}], "terminationGracePeriodSeconds": 10.0}});
        let decoded = decode::<Pod>(&doc).expect("decodes");
        assert!(decoded.unknown_fields.is_empty());
        let spec = decoded.object.spec.expect("spec");
        assert_eq!(spec.termination_grace_period_seconds, Some(10));
        assert_eq!(
            decoded
                .object
                .metadata
                .labels
                .and_then(|l| l.get("a").cloned())
                .as_deref(),
            Some("")
        );
    }

    #[test]
    fn other_kinds_decode() {
        let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "nginx"}, "spec": {"clusterIP": "None", "ports": [{"port": 80, "name": "web", "targetPort": "web"}], "selector": {"app": "nginx"}}});
        assert!(
            decode::<Service>(&svc)
                .expect("svc")
                .unknown_fields
                .is_empty()
        );
        let pvc = json!({"spec": {"resources": {"requests": {"storage": 1073741824u64}}, "accessModes": ["ReadWriteOnce"]}});
        let d = decode::<PersistentVolumeClaim>(&pvc).expect("pvc");
        let storage = d
            .object
            .spec
            .and_then(|s| s.resources)
            .and_then(|r| r.requests)
            .and_then(|r| r.get("storage").map(|q| q.0.clone()));
        assert_eq!(storage.as_deref(), Some("1073741824"));
        let bad =
            decode::<Service>(&json!({"spec": {"ports": [{"port": "80"}]}})).expect_err("fails");
        assert_eq!(
            bad.message(),
            "json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32"
        );
        let not_obj = decode::<Service>(&json!([1])).expect_err("fails");
        assert_eq!(
            not_obj.message(),
            "json: cannot unmarshal array into Go value of type v1.Service"
        );
    }

    #[test]
    fn type_meta_checks() {
        assert_eq!(
            type_meta_errors(&json!({"metadata": {}})),
            vec!["apiVersion not set", "kind not set"]
        );
        assert_eq!(
            type_meta_errors(&json!({"apiVersion": 1, "kind": "Pod"})),
            vec!["apiVersion isn't string type"]
        );
        assert!(
            type_meta_errors(&json!({"apiVersion": "apps/v1", "kind": "StatefulSet"})).is_empty()
        );
        assert_eq!(
            validating_data_message("web.yaml", &type_meta_errors(&json!({}))),
            "error validating \"web.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
        );
        assert_eq!(
            validating_data_message("web.yaml", &["kind not set".to_string()]),
            "error validating \"web.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false"
        );
        assert_eq!(version_of("apps/v1"), "v1");
        assert_eq!(version_of("v1"), "v1");
    }

    #[test]
    fn decode_never_panics_on_garbled_documents() {
        // A deterministic garbling loop: mutate a valid document in many ways and decode each.
        let base = json!({"metadata": {"name": "web", "labels": {"app": "nginx"}}, "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}],
            "resources": {"limits": {"cpu": "1"}}, "readinessProbe": {"httpGet": {"port": "web"}}}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}});
        let junk = [
            json!(null),
            json!(true),
            json!(-7),
            json!(1.25),
            json!("x"),
            json!([]),
            json!([null, 1]),
            json!({}),
            json!({"k": [true]}),
        ];
        let mut paths: Vec<Vec<Seg>> = Vec::new();
        collect_paths(&base, &mut Vec::new(), &mut paths);
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut decoded_ok = 0;
        for round in 0..400 {
            let mut doc = base.clone();
            for _ in 0..(1 + round % 3) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let path = &paths[(seed as usize) % paths.len()];
                let with = junk[((seed >> 32) as usize) % junk.len()].clone();
                if let Some(slot) = node_mut(&mut doc, path) {
                    *slot = with;
                }
            }
            if let Ok(d) = decode::<StatefulSet>(&doc) {
                decoded_ok += 1;
                assert!(d.unknown_fields.len() <= 100);
            }
        }
        assert!(decoded_ok > 0);
    }

    fn collect_paths(v: &Value, prefix: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(prefix.clone());
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    prefix.push(Seg::Key(k.clone()));
                    collect_paths(c, prefix, out);
                    prefix.pop();
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    prefix.push(Seg::Index(i));
                    collect_paths(c, prefix, out);
                    prefix.pop();
                }
            }
            _ => {}
        }
    }
}
