//! YAML text to documents, with a field-path to line:column map and diagnostics.
