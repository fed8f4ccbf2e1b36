//! The resource types a v1.37 cluster serves, how kubectl's names for them resolve (`sts`,
//! `statefulsets.apps`, `StatefulSet`), and which of them the playground simulates.

use crate::sim::kind::Kind;

/// One served resource, as `kubectl api-resources` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiResource {
    /// Plural resource name (`statefulsets`).
    pub plural: &'static str,
    /// Short names, comma-joined (`sts`).
    pub short: &'static str,
    /// The API group (`apps`; empty for the core group).
    pub group: &'static str,
    /// The served version.
    pub version: &'static str,
    /// Whether objects live in namespaces.
    pub namespaced: bool,
    /// The kind (`StatefulSet`).
    pub kind: &'static str,
}

impl ApiResource {
    /// `apps/v1` or `v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `statefulsets.apps` or `pods`.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// The simulated kind behind this resource, if the playground simulates it.
    pub fn sim_kind(&self) -> Option<Kind> {
        Kind::from_type(&self.api_version(), self.kind)
    }
}

const fn r(
    plural: &'static str,
    short: &'static str,
    group: &'static str,
    version: &'static str,
    namespaced: bool,
    kind: &'static str,
) -> ApiResource {
    ApiResource {
        plural,
        short,
        group,
        version,
        namespaced,
        kind,
    }
}

