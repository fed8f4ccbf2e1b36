//! The native runner: `sts-playground run FILE|- [--seed N]` prints the terminal transcript.
#![cfg(not(target_arch = "wasm32"))]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Stdio};

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sts-playground"))
}

fn data(name: &str) -> String {
    format!("{}/tests/data/shell/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn run_file_prints_the_transcript_and_reads_files_next_to_the_script() {
    let output = binary()
        .args(["run", &data("seed002.sh")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let golden = std::fs::read_to_string(data("seed002.out")).expect("golden");
    assert_eq!(stdout, golden);
    assert!(output.stderr.is_empty());
}

#[test]
fn run_stdin_types_each_line_and_files_come_from_the_current_folder() {
    let mut child = binary()
        .args(["run", "-", "--seed", "7"])
        .current_dir(data(""))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"grep -c kind web.yaml\necho \"$((6 * 7))\"\nnope\n")
        .expect("writes");
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "$ grep -c kind web.yaml\n2\n$ echo \"$((6 * 7))\"\n42\n$ nope\nbash: nope: command not found\n"
    );
}

#[test]
fn seeds_change_the_cluster_but_replay_exactly() {
    let run = |seed: &str| {
        let output = binary()
            .args(["run", &data("dns.sh"), "--seed", seed])
            .output()
            .expect("runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert_eq!(run("3"), run("3"));
    assert_ne!(run("3"), run("4"), "pod addresses depend on the seed");
}

#[test]
fn a_missing_script_is_reported_and_fails() {
    let output = binary()
        .args(["run", "/nonexistent/script.sh"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("sts-playground: cannot read /nonexistent/script.sh: "),
        "{stderr}"
    );
}
