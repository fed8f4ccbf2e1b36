//! A lesson on the learner's session: attempts and the hint ladder, predictions holding the clock,
//! reset, moving on, links to a step, the panel's view and saved progress.

use std::rc::Rc;

use sts_playground::session::lesson::bundled;
use sts_playground::session::lesson::progress::Progress;
use sts_playground::session::state::{Model, Msg};
use sts_playground::session::view::lesson::{StepState, catalogue, record, view};

use super::support::{lesson, lesson_with, pods, start, type_line, verdict, wait};

const SCALE: &str = "  - id: s
    title: Scale to 4
    predict:
      question: Which pod comes first?
      choices:
        - {id: web-2, text: web-2}
        - {id: web-3, text: web-3}
      answer: web-2
      check:
        order:
          - exists: pod/web-2
          - exists: pod/web-3
      why: Ordinals go up one at a time.
    check:
      all:
        - get: statefulset/web
          path: '{.spec.replicas}'
          equals: 4
        - count: pods -l app=nginx
          ready: true
          equals: 4
    hints:
      - after: {failures: 1}
        text: Use kubectl scale.
      - when:
          get: statefulset/web
          path: '{.spec.replicas}'
          gt: 4
        text: Too many.
      - after: {time: 10m}
        text: Still there?
    answer:
      - kubectl scale sts web --replicas=4
";

fn panel(model: &Model) -> sts_playground::session::view::lesson::LessonView {
    view(model.lesson.as_ref().unwrap()).unwrap()
}

#[test]
fn a_wrong_attempt_fails_names_the_difference_and_climbs_the_hint_ladder() {
    let mut model = start(lesson(SCALE));
    model.update(Msg::LessonPredict("web-3".to_string()));
    assert_eq!(panel(&model).state, StepState::Pending);
    assert!(panel(&model).hints.is_empty());
    type_line(&mut model, "kubectl scale sts web --replicas=3");
    wait(&mut model, 60_000);
    let p = panel(&model);
    assert_eq!(p.state, StepState::Failed);
    assert_eq!(
        p.message,
        "statefulset/web {.spec.replicas} is 3; this step wants 4"
    );
    assert_eq!(p.hints.len(), 1, "one failed attempt shows the first hint");
    type_line(&mut model, "kubectl scale sts web --replicas=50");
    assert_eq!(
        panel(&model).hints.len(),
        2,
        "the state-based hint shows at once"
    );
    type_line(&mut model, "kubectl scale sts web --replicas=4");
    wait(&mut model, 120_000);
    let p = panel(&model);
    assert_eq!(p.state, StepState::Passed);
    assert_eq!(p.message, "");
    let outcome = p.predict.unwrap().outcome.unwrap();
    assert!(!outcome.matched, "the learner guessed web-3");
    assert_eq!(outcome.answer_text, "web-2");
}

#[test]
fn asking_for_help_shows_the_hints_then_the_answer() {
    let mut model = start(lesson(SCALE));
    for _ in 0..3 {
        model.update(Msg::LessonHint);
    }
    assert_eq!(panel(&model).hints.len(), 3);
    assert_eq!(panel(&model).answer, None);
    model.update(Msg::LessonHint);
    let answer = panel(&model).answer;
    assert_eq!(
        answer,
        Some(vec!["kubectl scale sts web --replicas=4".to_string()])
    );
}

#[test]
fn the_clock_holds_until_the_prediction_is_answered() {
    let mut model = start(lesson(SCALE));
    assert!(panel(&model).awaiting);
    let before = model.term.session.cluster.now_ms();
    if !model.clock.playing {
        model.update(Msg::TogglePlay);
    }
    model.update(Msg::Tick(100));
    assert_eq!(
        model.term.session.cluster.now_ms(),
        before,
        "no time passes before the answer"
    );
    model.update(Msg::LessonPredict("nonsense".to_string()));
    assert!(
        panel(&model).awaiting,
        "a choice that is not offered is ignored"
    );
    model.update(Msg::LessonPredict("web-2".to_string()));
    assert!(!panel(&model).awaiting);
    model.update(Msg::Tick(100));
    assert!(model.term.session.cluster.now_ms() > before);
}

