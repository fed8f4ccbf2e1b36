//! Pod validation for the fields the playground simulates (k8s.io/kubernetes
//! `pkg/apis/core/validation/validation.go`, `ValidatePodCreate` and `ValidatePodSpec`).

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{Pod, PodSpec, Toleration, Volume};
use serde_json::Value;

use super::field_error::FieldError;
use super::field_path::FieldPath;
use super::names::{inclusive_range_error, is_dns1123_subdomain, is_label_key, is_label_value};
use super::validation_container::{container_common, container_hooks, dns1123_label};
use super::validation_meta::{NameRule, validate_labels, validate_object_meta};

/// Volume source fields in the order the server examines them.
const VOLUME_SOURCES: &[&str] = &[
    "emptyDir",
    "hostPath",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flexVolume",
    "persistentVolumeClaim",
    "rbd",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "configMap",
    "projected",
    "csi",
    "ephemeral",
    "image",
];

/// Whether the volume sets the source with the given JSON field name.
fn has_source(v: &Volume, source: &str) -> bool {
    match source {
        "emptyDir" => v.empty_dir.is_some(),
        "hostPath" => v.host_path.is_some(),
        "gitRepo" => v.git_repo.is_some(),
        "gcePersistentDisk" => v.gce_persistent_disk.is_some(),
        "awsElasticBlockStore" => v.aws_elastic_block_store.is_some(),
        "secret" => v.secret.is_some(),
        "nfs" => v.nfs.is_some(),
        "iscsi" => v.iscsi.is_some(),
        "glusterfs" => v.glusterfs.is_some(),
        "flexVolume" => v.flex_volume.is_some(),
        "persistentVolumeClaim" => v.persistent_volume_claim.is_some(),
        "rbd" => v.rbd.is_some(),
        "cinder" => v.cinder.is_some(),
        "cephfs" => v.cephfs.is_some(),
        "flocker" => v.flocker.is_some(),
        "downwardAPI" => v.downward_api.is_some(),
        "fc" => v.fc.is_some(),
        "azureFile" => v.azure_file.is_some(),
        "vsphereVolume" => v.vsphere_volume.is_some(),
        "quobyte" => v.quobyte.is_some(),
        "azureDisk" => v.azure_disk.is_some(),
        "photonPersistentDisk" => v.photon_persistent_disk.is_some(),
        "portworxVolume" => v.portworx_volume.is_some(),
        "scaleIO" => v.scale_io.is_some(),
        "storageos" => v.storageos.is_some(),
        "configMap" => v.config_map.is_some(),
        "projected" => v.projected.is_some(),
        "csi" => v.csi.is_some(),
        "ephemeral" => v.ephemeral.is_some(),
        "image" => v.image.is_some(),
        _ => false,
    }
}

