//! The terminal: a workspace shell that runs tutorial lines verbatim, and container shells inside pods.
//!
//! - [`syntax`]: the shell language (parser, incomplete-input detection).
//! - [`interp`]: the interpreter shared by the workspace and container shells.
//! - [`utils`]: cat, ls, grep, sed, awk and the other tools, with GNU or BusyBox messages.
//! - [`workspace`]: the workspace's files and kubectl.
//! - [`container`]: shells and commands inside pods (`kubectl exec`).
//! - [`terminal`]: the [`Terminal`] the page and the native runner type into.

pub mod container;
pub mod interp;
pub mod syntax;
pub mod terminal;
pub mod transcript;
pub mod utils;
pub mod workspace;

pub use crate::kubectl::{Output, Run, Session, Waiting, kubectl, run_to_end};

pub use terminal::{Step, Terminal};
