//! The workspace files behind the editor's tabs: edit, open, new, rename, delete, import and
//! the Examples menu.

use super::{Model, Msg, Notice};
use crate::paths::normalize;
use crate::session::examples;
use crate::session::persist::payload::{MAX_FILE, MAX_FILES, valid_path};

/// The text a new file starts with.
const NEW_FILE: &str = "# A new manifest. Type a key and press Ctrl+Space for suggestions.\n";

impl Model {
    /// Handles the workspace messages; returns whether anything visible changed.
    pub(super) fn update_workspace(&mut self, msg: Msg) -> bool {
        match msg {
            Msg::EditFile(path, text) => {
                if !self.term.session.files.contains_key(&path) || text.len() > MAX_FILE {
                    return false;
                }
                self.term.session.files.insert(path, text);
                self.dirty = true;
            }
            Msg::OpenFile(path) => {
                if !self.term.session.files.contains_key(&path) {
                    return false;
                }
                self.open = Some(path);
            }
            Msg::NewFile => {
                if let Some(path) = self.add_file("untitled.yaml", NEW_FILE) {
                    self.open = Some(path);
                }
            }
            Msg::RenameFile(from, to) => return self.rename(&from, &to),
            Msg::DeleteFile(path) => {
                if self.term.session.files.remove(&path).is_none() {
                    return false;
                }
                if self.open.as_deref() == Some(path.as_str()) {
                    self.open = self.term.session.files.keys().next().cloned();
                }
                self.dirty = true;
            }
            Msg::ImportFile(name, text) => {
                if text.len() > MAX_FILE {
                    self.notice = Some(Notice {
                        error: true,
                        text: format!("{name} is larger than 256 KB, too large to open here."),
                    });
                    return true;
                }
                let base = name.rsplit(['/', '\\']).next().unwrap_or("imported.yaml");
                if let Some(path) = self.add_file(base, &text) {
                    self.open = Some(path);
                }
            }
            Msg::LoadExample(index) => self.add_example(index),
            _ => return false,
        }
        true
    }

    /// Adds an example's files (renaming any that clash with different content) and opens the
    /// first.
    pub(super) fn add_example(&mut self, index: usize) {
        let Some(example) = examples::ALL.get(index) else {
            return;
        };
        let mut first = None;
        for (path, text) in example.files {
            let added = if self.term.session.files.get(*path).map(String::as_str) == Some(*text) {
                Some(path.to_string())
            } else {
                self.add_file(path, text)
            };
            first = first.or(added);
        }
        if first.is_some() {
            self.open = first;
        }
        self.dirty = true;
    }

    /// Adds a file under a free name based on `name`; returns its path.
    fn add_file(&mut self, name: &str, text: &str) -> Option<String> {
        let files = &mut self.term.session.files;
        if files.len() >= MAX_FILES {
            self.notice = Some(Notice {
                error: true,
                text: format!("The workspace holds at most {MAX_FILES} files."),
            });
            return None;
        }
        let wanted = normalize("/", name);
        let (stem, ext) = match wanted.rsplit_once('.') {
            Some((stem, ext)) if !stem.ends_with('/') => (stem.to_string(), format!(".{ext}")),
            _ => (wanted.clone(), String::new()),
        };
        let path = (1..=MAX_FILES + 1)
            .map(|n| {
                if n == 1 {
                    wanted.clone()
                } else {
                    format!("{stem}-{n}{ext}")
                }
            })
            .find(|p| !files.contains_key(p) && valid_path(p))?;
        files.insert(path.clone(), text.to_string());
        self.dirty = true;
        Some(path)
    }

    fn rename(&mut self, from: &str, to: &str) -> bool {
        let target = normalize("/", to.trim());
        let problem = if !valid_path(&target) {
            Some(format!("\"{}\" cannot be used as a file name.", to.trim()))
        } else if target != from && self.term.session.files.contains_key(&target) {
            Some(format!(
                "{} already exists.",
                target.trim_start_matches('/')
            ))
        } else {
            None
        };
        if let Some(text) = problem {
            self.notice = Some(Notice { error: true, text });
            return true;
        }
        let Some(text) = self.term.session.files.remove(from) else {
            return false;
        };
        self.term.session.files.insert(target.clone(), text);
        if self.open.as_deref() == Some(from) {
            self.open = Some(target);
        }
        self.dirty = true;
        true
    }
}
