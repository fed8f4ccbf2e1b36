//! Shells and commands inside pods: `kubectl exec POD -- CMD` and interactive `kubectl exec -it`.
//! Writes land where they would in a real container: under a mounted volume they persist in the
//! volume, elsewhere they go to the container's writable layer and vanish with the pod.

mod curl;
mod disk;
mod fs;
mod host;
mod http;
mod net;
pub mod profile;
mod projected;
mod signals;
mod system;
mod writeout;

use k8s_openapi::api::core::v1::Pod;

use self::host::ContainerHost;
use self::profile::Profile;
use crate::sh::Output;
use crate::sh::interp::{Dialect, Exec, Flow, Limits, Shell};
use crate::sim::Cluster;
use crate::sim::kubelet::ContainerState;

pub use fs::ContainerFiles;

/// The exit code `exec` reports when the process could not be started at all; `stderr` then holds
/// the whole message kubectl prints (`error: …` or `Error from server …`) and kubectl adds nothing.
pub const START_FAILED: i32 = -1;

/// The most one file may hold (writes beyond it fail with "No space left on device").
pub const VOLUME_WRITE_LIMIT: usize = 8 * 1024 * 1024;

/// A running container that commands can be sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Pod namespace.
    pub namespace: String,
    /// Pod name.
    pub pod: String,
    /// Pod uid (a recreated pod has a new one).
    pub uid: String,
    /// Container name.
    pub container: String,
    /// Container index in the pod spec.
    pub index: usize,
    /// Image reference.
    pub image: String,
    /// When the container's current process started (a restarted container has a new one).
    pub started: u64,
}

