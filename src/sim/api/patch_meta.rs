//! Strategic-merge-patch metadata for the kinds the playground serves: which lists merge (and by
//! which key), which keep only listed keys, and which are replaced whole.
//!
//! Source: the `patchStrategy` / `patchMergeKey` struct tags in k8s.io/api `core/v1/types.go`,
//! `apps/v1/types.go` and apimachinery `meta/v1/types.go` (v1.37). Every list not listed here is
//! replaced whole (`tolerations`, `args`, `command`, `accessModes`, `volumeClaimTemplates`, …) and
//! every map is merged key by key.

/// A position in a typed object that has list fields with patch metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    /// The top of an object of the named kind.
    Root(&'static str),
    /// `metadata`.
    ObjectMeta,
    /// A workload `spec` with a pod template (StatefulSet, Deployment, ReplicaSet, DaemonSet).
    StatefulSetSpec,
    /// A pod template (`spec.template`).
    PodTemplateSpec,
    /// A PodSpec.
    PodSpec,
    /// A container (regular, init or ephemeral).
    Container,
    /// A Service `spec`.
    ServiceSpec,
    /// A Node `spec`.
    NodeSpec,
    /// A status whose `conditions` merge by `type` (StatefulSet, PVC, Namespace).
    ConditionsStatus,
    /// A Pod `status`.
    PodStatus,
    /// A Node `status`.
    NodeStatus,
    /// Anything without list metadata.
    Other,
}

/// How a field is patched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldMeta {
    /// True for `patchStrategy:"merge"` lists.
    pub merge: bool,
    /// The merge key of a list of objects.
    pub merge_key: &'static str,
    /// True for `retainKeys` (each element keeps only the keys the patch lists).
    pub retain_keys: bool,
    /// The position of the field's value (of each element for lists).
    pub child: Ctx,
}

const fn plain(child: Ctx) -> FieldMeta {
    FieldMeta {
        merge: false,
        merge_key: "",
        retain_keys: false,
        child,
    }
}

const fn merged(key: &'static str, child: Ctx) -> FieldMeta {
    FieldMeta {
        merge: true,
        merge_key: key,
        retain_keys: false,
        child,
    }
}

/// Maps a kind name to its root position.
pub fn root(kind: &str) -> Ctx {
    match kind {
        "StatefulSet" | "Deployment" | "ReplicaSet" | "DaemonSet" => Ctx::Root("StatefulSet"),
        "Pod" => Ctx::Root("Pod"),
        "Service" => Ctx::Root("Service"),
        "PersistentVolumeClaim" => Ctx::Root("PersistentVolumeClaim"),
        "Node" => Ctx::Root("Node"),
        "Namespace" => Ctx::Root("Namespace"),
        _ => Ctx::Root("Other"),
    }
}

/// The patch metadata of field `name` at position `ctx`.
pub fn lookup(ctx: Ctx, name: &str) -> FieldMeta {
    match (ctx, name) {
        (Ctx::Root(_), "metadata") => plain(Ctx::ObjectMeta),
        (Ctx::Root("StatefulSet"), "spec") => plain(Ctx::StatefulSetSpec),
        (Ctx::Root("Pod"), "spec") => plain(Ctx::PodSpec),
        (Ctx::Root("Service"), "spec") => plain(Ctx::ServiceSpec),
        (Ctx::Root("Node"), "spec") => plain(Ctx::NodeSpec),
        (Ctx::Root("Pod"), "status") => plain(Ctx::PodStatus),
        (Ctx::Root("Node"), "status") => plain(Ctx::NodeStatus),
        (Ctx::Root("StatefulSet" | "PersistentVolumeClaim" | "Namespace"), "status") => {
            plain(Ctx::ConditionsStatus)
        }
        (Ctx::ObjectMeta, "ownerReferences") => merged("uid", Ctx::Other),
        (Ctx::ObjectMeta, "finalizers") => merged("", Ctx::Other),
        (Ctx::StatefulSetSpec, "template") => plain(Ctx::PodTemplateSpec),
        (Ctx::PodTemplateSpec, "metadata") => plain(Ctx::ObjectMeta),
        (Ctx::PodTemplateSpec, "spec") => plain(Ctx::PodSpec),
        (Ctx::PodSpec, "volumes") => FieldMeta {
            merge: true,
            merge_key: "name",
            retain_keys: true,
            child: Ctx::Other,
        },
        (Ctx::PodSpec, "resourceClaims") => FieldMeta {
            merge: true,
            merge_key: "name",
            retain_keys: true,
            child: Ctx::Other,
        },
        (Ctx::PodSpec, "containers" | "initContainers" | "ephemeralContainers") => {
            merged("name", Ctx::Container)
        }
        (Ctx::PodSpec, "imagePullSecrets" | "schedulingGates") => merged("name", Ctx::Other),
        (Ctx::PodSpec, "hostAliases") => merged("ip", Ctx::Other),
        (Ctx::PodSpec, "topologySpreadConstraints") => merged("topologyKey", Ctx::Other),
        (Ctx::Container, "ports") => merged("containerPort", Ctx::Other),
        (Ctx::Container, "env") => merged("name", Ctx::Other),
        (Ctx::Container, "volumeMounts") => merged("mountPath", Ctx::Other),
        (Ctx::Container, "volumeDevices") => merged("devicePath", Ctx::Other),
        (Ctx::ServiceSpec, "ports") => merged("port", Ctx::Other),
        (Ctx::NodeSpec, "podCIDRs") => merged("", Ctx::Other),
        (Ctx::ConditionsStatus | Ctx::PodStatus | Ctx::NodeStatus, "conditions") => {
            merged("type", Ctx::Other)
        }
        (Ctx::PodStatus, "podIPs" | "hostIPs") => merged("ip", Ctx::Other),
        (Ctx::NodeStatus, "addresses") => merged("type", Ctx::Other),
        _ => plain(Ctx::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_lists_merge_by_their_keys() {
        let spec = lookup(lookup(root("StatefulSet"), "spec").child, "template").child;
        let pod = lookup(spec, "spec").child;
        assert_eq!(pod, Ctx::PodSpec);
        let containers = lookup(pod, "containers");
        assert!(containers.merge && containers.merge_key == "name");
        assert_eq!(lookup(containers.child, "ports").merge_key, "containerPort");
        assert_eq!(
            lookup(containers.child, "volumeMounts").merge_key,
            "mountPath"
        );
        assert!(!lookup(containers.child, "args").merge);
        assert!(!lookup(pod, "tolerations").merge);
        assert!(lookup(pod, "volumes").retain_keys);
        assert_eq!(
            lookup(lookup(root("Service"), "spec").child, "ports").merge_key,
            "port"
        );
        assert!(lookup(Ctx::ObjectMeta, "finalizers").merge);
    }
}
