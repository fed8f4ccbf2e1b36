//! `kubectl apply -f`, `kubectl create -f` and `kubectl replace -f`.

use serde_json::{Map, Value};

use super::Run;
use super::apply_files::{FileObject, read_objects};
use super::ctx::{Ctx, Failure, print_failures, with_source};
use super::get_output::{Mode, mode, print_values};
use super::resources::name_prefix;
use super::targets::{gvk, gvr};
use crate::sim::api::go_json::go_json;
use crate::sim::api::strategic_diff::{is_empty_patch, three_way_merge_patch};
use crate::sim::apiserver::requests::{self, FieldValidation, PatchType, Response, WriteOptions};

/// The annotation `kubectl apply` keeps its last configuration in.
pub(crate) const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// `--dry-run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DryRun {
    None,
    Client,
    Server,
}

/// Reads `--dry-run` as kubectl does.
pub(crate) fn dry_run(ctx: &Ctx<'_>) -> Result<DryRun, String> {
    let v = ctx.flags.str("dry-run").unwrap_or("none");
    match super::flags::parse_bool(v) {
        Some(true) => return Ok(DryRun::Client),
        Some(false) => return Ok(DryRun::None),
        None => {}
    }
    match v {
        "unchanged" | "client" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        "none" => Ok(DryRun::None),
        other => Err(format!(
            "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
        )),
    }
}

/// Reads `--validate` as kubectl does.
pub(crate) fn validation(ctx: &Ctx<'_>) -> Result<FieldValidation, String> {
    let v = ctx.flags.str("validate").unwrap_or("strict");
    match super::flags::parse_bool(v) {
        Some(true) => return Ok(FieldValidation::Strict),
        Some(false) => return Ok(FieldValidation::Ignore),
        None => {}
    }
    match v {
        "strict" => Ok(FieldValidation::Strict),
        "warn" => Ok(FieldValidation::Warn),
        "ignore" => Ok(FieldValidation::Ignore),
        other => Err(format!(
            "invalid - validate option \"{other}\"; must be one of: strict (or true), warn, ignore (or false)"
        )),
    }
}

/// Prints a changed object: `statefulset.apps/web created`, or in the `-o` format.
pub(crate) fn print_result(
    ctx: &mut Ctx<'_>,
    out_mode: &Mode,
    kind: crate::sim::kind::Kind,
    name: &str,
    object: Option<Value>,
    operation: &str,
    dry: DryRun,
) {
    let op = match dry {
        DryRun::None => operation.to_string(),
        DryRun::Client => format!("{operation} (dry run)"),
        DryRun::Server => format!("{operation} (server dry run)"),
    };
    match (out_mode, object) {
        (Mode::Table(_), _) => ctx.print(&format!("{}/{name} {op}\n", name_prefix(kind))),
        (Mode::Name, _) | (_, None) => ctx.print(&format!("{}/{name}\n", name_prefix(kind))),
        (m, Some(obj)) => match print_values(m, vec![obj], true) {
            Ok(text) => ctx.print(&text),
            Err(e) => ctx.fail(&e),
        },
    }
}

struct Setup {
    dry: DryRun,
    opts: WriteOptions,
    mode: Mode,
    objects: Vec<Result<FileObject, Failure>>,
}

fn setup(ctx: &mut Ctx<'_>) -> Option<Setup> {
    if !ctx.flags.args.is_empty() {
        let args = format!("[{}]", ctx.flags.args.join(" "));
        ctx.usage(&format!("Unexpected args: {args}"));
        return None;
    }
    if ctx.flags.list("filename").is_empty() && ctx.flags.str("kustomize").is_none() {
        ctx.fail("must specify one of -f and -k");
        return None;
    }
    if ctx.flags.str("kustomize").is_some() {
        ctx.fail("the playground does not build kustomizations; apply the files with -f");
        return None;
    }
    let parsed = (|| Ok::<_, String>((dry_run(ctx)?, validation(ctx)?, mode(ctx, false)?)))();
    let (dry, field_validation, out_mode) = match parsed {
        Ok(p) => p,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let objects = match read_objects(ctx) {
        Ok(o) => o,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    Some(Setup {
        dry,
        opts: WriteOptions {
            field_validation,
            dry_run: dry == DryRun::Server,
        },
        mode: out_mode,
        objects,
    })
}

fn print_warnings(ctx: &mut Ctx<'_>, resp: &Response) {
    for w in &resp.warnings {
        ctx.warn(w);
    }
}

/// The document with the namespace kubectl fills in and without null fields.
fn normalized(obj: &FileObject) -> Value {
    let mut v = obj.value.clone();
    if obj.kind.namespaced()
        && let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut)
        && meta
            .get("namespace")
            .and_then(Value::as_str)
            .unwrap_or("")
            .is_empty()
    {
        meta.insert("namespace".into(), Value::from(obj.namespace.clone()));
    }
    v
}

fn prune_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(prune_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(prune_nulls),
        _ => {}
    }
}

