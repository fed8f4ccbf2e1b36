//! Golden transcripts: every `tests/data/kubectl/*.txt` is a script of command lines with the
//! output kubectl must print, run against a fresh simulated cluster.
//!
//! Script format:
//! - `--- file /path` … `--- end`: a workspace file.
//! - `$ kubectl …`: a command, split with simple shell-word rules; `< /path` feeds a file as stdin;
//!   `timeout N kubectl …` stops a waiting command after N virtual seconds (Ctrl+C).
//! - `$ sleep N`: advance the virtual clock N seconds; `$ settle`: until the cluster is quiet.
//! - The lines after a command are its expected output: standard output, then standard error
//!   lines prefixed with `! `, then `[exit N]` when the exit code is not 0.
//! - `## …` lines are comments; `## seed N` picks the cluster seed.
//!
//! `UPDATE_GOLDEN=1 cargo test --test kubectl_golden` rewrites the expected outputs.
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;

use sts_playground::kubectl::{Output, Session, run_to_end};

/// Default virtual-time limit for a waiting command: 30 minutes.
const WAIT_LIMIT_MS: u64 = 30 * 60 * 1000;

/// Splits a command line into words (single and double quotes, backslash escapes).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                    cur.push(d);
                }
            }
            '"' => {
                in_word = true;
                while let Some(d) = chars.next() {
                    match d {
                        '"' => break,
                        '\\' => {
                            if let Some(&n) = chars.peek()
                                && matches!(n, '"' | '\\' | '$' | '`')
                            {
                                cur.push(n);
                                chars.next();
                                continue;
                            }
                            cur.push('\\');
                        }
                        other => cur.push(other),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

/// Renders an output the way the transcripts record it.
fn render(out: &Output) -> String {
    let mut s = out.stdout.clone();
    if !s.is_empty() && !s.ends_with('\n') {
        s.push_str("[no newline]\n");
    }
    for line in out.stderr.lines() {
        s.push_str("! ");
        s.push_str(line);
        s.push('\n');
    }
    if out.code != 0 {
        s.push_str(&format!("[exit {}]\n", out.code));
    }
    s
}

/// Runs one command line of a script.
fn run_line(session: &mut Session, line: &str) -> String {
    let mut argv = words(line);
    let mut limit = WAIT_LIMIT_MS;
    if argv.first().map(String::as_str) == Some("timeout") && argv.len() > 2 {
        limit = argv[1].parse::<u64>().expect("timeout seconds") * 1000;
        argv.drain(..2);
    }
    match argv.first().map(String::as_str) {
        Some("sleep") => {
            let secs: u64 = argv.get(1).and_then(|s| s.parse().ok()).expect("sleep N");
            session.cluster.advance(secs * 1000);
            return String::new();
        }
        Some("settle") => {
            session.cluster.settle();
            return String::new();
        }
        Some("kubectl") => {}
        other => panic!("unknown command in script: {other:?}"),
    }
    let mut stdin = String::new();
    if let Some(pos) = argv.iter().position(|a| a == "<") {
        let path = argv.get(pos + 1).cloned().expect("< FILE");
        stdin = session
            .files
            .get(&path)
            .cloned()
            .expect("stdin file exists");
        argv.drain(pos..pos + 2);
    }
    let args: Vec<String> = argv.into_iter().skip(1).collect();
    render(&run_to_end(session, &args, &stdin, limit))
}

/// Runs a script; returns the script rewritten with actual outputs.
fn run_script(text: &str) -> String {
    let seed = text
        .lines()
        .find_map(|l| l.strip_prefix("## seed "))
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let mut session = Session::new(seed);
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(path) = line.strip_prefix("--- file ") {
            out.push_str(line);
            out.push('\n');
            let mut content = String::new();
            for l in lines.by_ref() {
                out.push_str(l);
                out.push('\n');
                if l == "--- end" {
                    break;
                }
                content.push_str(l);
                content.push('\n');
            }
            session.files.insert(path.trim().to_string(), content);
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push_str(line);
            out.push('\n');
            // Skip the recorded output; it is replaced by the actual one.
            while let Some(next) = lines.peek() {
                if next.starts_with("$ ")
                    || next.starts_with("--- file ")
                    || next.starts_with("## ")
                {
                    break;
                }
                lines.next();
            }
            out.push_str(&run_line(&mut session, cmd));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn transcripts_match() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kubectl");
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let mut failures = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .expect("transcript folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no transcripts found");
    for path in entries {
        let text = fs::read_to_string(&path).expect("read transcript");
        let actual = run_script(&text);
        if actual != text {
            if update {
                fs::write(&path, &actual).expect("write transcript");
            } else {
                let diff = first_difference(&text, &actual);
                failures.push(format!("{}:\n{diff}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn first_difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let at = e
        .iter()
        .zip(a.iter())
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = at.saturating_sub(3);
    let show = |lines: &[&str]| {
        lines
            .iter()
            .skip(from)
            .take(12)
            .map(|l| format!("    |{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {}\n  expected:\n{}\n  actual:\n{}",
        at + 1,
        show(&e),
        show(&a)
    )
}

#[test]
fn shell_words() {
    assert_eq!(
        words(r#"kubectl patch sts web -p '{"spec":{"replicas":3}}'"#),
        vec![
            "kubectl",
            "patch",
            "sts",
            "web",
            "-p",
            r#"{"spec":{"replicas":3}}"#
        ]
    );
    assert_eq!(words(r#"a "b c" d\ e"#), vec!["a", "b c", "d e"]);
}
