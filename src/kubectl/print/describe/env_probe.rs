//! Probes and environment variables of containers in `kubectl describe`.

use super::PrefixWriter;
use super::template::EnvResolver;
use k8s_openapi::api::core::v1::{Container, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

fn int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

fn join_host_port(host: &str, port: &str) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// kubectl's `DescribeProbe` (v1.37 wording), with the API's defaults for unset numbers.
pub fn describe_probe(p: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s successThreshold={} failureThreshold={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(1),
        p.period_seconds.unwrap_or(10),
        p.success_threshold.unwrap_or(1),
        p.failure_threshold.unwrap_or(3)
    );
    if let Some(exec) = p.exec.as_ref() {
        let cmd = exec.command.as_deref().unwrap_or(&[]).join(" ");
        return format!("exec [{cmd}] {attrs}");
    }
    if let Some(h) = p.http_get.as_ref() {
        let scheme = h.scheme.as_deref().unwrap_or("HTTP").to_lowercase();
        let host = h.host.as_deref().unwrap_or("");
        let port = int_or_string(&h.port);
        let authority = if port.is_empty() {
            host.to_string()
        } else {
            join_host_port(host, &port)
        };
        let mut path = h.path.clone().unwrap_or_default();
        if !path.is_empty() && !path.starts_with('/') && !authority.is_empty() {
            path.insert(0, '/');
        }
        return format!("http-get {scheme}://{authority}{path} {attrs}");
    }
    if let Some(t) = p.tcp_socket.as_ref() {
        let host = t.host.as_deref().unwrap_or("");
        return format!("tcp-socket {host}:{} {attrs}", int_or_string(&t.port));
    }
    if let Some(g) = p.grpc.as_ref() {
        let service = g.service.as_deref().unwrap_or("");
        return format!("grpc <pod>:{} {service} {attrs}", g.port);
    }
    format!("unknown {attrs}")
}

pub fn describe_probes(c: &Container, w: &mut PrefixWriter) {
    let probes = [
        ("Liveness", c.liveness_probe.as_ref()),
        ("Readiness", c.readiness_probe.as_ref()),
        ("Startup", c.startup_probe.as_ref()),
    ];
    for (title, probe) in probes {
        if let Some(p) = probe {
            w.write(2, &format!("{title}:\t{}\n", describe_probe(p)));
        }
    }
}

pub fn describe_env_from(c: &Container, w: &mut PrefixWriter) {
    w.write(2, "Environment Variables from:\n");
    for e in c.env_from.iter().flatten() {
        let (from, name, optional) = if let Some(cm) = e.config_map_ref.as_ref() {
            ("ConfigMap", cm.name.clone(), cm.optional.unwrap_or(false))
        } else if let Some(s) = e.secret_ref.as_ref() {
            ("Secret", s.name.clone(), s.optional.unwrap_or(false))
        } else {
            ("", String::new(), false)
        };
        match e.prefix.as_deref().filter(|p| !p.is_empty()) {
            None => w.write(3, &format!("{name}\t{from}\tOptional: {optional}\n")),
            Some(p) => w.write(
                3,
                &format!("{name}\t{from} with prefix '{p}'\tOptional: {optional}\n"),
            ),
        }
    }
}

pub fn describe_env(c: &Container, resolver: Option<EnvResolver<'_>>, w: &mut PrefixWriter) {
    let env = c.env.as_deref().unwrap_or(&[]);
    let none = if env.is_empty() { "\t<none>" } else { "" };
    w.write(2, &format!("Environment:{none}\n"));
    for e in env {
        let Some(from) = e.value_from.as_ref() else {
            for (i, line) in e.value.as_deref().unwrap_or("").split('\n').enumerate() {
                if i == 0 {
                    w.write(3, &format!("{}:\t{line}\n", e.name));
                } else {
                    w.write(3, &format!("\t{line}\n"));
                }
            }
            continue;
        };
        if let Some(f) = from.field_ref.as_ref() {
            let value = resolver.map(|r| r(e)).unwrap_or_default();
            let api = f.api_version.as_deref().unwrap_or("v1");
            w.write(
                3,
                &format!("{}:\t{value} ({api}:{})\n", e.name, f.field_path),
            );
        } else if let Some(r) = from.resource_field_ref.as_ref() {
            let value = if r.resource.starts_with("limits.") {
                "node allocatable"
            } else {
                ""
            };
            w.write(3, &format!("{}:\t{value} ({})\n", e.name, r.resource));
        } else if let Some(s) = from.secret_key_ref.as_ref() {
            let opt = s.optional.unwrap_or(false);
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' in secret '{}'>\tOptional: {opt}\n",
                    e.name, s.key, s.name
                ),
            );
        } else if let Some(cm) = from.config_map_key_ref.as_ref() {
            let opt = cm.optional.unwrap_or(false);
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' of config map '{}'>\tOptional: {opt}\n",
                    e.name, cm.key, cm.name
                ),
            );
        }
    }
}
