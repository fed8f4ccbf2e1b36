//! Label selectors (`-l app=nginx,tier!=db,env in (a,b),!legacy`) and field selectors
//! (`--field-selector status.phase=Running`) as the API server reads them.

use std::collections::BTreeMap;

use serde_json::Value;

/// One requirement of a label selector.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Req {
    Eq(String, String),
    Ne(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// A parsed label selector; the empty selector matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelector {
    reqs: Vec<Req>,
}

fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for ch in text.chars() {
        match ch {
            '(' => {
                depth += 1;
                cur.push(ch);
            }
            ')' => {
                depth -= 1;
                cur.push(ch);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    parts.push(cur);
    parts
}

fn value_list(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some(
        inner
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect(),
    )
}

impl LabelSelector {
    /// Parses a selector; the error is the server's wording.
    pub fn parse(text: &str) -> Result<LabelSelector, String> {
        let mut reqs = Vec::new();
        if text.trim().is_empty() {
            return Ok(LabelSelector { reqs });
        }
        for part in split_top_level(text) {
            let p = part.trim();
            if p.is_empty() {
                return Err(format!(
                    "unable to parse requirement: found '', expected: identifier in \"{text}\""
                ));
            }
            let req = if let Some((k, v)) = p.split_once("!=") {
                Req::Ne(k.trim().to_string(), v.trim().to_string())
            } else if let Some((k, v)) = p.split_once("==") {
                Req::Eq(k.trim().to_string(), v.trim().to_string())
            } else if let Some((k, v)) = p.split_once('=') {
                Req::Eq(k.trim().to_string(), v.trim().to_string())
            } else if let Some((k, v)) = p.split_once(" notin ") {
                let values = value_list(v).ok_or_else(|| bad_list(text))?;
                Req::NotIn(k.trim().to_string(), values)
            } else if let Some((k, v)) = p.split_once(" in ") {
                let values = value_list(v).ok_or_else(|| bad_list(text))?;
                Req::In(k.trim().to_string(), values)
            } else if let Some(k) = p.strip_prefix('!') {
                Req::NotExists(k.trim().to_string())
            } else {
                Req::Exists(p.to_string())
            };
            let key = match &req {
                Req::Eq(k, _)
                | Req::Ne(k, _)
                | Req::In(k, _)
                | Req::NotIn(k, _)
                | Req::Exists(k)
                | Req::NotExists(k) => k,
            };
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(format!(
                    "unable to parse requirement: found '{key}', expected: identifier in \"{text}\""
                ));
            }
            reqs.push(req);
        }
        Ok(LabelSelector { reqs })
    }

    /// Whether labels satisfy every requirement.
    pub fn matches(&self, labels: Option<&BTreeMap<String, String>>) -> bool {
        let get = |k: &str| labels.and_then(|l| l.get(k));
        self.reqs.iter().all(|r| match r {
            Req::Eq(k, v) => get(k) == Some(v),
            Req::Ne(k, v) => get(k) != Some(v),
            Req::In(k, vs) => get(k).is_some_and(|x| vs.contains(x)),
            Req::NotIn(k, vs) => get(k).is_none_or(|x| !vs.contains(x)),
            Req::Exists(k) => get(k).is_some(),
            Req::NotExists(k) => get(k).is_none(),
        })
    }

    /// The selector as an API `LabelSelector` (metav1.ParseToLabelSelector): equalities go to
    /// `matchLabels`, the rest to `matchExpressions` (`!=` reads as `NotIn` one value).
    pub fn to_api(&self) -> Value {
        let mut labels = serde_json::Map::new();
        let mut exprs = Vec::new();
        let expr = |k: &str, op: &str, vs: Option<&[String]>| {
            let mut e = serde_json::json!({"key": k, "operator": op});
            if let (Some(vs), Value::Object(m)) = (vs, &mut e) {
                m.insert("values".into(), Value::from(vs.to_vec()));
            }
            e
        };
        for r in &self.reqs {
            match r {
                Req::Eq(k, v) => {
                    labels.insert(k.clone(), Value::from(v.clone()));
                }
                Req::Ne(k, v) => exprs.push(expr(k, "NotIn", Some(std::slice::from_ref(v)))),
                Req::In(k, vs) => exprs.push(expr(k, "In", Some(vs))),
                Req::NotIn(k, vs) => exprs.push(expr(k, "NotIn", Some(vs))),
                Req::Exists(k) => exprs.push(expr(k, "Exists", None)),
                Req::NotExists(k) => exprs.push(expr(k, "DoesNotExist", None)),
            }
        }
        let mut out = serde_json::Map::new();
        if !labels.is_empty() {
            out.insert("matchLabels".into(), Value::Object(labels));
        }
        if !exprs.is_empty() {
            out.insert("matchExpressions".into(), Value::from(exprs));
        }
        Value::Object(out)
    }

    /// Whether labels held in a JSON object satisfy the selector.
    pub fn matches_value(&self, obj: &Value) -> bool {
        if self.reqs.is_empty() {
            return true;
        }
        let labels: Option<BTreeMap<String, String>> = obj
            .pointer("/metadata/labels")
            .and_then(|l| crate::sim::api::decode_types::from_value(l.clone()).ok());
        self.matches(labels.as_ref())
    }
}

fn bad_list(text: &str) -> String {
    format!("unable to parse requirement: found '', expected: '(' in \"{text}\"")
}

/// A field selector over the few fields the server supports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector {
    reqs: Vec<(String, bool, String)>,
}

