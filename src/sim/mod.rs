//! The cluster simulation: object store, virtual clock, seeded randomness, controllers, kubelet,
//! volumes and their files. Pure and deterministic: the same seed and the same inputs give the same state.

pub mod api;
pub mod apiserver;
mod bootstrap;
pub mod clock;
pub mod endpoints;
pub mod events;
pub mod faults;
pub mod fs;
mod gc;
mod hex;
pub mod kind;
pub mod kubelet;
pub mod manager;
pub mod queue;
pub mod rng;
mod run;
mod scheduler;
pub mod statefulset;
pub mod store;
mod volume;
pub mod why;

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use self::clock::Clock;
use self::faults::FaultPlan;
use self::fs::Fs;
use self::kubelet::PodRuntime;
use self::manager::Manager;
use self::rng::Rng;
use self::store::Store;
use self::why::Why;

pub use self::run::{Ran, Settled};

/// The version of the serialised cluster state; bumped when its shape changes.
pub const STATE_VERSION: u32 = 1;

/// How long `settle` may run by default: ten virtual minutes.
pub const DEFAULT_SETTLE_CAP_MS: u64 = 10 * 60 * 1000;

/// The whole simulated cluster.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cluster {
    /// Shape version of this state.
    pub version: u32,
    /// The controller manager: pending work and its pacing. Its fields sit at the top level of
    /// the saved state, where they were before it was a type of its own.
    #[serde(flatten)]
    pub manager: Manager,
    /// The virtual clock.
    pub clock: Clock,
    /// Seeded randomness for jitter, uids and addresses.
    pub rng: Rng,
    /// Every API object.
    pub store: Store,
    /// The kubelet's view of each pod, by pod uid.
    pub runtime: store::HashedMap<PodRuntime>,
    /// The files of each persistent volume, by volume name.
    pub volumes: store::HashedMap<Fs>,
    /// Images already pulled, by node name.
    pub node_images: BTreeMap<String, Vec<String>>,
    /// The last pod IP handed out on each node.
    pub node_ips: BTreeMap<String, u32>,
    /// Nodes whose kubelet has stopped (simulated node failure), with the time it stopped.
    pub failed_nodes: BTreeMap<String, u64>,
    /// Decisions and waits in plain words.
    pub why: Why,
    /// Aggregation index of events: the hash of an event's identity to its object name. Every
    /// event looks here. It is rebuilt from the events when a state is read back, not saved.
    #[serde(skip)]
    pub event_index: HashMap<u64, String, FxBuildHasher>,
    /// A counter that keeps event names unique.
    pub event_seq: u64,
    /// Controller writes that tests make fail on purpose; never part of the saved state.
    #[serde(skip)]
    pub faults: FaultPlan,
}

/// The worker nodes of a fresh cluster.
pub fn bootstrap_workers() -> [&'static str; 3] {
    bootstrap::WORKERS
}

impl Cluster {
    /// A fresh cluster: namespaces, a control-plane node and three workers, and the default StorageClass.
    pub fn new(seed: u64) -> Cluster {
        let mut c = Cluster {
            version: STATE_VERSION,
            clock: Clock::default(),
            rng: Rng::new(seed),
            store: Store::default(),
            manager: Manager::default(),
            runtime: store::HashedMap::default(),
            volumes: store::HashedMap::default(),
            node_images: BTreeMap::new(),
            node_ips: BTreeMap::new(),
            failed_nodes: BTreeMap::new(),
            why: Why::default(),
            event_index: HashMap::default(),
            event_seq: 0,
            faults: FaultPlan::default(),
        };
        bootstrap::populate(&mut c);
        c.dispatch();
        c
    }

    /// Virtual milliseconds since the cluster started.
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms
    }

    /// A random delay in `lo..=hi` milliseconds from now.
    pub(crate) fn after(&mut self, lo: u64, hi: u64) -> u64 {
        self.clock.now_ms + self.rng.range(lo, hi)
    }

    /// The whole state as JSON, for share links and time travel.
    pub fn to_json(&self) -> Result<String, String> {
        // Through a Value: the kinds' serializers then exist once, for `to_value`, in the bundle.
        let value = serde_json::to_value(self).map_err(|e| e.to_string())?;
        serde_json::to_string(&value).map_err(|e| e.to_string())
    }

    /// A state read back from `to_json`; rejects other versions with a clear message.
    pub fn from_json(text: &str) -> Result<Cluster, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("the saved cluster is damaged: {e}"))?;
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(STATE_VERSION)) {
            return Err(format!(
                "the saved cluster has version {}, this playground reads version {STATE_VERSION}",
                version.map_or_else(|| "none".to_string(), |v| v.to_string())
            ));
        }
        let mut cluster: Cluster = api::decode_types::from_value(value)
            .map_err(|e| format!("the saved cluster is damaged: {e}"))?;
        cluster.reindex_events();
        Ok(cluster)
    }
}
