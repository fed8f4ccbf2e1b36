//! Field documentation of claims, services and object metadata, in the playground's own words.

use super::explain_data::{API_VERSION, KIND, METADATA, TypeDoc, f, req};

/// Claims, services and metadata.
pub(crate) const CORE_TYPES: &[TypeDoc] = &[
    TypeDoc {
        name: "PersistentVolumeClaim",
        doc: "A PersistentVolumeClaim asks for storage. It is bound to a PersistentVolume, which a provisioner creates for the claim's storage class.",
        fields: &[
            API_VERSION,
            KIND,
            METADATA,
            f(
                "spec",
                "PersistentVolumeClaimSpec",
                "The storage requested.",
            ),
            f(
                "status",
                "PersistentVolumeClaimStatus",
                "The claim's current state. Read-only.",
            ),
        ],
    },
    TypeDoc {
        name: "PersistentVolumeClaimSpec",
        doc: "PersistentVolumeClaimSpec describes the storage a claim asks for.",
        fields: &[
            f(
                "accessModes",
                "[]string",
                "How the volume may be mounted: ReadWriteOnce (one node), ReadOnlyMany, ReadWriteMany or ReadWriteOncePod. At least one is required.",
            ),
            f(
                "resources",
                "VolumeResourceRequirements",
                "The size requested, as requests.storage (for example 1Gi).",
            ),
            f(
                "selector",
                "LabelSelector",
                "Labels an existing volume must have to be bound to this claim.",
            ),
            f(
                "storageClassName",
                "string",
                "The storage class to provision from. Left out, the cluster's default class is used; an empty string asks for no class.",
            ),
            f("volumeMode", "string", "Filesystem (the default) or Block."),
            f(
                "volumeName",
                "string",
                "The PersistentVolume bound to this claim.",
            ),
        ],
    },
    TypeDoc {
        name: "PersistentVolumeClaimStatus",
        doc: "PersistentVolumeClaimStatus is the current state of a claim.",
        fields: &[
            f(
                "accessModes",
                "[]string",
                "The access modes of the bound volume.",
            ),
            f(
                "capacity",
                "map[string]Quantity",
                "The size of the bound volume.",
            ),
            f(
                "phase",
                "string",
                "Pending until bound, then Bound; Lost when the volume disappeared.",
            ),
        ],
    },
    TypeDoc {
        name: "VolumeResourceRequirements",
        doc: "The storage requested by a claim.",
        fields: &[
            f(
                "limits",
                "map[string]Quantity",
                "The most storage the claim may use.",
            ),
            f(
                "requests",
                "map[string]Quantity",
                "The storage the claim needs, as storage: 1Gi.",
            ),
        ],
    },
    TypeDoc {
        name: "Service",
        doc: "A Service gives a set of pods one network name. With clusterIP None it is headless: DNS then returns the pods' own addresses, and each pod of a StatefulSet gets its own name.",
        fields: &[
            API_VERSION,
            KIND,
            METADATA,
            f(
                "spec",
                "ServiceSpec",
                "Which pods the Service selects and which ports it exposes.",
            ),
            f(
                "status",
                "ServiceStatus",
                "The Service's current state. Read-only.",
            ),
        ],
    },
    TypeDoc {
        name: "ServiceSpec",
        doc: "ServiceSpec describes a Service.",
        fields: &[
            f(
                "clusterIP",
                "string",
                "The virtual address of the Service, normally assigned by the server. None makes a headless Service.",
            ),
            f("ports", "[]ServicePort", "The ports the Service exposes."),
            f(
                "publishNotReadyAddresses",
                "boolean",
                "List pods in DNS even before they are Ready.",
            ),
            f(
                "selector",
                "map[string]string",
                "Labels of the pods behind the Service.",
            ),
            f(
                "sessionAffinity",
                "string",
                "ClientIP keeps a client on the same pod; None (the default) does not.",
            ),
            f(
                "type",
                "string",
                "ClusterIP (the default), NodePort, LoadBalancer or ExternalName.",
            ),
        ],
    },
    TypeDoc {
        name: "ServicePort",
        doc: "A port a Service exposes.",
        fields: &[
            f(
                "name",
                "string",
                "A name for the port; required when there are several.",
            ),
            f(
                "nodePort",
                "integer",
                "The port opened on every node for NodePort and LoadBalancer Services.",
            ),
            req("port", "integer", "The port the Service listens on."),
            f("protocol", "string", "TCP, UDP or SCTP. Defaults to TCP."),
            f(
                "targetPort",
                "IntOrString",
                "The port on the pods, as a number or a container port name. Defaults to port.",
            ),
        ],
    },
    TypeDoc {
        name: "ObjectMeta",
        doc: "ObjectMeta is the metadata every stored object has.",
        fields: &[
            f(
                "annotations",
                "map[string]string",
                "Free-form notes for tools, such as the last configuration kubectl apply wrote.",
            ),
            f(
                "creationTimestamp",
                "string",
                "When the object was created. Set by the server.",
            ),
            f(
                "deletionTimestamp",
                "string",
                "When the object will be gone; set when it is being deleted.",
            ),
            f(
                "finalizers",
                "[]string",
                "Tasks that must finish before the object can be removed.",
            ),
            f(
                "generateName",
                "string",
                "A prefix the server completes with random characters when no name is given.",
            ),
            f(
                "generation",
                "integer",
                "A number the server increases on every change of the desired state.",
            ),
            f(
                "labels",
                "map[string]string",
                "Key/value pairs used by selectors, for example app: nginx.",
            ),
            f(
                "name",
                "string",
                "The object's name, unique per kind and namespace.",
            ),
            f(
                "namespace",
                "string",
                "The namespace the object lives in. Defaults to the namespace of the request.",
            ),
            f(
                "ownerReferences",
                "[]OwnerReference",
                "The objects this one belongs to; the garbage collector deletes it after them.",
            ),
            f(
                "resourceVersion",
                "string",
                "An opaque version the server changes on every write, used to detect conflicts.",
            ),
            f(
                "uid",
                "string",
                "A unique ID the server assigns. A recreated object gets a new one.",
            ),
        ],
    },
    TypeDoc {
        name: "LabelSelector",
        doc: "A label query over objects. Its requirements are ANDed; an empty selector matches everything.",
        fields: &[
            f(
                "matchExpressions",
                "[]LabelSelectorRequirement",
                "Requirements with the operators In, NotIn, Exists and DoesNotExist.",
            ),
            f(
                "matchLabels",
                "map[string]string",
                "Labels that must all be present with these values.",
            ),
        ],
    },
];
