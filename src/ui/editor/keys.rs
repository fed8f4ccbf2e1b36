//! The code editor's keys: moving through and accepting completions, Ctrl+Enter to apply,
//! Ctrl+Space to suggest, and Tab to indent (Escape first lets Tab leave the editor).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::assist::{Open, Tip, caret, replace};
use super::complete::complete;
use super::text::{byte_of_utf16, indent_lines, utf16_of_byte};

/// Opens the completion list at the caret (`true`: even with nothing typed yet).
pub type Suggest = Callback<(HtmlTextAreaElement, bool)>;
/// Inserts the completion list's entry at an index and closes the list.
pub type Accept = Callback<(HtmlTextAreaElement, usize)>;

/// What the editor's keys act on.
pub struct Keys {
    /// The open completion list.
    pub open: UseStateHandle<Option<Open>>,
    /// The tooltip, hidden by any key.
    pub tip: UseStateHandle<Option<Tip>>,
    /// Whether the previous key was Escape.
    pub escaped: Rc<RefCell<bool>>,
    /// Accepts a completion.
    pub accept: Accept,
    /// Opens the completion list.
    pub suggest: Suggest,
    /// Ctrl/Cmd+Enter.
    pub on_apply: Callback<()>,
    /// Receives the new text.
    pub on_edit: Callback<String>,
}

/// The suggest callback: completes at the caret, or closes the list when nothing fits.
pub fn suggest(open: UseStateHandle<Option<Open>>) -> Suggest {
    Callback::from(move |(area, forced): (HtmlTextAreaElement, bool)| {
        let text = area.value();
        let at = caret(&area, &text);
        match complete(&text, at, forced) {
            Some(completion) => open.set(Some(Open {
                completion,
                active: 0,
            })),
            None => open.set(None),
        }
    })
}

/// The accept callback: replaces the completed word with the chosen entry.
pub fn accept(open: UseStateHandle<Option<Open>>, on_edit: Callback<String>) -> Accept {
    Callback::from(move |(area, index): (HtmlTextAreaElement, usize)| {
        if let Some(current) = (*open).clone()
            && let Some(item) = current.completion.items.get(index)
        {
            replace(
                &area,
                current.completion.from,
                current.completion.to,
                &item.insert,
                &on_edit,
            );
        }
        open.set(None);
    })
}

/// The textarea's keydown handler.
pub fn on_keydown(keys: Keys) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        let was_escaped = std::mem::replace(&mut *keys.escaped.borrow_mut(), false);
        keys.tip.set(None);
        if !completion_key(&keys, &event, &area) {
            editor_key(&keys, &event, area, was_escaped);
        }
    })
}

/// Arrows, Enter, Tab and Escape while the completion list is open; true when the key was used.
fn completion_key(keys: &Keys, event: &KeyboardEvent, area: &HtmlTextAreaElement) -> bool {
    let Some(current) = (*keys.open).clone() else {
        return false;
    };
    let key = event.key();
    let modifier = event.ctrl_key() || event.meta_key();
    let count = current.completion.items.len().max(1);
    match key.as_str() {
        "ArrowDown" | "ArrowUp" => {
            let step = if key == "ArrowDown" { 1 } else { count - 1 };
            keys.open.set(Some(Open {
                active: (current.active + step) % count,
                ..current
            }));
        }
        "Enter" | "Tab" if !modifier => keys.accept.emit((area.clone(), current.active)),
        "Escape" => keys.open.set(None),
        _ => return false,
    }
    event.prevent_default();
    true
}

/// The editor's own keys when no completion took them.
fn editor_key(keys: &Keys, event: &KeyboardEvent, area: HtmlTextAreaElement, was_escaped: bool) {
    let modifier = event.ctrl_key() || event.meta_key();
    match event.key().as_str() {
        "Enter" if modifier => {
            event.prevent_default();
            keys.on_apply.emit(());
        }
        " " if event.ctrl_key() => {
            event.prevent_default();
            keys.suggest.emit((area, true));
        }
        "Escape" => {
            // The next Tab leaves the editor instead of indenting (no keyboard trap).
            *keys.escaped.borrow_mut() = true;
        }
        "Tab" if !was_escaped && !modifier && !event.alt_key() => {
            event.prevent_default();
            indent(&area, event.shift_key(), &keys.on_edit);
        }
        _ => {}
    }
}

/// Tab at a bare caret inserts two spaces; over a selection, or with Shift, it indents or
/// outdents the selected lines and keeps them selected.
fn indent(area: &HtmlTextAreaElement, outdent: bool, on_edit: &Callback<String>) {
    let text = area.value();
    let start = byte_of_utf16(&text, area.selection_start().ok().flatten().unwrap_or(0));
    let end = byte_of_utf16(&text, area.selection_end().ok().flatten().unwrap_or(0));
    if start == end && !outdent {
        replace(area, start, end, "  ", on_edit);
    } else {
        let (next, s, e) = indent_lines(&text, start, end, outdent);
        area.set_value(&next);
        let _ = area.set_selection_range(utf16_of_byte(&next, s), utf16_of_byte(&next, e));
        on_edit.emit(next);
    }
}
