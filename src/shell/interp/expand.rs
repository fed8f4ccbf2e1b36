//! Word expansion: parameters, command substitution, arithmetic, tilde, field splitting and globbing.

use super::arith::{self, Vars};
use super::glob;
use super::state::Shell;
use super::{Exec, Flow, Sink, Streams};
use crate::shell::syntax::{Param, ParamOp, Part, Word};

/// The longest text one expansion may produce.
const MAX_VALUE: usize = 4 * 1024 * 1024;

fn too_large() -> Flow {
    Flow::Limit(format!(
        "stopped: an expansion grew beyond {} MiB, the playground's limit",
        MAX_VALUE / (1024 * 1024)
    ))
}

/// How a piece of text takes part in splitting and globbing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Unquoted text from the command line: globbed, not split.
    Lit,
    /// Quoted text: neither.
    Quoted,
    /// The unquoted result of an expansion: split and globbed.
    Split,
}

/// Fields under construction.
#[derive(Default)]
struct Fields {
    done: Vec<(String, Option<String>)>,
    text: String,
    pattern: String,
    magic: bool,
    started: bool,
}

impl Fields {
    fn add(&mut self, s: &str, kind: Kind) {
        match kind {
            Kind::Quoted => {
                self.text.push_str(s);
                self.pattern.push_str(&glob::escape(s));
                self.started = true;
            }
            Kind::Lit => {
                self.text.push_str(s);
                self.pattern.push_str(s);
                self.magic |= glob::has_magic(s);
                self.started = true;
            }
            Kind::Split => {
                for c in s.chars() {
                    if matches!(c, ' ' | '\t' | '\n') {
                        self.end();
                    } else {
                        self.text.push(c);
                        if matches!(c, '*' | '?' | '[') {
                            self.pattern.push(c);
                            self.magic = true;
                        } else {
                            self.pattern.push_str(&glob::escape(&c.to_string()));
                        }
                        self.started = true;
                    }
                }
            }
        }
    }

    fn end(&mut self) {
        if self.started {
            let pattern = std::mem::take(&mut self.pattern);
            let text = std::mem::take(&mut self.text);
            self.done.push((text, self.magic.then_some(pattern)));
        }
        self.text.clear();
        self.pattern.clear();
        self.magic = false;
        self.started = false;
    }
}

impl Vars for Shell {
    fn get(&self, name: &str) -> Option<String> {
        Shell::get(self, name).map(str::to_string)
    }

    fn set(&mut self, name: &str, value: String) {
        Shell::set(self, name, &value);
    }
}

