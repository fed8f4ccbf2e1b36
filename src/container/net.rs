//! Names from inside a pod: `nslookup` and `getent hosts` through `/etc/hosts` and the cluster's DNS records.

use super::host::ContainerHost;
use super::system::{DNS_SERVER, hostname, pod_ip};
use crate::sh::interp::{Files, Proc};
use crate::sim::endpoints::{CLUSTER_DOMAIN, resolve};

/// Resolves a name from inside the pod: `/etc/hosts` first, then cluster DNS with the search path.
/// Returns the fully qualified name found and its addresses.
pub(super) fn lookup_name(h: &ContainerHost, name: &str) -> Option<(String, Vec<String>)> {
    let c = &*h.files.cluster;
    let ns = &h.target.namespace;
    let name = name.trim_end_matches('.');
    if name == "localhost" {
        return Some(("localhost".into(), vec!["127.0.0.1".into()]));
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some((name.to_string(), vec![name.to_string()]));
    }
    let own = hostname(c, &h.target);
    if name == own {
        let fq = h.files.read("/etc/hosts").ok().and_then(|t| {
            t.lines()
                .last()
                .and_then(|l| l.split('\t').nth(1).map(str::to_string))
        });
        return Some((fq.unwrap_or(own), vec![pod_ip(c, &h.target)]));
    }
    let ips = resolve(&c.world, ns, name);
    if ips.is_empty() {
        return None;
    }
    let suffix = format!(".svc.{CLUSTER_DOMAIN}");
    let fq = if name.ends_with(&suffix) {
        name.to_string()
    } else if name.split('.').count() >= 2 && name.ends_with(&format!(".{ns}")) {
        format!("{name}.svc.{CLUSTER_DOMAIN}")
    } else {
        format!("{name}.{ns}.svc.{CLUSTER_DOMAIN}")
    };
    Some((fq, ips))
}

pub(super) fn nslookup(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let Some(name) = p.args().iter().find(|a| !a.starts_with('-')).cloned() else {
        p.err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
        return 1;
    };
    let found = lookup_name(h, &name);
    let mut out = String::new();
    if h.profile.old_busybox {
        out.push_str(&format!("Server:    {DNS_SERVER}\nAddress 1: {DNS_SERVER} kube-dns.kube-system.svc.{CLUSTER_DOMAIN}\n\n"));
        match found {
            Some((_, ips)) => {
                out.push_str(&format!("Name:      {name}\n"));
                for (i, ip) in ips.iter().enumerate() {
                    out.push_str(&format!("Address {}: {ip}\n", i + 1));
                }
                p.out(&out);
                0
            }
            None => {
                p.out(&out);
                p.err(&format!("nslookup: can't resolve '{name}'\n"));
                1
            }
        }
    } else {
        out.push_str(&format!(
            "Server:\t\t{DNS_SERVER}\nAddress:\t{DNS_SERVER}:53\n\n"
        ));
        match found {
            Some((fq, ips)) => {
                for ip in ips {
                    out.push_str(&format!("Name:\t{fq}\nAddress: {ip}\n"));
                }
                out.push('\n');
                p.out(&out);
                0
            }
            None => {
                out.push_str(&format!("** server can't find {name}: NXDOMAIN\n\n"));
                p.out(&out);
                1
            }
        }
    }
}

pub(super) fn getent(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let args = p.args().to_vec();
    match args.first().map(String::as_str) {
        Some("hosts" | "ahosts" | "ahostsv4") => {}
        Some(db) => {
            p.err(&format!("Unknown database: {db}\nTry `getent --help' or `getent --usage' for more information.\n"));
            return 1;
        }
        None => {
            p.err("getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.\n");
            return 1;
        }
    }
    let mut status = 0;
    let mut out = String::new();
    for name in args.iter().skip(1) {
        match lookup_name(h, name) {
            Some((fq, ips)) => {
                for ip in ips {
                    out.push_str(&format!("{ip:<15} {fq}\n"));
                }
            }
            None => status = 2,
        }
    }
    p.out(&out);
    status
}
