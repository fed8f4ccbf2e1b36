//! Field documentation for `kubectl explain`: the StatefulSet, Pod, PersistentVolumeClaim and
//! Service fields the playground uses, described in the playground's own words.

/// One field of a type.
pub(crate) struct Field {
    /// JSON name.
    pub name: &'static str,
    /// The type as explain shows it (`integer`, `[]Container`, `map[string]string`).
    pub ty: &'static str,
    /// Whether the API requires it.
    pub required: bool,
    /// What it means.
    pub doc: &'static str,
}

/// A documented type.
pub(crate) struct TypeDoc {
    /// Its name (`StatefulSetSpec`).
    pub name: &'static str,
    /// What it is.
    pub doc: &'static str,
    /// Its fields, sorted by name.
    pub fields: &'static [Field],
}

/// A field the API does not require.
pub(crate) const fn f(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
    }
}

/// A field the API requires.
pub(crate) const fn req(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        doc,
    }
}

/// `apiVersion`, common to every kind.
pub(crate) const API_VERSION: Field = f(
    "apiVersion",
    "string",
    "The versioned schema of this object, such as apps/v1 or v1. The API server uses it to decide how to read the object.",
);
/// `kind`, common to every kind.
pub(crate) const KIND: Field = f(
    "kind",
    "string",
    "The type of the object, such as StatefulSet or Pod, written in CamelCase. It cannot be changed.",
);
/// `metadata`, common to every kind.
pub(crate) const METADATA: Field = f(
    "metadata",
    "ObjectMeta",
    "Standard object metadata: name, namespace, labels, annotations and the fields the server sets.",
);

