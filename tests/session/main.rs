//! The session behind the page, natively: the reducer, recorded inputs and replay, share links,
//! the view models and the editor's language services.

mod editor;
mod events_view;
mod persist;
mod replay;
mod state;
