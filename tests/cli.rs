//! The native command line: help, version and usage errors, as a user sees them.
#![cfg(not(target_arch = "wasm32"))]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

/// Runs the built binary with `args`.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sts-playground"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_prints_usage_and_succeeds() {
    for flag in ["--help", "-h"] {
        let output = run(&[flag]);
        assert_eq!(output.status.code(), Some(0), "{flag}");
        let stdout = text(&output.stdout);
        assert!(
            stdout.contains("sts-playground run FILE|- [--seed N]"),
            "{stdout}"
        );
        assert!(stdout.contains("--seed N"), "{stdout}");
        assert!(output.stderr.is_empty(), "help writes nothing to stderr");
    }
}

#[test]
fn version_prints_the_crate_version() {
    let output = run(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout).trim(),
        format!("sts-playground {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_or_missing_arguments_print_usage_to_stderr_and_exit_2() {
    for args in [
        &["--frobnicate"][..],
        &[],
        &["run"],
        &["run", "a.txt", "--seed", "soon"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            output.stdout.is_empty(),
            "{args:?} writes nothing to stdout"
        );
        let stderr = text(&output.stderr);
        assert!(stderr.starts_with("sts-playground: "), "{args:?}: {stderr}");
        assert!(stderr.contains("Usage:"), "{args:?}: {stderr}");
    }
}

#[test]
fn lesson_check_and_solve_report_each_file_and_fail_on_a_broken_one() {
    let dir = std::env::temp_dir().join(format!("sts-lesson-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.md");
    std::fs::write(
        &broken,
        "---\nid: x\ntitle: T\nsummary: S\nminutes: 1\nlevel: guru\nsteps: []\n---\n",
    )
    .unwrap();
    let day34 = concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/day34.md");
    let output = run(&["lesson", "check", day34]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        text(&output.stdout).contains("ok, lesson \"day34\", 5 steps"),
        "{}",
        text(&output.stdout)
    );
    let output = run(&["lesson", "check", day34, broken.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "one broken file fails the run"
    );
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("broken.md:6:8: level \"guru\" is not beginner, intermediate or advanced"),
        "{stdout}"
    );
    let output = run(&["lesson", "solve", day34]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert!(text(&output.stdout).contains("solved \"day34\""));
    let output = run(&["lesson"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("lesson needs check or solve"));
    std::fs::remove_dir_all(&dir).unwrap();
}
