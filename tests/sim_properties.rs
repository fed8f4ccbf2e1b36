//! Random operation sequences (scale, update, delete pod, fail and recover a node, settle …) under
//! both policies, with the scenario invariants checked after every step, and the reacting
//! controllers (endpoints, volumes) checked to catch up within a few milliseconds of every change
//! (`common::prompt`).
//! `make test` runs a quick set; `SIM_SEQUENCES=10000 cargo test --release --test sim_properties`
//! runs ten thousand.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::prompt::Prompt;
use common::*;
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use std::ops::ControlFlow;
use sts_playground::sim::Cluster;
use sts_playground::sim::apiserver::DeleteOptions;
use sts_playground::sim::rng::Rng;
use sts_playground::sim::statefulset::utils::*;

const IMAGES: [&str; 3] = ["nginx:1.25", "nginx:1.27", "nginx:no-such-tag"];

fn one_sequence(seed: u64, steps: usize) {
    let mut r = Rng::new(seed);
    let policy = POLICIES[(seed % 2) as usize];
    let mut c = Cluster::new(seed);
    c.create(nginx_service()).expect("service");
    c.create(web(r.range(0, 4) as i32, policy, IMAGES[0]))
        .expect("set");
    let mut inv = Invariants::new(&c);
    let mut prompt = Prompt::default();
    let mut failed_node: Option<String> = None;
    for _ in 0..steps {
        let op = r.range(0, 11);
        match op {
            0 | 1 => {
                if let Some(mut s) = set(&c).cloned() {
                    s.spec.replicas = Some(r.range(0, 5) as i32);
                    c.update(s).expect("scale");
                }
            }
            2 => {
                if let Some(mut s) = set(&c).cloned() {
                    let image = IMAGES[r.range(0, 2) as usize];
                    if let Some(spec) = s.spec.template.spec.as_mut() {
                        spec.containers[0].image = Some(image.to_string());
                    }
                    c.update(s).expect("update");
                }
            }
            3 => {
                let names = live_names(&c);
                if !names.is_empty() {
                    let name = &names[r.range(0, names.len() as u64 - 1) as usize];
                    let _ = c.delete::<Pod>("default", name, DeleteOptions::default());
                }
            }
            4 => {
                let force = pods(&c)
                    .into_iter()
                    .find(|p| is_terminating(p))
                    .map(|p| pod_name(p).to_string());
                if let Some(name) = force {
                    let _ = c.delete::<Pod>(
                        "default",
                        &name,
                        DeleteOptions {
                            grace_period_seconds: Some(0),
                            ..Default::default()
                        },
                    );
                }
            }
            5 => {
                if failed_node.is_none() && r.range(0, 3) == 0 {
                    let node = sts_playground::sim::bootstrap_workers()[r.range(0, 2) as usize]
                        .to_string();
                    sts_playground::sim::kubelet::fail_node(&mut c, &node);
                    failed_node = Some(node);
                } else if let Some(node) = failed_node.take() {
                    sts_playground::sim::kubelet::recover_node(&mut c, &node);
                }
            }
            6 => {
                if let Some(mut s) = set(&c).cloned() {
                    if let Some(ru) = s
                        .spec
                        .update_strategy
                        .as_mut()
                        .and_then(|u| u.rolling_update.as_mut())
                    {
                        ru.partition = Some(r.range(0, 3) as i32);
                    }
                    c.update(s).expect("partition");
                }
            }
            7 => {
                // Keep a volume past its claim, as the tutorials' Retain lessons do.
                let pv = c
                    .world
                    .store
                    .list::<PersistentVolume>(None)
                    .find(|pv| pv.metadata.deletion_timestamp.is_none())
                    .cloned();
                if let Some(mut pv) = pv {
                    if let Some(spec) = pv.spec.as_mut() {
                        spec.persistent_volume_reclaim_policy = Some("Retain".into());
                    }
                    let _ = c.update(pv);
                }
            }
            8 => {
                let claims = claim_names(&c);
                if !claims.is_empty() {
                    let name = claims[r.range(0, claims.len() as u64 - 1) as usize].clone();
                    inv.deleted_claims.push(name.clone());
                    let _ = c.delete::<PersistentVolumeClaim>(
                        "default",
                        &name,
                        DeleteOptions::default(),
                    );
                }
            }
            _ => {
                let dt = r.range(1, 30_000);
                let end = c.now_ms() + dt;
                c.run_until(Some(end), &mut |c| {
                    inv.check(c);
                    prompt.check(c);
                    ControlFlow::Continue(())
                });
            }
        }
        inv.check(&c);
        prompt.check(&c);
    }
    if let Some(node) = failed_node.take() {
        sts_playground::sim::kubelet::recover_node(&mut c, &node);
    }
    inv.settle(&mut c);
}

#[test]
fn random_sequences_keep_the_invariants() {
    let n: u64 = std::env::var("SIM_SEQUENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    for seed in 0..n {
        one_sequence(seed, 25);
    }
}
