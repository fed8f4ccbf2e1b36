//! The layering rule: the crate's top-level modules stand on floors, and a module may name only
//! modules on floors below its own. Every arrow then points down: the page over the session, the
//! session over kubectl, kubectl over the container shells, those over the shell language and the
//! simulation, and everything over the YAML layer and the small helpers at the bottom.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::scan::{before_tests, code_only, rust_files};

/// The floors, top first. Modules on one floor do not name each other either (`sh` knows only its
/// host trait, and the simulation knows nothing of shells).
pub const FLOORS: [&[&str]; 7] = [
    &["ui"],
    &["session"],
    &["kubectl"],
    &["container"],
    &["sh", "sim"],
    &["manifest"],
    &["gofmt", "order", "paths"],
];

/// Items of the crate root that every module may name (the allocator switch in `lib.rs`).
const ROOT_ITEMS: [&str; 1] = ["keep_freed_memory"];

/// The floor of a top-level module, if it is one of the layered modules.
fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

/// The module path of a source file under `src/` (`src/sim/kubelet/mod.rs` is `sim::kubelet`).
pub fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_string());
        }
    }
    parts
}

/// The first identifier of each path in `text` that starts with `crate::` or climbs out of the
/// file's module with `super::`, resolved to a top-level module of the crate.
pub fn named_modules(text: &str, module: &[String]) -> BTreeSet<String> {
    let code = code_only(text);
    let tight: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let tight = tight.replace(" ::", "::").replace(":: ", "::");
    let mut found = BTreeSet::new();
    for (at, _) in tight.match_indices("crate::") {
        let before = tight[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        roots_after(&tight[at + "crate::".len()..], &mut found);
    }
    for (at, _) in tight.match_indices("super::") {
        let before = tight[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = &tight[at..];
        let mut depth = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            depth += 1;
            rest = r;
        }
        // `super` from a file's module: the parent module; climbing past the first segment
        // reaches the crate root, whose next segment is a top-level module.
        if depth >= module.len() {
            roots_after(rest, &mut found);
        }
    }
    found
}

/// Adds the top-level names that a path tail starts with: `sim::Cluster` or `{sim, order::sort}`.
fn roots_after(rest: &str, found: &mut BTreeSet<String>) {
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut start = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => start = true,
                c if start && (c.is_alphanumeric() || c == '_') => {
                    found.insert(ident_at(&group[i..]));
                    start = false;
                }
                _ => {}
            }
        }
    } else {
        let name = ident_at(rest);
        if !name.is_empty() {
            found.insert(name);
        }
    }
}

fn ident_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every arrow that does not point down, as `file: module names other`.
pub fn upward_arrows(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap_or(&file);
        let module = module_path(relative);
        let Some(own) = module.first().and_then(|m| floor_of(m)) else {
            continue;
        };
        let source = fs::read_to_string(&file).unwrap_or_default();
        // Test modules sit at the end of a file; `super::` there means the file's own module.
        for named in named_modules(before_tests(&source), &module) {
            if ROOT_ITEMS.contains(&named.as_str()) || module.first() == Some(&named) {
                continue;
            }
            match floor_of(&named) {
                Some(floor) if floor > own => {}
                Some(_) => found.push(format!(
                    "{}: `{}` names `{named}`, which is not on a floor below it",
                    relative.display(),
                    module.join("::"),
                )),
                None => found.push(format!(
                    "{}: `{}` names `{named}`, a top-level module with no floor in FLOORS",
                    relative.display(),
                    module.join("::"),
                )),
            }
        }
    }
    found
}

/// Top-level modules declared in `lib.rs` that have no floor.
pub fn unplaced_modules(lib: &str) -> Vec<String> {
    code_only(lib)
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))?;
            let name = rest.trim_end_matches(';').trim();
            (floor_of(name).is_none() && name != "native_alloc").then(|| name.to_string())
        })
        .collect()
}

#[test]
fn every_arrow_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = upward_arrows(&src);
    assert!(
        found.is_empty(),
        "a module names one on its own floor or above (see FLOORS in tests/purity/layers.rs):\n{}",
        found.join("\n")
    );
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap_or_default();
    let unplaced = unplaced_modules(&lib);
    assert!(
        unplaced.is_empty(),
        "every top-level module needs a floor in FLOORS: {unplaced:?}"
    );
}

#[test]
fn the_layer_scanner_resolves_crate_and_super_paths() {
    let module = vec!["session".to_string(), "state".to_string()];
    let source = r#"
use crate::sim::Cluster;
use crate::{kubectl::Session, order};
use super::terminal::Terminal;
use super::super::ui::app;
let s = "crate::ui::app in a string";
// crate::ui in a comment
let t = my_crate::ui::x + crate :: sh :: interp::Host;
"#;
    let named: Vec<String> = named_modules(source, &module).into_iter().collect();
    assert_eq!(named, ["kubectl", "order", "sh", "sim", "ui"]);
    // From `sim/mod.rs`, `super::` is the crate root.
    let named = named_modules("use super::kubectl::Run;", &["sim".to_string()]);
    assert!(named.contains("kubectl"));
    assert_eq!(
        module_path(Path::new("sim/kubelet/mod.rs")),
        ["sim", "kubelet"]
    );
    assert_eq!(module_path(Path::new("paths.rs")), ["paths"]);
}
