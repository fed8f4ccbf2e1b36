//! Commands that change existing objects: `scale`, `patch`, `set image`, `label`, `annotate`.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::Run;
use super::apply::{DryRun, dry_run, print_result};
use super::ctx::{Ctx, Failure, print_failures};
use super::get_output::{Mode, mode};
use super::targets::{Query, Selected, select, value_of};
use crate::manifest;
use crate::sim::api::go_json::go_quote;
use crate::sim::api::strategic_diff::{is_empty_patch, two_way_merge_patch};
use crate::sim::apiserver::requests::{self, FieldValidation, PatchType, WriteOptions};
use crate::sim::kind::Kind;

/// Resolves the objects a changing command acts on (`TYPE NAME`, `TYPE/NAME`, `-f`, `-l`, `--all`).
fn targets(ctx: &Ctx<'_>, args: &[String]) -> Result<Selected, Vec<Failure>> {
    if !ctx.flags.list("filename").is_empty() {
        return super::get::select_from_files(ctx);
    }
    let q = Query {
        all_namespaces: ctx.all_namespaces(),
        labels: ctx.flags.str("selector").map(str::to_string),
        fields: ctx.flags.str("field-selector").map(str::to_string),
        list_bare_types: false,
        all: ctx.flags.bool("all"),
    };
    select(ctx, args, &q)
}

fn setup(ctx: &mut Ctx<'_>) -> Option<(DryRun, Mode)> {
    match (dry_run(ctx), mode(ctx, false)) {
        (Ok(d), Ok(m)) => Some((d, m)),
        (Err(e), _) | (_, Err(e)) => {
            ctx.fail(&e);
            None
        }
    }
}

fn write_opts(dry: DryRun) -> WriteOptions {
    WriteOptions {
        field_validation: FieldValidation::Warn,
        dry_run: dry == DryRun::Server,
    }
}

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
enum PatchBody {
    Value(Value),
    /// Go's JSON error for a body the server cannot read.
    Refused(String),
}

fn parse_patch(text: &str) -> Result<PatchBody, String> {
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
        text.clone()
    } else {
        match ctx.session.files.get(&super::apply_files::absolute(&file)) {
            Some(t) => t.clone(),
            None => {
                ctx.fail(&format!(
                    "unable to read patch file: open {file}: no such file or directory"
                ));
                return None;
            }
        }
    };
    let patch = match parse_patch(&body_text) {
        Ok(p) => p,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let args = ctx.flags.args.clone();
    let sel = match targets(ctx, &args) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    for r in &sel.refs {
        let c = &mut ctx.session.cluster;
        let before = value_of(c, r);
        if dry == DryRun::Client {
            print_result(ctx, &out_mode, r.kind, &r.name, before, "patched", dry);
            continue;
        }
        let patch = match &patch {
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
                print_result(ctx, &out_mode, r.kind, &r.name, Some(resp.object), op, dry);
            }
            Err(e) => {
                ctx.fail_api(&e);
                return None;
            }
        }
    }
    if sel.refs.is_empty() && sel.failures.is_empty() {
        ctx.fail("no objects passed to patch");
    }
    print_failures(ctx, &sel.failures);
    None
}

