//! `kubectl delete`: by name, file, label selector or `--all`; then, as kubectl does by default,
//! wait until the objects are gone.

use k8s_openapi::Metadata as _;

use super::apply_common::DryRun;
use super::ctx::{Ctx, Failure, error_text, print_failures};
use super::resources::name_prefix;
use super::targets::{ObjRef, Selected, select_from_flags};
use super::watch::{Prefixed, advance_until};
use super::{Output, Run, Session, Waiting};
use crate::sim::Cluster;
use crate::sim::apiserver::requests::{self, with_kind};
use crate::sim::apiserver::{DeleteOptions, Propagation};

/// The uid of a stored object.
pub(crate) fn uid_of(c: &Cluster, r: &ObjRef) -> Option<String> {
    with_kind!(r.kind, T => c.world.store.get::<T>(&r.namespace, &r.name).and_then(|o| o.metadata().uid.clone()))
}

/// `--cascade`.
pub(crate) fn propagation(ctx: &Ctx<'_>) -> Result<Propagation, String> {
    match ctx.flags.str("cascade").unwrap_or("background") {
        "background" | "true" => Ok(Propagation::Background),
        "foreground" => Ok(Propagation::Foreground),
        "orphan" | "false" => Ok(Propagation::Orphan),
        other => Err(format!(
            "invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\"."
        )),
    }
}

/// Waits until objects (identified by uid) are gone.
pub(crate) struct UntilGone {
    /// The objects and the uids they had.
    pub gone: Vec<(ObjRef, String)>,
    /// When to give up (virtual ms).
    pub deadline: u64,
}

impl UntilGone {
    fn all_gone(&self, c: &Cluster) -> bool {
        self.gone
            .iter()
            .all(|(r, uid)| uid_of(c, r).as_deref() != Some(uid.as_str()))
    }
}

impl Waiting for UntilGone {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let c = &mut session.cluster;
        if self.all_gone(c) {
            return (Output::default(), true);
        }
        let budget = budget_ms.min(self.deadline.saturating_sub(c.now_ms()));
        let done = advance_until(c, budget, |c| self.all_gone(c));
        if done {
            return (Output::default(), true);
        }
        if c.now_ms() >= self.deadline {
            let left: Vec<String> = self
                .gone
                .iter()
                .filter(|(r, uid)| uid_of(c, r).as_deref() == Some(uid.as_str()))
                .map(|(r, _)| format!("{}/{}", r.kind.plural(), r.name))
                .collect();
            let msg = format!("timed out waiting for the condition on {}", left.join(", "));
            return (
                Output {
                    stderr: error_text(&msg),
                    code: 1,
                    ..Output::default()
                },
                true,
            );
        }
        (Output::default(), false)
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output::default()
    }
}

fn selection(ctx: &Ctx<'_>) -> Result<Selected, Vec<Failure>> {
    // delete.go hands the selectors to the resource builder before `--all`, and the builder's
    // SelectAllParam refuses a non-empty one (cli-runtime builder.go).
    let non_empty = |name: &str| ctx.flags.str(name).is_some_and(|s| !s.trim().is_empty());
    if ctx.flags.bool("all") && (non_empty("selector") || non_empty("field-selector")) {
        return Err(vec![Failure::Plain(
            "setting 'all' parameter but found a non empty selector. ".to_string(),
        )]);
    }
    if ctx.flags.list("filename").is_empty() && ctx.flags.args.is_empty() {
        return Err(vec![Failure::Plain("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".to_string())]);
    }
    select_from_flags(ctx, &ctx.flags.args, "deleting")
}

/// The grace period the flags ask for (`--grace-period`, `--now`, `--force`), as delete.go's
/// Complete settles them; -1 leaves it to the object.
fn grace_period(ctx: &Ctx<'_>) -> Result<i64, String> {
    let force = ctx.flags.bool("force");
    let mut grace = ctx.flags.int("grace-period").unwrap_or(-1);
    if ctx.flags.bool("now") {
        if grace != -1 {
            return Err("--now and --grace-period cannot be specified together".to_string());
        }
        grace = 1;
    }
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    Ok(grace)
}

