//! Pure helpers of the StatefulSet controller: identity, storage, health predicates, retention policy.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimVolumeSource, Pod, Volume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, OwnerReference};

use crate::sim::clock::ms_of;
use crate::sim::store::with_ordinal_name;

/// Label with the pod's name, part of its identity.
pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// Label with the pod's ordinal (PodIndexLabel, GA in 1.32).
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";
/// Label with the full ControllerRevision name the pod was made from.
pub const REVISION_LABEL: &str = "controller-revision-hash";

/// Splits `web-12` into (`web`, 12), as the controller's `(.*)-([0-9]+)$` does.
pub fn parent_and_ordinal(name: &str) -> Option<(&str, i64)> {
    // Scanned by hand: this runs for every pod in every pass of the controller.
    let bytes = name.as_bytes();
    let digits = bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let dash = bytes.len().checked_sub(digits + 1)?;
    if digits == 0 || bytes.get(dash) != Some(&b'-') {
        return None;
    }
    let mut ordinal: i64 = 0;
    for b in bytes.get(dash + 1..)? {
        ordinal = ordinal.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some((name.get(..dash)?, ordinal))
}

/// The set's name.
pub fn set_name(set: &StatefulSet) -> &str {
    set.metadata.name.as_deref().unwrap_or("")
}

/// The set's namespace.
pub fn set_namespace(set: &StatefulSet) -> &str {
    set.metadata.namespace.as_deref().unwrap_or("default")
}

/// The pod's name.
pub fn pod_name(pod: &Pod) -> &str {
    pod.metadata.name.as_deref().unwrap_or("")
}

/// The first ordinal (`spec.ordinals.start`, else 0).
pub fn start_ordinal(set: &StatefulSet) -> i64 {
    Some(&set.spec)
        .and_then(|s| s.ordinals.as_ref())
        .and_then(|o| o.start)
        .map_or(0, i64::from)
}

/// Desired replicas (defaults to 1).
pub fn replicas(set: &StatefulSet) -> i64 {
    Some(&set.spec)
        .and_then(|s| s.replicas)
        .map_or(1, |r| i64::from(r.max(0)))
}

/// The pod name of `ordinal`.
pub fn ordinal_pod_name(set: &StatefulSet, ordinal: i64) -> String {
    with_ordinal_name(&[set_name(set)], ordinal, str::to_string)
}

/// The ordinal of a pod of this set, if its name makes it a member.
pub fn member_ordinal(set: &StatefulSet, pod: &Pod) -> Option<i64> {
    let (parent, ordinal) = parent_and_ordinal(pod_name(pod))?;
    (parent == set_name(set)).then_some(ordinal)
}

/// Whether `ordinal` lies in `[start, start + replicas)`.
pub fn in_range(set: &StatefulSet, ordinal: i64) -> bool {
    let start = start_ordinal(set);
    ordinal >= start && ordinal < start + replicas(set)
}

/// `podManagementPolicy: Parallel` lets the controller create and delete without waiting.
pub fn allows_burst(set: &StatefulSet) -> bool {
    Some(&set.spec).and_then(|s| s.pod_management_policy.as_deref()) == Some("Parallel")
}

/// `minReadySeconds` in milliseconds.
pub fn min_ready_ms(set: &StatefulSet) -> u64 {
    Some(&set.spec)
        .and_then(|s| s.min_ready_seconds)
        .map_or(0, |s| u64::try_from(s).unwrap_or(0) * 1000)
}

fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// The API server has the pod (a placeholder for a missing pod has no phase).
pub fn is_created(pod: &Pod) -> bool {
    !phase(pod).is_empty()
}

/// Phase Pending.
pub fn is_pending(pod: &Pod) -> bool {
    phase(pod) == "Pending"
}

/// Phase Failed.
pub fn is_failed(pod: &Pod) -> bool {
    phase(pod) == "Failed"
}

/// Phase Succeeded.
pub fn is_succeeded(pod: &Pod) -> bool {
    phase(pod) == "Succeeded"
}

/// Marked for deletion.
pub fn is_terminating(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// When the pod's Ready condition turned True, if it is True.
pub fn ready_since_ms(pod: &Pod) -> Option<u64> {
    let cond = pod
        .status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == "Ready")?;
    if cond.status != "True" {
        return None;
    }
    Some(cond.last_transition_time.as_ref().map_or(0, ms_of))
}

/// Phase Running and Ready=True.
pub fn is_running_and_ready(pod: &Pod) -> bool {
    phase(pod) == "Running" && ready_since_ms(pod).is_some()
}

/// Running, Ready, and Ready for at least minReadySeconds.
pub fn is_running_and_available(pod: &Pod, min_ready_ms: u64, now_ms: u64) -> bool {
    if phase(pod) != "Running" {
        return false;
    }
    match ready_since_ms(pod) {
        Some(since) => min_ready_ms == 0 || since + min_ready_ms <= now_ms,
        None => false,
    }
}

/// Running, Ready and not terminating.
pub fn is_healthy(pod: &Pod) -> bool {
    is_running_and_ready(pod) && !is_terminating(pod)
}

/// Not available (or terminating): what maxUnavailable counts.
pub fn is_unavailable(pod: &Pod, min_ready_ms: u64, now_ms: u64) -> bool {
    !is_running_and_available(pod, min_ready_ms, now_ms) || is_terminating(pod)
}

/// The revision name in the pod's `controller-revision-hash` label.
pub fn pod_revision(pod: &Pod) -> &str {
    pod.metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(REVISION_LABEL))
        .map_or("", String::as_str)
}

