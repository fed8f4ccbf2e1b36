//! `kubectl explain RESOURCE[.FIELD…] [--recursive]`, laid out as kubectl's plain-text template
//! prints it, over the upstream field descriptions in `fields`.

use super::Run;
use super::ctx::Ctx;
use super::fields::{Field, TypeDoc, element_type, type_doc};
use super::resources::resolve;

/// Greedy word wrap at `width` characters, keeping existing line breaks.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    out
}

fn indent_block(text: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    wrap(text, width)
        .iter()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn field_list(
    doc: &TypeDoc,
    level: usize,
    recursive: bool,
    seen: &mut Vec<&'static str>,
) -> String {
    let mut out = String::new();
    let indent = level * 2;
    for field in doc.fields {
        out.push_str(&field_line(field, indent));
        if recursive {
            let child = element_type(field.ty);
            if let Some(t) = type_doc(child)
                && !seen.contains(&t.name)
            {
                seen.push(t.name);
                out.push_str(&field_list(t, level + 1, true, seen));
                seen.pop();
            }
        } else {
            out.push_str(&indent_block(field.doc, 78 - indent, indent + 2));
            out.push_str("\n\n");
        }
    }
    out
}

fn field_line(field: &Field, indent: usize) -> String {
    let required = if field.required { " -required-" } else { "" };
    format!(
        "{}{}\t<{}>{required}\n",
        " ".repeat(indent),
        field.name,
        field.ty
    )
}

/// `kubectl explain`.
pub(crate) fn explain(ctx: &mut Ctx<'_>) -> Option<Run> {
    let Some(arg) = ctx.flags.args.first().cloned() else {
        ctx.fail("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
        return None;
    };
    // explain.go, Validate: a plain error, not a usage error (no `See … -h` line).
    if ctx.flags.args.len() > 1 {
        ctx.fail("We accept only this format: explain RESOURCE");
        return None;
    }
    let mut parts = arg.split('.');
    let resource = parts.next().unwrap_or("");
    let path: Vec<&str> = parts.collect();
    let Some(res) = resolve(resource) else {
        ctx.fail(&format!(
            "the server doesn't have a resource type \"{resource}\""
        ));
        return None;
    };
    let Some(mut doc) = type_doc(res.kind) else {
        ctx.fail(&format!(
            "the playground explains StatefulSet, Pod, PersistentVolumeClaim, PersistentVolume and Service fields; it has no documentation for {}",
            res.kind
        ));
        return None;
    };
    let recursive = ctx.flags.bool("recursive");
    let mut out = String::new();
    if !res.group.is_empty() {
        out.push_str(&format!("GROUP:      {}\n", res.group));
    }
    out.push_str(&format!(
        "KIND:       {}\nVERSION:    {}\n\n",
        res.kind, res.version
    ));
    let mut description = doc.doc.to_string();
    let mut leaf: Option<&Field> = None;
    for (i, name) in path.iter().enumerate() {
        let Some(field) = doc.fields.iter().find(|f| f.name == *name) else {
            ctx.fail(&format!("field \"{name}\" does not exist"));
            return None;
        };
        let child = type_doc(element_type(field.ty));
        if i + 1 == path.len() {
            out.push_str(&format!("FIELD: {} <{}>\n\n\n", field.name, field.ty));
            description = match child {
                Some(t) => format!("{}\n{}", field.doc, t.doc),
                None => field.doc.to_string(),
            };
            leaf = Some(field);
        }
        match child {
            Some(t) => doc = t,
            None if i + 1 < path.len() => {
                let next = path.get(i + 1).copied().unwrap_or("");
                ctx.fail(&format!("field \"{next}\" does not exist"));
                return None;
            }
            None => {}
        }
    }
    out.push_str("DESCRIPTION:\n");
    out.push_str(&indent_block(&description, 76, 4));
    out.push_str("\n    \n");
    let has_fields = leaf.is_none_or(|f| type_doc(element_type(f.ty)).is_some());
    if has_fields {
        out.push_str("FIELDS:\n");
        let mut seen = vec![doc.name];
        out.push_str(&field_list(doc, 1, recursive, &mut seen));
    }
    out.push('\n');
    ctx.print(&out);
    None
}
