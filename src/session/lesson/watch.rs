//! Watching one step: its check re-run at every change of the cluster, with the memory of its
//! temporal parts, the learner's failed attempts, the hints shown and what the prediction saw.

use std::rc::Rc;

use super::eval::{Memory, Moment, Verdict, eval};
use super::model::{Lesson, Reason, Step};
use crate::sim::Cluster;

/// Virtual time after which a quiet cluster is looked at again (for time hints and deadlines).
const RELOOK_MS: u64 = 1_000;

/// The live state of the step a learner is on.
#[derive(Clone, Debug)]
pub struct StepWatch {
    lesson: Rc<Lesson>,
    /// The step's index.
    pub step: usize,
    /// Virtual time when the step began.
    pub started: u64,
    /// When the learner first acted in this step.
    pub first_action: Option<u64>,
    sample: u64,
    looked: Option<(u64, u64)>,
    check: Memory,
    predict: Memory,
    hints: Vec<Memory>,
    /// The check at the last moment looked at.
    pub verdict: Verdict,
    /// When the step passed (virtual ms), once it has.
    pub passed_at: Option<u64>,
    /// Whether the prediction's check holds at the latest moment looked at.
    pub predicted_held: bool,
    /// Actions of the learner that changed the cluster and left the check failing.
    pub failures: u32,
    attempt: bool,
    /// Which hints show, by index.
    pub shown: Vec<bool>,
}

impl StepWatch {
    /// Starts watching step `step` of `lesson` on `cluster` as it is now.
    pub fn new(lesson: Rc<Lesson>, step: usize, cluster: &Cluster) -> StepWatch {
        let hints = lesson.steps.get(step).map_or(0, |s| s.hints.len());
        let mut watch = StepWatch {
            lesson,
            step,
            started: cluster.now_ms(),
            first_action: None,
            sample: 0,
            looked: None,
            check: Memory::default(),
            predict: Memory::default(),
            hints: vec![Memory::default(); hints],
            verdict: Verdict::default(),
            passed_at: None,
            predicted_held: false,
            failures: 0,
            attempt: false,
            shown: vec![false; hints],
        };
        watch.look(cluster);
        watch
    }

    /// Looks at the cluster after a change (every piece of work comes here through the tap);
    /// skips a moment where nothing changed and little time passed.
    pub fn observe(&mut self, cluster: &Cluster) {
        let version = cluster.world.store.resource_version;
        let now = cluster.now_ms();
        if let Some((v, t)) = self.looked
            && v == version
            && now < t.saturating_add(RELOOK_MS)
        {
            return;
        }
        self.look(cluster);
    }

    /// A learner's input was handled; `changed` says whether it changed the cluster.
    pub fn acted(&mut self, cluster: &Cluster, changed: bool) {
        if self.first_action.is_none() && changed {
            self.first_action = Some(cluster.now_ms());
        }
        self.look(cluster);
        if self.passed_at.is_some() {
            return;
        }
        if self.attempt && changed {
            // A new attempt while the last one had not passed: the last one failed.
            self.failures += 1;
            self.attempt = false;
        }
        if changed {
            self.attempt = true;
        }
        self.count_quiet_failure(cluster);
        self.update_hints(cluster);
    }

    /// An attempt whose effects have all happened, with the check still failing, is a failure.
    fn count_quiet_failure(&mut self, cluster: &Cluster) {
        if self.attempt && !self.verdict.ok && cluster.next_significant_time().is_none() {
            self.failures += 1;
            self.attempt = false;
        }
    }

    /// The moment the step looks at now.
    fn moment<'c>(&self, cluster: &'c Cluster) -> Moment<'c> {
        Moment {
            cluster,
            sample: self.sample,
            now: cluster.now_ms(),
            first_action: self.first_action,
        }
    }

    /// Re-checks the step on the cluster as it is now, whatever changed.
    pub fn recheck(&mut self, cluster: &Cluster) {
        self.look(cluster);
    }

    fn look(&mut self, cluster: &Cluster) {
        self.sample += 1;
        self.looked = Some((cluster.world.store.resource_version, cluster.now_ms()));
        let lesson = Rc::clone(&self.lesson);
        let Some(step) = lesson.steps.get(self.step) else {
            return;
        };
        let m = self.moment(cluster);
        // The prediction is judged on the cluster as it is now: `order`, `never` and events
        // speak of the past, so a check can say what happened during the step.
        if let Some(p) = &step.predict {
            self.predicted_held = eval(&p.check, &m, &mut self.predict).ok;
        }
        if self.passed_at.is_some() {
            return;
        }
        self.verdict = eval(&step.check, &m, &mut self.check);
        if self.verdict.ok {
            self.passed_at = Some(m.now);
            self.attempt = false;
            return;
        }
        self.count_quiet_failure(cluster);
        self.update_hints(cluster);
    }

    fn update_hints(&mut self, cluster: &Cluster) {
        let lesson = Rc::clone(&self.lesson);
        let Some(step) = lesson.steps.get(self.step) else {
            return;
        };
        let m = self.moment(cluster);
        let elapsed = m.now.saturating_sub(self.started);
        for (i, hint) in step.hints.iter().enumerate() {
            let due = match &hint.reason {
                Reason::Failures(n) => self.failures >= *n,
                Reason::Time(t) => elapsed >= *t,
                Reason::When(check) => match self.hints.get_mut(i) {
                    Some(mem) => eval(check, &m, mem).ok,
                    None => false,
                },
            };
            if due && let Some(s) = self.shown.get_mut(i) {
                *s = true;
            }
        }
    }

    /// Shows the next hint not yet shown; false when every hint shows.
    pub fn reveal(&mut self) -> bool {
        match self.shown.iter_mut().find(|s| !**s) {
            Some(s) => {
                *s = true;
                true
            }
            None => false,
        }
    }

    /// Whether the step has passed.
    pub fn passed(&self) -> bool {
        self.passed_at.is_some()
    }

    /// The step watched.
    pub fn step_of(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }
}
