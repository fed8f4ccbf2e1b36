//! What containers write to their output, derived from their state on the virtual clock.

use k8s_openapi::api::core::v1::{Container, Pod};

use crate::sim::Cluster;
use crate::sim::clock::timestamp_at;
use crate::sim::kubelet::images::{Behaviour, ImageInfo, lookup, parse};
use crate::sim::kubelet::probes::nginx_status;
use crate::sim::kubelet::{ContainerRuntime, ContainerState};

/// Longest history kept per container, as the kubelet rotates log files.
pub(crate) const MAX_LINES: usize = 2000;

/// One log line with the virtual time it was written.
pub(crate) type Line = (u64, String);

/// The catalogue entry of an image, if the playground knows it.
pub(crate) fn info_of(image: &str) -> Option<&'static ImageInfo> {
    lookup(&parse(image))
}

/// A virtual instant formatted with a strftime layout.
pub(crate) fn go_time(ms: u64, layout: &str) -> String {
    timestamp_at(ms).strftime(layout).to_string()
}

/// What an image writes when its process starts at `t`.
pub(crate) fn startup(image: &str, spec: &Container, t: u64) -> Vec<Line> {
    let Some(info) = info_of(image) else {
        return Vec::new();
    };
    // A command replaces the image's entrypoint, so the server never starts to log.
    if spec.command.as_ref().is_some_and(|c| !c.is_empty()) {
        return Vec::new();
    }
    let env = |k: &str| spec.env.iter().flatten().any(|e| e.name == k);
    let ts = |layout: &str| go_time(t, layout);
    match info.behaviour {
        Behaviour::Nginx if info.repository.ends_with("/nginx") => {
            let d = ts("%Y/%m/%d %H:%M:%S");
            // nginx names its own version at start-up: the one the image's tag ships.
            let version = [
                "nginx/",
                &crate::container::profile::nginx_version(&parse(image).tag),
            ]
            .concat();
            let mut lines: Vec<String> = [
                "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                "/docker-entrypoint.sh: Configuration complete; ready for start up",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            for n in [
                "using the \"epoll\" event method",
                version.as_str(),
                "built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) ",
                "OS: Linux 6.8.0-1021-gcp",
                "getrlimit(RLIMIT_NOFILE): 1048576:1048576",
                "start worker processes",
                "start worker process 29",
                "start worker process 30",
            ] {
                lines.push(format!("{d} [notice] 1#1: {n}"));
            }
            lines.into_iter().map(|l| (t, l)).collect()
        }
        Behaviour::Nginx => Vec::new(),
        Behaviour::Server { port, required_env } => {
            if let Some((var, text)) = required_env
                && !env(var)
            {
                return text.lines().map(|l| (t, l.to_string())).collect();
            }
            let iso = ts("%Y-%m-%dT%H:%M:%S%.3f+00:00");
            let lines: Vec<String> = match port {
                27017 => vec![
                    format!(
                        "{{\"t\":{{\"$date\":\"{iso}\"}},\"s\":\"I\",  \"c\":\"CONTROL\",  \"id\":23285,   \"ctx\":\"main\",\"msg\":\"Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'\"}}"
                    ),
                    format!(
                        "{{\"t\":{{\"$date\":\"{iso}\"}},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":4915701, \"ctx\":\"main\",\"msg\":\"Initialized wire specification\"}}"
                    ),
                    format!(
                        "{{\"t\":{{\"$date\":\"{iso}\"}},\"s\":\"I\",  \"c\":\"STORAGE\",  \"id\":22297,   \"ctx\":\"initandlisten\",\"msg\":\"Using the XFS filesystem is strongly recommended with the WiredTiger storage engine\"}}"
                    ),
                    format!(
                        "{{\"t\":{{\"$date\":\"{iso}\"}},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23015,   \"ctx\":\"listener\",\"msg\":\"Listening on\",\"attr\":{{\"address\":\"0.0.0.0\"}}}}"
                    ),
                    format!(
                        "{{\"t\":{{\"$date\":\"{iso}\"}},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23016,   \"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{{\"port\":27017,\"ssl\":\"off\"}}}}"
                    ),
                ],
                3306 => vec![
                    format!("{iso} 0 [System] [MY-015015] [Server] MySQL Server - start."),
                    format!(
                        "{iso} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.4.3) starting as process 1"
                    ),
                    format!(
                        "{iso} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.3'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."
                    ),
                ],
                5432 => {
                    let d = ts("%Y-%m-%d %H:%M:%S%.3f UTC");
                    vec![
                        format!(
                            "{d} [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu"
                        ),
                        format!("{d} [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432"),
                        format!("{d} [1] LOG:  database system is ready to accept connections"),
                    ]
                }
                6379 => {
                    let d = ts("%d %b %Y %H:%M:%S%.3f");
                    vec![
                        format!("1:C {d} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"),
                        format!("1:M {d} * Running mode=standalone, port=6379."),
                        format!("1:M {d} * Server initialized"),
                        format!("1:M {d} * Ready to accept connections tcp"),
                    ]
                }
                _ => Vec::new(),
            };
            lines.into_iter().map(|l| (t, l)).collect()
        }
        Behaviour::Shell | Behaviour::Custom => Vec::new(),
    }
}

