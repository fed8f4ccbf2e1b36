//! Table rows for services, endpoints, nodes and namespaces (server-side `printers.go`).

use super::duration::translate_timestamp_since;
use super::kinds;
use super::labels::format_labels;
use super::rows_workloads::{meta_row, table_of};
use super::table::{Column, Row, Table};
use k8s_openapi::api::core::v1::{Endpoints, Namespace, Node, Service};
use k8s_openapi::jiff::Timestamp;
use std::collections::BTreeSet;

/// Service columns: `NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE` + wide `SELECTOR`.
pub fn service_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Type"),
        Column::new("Cluster-IP"),
        Column::new("External-IP"),
        Column::new("Port(s)"),
        Column::new("Age"),
        Column::wide("Selector"),
    ]
}

fn join_or(list: Option<&Vec<String>>, empty: &str) -> String {
    match list {
        Some(l) if !l.is_empty() => l.join(","),
        _ => empty.to_string(),
    }
}

fn external_ip(svc: &Service, svc_type: &str) -> String {
    let spec = svc.spec.as_ref();
    let external_ips = spec.and_then(|s| s.external_ips.as_ref());
    match svc_type {
        "ClusterIP" | "NodePort" => join_or(external_ips, "<none>"),
        "LoadBalancer" => {
            // The server renders its tables as wide, so the address list is never shortened.
            let ingress = svc
                .status
                .as_ref()
                .and_then(|s| s.load_balancer.as_ref())
                .and_then(|l| l.ingress.as_ref());
            let lb: BTreeSet<String> = ingress
                .into_iter()
                .flatten()
                .filter_map(|i| {
                    i.ip.clone()
                        .filter(|ip| !ip.is_empty())
                        .or_else(|| i.hostname.clone().filter(|h| !h.is_empty()))
                })
                .collect();
            let mut all: Vec<String> = lb.into_iter().collect();
            if let Some(ext) = external_ips.filter(|e| !e.is_empty()) {
                all.extend(ext.iter().cloned());
                return all.join(",");
            }
            if all.is_empty() {
                "<pending>".to_string()
            } else {
                all.join(",")
            }
        }
        "ExternalName" => spec
            .and_then(|s| s.external_name.clone())
            .unwrap_or_default(),
        _ => "<unknown>".to_string(),
    }
}

/// `PORT(S)`: `80/TCP`, `80:30080/TCP`, comma-joined; `<none>` without ports.
pub fn service_ports(svc: &Service) -> String {
    let ports = svc
        .spec
        .as_ref()
        .and_then(|s| s.ports.as_deref())
        .unwrap_or(&[]);
    let text = ports
        .iter()
        .map(|p| {
            let proto = p.protocol.as_deref().unwrap_or("TCP");
            match p.node_port {
                Some(np) if np > 0 => format!("{}:{np}/{proto}", p.port),
                _ => format!("{}/{proto}", p.port),
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    if text.is_empty() {
        "<none>".to_string()
    } else {
        text
    }
}

/// One `kubectl get services` row; a headless service shows `None` as CLUSTER-IP.
pub fn service_row(svc: &Service, now: Timestamp) -> Row {
    let spec = svc.spec.as_ref();
    let svc_type = spec
        .and_then(|s| s.type_.clone())
        .unwrap_or_else(|| "ClusterIP".to_string());
    let cluster_ip = spec
        .and_then(|s| s.cluster_ips.as_ref())
        .and_then(|ips| ips.first().cloned())
        .or_else(|| {
            spec.and_then(|s| s.cluster_ip.clone())
                .filter(|ip| !ip.is_empty())
        })
        .unwrap_or_else(|| "<none>".to_string());
    let cells = vec![
        svc.metadata.name.clone().unwrap_or_default(),
        svc_type.clone(),
        cluster_ip,
        external_ip(svc, &svc_type),
        service_ports(svc),
        translate_timestamp_since(svc.metadata.creation_timestamp.as_ref(), now),
        format_labels(spec.and_then(|s| s.selector.as_ref())),
    ];
    meta_row(&svc.metadata, cells)
}

/// The `kubectl get services` table.
pub fn services_table(items: &[Service], now: Timestamp) -> Table {
    table_of(kinds::SERVICE, service_columns(), items, |s| {
        service_row(s, now)
    })
}

/// Endpoints columns: `NAME ENDPOINTS AGE`.
pub fn endpoints_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Endpoints"),
        Column::new("Age"),
    ]
}

/// Joins an address and a port the way Go's `net.JoinHostPort` does (brackets for IPv6).
fn join_host_port(host: &str, port: i32) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The ENDPOINTS cell: at most three `ip:port` entries, then ` + N more...`; `<none>` if empty.
pub fn format_endpoints(ep: &Endpoints) -> String {
    let subsets = ep.subsets.as_deref().unwrap_or(&[]);
    if subsets.is_empty() {
        return "<none>".to_string();
    }
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0usize;
    for ss in subsets {
        let addresses = ss.addresses.as_deref().unwrap_or(&[]);
        let ports = ss.ports.as_deref().unwrap_or(&[]);
        if ports.is_empty() {
            // Headless services may have no ports: list bare addresses.
            count += addresses.len();
            for a in addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(a.ip.clone());
            }
            continue;
        }
        for port in ports {
            count += addresses.len();
            for a in addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(join_host_port(&a.ip, port.port));
            }
        }
    }
    let joined = list.join(",");
    if more {
        return format!("{joined} + {} more...", count.saturating_sub(MAX));
    }
    joined
}

