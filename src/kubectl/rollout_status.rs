//! `kubectl rollout status`: prints the set's status on every change of the object while the
//! virtual clock runs, until the rollout is complete.

use k8s_openapi::api::apps::v1::StatefulSet;

use super::ctx::{Ctx, error_text};
use super::rollout::rollout_targets;
use super::watch::{Prefixed, advance_until};
use super::{Output, Run, Session, Waiting};
use crate::sim::Cluster;
use crate::sim::kind::Kind;

/// kubectl's StatefulSet status viewer: the message and whether the rollout is done.
pub(crate) fn sts_status(sts: &StatefulSet) -> Result<(String, bool), String> {
    let spec = &sts.spec;
    let strategy = spec.update_strategy.as_ref();
    if strategy.and_then(|s| s.type_.as_deref()) != Some("RollingUpdate") {
        return Err("rollout status is only available for RollingUpdate strategy type".to_string());
    }
    let status = sts.status.clone().unwrap_or_default();
    let observed = status.observed_generation.unwrap_or(0);
    if observed == 0 || sts.metadata.generation.unwrap_or(0) > observed {
        return Ok((
            "Waiting for statefulset spec update to be observed...\n".to_string(),
            false,
        ));
    }
    let ready = status.ready_replicas.unwrap_or(0);
    if let Some(replicas) = spec.replicas
        && ready < replicas
    {
        return Ok((
            format!("Waiting for {} pods to be ready...\n", replicas - ready),
            false,
        ));
    }
    let updated = status.updated_replicas.unwrap_or(0);
    if let Some(ru) = strategy.and_then(|s| s.rolling_update.as_ref()) {
        if let (Some(replicas), Some(partition)) = (spec.replicas, ru.partition)
            && updated < replicas - partition
        {
            return Ok((
                format!(
                    "Waiting for partitioned roll out to finish: {updated} out of {} new pods have been updated...\n",
                    replicas - partition
                ),
                false,
            ));
        }
        return Ok((
            format!("partitioned roll out complete: {updated} new pods have been updated...\n"),
            true,
        ));
    }
    let update_rev = status.update_revision.clone().unwrap_or_default();
    if status.update_revision != status.current_revision {
        return Ok((
            format!(
                "waiting for statefulset rolling update to complete {updated} pods at revision {update_rev}...\n"
            ),
            false,
        ));
    }
    Ok((
        format!(
            "statefulset rolling update complete {} pods at revision {}...\n",
            status.current_replicas.unwrap_or(0),
            status.current_revision.clone().unwrap_or_default()
        ),
        true,
    ))
}

/// A running `rollout status`.
struct Follow {
    namespace: String,
    name: String,
    uid: Option<String>,
    version: Option<String>,
    deadline: Option<u64>,
    watch: bool,
    started: bool,
}

enum Step {
    Printed(String),
    Done(Output),
}

impl Follow {
    /// Looks at the set once; prints when it changed.
    fn observe(&mut self, c: &Cluster) -> Option<Step> {
        let Some(sts) = c
            .world
            .store
            .get::<StatefulSet>(&self.namespace, &self.name)
        else {
            return Some(Step::Done(failed("object has been deleted")));
        };
        if self.uid.is_some() && sts.metadata.uid != self.uid {
            return Some(Step::Done(failed("object has been deleted")));
        }
        if self.started && sts.metadata.resource_version == self.version {
            return None;
        }
        self.started = true;
        self.uid = sts.metadata.uid.clone();
        self.version = sts.metadata.resource_version.clone();
        match sts_status(sts) {
            Err(e) => Some(Step::Done(failed(&e))),
            Ok((msg, true)) => Some(Step::Done(Output {
                stdout: msg,
                ..Output::default()
            })),
            Ok((msg, false)) if !self.watch => Some(Step::Done(Output {
                stdout: msg,
                ..Output::default()
            })),
            Ok((msg, false)) => Some(Step::Printed(msg)),
        }
    }
}

fn failed(msg: &str) -> Output {
    Output {
        stderr: error_text(msg),
        code: 1,
        ..Output::default()
    }
}

impl Waiting for Follow {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let c = &mut session.cluster;
        let mut out = Output::default();
        let budget = match self.deadline {
            Some(d) => budget_ms.min(d.saturating_sub(c.now_ms())),
            None => budget_ms,
        };
        let mut finished = None;
        advance_until(c, budget, |c| match self.observe(c) {
            None => false,
            Some(Step::Printed(m)) => {
                out.out(&m);
                false
            }
            Some(Step::Done(o)) => {
                finished = Some(o);
                true
            }
        });
        if let Some(o) = finished {
            out.append(o);
            return (out, true);
        }
        if self.deadline.is_some_and(|d| c.now_ms() >= d) {
            out.append(failed("timed out waiting for the condition"));
            return (out, true);
        }
        (out, false)
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output::default()
    }
}

/// `kubectl rollout status`.
pub(crate) fn status(ctx: &mut Ctx<'_>) -> Option<Run> {
    let refs = rollout_targets(ctx)?;
    let Some(r) = refs.first() else {
        let ns = ctx.namespace.clone();
        ctx.eprint(&format!("No resources found in {ns} namespace.\n"));
        return None;
    };
    if r.kind != Kind::StatefulSet {
        ctx.fail(&format!(
            "no status viewer has been implemented for {}",
            r.kind.name()
        ));
        return None;
    }
    let timeout = ctx.flags.duration_ms("timeout").unwrap_or(0);
    let now = ctx.session.cluster.now_ms();
    let mut follow = Follow {
        namespace: r.namespace.clone(),
        name: r.name.clone(),
        uid: None,
        version: None,
        deadline: (timeout > 0).then(|| now + timeout.unsigned_abs()),
        watch: ctx.flags.bool_or("watch", true),
        started: false,
    };
    match follow.observe(&ctx.session.cluster) {
        Some(Step::Done(o)) => {
            ctx.out.append(o);
            None
        }
        Some(Step::Printed(m)) => {
            ctx.print(&m);
            ctx.flush_warnings();
            let first = std::mem::take(&mut ctx.out);
            Some(Run::Wait(Box::new(Prefixed {
                first: Some(first),
                inner: follow,
            })))
        }
        None => None,
    }
}
