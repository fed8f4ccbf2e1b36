//! `kubectl describe`: objects by name, name prefix, label selector or file.

use k8s_openapi::Metadata as _;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod,
    Secret, Service,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::MicroTime;
use k8s_openapi::jiff::Timestamp;

use super::Run;
use super::ctx::{Ctx, Failure, print_failures};
use super::print::describe::{
    PrefixWriter, describe_config_map, describe_endpoint_slice, describe_events, describe_node,
    describe_pod, describe_pv, describe_pvc, describe_secret, describe_service,
    describe_stateful_set, events_for, print_annotations_multiline, print_labels_multiline,
};
use super::targets::{ObjRef, list_matching};
use crate::sim::Cluster;
use crate::sim::apiserver::requests::{to_value, with_kind};
use crate::sim::kind::Kind;

/// `kubectl describe`.
pub(crate) fn describe(ctx: &mut Ctx<'_>) -> Option<Run> {
    if ctx.flags.args.is_empty() && ctx.flags.list("filename").is_empty() {
        ctx.fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
        return None;
    }
    let mut sel = match super::get::selection(ctx, true) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    let args = ctx.flags.args.clone();
    // A name that matches nothing describes every object whose name starts with it.
    if let [ty, prefix] = args.as_slice()
        && !ty.contains('/')
        && sel.refs.is_empty()
        && matches!(sel.failures.as_slice(), [Failure::Api(e)] if e.reason == "NotFound")
        && let Some(kind) = super::resources::resolve(ty).and_then(|r| r.sim_kind())
    {
        let ns = (kind.namespaced()).then_some(ctx.namespace.as_str());
        let all = list_matching(
            &ctx.session.cluster,
            kind,
            ns,
            &super::selector::LabelSelector::default(),
            None,
        );
        let matching: Vec<ObjRef> = all
            .into_iter()
            .filter(|r| r.name.starts_with(prefix.as_str()))
            .collect();
        if !matching.is_empty() {
            sel.refs = matching;
            sel.failures.clear();
        }
    }
    let show_events = if ctx.flags.has("show-events") {
        ctx.flags.bool_or("show-events", true)
    } else {
        sel.refs.len() <= 1 && sel.failures.is_empty()
    };
    let now = ctx.now();
    let c = &ctx.session.cluster;
    let mut pages = Vec::new();
    for r in &sel.refs {
        match describe_one(c, r, show_events, now) {
            Ok(text) => pages.push(text),
            Err(e) => sel.failures.push(Failure::Plain(e)),
        }
    }
    let text = pages.join("\n\n");
    ctx.print(&text);
    if sel.refs.is_empty() && sel.failures.is_empty() {
        if ctx.all_namespaces() {
            ctx.eprint("No resources found\n");
        } else {
            let ns = ctx.namespace.clone();
            ctx.eprint(&format!("No resources found in {ns} namespace.\n"));
        }
    }
    print_failures(ctx, &sel.failures);
    None
}

fn events_about(c: &Cluster, r: &ObjRef, uid: Option<&str>, show: bool) -> Option<Vec<Event>> {
    if !show {
        return None;
    }
    let ns = if r.kind.namespaced() {
        Some(r.namespace.as_str())
    } else {
        None
    };
    let all: Vec<Event> = c.world.store.list::<Event>(ns).cloned().collect();
    let scope = if r.kind.namespaced() {
        Some(r.namespace.as_str())
    } else {
        None
    };
    Some(events_for(&all, r.kind.name(), scope, &r.name, uid))
}

/// The node's heartbeat lease as the kubelet keeps it: renewed every 10 s until the node fails.
fn lease_of(c: &Cluster, node: &str) -> Lease {
    let renewed = c
        .world
        .failed_nodes
        .get(node)
        .copied()
        .unwrap_or_else(|| c.now_ms() - c.now_ms() % 10_000);
    let t = crate::sim::clock::timestamp_at(renewed);
    Lease {
        spec: Some(LeaseSpec {
            holder_identity: Some(node.to_string()),
            renew_time: Some(MicroTime(t)),
            lease_duration_seconds: Some(40),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn describe_one(c: &Cluster, r: &ObjRef, show: bool, now: Timestamp) -> Result<String, String> {
    let pods = || -> Vec<Pod> {
        c.world
            .store
            .list::<Pod>(if r.kind == Kind::Node {
                None
            } else {
                Some(r.namespace.as_str())
            })
            .cloned()
            .collect()
    };
    let missing = || format!("{} \"{}\" not found", r.kind.qualified_plural(), r.name);
    match r.kind {
        Kind::StatefulSet => {
            let sts = c
                .world
                .store
                .get::<StatefulSet>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, sts.metadata.uid.as_deref(), show);
            describe_stateful_set(sts, &pods(), ev.as_deref(), now)
        }
        Kind::Pod => {
            let pod = c
                .world
                .store
                .get::<Pod>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, pod.metadata.uid.as_deref(), show);
            Ok(describe_pod(
                &crate::sim::apiserver::requests::served_pod(pod),
                ev.as_deref(),
                now,
            ))
        }
        Kind::PersistentVolumeClaim => {
            let pvc = c
                .world
                .store
                .get::<PersistentVolumeClaim>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, pvc.metadata.uid.as_deref(), show);
            Ok(describe_pvc(pvc, &pods(), ev.as_deref(), now))
        }
        Kind::PersistentVolume => {
            let pv = c
                .world
                .store
                .get::<PersistentVolume>("", &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, pv.metadata.uid.as_deref(), show);
            Ok(describe_pv(pv, ev.as_deref(), now))
        }
        Kind::Service => {
            let svc = c
                .world
                .store
                .get::<Service>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            let ep = c.world.store.get::<Endpoints>(&r.namespace, &r.name);
            let ev = events_about(c, r, svc.metadata.uid.as_deref(), show);
            Ok(describe_service(svc, ep, ev.as_deref(), now))
        }
        Kind::Node => {
            let node = c.world.store.get::<Node>("", &r.name).ok_or_else(missing)?;
            let ev = events_about(c, r, node.metadata.uid.as_deref(), show);
            let lease = lease_of(c, &r.name);
            Ok(describe_node(
                node,
                &pods(),
                Some(&lease),
                ev.as_deref(),
                now,
            ))
        }
        Kind::Namespace => {
            let ns = c
                .world
                .store
                .get::<Namespace>("", &r.name)
                .ok_or_else(missing)?;
            Ok(describe_namespace(ns))
        }
        Kind::StorageClass => {
            let sc = c
                .world
                .store
                .get::<StorageClass>("", &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, sc.metadata.uid.as_deref(), show);
            Ok(describe_storage_class(sc, ev.as_deref(), now))
        }
        Kind::ConfigMap => {
            let cm = c
                .world
                .store
                .get::<ConfigMap>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, cm.metadata.uid.as_deref(), show);
            Ok(describe_config_map(cm, ev.as_deref(), now))
        }
        Kind::Secret => {
            let s = c
                .world
                .store
                .get::<Secret>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            Ok(describe_secret(s))
        }
        Kind::EndpointSlice => {
            let s = c
                .world
                .store
                .get::<EndpointSlice>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, s.metadata.uid.as_deref(), show);
            Ok(describe_endpoint_slice(s, ev.as_deref(), now))
        }
        Kind::PodDisruptionBudget => {
            let b = c
                .world
                .store
                .get::<PodDisruptionBudget>(&r.namespace, &r.name)
                .ok_or_else(missing)?;
            let ev = events_about(c, r, b.metadata.uid.as_deref(), show);
            Ok(super::print::describe::describe_pdb(b, ev.as_deref(), now))
        }
        other => Ok(describe_generic(c, other, r)),
    }
}