/// Whether the pod's name, namespace and pod-name label match its identity in the set.
pub fn identity_matches(set: &StatefulSet, pod: &Pod) -> bool {
    member_ordinal(set, pod).is_some_and(|o| super::claims::identity_matches_at(set, pod, o))
}

/// The claim name for template `template` and `ordinal`: `www-web-0`.
pub fn claim_name(template: &PersistentVolumeClaim, set: &StatefulSet, ordinal: i64) -> String {
    with_claim_name(template, set, ordinal, str::to_string)
}

/// Runs `f` with the claim name for `template` and `ordinal`, without allocating it.
pub fn with_claim_name<R>(
    template: &PersistentVolumeClaim,
    set: &StatefulSet,
    ordinal: i64,
    f: impl FnOnce(&str) -> R,
) -> R {
    with_ordinal_name(
        &[
            template.metadata.name.as_deref().unwrap_or(""),
            set_name(set),
        ],
        ordinal,
        f,
    )
}

/// The set's claim templates.
pub fn claim_templates(set: &StatefulSet) -> &[PersistentVolumeClaim] {
    Some(&set.spec)
        .and_then(|s| s.volume_claim_templates.as_deref())
        .unwrap_or(&[])
}

/// Whether every claim template is mounted as the pod's volume of the same name.
pub fn storage_matches(set: &StatefulSet, pod: &Pod) -> bool {
    member_ordinal(set, pod).is_some_and(|o| super::claims::storage_matches_at(set, pod, o))
}

/// The claims the pod of `ordinal` needs, labelled with the set's selector labels.
pub fn claims_for(set: &StatefulSet, ordinal: i64) -> Vec<PersistentVolumeClaim> {
    let match_labels = Some(&set.spec)
        .and_then(|s| s.selector.match_labels.clone())
        .unwrap_or_default();
    claim_templates(set)
        .iter()
        .map(|t| {
            let mut claim = t.clone();
            claim.metadata.name = Some(claim_name(t, set, ordinal));
            claim.metadata.namespace = Some(set_namespace(set).to_string());
            let labels = claim.metadata.labels.get_or_insert_with(BTreeMap::new);
            for (k, v) in &match_labels {
                labels.insert(k.clone(), v.clone());
            }
            claim.status = None;
            claim
        })
        .collect()
}

/// Points each claim-template volume of the pod at its claim, replacing same-named template volumes.
pub fn update_storage(set: &StatefulSet, pod: &mut Pod, ordinal: i64) {
    let templates = claim_templates(set);
    if templates.is_empty() {
        return;
    }
    let spec = pod.spec.get_or_insert_with(Default::default);
    let mut volumes: Vec<Volume> = spec
        .volumes
        .take()
        .unwrap_or_default()
        .into_iter()
        .filter(|v| {
            !templates
                .iter()
                .any(|t| t.metadata.name.as_deref() == Some(v.name.as_str()))
        })
        .collect();
    // A Volume takes over 3 KiB, so the vector gets its final size at once: the claims, and on a new
    // pod the service-account token volume the API server adds on create.
    let token_to_come = !volumes.iter().any(|v| {
        v.name
            .starts_with(crate::sim::api::admission::TOKEN_VOLUME_PREFIX)
    });
    volumes.reserve_exact(templates.len() + usize::from(token_to_come));
    for t in templates {
        volumes.push(Volume {
            name: t.metadata.name.clone().unwrap_or_default(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: claim_name(t, set, ordinal),
                read_only: None,
            }),
            ..Default::default()
        });
    }
    spec.volumes = Some(volumes);
}

