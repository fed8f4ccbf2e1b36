//! Checks the replica walk makes on every pass for every pod, given the ordinal the walk already
//! knows: the pod's name, its claim volumes, and one lookup of its claims for both the missing-claim
//! and the retention checks.

use std::rc::Rc;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;

use super::pod_control::retention;
use super::utils::*;
use crate::sim::world::World;

/// Whether `text` is `n` in decimal, as the controller formats ordinals (no leading zeros).
fn is_decimal_of(text: &str, n: i64) -> bool {
    let text = if n < 0 {
        match text.strip_prefix('-') {
            Some(t) => t,
            None => return false,
        }
    } else {
        text
    };
    let bytes = text.as_bytes();
    let mut rest = n.unsigned_abs();
    let mut end = bytes.len();
    loop {
        let Some(i) = end.checked_sub(1) else {
            return false;
        };
        if bytes.get(i) != Some(&(b'0' + (rest % 10) as u8)) {
            return false;
        }
        end = i;
        rest /= 10;
        if rest == 0 {
            return end == 0;
        }
    }
}

/// Whether `name` is `parent-ordinal`, compared in place.
pub fn is_ordinal_name(name: &str, parent: &str, ordinal: i64) -> bool {
    name.strip_prefix(parent)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|digits| is_decimal_of(digits, ordinal))
}

/// Whether the pod of `ordinal` has its name, namespace and pod-name label.
pub fn identity_matches_at(set: &StatefulSet, pod: &Pod, ordinal: i64) -> bool {
    let name = pod_name(pod);
    is_ordinal_name(name, set_name(set), ordinal)
        && pod.metadata.namespace.as_deref().unwrap_or("default") == set_namespace(set)
        && pod
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(POD_NAME_LABEL))
            .is_some_and(|v| v == name)
}

/// Whether every claim template is mounted as the volume of the same name of the pod of `ordinal`.
pub fn storage_matches_at(set: &StatefulSet, pod: &Pod, ordinal: i64) -> bool {
    let volumes = pod
        .spec
        .as_ref()
        .and_then(|s| s.volumes.as_deref())
        .unwrap_or(&[]);
    claim_templates(set).iter().all(|t| {
        let template = t.metadata.name.as_deref().unwrap_or("");
        volumes.iter().any(|v| {
            t.metadata.name.is_some()
                && v.name == template
                && v.persistent_volume_claim
                    .as_ref()
                    .is_some_and(|c| is_claim_name(&c.claim_name, template, set, ordinal))
        })
    })
}

/// Whether `name` is the claim name of `template` for `ordinal` (`www-web-0`).
fn is_claim_name(name: &str, template: &str, set: &StatefulSet, ordinal: i64) -> bool {
    name.strip_prefix(template)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|rest| is_ordinal_name(rest, set_name(set), ordinal))
}

/// The set's claims by template and replica slot, read in one ordered pass over the namespace's
/// claims instead of one lookup per pod. It answers only while the store is unchanged since it was
/// read (same resource version); after any write the walk looks claims up again.
pub struct ClaimIndex {
    /// The store's resource version when read; None when the index cannot be used.
    resource_version: Option<u64>,
    start: i64,
    count: usize,
    slots: Vec<Option<Rc<PersistentVolumeClaim>>>,
}

impl ClaimIndex {
    /// Reads the claims of ordinals `start..start + count` of every claim template of `set`.
    pub fn build(w: &World, set: &StatefulSet, start: i64, count: usize) -> Self {
        let templates = claim_templates(set);
        let mut slots = vec![None; templates.len().saturating_mul(count)];
        let ns = set_namespace(set);
        let lo = format!("{ns}/");
        let hi = format!("{ns}0");
        for (key, claim) in w.store.claims.range(lo..hi) {
            let name = key.get(ns.len() + 1..).unwrap_or("");
            for (j, t) in templates.iter().enumerate() {
                let template = t.metadata.name.as_deref().unwrap_or("");
                let slot = claim_ordinal(name, template, set_name(set))
                    .and_then(|o| usize::try_from(o - start).ok())
                    .filter(|&i| i < count);
                if let Some(entry) = slot.and_then(|i| slots.get_mut(j * count + i)) {
                    *entry = Some(Rc::clone(claim));
                }
            }
        }
        // Store keys of an empty namespace have no `namespace/` part: such sets use plain lookups.
        ClaimIndex {
            resource_version: (!ns.is_empty()).then_some(w.store.resource_version),
            start,
            count,
            slots,
        }
    }

