//! `kubectl rollout history|undo|restart|pause|resume` for StatefulSets.

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use serde_json::json;

use super::Run;
use super::apply_common::{DryRun, LAST_APPLIED, dry_run};
use super::ctx::{Ctx, Failure, print_failures};
use super::print::describe::{PrefixWriter, describe_pod_template};
use super::print::tabwriter::TabWriter;
use super::resources::name_prefix;
use super::targets::{ObjRef, Query, select_with};
use crate::sim::apiserver::requests::{self, PatchType, WriteOptions};
use crate::sim::kind::Kind;
use crate::sim::statefulset::revision::{apply_revision, revision_data};
use crate::sim::statefulset::utils::is_controlled_by;

/// The objects a rollout subcommand acts on.
pub(crate) fn rollout_targets(ctx: &mut Ctx<'_>) -> Option<Vec<ObjRef>> {
    if ctx.flags.args.is_empty() && ctx.flags.list("filename").is_empty() {
        ctx.fail("required resource not specified");
        return None;
    }
    // history and status check `--revision` right after the resource, before any request
    // (rollout_history.go and rollout_status.go, Validate).
    let revision = ctx.flags.int("revision").unwrap_or(0);
    if revision < 0 {
        ctx.fail(&format!("revision must be a positive integer: {revision}"));
        return None;
    }
    // The rollout commands take `-f` and `-l` only: no `-A`, `--field-selector` or `--all`.
    let q = Query::from_flags(ctx).listing_bare_types();
    let sel = select_with(ctx, &ctx.flags.args, "getting", &q);
    match sel {
        Ok(s) if s.failures.is_empty() => Some(s.refs),
        Ok(s) => {
            print_failures(ctx, &s.failures);
            None
        }
        Err(f) => {
            print_failures(ctx, &f);
            None
        }
    }
}

/// The set's revisions (selected by its selector and controlled by it), oldest number first.
pub(crate) fn revisions(ctx_c: &crate::sim::Cluster, sts: &StatefulSet) -> Vec<ControllerRevision> {
    let ns = sts.metadata.namespace.as_deref().unwrap_or("default");
    let mut revs: Vec<ControllerRevision> = ctx_c
        .world
        .store
        .list::<ControllerRevision>(Some(ns))
        .filter(|r| is_controlled_by(r.metadata.owner_references.as_ref(), sts))
        .filter(|r| {
            crate::sim::statefulset::utils::selector_matches(
                &sts.spec.selector,
                r.metadata.labels.as_ref(),
            )
        })
        .cloned()
        .collect();
    crate::order::sort_by_key(&mut revs, |r| r.revision);
    revs
}

fn unsupported_kind(ctx: &mut Ctx<'_>, what: &str, kind: Kind) {
    ctx.fail(&format!(
        "no {what} has been implemented for {{\"{}\" \"{}\"}}",
        kind.group(),
        kind.name()
    ));
}

/// `kubectl rollout history`.
pub(crate) fn history(ctx: &mut Ctx<'_>) -> Option<Run> {
    let refs = rollout_targets(ctx)?;
    let revision = ctx.flags.int("revision").unwrap_or(0);
    for r in refs {
        if r.kind != Kind::StatefulSet {
            unsupported_kind(ctx, "history viewer", r.kind);
            return None;
        }
        let c = &ctx.session.cluster;
        let Some(sts) = c.world.store.get::<StatefulSet>(&r.namespace, &r.name) else {
            continue;
        };
        let revs = revisions(c, sts);
        let body = if revs.is_empty() {
            "No rollout history found.".to_string()
        } else if revision > 0 {
            let Some(rev) = revs.iter().find(|x| x.revision == Some(revision)) else {
                ctx.fail("unable to find the specified revision");
                return None;
            };
            let applied = apply_revision(sts, rev);
            let mut w = PrefixWriter::raw();
            describe_pod_template(&applied.spec.template, &mut w);
            w.finish()
        } else {
            let mut tw = TabWriter::new(0, 8, 2, ' ', 0);
            tw.write("REVISION\tCHANGE-CAUSE\n");
            for rev in &revs {
                let cause = rev
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get("kubernetes.io/change-cause"))
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .unwrap_or_else(|| "<none>".to_string());
                tw.write(&format!("{}\t{cause}\n", rev.revision.unwrap_or(0)));
            }
            tw.flush();
            tw.take_output()
        };
        let with = if revision > 0 {
            format!("with revision #{revision}")
        } else {
            String::new()
        };
        ctx.print(&format!(
            "{}/{} {with}\n{body}\n",
            name_prefix(r.kind),
            r.name
        ));
    }
    None
}

