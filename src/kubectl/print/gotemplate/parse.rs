//! The parser of Go's text/template (text/template/parse/parse.go): the template body, its
//! control structures and `define`/`block` definitions. Expressions are in `parse_expr`.

use super::lex::{Item, Kind, Lexer};
use super::node::{Branch, Node, Pipe};
use std::collections::BTreeMap;

/// The name kubectl gives its template (`template.New("output")`, printers/template.go).
pub(super) const NAME: &str = "output";

/// Go allows 10000 nested parentheses (1000 on wasm, parse.go `maxStackDepth`); the playground
/// stops nesting of parentheses and blocks at 200 so that it stays well within a browser's stack.
pub(super) const MAX_DEPTH: usize = 200;

/// A parsed template: its body and the templates it defines.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Tree {
    pub root: Vec<Node>,
    pub defines: BTreeMap<String, Vec<Node>>,
}

/// What ends an item list.
pub(super) enum Stop {
    End,
    Else,
    Node(Node),
}

pub(super) type PResult<T> = Result<T, String>;

/// The parser's state (Go's `Tree` while parsing).
pub(super) struct Parser<'s> {
    lex: Lexer<'s>,
    token: [Item; 3],
    peek_count: usize,
    pub vars: Vec<String>,
    action_line: usize,
    pub range_depth: usize,
    pub depth: usize,
    defines: BTreeMap<String, Vec<Node>>,
}

fn eof_item() -> Item {
    Item {
        kind: Kind::Eof,
        pos: 0,
        val: String::new(),
        line: 1,
    }
}

/// Parses a template; the error reads like Go's (`template: output:1: …`).
pub(super) fn parse(text: &str) -> PResult<Tree> {
    let mut p = Parser {
        lex: Lexer::new(text),
        token: [eof_item(), eof_item(), eof_item()],
        peek_count: 0,
        vars: vec!["$".to_string()],
        action_line: 0,
        range_depth: 0,
        depth: 0,
        defines: BTreeMap::new(),
    };
    let root = p.parse_root()?;
    p.add(NAME, root)?;
    let root = p.defines.get(NAME).cloned().unwrap_or_default();
    Ok(Tree {
        root,
        defines: p.defines,
    })
}

/// Whether a body holds nothing but space (parse.go, `IsEmptyTree`).
fn is_empty(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .all(|n| matches!(n, Node::Text(t) if t.trim_matches([' ', '\t', '\n', '\r', '\u{b}', '\u{c}']).is_empty()))
}

