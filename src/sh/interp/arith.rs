//! Shell arithmetic (`$(( ))`, `(( ))`): 64-bit integers with C operators and variable assignment.

/// Reads and writes shell variables during evaluation.
pub trait Vars {
    /// The value of a variable, if set.
    fn get(&self, name: &str) -> Option<String>;
    /// Sets a variable.
    fn set(&mut self, name: &str, value: String);
}

#[derive(Debug, Clone, PartialEq)]
enum T {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: [&str; 33] = [
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=",
    "*=", "/=", "%=", "+", "-", "*", "/", "%", "<", ">", "!", "~", "&", "|", "^", "(", ")", "=",
];

fn lex(text: &str) -> Result<Vec<T>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while chars.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
                i += 1;
            }
            let s: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
            out.push(T::Num(number(&s)?));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
            {
                i += 1;
            }
            out.push(T::Name(chars.get(start..i).unwrap_or(&[]).iter().collect()));
        } else if c == '?' || c == ':' {
            out.push(T::Op(if c == '?' { "?" } else { ":" }));
            i += 1;
        } else {
            let op = OPS
                .iter()
                .find(|op| {
                    op.chars()
                        .enumerate()
                        .all(|(k, oc)| chars.get(i + k) == Some(&oc))
                })
                .ok_or_else(|| {
                    let rest: String = chars.get(i..).unwrap_or(&[]).iter().collect();
                    format!("syntax error: invalid arithmetic operator (error token is \"{rest}\")")
                })?;
            i += op.len();
            out.push(T::Op(op));
        }
    }
    Ok(out)
}

fn number(s: &str) -> Result<i64, String> {
    let parsed = if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        i64::from_str_radix(hex, 16).ok()
    } else if let Some(octal) = s.strip_prefix('0').filter(|o| !o.is_empty()) {
        i64::from_str_radix(octal, 8).ok()
    } else {
        s.parse().ok()
    };
    parsed.ok_or_else(|| format!("{s}: value too great for base (error token is \"{s}\")"))
}

struct Eval<'a> {
    toks: Vec<T>,
    pos: usize,
    vars: &'a mut dyn Vars,
    depth: usize,
    text: String,
}

/// Evaluates an arithmetic expression; the error is bash's text after `bash: `.
pub fn eval(text: &str, vars: &mut dyn Vars) -> Result<i64, String> {
    let toks = lex(text)?;
    if toks.is_empty() {
        return Ok(0);
    }
    let mut e = Eval {
        toks,
        pos: 0,
        vars,
        depth: 0,
        text: text.trim().to_string(),
    };
    let v = e.expr()?;
    match e.toks.get(e.pos) {
        None => Ok(v),
        Some(t) => Err(format!(
            "{}: syntax error in expression (error token is \"{}\")",
            e.text,
            show(t)
        )),
    }
}

fn show(t: &T) -> String {
    match t {
        T::Num(n) => n.to_string(),
        T::Name(s) => s.clone(),
        T::Op(o) => (*o).to_string(),
    }
}

