//! Field paths rendered the way the API server names fields in its errors.

use std::fmt;

/// A path to a field, such as `spec.template.spec.containers[0].name` or `spec.resources[storage]`.
/// Each step borrows its parent, so building the paths validation walks costs no allocation; the
/// text is rendered only for an error.
#[derive(Clone, Copy, Debug, Default)]
pub struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    step: Step<'a>,
}

/// One step of a path.
#[derive(Clone, Copy, Debug, Default)]
enum Step<'a> {
    /// Nothing (the empty path).
    #[default]
    Empty,
    /// Dotted segments at the root, joined by dots.
    Root(&'a [&'a str]),
    /// A struct field name.
    Child(&'a str),
    /// A list index.
    Index(usize),
    /// A map key.
    Key(&'a str),
}

impl<'a> FieldPath<'a> {
    /// Starts a path at a top-level field such as `metadata` or `spec`.
    pub fn new(root: &'a str) -> Self {
        FieldPath {
            parent: None,
            step: Step::Child(root),
        }
    }

    /// Builds a path from dotted segments, e.g. `FieldPath::of(&["spec", "template", "spec"])`.
    pub fn of(segments: &'a [&'a str]) -> Self {
        FieldPath {
            parent: None,
            step: Step::Root(segments),
        }
    }

    /// Appends a struct field name.
    pub fn child<'b>(&'b self, name: &'b str) -> FieldPath<'b> {
        FieldPath {
            parent: Some(self),
            step: Step::Child(name),
        }
    }

    /// Appends a list index, rendered as `[i]`.
    pub fn index(&self, i: usize) -> FieldPath<'_> {
        FieldPath {
            parent: Some(self),
            step: Step::Index(i),
        }
    }

    /// Appends a map key, rendered as `[key]`.
    pub fn key<'b>(&'b self, key: &'b str) -> FieldPath<'b> {
        FieldPath {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// Appends the path's text to `out`.
    fn render_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render_into(out);
        }
        match self.step {
            Step::Empty => {}
            Step::Root(segments) => {
                for (i, s) in segments.iter().enumerate() {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(s);
                }
            }
            Step::Child(name) => {
                // A field name follows a dot unless it starts the path.
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Step::Key(key) => {
                out.push('[');
                out.push_str(key);
                out.push(']');
            }
        }
    }

    /// The rendered path.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_children_indices_and_keys() {
        let root = FieldPath::of(&["spec", "template", "spec"]);
        let containers = root.child("containers");
        let first = containers.index(0);
        let mounts = first.child("volumeMounts");
        let third = mounts.index(2);
        assert_eq!(
            third.child("name").render(),
            "spec.template.spec.containers[0].volumeMounts[2].name"
        );
        assert_eq!(
            FieldPath::new("spec")
                .child("resources")
                .key("storage")
                .to_string(),
            "spec.resources[storage]"
        );
        assert_eq!(FieldPath::default().child("metadata").render(), "metadata");
        assert_eq!(FieldPath::new("").child("name").render(), "name");
        assert_eq!(FieldPath::default().index(1).render(), "[1]");
        assert_eq!(FieldPath::of(&[]).child("a").render(), "a");
    }
}
