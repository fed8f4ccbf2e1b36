//! `kubectl explain RESOURCE[.FIELD…] [--recursive] [--api-version]`, printed as kubectl's
//! plain-text template does (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl)
//! over the one field table in `fields`.

mod wrap;

use super::Run;
use super::ctx::Ctx;
use super::fields::{Field, TypeDoc, type_doc};
use super::resources::{ApiResource, resolve};
use wrap::{indent, wrap};

/// The `extractEnum` template: `ENUM:` and a value a line under `FIELD:` (long view), or one
/// `enum:` line of at most four values in a field list.
fn enum_block(field: &Field, long: bool, indent_by: usize) -> String {
    if field.values.is_empty() {
        return String::new();
    }
    let shown = |v: &str| {
        if v.is_empty() {
            "\"\"".to_string()
        } else {
            v.to_string()
        }
    };
    if long {
        let mut out = String::from("ENUM:");
        for v in field.values {
            out.push_str("\n    ");
            out.push_str(&shown(v));
        }
        return out;
    }
    let mut out = format!("\n{}enum: ", " ".repeat(indent_by));
    for (i, v) in field.values.iter().enumerate() {
        if i >= 4 {
            out.push_str(", ....");
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&shown(v));
    }
    out
}

/// The `fieldDetail` template: the field's line, then (unless short) its description.
fn field_detail(out: &mut String, field: &Field, short: bool, level: usize) {
    let by = level * 2;
    out.push_str(&indent(by, field.name));
    out.push_str(&format!("\t<{}>", field.ty));
    if field.required {
        out.push_str(" -required-");
    }
    out.push_str(&enum_block(field, false, by));
    out.push('\n');
    if !short {
        let doc = if field.doc.is_empty() {
            "<no description>"
        } else {
            field.doc
        };
        out.push_str(&indent(by + 2, &wrap(doc, 78 - by)));
        out.push_str("\n\n");
    }
}

/// How deep `--recursive` lists: every level, or down to `--max-depth`.
#[derive(Clone, Copy)]
struct Depth {
    recursive: bool,
    max: usize,
}

/// The `fieldList` template. `seen` holds the types on the path from the listed type, so a
/// type that contains itself stops there.
fn field_list(
    out: &mut String,
    doc: &TypeDoc,
    level: usize,
    depth: Depth,
    seen: &mut Vec<&'static str>,
) {
    for field in doc.fields {
        field_detail(out, field, depth.recursive, level);
        if depth.recursive
            && (depth.max == 0 || level < depth.max)
            && let Some(t) = field.target()
            && !seen.contains(&t.name)
        {
            seen.push(t.name);
            field_list(out, t, level + 1, depth, seen);
            seen.pop();
        }
    }
}

/// The `description` template: a field's own description, then its type's.
fn description(field: Option<&Field>, doc: &TypeDoc) -> String {
    let mut text = String::new();
    for part in [field.map_or("", |f| f.doc), doc.doc] {
        if !part.is_empty() {
            text.push_str(part);
            text.push('\n');
        }
    }
    text
}

/// The explain output below the header, or the name of the field that does not exist.
fn render(kind: &'static TypeDoc, path: &[&str], depth: Depth) -> Result<String, String> {
    let missing = || path.last().map_or(String::new(), |l| l.to_string());
    let mut doc: Option<&'static TypeDoc> = Some(kind);
    let mut leaf: Option<&'static Field> = None;
    for name in path {
        let field = doc
            .and_then(|t| t.fields.iter().find(|f| f.name == *name))
            .ok_or_else(missing)?;
        doc = field.target();
        leaf = Some(field);
    }
    let mut out = String::new();
    if let Some(field) = leaf {
        out.push_str(&format!("FIELD: {} <{}>\n", field.name, field.ty));
        out.push_str(&enum_block(field, true, 0));
        out.push_str("\n\n");
    }
    let text = match (leaf, doc) {
        (_, Some(t)) => description(leaf, t),
        (Some(f), None) => description(Some(f), &EMPTY),
        (None, None) => String::new(),
    };
    let text = if text.is_empty() {
        "<empty>".into()
    } else {
        text
    };
    out.push_str("DESCRIPTION:\n");
    out.push_str(&indent(4, &wrap(&text, 76)));
    out.push('\n');
    if let Some(t) = doc
        && !t.fields.is_empty()
    {
        out.push_str("FIELDS:\n");
        field_list(&mut out, t, 1, depth, &mut Vec::new());
    }
    Ok(out)
}

