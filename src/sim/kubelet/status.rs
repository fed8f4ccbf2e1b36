//! The pod status the kubelet reports, built from its runtime record.

use k8s_openapi::api::core::v1::{
    ContainerState as ApiState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, HostIP, Node, Pod, PodCondition, PodIP, PodStatus,
};

use super::{ContainerRuntime, ContainerState, PodRuntime, Stage, images};
use crate::sim::clock::time_at;
use crate::sim::world::World;

fn api_state(state: &ContainerState) -> ApiState {
    match state {
        ContainerState::Waiting(reason) => ApiState {
            waiting: Some(ContainerStateWaiting {
                reason: Some(reason.clone()),
                message: None,
            }),
            ..Default::default()
        },
        ContainerState::Running(since) => ApiState {
            running: Some(ContainerStateRunning {
                started_at: Some(time_at(*since)),
            }),
            ..Default::default()
        },
        ContainerState::Terminated {
            code,
            reason,
            started,
            finished,
        } => ApiState {
            terminated: Some(ContainerStateTerminated {
                exit_code: *code,
                reason: Some(reason.clone()),
                started_at: Some(time_at(*started)),
                finished_at: Some(time_at(*finished)),
                container_id: None,
                ..Default::default()
            }),
            ..Default::default()
        },
    }
}

/// A waiting state carries the reason a container could not be created as its message.
fn with_message(mut state: ApiState, message: Option<&str>) -> ApiState {
    if let Some(w) = state.waiting.as_mut()
        && w.reason.as_deref() == Some(super::containers::CONFIG_ERROR)
    {
        w.message = message.map(str::to_string);
    }
    state
}

fn hex_id(seed: &str) -> String {
    hex_id_of(&[seed.as_bytes()])
}

