//! The manifest editor's language services, free of the page: highlighting, where the cursor is in
//! a document, key and value completion, and the field documentation shown on hover.

pub mod complete;
pub mod context;
pub mod highlight;
pub mod schema;
pub mod text;
