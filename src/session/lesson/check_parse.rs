//! Reading a check from the front matter: facts (`get`, `exists`, `missing`, `condition`,
//! `count`, `event`, `file`) and the checks that combine them.

use super::model::{Check, CheckKind, Compare, ObjName, Target};
use super::node::{LessonError, Node};
use crate::kubectl::selector::LabelSelector;
use crate::sh::utils::regex::Regex;

const FACTS: [&str; 13] = [
    "get",
    "exists",
    "missing",
    "condition",
    "count",
    "event",
    "file",
    "all",
    "any",
    "not",
    "order",
    "never",
    "eventually",
];

/// Keys that go beside a check's one fact: its words, its namespace, its comparison.
const MODIFIERS: [&str; 13] = [
    "as",
    "says",
    "namespace",
    "path",
    "equals",
    "gt",
    "lt",
    "matches",
    "ready",
    "running",
    "message",
    "within",
    "check",
];

/// Reads checks, numbering them in the order they are read.
#[derive(Default)]
pub struct Reader {
    next: usize,
}

impl Reader {
    /// Reads one check (and the checks inside it).
    pub fn check(&mut self, node: Node<'_>) -> Result<Check, LessonError> {
        let known: Vec<&str> = FACTS.iter().chain(&MODIFIERS).copied().collect();
        let map = node.map("a check", &known)?;
        let facts: Vec<&str> = FACTS
            .iter()
            .copied()
            .filter(|f| map.contains_key(*f))
            .collect();
        let [fact] = facts.as_slice() else {
            return Err(node.error(if facts.is_empty() {
                format!("a check needs one of: {}", FACTS.join(", "))
            } else {
                format!("a check has one of {}, not several", facts.join(", "))
            }));
        };
        let id = self.next;
        self.next += 1;
        let namespace = match node.get("namespace") {
            Some(n) => n.node().line("namespace")?,
            None => "default".to_string(),
        };
        let label = node.get("as").map(|n| n.node().line("as")).transpose()?;
        let says = node
            .get("says")
            .map(|n| n.node().line("says"))
            .transpose()?;
        let kind = self.kind(node, fact, &namespace)?;
        Ok(Check {
            id,
            kind,
            label,
            says,
        })
    }

    fn kind(&mut self, node: Node<'_>, fact: &str, ns: &str) -> Result<CheckKind, LessonError> {
        let held = node.need(fact, "a check")?;
        let at = held.node();
        Ok(match fact {
            "get" => CheckKind::Get {
                target: target(at, ns)?,
                path: path(node)?,
                compare: compare(node, true)?,
            },
            "exists" => CheckKind::Exists(object(at, ns)?),
            "missing" => CheckKind::Missing(object(at, ns)?),
            "condition" => condition(at, ns)?,
            "count" => CheckKind::Count {
                target: target(at, ns)?,
                ready: optional_flag(node, "ready")?,
                running: optional_flag(node, "running")?,
                compare: compare(node, false)?,
            },
            "event" => event(node, at, ns)?,
            "file" => file(node, at, ns)?,
            "all" | "any" | "order" => {
                let list = at
                    .items(fact)?
                    .iter()
                    .map(|item| self.check(item.node()))
                    .collect::<Result<Vec<_>, _>>()?;
                if list.is_empty() {
                    return Err(at.error(format!("{fact} needs at least one check")));
                }
                match fact {
                    "all" => CheckKind::All(list),
                    "any" => CheckKind::Any(list),
                    _ if list.len() < 2 => {
                        return Err(at.error("order needs at least two checks"));
                    }
                    _ => CheckKind::Order(list),
                }
            }
            "not" => CheckKind::Not(Box::new(self.check(at)?)),
            "never" => CheckKind::Never(Box::new(self.check(at)?)),
            _ => {
                at.map("eventually", &["within", "check"])?;
                let within = at.need("within", "eventually")?.node().duration("within")?;
                let inner = at.need("check", "eventually")?;
                CheckKind::Eventually {
                    within,
                    check: Box::new(self.check(inner.node())?),
                }
            }
        })
    }
}

fn optional_flag(node: Node<'_>, key: &str) -> Result<bool, LessonError> {
    node.get(key).map_or(Ok(false), |n| n.node().flag(key))
}

fn path(node: Node<'_>) -> Result<String, LessonError> {
    let held = node.need("path", "get")?;
    let text = held.node().line("path")?;
    crate::kubectl::print::jsonpath::JsonPath::parse(&text)
        .map_err(|e| held.node().error(format!("path: {e}")))?;
    Ok(text)
}

/// The comparison of a fact: one of equals, gt, lt (and matches where text is compared).
fn compare(node: Node<'_>, text: bool) -> Result<Compare, LessonError> {
    let keys: &[&str] = if text {
        &["equals", "gt", "lt", "matches"]
    } else {
        &["equals", "gt", "lt"]
    };
    let present: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| node.get(k).is_some())
        .collect();
    let [key] = present.as_slice() else {
        return Err(node.error(format!("this check needs one of: {}", keys.join(", "))));
    };
    let held = node.need(key, "this check")?;
    let at = held.node();
    Ok(match *key {
        "equals" => Compare::Equals(at.text("equals")?),
        "gt" => Compare::Gt(at.number("gt")?),
        "lt" => Compare::Lt(at.number("lt")?),
        _ => {
            let pattern = at.text("matches")?;
            let re =
                Regex::new(&pattern, true, false).map_err(|e| at.error(format!("matches: {e}")))?;
            Compare::Matches(pattern, re)
        }
    })
}

