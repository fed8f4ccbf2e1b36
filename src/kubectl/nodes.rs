//! `kubectl cordon`, `uncordon` and `drain`.

use k8s_openapi::api::core::v1::{Node, Pod};
use serde_json::json;

use super::ctx::{Ctx, error_text};
use super::targets::ObjRef;
use super::watch::{Prefixed, advance_until};
use super::{Output, Run, Session, Waiting};
use crate::sim::Cluster;
use crate::sim::apiserver::DeleteOptions;
use crate::sim::apiserver::requests::{self, PatchType, WriteOptions};
use crate::sim::kind::Kind;

fn node_names(ctx: &mut Ctx<'_>) -> Option<Vec<String>> {
    // drain.go's Complete, shared by cordon and uncordon: a node or a selector, not both, and a
    // --pod-selector that parses.
    if ctx.flags.args.is_empty() && !ctx.flags.has("selector") {
        let verb = ctx.path.rsplit(' ').next().unwrap_or("drain").to_string();
        ctx.usage(&format!("USAGE: {verb} NODE [flags]"));
        return None;
    }
    if !ctx.flags.args.is_empty() && ctx.flags.str("selector").is_some_and(|s| !s.is_empty()) {
        ctx.usage("error: cannot specify both a node name and a --selector option");
        return None;
    }
    if let Some(p) = ctx.flags.str("pod-selector").filter(|p| !p.is_empty())
        && super::selector::LabelSelector::parse(p).is_err()
    {
        ctx.fail("--pod-selector=<pod_selector> must be a valid label selector");
        return None;
    }
    let c = &ctx.session.cluster;
    if let Some(sel) = ctx.flags.str("selector") {
        let Ok(s) = super::selector::LabelSelector::parse(sel) else {
            ctx.fail(&format!("unable to parse requirement: {sel}"));
            return None;
        };
        return Some(
            c.world
                .store
                .list::<Node>(None)
                .filter(|n| s.matches(n.metadata.labels.as_ref()))
                .filter_map(|n| n.metadata.name.clone())
                .collect(),
        );
    }
    let mut out = Vec::new();
    for a in ctx.flags.args.clone() {
        let name = a
            .strip_prefix("node/")
            .or_else(|| a.strip_prefix("nodes/"))
            .unwrap_or(&a)
            .to_string();
        if c.world.store.get::<Node>("", &name).is_none() {
            ctx.fail_api(&crate::sim::apiserver::ApiError::not_found(
                Kind::Node,
                &name,
            ));
            return None;
        }
        out.push(name);
    }
    Some(out)
}

/// Sets `spec.unschedulable`; returns the message for the node.
fn set_unschedulable(ctx: &mut Ctx<'_>, name: &str, on: bool) -> String {
    let c = &mut ctx.session.cluster;
    let current = c
        .world
        .store
        .get::<Node>("", name)
        .and_then(|n| n.spec.as_ref())
        .and_then(|s| s.unschedulable)
        .unwrap_or(false);
    let verb = if on { "cordoned" } else { "uncordoned" };
    if current == on {
        return format!("node/{name} already {verb}\n");
    }
    let dry = super::apply_common::dry_run(ctx).unwrap_or(super::apply_common::DryRun::None);
    if dry == super::apply_common::DryRun::None {
        let value = if on { json!(true) } else { json!(null) };
        let patch = json!({"spec": {"unschedulable": value}});
        let c = &mut ctx.session.cluster;
        if let Err(e) = requests::patch(
            c,
            Kind::Node,
            "",
            name,
            PatchType::Strategic,
            &patch,
            &WriteOptions::default(),
        ) {
            return error_text(&e.to_string());
        }
    }
    let suffix = match dry {
        super::apply_common::DryRun::None => "",
        super::apply_common::DryRun::Client => " (dry run)",
        super::apply_common::DryRun::Server => " (server dry run)",
    };
    format!("node/{name} {verb}{suffix}\n")
}

/// `kubectl cordon`.
pub(crate) fn cordon(ctx: &mut Ctx<'_>) -> Option<Run> {
    for name in node_names(ctx)? {
        let line = set_unschedulable(ctx, &name, true);
        ctx.print(&line);
    }
    None
}

