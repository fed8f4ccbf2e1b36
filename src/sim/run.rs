//! The one clock loop: run the pending work in time order up to a given time, looking at the
//! cluster after every piece of work. Stepping, advancing, settling, the waiting kubectl commands
//! and the page's ticks all go through `Cluster::run_until`.

use std::ops::ControlFlow;

use super::{Cluster, DEFAULT_SETTLE_CAP_MS, kubelet};

/// How a `settle` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Nothing was left to do.
    Quiet,
    /// The time cap was reached with work still pending (e.g. a crash loop or a stuck rollout retrying).
    CapReached,
}

/// What one `run_until` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ran {
    /// Pieces of work it ran.
    pub steps: u64,
    /// Whether the observer stopped it; the clock is then at the time of the last piece of work.
    pub stopped: bool,
}

impl Cluster {
    /// Runs the next pending piece of work, moving the clock to its time; false when nothing is pending.
    pub fn step(&mut self) -> bool {
        let Some(t) = self.manager.queue.next_time() else {
            return false;
        };
        if t > self.world.clock.now_ms {
            self.world.clock.now_ms = t;
        }
        match self.manager.queue.pop_due(self.world.clock.now_ms) {
            Some((_, work)) => {
                self.run(work);
                super::tap::Tap::call(self);
                true
            }
            None => false,
        }
    }

    /// Runs every piece of work due at or before `end_ms`, in time order, calling `look` after
    /// each; `look` may break to stop there, leaving the clock at that work's time. When no more
    /// work is due the clock moves on to `end_ms` (never back). With no end (`None`) it runs until
    /// `look` stops it or nothing is pending, and the clock stays at the last work's time.
    pub fn run_until(
        &mut self,
        end_ms: Option<u64>,
        look: &mut dyn FnMut(&Cluster) -> ControlFlow<()>,
    ) -> Ran {
        let mut ran = Ran::default();
        while self
            .manager
            .queue
            .next_time()
            .is_some_and(|t| end_ms.is_none_or(|end| t <= end))
        {
            if !self.step() {
                break;
            }
            ran.steps += 1;
            if look(self).is_break() {
                ran.stopped = true;
                return ran;
            }
        }
        if let Some(end) = end_ms {
            self.world.clock.now_ms = self.world.clock.now_ms.max(end);
        }
        ran
    }

    /// Moves the clock forward by `dt_ms`, running every piece of work that falls due.
    pub fn advance(&mut self, dt_ms: u64) {
        let end = self.world.clock.now_ms.saturating_add(dt_ms);
        self.run_until(Some(end), &mut |_| ControlFlow::Continue(()));
    }

    /// The time of the next piece of work that would change something: foreground work, or
    /// else a probe whose result would differ. None when only idle background work is pending.
    pub fn next_significant_time(&self) -> Option<u64> {
        self.manager
            .queue
            .next_foreground_time()
            .or_else(|| kubelet::next_significant_probe(&self.world, &self.manager))
    }

    /// Advances until nothing but background work (probes that would change nothing) is pending,
    /// or until `cap_ms` of virtual time has passed.
    pub fn settle_within(&mut self, cap_ms: u64) -> Settled {
        let end = self.world.clock.now_ms.saturating_add(cap_ms);
        loop {
            let Some(next) = self.next_significant_time() else {
                return Settled::Quiet;
            };
            if next > end {
                self.run_until(Some(end), &mut |_| ControlFlow::Continue(()));
                return Settled::CapReached;
            }
            self.run_until(Some(next), &mut |_| ControlFlow::Continue(()));
        }
    }

    /// Advances until the cluster is quiet, for at most ten virtual minutes.
    pub fn settle(&mut self) -> Settled {
        self.settle_within(DEFAULT_SETTLE_CAP_MS)
    }
}
