//! The kubelet's stages for one pod: admission, sandbox, image pulls, container starts, exits and restarts.

use k8s_openapi::api::core::v1::{Node, Pod};

use super::images::{self, Pull};
use super::kill::finish_kill;
use super::plan::{back_off, err_image_pull_ms, pull_ms, run_plan, seconds};
use super::report::{container_events, event};
use super::{ContainerState, Stage, status};
use crate::sim::Cluster;
use crate::sim::events::EventType;
use crate::sim::fs::Fs;
use crate::sim::queue::Work;

/// Runs the pod's next lifecycle step.
pub fn step(c: &mut Cluster, uid: &str) {
    let Some(rt) = c.runtime.get(uid) else {
        return;
    };
    if c.failed_nodes.contains_key(&rt.node) {
        return;
    }
    let stage = rt.stage;
    let (ns, name) = (rt.namespace.clone(), rt.name.clone());
    let Some(pod) = c.store.get::<Pod>(&ns, &name) else {
        c.runtime.remove(uid);
        return;
    };
    if pod.metadata.uid.as_deref() != Some(uid) {
        c.runtime.remove(uid);
        return;
    }
    let deletable = pod.metadata.deletion_timestamp.is_some()
        && pod.metadata.finalizers.as_ref().is_none_or(Vec::is_empty);
    match stage {
        Stage::Admitted => {
            if let Some(rt) = c.runtime.get_mut(uid) {
                rt.stage = Stage::Sandbox;
                rt.started_ms = c.clock.now_ms;
            }
            status::write(c, uid);
            let at = c.after(300, 900);
            c.manager.queue.push(at, Work::Kubelet(uid.to_string()));
        }
        Stage::Sandbox => {
            let node = c
                .runtime
                .get(uid)
                .map(|r| r.node.clone())
                .unwrap_or_default();
            let ip = next_ip(c, &node);
            if let Some(rt) = c.runtime.get_mut(uid) {
                rt.ip = Some(ip);
                rt.stage = Stage::Containers;
            }
            containers(c, uid);
        }
        Stage::Containers | Stage::Running => containers(c, uid),
        Stage::Killing => finish_kill(c, uid),
        Stage::Stopped => {
            c.runtime.remove(uid);
            if deletable {
                c.finish_deletion::<Pod>(&ns, &name);
            }
        }
    }
}

fn next_ip(c: &mut Cluster, node: &str) -> String {
    let index = c
        .store
        .get::<Node>("", node)
        .and_then(|n| n.spec.as_ref())
        .and_then(|s| s.pod_cidr.as_ref())
        .and_then(|cidr| cidr.split('.').nth(2))
        .and_then(|x| x.parse::<u32>().ok())
        .unwrap_or(1);
    let jump = u32::try_from(c.rng.range(1, 7)).unwrap_or(1);
    let last = c.node_ips.entry(node.to_string()).or_insert(1);
    *last = (*last + jump - 1) % 250 + 2;
    ["10.244.", &index.to_string(), ".", &last.to_string()].concat()
}

/// Pulls, starts, exits and restarts containers as their times come.
fn containers(c: &mut Cluster, uid: &str) {
    let now = c.clock.now_ms;
    let count = c.runtime.get(uid).map_or(0, |r| r.containers.len());
    for i in 0..count {
        if !advance_container(c, uid, i, now) {
            break;
        }
    }
    if let Some(rt) = c.runtime.get_mut(uid)
        && rt.stage == Stage::Containers
        && rt
            .containers
            .iter()
            .all(|k| k.restarts > 0 || matches!(k.state, ContainerState::Running(_)))
    {
        rt.stage = Stage::Running;
    }
    status::write(c, uid);
    let next = c.runtime.get(uid).and_then(|r| {
        r.containers
            .iter()
            .flat_map(|k| {
                // About a second after a crash the kubelet reports the back-off it is waiting out.
                let backoff_report = match k.state {
                    ContainerState::Terminated { finished, .. } if k.restarts > 0 => {
                        Some(finished + 1_000)
                    }
                    _ => None,
                };
                [
                    k.pulling_until,
                    k.exit_at.map(|e| e.0),
                    k.restart_at,
                    k.retry_pull_at,
                    backoff_report,
                ]
            })
            .flatten()
            .filter(|t| *t > now)
            .min()
    });
    if let Some(at) = next {
        c.manager
            .queue
            .reschedule(at, Work::Kubelet(uid.to_string()));
    }
}

