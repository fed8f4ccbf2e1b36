//! Builtins that read input or start commands: `read`, `xargs`, `env CMD`, `sh -c`.

use super::state::{Dialect, Shell};
use super::{Exec, Flow, Input, Sink, Streams};

impl Exec<'_> {
    pub(super) fn read(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let mut raw = false;
        let mut names = Vec::new();
        let mut i = 0;
        while let Some(a) = args.get(i) {
            i += 1;
            match a.as_str() {
                "-r" => raw = true,
                "-s" => {}
                "-p" | "-t" | "-n" | "-d" | "-u" => i += 1,
                other => names.push(other.to_string()),
            }
        }
        let mut line = String::new();
        let mut complete = false;
        let input = self.inputs.get_mut(io.input);
        if let Some(input) = input {
            while let Some((part, newline)) = input.read_line() {
                complete = newline;
                if !raw && part.ends_with('\\') && newline {
                    line.push_str(part.get(..part.len() - 1).unwrap_or(""));
                    continue;
                }
                line.push_str(&part);
                break;
            }
        }
        if !raw {
            line = remove_backslashes(&line);
        }
        let ifs = self.sh.get("IFS").unwrap_or(" \t\n").to_string();
        if names.is_empty() {
            self.sh.set("REPLY", &line);
        } else {
            let mut rest = line.trim_matches(|c| ifs.contains(c)).to_string();
            let count = names.len();
            for (n, name) in names.iter().enumerate() {
                if n + 1 == count {
                    self.sh
                        .set(name, rest.trim_end_matches(|c| ifs.contains(c)));
                    break;
                }
                let (field, remainder) = match rest.find(|c| ifs.contains(c)) {
                    Some(p) => (
                        rest.get(..p).unwrap_or("").to_string(),
                        rest.get(p..).unwrap_or("").to_string(),
                    ),
                    None => (rest.clone(), String::new()),
                };
                self.sh.set(name, &field);
                rest = remainder
                    .trim_start_matches(|c| ifs.contains(c))
                    .to_string();
            }
        }
        Ok(i32::from(!complete))
    }

    /// `xargs`: runs the command once per chunk of input words (`-n`), or once per line with
    /// the `-I` string replaced; 123 when a run failed, 127 when the command is missing.
    pub(super) fn xargs(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let opts = xargs_opts(args, self.sh.tools == super::Tools::Busybox);
        let text = self
            .inputs
            .get_mut(io.input)
            .map(Input::take_all)
            .unwrap_or_default();
        let runs = xargs_runs(&opts, &text);
        let mut status = 0;
        for argv in runs {
            self.tick()?;
            if opts.trace {
                let line = format!("{}\n", argv.join(" "));
                self.err(io, &line)?;
            }
            let child = Streams {
                out: io.out.clone(),
                err: io.err.clone(),
                input: self.new_input(String::new()),
            };
            let s = match self.dispatch(argv, &[], &child, false) {
                Ok(s) => s,
                Err(Flow::Exit(s)) => s,
                Err(other) => return Err(other),
            };
            if s == 127 {
                return Ok(127);
            }
            if s != 0 {
                status = 123;
            }
        }
        Ok(status)
    }

    pub(super) fn env_command(&mut self, args: &[String], io: &Streams) -> Result<i32, Flow> {
        let mut assigns = Vec::new();
        let mut i = 0;
        while let Some(a) = args.get(i) {
            if a.starts_with('-') {
                i += if a == "-u" { 2 } else { 1 };
                continue;
            }
            match a.split_once('=') {
                Some((k, v)) => assigns.push((k.to_string(), v.to_string())),
                None => break,
            }
            i += 1;
        }
        let argv = args.get(i..).unwrap_or(&[]).to_vec();
        self.dispatch(argv, &assigns, io, false)
    }

    /// `sh -c 'script' [name [args]]`, `sh FILE`, or `sh` reading its script from standard input.
    pub(super) fn subshell_command(
        &mut self,
        name: &str,
        dialect: Dialect,
        args: &[String],
        io: &Streams,
    ) -> Result<i32, Flow> {
        let short = name.rsplit('/').next().unwrap_or(name).to_string();
        let mut child = Shell::new(&short, dialect, self.sh.tools, self.sh.pid.wrapping_add(7));
        for (k, v) in self.sh.environment() {
            child.export(&k, Some(&v));
        }
        child.cwd = self.sh.cwd.clone();
        child.tty = self.sh.tty;
        let mut script = None;
        let mut i = 0;
        while let Some(a) = args.get(i) {
            i += 1;
            match a.as_str() {
                "-c" => {
                    script = args.get(i).cloned();
                    i += 1;
                    if let Some(zero) = args.get(i) {
                        child.name = zero.clone();
                        child.positional = args.get(i + 1..).unwrap_or(&[]).to_vec();
                    }
                    break;
                }
                "-e" => child.errexit = true,
                "-x" => child.xtrace = true,
                "-ex" | "-xe" => {
                    child.errexit = true;
                    child.xtrace = true;
                }
                "-l" | "-i" | "-s" | "--login" => {}
                file => {
                    let path = crate::paths::normalize(&self.sh.cwd, file);
                    match self.host.files().read(&path) {
                        Ok(t) => script = Some(t),
                        Err(e) => {
                            let msg = match dialect {
                                Dialect::Dash => {
                                    format!("{short}: 0: cannot open {file}: No such file\n")
                                }
                                Dialect::Busybox => {
                                    format!("{short}: can't open '{file}': {}\n", e.text())
                                }
                                _ => format!("{short}: {file}: {}\n", e.text()),
                            };
                            self.err(io, &msg)?;
                            return Ok(127);
                        }
                    }
                    child.positional = args.get(i..).unwrap_or(&[]).to_vec();
                    break;
                }
            }
        }
        let script = match script {
            Some(s) => s,
            None => self
                .inputs
                .get_mut(io.input)
                .map(Input::take_all)
                .unwrap_or_default(),
        };
        std::mem::swap(self.sh, &mut child);
        let r = self.deeper(|ex| ex.run_script(&script, io));
        std::mem::swap(self.sh, &mut child);
        match r {
            Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Fail(s)) | Err(Flow::Return(s)) => Ok(s),
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => Ok(0),
            Err(limit) => Err(limit),
        }
    }

    /// Runs a whole script line by line as a non-interactive shell does, so messages carry line numbers.
    pub(super) fn run_script(&mut self, text: &str, io: &Streams) -> Result<i32, Flow> {
        let _ = Sink::Null;
        match crate::sh::syntax::parse(text, true) {
            Ok(parsed) => self.list(&parsed.list, io, false),
            Err(e) => {
                let msg = self.syntax_message(&e, text);
                self.err(io, &msg)?;
                Ok(2)
            }
        }
    }
}

