//! The few kubectl commands the stand-in knows.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Pod, Service};
use serde_json::Value;

use super::{Output, Run, Session, Waiting, done, fail};
use crate::sim::api::defaults;
use crate::sim::apiserver::DeleteOptions;

impl StubDefaults for StatefulSet {
    fn stub_defaults(&mut self) {
        defaults::default_statefulset(self);
    }
}

impl StubDefaults for Service {
    fn stub_defaults(&mut self) {
        defaults::default_service(self);
        defaults::allocate_service_ips(self, "10.96.100.10");
    }
}

impl StubDefaults for Pod {
    fn stub_defaults(&mut self) {
        crate::sim::api::defaults_pod::default_pod(self);
    }
}

impl Waiting for RolloutStatus {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let mut spent = 0;
        while spent < budget_ms {
            let ns = session.namespace.clone();
            let Some(sts) = session.cluster.store.get::<StatefulSet>(&ns, &self.name) else {
                let msg = format!(
                    "Error from server (NotFound): statefulsets.apps \"{}\" not found\n",
                    self.name
                );
                return (
                    Output {
                        stdout: String::new(),
                        stderr: msg,
                        code: 1,
                    },
                    true,
                );
            };
            let want = sts.spec.replicas.unwrap_or(1);
            let ready = (0..want)
                .filter(|i| {
                    session
                        .cluster
                        .store
                        .get::<Pod>(&ns, &format!("{}-{i}", self.name))
                        .is_some_and(|p| {
                            p.metadata.deletion_timestamp.is_none()
                                && p.status
                                    .as_ref()
                                    .and_then(|s| s.conditions.as_ref())
                                    .is_some_and(|c| {
                                        c.iter().any(|c| c.type_ == "Ready" && c.status == "True")
                                    })
                        })
                })
                .count();
            if ready >= usize::try_from(want).unwrap_or(0) {
                let stdout = format!(
                    "partitioned roll out complete: {want} new pods have been updated...\n"
                );
                return (
                    Output {
                        stdout,
                        stderr: String::new(),
                        code: 0,
                    },
                    true,
                );
            }
            session.cluster.advance(100);
            spent += 100;
        }
        (Output::default(), false)
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output {
            code: 130,
            ..Output::default()
        }
    }
}

pub(super) fn apply(session: &mut Session, file: &str, stdin: &str) -> Run {
    let text = if file == "-" {
        stdin.to_string()
    } else {
        let path = crate::sim::fs::normalize("/", file);
        match session.files.get(&path) {
            Some(t) => t.clone(),
            None => return fail(&format!("error: the path \"{file}\" does not exist")),
        }
    };
    let parsed = crate::manifest::parse(&text);
    let mut out = String::new();
    let ns = session.namespace.clone();
    for doc in parsed.objects() {
        let Some(value) = doc.value.clone() else {
            continue;
        };
        let kind = value.get("kind").and_then(Value::as_str).unwrap_or("");
        let line = match kind {
            "StatefulSet" => create::<StatefulSet>(session, value, &ns, "statefulset.apps"),
            "Service" => create::<Service>(session, value, &ns, "service"),
            "Pod" => create::<Pod>(session, value, &ns, "pod"),
            other => Err(format!("error: this stand-in cannot create a {other}")),
        };
        match line {
            Ok(l) => out.push_str(&l),
            Err(e) => return done(out, format!("{e}\n"), 1),
        }
    }
    done(out, String::new(), 0)
}

fn create<T>(
    session: &mut Session,
    value: Value,
    ns: &str,
    resource: &str,
) -> Result<String, String>
where
    T: crate::sim::kind::Object + serde::de::DeserializeOwned + StubDefaults + 'static,
{
    let mut obj: T = serde_json::from_value(value).map_err(|e| format!("error: {e}"))?;
    let meta = obj.metadata_mut();
    let name = meta.name.clone().unwrap_or_default();
    if meta.namespace.is_none() {
        meta.namespace = Some(ns.to_string());
    }
    obj.stub_defaults();
    match session.cluster.create(obj) {
        Ok(_) => Ok(format!("{resource}/{name} created\n")),
        Err(e) if e.reason == "AlreadyExists" => Ok(format!("{resource}/{name} unchanged\n")),
        Err(e) => Err(format!("Error from server ({}): {}", e.reason, e.message)),
    }
}

/// Defaulting the stand-in applies before a create.
trait StubDefaults {
    fn stub_defaults(&mut self);
}