/// `kubectl rollout undo`.
pub(crate) fn undo(ctx: &mut Ctx<'_>) -> Option<Run> {
    let dry = match dry_run(ctx) {
        Ok(d) => d,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let refs = rollout_targets(ctx)?;
    let to = ctx.flags.int("to-revision").unwrap_or(0);
    for r in refs {
        if r.kind != Kind::StatefulSet {
            unsupported_kind(ctx, "rollbacker", r.kind);
            return None;
        }
        let c = &ctx.session.cluster;
        let Some(sts) = c
            .world
            .store
            .get::<StatefulSet>(&r.namespace, &r.name)
            .cloned()
        else {
            continue;
        };
        let managed = sts
            .metadata
            .annotations
            .as_ref()
            .is_some_and(|a| a.contains_key(LAST_APPLIED));
        if managed {
            ctx.eprint(&format!(
                "Warning: resource statefulsets/{} was previously managed with 'kubectl apply'. Rolling back will not update the {LAST_APPLIED} annotation, which may cause unexpected behavior on future 'kubectl apply' operations. Consider using 'kubectl apply' with your previous configuration file instead.\n",
                r.name
            ));
        }
        let target = undo_target(ctx, &sts, to)?;
        roll_back(ctx, &r, &sts, &target, to, dry)?;
    }
    None
}

/// The revision `--to-revision` names (0: the one before the newest); fails when there is none.
fn undo_target(ctx: &mut Ctx<'_>, sts: &StatefulSet, to: i64) -> Option<ControllerRevision> {
    if to < 0 {
        ctx.fail(&format!(
            "unable to find specified revision {to} in history"
        ));
        return None;
    }
    let revs = revisions(&ctx.session.cluster, sts);
    if to == 0 && revs.len() <= 1 {
        ctx.fail("no last revision to roll back to");
        return None;
    }
    let target = if to == 0 {
        revs.get(revs.len().saturating_sub(2)).cloned()
    } else {
        revs.iter().find(|x| x.revision == Some(to)).cloned()
    };
    if target.is_none() {
        ctx.fail(&format!(
            "unable to find specified revision {to} in history"
        ));
        return None;
    }
    target
}

/// Restores a revision's template (or says what would change, or that nothing does); None
/// when the write failed and the command stops.
fn roll_back(
    ctx: &mut Ctx<'_>,
    r: &ObjRef,
    sts: &StatefulSet,
    target: &ControllerRevision,
    to: i64,
    dry: DryRun,
) -> Option<()> {
    if dry == DryRun::Client {
        let applied = apply_revision(sts, target);
        // kubectl prints this template as `rollout history --revision` does: raw tabs.
        let mut w = PrefixWriter::raw();
        describe_pod_template(&applied.spec.template, &mut w);
        ctx.print(&format!(
            "{}/{} will roll back to {}\n",
            name_prefix(r.kind),
            r.name,
            w.finish()
        ));
        return Some(());
    }
    if revision_data(sts) == target.data.0 {
        ctx.print(&format!(
            "{}/{} skipped rollback (current template already matches revision {to})\n",
            name_prefix(r.kind),
            r.name
        ));
        return Some(());
    }
    let opts = WriteOptions {
        dry_run: dry == DryRun::Server,
        ..WriteOptions::default()
    };
    let c = &mut ctx.session.cluster;
    if let Err(e) = requests::patch(
        c,
        r.kind,
        &r.namespace,
        &r.name,
        PatchType::Strategic,
        &target.data.0,
        &opts,
    ) {
        ctx.fail(&format!(
            "failed restoring revision {}: {}",
            target.revision.unwrap_or(0),
            e.to_string().trim_end()
        ));
        return None;
    }
    let suffix = if dry == DryRun::Server {
        " (server dry run)"
    } else {
        ""
    };
    ctx.print(&format!(
        "{}/{} rolled back{suffix}\n",
        name_prefix(r.kind),
        r.name
    ));
    Some(())
}

/// `kubectl rollout restart`: stamps the template with `kubectl.kubernetes.io/restartedAt`.
pub(crate) fn restart(ctx: &mut Ctx<'_>) -> Option<Run> {
    let dry = match dry_run(ctx) {
        Ok(d) => d,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let refs = rollout_targets(ctx)?;
    if refs.is_empty() {
        no_resources(ctx);
        return None;
    }
    let stamp = ctx
        .session
        .cluster
        .world
        .clock
        .time()
        .0
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let mut failures = Vec::new();
    for r in refs {
        if r.kind != Kind::StatefulSet {
            failures.push(Failure::Plain(format!(
                "error: {} {:?} restarting is not supported",
                r.kind.qualified_plural(),
                r.name
            )));
            continue;
        }
        let c = &mut ctx.session.cluster;
        let current = c
            .world
            .store
            .get::<StatefulSet>(&r.namespace, &r.name)
            .and_then(|s| s.spec.template.metadata.as_ref())
            .and_then(|m| m.annotations.as_ref())
            .and_then(|a| a.get("kubectl.kubernetes.io/restartedAt"))
            .cloned();
        if current.as_deref() == Some(stamp.as_str()) {
            failures.push(Failure::Plain(format!("failed to create patch for {}: if restart has already been triggered within the past second, please wait before attempting to trigger another", r.name)));
            continue;
        }
        let patch = json!({"spec": {"template": {"metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": stamp}}}}});
        if dry != DryRun::Client {
            let opts = WriteOptions {
                dry_run: dry == DryRun::Server,
                ..WriteOptions::default()
            };
            if let Err(e) = requests::patch(
                c,
                r.kind,
                &r.namespace,
                &r.name,
                PatchType::Strategic,
                &patch,
                &opts,
            ) {
                failures.push(Failure::Plain(format!(
                    "failed to patch: {}",
                    e.to_string().trim_end()
                )));
                continue;
            }
        }
        let suffix = match dry {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        };
        ctx.print(&format!(
            "{}/{} restarted{suffix}\n",
            name_prefix(r.kind),
            r.name
        ));
    }
    print_failures(ctx, &failures);
    None
}

