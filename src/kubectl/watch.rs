//! `kubectl get -w`: the current objects, then one line per change while the virtual clock runs;
//! and the clock-stepping helper every waiting command uses.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use serde_json::Value;

use super::ctx::{Ctx, print_failures};
use super::get::table;
use super::get_output::{Mode, print_values};
use super::print::table::WatchPrinter;
use super::selector::LabelSelector;
use super::targets::{ObjRef, Selected, list_matching, value_of, version_of};
use super::{Output, Run, Session, Waiting};
use crate::sim::Cluster;
use crate::sim::kind::Kind;

/// Runs the cluster's pending work up to `budget_ms` ahead, calling `check` after every piece of
/// work; stops early (at that work's time) when `check` says so. Returns whether it stopped early.
pub(crate) fn advance_until(
    c: &mut Cluster,
    budget_ms: u64,
    mut check: impl FnMut(&Cluster) -> bool,
) -> bool {
    let end = c.now_ms().saturating_add(budget_ms);
    let ran = c.run_until(Some(end), &mut |c| {
        if check(c) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    ran.stopped
}

/// A running `get -w`.
struct GetWatch {
    kind: Kind,
    scope: Option<String>,
    names: Option<Vec<String>>,
    labels: LabelSelector,
    mode: Mode,
    event_column: bool,
    printer: WatchPrinter,
    seen: BTreeMap<(String, String), String>,
    last: BTreeMap<(String, String), Value>,
    store_version: u64,
    end_ms: Option<u64>,
    printed_objects: usize,
}

impl GetWatch {
    fn current(&self, c: &Cluster) -> Vec<ObjRef> {
        let all = list_matching(c, self.kind, self.scope.as_deref(), &self.labels, None);
        match &self.names {
            Some(names) => all
                .into_iter()
                .filter(|r| names.contains(&r.name))
                .collect(),
            None => all,
        }
    }

    /// Prints one object (its live state, or its last state for a deletion).
    fn print_one(&mut self, c: &Cluster, r: &ObjRef, value: &Value, event: &str) -> String {
        match &self.mode {
            Mode::Table(_) => {
                let t = if event == "DELETED" {
                    super::get::table_from_value(r.kind, value, c.world.clock.timestamp())
                } else {
                    table(c, r.kind, &[r], c.world.clock.timestamp())
                };
                let ev = self.event_column.then_some(event);
                self.printer.print_event(&t, ev)
            }
            other => {
                let mut text = print_values(other, vec![value.clone()], true).out;
                if matches!(other, Mode::Yaml) && self.printed_objects > 0 {
                    text.insert_str(0, "---\n");
                }
                self.printed_objects += 1;
                text
            }
        }
    }

    fn check(&mut self, c: &Cluster) -> String {
        if c.world.store.resource_version == self.store_version {
            return String::new();
        }
        self.store_version = c.world.store.resource_version;
        let mut out = String::new();
        let mut present = std::collections::BTreeSet::new();
        for r in self.current(c) {
            let key = (r.namespace.clone(), r.name.clone());
            let Some(rv) = version_of(c, &r) else {
                continue;
            };
            present.insert(key.clone());
            let event = match self.seen.get(&key) {
                Some(old) if *old == rv => continue,
                Some(_) => "MODIFIED",
                None => "ADDED",
            };
            // Only changed objects are serialised; a large watch stays cheap per step.
            let Some(value) = value_of(c, &r) else {
                continue;
            };
            out.push_str(&self.print_one(c, &r, &value, event));
            self.seen.insert(key.clone(), rv);
            self.last.insert(key, value);
        }
        let gone: Vec<(String, String)> = self
            .seen
            .keys()
            .filter(|k| !present.contains(k))
            .cloned()
            .collect();
        for key in gone {
            self.seen.remove(&key);
            if let Some(value) = self.last.remove(&key) {
                let r = ObjRef {
                    kind: self.kind,
                    namespace: key.0.clone(),
                    name: key.1.clone(),
                };
                out.push_str(&self.print_one(c, &r, &value, "DELETED"));
            }
        }
        out
    }
}

impl Waiting for GetWatch {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let c = &mut session.cluster;
        let budget = match self.end_ms {
            Some(end) => budget_ms.min(end.saturating_sub(c.now_ms())),
            None => budget_ms,
        };
        let mut text = String::new();
        advance_until(c, budget, |c| {
            text.push_str(&self.check(c));
            false
        });
        let done = self.end_ms.is_some_and(|end| c.now_ms() >= end);
        (
            Output {
                stdout: text,
                ..Output::default()
            },
            done,
        )
    }

    fn interrupt(&mut self, _session: &mut Session) -> Output {
        Output::default()
    }
}

/// Starts `get -w` after the initial objects were selected.
pub(crate) fn start(ctx: &mut Ctx<'_>, sel: Selected, mode: Mode) -> Option<Run> {
    let mut kinds: Vec<Kind> = sel.refs.iter().map(|r| r.kind).collect();
    kinds.extend(sel.listed.iter().copied());
    kinds.dedup();
    if kinds.len() > 1 {
        ctx.fail("you may only specify a single resource type");
        return None;
    }
    if sel.by_name && !sel.failures.is_empty() {
        print_failures(ctx, &sel.failures);
        return None;
    }
    let Some(&kind) = kinds.first() else {
        print_failures(ctx, &sel.failures);
        return None;
    };
    let all_ns = ctx.all_namespaces();
    let scope = (kind.namespaced() && !all_ns).then(|| ctx.namespace.clone());
    let labels = LabelSelector::parse(ctx.flags.str("selector").unwrap_or("")).unwrap_or_default();
    let names = sel
        .by_name
        .then(|| sel.refs.iter().map(|r| r.name.clone()).collect());
    let end_ms = ctx
        .flags
        .str("request-timeout")
        .and_then(|t| {
            if t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<i64>().ok().map(|s| s * 1000)
            } else {
                super::duration::parse_go_duration(t).ok()
            }
        })
        .filter(|ms| *ms > 0)
        .map(|ms| ctx.session.cluster.now_ms() + ms.unsigned_abs());
    let opts = super::get::table_options(ctx, matches!(mode, Mode::Table(true)));
    let mut w = GetWatch {
        kind,
        scope,
        names,
        labels,
        mode,
        event_column: ctx.flags.bool("output-watch-events"),
        printer: WatchPrinter::new(opts),
        seen: BTreeMap::new(),
        last: BTreeMap::new(),
        store_version: 0,
        end_ms,
        printed_objects: 0,
    };
    let c = &ctx.session.cluster;
    let initial = w.current(c);
    let watch_only = ctx.flags.bool("watch-only");
    let mut text = String::new();
    if !watch_only && !initial.is_empty() {
        match &w.mode {
            Mode::Table(_) => {
                let refs: Vec<&ObjRef> = initial.iter().collect();
                let t = table(c, kind, &refs, c.world.clock.timestamp());
                let ev = w.event_column.then_some("ADDED");
                text.push_str(&w.printer.print_event(&t, ev));
            }
            _ => {
                for r in &initial {
                    if let Some(v) = value_of(c, r) {
                        text.push_str(&w.print_one(c, r, &v, "ADDED"));
                    }
                }
            }
        }
    }
    for r in &initial {
        if let Some(v) = value_of(c, r) {
            let rv = v
                .pointer("/metadata/resourceVersion")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            w.seen.insert((r.namespace.clone(), r.name.clone()), rv);
            w.last.insert((r.namespace.clone(), r.name.clone()), v);
        }
    }
    w.store_version = c.world.store.resource_version;
    ctx.print(&text);
    // Each name is its own source and a watch takes one (cli-runtime's Result.Watch): kubectl
    // prints the objects, then refuses to watch them (get.go, watch).
    if sel.by_name && sel.refs.len() > 1 {
        ctx.fail(&format!(
            "watch is only supported on individual resources and resource collections, but {} resources were found",
            sel.refs.len()
        ));
        return None;
    }
    print_failures(ctx, &sel.failures);
    ctx.flush_warnings();
    let mut first = Some(std::mem::take(&mut ctx.out));
    Some(Run::Wait(Box::new(Prefixed {
        first: first.take(),
        inner: w,
    })))
}

/// A wait whose first poll also returns what was printed before waiting began.
pub(crate) struct Prefixed<W: Waiting> {
    /// Output not yet handed out.
    pub first: Option<Output>,
    /// The wait itself.
    pub inner: W,
}

impl<W: Waiting> Waiting for Prefixed<W> {
    fn poll(&mut self, session: &mut Session, budget_ms: u64) -> (Output, bool) {
        let (out, done) = self.inner.poll(session, budget_ms);
        match self.first.take() {
            Some(mut first) => {
                first.append(out);
                (first, done)
            }
            None => (out, done),
        }
    }

    fn interrupt(&mut self, session: &mut Session) -> Output {
        let mut out = self.first.take().unwrap_or_default();
        out.append(self.inner.interrupt(session));
        out
    }
}