pub(super) fn selected_pods(session: &Session, selector: &str) -> Vec<String> {
    let (k, v) = selector.split_once('=').unwrap_or((selector, ""));
    session
        .cluster
        .store
        .list::<Pod>(Some(&session.namespace))
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(k))
                .map(String::as_str)
                == Some(v)
        })
        .filter_map(|p| p.metadata.name.clone())
        .collect()
}

pub(super) fn get_pods(session: &mut Session, rest: &[&str]) -> Run {
    let as_names = rest.windows(2).any(|w| w == ["-o", "name"]) || rest.contains(&"-oname");
    let selector = rest
        .windows(2)
        .find(|w| w.first() == Some(&"-l"))
        .and_then(|w| w.get(1))
        .and_then(|sel| sel.split_once('='));
    let mut out = String::new();
    for pod in session.cluster.store.list::<Pod>(Some(&session.namespace)) {
        let labels = pod.metadata.labels.clone().unwrap_or_default();
        if selector.is_some_and(|(k, v)| labels.get(k).map(String::as_str) != Some(v)) {
            continue;
        }
        if as_names {
            out.push_str("pod/");
        }
        out.push_str(pod.metadata.name.as_deref().unwrap_or(""));
        out.push('\n');
    }
    done(out, String::new(), 0)
}

pub(super) fn delete_pod(session: &mut Session, name: &str) -> Run {
    let ns = session.namespace.clone();
    let uid = session
        .cluster
        .store
        .get::<Pod>(&ns, name)
        .and_then(|p| p.metadata.uid.clone());
    if let Err(e) = session
        .cluster
        .delete::<Pod>(&ns, name, DeleteOptions::default())
    {
        return fail(&format!("Error from server ({}): {}", e.reason, e.message));
    }
    // kubectl waits until the object with this uid is gone.
    for _ in 0..600 {
        let still = session
            .cluster
            .store
            .get::<Pod>(&ns, name)
            .is_some_and(|p| p.metadata.uid == uid);
        if !still {
            break;
        }
        session.cluster.advance(100);
    }
    done(
        format!("pod \"{name}\" deleted from {ns} namespace\n"),
        String::new(),
        0,
    )
}

pub(super) fn exec(session: &mut Session, rest: &[&str], stdin: &str) -> Run {
    let (mut interactive, mut tty) = (false, false);
    let mut container = None;
    let mut pod = None;
    let mut i = 0;
    while let Some(word) = rest.get(i) {
        match *word {
            "-it" | "-ti" => (interactive, tty) = (true, true),
            "-i" | "--stdin" => interactive = true,
            "-t" | "--tty" => tty = true,
            "-c" | "--container" => {
                i += 1;
                container = rest.get(i).map(|s| s.to_string());
            }
            "--" => break,
            name if pod.is_none() => pod = Some(name.to_string()),
            _ => {}
        }
        i += 1;
    }
    let argv: Vec<String> = rest.iter().skip(i + 1).map(|s| s.to_string()).collect();
    let Some(pod) = pod else {
        return fail("error: pod, type/name or --filename must be specified");
    };
    let ns = session.namespace.clone();
    let target = match crate::shell::container::target(session, &ns, &pod, container.as_deref()) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let shell_only = matches!(
        argv.as_slice(),
        [one] if ["sh", "bash", "/bin/sh", "/bin/bash", "ash", "/bin/ash"].contains(&one.as_str())
    );
    if interactive && tty && shell_only {
        return Run::Attach {
            namespace: ns,
            pod,
            container: target.container,
        };
    }
    let input = if interactive { stdin } else { "" };
    let out = crate::shell::container::exec_tty(
        session,
        &ns,
        &pod,
        Some(&target.container),
        &argv,
        input,
        tty,
    );
    if out.code == crate::shell::container::START_FAILED {
        return done(String::new(), out.stderr, 1);
    }
    let mut stderr = out.stderr;
    if out.code != 0 {
        stderr.push_str(&format!("command terminated with exit code {}\n", out.code));
    }
    done(out.stdout, stderr, out.code)
}

/// Waits until every replica of a StatefulSet is ready.
struct RolloutStatus {
    name: String,
}

pub(super) fn rollout_status(session: &mut Session, target: &str) -> Run {
    let name = target
        .strip_prefix("statefulset/")
        .or_else(|| target.strip_prefix("sts/"))
        .unwrap_or(target);
    let _ = session;
    Run::Wait(Box::new(RolloutStatus {
        name: name.to_string(),
    }))
}
