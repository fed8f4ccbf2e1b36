//! The one table of API field documentation: names, explain types, required flags, the
//! upstream descriptions `kubectl explain` prints, and the values an enumerated field takes.
//! `kubectl explain` prints it; the manifest editor's hover help and completion read it too.

mod apps;
mod pod;
mod service;
mod storage;

/// One field of a type.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// JSON name.
    pub name: &'static str,
    /// The type as explain shows it (`integer`, `[]Container`, `map[string]string`).
    pub ty: &'static str,
    /// Whether the API requires it.
    pub required: bool,
    /// The upstream description, as `kubectl explain` prints it.
    pub doc: &'static str,
    /// The values it takes when they form a fixed set, most common first (editor completion).
    pub values: &'static [&'static str],
}

impl Field {
    /// The description's first paragraph: the text without the list of enum values that
    /// follows it.
    pub fn summary(&self) -> &'static str {
        self.doc.split("\n\n").next().unwrap_or(self.doc)
    }

    /// The description's first sentence, for places with room for one line.
    pub fn first_sentence(&self) -> &'static str {
        first_sentence(self.summary())
    }
}

/// A documented type.
#[derive(Debug, PartialEq, Eq)]
pub struct TypeDoc {
    /// Its name (`StatefulSetSpec`).
    pub name: &'static str,
    /// The upstream description of the type.
    pub doc: &'static str,
    /// Its fields, sorted by name.
    pub fields: &'static [Field],
}

/// A field the API does not require.
pub(crate) const fn f(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
        values: &[],
    }
}

/// A field the API does not require whose values form a fixed set.
pub(crate) const fn e(
    name: &'static str,
    ty: &'static str,
    doc: &'static str,
    values: &'static [&'static str],
) -> Field {
    Field {
        values,
        ..f(name, ty, doc)
    }
}

/// A field the API requires.
pub(crate) const fn req(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field {
        required: true,
        ..f(name, ty, doc)
    }
}

/// `apiVersion`, common to every kind (TypeMeta in k8s.io/apimachinery meta/v1).
pub const API_VERSION: Field = e(
    "apiVersion",
    "string",
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    &["apps/v1", "v1"],
);
/// `kind`, common to every kind (TypeMeta in k8s.io/apimachinery meta/v1).
pub const KIND: Field = e(
    "kind",
    "string",
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    &[
        "StatefulSet",
        "Service",
        "PersistentVolumeClaim",
        "PersistentVolume",
        "Pod",
        "Namespace",
    ],
);
/// `metadata`, common to every kind.
pub const METADATA: Field = f(
    "metadata",
    "ObjectMeta",
    "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
);

/// The fields every kind has, for documents whose kind the table does not describe.
pub const COMMON: &[Field] = &[API_VERSION, KIND, METADATA];

/// The documented type named `name`.
pub fn type_doc(name: &str) -> Option<&'static TypeDoc> {
    apps::TYPES
        .iter()
        .chain(pod::TYPES)
        .chain(storage::TYPES)
        .chain(service::TYPES)
        .find(|t| t.name == name)
}

/// The type an explain type string leads to (`[]Container` → `Container`).
pub fn element_type(ty: &str) -> &str {
    let t = ty.trim_start_matches("[]");
    t.strip_prefix("map[string]").unwrap_or(t)
}

/// The first sentence of a text: up to the first full stop followed by a space, not counting
/// the stops of "e.g." and "i.e.".
fn first_sentence(text: &'static str) -> &'static str {
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find(". ")) {
        let end = from + at + 1;
        let before = text.get(..end).unwrap_or("");
        if !(before.ends_with("e.g.") || before.ends_with("i.e.")) {
            return before;
        }
        from = end;
    }
    text
}

#[cfg(test)]
mod tests;
