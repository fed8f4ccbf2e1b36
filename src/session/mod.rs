//! The learner's session, natively: the terminal they type into and the workspace behind it.
//! The page (`ui`) is a thin view over this module; the command-line runner and the tests drive
//! the same code without a browser.
//!
//! - [`terminal`]: the [`Terminal`]: the workspace shell, continuation lines, watches, and shells
//!   attached inside containers.
//! - [`workspace`]: the workspace's files and kubectl as a shell host.
//! - [`transcript`]: plays a script through a terminal as the command-line runner prints it.
//! - [`state`]: the model the page shows and the messages that change it (the reducer), with the
//!   recorded inputs, replay and time stepping.
//! - [`view`]: view models computed from the cluster (the picture, the inspector, the timeline).
//! - [`persist`]: the recorded inputs as a packed payload for autosave and share links.
//! - [`editor`]: the editor's language services (highlighting, context, completion, field docs).
//! - [`shell_complete`]: Tab completion at the terminal's prompt.
//! - [`examples`]: the seeds' manifests offered in the Examples menu.

pub mod editor;
pub mod examples;
pub mod lesson;
pub mod persist;
pub mod shell_complete;
pub mod state;
pub mod terminal;
pub mod transcript;
pub mod view;
pub mod workspace;

pub use terminal::{Step, Terminal};