/// `KIND/NAME`.
pub fn object(at: Node<'_>, namespace: &str) -> Result<ObjName, LessonError> {
    let text = at.line("the object")?;
    let Some((typed, name)) = text.trim().split_once('/') else {
        return Err(at.error(format!("\"{text}\" is not KIND/NAME")));
    };
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(at.error(format!("\"{text}\" is not KIND/NAME")));
    }
    Ok(ObjName {
        typed: typed.to_string(),
        kind: kind_of(at, typed)?,
        namespace: namespace.to_string(),
        name: name.to_string(),
    })
}

fn kind_of(at: Node<'_>, typed: &str) -> Result<crate::sim::kind::Kind, LessonError> {
    let Some(resource) = crate::kubectl::resources::resolve(typed) else {
        return Err(at.error(format!(
            "the server doesn't have a resource type \"{typed}\""
        )));
    };
    resource
        .sim_kind()
        .ok_or_else(|| at.error(format!("{} are not simulated", resource.qualified())))
}

/// `KIND/NAME`, or `KIND [-l SELECTOR]`.
fn target(at: Node<'_>, namespace: &str) -> Result<Target, LessonError> {
    let text = at.line("the objects")?;
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [one] = words.as_slice()
        && one.contains('/')
    {
        return Ok(Target::One(object(at, namespace)?));
    }
    let (typed, selector) = match words.as_slice() {
        [typed] => (*typed, String::new()),
        [typed, "-l", selector] => (*typed, (*selector).to_string()),
        [typed, flag] if flag.starts_with("-l") || flag.starts_with("--selector=") => {
            let s = flag
                .trim_start_matches("--selector=")
                .trim_start_matches("-l");
            (*typed, s.trim_start_matches('=').to_string())
        }
        _ => {
            return Err(at.error(format!("\"{text}\" is not KIND/NAME or KIND -l SELECTOR")));
        }
    };
    LabelSelector::parse(&selector).map_err(|e| at.error(format!("selector: {e}")))?;
    Ok(Target::Many {
        typed: typed.to_string(),
        kind: kind_of(at, typed)?,
        namespace: namespace.to_string(),
        selector,
    })
}

/// `KIND/NAME TYPE=STATUS`.
fn condition(at: Node<'_>, namespace: &str) -> Result<CheckKind, LessonError> {
    let text = at.line("condition")?;
    let bad = || at.error(format!("\"{text}\" is not KIND/NAME TYPE=STATUS"));
    let Some((obj, cond)) = text.trim().split_once(char::is_whitespace) else {
        return Err(bad());
    };
    let Some((kind, status)) = cond.trim().split_once('=') else {
        return Err(bad());
    };
    if kind.is_empty() || status.is_empty() {
        return Err(bad());
    }
    let (typed, name) = obj.split_once('/').ok_or_else(bad)?;
    Ok(CheckKind::Condition {
        object: ObjName {
            typed: typed.to_string(),
            kind: kind_of(at, typed)?,
            namespace: namespace.to_string(),
            name: name.to_string(),
        },
        kind: kind.to_string(),
        status: status.to_string(),
    })
}

/// `REASON KIND/NAME`, with an optional `message:` pattern.
fn event(node: Node<'_>, at: Node<'_>, namespace: &str) -> Result<CheckKind, LessonError> {
    let text = at.line("event")?;
    let words: Vec<&str> = text.split_whitespace().collect();
    let [reason, obj] = words.as_slice() else {
        return Err(at.error(format!("\"{text}\" is not REASON KIND/NAME")));
    };
    let (typed, name) = obj
        .split_once('/')
        .ok_or_else(|| at.error(format!("\"{text}\" is not REASON KIND/NAME")))?;
    let message = match node.get("message") {
        Some(m) => {
            let pattern = m.node().text("message")?;
            let re = Regex::new(&pattern, true, false)
                .map_err(|e| m.node().error(format!("message: {e}")))?;
            Some((pattern, re))
        }
        None => None,
    };
    Ok(CheckKind::Event {
        reason: (*reason).to_string(),
        object: ObjName {
            typed: typed.to_string(),
            kind: kind_of(at, typed)?,
            namespace: namespace.to_string(),
            name: name.to_string(),
        },
        message,
    })
}

/// `POD:PATH` or `POD/CONTAINER:PATH`, compared with `equals` or `matches`.
fn file(node: Node<'_>, at: Node<'_>, namespace: &str) -> Result<CheckKind, LessonError> {
    let text = at.line("file")?;
    let Some((who, path)) = text.trim().split_once(':') else {
        return Err(at.error(format!("\"{text}\" is not POD:PATH")));
    };
    if !path.starts_with('/') {
        return Err(at.error(format!("the path in \"{text}\" must start with /")));
    }
    let (pod, container) = match who.split_once('/') {
        Some((p, c)) => (p.to_string(), Some(c.to_string())),
        None => (who.to_string(), None),
    };
    let compare = compare(node, true)?;
    if matches!(compare, Compare::Gt(_) | Compare::Lt(_)) {
        return Err(node.error("a file is compared with equals or matches"));
    }
    Ok(CheckKind::File {
        namespace: namespace.to_string(),
        pod,
        container,
        path: path.to_string(),
        compare,
    })
}
