//! Container-level checks of pod validation (k8s.io/kubernetes `pkg/apis/core/validation`):
//! names, images, ports, env, volume mounts, resources, probes and lifecycle handlers.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{
    Container, EnvVar, HTTPGetAction, LifecycleHandler, Probe, ResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::field_error::FieldError;
use super::field_path::FieldPath;
use super::names::{is_dns1123_label, is_valid_port_name, is_valid_port_num};
use crate::gofmt::quantity::parse_quantity;

const NONNEG: &str = "must be greater than or equal to 0";

/// `ValidateDNS1123Label`: one Invalid error per message.
pub fn dns1123_label(value: &str, path: &FieldPath) -> Vec<FieldError> {
    is_dns1123_label(value)
        .iter()
        .map(|m| FieldError::invalid(path, value, m))
        .collect()
}

/// A port given as a number (1–65535) or an IANA name.
pub fn port_num_or_name(port: &IntOrString, path: &FieldPath) -> Vec<FieldError> {
    match port {
        IntOrString::Int(i) => is_valid_port_num(i64::from(*i))
            .iter()
            .map(|m| FieldError::invalid(path, i64::from(*i), m))
            .collect(),
        IntOrString::String(s) => is_valid_port_name(s)
            .iter()
            .map(|m| FieldError::invalid(path, s.as_str(), m))
            .collect(),
    }
}

fn ports(c: &Container, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names = BTreeSet::new();
    for (i, p) in c.ports.iter().flatten().enumerate() {
        let ip = path.index(i);
        let name = p.name.as_deref().unwrap_or("");
        if !name.is_empty() {
            let msgs = is_valid_port_name(name);
            if !msgs.is_empty() {
                errs.extend(
                    msgs.iter()
                        .map(|m| FieldError::invalid(&ip.child("name"), name, m)),
                );
            } else if !names.insert(name.to_string()) {
                errs.push(FieldError::duplicate(&ip.child("name"), name));
            }
        }
        if p.container_port == 0 {
            errs.push(FieldError::required(&ip.child("containerPort"), ""));
        } else {
            for m in is_valid_port_num(i64::from(p.container_port)) {
                errs.push(FieldError::invalid(
                    &ip.child("containerPort"),
                    p.container_port,
                    &m,
                ));
            }
        }
        if let Some(hp) = p.host_port.filter(|h| *h != 0) {
            for m in is_valid_port_num(i64::from(hp)) {
                errs.push(FieldError::invalid(&ip.child("hostPort"), hp, &m));
            }
        }
        match p.protocol.as_deref().unwrap_or("") {
            "" => errs.push(FieldError::required(&ip.child("protocol"), "")),
            "TCP" | "UDP" | "SCTP" => {}
            other => errs.push(FieldError::not_supported(
                &ip.child("protocol"),
                other,
                &["SCTP", "TCP", "UDP"],
            )),
        }
    }
    errs
}

fn env(vars: &[EnvVar], path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, ev) in vars.iter().enumerate() {
        let ip = path.index(i);
        if ev.name.is_empty() {
            errs.push(FieldError::required(&ip.child("name"), ""));
        } else if ev
            .name
            .bytes()
            .any(|c| !(32..=126).contains(&c) || c == b'=')
        {
            let msg = "a valid environment variable name must consist only of printable ASCII characters other than '='";
            errs.push(FieldError::invalid(
                &ip.child("name"),
                ev.name.as_str(),
                msg,
            ));
        }
        if ev.value_from.is_some() && !ev.value.as_deref().unwrap_or("").is_empty() {
            errs.push(FieldError::invalid(
                &ip.child("valueFrom"),
                "",
                "may not be specified when `value` is not empty",
            ));
        }
    }
    errs
}

