//! Commands the shell runs itself: `cd`, `echo`, `export`, `set`, `exit`, `test`, `type` and friends.

use super::state::Dialect;
use super::{Exec, Flow, Streams};

/// Names the shell answers itself, for `type` and `command -v`.
pub const BUILTINS: [&str; 33] = [
    ":", ".", "[", "alias", "break", "cd", "command", "continue", "echo", "eval", "exec", "exit",
    "export", "false", "help", "history", "let", "local", "printf", "pwd", "read", "return", "set",
    "shift", "source", "test", "trap", "true", "type", "ulimit", "umask", "unset", "wait",
];

/// Reserved words, for `type`.
pub(super) const KEYWORDS: [&str; 15] = [
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done",
    "in", "{", "}",
];

impl Exec<'_> {
    pub(super) fn out(&mut self, io: &Streams, text: &str) -> Result<(), Flow> {
        let sink = io.out.clone();
        self.write(&sink, text)
    }

    pub(super) fn err(&mut self, io: &Streams, text: &str) -> Result<(), Flow> {
        let sink = io.err.clone();
        self.write(&sink, text)
    }

    /// Runs a builtin; None when `name` is not one.
    pub(super) fn builtin(
        &mut self,
        name: &str,
        argv: &[String],
        assigns: &[(String, String)],
        io: &Streams,
    ) -> Result<Option<i32>, Flow> {
        let args = argv.get(1..).unwrap_or(&[]);
        let status = match name {
            ":" | "true" | "alias" | "trap" | "ulimit" | "umask" | "wait" | "unalias" => 0,
            "false" => 1,
            "echo" => self.echo(args, io)?,
            "printf" => self.printf(args, io)?,
            "cd" => self.cd(args, io)?,
            "pwd" => {
                let cwd = format!("{}\n", self.sh.cwd);
                self.out(io, &cwd)?;
                0
            }
            "export" => self.export(args, io)?,
            "unset" => self.unset(args),
            "set" => self.set_builtin(args, io)?,
            "exit" | "return" | "break" | "continue" => self.flow_builtin(name, args, io)?,
            "shift" => self.shift(args),
            "read" => self.read(args, io)?,
            "test" | "[" => self.test(name, args, io)?,
            "eval" => {
                let text = args.join(" ");
                self.deeper(|ex| ex.run_text(&text, io))?
            }
            "source" | "." => self.source_file(name, args, io)?,
            "type" => self.type_builtin(args, io)?,
            "command" => return self.command_builtin(args, io),
            "local" => self.local(args),
            "let" => self.let_builtin(args)?,
            "history" => self.history(io)?,
            "help" if self.sh.dialect == Dialect::Bash => {
                self.out(io, super::builtins_env::HELP)?;
                0
            }
            "clear" if self.host.has("clear") => {
                self.sh.clear = true;
                0
            }
            "sleep" if self.host.has("sleep") => self.sleep_builtin(args, io)?,
            "xargs" if self.host.has("xargs") => self.xargs(args, io)?,
            "exec" if !args.is_empty() => {
                let s = self.dispatch(args.to_vec(), assigns, io, false)?;
                return Err(Flow::Exit(s));
            }
            "exec" => 0,
            "env" if self.host.has("env") && env_runs_command(args) => {
                self.env_command(args, io)?
            }
            "which" if self.host.has("which") => self.which(args, io)?,
            _ => match self.host.shell(name) {
                Some(dialect) => self.subshell_command(name, dialect, args, io)?,
                None => return Ok(None),
            },
        };
        Ok(Some(status))
    }

    /// `exit`, `return`, `break` and `continue`: each ends something by returning its `Flow`
    /// (outside a function or loop they only warn, as bash does).
    fn flow_builtin(&mut self, name: &str, args: &[String], io: &Streams) -> Result<i32, Flow> {
        match name {
            "exit" => Err(Flow::Exit(self.numeric_arg(name, args, io)?)),
            "return" if self.functions == 0 && self.sh.interactive => {
                let msg = format!(
                    "{}return: can only `return' from a function or sourced script\n",
                    self.sh.prefix()
                );
                self.err(io, &msg)?;
                Ok(1)
            }
            "return" => Err(Flow::Return(self.numeric_arg(name, args, io)?)),
            "break" | "continue" if self.loops == 0 => {
                if matches!(self.sh.dialect, Dialect::Bash | Dialect::BashSh) {
                    let msg = format!(
                        "{}{name}: only meaningful in a `for', `while', or `until' loop\n",
                        self.sh.prefix()
                    );
                    self.err(io, &msg)?;
                }
                Ok(0)
            }
            "break" | "continue" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                Err(if name == "break" {
                    Flow::Break(n)
                } else {
                    Flow::Continue(n)
                })
            }
            _ => Ok(0),
        }
    }

    /// `unset NAME...`: forgets variables and functions.
    fn unset(&mut self, args: &[String]) -> i32 {
        for a in args.iter().filter(|a| !a.starts_with('-')) {
            self.sh.vars.remove(a);
            self.sh.functions.remove(a);
        }
        0
    }

    /// `shift [N]`: drops positional parameters; 1 when there are fewer than N.
    fn shift(&mut self, args: &[String]) -> i32 {
        let n = args
            .first()
            .and_then(|a| a.parse::<usize>().ok())
            .unwrap_or(1);
        if n > self.sh.positional.len() {
            1
        } else {
            self.sh.positional.drain(..n);
            0
        }
    }

    /// `local NAME[=VALUE]...`.
    fn local(&mut self, args: &[String]) -> i32 {
        for a in args {
            match a.split_once('=') {
                Some((k, v)) => self.sh.set(k, v),
                None => self.sh.set(a, ""),
            }
        }
        0
    }

    /// `let EXPR...`: 0 when the last expression is non-zero.
    fn let_builtin(&mut self, args: &[String]) -> Result<i32, Flow> {
        let mut last = 0;
        for a in args {
            last = self.arith_for_let(a)?;
        }
        Ok(i32::from(last == 0))
    }

    /// `history`: the numbered lines typed so far.
    fn history(&mut self, io: &Streams) -> Result<i32, Flow> {
        let mut text = String::new();
        for (i, line) in self.sh.history.iter().enumerate() {
            text.push_str(&format!("{:>5}  {line}\n", i + 1));
        }
        self.out(io, &text)?;
        Ok(0)
    }

    /// `which NAME...`: where each program is; 1 when one is missing.
    fn which(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let mut status = 0;
        for a in args {
            if self.host.has(a) {
                let p = format!("{}\n", self.host.path_of(a));
                self.out(io, &p)?;
            } else {
                status = 1;
            }
        }
        Ok(status)
    }

    fn echo(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let dash = self.sh.dialect == Dialect::Dash;
        let mut newline = true;
        let mut escapes = dash;
        let mut i = 0;
        while let Some(a) = args.get(i) {
            let flags = a.strip_prefix('-').filter(|f| {
                !f.is_empty()
                    && f.chars()
                        .all(|c| if dash { c == 'n' } else { "neE".contains(c) })
            });
            let Some(flags) = flags else { break };
            for c in flags.chars() {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        }
        let mut text = args.get(i..).unwrap_or(&[]).join(" ");
        if escapes {
            let (t, stop) = super::printf::unescape(&text, true);
            text = t;
            if stop {
                newline = false;
            }
        }
        if newline {
            text.push('\n');
        }
        self.out(io, &text)?;
        Ok(0)
    }

    fn numeric_arg(&mut self, name: &str, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let Some(a) = args.first() else {
            return Ok(self.sh.status);
        };
        match a.parse::<i64>() {
            Ok(n) => Ok((n & 0xff) as i32),
            Err(_) => {
                let p = self.sh.prefix();
                let msg = match self.sh.dialect {
                    Dialect::Dash => format!("{p}{name}: Illegal number: {a}\n"),
                    Dialect::Busybox => format!("{p}{name}: Illegal number: {a}\n"),
                    _ => format!("{p}{name}: {a}: numeric argument required\n"),
                };
                self.err(io, &msg)?;
                Ok(2)
            }
        }
    }

    fn test(&mut self, name: &str, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let mut args = args.to_vec();
        let p = self.sh.prefix();
        if name == "[" {
            if args.last().map(String::as_str) != Some("]") {
                let msg = match self.sh.dialect {
                    Dialect::Dash => format!("{p}[: missing ]\n"),
                    Dialect::Busybox => format!("{p}[: missing ]\n"),
                    _ => format!("{p}[: missing `]'\n"),
                };
                self.err(io, &msg)?;
                return Ok(2);
            }
            args.pop();
        }
        let cwd = self.sh.cwd.clone();
        match super::test_cmd::evaluate(&args, self.host.files(), &cwd, false) {
            Ok(v) => Ok(i32::from(!v)),
            Err(m) => {
                self.err(io, &format!("{p}{name}: {m}\n"))?;
                Ok(2)
            }
        }
    }

    fn sleep_builtin(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let mut total_ms: u64 = 0;
        if args.is_empty() {
            let msg = match self.sh.tools {
                super::Tools::Gnu => {
                    "sleep: missing operand\nTry 'sleep --help' for more information.\n"
                }
                super::Tools::Busybox => {
                    "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n"
                }
            };
            self.err(io, msg)?;
            return Ok(1);
        }
        for a in args {
            let (num, unit) = match a
                .char_indices()
                .find(|(_, c)| !c.is_ascii_digit() && *c != '.')
            {
                Some((i, _)) => (a.get(..i).unwrap_or(""), a.get(i..).unwrap_or("")),
                None => (a.as_str(), ""),
            };
            let factor = match unit {
                "" | "s" => 1000.0,
                "m" => 60_000.0,
                "h" => 3_600_000.0,
                "d" => 86_400_000.0,
                _ => -1.0,
            };
            let value: Option<f64> = num.parse().ok();
            match value {
                Some(v) if factor > 0.0 && v.is_finite() && v >= 0.0 => {
                    total_ms = total_ms.saturating_add((v * factor).min(1e15) as u64);
                }
                _ => {
                    let msg = match self.sh.tools {
                        super::Tools::Gnu => format!(
                            "sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n"
                        ),
                        super::Tools::Busybox => format!("sleep: invalid number '{a}'\n"),
                    };
                    self.err(io, &msg)?;
                    return Ok(1);
                }
            }
        }
        self.sleep(total_ms)?;
        Ok(0)
    }
}

/// Whether `env` arguments name a command to run (not only `NAME=value` pairs and options).
fn env_runs_command(args: &[String]) -> bool {
    args.iter().any(|a| !a.contains('=') && !a.starts_with('-'))
}

/// Quotes a value the way `set` lists it.
pub(super) fn shell_quote(v: &str) -> String {
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:,@%+=".contains(c))
    {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', "'\\''"))
    }
}
