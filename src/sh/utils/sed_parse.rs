//! Reading a sed script: addresses and commands.

use super::regex::Regex;

#[derive(Debug, Clone)]
pub(super) enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

#[derive(Debug, Clone)]
pub(super) enum Cmd {
    Subst {
        re: Regex,
        rep: String,
        global: bool,
        nth: usize,
        print: bool,
    },
    Delete,
    Print,
    Quit,
    LineNo,
    Append(String),
    Insert(String),
    Change(String),
    Translate(Vec<char>, Vec<char>),
}

#[derive(Debug, Clone)]
pub(super) struct Step {
    pub(super) from: Option<Addr>,
    pub(super) to: Option<Addr>,
    pub(super) negate: bool,
    pub(super) cmd: Cmd,
    pub(super) active: bool,
}

pub(super) struct Parser<'a> {
    pub(super) c: Vec<char>,
    pub(super) i: usize,
    pub(super) ere: bool,
    pub(super) gnu: bool,
    pub(super) _p: std::marker::PhantomData<&'a ()>,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        if self.gnu {
            format!(
                "sed: -e expression #1, char {}: {what}\n",
                self.i.min(self.c.len())
            )
        } else {
            format!("sed: {what}\n")
        }
    }

    fn delimited(&mut self, delim: char) -> Option<String> {
        let mut s = String::new();
        loop {
            let c = *self.c.get(self.i)?;
            self.i += 1;
            if c == delim {
                return Some(s);
            }
            if c == '\\' {
                let n = *self.c.get(self.i)?;
                self.i += 1;
                if n == delim {
                    s.push(n);
                } else if n == 'n' {
                    s.push('\n');
                } else {
                    s.push('\\');
                    s.push(n);
                }
                continue;
            }
            s.push(c);
        }
    }

    fn regex(&self, text: &str, icase: bool) -> Result<Regex, String> {
        Regex::new(text, self.ere, icase).map_err(|e| self.err(&e))
    }

    fn addr(&mut self) -> Result<Option<Addr>, String> {
        match self.c.get(self.i) {
            Some('$') => {
                self.i += 1;
                Ok(Some(Addr::Last))
            }
            Some(d) if d.is_ascii_digit() => {
                let mut n = 0usize;
                while let Some(d) = self.c.get(self.i).and_then(|d| d.to_digit(10)) {
                    n = n.saturating_mul(10).saturating_add(d as usize);
                    self.i += 1;
                }
                Ok(Some(Addr::Line(n)))
            }
            Some('/') => {
                self.i += 1;
                let re = self
                    .delimited('/')
                    .ok_or_else(|| self.err("unterminated address regex"))?;
                Ok(Some(Addr::Re(self.regex(&re, false)?)))
            }
            _ => Ok(None),
        }
    }

    fn text_arg(&mut self) -> String {
        if self.c.get(self.i) == Some(&'\\') {
            self.i += 1;
        }
        while self.c.get(self.i).is_some_and(|c| *c == ' ' || *c == '\n') {
            self.i += 1;
        }
        let mut s = String::new();
        while let Some(&c) = self.c.get(self.i) {
            if c == '\n' {
                break;
            }
            s.push(c);
            self.i += 1;
        }
        s
    }

    /// `s/re/rep/flags` after the `s`: flags `g`, `p`, `i`/`I` and a number N (the Nth match).
    fn subst(&mut self) -> Result<Cmd, String> {
        let delim = *self
            .c
            .get(self.i)
            .ok_or_else(|| self.err("unterminated `s' command"))?;
        self.i += 1;
        let pat = self
            .delimited(delim)
            .ok_or_else(|| self.err("unterminated `s' command"))?;
        let rep = self
            .delimited(delim)
            .ok_or_else(|| self.err("unterminated `s' command"))?;
        let (mut global, mut nth, mut print, mut icase) = (false, 1, false, false);
        while let Some(&f) = self.c.get(self.i) {
            match f {
                'g' => global = true,
                'p' => print = true,
                'i' | 'I' => icase = true,
                d if d.is_ascii_digit() => nth = d.to_digit(10).unwrap_or(1).max(1) as usize,
                _ => break,
            }
            self.i += 1;
        }
        Ok(Cmd::Subst {
            re: self.regex(&pat, icase)?,
            rep,
            global,
            nth,
            print,
        })
    }

    /// `y/abc/xyz/` after the `y`: both strings must be as long.
    fn translate(&mut self) -> Result<Cmd, String> {
        let delim = *self
            .c
            .get(self.i)
            .ok_or_else(|| self.err("unterminated `y' command"))?;
        self.i += 1;
        let a = self
            .delimited(delim)
            .ok_or_else(|| self.err("unterminated `y' command"))?;
        let b = self
            .delimited(delim)
            .ok_or_else(|| self.err("unterminated `y' command"))?;
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        if a.len() != b.len() {
            return Err(self.err("strings for `y' command are different lengths"));
        }
        Ok(Cmd::Translate(a, b))
    }

    /// Parses the whole script: optional addresses, `!`, and a command, one after another.
    pub(super) fn script(&mut self) -> Result<Vec<Step>, String> {
        let mut steps = Vec::new();
        loop {
            while self
                .c
                .get(self.i)
                .is_some_and(|c| c.is_whitespace() || *c == ';')
            {
                self.i += 1;
            }
            if self.i >= self.c.len() {
                return Ok(steps);
            }
            let from = self.addr()?;
            let mut to = None;
            if from.is_some() && self.c.get(self.i) == Some(&',') {
                self.i += 1;
                to = self.addr()?;
            }
            while self.c.get(self.i) == Some(&' ') {
                self.i += 1;
            }
            let negate = self.c.get(self.i) == Some(&'!');
            if negate {
                self.i += 1;
            }
            let Some(&letter) = self.c.get(self.i) else {
                return Err(self.err("missing command"));
            };
            self.i += 1;
            let cmd = match letter {
                's' => self.subst()?,
                'y' => self.translate()?,
                'd' => Cmd::Delete,
                'p' => Cmd::Print,
                'q' => Cmd::Quit,
                '=' => Cmd::LineNo,
                'a' => Cmd::Append(self.text_arg()),
                'i' => Cmd::Insert(self.text_arg()),
                'c' => Cmd::Change(self.text_arg()),
                other => {
                    return Err(if self.gnu {
                        self.err(&format!("unknown command: `{other}'"))
                    } else {
                        format!("sed: unsupported command {other}\n")
                    });
                }
            };
            steps.push(Step {
                from,
                to,
                negate,
                cmd,
                active: false,
            });
        }
    }
}
