//! The terminal prompt's keys: Enter runs, Ctrl+C interrupts, Ctrl+L clears, Up and Down
//! browse history, Tab completes (Escape first lets Tab move on).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::session::editor::text::{byte_of_utf16, utf16_of_byte};
use crate::session::shell_complete::{Names, common_prefix, complete};
use crate::session::state::{Msg, Shared};

/// What the prompt's keys act on.
#[derive(Clone)]
pub struct Prompt {
    /// The line being typed, as rendered.
    pub draft: UseStateHandle<String>,
    /// Position while browsing history (None: editing a new line).
    pub browsing: Rc<RefCell<Option<usize>>>,
    /// The new line, kept while browsing history.
    pub stash: Rc<RefCell<String>>,
    /// Whether the previous key was Escape.
    pub escaped: Rc<RefCell<bool>>,
    /// Earlier commands, oldest first.
    pub history: Shared<Vec<String>>,
    /// Whether a command is running.
    pub running: bool,
    /// Gathers the names Tab can complete.
    pub names: Callback<(), Names>,
    /// Receives commands, Ctrl+C and Ctrl+L.
    pub dispatch: Callback<Msg>,
}

/// The prompt's keydown handler.
pub fn on_keydown(prompt: Prompt) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let ctrl = e.ctrl_key() || e.meta_key();
        let was_escaped = std::mem::replace(&mut *prompt.escaped.borrow_mut(), false);
        match e.key().as_str() {
            // While a command runs the line is kept and runs when it ends (type-ahead).
            "Enter" => {
                e.prevent_default();
                prompt.dispatch.emit(Msg::RunLine(input.value()));
                prompt.clear(&input);
            }
            "c" | "C" if e.ctrl_key() => prompt.interrupt(&e, &input),
            "l" | "L" if e.ctrl_key() => {
                e.prevent_default();
                prompt.dispatch.emit(Msg::ClearTerminal);
            }
            "ArrowUp" | "ArrowDown" if !ctrl => {
                e.prevent_default();
                prompt.browse(e.key() == "ArrowUp", &input);
            }
            "Escape" => *prompt.escaped.borrow_mut() = true,
            // Tab completes when there is something to complete; otherwise it moves on.
            "Tab"
                if !was_escaped && !e.shift_key() && !ctrl && !input.value().trim().is_empty() =>
            {
                e.prevent_default();
                prompt.complete(&input);
            }
            _ => {}
        }
    })
}

impl Prompt {
    /// Empties the prompt and leaves history.
    fn clear(&self, input: &HtmlInputElement) {
        self.draft.set(String::new());
        input.set_value("");
        *self.browsing.borrow_mut() = None;
    }

    /// Ctrl+C stops a running command, or abandons the line; with text selected at an idle
    /// prompt it copies instead.
    fn interrupt(&self, e: &KeyboardEvent, input: &HtmlInputElement) {
        let selected =
            input.selection_start().ok().flatten() != input.selection_end().ok().flatten();
        if selected && !self.running {
            return; // Let the browser copy the selection.
        }
        e.prevent_default();
        self.dispatch.emit(Msg::Interrupt(if self.running {
            String::new()
        } else {
            input.value()
        }));
        self.clear(input);
    }

    /// Up recalls the previous command, Down the next, and Down past the newest brings back
    /// the line that was being typed.
    fn browse(&self, up: bool, input: &HtmlInputElement) {
        let len = self.history.len();
        if len == 0 {
            return;
        }
        let current = *self.browsing.borrow();
        let next = match (up, current) {
            (true, None) => {
                *self.stash.borrow_mut() = input.value();
                Some(len - 1)
            }
            (true, Some(i)) => Some(i.saturating_sub(1)),
            (false, Some(i)) if i + 1 < len => Some(i + 1),
            _ => None,
        };
        *self.browsing.borrow_mut() = next;
        let text = match next {
            Some(i) => self.history.get(i).cloned().unwrap_or_default(),
            None => self.stash.borrow().clone(),
        };
        input.set_value(&text);
        self.draft.set(text);
    }

    /// Completes the word before the caret: one candidate is inserted with a space, several
    /// extend to their common prefix, or are listed when that adds nothing.
    fn complete(&self, input: &HtmlInputElement) {
        let value = input.value();
        let caret = input
            .selection_start()
            .ok()
            .flatten()
            .map_or(value.len(), |c| byte_of_utf16(&value, c));
        let head = value.get(..caret).unwrap_or(&value).to_string();
        let tail = value.get(caret..).unwrap_or("").to_string();
        let (start, candidates) = complete(&head, &self.names.emit(()));
        let word = head.get(start..).unwrap_or("");
        let replacement = match candidates.as_slice() {
            [] => return,
            [only] => format!("{only} "),
            many => {
                let prefix = common_prefix(many);
                if prefix.len() > word.len() {
                    prefix
                } else {
                    self.dispatch
                        .emit(Msg::ShowOptions(value.clone(), many.to_vec()));
                    return;
                }
            }
        };
        let next = format!("{}{replacement}{tail}", head.get(..start).unwrap_or(""));
        input.set_value(&next);
        let at = utf16_of_byte(&next, start + replacement.len());
        let _ = input.set_selection_range(at, at);
        self.draft.set(next);
    }
}
