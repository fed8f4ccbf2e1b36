//! The `-o` printers for objects as JSON values: yaml, json, name, jsonpath, custom-columns and
//! Go templates.

use serde_json::Value;

use super::ctx::Ctx;
use super::print::custom_columns::{
    CustomColumn, parse_spec, parse_template, print_custom_columns,
};
use super::print::gotemplate::print_gotemplate;
use super::print::jsonpath::print_jsonpath;
use super::print::kinds::{list_value, print_names_from_value};
use crate::gofmt::json::marshal_indent;
use crate::manifest;

/// What `-o` asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The server-side table (`-o wide` when true).
    Table(bool),
    /// `-o yaml`.
    Yaml,
    /// `-o json`.
    Json,
    /// `-o name`.
    Name,
    /// `-o jsonpath=…` / `-o jsonpath-as-json=…`.
    JsonPath(String, bool),
    /// `-o custom-columns=…`.
    Columns(Vec<CustomColumn>),
    /// `-o go-template=…` and the other template formats, with
    /// `--allow-missing-template-keys`.
    GoTemplate(String, bool),
}

const ALLOWED: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// The format `-o` names and its argument. `--template` stands in for the argument, and alone it
/// means `go-template`: for `get` when `-o` is empty (get_flags.go), for the other commands when
/// `-o` is not given (cli-runtime print_flags.go). With `--template` the format is not split at
/// `=`, so `-o go-template=x --template y` matches no printer (template_flags.go).
fn format_and_arg<'c>(ctx: &'c Ctx<'_>, tables: bool) -> (&'c str, Option<&'c str>) {
    let output = ctx.flags.str("output");
    let template = ctx.flags.str("template").filter(|t| !t.is_empty());
    let raw = output.unwrap_or("");
    match template {
        Some(t) if (tables && raw.is_empty()) || output.is_none() => ("go-template", Some(t)),
        Some(t) => (raw, Some(t)),
        None => match raw.split_once('=') {
            Some((n, a)) => (n, Some(a)),
            None => (raw, None),
        },
    }
}

/// Reads `-o`; `tables` says whether the command prints tables (`get`) or names (mutations).
pub(crate) fn mode(ctx: &Ctx<'_>, tables: bool) -> Result<Mode, String> {
    let (name, arg) = format_and_arg(ctx, tables);
    let read = |a: Option<&str>, what: &str| -> Result<String, String> {
        let path = a.unwrap_or("");
        ctx.session
            .files
            .get(&super::lookup::file_path(ctx.cwd, path))
            .cloned()
            .ok_or_else(|| {
                format!("error reading {what} {path}, open {path}: no such file or directory")
            })
    };
    // jsonpath_flags.go and template_flags.go say `--template`; customcolumn_flags.go `template`.
    let template_file = |a: Option<&str>| match a {
        Some(path) if !path.is_empty() => read(a, "--template"),
        _ => Ok(String::new()),
    };
    let allow_missing = ctx.flags.bool_or("allow-missing-template-keys", true);
    Ok(match name {
        "" if tables => Mode::Table(false),
        "" => Mode::Table(false),
        "wide" if tables => Mode::Table(true),
        "yaml" => Mode::Yaml,
        "json" => Mode::Json,
        "name" => Mode::Name,
        "jsonpath" | "jsonpath-as-json" => {
            Mode::JsonPath(arg.unwrap_or("").to_string(), name == "jsonpath-as-json")
        }
        "jsonpath-file" => Mode::JsonPath(template_file(arg)?, false),
        "custom-columns" => Mode::Columns(parse_spec(arg.unwrap_or(""))?),
        "custom-columns-file" => Mode::Columns(parse_template(&read(arg, "template")?)?),
        "go-template" | "template" => {
            Mode::GoTemplate(arg.unwrap_or("").to_string(), allow_missing)
        }
        "go-template-file" | "templatefile" => Mode::GoTemplate(template_file(arg)?, allow_missing),
        other => {
            let allowed = if tables {
                ALLOWED.to_string()
            } else {
                ALLOWED.replace(",wide", "")
            };
            return Err(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: {allowed}"
            ));
        }
    })
}

/// What a printer wrote, and the error kubectl reports after it (a template that fails
/// part-way has written its output and kubectl's debugging text first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Printed {
    /// Standard output.
    pub out: String,
    /// The error, without `error: `.
    pub err: Option<String>,
}

impl From<Result<String, String>> for Printed {
    fn from(r: Result<String, String>) -> Printed {
        match r {
            Ok(out) => Printed { out, err: None },
            Err(e) => Printed {
                out: String::new(),
                err: Some(e),
            },
        }
    }
}

/// Prints what a printer wrote, then fails with its error.
pub(crate) fn emit(ctx: &mut Ctx<'_>, printed: Printed) {
    ctx.print(&printed.out);
    if let Some(e) = printed.err {
        ctx.fail(&e);
    }
}

/// Prints objects in a non-table mode. `single` means one object was named and found, so it is
/// printed on its own instead of inside a `List`.
pub(crate) fn print_values(mode: &Mode, items: Vec<Value>, single: bool) -> Printed {
    let data = if single && items.len() == 1 {
        items.into_iter().next().unwrap_or(Value::Null)
    } else {
        list_value(items)
    };
    let text = match mode {
        Mode::GoTemplate(t, allow_missing) => {
            let run = print_gotemplate(t, &data, *allow_missing);
            return Printed {
                out: run.out,
                err: run.err,
            };
        }
        Mode::Yaml => Ok(manifest::to_yaml(&data)),
        // kubectl's printers/json.go: MarshalIndent with four spaces, then a newline.
        Mode::Json => Ok(format!("{}\n", marshal_indent(&data, "    "))),
        Mode::Name => print_names_from_value(&data),
        Mode::JsonPath(t, as_json) => print_jsonpath(strip_quotes(t), &data, true, *as_json),
        Mode::Columns(cols) => {
            let objects = match data.get("items").and_then(Value::as_array) {
                Some(items) if data.get("kind").and_then(Value::as_str) == Some("List") => {
                    items.clone()
                }
                _ => vec![data],
            };
            print_custom_columns(cols, &objects, false)
        }
        Mode::Table(_) => Ok(String::new()),
    };
    Printed::from(text)
}

/// kubectl drops one level of single quotes around a jsonpath template typed on Windows.
fn strip_quotes(t: &str) -> &str {
    t.strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(t)
}
