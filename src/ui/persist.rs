//! Keeping the session in the browser: autosave in localStorage and share links in the URL hash,
//! both the packed payload of [`crate::session::persist`]; the lessons' progress and lesson links.

pub use crate::session::persist::*;

use crate::session::lesson::link::{LessonLink, parse_link};
use crate::session::lesson::progress::Progress;
use crate::session::persist::payload::Payload;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The autosaved session, if there is one: `Some(Err)` when it cannot be read.
pub fn load_saved() -> Option<Result<Payload, String>> {
    let packed = storage()?.get_item(SESSION_KEY).ok().flatten()?;
    Some(unpack(&packed))
}

/// Saves the session; false when the browser refuses (private mode, quota).
pub fn save(payload: &Payload) -> bool {
    storage().is_some_and(|s| s.set_item(SESSION_KEY, &pack(payload)).is_ok())
}

/// Forgets the autosaved session.
pub fn clear_saved() {
    if let Some(s) = storage() {
        let _ = s.remove_item(SESSION_KEY);
    }
}

/// Reads a small preference.
pub fn load_pref(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a small preference (best effort).
pub fn save_pref(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The session packed into the page's URL hash, if the page was opened from a share link.
pub fn linked_session() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix(HASH_PREFIX).map(str::to_string)
}

/// Removes the share link's hash from the address bar (so a reload uses the autosave).
pub fn clear_link() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

/// A link that opens this session.
pub fn share_url(payload: &Payload) -> Option<String> {
    let location = web_sys::window()?.location();
    let origin = location.origin().ok()?;
    let path = location.pathname().ok()?;
    Some(format!("{origin}{path}{HASH_PREFIX}{}", pack(payload)))
}

/// The lessons' saved progress (a fresh one when there is none or it cannot be read).
pub fn load_progress() -> Progress {
    Progress::from_json(&load_pref(LESSONS_KEY).unwrap_or_default())
}

/// Saves the lessons' progress as JSON (best effort).
pub fn save_progress(json: &str) {
    save_pref(LESSONS_KEY, json);
}

/// The lesson a `#lesson=ID&step=N` link in the address asks for, if the page was opened from one.
pub fn lesson_link() -> Option<Result<LessonLink, String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    parse_link(&hash)
}