#[test]
fn reset_this_step_restores_the_cluster_and_files() {
    let mut model = start(lesson(SCALE));
    model.update(Msg::LessonPredict("web-2".to_string()));
    assert_eq!(pods(&model), 2);
    type_line(&mut model, "kubectl scale sts web --replicas=6");
    model.update(Msg::EditFile(
        "/web.yaml".to_string(),
        "changed".to_string(),
    ));
    wait(&mut model, 120_000);
    assert_eq!(pods(&model), 6);
    model.update(Msg::LessonResetStep);
    assert_eq!(
        pods(&model),
        2,
        "the cluster is as it was when the step began"
    );
    assert_ne!(model.term.session.files["/web.yaml"], "changed");
    let p = panel(&model);
    assert_eq!((p.state, p.hints.len()), (StepState::Pending, 0));
    assert!(!verdict(&model).0);
}

#[test]
fn next_waits_for_a_passed_step_and_a_link_goes_to_a_later_step() {
    let day34 = bundled::find("day34").expect("the day34 lesson is bundled");
    let steps = day34.steps.len();
    let mut model = Model::fresh(1);
    model.update(Msg::OpenLesson("day34".to_string()));
    model.update(Msg::LessonNext);
    assert_eq!(
        model.lesson.as_ref().unwrap().step,
        0,
        "the first step has not passed"
    );
    model.update(Msg::LessonGoTo(2));
    let run = model.lesson.as_ref().unwrap();
    assert_eq!(run.step, 2);
    assert_eq!(&run.passed[..2], &[true, true]);
    let p = panel(&model);
    assert_eq!(p.steps.len(), steps);
    assert_eq!(p.steps[0].state, StepState::Passed);
}

#[test]
fn an_unknown_lesson_is_a_message_not_a_crash() {
    let mut model = Model::fresh(1);
    model.update(Msg::OpenLesson("nope".to_string()));
    assert!(model.lesson.is_none());
    assert!(
        model
            .notice
            .as_ref()
            .unwrap()
            .text
            .contains("no lesson \"nope\"")
    );
}

#[test]
fn progress_is_saved_and_a_replayed_session_resumes_at_its_step() {
    let mut model = Model::fresh(1);
    model.update(Msg::OpenLesson("day34".to_string()));
    model.update(Msg::LessonGoTo(1));
    let mut progress = Progress::from_json("not json");
    record(&mut progress, model.lesson.as_ref().unwrap());
    let saved = progress.to_json();
    let back = Progress::from_json(&saved);
    assert_eq!(back, progress);
    let entry = &back.lessons["day34"];
    assert_eq!(entry.step, 1);
    assert_eq!(entry.passed.len(), 1);
    let items = catalogue(&back);
    let item = items.iter().find(|i| i.id == "day34").unwrap();
    assert_eq!(item.status(), "in progress");
    // The autosave replays the inputs; the lesson is hung back on at its step.
    let payload = model.payload();
    let mut again = Model::from_payload(&payload, &mut || false).unwrap();
    let current = back.current.clone().unwrap();
    let lesson = Rc::new(bundled::find(&current.id).unwrap());
    again.resume_lesson(
        lesson,
        current.step,
        current.begun_at,
        &entry.passed,
        &entry.predictions,
    );
    assert_eq!(again.lesson.as_ref().unwrap().step, 1);
    assert_eq!(panel(&again).steps[0].state, StepState::Passed);
    assert_eq!(
        again.term.session.cluster.world.store.resource_version,
        model.term.session.cluster.world.store.resource_version
    );
    // A newer or damaged save is a fresh start.
    assert_eq!(
        Progress::from_json("{\"v\":99,\"lessons\":{}}")
            .lessons
            .len(),
        0
    );
}

