//! `kubectl scale`, `kubectl delete` (waiting for pods to go) and `kubectl set image`.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod, Service};

use super::get::canonical;
use super::{Run, Session, Wait, flag, has_flag, positionals};
use crate::sim::apiserver::{DeleteOptions, Propagation};

/// Splits `TYPE NAME…` or `TYPE/NAME…` into a canonical type and names.
fn target(positional: &[String]) -> Result<(&'static str, Vec<String>), String> {
    let Some((first, rest)) = positional.split_first() else {
        return Err("error: you must specify the type of resource\n".to_string());
    };
    let (typed, mut names) = match first.split_once('/') {
        Some((typed, name)) => (typed.to_string(), vec![name.to_string()]),
        None => (first.clone(), rest.to_vec()),
    };
    if first.contains('/') {
        for more in rest {
            match more.split_once('/') {
                Some((_, name)) => names.push(name.to_string()),
                None => names.push(more.clone()),
            }
        }
    }
    let plural = canonical(&typed)
        .ok_or_else(|| format!("error: the server doesn't have a resource type \"{typed}\"\n"))?;
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified\n".to_string());
    }
    Ok((plural, names))
}

/// `kubectl scale statefulset NAME --replicas=N`.
pub fn scale(session: &mut Session, args: &[String]) -> String {
    let replicas = flag(args, &["--replicas"]).and_then(|r| r.parse::<i32>().ok());
    let Some(replicas) = replicas.filter(|r| *r >= 0) else {
        return "error: The --replicas=COUNT flag is required, and COUNT must be greater than or \
                equal to 0\n"
            .to_string();
    };
    let (plural, names) = match target(&positionals(args, &["--replicas", "-n"])) {
        Ok(found) => found,
        Err(e) => return e,
    };
    if plural != "statefulsets" {
        return format!(
            "The playground's stand-in scale works on StatefulSets only, not {plural}.\n"
        );
    }
    let ns = session.namespace.clone();
    let mut out = String::new();
    for name in names {
        let Some(mut set) = session
            .cluster
            .store
            .get::<StatefulSet>(&ns, &name)
            .cloned()
        else {
            out.push_str(&format!(
                "Error from server (NotFound): statefulsets.apps \"{name}\" not found\n"
            ));
            continue;
        };
        set.spec.replicas = Some(replicas);
        match session.cluster.update(set) {
            Ok(_) => out.push_str(&format!("statefulset.apps/{name} scaled\n")),
            Err(e) => out.push_str(&format!("{e}\n")),
        }
    }
    out
}

/// `kubectl set image statefulset/NAME CONTAINER=IMAGE…`.
pub fn set_image(session: &mut Session, args: &[String]) -> String {
    let positional = positionals(args, &["-n"]);
    let Some((what, rest)) = positional.split_first() else {
        return "error: Unexpected args: []\n".to_string();
    };
    if what != "image" {
        return format!(
            "The playground's stand-in `set` knows `set image` only, not `set {what}`.\n"
        );
    }
    let (objects, pairs): (Vec<String>, Vec<String>) =
        rest.iter().cloned().partition(|a| !a.contains('='));
    let (plural, names) = match target(&objects) {
        Ok(found) => found,
        Err(e) => return e,
    };
    if plural != "statefulsets" {
        return format!(
            "The playground's stand-in set image works on StatefulSets only, not {plural}.\n"
        );
    }
    if pairs.is_empty() {
        return "error: at least one image update is required\n".to_string();
    }
    let ns = session.namespace.clone();
    let mut out = String::new();
    for name in names {
        let Some(mut set) = session
            .cluster
            .store
            .get::<StatefulSet>(&ns, &name)
            .cloned()
        else {
            out.push_str(&format!(
                "Error from server (NotFound): statefulsets.apps \"{name}\" not found\n"
            ));
            continue;
        };
        let Some(spec) = set.spec.template.spec.as_mut() else {
            continue;
        };
        let mut changed = false;
        for pair in &pairs {
            let (container, image) = pair.split_once('=').unwrap_or((pair, ""));
            let found = spec
                .containers
                .iter_mut()
                .filter(|c| container == "*" || c.name == container)
                .map(|c| {
                    if c.image.as_deref() != Some(image) {
                        c.image = Some(image.to_string());
                        changed = true;
                    }
                })
                .count();
            if found == 0 {
                return format!("error: unable to find container named \"{container}\"\n");
            }
        }
        if !changed {
            continue;
        }
        match session.cluster.update(set) {
            Ok(_) => out.push_str(&format!("statefulset.apps/{name} image updated\n")),
            Err(e) => out.push_str(&format!("{e}\n")),
        }
    }
    out
}