fn pause_or_resume(ctx: &mut Ctx<'_>, verb: &str) -> Option<Run> {
    let refs = rollout_targets(ctx)?;
    if refs.is_empty() {
        no_resources(ctx);
        return None;
    }
    let failures: Vec<Failure> = refs
        .iter()
        .map(|r| {
            Failure::Plain(format!(
                "error: {} \"{}\" {verb} is not supported",
                r.kind.qualified_plural(),
                r.name
            ))
        })
        .collect();
    print_failures(ctx, &failures);
    None
}

/// What restart, pause and resume print when they select nothing (rollout_restart.go,
/// rollout_pause.go, rollout_resume.go: always the command's namespace).
fn no_resources(ctx: &mut Ctx<'_>) {
    let ns = ctx.namespace.clone();
    ctx.eprint(&format!("No resources found in {ns} namespace.\n"));
}

/// `kubectl rollout pause`: only Deployments can be paused.
pub(crate) fn pause(ctx: &mut Ctx<'_>) -> Option<Run> {
    pause_or_resume(ctx, "pausing")
}

/// `kubectl rollout resume`: only Deployments can be resumed.
pub(crate) fn resume(ctx: &mut Ctx<'_>) -> Option<Run> {
    pause_or_resume(ctx, "resuming")
}
