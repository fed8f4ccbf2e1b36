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

const fn f(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
    }
}

const fn req(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        doc,
    }
}

const API_VERSION: Field = f(
    "apiVersion",
    "string",
    "The versioned schema of this object, such as apps/v1 or v1. The API server uses it to decide how to read the object.",
);
const KIND: Field = f(
    "kind",
    "string",
    "The type of the object, such as StatefulSet or Pod, written in CamelCase. It cannot be changed.",
);
const METADATA: Field = f(
    "metadata",
    "ObjectMeta",
    "Standard object metadata: name, namespace, labels, annotations and the fields the server sets.",
);

/// Every documented type.
pub(crate) const TYPES: &[TypeDoc] = &[
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
    TypeDoc {
        name: "Pod",
        doc: "A Pod is one or more containers that run together on a node, sharing a network address and volumes.",
        fields: &[
            API_VERSION,
            KIND,
            METADATA,
            f("spec", "PodSpec", "What the pod runs and how."),
            f(
                "status",
                "PodStatus",
                "What the kubelet last reported about the pod. Read-only.",
            ),
        ],
    },
    TypeDoc {
        name: "PodSpec",
        doc: "PodSpec describes the containers of a pod and how they run.",
        fields: &[
            f(
                "affinity",
                "Affinity",
                "Rules that attract the pod to, or keep it away from, nodes and other pods.",
            ),
            req(
                "containers",
                "[]Container",
                "The containers of the pod. There must be at least one; they cannot be added or removed later.",
            ),
            f(
                "dnsPolicy",
                "string",
                "How the pod resolves names. Defaults to ClusterFirst, which uses the cluster DNS.",
            ),
            f(
                "hostname",
                "string",
                "The pod's host name. StatefulSet pods get their pod name here.",
            ),
            f(
                "initContainers",
                "[]Container",
                "Containers that run to completion, one after another, before the regular containers start.",
            ),
            f(
                "nodeName",
                "string",
                "The node the pod runs on. Normally set by the scheduler.",
            ),
            f(
                "nodeSelector",
                "map[string]string",
                "Labels a node must have for the pod to be scheduled there.",
            ),
            f(
                "restartPolicy",
                "string",
                "Always, OnFailure or Never. Pods of a StatefulSet must use Always, the default.",
            ),
            f(
                "serviceAccountName",
                "string",
                "The service account the pod runs as. Defaults to default.",
            ),
            f(
                "subdomain",
                "string",
                "Together with hostname, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.cluster.local. StatefulSet pods get the serviceName here.",
            ),
            f(
                "terminationGracePeriodSeconds",
                "integer",
                "Seconds the containers get to stop after SIGTERM before they are killed. Defaults to 30.",
            ),
            f(
                "tolerations",
                "[]Toleration",
                "Taints of nodes this pod accepts.",
            ),
            f("volumes", "[]Volume", "Volumes the containers can mount."),
        ],
    },
    TypeDoc {
        name: "Container",
        doc: "A single container in a pod.",
        fields: &[
            f(
                "args",
                "[]string",
                "Arguments passed to the command. Without it, the image's default arguments are used.",
            ),
            f(
                "command",
                "[]string",
                "The program to run instead of the image's entrypoint. It is not run in a shell.",
            ),
            f(
                "env",
                "[]EnvVar",
                "Environment variables to set in the container.",
            ),
            f(
                "image",
                "string",
                "The container image, such as registry.k8s.io/nginx-slim:0.24. Changing it in a StatefulSet template starts a rollout.",
            ),
            f(
                "imagePullPolicy",
                "string",
                "Always, Never or IfNotPresent. Defaults to Always for the latest tag and IfNotPresent otherwise.",
            ),
            f(
                "livenessProbe",
                "Probe",
                "A check that restarts the container when it fails.",
            ),
            req(
                "name",
                "string",
                "The container's name, unique in the pod (a DNS label).",
            ),
            f(
                "ports",
                "[]ContainerPort",
                "Ports the container listens on. Listing them is informational; named ports can be used by Services and probes.",
            ),
            f(
                "readinessProbe",
                "Probe",
                "A check that decides whether the container is Ready. A StatefulSet with OrderedReady waits for readiness before creating the next pod.",
            ),
            f(
                "resources",
                "ResourceRequirements",
                "CPU and memory the container requests and may not exceed.",
            ),
            f(
                "startupProbe",
                "Probe",
                "A check that must succeed before the other probes start.",
            ),
            f(
                "volumeMounts",
                "[]VolumeMount",
                "Volumes to mount into the container's filesystem.",
            ),
            f(
                "workingDir",
                "string",
                "The directory the command starts in.",
            ),
        ],
    },
    TypeDoc {
        name: "ContainerPort",
        doc: "A network port of a container.",
        fields: &[
            req("containerPort", "integer", "The port number, 1 to 65535."),
            f(
                "hostPort",
                "integer",
                "A port opened on the node and forwarded to this one. Rarely needed.",
            ),
            f(
                "name",
                "string",
                "A name for the port (at most 15 characters) that Services and probes can refer to.",
            ),
            f("protocol", "string", "TCP, UDP or SCTP. Defaults to TCP."),
        ],
    },
    TypeDoc {
        name: "VolumeMount",
        doc: "Where a volume appears inside a container.",
        fields: &[
            req(
                "mountPath",
                "string",
                "The path inside the container. It must not contain ':'.",
            ),
            req(
                "name",
                "string",
                "The volume to mount: a pod volume or, in a StatefulSet, a volumeClaimTemplates name.",
            ),
            f(
                "readOnly",
                "boolean",
                "Mount the volume read-only. Defaults to false.",
            ),
            f(
                "subPath",
                "string",
                "A path inside the volume to mount instead of its root.",
            ),
        ],
    },
    TypeDoc {
        name: "Probe",
        doc: "A health check the kubelet runs against a container.",
        fields: &[
            f(
                "exec",
                "ExecAction",
                "Runs a command in the container; exit code 0 is success.",
            ),
            f(
                "failureThreshold",
                "integer",
                "Failures in a row before the probe counts as failed. Defaults to 3.",
            ),
            f(
                "httpGet",
                "HTTPGetAction",
                "Sends an HTTP GET; a status from 200 to 399 is success.",
            ),
            f(
                "initialDelaySeconds",
                "integer",
                "Seconds after the container starts before the first probe.",
            ),
            f(
                "periodSeconds",
                "integer",
                "Seconds between probes. Defaults to 10.",
            ),
            f(
                "successThreshold",
                "integer",
                "Successes in a row after a failure before the probe counts as passing again. Defaults to 1.",
            ),
            f(
                "tcpSocket",
                "TCPSocketAction",
                "Opens a TCP connection; a connection is success.",
            ),
            f(
                "timeoutSeconds",
                "integer",
                "Seconds before a probe attempt times out. Defaults to 1.",
            ),
        ],
    },
    TypeDoc {
        name: "EnvVar",
        doc: "An environment variable.",
        fields: &[
            req("name", "string", "The variable's name."),
            f(
                "value",
                "string",
                "The value. $(OTHER) expands to an earlier variable.",
            ),
            f(
                "valueFrom",
                "EnvVarSource",
                "Takes the value from a field of the pod, a resource limit, a ConfigMap or a Secret.",
            ),
        ],
    },
    TypeDoc {
        name: "ResourceRequirements",
        doc: "Compute resources of a container.",
        fields: &[
            f(
                "limits",
                "map[string]Quantity",
                "The most the container may use, such as cpu: 500m or memory: 128Mi.",
            ),
            f(
                "requests",
                "map[string]Quantity",
                "What the scheduler reserves for the container. Defaults to the limits when only those are set.",
            ),
        ],
    },
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

/// The documented type named `name`.
pub(crate) fn type_doc(name: &str) -> Option<&'static TypeDoc> {
    TYPES.iter().find(|t| t.name == name)
}

/// The type an explain type string leads to (`[]Container` → `Container`).
pub(crate) fn element_type(ty: &str) -> &str {
    let t = ty.trim_start_matches("[]");
    t.strip_prefix("map[string]").unwrap_or(t)
}