/// One `kubectl get endpoints` row.
pub fn endpoints_row(ep: &Endpoints, now: Timestamp) -> Row {
    let cells = vec![
        ep.metadata.name.clone().unwrap_or_default(),
        format_endpoints(ep),
        translate_timestamp_since(ep.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&ep.metadata, cells)
}

/// The `kubectl get endpoints` table.
pub fn endpoints_table(items: &[Endpoints], now: Timestamp) -> Table {
    table_of(kinds::ENDPOINTS, endpoints_columns(), items, |e| {
        endpoints_row(e, now)
    })
}

/// Namespace columns: `NAME STATUS AGE`.
pub fn namespace_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Status"),
        Column::new("Age"),
    ]
}

/// One `kubectl get namespaces` row.
pub fn namespace_row(ns: &Namespace, now: Timestamp) -> Row {
    let cells = vec![
        ns.metadata.name.clone().unwrap_or_default(),
        ns.status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_default(),
        translate_timestamp_since(ns.metadata.creation_timestamp.as_ref(), now),
    ];
    meta_row(&ns.metadata, cells)
}

/// The `kubectl get namespaces` table.
pub fn namespaces_table(items: &[Namespace], now: Timestamp) -> Table {
    table_of(kinds::NAMESPACE, namespace_columns(), items, |n| {
        namespace_row(n, now)
    })
}

/// Node columns: `NAME STATUS ROLES AGE VERSION` + wide addresses and system info.
pub fn node_columns() -> Vec<Column> {
    vec![
        Column::name_column(),
        Column::new("Status"),
        Column::new("Roles"),
        Column::new("Age"),
        Column::new("Version"),
        Column::wide("Internal-IP"),
        Column::wide("External-IP"),
        Column::wide("OS-Image"),
        Column::wide("Kernel-Version"),
        Column::wide("Container-Runtime"),
    ]
}

/// Node roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted.
pub fn node_roles(node: &Node) -> Vec<String> {
    let mut roles = BTreeSet::new();
    for (k, v) in node.metadata.labels.iter().flatten() {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.insert(role.to_string());
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.insert(v.clone());
        }
    }
    roles.into_iter().collect()
}

fn node_address(node: &Node, type_: &str) -> String {
    node.status
        .as_ref()
        .and_then(|s| s.addresses.as_ref())
        .into_iter()
        .flatten()
        .find(|a| a.type_ == type_)
        .map_or_else(|| "<none>".to_string(), |a| a.address.clone())
}

/// The STATUS cell: `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled` when cordoned.
pub fn node_status(node: &Node) -> String {
    let ready = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
        .rfind(|c| c.type_ == "Ready");
    let mut status = vec![match ready {
        Some(c) if c.status == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    }];
    if node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
        status.push("SchedulingDisabled".to_string());
    }
    status.join(",")
}

fn unknown_if_empty(s: Option<&String>) -> String {
    match s {
        Some(v) if !v.is_empty() => v.clone(),
        _ => "<unknown>".to_string(),
    }
}

/// One `kubectl get nodes` row.
pub fn node_row(node: &Node, now: Timestamp) -> Row {
    let roles = node_roles(node).join(",");
    let info = node.status.as_ref().and_then(|s| s.node_info.as_ref());
    let cells = vec![
        node.metadata.name.clone().unwrap_or_default(),
        node_status(node),
        if roles.is_empty() {
            "<none>".to_string()
        } else {
            roles
        },
        translate_timestamp_since(node.metadata.creation_timestamp.as_ref(), now),
        info.map(|i| i.kubelet_version.clone()).unwrap_or_default(),
        node_address(node, "InternalIP"),
        node_address(node, "ExternalIP"),
        unknown_if_empty(info.map(|i| &i.os_image)),
        unknown_if_empty(info.map(|i| &i.kernel_version)),
        unknown_if_empty(info.map(|i| &i.container_runtime_version)),
    ];
    meta_row(&node.metadata, cells)
}

/// The `kubectl get nodes` table.
pub fn nodes_table(items: &[Node], now: Timestamp) -> Table {
    table_of(kinds::NODE, node_columns(), items, |n| node_row(n, now))
}
