//! The terminal pane: scrollback above, a prompt below, with history, Tab completion, Ctrl+C
//! and Ctrl+L.

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::session::shell_complete::{Names, common_prefix, complete};
use crate::session::state::lines::{LineKind, TermLine};
use crate::session::state::{Msg, Shared};
use crate::ui::layout::Pane;

/// What the terminal shows and where input goes.
#[derive(Properties, PartialEq)]
pub struct TerminalPaneProps {
    /// Scrollback.
    pub lines: Shared<Vec<TermLine>>,
    /// Earlier commands, oldest first.
    pub history: Shared<Vec<String>>,
    /// The prompt.
    pub prompt: AttrValue,
    /// Whether a command is running.
    pub running: bool,
    /// Whether virtual time is paused (a running command then waits too).
    pub paused: bool,
    /// Gathers the names Tab can complete.
    pub names: Callback<(), Names>,
    /// Receives commands, Ctrl+C and Ctrl+L.
    pub dispatch: Callback<Msg>,
}

/// The terminal pane.
#[function_component(TerminalPane)]
pub fn terminal_pane(props: &TerminalPaneProps) -> Html {
    let log_ref = use_node_ref();
    let input_ref = use_node_ref();
    let draft = use_state(String::new);
    // Position while browsing history (None: editing a new line), and the line being edited.
    let browsing = use_mut_ref(|| None::<usize>);
    let stash = use_mut_ref(String::new);
    let escaped = use_mut_ref(|| false);

    // Follow the newest output, unless the learner scrolled up to read.
    {
        let log_ref = log_ref.clone();
        use_effect_with(props.lines.clone(), move |_| {
            if let Some(log) = log_ref.cast::<Element>() {
                log.set_scroll_top(log.scroll_height());
            }
        });
    }

    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
        })
    };

    let onkeydown = {
        let (draft, browsing, stash, escaped) = (
            draft.clone(),
            browsing.clone(),
            stash.clone(),
            escaped.clone(),
        );
        let (dispatch, history, running, names) = (
            props.dispatch.clone(),
            props.history.clone(),
            props.running,
            props.names.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), false);
            match key.as_str() {
                "Enter" if !running => {
                    e.prevent_default();
                    dispatch.emit(Msg::RunLine(input.value()));
                    draft.set(String::new());
                    input.set_value("");
                    *browsing.borrow_mut() = None;
                }
                "Enter" => e.prevent_default(),
                "c" | "C" if e.ctrl_key() => {
                    let selected = input.selection_start().ok().flatten()
                        != input.selection_end().ok().flatten();
                    if selected && !running {
                        return; // Let the browser copy the selection.
                    }
                    e.prevent_default();
                    dispatch.emit(Msg::Interrupt(if running {
                        String::new()
                    } else {
                        input.value()
                    }));
                    draft.set(String::new());
                    input.set_value("");
                    *browsing.borrow_mut() = None;
                }
                "l" | "L" if e.ctrl_key() => {
                    e.prevent_default();
                    dispatch.emit(Msg::ClearTerminal);
                }
                "ArrowUp" | "ArrowDown" if !ctrl => {
                    e.prevent_default();
                    let len = history.len();
                    if len == 0 {
                        return;
                    }
                    let current = *browsing.borrow();
                    let next = match (key.as_str(), current) {
                        ("ArrowUp", None) => {
                            *stash.borrow_mut() = input.value();
                            Some(len - 1)
                        }
                        ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                        ("ArrowDown", Some(i)) if i + 1 < len => Some(i + 1),
                        _ => None,
                    };
                    *browsing.borrow_mut() = next;
                    let text = match next {
                        Some(i) => history.get(i).cloned().unwrap_or_default(),
                        None => stash.borrow().clone(),
                    };
                    input.set_value(&text);
                    draft.set(text);
                }
                "Escape" => *escaped.borrow_mut() = true,
                // Tab completes when there is something to complete; otherwise it moves on.
                "Tab"
                    if !was_escaped
                        && !e.shift_key()
                        && !ctrl
                        && !input.value().trim().is_empty() =>
                {
                    e.prevent_default();
                    let value = input.value();
                    let caret = input
                        .selection_start()
                        .ok()
                        .flatten()
                        .map_or(value.len(), |c| {
                            crate::session::editor::text::byte_of_utf16(&value, c)
                        });
                    let head = value.get(..caret).unwrap_or(&value).to_string();
                    let tail = value.get(caret..).unwrap_or("").to_string();
                    let (start, candidates) = complete(&head, &names.emit(()));
                    let word = head.get(start..).unwrap_or("");
                    let replacement = match candidates.as_slice() {
                        [] => return,
                        [only] => format!("{only} "),
                        many => {
                            let prefix = common_prefix(many);
                            if prefix.len() > word.len() {
                                prefix
                            } else {
                                dispatch.emit(Msg::ShowOptions(value.clone(), many.to_vec()));
                                return;
                            }
                        }
                    };
                    let next = format!("{}{replacement}{tail}", head.get(..start).unwrap_or(""));
                    input.set_value(&next);
                    let at = crate::session::editor::text::utf16_of_byte(
                        &next,
                        start + replacement.len(),
                    );
                    let _ = input.set_selection_range(at, at);
                    draft.set(next);
                }
                _ => {}
            }
        })
    };

    let onclear = props.dispatch.reform(|_: MouseEvent| Msg::ClearTerminal);
    let focus_input = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting && let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        })
    };
    let actions = html! {
        <button type="button" class="button button--quiet" onclick={onclear} title="Clear the screen (Ctrl+L)">{"Clear"}</button>
    };
    let status = if props.running && props.paused {
        "Running, but time is paused: press Play (or Space) to let it continue. Ctrl+C stops it."
    } else if props.running {
        "Running… Ctrl+C stops it."
    } else {
        ""
    };

    html! {
        <Pane heading_id="terminal-title" title="Terminal" test_id="terminal-pane" class="pane--terminal" meta="kubectl" {actions}>
            <div class="terminal" onclick={focus_input}>
                <div class="terminal__log" role="log" aria-live="polite" aria-label="Terminal output"
                    data-testid="terminal-output" tabindex="0" ref={log_ref}>
                    { for props.lines.iter().map(line) }
                </div>
                if !status.is_empty() {
                    <p class="terminal__status" role="status">{status}</p>
                }
                <div class="terminal__prompt">
                    <span class="terminal__sigil" aria-hidden="true">{props.prompt.trim_end().to_string()}</span>
                    <input
                        ref={input_ref}
                        class="terminal__input"
                        data-testid="terminal-input"
                        type="text"
                        aria-label="Terminal command"
                        aria-describedby="terminal-help"
                        placeholder={if props.running || props.prompt.as_str() != "$ " { "" } else { "kubectl get pods" }}
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        value={(*draft).clone()}
                        {oninput}
                        {onkeydown}
                    />
                </div>
                <p id="terminal-help" class="visually-hidden">
                    {"Enter runs the command. Up and Down recall earlier commands. Tab completes; press Escape, then Tab, to move on. Control C stops a running command; Control L clears the screen."}
                </p>
            </div>
        </Pane>
    }
}

/// Renders one scrollback line.
fn line(line: &TermLine) -> Html {
    match &line.kind {
        LineKind::Input(prompt) => html! {
            <div key={line.id} class="terminal__line terminal__line--input">
                <span class="terminal__sigil" aria-hidden="true">{prompt.clone()}</span>{line.text.clone()}
            </div>
        },
        LineKind::Output => html! { <div class="terminal__line">{line.text.clone()}</div> },
        LineKind::Notice => {
            html! { <div class="terminal__line terminal__line--notice">{line.text.clone()}</div> }
        }
    }
}
