//! The one table of API field documentation: names, explain types, required flags, the
//! upstream descriptions `kubectl explain` prints, and the values an enumerated field takes.
//! The build script generates it from the OpenAPI schemas in the k8s-openapi sources (v1.37),
//! for the kinds the playground simulates and the types they reach, with the enum values
//! openapi-gen adds (`enums.txt`). `kubectl explain` prints it; the manifest editor's hover help
//! and completion read it too.

/// One field of a type.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// JSON name.
    pub name: &'static str,
    /// The type as explain shows it (`integer`, `[]Container`, `map[string]string`).
    pub ty: &'static str,
    /// The documented type it leads to (of its items, for lists and maps); empty for none.
    pub of: &'static str,
    /// Whether the API requires it.
    pub required: bool,
    /// The upstream description, as `kubectl explain` prints it.
    pub doc: &'static str,
    /// The values of an enumerated field, sorted as the OpenAPI `enum` list is.
    pub values: &'static [&'static str],
    /// The values of a list's items when their type is enumerated. The schema carries no enum
    /// for them, so explain does not print these; the editor offers them.
    pub item_values: &'static [&'static str],
}

impl Field {
    /// The type whose fields and description follow this field's own.
    pub fn target(&self) -> Option<&'static TypeDoc> {
        type_doc(self.of)
    }

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

include!(concat!(env!("OUT_DIR"), "/fields_table.rs"));

/// The documented type named `name`.
pub fn type_doc(name: &str) -> Option<&'static TypeDoc> {
    let at = TYPES.binary_search_by(|t| t.name.cmp(name)).ok()?;
    TYPES.get(at)
}

/// The fields every kind has (`apiVersion`, `kind`, `metadata`), for documents whose kind the
/// table does not describe.
pub fn common() -> &'static [Field] {
    type_doc("Namespace")
        .and_then(|t| t.fields.get(..3))
        .unwrap_or(&[])
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
