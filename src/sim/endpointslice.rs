//! The EndpointSlice controller (pkg/controller/endpointslice, staging endpointslice/utils.go):
//! one IPv4 slice per Service with a selector, listing every selected pod that has an IP (ready,
//! not ready or terminating, each with its conditions), owned by the Service.

use std::collections::BTreeMap;
use std::rc::Rc;

use k8s_openapi::api::core::v1::{ObjectReference, Pod, Service};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::Cluster;
use super::endpoints::pod_ready;

/// The label naming a slice's Service.
pub const SERVICE_NAME: &str = "kubernetes.io/service-name";
/// The label naming the controller that manages a slice.
pub const MANAGED_BY: &str = "endpointslice.kubernetes.io/managed-by";
const CONTROLLER: &str = "endpointslice-controller.k8s.io";

/// podToEndpoint: a terminating pod is never ready unless the Service publishes not-ready
/// addresses; serving follows the pod's readiness.
fn endpoint(pod: &Pod, svc: &Service, service: &str) -> Endpoint {
    let serving = pod_ready(pod);
    let terminating = pod.metadata.deletion_timestamp.is_some();
    let publish = svc
        .spec
        .as_ref()
        .and_then(|s| s.publish_not_ready_addresses)
        .unwrap_or(false);
    let spec = pod.spec.as_ref();
    Endpoint {
        addresses: pod
            .status
            .as_ref()
            .and_then(|s| s.pod_ip.clone())
            .into_iter()
            .collect(),
        conditions: Some(EndpointConditions {
            ready: Some(publish || (serving && !terminating)),
            serving: Some(serving),
            terminating: Some(terminating),
        }),
        // ShouldSetHostname: the pod names the Service as its subdomain.
        hostname: spec
            .filter(|s| s.subdomain.as_deref() == Some(service))
            .and_then(|s| s.hostname.clone())
            .filter(|h| !h.is_empty()),
        node_name: spec.and_then(|s| s.node_name.clone()),
        target_ref: Some(ObjectReference {
            kind: Some("Pod".into()),
            name: pod.metadata.name.clone(),
            namespace: pod.metadata.namespace.clone(),
            uid: pod.metadata.uid.clone(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The Service's ports, each resolved against the first pod (FindPort: a named target port is
/// the container port of that name).
fn ports(svc: &Service, pod: Option<&Pod>) -> Vec<EndpointPort> {
    let named = |name: &str| {
        pod.and_then(|p| p.spec.as_ref())
            .into_iter()
            .flat_map(|s| s.containers.iter())
            .flat_map(|k| k.ports.iter().flatten())
            .find(|p| p.name.as_deref() == Some(name))
            .map(|p| p.container_port)
    };
    svc.spec
        .as_ref()
        .and_then(|s| s.ports.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|p| EndpointPort {
            name: Some(p.name.clone().unwrap_or_default()),
            port: match &p.target_port {
                Some(IntOrString::Int(i)) => Some(*i),
                Some(IntOrString::String(n)) => named(n),
                None => Some(p.port),
            },
            protocol: p.protocol.clone().or(Some("TCP".into())),
            app_protocol: p.app_protocol.clone(),
        })
        .collect()
}

/// The slice's labels: the Service's own, the service name, the manager, and the headless mark.
fn labels(svc: &Service, name: &str) -> BTreeMap<String, String> {
    let mut labels = svc.metadata.labels.clone().unwrap_or_default();
    labels.insert(SERVICE_NAME.into(), name.into());
    labels.insert(MANAGED_BY.into(), CONTROLLER.into());
    if svc.spec.as_ref().and_then(|s| s.cluster_ip.as_deref()) == Some("None") {
        labels.insert("service.kubernetes.io/headless".into(), String::new());
    }
    labels
}

/// The generated name `<service>-<5 characters>`, drawn from the Service's uid so that the
/// slice's name is stable and the seeded random sequence stays as it was.
fn slice_name(service: &str, uid: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in uid.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let suffix: String = (0..5)
        .map(|i| {
            let at = ((h >> (i * 12)) % ALPHABET.len() as u64) as usize;
            char::from(ALPHABET.get(at).copied().unwrap_or(b'x'))
        })
        .collect();
    format!("{service}-{suffix}")
}

/// Brings the slice of one Service in line with the pods it selects (`pods` have IPs).
pub fn sync(c: &mut Cluster, namespace: &str, svc: &Service, pods: &[Rc<Pod>]) {
    let (Some(name), Some(uid)) = (svc.metadata.name.clone(), svc.metadata.uid.clone()) else {
        return;
    };
    let selected: Vec<&Pod> = pods
        .iter()
        .map(Rc::as_ref)
        .filter(|p| super::endpoints::selects(svc, p))
        .filter(|p| {
            let phase = p.status.as_ref().and_then(|s| s.phase.as_deref());
            !matches!(phase, Some("Failed" | "Succeeded"))
        })
        .collect();
    let endpoints: Vec<Endpoint> = selected.iter().map(|p| endpoint(p, svc, &name)).collect();
    let ports = ports(svc, selected.first().copied());
    let labels = labels(svc, &name);
    let existing = c
        .world
        .store
        .list::<EndpointSlice>(Some(namespace))
        .find(|s| s.metadata.labels.as_ref().and_then(|l| l.get(SERVICE_NAME)) == Some(&name))
        .cloned();
    let mut slice = existing.clone().unwrap_or_else(|| EndpointSlice {
        metadata: ObjectMeta {
            name: Some(slice_name(&name, &uid)),
            generate_name: Some(format!("{name}-")),
            namespace: Some(namespace.to_string()),
            owner_references: Some(vec![OwnerReference {
                api_version: "v1".into(),
                kind: "Service".into(),
                name: name.clone(),
                uid: uid.clone(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }]),
            ..Default::default()
        },
        address_type: "IPv4".into(),
        ..Default::default()
    });
    slice.metadata.labels = Some(labels);
    slice.endpoints = (!endpoints.is_empty()).then_some(endpoints);
    slice.ports = (!ports.is_empty()).then_some(ports);
    match existing {
        Some(old) if old == slice => {}
        Some(_) => {
            c.world.store.put(slice);
        }
        None => {
            let seed = format!("endpointslice/{uid}/{}", c.world.store.resource_version);
            slice.metadata.uid = Some(super::rng::uuid_from(seed.as_bytes()));
            slice.metadata.creation_timestamp = Some(c.world.clock.time());
            c.world.store.put(slice);
        }
    }
}

/// Removes the slices of Services that are gone (the garbage collector follows their owner).
pub fn remove_orphans(c: &mut Cluster, namespace: &str) {
    let gone: Vec<String> = c
        .world
        .store
        .list::<EndpointSlice>(Some(namespace))
        .filter(|s| {
            let labels = s.metadata.labels.as_ref();
            let managed = labels.and_then(|l| l.get(MANAGED_BY)).map(String::as_str);
            let service = labels.and_then(|l| l.get(SERVICE_NAME));
            managed == Some(CONTROLLER)
                && service.is_none_or(|n| c.world.store.get::<Service>(namespace, n).is_none())
        })
        .filter_map(|s| s.metadata.name.clone())
        .collect();
    for name in gone {
        c.world.store.remove::<EndpointSlice>(namespace, &name);
    }
}
