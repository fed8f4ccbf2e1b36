//! `kubectl label` and `kubectl annotate`.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::Run;
use super::apply_common::{DryRun, print_result};
use super::ctx::{Ctx, Failure, print_failures};
use super::mutate::{resources_and_pairs, setup, targets, write_opts};
use super::targets::value_of;
use crate::gofmt::quote::quote as go_quote;
use crate::sim::apiserver::requests::{self, PatchType};

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

/// The keys to set and the keys to remove (`key-`).
struct Changes {
    set: BTreeMap<String, String>,
    remove: Vec<String>,
}

/// Reads `key=value` and `key-` arguments; label values must be valid label values.
fn parse_changes(which: MetaMap, word: &str, pairs: &[String]) -> Result<Changes, String> {
    let mut set: BTreeMap<String, String> = BTreeMap::new();
    let mut remove: Vec<String> = Vec::new();
    for p in pairs {
        if let Some((k, v)) = p.split_once('=') {
            if which == MetaMap::Labels {
                if v.contains('=') {
                    return Err(format!("invalid label spec: {p}"));
                }
                let errs = crate::sim::api::names::is_label_value(v);
                if !errs.is_empty() {
                    return Err(format!(
                        "invalid label value: {}: {}",
                        go_quote(p),
                        errs.join(";")
                    ));
                }
            }
            set.insert(k.to_string(), v.to_string());
        } else if let Some(k) = p.strip_suffix('-') {
            remove.push(k.to_string());
        }
    }
    // label.go refuses the pair while parsing; annotate.go after its other checks
    // (validateAnnotations), naming the keys.
    if which == MetaMap::Labels && remove.iter().any(|k| set.contains_key(k)) {
        return Err(format!(
            "can not both modify and remove a {word} in the same command"
        ));
    }
    Ok(Changes { set, remove })
}

/// The checks label.go (Complete, Validate) and annotate.go (Complete) make before any request,
/// in their order.
fn validate(
    ctx: &Ctx<'_>,
    which: MetaMap,
    resources: &[String],
    changes: &Changes,
    dry: DryRun,
) -> Result<(), String> {
    let set = |name: &str| ctx.flags.str(name).is_some_and(|s| !s.is_empty());
    let list = ctx.flags.bool("list");
    if list && set("output") {
        return Err("--list and --output may not be specified together".to_string());
    }
    if ctx.flags.bool("all") && set("selector") {
        return Err("cannot set --all and --selector at the same time".to_string());
    }
    if ctx.flags.bool("all") && set("field-selector") {
        return Err("cannot set --all and --field-selector at the same time".to_string());
    }
    let files = !ctx.flags.list("filename").is_empty();
    let (file, rsrc) = match which {
        MetaMap::Labels => ("pod.yaml", "pod.json"),
        MetaMap::Annotations => ("rsrc.yaml", "rsrc.json"),
    };
    if ctx.flags.bool("local") {
        if dry == DryRun::Server {
            return Err(
                "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
                    .to_string(),
            );
        }
        if !resources.is_empty() {
            return Err(format!(
                "can only use local files by -f {file} or --filename={rsrc} when --local=true is set"
            ));
        }
        if !files {
            return Err(format!(
                "one or more files must be specified as -f {file} or --filename={rsrc}"
            ));
        }
    } else if resources.is_empty() && !files {
        return Err(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
                .to_string(),
        );
    }
    let word = match which {
        MetaMap::Labels => "label",
        MetaMap::Annotations => "annotation",
    };
    if changes.set.is_empty() && changes.remove.is_empty() && !list {
        return Err(format!("at least one {word} update is required"));
    }
    let both: Vec<&str> = changes
        .remove
        .iter()
        .filter(|k| changes.set.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !both.is_empty() {
        return Err(format!(
            "can not both modify and remove the following annotation(s) in the same command: {}",
            both.join(", ")
        ));
    }
    // Both run commands lock a resource version only on one object the arguments name alone
    // (the builder's IntoSingleItemImplied).
    let single = match resources {
        [one] => one.contains('/'),
        [ty, _] => !ty.contains('/') && !ty.contains(','),
        [] => ctx.flags.list("filename").len() == 1,
        _ => false,
    };
    if set("resource-version") && !single {
        return Err("--resource-version may only be used with a single resource".to_string());
    }
    Ok(())
}

/// Without `--overwrite`, the message for keys that already hold a different value.
fn clash_message(
    which: MetaMap,
    set: &BTreeMap<String, String>,
    current: &Map<String, Value>,
) -> Option<String> {
    let clashes: Vec<String> = set
        .iter()
        .filter_map(|(k, v)| {
            let cur = current.get(k).and_then(Value::as_str)?;
            (cur != v).then(|| format!("'{k}' already has a value ({cur})"))
        })
        .collect();
    if clashes.is_empty() {
        return None;
    }
    Some(match which {
        MetaMap::Labels => format!(
            "{}, and --overwrite is false",
            clashes.join(", and --overwrite is false\n")
        ),
        MetaMap::Annotations => format!(
            "--overwrite is false but found the following declared annotation(s): {}",
            clashes.join("; ")
        ),
    })
}

/// The merge patch of the keys that change, and the verb kubectl prints for it. A label to
/// remove that is not there is reported (unless this is a dry run).
fn meta_patch(
    ctx: &mut Ctx<'_>,
    which: MetaMap,
    changes: &Changes,
    current: &Map<String, Value>,
    dry: DryRun,
) -> (Map<String, Value>, &'static str) {
    let mut patch_map = Map::new();
    let (mut added, mut removed) = (0, 0);
    for (k, v) in &changes.set {
        if current.get(k).and_then(Value::as_str) != Some(v.as_str()) {
            patch_map.insert(k.clone(), Value::String(v.clone()));
            added += 1;
        }
    }
    for k in &changes.remove {
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
    (patch_map, op)
}

/// Sets and removes labels or annotations on each target (`--list` prints them instead).
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
    let changes = match parse_changes(which, word, &pairs) {
        Ok(c) => c,
        Err(e) => {
            ctx.fail(&e);
            return None;
        }
    };
    if let Err(e) = validate(ctx, which, &resources, &changes, dry) {
        ctx.fail(&e);
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
        if !overwrite && let Some(msg) = clash_message(which, &changes.set, &current) {
            failures.push(Failure::Plain(msg));
            continue;
        }
        let (patch_map, op) = meta_patch(ctx, which, &changes, &current, dry);
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