/// Every resource a v1.37 kind cluster serves, in discovery order.
#[rustfmt::skip]
pub const API_RESOURCES: &[ApiResource] = &[
    r("bindings", "", "", "v1", true, "Binding"),
    r("componentstatuses", "cs", "", "v1", false, "ComponentStatus"),
    r("configmaps", "cm", "", "v1", true, "ConfigMap"),
    r("endpoints", "ep", "", "v1", true, "Endpoints"),
    r("events", "ev", "", "v1", true, "Event"),
    r("limitranges", "limits", "", "v1", true, "LimitRange"),
    r("namespaces", "ns", "", "v1", false, "Namespace"),
    r("nodes", "no", "", "v1", false, "Node"),
    r("persistentvolumeclaims", "pvc", "", "v1", true, "PersistentVolumeClaim"),
    r("persistentvolumes", "pv", "", "v1", false, "PersistentVolume"),
    r("pods", "po", "", "v1", true, "Pod"),
    r("podtemplates", "", "", "v1", true, "PodTemplate"),
    r("replicationcontrollers", "rc", "", "v1", true, "ReplicationController"),
    r("resourcequotas", "quota", "", "v1", true, "ResourceQuota"),
    r("secrets", "", "", "v1", true, "Secret"),
    r("serviceaccounts", "sa", "", "v1", true, "ServiceAccount"),
    r("services", "svc", "", "v1", true, "Service"),
    r("mutatingwebhookconfigurations", "", "admissionregistration.k8s.io", "v1", false, "MutatingWebhookConfiguration"),
    r("validatingadmissionpolicies", "", "admissionregistration.k8s.io", "v1", false, "ValidatingAdmissionPolicy"),
    r("validatingadmissionpolicybindings", "", "admissionregistration.k8s.io", "v1", false, "ValidatingAdmissionPolicyBinding"),
    r("validatingwebhookconfigurations", "", "admissionregistration.k8s.io", "v1", false, "ValidatingWebhookConfiguration"),
    r("customresourcedefinitions", "crd,crds", "apiextensions.k8s.io", "v1", false, "CustomResourceDefinition"),
    r("apiservices", "", "apiregistration.k8s.io", "v1", false, "APIService"),
    r("controllerrevisions", "", "apps", "v1", true, "ControllerRevision"),
    r("daemonsets", "ds", "apps", "v1", true, "DaemonSet"),
    r("deployments", "deploy", "apps", "v1", true, "Deployment"),
    r("replicasets", "rs", "apps", "v1", true, "ReplicaSet"),
    r("statefulsets", "sts", "apps", "v1", true, "StatefulSet"),
    r("selfsubjectreviews", "", "authentication.k8s.io", "v1", false, "SelfSubjectReview"),
    r("tokenreviews", "", "authentication.k8s.io", "v1", false, "TokenReview"),
    r("localsubjectaccessreviews", "", "authorization.k8s.io", "v1", true, "LocalSubjectAccessReview"),
    r("selfsubjectaccessreviews", "", "authorization.k8s.io", "v1", false, "SelfSubjectAccessReview"),
    r("selfsubjectrulesreviews", "", "authorization.k8s.io", "v1", false, "SelfSubjectRulesReview"),
    r("subjectaccessreviews", "", "authorization.k8s.io", "v1", false, "SubjectAccessReview"),
    r("horizontalpodautoscalers", "hpa", "autoscaling", "v2", true, "HorizontalPodAutoscaler"),
    r("cronjobs", "cj", "batch", "v1", true, "CronJob"),
    r("jobs", "", "batch", "v1", true, "Job"),
    r("certificatesigningrequests", "csr", "certificates.k8s.io", "v1", false, "CertificateSigningRequest"),
    r("leases", "", "coordination.k8s.io", "v1", true, "Lease"),
    r("endpointslices", "", "discovery.k8s.io", "v1", true, "EndpointSlice"),
    r("events", "ev", "events.k8s.io", "v1", true, "Event"),
    r("flowschemas", "", "flowcontrol.apiserver.k8s.io", "v1", false, "FlowSchema"),
    r("prioritylevelconfigurations", "", "flowcontrol.apiserver.k8s.io", "v1", false, "PriorityLevelConfiguration"),
    r("ingressclasses", "", "networking.k8s.io", "v1", false, "IngressClass"),
    r("ingresses", "ing", "networking.k8s.io", "v1", true, "Ingress"),
    r("ipaddresses", "ip", "networking.k8s.io", "v1", false, "IPAddress"),
    r("networkpolicies", "netpol", "networking.k8s.io", "v1", true, "NetworkPolicy"),
    r("servicecidrs", "", "networking.k8s.io", "v1", false, "ServiceCIDR"),
    r("runtimeclasses", "", "node.k8s.io", "v1", false, "RuntimeClass"),
    r("poddisruptionbudgets", "pdb", "policy", "v1", true, "PodDisruptionBudget"),
    r("clusterrolebindings", "", "rbac.authorization.k8s.io", "v1", false, "ClusterRoleBinding"),
    r("clusterroles", "", "rbac.authorization.k8s.io", "v1", false, "ClusterRole"),
    r("rolebindings", "", "rbac.authorization.k8s.io", "v1", true, "RoleBinding"),
    r("roles", "", "rbac.authorization.k8s.io", "v1", true, "Role"),
    r("deviceclasses", "", "resource.k8s.io", "v1", false, "DeviceClass"),
    r("resourceclaims", "", "resource.k8s.io", "v1", true, "ResourceClaim"),
    r("resourceclaimtemplates", "", "resource.k8s.io", "v1", true, "ResourceClaimTemplate"),
    r("resourceslices", "", "resource.k8s.io", "v1", false, "ResourceSlice"),
    r("priorityclasses", "pc", "scheduling.k8s.io", "v1", false, "PriorityClass"),
    r("csidrivers", "", "storage.k8s.io", "v1", false, "CSIDriver"),
    r("csinodes", "", "storage.k8s.io", "v1", false, "CSINode"),
    r("csistoragecapacities", "", "storage.k8s.io", "v1", true, "CSIStorageCapacity"),
    r("storageclasses", "sc", "storage.k8s.io", "v1", false, "StorageClass"),
    r("volumeattachments", "", "storage.k8s.io", "v1", false, "VolumeAttachment"),
    r("volumeattributesclasses", "vac", "storage.k8s.io", "v1", false, "VolumeAttributesClass"),
];

/// Resolves a resource argument (`sts`, `pods`, `statefulset.apps`, `StatefulSet`,
/// `deployments.v1.apps`) as kubectl's REST mapper does; `None` means the server doesn't have it.
pub fn resolve(arg: &str) -> Option<&'static ApiResource> {
    let lower = arg.to_ascii_lowercase();
    let (name, group_part) = match lower.split_once('.') {
        Some((n, g)) => (n.to_string(), Some(g.to_string())),
        None => (lower.clone(), None),
    };
    let matches_name = |res: &ApiResource| {
        res.plural == name
            || res.kind.to_ascii_lowercase() == name
            || res.short.split(',').any(|s| !s.is_empty() && s == name)
    };
    let matches_group = |res: &ApiResource| match &group_part {
        None => true,
        Some(g) => {
            *g == res.group
                || *g == format!("{}.{}", res.version, res.group)
                || (res.group.is_empty() && *g == res.version)
        }
    };
    API_RESOURCES
        .iter()
        .find(|res| matches_name(res) && matches_group(res))
}

