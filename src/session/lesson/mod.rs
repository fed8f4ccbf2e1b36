//! Guided lessons: one Markdown file per lesson (`lessons/*.md`), read into a [`Lesson`]; each
//! step's check is a condition on the simulated cluster, looked at after every change of it.
//!
//! - [`parse`] reads a file (errors at line:column); [`check_parse`] reads its checks.
//! - [`facts`] looks at one fact in the cluster; [`eval`] combines facts over time.
//! - [`watch`]: the live state of the step a learner is on (checks, attempts, hints).
//! - [`solve`]: plays every step's answer through a session and reports what failed.
//! - [`bundled`]: the lessons compiled into the page.
//! - [`markdown`]: the lessons' text as blocks the page draws; [`progress`]: what is saved;
//!   [`link`]: `#lesson=ID&step=N` links.
//!
//! The session's model (`state::lesson`) runs a lesson on the learner's cluster.

pub mod bundled;
pub mod check_parse;
pub mod eval;
pub mod facts;
pub mod link;
pub mod markdown;
pub mod model;
pub mod node;
pub mod parse;
pub mod progress;
pub mod solve;
pub mod watch;

pub use eval::Verdict;
pub use model::{Answer, Check, CheckKind, Hint, Lesson, Level, Predict, Reason, Setup, Step};
pub use node::LessonError;
pub use parse::parse;
pub use watch::StepWatch;
