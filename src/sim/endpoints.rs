//! The endpoints controller and cluster DNS: Services select pods; headless Services publish one
//! record per ready pod (`web-0.nginx.default.svc.cluster.local`).

use k8s_openapi::api::core::v1::{
    EndpointAddress, EndpointPort, EndpointSubset, Endpoints, ObjectReference, Pod, Service,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::Cluster;
use super::world::World;

/// The cluster's DNS domain.
pub const CLUSTER_DOMAIN: &str = "cluster.local";

/// Whether the pod's Ready condition is True (podutil.IsPodReady): the one reading the endpoints,
/// EndpointSlice and disruption controllers share.
pub(crate) fn pod_ready(p: &Pod) -> bool {
    p.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
        .is_some_and(|c| c.status == "True")
}

/// Whether the Service's selector picks the pod (an empty selector picks none).
pub(super) fn selects(svc: &Service, pod: &Pod) -> bool {
    let Some(sel) = svc.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
        return false;
    };
    !sel.is_empty()
        && sel
            .iter()
            .all(|(k, v)| pod.metadata.labels.as_ref().and_then(|l| l.get(k)) == Some(v))
}

/// Recomputes the Endpoints of every Service with a selector in `namespace` (syncService in
/// pkg/controller/endpoint/endpoints_controller.go).
pub fn reconcile(c: &mut Cluster, namespace: &str) {
    let services = c.world.store.snapshot::<Service>(Some(namespace));
    let pods: Vec<std::rc::Rc<Pod>> = c
        .world
        .store
        .snapshot::<Pod>(Some(namespace))
        .into_iter()
        .filter(|p| p.status.as_ref().and_then(|s| s.pod_ip.as_ref()).is_some())
        .collect();
    for svc in services.iter().map(|s| s.as_ref()) {
        let Some(name) = svc.metadata.name.clone() else {
            continue;
        };
        if svc
            .spec
            .as_ref()
            .and_then(|s| s.selector.as_ref())
            .is_none()
        {
            continue;
        }
        let subsets = subsets(svc, &name, &pods);
        let labels = svc.metadata.labels.clone();
        write(c, namespace, name, subsets, labels);
        super::endpointslice::sync(c, namespace, svc, &pods);
    }
    super::endpointslice::remove_orphans(c, namespace);
}

/// The service's one subset: the addresses of the pods it selects (ready or not, unless it
/// publishes not-ready addresses) and its ports; None when it selects no pod.
fn subsets(svc: &Service, name: &str, pods: &[std::rc::Rc<Pod>]) -> Option<Vec<EndpointSubset>> {
    let publish_not_ready = svc
        .spec
        .as_ref()
        .and_then(|s| s.publish_not_ready_addresses)
        .unwrap_or(false);
    let (mut ready, mut not_ready) = (Vec::new(), Vec::new());
    for pod in pods
        .iter()
        .map(|p| p.as_ref())
        .filter(|p| selects(svc, p) && p.metadata.deletion_timestamp.is_none())
    {
        let address = address(pod, name);
        if pod_ready(pod) || publish_not_ready {
            ready.push(address);
        } else {
            not_ready.push(address);
        }
    }
    let ports = ports(svc);
    if ready.is_empty() && not_ready.is_empty() {
        None
    } else {
        Some(vec![EndpointSubset {
            addresses: (!ready.is_empty()).then_some(ready),
            not_ready_addresses: (!not_ready.is_empty()).then_some(not_ready),
            ports: (!ports.is_empty()).then_some(ports),
        }])
    }
}

/// A pod's address (podToEndpointAddressForService): its IP, node and reference, and its
/// hostname when its subdomain is the service.
fn address(pod: &Pod, service: &str) -> EndpointAddress {
    let hostname = pod
        .spec
        .as_ref()
        .filter(|s| s.subdomain.as_deref() == Some(service))
        .and_then(|s| s.hostname.clone());
    EndpointAddress {
        ip: pod
            .status
            .as_ref()
            .and_then(|s| s.pod_ip.clone())
            .unwrap_or_default(),
        hostname,
        node_name: pod.spec.as_ref().and_then(|s| s.node_name.clone()),
        target_ref: Some(ObjectReference {
            kind: Some("Pod".into()),
            name: pod.metadata.name.clone(),
            namespace: pod.metadata.namespace.clone(),
            uid: pod.metadata.uid.clone(),
            ..Default::default()
        }),
    }
}