fn describe_namespace(ns: &Namespace) -> String {
    let mut w = PrefixWriter::new();
    w.write(
        0,
        &format!("Name:\t{}\n", ns.metadata.name.as_deref().unwrap_or("")),
    );
    print_labels_multiline(&mut w, "Labels", ns.metadata.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", ns.metadata.annotations.as_ref());
    let phase = ns
        .status
        .as_ref()
        .and_then(|s| s.phase.clone())
        .unwrap_or_default();
    w.write(0, &format!("Status:\t{phase}\n"));
    w.write(0, "\n");
    w.write(0, "No resource quota.\n");
    w.write(0, "\n");
    w.write(0, "No LimitRange resource.\n");
    w.finish()
}

fn describe_storage_class(sc: &StorageClass, events: Option<&[Event]>, now: Timestamp) -> String {
    let mut w = PrefixWriter::new();
    let meta = &sc.metadata;
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    let default = super::print::rows_storage::is_default_class(meta);
    w.write(
        0,
        &format!("IsDefaultClass:\t{}\n", if default { "Yes" } else { "No" }),
    );
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("Provisioner:\t{}\n", sc.provisioner));
    let params =
        sc.parameters
            .as_ref()
            .filter(|p| !p.is_empty())
            .map_or("<none>".to_string(), |p| {
                p.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            });
    w.write(0, &format!("Parameters:\t{params}\n"));
    let expansion = sc
        .allow_volume_expansion
        .map_or("<unset>".to_string(), |b| b.to_string());
    w.write(0, &format!("AllowVolumeExpansion:\t{expansion}\n"));
    let mounts = sc
        .mount_options
        .as_ref()
        .filter(|m| !m.is_empty())
        .map_or("<none>".to_string(), |m| m.join(", "));
    w.write(0, &format!("MountOptions:\t{mounts}\n"));
    w.write(
        0,
        &format!(
            "ReclaimPolicy:\t{}\n",
            sc.reclaim_policy.as_deref().unwrap_or("")
        ),
    );
    w.write(
        0,
        &format!(
            "VolumeBindingMode:\t{}\n",
            sc.volume_binding_mode.as_deref().unwrap_or("")
        ),
    );
    if let Some(ev) = events {
        describe_events(&mut w, Some(ev), now);
    }
    w.finish()
}

/// kubectl's generic describer: name, namespace, labels, annotations, then the object's fields.
fn describe_generic(c: &Cluster, kind: Kind, r: &ObjRef) -> String {
    let value = with_kind!(kind, T => c.world.store.get::<T>(&r.namespace, &r.name).map(|o| {
        let meta = o.metadata().clone();
        (meta, to_value(o))
    }));
    let Some((meta, value)) = value else {
        return String::new();
    };
    let mut w = PrefixWriter::new();
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    if kind.namespaced() {
        w.write(
            0,
            &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
        );
    }
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    let mut rest = value;
    if let Some(m) = rest.as_object_mut() {
        m.remove("metadata");
    }
    let yaml = crate::manifest::to_yaml(&rest);
    for line in yaml.lines() {
        let (key, val) = line.split_once(':').unwrap_or((line, ""));
        let key_title = {
            let trimmed = key.trim_start();
            let indent = key.len() - trimmed.len();
            let mut t = trimmed.to_string();
            if let Some(first) = t.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{}{t}", " ".repeat(indent))
        };
        w.write(0, &format!("{key_title}:{val}\n"));
    }
    w.write(0, "Events:\t<none>\n");
    w.finish()
}
