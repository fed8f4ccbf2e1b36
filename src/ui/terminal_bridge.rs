//! The page's one door to the terminal and the session behind it: every other part of the page
//! names `Terminal`, `Step` and `Session` through this module only.

pub use crate::kubectl::Session;
pub use crate::session::{Step, Terminal};
