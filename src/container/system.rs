//! The container's identity and system view: environment, hostname, the files the kubelet mounts,
//! and `hostname`, `df`, `mount`, `ps`.

use k8s_openapi::api::core::v1::{Pod, Service};

use super::Target;
use super::host::ContainerHost;
use super::profile::{Family, Profile};
use crate::sh::interp::Proc;
use crate::sim::Cluster;
use crate::sim::endpoints::CLUSTER_DOMAIN;

fn pod<'c>(c: &'c Cluster, t: &Target) -> Option<&'c Pod> {
    c.world.store.get::<Pod>(&t.namespace, &t.pod)
}

/// The pod's hostname (`spec.hostname`, else its name).
pub fn hostname(c: &Cluster, t: &Target) -> String {
    pod(c, t)
        .and_then(|p| p.spec.as_ref())
        .and_then(|s| s.hostname.clone())
        .unwrap_or_else(|| t.pod.clone())
}

/// The pod's fully qualified name when it has a subdomain.
fn fqdn(c: &Cluster, t: &Target) -> Option<String> {
    let sub = pod(c, t)
        .and_then(|p| p.spec.as_ref())
        .and_then(|s| s.subdomain.clone())?;
    Some(format!(
        "{}.{sub}.{}.svc.{CLUSTER_DOMAIN}",
        hostname(c, t),
        t.namespace
    ))
}

/// The pod's IP.
pub fn pod_ip(c: &Cluster, t: &Target) -> String {
    c.world
        .runtime
        .get(&t.uid)
        .and_then(|r| r.ip.clone())
        .unwrap_or_default()
}

/// The cluster DNS server every pod is pointed at.
pub const DNS_SERVER: &str = "10.96.0.10";

/// `/etc/hosts`, `/etc/hostname`, `/etc/resolv.conf` and the service account files.
pub fn kubelet_files(c: &Cluster, t: &Target) -> Vec<(String, String)> {
    let host = hostname(c, t);
    let ip = pod_ip(c, t);
    let mut hosts = String::from(
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n",
    );
    match fqdn(c, t) {
        Some(f) => hosts.push_str(&format!("{ip}\t{f}\t{host}\n")),
        None => hosts.push_str(&format!("{ip}\t{host}\n")),
    }
    let mut files = vec![
        ("/etc/hosts".to_string(), hosts),
        ("/etc/hostname".to_string(), format!("{host}\n")),
        (
            "/etc/resolv.conf".to_string(),
            format!(
                "search {ns}.svc.{CLUSTER_DOMAIN} svc.{CLUSTER_DOMAIN} {CLUSTER_DOMAIN}\nnameserver {DNS_SERVER}\noptions ndots:5\n",
                ns = t.namespace
            ),
        ),
    ];
    let sa = crate::sim::api::admission::SERVICE_ACCOUNT_MOUNT;
    let mounted = pod(c, t)
        .and_then(|p| p.spec.as_ref())
        .and_then(|s| crate::sim::kubelet::container_spec(s, t.index))
        .is_some_and(|k| k.volume_mounts.iter().flatten().any(|m| m.mount_path == sa));
    if mounted {
        files.push((format!("{sa}/namespace"), t.namespace.clone()));
    }
    if let Some(p) = pod(c, t) {
        files.extend(crate::sim::kubelet::config::mounted_files(&c.world, p, t.index).0);
    }
    files
}