#[test]
fn a_stopped_node_keeps_its_statefulset_pod_until_it_comes_back_or_is_force_deleted() {
    // Upstream: the node lifecycle controller marks an unreachable node NotReady after its grace
    // period and evicts pods after their 300 s toleration; a pod on a node whose kubelet is gone
    // stays Terminating, and the StatefulSet controller never makes a second web-0 while one exists.
    let mut model = start(lesson(SCALE));
    model.update(Msg::LessonPredict("web-2".to_string()));
    let node = |m: &Model| {
        m.term
            .session
            .cluster
            .world
            .store
            .get::<k8s_openapi::api::core::v1::Pod>("default", "web-0")
            .and_then(|p| p.spec.as_ref()?.node_name.clone())
            .unwrap()
    };
    let first = node(&model);
    assert!(model.update(Msg::SetNodeDown(first.clone(), true)));
    assert!(
        !model.update(Msg::SetNodeDown(first.clone(), true)),
        "already stopped"
    );
    assert!(!model.update(Msg::SetNodeDown("no-such-node".to_string(), true)));
    let lane = model.view.lanes.iter().find(|l| l.name == first).unwrap();
    assert!(lane.stopped);
    wait(&mut model, 400_000);
    let pod = model
        .term
        .session
        .cluster
        .world
        .store
        .get::<k8s_openapi::api::core::v1::Pod>("default", "web-0")
        .cloned()
        .unwrap();
    assert!(
        pod.metadata.deletion_timestamp.is_some(),
        "evicted, and stuck Terminating"
    );
    assert_eq!(node(&model), first, "no second web-0 elsewhere");
    // The recorded inputs replay to the same state.
    let payload = model.payload();
    let again = Model::from_payload(&payload, &mut || false).unwrap();
    assert_eq!(
        again.term.session.cluster.world.store.resource_version,
        model.term.session.cluster.world.store.resource_version
    );
    type_line(
        &mut model,
        "kubectl delete pod web-0 --grace-period=0 --force",
    );
    wait(&mut model, 60_000);
    // The new web-0 cannot start elsewhere: its claim's local-path volume lives on the stopped
    // node's disk (the PV's required node affinity, rancher/local-path-provisioner), and the
    // VolumeBinding filter rejects every other node (volumebinding's ErrReasonNodeConflict).
    let pod = model
        .term
        .session
        .cluster
        .world
        .store
        .get::<k8s_openapi::api::core::v1::Pod>("default", "web-0")
        .cloned()
        .unwrap();
    assert!(
        pod.spec.as_ref().unwrap().node_name.is_none(),
        "still Pending"
    );
    let message = pod
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "PodScheduled"))
        .and_then(|c| c.message.clone())
        .unwrap_or_default();
    assert_eq!(
        message,
        "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, \
         1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, \
         2 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: \
         4 Preemption is not helpful for scheduling."
    );
}

#[test]
fn a_reset_keeps_the_files_as_they_were_when_the_step_began() {
    // Edited in step one and never applied: the edit still belongs to step two's start.
    let two = format!(
        "{SCALE}  - id: t\n    title: Again\n    check:\n      exists: pod/web-0\n    answer:\n      - kubectl get pods\n"
    );
    let mut model = start(lesson_with(&two, "## s\n\nDo it.\n\n## t\n\nAgain.\n"));
    model.update(Msg::LessonPredict("web-2".to_string()));
    type_line(&mut model, "kubectl scale sts web --replicas=4");
    wait(&mut model, 120_000);
    // Typed lines record the files; this edit comes after the last one.
    model.update(Msg::EditFile(
        "/web.yaml".to_string(),
        "edited in step one".to_string(),
    ));
    model.update(Msg::LessonNext);
    assert_eq!(model.lesson.as_ref().unwrap().step, 1);
    model.update(Msg::EditFile(
        "/web.yaml".to_string(),
        "edited in step two".to_string(),
    ));
    model.update(Msg::LessonResetStep);
    assert_eq!(model.term.session.files["/web.yaml"], "edited in step one");
}
