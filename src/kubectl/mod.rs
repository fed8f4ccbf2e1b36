//! kubectl as learners type it: parsing, effects on the simulation, and output as real kubectl prints it.
//!
//! [`kubectl`] runs one invocation against a [`Session`]. Commands that wait on a real cluster
//! (`rollout status`, `wait`, `delete`, `get -w`, `logs -f`, `drain`) return a [`Waiting`] that
//! advances the virtual clock while it waits. Every command that talks to the API server first
//! takes the time a real invocation takes to reach it ([`latency`]).
//!
//! Flags are parsed by hand (`flags`) the way pflag and cobra do, so that error texts match
//! kubectl's; the API server side lives in `sim::apiserver::requests`. A host asks [`inputs`]
//! what a line will read (files, standard input) and [`flag_completions`] what Tab offers, so
//! that only kubectl's own command lookup and flag parser read its command line.
//!
//! `kubectl edit` needs an editor: in the page, [`edit::begin`] opens the live object as kubectl
//! would hand it to the editor and [`edit::finish`] saves the edited text; a script has no editor
//! and gets kubectl's `error: unable to launch the editor "vi"`. `kubectl exec -it POD -- sh`
//! returns [`Run::Attach`]; other `exec` commands run in the container shell
//! (`container::exec`).

mod apply;
mod apply_common;
mod apply_files;
mod cmd_misc;
mod commands;
mod create_config;
mod create_pdb;
mod create_replace;
mod ctx;
mod delete;
mod describe;
mod drain;
/// Go durations (`--timeout=30s`).
pub mod duration;
/// `kubectl edit` for the page: open an object, save the edited text.
pub mod edit;
mod exec;
mod explain;
pub mod fields;
mod flag_tables;
mod flags;
mod get;
mod get_output;
mod gojson;
mod help;
mod labels;
/// The virtual time an invocation takes before the API server answers it.
pub mod latency;
mod log_lines;
mod logs;
mod lookup;
mod mutate;
mod nodes;
pub mod objects;
/// kubectl's output formats.
pub mod print;
/// Resource types and their names.
pub mod resources;
mod rollout;
mod rollout_status;
mod scale_patch;
/// Label and field selectors.
pub mod selector;
mod targets;
mod wait;
mod watch;

use std::collections::BTreeMap;

use crate::sim::Cluster;

pub use crate::sh::Output;
pub use help::{carried_commands, carried_subcommands, documented_flags};
pub use lookup::{Inputs, flag_completions, inputs};

/// Everything a learner's session holds.
#[derive(Debug, Clone)]
pub struct Session {
    /// The simulated cluster.
    pub cluster: Cluster,
    /// Workspace files (the editor's files in the page), by absolute path such as "/web.yaml";
    /// the workspace shell's cwd is "/" unless it cds into a workspace folder.
    pub files: BTreeMap<String, String>,
    /// The current namespace (default "default").
    pub namespace: String,
}

impl Session {
    /// A fresh cluster with the given seed, no files, namespace `default`.
    pub fn new(seed: u64) -> Session {
        Session {
            cluster: Cluster::new(seed),
            files: BTreeMap::new(),
            namespace: "default".to_string(),
        }
    }
}

/// A command that waits on the cluster (get -w, rollout status, wait, delete --wait, logs -f).
pub trait Waiting {
    /// Advance the virtual clock by at most `budget_ms` while waiting; return what was printed meanwhile
    /// and whether the command has finished.
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool);
    /// Ctrl+C: stop now; return any final output (kubectl prints nothing extra; exit code 130 in the shell).
    fn interrupt(&mut self, session: &mut Session) -> Output;
}

/// How an invocation continues.
pub enum Run {
    /// Finished.
    Done(Output),
    /// Waiting on the cluster; poll it.
    Wait(Box<dyn Waiting>),
    /// `kubectl exec -it POD [-c C] -- sh|bash|/bin/sh|/bin/bash`: the terminal enters the container's shell.
    Attach {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// The container.
        container: String,
    },
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Run::Done(o) => f.debug_tuple("Done").field(o).finish(),
            Run::Wait(_) => f.write_str("Wait(..)"),
            Run::Attach {
                namespace,
                pod,
                container,
            } => write!(f, "Attach({namespace}/{pod}/{container})"),
        }
    }
}

/// Runs one kubectl invocation (args without the leading "kubectl"); stdin is what a pipe or heredoc supplied.
pub fn kubectl(session: &mut Session, args: &[String], stdin: &str) -> Run {
    kubectl_in(session, "/", args, stdin)
}

/// Runs one kubectl invocation in workspace folder `cwd`: relative paths it reads (`-f web.yaml`)
/// are opened from there, as a process opens them from its working directory.
pub fn kubectl_in(session: &mut Session, cwd: &str, args: &[String], stdin: &str) -> Run {
    commands::dispatch(session, cwd, args, stdin)
}

/// Runs to completion, polling waits until done or `limit_ms` of virtual time (for scripts and tests).
/// A wait still running at the limit is interrupted, as Ctrl+C would.
pub fn run_to_end(session: &mut Session, args: &[String], stdin: &str, limit_ms: u64) -> Output {
    match kubectl(session, args, stdin) {
        Run::Done(out) => out,
        Run::Attach { .. } => Output {
            stdout: String::new(),
            stderr: "Unable to use a TTY - input is not a terminal or the right kind of file\n"
                .to_string(),
            code: 0,
            ..Default::default()
        },
        Run::Wait(mut w) => {
            let (mut out, done) = w.poll(session, limit_ms);
            if !done {
                out.append(w.interrupt(session));
                out.code = 130;
            }
            out
        }
    }
}
