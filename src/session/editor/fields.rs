//! The field tables behind `schema`: what each field learners write most often means, in a
//! sentence, and which values an enumerated one accepts.

use super::schema::{Field, e, f, n};
/// Object metadata.
pub(super) const METADATA: &[Field] = &[
    f(
        "name",
        "The object's name, unique among objects of its kind in the namespace. A StatefulSet's pods are named <name>-0, <name>-1, …",
    ),
    f(
        "namespace",
        "The namespace the object lives in; `default` when left out.",
    ),
    f(
        "labels",
        "Key/value pairs used to select objects. A StatefulSet's selector must match its pod template's labels.",
    ),
    f(
        "annotations",
        "Key/value notes for tools and people; never used for selection.",
    ),
];

const SELECTOR: &[Field] = &[
    f(
        "matchLabels",
        "Pods whose labels include all of these pairs belong to the set. Cannot be changed after creation.",
    ),
    f(
        "matchExpressions",
        "Set-based rules (key, operator In/NotIn/Exists/DoesNotExist, values).",
    ),
];

const PORT: &[Field] = &[
    f(
        "containerPort",
        "The port the process listens on inside the pod.",
    ),
    f(
        "name",
        "A short name for the port (at most 15 characters) that Services can refer to.",
    ),
    e(
        "protocol",
        "The transport protocol.",
        &["TCP", "UDP", "SCTP"],
    ),
];

const MOUNT: &[Field] = &[
    f(
        "name",
        "The volume to mount: a name from `volumes` or from `volumeClaimTemplates`.",
    ),
    f(
        "mountPath",
        "Where the volume appears inside the container. Files written here survive pod restarts when the volume is persistent.",
    ),
    e(
        "readOnly",
        "Mount the volume read-only.",
        &["true", "false"],
    ),
    f(
        "subPath",
        "Mount one folder of the volume instead of its root.",
    ),
];

const PROBE: &[Field] = &[
    f(
        "httpGet",
        "Probe by sending an HTTP GET (path, port); 200-399 counts as success.",
    ),
    f("tcpSocket", "Probe by opening a TCP connection to a port."),
    f(
        "exec",
        "Probe by running a command in the container; exit code 0 counts as success.",
    ),
    f(
        "initialDelaySeconds",
        "Seconds to wait after the container starts before the first probe.",
    ),
    f("periodSeconds", "Seconds between probes (default 10)."),
    f(
        "failureThreshold",
        "Failures in a row before the probe counts as failed (default 3).",
    ),
    f(
        "successThreshold",
        "Successes in a row before a failed probe counts as passing again (default 1).",
    ),
    f(
        "timeoutSeconds",
        "Seconds before a probe attempt times out (default 1).",
    ),
];

const CONTAINER: &[Field] = &[
    f("name", "The container's name, unique within the pod."),
    f(
        "image",
        "The image to run, e.g. `nginx:1.27.5`. Changing it in a StatefulSet's template starts a rolling update.",
    ),
    e(
        "imagePullPolicy",
        "When the kubelet pulls the image. `Always` is the default for `:latest` or no tag, `IfNotPresent` otherwise.",
        &["Always", "IfNotPresent", "Never"],
    ),
    n(
        "ports",
        "Ports the container exposes (informational; Services select them by number or name).",
        PORT,
    ),
    n(
        "volumeMounts",
        "Volumes to mount into the container's file system.",
        MOUNT,
    ),
    f("env", "Environment variables (name, value or valueFrom)."),
    f("command", "Overrides the image's entrypoint."),
    f("args", "Arguments to the entrypoint."),
    f(
        "resources",
        "CPU and memory requests (for scheduling) and limits (enforced).",
    ),
    n(
        "readinessProbe",
        "Decides when the pod is Ready. With OrderedReady, the next ordinal waits for this one to be Ready.",
        PROBE,
    ),
    n(
        "livenessProbe",
        "Restarts the container when it fails.",
        PROBE,
    ),
    n(
        "startupProbe",
        "Holds off the other probes until the application has started.",
        PROBE,
    ),
];

/// A pod specification.
pub(super) const POD_SPEC: &[Field] = &[
    n("containers", "The containers of each pod.", CONTAINER),
    n(
        "initContainers",
        "Containers that run to completion, in order, before the main containers start.",
        CONTAINER,
    ),
    f(
        "volumes",
        "Volumes available to the containers (configMap, secret, emptyDir, persistentVolumeClaim …).",
    ),
    f(
        "terminationGracePeriodSeconds",
        "Seconds a deleted pod gets to shut down before it is killed (default 30). A StatefulSet's replacement pod waits until the old one is gone.",
    ),
    e(
        "restartPolicy",
        "What the kubelet does when a container exits. StatefulSet pods must use Always.",
        &["Always", "OnFailure", "Never"],
    ),
    f(
        "nodeSelector",
        "Only schedule onto nodes with these labels.",
    ),
    f(
        "affinity",
        "Rules that attract pods to or repel them from nodes and other pods.",
    ),
    f("serviceAccountName", "The ServiceAccount the pod runs as."),
    f(
        "hostname",
        "The pod's hostname; a StatefulSet sets it to the pod's name.",
    ),
    f(
        "subdomain",
        "Together with a headless Service of this name, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.cluster.local.",
    ),
];

const POD_TEMPLATE: &[Field] = &[
    n(
        "metadata",
        "Labels and annotations for the pods. The labels must match the selector.",
        METADATA,
    ),
    n(
        "spec",
        "The pod specification each replica is made from.",
        POD_SPEC,
    ),
];

const RESOURCES: &[Field] = &[
    f(
        "requests",
        "How much storage to ask for, e.g. `storage: 1Gi`.",
    ),
    f("limits", "An upper bound on the storage size."),
];

