//! Pod and pod-template defaulting (k8s.io/kubernetes `pkg/apis/core/v1/defaults.go` plus the
//! declarative `+default` tags). Admission steps live in `admission.rs`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, Pod, PodSpec, Probe, ResourceRequirements, Volume};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use serde_json::Value;

use crate::gofmt::quantity::parse_quantity;

/// Canonicalizes and rounds up to milli precision every quantity of a resource list.
pub fn default_resource_list(list: &mut BTreeMap<String, Quantity>) {
    for q in list.values_mut() {
        if let Ok(mut parsed) = parse_quantity(q.0.trim()) {
            parsed.round_up_milli();
            q.0 = parsed.canonical();
        }
    }
}

/// The tag the image reference names: `latest` when it names none and no digest, `None` when
/// the reference does not parse (the server then assumes IfNotPresent).
pub fn image_tag(image: &str) -> Option<String> {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    if rest.is_empty() || digest.is_some_and(|d| !d.contains(':')) {
        return None;
    }
    let last_slash = rest.rfind('/');
    let (name, tag) = match rest.rfind(':') {
        Some(c) if last_slash.is_none_or(|s| c > s) => (rest.get(..c)?, rest.get(c + 1..)),
        _ => (rest, None),
    };
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 {
        let first = parts.first().copied().unwrap_or("");
        if first.contains('.')
            || first.contains(':')
            || first == "localhost"
            || first.bytes().any(|c| c.is_ascii_uppercase())
        {
            parts.remove(0);
        }
    }
    let component_ok = |p: &&str| {
        !p.is_empty()
            && p.bytes().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
            })
            && p.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && p.bytes().last().is_some_and(|c| c.is_ascii_alphanumeric())
    };
    if !parts.iter().all(component_ok) {
        return None;
    }
    match tag {
        Some(t) => {
            let ok = !t.is_empty()
                && t.len() <= 128
                && t.bytes()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                && t.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'));
            if ok { Some(t.to_string()) } else { None }
        }
        None if digest.is_some() => Some(String::new()),
        None => Some("latest".to_string()),
    }
}

fn default_probe(p: &mut Probe) {
    for (field, value) in [
        (&mut p.timeout_seconds, 1),
        (&mut p.period_seconds, 10),
        (&mut p.success_threshold, 1),
        (&mut p.failure_threshold, 3),
    ] {
        if field.unwrap_or(0) == 0 {
            *field = Some(value);
        }
    }
    if let Some(h) = &mut p.http_get {
        default_http_get(h);
    }
    if let Some(g) = &mut p.grpc {
        g.service.get_or_insert_with(String::new);
    }
}

fn default_http_get(h: &mut k8s_openapi::api::core::v1::HTTPGetAction) {
    if h.path.as_deref().unwrap_or("").is_empty() {
        h.path = Some("/".to_string());
    }
    if h.scheme.as_deref().unwrap_or("").is_empty() {
        h.scheme = Some("HTTP".to_string());
    }
}

/// Defaults one container: pull policy from the tag, termination message, port protocols,
/// probe timings, and an empty `resources` (Go always prints that struct).
pub fn default_container(c: &mut Container) {
    if c.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        let tag = c.image.as_deref().and_then(image_tag);
        let policy = if tag.as_deref() == Some("latest") {
            "Always"
        } else {
            "IfNotPresent"
        };
        c.image_pull_policy = Some(policy.to_string());
    }
    if c.termination_message_path
        .as_deref()
        .unwrap_or("")
        .is_empty()
    {
        c.termination_message_path = Some("/dev/termination-log".to_string());
    }
    if c.termination_message_policy
        .as_deref()
        .unwrap_or("")
        .is_empty()
    {
        c.termination_message_policy = Some("File".to_string());
    }
    for port in c.ports.iter_mut().flatten() {
        if port.protocol.as_deref().unwrap_or("").is_empty() {
            port.protocol = Some("TCP".to_string());
        }
    }
    for probe in [
        &mut c.liveness_probe,
        &mut c.readiness_probe,
        &mut c.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        default_probe(probe);
    }
    if let Some(lc) = &mut c.lifecycle {
        for h in [&mut lc.post_start, &mut lc.pre_stop].into_iter().flatten() {
            if let Some(g) = &mut h.http_get {
                default_http_get(g);
            }
        }
    }
    for env in c.env.iter_mut().flatten() {
        if let Some(f) = env.value_from.as_mut().and_then(|v| v.field_ref.as_mut()) {
            f.api_version.get_or_insert_with(|| "v1".to_string());
        }
    }
    let res = c
        .resources
        .get_or_insert_with(ResourceRequirements::default);
    for list in [&mut res.requests, &mut res.limits].into_iter().flatten() {
        default_resource_list(list);
    }
}

