//! Generates the field documentation table (`src/kubectl/fields`) from the OpenAPI schemas of
//! the k8s-openapi crate the playground already depends on: for the kinds it simulates and the
//! types they reach, each field's description, explain type, required flag and enum values.
//!
//! k8s-openapi leaves out the `enum` lists and the "Possible enum values:" paragraph that
//! openapi-gen adds to enumerated fields, so `src/kubectl/fields/enums.txt` (made from k8s.io/api
//! by `scripts/enum_values.py`) puts them back the way kube-openapi's enum.go writes them.

// Build-time code over a dependency's generated sources: a surprise there should stop the build
// with a message, so indexing and panics are the right failure here.
#![allow(
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used
)]

#[path = "build/schema.rs"]
mod schema;

use schema::{TypeSchema, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The kinds the playground simulates (src/sim/kind.rs), as k8s-openapi module paths.
const ROOTS: &[&str] = &[
    "api::apps::v1::StatefulSet",
    "api::apps::v1::ControllerRevision",
    "api::core::v1::Pod",
    "api::core::v1::Service",
    "api::core::v1::Endpoints",
    "api::core::v1::PersistentVolumeClaim",
    "api::core::v1::PersistentVolume",
    "api::core::v1::Node",
    "api::core::v1::Namespace",
    "api::core::v1::Event",
    "api::core::v1::ConfigMap",
    "api::core::v1::Secret",
    "api::discovery::v1::EndpointSlice",
    "api::storage::v1::StorageClass",
    "api::policy::v1::PodDisruptionBudget",
];

/// Fields k8s-openapi lists as required that the API does not (k8s.io/api types.go marks them
/// `+optional`): it makes a resource's `metadata`, the workloads' `spec` and the `name` of a
/// LocalObjectReference (and of the types that inline one) non-optional for its Rust types.
const NOT_REQUIRED: &[&str] = &[
    "StatefulSet.spec",
    "LocalObjectReference.name",
    "ConfigMapEnvSource.name",
    "ConfigMapKeySelector.name",
    "ConfigMapProjection.name",
    "ConfigMapVolumeSource.name",
    "SecretEnvSource.name",
    "SecretKeySelector.name",
    "SecretProjection.name",
];

/// The Kubernetes version whose schemas the crate enables (Cargo.toml: feature v1_37).
const VERSION: &str = "v1_37";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build/schema.rs");
    println!("cargo::rerun-if-changed=Cargo.lock");
    println!("cargo::rerun-if-changed=src/kubectl/fields/enums.txt");
    let dir = k8s_openapi_dir().join("src").join(VERSION);
    let mut all = BTreeMap::new();
    schema::read_all(&dir, "", &mut all);
    let all: BTreeMap<String, TypeSchema> = all
        .into_iter()
        .map(|(k, v)| (k.trim_start_matches("::").to_string(), v))
        .collect();
    assert!(
        !all.is_empty(),
        "no OpenAPI schemas found under {}",
        dir.display()
    );
    let reached = reach(&all);
    let enums = read_enums();
    let out = emit(&all, &reached, &enums);
    let path =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("fields_table.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// Where the k8s-openapi sources are: the version Cargo.lock names, in Cargo's registry
/// sources (or, when vendored or elsewhere, where `cargo metadata --offline` says).
fn k8s_openapi_dir() -> PathBuf {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let lock = std::fs::read_to_string(manifest.join("Cargo.lock")).unwrap_or_default();
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"k8s-openapi\""))
        .and_then(|p| p.split("version = \"").nth(1))
        .and_then(|v| v.split('"').next())
        .unwrap_or("0.29.0")
        .to_string();
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    let want = format!("k8s-openapi-{version}");
    if let Ok(regs) = std::fs::read_dir(home.join("registry").join("src")) {
        for reg in regs.filter_map(Result::ok) {
            let dir = reg.path().join(&want);
            if dir.join("src").join(VERSION).is_dir() {
                return dir;
            }
        }
    }
    metadata_dir(&manifest)
        .unwrap_or_else(|| panic!("cannot find the sources of {want}; run `cargo fetch`"))
}

