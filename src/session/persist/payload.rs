//! The saved session: seed, recorded inputs, command history and the open file. One format for
//! autosave and share links, versioned, validated before use, and migrated from older versions.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::session::state::clock::Speed;
use crate::session::state::log::Action;
use crate::session::view::inspect::Selection;

/// The version this page writes (2 added the terminal's Clear, Tab listings and Ctrl+C at the
/// prompt, ticks cut short, the speed and the selection).
pub const VERSION: u32 = 2;

/// Most recorded inputs a session may hold.
pub const MAX_ACTIONS: usize = 50_000;
/// Longest command line.
pub const MAX_LINE: usize = 8_192;
/// Most distinct workspace files.
pub const MAX_FILES: usize = 64;
/// Largest workspace file.
pub const MAX_FILE: usize = 256 * 1024;
/// Longest file path.
pub const MAX_PATH: usize = 200;
/// Most completions one Tab listing keeps.
pub const MAX_OPTIONS: usize = 1_000;
/// Longest object name in a selection.
pub const MAX_NAME: usize = 253;
/// Most remembered commands.
pub const MAX_HISTORY: usize = 500;
/// Most virtual time a session may replay: a week.
pub const MAX_VIRTUAL_MS: u64 = 7 * 24 * 3600 * 1000;

/// A whole session, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// Format version.
    pub v: u32,
    /// The cluster's seed.
    pub seed: u64,
    /// Recorded inputs, oldest first.
    pub log: Vec<Action>,
    /// Commands for ↑ and ↓, oldest first.
    #[serde(default)]
    pub history: Vec<String>,
    /// The file open in the editor.
    #[serde(default)]
    pub open: Option<String>,
    /// How fast time runs.
    #[serde(default)]
    pub speed: Option<Speed>,
    /// What the inspector shows.
    #[serde(default)]
    pub selected: Option<Selection>,
}

/// The longest prefix of `text` that fits in `max` bytes, cut between characters.
pub fn clip(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("").to_string()
}

/// Whether a workspace path is acceptable: absolute, short, printable.
pub fn valid_path(path: &str) -> bool {
    path.starts_with('/')
        && path.len() > 1
        && path.len() <= MAX_PATH
        && !path.contains("//")
        && !path.ends_with('/')
        && !path.chars().any(char::is_control)
}

/// Reads a stored session: migrates older versions, then validates.
pub fn from_json(text: &str) -> Result<Payload, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|_| "it is not a saved session".to_string())?;
    let value = migrate(value)?;
    let payload: Payload = crate::sim::api::decode_types::from_value(value)
        .map_err(|e| format!("its contents are malformed ({e})"))?;
    validate(&payload)?;
    Ok(payload)
}

/// The stored text of a session.
pub fn to_json(payload: &Payload) -> String {
    serde_json::to_string(payload).unwrap_or_default()
}

/// Brings an older stored shape up to [`VERSION`].
///
/// Version 0 (before sessions were replayable) kept only the editor text, as
/// `{"manifest": "..."}`; it becomes a session with that text in `/statefulset.yaml`.
pub fn migrate(value: Value) -> Result<Value, String> {
    let version = value.get("v").and_then(Value::as_u64);
    match version {
        Some(v) if v == u64::from(VERSION) => Ok(value),
        // Version 1 is a subset of version 2.
        Some(1) => {
            let mut value = value;
            if let Some(object) = value.as_object_mut() {
                object.insert("v".to_string(), Value::from(VERSION));
            }
            Ok(value)
        }
        Some(v) if v > u64::from(VERSION) => Err(format!(
            "it was made by a newer playground (format {v}; this page reads {VERSION})"
        )),
        None | Some(0) => {
            let manifest = value
                .get("manifest")
                .and_then(Value::as_str)
                .ok_or_else(|| "it is not a saved session".to_string())?;
            let seed = value.get("seed").and_then(Value::as_u64).unwrap_or(0);
            Ok(serde_json::json!({
                "v": VERSION,
                "seed": seed,
                "log": [{"w": ["/statefulset.yaml", manifest]}],
                "history": [],
                "open": "/statefulset.yaml",
            }))
        }
        Some(v) => Err(format!("its format {v} is unknown")),
    }
}

/// Checks the limits that keep a hostile link from freezing or flooding the page.
pub fn validate(payload: &Payload) -> Result<(), String> {
    if payload.v != VERSION {
        return Err(format!("its format {} is unknown", payload.v));
    }
    if payload.log.len() > MAX_ACTIONS {
        return Err(format!("it records more than {MAX_ACTIONS} steps"));
    }
    let mut paths = std::collections::BTreeSet::new();
    let mut total: u64 = 0;
    for action in &payload.log {
        match action {
            Action::Advance(ms) => total = total.saturating_add(*ms),
            Action::Line(line) | Action::Cancel(line) if line.len() > MAX_LINE => {
                return Err("it holds a command line that is far too long".to_string());
            }
            Action::Options(line, options)
                if line.len() > MAX_LINE
                    || options.len() > MAX_OPTIONS
                    || options.iter().any(|o| o.len() > MAX_LINE) =>
            {
                return Err("it holds a completion list that is far too long".to_string());
            }
            Action::Write(path, _) | Action::Remove(path) if !valid_path(path) => {
                return Err(format!(
                    "it names an unusable file path ({:?})",
                    truncate(path)
                ));
            }
            Action::Node(name, _)
                if name.is_empty()
                    || name.len() > 253
                    || !name.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                    }) =>
            {
                return Err("it names a node that cannot exist".to_string());
            }
            Action::Write(path, text) => {
                if text.len() > MAX_FILE {
                    return Err(format!("its file {path} is larger than 256 KB"));
                }
                paths.insert(path.clone());
            }
            _ => {}
        }
    }
    if paths.len() > MAX_FILES {
        return Err(format!("it holds more than {MAX_FILES} files"));
    }
    if total > MAX_VIRTUAL_MS {
        return Err("it runs for more than a week of virtual time".to_string());
    }
    if payload.history.len() > MAX_HISTORY || payload.history.iter().any(|h| h.len() > MAX_LINE) {
        return Err("its command history is too long".to_string());
    }
    if let Some(open) = &payload.open
        && !valid_path(open)
    {
        return Err("it opens an unusable file path".to_string());
    }
    if let Some(selected) = &payload.selected {
        let (namespace, name) = selected.names();
        if namespace.len() > MAX_NAME || name.len() > MAX_NAME {
            return Err("it selects an object with an impossible name".to_string());
        }
    }
    Ok(())
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}
