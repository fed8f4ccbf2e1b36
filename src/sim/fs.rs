//! File stores: each persistent volume and each container's writable layer owns one. Paths are absolute
//! and normalised; directories are explicit so that `ls` and `mkdir -p` behave.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::paths::parent;

/// One entry of a file store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    /// A directory.
    Dir,
    /// A regular file with its contents.
    File(String),
}

/// A file store: normalised absolute path to entry. The root `/` always exists implicitly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fs {
    entries: BTreeMap<String, Entry>,
}

impl Fs {
    /// The entry at a normalised path.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        if path == "/" {
            return Some(&Entry::Dir);
        }
        self.entries.get(path)
    }

    /// Whether a directory exists at the path.
    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.get(path), Some(Entry::Dir))
    }

    /// The contents of the file at the path.
    pub fn read(&self, path: &str) -> Option<&str> {
        match self.get(path) {
            Some(Entry::File(s)) => Some(s),
            _ => None,
        }
    }

    /// Creates every missing directory along `path` (like `mkdir -p`).
    pub fn mkdir_p(&mut self, path: &str) {
        let mut current = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            current.push('/');
            current.push_str(part);
            self.entries.entry(current.clone()).or_insert(Entry::Dir);
        }
    }

    /// Writes (or with `append` appends to) a file, creating parent directories.
    pub fn write(&mut self, path: &str, content: &str, append: bool) {
        self.mkdir_p(parent(path));
        match self.entries.get_mut(path) {
            Some(Entry::File(existing)) if append => existing.push_str(content),
            _ => {
                self.entries
                    .insert(path.to_string(), Entry::File(content.to_string()));
            }
        }
    }

    /// Removes an entry and, for a directory, everything below it; returns whether anything was removed.
    pub fn remove(&mut self, path: &str) -> bool {
        let prefix = format!("{path}/");
        let before = self.entries.len();
        self.entries
            .retain(|k, _| k != path && !k.starts_with(&prefix));
        self.entries.len() != before
    }

    /// The names directly inside a directory, sorted.
    pub fn list(&self, dir: &str) -> Vec<(String, Entry)> {
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        self.entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| !k[prefix.len()..].contains('/'))
            .map(|(k, v)| (k[prefix.len()..].to_string(), v.clone()))
            .collect()
    }

    /// Total bytes stored in files, for `df`.
    pub fn used_bytes(&self) -> usize {
        self.entries
            .values()
            .map(|e| match e {
                Entry::File(s) => s.len(),
                Entry::Dir => 0,
            })
            .sum()
    }

    /// Every entry below `dir` (recursively), for copying a store or showing it in the page.
    pub fn walk(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_creates_parents_and_append_appends() {
        let mut fs = Fs::default();
        fs.write("/data/logs/app.log", "one\n", false);
        fs.write("/data/logs/app.log", "two\n", true);
        assert!(fs.is_dir("/data/logs"));
        assert_eq!(fs.read("/data/logs/app.log"), Some("one\ntwo\n"));
        fs.write("/data/logs/app.log", "three\n", false);
        assert_eq!(fs.read("/data/logs/app.log"), Some("three\n"));
    }

    #[test]
    fn list_shows_direct_children_only_and_remove_is_recursive() {
        let mut fs = Fs::default();
        fs.write("/a/x", "1", false);
        fs.write("/a/b/y", "2", false);
        fs.write("/ab", "3", false);
        let names: Vec<String> = fs.list("/a").into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, vec!["b", "x"]);
        assert!(fs.remove("/a"));
        assert!(fs.get("/a/b/y").is_none());
        assert_eq!(fs.read("/ab"), Some("3"));
        assert_eq!(fs.used_bytes(), 1);
    }
}
