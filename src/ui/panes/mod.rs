//! The workspace panes: cluster picture (with its tiles and inspector), terminal, activity.

mod activity;
mod cluster;
mod inspector;
mod terminal;
mod terminal_keys;
mod tiles;

pub use crate::session::shell_complete::Names;
pub use activity::{ActivityPane, ActivityPaneProps};
pub use cluster::{ClusterPane, ClusterPaneProps, grouped};
pub use terminal::{TerminalPane, TerminalPaneProps};