fn metadata_dir(manifest: &Path) -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--offline",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(manifest.join("Cargo.toml"))
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    // The package entry (a dependency entry names its source next, not its version).
    let at = text.find("\"name\":\"k8s-openapi\",\"version\"")?;
    let path = text[at..]
        .split("\"manifest_path\":\"")
        .nth(1)?
        .split('"')
        .next()?;
    Some(PathBuf::from(path).parent()?.to_path_buf())
}

/// The types the roots reach through their fields.
fn reach(all: &BTreeMap<String, TypeSchema>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = ROOTS.iter().map(|r| r.to_string()).collect();
    while let Some(path) = todo.pop() {
        let Some(t) = all.get(&path) else {
            panic!("k8s-openapi has no schema for {path}");
        };
        if seen.insert(path) {
            refs(&t.schema, &mut todo);
        }
    }
    seen
}

fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Ref { path, .. } => out.push(path.clone()),
        Value::Obj(members) => members.iter().for_each(|(_, v)| refs(v, out)),
        Value::Arr(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// `Type.field` → the lines of its enum: (value, comment).
fn read_enums() -> BTreeMap<String, Vec<(String, String)>> {
    let text = std::fs::read_to_string("src/kubectl/fields/enums.txt").unwrap_or_default();
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut current = String::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        if let Some(rest) = line.strip_prefix('\t') {
            let (value, comment) = rest.split_once('\t').unwrap_or((rest, ""));
            out.entry(current.clone())
                .or_default()
                .push((value.into(), comment.into()));
        } else {
            current = line.to_string();
        }
    }
    out
}

/// The type kubectl's plain-text template shows (`typeGuess` in plaintext.tmpl) and the
/// referenced type whose fields and description follow.
fn guess(v: &Value, all: &BTreeMap<String, TypeSchema>) -> (String, Option<String>) {
    match v {
        Value::Ref { path, .. } => {
            let t = &all[path];
            let shown = match t.schema.get("type").and_then(Value::str) {
                None | Some("object") => t.name.clone(),
                Some(primitive) => primitive.to_string(),
            };
            (shown, Some(path.clone()))
        }
        _ => {
            let ty = v.get("type").and_then(Value::str);
            if let Some(items) = v.get("items") {
                let (inner, of) = guess(items, all);
                return (format!("[]{inner}"), of);
            }
            if let Some(ap @ (Value::Obj(_) | Value::Ref { .. })) = v.get("additionalProperties") {
                let (inner, of) = guess(ap, all);
                return (format!("map[string]{inner}"), of);
            }
            match ty {
                None | Some("object") => ("Object".into(), None),
                Some(t) => (t.into(), None),
            }
        }
    }
}

