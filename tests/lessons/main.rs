//! Lessons natively: every bundled lesson reads and is solved by its answers (and caught in its
//! mistakes), malformed files give line:column errors and never a panic, and the step watch's
//! checks, hints, predictions, resets and saved progress behave as lessons/README.md says.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod bundled;
mod format;
mod fuzz;
mod session;
mod support;
mod temporal;
