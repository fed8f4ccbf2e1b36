//! The API request layer kubectl talks to, and the session API the page uses (edit, attach).
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use sts_playground::kubectl::edit::{begin, finish};
use sts_playground::kubectl::{Run, Session, kubectl, run_to_end};
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::requests::{
    self, FieldValidation, PatchType, WriteOptions, create, get, patch, update,
};
use sts_playground::sim::kind::Kind;

fn sts(name: &str, replicas: i64) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": name},
        "spec": {
            "serviceName": "nginx", "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {"metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "nginx", "image": "registry.k8s.io/nginx-slim:0.24"}]}}
        }
    })
}

fn args(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

#[test]
fn create_defaults_validates_and_stores() {
    let mut c = Cluster::new(1);
    let resp =
        create(&mut c, &sts("web", 2), "default", &WriteOptions::default()).expect("created");
    assert_eq!(resp.object["spec"]["podManagementPolicy"], "OrderedReady");
    assert_eq!(resp.object["spec"]["revisionHistoryLimit"], 10);
    assert_eq!(resp.object["metadata"]["namespace"], "default");
    assert_eq!(resp.object["metadata"]["generation"], 1);
    assert!(resp.object["metadata"]["uid"].is_string());
    assert!(resp.object["metadata"].get("managedFields").is_none());
    let stored = get(&c, Kind::StatefulSet, "default", "web").expect("stored");
    assert_eq!(stored, resp.object);
}

#[test]
fn a_failed_request_changes_nothing() {
    let mut c = Cluster::new(1);
    let before = format!("{c:?}");
    let mut bad = sts("Web", 2);
    bad["spec"]["replica"] = json!(3);
    let e = create(&mut c, &bad, "default", &WriteOptions::default()).expect_err("strict");
    assert_eq!(e.reason, "BadRequest");
    assert!(
        e.message.contains("unknown field \"spec.replica\""),
        "{}",
        e.message
    );
    let e = create(&mut c, &sts("Web", 2), "default", &WriteOptions::default()).expect_err("name");
    assert_eq!(e.reason, "Invalid");
    assert!(
        e.message
            .starts_with("The StatefulSet \"Web\" is invalid: metadata.name"),
        "{}",
        e.message
    );
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"},
        "spec": {"ports": [{"port": 0}]}});
    assert!(create(&mut c, &svc, "default", &WriteOptions::default()).is_err());
    assert_eq!(format!("{c:?}"), before, "state changed after failures");
}

#[test]
fn unknown_fields_warn_or_vanish_as_asked() {
    let mut c = Cluster::new(1);
    let mut body = sts("web", 1);
    body["spec"]["replica"] = json!(3);
    let warn = WriteOptions {
        field_validation: FieldValidation::Warn,
        dry_run: false,
    };
    let resp = create(&mut c, &body, "default", &warn).expect("created");
    assert_eq!(
        resp.warnings,
        vec!["unknown field \"spec.replica\"".to_string()]
    );
    body["metadata"]["name"] = json!("web2");
    body["spec"]["selector"]["matchLabels"]["app"] = json!("web2");
    body["spec"]["template"]["metadata"]["labels"]["app"] = json!("web2");
    let ignore = WriteOptions {
        field_validation: FieldValidation::Ignore,
        dry_run: false,
    };
    assert!(
        create(&mut c, &body, "default", &ignore)
            .expect("created")
            .warnings
            .is_empty()
    );
}

#[test]
fn updates_check_versions_and_immutability() {
    let mut c = Cluster::new(1);
    let created = create(&mut c, &sts("web", 2), "default", &WriteOptions::default()).expect("ok");
    let mut stale = created.object.clone();
    stale["metadata"]["resourceVersion"] = json!("1");
    let e = update(&mut c, &stale, "default", &WriteOptions::default()).expect_err("conflict");
    assert_eq!(e.reason, "Conflict");
    let mut renamed = created.object.clone();
    renamed["spec"]["serviceName"] = json!("other");
    let e = update(&mut c, &renamed, "default", &WriteOptions::default()).expect_err("forbidden");
    assert!(
        e.message
            .contains("spec: Forbidden: updates to statefulset spec"),
        "{}",
        e.message
    );
    let mut scaled = created.object.clone();
    scaled["spec"]["replicas"] = json!(5);
    let resp = update(&mut c, &scaled, "default", &WriteOptions::default()).expect("update");
    assert_eq!(resp.object["spec"]["replicas"], 5);
    assert_eq!(resp.object["metadata"]["generation"], 2);
}