const LEVELS: [&[&str]; 10] = [
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<", "<=", ">", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

impl Eval<'_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.toks.get(self.pos) {
            Some(T::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn operand_expected(&self) -> String {
        let rest: Vec<String> = self.toks.iter().skip(self.pos).map(show).collect();
        format!(
            "{}: syntax error: operand expected (error token is \"{}\")",
            self.text,
            rest.join(" ")
        )
    }

    fn var(&self, name: &str) -> i64 {
        let v = self.vars.get(name).unwrap_or_default();
        number(v.trim()).unwrap_or(0)
    }

    fn expr(&mut self) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(format!(
                "{}: expression recursion level exceeded",
                self.text
            ));
        }
        let v = self.assign();
        self.depth -= 1;
        v
    }

    fn assign(&mut self) -> Result<i64, String> {
        if let (Some(T::Name(name)), Some(T::Op(op))) = (
            self.toks.get(self.pos).cloned(),
            self.toks.get(self.pos + 1).cloned(),
        ) && ["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>="].contains(&op)
        {
            self.pos += 2;
            let rhs = self.assign()?;
            let old = self.var(&name);
            let v = match op {
                "=" => rhs,
                "+=" => old.wrapping_add(rhs),
                "-=" => old.wrapping_sub(rhs),
                "*=" => old.wrapping_mul(rhs),
                "<<=" => old.wrapping_shl(rhs as u32),
                ">>=" => old.wrapping_shr(rhs as u32),
                _ => self.divide(op, old, rhs)?,
            };
            self.vars.set(&name, v.to_string());
            return Ok(v);
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Result<i64, String> {
        let cond = self.binary(0)?;
        if self.peek_op() != Some("?") {
            return Ok(cond);
        }
        self.pos += 1;
        let a = self.expr()?;
        if self.peek_op() != Some(":") {
            return Err(self.operand_expected());
        }
        self.pos += 1;
        let b = self.expr()?;
        Ok(if cond != 0 { a } else { b })
    }

    fn divide(&self, op: &str, a: i64, b: i64) -> Result<i64, String> {
        if b == 0 {
            return Err(format!(
                "{}: division by 0 (error token is \"{}\")",
                self.text, b
            ));
        }
        Ok(if op.starts_with('/') {
            a.wrapping_div(b)
        } else {
            a.wrapping_rem(b)
        })
    }

    fn binary(&mut self, level: usize) -> Result<i64, String> {
        let Some(ops) = LEVELS.get(level) else {
            return self.power();
        };
        let mut v = self.binary(level + 1)?;
        while let Some(op) = self.peek_op().filter(|o| ops.contains(o)) {
            self.pos += 1;
            let r = self.binary(level + 1)?;
            v = match op {
                "||" => i64::from(v != 0 || r != 0),
                "&&" => i64::from(v != 0 && r != 0),
                "|" => v | r,
                "^" => v ^ r,
                "&" => v & r,
                "==" => i64::from(v == r),
                "!=" => i64::from(v != r),
                "<" => i64::from(v < r),
                "<=" => i64::from(v <= r),
                ">" => i64::from(v > r),
                ">=" => i64::from(v >= r),
                "<<" => v.wrapping_shl(r as u32),
                ">>" => v.wrapping_shr(r as u32),
                "+" => v.wrapping_add(r),
                "-" => v.wrapping_sub(r),
                "*" => v.wrapping_mul(r),
                _ => self.divide(op, v, r)?,
            };
        }
        Ok(v)
    }

    fn power(&mut self) -> Result<i64, String> {
        let base = self.unary()?;
        if self.peek_op() == Some("**") {
            self.pos += 1;
            let exp = self.power()?;
            if exp < 0 {
                return Err(format!(
                    "{}: exponent less than 0 (error token is \"{exp}\")",
                    self.text
                ));
            }
            return Ok(base.wrapping_pow(u32::try_from(exp).unwrap_or(u32::MAX)));
        }
        Ok(base)
    }

    fn unary(&mut self) -> Result<i64, String> {
        match self.toks.get(self.pos).cloned() {
            Some(T::Op(op @ ("-" | "+" | "!" | "~"))) => {
                self.pos += 1;
                self.depth += 1;
                if self.depth > 200 {
                    return Err(format!(
                        "{}: expression recursion level exceeded",
                        self.text
                    ));
                }
                let v = self.unary()?;
                self.depth -= 1;
                Ok(match op {
                    "-" => v.wrapping_neg(),
                    "+" => v,
                    "!" => i64::from(v == 0),
                    _ => !v,
                })
            }
            Some(T::Op(op @ ("++" | "--"))) => {
                self.pos += 1;
                let Some(T::Name(name)) = self.toks.get(self.pos).cloned() else {
                    return Err(self.operand_expected());
                };
                self.pos += 1;
                let v = self
                    .var(&name)
                    .wrapping_add(if op == "++" { 1 } else { -1 });
                self.vars.set(&name, v.to_string());
                Ok(v)
            }
            Some(T::Op("(")) => {
                self.pos += 1;
                let v = self.expr()?;
                if self.peek_op() != Some(")") {
                    return Err(self.operand_expected());
                }
                self.pos += 1;
                Ok(v)
            }
            Some(T::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(T::Name(name)) => {
                self.pos += 1;
                let v = self.var(&name);
                if let Some(op @ ("++" | "--")) = self.peek_op() {
                    self.pos += 1;
                    let new = v.wrapping_add(if op == "++" { 1 } else { -1 });
                    self.vars.set(&name, new.to_string());
                }
                Ok(v)
            }
            _ => Err(self.operand_expected()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    impl Vars for BTreeMap<String, String> {
        fn get(&self, name: &str) -> Option<String> {
            BTreeMap::get(self, name).cloned()
        }
        fn set(&mut self, name: &str, value: String) {
            self.insert(name.to_string(), value);
        }
    }

    #[test]
    fn arithmetic_follows_c_precedence_and_assigns() {
        let mut v = BTreeMap::new();
        v.insert("i".to_string(), "4".to_string());
        assert_eq!(eval("1 + 2 * 3", &mut v), Ok(7));
        assert_eq!(eval("(1 + 2) * 3 % 4", &mut v), Ok(1));
        assert_eq!(eval("i++", &mut v), Ok(4));
        assert_eq!(v.get("i").map(String::as_str), Some("5"));
        assert_eq!(eval("i += 10", &mut v), Ok(15));
        assert_eq!(eval("i > 3 && i < 20 ? 1 : 0", &mut v), Ok(1));
        assert_eq!(eval("2 ** 10", &mut v), Ok(1024));
        assert_eq!(eval("0x10 + 010", &mut v), Ok(24));
        assert!(eval("1 / 0", &mut v).is_err_and(|e| e.contains("division by 0")));
        assert!(eval("1 +", &mut v).is_err_and(|e| e.contains("operand expected")));
        assert_eq!(eval("-(-3)", &mut v), Ok(3));
    }
}
