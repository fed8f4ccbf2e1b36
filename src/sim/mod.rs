//! The cluster simulation: object store, virtual clock, seeded randomness, controllers, kubelet,
//! volumes and their files. Pure and deterministic: the same seed and the same inputs give the same state.

pub mod api;
pub mod apiserver;
mod bootstrap;
pub mod clock;
pub mod disruption;
pub mod endpoints;
pub mod endpointslice;
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
pub mod rootca;
mod run;
mod scheduler;
pub mod statefulset;
pub mod store;
pub mod tap;
mod volume;
pub mod why;
pub mod world;

use serde::{Deserialize, Serialize};

use self::manager::Manager;
use self::world::World;

pub use self::run::{Ran, Settled};

/// The version of the serialised cluster state; bumped when its shape changes.
pub const STATE_VERSION: u32 = 1;

/// How long `settle` may run by default: ten virtual minutes.
pub const DEFAULT_SETTLE_CAP_MS: u64 = 10 * 60 * 1000;

/// The whole simulated cluster: the world and the controller manager that acts on it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cluster {
    /// Shape version of this state.
    pub version: u32,
    /// The controller manager: pending work and its pacing. Its fields sit at the top level of
    /// the saved state, where they were before it was a type of its own.
    #[serde(flatten)]
    pub manager: Manager,
    /// The world: objects, clock, randomness, runtime and files. Flattened like the manager.
    #[serde(flatten)]
    pub world: World,
    /// Who looks at the cluster after every piece of work (a lesson); not saved, not copied.
    #[serde(skip)]
    pub tap: tap::Tap,
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
            manager: Manager::default(),
            world: World::new(seed),
            tap: tap::Tap::default(),
        };
        bootstrap::populate(&mut c);
        c.dispatch();
        c
    }

    /// Virtual milliseconds since the cluster started.
    pub fn now_ms(&self) -> u64 {
        self.world.now_ms()
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
        cluster.world.reindex_events();
        Ok(cluster)
    }
}