    /// The claim of template number `template` for `ordinal`, or None when the index cannot tell
    /// (the store changed, or the ordinal is outside the slots) and the store must be asked.
    fn get(
        &self,
        w: &World,
        template: usize,
        ordinal: i64,
    ) -> Option<Option<&PersistentVolumeClaim>> {
        if self.resource_version != Some(w.store.resource_version) || ordinal < 0 {
            return None;
        }
        let slot = usize::try_from(ordinal - self.start)
            .ok()
            .filter(|&i| i < self.count)?;
        self.slots
            .get(template.checked_mul(self.count)?.checked_add(slot)?)
            .map(|claim| claim.as_deref())
    }
}

/// The ordinal of claim `name` if it is `template-set-ordinal` with a non-negative ordinal
/// written as the controller writes it (decimal, no leading zeros).
fn claim_ordinal(name: &str, template: &str, set: &str) -> Option<i64> {
    let digits = name
        .strip_prefix(template)?
        .strip_prefix('-')?
        .strip_prefix(set)?
        .strip_prefix('-')?
        .as_bytes();
    if digits.is_empty() || (digits.len() > 1 && digits.first() == Some(&b'0')) {
        return None;
    }
    let mut ordinal: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        ordinal = ordinal.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
    }
    Some(ordinal)
}

/// What one lookup of a pod's claims tells the walk.
pub struct ClaimState {
    /// Every claim exists and none is being deleted: there is nothing to create.
    pub all_present: bool,
    /// Under the default Retain/Retain policy, whether no claim carries a set or pod reference;
    /// `None` under other policies, which need the full check.
    pub retention_ok: Option<bool>,
}

/// Looks up each claim of the pod of `ordinal` once, in `index` while it is current.
pub fn claim_state(
    w: &World,
    set: &StatefulSet,
    pod: &Pod,
    ordinal: i64,
    index: Option<&ClaimIndex>,
) -> ClaimState {
    let (when_deleted, when_scaled) = retention(set);
    let default_policy = when_deleted == "Retain" && when_scaled == "Retain";
    let ns = set_namespace(set);
    let ours = |r: &OwnerReference| {
        (r.kind == "StatefulSet" && r.name == set_name(set))
            || (r.kind == "Pod" && r.name == pod_name(pod))
    };
    let mut all_present = true;
    let mut retained = true;
    for (j, t) in claim_templates(set).iter().enumerate() {
        let claim = index
            .and_then(|index| index.get(w, j, ordinal))
            .unwrap_or_else(|| {
                with_claim_name(t, set, ordinal, |name| {
                    w.store.get::<PersistentVolumeClaim>(ns, name)
                })
            });
        all_present &= claim.is_some_and(|p| p.metadata.deletion_timestamp.is_none());
        if default_policy {
            retained &= claim
                .is_none_or(|claim| !claim.metadata.owner_references.iter().flatten().any(ours));
        }
    }
    ClaimState {
        all_present,
        retention_ok: default_policy.then_some(retained),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_names_compare_like_the_formatted_name() {
        for (name, parent, ordinal) in [
            ("web-0", "web", 0),
            ("web-12", "web", 12),
            ("web-01", "web", 1),
            ("web-1", "web", 12),
            ("web-12", "web", 2),
            ("web--5", "web", -5),
            ("web-5", "web", -5),
            ("web-", "web", 0),
            ("my-web-3", "web", 3),
            ("www-web-3", "www-web", 3),
        ] {
            let formatted = format!("{parent}-{ordinal}");
            assert_eq!(
                is_ordinal_name(name, parent, ordinal),
                name == formatted,
                "{name} {parent} {ordinal}"
            );
        }
    }
}
