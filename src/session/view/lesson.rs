//! What the lesson panel and the catalogue draw: plain data made from the lesson in progress and
//! the saved progress, so that the page only lays it out.

use std::rc::Rc;

use crate::session::lesson::markdown::{Block, blocks};
use crate::session::lesson::progress::Progress;
use crate::session::lesson::{Answer, Lesson, bundled};
use crate::session::state::{LessonRun, Model, Msg};

/// Where a step stands, as `data-state` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    /// Not passed yet, and nothing failed.
    Pending,
    /// Its check passed.
    Passed,
    /// The learner's attempts left the check failing, or it can no longer pass.
    Failed,
}

impl StepState {
    /// The word for `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            StepState::Pending => "pending",
            StepState::Passed => "passed",
            StepState::Failed => "failed",
        }
    }
}

/// One entry of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueItem {
    /// The lesson's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its summary.
    pub summary: String,
    /// Minutes it takes.
    pub minutes: u32,
    /// `beginner`, `intermediate` or `advanced`.
    pub level: &'static str,
    /// Steps in it.
    pub steps: usize,
    /// Steps passed so far.
    pub passed: usize,
}

impl CatalogueItem {
    /// `done`, `in progress` or `new`.
    pub fn status(&self) -> &'static str {
        if self.passed >= self.steps {
            "done"
        } else if self.passed > 0 {
            "in progress"
        } else {
            "new"
        }
    }
}

/// The catalogue, in order, with the saved progress.
pub fn catalogue(progress: &Progress) -> Vec<CatalogueItem> {
    bundled::with_all(|lessons| {
        lessons
            .iter()
            .map(|l| CatalogueItem {
                id: l.id.clone(),
                title: l.title.clone(),
                summary: l.summary.clone(),
                minutes: l.minutes,
                level: l.level.name(),
                steps: l.steps.len(),
                passed: progress
                    .lessons
                    .get(&l.id)
                    .map_or(0, |p| p.passed.len().min(l.steps.len())),
            })
            .collect()
    })
}

/// One line of the list of steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepItem {
    /// The step's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub state: StepState,
}

/// The prediction, as the panel shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredictView {
    /// The question.
    pub question: String,
    /// The choices: id and text.
    pub choices: Vec<(String, String)>,
    /// The learner's choice, once made.
    pub chosen: Option<String>,
    /// Once the step passed: the right choice's text, whether it happened in this cluster, and why.
    pub outcome: Option<Outcome>,
}

/// What really happened, next to the learner's guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The id of the right choice.
    pub answer: String,
    /// Its text.
    pub answer_text: String,
    /// Whether the learner chose it.
    pub matched: bool,
    /// The text of the learner's choice.
    pub guessed: String,
    /// Whether the cluster did it this time (the prediction's check held during the step).
    pub seen: bool,
    /// Why.
    pub why: Vec<Block>,
}

/// The lesson panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonView {
    /// The lesson's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The text above the steps.
    pub intro: Vec<Block>,
    /// Index of the current step.
    pub step: usize,
    /// Every step.
    pub steps: Vec<StepItem>,
    /// The current step's text.
    pub text: Vec<Block>,
    /// Where the current step stands.
    pub state: StepState,
    /// What the check sees while it fails.
    pub message: String,
    /// The step can no longer pass without a reset.
    pub lost: bool,
    /// The hints shown so far.
    pub hints: Vec<Vec<Block>>,
    /// Whether another hint (or the answer) can be asked for.
    pub more_help: bool,
    /// Hints not shown yet (at 0 the next ask shows the answer).
    pub hints_left: usize,
    /// The answer, once asked for: one line per thing to do.
    pub answer: Option<Vec<String>>,
    /// The step's prediction, if it has one.
    pub predict: Option<PredictView>,
    /// Whether the question still waits for an answer (the step's text and clock wait too).
    pub awaiting: bool,
    /// Whether there is a next step and this one passed.
    pub can_next: bool,
    /// Whether every step passed.
    pub done: bool,
}

