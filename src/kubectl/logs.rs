//! `kubectl logs`: believable output per image, derived from the container's state on the
//! virtual clock (start-up lines, then one access-log line per HTTP probe for nginx), with
//! `--tail`, `--since`, `--timestamps`, `--previous`, `--prefix` and `-f` as a wait.

use k8s_openapi::api::core::v1::Pod;

use super::ctx::Ctx;
use super::exec::{container_for, pod_for};
use super::log_lines::{Line, container_log, go_time};
use super::watch::{Prefixed, advance_until};
use super::{Output, Run, Session, Waiting};
use crate::sim::kubelet::ContainerState;

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
            let Some(pod) = c.world.store.get::<Pod>(&self.namespace, &self.pod) else {
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
                out.out(&render(fresh, &opts, c.now_ms()));
                self.printed = lines.len();
            }
            let stopped = c
                .world
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
    let pods = target_pods(ctx, &args, selector.as_deref())?;
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
    let all_containers = ctx.flags.bool("all-containers");
    for pod in &pods {
        let containers: Vec<(String, String)> = if all_containers {
            pod.spec
                .iter()
                .flat_map(|s| s.containers.iter())
                .map(|k| (k.name.clone(), String::new()))
                .collect()
        } else {
            match container_for(pod, wanted.as_deref(), false) {
                Ok(x) => vec![x],
                Err(e) => {
                    ctx.fail(&e);
                    return None;
                }
            }
        };
        let name = pod.metadata.name.clone().unwrap_or_default();
        for (container, notice) in containers {
            let opts = Options {
                tail,
                since_ms,
                timestamps: ctx.flags.bool("timestamps"),
                prefix: with_prefix.then(|| format!("[pod/{name}/{container}]")),
            };
            ctx.out.err(&notice);
            match container_log(c, pod, &container, previous) {
                Ok(lines) => {
                    text.push_str(&render(&lines, &opts, now));
                    last = Some((pod.clone(), container, lines.len()));
                }
                Err(e) => {
                    ctx.eprint(&format!("Error from server (BadRequest): {e}\n"));
                    ctx.out.code = 1;
                    return None;
                }
            }
        }
    }
    ctx.print(&text);
    if !follow || previous {
        return None;
    }
    let (pod, container, printed) = last?;
    Some(follow_run(ctx, &pod, container, printed))
}

/// `-f`: keeps printing the last container's new lines, after what was printed already.
fn follow_run(ctx: &mut Ctx<'_>, pod: &Pod, container: String, printed: usize) -> Run {
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
    Run::Wait(Box::new(Prefixed {
        first: Some(first),
        inner: follow,
    }))
}

/// The pods to read: the one named (saying which when a set stands for several), or those
/// matching `--selector`.
fn target_pods(ctx: &mut Ctx<'_>, args: &[String], selector: Option<&str>) -> Option<Vec<Pod>> {
    let mut pods: Vec<Pod> = Vec::new();
    match (args, selector) {
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
                .world
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
    Some(pods)
}

/// How many pods a `TYPE/NAME` argument stands for (for `Found N pods, using …`).
fn count_pods_like(ctx: &Ctx<'_>, target: &str) -> usize {
    let Some((_, name)) = target.split_once('/') else {
        return 1;
    };
    let c = &ctx.session.cluster;
    let Some(sts) = c
        .world
        .store
        .get::<k8s_openapi::api::apps::v1::StatefulSet>(&ctx.namespace, name)
    else {
        return 1;
    };
    c.world
        .store
        .list::<Pod>(Some(ctx.namespace.as_str()))
        .filter(|p| {
            crate::sim::statefulset::utils::selector_matches(
                &sts.spec.selector,
                p.metadata.labels.as_ref(),
            )
        })
        .count()
}
