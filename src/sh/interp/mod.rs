//! The interpreter shared by the workspace shell and the container shells. What differs between
//! them (files, installed commands, the clock) comes from a [`Host`].

pub mod arith;
mod brace;
mod builtins;
mod builtins_env;
mod builtins_io;
mod expand;
mod expand_param;
pub mod glob;
pub mod io;
mod printf;
mod redirect;
mod run;
pub mod state;
pub mod test_cmd;

pub use io::{Files, FsError, Input, Proc, Stat, Tools};
pub use printf::unescape as builtins_unescape;
pub use state::{Dialect, Shell};

use crate::sh::syntax::{self, ParseError};

/// The commands and files a shell runs against.
pub trait Host {
    /// The file system.
    fn files(&mut self) -> &mut dyn Files;
    /// Runs a command that is not a shell builtin; None when no such command is installed.
    fn run(&mut self, p: &mut Proc) -> Option<i32>;
    /// Whether a command is installed (for `type`, `command -v`, `which`).
    fn has(&self, name: &str) -> bool;
    /// Where an installed command lives (`/usr/bin/grep`).
    fn path_of(&self, name: &str) -> String {
        format!("/usr/bin/{name}")
    }
    /// The dialect of the shell a command name starts, if it is an installed shell.
    fn shell(&self, name: &str) -> Option<Dialect>;
    /// Lets virtual time pass.
    fn sleep(&mut self, ms: u64);
    /// Virtual milliseconds since the host's clock started.
    fn now_ms(&self) -> u64;
    /// The calendar time now, as `date` prints it.
    fn timestamp(&self) -> jiff::Timestamp;
}

/// How control leaves the normal flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flow {
    /// `exit N`.
    Exit(i32),
    /// `break N`.
    Break(usize),
    /// `continue N`.
    Continue(usize),
    /// `return N`.
    Return(i32),
    /// An expansion error: the rest of the command line is skipped with this status.
    Fail(i32),
    /// A playground limit was reached; the note says which.
    Limit(String),
}

/// The result of running something: its status, or a change of flow.
pub type R = Result<i32, Flow>;

/// Bounds that keep one typed line from running away.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Simple commands and loop rounds per line.
    pub steps: usize,
    /// Bytes shown on the terminal per line.
    pub screen: usize,
    /// Bytes written anywhere per line (pipes, files, variables).
    pub bytes: usize,
    /// Virtual milliseconds `sleep` may pass per line.
    pub sleep_ms: u64,
    /// Function calls, `eval`, `source` and substitutions inside each other.
    pub depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            steps: 100_000,
            screen: 256 * 1024,
            bytes: 16 * 1024 * 1024,
            sleep_ms: 24 * 3600 * 1000,
            depth: 100,
        }
    }
}

/// Where a stream goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    /// The terminal.
    Term,
    /// A capture buffer (pipes, `$( )`).
    Buf(usize),
    /// A file, appended to as output comes.
    File(String),
    /// `/dev/null`.
    Null,
}

/// The streams of a command: output, error and the index of its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streams {
    /// Standard output.
    pub out: Sink,
    /// Standard error.
    pub err: Sink,
    /// Standard input (index into the execution's inputs).
    pub input: usize,
}

/// One run of a text through a shell.
pub struct Exec<'a> {
    /// The shell's state.
    pub sh: &'a mut Shell,
    /// Files and commands.
    pub host: &'a mut dyn Host,
    /// What the terminal shows.
    pub term: String,
    bufs: Vec<String>,
    inputs: Vec<Input>,
    steps: usize,
    produced: usize,
    slept: u64,
    truncated: bool,
    depth: usize,
    /// Loops and functions around the command running now (for `break` and `return`).
    loops: usize,
    functions: usize,
    limits: Limits,
    /// Status of the last command substitution, for assignment-only commands.
    subst_status: Option<i32>,
}

