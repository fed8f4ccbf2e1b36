//! Running a parsed template over an object (text/template/exec.go, the walk functions):
//! text, actions, `if`/`with`/`range` with `else`, `break`/`continue` and `template`.

use super::node::{At, Branch, Node, Pipe};
use super::parse::{NAME, Tree};
use super::value::{V, Val};
use serde_json::Value;
use std::borrow::Cow;

/// Go stops at 100000 nested template calls (1000 on wasm, exec.go `maxExecDepth`); the
/// playground stops at 100 so that recursion stays within a browser's stack.
pub(super) const MAX_EXEC_DEPTH: usize = 100;

/// Go has no such bound; the playground stops a template after this many steps, or once it has
/// written this much, so that a runaway `range` cannot hang the page.
const MAX_STEPS: usize = 5_000_000;
/// Blocks and template calls nested at run time, across templates (the parser bounds each body).
const MAX_NESTING: usize = 200;
const MAX_OUTPUT: usize = 32 << 20;

/// Why a walk stopped early.
#[derive(Debug)]
pub(super) enum Flow {
    Err(String),
    Break,
    Continue,
}

pub(super) type R<T> = Result<T, Flow>;

/// The state of one execution (exec.go, `state`).
pub(super) struct State<'t, 'a> {
    pub tree: &'t Tree,
    pub text: &'t str,
    pub out: String,
    pub vars: Vec<(String, Val<'a>)>,
    pub at: Option<At<'t>>,
    pub name: String,
    pub missing_error: bool,
    depth: usize,
    nesting: usize,
    steps: usize,
}

impl<'t, 'a> State<'t, 'a> {
    pub fn new(tree: &'t Tree, text: &'t str, data: &'a Value, missing_error: bool) -> Self {
        State {
            tree,
            text,
            out: String::new(),
            vars: vec![("$".to_string(), Val::root(data))],
            at: None,
            name: NAME.to_string(),
            missing_error,
            depth: 0,
            nesting: 0,
            steps: 0,
        }
    }

    pub fn at(&mut self, at: At<'t>) {
        self.at = Some(at);
    }

    /// An execution error with Go's location and context (exec.go, `errorf`).
    pub fn errorf<T>(&self, msg: impl Into<String>) -> R<T> {
        let msg = msg.into();
        let name = crate::gofmt::quote::quote(&self.name);
        let Some(at) = self.at else {
            return Err(Flow::Err(format!("template: {}: {msg}", self.name)));
        };
        let pos = at.pos().min(self.text.len());
        let before = self.text.get(..pos).unwrap_or("");
        let col = before.rfind('\n').map_or(pos, |nl| pos - nl - 1);
        let line = 1 + before.matches('\n').count();
        Err(Flow::Err(format!(
            "template: {NAME}:{line}:{col}: executing {name} at <{at}>: {msg}"
        )))
    }

    fn step(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS || self.out.len() > MAX_OUTPUT {
            return Err(Flow::Err(format!(
                "template: {NAME}: the playground stops a template after {MAX_STEPS} steps or {} MiB of output",
                MAX_OUTPUT >> 20
            )));
        }
        Ok(())
    }

    pub fn walk_list(&mut self, dot: &Val<'a>, nodes: &'t [Node]) -> R<()> {
        nodes.iter().try_for_each(|n| self.walk(dot, n))
    }

    fn walk(&mut self, dot: &Val<'a>, node: &'t Node) -> R<()> {
        self.at(At::Node(node));
        self.step()?;
        if matches!(
            node,
            Node::If(_) | Node::With(_) | Node::Range(_) | Node::Template { .. }
        ) {
            if self.nesting >= MAX_NESTING {
                return Err(Flow::Err(format!(
                    "template: {NAME}: the playground stops templates nested more than {MAX_NESTING} deep"
                )));
            }
            self.nesting += 1;
            let res = self.walk_block(dot, node);
            self.nesting -= 1;
            return res;
        }
        match node {
            Node::Text(t) => self.out.push_str(t),
            Node::Action(pipe) => {
                let v = self.eval_pipeline(dot, pipe)?;
                if pipe.decl.is_empty() {
                    let text = v.print();
                    self.out.push_str(&text);
                }
            }
            Node::Break { .. } => return Err(Flow::Break),
            Node::Continue { .. } => return Err(Flow::Continue),
            _ => {}
        }
        Ok(())
    }

    fn walk_block(&mut self, dot: &Val<'a>, node: &'t Node) -> R<()> {
        match node {
            Node::If(b) => self.walk_if_or_with(false, dot, b),
            Node::With(b) => self.walk_if_or_with(true, dot, b),
            Node::Range(b) => self.walk_range(dot, node, b),
            Node::Template { name, pipe, .. } => self.walk_template(dot, node, name, pipe.as_ref()),
            _ => Ok(()),
        }
    }

    fn walk_if_or_with(&mut self, with: bool, dot: &Val<'a>, b: &'t Branch) -> R<()> {
        let mark = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let out = if val.truth() {
            if with {
                self.walk_list(&val, &b.list)
            } else {
                self.walk_list(dot, &b.list)
            }
        } else if let Some(e) = &b.else_list {
            self.walk_list(dot, e)
        } else {
            Ok(())
        };
        self.vars.truncate(mark);
        out
    }

