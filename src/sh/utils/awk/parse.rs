//! Tokens to rules and statements.

use super::lex::Tok;
use super::{Rule, Stmt};

/// The parser over a token list.
pub(super) struct P {
    pub(super) t: Vec<Tok>,
    pub(super) i: usize,
    pub(super) regexes: Vec<String>,
    pub(super) depth: usize,
}

/// Names of the built-in functions.
pub(super) const BUILTIN_FUNCS: [&str; 12] = [
    "length", "substr", "index", "split", "tolower", "toupper", "sprintf", "int", "sub", "gsub",
    "match", "sqrt",
];

impl P {
    pub(super) fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }

    pub(super) fn is(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Sym(x)) if *x == s)
    }

    pub(super) fn is_name(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(x)) if x == s)
    }

    pub(super) fn eat(&mut self, s: &str) -> bool {
        if self.is(s) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn want(&mut self, s: &str) -> Result<(), String> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    pub(super) fn syntax(&self) -> String {
        let near = match self.peek() {
            Some(Tok::Num(n)) => n.to_string(),
            Some(Tok::Str(s)) => format!("\"{s}\""),
            Some(Tok::Re(r)) => format!("/{r}/"),
            Some(Tok::Name(n)) => n.clone(),
            Some(Tok::Sym(s)) => (*s).to_string(),
            Some(Tok::Newline) | None => "end of line".into(),
        };
        format!("syntax error at or near {near}")
    }

    pub(super) fn newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) || self.is(";") {
            self.i += 1;
        }
    }

    pub(super) fn program(&mut self) -> Result<Vec<Rule>, String> {
        let mut rules = Vec::new();
        loop {
            self.newlines();
            if self.peek().is_none() {
                return Ok(rules);
            }
            if self.is_name("BEGIN") || self.is_name("END") {
                let begin = self.is_name("BEGIN");
                self.i += 1;
                let body = self.block()?;
                rules.push(if begin {
                    Rule::Begin(body)
                } else {
                    Rule::End(body)
                });
                continue;
            }
            let pattern = if self.is("{") {
                None
            } else {
                Some(self.expr()?)
            };
            let action = if self.is("{") {
                Some(self.block()?)
            } else {
                None
            };
            rules.push(Rule::Main(pattern, action));
        }
    }

    fn block(&mut self) -> Result<Vec<Stmt>, String> {
        self.want("{")?;
        let mut body = Vec::new();
        loop {
            self.newlines();
            if self.eat("}") {
                return Ok(body);
            }
            if self.peek().is_none() {
                return Err(self.syntax());
            }
            body.push(self.stmt()?);
        }
    }

    pub(super) fn simple_stmt(&mut self) -> Result<Stmt, String> {
        if self.is_name("print") || self.is_name("printf") {
            let printf = self.is_name("printf");
            self.i += 1;
            let mut args = Vec::new();
            let paren = self.is("(") && self.t.get(self.i + 1).is_some();
            let end = |p: &P| {
                p.peek().is_none()
                    || p.is(";")
                    || p.is("}")
                    || matches!(p.peek(), Some(Tok::Newline))
                    || p.is(">")
                    || p.is("|")
            };
            if !end(self) {
                if paren {
                    let save = self.i;
                    self.i += 1;
                    let mut list = vec![self.expr()?];
                    while self.eat(",") {
                        list.push(self.expr()?);
                    }
                    if self.eat(")") && end(self) {
                        args = list;
                    } else {
                        self.i = save;
                    }
                }
                if args.is_empty() {
                    args.push(self.expr_no_gt()?);
                    while self.eat(",") {
                        args.push(self.expr_no_gt()?);
                    }
                }
            }
            return Ok(if printf {
                Stmt::Printf(args)
            } else {
                Stmt::Print(args)
            });
        }
        if self.is_name("next") {
            self.i += 1;
            return Ok(Stmt::Next);
        }
        if self.is_name("exit") {
            self.i += 1;
            let e = if self.peek().is_none()
                || self.is(";")
                || self.is("}")
                || matches!(self.peek(), Some(Tok::Newline))
            {
                None
            } else {
                Some(self.expr()?)
            };
            return Ok(Stmt::Exit(e));
        }
        if self.is_name("delete") {
            self.i += 1;
            let Some(Tok::Name(arr)) = self.peek().cloned() else {
                return Err(self.syntax());
            };
            self.i += 1;
            let key = if self.eat("[") {
                let k = self.expr()?;
                self.want("]")?;
                Some(k)
            } else {
                None
            };
            return Ok(Stmt::Delete(arr, key));
        }
        Ok(Stmt::Expr(self.expr()?))
    }

    fn stmt(&mut self) -> Result<Stmt, String> {
        self.depth += 1;
        if self.depth > 100 {
            return Err("program too deeply nested".into());
        }
        let s = self.stmt_inner();
        self.depth -= 1;
        s
    }

    fn body(&mut self) -> Result<Box<Stmt>, String> {
        while matches!(self.peek(), Some(Tok::Newline)) {
            self.i += 1;
        }
        if self.eat(";") {
            return Ok(Box::new(Stmt::Block(Vec::new())));
        }
        Ok(Box::new(self.stmt()?))
    }

    fn stmt_inner(&mut self) -> Result<Stmt, String> {
        if self.is("{") {
            return Ok(Stmt::Block(self.block()?));
        }
        if self.is_name("if") {
            self.i += 1;
            self.want("(")?;
            let cond = self.expr()?;
            self.want(")")?;
            let then = self.body()?;
            let save = self.i;
            self.newlines();
            if self.is_name("else") {
                self.i += 1;
                let other = self.body()?;
                return Ok(Stmt::If(cond, then, Some(other)));
            }
            self.i = save;
            return Ok(Stmt::If(cond, then, None));
        }
        if self.is_name("while") {
            self.i += 1;
            self.want("(")?;
            let cond = self.expr()?;
            self.want(")")?;
            return Ok(Stmt::While(cond, self.body()?));
        }
        if self.is_name("for") {
            self.i += 1;
            self.want("(")?;
            if let (Some(Tok::Name(k)), Some(Tok::Name(kw)), Some(Tok::Name(arr))) = (
                self.t.get(self.i).cloned(),
                self.t.get(self.i + 1).cloned(),
                self.t.get(self.i + 2).cloned(),
            ) && kw == "in"
                && matches!(self.t.get(self.i + 3), Some(Tok::Sym(")")))
            {
                self.i += 4;
                return Ok(Stmt::ForIn(k, arr, self.body()?));
            }
            let init = if self.is(";") {
                None
            } else {
                Some(Box::new(self.simple_stmt()?))
            };
            self.want(";")?;
            let cond = if self.is(";") {
                None
            } else {
                Some(self.expr()?)
            };
            self.want(";")?;
            let step = if self.is(")") {
                None
            } else {
                Some(Box::new(self.simple_stmt()?))
            };
            self.want(")")?;
            return Ok(Stmt::For(init, cond, step, self.body()?));
        }
        self.simple_stmt()
    }
}
