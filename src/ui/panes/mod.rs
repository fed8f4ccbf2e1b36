//! The workspace panes: cluster picture (with its tiles and inspector), terminal, activity.

mod activity;
mod cluster;
mod inspector;
pub mod shell_complete;
mod terminal;
mod tiles;

pub use activity::{ActivityPane, ActivityPaneProps};
pub use cluster::{ClusterPane, ClusterPaneProps, grouped};
pub use shell_complete::Names;
pub use terminal::{TerminalPane, TerminalPaneProps};