/// `GetModifiedConfiguration`: the object with its last-applied annotation set to itself.
fn with_last_applied(obj: &Value) -> Value {
    let mut bare = obj.clone();
    let meta = bare.as_object_mut().map(|m| {
        m.entry("metadata")
            .or_insert_with(|| Value::Object(Map::new()))
    });
    if let Some(Value::Object(meta)) = meta {
        let annotations = meta
            .entry("annotations")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(a) = annotations {
            a.remove(LAST_APPLIED);
        } else {
            *annotations = Value::Object(Map::new());
        }
    }
    let text = format!("{}\n", go_json(&bare));
    if let Some(Value::Object(a)) = bare.pointer_mut("/metadata/annotations") {
        a.insert(LAST_APPLIED.to_string(), Value::String(text));
    }
    bare
}

/// `kubectl apply -f`.
pub(crate) fn apply(ctx: &mut Ctx<'_>) -> Option<Run> {
    if ctx.flags.bool("server-side") {
        return apply_server_side(ctx);
    }
    let s = setup(ctx)?;
    let mut failures = Vec::new();
    for item in s.objects {
        let obj = match item {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        if let Err(f) = apply_one(ctx, &obj, s.dry, &s.opts, &s.mode) {
            failures.push(f);
        }
    }
    print_failures(ctx, &failures);
    None
}

fn apply_one(
    ctx: &mut Ctx<'_>,
    obj: &FileObject,
    dry: DryRun,
    opts: &WriteOptions,
    out_mode: &Mode,
) -> Result<(), Failure> {
    let mut modified = with_last_applied(&normalized(obj));
    let c = &mut ctx.session.cluster;
    let live = match requests::get(c, obj.kind, &obj.namespace, &obj.name) {
        Ok(v) => v,
        Err(e) if e.reason == "NotFound" => {
            prune_nulls(&mut modified);
            if dry == DryRun::Client {
                print_result(
                    ctx,
                    out_mode,
                    obj.kind,
                    &obj.name,
                    Some(modified),
                    "created",
                    dry,
                );
                return Ok(());
            }
            let resp = requests::create(c, &modified, &obj.namespace, opts)
                .map_err(|e| Failure::Api(with_source("creating", &obj.source, e)))?;
            print_warnings(ctx, &resp);
            let name = resp
                .object
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or(&obj.name)
                .to_string();
            print_result(
                ctx,
                out_mode,
                obj.kind,
                &name,
                Some(resp.object),
                "created",
                dry,
            );
            return Ok(());
        }
        Err(e) => {
            return Err(Failure::Api(with_source(
                "retrieving current configuration of:\n"
                    .to_string()
                    .as_str(),
                &obj.source,
                e,
            )));
        }
    };
    let original: Option<Value> = live
        .pointer("/metadata/annotations")
        .and_then(|a| a.get(LAST_APPLIED))
        .and_then(Value::as_str)
        .and_then(|t| serde_json::from_str(t).ok());
    if original.is_none() {
        ctx.eprint(&format!(
            "Warning: resource {}/{} is missing the {LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
            obj.kind.plural(),
            obj.name
        ));
    }
    let patch = three_way_merge_patch(original.as_ref(), &modified, &live, obj.kind.name())
        .map_err(|e| Failure::Plain(format!("creating patch with:\noriginal:\n{}\nmodified:\n{}\ncurrent:\n{}\nfor: \"{}\": {e}", original.as_ref().map(go_json).unwrap_or_default(), go_json(&modified), go_json(&live), obj.source)))?;
    if is_empty_patch(&patch) {
        print_result(
            ctx,
            out_mode,
            obj.kind,
            &obj.name,
            Some(live),
            "unchanged",
            dry,
        );
        return Ok(());
    }
    if dry == DryRun::Client {
        print_result(ctx, out_mode, obj.kind, &obj.name, None, "configured", dry);
        return Ok(());
    }
    let c = &mut ctx.session.cluster;
    match requests::patch(
        c,
        obj.kind,
        &obj.namespace,
        &obj.name,
        PatchType::Strategic,
        &patch,
        opts,
    ) {
        Ok(resp) => {
            print_warnings(ctx, &resp);
            print_result(
                ctx,
                out_mode,
                obj.kind,
                &obj.name,
                Some(resp.object),
                "configured",
                dry,
            );
            Ok(())
        }
        Err(e) => {
            let e = with_source("patching", &obj.source, e);
            let info = format!(
                "Resource: \"{}\", GroupVersionKind: \"{}\"\nName: \"{}\", Namespace: \"{}\"",
                gvr(obj.kind),
                gvk(obj.kind),
                obj.name,
                obj.namespace
            );
            let verb = format!("applying patch:\n{}\nto:\n{info}\nfor:", go_json(&patch));
            Err(Failure::Api(with_source(&verb, &obj.source, e)))
        }
    }
}

/// `kubectl apply --server-side`: the playground applies it like a client-side apply.
fn apply_server_side(ctx: &mut Ctx<'_>) -> Option<Run> {
    let s = setup(ctx)?;
    let mut failures = Vec::new();
    for item in s.objects {
        let obj = match item {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        let c = &mut ctx.session.cluster;
        let body = normalized(&obj);
        let exists = requests::get(c, obj.kind, &obj.namespace, &obj.name).is_ok();
        let result = if exists {
            let mut patch = body.clone();
            prune_nulls(&mut patch);
            requests::patch(
                c,
                obj.kind,
                &obj.namespace,
                &obj.name,
                PatchType::Merge,
                &patch,
                &s.opts,
            )
        } else {
            requests::create(c, &body, &obj.namespace, &s.opts)
        };
        match result {
            Ok(resp) => {
                print_warnings(ctx, &resp);
                print_result(
                    ctx,
                    &s.mode,
                    obj.kind,
                    &obj.name,
                    Some(resp.object),
                    "serverside-applied",
                    s.dry,
                );
            }
            Err(e) => failures.push(Failure::Api(with_source(
                "serverside-apply",
                &obj.source,
                e,
            ))),
        }
    }
    print_failures(ctx, &failures);
    None
}

/// `kubectl create -f`.
pub(crate) fn create(ctx: &mut Ctx<'_>) -> Option<Run> {
    let s = setup(ctx)?;
    let save_config = ctx.flags.bool("save-config");
    let mut failures = Vec::new();
    for item in s.objects {
        let obj = match item {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        let mut body = normalized(&obj);
        if save_config {
            body = with_last_applied(&body);
        }
        if s.dry == DryRun::Client {
            print_result(
                ctx,
                &s.mode,
                obj.kind,
                &obj.name,
                Some(body),
                "created",
                s.dry,
            );
            continue;
        }
        match requests::create(&mut ctx.session.cluster, &body, &obj.namespace, &s.opts) {
            Ok(resp) => {
                print_warnings(ctx, &resp);
                print_result(
                    ctx,
                    &s.mode,
                    obj.kind,
                    &obj.name,
                    Some(resp.object),
                    "created",
                    s.dry,
                );
            }
            Err(e) => failures.push(Failure::Api(with_source("creating", &obj.source, e))),
        }
    }
    print_failures(ctx, &failures);
    None
}

/// `kubectl replace -f` (and `--force`: delete, then create).
pub(crate) fn replace(ctx: &mut Ctx<'_>) -> Option<Run> {
    let s = setup(ctx)?;
    let force = ctx.flags.bool("force");
    let mut failures = Vec::new();
    for item in s.objects {
        let obj = match item {
            Ok(o) => o,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        let mut body = normalized(&obj);
        let c = &mut ctx.session.cluster;
        // replace keeps the last-applied annotation current when the object has one.
        let live = requests::get(c, obj.kind, &obj.namespace, &obj.name);
        if live
            .as_ref()
            .ok()
            .and_then(|l| {
                l.pointer("/metadata/annotations")
                    .and_then(|a| a.get(LAST_APPLIED))
            })
            .is_some()
        {
            body = with_last_applied(&body);
        }
        if s.dry == DryRun::Client {
            print_result(
                ctx,
                &s.mode,
                obj.kind,
                &obj.name,
                Some(body),
                "replaced",
                s.dry,
            );
            continue;
        }
        if force {
            match live {
                Ok(_) => {
                    let opts = crate::sim::apiserver::DeleteOptions {
                        grace_period_seconds: Some(0),
                        propagation: Default::default(),
                    };
                    let _ = requests::delete(c, obj.kind, &obj.namespace, &obj.name, opts);
                    ctx.print(&format!(
                        "{} \"{}\" deleted\n",
                        name_prefix(obj.kind),
                        obj.name
                    ));
                }
                Err(e) if e.reason == "NotFound" => {}
                Err(e) => {
                    failures.push(Failure::Api(e));
                    continue;
                }
            }
            let c = &mut ctx.session.cluster;
            match requests::create(c, &body, &obj.namespace, &s.opts) {
                Ok(resp) => {
                    print_warnings(ctx, &resp);
                    print_result(
                        ctx,
                        &s.mode,
                        obj.kind,
                        &obj.name,
                        Some(resp.object),
                        "replaced",
                        s.dry,
                    );
                }
                Err(e) => failures.push(Failure::Api(with_source("creating", &obj.source, e))),
            }
            continue;
        }
        match requests::update(c, &body, &obj.namespace, &s.opts) {
            Ok(resp) => {
                print_warnings(ctx, &resp);
                print_result(
                    ctx,
                    &s.mode,
                    obj.kind,
                    &obj.name,
                    Some(resp.object),
                    "replaced",
                    s.dry,
                );
            }
            Err(e) => failures.push(Failure::Api(with_source("replacing", &obj.source, e))),
        }
    }
    print_failures(ctx, &failures);
    None
}
