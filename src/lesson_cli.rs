//! `sts-playground lesson check|solve FILE...`: a lesson author's checks, natively.

use std::fmt::Write as _;

use sts_playground::session::lesson::{parse, solve::solve};

/// What the author asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read each file; report mistakes at line:column.
    Check,
    /// Read each file and play every step's answer.
    Solve,
}

/// Runs `action` over `files`; returns the report and whether everything passed.
pub fn run(action: Action, files: &[String]) -> (String, bool) {
    let mut out = String::new();
    let mut ok = true;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(out, "{file}: cannot read it: {e}");
                ok = false;
                continue;
            }
        };
        let lesson = match parse(&text) {
            Ok(l) => l,
            Err(e) => {
                let _ = writeln!(out, "{file}:{e}");
                ok = false;
                continue;
            }
        };
        if action == Action::Check {
            let _ = writeln!(
                out,
                "{file}: ok, lesson \"{}\", {} step{}",
                lesson.id,
                lesson.steps.len(),
                if lesson.steps.len() == 1 { "" } else { "s" }
            );
            continue;
        }
        let reports = solve(&lesson);
        let solved =
            reports.len() == lesson.steps.len() && reports.iter().all(|r| r.problem.is_none());
        let _ = writeln!(
            out,
            "{file}: {} \"{}\"",
            if solved { "solved" } else { "FAILED" },
            lesson.id
        );
        for r in &reports {
            match (&r.problem, r.took_ms) {
                (Some(p), _) => {
                    let _ = writeln!(out, "  step {}: {p}", r.id);
                }
                (None, Some(ms)) => {
                    let _ = writeln!(
                        out,
                        "  step {}: passed {} virtual seconds after it began",
                        r.id,
                        ms / 1000
                    );
                }
                (None, None) => {
                    let _ = writeln!(out, "  step {}: passed", r.id);
                }
            }
        }
        ok &= solved;
    }
    (out, ok)
}
