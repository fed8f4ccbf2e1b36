//! Moving virtual time: ticks, Step and Settle. While a command runs (a watch, a wait), time
//! passes through it so that it sees every change; otherwise the cluster advances directly,
//! one piece of work at a time, sampling the timeline after each.

use super::Model;
use super::lines;
use crate::sim::{DEFAULT_SETTLE_CAP_MS, kubelet};

/// Most loop rounds one Settle may take, as a guard against work that never ends.
const SETTLE_ROUNDS: usize = 100_000;

impl Model {
    /// Lets `ms` of virtual time pass (the caller refreshes the picture afterwards).
    pub(super) fn pass(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        let before = self.term.session.cluster.now_ms();
        if self.running {
            let step = self.term.poll(ms);
            lines::push_output(self.lines.make_mut(), &step.output);
            self.running = step.running;
        }
        let used = self.term.session.cluster.now_ms().saturating_sub(before);
        self.advance_cluster(ms.saturating_sub(used));
        self.sample();
    }

    /// Advances the cluster directly, sampling the timeline after every piece of work.
    fn advance_cluster(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        let end = self.term.session.cluster.now_ms().saturating_add(ms);
        loop {
            let cluster = &mut self.term.session.cluster;
            if cluster.queue.next_time().is_none_or(|t| t > end) || !cluster.step() {
                break;
            }
            self.sample();
        }
        let cluster = &mut self.term.session.cluster;
        let now = cluster.now_ms();
        cluster.advance(end.saturating_sub(now));
    }

    /// Runs the next piece of pending work (through the running command, if any).
    pub(super) fn step(&mut self) {
        let cluster = &mut self.term.session.cluster;
        let Some(next) = cluster.queue.next_time() else {
            return;
        };
        if self.running {
            let gap = next.saturating_sub(cluster.now_ms()).max(1);
            self.pass(gap);
        } else {
            cluster.step();
        }
        self.refresh();
    }

    /// Runs until nothing but background work is pending, for at most ten virtual minutes.
    pub(super) fn settle(&mut self) {
        let end = self
            .term
            .session
            .cluster
            .now_ms()
            .saturating_add(DEFAULT_SETTLE_CAP_MS);
        for _ in 0..SETTLE_ROUNDS {
            let cluster = &self.term.session.cluster;
            let next = cluster
                .queue
                .next_foreground_time()
                .or_else(|| kubelet::next_significant_probe(cluster));
            let now = cluster.now_ms();
            match next {
                None => break,
                Some(t) if t > end => {
                    self.pass(end.saturating_sub(now));
                    break;
                }
                Some(t) => self.pass(t.saturating_sub(now).max(1)),
            }
        }
        self.refresh();
    }
}
