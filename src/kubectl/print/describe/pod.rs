//! `kubectl describe pod`.

use super::template::{describe_containers, describe_resources};
use super::volumes::{describe_topology_spread, describe_volumes};
use super::{
    PrefixWriter, describe_events, print_annotations_multiline, print_labels_multiline,
    print_tolerations,
};
use crate::gofmt::quantity::{Quantity, parse_quantity};
use crate::kubectl::print::duration::{rfc1123z_opt, translate_timestamp_since};
use crate::kubectl::print::rows_workloads::controller_of;
use k8s_openapi::api::core::v1::{EnvVar, Event, Pod};
use k8s_openapi::jiff::Timestamp;
use std::collections::BTreeMap;

/// `qos.GetPodQOS`: the status value when set, else computed from container resources.
pub fn pod_qos(pod: &Pod) -> String {
    if let Some(q) = pod
        .status
        .as_ref()
        .and_then(|s| s.qos_class.clone())
        .filter(|q| !q.is_empty())
    {
        return q;
    }
    let spec = pod.spec.as_ref();
    let containers = spec
        .map(|s| {
            s.containers
                .iter()
                .chain(s.init_containers.iter().flatten())
        })
        .into_iter()
        .flatten();
    let mut requests: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut guaranteed = true;
    let zero = Quantity::default();
    for c in containers {
        let res = c.resources.as_ref();
        for (name, q) in res.and_then(|r| r.requests.as_ref()).into_iter().flatten() {
            let Some(q) = parse_quantity(&q.0)
                .ok()
                .filter(|q| q.cmp_value(&zero).is_gt())
            else {
                continue;
            };
            if name == "cpu" || name == "memory" {
                requests.entry(name.clone()).or_default().add(&q);
            }
        }
        let mut found = 0;
        for (name, q) in res.and_then(|r| r.limits.as_ref()).into_iter().flatten() {
            let Some(q) = parse_quantity(&q.0)
                .ok()
                .filter(|q| q.cmp_value(&zero).is_gt())
            else {
                continue;
            };
            if name == "cpu" || name == "memory" {
                found += 1;
                limits.entry(name.clone()).or_default().add(&q);
            }
        }
        if found < 2 {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".to_string();
    }
    let equal = requests
        .iter()
        .all(|(k, v)| limits.get(k).is_some_and(|l| l.cmp_value(v).is_eq()));
    if guaranteed && equal && requests.len() == limits.len() {
        return "Guaranteed".to_string();
    }
    "Burstable".to_string()
}

/// Resolves the `fieldRef` paths kubectl shows values for (`metadata.name`, `status.podIP`, …).
fn field_value(pod: &Pod, e: &EnvVar) -> String {
    let Some(path) = e
        .value_from
        .as_ref()
        .and_then(|v| v.field_ref.as_ref())
        .map(|f| f.field_path.as_str())
    else {
        return String::new();
    };
    let meta = &pod.metadata;
    let st = pod.status.as_ref();
    let spec = pod.spec.as_ref();
    let lookup = |map: Option<&BTreeMap<String, String>>, key: &str| {
        map.and_then(|m| m.get(key)).cloned().unwrap_or_default()
    };
    if let Some(key) = path
        .strip_prefix("metadata.labels['")
        .and_then(|k| k.strip_suffix("']"))
    {
        return lookup(meta.labels.as_ref(), key);
    }
    if let Some(key) = path
        .strip_prefix("metadata.annotations['")
        .and_then(|k| k.strip_suffix("']"))
    {
        return lookup(meta.annotations.as_ref(), key);
    }
    let value = match path {
        "metadata.name" => meta.name.clone(),
        "metadata.namespace" => meta.namespace.clone(),
        "metadata.uid" => meta.uid.clone(),
        "spec.nodeName" => spec.and_then(|s| s.node_name.clone()),
        "spec.serviceAccountName" => spec.and_then(|s| s.service_account_name.clone()),
        "status.hostIP" => st.and_then(|s| s.host_ip.clone()),
        "status.podIP" => st.and_then(|s| s.pod_ip.clone()),
        "status.podIPs" => st.and_then(|s| s.pod_ips.as_ref()).map(|ips| {
            ips.iter()
                .map(|p| p.ip.clone())
                .collect::<Vec<_>>()
                .join(",")
        }),
        _ => None,
    };
    value.unwrap_or_default()
}

/// Writes `label:\tvalue` when the value is set and not empty.
fn write_nonempty(w: &mut PrefixWriter, label: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        w.write(0, &format!("{label}:\t{v}\n"));
    }
}

/// `kubectl describe pod`; a pod being deleted shows `Terminating (lasts …)` and its grace period.
pub fn describe_pod(pod: &Pod, events: Option<&[Event]>, now: Timestamp) -> String {
    let mut w = PrefixWriter::new();
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref();
    describe_identity(&mut w, pod);
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    describe_phase(&mut w, pod, now);
    describe_addresses(&mut w, pod);
    if let Some(res) = spec.and_then(|s| s.resources.as_ref()) {
        w.write(0, "Resources:\n");
        describe_resources(Some(res), &mut w, 1);
    }
    describe_pod_containers(&mut w, pod);
    describe_conditions(&mut w, pod);
    describe_volumes(
        spec.and_then(|s| s.volumes.as_deref()).unwrap_or(&[]),
        &mut w,
        "",
    );
    w.write(0, &format!("QoS Class:\t{}\n", pod_qos(pod)));
    print_labels_multiline(
        &mut w,
        "Node-Selectors",
        spec.and_then(|s| s.node_selector.as_ref()),
    );
    print_tolerations(
        &mut w,
        "Tolerations",
        spec.and_then(|s| s.tolerations.as_ref()),
    );
    let tscs = spec
        .and_then(|s| s.topology_spread_constraints.as_deref())
        .unwrap_or(&[]);
    describe_topology_spread(&mut w, tscs, "");
    describe_events(&mut w, events, now);
    w.finish()
}

