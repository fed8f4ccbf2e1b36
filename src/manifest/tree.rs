//! From libyaml events to a node tree, the way go-yaml's parser builds its nodes.
//!
//! Only the first document of a chunk is read, as `yaml.Unmarshal` does; anything after its
//! end is never looked at (and so cannot fail). Anchors are recorded when their node starts,
//! so a later `&name` replaces an earlier one for the aliases that follow it.

use super::escapes;
use super::libyaml::{Event, EventKind, EventParser, Mark, Stage, SyntaxError};
use std::collections::BTreeMap;

/// Deepest nesting accepted. go-yaml stops at 10000; the playground stops earlier so that
/// building and dropping values never risks the browser's stack.
pub(crate) const MAX_DEPTH: usize = 256;

/// A node of one document.
#[derive(Debug)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub tag: Option<String>,
    pub start: Mark,
    pub end: Mark,
}

/// What a node holds; children are indices into [`Tree::nodes`].
#[derive(Debug)]
pub(crate) enum NodeKind {
    Scalar {
        value: String,
        /// libyaml's `plain_implicit`: plain and untagged (or tagged `!`).
        implicit: bool,
    },
    Seq(Vec<usize>),
    Map(Vec<(usize, usize)>),
    Alias {
        name: String,
        target: usize,
    },
}

/// The nodes of one document; the root is `nodes[root]`.
#[derive(Debug)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    pub root: usize,
}

/// Why a chunk has no tree.
#[derive(Debug)]
pub(crate) enum TreeError {
    /// libyaml rejected the text.
    Syntax(SyntaxError),
    /// go-yaml's parser rejected it (`unknown anchor …`); the message lacks the `yaml: ` prefix.
    Failed { message: String, at: Mark },
}

struct Frame {
    node: usize,
    key: Option<usize>,
    flow: bool,
}

/// Reads the first document of `input`; `Ok(None)` when there is none (only comments).
/// `repaired` lists the offsets of `\'` escapes rewritten by [`super::escapes`].
pub(crate) fn build(input: &[u8], repaired: &[usize]) -> Result<Option<Tree>, TreeError> {
    // go-yaml parses a lone newline when it is given nothing.
    let input = if input.is_empty() { &b"\n"[..] } else { input };
    let bom = if input.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let Some(mut parser) = EventParser::new(input) else {
        return Err(TreeError::Failed {
            message: "failed to initialize YAML parser".to_string(),
            at: Mark::default(),
        });
    };
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: BTreeMap<String, usize> = BTreeMap::new();
    let mut root = None;
    let mut last_end = Mark::default();
    loop {
        let Event { kind, start, end } = parser.next_event().map_err(TreeError::Syntax)?;
        let (node, anchor, opens) = match kind {
            EventKind::StreamStart | EventKind::DocumentStart => continue,
            EventKind::StreamEnd | EventKind::DocumentEnd => break,
            EventKind::Scalar {
                anchor,
                tag,
                mut value,
                plain_implicit,
                double_quoted,
            } => {
                if double_quoted {
                    escapes::fix_scalar(input, start, bom, end.index + bom, repaired, &mut value)
                        .map_err(TreeError::Syntax)?;
                }
                last_end = end;
                let kind = NodeKind::Scalar {
                    value,
                    implicit: plain_implicit,
                };
                (
                    Node {
                        kind,
                        tag,
                        start,
                        end,
                    },
                    anchor,
                    None,
                )
            }
            EventKind::Alias(name) => {
                let Some(&target) = anchors.get(&name) else {
                    return Err(TreeError::Failed {
                        message: format!("unknown anchor '{name}' referenced"),
                        at: start,
                    });
                };
                last_end = end;
                let kind = NodeKind::Alias { name, target };
                (
                    Node {
                        kind,
                        tag: None,
                        start,
                        end,
                    },
                    None,
                    None,
                )
            }
            EventKind::SequenceStart { anchor, tag, flow } => {
                let kind = NodeKind::Seq(Vec::new());
                (
                    Node {
                        kind,
                        tag,
                        start,
                        end,
                    },
                    anchor,
                    Some(flow),
                )
            }
            EventKind::MappingStart { anchor, tag, flow } => {
                let kind = NodeKind::Map(Vec::new());
                (
                    Node {
                        kind,
                        tag,
                        start,
                        end,
                    },
                    anchor,
                    Some(flow),
                )
            }
            EventKind::SequenceEnd | EventKind::MappingEnd => {
                let Some(frame) = stack.pop() else { break };
                if let Some(n) = nodes.get_mut(frame.node) {
                    // A flow collection ends at its bracket; a block one at its last content.
                    n.end = if frame.flow { end } else { last_end };
                    last_end = n.end;
                }
                if stack.is_empty() {
                    root = Some(frame.node);
                }
                continue;
            }
        };
        let index = nodes.len();
        nodes.push(node);
        if let Some(name) = anchor {
            anchors.insert(name, index);
        }
        attach(&mut nodes, &mut stack, index);
        if let Some(flow) = opens {
            if stack.len() >= MAX_DEPTH {
                return Err(TreeError::Syntax(SyntaxError {
                    stage: Stage::Scanner,
                    problem: format!("exceeded max depth of {MAX_DEPTH}"),
                    problem_mark: start,
                    problem_offset: start.index,
                    context: String::new(),
                    context_mark: start,
                }));
            }
            stack.push(Frame {
                node: index,
                key: None,
                flow,
            });
        } else if stack.is_empty() {
            root = Some(index);
        }
    }
    Ok(root.map(|root| Tree { nodes, root }))
}

/// Adds a finished or newly opened node to the collection on top of the stack.
fn attach(nodes: &mut [Node], stack: &mut [Frame], child: usize) {
    let Some(frame) = stack.last_mut() else {
        return;
    };
    let Some(parent) = nodes.get_mut(frame.node) else {
        return;
    };
    match &mut parent.kind {
        NodeKind::Seq(items) => items.push(child),
        NodeKind::Map(pairs) => match frame.key.take() {
            Some(key) => pairs.push((key, child)),
            None => frame.key = Some(child),
        },
        NodeKind::Scalar { .. } | NodeKind::Alias { .. } => {}
    }
}
