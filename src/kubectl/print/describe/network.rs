//! `kubectl describe service`.

use super::{PrefixWriter, describe_events, print_annotations_multiline, print_labels_multiline};
use crate::kubectl::print::labels::format_labels;
use k8s_openapi::api::core::v1::{Endpoints, Event, Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::Timestamp;

fn join_host_port(host: &str, port: i32) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The `Endpoints:` value for one service port, computed the way kubectl reads EndpointSlices
/// (each subset standing for one slice): ready addresses only, at most three, then `+ N more...`.
/// No endpoints object at all reads `<none>`; one without ready addresses reads empty.
pub fn format_service_endpoints(ep: Option<&Endpoints>, port_name: &str) -> String {
    let Some(ep) = ep else {
        return "<none>".to_string();
    };
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0usize;
    for subset in ep.subsets.iter().flatten() {
        let ready = subset
            .addresses
            .iter()
            .flatten()
            .map(|a| (a.ip.as_str(), true));
        let not_ready = subset
            .not_ready_addresses
            .iter()
            .flatten()
            .map(|a| (a.ip.as_str(), false));
        let endpoints: Vec<(&str, bool)> = ready.chain(not_ready).collect();
        let ports = subset.ports.as_deref().unwrap_or(&[]);
        let mut visit = |port: Option<i32>| {
            for (addr, is_ready) in &endpoints {
                if list.len() == MAX {
                    more = true;
                }
                if !is_ready {
                    continue;
                }
                if !more {
                    list.push(match port {
                        Some(p) => join_host_port(addr, p),
                        None => (*addr).to_string(),
                    });
                }
                count += 1;
            }
        };
        if ports.is_empty() {
            visit(None);
            continue;
        }
        for p in ports {
            if p.name.as_deref().unwrap_or("") == port_name {
                visit(Some(p.port));
            }
        }
    }
    let joined = list.join(",");
    if more {
        return format!("{joined} + {} more...", count.saturating_sub(MAX));
    }
    joined
}

fn join_or_none(list: Option<&Vec<String>>) -> String {
    match list {
        Some(l) if !l.is_empty() => l.join(","),
        _ => "<none>".to_string(),
    }
}

/// `kubectl describe service`; a headless service reads `IP: None`. `endpoints` is the
/// service's Endpoints object, if any.
pub fn describe_service(
    svc: &Service,
    endpoints: Option<&Endpoints>,
    events: Option<&[Event]>,
    now: Timestamp,
) -> String {
    let mut w = PrefixWriter::new();
    let meta = &svc.metadata;
    let spec = svc.spec.clone().unwrap_or_default();
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    w.write(
        0,
        &format!("Selector:\t{}\n", format_labels(spec.selector.as_ref())),
    );
    w.write(
        0,
        &format!("Type:\t{}\n", spec.type_.as_deref().unwrap_or("ClusterIP")),
    );
    describe_service_addresses(&mut w, svc, &spec);
    for sp in spec.ports.iter().flatten() {
        describe_service_port(&mut w, sp, endpoints);
    }
    describe_service_policies(&mut w, &spec);
    describe_events(&mut w, events, now);
    w.finish()
}

/// IP families, cluster and external addresses, and the load balancer's ingress points.
fn describe_service_addresses(w: &mut PrefixWriter, svc: &Service, spec: &ServiceSpec) {
    if let Some(p) = spec.ip_family_policy.as_deref() {
        w.write(0, &format!("IP Family Policy:\t{p}\n"));
    }
    w.write(
        0,
        &format!(
            "IP Families:\t{}\n",
            join_or_none(spec.ip_families.as_ref())
        ),
    );
    w.write(
        0,
        &format!("IP:\t{}\n", spec.cluster_ip.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("IPs:\t{}\n", join_or_none(spec.cluster_ips.as_ref())),
    );
    if let Some(ext) = spec.external_ips.as_ref().filter(|e| !e.is_empty()) {
        w.write(0, &format!("External IPs:\t{}\n", ext.join(",")));
    }
    if let Some(ip) = spec.load_balancer_ip.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("Desired LoadBalancer IP:\t{ip}\n"));
    }
    if let Some(n) = spec.external_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("External Name:\t{n}\n"));
    }
    let ingress = svc
        .status
        .as_ref()
        .and_then(|s| s.load_balancer.as_ref())
        .and_then(|l| l.ingress.as_ref())
        .filter(|i| !i.is_empty());
    if let Some(ingress) = ingress {
        let list = ingress
            .iter()
            .map(|i| match i.ip.as_deref().filter(|ip| !ip.is_empty()) {
                Some(ip) => match i.ip_mode.as_deref() {
                    Some(mode) => format!("{ip} ({mode})"),
                    None => ip.to_string(),
                },
                None => i.hostname.clone().unwrap_or_default(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        w.write(0, &format!("LoadBalancer Ingress:\t{list}\n"));
    }
}

/// One port: its target, app protocol, node port and the endpoints that serve it.
fn describe_service_port(w: &mut PrefixWriter, sp: &ServicePort, endpoints: Option<&Endpoints>) {
    let port_name = sp.name.as_deref().unwrap_or("");
    let name = if port_name.is_empty() {
        "<unset>"
    } else {
        port_name
    };
    let proto = sp.protocol.as_deref().unwrap_or("TCP");
    w.write(0, &format!("Port:\t{name}\t{}/{proto}\n", sp.port));
    match sp.target_port.as_ref() {
        Some(IntOrString::String(s)) => w.write(0, &format!("TargetPort:\t{s}/{proto}\n")),
        Some(IntOrString::Int(i)) => w.write(0, &format!("TargetPort:\t{i}/{proto}\n")),
        None => w.write(0, &format!("TargetPort:\t{}/{proto}\n", sp.port)),
    }
    if let Some(ap) = sp.app_protocol.as_deref() {
        w.write(0, &format!("AppProtocol:\t{ap}\n"));
    }
    if let Some(np) = sp.node_port.filter(|n| *n != 0) {
        w.write(0, &format!("NodePort:\t{name}\t{np}/{proto}\n"));
    }
    w.write(
        0,
        &format!(
            "Endpoints:\t{}\n",
            format_service_endpoints(endpoints, port_name)
        ),
    );
}

/// Session affinity, traffic policies, health check port and source ranges.
fn describe_service_policies(w: &mut PrefixWriter, spec: &ServiceSpec) {
    w.write(
        0,
        &format!(
            "Session Affinity:\t{}\n",
            spec.session_affinity.as_deref().unwrap_or("None")
        ),
    );
    if let Some(p) = spec
        .external_traffic_policy
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        w.write(0, &format!("External Traffic Policy:\t{p}\n"));
    }
    if let Some(p) = spec.internal_traffic_policy.as_deref() {
        w.write(0, &format!("Internal Traffic Policy:\t{p}\n"));
    }
    if let Some(p) = spec.health_check_node_port.filter(|p| *p != 0) {
        w.write(0, &format!("HealthCheck NodePort:\t{p}\n"));
    }
    if let Some(r) = spec
        .load_balancer_source_ranges
        .as_ref()
        .filter(|r| !r.is_empty())
    {
        w.write(
            0,
            &format!("LoadBalancer Source Ranges:\t{}\n", r.join(",")),
        );
    }
    if let Some(t) = spec.traffic_distribution.as_deref() {
        w.write(0, &format!("Traffic Distribution:\t{t}\n"));
    }
}
