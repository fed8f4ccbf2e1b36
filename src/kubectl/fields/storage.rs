//! Field documentation of claims and volumes: the upstream descriptions `kubectl explain`
//! v1.37 prints, from the comments in k8s.io/api core/v1 types.go.

use super::{API_VERSION, KIND, METADATA, TypeDoc, e, f};

/// The documented types of claims and volumes.
pub(super) const TYPES: &[TypeDoc] = &[
    TypeDoc {
        name: "PersistentVolumeClaim",
        doc: "PersistentVolumeClaim is a user's request for and claim to a persistent volume",
        fields: &[
            API_VERSION,
            KIND,
            METADATA,
            f(
                "spec",
                "PersistentVolumeClaimSpec",
                "spec defines the desired characteristics of a volume requested by a pod author. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
            ),
            f(
                "status",
                "PersistentVolumeClaimStatus",
                "status represents the current information/status of a persistent volume claim. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
            ),
        ],
    },
    TypeDoc {
        name: "PersistentVolumeClaimSpec",
        doc: "PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes",
        fields: &[
            e(
                "accessModes",
                "[]string",
                "accessModes contains the desired access modes the volume should have. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1",
                &[
                    "ReadWriteOnce",
                    "ReadOnlyMany",
                    "ReadWriteMany",
                    "ReadWriteOncePod",
                ],
            ),
            f(
                "resources",
                "VolumeResourceRequirements",
                "resources represents the minimum resources the volume should have. Users are allowed to specify resource requirements that are lower than previous value but must still be higher than capacity recorded in the status field of the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#resources",
            ),
            f(
                "selector",
                "LabelSelector",
                "selector is a label query over volumes to consider for binding.",
            ),
            f(
                "storageClassName",
                "string",
                "storageClassName is the name of the StorageClass required by the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1",
            ),
            e(
                "volumeMode",
                "string",
                "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.\n\nPossible enum values:\n - `\"Block\"` means the volume will not be formatted with a filesystem and will remain a raw block device.\n - `\"Filesystem\"` means the volume will be or is formatted with a filesystem.",
                &["Filesystem", "Block"],
            ),
            f(
                "volumeName",
                "string",
                "volumeName is the binding reference to the PersistentVolume backing this claim.",
            ),
        ],
    },
    TypeDoc {
        name: "PersistentVolumeClaimStatus",
        doc: "PersistentVolumeClaimStatus is the current status of a persistent volume claim.",
        fields: &[
            f(
                "accessModes",
                "[]string",
                "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1",
            ),
            f(
                "capacity",
                "map[string]Quantity",
                "capacity represents the actual resources of the underlying volume.",
            ),
            f(
                "phase",
                "string",
                "phase represents the current phase of PersistentVolumeClaim.\n\nPossible enum values:\n - `\"Bound\"` used for PersistentVolumeClaims that are bound\n - `\"Lost\"` used for PersistentVolumeClaims that lost their underlying PersistentVolume. The claim was bound to a PersistentVolume and this volume does not exist any longer and all data on it was lost.\n - `\"Pending\"` used for PersistentVolumeClaims that are not yet bound",
            ),
        ],
    },
    TypeDoc {
        name: "VolumeResourceRequirements",
        doc: "VolumeResourceRequirements describes the storage resource requirements for a volume.",
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
    TypeDoc {
        name: "PersistentVolume",
        doc: "PersistentVolume (PV) is a storage resource provisioned by an administrator. It is analogous to a node. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes",
        fields: &[
            API_VERSION,
            KIND,
            METADATA,
            f(
                "spec",
                "PersistentVolumeSpec",
                "spec defines a specification of a persistent volume owned by the cluster. Provisioned by an administrator. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes",
            ),
            f(
                "status",
                "PersistentVolumeStatus",
                "status represents the current information/status for the persistent volume. Populated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes",
            ),
        ],
    },
    TypeDoc {
        name: "PersistentVolumeSpec",
        doc: "PersistentVolumeSpec is the specification of a persistent volume.",
        fields: &[
            e(
                "accessModes",
                "[]string",
                "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes",
                &[
                    "ReadWriteOnce",
                    "ReadOnlyMany",
                    "ReadWriteMany",
                    "ReadWriteOncePod",
                ],
            ),
            f(
                "capacity",
                "map[string]Quantity",
                "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity",
            ),
            f(
                "claimRef",
                "ObjectReference",
                "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding",
            ),
            f(
                "hostPath",
                "HostPathVolumeSource",
                "hostPath represents a directory on the host. Provisioned by a developer or tester. This is useful for single-node development and testing only! On-host storage is not supported in any way and WILL NOT WORK in a multi-node cluster. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath",
            ),
            f(
                "nodeAffinity",
                "VolumeNodeAffinity",
                "nodeAffinity defines constraints that limit what nodes this volume can be accessed from. This field influences the scheduling of pods that use this volume. This field is mutable if MutablePVNodeAffinity feature gate is enabled.",
            ),
            e(
                "persistentVolumeReclaimPolicy",
                "string",
                "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming\n\nPossible enum values:\n - `\"Delete\"` means the volume will be deleted from Kubernetes on release from its claim. The volume plugin must support Deletion.\n - `\"Recycle\"` means the volume will be recycled back into the pool of unbound persistent volumes on release from its claim. The volume plugin must support Recycling.\n - `\"Retain\"` means the volume will be left in its current phase (Released) for manual reclamation by the administrator. The default policy is Retain.",
                &["Retain", "Delete", "Recycle"],
            ),
            f(
                "storageClassName",
                "string",
                "storageClassName is the name of StorageClass to which this persistent volume belongs. Empty value means that this volume does not belong to any StorageClass.",
            ),
            e(
                "volumeMode",
                "string",
                "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.\n\nPossible enum values:\n - `\"Block\"` means the volume will not be formatted with a filesystem and will remain a raw block device.\n - `\"Filesystem\"` means the volume will be or is formatted with a filesystem.",
                &["Filesystem", "Block"],
            ),
        ],
    },
];
