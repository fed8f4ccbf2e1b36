//! PodDisruptionBudget validation (pkg/apis/policy/validation/validation.go
//! ValidatePodDisruptionBudgetSpec; apps validation's ValidatePositiveIntOrPercent and
//! IsNotMoreThan100Percent).

use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Value, json};

use super::field_error::{BadValue, FieldError};
use super::field_path::FieldPath;
use super::names::is_valid_percent;
use super::validation_meta::{NameRule, validate_label_selector, validate_object_meta};
use crate::gofmt::json::marshal as go_json;

const NONNEG: &str = "must be greater than or equal to 0";

fn int_or_string(v: &IntOrString) -> Value {
    match v {
        IntOrString::Int(i) => json!(i),
        IntOrString::String(s) => json!(s),
    }
}

/// The spec as the server prints it from its internal type: Go field names in declaration order.
fn internal_spec(spec: &PodDisruptionBudgetSpec) -> String {
    let opt =
        |v: Option<&IntOrString>| v.map_or("null".to_string(), |v| go_json(&int_or_string(v)));
    let selector = spec
        .selector
        .as_ref()
        .and_then(|s| serde_json::to_value(s).ok())
        .map_or("null".to_string(), |v| go_json(&v));
    let policy = spec
        .unhealthy_pod_eviction_policy
        .as_ref()
        .map_or("null".to_string(), |p| go_json(&json!(p)));
    format!(
        "{{\"MinAvailable\":{},\"Selector\":{selector},\"MaxUnavailable\":{},\"UnhealthyPodEvictionPolicy\":{policy}}}",
        opt(spec.min_available.as_ref()),
        opt(spec.max_unavailable.as_ref()),
    )
}

/// A non-negative integer or a percent of at most 100.
fn int_or_percent(v: &IntOrString, path: &FieldPath, errs: &mut Vec<FieldError>) {
    match v {
        IntOrString::Int(i) if *i < 0 => {
            errs.push(FieldError::invalid(path, i64::from(*i), NONNEG))
        }
        IntOrString::Int(_) => {}
        IntOrString::String(s) => {
            for m in is_valid_percent(s) {
                errs.push(FieldError::invalid(path, int_or_string(v), &m));
            }
            let percent = s.strip_suffix('%').and_then(|n| n.parse::<i64>().ok());
            if percent.is_some_and(|p| p > 100) {
                errs.push(FieldError::invalid(
                    path,
                    int_or_string(v),
                    "must not be greater than 100%",
                ));
            }
        }
    }
}

/// Validates a PodDisruptionBudget's metadata and spec.
pub fn validate_pdb(pdb: &PodDisruptionBudget) -> Vec<FieldError> {
    let mut errs = validate_object_meta(
        &pdb.metadata,
        true,
        NameRule::Dns1123Subdomain,
        &FieldPath::new("metadata"),
    );
    let spec = pdb.spec.clone().unwrap_or_default();
    let path = FieldPath::new("spec");
    if spec.min_available.is_some() && spec.max_unavailable.is_some() {
        errs.push(FieldError::invalid(
            &path,
            BadValue::Raw(internal_spec(&spec)),
            "minAvailable and maxUnavailable cannot be both set",
        ));
    }
    if let Some(v) = &spec.min_available {
        int_or_percent(v, &path.child("minAvailable"), &mut errs);
    }
    if let Some(v) = &spec.max_unavailable {
        int_or_percent(v, &path.child("maxUnavailable"), &mut errs);
    }
    if let Some(sel) = &spec.selector {
        errs.extend(validate_label_selector(sel, &path.child("selector")));
    }
    if let Some(p) = spec.unhealthy_pod_eviction_policy.as_deref() {
        let supported = ["AlwaysAllow", "IfHealthyBudget"];
        if !supported.contains(&p) {
            errs.push(FieldError::not_supported(
                &path.child("unhealthyPodEvictionPolicy"),
                p,
                &supported,
            ));
        }
    }
    errs
}
