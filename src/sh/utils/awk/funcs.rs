//! Built-in functions and the arithmetic and string helpers behind them.

use std::collections::BTreeMap;

use super::Expr;
use super::eval::{Flow, Machine};
use super::value::{V, sprintf};
use crate::sh::utils::regex::Regex;

impl Machine {
    pub(super) fn call(&mut self, name: &str, args: &[Expr]) -> Result<V, Flow> {
        let mut vals = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let skip = matches!(
                (name, i),
                ("split", 1) | ("sub" | "gsub", 0 | 2) | ("match", 1)
            );
            vals.push(if skip {
                V::Str(String::new())
            } else {
                self.eval(a)?
            });
        }
        let arg = |i: usize| vals.get(i).cloned().unwrap_or(V::Str(String::new()));
        Ok(match name {
            "length" => V::Num(if args.is_empty() {
                self.record.chars().count()
            } else {
                arg(0).str().chars().count()
            } as f64),
            "substr" => {
                let s: Vec<char> = arg(0).str().chars().collect();
                let start = arg(1).num().round() as i64;
                let len = if args.len() > 2 {
                    arg(2).num().round() as i64
                } else {
                    i64::MAX / 2
                };
                let from = start.max(1);
                let to = start.saturating_add(len).min(s.len() as i64 + 1);
                let (f, t) = (
                    usize::try_from(from.saturating_sub(1)).unwrap_or(0),
                    usize::try_from(to.saturating_sub(1)).unwrap_or(0),
                );
                V::Str(s.get(f..t.max(f)).unwrap_or(&[]).iter().collect())
            }
            "index" => V::Num(arg(0).str().find(&arg(1).str()).map_or(0, |b| {
                arg(0).str().get(..b).unwrap_or("").chars().count() + 1
            }) as f64),
            "tolower" => V::Str(arg(0).str().to_lowercase()),
            "toupper" => V::Str(arg(0).str().to_uppercase()),
            "int" => V::Num(arg(0).num().trunc()),
            "sqrt" => V::Num(arg(0).num().sqrt()),
            "sprintf" => V::Str(sprintf(&vals)),
            "split" => {
                let Some(Expr::Var(arr)) = args.get(1) else {
                    return Ok(V::Num(0.0));
                };
                let sep = if args.len() > 2 {
                    arg(2).str()
                } else {
                    self.var("FS").str()
                };
                let parts = split_fields(&arg(0).str(), &sep);
                let mut map = BTreeMap::new();
                for (i, p) in parts.iter().enumerate() {
                    map.insert((i + 1).to_string(), V::StrNum(p.clone()));
                }
                self.arrays.insert(arr.clone(), map);
                V::Num(parts.len() as f64)
            }
            "sub" | "gsub" => {
                let re = match args.first() {
                    Some(r) => self.regex_of(r)?,
                    None => None,
                };
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let text = self.eval(&target)?.str();
                let Some(re) = re else { return Ok(V::Num(0.0)) };
                let (new, n) = awk_sub(&re, &arg(1).str(), &text, name == "gsub");
                if n > 0 {
                    self.assign(&target, V::Str(new))?;
                }
                V::Num(n as f64)
            }
            "match" => {
                let re = match args.get(1) {
                    Some(r) => self.regex_of(r)?,
                    None => None,
                };
                let chars: Vec<char> = arg(0).str().chars().collect();
                let (start, len) = match re.and_then(|r| r.find_at(&chars, 0)) {
                    Some((s, e, _)) => (s as f64 + 1.0, (e - s) as f64),
                    None => (0.0, -1.0),
                };
                self.vars.insert("RSTART".into(), V::Num(start));
                self.vars.insert("RLENGTH".into(), V::Num(len));
                V::Num(start)
            }
            _ => V::Str(String::new()),
        })
    }
}

pub(super) fn arith(op: &str, a: f64, b: f64) -> f64 {
    match op {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => {
            if b == 0.0 {
                f64::NAN
            } else {
                a / b
            }
        }
        "%" => {
            if b == 0.0 {
                f64::NAN
            } else {
                a % b
            }
        }
        "^" => a.powf(b),
        _ => 0.0,
    }
}

pub(super) fn split_fields(text: &str, fs: &str) -> Vec<String> {
    if fs == " " {
        return text.split_whitespace().map(str::to_string).collect();
    }
    if text.is_empty() {
        return Vec::new();
    }
    let mut chars = fs.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return text.split(c).map(str::to_string).collect();
    }
    match Regex::new(fs, true, false) {
        Ok(re) => {
            let t: Vec<char> = text.chars().collect();
            let mut out = Vec::new();
            let mut from = 0;
            while let Some((s, e, _)) = re.find_at(&t, from).filter(|(s, e, _)| e > s) {
                out.push(t.get(from..s).unwrap_or(&[]).iter().collect());
                from = e;
            }
            out.push(t.get(from..).unwrap_or(&[]).iter().collect());
            out
        }
        Err(_) => vec![text.to_string()],
    }
}

fn awk_sub(re: &Regex, rep: &str, text: &str, global: bool) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut from = 0;
    let mut n = 0;
    while let Some((s, e, _)) = re.find_at(&chars, from) {
        out.extend(chars.get(from..s).unwrap_or(&[]).iter());
        let matched: String = chars.get(s..e).unwrap_or(&[]).iter().collect();
        let mut r = rep.chars();
        while let Some(c) = r.next() {
            match c {
                '&' => out.push_str(&matched),
                '\\' => match r.next() {
                    Some(x) => out.push(x),
                    None => out.push('\\'),
                },
                other => out.push(other),
            }
        }
        n += 1;
        if e == s {
            if let Some(c) = chars.get(s) {
                out.push(*c);
            }
            from = s + 1;
        } else {
            from = e;
        }
        if !global || from > chars.len() {
            break;
        }
    }
    out.extend(chars.get(from.min(chars.len())..).unwrap_or(&[]).iter());
    (out, n)
}
