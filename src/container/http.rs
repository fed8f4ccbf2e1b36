//! HTTP between pods: `curl` and `wget` reach other pods, which answer as their image would
//! (nginx serves its html directory from the pod's files; others refuse or say nothing).

use k8s_openapi::api::core::v1::Pod;

use super::host::ContainerHost;
use super::net::lookup_name;
use super::system::pod_ip;
use crate::sh::interp::{Files, Proc};
use crate::sim::fs::Entry;
use crate::sim::kubelet::files::{NGINX_ROOT, lookup};
use crate::sim::kubelet::images::{self, Behaviour, Pull};
use crate::sim::kubelet::{ContainerState, probes};

/// How an address answers HTTP.
pub(super) enum Answer {
    /// An nginx page: status and body.
    Page(u16, String, Option<String>),
    /// Nothing listens on the port.
    Refused,
    /// Something listens but does not speak HTTP.
    Empty,
}

fn nginx_page(code: u16, version: &str) -> String {
    let reason = match code {
        403 => "403 Forbidden",
        404 => "404 Not Found",
        _ => "500 Internal Server Error",
    };
    // nginx ends these lines with CRLF; a terminal shows that as plain line breaks.
    format!(
        "<html>\n<head><title>{reason}</title></head>\n<body>\n<center><h1>{reason}</h1></center>\n<hr><center>nginx/{version}</center>\n</body>\n</html>\n"
    )
}

/// What the pod at `ip` answers on `port` for `path`.
pub(super) fn answer(h: &ContainerHost, ip: &str, port: u16, path: &str) -> Answer {
    let c = &*h.files.cluster;
    // The loopback address is the pod itself.
    let own = pod_ip(c, &h.target);
    let ip = if ip.starts_with("127.") {
        own.as_str()
    } else {
        ip
    };
    // A pod being replaced may briefly share its IP; the least uid answers, whatever the map's order.
    let Some((uid, rt)) = c
        .world
        .runtime
        .iter()
        .filter(|(_, r)| r.ip.as_deref() == Some(ip))
        .min_by_key(|(uid, _)| uid.as_str())
    else {
        return Answer::Refused;
    };
    let Some(pod) = c.world.store.get::<Pod>(&rt.namespace, &rt.name) else {
        return Answer::Refused;
    };
    let containers = pod
        .spec
        .as_ref()
        .map(|s| s.containers.clone())
        .unwrap_or_default();
    for (i, k) in containers.iter().enumerate() {
        let running = rt
            .containers
            .get(i)
            .is_some_and(|r| matches!(r.state, ContainerState::Running(_)));
        if !running {
            continue;
        }
        let image = k.image.clone().unwrap_or_default();
        let behaviour = match images::pull(&image) {
            Pull::Ok(_, b, _) => b,
            Pull::NotFound(_) => Behaviour::Custom,
        };
        match behaviour {
            Behaviour::Nginx if port == 80 => {
                let path = path.split(['?', '#']).next().unwrap_or("/");
                let code = probes::nginx_status(&c.world, uid, i, path);
                let version = super::profile::Profile::of(&image)
                    .nginx
                    .unwrap_or_default();
                if code != 200 {
                    return Answer::Page(code, nginx_page(code, &version), Some(version));
                }
                let full = format!("{NGINX_ROOT}/{}", path.trim_start_matches('/'));
                let body = match lookup(&c.world, uid, i, &full) {
                    Some(Entry::File(t)) => t,
                    _ => match lookup(
                        &c.world,
                        uid,
                        i,
                        &format!("{}/index.html", full.trim_end_matches('/')),
                    ) {
                        Some(Entry::File(t)) => t,
                        _ => String::new(),
                    },
                };
                return Answer::Page(200, body, Some(version));
            }
            Behaviour::Server { port: p, .. } if i32::from(port) == p => return Answer::Empty,
            Behaviour::Custom
                if k.ports
                    .iter()
                    .flatten()
                    .any(|cp| cp.container_port == i32::from(port)) =>
            {
                return Answer::Empty;
            }
            _ => {}
        }
    }
    Answer::Refused
}

