//! The terminal: a workspace shell that runs tutorial lines verbatim, and container shells inside pods.

pub mod syntax;
