//! Locating decode failures through the line-mapped rendering.

use serde_json::Value;
use sts_playground::sim::api::decode_types::*;

use k8s_openapi::api::apps::v1::StatefulSet;
use serde_json::json;

#[test]
fn lines_map_back_to_paths() {
    let doc = json!({"spec": {"replicas": "3", "list": [1, {"a": true}]}});
    let (text, lines) = render_lines(&doc);
    assert_eq!(text.lines().count(), lines.len());
    let idx = text
        .lines()
        .position(|l| l.starts_with("\"3\""))
        .expect("replicas line");
    assert_eq!(
        lines.get(idx).cloned(),
        Some(vec![Seg::Key("spec".into()), Seg::Key("replicas".into())])
    );
    assert!(serde_json::from_str::<Value>(&text).is_ok());
}

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