/// A PersistentVolumeClaim specification.
pub(super) const PVC_SPEC: &[Field] = &[
    e(
        "accessModes",
        "How the volume can be mounted: by one node read-write (ReadWriteOnce), many nodes read-only, many read-write, or one pod.",
        &[
            "ReadWriteOnce",
            "ReadOnlyMany",
            "ReadWriteMany",
            "ReadWriteOncePod",
        ],
    ),
    n("resources", "The size of the volume.", RESOURCES),
    f(
        "storageClassName",
        "The StorageClass that provisions the volume; the cluster's default (`standard`) when left out.",
    ),
    e(
        "volumeMode",
        "A file system (the default) or a raw block device.",
        &["Filesystem", "Block"],
    ),
    f("volumeName", "Bind to this exact PersistentVolume."),
];

const CLAIM_TEMPLATE: &[Field] = &[
    n(
        "metadata",
        "The template's name; each pod's claim is named <template>-<set>-<ordinal>.",
        METADATA,
    ),
    n("spec", "The claim each pod gets.", PVC_SPEC),
];

const ROLLING: &[Field] = &[
    f(
        "partition",
        "Only pods with an ordinal at or above this number are updated; lower ones keep the old revision. Used for canaries and staged rollouts.",
    ),
    f(
        "maxUnavailable",
        "How many pods may be down at once during an update (a number or a percentage; default 1).",
    ),
];

const STRATEGY: &[Field] = &[
    e(
        "type",
        "RollingUpdate replaces pods from the highest ordinal down, one at a time; OnDelete only updates a pod when you delete it.",
        &["RollingUpdate", "OnDelete"],
    ),
    n(
        "rollingUpdate",
        "Settings of the RollingUpdate strategy.",
        ROLLING,
    ),
];

const RETENTION: &[Field] = &[
    e(
        "whenDeleted",
        "What happens to the claims when the StatefulSet is deleted.",
        &["Retain", "Delete"],
    ),
    e(
        "whenScaled",
        "What happens to a claim when scaling down removes its pod.",
        &["Retain", "Delete"],
    ),
];

/// A StatefulSet specification.
pub(super) const STS_SPEC: &[Field] = &[
    f(
        "replicas",
        "How many pods to run (default 1). Scaling up adds the next ordinals; scaling down removes the highest first.",
    ),
    f(
        "serviceName",
        "The headless Service that gives the pods their DNS names. It should exist, but is not created for you.",
    ),
    n(
        "selector",
        "Which pods belong to the set. Required, and it cannot be changed later.",
        SELECTOR,
    ),
    n(
        "template",
        "The pod template every replica is made from. Changing it creates a new revision.",
        POD_TEMPLATE,
    ),
    n(
        "volumeClaimTemplates",
        "One PersistentVolumeClaim per pod is created from each template, and kept when the pod is deleted: a recreated pod gets its disk back.",
        CLAIM_TEMPLATE,
    ),
    e(
        "podManagementPolicy",
        "OrderedReady creates pods one at a time in ordinal order, each waiting for the previous one to be Ready, and removes them in reverse; Parallel starts and stops them all at once. Cannot be changed later.",
        &["OrderedReady", "Parallel"],
    ),
    n(
        "updateStrategy",
        "How a changed template reaches the pods.",
        STRATEGY,
    ),
    n(
        "persistentVolumeClaimRetentionPolicy",
        "Whether claims are kept or deleted when the set is deleted or scaled down.",
        RETENTION,
    ),
    f(
        "minReadySeconds",
        "Seconds a pod must stay Ready before it counts as available (and the rollout moves on).",
    ),
    f(
        "revisionHistoryLimit",
        "How many old ControllerRevisions to keep for rollbacks (default 10).",
    ),
    n(
        "ordinals",
        "Where numbering starts (`start`, default 0).",
        &[f("start", "The first ordinal.")],
    ),
];

const SERVICE_PORT: &[Field] = &[
    f(
        "name",
        "The port's name; required when there are several ports.",
    ),
    f("port", "The port the Service answers on."),
    f(
        "targetPort",
        "The pods' port (number or name); the same as `port` when left out.",
    ),
    e(
        "protocol",
        "The transport protocol.",
        &["TCP", "UDP", "SCTP"],
    ),
];

/// A Service specification.
pub(super) const SERVICE_SPEC: &[Field] = &[
    e(
        "clusterIP",
        "`None` makes the Service headless: no virtual IP, DNS answers with the pods' own addresses and every pod gets a name.",
        &["None"],
    ),
    f("selector", "The labels of the pods behind the Service."),
    n("ports", "The ports the Service exposes.", SERVICE_PORT),
    e(
        "type",
        "How the Service is exposed. A StatefulSet's governing Service is a headless ClusterIP Service.",
        &["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"],
    ),
    e(
        "publishNotReadyAddresses",
        "Publish DNS records for pods before they are Ready (useful for peer discovery).",
        &["true", "false"],
    ),
];

/// A PersistentVolume specification.
pub(super) const PV_SPEC: &[Field] = &[
    f("capacity", "The volume's size, e.g. `storage: 1Gi`."),
    e(
        "accessModes",
        "How the volume can be mounted.",
        &[
            "ReadWriteOnce",
            "ReadOnlyMany",
            "ReadWriteMany",
            "ReadWriteOncePod",
        ],
    ),
    e(
        "persistentVolumeReclaimPolicy",
        "What happens to the volume when its claim is deleted.",
        &["Retain", "Delete", "Recycle"],
    ),
    f(
        "storageClassName",
        "Only claims asking for this class can bind to the volume.",
    ),
    f(
        "hostPath",
        "A folder on the node (`path`), for single-node test clusters.",
    ),
    f("claimRef", "Reserve the volume for one claim."),
];
