//! The page's events list: the newest events, made into API objects only when shown.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::Event;
use sts_playground::session::view::{MAX_EVENTS, event_rows};
use sts_playground::sim::Cluster;
use sts_playground::sim::store::Peek;

fn settled(replicas: i32) -> Cluster {
    let mut c = Cluster::new(5);
    let set: Option<StatefulSet> = serde_json::from_value(serde_json::json!({
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": replicas, "podManagementPolicy": "Parallel", "serviceName": "nginx",
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {"metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}
    }))
    .ok();
    assert!(c.create(set.unwrap_or_default()).is_ok());
    c.settle();
    c
}

fn pending(c: &Cluster) -> usize {
    c.world
        .store
        .events
        .range_peek::<String, _>(..)
        .filter(|(_, p)| matches!(p, Peek::Pending(_)))
        .count()
}

#[test]
fn the_list_shows_the_newest_events_and_makes_only_those() {
    let c = settled(40);
    let total = c.world.store.events.len();
    assert!(total > MAX_EVENTS, "{total} events");
    let before = pending(&c);
    let rows = event_rows(&c, "default");
    assert_eq!(rows.len(), MAX_EVENTS);
    assert!(
        before - pending(&c) <= MAX_EVENTS,
        "only the shown events are made"
    );
    // The same events, in the same order, as making every event and sorting by last seen, then key.
    let mut all: Vec<(&String, &Event)> = c
        .world
        .store
        .events
        .iter()
        .map(|(k, e)| (k, &**e))
        .collect();
    all.sort_by_key(|(k, e)| (e.last_timestamp.as_ref().map(|t| t.0), *k));
    let expected: Vec<(&String, &str, &str)> = all
        .iter()
        .skip(total - MAX_EVENTS)
        .map(|(k, e)| {
            let reason = e.reason.as_deref().unwrap_or_default();
            (*k, reason, e.message.as_deref().unwrap_or_default())
        })
        .collect();
    let shown: Vec<(&String, &str, &str)> = rows
        .iter()
        .map(|r| (&r.key, r.cells[2].as_str(), r.cells[4].as_str()))
        .collect();
    assert_eq!(shown, expected);
}
