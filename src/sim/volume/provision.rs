//! Dynamic provisioning: provisionClaim asks the class's provisioner for a volume, and once it
//! exists the claim is bound to it (pkg/controller/volume/persistentvolume/pv_controller.go).

use std::collections::BTreeMap;
use std::rc::Rc;

use k8s_openapi::api::core::v1::{
    CSIPersistentVolumeSource, HostPathVolumeSource, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, PersistentVolume, PersistentVolumeClaim, PersistentVolumeSpec,
    PersistentVolumeStatus, VolumeNodeAffinity,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::bind::bind;
use super::{claim_reference, phase_of, request};
use crate::sim::Cluster;
use crate::sim::events::{EventType, Facts};
use crate::sim::fs::Fs;
use crate::sim::queue::Work;
use crate::sim::scheduler::SELECTED_NODE;

/// kind's default provisioner, which makes a directory on the node the scheduler picked.
const LOCAL_PATH: &str = "rancher.io/local-path";

/// provisionClaim for an external provisioner: the claim is annotated with the provisioner that
/// will create its volume (once), with the ExternalProvisioning and Provisioning events, and the
/// volume appears 0.8–2 s later. It takes the pass's handle to the claim so that it can let go of
/// it before the write, which then edits the stored claim instead of copying it.
pub(super) fn provision_claim(
    c: &mut Cluster,
    shared: Rc<PersistentVolumeClaim>,
    sc: &StorageClass,
) {
    let claim: &PersistentVolumeClaim = &shared;
    let ns = claim.metadata.namespace.as_deref().unwrap_or_default();
    let name = claim.metadata.name.as_deref().unwrap_or_default();
    let provisioner = sc.provisioner.as_str();
    let already = claim
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key("volume.kubernetes.io/storage-provisioner"));
    if already {
        return;
    }
    // Both events describe the claim as this pass read it. They are made before the write, so
    // that the pass can let go of its handle to the claim and the write does not copy it.
    let external = Facts::new(
        claim,
        None,
        EventType::Normal,
        "ExternalProvisioning",
        &[
            "Waiting for a volume to be created either by the external provisioner '",
            provisioner,
            "' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        ]
        .concat(),
        "persistentvolume-controller",
        None,
    );
    let provisioning = Facts::new(
        claim,
        None,
        EventType::Normal,
        "Provisioning",
        &[
            "External provisioner is provisioning volume for claim \"",
            ns,
            "/",
            name,
            "\"",
        ]
        .concat(),
        provisioner,
        None,
    );
    let key = crate::sim::store::key(ns, name);
    drop(shared);
    let (ns, name) = key.split_once('/').unwrap_or(("", key.as_str()));
    // The closure reports its change, so the claim is not compared whole afterwards.
    c.world.store.edit::<PersistentVolumeClaim>(ns, name, |p| {
        let ann = p.metadata.annotations.get_or_insert_with(BTreeMap::new);
        let mut changed = false;
        for key in [
            "volume.beta.kubernetes.io/storage-provisioner",
            "volume.kubernetes.io/storage-provisioner",
        ] {
            changed |= ann
                .insert(key.into(), provisioner.to_string())
                .is_none_or(|old| old != provisioner);
        }
        changed
    });
    c.world.record_event(external);
    c.world.record_event(provisioning);
    let at = c.world.after(800, 2_000);
    c.manager.queue.push(at, Work::Provisioned(key));
}

/// The provisioner has created the volume: store it and bind the claim to it.
pub fn finish_provisioning(c: &mut Cluster, key: &str) {
    let (ns, name) = key.split_once('/').unwrap_or(("", key));
    let Some(claim) = c
        .world
        .store
        .snapshot_one::<PersistentVolumeClaim>(ns, name)
    else {
        return;
    };
    if phase_of(&claim) != "Pending" || claim.metadata.deletion_timestamp.is_some() {
        return;
    }
    let class = claim
        .spec
        .as_ref()
        .and_then(|s| s.storage_class_name.clone())
        .unwrap_or_default();
    let Some(sc) = c.world.store.snapshot_one::<StorageClass>("", &class) else {
        return;
    };
    let pv_name = ["pvc-", claim.metadata.uid.as_deref().unwrap_or_default()].concat();
    let capacity: BTreeMap<String, Quantity> = request(&claim)
        .map(|q| ("storage".to_string(), q))
        .into_iter()
        .collect();
    let node = claim
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(SELECTED_NODE).cloned());
    let mut annotations: BTreeMap<String, String> = [(
        "pv.kubernetes.io/provisioned-by".to_string(),
        sc.provisioner.clone(),
    )]
    .into_iter()
    .collect();
    let local = sc.provisioner == LOCAL_PATH;
    if let (true, Some(node)) = (local, &node) {
        annotations.insert("local.path.provisioner/selected-node".into(), node.clone());
    }
    let pv = PersistentVolume {
        metadata: ObjectMeta {
            name: Some(pv_name.clone()),
            annotations: Some(annotations),
            ..Default::default()
        },
        spec: Some(PersistentVolumeSpec {
            access_modes: claim.spec.as_ref().and_then(|s| s.access_modes.clone()),
            capacity: Some(capacity),
            persistent_volume_reclaim_policy: Some(
                sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
            ),
            storage_class_name: Some(class.clone()),
            volume_mode: Some("Filesystem".into()),
            // The provisioner creates the volume already pointing at its claim (the external
            // provisioner library's ProvisionVolume), so the binder does not mark it.
            claim_ref: Some(claim_reference(&claim)),
            csi: (!local).then(|| CSIPersistentVolumeSource {
                driver: sc.provisioner.clone(),
                volume_handle: pv_name.clone(),
                fs_type: Some("ext4".into()),
                ..Default::default()
            }),
            host_path: local.then(|| local_path(&pv_name, ns, name)),
            node_affinity: node.filter(|_| local).map(on_node),
            ..Default::default()
        }),
        status: Some(PersistentVolumeStatus {
            phase: Some("Available".into()),
            ..Default::default()
        }),
    };
    let claim_ref = claim_reference(&claim);
    // The claim is written below; a handle still held here would make the store copy it.
    drop(claim);
    if c.create_shared(pv).is_err() {
        return;
    }
    c.world.volumes.insert(pv_name.clone(), Fs::default());
    bind(&mut c.world, claim_ref, &pv_name);
    let message = ["Successfully provisioned volume ", pv_name.as_str()].concat();
    let facts = c
        .world
        .store
        .get::<PersistentVolumeClaim>(ns, name)
        .map(|claim| {
            Facts::new(
                claim,
                None,
                EventType::Normal,
                "ProvisioningSucceeded",
                &message,
                &sc.provisioner,
                None,
            )
        });
    if let Some(facts) = facts {
        c.world.record_event(facts);
    }
}

/// The directory local-path makes for a claim: `<pv>_<namespace>_<claim>` under kind's
/// `/var/local-path-provisioner`, created if missing (createPersistentVolumeSource in
/// rancher/local-path-provisioner's provisioner.go).
fn local_path(pv_name: &str, ns: &str, claim: &str) -> HostPathVolumeSource {
    HostPathVolumeSource {
        path: format!("/var/local-path-provisioner/{pv_name}_{ns}_{claim}"),
        type_: Some("DirectoryOrCreate".into()),
    }
}

/// A local volume lives on the node it was made on: its required node affinity names that
/// node's hostname, so the scheduler places every later pod of the claim there.
fn on_node(node: String) -> VolumeNodeAffinity {
    VolumeNodeAffinity {
        required: Some(NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm {
                match_expressions: Some(vec![NodeSelectorRequirement {
                    key: "kubernetes.io/hostname".into(),
                    operator: "In".into(),
                    values: Some(vec![node]),
                }]),
                match_fields: None,
            }],
        }),
    }
}
