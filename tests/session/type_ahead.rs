//! Type-ahead: lines typed while a command waits are kept, shown as pending, and run in order
//! when it ends, as a terminal's line discipline keeps them; Ctrl+C drops them with the command;
//! share links replay them at the same instant.

use sts_playground::session::persist::{pack, unpack};
use sts_playground::session::state::{Model, Msg};

use super::state::{applied, screen};

/// Ticks at 1x until the running command ends (at most `ticks` ticks of 100 ms).
fn tick_until_done(model: &mut Model, ticks: usize) {
    for _ in 0..ticks {
        if !model.running {
            return;
        }
        model.update(Msg::Tick(100));
    }
}

/// A scale that `rollout status` waits for (about 20 virtual seconds at 1x).
fn rolling(seed: u64) -> Model {
    let mut model = applied(seed);
    model.update(Msg::RunLine("kubectl scale sts web --replicas=5".into()));
    model.update(Msg::RunLine("kubectl rollout status sts/web".into()));
    assert!(model.running, "rollout status waits for the new pods");
    model
}

#[test]
fn lines_typed_while_a_command_waits_run_in_order_when_it_ends() {
    let mut model = rolling(31);
    model.update(Msg::RunLine("kubectl get sts web".into()));
    model.update(Msg::RunLine("kubectl get pvc --no-headers".into()));
    assert_eq!(
        model.queued,
        vec!["kubectl get sts web", "kubectl get pvc --no-headers"]
    );
    assert!(!screen(&model).contains("$ kubectl get sts web"));
    tick_until_done(&mut model, 600);
    assert!(
        !model.running,
        "{} at {}",
        screen(&model),
        model.term.session.cluster.now_ms()
    );
    assert!(model.queued.is_empty());
    let text = screen(&model);
    let done = text
        .find("partitioned roll out complete")
        .or_else(|| text.find("statefulset rolling update complete"))
        .expect("rollout status finished");
    let sts = text.find("$ kubectl get sts web").expect("first line ran");
    let pvc = text
        .find("$ kubectl get pvc --no-headers")
        .expect("second ran");
    assert!(done < sts && sts < pvc, "{text}");
    assert!(text[sts..].contains("web    5/5"), "{text}");
    assert!(text[pvc..].contains("www-web-4"), "{text}");
    // Both entered the history when they ran.
    assert_eq!(
        model.history.last().map(String::as_str),
        Some("kubectl get pvc --no-headers")
    );
}

#[test]
fn ctrl_c_stops_the_command_and_drops_the_lines_typed_ahead() {
    let mut model = rolling(32);
    model.update(Msg::RunLine("kubectl delete sts web".into()));
    model.update(Msg::Interrupt(String::new()));
    assert!(!model.running);
    assert!(model.queued.is_empty());
    for _ in 0..300 {
        model.update(Msg::Tick(100));
    }
    assert!(!screen(&model).contains("$ kubectl delete sts web"));
    // A terminal flushes type-ahead on Ctrl+C, so the shell never read it: ↑ does not offer it.
    assert_ne!(
        model.history.last().map(String::as_str),
        Some("kubectl delete sts web")
    );
    assert!(
        model
            .term
            .session
            .cluster
            .world
            .store
            .get::<k8s_openapi::api::apps::v1::StatefulSet>("default", "web")
            .is_some(),
        "the dropped line never ran"
    );
}

#[test]
fn a_queued_line_that_waits_holds_the_rest_until_it_ends() {
    let mut model = rolling(33);
    model.update(Msg::RunLine("kubectl get pods -w".into()));
    model.update(Msg::RunLine("kubectl get sts".into()));
    tick_until_done(&mut model, 600);
    // rollout status ended; the watch runs now and the last line still waits.
    for _ in 0..400 {
        model.update(Msg::Tick(100));
    }
    assert!(model.running, "the watch keeps running");
    assert_eq!(model.queued, vec!["kubectl get sts"]);
    assert!(screen(&model).contains("$ kubectl get pods -w"));
    model.update(Msg::Interrupt(String::new()));
    assert!(model.queued.is_empty());
    assert!(!screen(&model).contains("$ kubectl get sts"));
}

#[test]
fn share_links_replay_lines_typed_ahead_at_the_same_instant() {
    let mut model = rolling(34);
    model.update(Msg::RunLine("kubectl get pods".into()));
    for _ in 0..30 {
        model.update(Msg::Tick(70));
    }
    // Shared while the line still waits: the link keeps it pending.
    let payload = unpack(&pack(&model.payload())).expect("unpacks");
    let pending = Model::from_payload(&payload, &mut || false).expect("replays");
    assert_eq!(pending.queued, model.queued);
    assert!(pending.running);
    tick_until_done(&mut model, 600);
    let payload = unpack(&pack(&model.payload())).expect("unpacks");
    let replayed = Model::from_payload(&payload, &mut || false).expect("replays");
    assert_eq!(screen(&replayed), screen(&model));
    assert_eq!(
        replayed.term.session.cluster.now_ms(),
        model.term.session.cluster.now_ms()
    );
    assert!(replayed.queued.is_empty());
}

#[test]
fn a_queued_line_reads_the_files_as_they_are_when_it_runs_also_in_a_replay() {
    let mut model = rolling(35);
    model.update(Msg::ImportFile("notes.txt".into(), "typed before\n".into()));
    assert!(model.term.session.files.contains_key("/notes.txt"));
    model.update(Msg::RunLine("cat notes.txt".into()));
    model.update(Msg::EditFile(
        "/notes.txt".into(),
        "written while waiting\n".into(),
    ));
    tick_until_done(&mut model, 600);
    assert!(
        screen(&model).ends_with("$ cat notes.txt\nwritten while waiting"),
        "{}",
        screen(&model)
    );
    let payload = unpack(&pack(&model.payload())).expect("unpacks");
    let replayed = Model::from_payload(&payload, &mut || false).expect("replays");
    assert_eq!(screen(&replayed), screen(&model));
}
