//! `-o custom-columns=NAME:.metadata.name,…` and `-o custom-columns-file=…`.

use super::jsonpath::{JsonPath, relaxed_jsonpath_expression};
use super::table::escape_terminal;
use super::tabwriter::TabWriter;
use crate::gofmt::value::sprint as go_sprint;
use serde_json::Value;

/// One user column: header text and its JSONPath.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomColumn {
    /// Header as given (not upper-cased).
    pub header: String,
    /// Normalised JSONPath (`{.metadata.name}`).
    pub field_spec: String,
}

/// Parses `HEADER:path,HEADER2:path2`.
pub fn parse_spec(spec: &str) -> Result<Vec<CustomColumn>, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".to_string());
    }
    spec.split(',')
        .map(|part| {
            let (header, path) = part.split_once(':').ok_or_else(|| {
                format!(
                    "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
                )
            })?;
            Ok(CustomColumn {
                header: header.to_string(),
                field_spec: relaxed_jsonpath_expression(path)?,
            })
        })
        .collect()
}

/// Parses a custom-columns template file: a header line and a line of paths.
pub fn parse_template(text: &str) -> Result<Vec<CustomColumn>, String> {
    let mut lines = text.lines();
    let headers: Vec<&str> = lines
        .next()
        .ok_or("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.")?
        .split_whitespace()
        .collect();
    let specs: Vec<&str> = lines
        .next()
        .ok_or("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.")?
        .split_whitespace()
        .collect();
    if headers.len() != specs.len() {
        return Err(format!(
            "number of headers ({}) and field specifications ({}) don't match",
            headers.len(),
            specs.len()
        ));
    }
    headers
        .iter()
        .zip(specs)
        .map(|(h, s)| {
            Ok(CustomColumn {
                header: (*h).to_string(),
                field_spec: relaxed_jsonpath_expression(s)?,
            })
        })
        .collect()
}

/// One cell: every value found, comma-joined; `<none>` when nothing matched.
fn cell(parser: &JsonPath, obj: &Value) -> Result<String, String> {
    let lists = parser.find_results(obj)?;
    let mut values = Vec::new();
    if lists.first().is_none_or(Vec::is_empty) {
        values.push("<none>".to_string());
    }
    for v in lists.iter().flatten() {
        values.push(escape_terminal(&go_sprint(v)));
    }
    Ok(values.join(","))
}

/// Prints the objects (the items of a list, in order) under the given columns.
pub fn print_custom_columns(
    columns: &[CustomColumn],
    objects: &[Value],
    no_headers: bool,
) -> Result<String, String> {
    let parsers = columns
        .iter()
        .map(|c| JsonPath::parse(&c.field_spec).map(|p| p.allow_missing_keys(true)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut tw = TabWriter::for_tables();
    if !no_headers {
        let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        tw.write(&headers.join("\t"));
        tw.write("\n");
    }
    for obj in objects {
        let cells = parsers
            .iter()
            .map(|p| cell(p, obj))
            .collect::<Result<Vec<_>, _>>()?;
        tw.write(&cells.join("\t"));
        tw.write("\n");
    }
    tw.flush();
    Ok(tw.take_output())
}
