//! `kubectl describe statefulset` and `kubectl describe pod`.

use super::template::describe_pod_template;
use super::{
    PrefixWriter, describe_events, print_annotations_multiline, print_labels_multiline,
    print_labels_multiline_with_indent,
};
use crate::gofmt::quantity::canonical_text;
use crate::kubectl::print::duration::rfc1123z_opt;
use crate::kubectl::print::labels::Selector;
use crate::kubectl::print::rows_workloads::controller_of;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Event, PersistentVolumeClaim, Pod};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::Timestamp;

/// Counts the set's pods (selected and controlled by it) by phase: running, waiting, succeeded, failed.
fn pod_status_counts(sts: &StatefulSet, selector: &Selector, pods: &[Pod]) -> [usize; 4] {
    let mut counts = [0usize; 4];
    for pod in pods {
        if pod.metadata.namespace != sts.metadata.namespace
            || !selector.matches(pod.metadata.labels.as_ref())
        {
            continue;
        }
        let owned =
            controller_of(&pod.metadata).is_some_and(|r| Some(&r.uid) == sts.metadata.uid.as_ref());
        if !owned {
            continue;
        }
        let phase = pod
            .status
            .as_ref()
            .and_then(|s| s.phase.as_deref())
            .unwrap_or("");
        let slot = match phase {
            "Running" => 0,
            "Pending" => 1,
            "Succeeded" => 2,
            "Failed" => 3,
            _ => continue,
        };
        if let Some(c) = counts.get_mut(slot) {
            *c += 1;
        }
    }
    counts
}

fn int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

/// `kubectl describe statefulset` (v1.37 layout). `pods` are candidates for `Pods Status`;
/// `events` are the set's events (`None` hides the section). An invalid selector is an error.
pub fn describe_stateful_set(
    sts: &StatefulSet,
    pods: &[Pod],
    events: Option<&[Event]>,
    now: Timestamp,
) -> Result<String, String> {
    let spec = &sts.spec;
    let selector = Selector::from_label_selector(Some(&spec.selector))?;
    let mut w = PrefixWriter::new();
    let meta = &sts.metadata;
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z_opt(meta.creation_timestamp.as_ref())
        ),
    );
    w.write(
        0,
        &format!("Selector:\t{}\n", selector.to_selector_string()),
    );
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    if let Some(svc) = spec.service_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("Service Name:\t{svc}\n"));
    }
    if let Some(p) = spec
        .pod_management_policy
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        w.write(0, &format!("Pod Management Policy:\t{p}\n"));
    }
    let total = sts.status.as_ref().map_or(0, |s| s.replicas);
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {total} total\n",
            spec.replicas.unwrap_or(1)
        ),
    );
    // An omitted strategy is what the API server defaults: RollingUpdate with partition 0.
    let (strategy, rolling) = match spec.update_strategy.as_ref() {
        Some(s) => (
            s.type_.clone().unwrap_or_default(),
            s.rolling_update.clone(),
        ),
        None => ("RollingUpdate".to_string(), Some(Default::default())),
    };
    w.write(0, &format!("Update Strategy:\t{strategy}\n"));
    if let Some(ru) = rolling {
        let partition = if spec.update_strategy.is_none() {
            Some(0)
        } else {
            ru.partition
        };
        if let Some(p) = partition {
            w.write(1, &format!("Partition:\t{p}\n"));
            if let Some(mu) = ru.max_unavailable.as_ref() {
                w.write(1, &format!("MaxUnavailable:\t{}\n", int_or_string(mu)));
            }
        }
    }
    if let Some(policy) = spec.persistent_volume_claim_retention_policy.as_ref() {
        w.write(0, "Persistent Volume Claim Retention Policy:\n");
        let deleted = policy.when_deleted.as_deref().unwrap_or("Retain");
        let scaled = policy.when_scaled.as_deref().unwrap_or("Retain");
        w.write(1, &format!("WhenDeleted:\t{deleted}\n"));
        w.write(1, &format!("WhenScaled:\t{scaled}\n"));
    }
    let [running, waiting, succeeded, failed] = pod_status_counts(sts, &selector, pods);
    w.write(
        0,
        &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"),
    );
    describe_pod_template(&spec.template, &mut w);
    describe_volume_claim_templates(
        spec.volume_claim_templates.as_deref().unwrap_or(&[]),
        &mut w,
    );
    describe_events(&mut w, events, now);
    Ok(w.finish())
}

fn describe_volume_claim_templates(templates: &[PersistentVolumeClaim], w: &mut PrefixWriter) {
    if templates.is_empty() {
        w.write(0, "Volume Claims:\t<none>\n");
        return;
    }
    w.write(0, "Volume Claims:\n");
    for pvc in templates {
        let spec = pvc.spec.as_ref();
        w.write(
            1,
            &format!("Name:\t{}\n", pvc.metadata.name.as_deref().unwrap_or("")),
        );
        w.write(
            1,
            &format!(
                "StorageClass:\t{}\n",
                crate::kubectl::print::rows_storage::claim_class(pvc)
            ),
        );
        print_labels_multiline_with_indent(w, "  ", "Labels", "\t", pvc.metadata.labels.as_ref());
        print_labels_multiline_with_indent(
            w,
            "  ",
            "Annotations",
            "\t",
            pvc.metadata.annotations.as_ref(),
        );
        let capacity = spec
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get("storage"))
            .map_or_else(|| "<default>".to_string(), |q| canonical_text(&q.0));
        w.write(1, &format!("Capacity:\t{capacity}\n"));
        let modes = spec
            .and_then(|s| s.access_modes.as_ref())
            .map(|m| m.join(" "))
            .unwrap_or_default();
        w.write(1, &format!("Access Modes:\t[{modes}]\n"));
    }
}
