//! Patch tests: the examples of kubernetes.io "Update API Objects in Place Using kubectl patch",
//! RFC 6902 Appendix A, strategic directives, and the three-way patch of `kubectl apply`.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use sts_playground::sim::api::decode::patch_unknown_fields_message;
use sts_playground::sim::api::json_patch::{JsonPatchError, apply_json_patch};
use sts_playground::sim::api::merge_patch::apply_merge_patch;
use sts_playground::sim::api::strategic::strategic_merge_patch;
use sts_playground::sim::api::strategic_diff::{
    is_empty_patch, three_way_merge_patch, two_way_merge_patch,
};

/// The Deployment of the kubectl-patch task page, as the server stores it (trimmed).
fn patch_demo() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "patch-demo"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "nginx"}},
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
            "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {
                "containers": [{"name": "patch-demo-ctr", "image": "nginx"}],
                "tolerations": [{"effect": "NoSchedule", "key": "dedicated", "value": "test-team"}]}}}})
}

#[test]
fn docs_strategic_patch_adds_a_container_first() {
    let patch = json!({"spec": {"template": {"spec": {"containers": [{"name": "patch-demo-ctr-2", "image": "redis"}]}}}});
    let out = strategic_merge_patch(&patch_demo(), &patch, "Deployment").expect("applies");
    assert_eq!(
        out["spec"]["template"]["spec"]["containers"],
        json!([{"name": "patch-demo-ctr-2", "image": "redis"}, {"name": "patch-demo-ctr", "image": "nginx"}])
    );
}

#[test]
fn docs_tolerations_are_replaced_not_merged() {
    let patch = json!({"spec": {"template": {"spec": {"tolerations": [{"effect": "NoSchedule", "key": "disktype", "value": "ssd"}]}}}});
    let out = strategic_merge_patch(&patch_demo(), &patch, "Deployment").expect("applies");
    assert_eq!(
        out["spec"]["template"]["spec"]["tolerations"],
        json!([{"effect": "NoSchedule", "key": "disktype", "value": "ssd"}])
    );
}

#[test]
fn docs_merge_patch_replaces_the_container_list() {
    let patch = json!({"spec": {"template": {"spec": {"containers": [{"name": "patch-demo-ctr-3", "image": "gcr.io/google-samples/hello-app:2.0"}]}}}});
    let out = apply_merge_patch(&patch_demo(), &patch).expect("applies");
    assert_eq!(
        out["spec"]["template"]["spec"]["containers"],
        json!([{"name": "patch-demo-ctr-3", "image": "gcr.io/google-samples/hello-app:2.0"}])
    );
    assert_eq!(out["spec"]["replicas"], 2);
}

