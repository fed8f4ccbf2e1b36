//! Golden tests: a small StatefulSet cluster (tests/data/print/cluster.json) rendered through every
//! `kubectl get` table and `describe` layout, compared with the expected kubectl v1.37 output in
//! tests/data/print/golden/.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{
    Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde_json::Value;
use sts_playground::kubectl::print::{
    describe, events_cmd, rows_core, rows_events, rows_storage, rows_workloads,
    table::{self, TableOptions},
};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/print");

fn now() -> Timestamp {
    "2026-07-21T10:25:00Z".parse().expect("valid timestamp")
}

fn cluster() -> Vec<Value> {
    let text = std::fs::read_to_string(format!("{DATA}/cluster.json")).expect("fixture");
    let list: Value = serde_json::from_str(&text).expect("fixture JSON");
    list["items"].as_array().expect("items").clone()
}

fn objects<T: DeserializeOwned>(kind: &str) -> Vec<T> {
    cluster()
        .into_iter()
        .filter(|o| o["kind"] == kind)
        .map(|o| serde_json::from_value(o).expect(kind))
        .collect()
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(format!("{DATA}/golden/{name}.txt")).expect("golden file")
}

fn assert_golden(name: &str, actual: &str) {
    let expected = golden(name);
    if actual != expected {
        for (i, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
            if a != e {
                eprintln!(
                    "first difference at line {}:\n  got:  {a:?}\n  want: {e:?}",
                    i + 1
                );
                break;
            }
        }
        panic!("{name}: output differs\n--- got ---\n{actual}--- want ---\n{expected}");
    }
}

fn opts() -> TableOptions {
    TableOptions::default()
}

fn pods_table() -> table::Table {
    rows_workloads::pods_table(&objects::<Pod>("Pod"), now())
}

#[test]
fn get_pods_plain_wide_and_no_headers() {
    assert_golden("get_pods", &table::render_table(&pods_table(), &opts()));
    let wide = TableOptions {
        wide: true,
        ..opts()
    };
    assert_golden("get_pods_wide", &table::render_table(&pods_table(), &wide));
    let bare = TableOptions {
        no_headers: true,
        ..opts()
    };
    assert_golden(
        "get_pods_no_headers",
        &table::render_table(&pods_table(), &bare),
    );
}

#[test]
fn get_pods_decorations() {
    let labels = TableOptions {
        show_labels: true,
        ..opts()
    };
    assert_golden(
        "get_pods_show_labels",
        &table::render_table(&pods_table(), &labels),
    );
    let all = TableOptions {
        all_namespaces: true,
        ..opts()
    };
    assert_golden(
        "get_pods_all_namespaces",
        &table::render_table(&pods_table(), &all),
    );
    let cols = TableOptions {
        label_columns: vec!["app".into(), "apps.kubernetes.io/pod-index".into()],
        ..opts()
    };
    assert_golden(
        "get_pods_label_columns",
        &table::render_table(&pods_table(), &cols),
    );
}

#[test]
fn get_statefulsets_and_revisions() {
    let sts = rows_workloads::stateful_sets_table(&objects::<StatefulSet>("StatefulSet"), now());
    assert_golden("get_sts", &table::render_table(&sts, &opts()));
    let wide = TableOptions {
        wide: true,
        ..opts()
    };
    assert_golden("get_sts_wide", &table::render_table(&sts, &wide));
    let crs = objects::<ControllerRevision>("ControllerRevision");
    let t = rows_workloads::controller_revisions_table(&crs, now());
    assert_golden("get_cr", &table::render_table(&t, &opts()));
}

#[test]
fn get_services_endpoints_namespaces_nodes() {
    let svc = rows_core::services_table(&objects::<Service>("Service"), now());
    assert_golden("get_svc", &table::render_table(&svc, &opts()));
    let wide = TableOptions {
        wide: true,
        ..opts()
    };
    assert_golden("get_svc_wide", &table::render_table(&svc, &wide));
    let ep = rows_core::endpoints_table(&objects::<Endpoints>("Endpoints"), now());
    assert_golden("get_ep", &table::render_table(&ep, &opts()));
    let ns = rows_core::namespaces_table(&objects::<Namespace>("Namespace"), now());
    assert_golden("get_ns", &table::render_table(&ns, &opts()));
    let nodes = rows_core::nodes_table(&objects::<Node>("Node"), now());
    assert_golden("get_nodes", &table::render_table(&nodes, &opts()));
    assert_golden("get_nodes_wide", &table::render_table(&nodes, &wide));
}

