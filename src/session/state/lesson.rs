//! A lesson on the session: its setup typed into the terminal, the step being watched through the
//! cluster's tap, predictions, hints, moving on and resetting a step. Everything a lesson does to
//! the cluster goes through the recorded inputs, so autosave and share links replay it.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Model, Msg, Notice};
use crate::session::lesson::{Answer, Lesson, StepWatch, bundled};
use crate::session::persist::payload::Payload;
use crate::session::transcript::WAIT_LIMIT_MS;
use crate::sim::tap::Tap;

/// A lesson in progress.
#[derive(Clone, Debug)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// The step the learner is on.
    pub step: usize,
    /// Which steps have passed.
    pub passed: Vec<bool>,
    /// The choice the learner made for each step's prediction.
    pub chosen: Vec<Option<String>>,
    /// The step being watched.
    pub watch: Rc<RefCell<StepWatch>>,
    /// How many recorded inputs there were when the step began (reset goes back there).
    pub begun_at: usize,
    /// Whether the learner asked for the answer.
    pub answer_shown: bool,
}

impl LessonRun {
    /// Whether the step's question waits for an answer (the clock holds until then).
    pub fn awaiting_prediction(&self) -> bool {
        let asks = self
            .lesson
            .steps
            .get(self.step)
            .is_some_and(|s| s.predict.is_some());
        asks && self.chosen.get(self.step).is_none_or(Option::is_none)
    }
}

