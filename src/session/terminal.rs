//! The terminal a learner types into: the workspace shell, continuation lines for open quotes and
//! here-documents, commands that keep running (watches), and shells inside containers.

use std::collections::BTreeSet;

use super::workspace::{Loader, Pending, WorkspaceHost};
use crate::container::Attached;
use crate::kubectl::{Session, Waiting};
use crate::sh::interp::{Dialect, Exec, Flow, Limits, Shell, Tools};
use crate::sh::syntax::{self, ParseError};

/// What to show after a line, a poll or an interrupt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Step {
    /// Standard output and error, interleaved as a terminal shows them.
    pub output: String,
    /// Whether a command is still running (poll again).
    pub running: bool,
    /// Whether the screen should be cleared first (`clear`).
    pub clear: bool,
}

/// The terminal: workspace shell, continuation, container-shell mode, history.
pub struct Terminal {
    /// The learner's session (cluster, files, namespace).
    pub session: Session,
    shell: Shell,
    dirs: BTreeSet<String>,
    buffer: Vec<String>,
    attached: Option<Attached>,
    running: Option<Box<dyn Waiting>>,
    loader: Option<Loader>,
}

impl Terminal {
    /// A terminal on a fresh cluster.
    pub fn new(seed: u64) -> Terminal {
        Terminal::with_session(Session::new(seed))
    }

    /// A terminal on an existing session.
    pub fn with_session(session: Session) -> Terminal {
        let mut shell = Shell::new("bash", Dialect::Bash, Tools::Gnu, 4242);
        shell.interactive = true;
        shell.tty = true;
        for (k, v) in [
            ("HOME", "/"),
            ("PATH", "/usr/local/bin:/usr/bin:/bin"),
            ("SHELL", "/bin/bash"),
            ("USER", "learner"),
            ("TERM", "xterm-256color"),
        ] {
            shell.export(k, Some(v));
        }
        Terminal {
            session,
            shell,
            dirs: BTreeSet::new(),
            buffer: Vec::new(),
            attached: None,
            running: None,
            loader: None,
        }
    }

    /// Sets where files that are not in the workspace are looked for (the runner's script folder).
    pub fn set_loader(&mut self, loader: Loader) {
        self.loader = Some(loader);
    }

    /// The prompt to show now.
    pub fn prompt(&self) -> String {
        if !self.buffer.is_empty() {
            return "> ".into();
        }
        match &self.attached {
            Some(a) => a.prompt(),
            None => "$ ".into(),
        }
    }

    /// Whether a command is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Whether the terminal is inside a container's shell.
    pub fn in_container(&self) -> bool {
        self.attached.is_some()
    }

    /// The workspace shell's last exit status.
    pub fn status(&self) -> i32 {
        self.shell.status
    }

    /// Feeds one typed line; returns what to print now and whether a command is still running.
    pub fn feed_line(&mut self, line: &str) -> Step {
        if self.running.is_some() {
            return Step {
                running: true,
                ..Step::default()
            };
        }
        let mut step = Step::default();
        if let Some(a) = &self.attached
            && !a.alive(&self.session.cluster)
        {
            self.attached = None;
            self.buffer.clear();
            self.shell.status = 137;
            step.output
                .push_str("command terminated with exit code 137\n");
            return step;
        }
        self.buffer.push(line.to_string());
        let text = self.buffer.join("\n");
        match syntax::parse(&text, false) {
            Err(ParseError::Incomplete(_)) => return step,
            _ => self.buffer.clear(),
        }
        if text.trim().is_empty() {
            return step;
        }
        match self.attached.as_mut() {
            Some(a) => {
                let typed = a.run(&mut self.session.cluster, &text);
                step.output.push_str(&typed.output);
                step.clear = typed.clear;
                if let Some(code) = typed.exited {
                    if a.dialect() == Dialect::Bash {
                        step.output.push_str("exit\n");
                    }
                    if code != 0 {
                        step.output
                            .push_str(&format!("command terminated with exit code {code}\n"));
                    }
                    self.shell.status = code;
                    self.attached = None;
                } else if !a.alive(&self.session.cluster) {
                    // The command stopped the container's main process (`kill 1`): the runtime
                    // kills every process in the container, this shell too.
                    step.output
                        .push_str("command terminated with exit code 137\n");
                    self.shell.status = 137;
                    self.attached = None;
                }
            }
            None => self.run_workspace(&text, &mut step),
        }
        step
    }

