//! Service cards: the Service's DNS name and, for a headless Service, one name per pod, with
//! the addresses behind them (the first few when there are thousands).

use k8s_openapi::api::core::v1::{EndpointSubset, Endpoints, Service};

use super::types::{DnsRecord, ServiceView};
use crate::sim::Cluster;
use crate::sim::endpoints::CLUSTER_DOMAIN;
use crate::sim::statefulset::utils::parent_and_ordinal;

/// Most per-pod DNS names listed under a headless Service.
pub const MAX_RECORDS: usize = 24;
/// Most addresses listed for one DNS name.
pub const MAX_IPS: usize = 6;

/// A Service card.
pub fn service_view(cluster: &Cluster, svc: &Service) -> ServiceView {
    let namespace = svc.metadata.namespace.clone().unwrap_or_default();
    let name = svc.metadata.name.clone().unwrap_or_default();
    let cluster_ip = svc
        .spec
        .as_ref()
        .and_then(|s| s.cluster_ip.clone())
        .unwrap_or_default();
    let headless = cluster_ip == "None";
    let base = format!("{name}.{namespace}.svc.{CLUSTER_DOMAIN}");
    let subsets: &[EndpointSubset] = cluster
        .world
        .store
        .get::<Endpoints>(&namespace, &name)
        .and_then(|e| e.subsets.as_deref())
        .unwrap_or_default();
    let ready_addresses = subsets
        .iter()
        .map(|s| s.addresses.as_ref().map_or(0, Vec::len))
        .sum::<usize>();
    // A headless name resolves to every ready pod: list a few, count the rest.
    let base_ips = if headless && ready_addresses > MAX_IPS {
        subsets
            .iter()
            .flat_map(|s| s.addresses.iter().flatten())
            .take(MAX_IPS)
            .map(|a| a.ip.clone())
            .collect()
    } else {
        crate::sim::endpoints::resolve(&cluster.world, &namespace, &base)
    };
    let more_ips = if headless {
        ready_addresses.saturating_sub(base_ips.len())
    } else {
        0
    };
    let mut records = vec![DnsRecord {
        ips: base_ips,
        name: base.clone(),
        ready: true,
        more_ips,
    }];
    let mut hidden_records = 0;
    if headless {
        let mut hosts: Vec<((i64, &str), &str, bool)> = Vec::new();
        for subset in subsets {
            let ready = subset.addresses.iter().flatten().map(|a| (a, true));
            let not_ready = subset
                .not_ready_addresses
                .iter()
                .flatten()
                .map(|a| (a, false));
            for (address, is_ready) in ready.chain(not_ready) {
                let Some(host) = address.hostname.as_deref() else {
                    continue;
                };
                let ordinal = parent_and_ordinal(host).map_or(i64::MAX, |(_, o)| o);
                hosts.push(((ordinal, host), &address.ip, is_ready));
            }
        }
        // One record per hostname (the last address wins), in ordinal order, the first few.
        crate::order::sort_by_key(&mut hosts, |h| h.0);
        hosts.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        hidden_records = hosts.len().saturating_sub(MAX_RECORDS);
        records.extend(
            hosts
                .into_iter()
                .take(MAX_RECORDS)
                .map(|((_, host), ip, ready)| DnsRecord {
                    name: format!("{host}.{base}"),
                    ips: vec![ip.to_string()],
                    ready,
                    more_ips: 0,
                }),
        );
    }
    ServiceView {
        namespace,
        name,
        headless,
        cluster_ip,
        records,
        hidden_records,
    }
}
