//! Statements: print, printf, control flow, next, exit, delete.

use super::Stmt;
use super::eval::{Flow, Machine};
use super::value::{V, sprintf};

impl Machine {
    pub(super) fn stmt(&mut self, s: &Stmt) -> Result<(), Flow> {
        self.tick()?;
        match s {
            Stmt::Print(args) => {
                let text = if args.is_empty() {
                    self.record.clone()
                } else {
                    let mut parts = Vec::new();
                    for a in args {
                        parts.push(self.eval(a)?.str());
                    }
                    parts.join(&self.var("OFS").str())
                };
                self.output.push_str(&text);
                self.output.push_str(&self.var("ORS").str());
            }
            Stmt::Printf(args) => {
                let mut vals = Vec::new();
                for a in args {
                    vals.push(self.eval(a)?);
                }
                let text = sprintf(&vals);
                self.output.push_str(&text);
            }
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.stmt(a)?;
                } else if let Some(b) = b {
                    self.stmt(b)?;
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c)?.truthy() {
                    self.stmt(body)?;
                }
            }
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.stmt(i)?;
                }
                loop {
                    if let Some(c) = cond
                        && !self.eval(c)?.truthy()
                    {
                        break;
                    }
                    self.stmt(body)?;
                    if let Some(st) = step {
                        self.stmt(st)?;
                    }
                }
            }
            Stmt::ForIn(k, arr, body) => {
                let keys: Vec<String> = self
                    .arrays
                    .get(arr)
                    .map(|a| a.keys().cloned().collect())
                    .unwrap_or_default();
                for key in keys {
                    self.vars.insert(k.clone(), V::StrNum(key));
                    self.stmt(body)?;
                }
            }
            Stmt::Block(b) => self.block(b)?,
            Stmt::Next => return Err(Flow::Next),
            Stmt::Exit(e) => {
                if let Some(e) = e {
                    self.exit_code = self.eval(e)?.num() as i32;
                }
                return Err(Flow::Exit);
            }
            Stmt::Delete(arr, key) => match key {
                Some(k) => {
                    let k = self.eval(k)?.str();
                    if let Some(a) = self.arrays.get_mut(arr) {
                        a.remove(&k);
                    }
                }
                None => {
                    self.arrays.remove(arr);
                }
            },
        }
        Ok(())
    }
}