/// `kubectl delete TYPE NAME…`; for pods it waits until they are gone, as kubectl does.
pub fn delete(session: &mut Session, args: &[String]) -> Run {
    let valued = ["--grace-period", "-n", "--cascade", "--wait"];
    let (plural, names) = match target(&positionals(args, &valued)) {
        Ok(found) => found,
        Err(e) => return Run::Done(e),
    };
    let force = has_flag(args, &["--force"]);
    let grace = flag(args, &["--grace-period"]).and_then(|g| g.parse::<i64>().ok());
    let grace = if force && grace.is_none() {
        Some(0)
    } else {
        grace
    };
    let propagation = match flag(args, &["--cascade"]).as_deref() {
        Some("orphan") | Some("false") => Propagation::Orphan,
        Some("foreground") => Propagation::Foreground,
        _ => Propagation::Background,
    };
    let opts = DeleteOptions {
        grace_period_seconds: grace,
        propagation,
    };
    let wait = flag(args, &["--wait"]).as_deref() != Some("false");
    let ns = session.namespace.clone();
    let mut out = String::new();
    if force {
        out.push_str(
            "Warning: Immediate deletion does not wait for confirmation that the running \
             resource has been terminated. The resource may continue to run on the cluster \
             indefinitely.\n",
        );
    }
    let mut waiting = Vec::new();
    for name in names {
        let cluster = &mut session.cluster;
        let (label, result, uid) = match plural {
            "pods" => {
                let uid = cluster
                    .store
                    .get::<Pod>(&ns, &name)
                    .and_then(|p| p.metadata.uid.clone());
                ("pod", cluster.delete::<Pod>(&ns, &name, opts), uid)
            }
            "statefulsets" => (
                "statefulset.apps",
                cluster.delete::<StatefulSet>(&ns, &name, opts),
                None,
            ),
            "persistentvolumeclaims" => (
                "persistentvolumeclaim",
                cluster.delete::<PersistentVolumeClaim>(&ns, &name, opts),
                None,
            ),
            "persistentvolumes" => (
                "persistentvolume",
                cluster.delete::<PersistentVolume>("", &name, opts),
                None,
            ),
            "services" => ("service", cluster.delete::<Service>(&ns, &name, opts), None),
            other => {
                out.push_str(&format!(
                    "The playground's stand-in delete does not handle {other} yet.\n"
                ));
                continue;
            }
        };
        match result {
            Ok(()) => {
                let verb = if force { "force deleted" } else { "deleted" };
                let scope = if plural == "persistentvolumes" {
                    String::new()
                } else {
                    format!(" from {ns} namespace")
                };
                out.push_str(&format!("{label} \"{name}\" {verb}{scope}\n"));
                if let Some(uid) = uid.filter(|_| wait) {
                    waiting.push((name, uid));
                }
            }
            Err(e) => out.push_str(&format!("{e}\n")),
        }
    }
    let gone = PodsGone {
        namespace: ns,
        pods: waiting,
    };
    if gone.done(session) {
        Run::Done(out)
    } else {
        Run::Wait(out, Box::new(gone))
    }
}

/// Waits until the named pods (by uid) have left the store.
struct PodsGone {
    namespace: String,
    pods: Vec<(String, String)>,
}

impl PodsGone {
    fn done(&self, session: &Session) -> bool {
        self.pods.iter().all(|(name, uid)| {
            session
                .cluster
                .store
                .get::<Pod>(&self.namespace, name)
                .and_then(|p| p.metadata.uid.as_ref())
                != Some(uid)
        })
    }
}

impl Wait for PodsGone {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (String, bool) {
        let end = session.cluster.now_ms().saturating_add(budget_ms);
        while !self.done(session) {
            match session.cluster.queue.next_time() {
                Some(t) if t <= end => {
                    session.cluster.step();
                }
                _ => {
                    let now = session.cluster.now_ms();
                    session.cluster.advance(end.saturating_sub(now));
                    return (String::new(), !self.done(session));
                }
            }
        }
        (String::new(), false)
    }
}
