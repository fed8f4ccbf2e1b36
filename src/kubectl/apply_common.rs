//! What apply, create, replace and the changing commands share: `--dry-run`, `--validate`, the
//! result printer, reading `-f` for a write, and the last-applied annotation.

use serde_json::{Map, Value};

use super::apply_files::{FileObject, read_objects};
use super::ctx::{Ctx, Failure, print_failures};
use super::get_output::{Mode, emit, mode, print_values};
use super::resources::name_prefix;
use crate::gofmt::json::marshal as go_json;
use crate::sim::apiserver::requests::{FieldValidation, Response, WriteOptions};

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
        (m, Some(obj)) => emit(ctx, print_values(m, vec![obj], true)),
    }
}

/// What a write command read from its flags and files.
pub(crate) struct Setup {
    /// `--dry-run`.
    pub dry: DryRun,
    /// Options for the API requests.
    pub opts: WriteOptions,
    /// `-o`.
    pub mode: Mode,
    /// The objects of the files, or why each could not be read.
    pub objects: Vec<Result<FileObject, Failure>>,
}

/// Reads the flags and `-f` files of apply, create and replace (`verb`); prints and returns None
/// on errors, and when the files hold no object at all (apply.go, create.go and replace.go:
/// `no objects passed to apply`).
pub(crate) fn setup(ctx: &mut Ctx<'_>, verb: &str) -> Option<Setup> {
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
    if let Err(e) = validate(ctx, verb, dry) {
        ctx.fail(&e);
        return None;
    }
    let objects = match read_objects(ctx) {
        Ok(o) => o,
        Err(f) => {
            print_failures(ctx, &f);
            return None;
        }
    };
    if objects.is_empty() {
        ctx.fail(&format!("no objects passed to {verb}"));
        return None;
    }
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

/// Prints a successful write: the server's warnings first, then the result line or object.
pub(crate) fn print_written(
    ctx: &mut Ctx<'_>,
    out_mode: &Mode,
    kind: crate::sim::kind::Kind,
    name: &str,
    resp: Response,
    operation: &str,
    dry: DryRun,
) {
    print_warnings(ctx, &resp);
    print_result(ctx, out_mode, kind, name, Some(resp.object), operation, dry);
}

/// Prints the server's warnings as kubectl does (`Warning: …` on stderr).
pub(crate) fn print_warnings(ctx: &mut Ctx<'_>, resp: &Response) {
    for w in &resp.warnings {
        ctx.warn(w);
    }
}

/// The document with the namespace kubectl fills in and without null fields.
pub(crate) fn normalized(obj: &FileObject) -> Value {
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

/// Drops null fields, as apply does before creating.
pub(crate) fn prune_nulls(v: &mut Value) {
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
pub(crate) fn with_last_applied(obj: &Value) -> Value {
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

/// The flag checks of apply.go's and replace.go's Validate, before any file is read.
fn validate(ctx: &Ctx<'_>, verb: &str, dry: DryRun) -> Result<(), String> {
    let flag = |name: &str| ctx.flags.bool(name);
    let set = |name: &str| ctx.flags.str(name).is_some_and(|s| !s.is_empty());
    let force = flag("force");
    if verb == "replace" {
        if ctx.flags.int("grace-period").unwrap_or(-1) >= 0 && !force {
            return Err("--grace-period must have --force specified".to_string());
        }
        if ctx.flags.duration_ms("timeout").unwrap_or(0) != 0 && !force {
            return Err("--timeout must have --force specified".to_string());
        }
        if force && dry != DryRun::None {
            return Err("--dry-run can not be used when --force is set".to_string());
        }
        return Ok(());
    }
    if verb != "apply" {
        return Ok(());
    }
    let server_side = flag("server-side");
    let checks: [(bool, &str); 5] = [
        (
            flag("force-conflicts") && !server_side,
            "--force-conflicts only works with --server-side",
        ),
        (
            dry == DryRun::Client && server_side,
            "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
        ),
        (
            server_side && force,
            "--force cannot be used with --server-side",
        ),
        (
            dry == DryRun::Server && force,
            "--dry-run=server cannot be used with --force",
        ),
        (
            flag("all") && set("selector"),
            "cannot set --all and --selector at the same time",
        ),
    ];
    if let Some((_, msg)) = checks.iter().find(|(bad, _)| *bad) {
        return Err((*msg).to_string());
    }
    if set("applyset") && !flag("prune") {
        return Err("--applyset requires --prune".to_string());
    }
    if flag("prune") {
        if force {
            return Err("--force cannot be used with --prune".to_string());
        }
        if !set("applyset") && !flag("all") && !set("selector") {
            return Err("all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector".to_string());
        }
        if !set("applyset") && server_side {
            return Err("--prune is in alpha and doesn't currently work on objects created by server-side apply".to_string());
        }
    }
    if set("subresource") && !server_side {
        return Err("--subresource can only be specified for --server-side".to_string());
    }
    Ok(())
}