impl Model {
    /// Handles the lesson messages; returns whether anything visible changed.
    pub(super) fn update_lesson(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::OpenLesson(id) => match bundled::find(&id) {
                Some(lesson) => self.start_lesson(Rc::new(lesson)),
                None => {
                    self.notice = Some(Notice {
                        error: true,
                        text: format!("There is no lesson \"{id}\"."),
                    });
                }
            },
            Msg::LessonGoTo(step) => self.go_to_step(step),
            Msg::LessonPredict(choice) => {
                let Some(run) = self.lesson.as_mut() else {
                    return false;
                };
                let valid = run
                    .lesson
                    .steps
                    .get(run.step)
                    .and_then(|s| s.predict.as_ref())
                    .is_some_and(|p| p.choices.iter().any(|(id, _)| *id == choice));
                if !valid || !run.awaiting_prediction() {
                    return false;
                }
                if let Some(slot) = run.chosen.get_mut(run.step) {
                    *slot = Some(choice);
                }
            }
            Msg::LessonHint => {
                let Some(run) = self.lesson.as_mut() else {
                    return false;
                };
                if !run.watch.borrow_mut().reveal() {
                    run.answer_shown = true;
                }
            }
            Msg::LessonNext => {
                let Some(run) = self.lesson.as_ref() else {
                    return false;
                };
                let next = run.step + 1;
                if next >= run.lesson.steps.len()
                    || !run.passed.get(run.step).copied().unwrap_or(false)
                {
                    return false;
                }
                self.begin_step(next);
            }
            Msg::LessonResetStep => self.reset_step(),
            Msg::CloseLesson => {
                self.lesson = None;
                self.term.session.cluster.tap = Tap::default();
            }
            _ => return false,
        }
        self.dirty = true;
        true
    }

    /// Starts `lesson` from its setup: a fresh cluster with its seed, its files, its commands.
    pub fn start_lesson(&mut self, lesson: Rc<Lesson>) {
        let (clock, real_clock) = (self.clock, self.real_clock);
        *self = Model::blank(lesson.setup.seed);
        self.clock = clock;
        self.real_clock = real_clock;
        for (path, text) in &lesson.setup.files {
            let path = format!("/{path}");
            self.term.session.files.insert(path.clone(), text.clone());
            self.open = self.open.clone().or(Some(path));
        }
        // Recorded now, so that a reset of the first step (a replay) finds them.
        self.log.sync_files(&self.term.session.files);
        for line in &lesson.setup.commands {
            self.type_line(line);
        }
        if lesson.setup.settle {
            self.update(Msg::Settle);
        }
        let steps = lesson.steps.len();
        let watch = StepWatch::new(Rc::clone(&lesson), 0, &self.term.session.cluster);
        self.lesson = Some(LessonRun {
            lesson,
            step: 0,
            passed: vec![false; steps],
            chosen: vec![None; steps],
            watch: Rc::new(RefCell::new(watch)),
            begun_at: 0,
            answer_shown: false,
        });
        self.begin_step(0);
        self.dirty = true;
    }

    /// Reattaches a saved lesson to a session replayed from its recorded inputs: the learner is
    /// on step `step`, which began after `begun_at` inputs; `passed` lists the steps' ids that
    /// passed and `chosen` the predictions made, by step id.
    pub fn resume_lesson(
        &mut self,
        lesson: Rc<Lesson>,
        step: usize,
        begun_at: usize,
        passed: &[String],
        chosen: &std::collections::BTreeMap<String, String>,
    ) {
        let step = step.min(lesson.steps.len().saturating_sub(1));
        let watch = StepWatch::new(Rc::clone(&lesson), step, &self.term.session.cluster);
        let passed_flags = lesson
            .steps
            .iter()
            .map(|s| passed.contains(&s.id))
            .collect();
        let chosen_list = lesson
            .steps
            .iter()
            .map(|s| chosen.get(&s.id).cloned())
            .collect::<Vec<_>>();
        self.lesson = Some(LessonRun {
            lesson,
            step,
            passed: passed_flags,
            chosen: chosen_list.clone(),
            watch: Rc::new(RefCell::new(watch)),
            begun_at: begun_at.min(self.log.actions().len()),
            answer_shown: false,
        });
        self.begin_step(step);
        if let Some(run) = self.lesson.as_mut() {
            // begin_step clears the step's choice and counts from now; a resumed step keeps both.
            run.chosen = chosen_list;
            run.begun_at = begun_at.min(self.log.actions().len());
        }
    }

    /// Types a line, and lets a command that keeps running (a watch, `rollout status`) run until it
    /// ends, pressing Ctrl+C after ten virtual minutes as the command-line runner does.
    pub fn type_line(&mut self, line: &str) {
        self.update(Msg::RunLine(line.to_string()));
        let mut waited = 0;
        while self.running {
            if waited >= WAIT_LIMIT_MS {
                self.update(Msg::Interrupt(String::new()));
                break;
            }
            self.pass(1_000);
            self.log.advance(1_000);
            waited += 1_000;
        }
        self.refresh();
    }

    /// Begins watching step `step`: from now on every change of the cluster is looked at.
    fn begin_step(&mut self, step: usize) {
        // The files as they are now belong before the step: a reset comes back to them.
        self.log.sync_files(&self.term.session.files);
        let begun_at = self.log.actions().len();
        let Some(run) = self.lesson.as_mut() else {
            return;
        };
        let watch = StepWatch::new(Rc::clone(&run.lesson), step, &self.term.session.cluster);
        let watch = Rc::new(RefCell::new(watch));
        let tapped = Rc::clone(&watch);
        self.term.session.cluster.tap =
            Tap::new(Rc::new(RefCell::new(move |c: &crate::sim::Cluster| {
                if let Ok(mut w) = tapped.try_borrow_mut() {
                    w.observe(c);
                }
            })));
        run.watch = watch;
        run.step = step;
        run.begun_at = begun_at;
        run.answer_shown = false;
        if let Some(slot) = run.chosen.get_mut(step) {
            *slot = None;
        }
        self.lesson_look(None);
    }

    /// After any message: looks at the cluster, and records a step that passed. `acted` is
    /// Some for a learner's input, saying whether it changed the cluster.
    pub(super) fn lesson_look(&mut self, acted: Option<bool>) {
        let Some(run) = self.lesson.as_mut() else {
            return;
        };
        let cluster = &self.term.session.cluster;
        {
            let mut watch = run.watch.borrow_mut();
            match acted {
                Some(changed) => watch.acted(cluster, changed),
                None => watch.observe(cluster),
            }
        }
        if run.watch.borrow().passed()
            && let Some(p) = run.passed.get_mut(run.step)
        {
            *p = true;
        }
    }

    /// Restores the cluster and files as they were when the step began, by replaying the
    /// recorded inputs up to then.
    fn reset_step(&mut self) {
        let Some(run) = self.lesson.clone() else {
            return;
        };
        let mut payload: Payload = self.payload();
        payload.log.truncate(run.begun_at);
        let Ok(mut model) = Model::from_payload(&payload, &mut || false) else {
            return;
        };
        model.clock = self.clock;
        model.real_clock = self.real_clock;
        model.lines = self.lines.clone();
        let step = run.step;
        model.lesson = Some(run);
        *self = model;
        self.begin_step(step);
        self.notice = Some(Notice {
            error: false,
            text: "The cluster and the files are back as they were when this step began."
                .to_string(),
        });
    }

    /// Opens step `step` of the current lesson, doing the answers of the steps before it (a link
    /// to a step, `#lesson=ID&step=N`).
    fn go_to_step(&mut self, step: usize) {
        let Some(run) = self.lesson.as_ref() else {
            return;
        };
        let step = step.min(run.lesson.steps.len().saturating_sub(1));
        let lesson = Rc::clone(&run.lesson);
        if step < run.step {
            self.start_lesson(Rc::clone(&lesson));
        }
        while let Some(current) = self.lesson.as_ref().map(|r| r.step)
            && current < step
        {
            if !self.solve_step() {
                break;
            }
            self.update(Msg::LessonNext);
        }
    }

    /// Does the current step's answer as a learner would, then lets the clock run until the
    /// step passes or ten virtual minutes have gone by. Returns whether it passed.
    pub fn solve_step(&mut self) -> bool {
        let Some(run) = self.lesson.as_ref() else {
            return false;
        };
        let Some(step) = run.lesson.steps.get(run.step).cloned() else {
            return false;
        };
        if let Some(p) = &step.predict {
            self.update(Msg::LessonPredict(p.answer.clone()));
        }
        self.try_answer(&step.answer)
    }

    /// Does `answer` as a learner would, then lets the clock run until the step passes or ten
    /// virtual minutes have gone by. Returns whether it passed.
    pub fn try_answer(&mut self, answer: &[Answer]) -> bool {
        for item in answer {
            self.do_answer(item);
        }
        let mut waited = 0;
        while !self.step_passed() && waited < WAIT_LIMIT_MS {
            self.pass(1_000);
            self.log.advance(1_000);
            self.lesson_look(None);
            waited += 1_000;
        }
        self.refresh();
        self.step_passed()
    }

    fn do_answer(&mut self, item: &Answer) {
        match item {
            Answer::Line(line) => self.type_line(line),
            Answer::Write { file, text } => {
                let path = format!("/{file}");
                self.term.session.files.insert(path.clone(), text.clone());
                self.open = Some(path);
            }
            Answer::Replace { file, old, new } => {
                let path = format!("/{file}");
                if let Some(text) = self.term.session.files.get(&path) {
                    let edited = text.replacen(old.as_str(), new, 1);
                    self.term.session.files.insert(path.clone(), edited);
                    self.open = Some(path);
                }
            }
            Answer::Node(name, down) => {
                self.update(Msg::SetNodeDown(name.clone(), *down));
            }
            Answer::Wait(ms) => {
                self.pass(*ms);
                self.log.advance(*ms);
                self.lesson_look(None);
            }
        }
    }

    /// Whether the current step has passed.
    pub fn step_passed(&self) -> bool {
        self.lesson
            .as_ref()
            .is_some_and(|r| r.passed.get(r.step).copied().unwrap_or(false))
    }
}
