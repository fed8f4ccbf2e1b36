//! The PodDisruptionBudget layout (kubectl `pkg/describe/describe.go`:
//! describePodDisruptionBudgetV1).

use k8s_openapi::api::core::v1::Event;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::jiff::Timestamp;

use super::super::labels::format_label_selector;
use super::super::rows_policy::int_or_string_text;
use super::{PrefixWriter, describe_events};

/// `kubectl describe pdb`: the bound that is set, the selector, then the status counts.
pub fn describe_pdb(pdb: &PodDisruptionBudget, events: Option<&[Event]>, now: Timestamp) -> String {
    let mut w = PrefixWriter::new();
    let meta = &pdb.metadata;
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    let spec = pdb.spec.clone().unwrap_or_default();
    if let Some(v) = &spec.min_available {
        w.write(0, &format!("Min available:\t{}\n", int_or_string_text(v)));
    } else if let Some(v) = &spec.max_unavailable {
        w.write(0, &format!("Max unavailable:\t{}\n", int_or_string_text(v)));
    }
    match &spec.selector {
        Some(sel) => w.write(
            0,
            &format!("Selector:\t{}\n", format_label_selector(Some(sel))),
        ),
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    let status = pdb.status.clone().unwrap_or_default();
    w.write(0, "Status:\n");
    let n = |v: Option<i32>| v.unwrap_or(0);
    w.write(
        2,
        &format!("Allowed disruptions:\t{}\n", n(status.disruptions_allowed)),
    );
    w.write(2, &format!("Current:\t{}\n", n(status.current_healthy)));
    w.write(2, &format!("Desired:\t{}\n", n(status.desired_healthy)));
    w.write(2, &format!("Total:\t{}\n", n(status.expected_pods)));
    describe_events(&mut w, events, now);
    w.finish()
}