/// `kubectl uncordon`.
pub(crate) fn uncordon(ctx: &mut Ctx<'_>) -> Option<Run> {
    for name in node_names(ctx)? {
        let line = set_unschedulable(ctx, &name, false);
        ctx.print(&line);
    }
    None
}

/// Waits for deleted pods to be gone, printing each, then the node.
struct Drain {
    node: String,
    pods: Vec<(ObjRef, String, bool)>,
    deadline: Option<u64>,
}

impl Drain {
    fn progress(&mut self, c: &crate::sim::Cluster, out: &mut String) -> bool {
        for (r, uid, done) in &mut self.pods {
            if *done {
                continue;
            }
            let live = c
                .world
                .store
                .get::<Pod>(&r.namespace, &r.name)
                .and_then(|p| p.metadata.uid.clone());
            if live.as_deref() != Some(uid.as_str()) {
                *done = true;
                out.push_str(&format!("pod/{} deleted\n", r.name));
            }
        }
        let all = self.pods.iter().all(|(_, _, d)| *d);
        if all {
            out.push_str(&format!("node/{} drained\n", self.node));
        }
        all
    }
}

impl Waiting for Drain {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let c = &mut session.cluster;
        let mut text = String::new();
        if self.progress(c, &mut text) {
            return (
                Output {
                    stdout: text,
                    ..Output::default()
                },
                true,
            );
        }
        let budget = match self.deadline {
            Some(d) => budget_ms.min(d.saturating_sub(c.now_ms())),
            None => budget_ms,
        };
        let done = advance_until(c, budget, |c| self.progress(c, &mut text));
        let mut out = Output {
            stdout: text,
            ..Output::default()
        };
        if !done && self.deadline.is_some_and(|d| c.now_ms() >= d) {
            out.stderr = format!(
                "There are pending nodes to be drained:\n {}\nerror: drain did not complete within the timeout\n",
                self.node
            );
            out.code = 1;
            return (out, true);
        }
        (out, done)
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output::default()
    }
}

/// `kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force]`.
pub(crate) fn drain(ctx: &mut Ctx<'_>) -> Option<Run> {
    let names = node_names(ctx)?;
    let node = names.first().cloned()?;
    let line = set_unschedulable(ctx, &node, true);
    ctx.print(&line);
    let pods = pods_on(&ctx.session.cluster, &node);
    let force = ctx.flags.bool("force");
    let empty_dir_ok = ctx.flags.bool("delete-emptydir-data");
    let (problems, unmanaged) = drain_problems(&pods, force, empty_dir_ok);
    if !problems.is_empty() {
        ctx.eprint(&format!(
            "error: unable to drain node \"{node}\" due to error: [{}], continuing command...\nThere are pending nodes to be drained:\n {node}\n",
            problems.join(", ")
        ));
        for p in &problems {
            ctx.eprint(p);
            ctx.eprint("\n");
        }
        ctx.out.code = 1;
        return None;
    }
    if !unmanaged.is_empty() {
        ctx.warn(&format!(
            "deleting Pods that declare no controller: {}",
            unmanaged.join(", ")
        ));
    }
    // deleteOrEvictPodsSimple and evictPods: a dry run names each pod and drains nothing.
    let dry = super::apply_common::dry_run(ctx).unwrap_or(super::apply_common::DryRun::None);
    let suffix = match dry {
        super::apply_common::DryRun::None => None,
        super::apply_common::DryRun::Client => Some(" (dry run)"),
        super::apply_common::DryRun::Server => Some(" (server dry run)"),
    };
    if let Some(suffix) = suffix {
        for p in &pods {
            let ns = p.metadata.namespace.as_deref().unwrap_or("");
            let name = p.metadata.name.as_deref().unwrap_or("");
            ctx.print(&format!("evicting pod {ns}/{name}{suffix}\n"));
        }
        ctx.print(&format!("node/{node} drained{suffix}\n"));
        return None;
    }
    let timeout = ctx.flags.duration_ms("timeout").filter(|t| *t > 0);
    if !ctx.flags.bool("disable-eviction") && !pods.is_empty() {
        let grace = ctx.flags.int("grace-period").filter(|g| *g >= 0);
        let ms = timeout.map_or(0, i64::unsigned_abs);
        let inner = super::drain::Evicting::new(&ctx.session.cluster, &node, &pods, grace, ms);
        ctx.flush_warnings();
        let first = std::mem::take(&mut ctx.out);
        return Some(Run::Wait(Box::new(Prefixed {
            first: Some(first),
            inner,
        })));
    }
    let waiting = delete_pods(ctx, &pods);
    let mut d = Drain {
        node,
        pods: waiting,
        deadline: timeout.map(|t| ctx.session.cluster.now_ms() + t.unsigned_abs()),
    };
    let mut text = String::new();
    if d.progress(&ctx.session.cluster, &mut text) {
        ctx.print(&text);
        return None;
    }
    ctx.print(&text);
    ctx.flush_warnings();
    let first = std::mem::take(&mut ctx.out);
    Some(Run::Wait(Box::new(Prefixed {
        first: Some(first),
        inner: d,
    })))
}

