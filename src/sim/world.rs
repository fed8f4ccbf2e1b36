//! The simulated world: the API objects and everything the controllers and kubelets act on (the
//! clock, seeded randomness, the kubelet's runtime, volumes' files, nodes' images and addresses,
//! failed nodes, the why-trace, the event index and the fault plan). The controller manager's own
//! state (its queue and pacing) lives in `sim::manager::Manager`, beside it in `Cluster`.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use super::clock::Clock;
use super::faults::FaultPlan;
use super::fs::Fs;
use super::kubelet::PodRuntime;
use super::rng::Rng;
use super::store::{HashedMap, Store};
use super::why::Why;

/// The world's state. Its fields sit at the top level of the saved cluster state, where they were
/// before it was a type of its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct World {
    /// The virtual clock.
    pub clock: Clock,
    /// Seeded randomness for jitter, uids and addresses.
    pub rng: Rng,
    /// Every API object.
    pub store: Store,
    /// The kubelet's view of each pod, by pod uid.
    pub runtime: HashedMap<PodRuntime>,
    /// The files of each persistent volume, by volume name.
    pub volumes: HashedMap<Fs>,
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

impl World {
    /// An empty world at time zero with randomness seeded by `seed`.
    pub fn new(seed: u64) -> World {
        World {
            clock: Clock::default(),
            rng: Rng::new(seed),
            store: Store::default(),
            runtime: HashedMap::default(),
            volumes: HashedMap::default(),
            node_images: BTreeMap::new(),
            node_ips: BTreeMap::new(),
            failed_nodes: BTreeMap::new(),
            why: Why::default(),
            event_index: HashMap::default(),
            event_seq: 0,
            faults: FaultPlan::default(),
        }
    }

    /// Virtual milliseconds since the cluster started.
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms
    }

    /// A random delay in `lo..=hi` milliseconds from now.
    pub(crate) fn after(&mut self, lo: u64, hi: u64) -> u64 {
        self.clock.now_ms + self.rng.range(lo, hi)
    }
}
