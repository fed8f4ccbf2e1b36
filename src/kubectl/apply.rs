//! `kubectl apply -f`, `kubectl create -f` and `kubectl replace -f`.

use serde_json::Value;

use super::Run;
use super::apply_common::{
    DryRun, LAST_APPLIED, normalized, print_result, print_warnings, print_written, prune_nulls,
    setup, with_last_applied,
};
use super::apply_files::FileObject;
use super::ctx::{Ctx, Failure, print_failures, with_source};
use super::get_output::Mode;
use super::targets::{gvk, gvr};
use crate::gofmt::json::marshal as go_json;
use crate::sim::api::strategic_diff::{is_empty_patch, three_way_merge_patch};
use crate::sim::apiserver::ApiError;
use crate::sim::apiserver::requests::{self, PatchType, WriteOptions};

/// `kubectl apply -f`.
pub(crate) fn apply(ctx: &mut Ctx<'_>) -> Option<Run> {
    if ctx.flags.bool("server-side") {
        return apply_server_side(ctx);
    }
    let s = setup(ctx, "apply")?;
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
    let modified = with_last_applied(&normalized(obj));
    let c = &mut ctx.session.cluster;
    let live = match requests::get(c, obj.kind, &obj.namespace, &obj.name) {
        Ok(v) => v,
        Err(e) if e.reason == "NotFound" => {
            return create_missing(ctx, obj, modified, dry, opts, out_mode);
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
            print_written(ctx, out_mode, obj.kind, &obj.name, resp, "configured", dry);
            Ok(())
        }
        Err(e) => Err(patch_failure(obj, &patch, e)),
    }
}

/// The object is not there yet: create it (or, for a client dry run, print what would be).
fn create_missing(
    ctx: &mut Ctx<'_>,
    obj: &FileObject,
    mut modified: Value,
    dry: DryRun,
    opts: &WriteOptions,
    out_mode: &Mode,
) -> Result<(), Failure> {
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
    let resp = requests::create(&mut ctx.session.cluster, &modified, &obj.namespace, opts)
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
    Ok(())
}

/// A failed patch, wrapped the way kubectl reports it (the patch, the resource, the file).
fn patch_failure(obj: &FileObject, patch: &Value, e: ApiError) -> Failure {
    let e = with_source("patching", &obj.source, e);
    let info = format!(
        "Resource: \"{}\", GroupVersionKind: \"{}\"\nName: \"{}\", Namespace: \"{}\"",
        gvr(obj.kind),
        gvk(obj.kind),
        obj.name,
        obj.namespace
    );
    let verb = format!("applying patch:\n{}\nto:\n{info}\nfor:", go_json(patch));
    Failure::Api(with_source(&verb, &obj.source, e))
}

/// `kubectl apply --server-side`: the playground applies it like a client-side apply.
fn apply_server_side(ctx: &mut Ctx<'_>) -> Option<Run> {
    let s = setup(ctx, "apply")?;
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
                print_written(
                    ctx,
                    &s.mode,
                    obj.kind,
                    &obj.name,
                    resp,
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
