//! Defaulting as the v1.37 API server applies it on create and update, per kind
//! (`pkg/apis/apps/v1/defaults.go`, `pkg/apis/core/v1/defaults.go`, storage defaults and the
//! declarative `+default` tags), followed by Go's omitempty normalization.
//!
//! Admission plugins and registry steps are separate functions so callers apply them only where
//! the server does: [`admit_default_storage_class`], [`allocate_service_ips`], and
//! [`super::admission::admit_pod`].

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{
    RollingUpdateStatefulSetStrategy, StatefulSet, StatefulSetPersistentVolumeClaimRetentionPolicy,
    StatefulSetUpdateStrategy,
};
use k8s_openapi::api::core::v1::{
    ClientIPConfig, Endpoints, Namespace, NamespaceSpec, NamespaceStatus, Node, PersistentVolume,
    PersistentVolumeClaim, PersistentVolumeClaimStatus, PersistentVolumeStatus, Service,
    ServiceSpec, ServiceStatus, SessionAffinityConfig,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::defaults_pod::{default_pod_spec, default_resource_list};
use super::omitempty;

fn set_if_empty(field: &mut Option<String>, value: &str) {
    if field.as_deref().unwrap_or("").is_empty() {
        *field = Some(value.to_string());
    }
}

/// Defaults a StatefulSet: `replicas: 1`, `revisionHistoryLimit: 10`,
/// `podManagementPolicy: OrderedReady`, `updateStrategy` RollingUpdate with
/// `{partition: 0, maxUnavailable: 1}` only when the type is omitted (MaxUnavailableStatefulSet is
/// on in v1.37), retention `Retain`/`Retain`, the pod template's PodSpec defaults, and each claim
/// template as a PersistentVolumeClaim (`volumeMode: Filesystem`, `status.phase: Pending`).
pub fn default_statefulset(sts: &mut StatefulSet) {
    let spec = &mut sts.spec;
    set_if_empty(&mut spec.pod_management_policy, "OrderedReady");
    let strategy = spec
        .update_strategy
        .get_or_insert_with(StatefulSetUpdateStrategy::default);
    if strategy.type_.as_deref().unwrap_or("").is_empty() {
        strategy.type_ = Some("RollingUpdate".to_string());
        strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateStatefulSetStrategy::default);
    }
    if strategy.type_.as_deref() == Some("RollingUpdate")
        && let Some(ru) = &mut strategy.rolling_update
    {
        ru.partition.get_or_insert(0);
        ru.max_unavailable.get_or_insert(IntOrString::Int(1));
    }
    let retention = spec
        .persistent_volume_claim_retention_policy
        .get_or_insert_with(StatefulSetPersistentVolumeClaimRetentionPolicy::default);
    set_if_empty(&mut retention.when_deleted, "Retain");
    set_if_empty(&mut retention.when_scaled, "Retain");
    spec.replicas.get_or_insert(1);
    spec.revision_history_limit.get_or_insert(10);
    default_pod_spec(spec.template.spec.get_or_insert_with(Default::default));
    for pvc in spec.volume_claim_templates.iter_mut().flatten() {
        default_pvc_fields(pvc);
    }
    omitempty::statefulset(sts);
}

/// The PersistentVolumeClaim defaults shared by standalone claims and claim templates.
fn default_pvc_fields(pvc: &mut PersistentVolumeClaim) {
    let status = pvc
        .status
        .get_or_insert_with(PersistentVolumeClaimStatus::default);
    set_if_empty(&mut status.phase, "Pending");
    let spec = pvc.spec.get_or_insert_with(Default::default);
    set_if_empty(&mut spec.volume_mode, "Filesystem");
    if let Some(res) = &mut spec.resources {
        for list in [&mut res.requests, &mut res.limits].into_iter().flatten() {
            default_resource_list(list);
        }
    }
    if let Some(list) = &mut status.capacity {
        default_resource_list(list);
    }
}

/// Defaults a PersistentVolumeClaim: `volumeMode: Filesystem`, `status.phase: Pending`. The
/// storage class is not defaulted here; see [`admit_default_storage_class`].
pub fn default_pvc(pvc: &mut PersistentVolumeClaim) {
    default_pvc_fields(pvc);
    omitempty::persistent_volume_claim(pvc);
}

/// The DefaultStorageClass admission plugin: a claim that does not mention
/// `storageClassName` at all gets the default class; an explicit `""` is left alone.
pub fn admit_default_storage_class(
    pvc: &mut PersistentVolumeClaim,
    default_class_name: Option<&str>,
) {
    let Some(class) = default_class_name else {
        return;
    };
    let spec = pvc.spec.get_or_insert_with(Default::default);
    if spec.storage_class_name.is_none() {
        spec.storage_class_name = Some(class.to_string());
    }
}

/// Defaults a PersistentVolume: `persistentVolumeReclaimPolicy: Retain` (dynamically provisioned
/// volumes carry their class's policy instead), `volumeMode: Filesystem`, `status.phase: Pending`.
pub fn default_pv(pv: &mut PersistentVolume) {
    let status = pv
        .status
        .get_or_insert_with(PersistentVolumeStatus::default);
    set_if_empty(&mut status.phase, "Pending");
    let spec = pv.spec.get_or_insert_with(Default::default);
    set_if_empty(&mut spec.persistent_volume_reclaim_policy, "Retain");
    set_if_empty(&mut spec.volume_mode, "Filesystem");
    if let Some(list) = &mut spec.capacity {
        default_resource_list(list);
    }
    if let Some(hp) = &mut spec.host_path {
        hp.type_.get_or_insert_with(String::new);
    }
    omitempty::object_meta(&mut pv.metadata);
}

