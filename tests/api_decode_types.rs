//! Locating decode failures by the path serde reports.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use sts_playground::sim::api::decode_types::*;

use k8s_openapi::api::apps::v1::StatefulSet;
use serde_json::json;

#[test]
fn locates_the_failing_field() {
    let doc = json!({"spec": {"replicas": "3"}});
    let located = locate::<StatefulSet>(&doc).expect("fails");
    assert_eq!(
        located.path,
        vec![Seg::Key("spec".into()), Seg::Key("replicas".into())]
    );
    assert_eq!(
        go_type_error::<StatefulSet>(&doc, &located, "StatefulSet"),
        "json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32"
    );
}

#[test]
fn paths_name_keys_and_indices_outermost_first() {
    let doc = json!({"spec": {"template": {"spec": {"containers": [
        {"name": "a", "image": "nginx"},
        {"name": "b", "ports": [{"containerPort": "80"}]}
    ]}}}});
    let located = locate::<StatefulSet>(&doc).expect("fails");
    let want: Vec<Seg> = vec![
        Seg::Key("spec".into()),
        Seg::Key("template".into()),
        Seg::Key("spec".into()),
        Seg::Key("containers".into()),
        Seg::Index(1),
        Seg::Key("ports".into()),
        Seg::Index(0),
        Seg::Key("containerPort".into()),
    ];
    assert_eq!(located.path, want);
    assert_eq!(located.message, "invalid type: string \"80\", expected i32");
}

#[test]
fn messages_word_null_and_missing_fields_as_serde_json_does() {
    let null = locate::<StatefulSet>(&json!({"spec": {"serviceName": null, "replicas": null,
        "selector": {"matchLabels": {"app": null}}}}))
    .expect("fails");
    assert_eq!(
        null.path,
        vec![
            Seg::Key("spec".into()),
            Seg::Key("selector".into()),
            Seg::Key("matchLabels".into()),
            Seg::Key("app".into())
        ]
    );
    assert_eq!(null.message, "invalid type: null, expected a string");
    let plain = serde_json::from_value::<StatefulSet>(
        json!({"spec": {"selector": {"matchLabels": {"app": null}}}}),
    )
    .expect_err("fails");
    assert_eq!(null.message, plain.to_string());
}

#[test]
fn from_value_reads_what_to_value_wrote_including_numeric_keys() {
    use std::collections::BTreeMap;
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    enum Shape {
        Dot,
        Line(u32),
        Box { w: u8, h: u8 },
    }
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct State {
        by_id: BTreeMap<u64, String>,
        shapes: Vec<Shape>,
        pair: (i32, bool),
        maybe: Option<f64>,
    }
    let state = State {
        by_id: BTreeMap::from([(7, "seven".to_string()), (40, "forty".to_string())]),
        shapes: vec![Shape::Dot, Shape::Line(3), Shape::Box { w: 1, h: 2 }],
        pair: (-5, true),
        maybe: Some(1.5),
    };
    let value = serde_json::to_value(&state).expect("serialises");
    let back: State = from_value(value).expect("reads back");
    assert_eq!(back, state);
    let bad = from_value::<State>(json!({"by_id": {"x": "?"}, "shapes": [], "pair": [1, true],
        "maybe": null}))
    .expect_err("a key that is not a number");
    assert_eq!(bad.path, vec![Seg::Key("by_id".into())]);
    assert!(
        bad.message.contains("invalid type: string \"x\""),
        "{}",
        bad.message
    );
}
