//! The EndpointSlice layout (kubectl `pkg/describe/describe.go`: describeEndpointSliceV1).

use k8s_openapi::api::core::v1::Event;
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::jiff::Timestamp;

use super::{PrefixWriter, describe_events, print_annotations_multiline, print_labels_multiline};

/// `kubectl describe endpointslice`: address type, ports, then each endpoint's address,
/// readiness, hostname, target, node and zone.
pub fn describe_endpoint_slice(
    s: &EndpointSlice,
    events: Option<&[Event]>,
    now: Timestamp,
) -> String {
    let mut w = PrefixWriter::new();
    let meta = &s.metadata;
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("AddressType:\t{}\n", s.address_type));
    let ports = s.ports.as_deref().unwrap_or(&[]);
    if ports.is_empty() {
        w.write(0, "Ports: <unset>\n");
    } else {
        w.write(0, "Ports:\n");
        w.write(1, "Name\tPort\tProtocol\n");
        w.write(1, "----\t----\t--------\n");
        for p in ports {
            let name = p
                .name
                .as_deref()
                .filter(|n| !n.is_empty())
                .unwrap_or("<unset>");
            let port = p.port.map_or("<unset>".to_string(), |n| n.to_string());
            let protocol = p.protocol.as_deref().unwrap_or("");
            w.write(1, &format!("{name}\t{port}\t{protocol}\n"));
        }
    }
    let endpoints = s.endpoints.as_deref().unwrap_or(&[]);
    if endpoints.is_empty() {
        w.write(0, "Endpoints: <none>\n");
    } else {
        w.write(0, "Endpoints:\n");
        for e in endpoints {
            let addresses = if e.addresses.is_empty() {
                "<none>".to_string()
            } else {
                e.addresses.join(", ")
            };
            w.write(1, &format!("- Addresses:\t{addresses}\n"));
            w.write(2, "Conditions:\n");
            let ready = e
                .conditions
                .as_ref()
                .and_then(|c| c.ready)
                .map_or("<unset>".to_string(), |r| r.to_string());
            w.write(3, &format!("Ready:\t{ready}\n"));
            let host = e.hostname.as_deref().unwrap_or("<unset>");
            w.write(2, &format!("Hostname:\t{host}\n"));
            if let Some(t) = &e.target_ref {
                let kind = t.kind.as_deref().unwrap_or("");
                let name = t.name.as_deref().unwrap_or("");
                w.write(2, &format!("TargetRef:\t{kind}/{name}\n"));
            }
            let node = e.node_name.as_deref().unwrap_or("<unset>");
            w.write(2, &format!("NodeName:\t{node}\n"));
            let zone = e.zone.as_deref().unwrap_or("<unset>");
            w.write(2, &format!("Zone:\t{zone}\n"));
        }
    }
    describe_events(&mut w, events, now);
    w.finish()
}
