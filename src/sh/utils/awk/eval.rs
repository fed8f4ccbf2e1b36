//! Runs a compiled awk program over input records.

use std::collections::BTreeMap;

use super::funcs::{arith, split_fields};
use super::value::V;
use super::{Expr, Rule, Stmt};
use crate::sh::utils::regex::Regex;

/// Why a rule stopped early.
pub(super) enum Flow {
    Next,
    Exit,
}

/// The awk machine: variables, arrays, the current record and what has been printed.
pub(super) struct Machine {
    rules: Vec<Rule>,
    regexes: Vec<Regex>,
    pub(super) vars: BTreeMap<String, V>,
    pub(super) arrays: BTreeMap<String, BTreeMap<String, V>>,
    fields: Vec<String>,
    pub(super) record: String,
    /// What the program printed.
    pub output: String,
    /// Errors to print on standard error.
    pub error: String,
    pub(super) exit_code: i32,
    steps: usize,
}

const STEP_LIMIT: usize = 5_000_000;

impl Machine {
    pub(super) fn new(rules: Vec<Rule>, regexes: Vec<Regex>) -> Machine {
        let mut vars = BTreeMap::new();
        vars.insert("FS".to_string(), V::Str(" ".into()));
        vars.insert("OFS".to_string(), V::Str(" ".into()));
        vars.insert("ORS".to_string(), V::Str("\n".into()));
        vars.insert("SUBSEP".to_string(), V::Str("\u{1c}".into()));
        Machine {
            rules,
            regexes,
            vars,
            arrays: BTreeMap::new(),
            fields: Vec::new(),
            record: String::new(),
            output: String::new(),
            error: String::new(),
            exit_code: 0,
            steps: 0,
        }
    }

    pub(super) fn set_var(&mut self, name: &str, value: &str) {
        let (v, _) = crate::sh::interp::builtins_unescape(value, false);
        self.vars.insert(name.to_string(), V::StrNum(v));
    }

    pub(super) fn var(&self, name: &str) -> V {
        match name {
            "NF" => V::Num(self.fields.len() as f64),
            _ => self
                .vars
                .get(name)
                .cloned()
                .unwrap_or(V::Str(String::new())),
        }
    }

    pub(super) fn split_record(&mut self) {
        let fs = self.var("FS").str();
        self.fields = split_fields(&self.record, &fs);
    }

    pub(super) fn field(&self, i: usize) -> V {
        if i == 0 {
            return V::StrNum(self.record.clone());
        }
        V::StrNum(self.fields.get(i - 1).cloned().unwrap_or_default())
    }

    pub(super) fn set_field(&mut self, i: usize, v: String) {
        if i == 0 {
            self.record = v;
            self.split_record();
            return;
        }
        let i = i.min(10_000);
        while self.fields.len() < i {
            self.fields.push(String::new());
        }
        if let Some(f) = self.fields.get_mut(i - 1) {
            *f = v;
        }
        self.record = self.fields.join(&self.var("OFS").str());
    }