/// Finds a running container as `kubectl exec` does; Err is the message kubectl prints.
pub fn target(
    cluster: &Cluster,
    namespace: &str,
    pod: &str,
    container: Option<&str>,
) -> Result<Target, String> {
    let c = cluster;
    let Some(p) = c.world.store.get::<Pod>(namespace, pod) else {
        return Err(format!(
            "Error from server (NotFound): pods \"{pod}\" not found"
        ));
    };
    let phase = p
        .status
        .as_ref()
        .and_then(|s| s.phase.clone())
        .unwrap_or_default();
    if phase == "Succeeded" || phase == "Failed" {
        return Err(format!(
            "error: cannot exec into a container in a completed pod; current phase is {phase}"
        ));
    }
    let spec_containers: Vec<String> = p
        .spec
        .as_ref()
        .map(|s| {
            // Runtime order: app containers, then init containers.
            let inits = s.init_containers.iter().flatten();
            s.containers
                .iter()
                .chain(inits)
                .map(|k| k.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let name = container
        .map(str::to_string)
        .or_else(|| spec_containers.first().cloned())
        .unwrap_or_default();
    let not_found =
        || format!("error: unable to upgrade connection: container not found (\"{name}\")");
    let Some(index) = spec_containers.iter().position(|k| *k == name) else {
        return Err(not_found());
    };
    let uid = p.metadata.uid.clone().unwrap_or_default();
    let running = c
        .world
        .runtime
        .get(&uid)
        .and_then(|rt| rt.containers.get(index))
        .and_then(|k| match k.state {
            // A process whose exit is due (signalled from a shell) is as good as gone.
            ContainerState::Running(started) if k.exit_at.is_none_or(|(at, _)| at > c.now_ms()) => {
                Some((started, k.image.clone()))
            }
            _ => None,
        });
    let Some((started, image)) = running else {
        return Err(not_found());
    };
    Ok(Target {
        namespace: namespace.to_string(),
        pod: pod.to_string(),
        uid,
        container: name,
        index,
        image,
        started,
    })
}

/// A stable exec id for messages, derived from what is being run.
fn exec_id(target: &Target, argv: &[String], now: u64) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let text = format!("{}{}{}", target.uid, now, argv.join(" "));
    let mut out = String::new();
    for round in 0..4u64 {
        for b in text.bytes().chain(round.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
    }
    out
}

/// The message for a program the image does not have.
fn missing_program(target: &Target, argv: &[String], now: u64, program: &str) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!(
            "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{program}\": executable file not found in $PATH: unknown\n",
            exec_id(target, argv, now)
        ),
        code: START_FAILED,
        ..Default::default()
    }
}

/// Runs `argv` in a container (`kubectl exec POD [-c C] -- CMD ARGS`), without a terminal.
pub fn exec(
    cluster: &mut Cluster,
    namespace: &str,
    pod: &str,
    container: Option<&str>,
    argv: &[String],
    stdin: &str,
) -> Output {
    exec_tty(cluster, namespace, pod, container, argv, stdin, false)
}

/// Like [`exec`], saying whether a terminal is attached (`-t`), which changes how `ls` lays out names.
pub fn exec_tty(
    cluster: &mut Cluster,
    namespace: &str,
    pod: &str,
    container: Option<&str>,
    argv: &[String],
    stdin: &str,
    tty: bool,
) -> Output {
    let t = match target(cluster, namespace, pod, container) {
        Ok(t) => t,
        Err(message) => {
            return Output {
                stdout: String::new(),
                stderr: format!("{message}\n"),
                code: START_FAILED,
                ..Default::default()
            };
        }
    };
    let Some(program) = argv.first() else {
        return Output {
            stdout: String::new(),
            stderr: "error: you must specify at least one command for the container\n".into(),
            code: START_FAILED,
            ..Default::default()
        };
    };
    let profile = Profile::of(&t.image);
    let now = cluster.now_ms();
    if !profile.has(program) {
        return missing_program(&t, argv, now, program);
    }
    let mut shell = new_shell(cluster, &t, &profile, "sh", Dialect::Busybox, tty);
    let mut host = ContainerHost::new(cluster, &t, profile);
    let mut exec = Exec::new(&mut shell, &mut host, stdin.to_string(), Limits::default());
    let mut io = Exec::top();
    // Without a terminal the two streams stay apart; a terminal merges them.
    if !tty {
        io.err = exec.capture();
    }
    let result = exec.dispatch(argv.to_vec(), &[], &io, false);
    let code = match result {
        Ok(s) | Err(Flow::Exit(s)) | Err(Flow::Fail(s)) | Err(Flow::Return(s)) => s,
        Err(Flow::Break(_)) | Err(Flow::Continue(_)) => 0,
        Err(Flow::Limit(note)) => {
            let text = format!("[{note}]\n");
            let _ = exec.write(&crate::sh::interp::Sink::Term, &text);
            137
        }
    };
    let mut stdout = std::mem::take(&mut exec.term);
    if exec.truncated() {
        stdout.push_str(&exec.truncation_note());
    }
    let stderr = exec.take_capture(&io.err);
    Output {
        stdout,
        stderr,
        code,
        ..Default::default()
    }
}

/// The shell state a container's process starts with: the container's environment and `/`.
fn new_shell(
    cluster: &Cluster,
    t: &Target,
    profile: &Profile,
    name: &str,
    dialect: Dialect,
    tty: bool,
) -> Shell {
    let mut sh = Shell::new(name, dialect, profile.tools(), 1);
    for (k, v) in system::environment(cluster, t, profile, tty) {
        sh.export(&k, Some(&v));
    }
    sh.tty = tty;
    let workdir = cluster
        .world
        .store
        .get::<Pod>(&t.namespace, &t.pod)
        .and_then(|p| p.spec.as_ref())
        .and_then(|s| crate::sim::kubelet::container_spec(s, t.index))
        .and_then(|k| k.working_dir.clone());
    if let Some(w) = workdir {
        sh.cwd = crate::paths::normalize("/", &w);
    }
    sh
}

/// An interactive shell inside a container (`kubectl exec -it POD -- sh`).
pub struct Attached {
    /// The container.
    pub target: Target,
    shell: Shell,
    profile: Profile,
    hostname: String,
}

/// What one line typed into an attached shell did.
pub struct Typed {
    /// What the terminal shows.
    pub output: String,
    /// Set when the shell exited, with its status.
    pub exited: Option<i32>,
    /// Whether `clear` ran.
    pub clear: bool,
}

impl Attached {
    /// Opens `program` (sh, bash, /bin/sh …) in a container; Err is what kubectl prints instead.
    pub fn open(cluster: &Cluster, target: Target, program: &str) -> Result<Attached, String> {
        let profile = Profile::of(&target.image);
        let Some(dialect) = profile.shell(program).filter(|_| profile.has(program)) else {
            let out = missing_program(&target, &[program.to_string()], cluster.now_ms(), program);
            return Err(out.stderr);
        };
        let name = program.rsplit('/').next().unwrap_or(program);
        let name = if name == "dash" || name == "ash" {
            "sh"
        } else {
            name
        };
        let mut shell = new_shell(cluster, &target, &profile, name, dialect, true);
        shell.interactive = true;
        shell.line = 1;
        shell.export("PWD", Some("/"));
        shell.export("SHLVL", Some("1"));
        let hostname = system::hostname(cluster, &target);
        Ok(Attached {
            target,
            shell,
            profile,
            hostname,
        })
    }

    /// The prompt the shell shows now.
    pub fn prompt(&self) -> String {
        Profile::prompt(self.shell.dialect, &self.hostname, &self.shell.cwd)
    }

    /// The shell's dialect.
    pub fn dialect(&self) -> Dialect {
        self.shell.dialect
    }

    /// Whether the container still runs (the pod may have been deleted or restarted meanwhile).
    pub fn alive(&self, cluster: &Cluster) -> bool {
        target(
            cluster,
            &self.target.namespace,
            &self.target.pod,
            Some(&self.target.container),
        )
        .is_ok_and(|t| t.uid == self.target.uid && t.started == self.target.started)
    }

    /// Runs one complete input (a line, or several with a here-document) in the shell.
    pub fn run(&mut self, cluster: &mut Cluster, text: &str) -> Typed {
        let lines = text.matches('\n').count() + 1;
        self.shell.base_line = self.shell.line;
        let mut host = ContainerHost::new(cluster, &self.target, self.profile.clone());
        let mut exec = Exec::new(&mut self.shell, &mut host, String::new(), Limits::default());
        let result = exec.source(text, false, true);
        let mut output = std::mem::take(&mut exec.term);
        if exec.truncated() {
            output.push_str(&exec.truncation_note());
        }
        let mut exited = None;
        match result {
            Ok(s) | Err(Flow::Fail(s)) | Err(Flow::Return(s)) => self.shell.status = s,
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => self.shell.status = 0,
            Err(Flow::Exit(s)) => exited = Some(s),
            Err(Flow::Limit(note)) => {
                output.push_str(&format!("[{note}]\n"));
                self.shell.status = 1;
            }
        }
        self.shell.line = self.shell.base_line + lines;
        let clear = std::mem::take(&mut self.shell.clear);
        Typed {
            output,
            exited,
            clear,
        }
    }
}

/// The text of a file as a running container sees it, without running anything: what a lesson's
/// check reads. Err says why there is no text (no such pod or container, no such file).
pub fn read_file(
    cluster: &Cluster,
    namespace: &str,
    pod: &str,
    container: Option<&str>,
    path: &str,
) -> Result<String, String> {
    let target = target(cluster, namespace, pod, container)?;
    let virtual_files = system::kubelet_files(cluster, &target);
    let files = ContainerFiles::new(cluster, &target.uid, target.index, virtual_files);
    files
        .read_text(path)
        .map_err(|e| format!("{path}: {}", e.text()))
}
