//! `sed`: addresses (`N`, `$`, `/re/`, ranges), and the commands s, d, p, q, =, a, i, c, y.

use super::regex::Regex;
use super::{inputs, lines, open_error, opts};
use crate::shell::interp::{Files, Proc, Tools};

#[derive(Debug, Clone)]
enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

#[derive(Debug, Clone)]
enum Cmd {
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
struct Step {
    from: Option<Addr>,
    to: Option<Addr>,
    negate: bool,
    cmd: Cmd,
    active: bool,
}

struct Parser<'a> {
    c: Vec<char>,
    i: usize,
    ere: bool,
    gnu: bool,
    _p: std::marker::PhantomData<&'a ()>,
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

    fn script(&mut self) -> Result<Vec<Step>, String> {
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
                's' => {
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
                            d if d.is_ascii_digit() => {
                                nth = d.to_digit(10).unwrap_or(1).max(1) as usize
                            }
                            _ => break,
                        }
                        self.i += 1;
                    }
                    Cmd::Subst {
                        re: self.regex(&pat, icase)?,
                        rep,
                        global,
                        nth,
                        print,
                    }
                }
                'y' => {
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
                    Cmd::Translate(a, b)
                }
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

fn hits(addr: &Addr, n: usize, last: bool, line: &str) -> bool {
    match addr {
        Addr::Line(k) => *k == n,
        Addr::Last => last,
        Addr::Re(r) => r.is_match(line),
    }
}

fn selected(step: &mut Step, n: usize, last: bool, line: &str) -> bool {
    let base = match (&step.from, &step.to) {
        (None, _) => true,
        (Some(a), None) => hits(a, n, last, line),
        (Some(a), Some(b)) => {
            if step.active {
                if hits(b, n, last, line) || matches!(b, Addr::Line(k) if *k <= n) {
                    step.active = false;
                }
                true
            } else if hits(a, n, last, line) {
                step.active = !matches!(b, Addr::Line(k) if *k <= n);
                true
            } else {
                false
            }
        }
    };
    base != step.negate
}

fn substitute(re: &Regex, rep: &str, line: &str, global: bool, nth: usize) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut from = 0;
    let mut count = 0;
    let mut changed = false;
    while let Some((s, e, caps)) = re.find_at(&chars, from) {
        count += 1;
        out.extend(chars.get(from..s).unwrap_or(&[]).iter());
        if count >= nth {
            changed = true;
            let mut r = rep.chars();
            while let Some(c) = r.next() {
                match c {
                    '&' => out.extend(chars.get(s..e).unwrap_or(&[]).iter()),
                    '\\' => match r.next() {
                        Some(d) if d.is_ascii_digit() => {
                            let k = d.to_digit(10).unwrap_or(0) as usize;
                            if let Some(Some((a, b))) = caps.get(k) {
                                out.extend(chars.get(*a..*b).unwrap_or(&[]).iter());
                            }
                        }
                        Some('n') => out.push('\n'),
                        Some(o) => out.push(o),
                        None => out.push('\\'),
                    },
                    other => out.push(other),
                }
            }
        } else {
            out.extend(chars.get(s..e).unwrap_or(&[]).iter());
        }
        if e == s {
            if let Some(c) = chars.get(s) {
                out.push(*c);
            }
            from = s + 1;
        } else {
            from = e;
        }
        if (changed && !global) || from > chars.len() || out.len() > 4_000_000 {
            break;
        }
    }
    out.extend(chars.get(from.min(chars.len())..).unwrap_or(&[]).iter());
    changed.then_some(out)
}

/// Runs a parsed script over text; the flag says `q` stopped it.
fn run(steps: &mut [Step], text: &str, quiet: bool, out: &mut String) -> bool {
    let all = lines(text);
    let count = all.len();
    for (i, line) in all.into_iter().enumerate() {
        let n = i + 1;
        let last = n == count;
        let mut space = line.to_string();
        let mut deleted = false;
        let mut after = String::new();
        let mut quit = false;
        for step in steps.iter_mut() {
            if !selected(step, n, last, &space) {
                continue;
            }
            match &step.cmd {
                Cmd::Subst {
                    re,
                    rep,
                    global,
                    nth,
                    print,
                } => {
                    if let Some(new) = substitute(re, rep, &space, *global, *nth) {
                        space = new;
                        if *print {
                            out.push_str(&space);
                            out.push('\n');
                        }
                    }
                }
                Cmd::Delete => {
                    deleted = true;
                    break;
                }
                Cmd::Print => {
                    out.push_str(&space);
                    out.push('\n');
                }
                Cmd::Quit => {
                    quit = true;
                    break;
                }
                Cmd::LineNo => out.push_str(&format!("{n}\n")),
                Cmd::Append(t) => {
                    after.push_str(t);
                    after.push('\n');
                }
                Cmd::Insert(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Cmd::Change(t) => {
                    out.push_str(t);
                    out.push('\n');
                    deleted = true;
                    break;
                }
                Cmd::Translate(a, b) => {
                    space = space
                        .chars()
                        .map(|c| {
                            a.iter()
                                .position(|x| *x == c)
                                .and_then(|i| b.get(i))
                                .copied()
                                .unwrap_or(c)
                        })
                        .collect();
                }
            }
        }
        if !deleted && !quiet {
            out.push_str(&space);
            out.push('\n');
        }
        out.push_str(&after);
        if quit {
            return true;
        }
    }
    false
}

pub(super) fn sed(p: &mut Proc, fs: &mut dyn Files) -> i32 {
    let o = opts(p.args(), "nErisz", "ef");
    let mut operands = o.operands.clone();
    let mut scripts: Vec<String> = o.all('e').iter().map(|s| s.to_string()).collect();
    if scripts.is_empty() {
        if operands.is_empty() {
            let msg = match p.tools {
                Tools::Gnu => {
                    "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"
                }
                Tools::Busybox => {
                    "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n"
                }
            };
            p.err(msg);
            return 1;
        }
        scripts.push(operands.remove(0));
    }
    let mut parser = Parser {
        c: scripts.join("\n").chars().collect(),
        i: 0,
        ere: o.has('E') || o.has('r'),
        gnu: p.tools == Tools::Gnu,
        _p: std::marker::PhantomData,
    };
    let mut steps = match parser.script() {
        Ok(s) => s,
        Err(m) => {
            p.err(&m);
            return 1;
        }
    };
    if o.has('i') {
        let mut status = 0;
        for arg in &operands {
            let path = p.path(arg);
            match fs.read(&path) {
                Ok(text) => {
                    let mut out = String::new();
                    run(&mut steps, &text, o.has('n'), &mut out);
                    if let Err(e) = fs.write(&path, &out, false) {
                        p.err(&format!("sed: couldn't edit {arg}: {}\n", e.text()));
                        status = 4;
                    }
                }
                Err(e) => {
                    open_error(p, "sed", arg, e);
                    status = 2;
                }
            }
        }
        return status;
    }
    let (texts, failed) = inputs(p, fs, "sed", &operands);
    let text: String = texts.into_iter().map(|(_, t)| t).collect();
    let mut out = String::new();
    run(&mut steps, &text, o.has('n'), &mut out);
    p.out(&out);
    if failed { 2 } else { 0 }
}
