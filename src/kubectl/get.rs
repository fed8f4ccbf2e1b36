//! `kubectl get` and `kubectl events`.

use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod,
    Secret, Service,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::jiff::Timestamp;

use super::Run;
use super::ctx::{Ctx, Failure, print_failures};
use super::get_output::{Mode, emit, mode, print_values};
use super::print::events_cmd::render_events;
use super::print::rows_config::*;
use super::print::rows_core::*;
use super::print::rows_events::{event_columns, event_row};
use super::print::rows_storage::*;
use super::print::rows_workloads::*;
use super::print::sort::{sort_order, sort_table};
use super::print::table::{Column, Row, Table, TableOptions, render_get};
use super::resources::print_kind;
use super::targets::{ObjRef, Query, Selected, select_with, value_of};
use crate::sim::Cluster;
use crate::sim::apiserver::requests::{served_pod, with_kind};
use crate::sim::kind::{Kind, Object};

/// A kind with a server-side table.
trait Printable: Object {
    fn columns() -> Vec<Column>;
    fn row(&self, now: Timestamp) -> Row;
}

macro_rules! printable {
    ($ty:ty, $cols:expr, $row:expr) => {
        impl Printable for $ty {
            fn columns() -> Vec<Column> {
                $cols
            }
            fn row(&self, now: Timestamp) -> Row {
                $row(self, now)
            }
        }
    };
}

printable!(Pod, pod_columns(), |p: &Pod, now| pod_row(
    &served_pod(p),
    now
));
printable!(StatefulSet, stateful_set_columns(), stateful_set_row);
printable!(
    ControllerRevision,
    controller_revision_columns(),
    controller_revision_row
);
printable!(Service, service_columns(), service_row);
printable!(Endpoints, endpoints_columns(), endpoints_row);
printable!(Namespace, namespace_columns(), namespace_row);
printable!(Node, node_columns(), node_row);
printable!(PersistentVolumeClaim, pvc_columns(), pvc_row);
printable!(PersistentVolume, pv_columns(), pv_row);
printable!(StorageClass, storage_class_columns(), storage_class_row);
printable!(Event, event_columns(), event_row);
printable!(ConfigMap, config_map_columns(), config_map_row);
printable!(Secret, secret_columns(), secret_row);
printable!(EndpointSlice, endpoint_slice_columns(), endpoint_slice_row);
printable!(
    PodDisruptionBudget,
    super::print::rows_policy::pdb_columns(),
    super::print::rows_policy::pdb_row
);

fn table_typed<'a, T: Printable + 'a>(objs: impl Iterator<Item = &'a T>, now: Timestamp) -> Table {
    Table {
        kind: print_kind(T::SIM_KIND),
        columns: T::columns(),
        rows: objs.map(|o| o.row(now)).collect(),
    }
}

/// The server-side table of one kind for the given stored objects.
pub(crate) fn table(c: &Cluster, kind: Kind, refs: &[&ObjRef], now: Timestamp) -> Table {
    // One key buffer for all lookups keeps a 1000-pod listing free of per-row key allocations.
    let mut key = String::new();
    with_kind!(kind, T => {
        let stored = T::table(&c.world.store);
        let objs: Vec<&T> = refs
            .iter()
            .filter_map(|r| {
                key.clear();
                if !r.namespace.is_empty() {
                    key.push_str(&r.namespace);
                    key.push('/');
                }
                key.push_str(&r.name);
                stored.get(key.as_str()).map(|o| &**o)
            })
            .collect();
        table_typed::<T>(objs.into_iter(), now)
    })
}

/// The table of one object given as JSON (for objects that are gone).
pub(crate) fn table_from_value(kind: Kind, value: &serde_json::Value, now: Timestamp) -> Table {
    with_kind!(kind, T => {
        let obj: Option<T> = crate::sim::api::decode_types::from_value(value.clone()).ok();
        table_typed::<T>(obj.iter(), now)
    })
}

