//! `awk` programs as one-liners use them: patterns, `BEGIN`/`END`, fields, `NR`/`NF`/`FS`/`OFS`,
//! print and printf, variables and arrays, control flow and the common string functions.
//! This file reads the program; `awk_eval.rs` runs it.

use super::awk_eval::Machine;
use super::regex::Regex;
use super::{inputs, opts};
use crate::shell::interp::{Files, Proc, Tools};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Num(f64),
    Str(String),
    Re(String),
    Name(String),
    Sym(&'static str),
    Newline,
}

const SYMS: [&str; 40] = [
    "+=", "-=", "*=", "/=", "%=", "^=", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "!~", "{",
    "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", "<", ">", "~", "?", ":",
    "=", "$", "|", "&", ".",
];

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = src.chars().collect();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while let Some(&ch) = c.get(i) {
        let operand_before = matches!(
            out.last(),
            Some(
                Tok::Num(_) | Tok::Str(_) | Tok::Name(_) | Tok::Sym(")" | "]" | "$" | "++" | "--")
            )
        );
        if ch == ' ' || ch == '\t' || ch == '\r' {
            i += 1;
        } else if ch == '\\' && c.get(i + 1) == Some(&'\n') {
            i += 2;
        } else if ch == '\n' {
            out.push(Tok::Newline);
            i += 1;
        } else if ch == '#' {
            while c.get(i).is_some_and(|x| *x != '\n') {
                i += 1;
            }
        } else if ch.is_ascii_digit()
            || (ch == '.' && c.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            while c.get(i).is_some_and(|x| x.is_ascii_digit() || *x == '.') {
                i += 1;
            }
            if matches!(c.get(i), Some('e' | 'E'))
                && c.get(i + 1)
                    .is_some_and(|x| x.is_ascii_digit() || *x == '-' || *x == '+')
            {
                i += 2;
                while c.get(i).is_some_and(char::is_ascii_digit) {
                    i += 1;
                }
            }
            let s: String = c.get(start..i).unwrap_or(&[]).iter().collect();
            out.push(Tok::Num(s.parse().unwrap_or(0.0)));
        } else if ch.is_ascii_alphabetic() || ch == '_' {
            let start = i;
            while c
                .get(i)
                .is_some_and(|x| x.is_ascii_alphanumeric() || *x == '_')
            {
                i += 1;
            }
            out.push(Tok::Name(c.get(start..i).unwrap_or(&[]).iter().collect()));
        } else if ch == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&x) = c.get(i) else {
                    return Err("runaway string constant".into());
                };
                i += 1;
                match x {
                    '"' => break,
                    '\\' => {
                        let n = c.get(i).copied().unwrap_or('\\');
                        i += 1;
                        match n {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            'r' => s.push('\r'),
                            '"' | '\\' | '/' => s.push(n),
                            other => {
                                s.push('\\');
                                s.push(other);
                            }
                        }
                    }
                    other => s.push(other),
                }
            }
            out.push(Tok::Str(s));
        } else if ch == '/' && !operand_before {
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&x) = c.get(i) else {
                    return Err("runaway regular expression".into());
                };
                i += 1;
                match x {
                    '/' => break,
                    '\\' if c.get(i) == Some(&'/') => {
                        s.push('/');
                        i += 1;
                    }
                    '\\' => {
                        s.push('\\');
                        if let Some(&n) = c.get(i) {
                            s.push(n);
                            i += 1;
                        }
                    }
                    other => s.push(other),
                }
            }
            out.push(Tok::Re(s));
        } else {
            let sym = SYMS
                .iter()
                .find(|s| {
                    s.chars()
                        .enumerate()
                        .all(|(k, sc)| c.get(i + k) == Some(&sc))
                })
                .ok_or_else(|| {
                    format!("syntax error at source line 1: unexpected character '{ch}'")
                })?;
            i += sym.len();
            out.push(Tok::Sym(sym));
        }
    }
    Ok(out)
}

/// Expressions.
#[derive(Debug, Clone)]
pub(super) enum Expr {
    Num(f64),
    Str(String),
    Re(usize),
    Var(String),
    Field(Box<Expr>),
    Index(String, Box<Expr>),
    Assign(Box<Expr>, &'static str, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Match(bool, Box<Expr>, Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    Incr(bool, f64, Box<Expr>),
    In(Box<Expr>, String),
}

/// Statements.
#[derive(Debug, Clone)]
pub(super) enum Stmt {
    Print(Vec<Expr>),
    Printf(Vec<Expr>),
    Expr(Expr),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    For(
        Option<Box<Stmt>>,
        Option<Expr>,
        Option<Box<Stmt>>,
        Box<Stmt>,
    ),
    ForIn(String, String, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
    Delete(String, Option<Expr>),
}

/// A pattern-action pair.
#[derive(Debug, Clone)]
pub(super) enum Rule {
    Begin(Vec<Stmt>),
    End(Vec<Stmt>),
    Main(Option<Expr>, Option<Vec<Stmt>>),
}

struct P {
    t: Vec<Tok>,
    i: usize,
    regexes: Vec<String>,
    depth: usize,
}

const BUILTIN_FUNCS: [&str; 12] = [
    "length", "substr", "index", "split", "tolower", "toupper", "sprintf", "int", "sub", "gsub",
    "match", "sqrt",
];

impl P {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }

