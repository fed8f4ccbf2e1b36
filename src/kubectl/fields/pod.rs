//! Field documentation of pods and containers: the upstream descriptions `kubectl explain`
//! v1.37 prints, from the comments in k8s.io/api core/v1 types.go.

use super::{API_VERSION, KIND, METADATA, TypeDoc, e, f, req};

/// The documented types of pods and containers.
pub(super) const TYPES: &[TypeDoc] = &[
    TypeDoc {
        name: "Pod",
        doc: "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
        fields: &[
            API_VERSION,
            KIND,
            METADATA,
            f(
                "spec",
                "PodSpec",
                "Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            ),
            f(
                "status",
                "PodStatus",
                "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
            ),
        ],
    },
    TypeDoc {
        name: "PodSpec",
        doc: "PodSpec is a description of a pod.",
        fields: &[
            f(
                "affinity",
                "Affinity",
                "If specified, the pod's scheduling constraints",
            ),
            req(
                "containers",
                "[]Container",
                "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.",
            ),
            e(
                "dnsPolicy",
                "string",
                "Set DNS policy for the pod. Defaults to \"ClusterFirst\". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to 'ClusterFirstWithHostNet'.\n\nPossible enum values:\n - `\"ClusterFirst\"` indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `\"ClusterFirstWithHostNet\"` indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `\"Default\"` indicates that the pod should use the default (as determined by kubelet) DNS settings.\n - `\"None\"` indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.",
                &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
            ),
            f(
                "hostname",
                "string",
                "Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value.",
            ),
            f(
                "initContainers",
                "[]Container",
                "List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/",
            ),
            f(
                "nodeName",
                "string",
                "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
            ),
            f(
                "nodeSelector",
                "map[string]string",
                "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
            ),
            e(
                "restartPolicy",
                "string",
                "Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n\nPossible enum values:\n - `\"Always\"` \n - `\"Never\"` \n - `\"OnFailure\"` ",
                &["Always", "OnFailure", "Never"],
            ),
            f(
                "serviceAccountName",
                "string",
                "ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/",
            ),
            f(
                "subdomain",
                "string",
                "If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\". If not specified, the pod will not have a domainname at all.",
            ),
            f(
                "terminationGracePeriodSeconds",
                "integer",
                "Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds.",
            ),
            f(
                "tolerations",
                "[]Toleration",
                "If specified, the pod's tolerations.",
            ),
            f(
                "volumes",
                "[]Volume",
                "List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes",
            ),
        ],
    },
    TypeDoc {
        name: "Container",
        doc: "A single application container that you want to run within a pod.",
        fields: &[
            f(
                "args",
                "[]string",
                "Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell",
            ),
            f(
                "command",
                "[]string",
                "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell",
            ),
            f(
                "env",
                "[]EnvVar",
                "List of environment variables to set in the container. Cannot be updated.",
            ),
            f(
                "image",
                "string",
                "Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.",
            ),
            e(
                "imagePullPolicy",
                "string",
                "Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n - `\"Always\"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n - `\"IfNotPresent\"` means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails.\n - `\"Never\"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present",
                &["Always", "IfNotPresent", "Never"],
            ),
            f(
                "livenessProbe",
                "Probe",
                "Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
            ),
            req(
                "name",
                "string",
                "Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.",
            ),
            f(
                "ports",
                "[]ContainerPort",
                "List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default \"0.0.0.0\" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.",
            ),
            f(
                "readinessProbe",
                "Probe",
                "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
            ),
            f(
                "resources",
                "ResourceRequirements",
                "Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
            ),
            f(
                "startupProbe",
                "Probe",
                "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
            ),
            f(
                "volumeMounts",
                "[]VolumeMount",
                "Pod volumes to mount into the container's filesystem. Cannot be updated.",
            ),
            f(
                "workingDir",
                "string",
                "Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.",
            ),
        ],
    },
    TypeDoc {
        name: "ContainerPort",
        doc: "ContainerPort represents a network port in a single container.",
        fields: &[
            req(
                "containerPort",
                "integer",
                "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.",
            ),
            f(
                "hostPort",
                "integer",
                "Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.",
            ),
            f(
                "name",
                "string",
                "If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.",
            ),
            e(
                "protocol",
                "string",
                "Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\".\n\nPossible enum values:\n - `\"SCTP\"` is the SCTP protocol.\n - `\"TCP\"` is the TCP protocol.\n - `\"UDP\"` is the UDP protocol.",
                &["TCP", "UDP", "SCTP"],
            ),
        ],
    },
    TypeDoc {
        name: "VolumeMount",
        doc: "VolumeMount describes a mounting of a Volume within a container.",
        fields: &[
            req(
                "mountPath",
                "string",
                "Path within the container at which the volume should be mounted.",
            ),
            req("name", "string", "This must match the Name of a Volume."),
            f(
                "readOnly",
                "boolean",
                "Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.",
            ),
            f(
                "subPath",
                "string",
                "Path within the volume from which the container's volume should be mounted. Defaults to \"\" (volume's root).",
            ),
        ],
    },
    TypeDoc {
        name: "Probe",
        doc: "Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.",
        fields: &[
            f(
                "exec",
                "ExecAction",
                "Exec specifies a command to execute in the container.",
            ),
            f(
                "failureThreshold",
                "integer",
                "Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.",
            ),
            f(
                "httpGet",
                "HTTPGetAction",
                "HTTPGet specifies an HTTP GET request to perform.",
            ),
            f(
                "initialDelaySeconds",
                "integer",
                "Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
            ),
            f(
                "periodSeconds",
                "integer",
                "How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.",
            ),
            f(
                "successThreshold",
                "integer",
                "Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.",
            ),
            f(
                "tcpSocket",
                "TCPSocketAction",
                "TCPSocket specifies a connection to a TCP port.",
            ),
            f(
                "timeoutSeconds",
                "integer",
                "Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes",
            ),
        ],
    },
    TypeDoc {
        name: "EnvVar",
        doc: "EnvVar represents an environment variable present in a Container.",
        fields: &[
            req(
                "name",
                "string",
                "Name of the environment variable. May consist of any printable ASCII characters except '='.",
            ),
            f(
                "value",
                "string",
                "Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to \"\".",
            ),
            f(
                "valueFrom",
                "EnvVarSource",
                "Source for the environment variable's value. Cannot be used if value is not empty.",
            ),
        ],
    },
    TypeDoc {
        name: "ResourceRequirements",
        doc: "ResourceRequirements describes the compute resource requirements.",
        fields: &[
            f(
                "limits",
                "map[string]Quantity",
                "Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
            ),
            f(
                "requests",
                "map[string]Quantity",
                "Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
            ),
        ],
    },
];
