//! Builtins about the shell itself: `cd`, `export`, `set`, `type`, `command`, `source`, `let`, `help`.

use super::builtins::{BUILTINS, KEYWORDS, shell_quote};
use super::state::Dialect;
use super::{Exec, Flow, Sink, Streams};

impl Exec<'_> {
    pub(super) fn cd(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
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
        let path = crate::paths::normalize(&self.sh.cwd, &target);
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

    pub(super) fn export(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        if names.is_empty() {
            let mut text = String::new();
            let mut vars: Vec<(String, String)> = self.sh.environment();
            crate::order::sort(&mut vars);
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

    pub(super) fn set_builtin(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
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

    pub(super) fn type_builtin(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
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

    pub(super) fn command_builtin(
        &mut self,
        args: &[String],
        io: &Streams,
    ) -> Result<Option<i32>, Flow> {
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

    pub(super) fn source_file(
        &mut self,
        name: &str,
        args: &[String],
        io: &Streams,
    ) -> Result<i32, Flow> {
        let Some(file) = args.first() else {
            let msg = format!("{}{name}: filename argument required\n", self.sh.prefix());
            self.err(io, &msg)?;
            return Ok(2);
        };
        let path = crate::paths::normalize(&self.sh.cwd, file);
        match self.host.files().read(&path) {
            Ok(text) => {
                self.functions += 1;
                let r = self.deeper(|ex| ex.run_text(&text, io));
                self.functions -= 1;
                match r {
                    Err(Flow::Return(s)) => Ok(s),
                    other => other,
                }
            }
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

    /// Parses and runs text with the given streams (`eval`, `source`).
    pub(super) fn run_text(&mut self, text: &str, io: &Streams) -> Result<i32, Flow> {
        match crate::sh::syntax::parse(text, true) {
            Ok(parsed) => self.list(&parsed.list, io, false),
            Err(e) => {
                let msg = self.syntax_message(&e, text);
                self.err(io, &msg)?;
                Ok(2)
            }
        }
    }

    pub(super) fn arith_for_let(&mut self, text: &str) -> Result<i64, Flow> {
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

pub(super) const HELP: &str = "\
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