/// True when a volume names no source; the server then gives it an `emptyDir`.
fn has_no_source(v: &Volume) -> bool {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m.keys().all(|k| k == "name"),
        _ => false,
    }
}

fn default_volume(v: &mut Volume) {
    if has_no_source(v) {
        v.empty_dir = Some(Default::default());
    }
    if let Some(s) = &mut v.secret {
        s.default_mode.get_or_insert(0o644);
    }
    if let Some(s) = &mut v.config_map {
        s.default_mode.get_or_insert(0o644);
    }
    if let Some(s) = &mut v.downward_api {
        s.default_mode.get_or_insert(0o644);
    }
    if let Some(s) = &mut v.host_path {
        s.type_.get_or_insert_with(String::new);
    }
    if let Some(p) = &mut v.projected {
        p.default_mode.get_or_insert(0o644);
        for src in p.sources.iter_mut().flatten() {
            if let Some(t) = &mut src.service_account_token {
                t.expiration_seconds.get_or_insert(3600);
            }
        }
    }
}

/// Defaults a pod spec as every PodSpec is defaulted, including a StatefulSet's template.
pub fn default_pod_spec(spec: &mut PodSpec) {
    if spec.dns_policy.as_deref().unwrap_or("").is_empty() {
        spec.dns_policy = Some("ClusterFirst".to_string());
    }
    if spec.restart_policy.as_deref().unwrap_or("").is_empty() {
        spec.restart_policy = Some("Always".to_string());
    }
    spec.security_context.get_or_insert_with(Default::default);
    spec.termination_grace_period_seconds.get_or_insert(30);
    if spec.scheduler_name.as_deref().unwrap_or("").is_empty() {
        spec.scheduler_name = Some("default-scheduler".to_string());
    }
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut().flatten())
    {
        default_container(c);
    }
    for v in spec.volumes.iter_mut().flatten() {
        default_volume(v);
    }
    if let Some(list) = &mut spec.overhead {
        default_resource_list(list);
    }
}

/// Defaults a Pod: the PodSpec defaults plus the pod-only ones (requests copied from limits,
/// `enableServiceLinks: true`, host ports under host networking).
pub fn default_pod(pod: &mut Pod) {
    let spec = pod.spec.get_or_insert_with(PodSpec::default);
    default_pod_spec(spec);
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut().flatten())
    {
        if let Some(res) = &mut c.resources
            && let Some(limits) = res.limits.clone()
        {
            let requests = res.requests.get_or_insert_with(BTreeMap::new);
            for (k, v) in limits {
                requests.entry(k).or_insert(v);
            }
        }
        if spec.host_network == Some(true) {
            for p in c.ports.iter_mut().flatten() {
                if p.host_port.unwrap_or(0) == 0 {
                    p.host_port = Some(p.container_port);
                }
            }
        }
    }
    spec.enable_service_links.get_or_insert(true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_policy_follows_the_tag() {
        let cases = [
            ("nginx", "Always"),
            ("nginx:latest", "Always"),
            ("registry.k8s.io/nginx-slim:0.24", "IfNotPresent"),
            ("localhost:5000/app", "Always"),
            ("localhost:5000/app:v1", "IfNotPresent"),
            ("nginx@sha256:abc", "IfNotPresent"),
            ("Nginx", "IfNotPresent"),
            ("", "IfNotPresent"),
        ];
        for (image, want) in cases {
            let mut c = Container {
                name: "c".into(),
                image: Some(image.into()),
                ..Default::default()
            };
            default_container(&mut c);
            assert_eq!(c.image_pull_policy.as_deref(), Some(want), "image {image}");
        }
    }

    #[test]
    fn probe_and_volume_defaults() {
        let mut spec: PodSpec = serde_json::from_value(serde_json::json!({
            "containers": [{"name": "c", "image": "x:1", "readinessProbe": {"httpGet": {"port": 80}}, "ports": [{"containerPort": 80}]}],
            "volumes": [{"name": "scratch"}, {"name": "cfg", "configMap": {"name": "c"}}]
        }))
        .expect("spec");
        default_pod_spec(&mut spec);
        let v = serde_json::to_value(&spec).expect("json");
        assert_eq!(
            v["containers"][0]["readinessProbe"],
            serde_json::json!({"failureThreshold": 3, "httpGet": {"path": "/", "port": 80, "scheme": "HTTP"}, "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1})
        );
        assert_eq!(v["containers"][0]["ports"][0]["protocol"], "TCP");
        assert_eq!(
            v["volumes"][0],
            serde_json::json!({"name": "scratch", "emptyDir": {}})
        );
        assert_eq!(v["volumes"][1]["configMap"]["defaultMode"], 420);
        assert_eq!(v["terminationGracePeriodSeconds"], 30);
    }
}
