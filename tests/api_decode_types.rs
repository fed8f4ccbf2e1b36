//! Locating decode failures by the path serde reports.

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
