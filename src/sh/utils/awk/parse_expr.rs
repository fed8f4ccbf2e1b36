//! Expressions, from the conditional operator down to primaries.

use super::Expr;
use super::lex::Tok;
use super::parse::{BUILTIN_FUNCS, P};

impl P {
    pub(super) fn expr(&mut self) -> Result<Expr, String> {
        self.ternary(true)
    }

    pub(super) fn expr_no_gt(&mut self) -> Result<Expr, String> {
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