impl Exec<'_> {
    /// Expands words into fields: splitting, globbing and quote removal.
    pub fn expand_words(&mut self, words: &[Word]) -> Result<Vec<String>, Flow> {
        let mut out = Vec::new();
        for word in words {
            let mut f = Fields::default();
            for part in word {
                self.part(part, &mut f, false)?;
                if f.text.len() > MAX_VALUE {
                    return Err(too_large());
                }
            }
            f.end();
            for (text, pattern) in f.done {
                match pattern {
                    Some(p) => {
                        let cwd = self.sh.cwd.clone();
                        let matches = glob::expand_path(self.host.files(), &cwd, &p);
                        if matches.is_empty() {
                            out.push(text);
                        } else {
                            out.extend(matches);
                        }
                    }
                    None => out.push(text),
                }
            }
        }
        Ok(out)
    }

    /// Expands a word to one string without splitting or globbing (assignments, here-documents).
    pub fn expand_string(&mut self, word: &Word) -> Result<String, Flow> {
        let mut s = String::new();
        for part in word {
            s.push_str(&self.part_text(part, true)?);
            if s.len() > MAX_VALUE {
                return Err(too_large());
            }
        }
        Ok(s)
    }

    /// Expands a word into a pattern: quoted parts match literally.
    pub fn expand_pattern(&mut self, word: &Word) -> Result<String, Flow> {
        let mut s = String::new();
        for part in word {
            match part {
                Part::Lit(t) => s.push_str(t),
                other => s.push_str(&glob::escape(&self.part_text(other, true)?)),
            }
        }
        Ok(s)
    }

    /// Expands the words of `[[ … ]]`: no splitting; right sides of `==` and `!=` stay patterns.
    pub fn expand_words_test(&mut self, words: &[Word]) -> Result<Vec<String>, Flow> {
        let mut out: Vec<String> = Vec::new();
        for word in words {
            let pattern_side = matches!(out.last().map(String::as_str), Some("==" | "=" | "!="));
            let v = if pattern_side {
                self.expand_pattern(word)?
            } else {
                self.expand_string(word)?
            };
            out.push(v);
        }
        Ok(out)
    }

    fn part(&mut self, part: &Part, f: &mut Fields, _quoted: bool) -> Result<(), Flow> {
        match part {
            Part::Lit(s) => f.add(s, Kind::Lit),
            Part::Quoted(s) => f.add(s, Kind::Quoted),
            Part::Double(inner) => {
                let only_at =
                    matches!(inner.as_slice(), [Part::Param(p)] if p.name == "@" && p.op.is_none());
                if !only_at {
                    f.started = true;
                }
                for p in inner {
                    match p {
                        Part::Param(pp) if pp.name == "@" && pp.op.is_none() => {
                            let params = self.sh.positional.clone();
                            for (i, v) in params.iter().enumerate() {
                                if i > 0 {
                                    f.end();
                                }
                                f.add(v, Kind::Quoted);
                            }
                        }
                        other => {
                            let t = self.part_text(other, true)?;
                            f.add(&t, Kind::Quoted);
                        }
                    }
                }
            }
            Part::Tilde(_) => {
                let t = self.part_text(part, false)?;
                f.add(&t, Kind::Quoted);
            }
            other => {
                let t = self.part_text(other, false)?;
                f.add(&t, Kind::Split);
            }
        }
        Ok(())
    }

    /// The text of one part (quote removal done, no splitting).
    fn part_text(&mut self, part: &Part, quoted: bool) -> Result<String, Flow> {
        match part {
            Part::Lit(s) | Part::Quoted(s) => Ok(s.clone()),
            Part::Double(inner) => {
                let mut s = String::new();
                for p in inner {
                    s.push_str(&self.part_text(p, true)?);
                    if s.len() > MAX_VALUE {
                        return Err(too_large());
                    }
                }
                Ok(s)
            }
            Part::Tilde(user) => Ok(match user.as_str() {
                "" => self.sh.get("HOME").unwrap_or("/root").to_string(),
                "root" => "/root".to_string(),
                other => format!("~{other}"),
            }),
            Part::Param(p) => self.param(p, quoted),
            Part::Command(list) => self.substitute(list),
            Part::Arith(parts) => {
                let mut text = String::new();
                for p in parts {
                    text.push_str(&self.part_text(p, true)?);
                }
                match arith::eval(&text, self.sh) {
                    Ok(v) => Ok(v.to_string()),
                    Err(m) => {
                        let msg = format!("{}{m}\n", self.sh.prefix());
                        self.write(&Sink::Term, &msg)?;
                        Err(Flow::Fail(1))
                    }
                }
            }
        }
    }

    fn substitute(&mut self, list: &crate::shell::syntax::List) -> Result<String, Flow> {
        let buf = self.new_buf();
        let input = self.new_input(String::new());
        let io = Streams {
            out: Sink::Buf(buf),
            err: Sink::Term,
            input,
        };
        let saved = self.sh.clone();
        let r = self.deeper(|ex| ex.list(list, &io, false));
        let history = std::mem::take(&mut self.sh.history);
        *self.sh = saved;
        self.sh.history = history;
        let status = match r {
            Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Fail(s)) | Err(Flow::Return(s)) => s,
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => 0,
            Err(limit) => return Err(limit),
        };
        self.subst_status = Some(status);
        let mut text = self.take_buf(buf);
        while text.ends_with('\n') {
            text.pop();
        }
        Ok(text)
    }

    /// The value of a simple parameter (no operator).
    pub fn param_value(&mut self, name: &str) -> Option<String> {
        let sh = &mut *self.sh;
        match name {
            "?" => Some(sh.status.to_string()),
            "$" => Some(sh.pid.to_string()),
            "#" => Some(sh.positional.len().to_string()),
            "@" | "*" => Some(sh.positional.join(" ")),
            "0" => Some(sh.name.clone()),
            "!" | "-" => Some(String::new()),
            "RANDOM" => Some(sh.next_random().to_string()),
            "LINENO" => Some(sh.line.to_string()),
            "PWD" => Some(sh.get("PWD").map_or_else(|| sh.cwd.clone(), str::to_string)),
            "UID" | "EUID"
                if matches!(sh.dialect, super::Dialect::Bash | super::Dialect::BashSh) =>
            {
                Some("0".into())
            }
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                let i: usize = n.parse().unwrap_or(0);
                sh.positional.get(i.wrapping_sub(1)).cloned()
            }
            n => sh.get(n).map(str::to_string),
        }
    }

    fn param(&mut self, p: &Param, quoted: bool) -> Result<String, Flow> {
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
                let mut m = self.expand_string(w)?;
                if m.is_empty() {
                    m = if *colon {
                        "parameter null or not set"
                    } else {
                        "parameter not set"
                    }
                    .to_string();
                }
                let msg = format!("{}{}: {m}\n", self.sh.prefix(), p.name);
                self.write(&Sink::Term, &msg)?;
                Err(Flow::Fail(1))
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
            ParamOp::Slice(off, len) => {
                let v: Vec<char> = value.unwrap_or_default().chars().collect();
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
