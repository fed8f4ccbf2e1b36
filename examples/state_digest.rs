//! Prints a digest of the whole cluster state after a few standard scenarios (a developer aid):
//! an optimisation of the simulation must leave every digest unchanged.

use k8s_openapi::api::apps::v1::StatefulSet;
use serde_json::json;
use sts_playground::sim::Cluster;

fn set(replicas: i32, policy: &str, image: &str, retention: &str) -> StatefulSet {
    let probe = if policy == "Parallel" {
        json!({"httpGet": {"path": "/", "port": 80}})
    } else {
        serde_json::Value::Null
    };
    serde_json::from_value(json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "serviceName": "nginx", "replicas": replicas, "podManagementPolicy": policy,
            "persistentVolumeClaimRetentionPolicy": {"whenDeleted": retention, "whenScaled": retention},
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{"name": "nginx", "image": image,
                    "readinessProbe": probe,
                    "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
        }
    }))
    .unwrap_or_default()
}

fn digest(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn edit(c: &mut Cluster, f: impl FnOnce(&mut StatefulSet)) {
    let Some(mut s) = c.world.store.get::<StatefulSet>("default", "web").cloned() else {
        return;
    };
    f(&mut s);
    if let Err(e) = c.update(s) {
        eprintln!("update failed: {e}");
    }
}

fn report(label: &str, c: &Cluster) {
    let text = c.to_json().unwrap_or_default();
    let ready = c
        .world
        .store
        .pods
        .values()
        .filter(|p| sts_playground::sim::statefulset::utils::is_running_and_ready(p))
        .count();
    println!(
        "{label:<30} pods={:>4} ready={:>4} t={:>9} len={:>9} digest={:016x}",
        c.world.store.pods.len(),
        ready,
        c.now_ms(),
        text.len(),
        digest(&text)
    );
}

fn scenario(name: &str, replicas: i32, policy: &str, retention: &str) {
    let mut c = Cluster::new(7);
    if let Err(e) = c.create(set(replicas, policy, "nginx:1.25", retention)) {
        eprintln!("create failed: {e}");
    }
    c.settle_within(3_600_000);
    report(&format!("{name} created"), &c);
    edit(&mut c, |s| s.spec.replicas = Some(replicas / 3));
    c.settle_within(3_600_000);
    report(&format!("{name} scaled down"), &c);
    edit(&mut c, |s| {
        if let Some(spec) = s.spec.template.spec.as_mut()
            && let Some(k) = spec.containers.first_mut()
        {
            k.image = Some("nginx:1.26".into());
        }
    });
    c.settle_within(3_600_000);
    report(&format!("{name} rolled"), &c);
    edit(&mut c, |s| s.spec.replicas = Some(replicas));
    c.settle_within(3_600_000);
    report(&format!("{name} scaled up"), &c);
    edit(&mut c, |s| {
        if let Some(spec) = s.spec.template.spec.as_mut()
            && let Some(k) = spec.containers.first_mut()
        {
            k.image = Some("nginx:does-not-exist-9".into());
        }
    });
    c.settle_within(600_000);
    report(&format!("{name} bad image"), &c);
    let _ = c.delete::<StatefulSet>("default", "web", Default::default());
    c.settle_within(600_000);
    report(&format!("{name} deleted"), &c);
}

fn main() {
    scenario("parallel", 60, "Parallel", "Retain");
    scenario("ordered", 12, "OrderedReady", "Retain");
    scenario("parallel-delete", 15, "Parallel", "Delete");
    scenario("ordered-delete", 6, "OrderedReady", "Delete");
}