/// The panel for the lesson in progress.
pub fn view(run: &LessonRun) -> Option<LessonView> {
    let lesson: &Lesson = &run.lesson;
    let step = lesson.steps.get(run.step)?;
    let watch = run.watch.borrow();
    let state = if watch.passed() {
        StepState::Passed
    } else if watch.failures > 0 || watch.verdict.lost {
        StepState::Failed
    } else {
        StepState::Pending
    };
    let steps = lesson
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepItem {
            id: s.id.clone(),
            title: s.title.clone(),
            state: if run.passed.get(i).copied().unwrap_or(false) {
                StepState::Passed
            } else if i == run.step {
                state
            } else {
                StepState::Pending
            },
        })
        .collect();
    let hints = step
        .hints
        .iter()
        .zip(&watch.shown)
        .filter(|(_, shown)| **shown)
        .map(|(h, _)| blocks(&h.text))
        .collect::<Vec<_>>();
    let chosen = run.chosen.get(run.step).cloned().flatten();
    let predict = step.predict.as_ref().map(|p| PredictView {
        question: p.question.clone(),
        choices: p.choices.clone(),
        chosen: chosen.clone(),
        outcome: watch.passed().then(|| Outcome {
            answer: p.answer.clone(),
            answer_text: p
                .choices
                .iter()
                .find(|(id, _)| *id == p.answer)
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            matched: chosen.as_deref() == Some(p.answer.as_str()),
            guessed: p
                .choices
                .iter()
                .find(|(id, _)| Some(id) == chosen.as_ref())
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            seen: watch.predicted_held,
            why: blocks(&p.why),
        }),
    });
    let passed = watch.passed();
    Some(LessonView {
        id: lesson.id.clone(),
        title: lesson.title.clone(),
        intro: blocks(&lesson.intro),
        step: run.step,
        steps,
        text: blocks(&step.text),
        state,
        message: if passed {
            String::new()
        } else {
            watch.verdict.message.clone()
        },
        lost: !passed && watch.verdict.lost,
        more_help: !passed && !run.answer_shown,
        hints_left: watch.shown.iter().filter(|s| !**s).count(),
        hints,
        answer: run
            .answer_shown
            .then(|| step.answer.iter().map(Answer::describe).collect()),
        awaiting: run.awaiting_prediction(),
        can_next: passed && run.step + 1 < lesson.steps.len(),
        done: run.passed.iter().all(|p| *p),
        predict,
    })
}

/// The saved progress updated with the lesson in progress.
pub fn record(progress: &mut Progress, run: &LessonRun) {
    let entry = progress.lessons.entry(run.lesson.id.clone()).or_default();
    entry.step = run.step;
    for (step, passed) in run.lesson.steps.iter().zip(&run.passed) {
        if *passed && !entry.passed.contains(&step.id) {
            entry.passed.push(step.id.clone());
        }
    }
    for (step, chosen) in run.lesson.steps.iter().zip(&run.chosen) {
        if let Some(c) = chosen {
            entry.predictions.insert(step.id.clone(), c.clone());
        }
    }
    progress.current = Some(crate::session::lesson::progress::Current {
        id: run.lesson.id.clone(),
        step: run.step,
        begun_at: run.begun_at,
    });
}

/// The saved progress brought up to date with the page: the lesson in progress recorded, or none
/// current once the learner left it (so that a reload opens the sandbox).
pub fn sync(progress: &mut Progress, run: Option<&LessonRun>) {
    match run {
        Some(run) => record(progress, run),
        None => progress.current = None,
    }
}

/// Reattaches the lesson the saved progress names as current to a session restored from its
/// autosave, at the saved step; false when there is none (or it is no longer bundled).
pub fn resume_saved(model: &mut Model, progress: &Progress) -> bool {
    let Some(current) = &progress.current else {
        return false;
    };
    let Some(lesson) = bundled::find(&current.id) else {
        return false;
    };
    let saved = progress
        .lessons
        .get(&current.id)
        .cloned()
        .unwrap_or_default();
    model.resume_lesson(
        Rc::new(lesson),
        current.step,
        current.begun_at,
        &saved.passed,
        &saved.predictions,
    );
    true
}

/// What picking lesson `id` in the catalogue does: nothing when it is the lesson open now (the
/// catalogue just closes); else it starts from its setup, and a lesson left half way goes on at
/// its saved step (the steps before it done by their answers).
pub fn open_messages(progress: &Progress, id: &str, current: Option<&str>) -> Vec<Msg> {
    if current == Some(id) {
        return Vec::new();
    }
    let mut msgs = vec![Msg::OpenLesson(id.to_string())];
    let steps = bundled::find(id).map_or(0, |l| l.steps.len());
    if let Some(saved) = progress.lessons.get(id)
        && saved.step > 0
        && saved.passed.len() < steps
    {
        msgs.push(Msg::LessonGoTo(saved.step));
    }
    msgs
}
