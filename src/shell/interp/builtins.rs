//! Commands the shell runs itself: `cd`, `echo`, `export`, `set`, `exit`, `test`, `type` and friends.

use super::state::Dialect;
use super::{Exec, Flow, Sink, Streams};

/// Names the shell answers itself, for `type` and `command -v`.
pub const BUILTINS: [&str; 33] = [
    ":", ".", "[", "alias", "break", "cd", "command", "continue", "echo", "eval", "exec", "exit",
    "export", "false", "help", "history", "let", "local", "printf", "pwd", "read", "return", "set",
    "shift", "source", "test", "trap", "true", "type", "ulimit", "umask", "unset", "wait",
];

/// Reserved words, for `type`.
const KEYWORDS: [&str; 15] = [
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
            "unset" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    self.sh.vars.remove(a);
                    self.sh.functions.remove(a);
                }
                0
            }
            "set" => self.set_builtin(args, io)?,
            "exit" => return Err(Flow::Exit(self.numeric_arg(name, args, io)?)),
            "return" => return Err(Flow::Return(self.numeric_arg(name, args, io)?)),
            "break" | "continue" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                return Err(if name == "break" {
                    Flow::Break(n)
                } else {
                    Flow::Continue(n)
                });
            }
            "shift" => {
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
            "read" => self.read(args, io)?,
            "test" | "[" => self.test(name, args, io)?,
            "eval" => {
                let text = args.join(" ");
                self.deeper(|ex| ex.run_text(&text, io))?
            }
            "source" | "." => self.source_file(name, args, io)?,
            "type" => self.type_builtin(args, io)?,
            "command" => return self.command_builtin(args, io),
            "local" => {
                for a in args {
                    match a.split_once('=') {
                        Some((k, v)) => self.sh.set(k, v),
                        None => self.sh.set(a, ""),
                    }
                }
                0
            }
            "let" => {
                let mut last = 0;
                for a in args {
                    last = self.arith_for_let(a)?;
                }
                i32::from(last == 0)
            }
            "history" => {
                let mut text = String::new();
                for (i, line) in self.sh.history.iter().enumerate() {
                    text.push_str(&format!("{:>5}  {line}\n", i + 1));
                }
                self.out(io, &text)?;
                0
            }
            "help" if self.sh.dialect == Dialect::Bash => {
                self.out(io, HELP)?;
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
            "which" if self.host.has("which") => {
                let mut status = 0;
                for a in args {
                    if self.host.has(a) {
                        let p = format!("{}\n", self.host.path_of(a));
                        self.out(io, &p)?;
                    } else {
                        status = 1;
                    }
                }
                status
            }
            _ => match self.host.shell(name) {
                Some(dialect) => self.subshell_command(name, dialect, args, io)?,
                None => return Ok(None),
            },
        };
        Ok(Some(status))
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
            let (t, stop) = super::builtins_io::unescape(&text, true);
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

    fn cd(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let p = self.sh.prefix();
        let args: Vec<&String> = args.iter().filter(|a| *a != "-L" && *a != "-P").collect();
        if args.len() > 1 && matches!(self.sh.dialect, Dialect::Bash | Dialect::BashSh) {
            self.err(io, &format!("{p}cd: too many arguments\n"))?;
            return Ok(1);
        }
        let (target, print) = match args.first().map(|s| s.as_str()) {
            None => match self.sh.get("HOME") {
                Some(h) => (h.to_string(), false),
                None => ("/root".to_string(), false),
            },
            Some("-") => match self.sh.get("OLDPWD") {
                Some(o) => (o.to_string(), true),
                None => {
                    self.err(io, &format!("{p}cd: OLDPWD not set\n"))?;
                    return Ok(1);
                }
            },
            Some(t) => (t.to_string(), false),
        };
        let path = crate::sim::fs::normalize(&self.sh.cwd, &target);
        let problem = match self.host.files().stat(&path) {
            Some(super::Stat::Dir) => None,
            Some(super::Stat::File(_)) => Some("Not a directory"),
            None => Some("No such file or directory"),
        };
        if let Some(why) = problem {
            let msg = match self.sh.dialect {
                Dialect::Dash => format!("{p}cd: can't cd to {target}\n"),
                Dialect::Busybox => format!("{p}cd: can't cd to {target}: {why}\n"),
                _ => format!("{p}cd: {target}: {why}\n"),
            };
            self.err(io, &msg)?;
            return Ok(if self.sh.dialect == Dialect::Dash {
                2
            } else {
                1
            });
        }
        let old = std::mem::replace(&mut self.sh.cwd, path.clone());
        self.sh.set("OLDPWD", &old);
        self.sh.set("PWD", &path);
        if print {
            self.out(io, &format!("{path}\n"))?;
        }
        Ok(0)
    }

    fn export(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        if names.is_empty() {
            let mut text = String::new();
            let mut vars: Vec<(String, String)> = self.sh.environment();
            vars.sort();
            for (k, v) in vars {
                match self.sh.dialect {
                    Dialect::Bash | Dialect::BashSh => {
                        let escaped = v
                            .replace('\\', "\\\\")
                            .replace('"', "\\\"")
                            .replace('$', "\\$");
                        text.push_str(&format!("declare -x {k}=\"{escaped}\"\n"));
                    }
                    _ => text.push_str(&format!("export {k}='{}'\n", v.replace('\'', "'\"'\"'"))),
                }
            }
            self.out(io, &text)?;
            return Ok(0);
        }
        for a in names {
            match a.split_once('=') {
                Some((k, v)) => self.sh.export(k, Some(v)),
                None => self.sh.export(a, None),
            }
        }
        Ok(0)
    }

    fn set_builtin(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        if args.is_empty() {
            let mut text = String::new();
            for (k, v) in &self.sh.vars {
                text.push_str(&format!("{k}={}\n", shell_quote(&v.value)));
            }
            self.out(io, &text)?;
            return Ok(0);
        }
        let mut i = 0;
        while let Some(a) = args.get(i) {
            i += 1;
            if a == "--" {
                self.sh.positional = args.get(i..).unwrap_or(&[]).to_vec();
                return Ok(0);
            }
            let (on, flags) = match (a.strip_prefix('-'), a.strip_prefix('+')) {
                (Some(f), _) => (true, f),
                (_, Some(f)) => (false, f),
                _ => {
                    self.sh.positional = args.get(i - 1..).unwrap_or(&[]).to_vec();
                    return Ok(0);
                }
            };
            for c in flags.chars() {
                match c {
                    'e' => self.sh.errexit = on,
                    'x' => self.sh.xtrace = on,
                    'o' => {
                        let opt = args.get(i).cloned().unwrap_or_default();
                        i += 1;
                        match opt.as_str() {
                            "pipefail" => self.sh.set_pipefail(on),
                            "errexit" => self.sh.errexit = on,
                            "xtrace" => self.sh.xtrace = on,
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
        }
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

    fn type_builtin(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let mut status = 0;
        for a in args {
            let line = if self.sh.functions.contains_key(a) {
                format!("{a} is a function\n")
            } else if KEYWORDS.contains(&a.as_str()) {
                format!("{a} is a shell keyword\n")
            } else if BUILTINS.contains(&a.as_str()) {
                format!("{a} is a shell builtin\n")
            } else if self.host.has(a) {
                format!("{a} is {}\n", self.host.path_of(a))
            } else {
                status = 1;
                let msg = match self.sh.dialect {
                    Dialect::Bash | Dialect::BashSh => {
                        format!("{}type: {a}: not found\n", self.sh.prefix())
                    }
                    _ => format!("{a}: not found\n"),
                };
                self.err(io, &msg)?;
                continue;
            };
            self.out(io, &line)?;
        }
        Ok(status)
    }

    fn command_builtin(&mut self, args: &[String], io: &Streams) -> Result<Option<i32>, Flow> {
        match args.first().map(String::as_str) {
            Some("-v" | "-V") => {
                let mut status = 0;
                for a in args.get(1..).unwrap_or(&[]) {
                    if BUILTINS.contains(&a.as_str()) || self.sh.functions.contains_key(a) {
                        self.out(io, &format!("{a}\n"))?;
                    } else if self.host.has(a) {
                        let p = format!("{}\n", self.host.path_of(a));
                        self.out(io, &p)?;
                    } else {
                        status = 1;
                    }
                }
                Ok(Some(status))
            }
            Some(_) => {
                let argv = args.to_vec();
                let saved = std::mem::take(&mut self.sh.functions);
                let r = self.dispatch(argv, &[], io, false);
                self.sh.functions = saved;
                r.map(Some)
            }
            None => Ok(Some(0)),
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

    /// Parses and runs text with the given streams (`eval`, `source`).
    pub(super) fn run_text(&mut self, text: &str, io: &Streams) -> Result<i32, Flow> {
        match crate::shell::syntax::parse(text, true) {
            Ok(parsed) => self.list(&parsed.list, io, false),
            Err(e) => {
                let msg = self.syntax_message(&e, text);
                self.err(io, &msg)?;
                Ok(2)
            }
        }
    }

    fn source_file(&mut self, name: &str, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let Some(file) = args.first() else {
            let msg = format!("{}{name}: filename argument required\n", self.sh.prefix());
            self.err(io, &msg)?;
            return Ok(2);
        };
        let path = crate::sim::fs::normalize(&self.sh.cwd, file);
        match self.host.files().read(&path) {
            Ok(text) => self.deeper(|ex| ex.run_text(&text, io)),
            Err(e) => {
                let p = self.sh.prefix();
                let msg = match self.sh.dialect {
                    Dialect::Dash => format!("{p}{name}: cannot open {file}: No such file\n"),
                    Dialect::Busybox => format!("{p}{name}: can't open '{file}': {}\n", e.text()),
                    _ => format!("{p}{file}: {}\n", e.text()),
                };
                self.err(io, &msg)?;
                Ok(1)
            }
        }
    }

    fn arith_for_let(&mut self, text: &str) -> Result<i64, Flow> {
        match super::arith::eval(text, self.sh) {
            Ok(v) => Ok(v),
            Err(m) => {
                let msg = format!("{}let: {m}\n", self.sh.prefix());
                self.write(&Sink::Term, &msg)?;
                Err(Flow::Fail(1))
            }
        }
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

const HELP: &str = "\
This terminal runs a bash-like shell against the simulated cluster.

  kubectl ...                 talk to the cluster (get, describe, apply, exec, logs, ...)
  kubectl exec -it POD -- sh  open a shell inside a container; `exit` comes back
  ;  &&  ||  |  $VAR  $(...)  for/while/until/if/case   as in bash
  cat <<EOF > web.yaml        write a file from the lines that follow, up to EOF
  echo cat ls grep head tail wc sort uniq awk cut tr sed xargs
  sleep N                     let N seconds of cluster time pass
  clear history pwd cd mkdir rm touch cp mv export env true false exit

Files you create here appear in the editor, and files in the editor can be used here.
";
