//! Small lessons written for the tests, around the tutorial's web.yaml.

use std::rc::Rc;

use sts_playground::session::lesson::{Lesson, parse};
use sts_playground::session::state::{Model, Msg};

/// A one-step lesson on web.yaml (applied and settled in setup) with `step` as its step's YAML
/// (indented by four spaces under `steps:`).
pub fn lesson(step: &str) -> Lesson {
    lesson_with(step, "## s\n\nDo it.\n")
}

/// Like [`lesson`], with several steps and the body's sections given.
pub fn lesson_with(steps: &str, sections: &str) -> Lesson {
    let text = format!(
        "---\nid: t\ntitle: T\nsummary: S\nminutes: 1\nlevel: beginner\nsetup:\n  seed: 3\n  files:\n    - path: web.yaml\n      example: web.yaml\n  commands:\n    - kubectl apply -f web.yaml\n  settle: true\nsteps:\n{steps}---\n\nIntro.\n\n{sections}"
    );
    match parse(&text) {
        Ok(l) => l,
        Err(e) => panic!("{e}\n{text}"),
    }
}

/// A session on `lesson`'s first step.
pub fn start(lesson: Lesson) -> Model {
    let mut model = Model::fresh(1);
    model.start_lesson(Rc::new(lesson));
    model
}

/// Types a line and lets a waiting command finish.
pub fn type_line(model: &mut Model, line: &str) {
    model.type_line(line);
}

/// Lets `ms` of virtual time pass, as ticks of the page would at normal speed.
pub fn wait(model: &mut Model, ms: u64) {
    if !model.clock.playing {
        model.update(Msg::TogglePlay);
    }
    let mut left = ms;
    while left > 0 {
        let chunk = left.min(100);
        model.update(Msg::Tick(chunk));
        left -= chunk;
    }
}

/// The step's check message and whether it passed.
pub fn verdict(model: &Model) -> (bool, String) {
    let run = model.lesson.as_ref().expect("a lesson is open");
    let watch = run.watch.borrow();
    (watch.passed(), watch.verdict.message.clone())
}

/// How many pods of web exist.
pub fn pods(model: &Model) -> usize {
    model
        .term
        .session
        .cluster
        .world
        .store
        .list::<k8s_openapi::api::core::v1::Pod>(Some("default"))
        .count()
}