    fn is(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Sym(x)) if *x == s)
    }

    fn is_name(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(x)) if x == s)
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.is(s) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn want(&mut self, s: &str) -> Result<(), String> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn syntax(&self) -> String {
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

    fn newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) || self.is(";") {
            self.i += 1;
        }
    }

    fn program(&mut self) -> Result<Vec<Rule>, String> {
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

    fn simple_stmt(&mut self) -> Result<Stmt, String> {
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

    fn expr(&mut self) -> Result<Expr, String> {
        self.ternary(true)
    }

    fn expr_no_gt(&mut self) -> Result<Expr, String> {
        self.ternary(false)
    }

    fn ternary(&mut self, gt: bool) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err("expression too deeply nested".into());
        }
        let cond = self.or(gt)?;
        let e = if self.eat("?") {
            let a = self.ternary(gt)?;
            self.want(":")?;
            let b = self.ternary(gt)?;
            Expr::Cond(Box::new(cond), Box::new(a), Box::new(b))
        } else if let Some(Tok::Sym(op @ ("=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^="))) =
            self.peek().cloned()
        {
            if !matches!(cond, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
                return Err(self.syntax());
            }
            self.i += 1;
            let v = self.ternary(gt)?;
            Expr::Assign(Box::new(cond), op, Box::new(v))
        } else {
            cond
        };
        self.depth -= 1;
        Ok(e)
    }

    fn or(&mut self, gt: bool) -> Result<Expr, String> {
        let mut l = self.and(gt)?;
        while self.eat("||") {
            let r = self.and(gt)?;
            l = Expr::Bin("||", Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn and(&mut self, gt: bool) -> Result<Expr, String> {
        let mut l = self.in_expr(gt)?;
        while self.eat("&&") {
            let r = self.in_expr(gt)?;
            l = Expr::Bin("&&", Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn in_expr(&mut self, gt: bool) -> Result<Expr, String> {
        let l = self.matching(gt)?;
        if self.is_name("in")
            && let Some(Tok::Name(arr)) = self.t.get(self.i + 1).cloned()
        {
            self.i += 2;
            return Ok(Expr::In(Box::new(l), arr));
        }
        Ok(l)
    }

    fn matching(&mut self, gt: bool) -> Result<Expr, String> {
        let mut l = self.compare(gt)?;
        while self.is("~") || self.is("!~") {
            let neg = self.is("!~");
            self.i += 1;
            let r = self.compare(gt)?;
            l = Expr::Match(neg, Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn compare(&mut self, gt: bool) -> Result<Expr, String> {
        let l = self.concat(gt)?;
        for op in ["<", "<=", "==", "!=", ">=", ">"] {
            if (op == ">" || op == ">=") && !gt {
                continue;
            }
            if self.eat(op) {
                let r = self.concat(gt)?;
                return Ok(Expr::Bin(op, Box::new(l), Box::new(r)));
            }
        }
        Ok(l)
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Some(Tok::Num(_) | Tok::Str(_) | Tok::Re(_)) => true,
            Some(Tok::Name(n)) => n != "in" && n != "getline",
            Some(Tok::Sym(s)) => matches!(*s, "$" | "(" | "!" | "-" | "+" | "++" | "--"),
            _ => false,
        }
    }

    fn concat(&mut self, gt: bool) -> Result<Expr, String> {
        let mut l = self.additive()?;
        while self.starts_operand() && !self.is("-") && !self.is("+") && !self.is("!") {
            let r = self.additive()?;
            l = Expr::Concat(Box::new(l), Box::new(r));
        }
        let _ = gt;
        Ok(l)
    }

    fn additive(&mut self) -> Result<Expr, String> {
        let mut l = self.mul()?;
        while let Some(Tok::Sym(op @ ("+" | "-"))) = self.peek().cloned() {
            self.i += 1;
            let r = self.mul()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn mul(&mut self) -> Result<Expr, String> {
        let mut l = self.unary()?;
        while let Some(Tok::Sym(op @ ("*" | "/" | "%"))) = self.peek().cloned() {
            self.i += 1;
            let r = self.unary()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err("expression too deeply nested".into());
        }
        let e = if self.eat("!") {
            Expr::Not(Box::new(self.unary()?))
        } else if self.eat("-") {
            Expr::Neg(Box::new(self.unary()?))
        } else if self.eat("+") {
            Expr::Bin("+", Box::new(Expr::Num(0.0)), Box::new(self.unary()?))
        } else {
            self.power()?
        };
        self.depth -= 1;
        Ok(e)
    }

    fn power(&mut self) -> Result<Expr, String> {
        let base = self.postfix()?;
        if self.eat("^") {
            let exp = self.unary()?;
            return Ok(Expr::Bin("^", Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> Result<Expr, String> {
        if self.is("++") || self.is("--") {
            let d = if self.is("++") { 1.0 } else { -1.0 };
            self.i += 1;
            let target = self.primary()?;
            return Ok(Expr::Incr(true, d, Box::new(target)));
        }
        let e = self.primary()?;
        if matches!(e, Expr::Var(_) | Expr::Field(_) | Expr::Index(..))
            && (self.is("++") || self.is("--"))
        {
            let d = if self.is("++") { 1.0 } else { -1.0 };
            self.i += 1;
            return Ok(Expr::Incr(false, d, Box::new(e)));
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.syntax());
        };
        self.i += 1;
        match tok {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Re(r) => {
                self.regexes.push(r);
                Ok(Expr::Re(self.regexes.len() - 1))
            }
            Tok::Sym("$") => {
                let e = self.postfix_field()?;
                Ok(Expr::Field(Box::new(e)))
            }
            Tok::Sym("(") => {
                let e = self.expr()?;
                self.want(")")?;
                Ok(e)
            }
            Tok::Name(n) if BUILTIN_FUNCS.contains(&n.as_str()) => {
                let mut args = Vec::new();
                if self.eat("(") && !self.eat(")") {
                    args.push(self.expr()?);
                    while self.eat(",") {
                        args.push(self.expr()?);
                    }
                    self.want(")")?;
                }
                Ok(Expr::Call(n, args))
            }
            Tok::Name(n) => {
                if self.eat("[") {
                    let mut k = self.expr()?;
                    while self.eat(",") {
                        let more = self.expr()?;
                        k = Expr::Concat(
                            Box::new(Expr::Concat(
                                Box::new(k),
                                Box::new(Expr::Str("\u{1c}".into())),
                            )),
                            Box::new(more),
                        );
                    }
                    self.want("]")?;
                    return Ok(Expr::Index(n, Box::new(k)));
                }
                Ok(Expr::Var(n))
            }
            _ => {
                self.i -= 1;
                Err(self.syntax())
            }
        }
    }

    fn postfix_field(&mut self) -> Result<Expr, String> {
        if self.is("++") || self.is("--") || self.is("-") || self.is("!") {
            return self.unary();
        }
        self.primary()
    }
}

/// Compiles an awk program text.
pub(super) fn compile(src: &str) -> Result<(Vec<Rule>, Vec<Regex>), String> {
    let toks = lex(src)?;
    let mut p = P {
        t: toks,
        i: 0,
        regexes: Vec::new(),
        depth: 0,
    };
    let rules = p.program()?;
    let mut regexes = Vec::new();
    for r in &p.regexes {
        regexes.push(
            Regex::new(r, true, false).map_err(|e| format!("regular expression /{r}/: {e}"))?,
        );
    }
    Ok((rules, regexes))
}

pub(super) fn awk(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "", "Fvf");
    let mut operands = o.operands.clone();
    let Some(program) = (if operands.is_empty() {
        None
    } else {
        Some(operands.remove(0))
    }) else {
        let msg = match p.tools {
            Tools::Gnu => {
                "usage: awk [-W option] [-F value] [-v var=value] [--] 'program text' [file ...]\n"
            }
            Tools::Busybox => {
                "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n"
            }
        };
        p.err(msg);
        return 2;
    };
    let (rules, regexes) = match compile(&program) {
        Ok(c) => c,
        Err(e) => {
            let msg = match p.tools {
                Tools::Gnu => format!("awk: line 1: {e}\n"),
                Tools::Busybox => format!("awk: cmd. line:1: {e}\n"),
            };
            p.err(&msg);
            return 2;
        }
    };
    let mut m = Machine::new(rules, regexes);
    if let Some(fsep) = o.value('F') {
        let fsep = if fsep == "t" {
            "\t".to_string()
        } else {
            fsep.to_string()
        };
        m.set_var("FS", &fsep);
    }
    for assign in o.all('v') {
        if let Some((k, v)) = assign.split_once('=') {
            m.set_var(k, v);
        }
    }
    let files: Vec<String> = operands
        .iter()
        .filter(|a| !a.contains('='))
        .cloned()
        .collect();
    let (texts, failed) = inputs(p, fs, "awk", &files);
    let status = m.run(&texts);
    p.out(&m.output);
    if !m.error.is_empty() {
        p.err(&m.error);
    }
    if failed { 2 } else { status }
}
