//! `kubectl scale` and `kubectl patch`.

use serde_json::Value;

use super::Run;
use super::apply_common::{DryRun, print_result};
use super::ctx::{Ctx, print_failures};
use super::get_output::Mode;
use super::mutate::{setup, targets, write_opts};
use super::targets::{ObjRef, value_of};
use crate::gofmt::quote::quote as go_quote;
use crate::manifest;
use crate::sim::apiserver::requests::{self, PatchType};
use crate::sim::kind::Kind;

/// `kubectl scale`.
pub(crate) fn scale(ctx: &mut Ctx<'_>) -> Option<Run> {
    let (dry, out_mode) = setup(ctx)?;
    let replicas = ctx.flags.int("replicas").unwrap_or(-1);
    if replicas < 0 {
        ctx.fail(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        );
        return None;
    }
    let current = ctx.flags.int("current-replicas").unwrap_or(-1);
    if current < -1 {
        ctx.fail("The --current-replicas must specify an integer of -1 or greater");
        return None;
    }
    let args = ctx.flags.args.clone();
    let sel = match targets(ctx, &args) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    if sel.refs.is_empty() {
        if sel.failures.is_empty() {
            ctx.fail("no objects passed to scale");
        } else {
            print_failures(ctx, &sel.failures);
        }
        return None;
    }
    // scale.go, RunScale: a resource version only locks one object.
    let version = ctx.flags.str("resource-version").unwrap_or("").to_string();
    if !version.is_empty() && sel.refs.len() > 1 {
        ctx.fail("cannot use --resource-version with multiple resources");
        return None;
    }
    let replicas = i32::try_from(replicas).unwrap_or(i32::MAX);
    for r in &sel.refs {
        if r.kind != Kind::StatefulSet {
            ctx.eprint(
                "Error from server (NotFound): the server could not find the requested resource\n",
            );
            ctx.out.code = 1;
            return None;
        }
        let c = &mut ctx.session.cluster;
        if current >= 0 {
            let now = requests::get_scale(c, &r.namespace, &r.name)
                .ok()
                .and_then(|s| s.pointer("/spec/replicas").and_then(Value::as_i64))
                .unwrap_or(0);
            if now != current {
                ctx.fail(&format!("Expected replicas to be {current}, was {now}"));
                return None;
            }
        }
        // The scaler's precondition compares the scale subresource's version (pkg/scale).
        if !version.is_empty() {
            let now = requests::get_scale(c, &r.namespace, &r.name)
                .ok()
                .and_then(|s| {
                    s.pointer("/metadata/resourceVersion")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .unwrap_or_default();
            if now != version {
                ctx.fail(&format!(
                    "Expected resource version to be {version}, was {now}"
                ));
                return None;
            }
        }
        if dry == DryRun::None
            && let Err(e) = requests::update_scale(c, &r.namespace, &r.name, replicas)
        {
            ctx.fail_api(&e);
            return None;
        }
        let obj = value_of(&ctx.session.cluster, r);
        print_result(ctx, &out_mode, r.kind, &r.name, obj, "scaled", dry);
    }
    print_failures(ctx, &sel.failures);
    None
}

/// A `-p` patch as kubectl sends it: text that starts with `{` goes to the server as it is (and
/// the server may refuse it as JSON); anything else is read as YAML first.
pub(crate) enum PatchBody {
    Value(Value),
    /// Go's JSON error for a body the server cannot read.
    Refused(String),
}

/// Reads a `-p` patch; the error is kubectl's `unable to parse …`.
pub(crate) fn parse_patch(text: &str) -> Result<PatchBody, String> {
    if text.trim_start().starts_with('{') {
        return Ok(match super::gojson::check(text) {
            Ok(()) => PatchBody::Value(serde_json::from_str(text).unwrap_or(Value::Null)),
            Err(e) => PatchBody::Refused(e),
        });
    }
    let parsed = manifest::parse(text);
    if let Some(d) = parsed.kubectl_error() {
        let detail = d.kubectl.clone().unwrap_or_else(|| d.message.clone());
        let detail = detail
            .strip_prefix("error converting YAML to JSON: ")
            .unwrap_or(&detail)
            .to_string();
        return Err(format!("unable to parse {}: {detail}", go_quote(text)));
    }
    Ok(PatchBody::Value(
        parsed
            .documents()
            .iter()
            .find_map(|d| d.value.clone())
            .unwrap_or(Value::Null),
    ))
}

/// `kubectl patch`.
pub(crate) fn patch(ctx: &mut Ctx<'_>) -> Option<Run> {
    let (dry, out_mode) = setup(ctx)?;
    let (patch_type, patch) = patch_flags(ctx)?;
    let args = ctx.flags.args.clone();
    let sel = match targets(ctx, &args) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    for r in &sel.refs {
        patch_one(ctx, r, patch_type, &patch, dry, &out_mode)?;
    }
    if sel.refs.is_empty() && sel.failures.is_empty() {
        ctx.fail("no objects passed to patch");
    }
    print_failures(ctx, &sel.failures);
    None
}

/// The patch's type and body from `--type`, `--patch` and `--patch-file`, or the error printed.
fn patch_flags(ctx: &mut Ctx<'_>) -> Option<(PatchType, PatchBody)> {
    let text = ctx.flags.str("patch").unwrap_or("").to_string();
    let file = ctx.flags.str("patch-file").unwrap_or("").to_string();
    if !text.is_empty() && !file.is_empty() {
        ctx.fail("cannot specify --patch and --patch-file together");
        return None;
    }
    if text.is_empty() && file.is_empty() {
        ctx.fail("must specify --patch or --patch-file containing the contents of the patch");
        return None;
    }
    // patch.go, Validate: --local works on files only, and never against the server.
    if ctx.flags.bool("local") && !ctx.flags.args.is_empty() {
        ctx.fail("cannot specify --local and server resources");
        return None;
    }
    if ctx.flags.bool("local") && ctx.flags.str("dry-run") == Some("server") {
        ctx.fail("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
        return None;
    }
    let patch_type = match ctx.flags.str("type").map(str::to_lowercase).as_deref() {
        None | Some("strategic") => PatchType::Strategic,
        Some("merge") => PatchType::Merge,
        Some("json") => PatchType::Json,
        Some(_) => {
            let t = ctx.flags.str("type").unwrap_or("").to_string();
            ctx.fail(&format!(
                "--type must be one of [json merge strategic], not {}",
                go_quote(&t)
            ));
            return None;
        }
    };
    let body_text = if file.is_empty() {
        text
    } else {
        match ctx
            .session
            .files
            .get(&super::lookup::file_path(ctx.cwd, &file))
        {
            Some(t) => t.clone(),
            None => {
                ctx.fail(&format!(
                    "unable to read patch file: open {file}: no such file or directory"
                ));
                return None;
            }
        }
    };
    match parse_patch(&body_text) {
        Ok(p) => Some((patch_type, p)),
        Err(e) => {
            ctx.fail(&e);
            None
        }
    }
}

/// Patches one object and prints its line; None stops the command after an error.
fn patch_one(
    ctx: &mut Ctx<'_>,
    r: &ObjRef,
    patch_type: PatchType,
    patch: &PatchBody,
    dry: DryRun,
    out_mode: &Mode,
) -> Option<()> {
    let c = &mut ctx.session.cluster;
    let before = value_of(c, r);
    if dry == DryRun::Client {
        print_result(ctx, out_mode, r.kind, &r.name, before, "patched", dry);
        return Some(());
    }
    let patch = match patch {
        PatchBody::Value(v) => v,
        PatchBody::Refused(e) => {
            ctx.fail_api(&crate::sim::apiserver::ApiError::bad_request(e.clone()));
            return None;
        }
    };
    match requests::patch(
        c,
        r.kind,
        &r.namespace,
        &r.name,
        patch_type,
        patch,
        &write_opts(dry),
    ) {
        Ok(resp) => {
            for w in &resp.warnings {
                ctx.warn(w);
            }
            let op = if Some(&resp.object) == before.as_ref() {
                "patched (no change)"
            } else {
                "patched"
            };
            print_result(ctx, out_mode, r.kind, &r.name, Some(resp.object), op, dry);
            Some(())
        }
        Err(e) => {
            ctx.fail_api(&e);
            None
        }
    }
}
