//! `kubectl describe node`.

use super::{
    PrefixWriter, describe_events, print_annotations_multiline, print_labels_multiline,
    print_taints,
};
use crate::gofmt::quantity::{Quantity, canonical_text, parse_quantity};
use crate::kubectl::print::duration::{rfc1123z, rfc1123z_opt, translate_timestamp_since};
use crate::kubectl::print::rows_core::node_roles;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Event, Node, NodeCondition, Pod};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use k8s_openapi::jiff::Timestamp;
use std::collections::BTreeMap;

type Resources = BTreeMap<String, Quantity>;

fn parse_list(list: Option<&BTreeMap<String, ApiQuantity>>) -> Resources {
    list.into_iter()
        .flatten()
        .filter_map(|(k, v)| parse_quantity(&v.0).ok().map(|q| (k.clone(), q)))
        .collect()
}

fn add_into(total: &mut Resources, more: &Resources) {
    for (k, v) in more {
        total.entry(k.clone()).or_default().add(v);
    }
}

/// A pod's requests or limits: containers summed, init containers as a floor, plus overhead.
fn pod_resources(pod: &Pod, limits: bool) -> Resources {
    let Some(spec) = pod.spec.as_ref() else {
        return Resources::new();
    };
    let pick = |c: &k8s_openapi::api::core::v1::Container| {
        let r = c.resources.as_ref();
        parse_list(if limits {
            r.and_then(|r| r.limits.as_ref())
        } else {
            r.and_then(|r| r.requests.as_ref())
        })
    };
    let mut total = Resources::new();
    for c in &spec.containers {
        add_into(&mut total, &pick(c));
    }
    for c in spec.init_containers.iter().flatten() {
        let init = pick(c);
        if c.restart_policy.as_deref() == Some("Always") {
            add_into(&mut total, &init);
            continue;
        }
        for (k, v) in init {
            let entry = total.entry(k).or_default();
            if v.cmp_value(entry).is_gt() {
                *entry = v;
            }
        }
    }
    add_into(&mut total, &parse_list(spec.overhead.as_ref()));
    total
}

fn percent(part: i128, whole: i128) -> i128 {
    if whole == 0 {
        return 0;
    }
    // Go converts the float ratio to an integer, truncating toward zero.
    (part as f64 / whole as f64 * 100.0) as i128
}

fn get(list: &Resources, name: &str) -> Quantity {
    list.get(name).copied().unwrap_or_default()
}

/// The pods on the node with their share of its allocatable CPU and memory, then the totals.
fn describe_node_resources(w: &mut PrefixWriter, node: &Node, pods: &[&Pod], now: Timestamp) {
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let status = node.status.as_ref();
    let capacity = parse_list(status.and_then(|s| s.capacity.as_ref()));
    let allocatable = match parse_list(status.and_then(|s| s.allocatable.as_ref())) {
        a if a.is_empty() => capacity,
        a => a,
    };
    let (reqs, lims) = describe_node_pods(w, pods, &allocatable, now);
    describe_allocated(w, &allocatable, &reqs, &lims);
}

/// One row per pod; returns the summed requests and limits.
fn describe_node_pods(
    w: &mut PrefixWriter,
    pods: &[&Pod],
    allocatable: &Resources,
    now: Timestamp,
) -> (Resources, Resources) {
    let cpu_alloc = get(allocatable, "cpu").milli_value();
    let mem_alloc = get(allocatable, "memory").value();
    let mut reqs = Resources::new();
    let mut lims = Resources::new();
    for pod in pods {
        let req = pod_resources(pod, false);
        let lim = pod_resources(pod, true);
        let (cr, cl, mr, ml) = (
            get(&req, "cpu"),
            get(&lim, "cpu"),
            get(&req, "memory"),
            get(&lim, "memory"),
        );
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
                pod.metadata.namespace.as_deref().unwrap_or(""),
                pod.metadata.name.as_deref().unwrap_or(""),
                cr.canonical(),
                percent(cr.milli_value(), cpu_alloc),
                cl.canonical(),
                percent(cl.milli_value(), cpu_alloc),
                mr.canonical(),
                percent(mr.value(), mem_alloc),
                ml.canonical(),
                percent(ml.value(), mem_alloc),
                translate_timestamp_since(pod.metadata.creation_timestamp.as_ref(), now)
            ),
        );
        add_into(&mut reqs, &req);
        add_into(&mut lims, &lim);
    }
    (reqs, lims)
}

