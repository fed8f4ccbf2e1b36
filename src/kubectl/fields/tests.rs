//! Checks of the generated field table: the types it names are documented, fields are sorted
//! as explain lists them, enum values sit in the description as openapi-gen writes them, and
//! required flags are the API's.

use super::*;

#[test]
fn types_are_sorted_and_every_target_is_documented() {
    let names: Vec<&str> = TYPES.iter().map(|t| t.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    for t in TYPES {
        let fields: Vec<&str> = t.fields.iter().map(|f| f.name).collect();
        let mut sorted = fields.clone();
        sorted.sort_unstable();
        assert_eq!(fields, sorted, "{}", t.name);
        for f in t.fields {
            assert!(
                f.of.is_empty() || f.target().is_some(),
                "{}.{}",
                t.name,
                f.name
            );
        }
    }
    // Every simulated kind is documented (src/sim/kind.rs).
    for kind in crate::sim::kind::Kind::ALL {
        assert!(type_doc(kind.name()).is_some(), "{}", kind.name());
    }
}

#[test]
fn enum_values_are_listed_in_the_description() {
    // kube-openapi pkg/generators/enum.go: "Possible enum values:" and a `"Value"` line per
    // constant of a `+enum` type, sorted by value.
    let policy = type_doc("StatefulSetSpec")
        .and_then(|t| t.fields.iter().find(|f| f.name == "podManagementPolicy"))
        .expect("documented");
    assert_eq!(policy.values, &["OrderedReady", "Parallel"]);
    assert!(policy.doc.contains(
        "\n\nPossible enum values:\n - `\"OrderedReady\"` will create pods in strictly increasing order"
    ));
    for t in TYPES {
        for f in t.fields {
            for v in f.values {
                assert!(
                    f.doc.contains(&format!(" - `{v:?}`")),
                    "{}.{} {v}",
                    t.name,
                    f.name
                );
            }
        }
    }
}

#[test]
fn types_and_required_flags_are_the_apis() {
    let field = |t: &str, f: &str| {
        type_doc(t)
            .and_then(|t| t.fields.iter().find(|x| x.name == f))
            .expect("documented")
    };
    // plaintext.tmpl typeGuess: a referenced object by its name, Time as string, lists and maps.
    assert_eq!(field("StatefulSet", "spec").ty, "StatefulSetSpec");
    assert_eq!(field("ObjectMeta", "creationTimestamp").ty, "string");
    assert_eq!(field("ObjectMeta", "labels").ty, "map[string]string");
    assert_eq!(field("PodSpec", "containers").ty, "[]Container");
    assert_eq!(
        field("ResourceRequirements", "limits").ty,
        "map[string]Quantity"
    );
    assert_eq!(
        field("RollingUpdateStatefulSetStrategy", "maxUnavailable").ty,
        "IntOrString"
    );
    // k8s.io/api apps/v1 types.go: spec and metadata are optional, selector and template not.
    assert!(!field("StatefulSet", "spec").required);
    assert!(!field("StatefulSet", "metadata").required);
    assert!(field("StatefulSetSpec", "selector").required);
    assert!(!field("SecretKeySelector", "name").required);
    assert!(field("SecretKeySelector", "key").required);
    let names: Vec<&str> = common().iter().map(|f| f.name).collect();
    assert_eq!(names, ["apiVersion", "kind", "metadata"]);
}

#[test]
fn summaries_drop_the_enum_list_and_sentences_end_at_a_full_stop() {
    let policy = type_doc("StatefulSetSpec")
        .and_then(|t| t.fields.iter().find(|f| f.name == "podManagementPolicy"))
        .expect("documented");
    // staging/src/k8s.io/api/apps/v1/types.go, StatefulSetSpec.PodManagementPolicy.
    assert!(
        policy
            .summary()
            .ends_with("on scale down will delete all pods at once.")
    );
    assert_eq!(
        policy.first_sentence(),
        "podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down."
    );
    assert_eq!(
        first_sentence("Use a name (e.g. web). Then more."),
        "Use a name (e.g. web)."
    );
    assert_eq!(first_sentence("No stop at all"), "No stop at all");
}