#[test]
fn docs_json_patch_replaces_an_image_and_retain_keys_switch_strategy() {
    let patch = json!([{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "nginx:1.27"}]);
    let out = apply_json_patch(&patch_demo(), &patch).expect("applies");
    assert_eq!(
        out["spec"]["template"]["spec"]["containers"][0]["image"],
        "nginx:1.27"
    );
    let retain = json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}});
    let out = strategic_merge_patch(&patch_demo(), &retain, "Deployment").expect("applies");
    assert_eq!(out["spec"]["strategy"], json!({"type": "Recreate"}));
    let plain = json!({"spec": {"strategy": {"type": "Recreate"}}});
    let out = strategic_merge_patch(&patch_demo(), &plain, "Deployment").expect("applies");
    assert_eq!(
        out["spec"]["strategy"],
        json!({"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "Recreate"})
    );
}

#[test]
fn rfc6902_appendix_a() {
    let ok = [
        (
            json!({"foo": "bar"}),
            json!([{"op": "add", "path": "/baz", "value": "qux"}]),
            json!({"baz": "qux", "foo": "bar"}),
        ),
        (
            json!({"foo": ["bar", "baz"]}),
            json!([{"op": "add", "path": "/foo/1", "value": "qux"}]),
            json!({"foo": ["bar", "qux", "baz"]}),
        ),
        (
            json!({"baz": "qux", "foo": "bar"}),
            json!([{"op": "remove", "path": "/baz"}]),
            json!({"foo": "bar"}),
        ),
        (
            json!({"foo": ["bar", "qux", "baz"]}),
            json!([{"op": "remove", "path": "/foo/1"}]),
            json!({"foo": ["bar", "baz"]}),
        ),
        (
            json!({"baz": "qux", "foo": "bar"}),
            json!([{"op": "replace", "path": "/baz", "value": "boo"}]),
            json!({"baz": "boo", "foo": "bar"}),
        ),
        (
            json!({"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}),
            json!([{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}]),
            json!({"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}),
        ),
        (
            json!({"foo": ["all", "grass", "cows", "eat"]}),
            json!([{"op": "move", "from": "/foo/1", "path": "/foo/3"}]),
            json!({"foo": ["all", "cows", "eat", "grass"]}),
        ),
        (
            json!({"baz": "qux", "foo": ["a", 2, "c"]}),
            json!([{"op": "test", "path": "/baz", "value": "qux"}, {"op": "test", "path": "/foo/1", "value": 2}]),
            json!({"baz": "qux", "foo": ["a", 2, "c"]}),
        ),
        (
            json!({"foo": "bar"}),
            json!([{"op": "add", "path": "/child", "value": {"grandchild": {}}}]),
            json!({"foo": "bar", "child": {"grandchild": {}}}),
        ),
        (
            json!({"foo": "bar"}),
            json!([{"op": "add", "path": "/baz", "value": "qux", "xyz": 123}]),
            json!({"foo": "bar", "baz": "qux"}),
        ),
        (
            json!({"foo": ["bar"]}),
            json!([{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}]),
            json!({"foo": ["bar", ["abc", "def"]]}),
        ),
        (
            json!({"/": 9, "~1": 10}),
            json!([{"op": "test", "path": "/~01", "value": 10}]),
            json!({"/": 9, "~1": 10}),
        ),
        (
            json!({"foo": "bar"}),
            json!([{"op": "copy", "from": "/foo", "path": "/baz"}]),
            json!({"foo": "bar", "baz": "bar"}),
        ),
    ];
    for (doc, patch, want) in ok {
        assert_eq!(apply_json_patch(&doc, &patch), Ok(want), "patch {patch}");
    }
    let failing = [
        (
            json!({"baz": "qux"}),
            json!([{"op": "test", "path": "/baz", "value": "bar"}]),
            "testing value /baz failed: test failed",
        ),
        (
            json!({"foo": "bar"}),
            json!([{"op": "add", "path": "/baz/bat", "value": "qux"}]),
            "add operation does not apply: doc is missing path: \"/baz/bat\": missing value",
        ),
        (
            json!({"/": 9, "~1": 10}),
            json!([{"op": "test", "path": "/~01", "value": "10"}]),
            "testing value /~01 failed: test failed",
        ),
        (
            json!({"foo": "bar"}),
            json!([{"op": "remove", "path": "/nope"}]),
            "error in remove for path: '/nope': Unable to remove nonexistent key: nope: missing value",
        ),
        (
            json!({"a": [1]}),
            json!([{"op": "add", "path": "/a/5", "value": 2}]),
            "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced",
        ),
        (
            json!({"a": [1]}),
            json!([{"op": "replace", "path": "/a/3", "value": 2}]),
            "replace operation does not apply: doc is missing key: /a/3: missing value",
        ),
        (
            json!({}),
            json!([{"op": "frob", "path": "/a"}]),
            "Unexpected kind: frob",
        ),
    ];
    for (doc, patch, want) in failing {
        let e = apply_json_patch(&doc, &patch).expect_err("fails");
        assert_eq!(e, JsonPatchError::Apply(want.to_string()), "patch {patch}");
        assert_eq!(
            e.kubectl_message(),
            "The request is invalid: the server rejected our request due to an error in our request"
        );
    }
    let bad = apply_json_patch(&json!({}), &json!({"op": "add"})).expect_err("fails");
    assert_eq!(
        bad.kubectl_message(),
        "Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp"
    );
}

fn sts(containers: Value) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web", "labels": {"a": "1", "b": "2"}, "finalizers": ["x", "y"]},
        "spec": {"replicas": 2, "template": {"spec": {"containers": containers, "volumes": [{"name": "data", "emptyDir": {}}]}}}})
}

#[test]
fn strategic_directives() {
    let base = sts(
        json!([{"name": "nginx", "image": "nginx", "env": [{"name": "A", "value": "1"}], "ports": [{"containerPort": 80, "name": "web"}]},
        {"name": "side", "image": "busybox"}]),
    );
    let cases = [
        (
            json!({"metadata": {"labels": {"b": null, "c": "3"}}}),
            "/metadata/labels",
            json!({"a": "1", "c": "3"}),
        ),
        (
            json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["x"]}}),
            "/metadata/finalizers",
            json!(["y"]),
        ),
        (
            json!({"metadata": {"finalizers": ["z"]}}),
            "/metadata/finalizers",
            json!(["z", "x", "y"]),
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": [{"name": "side", "$patch": "delete"}]}}}}),
            "/spec/template/spec/containers",
            json!([{"name": "nginx", "image": "nginx", "env": [{"name": "A", "value": "1"}], "ports": [{"containerPort": 80, "name": "web"}]}]),
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": [{"name": "only", "image": "x"}, {"$patch": "replace"}]}}}}),
            "/spec/template/spec/containers",
            json!([{"name": "only", "image": "x"}]),
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": [{"name": "nginx", "env": [{"name": "B", "value": "2"}, {"name": "A", "value": "9"}]}]}}}}),
            "/spec/template/spec/containers/0/env",
            json!([{"name": "B", "value": "2"}, {"name": "A", "value": "9"}]),
        ),
        (
            json!({"spec": {"template": {"spec": {"containers": [{"name": "nginx", "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}}}}),
            "/spec/template/spec/containers/0/ports",
            json!([{"containerPort": 80, "name": "web", "protocol": "TCP"}]),
        ),
        (
            json!({"spec": {"template": {"spec": {"volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "c"}, "$retainKeys": ["name", "persistentVolumeClaim"]}]}}}}),
            "/spec/template/spec/volumes",
            json!([{"name": "data", "persistentVolumeClaim": {"claimName": "c"}}]),
        ),
        (
            json!({"spec": {"template": {"$patch": "replace", "spec": {}}}}),
            "/spec/template",
            json!({"spec": {}}),
        ),
        (
            json!({"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "side"}, {"name": "nginx"}]}}}}),
            "/spec/template/spec/containers/0/name",
            json!("side"),
        ),
    ];
    for (patch, pointer, want) in cases {
        let out = strategic_merge_patch(&base, &patch, "StatefulSet").expect("applies");
        assert_eq!(out.pointer(pointer), Some(&want), "patch {patch}");
    }
    let bad = strategic_merge_patch(
        &base,
        &json!({"spec": {"template": {"spec": {"containers": [{"image": "x"}]}}}}),
        "StatefulSet",
    )
    .expect_err("fails");
    assert_eq!(
        bad.to_string(),
        "map: map[image:x] does not contain declared merge key: name"
    );
    let weird = strategic_merge_patch(&base, &json!({"spec": {"$patch": "frob"}}), "StatefulSet")
        .expect_err("fails");
    assert_eq!(
        weird.to_string(),
        "unknown patch type: frob in map: map[$patch:frob]"
    );
}

#[test]
fn apply_three_way_patches_like_kubectl() {
    let last = sts(json!([{"name": "nginx", "image": "nginx:1.26"}]));
    let mut live = last.clone();
    live["spec"]["template"]["spec"]["dnsPolicy"] = json!("ClusterFirst");
    live["status"] = json!({"replicas": 2});
    let cases = [
        (
            sts(json!([{"name": "nginx", "image": "nginx:1.26"}])),
            json!({}),
        ),
        (
            sts(json!([{"name": "nginx", "image": "nginx:1.27"}])),
            json!({"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "nginx"}], "containers": [{"image": "nginx:1.27", "name": "nginx"}]}}}}),
        ),
        (
            {
                let mut m = last.clone();
                m["spec"]["replicas"] = json!(3);
                m
            },
            json!({"spec": {"replicas": 3}}),
        ),
        (
            {
                let mut m = last.clone();
                m["metadata"]["labels"] = json!({"a": "1"});
                m
            },
            json!({"metadata": {"labels": {"b": null}}}),
        ),
        (
            {
                let mut m = last.clone();
                m["metadata"]["finalizers"] = json!(["x"]);
                m
            },
            json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["y"], "$setElementOrder/finalizers": ["x"]}}),
        ),
        (
            sts(
                json!([{"name": "nginx", "image": "nginx:1.26"}, {"name": "side", "image": "busybox"}]),
            ),
            json!({"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "nginx"}, {"name": "side"}], "containers": [{"image": "busybox", "name": "side"}]}}}}),
        ),
    ];
    for (modified, want) in cases {
        let patch =
            three_way_merge_patch(Some(&last), &modified, &live, "StatefulSet").expect("computes");
        assert_eq!(patch, want, "modified {modified}");
        let applied = strategic_merge_patch(&live, &patch, "StatefulSet").expect("applies");
        assert_eq!(
            applied["spec"]["template"]["spec"]["containers"],
            modified["spec"]["template"]["spec"]["containers"]
        );
        assert_eq!(applied["metadata"], modified["metadata"]);
        assert_eq!(
            applied["spec"]["template"]["spec"]["dnsPolicy"], "ClusterFirst",
            "server-set fields survive"
        );
    }
    assert!(is_empty_patch(
        &three_way_merge_patch(Some(&last), &last, &live, "StatefulSet").expect("computes")
    ));
    let removed = three_way_merge_patch(
        Some(&sts(
            json!([{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]),
        )),
        &sts(json!([{"name": "a", "image": "x"}])),
        &sts(json!([{"name": "a", "image": "x"}, {"name": "b", "image": "y"}])),
        "StatefulSet",
    )
    .expect("computes");
    assert_eq!(
        removed,
        json!({"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "a"}], "containers": [{"$patch": "delete", "name": "b"}]}}}})
    );
    let first_apply = three_way_merge_patch(
        None,
        &sts(json!([{"name": "a", "image": "x"}])),
        &sts(json!([{"name": "a", "image": "x"}])),
        "StatefulSet",
    )
    .expect("computes");
    assert!(is_empty_patch(&first_apply));
}

#[test]
fn two_way_patches_round_trip() {
    let pairs = [
        (
            sts(json!([{"name": "a", "image": "x"}])),
            sts(json!([{"name": "b", "image": "y"}, {"name": "a", "image": "z"}])),
        ),
        (
            sts(json!([{"name": "a", "image": "x", "args": ["1", "2"]}])),
            sts(json!([{"name": "a", "image": "x", "args": ["2"]}])),
        ),
        (
            json!({"metadata": {"finalizers": ["a", "b", "c"]}}),
            json!({"metadata": {"finalizers": ["c", "a"]}}),
        ),
    ];
    for (original, modified) in pairs {
        let patch = two_way_merge_patch(&original, &modified, "StatefulSet").expect("diff");
        let applied = strategic_merge_patch(&original, &patch, "StatefulSet").expect("applies");
        assert_eq!(applied, modified, "patch {patch}");
    }
}

#[test]
fn unknown_fields_in_a_patch() {
    assert_eq!(
        patch_unknown_fields_message(
            &json!({"spec": {"replica": 3}}),
            &["spec.replica".to_string()]
        ),
        "The request is invalid: patch: Invalid value: \"map[spec:map[replica:3]]\": strict decoding error: unknown field \"spec.replica\""
    );
}
