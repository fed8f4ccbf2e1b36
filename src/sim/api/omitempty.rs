//! Go's `omitempty`: fields declared `json:",omitempty"` with a non-pointer type vanish when they
//! hold their zero value. k8s-openapi keeps `Some(0)`, `Some("")`, `Some(vec![])`, so objects are
//! normalized after defaulting to print (and compare) the way a real server stores them.
//! Pointer fields (`replicas`, `partition`, `storageClassName`, …) keep their zero values.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    Container, PersistentVolumeClaim, PodSpec, PodTemplateSpec, Service,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

fn str_(o: &mut Option<String>) {
    if o.as_deref() == Some("") {
        *o = None;
    }
}

fn bool_(o: &mut Option<bool>) {
    if *o == Some(false) {
        *o = None;
    }
}

fn i32_(o: &mut Option<i32>) {
    if *o == Some(0) {
        *o = None;
    }
}

fn vec_<T>(o: &mut Option<Vec<T>>) {
    if o.as_ref().is_some_and(Vec::is_empty) {
        *o = None;
    }
}

fn map_<V>(o: &mut Option<BTreeMap<String, V>>) {
    if o.as_ref().is_some_and(BTreeMap::is_empty) {
        *o = None;
    }
}

/// ObjectMeta: empty strings, maps and lists, and a zero generation, are omitted.
pub fn object_meta(m: &mut ObjectMeta) {
    map_(&mut m.labels);
    map_(&mut m.annotations);
    vec_(&mut m.finalizers);
    vec_(&mut m.owner_references);
    vec_(&mut m.managed_fields);
    for s in [
        &mut m.name,
        &mut m.namespace,
        &mut m.generate_name,
        &mut m.resource_version,
        &mut m.uid,
        &mut m.self_link,
    ] {
        str_(s);
    }
    if m.generation == Some(0) {
        m.generation = None;
    }
}

/// LabelSelector: empty `matchLabels` and `matchExpressions` are omitted.
pub fn label_selector(s: &mut LabelSelector) {
    map_(&mut s.match_labels);
    vec_(&mut s.match_expressions);
}

/// Container fields users commonly write with zero values.
pub fn container(c: &mut Container) {
    vec_(&mut c.args);
    vec_(&mut c.command);
    vec_(&mut c.env);
    vec_(&mut c.env_from);
    vec_(&mut c.ports);
    vec_(&mut c.volume_mounts);
    vec_(&mut c.volume_devices);
    bool_(&mut c.stdin);
    bool_(&mut c.stdin_once);
    bool_(&mut c.tty);
    str_(&mut c.working_dir);
    str_(&mut c.image);
    for p in c.ports.iter_mut().flatten() {
        i32_(&mut p.host_port);
        str_(&mut p.name);
        str_(&mut p.host_ip);
    }
    for m in c.volume_mounts.iter_mut().flatten() {
        bool_(&mut m.read_only);
        str_(&mut m.sub_path);
        str_(&mut m.sub_path_expr);
    }
    for e in c.env.iter_mut().flatten() {
        str_(&mut e.value);
    }
    if let Some(r) = &mut c.resources {
        map_(&mut r.requests);
        map_(&mut r.limits);
        vec_(&mut r.claims);
    }
    for p in [
        &mut c.liveness_probe,
        &mut c.readiness_probe,
        &mut c.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        i32_(&mut p.initial_delay_seconds);
    }
}

/// PodSpec fields users commonly write with zero values, and its containers.
pub fn pod_spec(s: &mut PodSpec) {
    vec_(&mut s.volumes);
    vec_(&mut s.init_containers);
    vec_(&mut s.image_pull_secrets);
    vec_(&mut s.tolerations);
    vec_(&mut s.host_aliases);
    vec_(&mut s.topology_spread_constraints);
    map_(&mut s.node_selector);
    bool_(&mut s.host_network);
    bool_(&mut s.host_pid);
    bool_(&mut s.host_ipc);
    for f in [
        &mut s.node_name,
        &mut s.hostname,
        &mut s.subdomain,
        &mut s.service_account_name,
        &mut s.service_account,
        &mut s.priority_class_name,
    ] {
        str_(f);
    }
    for c in s
        .containers
        .iter_mut()
        .chain(s.init_containers.iter_mut().flatten())
    {
        container(c);
    }
}

/// A pod template: its metadata and spec.
pub fn pod_template(t: &mut PodTemplateSpec) {
    if let Some(m) = &mut t.metadata {
        object_meta(m);
    }
    if let Some(s) = &mut t.spec {
        pod_spec(s);
    }
}

/// A StatefulSet: `minReadySeconds: 0`, `serviceName: ""` and empty lists are omitted.
pub fn statefulset(sts: &mut StatefulSet) {
    object_meta(&mut sts.metadata);
    let spec = &mut sts.spec;
    i32_(&mut spec.min_ready_seconds);
    str_(&mut spec.service_name);
    vec_(&mut spec.volume_claim_templates);
    label_selector(&mut spec.selector);
    pod_template(&mut spec.template);
    for pvc in spec.volume_claim_templates.iter_mut().flatten() {
        persistent_volume_claim(pvc);
    }
}

/// A PersistentVolumeClaim: empty `accessModes`, `volumeName` are omitted.
pub fn persistent_volume_claim(pvc: &mut PersistentVolumeClaim) {
    object_meta(&mut pvc.metadata);
    if let Some(s) = &mut pvc.spec {
        vec_(&mut s.access_modes);
        str_(&mut s.volume_name);
        if let Some(r) = &mut s.resources {
            map_(&mut r.requests);
            map_(&mut r.limits);
        }
    }
}

/// A Service: empty ports and selector, false `publishNotReadyAddresses`, zero node ports.
pub fn service(svc: &mut Service) {
    object_meta(&mut svc.metadata);
    if let Some(s) = &mut svc.spec {
        vec_(&mut s.ports);
        map_(&mut s.selector);
        bool_(&mut s.publish_not_ready_addresses);
        for p in s.ports.iter_mut().flatten() {
            str_(&mut p.name);
            i32_(&mut p.node_port);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn zero_values_vanish_but_pointers_stay() {
        let mut sts: StatefulSet = serde_json::from_value(json!({
            "metadata": {"name": "web", "labels": {}},
            "spec": {"minReadySeconds": 0, "replicas": 0, "serviceName": "", "selector": {"matchLabels": {"app": "x"}},
                "updateStrategy": {"rollingUpdate": {"partition": 0}},
                "template": {"spec": {"containers": [{"name": "c", "args": [], "ports": [{"containerPort": 80, "hostPort": 0}],
                    "volumeMounts": [{"name": "v", "mountPath": "/d", "readOnly": false}]}], "hostNetwork": false}}}
        }))
        .expect("sts");
        statefulset(&mut sts);
        let v = serde_json::to_value(&sts).expect("json");
        assert_eq!(v["metadata"], json!({"name": "web"}));
        assert_eq!(v["spec"]["replicas"], 0);
        assert!(v["spec"].get("minReadySeconds").is_none());
        assert!(v["spec"].get("serviceName").is_none());
        assert_eq!(v["spec"]["updateStrategy"]["rollingUpdate"]["partition"], 0);
        assert_eq!(
            v["spec"]["template"]["spec"],
            json!({"containers": [{"name": "c", "ports": [{"containerPort": 80}], "volumeMounts": [{"name": "v", "mountPath": "/d"}]}]})
        );
    }
}
