//! `-o name`, `-o custom-columns`, `--sort-by`, `kubectl get -w` rows, the ENDPOINTS cell, and the
//! label selectors they rely on (quantities and Go's value renderings are tested in `gofmt`).
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use k8s_openapi::api::core::v1::{Endpoints, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};
use sts_playground::kubectl::print::{
    custom_columns, kinds,
    labels::Selector,
    rows_core, rows_workloads, sort,
    table::{TableOptions, WatchPrinter},
};

fn cluster_pods() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/print/cluster.json");
    let list: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON");
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|o| o["kind"] == "Pod")
        .cloned()
        .collect()
}

#[test]
fn label_selectors() {
    let sel: LabelSelector = serde_json::from_value(json!({
        "matchLabels": {"app": "nginx"},
        "matchExpressions": [{"key": "tier", "operator": "In", "values": ["web", "cache"]},
                             {"key": "canary", "operator": "DoesNotExist"}]
    }))
    .expect("selector");
    let s = Selector::from_label_selector(Some(&sel)).expect("valid");
    assert_eq!(
        s.to_selector_string(),
        "app=nginx,!canary,tier in (cache,web)"
    );
    let labels = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert!(s.matches(Some(&labels(&[("app", "nginx"), ("tier", "web")]))));
    assert!(!s.matches(Some(&labels(&[
        ("app", "nginx"),
        ("tier", "web"),
        ("canary", "1")
    ]))));
    assert!(
        !Selector::from_label_selector(None)
            .expect("nil")
            .matches(Some(&labels(&[])))
    );
    let bad: LabelSelector =
        serde_json::from_value(json!({"matchExpressions": [{"key": "a", "operator": "Gt"}]}))
            .expect("sel");
    assert_eq!(
        Selector::from_label_selector(Some(&bad)).unwrap_err(),
        "\"Gt\" is not a valid label selector operator"
    );
}

#[test]
fn name_printer() {
    assert_eq!(
        kinds::name_line(&kinds::STATEFUL_SET, "web", Some("created")),
        "statefulset.apps/web created\n"
    );
    assert_eq!(
        kinds::name_line(&kinds::SERVICE, "nginx", Some("unchanged")),
        "service/nginx unchanged\n"
    );
    assert_eq!(
        kinds::print_names(&kinds::PERSISTENT_VOLUME_CLAIM, &["www-web-0", "www-web-1"]),
        "persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\n"
    );
    let list = kinds::list_value(vec![
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-0"}}),
        json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web"}}),
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "standard"}}),
    ]);
    assert_eq!(
        kinds::print_names_from_value(&list).as_deref(),
        Ok("pod/web-0\nstatefulset.apps/web\nstorageclass.storage.k8s.io/standard\n")
    );
    assert!(kinds::print_names_from_value(&json!({"metadata": {"name": "x"}})).is_err());
}

#[test]
fn custom_columns_spec_and_template() {
    let cols = custom_columns::parse_spec(
        "NAME:.metadata.name,NODE:.spec.nodeName,IP:status.podIP,APP:{.metadata.labels.app},MISSING:.foo",
    )
    .expect("spec");
    let out = custom_columns::print_custom_columns(&cols, &cluster_pods(), false).expect("print");
    assert_eq!(
        out,
        "NAME    NODE           IP           APP     MISSING\n\
         web-0   kind-worker    10.244.1.5   nginx   <none>\n\
         web-1   kind-worker2   10.244.2.3   nginx   <none>\n\
         web-2   kind-worker    <none>       nginx   <none>\n"
    );
    let cols = custom_columns::parse_template("NAME  PORTS  MOUNTS\n{.metadata.name}  .spec.containers[*].ports[*].containerPort  .spec.containers[0].volumeMounts[*].name\n")
        .expect("template");
    let out =
        custom_columns::print_custom_columns(&cols, &cluster_pods()[..1], true).expect("print");
    // Without headers the narrow column takes the minimum width of six.
    assert_eq!(out, "web-0   80    www,kube-api-access-7xk2p\n");
    let cols = custom_columns::parse_spec("SEL:.spec.nodeSelector,CAP:.status").expect("spec");
    let obj = json!({"spec": {"nodeSelector": {"disk": "ssd", "zone": "a"}}, "status": {"n": 2}});
    let out = custom_columns::print_custom_columns(&cols, &[obj], true).expect("print");
    assert_eq!(out, "map[disk:ssd zone:a]   map[n:2]\n");
    assert_eq!(
        custom_columns::parse_spec("NAME").unwrap_err(),
        "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>"
    );
    assert_eq!(
        custom_columns::parse_spec("").unwrap_err(),
        "custom-columns format specified but no custom columns given"
    );
}