/// One access-log line per HTTP probe nginx answered between `from` and `to`.
pub(crate) fn probe_lines(
    c: &Cluster,
    pod: &Pod,
    index: usize,
    spec: &Container,
    from: u64,
    to: u64,
) -> Vec<Line> {
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let ip = pod
        .status
        .as_ref()
        .and_then(|s| s.pod_ip.clone())
        .unwrap_or_default();
    let gateway = match ip.rsplit_once('.') {
        Some((net, _)) => format!("{net}.1"),
        None => "10.244.0.1".to_string(),
    };
    let mut lines = Vec::new();
    for probe in [&spec.readiness_probe, &spec.liveness_probe]
        .into_iter()
        .flatten()
    {
        let Some(http) = probe.http_get.as_ref() else {
            continue;
        };
        let path = http.path.clone().unwrap_or_else(|| "/".to_string());
        let status = nginx_status(&c.world, &uid, index, &path);
        let size = match status {
            200 => 615,
            403 => 153,
            _ => 153,
        };
        let period = u64::try_from(probe.period_seconds.unwrap_or(10).max(1)).unwrap_or(10) * 1000;
        let mut t = from
            + u64::try_from(probe.initial_delay_seconds.unwrap_or(0).max(0)).unwrap_or(0) * 1000;
        while t <= to {
            let when = go_time(t, "%d/%b/%Y:%H:%M:%S +0000");
            lines.push((
                t,
                format!("{gateway} - - [{when}] \"GET {path} HTTP/1.1\" {status} {size} \"-\" \"kube-probe/1.37\" \"-\""),
            ));
            t += period;
        }
    }
    crate::order::sort_by_key(&mut lines, |(t, _)| *t);
    lines
}

/// The lines of one run of a container, from `start` to `end`.
pub(crate) fn run_lines(
    c: &Cluster,
    pod: &Pod,
    index: usize,
    rt: &ContainerRuntime,
    start: u64,
    end: u64,
) -> Vec<Line> {
    let spec = pod
        .spec
        .as_ref()
        .and_then(|s| crate::sim::kubelet::container_spec(s, index))
        .cloned()
        .unwrap_or_default();
    let mut lines = startup(&rt.image, &spec, start);
    if info_of(&rt.image).is_some_and(|i| i.behaviour == Behaviour::Nginx) {
        lines.extend(probe_lines(c, pod, index, &spec, start, end));
    }
    let skip = lines.len().saturating_sub(MAX_LINES);
    lines.drain(..skip);
    lines
}

/// The log of a container: the current run, or with `previous` the last finished one.
pub(crate) fn container_log(
    c: &Cluster,
    pod: &Pod,
    container: &str,
    previous: bool,
) -> Result<Vec<Line>, String> {
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let Some(rt) = c.world.runtime.get(&uid) else {
        return Ok(Vec::new());
    };
    let Some(index) = rt.containers.iter().position(|k| k.name == container) else {
        return Ok(Vec::new());
    };
    let Some(k) = rt.containers.get(index) else {
        return Ok(Vec::new());
    };
    let now = c.now_ms();
    let finished_run = |s: &ContainerState| match s {
        ContainerState::Terminated {
            started, finished, ..
        } => Some((*started, *finished)),
        _ => None,
    };
    if previous {
        return match k.last.as_ref().and_then(finished_run) {
            Some((s, e)) => Ok(run_lines(c, pod, index, k, s, e)),
            None => Err(format!(
                "previous terminated container \"{container}\" in pod \"{pod_name}\" not found"
            )),
        };
    }
    match &k.state {
        ContainerState::Running(since) => Ok(run_lines(c, pod, index, k, *since, now)),
        ContainerState::Terminated {
            started, finished, ..
        } => Ok(run_lines(c, pod, index, k, *started, *finished)),
        ContainerState::Waiting(reason) => match k.last.as_ref().and_then(finished_run) {
            Some((s, e)) => Ok(run_lines(c, pod, index, k, s, e)),
            None => {
                let why = match reason.as_str() {
                    "ErrImagePull" | "ImagePullBackOff" => "trying and failing to pull image",
                    other => other,
                };
                Err(format!(
                    "container \"{container}\" in pod \"{pod_name}\" is waiting to start: {why}"
                ))
            }
        },
    }
}