const EMPTY: TypeDoc = TypeDoc {
    name: "",
    doc: "",
    fields: &[],
};

/// The `GROUP:`, `KIND:` and `VERSION:` lines.
fn header(res: &ApiResource) -> String {
    let mut out = String::new();
    if !res.group.is_empty() {
        out.push_str(&format!("GROUP:      {}\n", res.group));
    }
    out.push_str(&format!(
        "KIND:       {}\nVERSION:    {}\n\n",
        res.kind, res.version
    ));
    out
}

/// `--api-version`: the group/version explain reads the resource's schema from
/// (staging/src/k8s.io/kubectl/pkg/cmd/explain/explain.go, pkg/explain/v2/explain.go).
fn check_api_version(res: &ApiResource, api_version: &str) -> Result<(), String> {
    let (group, version) = match api_version.split('/').collect::<Vec<_>>()[..] {
        [version] => ("", version),
        [group, version] => (group, version),
        _ => return Err(format!("unexpected GroupVersion string: {api_version}")),
    };
    let gvr = format!("{group}/{version}, Resource={}", res.plural);
    let served = super::resources::API_RESOURCES
        .iter()
        .any(|r| r.group == group && r.version == version);
    if !served {
        return Err(format!("couldn't find resource for \"{gvr}\""));
    }
    if group != res.group || version != res.version {
        return Err(format!("GVR ({gvr}) not found in OpenAPI schema"));
    }
    Ok(())
}

/// The fields after the resource: after its `resource.group` name when the argument starts
/// with it (`statefulsets.apps.spec`), else after the first name
/// (SplitAndParseResourceRequestWithMatchingPrefix in staging/src/k8s.io/kubectl/pkg/explain/explain.go).
fn field_path<'a>(arg: &'a str, res: &ApiResource) -> Vec<&'a str> {
    // Either way the first node of the parsed rest is dropped: the whole name, or the
    // recursive-descent node the leading dot of `.spec` parses to.
    let rest = arg.strip_prefix(res.qualified().as_str()).unwrap_or(arg);
    if rest.is_empty() {
        return Vec::new();
    }
    rest.split('.').skip(1).collect()
}

/// `kubectl explain`.
pub(crate) fn explain(ctx: &mut Ctx<'_>) -> Option<Run> {
    let Some(arg) = ctx.flags.args.first().cloned() else {
        ctx.fail("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
        return None;
    };
    // ExplainOptions.Validate in staging/src/k8s.io/kubectl/pkg/cmd/explain/explain.go.
    if ctx.flags.args.len() > 1 {
        ctx.fail("We accept only this format: explain RESOURCE\n");
        return None;
    }
    let recursive = ctx.flags.bool("recursive");
    let max = ctx.flags.int("max-depth").unwrap_or(0);
    if max > 0 && !recursive {
        ctx.fail("--max-depth requires --recursive");
        return None;
    }
    let Ok(max) = usize::try_from(max) else {
        ctx.fail("--max-depth must be non-negative");
        return None;
    };
    let depth = Depth { recursive, max };
    let arg = arg.strip_suffix('.').unwrap_or(&arg);
    let resource = arg.split('.').next().unwrap_or("");
    let Some(res) = resolve(resource) else {
        ctx.fail(&format!(
            "the server doesn't have a resource type \"{resource}\""
        ));
        return None;
    };
    let path = field_path(arg, res);
    if let Some(v) = ctx.flags.str("api-version").map(str::to_string)
        && let Err(e) = check_api_version(res, &v)
    {
        ctx.fail(&e);
        return None;
    }
    let Some(kind) = type_doc(res.kind) else {
        ctx.fail(&format!(
            "the playground has no field documentation for {}",
            res.kind
        ));
        return None;
    };
    match render(kind, &path, depth) {
        Ok(body) => {
            ctx.print(&format!("{}{body}\n", header(res)));
        }
        Err(field) => ctx.fail(&format!("field \"{field}\" does not exist")),
    }
    None
}