/// `Allocated resources`: cpu, memory and ephemeral storage, huge pages, then extended resources.
fn describe_allocated(
    w: &mut PrefixWriter,
    allocatable: &Resources,
    reqs: &Resources,
    lims: &Resources,
) {
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    for (name, milli) in [
        ("cpu", true),
        ("memory", false),
        ("ephemeral-storage", false),
    ] {
        let (r, l) = (get(reqs, name), get(lims, name));
        let whole = get(allocatable, name);
        let (rp, lp) = if milli {
            (
                percent(r.milli_value(), whole.milli_value()),
                percent(l.milli_value(), whole.milli_value()),
            )
        } else {
            (
                percent(r.value(), whole.value()),
                percent(l.value(), whole.value()),
            )
        };
        w.write(
            1,
            &format!(
                "{name}\t{} ({rp}%)\t{} ({lp}%)\n",
                r.canonical(),
                l.canonical()
            ),
        );
    }
    for name in allocatable.keys().filter(|k| k.starts_with("hugepages-")) {
        let (r, l, a) = (get(reqs, name), get(lims, name), get(allocatable, name));
        w.write(
            1,
            &format!(
                "{name}\t{} ({}%)\t{} ({}%)\n",
                r.canonical(),
                percent(r.value(), a.value()),
                l.canonical(),
                percent(l.value(), a.value())
            ),
        );
    }
    let standard = ["cpu", "memory", "ephemeral-storage", "storage", "pods"];
    for name in allocatable
        .keys()
        .filter(|k| !k.starts_with("hugepages-") && !standard.contains(&k.as_str()))
    {
        w.write(
            1,
            &format!(
                "{name}\t{}\t{}\n",
                get(reqs, name).canonical(),
                get(lims, name).canonical()
            ),
        );
    }
}

fn describe_lease(w: &mut PrefixWriter, node_name: &str, lease: Option<&Lease>) {
    let Some(lease) = lease else {
        w.write(0, &format!("Lease:\tFailed to get lease: leases.coordination.k8s.io \"{node_name}\" not found\n"));
        return;
    };
    let spec = lease.spec.as_ref();
    w.write(0, "Lease:\n");
    let holder = spec
        .and_then(|s| s.holder_identity.clone())
        .unwrap_or_else(|| "<unset>".to_string());
    w.write(1, &format!("HolderIdentity:\t{holder}\n"));
    for (title, t) in [
        ("AcquireTime", spec.and_then(|s| s.acquire_time.as_ref())),
        ("RenewTime", spec.and_then(|s| s.renew_time.as_ref())),
    ] {
        let text = t.map_or_else(|| "<unset>".to_string(), |t| rfc1123z(t.0));
        w.write(1, &format!("{title}:\t{text}\n"));
    }
}

