//! Where settling time goes, by kind of work (a developer aid).

use std::collections::BTreeMap;
use std::time::Instant;

use sts_playground::sim::Cluster;

fn main() {
    sts_playground::keep_freed_memory();
    let n: i32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let mut c = Cluster::new(1);
    let set: k8s_openapi::api::apps::v1::StatefulSet = serde_json::from_value(serde_json::json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": n, "podManagementPolicy": "Parallel", "serviceName": "nginx",
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25",
                    "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "www"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}
    })).unwrap_or_default();
    let t0 = Instant::now();
    let _ = c.create(set);
    let create_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let mut by: BTreeMap<String, (u64, f64)> = BTreeMap::new();
    while let Some(w) = c.manager.queue.peek() {
        let name = format!("{w:?}").split('(').next().unwrap_or("").to_string();
        let t = Instant::now();
        if !c.step() {
            break;
        }
        let e = by.entry(name).or_default();
        e.0 += 1;
        e.1 += t.elapsed().as_secs_f64() * 1000.0;
        if c.now_ms() > 3_600_000 {
            break;
        }
    }
    println!("create {create_ms:.1} ms");
    for (k, (count, ms)) in by {
        println!("{k:<18} {count:>7} runs {ms:>10.1} ms");
    }
}