    /// Runs BEGIN, the main rules over every record of every input, then END.
    pub(super) fn run(&mut self, inputs: &[(String, String)]) -> i32 {
        let rules = std::mem::take(&mut self.rules);
        let mut exited = false;
        for r in &rules {
            if let Rule::Begin(body) = r
                && let Err(Flow::Exit) = self.block(body)
            {
                exited = true;
                break;
            }
        }
        let has_main = rules.iter().any(|r| !matches!(r, Rule::Begin(_)));
        let mut nr = 0.0;
        'input: for (name, text) in inputs {
            if exited || !has_main {
                break;
            }
            self.vars.insert(
                "FILENAME".into(),
                V::Str(if name == "-" {
                    String::new()
                } else {
                    name.clone()
                }),
            );
            let mut fnr = 0.0;
            for line in crate::sh::utils::lines(text) {
                nr += 1.0;
                fnr += 1.0;
                self.vars.insert("NR".into(), V::Num(nr));
                self.vars.insert("FNR".into(), V::Num(fnr));
                self.record = line.to_string();
                self.split_record();
                for r in &rules {
                    let Rule::Main(pattern, action) = r else {
                        continue;
                    };
                    let take = match pattern {
                        None => true,
                        Some(p) => match self.eval(p) {
                            Ok(v) => v.truthy(),
                            Err(Flow::Exit) => {
                                exited = true;
                                break 'input;
                            }
                            Err(Flow::Next) => break,
                        },
                    };
                    if !take {
                        continue;
                    }
                    let result = match action {
                        Some(body) => self.block(body),
                        None => {
                            let line = format!("{}{}", self.record, self.var("ORS").str());
                            self.output.push_str(&line);
                            Ok(())
                        }
                    };
                    match result {
                        Ok(()) => {}
                        Err(Flow::Next) => break,
                        Err(Flow::Exit) => {
                            exited = true;
                            break 'input;
                        }
                    }
                }
                if self.output.len() > 4_000_000 || self.steps > STEP_LIMIT {
                    break 'input;
                }
            }
        }
        let _ = exited;
        for r in &rules {
            if let Rule::End(body) = r
                && let Err(Flow::Exit) = self.block(body)
            {
                break;
            }
        }
        self.exit_code
    }

    pub(super) fn block(&mut self, body: &[Stmt]) -> Result<(), Flow> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn tick(&mut self) -> Result<(), Flow> {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            if self.error.is_empty() {
                self.error = "awk: stopped after too many steps (the playground's limit)\n".into();
            }
            return Err(Flow::Exit);
        }
        Ok(())
    }

    pub(super) fn assign(&mut self, target: &Expr, v: V) -> Result<V, Flow> {
        match target {
            Expr::Var(n) => {
                if n == "NF" {
                    let n = v.num().max(0.0) as usize;
                    self.fields.resize(n.min(10_000), String::new());
                    self.record = self.fields.join(&self.var("OFS").str());
                } else {
                    self.vars.insert(n.clone(), v.clone());
                }
            }
            Expr::Field(i) => {
                let i = self.eval(i)?.num().max(0.0) as usize;
                self.set_field(i, v.str());
            }
            Expr::Index(arr, k) => {
                let k = self.eval(k)?.str();
                self.arrays
                    .entry(arr.clone())
                    .or_default()
                    .insert(k, v.clone());
            }
            _ => {}
        }
        Ok(v)
    }

    pub(super) fn regex_of(&mut self, e: &Expr) -> Result<Option<Regex>, Flow> {
        Ok(match e {
            Expr::Re(i) => self.regexes.get(*i).cloned(),
            other => {
                let text = self.eval(other)?.str();
                Regex::new(&text, true, false).ok()
            }
        })
    }

    /// Evaluates an expression (each step counts against the program's step limit).
    pub(super) fn eval(&mut self, e: &Expr) -> Result<V, Flow> {
        self.tick()?;
        Ok(match e {
            Expr::Num(n) => V::Num(*n),
            Expr::Str(s) => V::Str(s.clone()),
            Expr::Re(i) => V::Num(f64::from(u8::from(
                self.regexes
                    .get(*i)
                    .is_some_and(|r| r.is_match(&self.record)),
            ))),
            Expr::Var(n) => self.var(n),
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                self.field(if i < 0.0 { 0 } else { i as usize })
            }
            Expr::Index(arr, k) => {
                let k = self.eval(k)?.str();
                self.arrays
                    .entry(arr.clone())
                    .or_default()
                    .entry(k)
                    .or_insert(V::Str(String::new()))
                    .clone()
            }
            Expr::In(k, arr) => {
                let k = self.eval(k)?.str();
                V::Num(f64::from(u8::from(
                    self.arrays.get(arr).is_some_and(|a| a.contains_key(&k)),
                )))
            }
            Expr::Assign(target, op, value) => {
                let v = self.eval(value)?;
                let v = if *op == "=" {
                    v
                } else {
                    let old = self.eval(target)?.num();
                    let r = v.num();
                    V::Num(arith(op.trim_end_matches('='), old, r))
                };
                self.assign(target, v)?
            }
            Expr::Cond(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::Bin("&&", a, b) => V::Num(f64::from(u8::from(
                self.eval(a)?.truthy() && self.eval(b)?.truthy(),
            ))),
            Expr::Bin("||", a, b) => V::Num(f64::from(u8::from(
                self.eval(a)?.truthy() || self.eval(b)?.truthy(),
            ))),
            Expr::Bin(op, a, b) => {
                let (x, y) = (self.eval(a)?, self.eval(b)?);
                binary(op, &x, &y)
            }
            Expr::Not(a) => V::Num(f64::from(u8::from(!self.eval(a)?.truthy()))),
            Expr::Neg(a) => V::Num(-self.eval(a)?.num()),
            Expr::Match(neg, a, r) => {
                let text = self.eval(a)?.str();
                let hit = self.regex_of(r)?.is_some_and(|re| re.is_match(&text));
                V::Num(f64::from(u8::from(hit != *neg)))
            }
            Expr::Concat(a, b) => {
                let mut s = self.eval(a)?.str();
                s.push_str(&self.eval(b)?.str());
                if s.len() > 4_000_000 {
                    return Err(Flow::Exit);
                }
                V::Str(s)
            }
            Expr::Incr(pre, d, target) => {
                let old = self.eval(target)?.num();
                self.assign(target, V::Num(old + d))?;
                V::Num(if *pre { old + d } else { old })
            }
            Expr::Call(name, args) => self.call(name, args)?,
        })
    }
}

/// A binary operator on two values: comparisons are numeric when both look like numbers,
/// else by string; the rest is arithmetic.
fn binary(op: &str, x: &V, y: &V) -> V {
    match op {
        "<" | "<=" | "==" | "!=" | ">" | ">=" => {
            let ord = if x.numeric() && y.numeric() {
                x.num()
                    .partial_cmp(&y.num())
                    .unwrap_or(std::cmp::Ordering::Equal)
            } else {
                x.str().cmp(&y.str())
            };
            let r = match op {
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                "==" => ord.is_eq(),
                "!=" => ord.is_ne(),
                ">" => ord.is_gt(),
                _ => ord.is_ge(),
            };
            V::Num(f64::from(u8::from(r)))
        }
        _ => V::Num(arith(op, x.num(), y.num())),
    }
}
