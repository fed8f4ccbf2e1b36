//! Checks of the field table: every type it names is documented or a leaf, fields are sorted as
//! explain lists them, and the values offered for a field are values the API documents.

use super::*;

/// Types explain prints without fields of their own.
const LEAVES: &[&str] = &[
    "string",
    "integer",
    "boolean",
    "Quantity",
    "IntOrString",
    "Affinity",
    "Toleration",
    "Volume",
    "ExecAction",
    "HTTPGetAction",
    "TCPSocketAction",
    "EnvVarSource",
    "OwnerReference",
    "StatefulSetCondition",
    "ServiceStatus",
    "PodStatus",
    "PersistentVolumeStatus",
    "LabelSelectorRequirement",
    "ObjectReference",
    "HostPathVolumeSource",
    "VolumeNodeAffinity",
];

fn all_types() -> impl Iterator<Item = &'static TypeDoc> {
    apps::TYPES
        .iter()
        .chain(pod::TYPES)
        .chain(storage::TYPES)
        .chain(service::TYPES)
}

#[test]
fn every_type_is_documented_and_its_fields_sorted() {
    for t in all_types() {
        let names: Vec<&str> = t.fields.iter().map(|f| f.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "{}", t.name);
        for f in t.fields {
            let ty = element_type(f.ty);
            assert!(
                type_doc(ty).is_some() || LEAVES.contains(&ty),
                "{}.{} <{}>",
                t.name,
                f.name,
                f.ty
            );
        }
    }
}

#[test]
fn offered_values_are_the_documented_enum_values() {
    // openapi-gen appends "Possible enum values:" with a `"Value"` line per constant of a
    // `+enum` type (kube-openapi pkg/generators/enum.go); where the text lists them, every
    // value the editor offers must be one of them.
    for t in all_types() {
        for f in t.fields {
            if !f.doc.contains("Possible enum values:") {
                continue;
            }
            for v in f.values {
                assert!(
                    f.doc.contains(&format!("`\"{v}\"`")),
                    "{}.{} {v}",
                    t.name,
                    f.name
                );
            }
        }
    }
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
