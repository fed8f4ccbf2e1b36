//! The parse tree (text/template/parse/node.go) and how each node prints itself, which is what
//! execution errors show between `<` and `>`.

use std::fmt::{self, Display, Formatter};

/// A number literal with the readings Go's `NumberNode` keeps.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Number {
    pub text: String,
    pub int: Option<i64>,
    pub uint: bool,
    pub float: Option<f64>,
}

/// An operand of a command.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Arg {
    /// `.a.b`: the names without dots.
    Field {
        pos: usize,
        idents: Vec<String>,
    },
    /// `$x.a`: `$x` first.
    Variable {
        pos: usize,
        idents: Vec<String>,
    },
    /// `(pipe).a` or `fn.a`: a term followed by fields.
    Chain {
        pos: usize,
        node: Box<Arg>,
        fields: Vec<String>,
    },
    /// A function name.
    Identifier {
        pos: usize,
        name: String,
    },
    Dot {
        pos: usize,
    },
    Nil {
        pos: usize,
    },
    Bool {
        pos: usize,
        value: bool,
    },
    Number {
        pos: usize,
        num: Number,
    },
    /// A string literal: as written, and its value.
    Str {
        pos: usize,
        quoted: String,
        text: String,
    },
    /// A parenthesized pipeline.
    Pipe(Box<Pipe>),
}

/// `command ('|' command)*` with optional declarations.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Pipe {
    pub pos: usize,
    pub is_assign: bool,
    pub decl: Vec<String>,
    pub cmds: Vec<Cmd>,
}

/// Space-separated operands.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Cmd {
    pub pos: usize,
    pub args: Vec<Arg>,
}

/// `if`, `range` and `with`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Branch {
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Option<Vec<Node>>,
}

/// A node of a template body.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node {
    Text(String),
    Action(Pipe),
    If(Branch),
    Range(Branch),
    With(Branch),
    Break {
        pos: usize,
    },
    Continue {
        pos: usize,
    },
    Template {
        pos: usize,
        name: String,
        pipe: Option<Pipe>,
    },
}

/// What execution is at, for error positions and contexts (exec.go, `state.at`).
#[derive(Clone, Copy, Debug)]
pub(super) enum At<'t> {
    Node(&'t Node),
    Pipe(&'t Pipe),
    Cmd(&'t Cmd),
    Arg(&'t Arg),
}

impl Arg {
    /// The byte offset the node starts at.
    pub fn pos(&self) -> usize {
        match self {
            Arg::Field { pos, .. }
            | Arg::Variable { pos, .. }
            | Arg::Chain { pos, .. }
            | Arg::Identifier { pos, .. }
            | Arg::Dot { pos }
            | Arg::Nil { pos }
            | Arg::Bool { pos, .. }
            | Arg::Number { pos, .. }
            | Arg::Str { pos, .. } => *pos,
            Arg::Pipe(p) => p.pos,
        }
    }
}

impl At<'_> {
    /// The byte offset of the node.
    pub fn pos(&self) -> usize {
        match self {
            At::Node(Node::Action(p)) => p.pos,
            At::Pipe(p) => p.pos,
            At::Node(Node::If(b) | Node::Range(b) | Node::With(b)) => b.pipe.pos,
            At::Node(Node::Break { pos } | Node::Continue { pos } | Node::Template { pos, .. }) => {
                *pos
            }
            At::Node(Node::Text(_)) => 0,
            At::Cmd(c) => c.pos,
            At::Arg(a) => a.pos(),
        }
    }
}

impl Display for At<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            At::Node(n) => n.fmt(f),
            At::Pipe(p) => p.fmt(f),
            At::Cmd(c) => c.fmt(f),
            At::Arg(a) => a.fmt(f),
        }
    }
}

impl Display for Arg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Field { idents, .. } => write!(f, ".{}", idents.join(".")),
            Arg::Variable { idents, .. } => f.write_str(&idents.join(".")),
            Arg::Chain { node, fields, .. } => {
                match node.as_ref() {
                    Arg::Pipe(p) => write!(f, "({p})")?,
                    other => other.fmt(f)?,
                }
                for field in fields {
                    write!(f, ".{field}")?;
                }
                Ok(())
            }
            Arg::Identifier { name, .. } => f.write_str(name),
            Arg::Dot { .. } => f.write_str("."),
            Arg::Nil { .. } => f.write_str("nil"),
            Arg::Bool { value, .. } => write!(f, "{value}"),
            Arg::Number { num, .. } => f.write_str(&num.text),
            Arg::Str { quoted, .. } => f.write_str(quoted),
            Arg::Pipe(p) => p.fmt(f),
        }
    }
}

impl Display for Cmd {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match arg {
                Arg::Pipe(p) => write!(f, "({p})")?,
                other => other.fmt(f)?,
            }
        }
        Ok(())
    }
}

impl Display for Pipe {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            f.write_str(&self.decl.join(", "))?;
            f.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            c.fmt(f)?;
        }
        Ok(())
    }
}

fn list(f: &mut Formatter<'_>, nodes: &[Node]) -> fmt::Result {
    nodes.iter().try_for_each(|n| n.fmt(f))
}

fn branch(f: &mut Formatter<'_>, name: &str, b: &Branch) -> fmt::Result {
    write!(f, "{{{{{name} {}}}}}", b.pipe)?;
    list(f, &b.list)?;
    if let Some(e) = &b.else_list {
        f.write_str("{{else}}")?;
        list(f, e)?;
    }
    f.write_str("{{end}}")
}

impl Display for Node {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Node::Text(t) => f.write_str(t),
            Node::Action(p) => write!(f, "{{{{{p}}}}}"),
            Node::If(b) => branch(f, "if", b),
            Node::Range(b) => branch(f, "range", b),
            Node::With(b) => branch(f, "with", b),
            Node::Break { .. } => f.write_str("{{break}}"),
            Node::Continue { .. } => f.write_str("{{continue}}"),
            Node::Template { name, pipe, .. } => {
                let q = crate::gofmt::quote::quote(name);
                match pipe {
                    Some(p) => write!(f, "{{{{template {q} {p}}}}}"),
                    None => write!(f, "{{{{template {q}}}}}"),
                }
            }
        }
    }
}