/// The StatefulSet types.
const WORKLOAD_TYPES: &[TypeDoc] = &[
    TypeDoc {
        name: "StatefulSet",
        doc: "A StatefulSet runs a set of pods that each keep a stable identity: a fixed name with an ordinal (web-0, web-1, ...), a stable network name through a headless Service, and their own PersistentVolumeClaims that outlive the pods.",
        fields: &[
            API_VERSION,
            KIND,
            METADATA,
            f(
                "spec",
                "StatefulSetSpec",
                "The desired state: how many pods, what they run, and how they are created, updated and removed.",
            ),
            f(
                "status",
                "StatefulSetStatus",
                "What the controller last observed about the set's pods. Written by the system; read-only.",
            ),
        ],
    },
    TypeDoc {
        name: "StatefulSetSpec",
        doc: "StatefulSetSpec describes the pods a StatefulSet manages and the rules it follows.",
        fields: &[
            f(
                "minReadySeconds",
                "integer",
                "How long a new pod must stay Ready, without any container crashing, before it counts as available. Ordered creation and rolling updates wait for availability. Defaults to 0.",
            ),
            f(
                "ordinals",
                "StatefulSetOrdinals",
                "Where the ordinals of the pods start. Without it, pods are numbered from 0.",
            ),
            f(
                "persistentVolumeClaimRetentionPolicy",
                "StatefulSetPersistentVolumeClaimRetentionPolicy",
                "Whether the claims made from volumeClaimTemplates are kept or deleted when the set is deleted or scaled down. Both default to Retain.",
            ),
            f(
                "podManagementPolicy",
                "string",
                "How pods are created and removed when scaling. OrderedReady (the default) creates pods one at a time in ordinal order, each only after the previous one is Running and Ready, and removes them in reverse order. Parallel creates and removes them all at once. It cannot be changed after creation.\n\nPossible enum values:\n - `\"OrderedReady\"` one at a time, in order, waiting for readiness\n - `\"Parallel\"` all at once, without waiting",
            ),
            f(
                "replicas",
                "integer",
                "How many pods the set should run. Defaults to 1.",
            ),
            f(
                "revisionHistoryLimit",
                "integer",
                "How many old ControllerRevisions to keep for rollbacks. Defaults to 10.",
            ),
            req(
                "selector",
                "LabelSelector",
                "The label query that picks the pods of this set. It must match the labels of the pod template and cannot be changed.",
            ),
            f(
                "serviceName",
                "string",
                "The headless Service that gives each pod its DNS name, <pod>.<service>.<namespace>.svc.cluster.local. You create that Service yourself.",
            ),
            req(
                "template",
                "PodTemplateSpec",
                "The pod every replica is made from. Each pod also gets its own claims from volumeClaimTemplates. Changing it starts a rollout according to updateStrategy.",
            ),
            f(
                "updateStrategy",
                "StatefulSetUpdateStrategy",
                "How pods are replaced when the template changes. Defaults to RollingUpdate.",
            ),
            f(
                "volumeClaimTemplates",
                "[]PersistentVolumeClaim",
                "Claims every pod gets, named <template>-<set>-<ordinal>. A pod must mount them by template name. They cannot be changed after creation.",
            ),
        ],
    },
    TypeDoc {
        name: "StatefulSetStatus",
        doc: "StatefulSetStatus is what the StatefulSet controller last reported.",
        fields: &[
            f(
                "availableReplicas",
                "integer",
                "Pods that have been Ready for at least minReadySeconds.",
            ),
            f(
                "collisionCount",
                "integer",
                "How often the controller found a name clash when naming a new ControllerRevision.",
            ),
            f(
                "conditions",
                "[]StatefulSetCondition",
                "Observations about the set. The controller itself sets none.",
            ),
            f(
                "currentReplicas",
                "integer",
                "Pods created from the revision in currentRevision.",
            ),
            f(
                "currentRevision",
                "string",
                "The ControllerRevision the pods below the rollout point run.",
            ),
            f(
                "observedGeneration",
                "integer",
                "The generation of the spec the controller has acted on. Smaller than metadata.generation while a change has not been seen yet.",
            ),
            f(
                "readyReplicas",
                "integer",
                "Pods whose Ready condition is true.",
            ),
            req(
                "replicas",
                "integer",
                "Pods the set currently has, including ones that are shutting down.",
            ),
            f(
                "updateRevision",
                "string",
                "The ControllerRevision made from the current template.",
            ),
            f(
                "updatedReplicas",
                "integer",
                "Pods created from the revision in updateRevision.",
            ),
        ],
    },
    TypeDoc {
        name: "StatefulSetUpdateStrategy",
        doc: "StatefulSetUpdateStrategy chooses how the controller replaces pods after a template change.",
        fields: &[
            f(
                "rollingUpdate",
                "RollingUpdateStatefulSetStrategy",
                "Settings of the RollingUpdate strategy. Only allowed with type RollingUpdate.",
            ),
            f(
                "type",
                "string",
                "RollingUpdate (the default) replaces pods one at a time from the highest ordinal down. OnDelete replaces a pod only when you delete it.\n\nPossible enum values:\n - `\"OnDelete\"` pods are replaced only when deleted by hand\n - `\"RollingUpdate\"` pods are replaced automatically, highest ordinal first",
            ),
        ],
    },
    TypeDoc {
        name: "RollingUpdateStatefulSetStrategy",
        doc: "RollingUpdateStatefulSetStrategy tunes a rolling update.",
        fields: &[
            f(
                "maxUnavailable",
                "IntOrString",
                "How many pods may be unavailable at once during the update, as a number or a percentage of replicas (rounded down, at least 1). Defaults to 1.",
            ),
            f(
                "partition",
                "integer",
                "Only pods with an ordinal at or above this number are updated; the others keep the old template, even when recreated. Use it for canaries and staged rollouts. Defaults to 0.",
            ),
        ],
    },
    TypeDoc {
        name: "StatefulSetPersistentVolumeClaimRetentionPolicy",
        doc: "StatefulSetPersistentVolumeClaimRetentionPolicy says what happens to the claims made from volumeClaimTemplates.",
        fields: &[
            f(
                "whenDeleted",
                "string",
                "Retain keeps the claims when the set is deleted; Delete lets the garbage collector delete them after their pods are gone. Defaults to Retain.",
            ),
            f(
                "whenScaled",
                "string",
                "Retain keeps the claims of pods removed by scaling down; Delete deletes them. Defaults to Retain.",
            ),
        ],
    },
    TypeDoc {
        name: "StatefulSetOrdinals",
        doc: "StatefulSetOrdinals sets the numbering of the set's pods.",
        fields: &[f(
            "start",
            "integer",
            "The ordinal of the first pod. With replicas 3 and start 2 the pods are named <set>-2, <set>-3 and <set>-4. Defaults to 0.",
        )],
    },
    TypeDoc {
        name: "PodTemplateSpec",
        doc: "PodTemplateSpec is the description of the pods a controller creates.",
        fields: &[
            f(
                "metadata",
                "ObjectMeta",
                "Metadata every pod gets; its labels must match the selector.",
            ),
            f("spec", "PodSpec", "The specification of each pod."),
        ],
    },
];

/// The documented type named `name`.
pub(crate) fn type_doc(name: &str) -> Option<&'static TypeDoc> {
    WORKLOAD_TYPES
        .iter()
        .chain(super::explain_data_pod::POD_TYPES)
        .chain(super::explain_data_core::CORE_TYPES)
        .find(|t| t.name == name)
}

/// The type an explain type string leads to (`[]Container` → `Container`).
pub(crate) fn element_type(ty: &str) -> &str {
    let t = ty.trim_start_matches("[]");
    t.strip_prefix("map[string]").unwrap_or(t)
}
