//! Label maps and label selectors as kubectl renders and evaluates them.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use std::collections::BTreeMap;

/// `labels.FormatLabels`: `k=v,k2=v2` sorted by key, `<none>` when empty.
pub fn format_labels(labels: Option<&BTreeMap<String, String>>) -> String {
    match labels {
        Some(map) if !map.is_empty() => map
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        _ => "<none>".to_string(),
    }
}

/// One requirement of a parsed selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    key: String,
    op: Op,
    values: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Equals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// A label selector after `LabelSelectorAsSelector`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// A nil selector: matches nothing.
    Nothing,
    /// Requirements, sorted by key; empty matches everything.
    Requirements(Vec<Requirement>),
}

impl Selector {
    /// `metav1.LabelSelectorAsSelector`; an unknown operator is an error value.
    pub fn from_label_selector(sel: Option<&LabelSelector>) -> Result<Selector, String> {
        let Some(sel) = sel else {
            return Ok(Selector::Nothing);
        };
        let mut reqs = Vec::new();
        for (k, v) in sel.match_labels.iter().flatten() {
            reqs.push(Requirement {
                key: k.clone(),
                op: Op::Equals,
                values: vec![v.clone()],
            });
        }
        for expr in sel.match_expressions.iter().flatten() {
            let op = match expr.operator.as_str() {
                "In" => Op::In,
                "NotIn" => Op::NotIn,
                "Exists" => Op::Exists,
                "DoesNotExist" => Op::DoesNotExist,
                other => return Err(format!("{other:?} is not a valid label selector operator")),
            };
            reqs.push(Requirement {
                key: expr.key.clone(),
                op,
                values: expr.values.clone().unwrap_or_default(),
            });
        }
        crate::order::sort_by(&mut reqs, |a, b| a.key.cmp(&b.key));
        Ok(Selector::Requirements(reqs))
    }

    /// `Selector.String()`: `app=nginx,tier in (a,b)`; empty for everything or nothing.
    pub fn to_selector_string(&self) -> String {
        let Selector::Requirements(reqs) = self else {
            return String::new();
        };
        reqs.iter()
            .map(|r| {
                let mut values = r.values.clone();
                crate::order::sort(&mut values);
                let joined = values.join(",");
                match r.op {
                    Op::Equals => format!("{}={joined}", r.key),
                    Op::In => format!("{} in ({joined})", r.key),
                    Op::NotIn => format!("{} notin ({joined})", r.key),
                    Op::Exists => r.key.clone(),
                    Op::DoesNotExist => format!("!{}", r.key),
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Whether a label set satisfies the selector.
    pub fn matches(&self, labels: Option<&BTreeMap<String, String>>) -> bool {
        let Selector::Requirements(reqs) = self else {
            return false;
        };
        reqs.iter().all(|r| {
            let value = labels.and_then(|l| l.get(&r.key));
            match r.op {
                Op::Equals | Op::In => value.is_some_and(|v| r.values.contains(v)),
                Op::NotIn => value.is_none_or(|v| !r.values.contains(v)),
                Op::Exists => value.is_some(),
                Op::DoesNotExist => value.is_none(),
            }
        })
    }
}

/// `metav1.FormatLabelSelector`: the selector string, `<none>` when empty, `<error>` when invalid.
pub fn format_label_selector(sel: Option<&LabelSelector>) -> String {
    match Selector::from_label_selector(sel) {
        Ok(s) => {
            let text = s.to_selector_string();
            if text.is_empty() {
                "<none>".to_string()
            } else {
                text
            }
        }
        Err(_) => "<error>".to_string(),
    }
}