/// The id of the seed text made of `parts` in order, without joining them first.
fn hex_id_of(parts: &[&[u8]]) -> String {
    // A stable 64-hex-digit id derived from the seed text (FNV-1a folded four times). The four
    // hashes advance together so that their multiplications overlap instead of queueing.
    let mut h: [u64; 4] = [0, 1, 2, 3].map(|round| 0xcbf2_9ce4_8422_2325 ^ round);
    for b in parts.iter().flat_map(|p| p.iter()) {
        for lane in &mut h {
            *lane = (*lane ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut out = Vec::with_capacity(64);
    for lane in h {
        out.extend_from_slice(&crate::sim::hex::digits(lane));
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the pod's status from the runtime record (keeping condition transition times stable).
pub fn write(w: &mut World, uid: &str) {
    let Some(status) = build(w, uid) else {
        return;
    };
    let Some(rt) = w.runtime.get(uid) else {
        return;
    };
    w.store.edit::<Pod>(&rt.namespace, &rt.name, |p| {
        p.status = Some(status);
        true
    });
}

/// The status the kubelet would report now, borrowing its record (None if the pod is gone or
/// already reports exactly this).
fn build(w: &World, uid: &str) -> Option<PodStatus> {
    let rt = w.runtime.get(uid)?;
    let pod = w.store.get::<Pod>(&rt.namespace, &rt.name)?;
    if pod.metadata.uid.as_deref() != Some(uid) {
        return None;
    }
    let host_ip = w
        .store
        .get::<Node>("", &rt.node)
        .and_then(|n| n.status.as_ref())
        .and_then(|s| s.addresses.as_ref())
        .and_then(|a| a.iter().find(|a| a.type_ == "InternalIP"))
        .map(|a| a.address.clone());
    let empty = PodStatus::default();
    let old = pod.status.as_ref().unwrap_or(&empty);
    let statuses: Vec<ContainerStatus> =
        rt.apps().iter().map(|k| container_status(uid, k)).collect();
    let init_statuses: Vec<ContainerStatus> = rt
        .inits()
        .iter()
        .map(|k| {
            // A completed init container counts as ready (convertToAPIContainerStatuses).
            let mut s = container_status(uid, k);
            s.ready = s.ready || completed(k);
            s
        })
        .collect();
    let spec = pod.spec.as_ref();
    let incomplete: Vec<&str> = rt
        .inits()
        .iter()
        .enumerate()
        .filter(|(j, k)| {
            let sidecar = spec.is_some_and(|s| !super::runs_to_completion(s, rt.app_count() + j));
            !(completed(k) || sidecar && matches!(k.state, ContainerState::Running(_)))
        })
        .map(|(_, k)| k.name.as_str())
        .collect();
    let phase = phase(
        rt,
        &incomplete,
        spec.and_then(|s| s.restart_policy.as_deref()),
    );
    let conditions = conditions(rt, old, &statuses, &incomplete, w.clock.now_ms);
    let ip = rt.ip.clone();
    let status = PodStatus {
        phase: Some(phase.to_string()),
        init_container_statuses: (rt.init > 0).then_some(init_statuses),
        conditions: Some(conditions),
        host_ip: host_ip.clone(),
        host_ips: host_ip.map(|ip| vec![HostIP { ip }]),
        pod_ip: ip.clone(),
        pod_ips: ip.map(|ip| vec![PodIP { ip }]),
        start_time: Some(time_at(rt.started_ms)),
        container_statuses: Some(statuses),
        qos_class: old.qos_class.clone().or(Some("BestEffort".into())),
        ..Default::default()
    };
    (pod.status.as_ref() != Some(&status)).then_some(status)
}

/// One container's status, as convertToAPIContainerStatuses (pkg/kubelet/kubelet_pods.go) reports
/// it: image and container ids once it has run, state and last state, ready only while running.
fn container_status(uid: &str, k: &ContainerRuntime) -> ContainerStatus {
    let reference = images::parse(&k.image);
    let canonical = reference.canonical();
    let started = matches!(k.state, ContainerState::Running(_));
    let ever_ran = k.pulled
        && !matches!(k.state, ContainerState::Waiting(ref r)
            if r == "ContainerCreating" || r == "PodInitializing");
    ContainerStatus {
        name: k.name.clone(),
        image_id: if ever_ran {
            let mut id = String::with_capacity(reference.repository.len() + 72);
            id.push_str(&reference.repository);
            id.push_str("@sha256:");
            id.push_str(&hex_id(&canonical));
            id
        } else {
            String::new()
        },
        container_id: ever_ran.then(|| {
            let restarts = k.restarts.to_string();
            let hex = hex_id_of(&[
                uid.as_bytes(),
                b"/",
                k.name.as_bytes(),
                b"/",
                restarts.as_bytes(),
            ]);
            let mut id = String::with_capacity(13 + hex.len());
            id.push_str("containerd://");
            id.push_str(&hex);
            id
        }),
        image: canonical,
        ready: k.ready && started,
        restart_count: k.restarts,
        started: Some(started),
        state: Some(with_message(api_state(&k.state), k.config_error.as_deref())),
        last_state: Some(k.last.as_ref().map(api_state).unwrap_or_default()),
        ..Default::default()
    }
}

/// Whether a container exited 0 and stays so: an init container that has done its job.
pub(super) fn completed(k: &ContainerRuntime) -> bool {
    k.restart_at.is_none() && matches!(k.state, ContainerState::Terminated { code: 0, .. })
}

/// Whether every app container has started at least once.
pub(super) fn all_started(rt: &PodRuntime) -> bool {
    rt.apps()
        .iter()
        .all(|k| k.restarts > 0 || matches!(k.state, ContainerState::Running(_)))
}

/// The pod's phase (getPhase in pkg/kubelet/kubelet_pods.go): Pending while an init container
/// has not completed (Failed when one failed and `restartPolicy` is Never), Running once every
/// app container has started at least once.
fn phase(rt: &PodRuntime, incomplete: &[&str], restart_policy: Option<&str>) -> &'static str {
    if !incomplete.is_empty() {
        let failed = rt.inits().iter().any(|k| {
            k.restart_at.is_none()
                && matches!(k.state, ContainerState::Terminated { code, .. } if code != 0)
        });
        return if failed && restart_policy == Some("Never") {
            "Failed"
        } else {
            "Pending"
        };
    }
    let running =
        matches!(rt.stage, Stage::Running | Stage::Killing | Stage::Stopped) || all_started(rt);
    if running && rt.stage != Stage::Admitted {
        "Running"
    } else {
        "Pending"
    }
}

/// The pod's conditions (pkg/kubelet/status/generate.go), each keeping its transition time while
/// its status stays the same.
fn conditions(
    rt: &PodRuntime,
    old: &PodStatus,
    statuses: &[ContainerStatus],
    incomplete: &[&str],
    now: u64,
) -> Vec<PodCondition> {
    // GeneratePodInitializedCondition: names print as Go prints a string slice.
    let initialized = incomplete.is_empty()
        || statuses
            .iter()
            .any(|s| s.started == Some(true) || s.restart_count > 0);
    let init_msg = format!(
        "containers with incomplete status: [{}]",
        incomplete.join(" ")
    );
    let all_ready = !statuses.is_empty() && statuses.iter().all(|s| s.ready);
    let mut unready_msg = String::from("containers with unready status: [");
    for (n, s) in statuses.iter().filter(|s| !s.ready).enumerate() {
        if n > 0 {
            unready_msg.push(' ');
        }
        unready_msg.push_str(&s.name);
    }
    unready_msg.push(']');
    let sandbox = !matches!(rt.stage, Stage::Admitted) && rt.ip.is_some();
    let cond = |type_: &str, ok: bool, reason: Option<&str>, message: Option<String>| {
        let status = if ok { "True" } else { "False" };
        let previous = old
            .conditions
            .as_ref()
            .and_then(|cs| cs.iter().find(|c| c.type_ == type_));
        let since = match previous {
            Some(p) if p.status == status => p.last_transition_time.clone(),
            _ => Some(time_at(now)),
        };
        PodCondition {
            type_: type_.to_string(),
            status: status.to_string(),
            last_transition_time: since,
            reason: if ok { None } else { reason.map(str::to_string) },
            message: if ok { None } else { message },
            ..Default::default()
        }
    };
    vec![
        cond("PodReadyToStartContainers", sandbox, None, None),
        cond(
            "Initialized",
            initialized,
            Some("ContainersNotInitialized"),
            Some(init_msg),
        ),
        cond(
            "Ready",
            all_ready,
            Some("ContainersNotReady"),
            Some(unready_msg.clone()),
        ),
        cond(
            "ContainersReady",
            all_ready,
            Some("ContainersNotReady"),
            Some(unready_msg),
        ),
        cond("PodScheduled", true, None, None),
    ]
}

#[cfg(test)]
mod tests {
    use super::{hex_id, hex_id_of};

    #[test]
    fn an_id_of_parts_is_the_id_of_their_joined_text() {
        assert_eq!(
            hex_id_of(&[b"uid-1", b"/", b"nginx", b"/", b"12"]),
            hex_id("uid-1/nginx/12")
        );
        assert_ne!(hex_id("a"), hex_id("b"));
    }

    #[test]
    fn hex_ids_are_four_folded_fnv_hashes_in_hex() {
        let seed = "docker.io/library/nginx:1.25";
        let mut want = String::new();
        for round in 0u64..4 {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ round;
            for b in seed.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            want.push_str(&format!("{h:016x}"));
        }
        assert_eq!(hex_id(seed), want);
        assert_eq!(hex_id("").len(), 64);
    }
}
