//! A very small `kubectl exec POD -- CMD`: `hostname`, `cat FILE`, `ls DIR` and
//! `sh -c 'echo TEXT > FILE'` (or `>>`), acting on the pod's volumes and writable layer.

use k8s_openapi::api::core::v1::Pod;

use super::{Session, flag, words};
use crate::sim::fs::{Entry, Fs, normalize};
use crate::sim::kubelet::files::{self, Backing};
use crate::sim::kubelet::{ContainerState, Stage};

/// Runs `kubectl exec` (arguments after `exec`).
pub fn run(session: &mut Session, args: &[String]) -> String {
    let split = args.iter().position(|a| a == "--");
    let (before, command) = match split {
        Some(i) => (
            args.get(..i).unwrap_or(&[]),
            args.get(i + 1..).unwrap_or(&[]),
        ),
        None => (args, &[][..]),
    };
    let pod_name = before
        .iter()
        .filter(|a| !a.starts_with('-'))
        .find(|a| Some(a.as_str()) != flag(before, &["-c", "--container"]).as_deref())
        .cloned()
        .unwrap_or_default();
    if command.is_empty() {
        return "error: you must specify at least one command for the container\n".to_string();
    }
    let ns = session.namespace.clone();
    let Some(pod) = session.cluster.store.get::<Pod>(&ns, &pod_name).cloned() else {
        return format!("Error from server (NotFound): pods \"{pod_name}\" not found\n");
    };
    let containers: Vec<String> = pod
        .spec
        .as_ref()
        .map(|s| s.containers.iter().map(|c| c.name.clone()).collect())
        .unwrap_or_default();
    let wanted = flag(before, &["-c", "--container"]);
    let index = match &wanted {
        Some(name) => containers.iter().position(|c| c == name),
        None => (!containers.is_empty()).then_some(0),
    };
    let container = wanted
        .clone()
        .or(containers.first().cloned())
        .unwrap_or_default();
    let Some(index) = index else {
        return format!(
            "error: unable to upgrade connection: container not found (\"{container}\")\n"
        );
    };
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let running = session.cluster.runtime.get(&uid).is_some_and(|rt| {
        rt.stage == Stage::Running
            && rt
                .containers
                .get(index)
                .is_some_and(|c| matches!(c.state, ContainerState::Running(_)))
    });
    if !running {
        return format!(
            "error: unable to upgrade connection: container not found (\"{container}\")\n"
        );
    }
    let mut ctx = Ctx {
        session,
        pod: &pod,
        uid: &uid,
        index,
    };
    ctx.command(command)
}

struct Ctx<'a> {
    session: &'a mut Session,
    pod: &'a Pod,
    uid: &'a str,
    index: usize,
}

impl Ctx<'_> {
    fn command(&mut self, argv: &[String]) -> String {
        let Some((program, args)) = argv.split_first() else {
            return String::new();
        };
        match program.as_str() {
            "hostname" => format!("{}\n", self.pod.metadata.name.as_deref().unwrap_or("")),
            "cat" => self.cat(args),
            "ls" => self.ls(args),
            "sh" | "bash" | "/bin/sh" | "/bin/bash" => match args {
                [flag, script] if flag == "-c" => self.script(script),
                _ => "Interactive shells arrive with the playground's full terminal; try \
                      `kubectl exec POD -- sh -c 'echo hello > /path/file'`.\n"
                    .to_string(),
            },
            other => format!(
                "error: exec: \"{other}\": executable file not found in $PATH\ncommand terminated with exit code 127\n"
            ),
        }
    }

    fn cat(&self, args: &[String]) -> String {
        let mut out = String::new();
        for path in args {
            match files::lookup(&self.session.cluster, self.uid, self.index, path) {
                Some(Entry::File(text)) => out.push_str(&text),
                Some(Entry::Dir) => out.push_str("cat: read error: Is a directory\n"),
                None => {
                    out.push_str(&format!(
                        "cat: can't open '{path}': No such file or directory\ncommand terminated with exit code 1\n"
                    ));
                }
            }
        }
        out
    }

    fn ls(&self, args: &[String]) -> String {
        let dir = normalize("/", args.first().map_or("/", String::as_str));
        let mounts = files::mounts(&self.session.cluster, self.pod, self.index);
        let fs: Option<Fs> = match files::backing(&mounts, &dir) {
            Backing::Volume(pv, _) => self.session.cluster.volumes.get(&pv).cloned(),
            Backing::Layer => self.session.cluster.runtime.get(self.uid).map(|rt| {
                let image = rt
                    .containers
                    .get(self.index)
                    .map(|c| c.image.clone())
                    .unwrap_or_default();
                let mut merged = files::image_fs(&image);
                for (path, entry) in rt.layer.walk() {
                    match entry {
                        Entry::Dir => merged.mkdir_p(path),
                        Entry::File(text) => merged.write(path, text, false),
                    }
                }
                merged
            }),
        };
        let inner = match files::backing(&mounts, &dir) {
            Backing::Volume(_, mount) => normalize("/", dir.strip_prefix(&mount).unwrap_or("/")),
            Backing::Layer => dir.clone(),
        };
        let names: Vec<String> = fs
            .map(|fs| fs.list(&inner).into_iter().map(|(n, _)| n).collect())
            .unwrap_or_default();
        if names.is_empty() {
            return String::new();
        }
        format!("{}\n", names.join("\n"))
    }

    /// `echo TEXT > FILE` and `echo TEXT >> FILE`, the one kind of script the stand-in runs.
    fn script(&mut self, script: &str) -> String {
        let words = words::split(script).unwrap_or_default();
        let redirect = words.iter().position(|w| w.starts_with('>'));
        let Some(at) = redirect else {
            return self.command(&words);
        };
        let operator = words.get(at).map_or("", String::as_str);
        let append = operator.starts_with(">>");
        let attached = operator.trim_start_matches('>');
        let target = if attached.is_empty() {
            words.get(at + 1).map_or("", String::as_str)
        } else {
            attached
        };
        let text = match words.get(..at).and_then(|w| w.split_first()) {
            Some((echo, rest)) if echo == "echo" => format!("{}\n", rest.join(" ")),
            _ => return "The stand-in shell runs `echo TEXT > FILE` only.\n".to_string(),
        };
        if target.is_empty() {
            return "sh: syntax error: unexpected newline\n".to_string();
        }
        let path = normalize("/", target);
        let mounts = files::mounts(&self.session.cluster, self.pod, self.index);
        match files::backing(&mounts, &path) {
            Backing::Volume(pv, mount) => {
                let inner = normalize("/", path.strip_prefix(&mount).unwrap_or("/"));
                self.session
                    .cluster
                    .volumes
                    .entry(pv)
                    .or_default()
                    .write(&inner, &text, append);
            }
            Backing::Layer => {
                if let Some(rt) = self.session.cluster.runtime.get_mut(self.uid) {
                    rt.layer.write(&path, &text, append);
                }
            }
        }
        String::new()
    }
}
