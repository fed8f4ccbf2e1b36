//! What the cluster shows for one fact, and the words for it: `statefulset/web
//! {.spec.replicas} is 3; this step wants 5`.

use serde_json::{Value, json};

use super::model::{CheckKind, Compare, ObjName, Target};
use crate::kubectl::objects;
use crate::kubectl::print::jsonpath::JsonPath;
use crate::kubectl::selector::LabelSelector;
use crate::sim::Cluster;
use crate::sim::kind::Kind;
use k8s_openapi::api::core::v1::Event;

/// Whether a fact holds, and if not, what the cluster shows instead.
pub struct Seen {
    /// It holds.
    pub ok: bool,
    /// What the cluster shows, in words, when it does not.
    pub message: String,
}

fn seen(ok: bool, message: impl FnOnce() -> String) -> Seen {
    Seen {
        ok,
        message: if ok { String::new() } else { message() },
    }
}

fn name_of(o: &ObjName) -> String {
    format!("{}/{}", o.typed, o.name)
}

/// The words for a fact that holds: `pod/web-3 exists`, `pod/web-3 Ready=True`.
pub fn describe(kind: &CheckKind) -> String {
    match kind {
        CheckKind::Get {
            target,
            path,
            compare,
        } => format!("{} {path} {}", target_name(target), wanted(compare)),
        CheckKind::Exists(o) => format!("{} exists", name_of(o)),
        CheckKind::Missing(o) => format!("{} is gone", name_of(o)),
        CheckKind::Condition {
            object,
            kind,
            status,
        } => format!("{} {kind}={status}", name_of(object)),
        CheckKind::Count {
            target, compare, ..
        } => format!("the number of {} {}", target_name(target), wanted(compare)),
        CheckKind::Event { reason, object, .. } => {
            format!("a {reason} event about {}", name_of(object))
        }
        CheckKind::File {
            pod, path, compare, ..
        } => {
            format!("{pod}:{path} {}", wanted(compare))
        }
        _ => String::new(),
    }
}

fn target_name(t: &Target) -> String {
    match t {
        Target::One(o) => name_of(o),
        Target::Many {
            typed, selector, ..
        } if selector.is_empty() => typed.clone(),
        Target::Many {
            typed, selector, ..
        } => format!("{typed} -l {selector}"),
    }
}

fn wanted(c: &Compare) -> String {
    match c {
        Compare::Equals(v) => format!("is {v}"),
        Compare::Gt(n) => format!("is more than {n}"),
        Compare::Lt(n) => format!("is less than {n}"),
        Compare::Matches(p, _) => format!("matches {p}"),
    }
}

fn wants(c: &Compare) -> String {
    match c {
        Compare::Equals(v) if v.is_empty() => "this step wants it empty".to_string(),
        Compare::Equals(v) => format!("this step wants {v}"),
        Compare::Gt(n) => format!("this step wants more than {n}"),
        Compare::Lt(n) => format!("this step wants less than {n}"),
        Compare::Matches(p, _) => format!("this step wants it to match {p}"),
    }
}

fn compares(c: &Compare, text: &str) -> bool {
    let number = || text.trim().parse::<f64>().ok();
    match c {
        Compare::Equals(v) => text.trim() == v.trim(),
        Compare::Gt(n) => number().is_some_and(|x| x > *n),
        Compare::Lt(n) => number().is_some_and(|x| x < *n),
        Compare::Matches(_, re) => re.is_match(text),
    }
}