/// Moves one container along; false when later containers must wait (pulls and starts are sequential).
fn advance_container(c: &mut Cluster, uid: &str, i: usize, now: u64) -> bool {
    let Some((k, node)) = c
        .runtime
        .get(uid)
        .and_then(|r| Some((r.containers.get(i)?.clone(), r.node.clone())))
    else {
        return false;
    };
    let reference = images::parse(&k.image);
    if let ContainerState::Running(started) = k.state {
        if let Some((at, code)) = k.exit_at
            && at <= now
        {
            let reason = if code == 0 { "Completed" } else { "Error" };
            let restarts = k.restarts;
            let delay = if restarts == 0 {
                0
            } else {
                back_off(u32::try_from(restarts).unwrap_or(1))
            };
            if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
                kc.state = ContainerState::Terminated {
                    code,
                    reason: reason.into(),
                    started,
                    finished: now,
                };
                kc.ready = false;
                kc.exit_at = None;
                kc.restart_at = Some(now + delay.max(1_000));
            }
        }
        return true;
    }
    if let Some(at) = k.restart_at {
        if at > now {
            if let ContainerState::Terminated { .. } = k.state
                && k.restarts > 0
            {
                let name = k.name.clone();
                let pod = c
                    .runtime
                    .get(uid)
                    .map(|r| r.name.clone())
                    .unwrap_or_default();
                let ns = c
                    .runtime
                    .get(uid)
                    .map(|r| r.namespace.clone())
                    .unwrap_or_default();
                event(
                    c,
                    uid,
                    Some(&name),
                    EventType::Warning,
                    "BackOff",
                    &format!(
                        "Back-off restarting failed container {name} in pod {pod}_{ns}({uid})"
                    ),
                );
                if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
                    kc.last = Some(kc.state.clone());
                    kc.state = ContainerState::Waiting("CrashLoopBackOff".into());
                }
            }
            return true;
        }
        if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
            if let ContainerState::Terminated { .. } = kc.state {
                kc.last = Some(kc.state.clone());
            }
            kc.restart_at = None;
            kc.restarts += 1;
            // A restarted container is a new container: its writable layer starts empty.
            kc.layer = Fs::default();
        }
        // A restart checks the image again: one kept on the node is reported as present.
        if pull_policy(c, uid, i, &reference) != "Always" {
            already_present(c, uid, &k.name, &k.image);
        }
        start_container(c, uid, i, now);
        return true;
    }
    if let Some(until) = k.pulling_until {
        if until > now {
            return false;
        }
        let size = match images::pull(&k.image) {
            Pull::Ok(size, ..) => size,
            Pull::NotFound(_) => 0,
        };
        let took = seconds(pull_ms(size));
        let size_text = size.to_string();
        event(
            c,
            uid,
            Some(&k.name),
            EventType::Normal,
            "Pulled",
            &[
                "Successfully pulled image \"",
                k.image.as_str(),
                "\" in ",
                &took,
                " (",
                &took,
                " including waiting). Image size: ",
                &size_text,
                " bytes.",
            ]
            .concat(),
        );
        c.node_images
            .entry(node)
            .or_default()
            .push(reference.canonical());
        if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
            kc.pulling_until = None;
            kc.pulled = true;
        }
        start_container(c, uid, i, now);
        return true;
    }
    if k.pulled {
        return true;
    }
    if let Some(retry) = k.retry_pull_at
        && retry > now
    {
        return false;
    }
    let policy = pull_policy(c, uid, i, &reference);
    let present = c
        .node_images
        .get(&node)
        .is_some_and(|l| l.contains(&reference.canonical()));
    match images::pull(&k.image) {
        Pull::Ok(..) if present && policy != "Always" => {
            already_present(c, uid, &k.name, &k.image);
            if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
                kc.pulled = true;
            }
            start_container(c, uid, i, now);
            true
        }
        Pull::Ok(size, ..) => {
            event(
                c,
                uid,
                Some(&k.name),
                EventType::Normal,
                "Pulling",
                &["Pulling image \"", k.image.as_str(), "\""].concat(),
            );
            // A cached image with pull policy Always only checks the registry, which is quick.
            let took = if present {
                c.rng.range(300, 900)
            } else {
                pull_ms(size)
            };
            if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
                kc.pulling_until = Some(now + took);
                kc.retry_pull_at = None;
            }
            false
        }
        Pull::NotFound(err) => {
            let failures = k.pull_failures + 1;
            if k.pull_failures == 0
                || matches!(k.state, ContainerState::Waiting(ref r) if r == "ImagePullBackOff")
            {
                let failed = format!("Failed to pull image \"{}\": {err}", k.image);
                container_events(
                    c,
                    uid,
                    &k.name,
                    &[
                        (
                            EventType::Normal,
                            "Pulling",
                            &format!("Pulling image \"{}\"", k.image),
                        ),
                        (EventType::Warning, "Failed", &failed),
                        (EventType::Warning, "Failed", "Error: ErrImagePull"),
                    ],
                );
                if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
                    kc.state = ContainerState::Waiting("ErrImagePull".into());
                    kc.pull_failures = failures;
                    kc.retry_pull_at = Some(now + err_image_pull_ms());
                }
            } else {
                container_events(
                    c,
                    uid,
                    &k.name,
                    &[
                        (
                            EventType::Normal,
                            "BackOff",
                            &format!("Back-off pulling image \"{}\"", k.image),
                        ),
                        (EventType::Warning, "Failed", "Error: ImagePullBackOff"),
                    ],
                );
                // 10 s after the first failed pull, doubling with each one after, capped at 300 s.
                if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
                    kc.state = ContainerState::Waiting("ImagePullBackOff".into());
                    kc.retry_pull_at = Some(now + back_off(k.pull_failures));
                }
            }
            false
        }
    }
}