/// Sets the pod's identity labels.
pub fn update_identity(set: &StatefulSet, pod: &mut Pod, ordinal: i64) {
    let name = ordinal_pod_name(set, ordinal);
    pod.metadata.name = Some(name.clone());
    pod.metadata.namespace = Some(set_namespace(set).to_string());
    let labels = pod.metadata.labels.get_or_insert_with(BTreeMap::new);
    labels.insert(POD_NAME_LABEL.to_string(), name);
    labels.insert(POD_INDEX_LABEL.to_string(), ordinal.to_string());
}

/// Whether a label selector matches a label set (matchLabels and matchExpressions).
pub fn selector_matches(
    selector: &LabelSelector,
    labels: Option<&BTreeMap<String, String>>,
) -> bool {
    let empty = BTreeMap::new();
    let labels = labels.unwrap_or(&empty);
    let labels_ok = selector
        .match_labels
        .as_ref()
        .is_none_or(|m| m.iter().all(|(k, v)| labels.get(k) == Some(v)));
    let exprs_ok = selector.match_expressions.as_ref().is_none_or(|exprs| {
        exprs.iter().all(|e| {
            let values = e.values.as_deref().unwrap_or(&[]);
            let value = labels.get(&e.key);
            match e.operator.as_str() {
                "In" => value.is_some_and(|v| values.contains(v)),
                "NotIn" => value.is_none_or(|v| !values.contains(v)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                _ => false,
            }
        })
    });
    labels_ok && exprs_ok
}

/// Whether the selector selects nothing at all (empty selectors are invalid for a StatefulSet).
pub fn selector_is_empty(selector: &LabelSelector) -> bool {
    selector
        .match_labels
        .as_ref()
        .is_none_or(BTreeMap::is_empty)
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(Vec::is_empty)
}

/// A controller owner reference to the set.
pub fn controller_ref(set: &StatefulSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".into(),
        kind: "StatefulSet".into(),
        name: set_name(set).to_string(),
        uid: set.metadata.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The controller owner reference of an object's metadata, if any.
pub fn controller_of(refs: Option<&Vec<OwnerReference>>) -> Option<&OwnerReference> {
    refs?.iter().find(|r| r.controller == Some(true))
}

/// Whether an object is controlled by the set (by uid).
pub fn is_controlled_by(refs: Option<&Vec<OwnerReference>>, set: &StatefulSet) -> bool {
    controller_of(refs).is_some_and(|r| Some(&r.uid) == set.metadata.uid.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_parse_like_the_controller_regex() {
        assert_eq!(parent_and_ordinal("web-0"), Some(("web", 0)));
        assert_eq!(parent_and_ordinal("my-web-12"), Some(("my-web", 12)));
        assert_eq!(parent_and_ordinal("web-"), None);
        assert_eq!(parent_and_ordinal("web-a1"), None);
        assert_eq!(parent_and_ordinal("web"), None);
        assert_eq!(parent_and_ordinal("-5"), Some(("", 5)));
        assert_eq!(parent_and_ordinal("web-1-02"), Some(("web-1", 2)));
        assert_eq!(parent_and_ordinal("web-99999999999999999999"), None);
        assert_eq!(parent_and_ordinal("wéb-7"), Some(("wéb", 7)));
        assert_eq!(parent_and_ordinal("7"), None);
    }

    #[test]
    fn selector_expressions_are_honoured() {
        let sel: LabelSelector = serde_json::from_value(serde_json::json!({
            "matchLabels": {"app": "nginx"},
            "matchExpressions": [{"key": "tier", "operator": "In", "values": ["web"]}]
        }))
        .unwrap();
        let mut labels = BTreeMap::new();
        labels.insert("app".to_string(), "nginx".to_string());
        assert!(!selector_matches(&sel, Some(&labels)));
        labels.insert("tier".to_string(), "web".to_string());
        assert!(selector_matches(&sel, Some(&labels)));
        assert!(!selector_is_empty(&sel));
        assert!(selector_is_empty(&LabelSelector::default()));
    }
}
