//! What a fresh playground cluster holds before the learner does anything, as a small kind cluster would.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Namespace, NamespaceSpec, NamespaceStatus, Node, NodeAddress, NodeCondition, NodeSpec,
    NodeStatus, NodeSystemInfo, Service, ServicePort, ServiceSpec, Taint,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::Cluster;

/// The name prefix of the simulated nodes.
pub const CLUSTER_NAME: &str = "playground";
/// The worker nodes of a fresh cluster.
pub const WORKERS: [&str; 3] = [
    "playground-worker",
    "playground-worker2",
    "playground-worker3",
];
/// The control-plane node, tainted so that workloads do not land on it.
pub const CONTROL_PLANE: &str = "playground-control-plane";
/// The default StorageClass and its provisioner.
pub const DEFAULT_STORAGE_CLASS: &str = "standard";
/// The provisioner of the default StorageClass.
pub const PROVISIONER: &str = "rancher.io/local-path";
/// The Kubernetes version the playground plays.
pub const KUBE_VERSION: &str = "v1.37.0";

fn labels(pairs: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
    Some(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

/// Fills a fresh cluster.
pub fn populate(c: &mut Cluster) {
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        let mut obj = Namespace {
            metadata: ObjectMeta {
                name: Some(ns.to_string()),
                labels: labels(&[("kubernetes.io/metadata.name", ns)]),
                ..Default::default()
            },
            spec: Some(NamespaceSpec {
                finalizers: Some(vec!["kubernetes".into()]),
            }),
            status: Some(NamespaceStatus {
                phase: Some("Active".into()),
                ..Default::default()
            }),
        };
        c.world.stamp(&mut obj);
        c.world.store.put(obj);
    }
    let nodes = std::iter::once(CONTROL_PLANE).chain(WORKERS);
    for (i, name) in nodes.enumerate() {
        let node = node(name, i);
        let mut node = node;
        c.world.stamp(&mut node);
        c.world.store.put(node);
    }
    let mut sc = StorageClass {
        metadata: ObjectMeta {
            name: Some(DEFAULT_STORAGE_CLASS.to_string()),
            annotations: labels(&[("storageclass.kubernetes.io/is-default-class", "true")]),
            ..Default::default()
        },
        provisioner: PROVISIONER.to_string(),
        reclaim_policy: Some("Delete".into()),
        volume_binding_mode: Some("WaitForFirstConsumer".into()),
        ..Default::default()
    };
    c.world.stamp(&mut sc);
    c.world.store.put(sc);
    let mut kubernetes = Service {
        metadata: ObjectMeta {
            name: Some("kubernetes".into()),
            namespace: Some("default".into()),
            labels: labels(&[("component", "apiserver"), ("provider", "kubernetes")]),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            cluster_ip: Some("10.96.0.1".into()),
            cluster_ips: Some(vec!["10.96.0.1".into()]),
            type_: Some("ClusterIP".into()),
            session_affinity: Some("None".into()),
            ip_families: Some(vec!["IPv4".into()]),
            ip_family_policy: Some("SingleStack".into()),
            internal_traffic_policy: Some("Cluster".into()),
            ports: Some(vec![ServicePort {
                name: Some("https".into()),
                port: 443,
                protocol: Some("TCP".into()),
                target_port: Some(IntOrString::Int(6443)),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        status: Some(Default::default()),
    };
    c.world.stamp(&mut kubernetes);
    c.world.store.put(kubernetes);
    for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        super::rootca::sync(&mut c.world, ns);
    }
}

/// A kind node as `kubectl get node -o yaml` shows it; the control plane carries its role label
/// and NoSchedule taint.
fn node(name: &str, index: usize) -> Node {
    let control_plane = name == CONTROL_PLANE;
    Node {
        metadata: ObjectMeta {
            name: Some(name.to_string()),
            labels: Some(node_labels(name, control_plane)),
            annotations: labels(&[
                ("node.alpha.kubernetes.io/ttl", "0"),
                (
                    "volumes.kubernetes.io/controller-managed-attach-detach",
                    "true",
                ),
            ]),
            ..Default::default()
        },
        spec: Some(NodeSpec {
            pod_cidr: Some(format!("10.244.{index}.0/24")),
            pod_cidrs: Some(vec![format!("10.244.{index}.0/24")]),
            provider_id: Some(format!("kind://docker/{CLUSTER_NAME}/{name}")),
            taints: control_plane.then(|| {
                vec![Taint {
                    key: "node-role.kubernetes.io/control-plane".into(),
                    effect: "NoSchedule".into(),
                    ..Default::default()
                }]
            }),
            ..Default::default()
        }),
        status: Some(status(name, index)),
    }
}

/// The labels the kubelet and kubeadm put on a node.
fn node_labels(name: &str, control_plane: bool) -> BTreeMap<String, String> {
    let mut node_labels = BTreeMap::new();
    for (k, v) in [
        ("beta.kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", "linux"),
    ] {
        node_labels.insert(k.to_string(), v.to_string());
    }
    if control_plane {
        node_labels.insert(
            "node-role.kubernetes.io/control-plane".into(),
            String::new(),
        );
        node_labels.insert(
            "node.kubernetes.io/exclude-from-external-load-balancers".into(),
            String::new(),
        );
    }
    node_labels
}

/// The node's reported status: addresses, resources, healthy conditions and system info.
fn status(name: &str, index: usize) -> NodeStatus {
    let quantity = |s: &str| Quantity(s.to_string());
    let resources: BTreeMap<String, Quantity> = [
        ("cpu", quantity("4")),
        ("ephemeral-storage", quantity("102626232Ki")),
        ("hugepages-2Mi", quantity("0")),
        ("memory", quantity("8148080Ki")),
        ("pods", quantity("110")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let cond = |type_: &str, status: &str, reason: &str, message: &str| NodeCondition {
        type_: type_.to_string(),
        status: status.to_string(),
        reason: Some(reason.to_string()),
        message: Some(message.to_string()),
        last_heartbeat_time: Some(super::clock::time_at(0)),
        last_transition_time: Some(super::clock::time_at(0)),
    };
    NodeStatus {
        addresses: Some(vec![
            NodeAddress {
                type_: "InternalIP".into(),
                address: format!("172.18.0.{}", index + 2),
            },
            NodeAddress {
                type_: "Hostname".into(),
                address: name.to_string(),
            },
        ]),
        allocatable: Some(resources.clone()),
        capacity: Some(resources),
        conditions: Some(vec![
            cond(
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
            ),
            cond(
                "DiskPressure",
                "False",
                "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure",
            ),
            cond(
                "PIDPressure",
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available",
            ),
            cond(
                "Ready",
                "True",
                "KubeletReady",
                "kubelet is posting ready status",
            ),
        ]),
        node_info: Some(NodeSystemInfo {
            architecture: "amd64".into(),
            boot_id: format!("{index:08x}-5e1f-4c2a-9d1b-0c0ffee0{index:04x}"),
            container_runtime_version: "containerd://2.1.4".into(),
            kernel_version: "6.8.0-60-generic".into(),
            kube_proxy_version: String::new(),
            kubelet_version: KUBE_VERSION.into(),
            machine_id: format!("{index:032x}"),
            operating_system: "linux".into(),
            os_image: "Debian GNU/Linux 12 (bookworm)".into(),
            system_uuid: format!("{index:08x}-0000-4000-8000-{index:012x}"),
            ..Default::default()
        }),
        ..Default::default()
    }
}
