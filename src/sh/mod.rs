//! The shell language: its syntax, an interpreter, and the text utilities (cat, grep, sed, awk and
//! friends) with GNU or BusyBox messages. It knows nothing of the cluster or kubectl: everything it
//! runs against (files, installed commands, time) comes through its [`interp::Host`] trait, which
//! the workspace (`session`) and the container shells (`container`) implement.
//!
//! - [`syntax`]: the parser and incomplete-input detection.
//! - [`interp`]: the interpreter, its builtins and expansions.
//! - [`utils`]: the text and file utilities.
//! - [`output`]: a command's output as a terminal shows it.

pub mod interp;
pub mod output;
pub mod syntax;
pub mod utils;

pub use output::Output;