fn volume_mounts(c: &Container, volumes: &BTreeSet<String>, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut mount_points = BTreeSet::new();
    for (i, m) in c.volume_mounts.iter().flatten().enumerate() {
        let ip = path.index(i);
        if m.name.is_empty() {
            errs.push(FieldError::required(&ip.child("name"), ""));
        }
        if !volumes.contains(&m.name) {
            errs.push(FieldError::not_found(&ip.child("name"), m.name.as_str()));
        }
        if m.mount_path.is_empty() {
            errs.push(FieldError::required(&ip.child("mountPath"), ""));
        }
        if !mount_points.insert(m.mount_path.clone()) {
            errs.push(FieldError::invalid(
                &ip.child("mountPath"),
                m.mount_path.as_str(),
                "must be unique",
            ));
        }
        let sub = m.sub_path.as_deref().unwrap_or("");
        if sub.starts_with('/') {
            errs.push(FieldError::invalid(
                &path.child("subPath"),
                sub,
                "must be a relative path",
            ));
        } else if sub.split('/').any(|s| s == "..") {
            errs.push(FieldError::invalid(
                &path.child("subPath"),
                sub,
                "must not contain '..'",
            ));
        }
    }
    errs
}

fn resource_list(list: Option<&BTreeMap<String, Quantity>>, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (name, q) in list.into_iter().flatten() {
        let p = path.key(name);
        let standard = matches!(name.as_str(), "cpu" | "memory" | "ephemeral-storage")
            || name.starts_with("hugepages-");
        if !name.contains('/') && !standard {
            errs.push(FieldError::invalid(
                &p,
                name.as_str(),
                "must be a standard resource for containers",
            ));
        }
        if let Ok(v) = parse_quantity(&q.0)
            && v.signum() < 0
        {
            errs.push(FieldError::invalid(&p, v.canonical(), NONNEG));
        }
    }
    errs
}

/// Resource requests and limits: known names, non-negative, requests at most limits.
pub fn resources(res: &ResourceRequirements, path: &FieldPath) -> Vec<FieldError> {
    let req_path = path.child("requests");
    let mut errs = resource_list(res.limits.as_ref(), &path.child("limits"));
    errs.extend(resource_list(res.requests.as_ref(), &req_path));
    for (name, q) in res.requests.iter().flatten() {
        let limit = res.limits.as_ref().and_then(|l| l.get(name));
        if let (Ok(r), Some(Ok(l))) = (parse_quantity(&q.0), limit.map(|l| parse_quantity(&l.0))) {
            let overcommit = matches!(name.as_str(), "cpu" | "memory" | "ephemeral-storage");
            if r != l && !overcommit {
                errs.push(FieldError::invalid(
                    &req_path,
                    r.canonical(),
                    &format!("must be equal to {name} limit of {}", l.canonical()),
                ));
            } else if r > l {
                errs.push(FieldError::invalid(
                    &req_path,
                    r.canonical(),
                    &format!(
                        "must be less than or equal to {name} limit of {}",
                        l.canonical()
                    ),
                ));
            }
        }
    }
    errs
}

fn http_get(h: &HTTPGetAction, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if h.path.as_deref().unwrap_or("").is_empty() {
        errs.push(FieldError::required(&path.child("path"), ""));
    }
    errs.extend(port_num_or_name(&h.port, &path.child("port")));
    let scheme = h.scheme.as_deref().unwrap_or("");
    if scheme != "HTTP" && scheme != "HTTPS" {
        errs.push(FieldError::not_supported(
            &path.child("scheme"),
            scheme,
            &["HTTP", "HTTPS"],
        ));
    }
    errs
}

/// Exactly one handler; a second one is Forbidden at its own path, none is Required.
fn handler(h: &LifecycleHandler, grpc_port: Option<i32>, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut count = 0;
    let mut add = |present: bool, name: &str, errs: &mut Vec<FieldError>| -> bool {
        if !present {
            return false;
        }
        if count > 0 {
            errs.push(FieldError::forbidden(
                &path.child(name),
                "may not specify more than 1 handler type",
            ));
            return false;
        }
        count += 1;
        true
    };
    if add(h.exec.is_some(), "exec", &mut errs)
        && h.exec
            .as_ref()
            .and_then(|e| e.command.as_ref())
            .is_none_or(Vec::is_empty)
    {
        errs.push(FieldError::required(
            &path.child("exec").child("command"),
            "",
        ));
    }
    if add(h.http_get.is_some(), "httpGet", &mut errs)
        && let Some(g) = &h.http_get
    {
        errs.extend(http_get(g, &path.child("httpGet")));
    }
    if add(h.tcp_socket.is_some(), "tcpSocket", &mut errs)
        && let Some(t) = &h.tcp_socket
    {
        errs.extend(port_num_or_name(
            &t.port,
            &path.child("tcpSocket").child("port"),
        ));
    }
    if add(grpc_port.is_some(), "grpc", &mut errs) {
        let port = grpc_port.unwrap_or(0);
        for m in is_valid_port_num(i64::from(port)) {
            errs.push(FieldError::invalid(
                &path.child("grpc").child("port"),
                port,
                &m,
            ));
        }
    }
    if add(h.sleep.is_some(), "sleep", &mut errs) {
        let secs = h.sleep.as_ref().map_or(0, |s| s.seconds);
        if secs < 0 {
            errs.push(FieldError::invalid(
                &path.child("sleep").child("seconds"),
                secs,
                NONNEG,
            ));
        }
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a handler type"));
    }
    errs
}