/// `kubectl describe node`: `pods` are all pods (those bound here and not finished are listed),
/// `lease` is the node's heartbeat lease from `kube-node-lease`.
pub fn describe_node(
    node: &Node,
    pods: &[Pod],
    lease: Option<&Lease>,
    events: Option<&[Event]>,
    now: Timestamp,
) -> String {
    let mut w = PrefixWriter::new();
    let meta = &node.metadata;
    let name = meta.name.as_deref().unwrap_or("");
    let spec = node.spec.as_ref();
    let status = node.status.as_ref();
    w.write(0, &format!("Name:\t{name}\n"));
    let roles = node_roles(node);
    let roles = if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    };
    w.write(0, &format!("Roles:\t{roles}\n"));
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z_opt(meta.creation_timestamp.as_ref())
        ),
    );
    print_taints(&mut w, "Taints", spec.and_then(|s| s.taints.as_ref()));
    w.write(
        0,
        &format!(
            "Unschedulable:\t{}\n",
            spec.and_then(|s| s.unschedulable).unwrap_or(false)
        ),
    );
    describe_lease(&mut w, name, lease);
    describe_node_conditions(
        &mut w,
        status.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]),
    );
    describe_addresses_capacity(&mut w, node);
    describe_system_info(&mut w, node);
    let on_node = running_on(pods, name);
    describe_node_resources(&mut w, node, &on_node, now);
    describe_events(&mut w, events, now);
    w.finish()
}

/// The node's conditions with their heartbeat and transition times.
fn describe_node_conditions(w: &mut PrefixWriter, conditions: &[NodeCondition]) {
    if !conditions.is_empty() {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    rfc1123z_opt(c.last_heartbeat_time.as_ref()),
                    rfc1123z_opt(c.last_transition_time.as_ref()),
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
            );
        }
    }
}

/// Addresses, then capacity and allocatable quantities in canonical form.
fn describe_addresses_capacity(w: &mut PrefixWriter, node: &Node) {
    let status = node.status.as_ref();
    w.write(0, "Addresses:\n");
    for a in status
        .and_then(|s| s.addresses.as_ref())
        .into_iter()
        .flatten()
    {
        w.write(1, &format!("{}:\t{}\n", a.type_, a.address));
    }
    for (title, list) in [
        ("Capacity", status.and_then(|s| s.capacity.as_ref())),
        ("Allocatable", status.and_then(|s| s.allocatable.as_ref())),
    ] {
        let Some(list) = list.filter(|l| !l.is_empty()) else {
            continue;
        };
        w.write(0, &format!("{title}:\n"));
        for (k, v) in list {
            let text = canonical_text(&v.0);
            w.write(0, &format!("  {k}:\t{text}\n"));
        }
    }
}

/// The kubelet's system info, then pod CIDRs and the provider id.
fn describe_system_info(w: &mut PrefixWriter, node: &Node) {
    let spec = node.spec.as_ref();
    let status = node.status.as_ref();
    let info = status.and_then(|s| s.node_info.clone()).unwrap_or_default();
    w.write(0, "System Info:\n");
    for (title, value) in [
        ("Machine ID", &info.machine_id),
        ("System UUID", &info.system_uuid),
        ("Boot ID", &info.boot_id),
        ("Kernel Version", &info.kernel_version),
        ("OS Image", &info.os_image),
        ("Operating System", &info.operating_system),
        ("Architecture", &info.architecture),
        ("Container Runtime Version", &info.container_runtime_version),
        ("Kubelet Version", &info.kubelet_version),
    ] {
        w.write(0, &format!("  {title}:\t{value}\n"));
    }
    if let Some(cidr) = spec
        .and_then(|s| s.pod_cidr.as_deref())
        .filter(|c| !c.is_empty())
    {
        w.write(0, &format!("PodCIDR:\t{cidr}\n"));
    }
    if let Some(cidrs) = spec
        .and_then(|s| s.pod_cidrs.as_ref())
        .filter(|c| !c.is_empty())
    {
        w.write(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    if let Some(p) = spec
        .and_then(|s| s.provider_id.as_deref())
        .filter(|p| !p.is_empty())
    {
        w.write(0, &format!("ProviderID:\t{p}\n"));
    }
}

/// Pods bound to the node that have not finished.
fn running_on<'a>(pods: &'a [Pod], name: &str) -> Vec<&'a Pod> {
    pods.iter()
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(name))
        .filter(|p| {
            let phase = p
                .status
                .as_ref()
                .and_then(|s| s.phase.as_deref())
                .unwrap_or("");
            phase != "Succeeded" && phase != "Failed"
        })
        .collect()
}
