//! Share links replay what the page's own controls and keys did, not only typed commands: Step,
//! Settle, ticks of any length (also ticks cut short by their real-time budget), Clear, Tab
//! listings, Ctrl+C at the prompt, blank lines in here-documents, the speed and the inspector.

use std::cell::Cell;

use sts_playground::session::persist::{pack, unpack};
use sts_playground::session::state::clock::Speed;
use sts_playground::session::state::log::Action;
use sts_playground::session::state::{Model, Msg};
use sts_playground::session::view::inspect::Selection;

use super::state::{applied, pods, screen};

/// The model a share link of `model` opens.
fn shared(model: &mut Model) -> Model {
    let payload = unpack(&pack(&model.payload())).expect("unpacks");
    Model::from_payload(&payload, &mut || false).expect("replays")
}

/// Asserts that two sessions show the same thing.
fn assert_same(replayed: &Model, model: &Model) {
    assert_eq!(screen(replayed), screen(model));
    assert_eq!(pods(replayed), pods(model));
    assert_eq!(*replayed.timeline, *model.timeline, "the timeline");
    assert_eq!(
        replayed.term.session.cluster.now_ms(),
        model.term.session.cluster.now_ms()
    );
    assert_eq!(replayed.term.session.files, model.term.session.files);
    assert_eq!(replayed.term.prompt(), model.term.prompt());
    assert_eq!(replayed.running, model.running);
    assert_eq!(replayed.clock.speed, model.clock.speed);
    assert_eq!(replayed.selected, model.selected);
}

#[test]
fn page_controls_and_terminal_keys_replay_to_the_same_screen_and_timeline() {
    let mut model = applied(21);
    model.update(Msg::RunLine(
        "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27".into(),
    ));
    model.update(Msg::RunLine("kubectl get pods -w".into()));
    // Ticks of uneven length while the watch runs: the replay cuts time differently.
    for i in 0..500u64 {
        model.update(Msg::Tick(7 + (i * 37) % 113));
    }
    model.update(Msg::SetSpeed(Speed::X10));
    model.update(Msg::Interrupt(String::new()));
    model.update(Msg::RunLine("cat <<EOF > notes.txt".into()));
    model.update(Msg::RunLine("one".into()));
    model.update(Msg::RunLine(String::new()));
    model.update(Msg::RunLine("EOF".into()));
    model.update(Msg::RunLine("cat <<EOF".into()));
    assert_eq!(model.term.prompt(), "> ");
    model.update(Msg::Interrupt("half".into()));
    assert_eq!(
        model.term.prompt(),
        "$ ",
        "Ctrl+C abandons the here-document"
    );
    model.update(Msg::RunLine("echo $?".into()));
    model.update(Msg::ShowOptions(
        "kubectl delete pod web-".into(),
        vec!["web-0".into(), "web-1".into()],
    ));
    model.update(Msg::Step);
    model.update(Msg::Step);
    model.update(Msg::Settle);
    model.update(Msg::ClearTerminal);
    model.update(Msg::RunLine("cat notes.txt".into()));
    model.update(Msg::RunLine(String::new()));
    model.update(Msg::Select(Some(Selection::Pod(
        "default".into(),
        "web-1".into(),
    ))));
    let text = screen(&model);
    assert!(text.starts_with("$ cat notes.txt\none\n\n$ "), "{text}");
    let replayed = shared(&mut model);
    assert_same(&replayed, &model);
}

#[test]
fn interrupting_a_watch_prints_one_caret_c() {
    let mut model = applied(3);
    model.update(Msg::RunLine("kubectl get pods -w".into()));
    model.update(Msg::Interrupt(String::new()));
    let text = screen(&model);
    assert!(text.ends_with("^C") && !text.ends_with("^C\n^C"), "{text}");
}

thread_local! {
    static FAKE_NOW: Cell<f64> = const { Cell::new(0.0) };
}

/// A real clock that moves 30 ms every time it is read: every tick runs out of time.
fn slow_clock() -> f64 {
    FAKE_NOW.with(|now| {
        now.set(now.get() + 30.0);
        now.get()
    })
}

#[test]
fn ticks_cut_short_by_their_budget_replay_exactly() {
    let mut model = applied(17);
    model.real_clock = slow_clock;
    model.update(Msg::SetSpeed(Speed::X10));
    model.update(Msg::RunLine("kubectl scale sts web --replicas=4".into()));
    let mut behind = false;
    for _ in 0..60 {
        model.update(Msg::Tick(100));
        behind |= model.clock.behind;
    }
    assert!(behind, "a busy tick says the cluster is behind");
    let payload = model.payload();
    assert!(
        payload.log.iter().any(|a| matches!(a, Action::Work(_))),
        "{:?}",
        payload.log
    );
    let replayed = shared(&mut model);
    assert_same(&replayed, &model);
    assert!(
        pods(&model).len() >= 3,
        "time still moves: {:?}",
        pods(&model)
    );
}