/// The resource entry of a simulated kind.
pub fn of_kind(kind: Kind) -> &'static ApiResource {
    API_RESOURCES
        .iter()
        .find(|r| r.sim_kind() == Some(kind))
        .unwrap_or(&STATEFULSETS)
}

const STATEFULSETS: ApiResource = r("statefulsets", "sts", "apps", "v1", true, "StatefulSet");

/// The resource serving `kind` at `api_version`, if the cluster serves it at all.
pub fn by_type(api_version: &str, kind: &str) -> Option<&'static ApiResource> {
    API_RESOURCES
        .iter()
        .find(|r| r.kind == kind && r.api_version() == api_version)
}

/// The print kind (group and scope) of a simulated kind.
pub fn print_kind(kind: Kind) -> super::print::kinds::ResourceKind {
    use super::print::kinds;
    match kind {
        Kind::Namespace => kinds::NAMESPACE,
        Kind::Node => kinds::NODE,
        Kind::StorageClass => kinds::STORAGE_CLASS,
        Kind::PersistentVolume => kinds::PERSISTENT_VOLUME,
        Kind::PersistentVolumeClaim => kinds::PERSISTENT_VOLUME_CLAIM,
        Kind::Service => kinds::SERVICE,
        Kind::Endpoints => kinds::ENDPOINTS,
        Kind::Pod => kinds::POD,
        Kind::StatefulSet => kinds::STATEFUL_SET,
        Kind::ControllerRevision => kinds::CONTROLLER_REVISION,
        Kind::Event => kinds::EVENT,
        Kind::ConfigMap => kinds::CONFIG_MAP,
        Kind::Secret => kinds::SECRET,
        Kind::EndpointSlice => kinds::ENDPOINT_SLICE,
        Kind::PodDisruptionBudget => kinds::POD_DISRUPTION_BUDGET,
    }
}

/// `statefulset.apps` or `pod`: the name printer's prefix for a kind.
pub fn name_prefix(kind: Kind) -> String {
    print_kind(kind).group_kind_lower()
}

/// What the playground says for a kind Kubernetes has but the playground does not simulate.
pub fn not_simulated(res: &ApiResource) -> String {
    format!(
        "error: the playground does not simulate {} ({}); it simulates statefulsets, pods, services, configmaps, secrets, persistentvolumeclaims, persistentvolumes, storageclasses, controllerrevisions, endpoints, endpointslices, poddisruptionbudgets, events, nodes and namespaces",
        res.qualified(),
        res.kind
    )
}

/// The simulated resources `kubectl get all` lists in a namespace, in kubectl's order.
pub const ALL_CATEGORY: [Kind; 3] = [Kind::Pod, Kind::Service, Kind::StatefulSet];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_like_the_rest_mapper() {
        for name in [
            "sts",
            "statefulset",
            "statefulsets",
            "StatefulSet",
            "statefulsets.apps",
            "statefulset.apps",
            "statefulsets.v1.apps",
        ] {
            assert_eq!(
                resolve(name).and_then(ApiResource::sim_kind),
                Some(Kind::StatefulSet),
                "{name}"
            );
        }
        assert_eq!(
            resolve("po").and_then(ApiResource::sim_kind),
            Some(Kind::Pod)
        );
        assert_eq!(
            resolve("ev").and_then(ApiResource::sim_kind),
            Some(Kind::Event)
        );
        assert_eq!(resolve("deploy").map(|r| r.kind), Some("Deployment"));
        assert!(resolve("deploy").and_then(ApiResource::sim_kind).is_none());
        assert!(resolve("foo").is_none());
        assert!(resolve("statefulsets.batch").is_none());
    }
}
