//! A small stand-in for the workspace shell and kubectl, used until `shell::Terminal` lands.
//!
//! It has the same surface as `shell::Terminal` (`new`, `prompt`, `feed_line`, `poll`,
//! `interrupt`, a public `session`) so that `terminal_bridge` can switch to the real one with a
//! one-line change. It understands only what the page needs to be exercised end to end:
//! `kubectl apply -f FILE`, `get`, `get pods -w`, `scale`, `delete`, `set image` and a tiny
//! `exec`. Everything else gets a clear message.

mod apply;
mod exec;
mod get;
mod mutate;
mod words;

use std::collections::BTreeMap;

use crate::sim::Cluster;

/// Everything a learner's session holds (mirrors `kubectl::Session`).
pub struct Session {
    /// The simulated cluster.
    pub cluster: Cluster,
    /// Workspace files by absolute path such as `/web.yaml`.
    pub files: BTreeMap<String, String>,
    /// The current namespace.
    pub namespace: String,
}

impl Session {
    /// A fresh session over a new cluster.
    pub fn new(seed: u64) -> Session {
        Session {
            cluster: Cluster::new(seed),
            files: BTreeMap::new(),
            namespace: "default".to_string(),
        }
    }
}

/// What one terminal interaction printed (mirrors `shell::Step`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// Standard output and error, interleaved as a terminal shows them.
    pub output: String,
    /// Whether a command is still running (a watch or a wait).
    pub running: bool,
    /// Whether the screen should be cleared first.
    pub clear: bool,
}

impl Step {
    fn done(output: String) -> Step {
        Step {
            output,
            running: false,
            clear: false,
        }
    }
}

/// What a kubectl command did: finished, or started something that keeps running.
pub(crate) enum Run {
    /// Finished with this output.
    Done(String),
    /// Printed this much and keeps running.
    Wait(String, Box<dyn Wait>),
}

/// A command that keeps running while virtual time passes.
pub(crate) trait Wait {
    /// Lets the command progress by up to `budget_ms`; returns output and whether it still runs.
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (String, bool);
}

/// The terminal: one session and at most one running command.
pub struct Terminal {
    /// The session the commands act on.
    pub session: Session,
    running: Option<Box<dyn Wait>>,
}

impl Terminal {
    /// A terminal over a fresh cluster.
    pub fn new(seed: u64) -> Terminal {
        Terminal {
            session: Session::new(seed),
            running: None,
        }
    }

    /// The prompt to show now.
    pub fn prompt(&self) -> String {
        "$ ".to_string()
    }

    /// Runs one typed line.
    pub fn feed_line(&mut self, line: &str) -> Step {
        if self.running.is_some() {
            // A real terminal would queue the keystrokes; the page only sends lines when idle.
            return Step {
                output: String::new(),
                running: true,
                clear: false,
            };
        }
        let argv = match words::split(line) {
            Ok(argv) => argv,
            Err(problem) => return Step::done(format!("sh: {problem}\n")),
        };
        let Some((program, args)) = argv.split_first() else {
            return Step::done(String::new());
        };
        match program.as_str() {
            "kubectl" | "k" => self.kubectl(args),
            "clear" => Step {
                output: String::new(),
                running: false,
                clear: true,
            },
            "ls" => Step::done(
                self.session
                    .files
                    .keys()
                    .map(|path| format!("{}\n", path.trim_start_matches('/')))
                    .collect(),
            ),
            "cat" => Step::done(self.cat(args)),
            "echo" => Step::done(format!("{}\n", args.join(" "))),
            other => Step::done(format!("sh: {other}: command not found\n")),
        }
    }

    /// Lets a running command progress by up to `budget_ms` virtual milliseconds.
    pub fn poll(&mut self, budget_ms: u64) -> Step {
        let Some(mut wait) = self.running.take() else {
            return Step::done(String::new());
        };
        let (output, running) = wait.poll(&mut self.session, budget_ms);
        if running {
            self.running = Some(wait);
        }
        Step {
            output,
            running,
            clear: false,
        }
    }

    /// Ctrl+C: stops the running command.
    pub fn interrupt(&mut self) -> Step {
        self.running = None;
        Step::done(String::new())
    }

    fn cat(&self, args: &[String]) -> String {
        let mut out = String::new();
        for name in args {
            match self.session.files.get(&workspace_path(name)) {
                Some(text) => out.push_str(text),
                None => out.push_str(&format!("cat: {name}: No such file or directory\n")),
            }
        }
        out
    }

    fn kubectl(&mut self, args: &[String]) -> Step {
        let Some((verb, rest)) = args.split_first() else {
            return Step::done(
                "kubectl controls the Kubernetes cluster manager.\n\nTry: kubectl get pods\n"
                    .to_string(),
            );
        };
        let result = match verb.as_str() {
            "apply" => Run::Done(apply::run(&mut self.session, rest)),
            "get" => get::run(&mut self.session, rest),
            "scale" => Run::Done(mutate::scale(&mut self.session, rest)),
            "delete" => mutate::delete(&mut self.session, rest),
            "set" => Run::Done(mutate::set_image(&mut self.session, rest)),
            "exec" => Run::Done(exec::run(&mut self.session, rest)),
            "describe" | "rollout" | "logs" | "patch" | "edit" | "create" | "replace" | "wait"
            | "label" | "annotate" | "explain" | "port-forward" | "cp" | "top" => {
                Run::Done(format!(
                    "The playground's kubectl is still arriving: `kubectl {verb}` is not \
                     available yet. Try apply, get, scale, delete, set image or exec.\n"
                ))
            }
            other => Run::Done(format!(
                "error: unknown command \"{other}\" for \"kubectl\"\n"
            )),
        };
        match result {
            Run::Done(output) => Step::done(output),
            Run::Wait(output, wait) => {
                self.running = Some(wait);
                Step {
                    output,
                    running: true,
                    clear: false,
                }
            }
        }
    }
}

/// The workspace path of a file name as typed (`web.yaml`, `./web.yaml`, `/web.yaml`).
pub(crate) fn workspace_path(name: &str) -> String {
    crate::sim::fs::normalize("/", name)
}

/// The value of a flag given as `--name=value`, `--name value`, `-n value` or `-nvalue`.
pub(crate) fn flag(args: &[String], names: &[&str]) -> Option<String> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        for name in names {
            if arg == name {
                return iter.next().cloned();
            }
            if let Some(value) = arg.strip_prefix(&format!("{name}=")) {
                return Some(value.to_string());
            }
        }
    }
    None
}

/// Whether a boolean flag is present (`-w`, `--watch`, `--watch=true`).
pub(crate) fn has_flag(args: &[String], names: &[&str]) -> bool {
    args.iter().any(|arg| {
        names
            .iter()
            .any(|name| arg == name || *arg == format!("{name}=true"))
    })
}

/// Positional arguments: everything that is not a flag or a flag's value.
pub(crate) fn positionals(args: &[String], valued: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg.starts_with('-') && arg.len() > 1 {
            if valued.contains(&arg.as_str()) {
                iter.next();
            }
            continue;
        }
        out.push(arg.clone());
    }
    out
}
