//! The API server's rules as pure functions: decoding, defaulting, validation and patching.

pub mod decode;
pub mod decode_types;
pub mod field_error;
pub mod field_path;
pub mod go_json;
pub mod names;
pub mod quantity;
