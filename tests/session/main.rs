//! The session behind the page, natively: the reducer, recorded inputs and replay, share links,
//! the view models and the editor's language services.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod editor;
mod events_view;
mod lesson_view;
mod persist;
mod replay;
mod state;
mod type_ahead;