/// Splits `TYPE NAME key=value key2-` into resources and pairs (`GetResourcesAndPairs`).
fn resources_and_pairs(
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

fn containers_mut(obj: &mut Value, kind: Kind) -> Vec<&mut Value> {
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
    if resources.is_empty() && ctx.flags.list("filename").is_empty() {
        ctx.fail(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        );
        return None;
    }
    if pairs.is_empty() {
        ctx.fail("at least one image update is required");
        return None;
    }
    let mut images: BTreeMap<String, String> = BTreeMap::new();
    for p in &pairs {
        match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                images.insert(k.to_string(), v.to_string());
            }
            _ => {
                ctx.fail(&format!("invalid image format: {p}"));
                return None;
            }
        }
    }
    if images.contains_key("*") && images.len() > 1 {
        ctx.fail("all containers are already specified by *, but saw more than one container_name=container_image pairs");
        return None;
    }
    let sel = match targets(ctx, &resources) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    let mut failures = sel.failures.clone();
    for r in &sel.refs {
        let c = &mut ctx.session.cluster;
        let Some(before) = value_of(c, r) else {
            continue;
        };
        if !matches!(r.kind, Kind::StatefulSet | Kind::Pod) {
            failures.push(Failure::Plain(format!(
                "error: {}/{} no matches for kind \"{}\" in version \"{}\"\n",
                r.kind.plural(),
                r.name,
                r.kind.name(),
                r.kind.api_version()
            )));
            continue;
        }
        let mut after = before.clone();
        for (name, image) in &images {
            let mut found = false;
            for c in containers_mut(&mut after, r.kind) {
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
        let patch = match two_way_merge_patch(&before, &after, r.kind.name()) {
            Ok(p) => p,
            Err(e) => {
                failures.push(Failure::Plain(e.to_string()));
                continue;
            }
        };
        if is_empty_patch(&patch) {
            continue;
        }
        if dry == DryRun::Client {
            print_result(
                ctx,
                &out_mode,
                r.kind,
                &r.name,
                Some(after),
                "image updated",
                dry,
            );
            continue;
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
                &out_mode,
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
    print_failures(ctx, &failures);
    None
}

/// Which metadata map `label` and `annotate` change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MetaMap {
    Labels,
    Annotations,
}

/// `kubectl label`.
pub(crate) fn label(ctx: &mut Ctx<'_>) -> Option<Run> {
    change_meta(ctx, MetaMap::Labels)
}

/// `kubectl annotate`.
pub(crate) fn annotate(ctx: &mut Ctx<'_>) -> Option<Run> {
    change_meta(ctx, MetaMap::Annotations)
}

fn change_meta(ctx: &mut Ctx<'_>, which: MetaMap) -> Option<Run> {
    let (dry, out_mode) = setup(ctx)?;
    let (word, key) = match which {
        MetaMap::Labels => ("label", "labels"),
        MetaMap::Annotations => ("annotation", "annotations"),
    };
    let args = ctx.flags.args.clone();
    let (resources, pairs) = match resources_and_pairs(&args, word) {
        Ok(x) => x,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    let list = ctx.flags.bool("list");
    if resources.is_empty() && ctx.flags.list("filename").is_empty() {
        ctx.fail(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        );
        return None;
    }
    if pairs.is_empty() && !list {
        ctx.fail(&format!("at least one {word} update is required"));
        return None;
    }
    let mut set: BTreeMap<String, String> = BTreeMap::new();
    let mut remove: Vec<String> = Vec::new();
    for p in &pairs {
        if let Some((k, v)) = p.split_once('=') {
            if which == MetaMap::Labels {
                if v.contains('=') {
                    ctx.fail(&format!("invalid label spec: {p}"));
                    return None;
                }
                let errs = crate::sim::api::names::is_label_value(v);
                if !errs.is_empty() {
                    ctx.fail(&format!(
                        "invalid label value: {}: {}",
                        go_quote(p),
                        errs.join(";")
                    ));
                    return None;
                }
            }
            set.insert(k.to_string(), v.to_string());
        } else if let Some(k) = p.strip_suffix('-') {
            remove.push(k.to_string());
        }
    }
    if remove.iter().any(|k| set.contains_key(k)) {
        ctx.fail(&format!(
            "can not both modify and remove a {word} in the same command"
        ));
        return None;
    }
    let sel = match targets(ctx, &resources) {
        Ok(s) => s,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    let overwrite = ctx.flags.bool("overwrite");
    let mut failures = sel.failures.clone();
    for r in &sel.refs {
        let c = &ctx.session.cluster;
        let Some(before) = value_of(c, r) else {
            continue;
        };
        let current: Map<String, Value> = before
            .pointer(&format!("/metadata/{key}"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if list {
            let text: String = current
                .iter()
                .map(|(k, v)| format!("{k}={}\n", v.as_str().unwrap_or("")))
                .collect();
            ctx.print(&text);
            continue;
        }
        if !overwrite {
            let clashes: Vec<String> = set
                .iter()
                .filter_map(|(k, v)| {
                    let cur = current.get(k).and_then(Value::as_str)?;
                    (cur != v).then(|| format!("'{k}' already has a value ({cur})"))
                })
                .collect();
            if !clashes.is_empty() {
                let msg = match which {
                    MetaMap::Labels => format!(
                        "{}, and --overwrite is false",
                        clashes.join(", and --overwrite is false\n")
                    ),
                    MetaMap::Annotations => format!(
                        "--overwrite is false but found the following declared annotation(s): {}",
                        clashes.join(", ")
                    ),
                };
                failures.push(Failure::Plain(msg));
                continue;
            }
        }
        let mut patch_map = Map::new();
        let (mut added, mut removed) = (0, 0);
        for (k, v) in &set {
            if current.get(k).and_then(Value::as_str) != Some(v.as_str()) {
                patch_map.insert(k.clone(), Value::String(v.clone()));
                added += 1;
            }
        }
        for k in &remove {
            if current.contains_key(k) {
                patch_map.insert(k.clone(), Value::Null);
                removed += 1;
            } else if which == MetaMap::Labels && dry == DryRun::None {
                ctx.print(&format!("label {} not found.\n", go_quote(k)));
            }
        }
        let op = match which {
            MetaMap::Annotations => "annotated",
            MetaMap::Labels => match (added > 0, removed > 0) {
                (true, true) => "modified",
                (true, false) => "labeled",
                (false, true) => "unlabeled",
                (false, false) => "not labeled",
            },
        };
        if patch_map.is_empty() || dry == DryRun::Client {
            print_result(ctx, &out_mode, r.kind, &r.name, Some(before), op, dry);
            continue;
        }
        let patch = json!({"metadata": {key: Value::Object(patch_map)}});
        let c = &mut ctx.session.cluster;
        match requests::patch(
            c,
            r.kind,
            &r.namespace,
            &r.name,
            PatchType::Merge,
            &patch,
            &write_opts(dry),
        ) {
            Ok(resp) => print_result(ctx, &out_mode, r.kind, &r.name, Some(resp.object), op, dry),
            Err(e) => failures.push(Failure::Api(e)),
        }
    }
    print_failures(ctx, &failures);
    None
}
