//! Containers and pod templates in `kubectl describe`.

use super::env_probe::{describe_env, describe_env_from, describe_probes};
use super::volumes::{describe_topology_spread, describe_volumes};
use super::{
    PrefixWriter, print_annotations_multiline, print_bool, print_labels_multiline,
    print_tolerations,
};
use crate::gofmt::quantity::canonical_text;
use crate::kubectl::print::duration::rfc1123z_opt;
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, ContainerState, ContainerStatus, EnvVar, PodTemplateSpec,
    ResourceRequirements,
};

/// Resolves `valueFrom.fieldRef` env values (only for pods; templates show nothing).
pub type EnvResolver<'a> = &'a dyn Fn(&EnvVar) -> String;

/// `Pod Template:` with labels, containers, volumes, node selectors and tolerations.
pub fn describe_pod_template(template: &PodTemplateSpec, w: &mut PrefixWriter) {
    w.write(0, "Pod Template:\n");
    let meta = template.metadata.as_ref();
    print_labels_multiline(w, "  Labels", meta.and_then(|m| m.labels.as_ref()));
    if let Some(ann) = meta
        .and_then(|m| m.annotations.as_ref())
        .filter(|a| !a.is_empty())
    {
        print_annotations_multiline(w, "  Annotations", Some(ann));
    }
    let spec = template.spec.as_ref();
    if let Some(sa) = spec
        .and_then(|s| s.service_account_name.as_deref())
        .filter(|s| !s.is_empty())
    {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    if let Some(init) = spec
        .and_then(|s| s.init_containers.as_ref())
        .filter(|c| !c.is_empty())
    {
        describe_containers("Init Containers", init, None, None, w, "  ");
    }
    let containers = spec.map(|s| s.containers.as_slice()).unwrap_or(&[]);
    describe_containers("Containers", containers, None, None, w, "  ");
    describe_volumes(
        spec.and_then(|s| s.volumes.as_deref()).unwrap_or(&[]),
        w,
        "  ",
    );
    let tscs = spec
        .and_then(|s| s.topology_spread_constraints.as_deref())
        .unwrap_or(&[]);
    describe_topology_spread(w, tscs, "  ");
    if let Some(pc) = spec
        .and_then(|s| s.priority_class_name.as_deref())
        .filter(|s| !s.is_empty())
    {
        w.write(1, &format!("Priority Class Name:\t{pc}\n"));
    }
    print_labels_multiline(
        w,
        "  Node-Selectors",
        spec.and_then(|s| s.node_selector.as_ref()),
    );
    print_tolerations(
        w,
        "  Tolerations",
        spec.and_then(|s| s.tolerations.as_ref()),
    );
}

/// A section of containers with their ports, state, resources, probes, environment and mounts.
pub fn describe_containers(
    label: &str,
    containers: &[Container],
    statuses: Option<&[ContainerStatus]>,
    resolver: Option<EnvResolver<'_>>,
    w: &mut PrefixWriter,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    for c in containers {
        let status = statuses.and_then(|s| s.iter().find(|st| st.name == c.name));
        describe_basic_info(c, status, space, w);
        describe_command(c, w);
        if let Some(st) = status {
            describe_container_state(st, w);
        }
        describe_resources(c.resources.as_ref(), w, 2);
        describe_probes(c, w);
        if c.env_from.as_ref().is_some_and(|e| !e.is_empty()) {
            describe_env_from(c, w);
        }
        describe_env(c, resolver, w);
        describe_mounts(c, w);
    }
}

fn ports_text(ports: &[ContainerPort], host: bool) -> String {
    ports
        .iter()
        .map(|p| {
            let num = if host {
                p.host_port.unwrap_or(0)
            } else {
                p.container_port
            };
            let proto = p.protocol.as_deref().unwrap_or("TCP");
            match p.name.as_deref().filter(|n| !n.is_empty()) {
                Some(n) => format!("{num}/{proto} ({n})"),
                None => format!("{num}/{proto}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_basic_info(
    c: &Container,
    status: Option<&ContainerStatus>,
    space: &str,
    w: &mut PrefixWriter,
) {
    let name_indent = if space.is_empty() { "" } else { " " };
    w.write(1, &format!("{name_indent}{}:\n", c.name));
    if let Some(st) = status {
        w.write(
            2,
            &format!(
                "Container ID:\t{}\n",
                st.container_id.as_deref().unwrap_or("")
            ),
        );
    }
    w.write(
        2,
        &format!("Image:\t{}\n", c.image.as_deref().unwrap_or("")),
    );
    if let Some(st) = status {
        w.write(2, &format!("Image ID:\t{}\n", st.image_id));
    }
    let ports = c.ports.as_deref().unwrap_or(&[]);
    for (host, one, many) in [(false, "Port", "Ports"), (true, "Host Port", "Host Ports")] {
        let text = ports_text(ports, host);
        if text.contains(',') {
            w.write(2, &format!("{many}:\t{text}\n"));
        } else {
            let text = if text.is_empty() {
                "<none>".to_string()
            } else {
                text
            };
            w.write(2, &format!("{one}:\t{text}\n"));
        }
    }
    if let Some(sp) = c
        .security_context
        .as_ref()
        .and_then(|s| s.seccomp_profile.as_ref())
    {
        w.write(2, &format!("SeccompProfile:\t{}\n", sp.type_));
        if sp.type_ == "Localhost" {
            let lp = sp.localhost_profile.as_deref().unwrap_or("");
            w.write(3, &format!("LocalhostProfile:\t{lp}\n"));
        }
    }
}

fn describe_command(c: &Container, w: &mut PrefixWriter) {
    for (title, items) in [("Command", c.command.as_ref()), ("Args", c.args.as_ref())] {
        let Some(items) = items.filter(|i| !i.is_empty()) else {
            continue;
        };
        w.write(2, &format!("{title}:\n"));
        for item in items {
            for line in item.split('\n') {
                w.write(3, &format!("{line}\n"));
            }
        }
    }
}

/// `Limits:` and `Requests:` with one resource per line, sorted by name.
pub fn describe_resources(res: Option<&ResourceRequirements>, w: &mut PrefixWriter, level: usize) {
    let Some(res) = res else {
        return;
    };
    for (title, list) in [
        ("Limits", res.limits.as_ref()),
        ("Requests", res.requests.as_ref()),
    ] {
        let Some(list) = list.filter(|l| !l.is_empty()) else {
            continue;
        };
        w.write(level, &format!("{title}:\n"));
        for (name, q) in list {
            w.write(level + 1, &format!("{name}:\t{}\n", canonical_text(&q.0)));
        }
    }
}

fn describe_status(name: &str, state: &ContainerState, w: &mut PrefixWriter) {
    if let Some(r) = state.running.as_ref() {
        w.write(2, &format!("{name}:\tRunning\n"));
        w.write(
            3,
            &format!("Started:\t{}\n", rfc1123z_opt(r.started_at.as_ref())),
        );
    } else if let Some(wt) = state.waiting.as_ref() {
        w.write(2, &format!("{name}:\tWaiting\n"));
        if let Some(reason) = wt.reason.as_deref().filter(|r| !r.is_empty()) {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = state.terminated.as_ref() {
        w.write(2, &format!("{name}:\tTerminated\n"));
        if let Some(reason) = t.reason.as_deref().filter(|r| !r.is_empty()) {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
        if let Some(msg) = t.message.as_deref().filter(|m| !m.is_empty()) {
            w.write(3, &format!("Message:\t{msg}\n"));
        }
        w.write(3, &format!("Exit Code:\t{}\n", t.exit_code));
        if let Some(sig) = t.signal.filter(|s| *s > 0) {
            w.write(3, &format!("Signal:\t{sig}\n"));
        }
        w.write(
            3,
            &format!("Started:\t{}\n", rfc1123z_opt(t.started_at.as_ref())),
        );
        w.write(
            3,
            &format!("Finished:\t{}\n", rfc1123z_opt(t.finished_at.as_ref())),
        );
    } else {
        w.write(2, &format!("{name}:\tWaiting\n"));
    }
}

fn describe_container_state(st: &ContainerStatus, w: &mut PrefixWriter) {
    describe_status("State", &st.state.clone().unwrap_or_default(), w);
    if let Some(last) = st.last_state.as_ref().filter(|l| l.terminated.is_some()) {
        describe_status("Last State", last, w);
    }
    w.write(2, &format!("Ready:\t{}\n", print_bool(st.ready)));
    w.write(2, &format!("Restart Count:\t{}\n", st.restart_count));
}

fn describe_mounts(c: &Container, w: &mut PrefixWriter) {
    let mut mounts: Vec<_> = c.volume_mounts.iter().flatten().collect();
    let none = if mounts.is_empty() { "\t<none>" } else { "" };
    w.write(2, &format!("Mounts:{none}\n"));
    crate::order::sort_by(&mut mounts, |a, b| a.mount_path.cmp(&b.mount_path));
    for m in mounts {
        let mut flags = vec![if m.read_only == Some(true) {
            "ro".to_string()
        } else {
            "rw".to_string()
        }];
        if let Some(sp) = m.sub_path.as_deref().filter(|s| !s.is_empty()) {
            flags.push(format!("path={}", crate::gofmt::quote::quote(sp)));
        }
        w.write(
            3,
            &format!("{} from {} ({})\n", m.mount_path, m.name, flags.join(",")),
        );
    }
    let mut devices: Vec<_> = c.volume_devices.iter().flatten().collect();
    if !devices.is_empty() {
        w.write(2, &format!("Devices:{none}\n"));
        crate::order::sort_by(&mut devices, |a, b| a.device_path.cmp(&b.device_path));
        for d in devices {
            w.write(3, &format!("{} from {}\n", d.device_path, d.name));
        }
    }
}
