//! `${…}` operators: defaults, assignment, errors, trimming, replacement, slices, case.

use super::arith;
use super::expand::{MAX_VALUE, too_large};
use super::glob;
use super::{Exec, Flow, Sink};
use crate::sh::syntax::{Param, ParamOp, Word};

impl Exec<'_> {
    /// Expands a `${…}` parameter with its operator.
    pub(super) fn param(&mut self, p: &Param, quoted: bool) -> Result<String, Flow> {
        let value = self.param_value(&p.name);
        let Some(op) = &p.op else {
            return Ok(value.unwrap_or_default());
        };
        let unset = |colon: bool| match &value {
            None => true,
            Some(v) => colon && v.is_empty(),
        };
        let _ = quoted;
        match op.as_ref() {
            ParamOp::Length => {
                if p.name == "@" || p.name == "*" {
                    return Ok(self.sh.positional.len().to_string());
                }
                Ok(value.unwrap_or_default().chars().count().to_string())
            }
            ParamOp::Default(colon, w) => {
                if unset(*colon) {
                    self.expand_string(w)
                } else {
                    Ok(value.unwrap_or_default())
                }
            }
            ParamOp::Assign(colon, w) => {
                if unset(*colon) {
                    let v = self.expand_string(w)?;
                    self.sh.set(&p.name, &v);
                    Ok(v)
                } else {
                    Ok(value.unwrap_or_default())
                }
            }
            ParamOp::Alternative(colon, w) => {
                if unset(*colon) {
                    Ok(String::new())
                } else {
                    self.expand_string(w)
                }
            }
            ParamOp::Error(colon, w) => {
                if !unset(*colon) {
                    return Ok(value.unwrap_or_default());
                }
                self.param_error(&p.name, *colon, w)
            }
            ParamOp::TrimPrefix(longest, w) => {
                let v = value.unwrap_or_default();
                let pat = self.expand_pattern(w)?;
                Ok(match glob::prefix_len(&pat, &v, *longest) {
                    Some(n) => v.chars().skip(n).collect(),
                    None => v,
                })
            }
            ParamOp::TrimSuffix(longest, w) => {
                let v = value.unwrap_or_default();
                let pat = self.expand_pattern(w)?;
                Ok(match glob::suffix_len(&pat, &v, *longest) {
                    Some(n) => v.chars().take(v.chars().count() - n).collect(),
                    None => v,
                })
            }
            ParamOp::Replace(all, pat, rep) => {
                let v = value.unwrap_or_default();
                let pat = self.expand_pattern(pat)?;
                let rep = self.expand_string(rep)?;
                replace(&v, &pat, &rep, *all).ok_or_else(too_large)
            }
            ParamOp::Slice(off, len) => self.slice(&value.unwrap_or_default(), off, len.as_ref()),
            ParamOp::Case(upper) => {
                let v = value.unwrap_or_default();
                Ok(if *upper {
                    v.to_uppercase()
                } else {
                    v.to_lowercase()
                })
            }
        }
    }

    /// `${v?msg}` and `${v:?msg}` on an unset (or empty) parameter: prints the message and
    /// fails the command.
    fn param_error(&mut self, name: &str, colon: bool, w: &Word) -> Result<String, Flow> {
        let mut m = self.expand_string(w)?;
        if m.is_empty() {
            m = if colon {
                "parameter null or not set"
            } else {
                "parameter not set"
            }
            .to_string();
        }
        let msg = format!("{}{}: {m}\n", self.sh.prefix(), name);
        self.write(&Sink::Term, &msg)?;
        Err(Flow::Fail(1))
    }

    /// `${v:offset:length}`: a negative offset counts from the end, a negative length stops
    /// that far before it.
    fn slice(&mut self, value: &str, off: &Word, len: Option<&Word>) -> Result<String, Flow> {
        let v: Vec<char> = value.chars().collect();
        let off_text = self.expand_string(off)?;
        let n = v.len() as i64;
        let start = self.arith_value(&off_text)?;
        let start = if start < 0 {
            (n + start).max(0)
        } else {
            start.min(n)
        };
        let end = match len {
            Some(w) => {
                let t = self.expand_string(w)?;
                let l = self.arith_value(&t)?;
                if l < 0 {
                    (n + l).max(start)
                } else {
                    (start + l).min(n)
                }
            }
            None => n,
        };
        let (s, e) = (
            usize::try_from(start).unwrap_or(0),
            usize::try_from(end).unwrap_or(0),
        );
        Ok(v.get(s..e.max(s)).unwrap_or(&[]).iter().collect())
    }

    fn arith_value(&mut self, text: &str) -> Result<i64, Flow> {
        match arith::eval(text, self.sh) {
            Ok(v) => Ok(v),
            Err(m) => {
                let msg = format!("{}{m}\n", self.sh.prefix());
                self.write(&Sink::Term, &msg)?;
                Err(Flow::Fail(1))
            }
        }
    }
}

/// `${v/pat/rep}`: the longest match at each position; `#`/`%` anchor the pattern.
fn replace(v: &str, pat: &str, rep: &str, all: bool) -> Option<String> {
    if let Some(p) = pat.strip_prefix('#') {
        return Some(match glob::prefix_len(p, v, true) {
            Some(n) => format!("{rep}{}", v.chars().skip(n).collect::<String>()),
            None => v.to_string(),
        });
    }
    if let Some(p) = pat.strip_prefix('%') {
        let count = v.chars().count();
        return Some(match glob::suffix_len(p, v, true) {
            Some(n) => format!("{}{rep}", v.chars().take(count - n).collect::<String>()),
            None => v.to_string(),
        });
    }
    if pat.is_empty() {
        return Some(v.to_string());
    }
    if !glob::has_magic(pat) {
        let literal = glob::unescape(pat);
        let hits = if all { v.matches(&literal).count() } else { 1 };
        if v.len().saturating_add(hits.saturating_mul(rep.len())) > MAX_VALUE {
            return None;
        }
        return Some(if all {
            v.replace(&literal, rep)
        } else {
            v.replacen(&literal, rep, 1)
        });
    }
    let chars: Vec<char> = v.chars().collect();
    if chars.len() > 4096 {
        return Some(v.to_string());
    }
    let mut out = String::new();
    let mut i = 0;
    let mut replaced = false;
    while i < chars.len() {
        let rest: String = chars.get(i..).unwrap_or(&[]).iter().collect();
        match glob::prefix_len(pat, &rest, true).filter(|n| *n > 0) {
            Some(n) if all || !replaced => {
                out.push_str(rep);
                i += n;
                replaced = true;
            }
            _ => {
                if let Some(c) = chars.get(i) {
                    out.push(*c);
                }
                i += 1;
            }
        }
        if out.len() > MAX_VALUE {
            return None;
        }
    }
    Some(out)
}