    fn run_workspace(&mut self, text: &str, step: &mut Step) {
        self.shell.history.push(text.to_string());
        let mut host = WorkspaceHost::new(&mut self.session, &mut self.dirs, self.loader.as_mut());
        let mut exec = Exec::new(&mut self.shell, &mut host, String::new(), Limits::default());
        let result = exec.source(text, false, true);
        step.output.push_str(&exec.term);
        if exec.truncated() {
            step.output.push_str(&exec.truncation_note());
        }
        let status = match result {
            Ok(s) | Err(Flow::Fail(s)) | Err(Flow::Return(s)) => s,
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => 0,
            Err(Flow::Exit(s)) => {
                // bash says goodbye; the page keeps the session, so the shell starts over in place.
                step.output.push_str("exit\n");
                s
            }
            Err(Flow::Limit(note)) => {
                step.output.push_str(&format!("[{note}]\n"));
                1
            }
        };
        drop(exec);
        let pending = host.pending.take();
        drop(host);
        self.shell.status = status;
        step.clear = std::mem::take(&mut self.shell.clear);
        match pending {
            Some(Pending::Wait(w)) => {
                self.running = Some(w);
                step.running = true;
            }
            Some(Pending::Attach(target, program)) => {
                match Attached::open(&self.session.cluster, target, &program) {
                    Ok(a) => self.attached = Some(a),
                    Err(message) => {
                        step.output.push_str(&message);
                        self.shell.status = 1;
                    }
                }
            }
            None => {}
        }
    }

    /// Lets a running command progress by up to `budget_ms` virtual milliseconds.
    pub fn poll(&mut self, budget_ms: u64) -> Step {
        let Some(w) = self.running.as_mut() else {
            return Step::default();
        };
        let (out, finished) = w.poll(&mut self.session, budget_ms);
        let mut step = Step {
            output: interleave(&out.stdout, &out.stderr),
            running: !finished,
            clear: false,
        };
        if finished {
            self.running = None;
            self.shell.status = out.code;
            step.running = false;
        }
        step
    }

    /// Ctrl+C: stops a running command, or drops a half-typed one.
    pub fn interrupt(&mut self) -> Step {
        let mut step = Step {
            output: "^C\n".into(),
            ..Step::default()
        };
        if let Some(mut w) = self.running.take() {
            let out = w.interrupt(&mut self.session);
            step.output.push_str(&interleave(&out.stdout, &out.stderr));
            self.shell.status = 130;
            return step;
        }
        self.buffer.clear();
        if self.attached.is_none() {
            self.shell.status = 130;
        }
        step
    }

    /// The end of input (the runner's file ended): an open quote or here-document is reported as
    /// bash reports it at the end of a script, and a running command is stopped.
    pub fn finish(&mut self) -> Step {
        let mut step = Step::default();
        if let Some(mut w) = self.running.take() {
            let out = w.interrupt(&mut self.session);
            step.output.push_str(&interleave(&out.stdout, &out.stderr));
        }
        if self.buffer.is_empty() {
            return step;
        }
        let text = self.buffer.join("\n");
        self.buffer.clear();
        if self.attached.is_some() {
            return step;
        }
        let mut host = WorkspaceHost::new(&mut self.session, &mut self.dirs, self.loader.as_mut());
        let mut exec = Exec::new(&mut self.shell, &mut host, String::new(), Limits::default());
        let _ = exec.source(&text, true, false);
        step.output.push_str(&exec.term);
        step
    }
}

/// Output then errors, as kubectl's streams usually reach a terminal.
fn interleave(stdout: &str, stderr: &str) -> String {
    format!("{stdout}{stderr}")
}