/// The objects named by `-f` files, for commands that act on existing objects; `doing` words a
/// missing object's error as kubectl does ("getting", "deleting").
pub(crate) fn select_from_files(ctx: &Ctx<'_>, doing: &str) -> Result<Selected, Vec<Failure>> {
    let items = super::apply_files::read_objects(ctx)?;
    let mut out = Selected {
        by_name: true,
        ..Selected::default()
    };
    for item in items {
        match item {
            Ok(obj) => {
                let r = ObjRef {
                    kind: obj.kind,
                    namespace: obj.namespace,
                    name: obj.name,
                };
                if super::targets::exists(&ctx.session.cluster, &r) {
                    out.refs.push(r);
                } else {
                    out.failures.push(Failure::Api(super::ctx::with_source(
                        doing,
                        &obj.source,
                        crate::sim::apiserver::ApiError::not_found(r.kind, &r.name),
                    )));
                }
            }
            Err(f) => out.failures.push(f),
        }
    }
    // Files that hold no object name nothing: `get` then says `No resources found` (get.go
    // prints it whenever nothing was written and nothing failed).
    if out.refs.is_empty() && out.failures.is_empty() {
        out.by_name = false;
    }
    Ok(out)
}

/// Resolves what a reading command (get, describe, wait) acts on.
pub(crate) fn selection(ctx: &Ctx<'_>, list_bare_types: bool) -> Result<Selected, Vec<Failure>> {
    // get and describe have no `--all`, so the query reads `-A`, `-l` and `--field-selector`.
    let q = Query {
        list_bare_types,
        ..Query::from_flags(ctx)
    };
    select_with(ctx, &ctx.flags.args, "getting", &q)
}

