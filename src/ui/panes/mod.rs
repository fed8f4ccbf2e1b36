//! The three workspace panes: manifest editor, cluster view, terminal.

mod cluster;
mod editor;
mod terminal;

pub use cluster::ClusterPane;
pub use editor::{EditorPane, EditorPaneProps};
pub use terminal::{TerminalPane, TerminalPaneProps};