/// The checks of delete.go before it selects anything: `--cascade` (ToOptions), then the grace
/// period and dry run (Complete).
fn options(ctx: &Ctx<'_>) -> Result<(i64, Propagation, DryRun), String> {
    let propagation = propagation(ctx)?;
    let grace = grace_period(ctx)?;
    let dry = super::apply_common::dry_run(ctx)?;
    Ok((grace, propagation, dry))
}

/// delete.go's Validate, after the arguments resolved: the output and `--force` with a grace
/// period. (Its `--all` checks never fire: the resource builder refused the pair already.)
fn validate(ctx: &Ctx<'_>, grace: i64) -> Result<String, String> {
    let output = ctx.flags.str("output").unwrap_or("").to_string();
    if !output.is_empty() && output != "name" {
        return Err(format!(
            "unexpected -o output mode: {output}. We only support '-o name'"
        ));
    }
    if grace > 0 && ctx.flags.bool("force") {
        return Err(
            "--force and --grace-period greater than 0 cannot be specified together".to_string(),
        );
    }
    Ok(output)
}

/// What kubectl prints for one deleted object.
fn deleted_line(r: &ObjRef, output: &str, grace: i64, dry: DryRun) -> String {
    let operation = if grace == 0 {
        "force deleted"
    } else {
        "deleted"
    };
    let suffix = match dry {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    };
    if output == "name" {
        format!("{}/{}\n", name_prefix(r.kind), r.name)
    } else if r.kind.namespaced() {
        format!(
            "{} \"{}\" {operation} from {} namespace{suffix}\n",
            name_prefix(r.kind),
            r.name,
            r.namespace
        )
    } else {
        format!(
            "{} \"{}\" {operation}{suffix}\n",
            name_prefix(r.kind),
            r.name
        )
    }
}

/// `kubectl delete`.
pub(crate) fn delete(ctx: &mut Ctx<'_>) -> Option<Run> {
    let (grace, propagation, dry) = match options(ctx) {
        Ok(o) => o,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let mut sel = match selection(ctx) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    let output = match validate(ctx, grace) {
        Ok(o) => o,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    if grace == 0 && ctx.flags.bool("force") {
        ctx.warn("Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.");
    }
    let ignore_not_found = ctx.flags.bool_or(
        "ignore-not-found",
        ctx.flags.bool("all") || ctx.flags.has("selector") || ctx.flags.has("field-selector"),
    );
    if ignore_not_found {
        sel.failures
            .retain(|f| !matches!(f, Failure::Api(e) if e.reason == "NotFound"));
    }
    let opts = DeleteOptions {
        grace_period_seconds: (grace >= 0).then_some(grace),
        propagation,
    };
    let mut gone = Vec::new();
    for r in &sel.refs {
        let line = deleted_line(r, &output, grace, dry);
        if dry != DryRun::None {
            ctx.print(&line);
            continue;
        }
        let c = &mut ctx.session.cluster;
        let uid = uid_of(c, r).unwrap_or_default();
        match requests::delete(c, r.kind, &r.namespace, &r.name, opts) {
            Ok(()) => {
                ctx.print(&line);
                gone.push((r.clone(), uid));
            }
            Err(e) if e.reason == "NotFound" && ignore_not_found => {}
            Err(e) => sel.failures.push(Failure::Api(e)),
        }
    }
    if sel.refs.is_empty() && sel.failures.is_empty() {
        ctx.print("No resources found\n");
        return None;
    }
    print_failures(ctx, &sel.failures);
    if !ctx.flags.bool_or("wait", true) || gone.is_empty() || dry != DryRun::None {
        return None;
    }
    Some(wait_until_gone(ctx, gone))
}

/// kubectl waits for deleted objects by default (`--wait`), up to `--timeout` (a week when 0).
fn wait_until_gone(ctx: &mut Ctx<'_>, gone: Vec<(ObjRef, String)>) -> Run {
    let timeout = ctx.flags.duration_ms("timeout").unwrap_or(0);
    let timeout = if timeout <= 0 {
        7 * 24 * 3600 * 1000
    } else {
        timeout.unsigned_abs()
    };
    let deadline = ctx.session.cluster.now_ms() + timeout;
    ctx.flush_warnings();
    let first = std::mem::take(&mut ctx.out);
    Run::Wait(Box::new(Prefixed {
        first: Some(first),
        inner: UntilGone { gone, deadline },
    }))
}
