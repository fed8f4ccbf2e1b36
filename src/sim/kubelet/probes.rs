//! Readiness and liveness probes, evaluated against the simulated container.

use k8s_openapi::api::core::v1::{Container, Pod, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::files::{self, NGINX_ROOT};
use super::images::{self, Behaviour, Pull};
use super::{ContainerState, Stage, status};
use crate::sim::Cluster;
use crate::sim::events::EventType;
use crate::sim::fs::Entry;
use crate::sim::manager::Manager;
use crate::sim::queue::Work;
use crate::sim::world::World;

fn probe_of(w: &World, uid: &str, container: usize, readiness: bool) -> Option<(Container, Probe)> {
    let rt = w.runtime.get(uid)?;
    let pod = w.store.get::<Pod>(&rt.namespace, &rt.name)?;
    let k = super::container_spec(pod.spec.as_ref()?, container)?.clone();
    let p = if readiness {
        k.readiness_probe.clone()
    } else {
        k.liveness_probe.clone()
    }?;
    Some((k, p))
}

fn secs(v: Option<i32>, default: i32) -> u64 {
    u64::try_from(v.unwrap_or(default).max(0)).unwrap_or(0) * 1000
}

/// Schedules the first probes of a container that just started.
pub fn schedule_initial(
    m: &mut Manager,
    uid: &str,
    container: usize,
    spec: Option<&Container>,
    now: u64,
) {
    let Some(spec) = spec else { return };
    for (readiness, probe) in [(true, &spec.readiness_probe), (false, &spec.liveness_probe)] {
        if let Some(p) = probe {
            let at = now + secs(p.initial_delay_seconds, 0).max(500);
            m.queue
                .reschedule(at, Work::Probe(uid.to_string(), container, readiness));
        }
    }
}

/// The result of one probe: Ok, or the failure text the kubelet reports.
pub fn evaluate(
    w: &World,
    uid: &str,
    container: usize,
    probe: &Probe,
    k: &Container,
) -> Result<(), String> {
    let behaviour = match images::pull(k.image.as_deref().unwrap_or("")) {
        Pull::Ok(_, b, _) => b,
        Pull::NotFound(_) => Behaviour::Custom,
    };
    let port_of = |p: &IntOrString| -> Option<i32> {
        match p {
            IntOrString::Int(i) => Some(*i),
            IntOrString::String(name) => k
                .ports
                .iter()
                .flatten()
                .find(|cp| cp.name.as_deref() == Some(name))
                .map(|cp| cp.container_port),
        }
    };
    let listening = |port: i32| match behaviour {
        Behaviour::Nginx => port == 80,
        Behaviour::Server { port: p, .. } => port == p,
        Behaviour::Custom => k.ports.iter().flatten().any(|cp| cp.container_port == port),
        Behaviour::Shell => false,
    };
    let ip = w
        .runtime
        .get(uid)
        .and_then(|r| r.ip.clone())
        .unwrap_or_default();
    if let Some(exec) = &probe.exec {
        let cmd = exec.command.clone().unwrap_or_default();
        return run_exec(w, uid, container, &cmd);
    }
    if let Some(http) = &probe.http_get {
        let port = port_of(&http.port).unwrap_or(0);
        let path = http.path.clone().unwrap_or_else(|| "/".into());
        if !listening(port) {
            return Err(format!(
                "Get \"http://{ip}:{port}{path}\": dial tcp {ip}:{port}: connect: connection refused"
            ));
        }
        if behaviour != Behaviour::Nginx {
            return Ok(());
        }
        let code = nginx_status(w, uid, container, &path);
        return if (200..400).contains(&code) {
            Ok(())
        } else {
            Err(format!("HTTP probe failed with statuscode: {code}"))
        };
    }
    if let Some(tcp) = &probe.tcp_socket {
        let port = port_of(&tcp.port).unwrap_or(0);
        return if listening(port) {
            Ok(())
        } else {
            Err(format!("dial tcp {ip}:{port}: connect: connection refused"))
        };
    }
    Ok(())
}

/// The status code nginx answers for `path`: 200 for a file, 403 for a directory without index.html, 404 otherwise.
pub fn nginx_status(w: &World, uid: &str, container: usize, path: &str) -> u16 {
    let full = format!("{NGINX_ROOT}/{}", path.trim_start_matches('/'));
    match files::lookup(w, uid, container, &full) {
        Some(Entry::File(_)) => 200,
        Some(Entry::Dir) => match files::lookup(
            w,
            uid,
            container,
            &format!("{}/index.html", full.trim_end_matches('/')),
        ) {
            Some(Entry::File(_)) => 200,
            _ => 403,
        },
        None => 404,
    }
}

fn run_exec(w: &World, uid: &str, container: usize, cmd: &[String]) -> Result<(), String> {
    let words: Vec<String> = match cmd {
        [sh, flag, script] if (sh.ends_with("sh") || sh.ends_with("bash")) && flag == "-c" => {
            script.split_whitespace().map(str::to_string).collect()
        }
        _ => cmd.to_vec(),
    };
    let Some(program) = words.first() else {
        return Err("command is empty".into());
    };
    let program = program.rsplit('/').next().unwrap_or(program);
    match program {
        "true" => Ok(()),
        "false" => Err("command terminated with exit code 1".into()),
        "cat" | "ls" | "test" | "[" => {
            let path = words
                .iter()
                .skip(1)
                .find(|w| w.starts_with('/'))
                .cloned()
                .unwrap_or_default();
            match files::lookup(w, uid, container, &path) {
                Some(_) => Ok(()),
                None => Err(format!(
                    "{program}: can't open '{path}': No such file or directory"
                )),
            }
        }
        "pg_isready" | "mysqladmin" | "redis-cli" | "mongosh" | "mongo" | "curl" | "wget"
        | "nginx" => Ok(()),
        other => Err(format!(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"{other}\": executable file not found in $PATH: unknown"
        )),
    }
}

/// Runs one probe and applies its thresholds.
pub fn probe(c: &mut Cluster, uid: &str, container: usize, readiness: bool) {
    let Some(rt) = c.world.runtime.get(uid) else {
        return;
    };
    if c.world.failed_nodes.contains_key(&rt.node) || matches!(rt.stage, Stage::Stopped) {
        return;
    }
    if !matches!(
        rt.containers.get(container).map(|k| &k.state),
        Some(ContainerState::Running(_))
    ) {
        return;
    }
    let Some((k, p)) = probe_of(&c.world, uid, container, readiness) else {
        return;
    };
    let result = evaluate(&c.world, uid, container, &p, &k);
    let success_threshold = p.success_threshold.unwrap_or(1).max(1);
    let failure_threshold = p.failure_threshold.unwrap_or(3).max(1);
    let name = k.name.clone();
    let mut restart = false;
    if let Some(kc) = c
        .world
        .runtime
        .get_mut(uid)
        .and_then(|r| r.containers.get_mut(container))
    {
        let (ok, fail, live_fail) = &mut kc.streaks;
        match (&result, readiness) {
            (Ok(()), true) => {
                *ok += 1;
                *fail = 0;
                if *ok >= success_threshold {
                    kc.ready = true;
                }
            }
            (Err(_), true) => {
                *fail += 1;
                *ok = 0;
                if *fail >= failure_threshold {
                    kc.ready = false;
                }
            }
            (Ok(()), false) => *live_fail = 0,
            (Err(_), false) => {
                *live_fail += 1;
                restart = *live_fail >= failure_threshold;
            }
        }
    }
    if let Err(text) = &result {
        let which = if readiness { "Readiness" } else { "Liveness" };
        crate::sim::kubelet::lifecycle_event(
            &mut c.world,
            uid,
            &name,
            EventType::Warning,
            "Unhealthy",
            &format!("{which} probe failed: {text}"),
        );
    }
    if restart {
        crate::sim::kubelet::lifecycle_event(
            &mut c.world,
            uid,
            &name,
            EventType::Normal,
            "Killing",
            &format!("Container {name} failed liveness probe, will be restarted"),
        );
        let now = c.world.clock.now_ms;
        if let Some(kc) = c
            .world
            .runtime
            .get_mut(uid)
            .and_then(|r| r.containers.get_mut(container))
        {
            kc.exit_at = Some((now, 137));
            kc.streaks = (0, 0, 0);
        }
        c.manager
            .queue
            .reschedule(now, Work::Kubelet(uid.to_string()));
    }
    status::write(&mut c.world, uid);
    let at = c.world.clock.now_ms + secs(p.period_seconds, 10).max(1000);
    c.manager
        .queue
        .reschedule(at, Work::Probe(uid.to_string(), container, readiness));
}

/// The time of the earliest pending probe whose result would change a container's readiness or
/// restart it; `settle` waits for those and leaves the rest running in the background. It reads
/// the manager's queue and judges each probe against the world.
pub fn next_significant_probe(w: &World, m: &Manager) -> Option<u64> {
    m.queue
        .background()
        .filter(|(_, work)| match work {
            Work::Probe(uid, container, readiness) => {
                let Some(kc) = w
                    .runtime
                    .get(uid)
                    .and_then(|r| r.containers.get(*container))
                else {
                    return false;
                };
                let Some((k, p)) = probe_of(w, uid, *container, *readiness) else {
                    return false;
                };
                let ok = evaluate(w, uid, *container, &p, &k).is_ok();
                if *readiness { ok != kc.ready } else { !ok }
            }
            _ => false,
        })
        .map(|(t, _)| t)
        .next()
}