impl<'a> Exec<'a> {
    /// A run with the given standard input.
    pub fn new(
        sh: &'a mut Shell,
        host: &'a mut dyn Host,
        stdin: String,
        limits: Limits,
    ) -> Exec<'a> {
        Exec {
            sh,
            host,
            term: String::new(),
            bufs: Vec::new(),
            inputs: vec![Input::new(stdin)],
            steps: 0,
            produced: 0,
            slept: 0,
            truncated: false,
            depth: 0,
            loops: 0,
            functions: 0,
            limits,
            subst_status: None,
        }
    }

    /// The streams of the top level: everything to the terminal, the run's standard input.
    pub fn top() -> Streams {
        Streams {
            out: Sink::Term,
            err: Sink::Term,
            input: 0,
        }
    }

    /// Parses and runs `text` as one input (a typed line, `sh -c`, a script); returns the status or
    /// the flow that ended it. Syntax errors are printed as this shell prints them.
    pub fn source(&mut self, text: &str, at_end: bool, tail: bool) -> R {
        let parsed = match syntax::parse(text, at_end) {
            Ok(p) => p,
            Err(e) => {
                let msg = self.syntax_message(&e, text);
                let io = Exec::top();
                self.write(&io.err, &msg)?;
                return Ok(2);
            }
        };
        for (line, delim) in &parsed.unterminated_docs {
            let msg = self.doc_warning(*line, delim);
            self.write(&Sink::Term, &msg)?;
        }
        let io = Exec::top();
        self.list(&parsed.list, &io, tail)
    }

    /// The message a shell prints for a syntax error.
    pub fn syntax_message(&self, e: &ParseError, text: &str) -> String {
        let line = self.sh.line + text.trim_end_matches('\n').matches('\n').count();
        let p = match self.sh.dialect {
            Dialect::Dash => format!("{}: {line}: ", self.sh.name),
            Dialect::Busybox => format!("{}: ", self.sh.name),
            _ if self.sh.interactive => format!("{}: ", self.sh.name),
            _ => format!("{}: line {line}: ", self.sh.name),
        };
        let dash = self.sh.dialect == Dialect::Dash;
        let busybox = self.sh.dialect == Dialect::Busybox;
        match e {
            ParseError::Unexpected(tok) if dash => {
                format!("{p}Syntax error: \"{tok}\" unexpected\n")
            }
            ParseError::Unexpected(tok) if busybox => {
                format!("{p}syntax error: unexpected \"{tok}\"\n")
            }
            ParseError::Unexpected(tok) => {
                let mut m = format!("{p}syntax error near unexpected token `{tok}'\n");
                if !self.sh.interactive {
                    m.push_str(&format!("{p}`{}'\n", text.trim()));
                }
                m
            }
            ParseError::BadSubstitution(s) if dash => {
                format!("{p}Syntax error: Bad substitution\n")
            }
            ParseError::BadSubstitution(s) if busybox => {
                let _ = s;
                format!("{p}syntax error: bad substitution\n")
            }
            ParseError::BadSubstitution(s) => format!("{p}{s}: bad substitution\n"),
            ParseError::TooDeep => {
                format!("{p}syntax error: nesting too deep for the playground\n")
            }
            ParseError::Incomplete(syntax::Open::Quote(q)) if dash => {
                let _ = q;
                format!("{p}Syntax error: Unterminated quoted string\n")
            }
            ParseError::Incomplete(syntax::Open::Quote(q)) if busybox => {
                let _ = q;
                format!("{p}syntax error: unterminated quoted string\n")
            }
            ParseError::Incomplete(syntax::Open::Quote(q))
                if *q == '\'' || *q == '"' || *q == '`' =>
            {
                format!("{p}unexpected EOF while looking for matching `{q}'\n")
            }
            ParseError::Incomplete(syntax::Open::Keyword(k)) if dash => {
                format!("{p}Syntax error: end of file unexpected (expecting \"{k}\")\n")
            }
            ParseError::Incomplete(syntax::Open::Keyword(k)) if busybox => {
                format!("{p}syntax error: unexpected end of file (expecting \"{k}\")\n")
            }
            ParseError::Incomplete(_) => format!("{p}syntax error: unexpected end of file\n"),
        }
    }

    fn doc_warning(&self, line: usize, delim: &str) -> String {
        match self.sh.dialect {
            Dialect::Bash | Dialect::BashSh => format!(
                "{}: warning: here-document at line {line} delimited by end-of-file (wanted `{delim}')\n",
                self.sh.name
            ),
            _ => String::new(),
        }
    }

    /// Counts one step; stops the line when there were too many.
    fn tick(&mut self) -> Result<(), Flow> {
        self.steps += 1;
        if self.steps > self.limits.steps {
            return Err(Flow::Limit(format!(
                "stopped after {} commands: the playground's limit for one line",
                self.limits.steps
            )));
        }
        Ok(())
    }

    /// Writes text to a sink.
    pub fn write(&mut self, sink: &Sink, text: &str) -> Result<(), Flow> {
        if text.is_empty() {
            return Ok(());
        }
        // The screen has its own cap; everything kept in memory or files counts toward the line's budget.
        if *sink != Sink::Term {
            self.produced = self.produced.saturating_add(text.len());
        }
        if self.produced > self.limits.bytes {
            return Err(Flow::Limit(format!(
                "stopped after writing {} MiB: the playground's limit for one line",
                self.limits.bytes / (1024 * 1024)
            )));
        }
        match sink {
            Sink::Term => {
                if self.truncated {
                    return Ok(());
                }
                let room = self.limits.screen.saturating_sub(self.term.len());
                if text.len() <= room {
                    self.term.push_str(text);
                } else {
                    let mut cut = room;
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    self.term.push_str(text.get(..cut).unwrap_or(""));
                    self.truncated = true;
                }
            }
            Sink::Buf(i) => {
                if let Some(b) = self.bufs.get_mut(*i) {
                    b.push_str(text);
                }
            }
            Sink::File(path) => {
                if let Err(e) = self.host.files().write(path, text, true) {
                    let msg = format!("{}write error: {}\n", self.sh.prefix(), e.text());
                    self.term.push_str(&msg);
                }
            }
            Sink::Null => {}
        }
        Ok(())
    }

    /// Whether the screen output was cut at the limit.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// The note printed after cut output.
    pub fn truncation_note(&self) -> String {
        format!(
            "[output truncated: the playground shows at most {} KiB per line]\n",
            self.limits.screen / 1024
        )
    }

    /// A new capture buffer to send a stream to.
    pub fn capture(&mut self) -> Sink {
        Sink::Buf(self.new_buf())
    }

    /// Takes what a capture buffer collected.
    pub fn take_capture(&mut self, sink: &Sink) -> String {
        match sink {
            Sink::Buf(i) => self.take_buf(*i),
            _ => String::new(),
        }
    }

    fn new_buf(&mut self) -> usize {
        self.bufs.push(String::new());
        self.bufs.len() - 1
    }

    fn take_buf(&mut self, i: usize) -> String {
        self.bufs.get_mut(i).map(std::mem::take).unwrap_or_default()
    }

    fn new_input(&mut self, text: String) -> usize {
        self.inputs.push(Input::new(text));
        self.inputs.len() - 1
    }

    /// Runs a body one level deeper, refusing runaway recursion.
    fn deeper<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, Flow>) -> Result<T, Flow> {
        self.depth += 1;
        if self.depth > self.limits.depth {
            self.depth -= 1;
            return Err(Flow::Limit(format!(
                "stopped at {} nested calls: the playground's limit",
                self.limits.depth
            )));
        }
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// Lets virtual time pass, within the line's budget.
    fn sleep(&mut self, ms: u64) -> Result<(), Flow> {
        self.slept = self.slept.saturating_add(ms);
        if self.slept > self.limits.sleep_ms {
            return Err(Flow::Limit(format!(
                "stopped after sleeping {} virtual hours: the playground's limit for one line",
                self.limits.sleep_ms / 3_600_000
            )));
        }
        self.host.sleep(ms);
        Ok(())
    }
}