/// Looks at one fact in the cluster. Combinators are not facts; they are never passed here.
pub fn look(kind: &CheckKind, c: &Cluster) -> Seen {
    match kind {
        CheckKind::Get {
            target,
            path,
            compare,
        } => get(c, target, path, compare),
        CheckKind::Exists(o) => seen(exists(c, o), || format!("{} does not exist", name_of(o))),
        CheckKind::Missing(o) => seen(!exists(c, o), || format!("{} still exists", name_of(o))),
        CheckKind::Condition {
            object,
            kind,
            status,
        } => condition(c, object, kind, status),
        CheckKind::Count {
            target,
            ready,
            running,
            compare,
        } => count(c, target, *ready, *running, compare),
        CheckKind::Event {
            reason,
            object,
            message,
        } => {
            let found = c
                .world
                .store
                .list::<Event>(Some(&object.namespace))
                .any(|e| {
                    e.reason.as_deref() == Some(reason.as_str())
                        && e.involved_object.name.as_deref() == Some(object.name.as_str())
                        && e.involved_object.kind.as_deref() == Some(object.kind.name())
                        && message.as_ref().is_none_or(|(_, re)| {
                            re.is_match(e.message.as_deref().unwrap_or_default())
                        })
                });
            seen(found, || {
                format!("no {reason} event about {} yet", name_of(object))
            })
        }
        CheckKind::File {
            namespace,
            pod,
            container,
            path,
            compare,
        } => match crate::container::read_file(c, namespace, pod, container.as_deref(), path) {
            Ok(text) => seen(compares(compare, &text), || {
                format!(
                    "{pod}:{path} holds {}; {}",
                    crate::gofmt::quote::quote(text.trim_end()),
                    wants(compare)
                )
            }),
            Err(e) => seen(false, || format!("{pod}: {e}")),
        },
        _ => seen(true, String::new),
    }
}

fn exists(c: &Cluster, o: &ObjName) -> bool {
    objects::object(c, o.kind, &o.namespace, &o.name).is_some()
}

fn get(c: &Cluster, target: &Target, path: &str, compare: &Compare) -> Seen {
    let (data, name) = match target {
        Target::One(o) => match objects::object(c, o.kind, &o.namespace, &o.name) {
            Some(v) => (v, name_of(o)),
            None => return seen(false, || format!("{} does not exist", name_of(o))),
        },
        Target::Many {
            kind,
            namespace,
            selector,
            ..
        } => {
            let items = select(selector)
                .map_or_else(Vec::new, |s| objects::matching(c, *kind, namespace, &s));
            (
                json!({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}}),
                target_name(target),
            )
        }
    };
    let text = JsonPath::parse(path)
        .and_then(|p| p.allow_missing_keys(true).execute(&data))
        .unwrap_or_else(|e| format!("<{e}>"));
    seen(compares(compare, &text), || {
        let shown = if text.is_empty() {
            "empty".to_string()
        } else {
            text.clone()
        };
        format!("{name} {path} is {shown}; {}", wants(compare))
    })
}

fn select(selector: &str) -> Option<LabelSelector> {
    LabelSelector::parse(selector).ok()
}

fn condition(c: &Cluster, o: &ObjName, kind: &str, status: &str) -> Seen {
    let Some(value) = objects::object(c, o.kind, &o.namespace, &o.name) else {
        return seen(false, || format!("{} does not exist", name_of(o)));
    };
    let found = value
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .and_then(|cs| {
            cs.iter()
                .find(|k| k.get("type").and_then(Value::as_str) == Some(kind))
        })
        .and_then(|k| k.get("status").and_then(Value::as_str))
        .map(str::to_string);
    match found {
        Some(s) if s == status => seen(true, String::new),
        Some(s) => seen(false, || {
            format!(
                "{} is {kind}={s}; this step wants {kind}={status}",
                name_of(o)
            )
        }),
        None => seen(false, || {
            format!("{} has no {kind} condition yet", name_of(o))
        }),
    }
}

fn count(c: &Cluster, target: &Target, ready: bool, running: bool, compare: &Compare) -> Seen {
    let n = match target {
        Target::One(o) => usize::from(exists(c, o)),
        Target::Many {
            kind,
            namespace,
            selector,
            ..
        } => match select(selector) {
            None => 0,
            Some(s) if *kind == Kind::Pod => objects::count_pods(c, namespace, &s, ready, running),
            Some(s) => objects::matching(c, *kind, namespace, &s)
                .iter()
                .filter(|v| !ready || ready_condition(v))
                .count(),
        },
    };
    let text = n.to_string();
    seen(compares(compare, &text), || {
        let what = match (ready, running) {
            (true, _) => " Ready",
            (false, true) => " Running",
            _ => "",
        };
        format!("{}: {n}{what}; {}", target_name(target), wants(compare))
    })
}

fn ready_condition(v: &Value) -> bool {
    v.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter().any(|k| {
                k.get("type").and_then(Value::as_str) == Some("Ready")
                    && k.get("status").and_then(Value::as_str) == Some("True")
            })
        })
}
