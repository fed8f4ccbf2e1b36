//! `kubectl wait --for=condition=…|delete|create|jsonpath=…`: objects one after the other, the
//! virtual clock running until each meets the condition or the timeout passes.

use serde_json::Value;

use super::ctx::{Ctx, Failure, api_error_text, error_text, print_failures};
use super::delete::uid_of;
use super::print::jsonpath::{JsonPath, relaxed_jsonpath_expression, result_text};
use super::resources::name_prefix;
use super::targets::{ObjRef, select_from_flags, value_of};
use super::watch::{Prefixed, advance_until};
use super::{Output, Run, Session, Waiting};
use crate::sim::Cluster;
use crate::sim::apiserver::ApiError;

/// What to wait for.
#[derive(Clone, Debug)]
enum Condition {
    Delete,
    Create,
    Named(String, String),
    JsonPath(JsonPath, Option<String>),
}

fn parse_condition(text: &str) -> Result<Condition, String> {
    let lower = text.to_lowercase();
    if lower == "delete" {
        return Ok(Condition::Delete);
    }
    if lower == "create" {
        return Ok(Condition::Create);
    }
    if let Some(rest) = text.strip_prefix("condition=") {
        let (name, value) = rest.split_once('=').unwrap_or((rest, "true"));
        return Ok(Condition::Named(name.to_string(), value.to_string()));
    }
    if let Some(rest) = text.strip_prefix("jsonpath=") {
        let parts = split_on_single_equals(rest);
        let (expr, value) = match parts.as_slice() {
            [e] => (e.clone(), None),
            [e, v] => {
                let v = v.trim_matches(|c| c == '\'' || c == '"').to_string();
                if v.is_empty() {
                    return Err("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3".to_string());
                }
                (e.clone(), Some(v))
            }
            _ => return Err("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'".to_string()),
        };
        let expr = relaxed_jsonpath_expression(expr.trim_matches('\''))?;
        if expr.is_empty() {
            return Err("jsonpath expression cannot be empty".to_string());
        }
        let jp = JsonPath::parse(&expr)?.allow_missing_keys(true);
        return Ok(Condition::JsonPath(jp, value));
    }
    Err(format!("unrecognized condition: \"{text}\""))
}

/// Splits on single `=` (a doubled `==` stays), as kubectl does.
fn split_on_single_equals(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '=' {
            if chars.peek() == Some(&'=') {
                chars.next();
                cur.push_str("==");
                continue;
            }
            out.push(std::mem::take(&mut cur));
            continue;
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

fn condition_met(cond: &Condition, obj: &Value) -> bool {
    match cond {
        Condition::Delete => false,
        Condition::Create => true,
        Condition::Named(name, value) => obj
            .pointer("/status/conditions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|c| {
                c.get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case(name))
                    && c.get("status")
                        .and_then(Value::as_str)
                        .is_some_and(|s| s.eq_ignore_ascii_case(value))
            }),
        Condition::JsonPath(jp, value) => {
            let Ok(results) = jp.find_results(obj) else {
                return false;
            };
            let flat: Vec<&Value> = results.iter().flatten().collect();
            match value {
                None => !flat.is_empty(),
                Some(v) => flat.len() == 1 && flat.iter().all(|r| result_text(r) == *v),
            }
        }
    }
}

/// A running `kubectl wait`.
struct WaitFor {
    items: Vec<(ObjRef, Option<String>)>,
    next: usize,
    cond: Condition,
    deadline: u64,
}

enum Check {
    Met(String),
    Failed(Output),
    Pending,
}

impl WaitFor {
    fn check(&self, c: &Cluster) -> Check {
        let Some((r, uid)) = self.items.get(self.next) else {
            return Check::Pending;
        };
        let met = format!("{}/{} condition met\n", name_prefix(r.kind), r.name);
        match &self.cond {
            Condition::Delete => {
                if uid_of(c, r) != *uid {
                    Check::Met(met)
                } else {
                    Check::Pending
                }
            }
            cond => match value_of(c, r) {
                None => Check::Failed(Output {
                    stderr: api_error_text(&ApiError::not_found(r.kind, &r.name)),
                    code: 1,
                    ..Output::default()
                }),
                Some(v) if condition_met(cond, &v) => Check::Met(met),
                Some(_) => Check::Pending,
            },
        }
    }

    /// Checks objects in order; returns true when the wait is over.
    fn advance(&mut self, c: &Cluster, out: &mut Output) -> bool {
        while self.next < self.items.len() {
            match self.check(c) {
                Check::Met(line) => {
                    out.out(&line);
                    self.next += 1;
                }
                Check::Failed(o) => {
                    out.append(o);
                    return true;
                }
                Check::Pending => return false,
            }
        }
        true
    }
}

impl Waiting for WaitFor {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let c = &mut session.cluster;
        let mut out = Output::default();
        if self.advance(c, &mut out) {
            return (out, true);
        }
        let budget = budget_ms.min(self.deadline.saturating_sub(c.now_ms()));
        let done = advance_until(c, budget, |c| self.advance(c, &mut out));
        if done {
            return (out, true);
        }
        if c.now_ms() >= self.deadline {
            if let Some((r, _)) = self.items.get(self.next) {
                out.err(&error_text(&format!(
                    "timed out waiting for the condition on {}/{}",
                    r.kind.plural(),
                    r.name
                )));
                out.code = 1;
            }
            return (out, true);
        }
        (out, false)
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output::default()
    }
}

/// `kubectl wait`.
pub(crate) fn wait(ctx: &mut Ctx<'_>) -> Option<Run> {
    let fors = ctx.flags.all("for");
    let mut conds = Vec::new();
    for f in &fors {
        match parse_condition(f) {
            Ok(c) => conds.push(c),
            Err(e) => {
                ctx.fail(&e);
                return None;
            }
        }
    }
    let Some(cond) = conds.into_iter().next() else {
        ctx.fail(&format!("unrecognized condition: \"{}\"", "[]"));
        return None;
    };
    let sel = select_from_flags(ctx, &ctx.flags.args, "getting");
    let mut sel = match sel {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    let is_delete = matches!(cond, Condition::Delete);
    if is_delete {
        sel.failures
            .retain(|f| !matches!(f, Failure::Api(e) if e.reason == "NotFound"));
    }
    if let Some(first) = sel.failures.first().cloned() {
        print_failures(ctx, &[first]);
        return None;
    }
    if sel.refs.is_empty() {
        if !is_delete {
            ctx.fail("no matching resources found");
        }
        return None;
    }
    let timeout = ctx.flags.duration_ms("timeout").unwrap_or(30_000);
    let timeout = if timeout < 0 {
        168 * 3600 * 1000
    } else {
        timeout.unsigned_abs()
    };
    let c = &ctx.session.cluster;
    let items: Vec<(ObjRef, Option<String>)> =
        sel.refs.iter().map(|r| (r.clone(), uid_of(c, r))).collect();
    let mut w = WaitFor {
        items,
        next: 0,
        cond,
        deadline: c.now_ms() + timeout,
    };
    let mut out = Output::default();
    if w.advance(c, &mut out) {
        ctx.out.append(out);
        return None;
    }
    if timeout == 0 {
        ctx.out.append(out);
        if let Some((r, _)) = w.items.get(w.next) {
            let msg = format!("condition not met for {}/{}", r.kind.plural(), r.name);
            ctx.fail(&msg);
        }
        return None;
    }
    ctx.out.append(out);
    ctx.flush_warnings();
    let first = std::mem::take(&mut ctx.out);
    Some(Run::Wait(Box::new(Prefixed {
        first: Some(first),
        inner: w,
    })))
}
