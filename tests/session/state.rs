//! The reducer: the session as the page drives it, without drawing anything.

use sts_playground::session::state::clock::{Speed, format_clock};
use sts_playground::session::state::lines::LineKind;
use sts_playground::session::state::{Model, Msg};
use sts_playground::session::view::classify::PodClass;

/// The text of every scrollback line.
pub fn screen(model: &Model) -> String {
    model
        .lines
        .iter()
        .map(|l| match &l.kind {
            LineKind::Input(prompt) => format!("{prompt}{}", l.text),
            _ => l.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pod tiles as (name, status, ready), in lane order.
pub fn pods(model: &Model) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = model
        .view
        .lanes
        .iter()
        .flat_map(|l| l.pods.iter())
        .map(|p| (p.name.clone(), p.status.clone(), p.ready.clone()))
        .collect();
    out.sort();
    out
}

/// A fresh model with the tutorial applied and settled.
pub fn applied(seed: u64) -> Model {
    let mut model = Model::fresh(seed);
    model.update(Msg::Apply);
    model.update(Msg::Settle);
    model
}

#[test]
fn a_fresh_session_opens_the_tutorial_manifest() {
    let model = Model::fresh(1);
    assert_eq!(model.open.as_deref(), Some("/web.yaml"));
    let text = model.term.session.files.get("/web.yaml").expect("web.yaml");
    assert!(text.contains("kind: StatefulSet"), "{text}");
    assert!(model.clock.playing, "time runs from the start");
    assert_eq!(model.view.pod_count, 0);
}

#[test]
fn apply_creates_the_objects_and_settle_brings_every_pod_up_in_order() {
    let model = applied(7);
    let text = screen(&model);
    assert!(text.contains("$ kubectl apply -f web.yaml"), "{text}");
    assert!(text.contains("service/nginx created"), "{text}");
    assert!(text.contains("statefulset.apps/web created"), "{text}");
    assert_eq!(
        pods(&model),
        vec![
            ("web-0".into(), "Running".into(), "1/1".into()),
            ("web-1".into(), "Running".into(), "1/1".into()),
        ]
    );
    // Each pod has its claim joined to it, bound to a volume.
    for pod in model.view.lanes.iter().flat_map(|l| l.pods.iter()) {
        let disk = pod.disks.first().expect("a disk");
        assert_eq!(disk.name, format!("www-{}", pod.name));
        assert_eq!(disk.status, "Bound");
        assert!(
            disk.volume
                .as_deref()
                .is_some_and(|v| v.starts_with("pvc-"))
        );
    }
    // The timeline saw web-0 become ready before web-1 was created (OrderedReady).
    let row = |o: i64| {
        model
            .timeline
            .rows
            .get(&("default/web".to_string(), o))
            .expect("row")
    };
    let web0_ready = row(0)
        .segments
        .iter()
        .find(|s| s.class == PodClass::Ready)
        .map(|s| s.from_ms)
        .expect("web-0 ready");
    let web1_first = row(1).segments.first().map(|s| s.from_ms).expect("web-1");
    assert!(web0_ready <= web1_first, "{web0_ready} > {web1_first}");
}

#[test]
fn ticks_advance_time_only_while_playing_and_scale_with_speed() {
    let mut model = Model::fresh(3);
    model.update(Msg::TogglePlay);
    model.update(Msg::Tick(250));
    assert_eq!(model.term.session.cluster.now_ms(), 0);
    model.update(Msg::TogglePlay);
    model.update(Msg::SetSpeed(Speed::X5));
    model.update(Msg::Tick(200));
    assert_eq!(model.term.session.cluster.now_ms(), 1_000);
    model.update(Msg::SetSpeed(Speed::Half));
    for _ in 0..3 {
        model.update(Msg::Tick(1));
    }
    // Half speed keeps the odd half millisecond instead of losing it.
    assert_eq!(model.term.session.cluster.now_ms(), 1_001);
    assert_eq!(format_clock(3_723_000), "1:02:03");
}

#[test]
fn a_watch_streams_changes_and_ctrl_c_stops_it() {
    let mut model = applied(11);
    model.update(Msg::RunLine("kubectl get pods -w".into()));
    assert!(model.running);
    let before = model.lines.len();
    model.update(Msg::RunLine("kubectl scale sts web --replicas=3".into()));
    assert_eq!(
        model.lines.len(),
        before,
        "input waits while a command runs"
    );
    model.update(Msg::Interrupt(String::new()));
    assert!(!model.running);
    model.update(Msg::RunLine("kubectl scale sts web --replicas=3".into()));
    model.update(Msg::RunLine("kubectl get pods --watch".into()));
    model.update(Msg::SetSpeed(Speed::X10));
    for _ in 0..40 {
        model.update(Msg::Tick(100));
    }
    let text = screen(&model);
    // Every state change of the new pod streams in, in order.
    let creating = text
        .find("web-2   0/1     ContainerCreating")
        .expect("creating");
    let running = text.find("web-2   1/1     Running").expect("running");
    assert!(creating < running, "{text}");
    model.update(Msg::Interrupt(String::new()));
    assert!(screen(&model).ends_with("^C"));
}

#[test]
fn deleting_a_pod_brings_it_back_with_the_same_disk() {
    let mut model = applied(5);
    let uid = |m: &Model| {
        m.view
            .lanes
            .iter()
            .flat_map(|l| l.pods.iter())
            .find(|p| p.name == "web-0")
            .map(|p| p.uid.clone())
    };
    let old = uid(&model).expect("web-0");
    model.update(Msg::RunLine("kubectl delete pod web-0".into()));
    assert!(screen(&model).contains("pod \"web-0\" deleted from default namespace"));
    assert!(model.running, "kubectl waits until the pod is gone");
    model.update(Msg::Settle);
    assert!(!model.running);
    let new = uid(&model).expect("web-0 is back");
    assert_ne!(old, new);
    let pod = model
        .view
        .lanes
        .iter()
        .flat_map(|l| l.pods.iter())
        .find(|p| p.name == "web-0")
        .expect("web-0");
    assert_eq!(
        pod.disks.first().map(|d| d.name.as_str()),
        Some("www-web-0")
    );
}

#[test]
fn an_image_update_rolls_from_the_highest_ordinal_down() {
    let mut model = applied(9);
    model.update(Msg::RunLine("kubectl scale sts web --replicas=3".into()));
    model.update(Msg::Settle);
    model.update(Msg::RunLine(
        "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27".into(),
    ));
    assert!(screen(&model).contains("statefulset.apps/web image updated"));
    model.update(Msg::Settle);
    let rows = &model.timeline.rows;
    let switched = |o: i64| {
        rows.get(&("default/web".to_string(), o))
            .and_then(|r| r.segments.iter().find(|s| s.revision == 2))
            .map(|s| s.from_ms)
            .expect("updated")
    };
    assert!(switched(2) < switched(1) && switched(1) < switched(0));
}

#[test]
fn typed_blank_lines_and_tab_listings_do_not_enter_the_history() {
    let mut model = Model::fresh(2);
    model.update(Msg::RunLine("   ".into()));
    model.update(Msg::RunLine("kubectl get pods".into()));
    model.update(Msg::RunLine("kubectl get pods".into()));
    model.update(Msg::ShowOptions("kubectl g".into(), vec!["get".into()]));
    assert_eq!(model.history.to_vec(), vec!["kubectl get pods".to_string()]);
    assert!(screen(&model).contains("No resources found in default namespace."));
    model.update(Msg::RunLine("clear".into()));
    assert!(model.lines.is_empty());
}

#[test]
fn a_cut_claim_name_keeps_its_ordinal_in_view() {
    use sts_playground::session::view::types::DiskView;
    let disk = |name: &str| DiskView {
        namespace: "default".into(),
        name: name.into(),
        status: "Bound".into(),
        volume: None,
        capacity: "1Gi".into(),
        pod: None,
        files: 0,
    };
    let long = disk("data-stateful-app-2");
    assert_eq!(long.name_parts(), ("data-stateful", "-app-2"));
    assert_eq!(disk("www-web-10").name_parts(), ("www", "-web-10"));
    assert_eq!(disk("data").name_parts(), ("", "data"));
    assert_eq!(disk("scratchvolume").name_parts(), ("scratchvo", "lume"));
    // The parts always join back into the whole name.
    for name in ["a-1", "-0", "é-é-3", "x"] {
        let d = disk(name);
        let (head, tail) = d.name_parts();
        assert_eq!(format!("{head}{tail}"), name);
    }
}
