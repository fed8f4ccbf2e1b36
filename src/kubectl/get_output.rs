//! The `-o` printers for objects as JSON values: yaml, json, name, jsonpath, custom-columns.

use serde_json::Value;

use super::ctx::Ctx;
use super::print::custom_columns::{
    CustomColumn, parse_spec, parse_template, print_custom_columns,
};
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
}

const ALLOWED: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// Reads `-o`; `tables` says whether the command prints tables (`get`) or names (mutations).
pub(crate) fn mode(ctx: &Ctx<'_>, tables: bool) -> Result<Mode, String> {
    let raw = ctx.flags.str("output").unwrap_or("");
    let (name, arg) = match raw.split_once('=') {
        Some((n, a)) => (n, Some(a)),
        None => (raw, None),
    };
    let file = |a: Option<&str>| -> Result<String, String> {
        let path = a.unwrap_or("");
        ctx.session
            .files
            .get(&super::lookup::file_path(ctx.cwd, path))
            .cloned()
            .ok_or_else(|| {
                format!("error reading template {path}, open {path}: no such file or directory")
            })
    };
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
        "jsonpath-file" => Mode::JsonPath(file(arg)?, false),
        "custom-columns" => Mode::Columns(parse_spec(arg.unwrap_or(""))?),
        "custom-columns-file" => Mode::Columns(parse_template(&file(arg)?)?),
        "go-template" | "go-template-file" | "template" | "templatefile" => {
            return Err(format!(
                "the playground does not run Go templates (-o {name}); use -o jsonpath=… instead"
            ));
        }
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

/// Prints objects in a non-table mode. `single` means one object was named and found, so it is
/// printed on its own instead of inside a `List`.
pub(crate) fn print_values(mode: &Mode, items: Vec<Value>, single: bool) -> Result<String, String> {
    let data = if single && items.len() == 1 {
        items.into_iter().next().unwrap_or(Value::Null)
    } else {
        list_value(items)
    };
    match mode {
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
    }
}

/// kubectl drops one level of single quotes around a jsonpath template typed on Windows.
fn strip_quotes(t: &str) -> &str {
    t.strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(t)
}
