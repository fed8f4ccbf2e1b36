//! Field documentation of pods and containers, in the playground's own words.

use super::explain_data::{API_VERSION, KIND, METADATA, TypeDoc, f, req};

/// Pods and containers.
pub(crate) const POD_TYPES: &[TypeDoc] = &[
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
];
