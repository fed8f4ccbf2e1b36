//! Where each field of a document sits in the text, looked up by API field path.
//!
//! The API server prints paths with `field.Path`: fields joined by `.`, list indices as
//! `[0]`, and map keys as `[key]` without quotes (`metadata.labels[app]`,
//! `metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]`). Some messages
//! name map keys with a dot instead (`spec.nodeSelector.disktype`), and keys may contain dots,
//! so the lookup matches against the keys that actually exist instead of splitting blindly.

use super::libyaml::Mark;

/// The position tree of one document: spans of keys and values.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PosNode {
    /// Span of the key that names this node in its mapping (`None` for the root and items).
    pub key: Option<(Mark, Mark)>,
    /// Span of the value.
    pub start: Mark,
    pub end: Mark,
    pub children: Children,
}

/// The children of a position node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Children {
    /// A scalar, an alias, or content whose positions are not tracked.
    Leaf,
    Map(Vec<(String, PosNode)>),
    Seq(Vec<PosNode>),
}

impl PosNode {
    /// A node without tracked children.
    pub(crate) fn leaf(start: Mark, end: Mark) -> Self {
        PosNode {
            key: None,
            start,
            end,
            children: Children::Leaf,
        }
    }
}

/// The deepest node reached by `path`, and whether the whole path was found.
pub(crate) fn lookup<'a>(root: &'a PosNode, path: &str) -> (&'a PosNode, bool) {
    let mut node = root;
    let mut rest = path.trim();
    loop {
        if rest.is_empty() {
            return (node, true);
        }
        match step(node, rest) {
            Some((child, remaining)) => {
                node = child;
                rest = remaining;
            }
            None => return (node, false),
        }
    }
}

/// Follows one path element from `node`; returns the child and the rest of the path.
fn step<'a, 'p>(node: &'a PosNode, path: &'p str) -> Option<(&'a PosNode, &'p str)> {
    if let Some(inner) = path.strip_prefix('[') {
        // `[i]` or `[key]`: the subscript ends at the first `]` that ends the element.
        let close = subscript_end(inner)?;
        let (sub, after) = (inner.get(..close)?, inner.get(close + 1..)?);
        let after = after.strip_prefix('.').unwrap_or(after);
        let child = match &node.children {
            Children::Seq(items) => items.get(sub.trim().parse::<usize>().ok()?)?,
            Children::Map(entries) => entries
                .iter()
                .rev()
                .find(|(k, _)| k == sub)
                .map(|(_, v)| v)?,
            Children::Leaf => return None,
        };
        return Some((child, after));
    }
    let path = path.strip_prefix('.').unwrap_or(path);
    let Children::Map(entries) = &node.children else {
        return None;
    };
    // The longest key that the path continues from cleanly wins, so `a.b` beats `a`.
    let mut best: Option<(&PosNode, &str)> = None;
    for (key, child) in entries.iter().rev() {
        if let Some(after) = path.strip_prefix(key.as_str()) {
            let clean = after.is_empty() || after.starts_with('.') || after.starts_with('[');
            if clean && best.is_none_or(|(_, b)| after.len() < b.len()) {
                best = Some((child, after));
            }
        }
    }
    let (child, after) = best?;
    Some((child, after.strip_prefix('.').unwrap_or(after)))
}

/// Index of the `]` closing a subscript: the first one followed by `.`, `[` or the end.
fn subscript_end(inner: &str) -> Option<usize> {
    inner.match_indices(']').map(|(i, _)| i).find(|&i| {
        let after = inner.get(i + 1..).unwrap_or("");
        after.is_empty() || after.starts_with('.') || after.starts_with('[')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Mark {
        Mark {
            index: line * 10,
            line,
            column: 0,
        }
    }

    fn entry(key: &str, line: usize, children: Children) -> (String, PosNode) {
        let mut n = PosNode::leaf(at(line), at(line));
        n.key = Some((at(line), at(line)));
        n.children = children;
        (key.to_string(), n)
    }

    fn sample() -> PosNode {
        let labels = Children::Map(vec![
            entry("app", 4, Children::Leaf),
            entry("app.kubernetes.io/name", 5, Children::Leaf),
        ]);
        let containers = Children::Seq(vec![PosNode {
            key: None,
            start: at(8),
            end: at(9),
            children: Children::Map(vec![entry("image", 9, Children::Leaf)]),
        }]);
        let spec = Children::Map(vec![entry("containers", 7, containers)]);
        let metadata = Children::Map(vec![entry("labels", 3, labels)]);
        let mut root = PosNode::leaf(at(0), at(9));
        root.children = Children::Map(vec![
            entry("metadata", 2, metadata),
            entry("spec", 6, spec),
            entry("metadata.x", 1, Children::Leaf),
        ]);
        root
    }

    #[test]
    fn finds_fields_indices_and_keys() {
        let root = sample();
        let cases: &[(&str, usize, bool)] = &[
            ("", 0, true),
            ("metadata", 2, true),
            ("metadata.labels", 3, true),
            ("metadata.labels[app]", 4, true),
            ("metadata.labels.app", 4, true),
            ("metadata.labels[app.kubernetes.io/name]", 5, true),
            ("metadata.labels.app.kubernetes.io/name", 5, true),
            ("spec.containers[0].image", 9, true),
            ("spec.containers[0]", 8, true),
            ("spec.containers[1].image", 7, false),
            ("spec.selector", 6, false),
            ("spec.containers[0].image.extra", 9, false),
            ("metadata.x", 1, true),
            ("status", 0, false),
        ];
        for (path, line, found) in cases {
            let (node, ok) = lookup(&root, path);
            let got = node.key.map_or(node.start.line, |k| k.0.line);
            assert_eq!((got, ok), (*line, *found), "path {path:?}");
        }
    }
}
