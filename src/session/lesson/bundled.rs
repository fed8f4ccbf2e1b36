//! The lessons compiled into the page, in catalogue order. Each is a file of `lessons/`; a test
//! checks that every file there is listed here and that each one reads without an error.

use super::model::Lesson;

/// Every bundled lesson: its file name and text.
pub const FILES: &[(&str, &str)] = &[
    ("day34.md", include_str!("../../../lessons/day34.md")),
    (
        "ordered-identity.md",
        include_str!("../../../lessons/ordered-identity.md"),
    ),
    (
        "scale-down.md",
        include_str!("../../../lessons/scale-down.md"),
    ),
    (
        "scale-up-reuse.md",
        include_str!("../../../lessons/scale-up-reuse.md"),
    ),
    (
        "rolling-update.md",
        include_str!("../../../lessons/rolling-update.md"),
    ),
    (
        "partition.md",
        include_str!("../../../lessons/partition.md"),
    ),
    (
        "on-delete.md",
        include_str!("../../../lessons/on-delete.md"),
    ),
    ("parallel.md", include_str!("../../../lessons/parallel.md")),
    (
        "stuck-rollout.md",
        include_str!("../../../lessons/stuck-rollout.md"),
    ),
    (
        "retention-policy.md",
        include_str!("../../../lessons/retention-policy.md"),
    ),
    (
        "node-failure.md",
        include_str!("../../../lessons/node-failure.md"),
    ),
    (
        "mongodb-ch14.md",
        include_str!("../../../lessons/mongodb-ch14.md"),
    ),
    (
        "myapp-overview.md",
        include_str!("../../../lessons/myapp-overview.md"),
    ),
    (
        "db-cluster.md",
        include_str!("../../../lessons/db-cluster.md"),
    ),
    ("pv-demo.md", include_str!("../../../lessons/pv-demo.md")),
];

thread_local! {
    /// The bundled lessons, read once: they are constant, and reading all of them takes
    /// milliseconds, too long for every redraw of the catalogue.
    static READ: Vec<Lesson> = FILES
        .iter()
        .filter_map(|(_, text)| super::parse(text).ok())
        .collect();
}

/// Calls `f` with every bundled lesson that reads without an error, in catalogue order.
pub fn with_all<R>(f: impl FnOnce(&[Lesson]) -> R) -> R {
    READ.with(|lessons| f(lessons))
}

/// Every bundled lesson that reads without an error, in catalogue order.
pub fn all() -> Vec<Lesson> {
    with_all(<[Lesson]>::to_vec)
}

/// The bundled lesson with this id.
pub fn find(id: &str) -> Option<Lesson> {
    with_all(|lessons| lessons.iter().find(|l| l.id == id).cloned())
}
