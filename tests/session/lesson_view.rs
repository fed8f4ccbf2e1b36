//! The lesson panel's and catalogue's data as the page gets it: the view of a step, saved
//! progress kept in step with the page, resuming after a reload, and lesson links.

use sts_playground::session::lesson::link::{LessonLink, parse_link};
use sts_playground::session::lesson::progress::Progress;
use sts_playground::session::state::{Model, Msg};
use sts_playground::session::view::lesson::{
    StepState, catalogue, open_messages, resume_saved, sync, view,
};

/// A session with the scale-down lesson open.
fn in_lesson() -> Model {
    let mut model = Model::fresh(1);
    model.update(Msg::OpenLesson("scale-down".to_string()));
    model
}

#[test]
fn a_prediction_hides_the_text_until_answered_then_says_what_happened() {
    let mut model = in_lesson();
    let v = view(model.lesson.as_ref().unwrap()).unwrap();
    assert_eq!((v.id.as_str(), v.step, v.steps.len()), ("scale-down", 0, 3));
    assert!(v.awaiting);
    assert!(v.predict.as_ref().unwrap().outcome.is_none());
    assert_eq!(v.state, StepState::Pending);

    model.update(Msg::LessonPredict("together".to_string()));
    assert!(model.solve_step());
    let v = view(model.lesson.as_ref().unwrap()).unwrap();
    assert!(!v.awaiting);
    assert_eq!(v.state, StepState::Passed);
    assert!(v.can_next);
    let outcome = v.predict.unwrap().outcome.unwrap();
    assert!(!outcome.matched);
    assert_eq!(outcome.guessed, "web-2 and web-3 at the same moment");
    assert_eq!(outcome.answer, "reverse");
    assert!(outcome.seen);
}

#[test]
fn hints_count_down_to_the_answer() {
    let mut model = in_lesson();
    model.update(Msg::LessonPredict("reverse".to_string()));
    let left = view(model.lesson.as_ref().unwrap()).unwrap().hints_left;
    assert_eq!(left, 3);
    for shown in 1..=left {
        model.update(Msg::LessonHint);
        let v = view(model.lesson.as_ref().unwrap()).unwrap();
        assert_eq!((v.hints.len(), v.hints_left), (shown, left - shown));
        assert!(v.answer.is_none());
    }
    model.update(Msg::LessonHint);
    let v = view(model.lesson.as_ref().unwrap()).unwrap();
    assert_eq!(
        v.answer,
        Some(vec![
            "kubectl scale statefulset web --replicas=2".to_string()
        ])
    );
    assert!(!v.more_help);
}

#[test]
fn progress_follows_the_lesson_and_a_reload_resumes_it_at_its_step() {
    let mut model = in_lesson();
    let mut progress = Progress::from_json("");
    assert!(model.solve_step());
    model.update(Msg::LessonNext);
    sync(&mut progress, model.lesson.as_ref());
    let saved = Progress::from_json(&progress.to_json());
    assert_eq!(saved.current.as_ref().map(|c| c.step), Some(1));
    let entry = &catalogue(&saved)
        .into_iter()
        .find(|c| c.id == "scale-down")
        .unwrap();
    assert_eq!(entry.status(), "in progress");

    // The page comes back from its autosave; the lesson comes back at step 2 of 3.
    let payload = model.payload();
    let mut back = Model::from_payload(&payload, &mut || false).unwrap();
    assert!(resume_saved(&mut back, &saved));
    let v = view(back.lesson.as_ref().unwrap()).unwrap();
    assert_eq!(v.step, 1);
    assert_eq!(v.steps[0].state, StepState::Passed);
    assert!(v.awaiting, "step 2 asks its question again");
    assert_eq!(
        back.term.session.cluster.world.store.resource_version,
        model.term.session.cluster.world.store.resource_version
    );

    // Leaving the lesson forgets it as current, keeping what passed.
    back.update(Msg::CloseLesson);
    let mut progress = saved;
    sync(&mut progress, back.lesson.as_ref());
    assert!(progress.current.is_none());
    let mut again = Model::from_payload(&payload, &mut || false).unwrap();
    assert!(!resume_saved(&mut again, &progress));
    assert!(again.lesson.is_none());
}

#[test]
fn a_finished_lesson_is_done_in_the_catalogue() {
    let mut model = in_lesson();
    let mut progress = Progress::from_json("not json");
    for _ in 0..3 {
        assert!(model.solve_step());
        model.update(Msg::LessonNext);
    }
    let v = view(model.lesson.as_ref().unwrap()).unwrap();
    assert!(v.done && !v.can_next);
    sync(&mut progress, model.lesson.as_ref());
    let entry = catalogue(&progress)
        .into_iter()
        .find(|c| c.id == "scale-down")
        .unwrap();
    assert_eq!(entry.status(), "done");
}

#[test]
fn lesson_links_name_a_bundled_lesson_and_a_step_counted_from_one() {
    assert_eq!(parse_link("#s=abc"), None);
    assert_eq!(parse_link(""), None);
    assert_eq!(
        parse_link("#lesson=scale-down"),
        Some(Ok(LessonLink {
            id: "scale-down".to_string(),
            step: None
        }))
    );
    assert_eq!(
        parse_link("#lesson=scale-down&step=3"),
        Some(Ok(LessonLink {
            id: "scale-down".to_string(),
            step: Some(2)
        }))
    );
    for bad in [
        "#lesson=nope",
        "#lesson=",
        "#lesson=scale-down&step=0",
        "#lesson=scale-down&step=4",
        "#lesson=scale-down&step=two",
        "#lesson=scale-down&step=-1",
    ] {
        assert!(matches!(parse_link(bad), Some(Err(_))), "{bad}");
    }
}

#[test]
fn a_link_to_a_step_opens_the_lesson_there() {
    let mut model = Model::fresh(1);
    model.update(Msg::OpenLesson("scale-down".to_string()));
    model.update(Msg::LessonGoTo(2));
    let v = view(model.lesson.as_ref().unwrap()).unwrap();
    assert_eq!(v.step, 2);
    assert_eq!(v.steps[0].state, StepState::Passed);
    assert_eq!(v.steps[1].state, StepState::Passed);
}

#[test]
fn the_catalogue_goes_back_to_a_lesson_left_half_way() {
    let mut model = in_lesson();
    let mut progress = Progress::from_json("");
    assert!(model.solve_step());
    model.update(Msg::LessonNext);
    sync(&mut progress, model.lesson.as_ref());
    assert_eq!(
        open_messages(&progress, "scale-down", Some("scale-down")),
        vec![]
    );
    let msgs = open_messages(&progress, "scale-down", None);
    assert_eq!(
        msgs,
        vec![
            Msg::OpenLesson("scale-down".to_string()),
            Msg::LessonGoTo(1)
        ]
    );
    assert_eq!(
        open_messages(&progress, "partition", Some("scale-down")),
        vec![Msg::OpenLesson("partition".to_string())]
    );
    let mut fresh = Model::fresh(2);
    for msg in msgs {
        fresh.update(msg);
    }
    assert_eq!(fresh.lesson.as_ref().map(|r| r.step), Some(1));
}