    /// Binds the loop variables of one iteration and walks the body; `Ok(false)` means `break`.
    fn iteration(&mut self, b: &'t Branch, mark: usize, index: Val<'a>, elem: Val<'a>) -> R<bool> {
        let decl = &b.pipe.decl;
        if let Some(first) = decl.first() {
            if b.pipe.is_assign {
                let v = if decl.len() > 1 {
                    index.clone()
                } else {
                    elem.clone()
                };
                self.set_var(first, v)?;
            } else {
                self.set_top_var(1, elem.clone());
            }
        }
        if let Some(second) = decl.get(1) {
            if b.pipe.is_assign {
                self.set_var(second, elem.clone())?;
            } else {
                self.set_top_var(2, index);
            }
        }
        let res = self.walk_list(&elem, &b.list);
        self.vars.truncate(mark);
        match res {
            Ok(()) | Err(Flow::Continue) => Ok(true),
            Err(Flow::Break) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn walk_range(&mut self, dot: &Val<'a>, node: &'t Node, b: &'t Branch) -> R<()> {
        self.at(At::Node(node));
        let outer = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let mark = self.vars.len();
        let ran = match &val.v {
            V::Int(n, ty) => {
                if b.pipe.decl.len() > 1 {
                    return self.errorf(format!(
                        "can't use {} to iterate over more than one variable",
                        val.print()
                    ));
                }
                for i in 0..(*n).max(0) {
                    if !self.iteration(b, mark, Val::invalid(), Val::plain(V::Int(i, ty)))? {
                        break;
                    }
                }
                *n > 0
            }
            V::Json(j) => self.range_json(b, mark, j)?,
            V::Invalid => false,
            _ => return self.errorf(format!("range can't iterate over {}", val.print())),
        };
        if !ran && let Some(e) = &b.else_list {
            self.walk_list(dot, e)?;
        }
        self.vars.truncate(outer);
        Ok(())
    }

    /// Ranges over a list (index, element) or a map (key, element) in sorted key order.
    // The Cow tells borrowed data, whose elements keep its lifetime, from an owned slice.
    #[allow(clippy::ptr_arg)]
    fn range_json(&mut self, b: &'t Branch, mark: usize, j: &Cow<'a, Value>) -> R<bool> {
        let pairs: Vec<(Val<'a>, Val<'a>)> = match j {
            Cow::Borrowed(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, e)| (Val::int(i64::try_from(i).unwrap_or(0)), Val::elem(e)))
                .collect(),
            Cow::Borrowed(Value::Object(map)) => map
                .iter()
                .map(|(k, e)| (Val::string(k.as_str()), Val::elem(e)))
                .collect(),
            Cow::Owned(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    (
                        Val::int(i64::try_from(i).unwrap_or(0)),
                        Val::elem(e).clone_owned(),
                    )
                })
                .collect(),
            Cow::Owned(Value::Object(map)) => map
                .iter()
                .map(|(k, e)| (Val::string(k.clone()), Val::elem(e).clone_owned()))
                .collect(),
            _ => Vec::new(),
        };
        let ran = !pairs.is_empty();
        for (index, elem) in pairs {
            if !self.iteration(b, mark, index, elem)? {
                break;
            }
        }
        Ok(ran)
    }

    fn walk_template(
        &mut self,
        dot: &Val<'a>,
        node: &'t Node,
        name: &str,
        pipe: Option<&'t Pipe>,
    ) -> R<()> {
        self.at(At::Node(node));
        let tree = self.tree;
        let Some(body) = tree.defines.get(name) else {
            return self.errorf(format!(
                "template {} not defined",
                crate::gofmt::quote::quote(name)
            ));
        };
        if self.depth >= MAX_EXEC_DEPTH {
            return self.errorf(format!(
                "exceeded maximum template depth ({MAX_EXEC_DEPTH})"
            ));
        }
        let dot = match pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Val::invalid(),
        };
        // No dynamic scoping: the called template sees only `$`.
        let vars = std::mem::replace(&mut self.vars, vec![("$".to_string(), dot.clone())]);
        let caller = std::mem::replace(&mut self.name, name.to_string());
        self.depth += 1;
        let res = self.walk_list(&dot, body);
        self.depth -= 1;
        self.vars = vars;
        self.name = caller;
        res
    }

    pub fn set_var(&mut self, name: &str, v: Val<'a>) -> R<()> {
        match self.vars.iter_mut().rev().find(|(n, _)| n == name) {
            Some(slot) => {
                slot.1 = v;
                Ok(())
            }
            None => self.errorf(format!("undefined variable: {name}")),
        }
    }

    fn set_top_var(&mut self, n: usize, v: Val<'a>) {
        let len = self.vars.len();
        if let Some(slot) = len.checked_sub(n).and_then(|i| self.vars.get_mut(i)) {
            slot.1 = v;
        }
    }

    pub fn var_value(&self, name: &str) -> R<Val<'a>> {
        match self.vars.iter().rev().find(|(n, _)| n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => self.errorf(format!("undefined variable: {name}")),
        }
    }
}