/// The fields a type requires, less those k8s-openapi adds (`NOT_REQUIRED`, a kind's metadata).
fn required_of<'a>(name: &str, schema: &'a Value) -> Vec<&'a str> {
    let is_kind = schema
        .get("properties")
        .is_some_and(|p| p.get("kind").is_some() && p.get("apiVersion").is_some());
    match schema.get("required") {
        Some(Value::Arr(items)) => items
            .iter()
            .filter_map(Value::str)
            .filter(|f| {
                let added = is_kind && *f == "metadata";
                !added && !NOT_REQUIRED.contains(&format!("{name}.{f}").as_str())
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A field's description with the enum paragraph openapi-gen appends, and the enum values.
fn field_doc(v: &Value, enum_lines: Option<&Vec<(String, String)>>) -> (String, Vec<String>) {
    let mut doc = match v {
        Value::Ref { description, .. } => description.clone().unwrap_or_default(),
        _ => v
            .get("description")
            .and_then(Value::str)
            .unwrap_or("")
            .to_string(),
    };
    let mut values = Vec::new();
    if let Some(lines) = enum_lines {
        doc.push_str("\n\nPossible enum values:");
        for (value, comment) in lines {
            let _ = write!(doc, "\n - `{value:?}`");
            if !comment.is_empty() {
                let _ = write!(doc, " {comment}");
            }
            values.push(value.clone());
        }
    }
    (doc, values)
}

fn emit(
    all: &BTreeMap<String, TypeSchema>,
    reached: &BTreeSet<String>,
    enums: &BTreeMap<String, Vec<(String, String)>>,
) -> String {
    // A type is keyed by its short name (`EndpointPort`); when two groups share a name (core/v1
    // and discovery/v1 both have EndpointPort), the one outside core/v1 is keyed by its path.
    let mut shared: BTreeMap<&str, usize> = BTreeMap::new();
    for path in reached {
        *shared.entry(all[path].name.as_str()).or_default() += 1;
    }
    let keys: BTreeMap<&String, String> = reached
        .iter()
        .map(|path| {
            let name = &all[path].name;
            let unique =
                shared.get(name.as_str()) == Some(&1) || path.starts_with("api::core::v1::");
            let key = if unique {
                name.clone()
            } else {
                path.replace("::", ".")
            };
            (path, key)
        })
        .collect();
    let mut by_name: BTreeMap<&str, &TypeSchema> = BTreeMap::new();
    for path in reached {
        if by_name.insert(&keys[path], &all[path]).is_some() {
            panic!("two simulated types are keyed {}", keys[path]);
        }
    }
    // The enums.txt entries some field read, to catch an entry that names no field.
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut out = String::from(
        "/// Every documented type, sorted by name.\npub(super) static TYPES: &[TypeDoc] = &[\n",
    );
    for (name, t) in &by_name {
        let doc = t
            .schema
            .get("description")
            .and_then(Value::str)
            .unwrap_or("");
        let required = required_of(name, &t.schema);
        let _ = writeln!(out, "TypeDoc {{ name: {name:?}, doc: {doc:?}, fields: &[");
        let mut props: Vec<(&String, &Value)> = match t.schema.get("properties") {
            Some(Value::Obj(members)) => members.iter().map(|(k, v)| (k, v)).collect(),
            _ => Vec::new(),
        };
        props.sort_by(|a, b| a.0.cmp(b.0));
        for (field, v) in props {
            let (ty, of) = guess(v, all);
            let of = of.map(|path| keys.get(&path).cloned().unwrap_or(path));
            // enums.txt names types by their Go name; a type keyed by its path (discovery's
            // EndpointPort) reads the entries of its name, as openapi-gen gives it the same enum.
            let entry = |suffix: &str| {
                [
                    format!("{name}.{field}{suffix}"),
                    format!("{}.{field}{suffix}", t.name),
                ]
                .into_iter()
                .find(|k| enums.contains_key(k))
            };
            let items_key = entry("[]");
            let items: Vec<&String> = items_key
                .as_ref()
                .and_then(|k| enums.get(k))
                .map(|l| l.iter().map(|(v, _)| v).collect())
                .unwrap_or_default();
            let lines_key = entry("");
            let lines = lines_key.as_ref().and_then(|k| enums.get(k));
            used.extend(items_key.into_iter().chain(lines_key));
            let (fdoc, values) = field_doc(v, lines);
            let _ = writeln!(
                out,
                "Field {{ name: {field:?}, ty: {ty:?}, of: {:?}, required: {}, doc: {fdoc:?}, values: &{values:?}, item_values: &{items:?} }},",
                of.unwrap_or_default(),
                required.contains(&field.as_str()),
            );
        }
        out.push_str("]},\n");
    }
    out.push_str("];\n");
    let known = enums
        .keys()
        .filter(|k| k.split('.').next().is_some_and(|t| by_name.contains_key(t)))
        .count();
    assert_eq!(
        used.len(),
        known,
        "an enums.txt line names a field the schema does not have"
    );
    out
}
