//! The page's one door to the terminal and the session behind it.
//!
//! Every other part of the page names `Terminal`, `Step` and `Session` through this module only.
//! Until the shell piece lands they come from `super::fallback`, a small stand-in that handles
//! the commands the page needs; when `crate::shell::Terminal` is merged, this file becomes
//!
//! ```ignore
//! pub use crate::kubectl::Session;
//! pub use crate::shell::{Step, Terminal};
//! ```
//!
//! and `src/ui/fallback/` is deleted. Nothing else changes: the surface is the one in the
//! contract (`Terminal::new(seed)`, `prompt`, `feed_line`, `poll`, `interrupt`, a public
//! `session` with `cluster`, `files` and `namespace`).

pub use super::fallback::{Session, Step, Terminal};
