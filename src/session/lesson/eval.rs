//! Evaluating a check at one moment of the cluster, with the memory that `order`, `never` and
//! `eventually` keep from one moment to the next.

use std::collections::BTreeMap;

use super::facts::{self, describe};
use super::model::{Check, CheckKind};
use crate::sim::Cluster;

/// The outcome of a check at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// It passes.
    pub ok: bool,
    /// What fails, in words (empty when it passes).
    pub message: String,
    /// It can no longer pass in this step (a `never` that happened, an `order` broken, an
    /// `eventually` past its time): the step must be reset.
    pub lost: bool,
}

impl Verdict {
    fn pass() -> Verdict {
        Verdict {
            ok: true,
            ..Verdict::default()
        }
    }

    fn fail(message: String) -> Verdict {
        Verdict {
            ok: false,
            message,
            lost: false,
        }
    }
}

/// One moment of the step: the cluster, a sample counter that grows with every moment, and the
/// virtual times the checks need.
pub struct Moment<'c> {
    /// The cluster.
    pub cluster: &'c Cluster,
    /// Grows by one with each moment the step looks at.
    pub sample: u64,
    /// Virtual now, in milliseconds.
    pub now: u64,
    /// When the learner first acted in this step.
    pub first_action: Option<u64>,
}

/// What a check tree remembers between moments, one entry per check.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    nodes: BTreeMap<usize, NodeMemory>,
}

#[derive(Clone, Debug, Default)]
struct NodeMemory {
    /// `order`: the moment each part first held.
    first: Vec<Option<u64>>,
    /// A failure that stays: the words for it.
    lost: Option<String>,
    /// `eventually`: it held in time.
    held: bool,
}

impl Memory {
    fn at(&mut self, check: &Check) -> &mut NodeMemory {
        self.nodes.entry(check.id).or_default()
    }
}

/// What a check means in words: its `as:`, or words made from it.
pub fn label(check: &Check) -> String {
    if let Some(l) = &check.label {
        return l.clone();
    }
    match &check.kind {
        CheckKind::Not(inner) => format!("not ({})", label(inner)),
        CheckKind::Never(inner) => format!("never ({})", label(inner)),
        CheckKind::Eventually { check, .. } => label(check),
        CheckKind::All(list) | CheckKind::Any(list) | CheckKind::Order(list) => {
            list.iter().map(label).collect::<Vec<_>>().join(", ")
        }
        kind => describe(kind),
    }
}

/// Evaluates `check` at moment `m`, updating its memory. Every part is evaluated (none is
/// skipped), so that the memory of each sees every moment.
pub fn eval(check: &Check, m: &Moment<'_>, mem: &mut Memory) -> Verdict {
    let mut verdict = eval_kind(check, m, mem);
    if !verdict.ok
        && let Some(says) = &check.says
    {
        verdict.message = says.clone();
    }
    verdict
}

fn eval_kind(check: &Check, m: &Moment<'_>, mem: &mut Memory) -> Verdict {
    match &check.kind {
        CheckKind::All(list) => {
            let all: Vec<Verdict> = list.iter().map(|c| eval(c, m, mem)).collect();
            let lost = all.iter().any(|v| v.lost);
            match all.into_iter().find(|v| !v.ok) {
                Some(mut first) => {
                    first.lost |= lost;
                    first
                }
                None => Verdict::pass(),
            }
        }
        CheckKind::Any(list) => {
            let all: Vec<Verdict> = list.iter().map(|c| eval(c, m, mem)).collect();
            if all.iter().any(|v| v.ok) {
                return Verdict::pass();
            }
            Verdict {
                ok: false,
                message: all
                    .iter()
                    .map(|v| v.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; or "),
                lost: all.iter().all(|v| v.lost),
            }
        }
        CheckKind::Not(inner) => {
            let v = eval(inner, m, mem);
            if v.ok {
                Verdict::fail(format!("{}; this step wants the opposite", label(inner)))
            } else {
                Verdict::pass()
            }
        }
        CheckKind::Never(inner) => never(check, inner, m, mem),
        CheckKind::Order(list) => order(check, list, m, mem),
        CheckKind::Eventually {
            within,
            check: inner,
        } => eventually(check, *within, inner, m, mem),
        kind => {
            let seen = facts::look(kind, m.cluster);
            if seen.ok {
                Verdict::pass()
            } else {
                Verdict::fail(seen.message)
            }
        }
    }
}

fn never(check: &Check, inner: &Check, m: &Moment<'_>, mem: &mut Memory) -> Verdict {
    let v = eval(inner, m, mem);
    let node = mem.at(check);
    if v.ok && node.lost.is_none() {
        let what = check.label.clone().unwrap_or_else(|| label(inner));
        node.lost = Some(format!("this must not happen, and it did: {what}"));
    }
    match &node.lost {
        Some(words) => Verdict {
            ok: false,
            message: words.clone(),
            lost: true,
        },
        None => Verdict::pass(),
    }
}

fn order(check: &Check, list: &[Check], m: &Moment<'_>, mem: &mut Memory) -> Verdict {
    let now: Vec<bool> = list.iter().map(|c| eval(c, m, mem).ok).collect();
    let node = mem.at(check);
    node.first.resize(list.len(), None);
    for (first, ok) in node.first.iter_mut().zip(&now) {
        if *ok && first.is_none() {
            *first = Some(m.sample);
        }
    }
    if node.lost.is_none() {
        // The first pair out of order: a later part held before (or with) an earlier one.
        'pairs: for (i, a) in node.first.iter().enumerate() {
            for (j, b) in node.first.iter().enumerate().skip(i + 1) {
                let out = match (a, b) {
                    (None, Some(_)) => true,
                    (Some(x), Some(y)) => y <= x,
                    _ => false,
                };
                if out {
                    let (first, second) = (list.get(j), list.get(i));
                    node.lost = Some(format!(
                        "{} before {}",
                        first.map(label).unwrap_or_default(),
                        second.map(label).unwrap_or_default()
                    ));
                    break 'pairs;
                }
            }
        }
    }
    if let Some(words) = &node.lost {
        return Verdict {
            ok: false,
            message: words.clone(),
            lost: true,
        };
    }
    match node.first.iter().position(Option::is_none) {
        Some(i) => Verdict::fail(format!(
            "waiting for: {}",
            list.get(i).map(label).unwrap_or_default()
        )),
        None => Verdict::pass(),
    }
}

fn eventually(
    check: &Check,
    within: u64,
    inner: &Check,
    m: &Moment<'_>,
    mem: &mut Memory,
) -> Verdict {
    let v = eval(inner, m, mem);
    let deadline = m.first_action.map(|t| t.saturating_add(within));
    let node = mem.at(check);
    let in_time = deadline.is_none_or(|d| m.now <= d);
    if v.ok && in_time {
        node.held = true;
    }
    if node.held {
        return Verdict::pass();
    }
    if !in_time {
        let words = format!(
            "{} did not happen within {}",
            label(inner),
            crate::kubectl::duration::format_go_duration(i64::try_from(within).unwrap_or(i64::MAX))
        );
        node.lost = Some(words.clone());
        return Verdict {
            ok: false,
            message: words,
            lost: true,
        };
    }
    v
}
