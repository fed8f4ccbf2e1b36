//! `kubectl logs`: believable output per image, derived from the container's state on the
//! virtual clock (start-up lines, then one access-log line per HTTP probe for nginx), with
//! `--tail`, `--since`, `--timestamps`, `--previous`, `--prefix` and `-f` as a wait.

use k8s_openapi::api::core::v1::{Container, Pod};

use super::ctx::Ctx;
use super::exec::{container_for, pod_for};
use super::watch::{Prefixed, advance_until};
use super::{Output, Run, Session, Waiting};
use crate::sim::Cluster;
use crate::sim::clock::timestamp_at;
use crate::sim::kubelet::images::{Behaviour, ImageInfo, lookup, parse};
use crate::sim::kubelet::probes::nginx_status;
use crate::sim::kubelet::{ContainerRuntime, ContainerState};

/// Longest history kept per container, as the kubelet rotates log files.
const MAX_LINES: usize = 2000;

/// One log line with the virtual time it was written.
type Line = (u64, String);

fn info_of(image: &str) -> Option<&'static ImageInfo> {
    lookup(&parse(image))
}

fn go_time(ms: u64, layout: &str) -> String {
    timestamp_at(ms).strftime(layout).to_string()
}

/// What an image writes when its process starts at `t`.
fn startup(image: &str, spec: &Container, t: u64) -> Vec<Line> {
    let Some(info) = info_of(image) else {
        return Vec::new();
    };
    let env = |k: &str| spec.env.iter().flatten().any(|e| e.name == k);
    let ts = |layout: &str| go_time(t, layout);
    match info.behaviour {
        Behaviour::Nginx if info.repository.ends_with("/nginx") => {
            let d = ts("%Y/%m/%d %H:%M:%S");
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
                "nginx/1.29.1",
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
fn probe_lines(
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
        let status = nginx_status(c, &uid, index, &path);
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
    lines.sort_by_key(|(t, _)| *t);
    lines
}

/// The lines of one run of a container, from `start` to `end`.
fn run_lines(
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
        .and_then(|s| s.containers.get(index))
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
fn container_log(
    c: &Cluster,
    pod: &Pod,
    container: &str,
    previous: bool,
) -> Result<Vec<Line>, String> {
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let Some(rt) = c.runtime.get(&uid) else {
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

struct Options {
    tail: Option<usize>,
    since_ms: Option<u64>,
    timestamps: bool,
    prefix: Option<String>,
}

fn render(lines: &[Line], opts: &Options, now: u64) -> String {
    let mut selected: Vec<&Line> = lines
        .iter()
        .filter(|(t, _)| opts.since_ms.is_none_or(|s| *t + s >= now))
        .collect();
    if let Some(n) = opts.tail {
        let skip = selected.len().saturating_sub(n);
        selected.drain(..skip);
    }
    let mut out = String::new();
    for (t, l) in selected {
        if let Some(p) = &opts.prefix {
            out.push_str(p);
            out.push(' ');
        }
        if opts.timestamps {
            out.push_str(&go_time(*t, "%Y-%m-%dT%H:%M:%S%.9fZ"));
            out.push(' ');
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// `kubectl logs -f`: prints new lines as the container writes them.
struct Follow {
    namespace: String,
    pod: String,
    uid: Option<String>,
    container: String,
    printed: usize,
    opts: Options,
}

impl Waiting for Follow {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let mut out = Output::default();
        let mut done = false;
        advance_until(&mut session.cluster, budget_ms, |c| {
            let Some(pod) = c.store.get::<Pod>(&self.namespace, &self.pod) else {
                done = true;
                return true;
            };
            if pod.metadata.uid != self.uid {
                done = true;
                return true;
            }
            if let Ok(lines) = container_log(c, pod, &self.container, false)
                && lines.len() > self.printed
            {
                let fresh = lines.get(self.printed..).unwrap_or(&[]);
                let opts = Options {
                    tail: None,
                    since_ms: None,
                    ..self.copy_opts()
                };
                out.stdout.push_str(&render(fresh, &opts, c.now_ms()));
                self.printed = lines.len();
            }
            let stopped = c
                .runtime
                .get(self.uid.as_deref().unwrap_or(""))
                .and_then(|rt| rt.containers.iter().find(|k| k.name == self.container))
                .is_none_or(|k| matches!(k.state, ContainerState::Terminated { .. }));
            if stopped {
                done = true;
            }
            done
        });
        (out, done)
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output::default()
    }
}

impl Follow {
    fn copy_opts(&self) -> Options {
        Options {
            tail: self.opts.tail,
            since_ms: self.opts.since_ms,
            timestamps: self.opts.timestamps,
            prefix: self.opts.prefix.clone(),
        }
    }
}

/// `kubectl logs`.
pub(crate) fn logs(ctx: &mut Ctx<'_>) -> Option<Run> {
    let args = ctx.flags.args.clone();
    let selector = ctx.flags.str("selector").map(str::to_string);
    let mut pods: Vec<Pod> = Vec::new();
    match (args.as_slice(), &selector) {
        ([], None) => {
            ctx.usage("expected POD, TYPE/NAME, or --selector argument");
            return None;
        }
        ([], Some(sel)) => {
            let Ok(s) = super::selector::LabelSelector::parse(sel) else {
                ctx.fail(&format!("unable to parse requirement: {sel}"));
                return None;
            };
            pods = ctx
                .session
                .cluster
                .store
                .list::<Pod>(Some(ctx.namespace.as_str()))
                .filter(|p| s.matches(p.metadata.labels.as_ref()))
                .cloned()
                .collect();
            if pods.is_empty() {
                let ns = ctx.namespace.clone();
                ctx.eprint(&format!("No resources found in {ns} namespace.\n"));
                return None;
            }
        }
        ([target], _) | ([target, _], _) => match pod_for(ctx, target) {
            Ok(p) => {
                if target.contains('/')
                    && !target.starts_with("pod/")
                    && !target.starts_with("pods/")
                    && !target.starts_with("po/")
                {
                    let count = count_pods_like(ctx, target);
                    if count > 1 {
                        let name = p.metadata.name.clone().unwrap_or_default();
                        ctx.eprint(&format!("Found {count} pods, using pod/{name}\n"));
                    }
                }
                pods.push(p);
            }
            Err(e) => {
                ctx.eprint(&format!("{e}\n"));
                ctx.out.code = 1;
                return None;
            }
        },
        _ => {
            ctx.usage("expected POD, TYPE/NAME, or --selector argument");
            return None;
        }
    }
    let wanted = ctx
        .flags
        .str("container")
        .map(str::to_string)
        .or_else(|| args.get(1).cloned());
    let previous = ctx.flags.bool("previous");
    let follow = ctx.flags.bool("follow");
    let with_prefix = ctx.flags.bool("prefix");
    let tail = ctx
        .flags
        .int("tail")
        .filter(|n| *n >= 0)
        .map(|n| usize::try_from(n).unwrap_or(0));
    let tail = tail.or(if selector.is_some() { Some(10) } else { None });
    let since_ms = ctx.flags.duration_ms("since").map(|d| d.unsigned_abs());
    let c = &ctx.session.cluster;
    let now = c.now_ms();
    let mut text = String::new();
    let mut last: Option<(Pod, String, usize)> = None;
    for pod in &pods {
        let (container, notice) = match container_for(pod, wanted.as_deref(), false) {
            Ok(x) => x,
            Err(e) => {
                ctx.fail(&e);
                return None;
            }
        };
        let name = pod.metadata.name.clone().unwrap_or_default();
        let opts = Options {
            tail,
            since_ms,
            timestamps: ctx.flags.bool("timestamps"),
            prefix: with_prefix.then(|| format!("[pod/{name}/{container}]")),
        };
        match container_log(c, pod, &container, previous) {
            Ok(lines) => {
                ctx.out.stderr.push_str(&notice);
                text.push_str(&render(&lines, &opts, now));
                last = Some((pod.clone(), container, lines.len()));
            }
            Err(e) => {
                ctx.out.stderr.push_str(&notice);
                ctx.eprint(&format!("Error from server (BadRequest): {e}\n"));
                ctx.out.code = 1;
                return None;
            }
        }
    }
    ctx.print(&text);
    if !follow || previous {
        return None;
    }
    let (pod, container, printed) = last?;
    let follow = Follow {
        namespace: pod.metadata.namespace.clone().unwrap_or_default(),
        pod: pod.metadata.name.clone().unwrap_or_default(),
        uid: pod.metadata.uid.clone(),
        container,
        printed,
        opts: Options {
            tail: None,
            since_ms: None,
            timestamps: ctx.flags.bool("timestamps"),
            prefix: None,
        },
    };
    let first = std::mem::take(&mut ctx.out);
    Some(Run::Wait(Box::new(Prefixed {
        first: Some(first),
        inner: follow,
    })))
}

/// How many pods a `TYPE/NAME` argument stands for (for `Found N pods, using …`).
fn count_pods_like(ctx: &Ctx<'_>, target: &str) -> usize {
    let Some((_, name)) = target.split_once('/') else {
        return 1;
    };
    let c = &ctx.session.cluster;
    let Some(sts) = c
        .store
        .get::<k8s_openapi::api::apps::v1::StatefulSet>(&ctx.namespace, name)
    else {
        return 1;
    };
    c.store
        .list::<Pod>(Some(ctx.namespace.as_str()))
        .filter(|p| {
            crate::sim::statefulset::utils::selector_matches(
                &sts.spec.selector,
                p.metadata.labels.as_ref(),
            )
        })
        .count()
}
