//! Moving virtual time: ticks, Step and Settle. While a command runs (a watch, a wait), time
//! passes through it in slices on a fixed grid of virtual time; otherwise the cluster advances
//! directly, one piece of work at a time. The timeline is sampled only at instants that do not
//! depend on how real time cut virtual time into ticks (after a piece of work, at the grid, after
//! a command or a Step), so a replayed link draws exactly what the learner saw.

use super::Model;
use super::lines;
use super::log::Action;
use crate::session::view::timeline::SLICE_MS;
use crate::sim::{DEFAULT_SETTLE_CAP_MS, kubelet};

/// Most loop rounds one Settle may take, as a guard against work that never ends.
const SETTLE_ROUNDS: usize = 100_000;

/// The end of the grid slice that starts at or after `now`, capped at `end`.
fn slice_end(now: u64, end: u64) -> u64 {
    let next = (now / SLICE_MS).saturating_add(1).saturating_mul(SLICE_MS);
    next.min(end)
}

impl Model {
    /// Lets `ms` of virtual time pass (the caller refreshes the picture afterwards).
    pub(super) fn pass(&mut self, ms: u64) {
        let end = self.term.session.cluster.now_ms().saturating_add(ms);
        while self.running {
            let now = self.term.session.cluster.now_ms();
            if now >= end {
                return;
            }
            self.pass_slice(slice_end(now, end));
        }
        let now = self.term.session.cluster.now_ms();
        self.advance_cluster(end.saturating_sub(now));
    }

    /// Passes time through the running command up to `until` (at most one grid slice).
    fn pass_slice(&mut self, until: u64) {
        let now = self.term.session.cluster.now_ms();
        let step = self.term.poll(until.saturating_sub(now));
        lines::push_output(self.lines.make_mut(), &step.output);
        self.running = step.running;
        // A command that finished early leaves the rest of the slice to the cluster.
        let now = self.term.session.cluster.now_ms();
        self.advance_cluster(until.saturating_sub(now));
        // Only at the grid: where a tick happens to end must not show in the timeline.
        if until.is_multiple_of(SLICE_MS) {
            self.sample();
        }
    }

    /// A clock tick: lets up to `ms` of virtual time pass, but stops early once `over` says the
    /// tick's real time is spent, and records exactly what was done so that a replay matches.
    pub(super) fn tick(&mut self, ms: u64, over: &mut dyn FnMut() -> bool) {
        let start = self.term.session.cluster.now_ms();
        let end = start.saturating_add(ms);
        self.clock.behind = false;
        while self.running {
            let now = self.term.session.cluster.now_ms();
            if now >= end {
                break;
            }
            let until = slice_end(now, end);
            self.pass_slice(until);
            self.log.advance(until.saturating_sub(now));
            if until < end && over() {
                self.clock.behind = true;
                return;
            }
        }
        let from = self.term.session.cluster.now_ms();
        if from >= end {
            return;
        }
        let mut steps = 0;
        loop {
            let cluster = &mut self.term.session.cluster;
            if cluster.queue.next_time().is_none_or(|t| t > end) {
                break;
            }
            // At least one piece of work per tick, so that time always moves.
            if steps > 0 && over() {
                self.log.work(steps);
                self.clock.behind = true;
                return;
            }
            if !cluster.step() {
                break;
            }
            steps += 1;
            self.sample();
        }
        let cluster = &mut self.term.session.cluster;
        let now = cluster.now_ms();
        cluster.advance(end.saturating_sub(now));
        self.log.advance(end.saturating_sub(from));
    }

    /// Replays a tick that stopped after `steps` pieces of work.
    pub(super) fn work(&mut self, steps: u64) {
        for _ in 0..steps {
            if !self.term.session.cluster.step() {
                break;
            }
            self.sample();
        }
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
        self.sample();
        self.refresh();
    }

    /// Runs until nothing but background work is pending, for at most ten virtual minutes, or
    /// until `over` says the real time for it is spent. Returns whether it finished; when it
    /// stopped early, what it did is recorded as time passing.
    pub(super) fn settle(&mut self, over: &mut dyn FnMut() -> bool) -> bool {
        let start = self.term.session.cluster.now_ms();
        let end = start.saturating_add(DEFAULT_SETTLE_CAP_MS);
        let mut finished = true;
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
            if over() {
                finished = false;
                break;
            }
        }
        if finished {
            self.log.push(Action::Settle);
        } else {
            let now = self.term.session.cluster.now_ms();
            self.log.advance(now.saturating_sub(start));
        }
        self.refresh();
        finished
    }
}
