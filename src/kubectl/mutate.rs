//! `kubectl set image`, and what the commands that change existing objects share.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Run;
use super::apply_common::{DryRun, dry_run, print_result};
use super::ctx::{Ctx, Failure, print_failures};
use super::get_output::{Mode, mode};
use super::targets::{ObjRef, Selected, select_from_flags, value_of};
use crate::gofmt::quote::quote as go_quote;
use crate::sim::api::strategic_diff::{is_empty_patch, two_way_merge_patch};
use crate::sim::apiserver::requests::{self, FieldValidation, PatchType, WriteOptions};
use crate::sim::kind::Kind;

/// Resolves the objects a changing command acts on (`TYPE NAME`, `TYPE/NAME`, `-f`, `-l`, `--all`).
pub(crate) fn targets(ctx: &Ctx<'_>, args: &[String]) -> Result<Selected, Vec<Failure>> {
    select_from_flags(ctx, args, "getting")
}

/// Reads `--dry-run` and `-o` of a changing command; prints and returns None on errors.
pub(crate) fn setup(ctx: &mut Ctx<'_>) -> Option<(DryRun, Mode)> {
    match (dry_run(ctx), mode(ctx, false)) {
        (Ok(d), Ok(m)) => Some((d, m)),
        (Err(e), _) | (_, Err(e)) => {
            ctx.fail(&e);
            None
        }
    }
}

/// Request options of a changing command: unknown fields only warn, as without `--validate`.
pub(crate) fn write_opts(dry: DryRun) -> WriteOptions {
    WriteOptions {
        field_validation: FieldValidation::Warn,
        dry_run: dry == DryRun::Server,
    }
}

/// Splits `TYPE NAME key=value key2-` into resources and pairs (`GetResourcesAndPairs`).
pub(crate) fn resources_and_pairs(
    args: &[String],
    pair_type: &str,
) -> Result<(Vec<String>, Vec<String>), String> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for s in args {
        let non_resource =
            (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        match (pairs.is_empty(), non_resource) {
            (_, true) => pairs.push(s.clone()),
            (true, false) => resources.push(s.clone()),
            (false, false) => {
                return Err(format!(
                    "all resources must be specified before {pair_type} changes: {s}"
                ));
            }
        }
    }
    Ok((resources, pairs))
}

/// The containers and init containers of a pod or of a workload's pod template.
pub(crate) fn containers_mut(obj: &mut Value, kind: Kind) -> Vec<&mut Value> {
    let spec = match kind {
        Kind::Pod => obj.pointer_mut("/spec"),
        _ => obj.pointer_mut("/spec/template/spec"),
    };
    let Some(Value::Object(spec)) = spec else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, list) in spec.iter_mut() {
        if (key == "initContainers" || key == "containers")
            && let Value::Array(items) = list
        {
            out.extend(items.iter_mut());
        }
    }
    out
}

/// The `NAME=IMAGE` pairs of `kubectl set image`, checked as set_image.go does: Complete parses
/// the pairs, then Validate collects every complaint and reports them together.
fn image_updates(
    ctx: &Ctx<'_>,
    resources: &[String],
    pairs: &[String],
    dry: DryRun,
) -> Result<BTreeMap<String, String>, Vec<Failure>> {
    let mut images: BTreeMap<String, String> = BTreeMap::new();
    for p in pairs {
        match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                images.insert(k.to_string(), v.to_string());
            }
            _ => return Err(vec![Failure::Plain(format!("invalid image format: {p}"))]),
        }
    }
    let mut errors = Vec::new();
    if ctx.flags.bool("all") && ctx.flags.str("selector").is_some_and(|s| !s.is_empty()) {
        errors.push("cannot set --all and --selector at the same time");
    }
    if resources.is_empty() && ctx.flags.list("filename").is_empty() {
        errors.push(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        );
    }
    if images.is_empty() {
        errors.push("at least one image update is required");
    } else if images.contains_key("*") && images.len() > 1 {
        errors.push("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    }
    if ctx.flags.bool("local") && dry == DryRun::Server {
        errors.push("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    }
    if errors.is_empty() {
        Ok(images)
    } else {
        Err(errors
            .into_iter()
            .map(|e| Failure::Plain(e.to_string()))
            .collect())
    }
}

/// `kubectl set image`.
pub(crate) fn set_image(ctx: &mut Ctx<'_>) -> Option<Run> {
    let (dry, out_mode) = setup(ctx)?;
    let args = ctx.flags.args.clone();
    let (resources, pairs) = match resources_and_pairs(&args, "image") {
        Ok(x) => x,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let images = match image_updates(ctx, &resources, &pairs, dry) {
        Ok(x) => x,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    let sel = match targets(ctx, &resources) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    let mut failures = sel.failures.clone();
    for r in &sel.refs {
        update_images(ctx, r, &images, (dry, &out_mode), &mut failures);
    }
    print_failures(ctx, &failures);
    None
}

/// The object with its containers' images replaced; a container name that matches none fails.
fn with_images(
    before: &Value,
    kind: Kind,
    images: &BTreeMap<String, String>,
    failures: &mut Vec<Failure>,
) -> Value {
    let mut after = before.clone();
    for (name, image) in images {
        let mut found = false;
        for c in containers_mut(&mut after, kind) {
            if name == "*" || c.get("name").and_then(Value::as_str) == Some(name) {
                found = true;
                if let Value::Object(m) = c {
                    m.insert("image".into(), Value::String(image.clone()));
                }
            }
        }
        if !found {
            failures.push(Failure::Plain(format!(
                "error: unable to find container named {}",
                go_quote(name)
            )));
        }
    }
    after
}

/// Sets the images of one object with a strategic merge patch and prints the result.
fn update_images(
    ctx: &mut Ctx<'_>,
    r: &ObjRef,
    images: &BTreeMap<String, String>,
    (dry, out_mode): (DryRun, &Mode),
    failures: &mut Vec<Failure>,
) {
    let Some(before) = value_of(&ctx.session.cluster, r) else {
        return;
    };
    if !matches!(r.kind, Kind::StatefulSet | Kind::Pod) {
        failures.push(Failure::Plain(format!(
            "error: {}/{} no matches for kind \"{}\" in version \"{}\"\n",
            r.kind.plural(),
            r.name,
            r.kind.name(),
            r.kind.api_version()
        )));
        return;
    }
    let after = with_images(&before, r.kind, images, failures);
    let patch = match two_way_merge_patch(&before, &after, r.kind.name()) {
        Ok(p) => p,
        Err(e) => {
            failures.push(Failure::Plain(e.to_string()));
            return;
        }
    };
    if is_empty_patch(&patch) {
        return;
    }
    if dry == DryRun::Client {
        print_result(
            ctx,
            out_mode,
            r.kind,
            &r.name,
            Some(after),
            "image updated",
            dry,
        );
        return;
    }
    let c = &mut ctx.session.cluster;
    match requests::patch(
        c,
        r.kind,
        &r.namespace,
        &r.name,
        PatchType::Strategic,
        &patch,
        &write_opts(dry),
    ) {
        Ok(resp) => print_result(
            ctx,
            out_mode,
            r.kind,
            &r.name,
            Some(resp.object),
            "image updated",
            dry,
        ),
        Err(e) => failures.push(Failure::Plain(format!(
            "failed to patch image update to pod template: {}",
            e.to_string().trim_end()
        ))),
    }
}
