//! `kubectl drain` through the Eviction API (kubectl `pkg/drain/drain.go` evictPods and
//! waitForDelete, `pkg/cmd/drain/drain.go` RunDrain): each pod is evicted, an eviction its
//! disruption budget refuses (429) is retried every 5 seconds, an evicted pod is watched each
//! second until it is gone, and the command's timeout ends it all.

use k8s_openapi::api::core::v1::Pod;

use super::duration::format_go_duration;
use super::{Output, Session, Waiting};
use crate::sim::Cluster;
use crate::sim::apiserver::DeleteOptions;
use crate::sim::apiserver::eviction::evict;

/// EvictErrorRetryDelay.
const RETRY_MS: u64 = 5_000;
/// waitForDelete's poll interval.
const POLL_MS: u64 = 1_000;

enum Stage {
    /// The next eviction request is due at this time.
    Evict(u64),
    /// Evicted: the pod with this uid is checked again at this time.
    Wait(String, u64),
    Done,
}

struct Target {
    namespace: String,
    name: String,
    stage: Stage,
}

/// A running drain that evicts.
pub(crate) struct Evicting {
    node: String,
    pods: Vec<Target>,
    grace: Option<i64>,
    deadline: Option<u64>,
    timeout: String,
    errors: Vec<String>,
}

fn live_uid(c: &Cluster, ns: &str, name: &str) -> Option<String> {
    c.world
        .store
        .get::<Pod>(ns, name)
        .and_then(|p| p.metadata.uid.clone())
}

impl Evicting {
    /// Evicts `pods` from `node`, starting now; `timeout_ms` 0 waits forever.
    pub(crate) fn new(
        c: &Cluster,
        node: &str,
        pods: &[Pod],
        grace: Option<i64>,
        timeout_ms: u64,
    ) -> Self {
        let now = c.now_ms();
        Evicting {
            node: node.to_string(),
            pods: pods
                .iter()
                .map(|p| Target {
                    namespace: p.metadata.namespace.clone().unwrap_or_default(),
                    name: p.metadata.name.clone().unwrap_or_default(),
                    stage: Stage::Evict(now),
                })
                .collect(),
            grace,
            deadline: (timeout_ms > 0).then(|| now + timeout_ms),
            timeout: format_go_duration(i64::try_from(timeout_ms).unwrap_or(i64::MAX)),
            errors: Vec::new(),
        }
    }

    fn timed_out(&self, now: u64) -> bool {
        self.deadline.is_some_and(|d| now >= d)
    }

    /// One eviction request and what follows from its answer.
    fn attempt(&mut self, c: &mut Cluster, i: usize, out: &mut Output) {
        let now = c.now_ms();
        let timed_out = self.timed_out(now);
        let Some(t) = self.pods.get_mut(i) else {
            return;
        };
        let (ns, name) = (t.namespace.clone(), t.name.clone());
        out.stdout.push_str(&format!("evicting pod {ns}/{name}\n"));
        if timed_out {
            t.stage = Stage::Done;
            let e = format!(
                "error when evicting pods/\"{name}\" -n \"{ns}\": global timeout reached: {}",
                self.timeout
            );
            self.errors.push(e);
            return;
        }
        let uid = live_uid(c, &ns, &name);
        let opts = DeleteOptions {
            grace_period_seconds: self.grace,
            ..DeleteOptions::default()
        };
        match evict(c, &ns, &name, opts) {
            Ok(()) => {
                let gone = live_uid(c, &ns, &name) != uid;
                t.stage = Stage::Wait(uid.unwrap_or_default(), now + POLL_MS);
                if gone {
                    t.stage = Stage::Done;
                    out.stdout.push_str(&format!("pod/{name} evicted\n"));
                }
            }
            Err(e) if e.code == 404 => t.stage = Stage::Done,
            Err(e) if e.code == 429 => {
                out.stderr.push_str(&format!(
                    "error when evicting pods/\"{name}\" -n \"{ns}\" (will retry after 5s): {}\n",
                    e.message
                ));
                t.stage = Stage::Evict(now + RETRY_MS);
            }
            Err(e) => {
                t.stage = Stage::Done;
                let e = format!(
                    "error when evicting pods/\"{name}\" -n \"{ns}\": {}",
                    e.message
                );
                self.errors.push(e);
            }
        }
    }

    /// One waitForDelete check of an evicted pod.
    fn check(&mut self, c: &Cluster, i: usize, out: &mut Output) {
        let now = c.now_ms();
        let timed_out = self.timed_out(now);
        let Some(t) = self.pods.get_mut(i) else {
            return;
        };
        let Stage::Wait(uid, _) = &t.stage else {
            return;
        };
        if live_uid(c, &t.namespace, &t.name).as_deref() != Some(uid.as_str()) {
            out.stdout.push_str(&format!("pod/{} evicted\n", t.name));
            t.stage = Stage::Done;
        } else if timed_out {
            let e = format!(
                "error when waiting for pod \"{}\" in namespace \"{}\" to terminate: global timeout reached: {}",
                t.name, t.namespace, self.timeout
            );
            t.stage = Stage::Done;
            self.errors.push(e);
        } else {
            t.stage = Stage::Wait(uid.clone(), now + POLL_MS);
        }
    }

    /// Runs every step due now.
    fn tick(&mut self, c: &mut Cluster, out: &mut Output) {
        let now = c.now_ms();
        for i in 0..self.pods.len() {
            match self.pods.get(i).map(|t| &t.stage) {
                Some(Stage::Evict(at)) if *at <= now => self.attempt(c, i, out),
                Some(Stage::Wait(_, at)) if *at <= now => self.check(c, i, out),
                _ => {}
            }
        }
    }

    fn next_due(&self) -> Option<u64> {
        self.pods
            .iter()
            .filter_map(|t| match t.stage {
                Stage::Evict(at) | Stage::Wait(_, at) => Some(at),
                Stage::Done => None,
            })
            .min()
    }

    /// The node drained, or RunDrain's report of what is left.
    fn finish(&self, c: &Cluster, out: &mut Output) {
        let node = &self.node;
        if self.errors.is_empty() {
            out.stdout.push_str(&format!("node/{node} drained\n"));
            return;
        }
        let err = match self.errors.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        };
        let left: Vec<String> = super::nodes::pods_on(c, node)
            .iter()
            .map(|p| format!("pod/{}\n", p.metadata.name.as_deref().unwrap_or("")))
            .collect();
        if !left.is_empty() {
            out.stderr.push_str(&format!(
                "There are pending pods in node \"{node}\" when an error occurred: {err}\n{}",
                left.concat()
            ));
        }
        out.stderr.push_str(&format!(
            "error: unable to drain node \"{node}\" due to error: {err}, continuing command...\nThere are pending nodes to be drained:\n {node}\nerror: {err}\n"
        ));
        out.code = 1;
    }
}

impl Waiting for Evicting {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let c = &mut session.cluster;
        let end = c.now_ms().saturating_add(budget_ms);
        let mut out = Output::default();
        loop {
            self.tick(c, &mut out);
            let Some(next) = self.next_due() else {
                self.finish(c, &mut out);
                return (out, true);
            };
            let now = c.now_ms();
            if next > end {
                c.advance(end.saturating_sub(now));
                return (out, false);
            }
            c.advance(next.saturating_sub(now));
        }
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output::default()
    }
}