/// Name and namespace through the node and start time.
fn describe_identity(w: &mut PrefixWriter, pod: &Pod) {
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref();
    let st = pod.status.as_ref();
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    if let Some(p) = spec.and_then(|s| s.priority) {
        w.write(0, &format!("Priority:\t{p}\n"));
    }
    write_nonempty(
        w,
        "Priority Class Name",
        spec.and_then(|s| s.priority_class_name.as_deref()),
    );
    write_nonempty(
        w,
        "Runtime Class Name",
        spec.and_then(|s| s.runtime_class_name.as_deref()),
    );
    write_nonempty(
        w,
        "Service Account",
        spec.and_then(|s| s.service_account_name.as_deref()),
    );
    match spec
        .and_then(|s| s.node_name.as_deref())
        .filter(|n| !n.is_empty())
    {
        None => w.write(0, "Node:\t<none>\n"),
        Some(n) => {
            let host = st.and_then(|s| s.host_ip.as_deref()).unwrap_or("");
            w.write(0, &format!("Node:\t{n}/{host}\n"));
        }
    }
    if let Some(t) = st.and_then(|s| s.start_time.as_ref()) {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z_opt(Some(t))));
    }
}

/// Status (or `Terminating` with its grace period), reason, message and seccomp profile.
fn describe_phase(w: &mut PrefixWriter, pod: &Pod, now: Timestamp) {
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref();
    let st = pod.status.as_ref();
    let phase = st.and_then(|s| s.phase.as_deref()).unwrap_or("");
    match meta.deletion_timestamp.as_ref() {
        Some(del) if phase != "Failed" && phase != "Succeeded" => {
            w.write(
                0,
                &format!(
                    "Status:\tTerminating (lasts {})\n",
                    translate_timestamp_since(Some(del), now)
                ),
            );
            let grace = meta
                .deletion_grace_period_seconds
                .or_else(|| spec.and_then(|s| s.termination_grace_period_seconds))
                .unwrap_or(30);
            w.write(0, &format!("Termination Grace Period:\t{grace}s\n"));
        }
        _ => w.write(0, &format!("Status:\t{phase}\n")),
    }
    write_nonempty(w, "Reason", st.and_then(|s| s.reason.as_deref()));
    write_nonempty(w, "Message", st.and_then(|s| s.message.as_deref()));
    if let Some(sp) = spec
        .and_then(|s| s.security_context.as_ref())
        .and_then(|s| s.seccomp_profile.as_ref())
    {
        w.write(0, &format!("SeccompProfile:\t{}\n", sp.type_));
        if sp.type_ == "Localhost" {
            w.write(
                0,
                &format!(
                    "LocalhostProfile:\t{}\n",
                    sp.localhost_profile.as_deref().unwrap_or("")
                ),
            );
        }
    }
}

/// IP and IPs, the controller and the nominated node.
fn describe_addresses(w: &mut PrefixWriter, pod: &Pod) {
    let st = pod.status.as_ref();
    w.write(
        0,
        &format!(
            "IP:\t{}\n",
            st.and_then(|s| s.pod_ip.as_deref()).unwrap_or("")
        ),
    );
    match st
        .and_then(|s| s.pod_ips.as_ref())
        .filter(|ips| !ips.is_empty())
    {
        None => w.write(0, "IPs:\t<none>\n"),
        Some(ips) => {
            w.write(0, "IPs:\n");
            for ip in ips {
                w.write(1, &format!("IP:\t{}\n", ip.ip));
            }
        }
    }
    if let Some(r) = controller_of(&pod.metadata) {
        w.write(0, &format!("Controlled By:\t{}/{}\n", r.kind, r.name));
    }
    write_nonempty(
        w,
        "NominatedNodeName",
        st.and_then(|s| s.nominated_node_name.as_deref()),
    );
}

/// Init containers (when there are any) and containers, with env values resolved from the pod.
fn describe_pod_containers(w: &mut PrefixWriter, pod: &Pod) {
    let spec = pod.spec.as_ref();
    let st = pod.status.as_ref();
    let resolver = |e: &EnvVar| field_value(pod, e);
    if let Some(init) = spec
        .and_then(|s| s.init_containers.as_ref())
        .filter(|c| !c.is_empty())
    {
        let statuses = st.and_then(|s| s.init_container_statuses.as_deref());
        describe_containers(
            "Init Containers",
            init,
            Some(statuses.unwrap_or(&[])),
            Some(&resolver),
            w,
            "",
        );
    }
    let containers = spec.map(|s| s.containers.as_slice()).unwrap_or(&[]);
    let statuses = st
        .and_then(|s| s.container_statuses.as_deref())
        .unwrap_or(&[]);
    describe_containers(
        "Containers",
        containers,
        Some(statuses),
        Some(&resolver),
        w,
        "",
    );
}

/// Readiness gates with their condition's status, then the conditions.
fn describe_conditions(w: &mut PrefixWriter, pod: &Pod) {
    let spec = pod.spec.as_ref();
    let st = pod.status.as_ref();
    let conditions = st.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
    if let Some(gates) = spec
        .and_then(|s| s.readiness_gates.as_ref())
        .filter(|g| !g.is_empty())
    {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let status = conditions
                .iter()
                .find(|c| c.type_ == g.condition_type)
                .map_or("<none>", |c| c.status.as_str());
            w.write(1, &format!("{} \t{status} \n", g.condition_type));
        }
    }
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.write(1, &format!("{} \t{} \n", c.type_, c.status));
        }
    }
}
