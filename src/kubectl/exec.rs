//! `kubectl exec`: runs a command in a container, or hands the terminal to the container's
//! shell for `exec -it POD -- sh`.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Pod;

use super::ctx::Ctx;
use super::{Output, Run, Session};
use crate::sim::statefulset::utils::selector_matches;

/// Shells `exec -it … -- <shell>` attaches to.
const SHELLS: [&str; 6] = ["sh", "bash", "/bin/sh", "/bin/bash", "ash", "/bin/ash"];

/// The pod a `POD` or `TYPE/NAME` argument names (a set's first pod for `sts/web`).
pub(crate) fn pod_for(ctx: &Ctx<'_>, arg: &str) -> Result<Pod, String> {
    let c = &ctx.session.cluster;
    let ns = ctx.namespace.as_str();
    let (ty, name) = match arg.split_once('/') {
        Some((t, n)) => (Some(t), n),
        None => (None, arg),
    };
    let kind = match ty {
        None => crate::sim::kind::Kind::Pod,
        Some(t) => match super::resources::resolve(t) {
            Some(res) => match res.sim_kind() {
                Some(k) => k,
                None => return Err(super::resources::not_simulated(res)),
            },
            None => {
                return Err(format!(
                    "error: the server doesn't have a resource type \"{t}\""
                ));
            }
        },
    };
    match kind {
        crate::sim::kind::Kind::Pod => c
            .world
            .store
            .get::<Pod>(ns, name)
            .cloned()
            .ok_or_else(|| format!("Error from server (NotFound): pods \"{name}\" not found")),
        crate::sim::kind::Kind::StatefulSet => {
            let sts = c.world.store.get::<StatefulSet>(ns, name).ok_or_else(|| {
                format!("Error from server (NotFound): statefulsets.apps \"{name}\" not found")
            })?;
            let mut pods: Vec<&Pod> = c
                .world
                .store
                .list::<Pod>(Some(ns))
                .filter(|p| selector_matches(&sts.spec.selector, p.metadata.labels.as_ref()))
                .collect();
            crate::order::sort_by_key(&mut pods, |p| p.metadata.deletion_timestamp.is_some());
            pods.first()
                .map(|p| (*p).clone())
                .ok_or_else(|| "error: no pods found for statefulset".to_string())
        }
        other => Err(format!(
            "error: cannot attach to {}: selector for {} not implemented",
            other.name(),
            other.name()
        )),
    }
}

/// The container to use: `-c`, the default-container annotation, or the first (with a notice).
/// Init containers may be named too; they close the list, marked `(init)` (FindContainerByName
/// and AllContainerNames in kubectl pkg/cmd/util/podcmd/podcmd.go).
pub(crate) fn container_for(
    pod: &Pod,
    wanted: Option<&str>,
    quiet: bool,
) -> Result<(String, String), String> {
    let spec = pod.spec.clone().unwrap_or_default();
    let names: Vec<String> = spec.containers.iter().map(|c| c.name.clone()).collect();
    let inits: Vec<String> = spec
        .init_containers
        .iter()
        .flatten()
        .map(|c| c.name.clone())
        .collect();
    let mut listed = names.clone();
    listed.extend(inits.iter().map(|n| format!("{n} (init)")));
    let all = listed.join(", ");
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let known = |n: &String| names.contains(n) || inits.contains(n);
    if let Some(w) = wanted {
        if known(&w.to_string()) {
            return Ok((w.to_string(), String::new()));
        }
        return Err(format!(
            "error: container {w} is not valid for pod {pod_name} out of: {all}"
        ));
    }
    let annotated = pod
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get("kubectl.kubernetes.io/default-container"))
        .filter(|d| known(d))
        .cloned();
    if let Some(d) = annotated {
        return Ok((d, String::new()));
    }
    let first = names.first().cloned().unwrap_or_default();
    let notice = if (names.len() > 1 || !inits.is_empty()) && !quiet {
        format!("Defaulted container \"{first}\" out of: {all}\n")
    } else {
        String::new()
    };
    Ok((first, notice))
}

/// Whether the container is running now.
pub(crate) fn container_running(session: &Session, pod: &Pod, container: &str) -> bool {
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    session
        .cluster
        .world
        .runtime
        .get(&uid)
        .and_then(|rt| rt.containers.iter().find(|k| k.name == container))
        .is_some_and(|k| matches!(k.state, crate::sim::kubelet::ContainerState::Running(_)))
}

/// `kubectl exec`.
pub(crate) fn exec(ctx: &mut Ctx<'_>) -> Option<Run> {
    let args = ctx.flags.args.clone();
    let dash = ctx.flags.dash_at;
    let (target, command): (Option<String>, Vec<String>) = match dash {
        Some(0) => (None, args.clone()),
        Some(1) => (
            args.first().cloned(),
            args.iter().skip(1).cloned().collect(),
        ),
        Some(_) => {
            ctx.usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
            return None;
        }
        None if args.len() > 1 => {
            ctx.usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
            return None;
        }
        None => (args.first().cloned(), Vec::new()),
    };
    let Some(target) = target else {
        ctx.fail("pod, type/name or --filename must be specified");
        return None;
    };
    if command.is_empty() {
        ctx.fail("you must specify at least one command for the container");
        return None;
    }
    let pod = match pod_for(ctx, &target) {
        Ok(p) => p,
        Err(e) => {
            ctx.eprint(&format!("{e}\n"));
            ctx.out.code = 1;
            return None;
        }
    };
    let phase = pod
        .status
        .as_ref()
        .and_then(|s| s.phase.clone())
        .unwrap_or_default();
    if phase == "Succeeded" || phase == "Failed" {
        ctx.fail(&format!(
            "cannot exec into a container in a completed pod; current phase is {phase}"
        ));
        return None;
    }
    let quiet = ctx.flags.bool("quiet");
    let (container, notice) = match container_for(&pod, ctx.flags.str("container"), quiet) {
        Ok(x) => x,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    ctx.eprint(&notice);
    if !container_running(ctx.session, &pod, &container) {
        ctx.fail(&format!(
            "unable to upgrade connection: container not found (\"{container}\")"
        ));
        return None;
    }
    let namespace = pod.metadata.namespace.clone().unwrap_or_default();
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let interactive = ctx.flags.bool("stdin") && ctx.flags.bool("tty");
    if interactive
        && command.len() == 1
        && command
            .first()
            .is_some_and(|c| SHELLS.contains(&c.as_str()))
    {
        return Some(Run::Attach {
            namespace,
            pod: pod_name,
            container,
        });
    }
    let stdin = if ctx.flags.bool("stdin") {
        ctx.stdin.to_string()
    } else {
        String::new()
    };
    let out = crate::container::exec(
        &mut ctx.session.cluster,
        &namespace,
        &pod_name,
        Some(&container),
        &command,
        &stdin,
    );
    append_exec_output(&mut ctx.out, out);
    None
}

/// Adds a container command's output; kubectl reports a non-zero exit code on stderr.
fn append_exec_output(out: &mut Output, cmd: Output) {
    let code = cmd.code;
    out.append(Output { code: 0, ..cmd });
    if code == crate::container::START_FAILED {
        // The command never started: kubectl reports the API error itself and exits 1.
        out.code = 1;
    } else if code != 0 {
        out.err(&format!("command terminated with exit code {code}\n"));
        out.code = code;
    }
}
