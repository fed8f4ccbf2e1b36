//! Guards the architecture: every arrow points down (`layers`), the core (everything but the
//! page) stays pure and deterministic, and only the layers allowed to touch the browser or YAML
//! crates do so.
#![cfg(not(target_arch = "wasm32"))]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod layers;
mod scan;

use std::fs;
use std::path::Path;

use scan::{before_tests, rust_files, scan};

/// The folders that must never reach for the browser, the wall clock or global randomness: all
/// but the page.
const CORE_DIRS: [&str; 6] = [
    "src/session",
    "src/kubectl",
    "src/container",
    "src/sh",
    "src/sim",
    "src/manifest",
];

/// Single-file modules of the core.
const CORE_FILES: [&str; 2] = ["src/order.rs", "src/paths.rs"];

/// Crates that only exist in a browser; an identifier equal to one of these is a violation.
const BROWSER_CRATES: [&str; 5] = ["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"];

/// Paths that read the wall clock or draw from global randomness.
const IMPURE_PATHS: [&str; 13] = [
    "Instant::now",
    "SystemTime::now",
    "Utc::now",
    "Local::now",
    "Timestamp::now",
    "Zoned::now",
    "OffsetDateTime::now_utc",
    "rand::rng",
    "rand::random",
    "thread_rng",
    "getrandom",
    "RandomState",
    "OsRng",
];

/// Crates that parse YAML; only `src/manifest` may name them.
const YAML_CRATES: [&str; 5] = [
    "serde_yaml",
    "serde_yml",
    "yaml_rust",
    "yaml_rust2",
    "saphyr",
];

/// Scans every file under the given folders or files (relative to the crate) and formats each
/// hit as file:line.
fn violations(dirs: &[&str], crates: &[&str], paths: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in dirs {
        let place = root.join(dir);
        let files = if place.is_file() {
            vec![place]
        } else {
            rust_files(&place)
        };
        assert!(!files.is_empty(), "{dir} has no Rust files; has it moved?");
        for file in files {
            let source = fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
            let shown = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .display()
                .to_string();
            let lines: Vec<&str> = source.lines().collect();
            for hit in scan(&source, crates, paths) {
                let text = lines.get(hit.line - 1).map_or("", |l| l.trim());
                found.push(format!("{shown}:{}: `{}` in: {text}", hit.line, hit.what));
            }
        }
    }
    found
}

#[test]
fn core_names_no_browser_crate_wall_clock_or_global_randomness() {
    let core: Vec<&str> = CORE_DIRS.iter().chain(&CORE_FILES).copied().collect();
    let found = violations(&core, &BROWSER_CRATES, &IMPURE_PATHS);
    assert!(
        found.is_empty(),
        "the core must stay pure (no browser crates, wall clock or global randomness):\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_manifest_module_names_a_yaml_crate() {
    let others: Vec<&str> = CORE_DIRS
        .iter()
        .chain(&CORE_FILES)
        .chain(&["src/ui"])
        .filter(|dir| **dir != "src/manifest")
        .copied()
        .collect();
    let found = violations(&others, &YAML_CRATES, &[]);
    assert!(
        found.is_empty(),
        "YAML crates belong to src/manifest only:\n{}",
        found.join("\n")
    );
}

#[test]
fn typed_reads_go_through_the_one_tracked_deserializer() {
    // Each extra deserializer compiles every kind's serde code again, and that code is the bulk
    // of the page's download; decode_types::from_value is the one way in.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for file in rust_files(&root.join("src")) {
        if file.ends_with("decode_types.rs") {
            continue;
        }
        let source = fs::read_to_string(&file).expect("source file");
        for hit in scan(
            before_tests(&source),
            &[],
            &[
                "serde_json::from_value",
                "serde_json::from_slice",
                "serde_json::from_reader",
            ],
        ) {
            found.push(format!("{}:{}: {}", file.display(), hit.line, hit.what));
        }
    }
    assert!(
        found.is_empty(),
        "decode through sim::api::decode_types::from_value instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn browser_crates_are_wasm_only_dependencies() {
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("Cargo.toml");
    let mut section = String::new();
    let mut misplaced = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line.to_string();
            continue;
        }
        let wasm_only = section.contains("target_arch = \"wasm32\"");
        let is_dependency_table = section.ends_with("dependencies]");
        let name = line
            .split(['=', ' '])
            .next()
            .unwrap_or("")
            .replace('-', "_");
        if is_dependency_table && !wasm_only && BROWSER_CRATES.iter().any(|krate| name == *krate) {
            misplaced.push(format!("{section} {line}"));
        }
    }
    assert!(
        misplaced.is_empty(),
        "browser crates outside the wasm32 target tables:\n{}",
        misplaced.join("\n")
    );
}

#[test]
fn scanner_finds_code_and_ignores_comments_and_strings() {
    let source = r####"
// Instant::now in a comment is fine, and so is yew.
/* thread_rng() /* nested */ getrandom */
let a = "SystemTime::now and web_sys in a string";
let b = r#"RandomState in a raw string"#;
let c = '"'; let life: &'static str = "x";
let t = std::time::Instant :: now();
use web_sys::Window;
let r = rand::thread_rng();
let ok = my_yew_helper + MyInstant::now() + yewish;
#[wasm_bindgen]
let s = std::collections::hash_map::RandomState::new();
let g = gloo_timers::Timeout::new;
"####;
    let hits = scan(source, &BROWSER_CRATES, &IMPURE_PATHS);
    let summary: Vec<(usize, &str)> = hits.iter().map(|h| (h.line, h.what.as_str())).collect();
    assert_eq!(
        summary,
        vec![
            (7, "Instant::now"),
            (8, "web_sys"),
            (9, "thread_rng"),
            (11, "wasm_bindgen"),
            (12, "RandomState"),
            (13, "gloo_timers"),
        ]
    );
}