/// The pods bound to a node that have not finished.
pub(crate) fn pods_on(c: &Cluster, node: &str) -> Vec<Pod> {
    c.world
        .store
        .list::<Pod>(None)
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node))
        .filter(|p| {
            !matches!(
                p.status.as_ref().and_then(|s| s.phase.as_deref()),
                Some("Succeeded" | "Failed")
            )
        })
        .cloned()
        .collect()
}

/// Why the pods stop a drain (pods without a controller unless `--force`, `emptyDir` data
/// unless `--delete-emptydir-data`), and the pods without a controller.
fn drain_problems(pods: &[Pod], force: bool, empty_dir_ok: bool) -> (Vec<String>, Vec<String>) {
    let key = |p: &Pod| {
        format!(
            "{}/{}",
            p.metadata.namespace.as_deref().unwrap_or(""),
            p.metadata.name.as_deref().unwrap_or("")
        )
    };
    let unmanaged: Vec<String> = pods
        .iter()
        .filter(|p| {
            !p.metadata
                .owner_references
                .iter()
                .flatten()
                .any(|r| r.controller == Some(true))
        })
        .map(key)
        .collect();
    let local: Vec<String> = pods
        .iter()
        .filter(|p| {
            p.spec
                .as_ref()
                .and_then(|s| s.volumes.as_ref())
                .is_some_and(|v| v.iter().any(|v| v.empty_dir.is_some()))
        })
        .map(key)
        .collect();
    let mut problems = Vec::new();
    if !unmanaged.is_empty() && !force {
        problems.push(format!(
            "cannot delete Pods that declare no controller (use --force to override): {}",
            unmanaged.join(", ")
        ));
    }
    if !local.is_empty() && !empty_dir_ok {
        problems.push(format!(
            "cannot delete Pods with local storage (use --delete-emptydir-data to override): {}",
            local.join(", ")
        ));
    }
    (problems, unmanaged)
}

/// `--disable-eviction`: deletes each pod with the requested grace period (deletePods); returns
/// what the drain waits on.
fn delete_pods(ctx: &mut Ctx<'_>, pods: &[Pod]) -> Vec<(ObjRef, String, bool)> {
    let grace = ctx.flags.int("grace-period").filter(|g| *g >= 0);
    let mut waiting = Vec::new();
    for p in pods {
        let ns = p.metadata.namespace.clone().unwrap_or_default();
        let name = p.metadata.name.clone().unwrap_or_default();
        let opts = DeleteOptions {
            grace_period_seconds: grace,
            ..DeleteOptions::default()
        };
        let _ = requests::delete(&mut ctx.session.cluster, Kind::Pod, &ns, &name, opts);
        waiting.push((
            ObjRef {
                kind: Kind::Pod,
                namespace: ns,
                name,
            },
            p.metadata.uid.clone().unwrap_or_default(),
            false,
        ));
    }
    waiting
}
