//! Go's text/template as kubectl runs it for `-o go-template=…`, `-o template=…`,
//! `-o go-template-file=…`, `-o templatefile=…` and `--template` (cli-runtime
//! printers/template.go): the object as a decoded JSON map, missing keys printed as
//! `<no value>` unless `--allow-missing-template-keys=false`, Go's builtin functions plus
//! kubectl's `exists` and `base64decode`, and Go's parse and execution errors.
//!
//! `lex` scans, `parse` and `parse_expr` build the tree of `node`, `exec` and `eval` walk it
//! over `value`s, calling `funcs`, `compare` and `escape`.

mod compare;
mod escape;
mod eval;
mod exec;
mod funcs;
mod lex;
mod literal;
mod node;
mod parse;
mod parse_expr;
mod value;

#[cfg(test)]
mod tests;

use crate::gofmt::json::marshal;
use crate::gofmt::quote::quote;
use crate::gofmt::value::sprint;
use exec::{Flow, State};
use serde_json::Value;

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct GoTemplate {
    tree: parse::Tree,
    text: String,
}

/// What running a template printed, and the error that stopped it, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Executed {
    /// The output written before the end or the error.
    pub out: String,
    /// Go's execution error (`template: output:1:2: executing "output" at <…>: …`).
    pub err: Option<String>,
}

impl GoTemplate {
    /// Parses a template; the error is Go's (`template: output:1: unexpected "}" in operand`).
    pub fn parse(text: &str) -> Result<GoTemplate, String> {
        Ok(GoTemplate {
            tree: parse::parse(text)?,
            text: text.to_string(),
        })
    }

    /// Runs the template over `data`; `missing_keys_error` is Go's `missingkey=error`.
    pub fn execute(&self, data: &Value, missing_keys_error: bool) -> Executed {
        let mut state = State::new(&self.tree, &self.text, data, missing_keys_error);
        let root = Val::root(data);
        let res = state.walk_list(&root, &self.tree.root);
        let err = match res {
            Ok(()) => None,
            Err(Flow::Err(e)) => Some(e),
            // The parser allows break and continue only inside a range.
            Err(Flow::Break | Flow::Continue) => None,
        };
        Executed {
            out: state.out,
            err,
        }
    }
}

use value::Val;

/// kubectl's go-template printer over one object or a `List`: the output, and on failure the
/// debugging text kubectl writes to standard output before its error (printers/template.go,
/// `PrintObj`), plus the error without `error: ` (template_flags.go, `ToPrinter`).
pub fn print_gotemplate(template: &str, data: &Value, allow_missing_keys: bool) -> Executed {
    if template.is_empty() {
        return Executed {
            out: String::new(),
            err: Some("template format specified but no template given".to_string()),
        };
    }
    let parsed = match GoTemplate::parse(template) {
        Ok(t) => t,
        Err(e) => {
            return Executed {
                out: String::new(),
                err: Some(format!("error parsing template {template}, {e}")),
            };
        }
    };
    let mut run = parsed.execute(data, !allow_missing_keys);
    if let Some(e) = run.err.take() {
        run.out.push_str(&format!(
            "Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\traw data was:\n\t\t{}\n\tobject given to template engine was:\n\t\t{}\n\n",
            marshal(data),
            sprint(data)
        ));
        run.err = Some(format!("error executing template {}: {e}", quote(template)));
    }
    run
}