fn start_container(c: &mut Cluster, uid: &str, i: usize, now: u64) {
    let Some(name) = c
        .runtime
        .get(uid)
        .and_then(|r| r.containers.get(i))
        .map(|k| k.name.clone())
    else {
        return;
    };
    event(
        c,
        uid,
        Some(&name),
        EventType::Normal,
        "Created",
        "Container created",
    );
    event(
        c,
        uid,
        Some(&name),
        EventType::Normal,
        "Started",
        "Container started",
    );
    // A shared handle to the pod, so that its container spec is read without a copy.
    let pod = c
        .runtime
        .get(uid)
        .and_then(|rt| c.store.snapshot_one::<Pod>(&rt.namespace, &rt.name));
    let spec = pod
        .as_deref()
        .and_then(|p| p.spec.as_ref()?.containers.get(i));
    let plan = spec.and_then(run_plan);
    let has_readiness = spec.is_some_and(|s| s.readiness_probe.is_some());
    if let Some(kc) = c.runtime.get_mut(uid).and_then(|r| r.containers.get_mut(i)) {
        kc.state = ContainerState::Running(now);
        kc.ready = !has_readiness;
        kc.streaks = (0, 0, 0);
        kc.exit_at = plan.map(|(after, code)| (now + after, code));
    }
    super::probes::schedule_initial(c, uid, i, spec, now);
}

/// The container's image pull policy, defaulted as the API server does (`Always` for `latest`).
fn pull_policy(c: &Cluster, uid: &str, i: usize, reference: &images::ImageRef) -> String {
    c.runtime
        .get(uid)
        .and_then(|rt| c.store.get::<Pod>(&rt.namespace, &rt.name))
        .and_then(|p| {
            p.spec
                .as_ref()?
                .containers
                .get(i)?
                .image_pull_policy
                .clone()
        })
        .unwrap_or_else(|| {
            if reference.tag == "latest" && reference.digest.is_none() {
                "Always".into()
            } else {
                "IfNotPresent".into()
            }
        })
}

/// The `Pulled` event for an image the node already has.
fn already_present(c: &mut Cluster, uid: &str, container: &str, image: &str) {
    let message = [
        "Container image \"",
        image,
        "\" already present on machine and can be accessed by the pod",
    ]
    .concat();
    event(
        c,
        uid,
        Some(container),
        EventType::Normal,
        "Pulled",
        &message,
    );
}