/// A probe: one handler, non-negative timings; liveness and startup need `successThreshold: 1`.
pub fn probe(p: &Probe, must_succeed_once: bool, path: &FieldPath) -> Vec<FieldError> {
    let as_handler = LifecycleHandler {
        exec: p.exec.clone(),
        http_get: p.http_get.clone(),
        sleep: None,
        tcp_socket: p.tcp_socket.clone(),
    };
    let mut errs = handler(&as_handler, p.grpc.as_ref().map(|g| g.port), path);
    for (field, v) in [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("periodSeconds", p.period_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ] {
        let v = i64::from(v.unwrap_or(0));
        if v < 0 {
            errs.push(FieldError::invalid(&path.child(field), v, NONNEG));
        }
    }
    if let Some(t) = p.termination_grace_period_seconds.filter(|t| *t <= 0) {
        errs.push(FieldError::invalid(
            &path.child("terminationGracePeriodSeconds"),
            t,
            "must be greater than 0",
        ));
    }
    if must_succeed_once && p.success_threshold.unwrap_or(0) != 1 {
        errs.push(FieldError::invalid(
            &path.child("successThreshold"),
            p.success_threshold.unwrap_or(0),
            "must be 1",
        ));
    }
    errs
}

/// Checks shared by every kind of container.
pub fn container_common(
    c: &Container,
    volumes: &BTreeSet<String>,
    path: &FieldPath,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if c.name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), ""));
    } else {
        errs.extend(dns1123_label(&c.name, &path.child("name")));
    }
    if c.image.as_deref().unwrap_or("").is_empty() {
        errs.push(FieldError::required(&path.child("image"), ""));
    }
    match c.termination_message_policy.as_deref().unwrap_or("") {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(FieldError::required(
            &path.child("terminationMessagePolicy"),
            "",
        )),
        other => errs.push(FieldError::not_supported(
            &path.child("terminationMessagePolicy"),
            other,
            &["File", "FallbackToLogsOnError"],
        )),
    }
    errs.extend(ports(c, &path.child("ports")));
    errs.extend(env(c.env.as_deref().unwrap_or(&[]), &path.child("env")));
    errs.extend(volume_mounts(c, volumes, &path.child("volumeMounts")));
    match c.image_pull_policy.as_deref().unwrap_or("") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.push(FieldError::required(&path.child("imagePullPolicy"), "")),
        other => errs.push(FieldError::not_supported(
            &path.child("imagePullPolicy"),
            other,
            &["Always", "IfNotPresent", "Never"],
        )),
    }
    if let Some(r) = &c.resources {
        errs.extend(resources(r, &path.child("resources")));
    }
    errs
}

/// Lifecycle hooks and probes allowed on regular containers.
pub fn container_hooks(c: &Container, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(lc) = &c.lifecycle {
        for (name, h) in [("postStart", &lc.post_start), ("preStop", &lc.pre_stop)] {
            if let Some(h) = h {
                errs.extend(handler(h, None, &path.child("lifecycle").child(name)));
            }
        }
    }
    for (name, p, once) in [
        ("livenessProbe", &c.liveness_probe, true),
        ("readinessProbe", &c.readiness_probe, false),
        ("startupProbe", &c.startup_probe, true),
    ] {
        if let Some(p) = p {
            errs.extend(probe(p, once, &path.child(name)));
        }
    }
    errs
}
