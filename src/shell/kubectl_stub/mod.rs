//! A small stand-in for the kubectl piece, with exactly its public shapes (`Session`, `Output`,
//! `Waiting`, `Run`, `kubectl`, `run_to_end`), so the terminal can be built and tested before the
//! real kubectl lands. It knows only a handful of commands; `shell/mod.rs` imports it through one
//! `use` line that is switched to `crate::kubectl` when the real one arrives.

mod commands;

use std::collections::BTreeMap;

use self::commands::{apply, delete_pod, exec, get_pods, rollout_status, selected_pods};
use crate::sim::Cluster;

/// Everything a learner's session holds.
pub struct Session {
    /// The simulated cluster.
    pub cluster: Cluster,
    /// Workspace files by absolute path such as "/web.yaml".
    pub files: BTreeMap<String, String>,
    /// The current namespace.
    pub namespace: String,
}

impl Session {
    /// A fresh cluster with no workspace files, in the `default` namespace.
    pub fn new(seed: u64) -> Session {
        Session {
            cluster: Cluster::new(seed),
            files: BTreeMap::new(),
            namespace: "default".to_string(),
        }
    }
}

/// What one command printed and its exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code.
    pub code: i32,
}

/// A command that waits on the cluster.
pub trait Waiting {
    /// Advances the virtual clock by at most `budget_ms`; returns what was printed and whether it finished.
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool);
    /// Ctrl+C: stops now.
    fn interrupt(&mut self, session: &mut Session) -> Output;
}

/// What a kubectl invocation turned into.
pub enum Run {
    /// Finished.
    Done(Output),
    /// Still waiting on the cluster.
    Wait(Box<dyn Waiting>),
    /// `kubectl exec -it POD -- sh`: the terminal enters the container's shell.
    Attach {
        /// Pod namespace.
        namespace: String,
        /// Pod name.
        pod: String,
        /// Container name.
        container: String,
    },
}

fn done(stdout: String, stderr: String, code: i32) -> Run {
    Run::Done(Output {
        stdout,
        stderr,
        code,
    })
}

fn fail(message: &str) -> Run {
    done(String::new(), format!("{message}\n"), 1)
}

/// Runs one kubectl invocation (a small subset in this stand-in).
pub fn kubectl(session: &mut Session, args: &[String], stdin: &str) -> Run {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["apply" | "create", "-f", file] => apply(session, file, stdin),
        ["get", "pods" | "pod" | "po", rest @ ..] => get_pods(session, rest),
        ["delete", "pod" | "pods" | "po", "-l", selector] => {
            let names = selected_pods(session, selector);
            let mut out = String::new();
            for name in names {
                if let Run::Done(o) = delete_pod(session, &name) {
                    out.push_str(&o.stdout);
                }
            }
            done(out, String::new(), 0)
        }
        ["delete", "pod" | "pods" | "po", name] => delete_pod(session, name),
        ["exec", rest @ ..] => exec(session, rest, stdin),
        ["rollout", "status", target] => rollout_status(session, target),
        ["rollout", "status", "statefulset" | "sts", name] => rollout_status(session, name),
        _ => fail(&format!(
            "error: this stand-in kubectl does not know \"{}\"",
            args.join(" ")
        )),
    }
}

/// Runs to completion, polling waits until done or `limit_ms` of virtual time.
pub fn run_to_end(session: &mut Session, args: &[String], stdin: &str, limit_ms: u64) -> Output {
    match kubectl(session, args, stdin) {
        Run::Done(out) => out,
        Run::Attach { .. } => Output::default(),
        Run::Wait(mut waiting) => {
            let mut all = Output::default();
            let mut spent = 0;
            loop {
                let (out, finished) = waiting.poll(session, 1000);
                all.stdout.push_str(&out.stdout);
                all.stderr.push_str(&out.stderr);
                all.code = out.code;
                spent += 1000;
                if finished {
                    return all;
                }
                if spent >= limit_ms {
                    let out = waiting.interrupt(session);
                    all.stdout.push_str(&out.stdout);
                    all.code = 130;
                    return all;
                }
            }
        }
    }
}