fn remove_backslashes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits `xargs` input into items: blanks separate, quotes and backslashes group.
fn split_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut has = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if has {
                    items.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            '\'' | '"' => {
                has = true;
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    cur.push(q);
                }
            }
            '\\' => {
                has = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            other => {
                has = true;
                cur.push(other);
            }
        }
    }
    if has {
        items.push(cur);
    }
    items
}

/// `xargs` options and the command to run.
struct XargsOpts {
    /// Words per run (`-n`).
    per: usize,
    /// The string `-I` replaces with each line.
    replace: Option<String>,
    /// `-r`: no run for empty input (BusyBox's default).
    skip_empty: bool,
    /// `-t`: print each command before running it.
    trace: bool,
    /// The command (`echo` when none is given).
    command: Vec<String>,
}

/// Reads `xargs` options up to the command.
fn xargs_opts(args: &[String], busybox: bool) -> XargsOpts {
    let mut per = usize::MAX;
    let mut replace: Option<String> = None;
    let mut skip_empty = busybox;
    let mut trace = false;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        match a.as_str() {
            "-n" => {
                per = args
                    .get(i + 1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1)
                    .max(1);
                i += 2;
            }
            "-I" => {
                replace = args.get(i + 1).cloned();
                i += 2;
            }
            "-i" => {
                replace = Some("{}".into());
                i += 1;
            }
            "-r" | "--no-run-if-empty" => {
                skip_empty = true;
                i += 1;
            }
            "-t" => {
                trace = true;
                i += 1;
            }
            "-P" | "-L" | "-d" => i += 2,
            s if s.starts_with("-n") => {
                per = s.get(2..).and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
                i += 1;
            }
            s if s.starts_with("-I") => {
                replace = s.get(2..).map(str::to_string);
                i += 1;
            }
            s if s.starts_with('-') && s.len() > 1 => i += 1,
            _ => break,
        }
    }
    let mut command: Vec<String> = args.get(i..).unwrap_or(&[]).to_vec();
    if command.is_empty() {
        command.push("echo".into());
    }
    XargsOpts {
        per,
        replace,
        skip_empty,
        trace,
        command,
    }
}

/// The command lines `xargs` runs for its input.
fn xargs_runs(opts: &XargsOpts, text: &str) -> Vec<Vec<String>> {
    let mut runs: Vec<Vec<String>> = Vec::new();
    if let Some(r) = &opts.replace {
        for line in text.lines().map(str::trim_start).filter(|l| !l.is_empty()) {
            runs.push(
                opts.command
                    .iter()
                    .map(|c| c.replace(r.as_str(), line))
                    .collect(),
            );
        }
    } else {
        let items = split_items(text);
        if items.is_empty() && !opts.skip_empty {
            runs.push(opts.command.clone());
        }
        for chunk in items.chunks(opts.per.min(items.len().max(1))) {
            let mut argv = opts.command.clone();
            argv.extend(chunk.iter().cloned());
            runs.push(argv);
        }
    }
    runs
}