/// Defaults a Service: `type: ClusterIP`, `sessionAffinity: None`, port protocol `TCP`,
/// `targetPort` = `port`, `internalTrafficPolicy: Cluster`, external traffic policy and node-port
/// allocation flag for exposed types. Cluster IPs and IP families come from
/// [`allocate_service_ips`].
pub fn default_service(svc: &mut Service) {
    let spec = svc.spec.get_or_insert_with(ServiceSpec::default);
    set_if_empty(&mut spec.session_affinity, "None");
    match spec.session_affinity.as_deref() {
        Some("None") => spec.session_affinity_config = None,
        Some("ClientIP") => {
            let cfg = spec
                .session_affinity_config
                .get_or_insert_with(SessionAffinityConfig::default);
            let ip = cfg.client_ip.get_or_insert_with(ClientIPConfig::default);
            ip.timeout_seconds.get_or_insert(10800);
        }
        _ => {}
    }
    set_if_empty(&mut spec.type_, "ClusterIP");
    for p in spec.ports.iter_mut().flatten() {
        set_if_empty(&mut p.protocol, "TCP");
        let unset = match &p.target_port {
            None => true,
            Some(IntOrString::Int(0)) => true,
            Some(IntOrString::String(s)) => s.is_empty(),
            Some(IntOrString::Int(_)) => false,
        };
        if unset {
            p.target_port = Some(IntOrString::Int(p.port));
        }
    }
    let ty = spec.type_.clone().unwrap_or_default();
    let exposed = ty == "NodePort" || ty == "LoadBalancer";
    if exposed {
        set_if_empty(&mut spec.external_traffic_policy, "Cluster");
    }
    if exposed || ty == "ClusterIP" {
        set_if_empty(&mut spec.internal_traffic_policy, "Cluster");
    }
    if ty == "LoadBalancer" {
        spec.allocate_load_balancer_node_ports.get_or_insert(true);
    }
    let status = svc.status.get_or_insert_with(ServiceStatus::default);
    status.load_balancer.get_or_insert_with(Default::default);
    omitempty::service(svc);
}

/// The registry's IP allocation for a new Service on a single-stack IPv4 cluster: a headless
/// service keeps `clusterIP: None` (`clusterIPs: [None]`), others get `cluster_ip`; both get
/// `ipFamilies: [IPv4]` and `ipFamilyPolicy: SingleStack`. A headless service without a selector
/// is given `RequireDualStack` with both families, as the server does. ExternalName services
/// get nothing.
pub fn allocate_service_ips(svc: &mut Service, cluster_ip: &str) {
    let spec = svc.spec.get_or_insert_with(ServiceSpec::default);
    if spec.type_.as_deref() == Some("ExternalName") {
        return;
    }
    let headless = spec.cluster_ip.as_deref() == Some("None");
    if !headless && spec.cluster_ip.as_deref().unwrap_or("").is_empty() {
        spec.cluster_ip = Some(cluster_ip.to_string());
    }
    if spec.cluster_ips.as_ref().is_none_or(Vec::is_empty) {
        spec.cluster_ips = spec.cluster_ip.clone().map(|ip| vec![ip]);
    }
    let selectorless = spec.selector.as_ref().is_none_or(BTreeMap::is_empty);
    if headless && selectorless && spec.ip_family_policy.is_none() {
        spec.ip_family_policy = Some("RequireDualStack".to_string());
        spec.ip_families
            .get_or_insert_with(|| vec!["IPv4".to_string(), "IPv6".to_string()]);
        return;
    }
    spec.ip_family_policy
        .get_or_insert_with(|| "SingleStack".to_string());
    spec.ip_families
        .get_or_insert_with(|| vec!["IPv4".to_string()]);
}

/// Defaults a Namespace: the `kubernetes.io/metadata.name` label, `status.phase: Active`, and
/// the registry's `spec.finalizers: [kubernetes]`.
pub fn default_namespace(ns: &mut Namespace) {
    if let Some(name) = ns.metadata.name.clone().filter(|n| !n.is_empty()) {
        ns.metadata
            .labels
            .get_or_insert_with(BTreeMap::new)
            .insert("kubernetes.io/metadata.name".to_string(), name);
    }
    let spec = ns.spec.get_or_insert_with(NamespaceSpec::default);
    if spec.finalizers.as_ref().is_none_or(Vec::is_empty) {
        spec.finalizers = Some(vec!["kubernetes".to_string()]);
    }
    let status = ns.status.get_or_insert_with(NamespaceStatus::default);
    set_if_empty(&mut status.phase, "Active");
    omitempty::object_meta(&mut ns.metadata);
}

/// Defaults a Node: `status.allocatable` copies `status.capacity` when unset.
pub fn default_node(node: &mut Node) {
    if let Some(status) = &mut node.status {
        if status.allocatable.is_none() {
            status.allocatable = status.capacity.clone();
        }
        for list in [&mut status.capacity, &mut status.allocatable]
            .into_iter()
            .flatten()
        {
            default_resource_list(list);
        }
    }
    omitempty::object_meta(&mut node.metadata);
}

/// Defaults a StorageClass: `reclaimPolicy: Delete`, `volumeBindingMode: Immediate`.
pub fn default_storage_class(sc: &mut StorageClass) {
    set_if_empty(&mut sc.reclaim_policy, "Delete");
    set_if_empty(&mut sc.volume_binding_mode, "Immediate");
    omitempty::object_meta(&mut sc.metadata);
}

/// Defaults Endpoints: port protocol `TCP`.
pub fn default_endpoints(ep: &mut Endpoints) {
    for subset in ep.subsets.iter_mut().flatten() {
        for p in subset.ports.iter_mut().flatten() {
            set_if_empty(&mut p.protocol, "TCP");
        }
    }
    omitempty::object_meta(&mut ep.metadata);
}
