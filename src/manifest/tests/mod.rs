//! Tests of the manifest module: values, errors, positions, output, and garbled input.

mod emit;
mod errors;
mod fuzz;
mod positions;
mod values;

use super::*;

/// Parses a single-document text and returns its value, failing the test on diagnostics.
fn value_of(text: &str) -> Option<serde_json::Value> {
    let parsed = parse(text);
    assert!(
        parsed
            .diagnostics()
            .iter()
            .all(|d| d.severity != Severity::Error),
        "unexpected errors for {text:?}: {:?}",
        parsed.diagnostics()
    );
    parsed.documents().first().and_then(|d| d.value.clone())
}
