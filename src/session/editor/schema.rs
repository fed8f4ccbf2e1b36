//! The editor's view of the manifest fields: what a key means and which values an enumerated
//! one accepts, read from kubectl's field table (the text `kubectl explain` prints), so hover
//! help, completion and explain say the same thing.

use crate::kubectl::fields::{self, common, type_doc};

/// One field of a manifest, as the editor shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key as written in YAML.
    pub key: &'static str,
    /// What it means: the first paragraph of its upstream description.
    pub doc: &'static str,
    /// The first sentence of that description, for the completion list.
    pub short: &'static str,
    /// The values it accepts, when they form a fixed set.
    pub values: &'static [&'static str],
    /// Whether it has fields of its own (of each item, for lists).
    pub has_children: bool,
}

impl Field {
    fn of(field: &'static fields::Field) -> Field {
        let values: &'static [&'static str] = if !field.item_values.is_empty() {
            field.item_values
        } else if field.values.is_empty() && field.ty == "boolean" {
            &["true", "false"]
        } else {
            field.values
        };
        Field {
            key: field.name,
            doc: field.summary(),
            short: field.first_sentence(),
            values,
            has_children: field.target().is_some_and(|t| !t.fields.is_empty()),
        }
    }
}

/// The table's fields of a type, without `status`: the server writes it, not the learner.
fn editable(fields: &'static [fields::Field]) -> impl Iterator<Item = &'static fields::Field> {
    fields.iter().filter(|f| f.name != "status")
}

/// The fields under a path of keys (list items are transparent) in a document of `kind`.
pub fn children(kind: &str, path: &[String]) -> Vec<Field> {
    let mut current: &'static [fields::Field] = type_doc(kind).map_or(common(), |t| t.fields);
    for key in path {
        let Some(field) = editable(current).find(|f| f.name == key) else {
            return Vec::new();
        };
        match field.target() {
            Some(t) => current = t.fields,
            None => return Vec::new(),
        }
    }
    let mut out: Vec<Field> = editable(current).map(Field::of).collect();
    if path.is_empty() {
        for f in &mut out {
            match f.key {
                "apiVersion" => f.values = API_VERSIONS,
                "kind" => f.values = KINDS,
                _ => {}
            }
        }
    }
    out
}

/// The values offered for a document's own `apiVersion` and `kind`: what the playground
/// applies, most common first. The schema lists no values for these two strings.
const API_VERSIONS: &[&str] = &["apps/v1", "v1"];
const KINDS: &[&str] = &[
    "StatefulSet",
    "Service",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "Pod",
    "Namespace",
];

/// The field at a path of keys, if the table knows it.
pub fn lookup(kind: &str, path: &[String]) -> Option<Field> {
    let (last, parents) = path.split_last()?;
    children(kind, parents).into_iter().find(|f| f.key == last)
}