/// The service's ports as endpoint ports: a numeric target port, else the service port.
fn ports(svc: &Service) -> Vec<EndpointPort> {
    svc.spec
        .as_ref()
        .and_then(|s| s.ports.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|p| EndpointPort {
            name: p.name.clone(),
            port: match &p.target_port {
                Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(i)) => *i,
                _ => p.port,
            },
            protocol: p.protocol.clone().or(Some("TCP".into())),
            app_protocol: None,
        })
        .collect()
}

/// Stores the Endpoints object: created if missing, written only when its subsets or labels change.
fn write(
    c: &mut Cluster,
    namespace: &str,
    name: String,
    subsets: Option<Vec<EndpointSubset>>,
    labels: Option<std::collections::BTreeMap<String, String>>,
) {
    match c.world.store.get::<Endpoints>(namespace, &name).cloned() {
        Some(mut ep) => {
            if ep.subsets != subsets || ep.metadata.labels != labels {
                ep.subsets = subsets;
                ep.metadata.labels = labels;
                c.world.store.put(ep);
            }
        }
        None => {
            let mut ep = Endpoints {
                metadata: ObjectMeta {
                    name: Some(name),
                    namespace: Some(namespace.to_string()),
                    labels,
                    ..Default::default()
                },
                subsets,
            };
            c.world.stamp(&mut ep);
            c.world.store.put(ep);
        }
    }
}

/// Resolves a DNS name the way a pod in `namespace` would (search path `<ns>.svc.cluster.local`,
/// `svc.cluster.local`, `cluster.local`): a headless Service name gives its ready pods' IPs, a
/// per-pod name gives that pod's IP, a ClusterIP Service gives its cluster IP.
pub fn resolve(w: &World, namespace: &str, name: &str) -> Vec<String> {
    let name = name.trim_end_matches('.');
    let candidates = [
        name.to_string(),
        format!("{name}.{namespace}.svc.{CLUSTER_DOMAIN}"),
        format!("{name}.svc.{CLUSTER_DOMAIN}"),
        format!("{name}.{CLUSTER_DOMAIN}"),
    ];
    for fqdn in candidates {
        let Some(rest) = fqdn.strip_suffix(&format!(".svc.{CLUSTER_DOMAIN}")) else {
            continue;
        };
        let parts: Vec<&str> = rest.split('.').collect();
        match parts.as_slice() {
            [svc, ns] => {
                let Some(service) = w.store.get::<Service>(ns, svc) else {
                    continue;
                };
                let cluster_ip = service
                    .spec
                    .as_ref()
                    .and_then(|s| s.cluster_ip.clone())
                    .unwrap_or_default();
                if cluster_ip != "None" && !cluster_ip.is_empty() {
                    return vec![cluster_ip];
                }
                let ips = endpoint_ips(w, ns, svc, None);
                if !ips.is_empty() {
                    return ips;
                }
            }
            [host, svc, ns] => {
                let ips = endpoint_ips(w, ns, svc, Some(host));
                if !ips.is_empty() {
                    return ips;
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

fn endpoint_ips(w: &World, ns: &str, svc: &str, host: Option<&str>) -> Vec<String> {
    w.store
        .get::<Endpoints>(ns, svc)
        .and_then(|e| e.subsets.as_ref())
        .map(|subsets| {
            subsets
                .iter()
                .flat_map(|s| s.addresses.iter().flatten())
                .filter(|a| host.is_none_or(|h| a.hostname.as_deref() == Some(h)))
                .map(|a| a.ip.clone())
                .collect()
        })
        .unwrap_or_default()
}
