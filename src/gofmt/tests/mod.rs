//! Tests of the Go-compatible formatting, one file per submodule. Where the copies this module
//! replaced disagreed, the test says which upstream rule decided.

mod float;
mod json;
mod printf;
mod quantity;
mod quote;
mod value;
