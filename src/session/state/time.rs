//! Moving virtual time: ticks, Step and Settle. While a command runs (a watch, a wait), time
//! passes through it in slices on a fixed grid of virtual time; otherwise the cluster advances
//! directly, one piece of work at a time. The timeline is sampled only at instants that do not
//! depend on how real time cut virtual time into ticks (after a piece of work, at the grid, after
//! a command or a Step), so a replayed link draws exactly what the learner saw.

use std::ops::ControlFlow;

use super::Model;
use super::Shared;
use super::lines;
use super::log::Action;
use crate::session::view::timeline::{SLICE_MS, Timeline};
use crate::sim::{Cluster, DEFAULT_SETTLE_CAP_MS, Ran};

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
        // Lines typed while it ran run now, at the instant it ended, until one of them waits
        // in turn; the rest of the slice then passes through that one. They read the files as
        // they are now, so those are recorded first (a replay writes them a little earlier,
        // which only the queued lines can see).
        if !self.running && !self.queued.is_empty() {
            self.log.sync_files(&self.term.session.files);
        }
        while !self.running && !self.queued.is_empty() {
            let line = self.queued.remove(0);
            self.remember(&line);
            self.run_line(&line);
        }
        if self.running && self.term.session.cluster.now_ms() < until {
            return;
        }
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
            // A queued line that waits in turn may have stopped the slice early.
            let reached = self.term.session.cluster.now_ms().min(until);
            self.log.advance(reached.saturating_sub(now));
            if until < end && over() {
                self.clock.behind = true;
                return;
            }
        }
        let from = self.term.session.cluster.now_ms();
        if from >= end {
            return;
        }
        // At least one piece of work per tick, so that time always moves: the budget is looked
        // at only after a piece of work, and only when more work falls due within the tick.
        let ran = self.run_sampled(Some(end), &mut |c| {
            if c.manager.queue.next_time().is_some_and(|t| t <= end) && over() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        if ran.stopped {
            self.log.work(ran.steps);
            self.clock.behind = true;
            return;
        }
        self.log.advance(end.saturating_sub(from));
    }

    /// Replays a tick that stopped after `steps` pieces of work.
    pub(super) fn work(&mut self, steps: u64) {
        if steps == 0 {
            return;
        }
        let mut left = steps;
        self.run_sampled(None, &mut |_| {
            left -= 1;
            if left == 0 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
    }

    /// Advances the cluster directly, sampling the timeline after every piece of work.
    fn advance_cluster(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        let end = self.term.session.cluster.now_ms().saturating_add(ms);
        self.run_sampled(Some(end), &mut |_| ControlFlow::Continue(()));
    }

    /// The cluster's clock loop up to `end`, sampling the timeline after every piece of work
    /// before `look` decides whether to go on.
    fn run_sampled(
        &mut self,
        end: Option<u64>,
        look: &mut dyn FnMut(&Cluster) -> ControlFlow<()>,
    ) -> Ran {
        let Model {
            term,
            timeline,
            timeline_version,
            ..
        } = self;
        term.session.cluster.run_until(end, &mut |c| {
            sample(timeline, timeline_version, c);
            look(c)
        })
    }

    /// Runs the next piece of pending work (through the running command, if any).
    pub(super) fn step(&mut self) {
        let cluster = &mut self.term.session.cluster;
        let Some(next) = cluster.manager.queue.next_time() else {
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
            let next = cluster.next_significant_time();
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

/// Adds the cluster's present to the timeline if the store changed since the sample at
/// `version`; a large cluster only when the timeline says a sample is due.
fn sample(timeline: &mut Shared<Timeline>, version: &mut u64, cluster: &Cluster) {
    if cluster.world.store.resource_version == *version {
        return;
    }
    if Timeline::is_large(cluster) && !timeline.due(cluster) {
        return;
    }
    *version = cluster.world.store.resource_version;
    timeline.make_mut().sample(cluster);
}

impl Model {
    /// Records the timeline after a piece of work (or at the end of a grid slice) if the store
    /// changed since the last sample. A large cluster is sampled once per slice at most.
    pub(super) fn sample(&mut self) {
        sample(
            &mut self.timeline,
            &mut self.timeline_version,
            &self.term.session.cluster,
        );
    }
}