/// `kubectl get`.
pub(crate) fn get(ctx: &mut Ctx<'_>) -> Option<Run> {
    if ctx.flags.args.is_empty() && ctx.flags.list("filename").is_empty() {
        ctx.eprint("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n");
        ctx.usage("Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).");
        return None;
    }
    let mode = match mode(ctx, true) {
        Ok(m) => m,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    // get.go, Validate: --show-labels needs a table, --label-columns anything but custom
    // columns, and --output-watch-events a watch.
    let o = ctx.flags.str("output").unwrap_or("").to_string();
    if ctx.flags.bool("show-labels") && !matches!(mode, Mode::Table(_)) {
        ctx.fail(&format!(
            "--show-labels option cannot be used with {o} printer"
        ));
        return None;
    }
    if !ctx.flags.list("label-columns").is_empty() && o.starts_with("custom-columns") {
        ctx.fail(&format!(
            "--label-columns option cannot be used with {o} printer"
        ));
        return None;
    }
    if ctx.flags.bool("output-watch-events")
        && !(ctx.flags.bool("watch") || ctx.flags.bool("watch-only"))
    {
        ctx.fail("--output-watch-events option can only be used with --watch or --watch-only");
        return None;
    }
    let mut sel = match selection(ctx, true) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    // kubectl treats one name as one item whether or not it exists (singleItemImplied): its error
    // stands alone, with no empty List around it.
    let named = sel.refs.len() + sel.failures.len();
    let ignore_not_found = ctx.flags.bool("ignore-not-found");
    if ignore_not_found {
        sel.failures
            .retain(|f| !matches!(f, Failure::Api(e) if e.reason == "NotFound"));
    }
    if ctx.flags.bool("watch") || ctx.flags.bool("watch-only") {
        return super::watch::start(ctx, sel, mode);
    }
    match &mode {
        Mode::Table(wide) => print_tables(ctx, &sel, *wide),
        other => {
            let single = sel.by_name && named == 1 && ctx.flags.args.len() <= 2;
            if single && !sel.failures.is_empty() {
                print_failures(ctx, &sel.failures);
                return None;
            }
            if ignore_not_found && sel.refs.is_empty() {
                print_failures(ctx, &sel.failures);
                return None;
            }
            let c = &ctx.session.cluster;
            let mut values: Vec<_> = sel.refs.iter().filter_map(|r| value_of(c, r)).collect();
            // Every printer sorts, not only tables: get.go wraps the others in a SortingPrinter
            // (sorter.go), which orders the list's items.
            if let Some(expr) = ctx.flags.str("sort-by").filter(|_| values.len() > 1) {
                match sort_order(&values, expr) {
                    Ok(order) => {
                        let mut slots: Vec<Option<serde_json::Value>> =
                            values.into_iter().map(Some).collect();
                        values = order
                            .iter()
                            .filter_map(|&i| slots.get_mut(i)?.take())
                            .collect();
                    }
                    Err(e) => {
                        ctx.fail(&e);
                        return None;
                    }
                }
            }
            emit(ctx, print_values(other, values, single));
        }
    }
    print_failures(ctx, &sel.failures);
    None
}

/// Table options from the flags.
pub(crate) fn table_options(ctx: &Ctx<'_>, wide: bool) -> TableOptions {
    TableOptions {
        wide,
        no_headers: ctx.flags.bool("no-headers"),
        show_labels: ctx.flags.bool("show-labels"),
        all_namespaces: ctx.all_namespaces(),
        label_columns: ctx.flags.list("label-columns"),
        show_kind: ctx.flags.bool("show-kind"),
    }
}

/// Groups consecutive objects of the same kind, as kubectl starts a new table per kind.
pub(crate) fn grouped(refs: &[ObjRef]) -> Vec<(Kind, Vec<&ObjRef>)> {
    let mut groups: Vec<(Kind, Vec<&ObjRef>)> = Vec::new();
    for r in refs {
        match groups.last_mut() {
            Some((k, v)) if *k == r.kind => v.push(r),
            _ => groups.push((r.kind, vec![r])),
        }
    }
    groups
}

fn print_tables(ctx: &mut Ctx<'_>, sel: &Selected, wide: bool) {
    let now = ctx.now();
    let opts = table_options(ctx, wide);
    let sort_by = ctx.flags.str("sort-by").map(str::to_string);
    let c = &ctx.session.cluster;
    let mut tables = Vec::new();
    let mut sort_error = None;
    for (kind, refs) in grouped(&sel.refs) {
        let mut t = table(c, kind, &refs, now);
        if let Some(expr) = &sort_by {
            let values: Vec<_> = refs.iter().filter_map(|r| value_of(c, r)).collect();
            if let Err(e) = sort_table(&mut t, &values, expr) {
                sort_error = Some(e);
            }
        }
        tables.push(t);
    }
    if let Some(e) = sort_error {
        ctx.fail(&e);
        return;
    }
    // kubectl gets one table per listed type even when it is empty, and names the namespace
    // only when every one of them is namespaced (get.go: allResourcesNamespaced), so an empty
    // `get pv` or `get pv,pvc` says `No resources found` alone.
    let namespaced = sel.listed.iter().all(|k| k.namespaced());
    let printed = render_get(&tables, &opts, namespaced.then_some(ctx.namespace.as_str()));
    ctx.print(&printed.stdout);
    if sel.failures.is_empty() && !(sel.by_name && sel.refs.is_empty()) {
        ctx.eprint(&printed.stderr);
    }
}

/// `kubectl events`.
pub(crate) fn events(ctx: &mut Ctx<'_>) -> Option<Run> {
    let all = ctx.all_namespaces();
    let c = &ctx.session.cluster;
    let mut list: Vec<Event> = c
        .world
        .store
        .list::<Event>(if all {
            None
        } else {
            Some(ctx.namespace.as_str())
        })
        .cloned()
        .collect();
    // events.go: --for names one object as TYPE/NAME (decodeResourceTypeName); Validate then
    // accepts only the two event types.
    let target = ctx
        .flags
        .str("for")
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    if let Some(t) = &target {
        if !t.contains('/') {
            ctx.fail("--for must be in resource/name form");
            return None;
        }
        if t.matches('/').count() > 1 {
            ctx.fail("arguments in resource/name form may not have more than one slash");
            return None;
        }
    }
    let types = ctx.flags.list("types");
    if types
        .iter()
        .any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning"))
    {
        ctx.fail("valid --types are Normal or Warning");
        return None;
    }
    if let Some((k, name)) = target.as_deref().and_then(|t| t.split_once('/')) {
        let kind = super::resources::resolve(k).map_or(k.to_string(), |r| r.kind.to_string());
        list.retain(|e| {
            e.involved_object.kind.as_deref() == Some(kind.as_str())
                && e.involved_object.name.as_deref() == Some(name)
        });
    }
    if !types.is_empty() {
        list.retain(|e| {
            types.iter().any(|t| {
                e.type_
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(t))
            })
        });
    }
    let now = ctx.now();
    let printed = render_events(
        &list,
        now,
        all,
        ctx.flags.bool("no-headers"),
        &ctx.namespace,
    );
    ctx.print(&printed.stdout);
    ctx.eprint(&printed.stderr);
    None
}
