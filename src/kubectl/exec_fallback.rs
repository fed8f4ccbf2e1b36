//! A small stand-in for the container shell of the terminal piece (`shell::container::exec`):
//! `hostname`, `cat`, `echo`, `ls`, `pwd`, `whoami`, `true`/`false`, and `sh -c` scripts of those
//! joined by `;` and `&&`, with `>` and `>>` redirections onto the container's files.

use k8s_openapi::api::core::v1::Pod;

use super::{Output, Session};
use crate::sim::fs::{Entry, normalize, parent};
use crate::sim::kubelet::files::{Backing, backing, lookup, mounts};

/// Runs `argv` in the container as `kubectl exec` would.
pub fn exec(
    session: &mut Session,
    namespace: &str,
    pod: &str,
    container: Option<&str>,
    argv: &[String],
    stdin: &str,
) -> Output {
    let Some(p) = session.cluster.store.get::<Pod>(namespace, pod).cloned() else {
        return Output {
            stderr: format!("Error from server (NotFound): pods \"{pod}\" not found\n"),
            code: 1,
            ..Output::default()
        };
    };
    let spec = p.spec.clone().unwrap_or_default();
    let index = container
        .and_then(|c| spec.containers.iter().position(|k| k.name == c))
        .unwrap_or(0);
    let mut box_ = Box_ {
        session,
        pod: p,
        index,
    };
    box_.run(argv, stdin)
}

struct Box_<'a> {
    session: &'a mut Session,
    pod: Pod,
    index: usize,
}

fn out(stdout: String) -> Output {
    Output {
        stdout,
        ..Output::default()
    }
}

fn failed(stderr: String, code: i32) -> Output {
    Output {
        stderr,
        code,
        ..Output::default()
    }
}

impl Box_<'_> {
    fn uid(&self) -> String {
        self.pod.metadata.uid.clone().unwrap_or_default()
    }

    fn read(&self, path: &str) -> Option<Entry> {
        lookup(&self.session.cluster, &self.uid(), self.index, path)
    }

    fn write(&mut self, path: &str, text: &str, append: bool) -> Result<(), String> {
        let path = normalize("/", path);
        let c = &self.session.cluster;
        let dir_ok = matches!(self.read(parent(&path)), Some(Entry::Dir));
        if !dir_ok {
            return Err(format!(
                "sh: 1: cannot create {path}: Directory nonexistent\n"
            ));
        }
        let m = mounts(c, &self.pod, self.index);
        match backing(&m, &path) {
            Backing::Volume(pv, mount) => {
                let inner = normalize("/", path.strip_prefix(&mount).unwrap_or("/"));
                if let Some(fs) = self.session.cluster.volumes.get_mut(&pv) {
                    fs.write(&inner, text, append);
                }
            }
            Backing::Layer => {
                let existing = match (append, self.read(&path)) {
                    (true, Some(Entry::File(s))) => s,
                    _ => String::new(),
                };
                let uid = self.uid();
                if let Some(rt) = self.session.cluster.runtime.get_mut(&uid) {
                    rt.layer.write(&path, &format!("{existing}{text}"), false);
                }
            }
        }
        Ok(())
    }

    fn run(&mut self, argv: &[String], stdin: &str) -> Output {
        let Some((cmd, args)) = argv.split_first() else {
            return Output::default();
        };
        let name = cmd.rsplit('/').next().unwrap_or(cmd);
        match name {
            "sh" | "bash" | "ash" => match (args.first().map(String::as_str), args.get(1)) {
                (Some("-c"), Some(script)) => self.script(script),
                _ => self.script(stdin),
            },
            "hostname" => {
                let host = self
                    .pod
                    .spec
                    .as_ref()
                    .and_then(|s| s.hostname.clone())
                    .or_else(|| self.pod.metadata.name.clone())
                    .unwrap_or_default();
                out(format!("{host}\n"))
            }
            "echo" => out(format!("{}\n", args.join(" "))),
            "true" => Output::default(),
            "false" => failed(String::new(), 1),
            "pwd" => out("/\n".to_string()),
            "whoami" => out("root\n".to_string()),
            "cat" if args.is_empty() => out(stdin.to_string()),
            "cat" => {
                let mut o = Output::default();
                for a in args {
                    match self.read(a) {
                        Some(Entry::File(text)) => o.stdout.push_str(&text),
                        Some(Entry::Dir) => {
                            o.stderr.push_str(&format!("cat: {a}: Is a directory\n"));
                            o.code = 1;
                        }
                        None => {
                            o.stderr
                                .push_str(&format!("cat: {a}: No such file or directory\n"));
                            o.code = 1;
                        }
                    }
                }
                o
            }
            "ls" => {
                let dir = args
                    .iter()
                    .find(|a| !a.starts_with('-'))
                    .map_or("/", String::as_str);
                self.list(dir)
            }
            other => failed(
                format!(
                    "OCI runtime exec failed: exec failed: unable to start container process: exec: \"{other}\": executable file not found in $PATH: unknown\n"
                ),
                126,
            ),
        }
    }

    fn list(&self, dir: &str) -> Output {
        let path = normalize("/", dir);
        match self.read(&path) {
            Some(Entry::File(_)) => out(format!("{dir}\n")),
            None => failed(
                format!("ls: cannot access '{dir}': No such file or directory\n"),
                2,
            ),
            Some(Entry::Dir) => {
                let uid = self.uid();
                let c = &self.session.cluster;
                let mut names: Vec<String> = Vec::new();
                let m = mounts(c, &self.pod, self.index);
                let mut collect = |fs: &crate::sim::fs::Fs, inner: &str| {
                    for (n, _) in fs.list(inner) {
                        if !names.contains(&n) {
                            names.push(n);
                        }
                    }
                };
                match backing(&m, &path) {
                    Backing::Volume(pv, mount) => {
                        if let Some(fs) = c.volumes.get(&pv) {
                            collect(
                                fs,
                                &normalize("/", path.strip_prefix(&mount).unwrap_or("/")),
                            );
                        }
                    }
                    Backing::Layer => {
                        if let Some(rt) = c.runtime.get(&uid) {
                            collect(&rt.layer, &path);
                            if let Some(k) = rt.containers.get(self.index) {
                                collect(&crate::sim::kubelet::files::image_fs(&k.image), &path);
                            }
                        }
                    }
                }
                names.retain(|n| !n.ends_with(".wh"));
                names.sort();
                out(names.iter().map(|n| format!("{n}\n")).collect())
            }
        }
    }

    /// Runs a tiny shell script: commands separated by `;` or `&&`, with `>`/`>>` redirections.
    fn script(&mut self, script: &str) -> Output {
        let mut total = Output::default();
        // The one command substitution tutorials use: `echo "$(hostname)" > index.html`.
        let host = self.run(&["hostname".to_string()], "").stdout;
        let script = script
            .replace("$(hostname)", host.trim_end())
            .replace("`hostname`", host.trim_end());
        for line in script.lines() {
            for (part, and) in split_commands(line) {
                if and && total.code != 0 {
                    break;
                }
                let words = super::exec_fallback::words(&part);
                if words.first().map(String::as_str) == Some("exit") {
                    total.code = words.get(1).and_then(|c| c.parse().ok()).unwrap_or(0);
                    return total;
                }
                let (argv, redirect) = split_redirect(&words);
                let mut o = self.run(&argv, "");
                if let Some((path, append)) = redirect {
                    match self.write(&path, &o.stdout, append) {
                        Ok(()) => o.stdout.clear(),
                        Err(e) => {
                            o.stdout.clear();
                            o.stderr.push_str(&e);
                            o.code = 2;
                        }
                    }
                }
                total.stdout.push_str(&o.stdout);
                total.stderr.push_str(&o.stderr);
                total.code = o.code;
            }
        }
        total
    }
}

