//! `kubectl edit`. In the page, `begin` opens the live object as kubectl would hand it to an
//! editor and `finish` saves the edited text the way kubectl does when the editor closes. A
//! script has no editor: there `kubectl edit` fails as kubectl does when `vi` cannot be started.

use serde_json::Value;

use super::ctx::{Ctx, api_error_text, error_text};
use super::resources::name_prefix;
use super::targets::{ObjRef, Query, select_with};
use super::{Output, Run, Session};
use crate::manifest;
use crate::sim::api::strategic_diff::{is_empty_patch, two_way_merge_patch};
use crate::sim::apiserver::requests::{self, FieldValidation, PatchType, WriteOptions};
use crate::sim::kind::Kind;

/// The comment kubectl puts above the object it opens.
const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/// An object opened for editing.
#[derive(Clone, Debug, PartialEq)]
pub struct EditRequest {
    /// The object's kind.
    pub kind: Kind,
    /// Its namespace (empty for cluster-scoped kinds).
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// A file name for the editor tab, like kubectl's temporary file (`kubectl-edit-web.yaml`).
    pub file_name: String,
    /// The text to show: the header comment and the object as YAML.
    pub text: String,
    /// The object as it was opened.
    original: Value,
}

/// `kubectl edit` from a script: there is no editor to launch.
pub(crate) fn edit(ctx: &mut Ctx<'_>) -> Option<Run> {
    match resolve(ctx) {
        Ok(_) => ctx.fail("unable to launch the editor \"vi\""),
        Err(o) => ctx.out.append(o),
    }
    None
}

fn resolve(ctx: &Ctx<'_>) -> Result<ObjRef, Output> {
    let fail = |msg: String| Output {
        stderr: msg,
        code: 1,
        ..Output::default()
    };
    // edit takes `-f` but no selection flags, so the query holds none.
    let q = Query::from_flags(ctx).listing_bare_types();
    let sel = select_with(ctx, &ctx.flags.args, "getting", &q);
    match sel {
        Ok(s) => {
            if let Some(f) = s.failures.first() {
                return Err(fail(match f {
                    super::ctx::Failure::Plain(m) => error_text(m),
                    super::ctx::Failure::Api(e) => api_error_text(e),
                }));
            }
            s.refs
                .into_iter()
                .next()
                .ok_or_else(|| fail(error_text("edit cancelled, no objects found")))
        }
        Err(f) => Err(fail(match f.first() {
            Some(super::ctx::Failure::Plain(m)) => error_text(m),
            Some(super::ctx::Failure::Api(e)) => api_error_text(e),
            None => error_text("edit cancelled, no objects found"),
        })),
    }
}

/// Opens the object named by `args` (as after `kubectl edit`), as kubectl would show it.
pub fn begin(session: &mut Session, args: &[String]) -> Result<EditRequest, Output> {
    let parsed = super::flags::parse(args, &[super::flag_tables::GLOBAL])
        .map_err(|e| super::ctx::flag_error("kubectl edit", &e))?;
    let namespace = parsed
        .str("namespace")
        .map_or_else(|| session.namespace.clone(), str::to_string);
    let explicit = parsed.has("namespace");
    let ctx = Ctx {
        session,
        cwd: "/",
        stdin: "",
        flags: parsed,
        path: "kubectl edit".to_string(),
        namespace,
        explicit_namespace: explicit,
        out: Output::default(),
        pending: Default::default(),
    };
    let r = resolve(&ctx)?;
    let original = super::targets::value_of(&ctx.session.cluster, &r).unwrap_or(Value::Null);
    let text = format!("{HEADER}{}", manifest::to_yaml(&original));
    Ok(EditRequest {
        kind: r.kind,
        file_name: format!("kubectl-edit-{}.yaml", r.name),
        namespace: r.namespace,
        name: r.name,
        text,
        original,
    })
}

/// Saves an edited text as kubectl does when the editor closes.
pub fn finish(session: &mut Session, request: &EditRequest, edited: &str) -> Output {
    let stripped: String = edited
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let ok_stderr = |s: &str| Output {
        stderr: s.to_string(),
        ..Output::default()
    };
    let original_text = manifest::to_yaml(&request.original);
    if stripped == original_text {
        return ok_stderr("Edit cancelled, no changes made.\n");
    }
    if stripped.trim().is_empty() {
        return ok_stderr("Edit cancelled, saved file was empty.\n");
    }
    let parsed = manifest::parse(&stripped);
    if let Some(d) = parsed.kubectl_error() {
        let detail = d.kubectl.clone().unwrap_or_else(|| d.message.clone());
        return Output {
            stderr: error_text(&format!("The edited file had a syntax error: {detail}")),
            code: 1,
            ..Output::default()
        };
    }
    let Some(value) = parsed.objects().find_map(|d| d.value.clone()) else {
        return ok_stderr("Edit cancelled, saved file was empty.\n");
    };
    let patch = match two_way_merge_patch(&request.original, &value, request.kind.name()) {
        Ok(p) => p,
        Err(e) => {
            return Output {
                stderr: error_text(&e.to_string()),
                code: 1,
                ..Output::default()
            };
        }
    };
    if is_empty_patch(&patch) {
        return ok_stderr("Edit cancelled, no changes made.\n");
    }
    let opts = WriteOptions {
        field_validation: FieldValidation::Strict,
        dry_run: false,
    };
    match requests::patch(
        &mut session.cluster,
        request.kind,
        &request.namespace,
        &request.name,
        PatchType::Strategic,
        &patch,
        &opts,
    ) {
        Ok(resp) => {
            let mut out = Output::default();
            for w in resp.warnings {
                out.err(&format!("Warning: {w}\n"));
            }
            out.out(&format!(
                "{}/{} edited\n",
                name_prefix(request.kind),
                request.name
            ));
            out
        }
        Err(e) => Output {
            stderr: format!(
                "error: {} \"{}\" could not be patched: {}\nYou can run `kubectl replace -f {}` to try this update again.\n",
                request.kind.qualified_plural(),
                request.name,
                e.to_string().trim_end(),
                request.file_name
            ),
            code: 1,
            ..Output::default()
        },
    }
}
