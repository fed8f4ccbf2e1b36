//! `awk` programs as one-liners use them: patterns, `BEGIN`/`END`, fields, `NR`/`NF`/`FS`/`OFS`,
//! print and printf, variables and arrays, control flow and the common string functions.
//! `lex` and `parse*` read the program; `eval`, `stmt` and `funcs` run it over the records.

mod eval;
mod funcs;
mod lex;
mod parse;
mod parse_expr;
mod stmt;
#[cfg(test)]
mod tests;
mod value;

use self::eval::Machine;
use self::parse::P;
use super::regex::Regex;
use super::{inputs, opts};
use crate::sh::interp::{Files, Proc, Tools};

pub(crate) use self::value::num_str;

/// Expressions.
#[derive(Debug, Clone)]
pub(crate) enum Expr {
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
pub(crate) enum Stmt {
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
pub(crate) enum Rule {
    Begin(Vec<Stmt>),
    End(Vec<Stmt>),
    Main(Option<Expr>, Option<Vec<Stmt>>),
}

/// Compiles an awk program text.
pub(crate) fn compile(src: &str) -> Result<(Vec<Rule>, Vec<Regex>), String> {
    let toks = lex::lex(src)?;
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

pub(crate) fn awk(p: &mut Proc, fs: &mut dyn Files) -> i32 {
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