/// Splits on `;` and `&&` outside quotes; the flag says whether the part runs only on success.
fn split_commands(line: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut and_next = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                cur.push(c);
            }
            (None, ';') => {
                parts.push((std::mem::take(&mut cur), and_next));
                and_next = false;
            }
            (None, '&') if chars.peek() == Some(&'&') => {
                chars.next();
                parts.push((std::mem::take(&mut cur), and_next));
                and_next = true;
            }
            _ => cur.push(c),
        }
    }
    parts.push((cur, and_next));
    parts.retain(|(p, _)| !p.trim().is_empty());
    parts
}

/// Pulls a trailing `> file` or `>> file` out of a command's words.
fn split_redirect(words: &[String]) -> (Vec<String>, Option<(String, bool)>) {
    let mut argv = Vec::new();
    let mut redirect = None;
    let mut i = 0;
    while let Some(w) = words.get(i) {
        if (w == ">" || w == ">>") && i + 1 < words.len() {
            redirect = words.get(i + 1).map(|p| (p.clone(), w == ">>"));
            i += 2;
            continue;
        }
        if let Some(p) = w.strip_prefix(">>").filter(|p| !p.is_empty()) {
            redirect = Some((p.to_string(), true));
        } else if let Some(p) = w.strip_prefix('>').filter(|p| !p.is_empty()) {
            redirect = Some((p.to_string(), false));
        } else {
            argv.push(w.clone());
        }
        i += 1;
    }
    (argv, redirect)
}

/// Shell words with single and double quotes and backslash escapes.
pub(crate) fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                    cur.push(d);
                }
            }
            '"' => {
                in_word = true;
                while let Some(d) = chars.next() {
                    match d {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                cur.push(n);
                            }
                        }
                        other => cur.push(other),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}