impl FieldSelector {
    /// Parses `a=b,c!=d`; `supported` are the field labels the resource allows.
    pub fn parse(text: &str, supported: &[&str]) -> Result<FieldSelector, String> {
        let mut reqs = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, eq, value) = if let Some((f, v)) = part.split_once("!=") {
                (f, false, v)
            } else if let Some((f, v)) = part.split_once("==") {
                (f, true, v)
            } else if let Some((f, v)) = part.split_once('=') {
                (f, true, v)
            } else {
                return Err(format!(
                    "invalid selector: '{text}'; can't understand '{part}'"
                ));
            };
            if !supported.contains(&field) {
                return Err(format!("field label not supported: {field}"));
            }
            reqs.push((field.to_string(), eq, value.to_string()));
        }
        Ok(FieldSelector { reqs })
    }

    /// Whether the object's fields satisfy the selector.
    pub fn matches(&self, obj: &Value) -> bool {
        self.reqs.iter().all(|(field, eq, value)| {
            let pointer = format!("/{}", field.replace('.', "/"));
            let actual = obj.pointer(&pointer).and_then(Value::as_str).unwrap_or("");
            (actual == value) == *eq
        })
    }
}

/// The field labels each kind supports (metadata.name and metadata.namespace everywhere).
pub fn supported_fields(kind: crate::sim::kind::Kind) -> &'static [&'static str] {
    use crate::sim::kind::Kind;
    match kind {
        Kind::Pod => &[
            "metadata.name",
            "metadata.namespace",
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.nominatedNodeName",
        ],
        Kind::Event => &[
            "metadata.name",
            "metadata.namespace",
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ],
        Kind::Node => &["metadata.name", "spec.unschedulable"],
        Kind::Namespace => &["metadata.name", "status.phase"],
        Kind::PersistentVolumeClaim => &["metadata.name", "metadata.namespace", "status.phase"],
        _ => &["metadata.name", "metadata.namespace"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn selector_forms() {
        let l = labels(&[("app", "nginx"), ("tier", "web")]);
        let ok = |s: &str| LabelSelector::parse(s).expect("parses").matches(Some(&l));
        assert!(ok("app=nginx"));
        assert!(ok("app==nginx,tier!=db"));
        assert!(ok("tier in (web, api)"));
        assert!(!ok("tier notin (web)"));
        assert!(ok("app,!legacy"));
        assert!(!ok("app=mongo"));
        assert!(ok(""));
        assert!(LabelSelector::parse("app=x,").is_err());
    }

    #[test]
    fn field_selector() {
        let pod =
            serde_json::json!({"metadata": {"name": "web-0"}, "status": {"phase": "Running"}});
        let sel = FieldSelector::parse(
            "status.phase=Running",
            supported_fields(crate::sim::kind::Kind::Pod),
        )
        .expect("parses");
        assert!(sel.matches(&pod));
        assert!(FieldSelector::parse("foo=bar", &["metadata.name"]).is_err());
    }
}
