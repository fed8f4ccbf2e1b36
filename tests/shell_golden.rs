//! Golden terminal transcripts: every `tests/data/shell/NAME.sh` is typed line by line into the
//! playground's terminal (files it names come from that folder) and must print exactly
//! `tests/data/shell/NAME.out`. A first line `# seed: N` picks the cluster seed (default 0).
//! `UPDATE_GOLDEN=1 cargo test --test shell_golden` rewrites the expected files; review the diff.
#![cfg(not(target_arch = "wasm32"))]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use sts_playground::session::{Terminal, transcript};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/shell")
}

/// Plays one script the way `sts-playground run` does.
fn play(script: &Path) -> String {
    let text = std::fs::read_to_string(script).expect("script reads");
    let seed = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# seed: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let mut terminal = Terminal::new(seed);
    let dir = folder();
    terminal.set_loader(Box::new(move |path: &str| {
        std::fs::read_to_string(dir.join(path.trim_start_matches('/'))).ok()
    }));
    transcript::play(&mut terminal, &text)
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  want: {w:?}\n  got:  {g:?}", i + 1);
        }
    }
    format!(
        "lengths differ: want {} lines, got {} lines",
        want.lines().count(),
        got.lines().count()
    )
}

#[test]
fn transcripts_match_their_goldens() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("data folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 6, "the golden scripts are there");
    let mut failures = Vec::new();
    for script in &scripts {
        let got = play(script);
        let golden = script.with_extension("out");
        if update {
            std::fs::write(&golden, &got).expect("golden writes");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}: {}",
                script.display(),
                first_difference(&want, &got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_same_script_and_seed_give_the_same_transcript() {
    let script = folder().join("dns.sh");
    assert_eq!(play(&script), play(&script));
}