#[test]
fn sort_by_numbers_strings_times_and_quantities() {
    let pods = cluster_pods();
    let names = |order: Vec<usize>| -> Vec<String> {
        order
            .iter()
            .map(|i| {
                pods[*i]["metadata"]["name"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    };
    let by = |expr: &str| names(sort::sort_order(&pods, expr).expect("sortable"));
    assert_eq!(
        by(".metadata.creationTimestamp"),
        ["web-0", "web-1", "web-2"]
    );
    assert_eq!(
        by("{.status.containerStatuses[0].restartCount}"),
        ["web-0", "web-2", "web-1"]
    );
    // Objects without the field sort first.
    assert_eq!(by(".status.podIP"), ["web-2", "web-0", "web-1"]);
    assert_eq!(by("spec.nodeName"), ["web-0", "web-2", "web-1"]);
    let sizes: Vec<Value> = ["2Gi", "500Mi", "1Gi", "750Mi"]
        .iter()
        .map(|s| json!({"size": s}))
        .collect();
    assert_eq!(
        sort::sort_order(&sizes, ".size").expect("sortable"),
        [1, 3, 2, 0]
    );
    assert_eq!(
        sort::sort_order(&pods, ".foo").unwrap_err(),
        "couldn't find any field with path \"{.foo}\" in the list of objects"
    );
    let mixed = [json!({"v": 1}), json!({"v": "a"})];
    assert!(
        sort::sort_order(&mixed, ".v")
            .unwrap_err()
            .contains("unsortable")
    );
    let typed: Vec<Pod> = pods
        .iter()
        .map(|p| serde_json::from_value(p.clone()).expect("pod"))
        .collect();
    let mut t = rows_workloads::pods_table(&typed, now());
    sort::sort_table(&mut t, &pods, ".status.podIP").expect("sort");
    let first: Vec<&str> = t.rows.iter().map(|r| r.cells[0].as_str()).collect();
    assert_eq!(first, ["web-2", "web-0", "web-1"]);
}

fn now() -> Timestamp {
    "2026-07-21T10:25:00Z".parse().expect("timestamp")
}

fn watch_pod(name: &str, ready: &str, phase: &str, reason: Option<&str>) -> Pod {
    let state = match reason {
        Some(r) => json!({"waiting": {"reason": r}}),
        None => json!({"running": {}}),
    };
    serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": "default", "creationTimestamp": "2026-07-21T10:25:00Z"},
        "spec": {"containers": [{"name": "nginx"}]},
        "status": {"phase": phase, "containerStatuses": [{"name": "nginx", "image": "", "imageID": "",
            "ready": ready == "1/1", "restartCount": 0, "state": state}]}
    }))
    .expect("pod")
}

#[test]
fn watch_rows_keep_growing_widths() {
    let mut w = WatchPrinter::new(TableOptions::default());
    let initial = rows_workloads::pods_table(&[watch_pod("web-0", "0/1", "Pending", None)], now());
    assert_eq!(
        w.print(&initial),
        "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   0/1     Pending   0          0s\n"
    );
    let cols = rows_workloads::pod_columns();
    let row = |p: Pod| rows_workloads::pod_row(&p, now());
    let creating = row(watch_pod(
        "web-0",
        "0/1",
        "Pending",
        Some("ContainerCreating"),
    ));
    assert_eq!(
        w.print_row(&kinds::POD, &cols, creating),
        "web-0   0/1     ContainerCreating   0          0s\n"
    );
    let running = row(watch_pod("web-0", "1/1", "Running", None));
    assert_eq!(
        w.print_row(&kinds::POD, &cols, running),
        "web-0   1/1     Running             0          0s\n"
    );
}

#[test]
fn watch_with_an_empty_initial_list_prints_the_header_with_the_first_event() {
    let mut w = WatchPrinter::new(TableOptions::default());
    assert_eq!(w.print(&rows_workloads::pods_table(&[], now())), "");
    let first = rows_workloads::pod_row(&watch_pod("web-0", "0/1", "Pending", None), now());
    assert_eq!(
        w.print_row(&kinds::POD, &rows_workloads::pod_columns(), first),
        "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   0/1     Pending   0          0s\n"
    );
}

#[test]
fn endpoints_cell_truncates_after_three() {
    let ep = |subsets: Value| -> Endpoints {
        serde_json::from_value(json!({"metadata": {"name": "nginx"}, "subsets": subsets}))
            .expect("endpoints")
    };
    let four = json!([{"addresses": [{"ip": "10.244.1.5"}, {"ip": "10.244.2.3"}, {"ip": "10.244.1.6"}, {"ip": "10.244.2.4"}],
                       "ports": [{"port": 80}]}]);
    assert_eq!(
        rows_core::format_endpoints(&ep(four)),
        "10.244.1.5:80,10.244.2.3:80,10.244.1.6:80 + 1 more..."
    );
    let two_ports = json!([{"addresses": [{"ip": "10.244.1.5"}, {"ip": "10.244.2.3"}], "ports": [{"port": 80}, {"port": 443}]}]);
    assert_eq!(
        rows_core::format_endpoints(&ep(two_ports)),
        "10.244.1.5:80,10.244.2.3:80,10.244.1.5:443 + 1 more..."
    );
    let headless = json!([{"addresses": [{"ip": "10.244.1.5"}]}]);
    assert_eq!(rows_core::format_endpoints(&ep(headless)), "10.244.1.5");
    assert_eq!(rows_core::format_endpoints(&ep(json!([]))), "<none>");
}

#[test]
fn watch_events_column() {
    let mut w = WatchPrinter::new(TableOptions::default());
    let t = rows_workloads::pods_table(&[watch_pod("web-0", "0/1", "Pending", None)], now());
    assert_eq!(
        w.print_event(&t, Some("ADDED")),
        "EVENT      NAME    READY   STATUS    RESTARTS   AGE\nADDED      web-0   0/1     Pending   0          0s\n"
    );
    let t = rows_workloads::pods_table(&[watch_pod("web-0", "1/1", "Running", None)], now());
    assert_eq!(
        w.print_event(&t, Some("MODIFIED")),
        "MODIFIED   web-0   1/1     Running   0          0s\n"
    );
}