impl Parser<'_> {
    pub fn next(&mut self) -> Item {
        if self.peek_count > 0 {
            self.peek_count -= 1;
        } else {
            self.token[0] = self.lex.next_item();
        }
        self.token
            .get(self.peek_count)
            .cloned()
            .unwrap_or_else(eof_item)
    }

    pub fn backup(&mut self) {
        self.peek_count += 1;
    }

    pub fn backup2(&mut self, t1: Item) {
        self.token[1] = t1;
        self.peek_count = 2;
    }

    pub fn backup3(&mut self, t2: Item, t1: Item) {
        self.token[1] = t1;
        self.token[2] = t2;
        self.peek_count = 3;
    }

    pub fn peek(&mut self) -> Item {
        if self.peek_count > 0 {
            return self
                .token
                .get(self.peek_count - 1)
                .cloned()
                .unwrap_or_else(eof_item);
        }
        self.peek_count = 1;
        self.token[0] = self.lex.next_item();
        self.token[0].clone()
    }

    pub fn next_non_space(&mut self) -> Item {
        loop {
            let t = self.next();
            if t.kind != Kind::Space {
                return t;
            }
        }
    }

    pub fn peek_non_space(&mut self) -> Item {
        let t = self.next_non_space();
        self.backup();
        t
    }

    /// An error at the line of the last token read (parse.go, `errorf`).
    pub fn errorf<T>(&self, msg: String) -> PResult<T> {
        Err(format!("template: {NAME}:{}: {msg}", self.token[0].line))
    }

    pub fn expect(&mut self, kind: Kind, context: &str) -> PResult<Item> {
        let t = self.next_non_space();
        if t.kind != kind {
            return self.unexpected(&t, context);
        }
        Ok(t)
    }

    pub fn unexpected<T>(&self, token: &Item, context: &str) -> PResult<T> {
        if token.kind == Kind::Error {
            let mut extra = String::new();
            if self.action_line != 0 && self.action_line != token.line {
                extra = format!(" in action started at {NAME}:{}", self.action_line);
                if token.val.ends_with(" action") {
                    extra = extra.replacen(" in action", "", 1);
                }
            }
            return self.errorf(format!("{}{extra}", token.val));
        }
        self.errorf(format!("unexpected {} in {context}", token.describe()))
    }

    fn add(&mut self, name: &str, body: Vec<Node>) -> PResult<()> {
        match self.defines.get(name) {
            Some(old) if !is_empty(old) => {
                if !is_empty(&body) {
                    return self.errorf(format!(
                        "template: multiple definition of template {}",
                        crate::gofmt::quote::quote(name)
                    ));
                }
            }
            _ => {
                self.defines.insert(name.to_string(), body);
            }
        }
        Ok(())
    }

    fn parse_root(&mut self) -> PResult<Vec<Node>> {
        let mut root = Vec::new();
        while self.peek().kind != Kind::Eof {
            if self.peek().kind == Kind::LeftDelim {
                let delim = self.next();
                if self.next_non_space().kind == Kind::Define {
                    self.parse_definition()?;
                    continue;
                }
                self.backup2(delim);
            }
            match self.text_or_action()? {
                Stop::End => return self.errorf("unexpected {{end}}".to_string()),
                Stop::Else => return self.errorf("unexpected {{else}}".to_string()),
                Stop::Node(n) => root.push(n),
            }
        }
        Ok(root)
    }

    /// A definition keeps its own variables and range depth, as a new `Tree` would.
    fn in_definition<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let vars = std::mem::replace(&mut self.vars, vec!["$".to_string()]);
        let range_depth = std::mem::replace(&mut self.range_depth, 0);
        let out = f(self);
        self.vars = vars;
        self.range_depth = range_depth;
        out
    }

    fn parse_definition(&mut self) -> PResult<()> {
        const CONTEXT: &str = "define clause";
        let t = self.next_non_space();
        if t.kind != Kind::String && t.kind != Kind::RawString {
            return self.unexpected(&t, CONTEXT);
        }
        let name = match super::literal::unquote(&t.val) {
            Ok(n) => n,
            Err(e) => return self.errorf(e),
        };
        self.expect(Kind::RightDelim, CONTEXT)?;
        let body = self.in_definition(|p| match p.item_list()? {
            (list, Stop::End) => Ok(list),
            (_, _) => p.errorf(format!("unexpected {{{{else}}}} in {CONTEXT}")),
        })?;
        self.add(&name, body)
    }

    /// `textOrAction*` up to `{{end}}` or `{{else}}`.
    pub fn item_list(&mut self) -> PResult<(Vec<Node>, Stop)> {
        let mut list = Vec::new();
        while self.peek_non_space().kind != Kind::Eof {
            match self.text_or_action()? {
                Stop::Node(n) => list.push(n),
                stop => return Ok((list, stop)),
            }
        }
        self.errorf("unexpected EOF".to_string())
    }

    fn text_or_action(&mut self) -> PResult<Stop> {
        let t = self.next_non_space();
        match t.kind {
            Kind::Text => Ok(Stop::Node(Node::Text(t.val))),
            Kind::LeftDelim => {
                self.action_line = t.line;
                let out = self.action();
                self.action_line = 0;
                out
            }
            _ => self.unexpected(&t, "input"),
        }
    }

    fn action(&mut self) -> PResult<Stop> {
        let t = self.next_non_space();
        let node = match t.kind {
            Kind::Block => self.block_control()?,
            Kind::Break | Kind::Continue => self.loop_control(&t)?,
            Kind::Else => return self.else_control(),
            Kind::End => {
                self.expect(Kind::RightDelim, "end")?;
                return Ok(Stop::End);
            }
            Kind::If => Node::If(self.parse_control("if")?),
            Kind::Range => Node::Range(self.parse_control("range")?),
            Kind::Template => self.template_control()?,
            Kind::With => Node::With(self.parse_control("with")?),
            _ => {
                self.backup();
                Node::Action(self.pipeline("command", Kind::RightDelim)?)
            }
        };
        Ok(Stop::Node(node))
    }

    fn loop_control(&mut self, keyword: &Item) -> PResult<Node> {
        let context = format!("{{{{{}}}}}", keyword.val);
        let t = self.next_non_space();
        if t.kind != Kind::RightDelim {
            return self.unexpected(&t, &context);
        }
        if self.range_depth == 0 {
            return self.errorf(format!("{context} outside {{{{range}}}}"));
        }
        Ok(if keyword.kind == Kind::Break {
            Node::Break { pos: keyword.pos }
        } else {
            Node::Continue { pos: keyword.pos }
        })
    }

    fn else_control(&mut self) -> PResult<Stop> {
        // `{{else if …}}` and `{{else with …}}` leave the keyword for parse_control.
        let peek = self.peek_non_space();
        if peek.kind == Kind::If || peek.kind == Kind::With {
            return Ok(Stop::Else);
        }
        self.expect(Kind::RightDelim, "else")?;
        Ok(Stop::Else)
    }

    fn parse_control(&mut self, context: &str) -> PResult<Branch> {
        let vars = self.vars.len();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.errorf("max expression depth exceeded".to_string());
        }
        let out = self.parse_control_body(context);
        self.depth -= 1;
        self.vars.truncate(vars);
        out
    }

    fn parse_control_body(&mut self, context: &str) -> PResult<Branch> {
        let pipe = self.pipeline(context, Kind::RightDelim)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let (list, stop) = self.item_list()?;
        if context == "range" {
            self.range_depth -= 1;
        }
        let else_list = match stop {
            Stop::Else if context == "if" && self.peek().kind == Kind::If => {
                self.next();
                Some(vec![Node::If(self.parse_control("if")?)])
            }
            Stop::Else if context == "with" && self.peek().kind == Kind::With => {
                self.next();
                Some(vec![Node::With(self.parse_control("with")?)])
            }
            Stop::Else => match self.item_list()? {
                (l, Stop::End) => Some(l),
                (_, Stop::Else) => return self.errorf("expected end; found {{else}}".to_string()),
                (_, Stop::Node(n)) => return self.errorf(format!("expected end; found {n}")),
            },
            _ => None,
        };
        Ok(Branch {
            pipe,
            list,
            else_list,
        })
    }

    fn template_name(&mut self, t: &Item, context: &str) -> PResult<String> {
        if t.kind != Kind::String && t.kind != Kind::RawString {
            return self.unexpected(t, context);
        }
        match super::literal::unquote(&t.val) {
            Ok(n) => Ok(n),
            Err(e) => self.errorf(e),
        }
    }

    fn template_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "template clause";
        let t = self.next_non_space();
        let name = self.template_name(&t, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().kind != Kind::RightDelim {
            self.backup();
            pipe = Some(self.pipeline(CONTEXT, Kind::RightDelim)?);
        }
        Ok(Node::Template {
            pos: t.pos,
            name,
            pipe,
        })
    }

    fn block_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "block clause";
        let t = self.next_non_space();
        let name = self.template_name(&t, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, Kind::RightDelim)?;
        let body = self.in_definition(|p| match p.item_list()? {
            (list, Stop::End) => Ok(list),
            (_, _) => p.errorf(format!("unexpected {{{{else}}}} in {CONTEXT}")),
        })?;
        self.add(&name, body)?;
        Ok(Node::Template {
            pos: t.pos,
            name,
            pipe: Some(pipe),
        })
    }

    /// A bare pipeline node, for parse_expr.
    pub fn new_pipe(&self, pos: usize) -> Pipe {
        Pipe {
            pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        }
    }
}