fn volume_source(v: &Volume, path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut count = 0;
    for source in VOLUME_SOURCES {
        if !has_source(v, source) {
            continue;
        }
        if count > 0 {
            errs.push(FieldError::forbidden(
                &path.child(source),
                "may not specify more than 1 volume type",
            ));
            continue;
        }
        count += 1;
        let sp = path.child(source);
        let missing = |field: &str, value: Option<&str>| {
            value
                .unwrap_or("")
                .is_empty()
                .then(|| FieldError::required(&sp.child(field), ""))
        };
        errs.extend(match *source {
            "persistentVolumeClaim" => missing(
                "claimName",
                v.persistent_volume_claim
                    .as_ref()
                    .map(|c| c.claim_name.as_str()),
            ),
            "secret" => missing(
                "secretName",
                v.secret.as_ref().and_then(|s| s.secret_name.as_deref()),
            ),
            "configMap" => missing("name", v.config_map.as_ref().map(|c| c.name.as_str())),
            "hostPath" => missing("path", v.host_path.as_ref().map(|h| h.path.as_str())),
            _ => None,
        });
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
    errs
}

/// Validates the volumes and returns the names that mounts may refer to (volumes with errors
/// are left out, as the server leaves them out).
pub fn validate_volumes(
    volumes: &[Volume],
    path: &FieldPath,
) -> (BTreeSet<String>, Vec<FieldError>) {
    let mut errs = Vec::new();
    let mut names = BTreeSet::new();
    for (i, v) in volumes.iter().enumerate() {
        let ip = path.index(i);
        let mut el = volume_source(v, &ip);
        if v.name.is_empty() {
            el.push(FieldError::required(&ip.child("name"), ""));
        } else {
            el.extend(dns1123_label(&v.name, &ip.child("name")));
        }
        if names.contains(&v.name) {
            el.push(FieldError::duplicate(&ip.child("name"), v.name.as_str()));
        }
        if el.is_empty() {
            names.insert(v.name.clone());
        } else {
            errs.extend(el);
        }
    }
    (names, errs)
}

fn tolerations(list: &[Toleration], path: &FieldPath) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let ip = path.index(i);
        let key = t.key.as_deref().unwrap_or("");
        let op = t.operator.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        for m in is_label_key(key).into_iter().filter(|_| !key.is_empty()) {
            errs.push(FieldError::invalid(&ip.child("key"), key, &m));
        }
        if key.is_empty() && op != "Exists" {
            errs.push(FieldError::invalid(
                &ip.child("operator"),
                op,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if t.toleration_seconds.is_some() && effect != "NoExecute" {
            errs.push(FieldError::invalid(
                &ip.child("effect"),
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match op {
            "Equal" | "" => {
                let msgs = is_label_value(value);
                if !msgs.is_empty() {
                    errs.push(FieldError::invalid(
                        &ip.child("operator"),
                        value,
                        &msgs.join(";"),
                    ));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    let v = serde_json::to_value(t).unwrap_or(Value::Null);
                    errs.push(FieldError::invalid(
                        &ip.child("operator"),
                        v,
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            other => errs.push(FieldError::not_supported(
                &ip.child("operator"),
                other,
                &["Equal", "Exists"],
            )),
        }
        if !effect.is_empty() && !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute")
        {
            errs.push(FieldError::not_supported(
                &ip.child("effect"),
                effect,
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            ));
        }
    }
    errs
}

/// validateInitContainers: the common container rules, names unique across all containers, and
/// hooks and probes only for restartable (sidecar) init containers.
fn validate_init_containers(
    errs: &mut Vec<FieldError>,
    spec: &PodSpec,
    volumes: &BTreeSet<String>,
    init_path: &FieldPath,
) {
    let mut names = BTreeSet::new();
    for (i, c) in spec.init_containers.iter().flatten().enumerate() {
        let ip = init_path.index(i);
        errs.extend(container_common(c, volumes, &ip));
        let clash = spec.containers.iter().any(|r| r.name == c.name) || names.contains(&c.name);
        if clash {
            errs.push(FieldError::duplicate(&ip.child("name"), c.name.as_str()));
        } else if !c.name.is_empty() {
            names.insert(c.name.clone());
        }
        if c.restart_policy.as_deref() == Some("Always") {
            errs.extend(container_hooks(c, &ip));
        } else {
            for (field, set) in [
                ("lifecycle", c.lifecycle.is_some()),
                ("livenessProbe", c.liveness_probe.is_some()),
                ("readinessProbe", c.readiness_probe.is_some()),
                ("startupProbe", c.startup_probe.is_some()),
            ] {
                if set {
                    errs.push(FieldError::forbidden(
                        &ip.child(field),
                        "may not be set for init containers without restartPolicy=Always",
                    ));
                }
            }
        }
    }
}

/// Validates a PodSpec (after defaulting), in the server's order.
pub fn validate_pod_spec(spec: &PodSpec, path: &FieldPath) -> Vec<FieldError> {
    let (volumes, mut errs) = validate_volumes(
        spec.volumes.as_deref().unwrap_or(&[]),
        &path.child("volumes"),
    );
    validate_init_containers(&mut errs, spec, &volumes, &path.child("initContainers"));
    let cpath = path.child("containers");
    if spec.containers.is_empty() {
        errs.push(FieldError::required(&cpath, ""));
    }
    let mut regular = BTreeSet::new();
    for (i, c) in spec.containers.iter().enumerate() {
        let ip = cpath.index(i);
        errs.extend(container_common(c, &volumes, &ip));
        if !regular.insert(c.name.clone()) {
            errs.push(FieldError::duplicate(&ip.child("name"), c.name.as_str()));
        }
        errs.extend(container_hooks(c, &ip));
    }
    match spec.restart_policy.as_deref().unwrap_or("") {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.push(FieldError::required(&path.child("restartPolicy"), "")),
        other => errs.push(FieldError::not_supported(
            &path.child("restartPolicy"),
            other,
            &["Always", "OnFailure", "Never"],
        )),
    }
    match spec.dns_policy.as_deref().unwrap_or("") {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => {}
        "" => errs.push(FieldError::required(&path.child("dnsPolicy"), "")),
        other => errs.push(FieldError::not_supported(
            &path.child("dnsPolicy"),
            other,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )),
    }
    errs.extend(validate_labels(
        spec.node_selector.as_ref(),
        &path.child("nodeSelector"),
    ));
    for (field, value) in [
        ("serviceAccountName", &spec.service_account_name),
        ("nodeName", &spec.node_name),
    ] {
        let v = value.as_deref().unwrap_or("");
        if !v.is_empty() {
            errs.extend(
                is_dns1123_subdomain(v)
                    .iter()
                    .map(|m| FieldError::invalid(&path.child(field), v, m)),
            );
        }
    }
    if let Some(ads) = spec
        .active_deadline_seconds
        .filter(|v| *v < 1 || *v > i64::from(i32::MAX))
    {
        errs.push(FieldError::invalid(
            &path.child("activeDeadlineSeconds"),
            ads,
            &inclusive_range_error(1, i64::from(i32::MAX)),
        ));
    }
    for (field, value) in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        let v = value.as_deref().unwrap_or("");
        if !v.is_empty() {
            errs.extend(dns1123_label(v, &path.child(field)));
        }
    }
    errs.extend(tolerations(
        spec.tolerations.as_deref().unwrap_or(&[]),
        &path.child("tolerations"),
    ));
    errs
}

/// The metadata and spec checks that run on both create and update.
pub fn validate_pod_metadata_and_spec(pod: &Pod) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &pod.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &FieldPath::new("metadata"),
    );
    let no_spec = PodSpec::default();
    errs.extend(validate_pod_spec(
        pod.spec.as_ref().unwrap_or(&no_spec),
        &FieldPath::new("spec"),
    ));
    errs
}

/// Validates a Pod on create (after defaulting and admission).
pub fn validate_pod(pod: &Pod) -> Vec<FieldError> {
    let mut errs = validate_pod_metadata_and_spec(pod);
    let no_spec = PodSpec::default();
    let spec = pod.spec.as_ref().unwrap_or(&no_spec);
    let path = FieldPath::new("spec");
    if spec
        .ephemeral_containers
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        errs.push(FieldError::forbidden(
            &path.child("ephemeralContainers"),
            "cannot be set on create",
        ));
    }
    if !spec.node_name.as_deref().unwrap_or("").is_empty()
        && spec
            .scheduling_gates
            .as_ref()
            .is_some_and(|g| !g.is_empty())
    {
        errs.push(FieldError::forbidden(
            &path.child("nodeName"),
            "cannot be set until all schedulingGates have been cleared",
        ));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_volume_source_is_found_as_the_json_form_shows_it() {
        let body = serde_json::json!({
            "path": "/x", "server": "s", "volumeID": "v", "pdName": "p", "secretName": "s",
            "claimName": "c", "driver": "d", "monitors": ["m"], "image": "i", "targetPortal": "t",
            "iqn": "q", "lun": 0, "endpoints": "e", "diskName": "d", "diskURI": "u",
            "shareName": "s", "volumePath": "v", "registry": "r", "volume": "v", "pdID": "p",
            "gateway": "g", "system": "s", "repository": "r", "datasetName": "d", "name": "n"
        });
        let mut checked = 0;
        for source in VOLUME_SOURCES {
            let json = serde_json::json!({"name": "v", *source: body.clone()});
            let Ok(v) = serde_json::from_value::<Volume>(json) else {
                continue;
            };
            let value = serde_json::to_value(&v).unwrap();
            for other in VOLUME_SOURCES {
                assert_eq!(has_source(&v, other), value.get(other).is_some(), "{other}");
            }
            checked += 1;
        }
        assert_eq!(checked, VOLUME_SOURCES.len());
    }
}
