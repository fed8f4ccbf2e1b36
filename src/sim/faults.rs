//! Planned failures of controller writes, so that tests can reach the error and back-off paths
//! without breaking real API rules, as upstream's fake object manager fails a chosen request
//! (`SetCreateStatefulPodError(err, after)` in pkg/controller/statefulset/stateful_set_control_test.go).
//! The plan is not part of the cluster's state: it is never saved, shared or digested.

use super::apiserver::ApiError;
use super::statefulset::utils::parent_and_ordinal;

/// A write of the StatefulSet pod control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// Creating a pod.
    CreatePod,
    /// Updating a pod.
    UpdatePod,
    /// Deleting a pod.
    DeletePod,
    /// Creating a PersistentVolumeClaim.
    CreateClaim,
    /// Updating a PersistentVolumeClaim.
    UpdateClaim,
}

impl Write {
    fn is_claim(self) -> bool {
        matches!(self, Write::CreateClaim | Write::UpdateClaim)
    }
}

/// One planned failure: the writes of one kind to the objects of one StatefulSet.
#[derive(Debug, Clone)]
struct Fault {
    write: Write,
    namespace: String,
    set: String,
    /// Matching writes still let through before the failures start.
    after: u32,
    /// Matching writes still to fail.
    times: u32,
    error: ApiError,
}

/// The failures planned for the cluster's controller writes; empty in every real session.
#[derive(Debug, Clone, Default)]
pub struct FaultPlan {
    faults: Vec<Fault>,
}

impl FaultPlan {
    /// Fails `times` writes of kind `write` to the objects of the set `namespace/set` with
    /// `error`, after letting the next `after` such writes succeed.
    pub fn fail(
        &mut self,
        write: Write,
        (namespace, set): (&str, &str),
        after: u32,
        times: u32,
        error: ApiError,
    ) {
        self.faults.push(Fault {
            write,
            namespace: namespace.to_string(),
            set: set.to_string(),
            after,
            times,
            error,
        });
    }

    /// Drops every planned failure.
    pub fn clear(&mut self) {
        self.faults.clear();
    }

    /// Whether no failure is left to happen.
    pub fn is_empty(&self) -> bool {
        self.faults.is_empty()
    }

    /// The error a write of `write` to the object `namespace/name` must fail with, if one is
    /// planned; counts the write against the plan.
    pub(crate) fn check(&mut self, write: Write, namespace: &str, name: &str) -> Option<ApiError> {
        if self.faults.is_empty() {
            return None;
        }
        let fault = self.faults.iter_mut().find(|f| {
            f.write == write && f.namespace == namespace && belongs(write, name, &f.set)
        })?;
        if fault.after > 0 {
            fault.after -= 1;
            return None;
        }
        fault.times = fault.times.saturating_sub(1);
        let error = fault.error.clone();
        self.faults.retain(|f| f.times > 0);
        Some(error)
    }
}

/// Whether the object `name` is one of the set's: its pods are `<set>-<ordinal>`, their claims
/// `<template>-<set>-<ordinal>`.
fn belongs(write: Write, name: &str, set: &str) -> bool {
    let Some((parent, _)) = parent_and_ordinal(name) else {
        return false;
    };
    if write.is_claim() {
        parent
            .strip_suffix(set)
            .is_some_and(|template| template.ends_with('-'))
    } else {
        parent == set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error() -> ApiError {
        ApiError::bad_request("injected".into())
    }

    #[test]
    fn a_fault_lets_the_first_writes_through_then_fails_its_count() {
        let mut plan = FaultPlan::default();
        plan.fail(Write::CreatePod, ("default", "web"), 1, 2, error());
        assert_eq!(plan.check(Write::CreatePod, "default", "web-0"), None);
        assert_eq!(plan.check(Write::DeletePod, "default", "web-1"), None);
        assert_eq!(plan.check(Write::CreatePod, "other", "web-1"), None);
        assert_eq!(plan.check(Write::CreatePod, "default", "webx-1"), None);
        assert!(plan.check(Write::CreatePod, "default", "web-1").is_some());
        assert!(plan.check(Write::CreatePod, "default", "web-1").is_some());
        assert!(plan.is_empty());
        assert_eq!(plan.check(Write::CreatePod, "default", "web-1"), None);
    }

    #[test]
    fn claims_belong_to_the_set_named_after_their_template() {
        assert!(belongs(Write::CreateClaim, "www-web-0", "web"));
        assert!(!belongs(Write::CreateClaim, "www-myweb-0", "web"));
        assert!(!belongs(Write::CreatePod, "www-web-0", "web"));
    }
}
