//! Admission steps that shape a created Pod after defaulting: ServiceAccount, DefaultTolerationSeconds,
//! Priority, and the registry's initial status.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    ConfigMapProjection, Container, DownwardAPIProjection, DownwardAPIVolumeFile, KeyToPath,
    ObjectFieldSelector, Pod, PodSpec, PodStatus, ProjectedVolumeSource,
    ServiceAccountTokenProjection, Toleration, Volume, VolumeMount, VolumeProjection,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::gofmt::quantity::parse_quantity;

/// Where the service account token is mounted in every container.
pub const SERVICE_ACCOUNT_MOUNT: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// The name prefix of the service-account token volume admission adds to a pod.
pub const TOKEN_VOLUME_PREFIX: &str = "kube-api-access-";

/// Options for [`admit_pod`].
#[derive(Clone, Debug)]
pub struct PodAdmission<'a> {
    /// The five-character suffix of the `kube-api-access-xxxxx` volume (random on a real server).
    pub token_volume_suffix: &'a str,
}

/// What happens to a Pod on create after defaulting, so that `kubectl get pod -o yaml` matches a
/// real cluster: the ServiceAccount plugin (`serviceAccountName: default` and the projected token
/// volume mounted into every container), DefaultTolerationSeconds (300 s for not-ready and
/// unreachable), Priority (`priority: 0`, `preemptionPolicy: PreemptLowerPriority`) and the
/// registry's initial status (`phase: Pending`, QoS class).
pub fn admit_pod(pod: &mut Pod, opts: &PodAdmission<'_>) {
    let spec = pod.spec.get_or_insert_with(PodSpec::default);
    if spec
        .service_account_name
        .as_deref()
        .unwrap_or("")
        .is_empty()
    {
        spec.service_account_name = Some("default".to_string());
    }
    spec.service_account = spec.service_account_name.clone();
    if spec.automount_service_account_token != Some(false) {
        add_token_volume(spec, opts.token_volume_suffix);
    }
    let tolerations = spec.tolerations.get_or_insert_with(Vec::new);
    let keys = [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ];
    let missing = keys.map(|key| (!tolerates_unready(tolerations, key)).then_some(key));
    // Room for exactly these; a growing vector would round up to four.
    tolerations.reserve_exact(missing.iter().flatten().count());
    for key in missing.into_iter().flatten() {
        tolerations.push(Toleration {
            effect: Some("NoExecute".to_string()),
            key: Some(key.to_string()),
            operator: Some("Exists".to_string()),
            toleration_seconds: Some(300),
            value: None,
        });
    }
    spec.priority.get_or_insert(0);
    spec.preemption_policy
        .get_or_insert_with(|| "PreemptLowerPriority".to_string());
    let qos = qos_class(spec);
    let status = pod.status.get_or_insert_with(PodStatus::default);
    status.phase.get_or_insert_with(|| "Pending".to_string());
    status.qos_class.get_or_insert_with(|| qos.to_string());
}

/// Whether `tolerations` already tolerate the NoExecute taint `key`, so that DefaultTolerationSeconds
/// adds nothing for it.
fn tolerates_unready(tolerations: &[Toleration], key: &str) -> bool {
    tolerations.iter().any(|t| {
        let effect_ok = matches!(t.effect.as_deref(), None | Some("") | Some("NoExecute"));
        let key_ok = t.key.as_deref() == Some(key)
            || (t.key.as_deref().unwrap_or("").is_empty()
                && t.operator.as_deref() == Some("Exists"));
        effect_ok && key_ok
    })
}

fn add_token_volume(spec: &mut PodSpec, suffix: &str) {
    let name = [TOKEN_VOLUME_PREFIX, suffix].concat();
    let mount_path = SERVICE_ACCOUNT_MOUNT;
    let volumes = spec.volumes.get_or_insert_with(Vec::new);
    if volumes
        .iter()
        .any(|v| v.name.starts_with(TOKEN_VOLUME_PREFIX))
    {
        return;
    }
    volumes.push(Volume {
        name: name.clone(),
        projected: Some(ProjectedVolumeSource {
            default_mode: Some(0o644),
            sources: Some(vec![
                VolumeProjection {
                    service_account_token: Some(ServiceAccountTokenProjection {
                        expiration_seconds: Some(3607),
                        path: "token".to_string(),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    config_map: Some(ConfigMapProjection {
                        items: Some(vec![KeyToPath {
                            key: "ca.crt".to_string(),
                            path: "ca.crt".to_string(),
                            ..Default::default()
                        }]),
                        name: "kube-root-ca.crt".to_string(),
                        optional: None,
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    downward_api: Some(DownwardAPIProjection {
                        items: Some(vec![DownwardAPIVolumeFile {
                            field_ref: Some(ObjectFieldSelector {
                                api_version: Some("v1".to_string()),
                                field_path: "metadata.namespace".to_string(),
                            }),
                            path: "namespace".to_string(),
                            ..Default::default()
                        }]),
                    }),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        }),
        ..Default::default()
    });
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut().flatten())
    {
        let mounts = c.volume_mounts.get_or_insert_with(Vec::new);
        if !mounts.iter().any(|m| m.mount_path == mount_path) {
            mounts.reserve_exact(1);
            mounts.push(VolumeMount {
                mount_path: mount_path.to_string(),
                name: name.clone(),
                read_only: Some(true),
                ..Default::default()
            });
        }
    }
}

/// The QoS class of a pod spec: Guaranteed, Burstable or BestEffort.
pub fn qos_class(spec: &PodSpec) -> &'static str {
    let containers: Vec<&Container> = spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let res = c.resources.as_ref();
        let requests = res.and_then(|r| r.requests.as_ref());
        let limits = res.and_then(|r| r.limits.as_ref());
        let nonzero = |m: Option<&BTreeMap<String, Quantity>>, k: &str| {
            m.and_then(|m| m.get(k))
                .and_then(|q| parse_quantity(&q.0).ok())
                .is_some_and(|q| !q.is_zero())
        };
        for k in ["cpu", "memory"] {
            if nonzero(requests, k) || nonzero(limits, k) {
                any = true;
            }
            let (r, l) = (
                requests.and_then(|m| m.get(k)),
                limits.and_then(|m| m.get(k)),
            );
            let equal = match (r, l) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(r), Some(l)) => parse_quantity(&r.0).ok() == parse_quantity(&l.0).ok(),
            };
            if !equal {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn qos_classes() {
        let spec = |res: Value| -> PodSpec {
            serde_json::from_value(
                serde_json::json!({"containers": [{"name": "c", "resources": res}]}),
            )
            .expect("spec")
        };
        assert_eq!(qos_class(&spec(serde_json::json!({}))), "BestEffort");
        assert_eq!(
            qos_class(&spec(serde_json::json!({"requests": {"cpu": "100m"}}))),
            "Burstable"
        );
        assert_eq!(
            qos_class(&spec(
                serde_json::json!({"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "1000m", "memory": "1Gi"}})
            )),
            "Guaranteed"
        );
    }
}
