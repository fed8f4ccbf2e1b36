//! The author's check: play each step's answer through a session, as a learner would type it,
//! and fail unless every step's check passes at its step and every prediction's stated answer is
//! what the simulation did.

use std::rc::Rc;

use super::eval::label;
use super::model::Lesson;
use crate::session::state::{Model, Msg};

/// What solving one step found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepReport {
    /// The step's id.
    pub id: String,
    /// Virtual milliseconds from the step's start until it passed.
    pub took_ms: Option<u64>,
    /// What went wrong, if anything.
    pub problem: Option<String>,
}

/// Plays `lesson` from its setup; one report per step reached (solving stops at a failed step).
pub fn solve(lesson: &Lesson) -> Vec<StepReport> {
    let lesson = Rc::new(lesson.clone());
    let mut model = Model::fresh(lesson.setup.seed);
    model.start_lesson(Rc::clone(&lesson));
    let mut reports = Vec::new();
    for (index, step) in lesson.steps.iter().enumerate() {
        if let Some(problem) = wrong_answers(&mut model, step) {
            reports.push(StepReport {
                id: step.id.clone(),
                took_ms: None,
                problem: Some(problem),
            });
            break;
        }
        let passed = model.solve_step();
        let Some(run) = model.lesson.as_ref() else {
            break;
        };
        let watch = run.watch.borrow();
        let mut problem = None;
        if !passed {
            problem = Some(format!(
                "the check did not pass within ten virtual minutes after the answer: {}",
                watch.verdict.message
            ));
        } else if let Some(p) = &step.predict
            && !watch.predicted_held
        {
            problem = Some(format!(
                "the prediction's answer \"{}\" is not what happened: {} did not hold",
                p.answer,
                label(&p.check)
            ));
        }
        let took_ms = watch.passed_at.map(|t| t.saturating_sub(watch.started));
        drop(watch);
        let failed = problem.is_some();
        reports.push(StepReport {
            id: step.id.clone(),
            took_ms,
            problem,
        });
        if failed {
            break;
        }
        if index + 1 < lesson.steps.len() {
            model.update(Msg::LessonNext);
        }
    }
    reports
}

/// Plays each of the step's mistakes, then resets the step; the first one the check does not
/// catch (or catches with other words) is the problem.
fn wrong_answers(model: &mut Model, step: &super::model::Step) -> Option<String> {
    for wrong in &step.wrong {
        if let Some(p) = &step.predict {
            model.update(Msg::LessonPredict(p.answer.clone()));
        }
        let passed = model.try_answer(&wrong.answer);
        let message = model
            .lesson
            .as_ref()
            .map(|r| r.watch.borrow().verdict.message.clone())
            .unwrap_or_default();
        model.update(Msg::LessonResetStep);
        let did = wrong
            .answer
            .iter()
            .map(super::model::Answer::describe)
            .collect::<Vec<_>>()
            .join("; ");
        if passed {
            return Some(format!("the wrong answer `{did}` passes the check"));
        }
        if !message.contains(&wrong.says) {
            return Some(format!(
                "after the wrong answer `{did}` the check says \"{message}\", without \"{}\"",
                wrong.says
            ));
        }
    }
    None
}
