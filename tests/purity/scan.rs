//! A small Rust source scanner: code without comments and literals, identifiers and paths in
//! it, and the crate's files.

use std::fs;
use std::path::{Path, PathBuf};

/// One forbidden name found in code.
#[derive(Debug, PartialEq)]
pub struct Hit {
    /// The 1-based line.
    pub line: usize,
    /// The name found.
    pub what: String,
}

/// Replaces comments and the contents of string and char literals with spaces, keeping newlines,
/// so that line numbers survive and only code is searched.
pub fn code_only(source: &str) -> String {
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
pub fn raw_string_start(chars: &[char], i: usize) -> Option<usize> {
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
pub fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

pub fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Removes whitespace around `::` so `Instant :: now` reads as `Instant::now`.
pub fn tighten_paths(line: &str) -> String {
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
pub fn contains_name(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(pos, _)| {
        let before = haystack[..pos].chars().next_back();
        let after = haystack[pos + needle.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Every identifier in a line of code.
pub fn identifiers(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !is_ident(c))
        .filter(|word| !word.is_empty())
}

/// Scans source text for forbidden identifiers (exact, or `name_*` crates) and forbidden paths.
pub fn scan(source: &str, crates: &[&str], paths: &[&str]) -> Vec<Hit> {
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
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
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

/// The product's code before its test module (test modules sit at the end of each file).
pub fn before_tests(source: &str) -> &str {
    source
        .find("#[cfg(test)]")
        .map_or(source, |at| source.get(..at).unwrap_or(source))
}
