//! Field paths rendered the way the API server names fields in its errors.

use std::fmt;

/// A path to a field, such as `spec.template.spec.containers[0].name` or `spec.resources[storage]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(String);

impl FieldPath {
    /// Starts a path at a top-level field such as `metadata` or `spec`.
    pub fn new(root: &str) -> Self {
        FieldPath(root.to_string())
    }

    /// Builds a path from dotted segments, e.g. `FieldPath::of(&["spec", "template", "spec"])`.
    pub fn of(segments: &[&str]) -> Self {
        FieldPath(segments.join("."))
    }

    /// Appends a struct field name.
    pub fn child(&self, name: &str) -> Self {
        if self.0.is_empty() {
            FieldPath(name.to_string())
        } else {
            self.joined(".", name, "")
        }
    }

    /// Appends a list index, rendered as `[i]`.
    pub fn index(&self, i: usize) -> Self {
        self.joined("[", &i.to_string(), "]")
    }

    /// Appends a map key, rendered as `[key]`.
    pub fn key(&self, key: &str) -> Self {
        self.joined("[", key, "]")
    }

    /// The path followed by `open`, `part` and `close` (validation builds many paths, so this
    /// avoids the formatter).
    fn joined(&self, open: &str, part: &str, close: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + open.len() + part.len() + close.len());
        s.push_str(&self.0);
        s.push_str(open);
        s.push_str(part);
        s.push_str(close);
        FieldPath(s)
    }

    /// The rendered path.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_children_indices_and_keys() {
        let p = FieldPath::of(&["spec", "template", "spec"])
            .child("containers")
            .index(0)
            .child("volumeMounts")
            .index(2)
            .child("name");
        assert_eq!(
            p.as_str(),
            "spec.template.spec.containers[0].volumeMounts[2].name"
        );
        assert_eq!(
            FieldPath::new("spec")
                .child("resources")
                .key("storage")
                .to_string(),
            "spec.resources[storage]"
        );
        assert_eq!(FieldPath::default().child("metadata").as_str(), "metadata");
    }
}