/// The environment of the container's processes: image variables, the pod spec's `env`,
/// service links for every Service with a cluster IP, `HOSTNAME` and `HOME`.
pub fn environment(c: &Cluster, t: &Target, profile: &Profile, tty: bool) -> Vec<(String, String)> {
    let mut env = vec![(
        "PATH".to_string(),
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string(),
    )];
    env.push(("HOSTNAME".into(), hostname(c, t)));
    if tty {
        env.push(("TERM".into(), "xterm".into()));
    }
    env.extend(profile.env.iter().cloned());
    let container = pod(c, t).and_then(|p| Some((p, p.spec.as_ref()?.containers.get(t.index)?)));
    // envFrom first, then env in order; ConfigMap and Secret values come resolved (the container
    // runs only when they could be).
    let resolved = container
        .and_then(|(p, k)| crate::sim::kubelet::config::environment(&c.world, p, k).ok())
        .unwrap_or_default();
    let spec_env = container.and_then(|(_, k)| k.env.as_ref());
    for (name, value) in resolved {
        let value = match value {
            Some(v) => v,
            None => spec_env
                .and_then(|list| list.iter().find(|e| e.name == name))
                .map(|e| plain_value(c, t, e))
                .unwrap_or_default(),
        };
        env.retain(|(k, _)| *k != name);
        env.push((name, value));
    }
    let links = pod(c, t)
        .and_then(|p| p.spec.as_ref())
        .and_then(|s| s.enable_service_links)
        .unwrap_or(true);
    let mut services: Vec<&Service> = c.world.store.list::<Service>(Some(&t.namespace)).collect();
    if t.namespace != "default"
        && let Some(k) = c.world.store.get::<Service>("default", "kubernetes")
    {
        services.push(k);
    }
    for svc in services {
        let Some(spec) = svc.spec.as_ref() else {
            continue;
        };
        let ip = spec.cluster_ip.clone().unwrap_or_default();
        let name = svc.metadata.name.clone().unwrap_or_default();
        if ip.is_empty() || ip == "None" || (!links && name != "kubernetes") {
            continue;
        }
        let prefix = name.to_uppercase().replace('-', "_");
        let ports = spec.ports.clone().unwrap_or_default();
        let Some(first) = ports.first() else { continue };
        let proto = first
            .protocol
            .clone()
            .unwrap_or_else(|| "TCP".into())
            .to_lowercase();
        env.push((format!("{prefix}_SERVICE_HOST"), ip.clone()));
        env.push((format!("{prefix}_SERVICE_PORT"), first.port.to_string()));
        for p in &ports {
            if let Some(n) = &p.name {
                env.push((
                    format!(
                        "{prefix}_SERVICE_PORT_{}",
                        n.to_uppercase().replace('-', "_")
                    ),
                    p.port.to_string(),
                ));
            }
        }
        env.push((
            format!("{prefix}_PORT"),
            format!("{proto}://{ip}:{}", first.port),
        ));
        for p in &ports {
            let pr = p.protocol.clone().unwrap_or_else(|| "TCP".into());
            let base = format!("{prefix}_PORT_{}_{}", p.port, pr.to_uppercase());
            env.push((
                base.clone(),
                format!("{}://{ip}:{}", pr.to_lowercase(), p.port),
            ));
            env.push((format!("{base}_PROTO"), pr.to_lowercase()));
            env.push((format!("{base}_PORT"), p.port.to_string()));
            env.push((format!("{base}_ADDR"), ip.clone()));
        }
    }
    if !env.iter().any(|(k, _)| k == "HOME") {
        env.push(("HOME".into(), "/root".into()));
    }
    env
}

/// An `env` entry's own value or field reference.
fn plain_value(c: &Cluster, t: &Target, e: &k8s_openapi::api::core::v1::EnvVar) -> String {
    match (&e.value, &e.value_from) {
        (Some(v), _) => v.clone(),
        (None, Some(from)) => match from.field_ref.as_ref().map(|f| f.field_path.as_str()) {
            Some("metadata.name") => t.pod.clone(),
            Some("metadata.namespace") => t.namespace.clone(),
            Some("status.podIP") => pod_ip(c, t),
            Some("spec.nodeName") => c
                .world
                .runtime
                .get(&t.uid)
                .map(|r| r.node.clone())
                .unwrap_or_default(),
            _ => String::new(),
        },
        (None, None) => String::new(),
    }
}

pub(super) fn hostname_cmd(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let c = &*h.files.cluster;
    let text = match p.args().first().map(String::as_str) {
        Some("-i" | "--ip-address" | "-I") => pod_ip(c, &h.target),
        Some("-f" | "--fqdn" | "--long") => {
            fqdn(c, &h.target).unwrap_or_else(|| hostname(c, &h.target))
        }
        Some("-d" | "--domain") => fqdn(c, &h.target)
            .and_then(|f| f.split_once('.').map(|(_, d)| d.to_string()))
            .unwrap_or_default(),
        Some("-s" | "--short") | None => hostname(c, &h.target),
        Some(other) if !other.starts_with('-') => {
            p.err("hostname: you must be root to change the host name\n");
            return 1;
        }
        Some(_) => hostname(c, &h.target),
    };
    p.out(&format!("{text}\n"));
    0
}

/// How `ps` shows nginx's master process.
pub(super) const NGINX_MAIN: &str = "nginx: master process nginx -g daemon off;";

/// The main process of the container as `ps` shows it.
pub(super) fn main_process(h: &ContainerHost) -> String {
    let c = &*h.files.cluster;
    let k = pod(c, &h.target)
        .and_then(|p| p.spec.as_ref())
        .and_then(|s| crate::sim::kubelet::container_spec(s, h.target.index))
        .cloned();
    let words: Vec<String> = k
        .map(|k| {
            k.command
                .unwrap_or_default()
                .into_iter()
                .chain(k.args.unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    if !words.is_empty() {
        return words.join(" ");
    }
    match (h.profile.nginx.is_some(), h.profile.family) {
        (true, _) => NGINX_MAIN.into(),
        (false, Family::Busybox | Family::Alpine) => "sh".into(),
        _ => "/bin/sh".into(),
    }
}

pub(super) fn ps(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let main = main_process(h);
    let mut out = String::from("PID   USER     TIME  COMMAND\n");
    out.push_str(&format!("    1 root      0:00 {main}\n"));
    if h.profile.nginx.is_some() {
        out.push_str("   29 nginx     0:00 nginx: worker process\n");
    }
    out.push_str("   42 root      0:00 sh\n   48 root      0:00 ps\n");
    p.out(&out);
    0
}
