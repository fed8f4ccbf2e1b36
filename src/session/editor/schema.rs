//! A compact map of the manifest fields learners write most, with a short explanation of each
//! and the values an enumerated field accepts; the editor uses it for hover help and completion.

/// One field of a manifest.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// The key as written in YAML.
    pub key: &'static str,
    /// What it means, in a sentence or two.
    pub doc: &'static str,
    /// The values it accepts, when they form a fixed set.
    pub values: &'static [&'static str],
    /// Fields inside it (of each item, for lists).
    pub children: &'static [Field],
}

pub(super) const fn f(key: &'static str, doc: &'static str) -> Field {
    Field {
        key,
        doc,
        values: &[],
        children: &[],
    }
}

pub(super) const fn e(
    key: &'static str,
    doc: &'static str,
    values: &'static [&'static str],
) -> Field {
    Field {
        key,
        doc,
        values,
        children: &[],
    }
}

pub(super) const fn n(key: &'static str, doc: &'static str, children: &'static [Field]) -> Field {
    Field {
        key,
        doc,
        values: &[],
        children,
    }
}

use super::fields::{METADATA, POD_SPEC, PV_SPEC, PVC_SPEC, SERVICE_SPEC, STS_SPEC};

/// The top-level fields, whatever the kind.
pub const TOP: &[Field] = &[
    e(
        "apiVersion",
        "The API group and version of the kind: `apps/v1` for StatefulSets, `v1` for Services, claims, volumes and pods.",
        &["apps/v1", "v1"],
    ),
    e(
        "kind",
        "What kind of object this document describes.",
        &[
            "StatefulSet",
            "Service",
            "PersistentVolumeClaim",
            "PersistentVolume",
            "Pod",
            "Namespace",
        ],
    ),
    n(
        "metadata",
        "The object's name, namespace, labels and annotations.",
        METADATA,
    ),
    f("spec", "The desired state of the object."),
];

/// The fields of `spec` for a kind.
pub fn spec_of(kind: &str) -> &'static [Field] {
    match kind {
        "StatefulSet" => STS_SPEC,
        "Service" => SERVICE_SPEC,
        "PersistentVolumeClaim" => PVC_SPEC,
        "PersistentVolume" => PV_SPEC,
        "Pod" => POD_SPEC,
        _ => &[],
    }
}

/// The fields under a path of keys (list items are transparent) in a document of `kind`.
pub fn children(kind: &str, path: &[String]) -> &'static [Field] {
    let mut fields: &'static [Field] = TOP;
    for (depth, key) in path.iter().enumerate() {
        let Some(field) = fields.iter().find(|f| f.key == key) else {
            return &[];
        };
        fields = if depth == 0 && key == "spec" {
            spec_of(kind)
        } else {
            field.children
        };
    }
    fields
}

/// The field at a path of keys, if the map knows it.
pub fn lookup(kind: &str, path: &[String]) -> Option<&'static Field> {
    let (last, parents) = path.split_last()?;
    children(kind, parents).iter().find(|f| f.key == last)
}