#[test]
fn patches_of_every_type_and_dry_runs() {
    let mut c = Cluster::new(1);
    create(&mut c, &sts("web", 2), "default", &WriteOptions::default()).expect("ok");
    let o = WriteOptions::default();
    let strategic = json!({"spec": {"template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}});
    let r = patch(
        &mut c,
        Kind::StatefulSet,
        "default",
        "web",
        PatchType::Strategic,
        &strategic,
        &o,
    )
    .expect("smp");
    assert_eq!(
        r.object["spec"]["template"]["spec"]["containers"][0]["image"],
        "nginx:1.27"
    );
    let merge = json!({"metadata": {"labels": {"tier": "web"}}});
    let r = patch(
        &mut c,
        Kind::StatefulSet,
        "default",
        "web",
        PatchType::Merge,
        &merge,
        &o,
    )
    .expect("merge");
    assert_eq!(r.object["metadata"]["labels"]["tier"], "web");
    let jp = json!([{"op": "replace", "path": "/spec/replicas", "value": 4}]);
    let r = patch(
        &mut c,
        Kind::StatefulSet,
        "default",
        "web",
        PatchType::Json,
        &jp,
        &o,
    )
    .expect("json");
    assert_eq!(r.object["spec"]["replicas"], 4);
    let before = format!("{c:?}");
    let dry = WriteOptions {
        dry_run: true,
        ..WriteOptions::default()
    };
    let jp = json!([{"op": "replace", "path": "/spec/replicas", "value": 9}]);
    let r = patch(
        &mut c,
        Kind::StatefulSet,
        "default",
        "web",
        PatchType::Json,
        &jp,
        &dry,
    )
    .expect("dry");
    assert_eq!(r.object["spec"]["replicas"], 9);
    assert_eq!(format!("{c:?}"), before);
    let scale = requests::update_scale(&mut c, "default", "web", 1).expect("scale");
    assert_eq!(scale["spec"]["replicas"], 1);
    assert_eq!(scale["kind"], "Scale");
}

#[test]
fn files_resolve_against_the_workspace_root() {
    let mut s = Session::new(1);
    let text = serde_json::to_string(&sts("web", 1)).expect("json");
    s.files.insert("/apps/web.json".to_string(), text);
    let out = run_to_end(&mut s, &args("apply -f ./apps/web.json"), "", 0);
    assert_eq!(
        out.stdout, "statefulset.apps/web created\n",
        "{}",
        out.stderr
    );
    let out = run_to_end(&mut s, &args("apply -f apps"), "", 0);
    assert_eq!(
        out.stdout, "statefulset.apps/web unchanged\n",
        "{}",
        out.stderr
    );
    let out = run_to_end(&mut s, &args("apply -f /apps/nope.yaml"), "", 0);
    assert_eq!(
        out.stderr,
        "error: the path \"/apps/nope.yaml\" does not exist\n"
    );
}

#[test]
fn exec_it_with_a_shell_attaches_to_the_container() {
    let mut s = Session::new(1);
    let text = serde_json::to_string(&sts("web", 1)).expect("json");
    s.files.insert("/web.json".to_string(), text);
    run_to_end(&mut s, &args("apply -f web.json"), "", 0);
    s.cluster.advance(30_000);
    match kubectl(&mut s, &args("exec -it web-0 -- sh"), "") {
        Run::Attach {
            namespace,
            pod,
            container,
        } => {
            assert_eq!((namespace.as_str(), pod.as_str()), ("default", "web-0"));
            assert_eq!(container, "nginx");
        }
        other => panic!("expected attach, got {other:?}"),
    }
    let out = run_to_end(&mut s, &args("exec -it web-0 -- hostname"), "", 0);
    assert_eq!(out.stdout, "web-0\n");
}

#[test]
fn edit_opens_the_live_object_and_saves_changes() {
    let mut s = Session::new(1);
    let text = serde_json::to_string(&sts("web", 1)).expect("json");
    s.files.insert("/web.json".to_string(), text);
    run_to_end(&mut s, &args("apply -f web.json"), "", 0);
    let req = begin(&mut s, &args("sts web")).expect("opened");
    assert!(req.text.starts_with("# Please edit the object below."));
    assert!(req.text.contains("replicas: 1\n"));
    let unchanged = finish(&mut s, &req, &req.text);
    assert_eq!(unchanged.stderr, "Edit cancelled, no changes made.\n");
    let edited = req.text.replace("replicas: 1\n", "replicas: 3\n");
    let out = finish(&mut s, &req, &edited);
    assert_eq!(
        out.stdout, "statefulset.apps/web edited\n",
        "{}",
        out.stderr
    );
    let live = get(&s.cluster, Kind::StatefulSet, "default", "web").expect("live");
    assert_eq!(live["spec"]["replicas"], 3);
    let bad = req.text.replace("serviceName: nginx", "serviceName: other");
    let out = finish(&mut s, &req, &bad);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("Forbidden"), "{}", out.stderr);
    let missing = begin(&mut s, &args("sts nope")).expect_err("not found");
    assert_eq!(
        missing.stderr,
        "Error from server (NotFound): statefulsets.apps \"nope\" not found\n"
    );
}

#[test]
fn help_pages_and_the_bare_command() {
    let mut s = Session::new(1);
    let out = run_to_end(&mut s, &[], "", 0);
    assert!(
        out.stdout
            .starts_with("kubectl controls the Kubernetes cluster manager.")
    );
    for line in [
        "get -h",
        "help get",
        "rollout status --help",
        "apply --help",
    ] {
        let out = run_to_end(&mut s, &args(line), "", 0);
        assert_eq!(out.code, 0, "{line}");
        assert!(
            out.stdout.contains("Usage:\n  kubectl "),
            "{line}: {}",
            out.stdout
        );
    }
}
