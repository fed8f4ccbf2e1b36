//! kubectl's JSONPath templates (`k8s.io/client-go/util/jsonpath`) over `serde_json::Value`:
//! `-o jsonpath=…`, `-o jsonpath-as-json=…`, custom columns, `--sort-by` and
//! `kubectl wait --for=jsonpath=…` all evaluate through [`JsonPath`].

mod compare;
mod eval;
mod lexical;
pub mod parser;

use crate::gofmt::float::format_g64 as go_float;
use crate::gofmt::json::{marshal as go_json, marshal_indent as go_json_indent};
use crate::gofmt::quote::quote as go_quote;
use crate::gofmt::value::{STRING_MAP, sharp_v};
use eval::Evaluator;
use parser::Node;
use serde_json::Value;
use std::borrow::Cow;

/// A parsed template with its evaluation switches.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonPath {
    nodes: Vec<Node>,
    allow_missing_keys: bool,
    json_output: bool,
}

impl JsonPath {
    /// Parses a template; the error is client-go's parse error text (`unclosed action`, …).
    pub fn parse(template: &str) -> Result<JsonPath, String> {
        Ok(JsonPath {
            nodes: parser::parse(template)?,
            allow_missing_keys: false,
            json_output: false,
        })
    }

    /// Whether a missing key yields nothing (kubectl's default) instead of `<key> is not found`.
    pub fn allow_missing_keys(mut self, allow: bool) -> JsonPath {
        self.allow_missing_keys = allow;
        self
    }

    /// `jsonpath-as-json`: print each result list as an indented JSON array.
    pub fn json_output(mut self, enable: bool) -> JsonPath {
        self.json_output = enable;
        self
    }

    /// The values each top-level template node produced (ranges expanded).
    pub fn find_results(&self, data: &Value) -> Result<Vec<Vec<Value>>, String> {
        let mut ev = Evaluator::new(&self.nodes, self.allow_missing_keys);
        let lists = ev.find_results(Cow::Borrowed(data), 0)?;
        Ok(lists
            .into_iter()
            .map(|l| l.into_iter().map(Cow::into_owned).collect())
            .collect())
    }

    /// Go's `Execute`: the template's text output, or the evaluation error text.
    pub fn execute(&self, data: &Value) -> Result<String, String> {
        let mut ev = Evaluator::new(&self.nodes, self.allow_missing_keys);
        let lists = ev.find_results(Cow::Borrowed(data), 0)?;
        let mut out = String::new();
        for list in &lists {
            if self.json_output {
                let arr = Value::Array(list.iter().map(|c| c.as_ref().clone()).collect());
                out.push_str(&go_json_indent(&arr, "    "));
                out.push('\n');
                continue;
            }
            for (i, item) in list.iter().enumerate() {
                out.push_str(&result_text(item));
                if i + 1 != list.len() {
                    out.push(' ');
                }
            }
        }
        Ok(out)
    }
}

/// How one result prints: maps and lists as compact JSON, scalars as text, null as `null`.
pub fn result_text(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => go_json(v),
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(u)) => u.to_string(),
            _ => go_float(n.as_f64().unwrap_or(0.0)),
        },
    }
}

/// `kubectl get -o jsonpath=<template>` (or `jsonpath-as-json`) over one object or a `List`.
/// Errors carry kubectl's message without the leading `error: `.
pub fn print_jsonpath(
    template: &str,
    data: &Value,
    allow_missing_keys: bool,
    as_json: bool,
) -> Result<String, String> {
    if template.is_empty() {
        return Err("template format specified but no template given".to_string());
    }
    let jp = JsonPath::parse(template)
        .map_err(|e| format!("error parsing jsonpath {template}, {e}"))?
        .allow_missing_keys(allow_missing_keys)
        .json_output(as_json);
    jp.execute(data).map_err(|e| {
        format!(
            "error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
            go_quote(template),
            sharp_v(data, STRING_MAP)
        )
    })
}

/// kubectl's `RelaxedJSONPathExpression`: `metadata.name`, `.metadata.name`, `{metadata.name}`
/// and `{.metadata.name}` all become `{.metadata.name}`.
pub fn relaxed_jsonpath_expression(expr: &str) -> Result<String, String> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    let no_braces = |s: &str| !s.is_empty() && !s.contains(['{', '}']);
    // `\.?([^{}]+)`: a leading dot is dropped when something follows it.
    let spec_of = |s: &str| -> Option<String> {
        match s.strip_prefix('.') {
            Some(rest) if no_braces(rest) => Some(rest.to_string()),
            _ if no_braces(s) => Some(s.to_string()),
            _ => None,
        }
    };
    let inner = expr
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .and_then(spec_of)
        .or_else(|| spec_of(expr));
    match inner {
        Some(spec) => Ok(format!("{{.{spec}}}")),
        None => Err(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
                .to_string(),
        ),
    }
}