#[test]
fn get_storage_classes_and_events() {
    let sc = rows_storage::storage_classes_table(&objects::<StorageClass>("StorageClass"), now());
    assert_golden("get_sc", &table::render_table(&sc, &opts()));
    let events = objects::<Event>("Event");
    let t = rows_events::events_table(&events, now());
    assert_golden("get_events", &table::render_table(&t, &opts()));
    let printed = events_cmd::render_events(&events, now(), false, false, "default");
    assert_golden("events_cmd", &printed.stdout);
    assert_eq!(printed.stderr, "");
}

#[test]
fn get_all_prints_one_table_per_kind_with_kind_prefixes() {
    let tables = vec![
        pods_table(),
        rows_core::services_table(&objects::<Service>("Service"), now()),
        rows_workloads::stateful_sets_table(&objects::<StatefulSet>("StatefulSet"), now()),
    ];
    let out = table::render_get(&tables, &opts(), Some("default"));
    assert_golden("get_all", &out.stdout);
    assert_eq!(out.stderr, "");
}

#[test]
fn empty_results_report_on_stderr() {
    let empty_pods = rows_workloads::pods_table(&[], now());
    let out = table::render_get(std::slice::from_ref(&empty_pods), &opts(), Some("default"));
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "No resources found in default namespace.\n");
    let all = TableOptions {
        all_namespaces: true,
        ..opts()
    };
    let out = table::render_get(&[empty_pods], &all, Some("default"));
    assert_eq!(out.stderr, "No resources found\n");
    let nodes = rows_core::nodes_table(&[], now());
    assert_eq!(
        table::render_get(&[nodes], &opts(), Some("default")).stderr,
        "No resources found\n"
    );
    let ev = events_cmd::render_events(&[], now(), false, false, "default");
    assert_eq!(ev.stderr, "No events found in default namespace.\n");
}

#[test]
fn describe_statefulset_v137_layout() {
    let sts = objects::<StatefulSet>("StatefulSet");
    let events: Vec<Event> = objects::<Event>("Event");
    let sts_events = describe::events_for(&events, "StatefulSet", Some("default"), "web", None);
    let out =
        describe::describe_stateful_set(&sts[0], &objects::<Pod>("Pod"), Some(&sts_events), now())
            .expect("valid selector");
    assert_golden("describe_sts", &out);
}

#[test]
fn describe_pod_with_events_and_projected_volume() {
    let pods = objects::<Pod>("Pod");
    let events = objects::<Event>("Event");
    let pod_events = describe::events_for(&events, "Pod", Some("default"), "web-0", None);
    assert_golden(
        "describe_pod",
        &describe::describe_pod(&pods[0], Some(&pod_events), now()),
    );
}

#[test]
fn describe_service_pvc_pv() {
    let svc = objects::<Service>("Service");
    let ep = objects::<Endpoints>("Endpoints");
    let out = describe::describe_service(&svc[0], ep.first(), Some(&[]), now());
    assert_golden("describe_svc", &out);
    let pvcs = objects::<PersistentVolumeClaim>("PersistentVolumeClaim");
    let out = describe::describe_pvc(&pvcs[0], &objects::<Pod>("Pod"), Some(&[]), now());
    assert_golden("describe_pvc", &out);
    let pv = objects::<PersistentVolume>("PersistentVolume");
    assert_golden(
        "describe_pv",
        &describe::describe_pv(&pv[0], Some(&[]), now()),
    );
}

#[test]
fn describe_node_with_pods_and_lease() {
    let nodes = objects::<Node>("Node");
    let lease: Lease = serde_json::from_value(serde_json::json!({
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
        "metadata": {"name": "kind-worker", "namespace": "kube-node-lease"},
        "spec": {"holderIdentity": "kind-worker", "leaseDurationSeconds": 40,
                 "renewTime": "2026-07-21T10:24:58.000000Z"}
    }))
    .expect("lease");
    let out = describe::describe_node(
        &nodes[1],
        &objects::<Pod>("Pod"),
        Some(&lease),
        Some(&[]),
        now(),
    );
    assert_golden("describe_node", &out);
}