/// Splits `http://host:port/path` into its parts.
pub(super) fn parse_url(url: &str) -> (String, u16, String) {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    let (authority, path) = match rest.find('/') {
        Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i..).unwrap_or("/")),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().unwrap_or(80)),
        None => (
            authority,
            if url.starts_with("https://") { 443 } else { 80 },
        ),
    };
    (host.to_string(), port, path.to_string())
}

pub(super) fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Internal Server Error",
    }
}

/// Splits combined short options (`-si` → `-s -i`), leaving long options and values alone.
pub(super) fn split_flags(args: &[String], valued: &str) -> Vec<String> {
    let mut out = Vec::new();
    for a in args {
        match a.strip_prefix('-') {
            Some(letters)
                if !letters.starts_with('-')
                    && letters.len() > 1
                    && letters.chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                let mut chars = letters.chars();
                while let Some(c) = chars.next() {
                    out.push(format!("-{c}"));
                    if valued.contains(c) {
                        let rest: String = chars.collect();
                        if !rest.is_empty() {
                            out.push(rest);
                        }
                        break;
                    }
                }
            }
            _ => out.push(a.clone()),
        }
    }
    out
}

pub(super) fn wget(h: &mut ContainerHost, p: &mut Proc) -> i32 {
    let args: Vec<String> = p
        .args()
        .iter()
        .flat_map(|a| match a.as_str() {
            "-qO-" => vec!["-q".to_string(), "-O".into(), "-".into()],
            _ => split_flags(std::slice::from_ref(a), "OTt"),
        })
        .collect();
    let (mut quiet, mut output) = (false, None);
    let mut url = None;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        match a.as_str() {
            "-q" => quiet = true,
            "-O" => {
                output = args.get(i).cloned();
                i += 1;
            }
            "-T" | "-t" | "--timeout" => i += 1,
            s if s.starts_with("-O") => output = s.get(2..).map(str::to_string),
            s if s.starts_with('-') => {}
            s => url = Some(s.to_string()),
        }
    }
    let Some(url) = url else {
        p.err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
        return 1;
    };
    let (host, port, path) = parse_url(&url);
    let Some((_, ips)) = lookup_name(h, &host) else {
        p.err(&format!("wget: bad address '{host}'\n"));
        return 1;
    };
    let ip = ips.first().cloned().unwrap_or_default();
    let file = output.unwrap_or_else(|| {
        let last = path.rsplit('/').next().unwrap_or("");
        if last.is_empty() {
            "index.html".into()
        } else {
            last.to_string()
        }
    });
    if !quiet {
        p.err(&format!("Connecting to {host}:{port} ({ip}:{port})\n"));
    }
    let body = match answer(h, &ip, port, &path) {
        Answer::Page(200, body, _) => body,
        Answer::Page(code, _, _) => {
            p.err(&format!(
                "wget: server returned error: HTTP/1.1 {code} {}\n",
                reason(code)
            ));
            return 1;
        }
        Answer::Refused => {
            p.err(&format!(
                "wget: can't connect to remote host ({ip}): Connection refused\n"
            ));
            return 1;
        }
        Answer::Empty => {
            p.err("wget: error getting response\n");
            return 1;
        }
    };
    if file == "-" {
        if !quiet {
            p.err("writing to stdout\n");
        }
        p.out(&body);
        if !quiet {
            p.err(&format!("-                    100% |********************************|  {:>4}  0:00:00 ETA\nwritten to stdout\n", body.len()));
        }
        return 0;
    }
    let target = p.path(&file);
    if let Err(e) = h.files.write(&target, &body, false) {
        p.err(&format!("wget: can't open '{file}': {}\n", e.text()));
        return 1;
    }
    if !quiet {
        p.err(&format!("saving to '{file}'\n{file:<20} 100% |********************************|  {:>4}  0:00:00 ETA\n'{file}' saved\n", body.len()));
    }
    0
}
