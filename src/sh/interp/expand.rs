//! Word expansion: parameters, command substitution, arithmetic, tilde, field splitting and globbing.

use super::arith::{self, Vars};
use super::glob;
use super::state::Shell;
use super::{Exec, Flow, Sink, Streams};
use crate::sh::syntax::{Part, Word};

/// The longest text one expansion may produce.
pub(super) const MAX_VALUE: usize = 4 * 1024 * 1024;

pub(super) fn too_large() -> Flow {
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
        let mut braced = Vec::new();
        for word in words {
            let (expanded, cut) = super::brace::expand(word);
            if cut {
                return Err(Flow::Limit(format!(
                    "stopped: a brace expansion grew beyond {} words, the playground's limit",
                    super::brace::MAX_WORDS
                )));
            }
            braced.extend(expanded);
        }
        for word in &braced {
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

    fn substitute(&mut self, list: &crate::sh::syntax::List) -> Result<String, Flow> {
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
}
