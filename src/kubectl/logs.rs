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
    /// `--since-time`, as virtual milliseconds (lines stamped earlier are left out).
    since_time: Option<i64>,
    timestamps: bool,
    prefix: Option<String>,
}

fn render(lines: &[Line], opts: &Options, now: u64) -> String {
    let mut selected: Vec<&Line> = lines
        .iter()
        .filter(|(t, _)| opts.since_ms.is_none_or(|s| *t + s >= now))
        .filter(|(t, _)| {
            opts.since_time
                .is_none_or(|s| i64::try_from(*t).is_ok_and(|t| t >= s))
        })
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
                    since_time: None,
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
            since_time: self.opts.since_time,
            timestamps: self.opts.timestamps,
            prefix: self.opts.prefix.clone(),
        }
    }
}

/// `kubectl logs`.
pub(crate) fn logs(ctx: &mut Ctx<'_>) -> Option<Run> {
    let args = ctx.flags.args.clone();
    let selector = ctx.flags.str("selector").map(str::to_string);
    // logs.go: Complete reads --since-time and finds the pods, then Validate checks the flags.
    let since_time = match ctx.flags.str("since-time").filter(|t| !t.is_empty()) {
        Some(text) => match crate::gofmt::rfc3339::parse_rfc3339_ms(text) {
            Ok(ms) => Some(ms.saturating_sub(crate::sim::clock::EPOCH_UNIX_MS)),
            Err(e) => {
                ctx.fail(&e);
                return None;
            }
        },
        None => None,
    };
    let pods = target_pods(ctx, &args, selector.as_deref())?;
    let wanted = ctx
        .flags
        .str("container")
        .map(str::to_string)
        .or_else(|| args.get(1).cloned());
    if let Err(e) = validate(ctx, since_time.is_some(), wanted.as_deref()) {
        ctx.fail(&e);
        return None;
    }
    if pods.is_empty() {
        return None;
    }
    let previous = ctx.flags.bool("previous");
    let follow = ctx.flags.bool("follow");
    let with_prefix = ctx.flags.bool("prefix");
    // An unset --tail is 10 lines with a selector; a set one counts, -1 meaning all
    // (logs.go, ToLogOptions).
    let tail = match ctx.flags.int("tail") {
        Some(n) if ctx.flags.has("tail") => usize::try_from(n).ok(),
        _ => selector.is_some().then_some(10),
    };
    let limit_bytes = ctx
        .flags
        .int("limit-bytes")
        .and_then(|n| usize::try_from(n).ok())
        .filter(|n| *n > 0);
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
                // Init containers first, as logsforobject.go walks them.
                .flat_map(|s| s.init_containers.iter().flatten().chain(&s.containers))
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
                since_time,
                timestamps: ctx.flags.bool("timestamps"),
                prefix: with_prefix.then(|| format!("[pod/{name}/{container}]")),
            };
            ctx.out.err(&notice);
            match container_log(c, pod, &container, previous) {
                Ok(lines) => {
                    let mut body = render(&lines, &opts, now);
                    // The kubelet stops each container's stream after --limit-bytes.
                    if let Some(n) = limit_bytes {
                        let mut cut = n.min(body.len());
                        while !body.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        body.truncate(cut);
                    }
                    text.push_str(&body);
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
            since_time: None,
            timestamps: ctx.flags.bool("timestamps"),
            prefix: None,
        },
    };
    ctx.flush_warnings();
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
        ([_], Some(_)) => {
            ctx.usage("only a selector (-l) or a POD name is allowed");
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
            // kubectl says so and goes on to check its flags (logs.go, Complete).
            if pods.is_empty() {
                let ns = ctx.namespace.clone();
                ctx.eprint(&format!("No resources found in {ns} namespace.\n"));
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
                // logs.go wraps a missing object's error and names the namespace.
                let text = match e.strip_prefix("Error from server (NotFound): ") {
                    Some(what) => format!(
                        "error: error from server (NotFound): {what} in namespace {}",
                        crate::gofmt::quote::quote(&ctx.namespace)
                    ),
                    None => e,
                };
                ctx.eprint(&format!("{text}\n"));
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

/// logs.go's Validate, in its order: the flags that cannot go together and the bounds.
fn validate(ctx: &Ctx<'_>, since_time: bool, container: Option<&str>) -> Result<(), String> {
    let since_ms = ctx.flags.duration_ms("since").unwrap_or(0);
    if since_time && since_ms != 0 {
        return Err("at most one of `sinceTime` or `sinceSeconds` may be specified".to_string());
    }
    if ctx.flags.bool("all-containers")
        && let Some(name) = container.filter(|c| !c.is_empty())
    {
        return Err(format!(
            "--all-containers=true should not be specified with container name {name}"
        ));
    }
    if ctx.flags.has("container") && ctx.flags.args.len() == 2 {
        return Err("only one of -c or an inline [CONTAINER] arg is allowed".to_string());
    }
    if ctx.flags.int("limit-bytes").unwrap_or(0) < 0 {
        return Err("--limit-bytes must be greater than 0".to_string());
    }
    // --since is rounded to whole seconds, half away from zero, before the check.
    if since_ms <= -500 {
        return Err("--since must be greater than 0".to_string());
    }
    if ctx.flags.int("tail").unwrap_or(-1) < -1 {
        return Err("--tail must be greater than or equal to -1".to_string());
    }
    Ok(())
}
