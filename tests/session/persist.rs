//! Autosave and share links: the session packs into a URL-safe string and replays to the same
//! state; damaged, hostile or old inputs are refused or migrated with a clear reason.

use sts_playground::session::persist::codec::{
    base64url, from_base64url, pack as pack_text, unpack as unpack_text,
};
use sts_playground::session::persist::payload::{self, Payload, VERSION};
use sts_playground::session::persist::{pack, unpack};
use sts_playground::session::state::log::Action;
use sts_playground::session::state::{Model, Msg};

use super::state::{applied, pods, screen};

fn never() -> impl FnMut() -> bool {
    || false
}

#[test]
fn base64url_round_trips_every_length_and_rejects_other_characters() {
    for len in 0..40u8 {
        let bytes: Vec<u8> = (0..len)
            .map(|i| i.wrapping_mul(37).wrapping_add(200))
            .collect();
        let text = base64url(&bytes);
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(from_base64url(&text), Some(bytes));
    }
    assert_eq!(from_base64url("ab+c"), None);
    assert_eq!(from_base64url("abcde"), None, "a lone trailing character");
    let big = "replicas: 3\n".repeat(500);
    let packed = pack_text(&big);
    assert!(
        packed.len() < big.len() / 10,
        "compresses: {}",
        packed.len()
    );
    assert_eq!(unpack_text(&packed).as_deref(), Ok(big.as_str()));
}

#[test]
fn a_shared_session_replays_to_the_same_cluster_terminal_and_files() {
    let mut model = applied(42);
    model.update(Msg::EditFile("/web.yaml".into(), "# edited\n".into()));
    model.update(Msg::RunLine("kubectl scale sts web --replicas=3".into()));
    model.update(Msg::Tick(1_500));
    model.update(Msg::Step);
    model.update(Msg::RunLine("kubectl get pods -w".into()));
    model.update(Msg::Tick(700));
    let packed = pack(&model.payload());
    let payload = unpack(&packed).expect("unpacks");
    let replayed = Model::from_payload(&payload, &mut never()).expect("replays");
    assert_eq!(pods(&replayed), pods(&model));
    assert_eq!(screen(&replayed), screen(&model));
    assert_eq!(replayed.term.session.files, model.term.session.files);
    assert_eq!(replayed.running, model.running);
    let uids = |m: &Model| {
        m.view
            .lanes
            .iter()
            .flat_map(|l| l.pods.iter().map(|p| p.uid.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&replayed), uids(&model));
    assert_eq!(
        replayed.term.session.cluster.now_ms(),
        model.term.session.cluster.now_ms()
    );
    assert_eq!(replayed.history.to_vec(), model.history.to_vec());
    // A replayed session records on: saving it again gives back the same inputs.
    let mut replayed = replayed;
    assert_eq!(replayed.payload(), model.payload());
}

#[test]
fn damaged_and_hostile_links_are_refused_with_a_reason() {
    let good = pack(&Model::fresh(1).payload());
    let cut = good.get(..good.len() / 2).unwrap_or("");
    let cases: Vec<(String, &str)> = vec![
        ("%%%".into(), "characters"),
        (cut.to_string(), "damaged"),
        (pack_text("not json"), "not a saved session"),
        (
            pack_text(r#"{"v":99,"seed":1,"log":[]}"#),
            "newer playground",
        ),
        (
            pack_text(r#"{"v":1,"seed":1,"log":[{"w":["no-slash","x"]}]}"#),
            "file path",
        ),
        (
            pack_text(r#"{"v":1,"seed":1,"log":[{"a":999999999999}]}"#),
            "a week",
        ),
        (
            pack_text(r#"{"v":1,"seed":1,"log":[],"extra":true}"#),
            "malformed",
        ),
        (pack_text(&" ".repeat(3 * 1024 * 1024)), "2 MB"),
    ];
    for (packed, expected) in cases {
        let error = unpack(&packed).expect_err(expected);
        assert!(error.contains(expected), "{expected}: {error}");
    }
}

#[test]
fn a_replay_that_runs_out_of_time_stops() {
    let payload = Payload {
        v: VERSION,
        seed: 1,
        log: vec![Action::Advance(3_600_000)],
        history: Vec::new(),
        open: None,
        speed: None,
        selected: None,
    };
    let mut calls = 0;
    let mut deadline = || {
        calls += 1;
        calls > 3
    };
    let result = Model::from_payload(&payload, &mut deadline);
    assert!(result.is_err_and(|e| e.contains("too long")));
}

#[test]
fn when_the_cluster_cannot_be_rebuilt_the_files_are_kept() {
    let mut model = applied(8);
    model.update(Msg::EditFile("/web.yaml".into(), "# mine\n".into()));
    model.update(Msg::NewFile);
    model.update(Msg::RunLine("kubectl get pods".into()));
    let payload = model.payload();
    let kept = Model::files_only(&payload);
    assert_eq!(kept.term.session.files, model.term.session.files);
    assert_eq!(kept.history.to_vec(), model.history.to_vec());
    assert_eq!(kept.open, model.open);
    assert_eq!(kept.view.pod_count, 0, "the cluster starts over");
    assert!(kept.dirty, "the kept files are saved again");
}

#[test]
fn an_old_save_with_only_the_editor_text_is_migrated() {
    let old = r#"{"manifest":"apiVersion: v1\nkind: Service\n","seed":4}"#;
    let payload = payload::from_json(old).expect("migrates");
    assert_eq!(payload.v, VERSION);
    let model = Model::from_payload(&payload, &mut never()).expect("replays");
    assert_eq!(model.open.as_deref(), Some("/statefulset.yaml"));
    assert_eq!(
        model
            .term
            .session
            .files
            .get("/statefulset.yaml")
            .map(String::as_str),
        Some("apiVersion: v1\nkind: Service\n")
    );
    assert_eq!(model.seed, 4);
}
