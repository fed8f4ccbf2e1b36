//! Promptness: the controllers that react to a watch event (the endpoints controller after a
//! pod's readiness changes, the volume controller after a claim is deleted) must catch up within
//! a few milliseconds, as they do on a real cluster, never waiting for a resync period.

use serde_json::Value;
use std::collections::BTreeMap;
use sts_playground::kubectl::latency::REQUEST_MS;
use sts_playground::sim::Cluster;
use sts_playground::sim::queue::Work;

/// How long a reaction may lag behind the change it reacts to: less than the time one kubectl
/// command takes to reach the server, so the next command always sees it.
pub const REACTION_BOUND_MS: u64 = REQUEST_MS / 2;

/// What the reacting controllers own, as a comparable picture: each Service's endpoint subsets
/// and EndpointSlice endpoints, each volume's phase and each claim's phase and volume.
fn picture(c: &Cluster) -> BTreeMap<String, Value> {
    let store = &c.world.store;
    let mut out = BTreeMap::new();
    for e in store.list::<k8s_openapi::api::core::v1::Endpoints>(None) {
        let name = e.metadata.name.clone().unwrap_or_default();
        out.insert(
            format!("endpoints/{name}"),
            serde_json::to_value(&e.subsets).unwrap_or(Value::Null),
        );
    }
    for slice in store.list::<k8s_openapi::api::discovery::v1::EndpointSlice>(None) {
        let name = slice.metadata.name.clone().unwrap_or_default();
        out.insert(
            format!("endpointslice/{name}"),
            serde_json::to_value(&slice.endpoints).unwrap_or(Value::Null),
        );
    }
    for pv in store.list::<k8s_openapi::api::core::v1::PersistentVolume>(None) {
        let name = pv.metadata.name.clone().unwrap_or_default();
        let phase = pv.status.as_ref().and_then(|s| s.phase.clone());
        out.insert(format!("pv/{name}"), Value::from(phase));
    }
    for pvc in store.list::<k8s_openapi::api::core::v1::PersistentVolumeClaim>(None) {
        let name = pvc.metadata.name.clone().unwrap_or_default();
        let phase = pvc.status.as_ref().and_then(|s| s.phase.clone());
        let volume = pvc.spec.as_ref().and_then(|s| s.volume_name.clone());
        out.insert(
            format!("pvc/{name}"),
            Value::from(vec![Value::from(phase), Value::from(volume)]),
        );
    }
    out
}

/// Watches a cluster for reactions that are due but have not happened.
#[derive(Default)]
pub struct Prompt {
    /// What was behind, and since when.
    behind: BTreeMap<String, u64>,
    version: Option<u64>,
}

impl Prompt {
    /// Looks at the cluster now: runs the reacting controllers' passes on a copy and compares.
    /// Panics when something has been behind for longer than the bound.
    pub fn check(&mut self, c: &Cluster) {
        let now = c.now_ms();
        // Nothing changed since the last look: what was behind is still behind, only older.
        if self.version != Some(c.world.store.resource_version) {
            self.version = Some(c.world.store.resource_version);
            self.look(c, now);
        }
        for (what, since) in &self.behind {
            assert!(
                now - since <= REACTION_BOUND_MS,
                "{what} has waited {} ms for its controller (at {now} ms)",
                now - since
            );
        }
    }

    fn look(&mut self, c: &Cluster, now: u64) {
        let mut twin = c.clone();
        let namespaces: Vec<String> = twin
            .world
            .store
            .list::<k8s_openapi::api::core::v1::Namespace>(None)
            .filter_map(|n| n.metadata.name.clone())
            .collect();
        for ns in namespaces {
            twin.manager.queue.push_earliest(now, Work::Endpoints(ns));
        }
        twin.manager.queue.push_earliest(now, Work::Volumes);
        twin.run_until(Some(now), &mut |_| std::ops::ControlFlow::Continue(()));
        let (seen, due) = (picture(c), picture(&twin));
        let mut behind = BTreeMap::new();
        for (key, value) in &due {
            if seen.get(key) != Some(value) {
                let since = self.behind.get(key).copied().unwrap_or(now);
                behind.insert(key.clone(), since);
            }
        }
        for key in seen.keys().filter(|k| !due.contains_key(*k)) {
            let since = self.behind.get(key).copied().unwrap_or(now);
            behind.insert(key.clone(), since);
        }
        self.behind = behind;
    }
}
