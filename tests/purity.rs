//! Guards the architecture: the core (sim, manifest, kubectl) stays pure and deterministic,
//! and only the layers allowed to touch the browser or YAML crates do so.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// The folders that must never reach for the browser, the wall clock or global randomness.
const CORE_DIRS: [&str; 3] = ["src/sim", "src/manifest", "src/kubectl"];

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

/// One forbidden name found in code.
#[derive(Debug, PartialEq)]
struct Hit {
    line: usize,
    what: String,
}

/// Replaces comments and the contents of string and char literals with spaces, keeping newlines,
/// so that line numbers survive and only code is searched.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(&chars, i) {
            // r"..." or r#"..."#: skip to a quote followed by the same number of hashes.
            let open = 1 + hashes + 1;
            out.extend(std::iter::repeat_n(' ', open));
            i += open;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    out.extend(std::iter::repeat_n(' ', 1 + hashes));
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                let step = if chars[i] == '\\' { 2 } else { 1 };
                for k in 0..step {
                    if let Some(&skipped) = chars.get(i + k) {
                        out.push(blank(skipped));
                    }
                }
                i += step;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && is_char_literal(&chars, i) {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                let step = if chars[i] == '\\' { 2 } else { 1 };
                out.extend(std::iter::repeat_n(' ', step));
                i += step;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// If a raw string literal (`r"`, `r#"`, `br"`) starts at `i`, returns its number of hashes.
fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i) != Some(&'r')
        || i.checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_some_and(|&p| is_ident(p) && p != 'b')
    {
        return None;
    }
    let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
    (chars.get(i + 1 + hashes) == Some(&'"')).then_some(hashes)
}

/// Tells a char literal (`'a'`, `'\n'`) from a lifetime (`'a`).
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Removes whitespace around `::` so `Instant :: now` reads as `Instant::now`.
fn tighten_paths(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(pos) = rest.find("::") {
        out.push_str(rest[..pos].trim_end());
        out.push_str("::");
        rest = rest[pos + 2..].trim_start();
    }
    out.push_str(rest);
    out
}

/// Finds `needle` in `haystack` as a whole name: no identifier character on either side.
fn contains_name(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(pos, _)| {
        let before = haystack[..pos].chars().next_back();
        let after = haystack[pos + needle.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Every identifier in a line of code.
fn identifiers(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !is_ident(c))
        .filter(|word| !word.is_empty())
}

/// Scans source text for forbidden identifiers (exact, or `name_*` crates) and forbidden paths.
fn scan(source: &str, crates: &[&str], paths: &[&str]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (index, line) in code_only(source).lines().enumerate() {
        let tight = tighten_paths(line);
        for ident in identifiers(line) {
            let forbidden = crates.iter().any(|name| {
                ident == *name
                    || ident
                        .strip_prefix(name)
                        .is_some_and(|rest| rest.starts_with('_'))
            });
            if forbidden {
                hits.push(Hit {
                    line: index + 1,
                    what: ident.to_string(),
                });
            }
        }
        for path in paths {
            if contains_name(&tight, path) {
                hits.push(Hit {
                    line: index + 1,
                    what: (*path).to_string(),
                });
            }
        }
    }
    hits
}

/// Every `.rs` file under `dir`, recursively, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            fs::read_dir(&current).unwrap_or_else(|e| panic!("read {}: {e}", current.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Scans every file under the given folders (relative to the crate) and formats each hit as file:line.
fn violations(dirs: &[&str], crates: &[&str], paths: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in dirs {
        let files = rust_files(&root.join(dir));
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
    let found = violations(&CORE_DIRS, &BROWSER_CRATES, &IMPURE_PATHS);
    assert!(
        found.is_empty(),
        "the core must stay pure (no browser crates, wall clock or global randomness):\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_manifest_module_names_a_yaml_crate() {
    let found = violations(&["src/sim", "src/kubectl", "src/ui"], &YAML_CRATES, &[]);
    assert!(
        found.is_empty(),
        "YAML crates belong to src/manifest only:\n{}",
        found.join("\n")
    );
}

/// The product's code before its test module (test modules sit at the end of each file).
fn before_tests(source: &str) -> &str {
    source
        .find("#[cfg(test)]")
        .map_or(source, |at| source.get(..at).unwrap_or(source))
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
