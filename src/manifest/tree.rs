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
    let mut b = Builder {
        input,
        bom,
        repaired,
        nodes: Vec::new(),
        stack: Vec::new(),
        anchors: BTreeMap::new(),
        root: None,
        last_end: Mark::default(),
    };
    loop {
        let Event { kind, start, end } = parser.next_event().map_err(TreeError::Syntax)?;
        match b.step(kind, start, end)? {
            Step::Skip => {}
            Step::Stop => break,
            Step::Close(end) => {
                if !b.close(end) {
                    break;
                }
            }
            Step::Add(node, anchor, opens) => b.add(node, anchor, opens, start)?,
        }
    }
    Ok(b.root.map(|root| Tree {
        nodes: b.nodes,
        root,
    }))
}

/// What one parser event does to the tree being built.
enum Step {
    /// Nothing: a stream or document starts.
    Skip,
    /// The document ended.
    Stop,
    /// A node to add, its anchor, and whether it opens a collection (in flow style or not).
    Add(Node, Option<String>, Option<bool>),
    /// The innermost open collection ends at this event's end.
    Close(Mark),
}

/// The tree under construction: its nodes, the open collections and the anchors seen so far.
struct Builder<'a> {
    input: &'a [u8],
    bom: usize,
    repaired: &'a [usize],
    nodes: Vec<Node>,
    stack: Vec<Frame>,
    anchors: BTreeMap<String, usize>,
    root: Option<usize>,
    last_end: Mark,
}

impl Builder<'_> {
    /// Turns one parser event into a step; scalars get their escapes fixed, aliases resolved.
    fn step(&mut self, kind: EventKind, start: Mark, end: Mark) -> Result<Step, TreeError> {
        let node = |kind, tag| Node {
            kind,
            tag,
            start,
            end,
        };
        Ok(match kind {
            EventKind::StreamStart | EventKind::DocumentStart => Step::Skip,
            EventKind::StreamEnd | EventKind::DocumentEnd => Step::Stop,
            EventKind::Scalar {
                anchor,
                tag,
                mut value,
                plain_implicit,
                double_quoted,
            } => {
                if double_quoted {
                    let (input, bom) = (self.input, self.bom);
                    escapes::fix_scalar(
                        input,
                        start,
                        bom,
                        end.index + bom,
                        self.repaired,
                        &mut value,
                    )
                    .map_err(TreeError::Syntax)?;
                }
                self.last_end = end;
                let kind = NodeKind::Scalar {
                    value,
                    implicit: plain_implicit,
                };
                Step::Add(node(kind, tag), anchor, None)
            }
            EventKind::Alias(name) => {
                let Some(&target) = self.anchors.get(&name) else {
                    return Err(TreeError::Failed {
                        message: format!("unknown anchor '{name}' referenced"),
                        at: start,
                    });
                };
                self.last_end = end;
                Step::Add(node(NodeKind::Alias { name, target }, None), None, None)
            }
            EventKind::SequenceStart { anchor, tag, flow } => {
                Step::Add(node(NodeKind::Seq(Vec::new()), tag), anchor, Some(flow))
            }
            EventKind::MappingStart { anchor, tag, flow } => {
                Step::Add(node(NodeKind::Map(Vec::new()), tag), anchor, Some(flow))
            }
            EventKind::SequenceEnd | EventKind::MappingEnd => Step::Close(end),
        })
    }

    /// Closes the innermost collection; false when none is open.
    fn close(&mut self, end: Mark) -> bool {
        let Some(frame) = self.stack.pop() else {
            return false;
        };
        if let Some(n) = self.nodes.get_mut(frame.node) {
            // A flow collection ends at its bracket; a block one at its last content.
            n.end = if frame.flow { end } else { self.last_end };
            self.last_end = n.end;
        }
        if self.stack.is_empty() {
            self.root = Some(frame.node);
        }
        true
    }

    /// Adds a node under the innermost open collection, and opens it if it is one.
    fn add(
        &mut self,
        node: Node,
        anchor: Option<String>,
        opens: Option<bool>,
        start: Mark,
    ) -> Result<(), TreeError> {
        let index = self.nodes.len();
        self.nodes.push(node);
        if let Some(name) = anchor {
            self.anchors.insert(name, index);
        }
        attach(&mut self.nodes, &mut self.stack, index);
        if let Some(flow) = opens {
            if self.stack.len() >= MAX_DEPTH {
                return Err(TreeError::Syntax(SyntaxError {
                    stage: Stage::Scanner,
                    problem: format!("exceeded max depth of {MAX_DEPTH}"),
                    problem_mark: start,
                    problem_offset: start.index,
                    context: String::new(),
                    context_mark: start,
                }));
            }
            self.stack.push(Frame {
                node: index,
                key: None,
                flow,
            });
        } else if self.stack.is_empty() {
            self.root = Some(index);
        }
        Ok(())
    }
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
