//! The terminal pane: scrollback above, a prompt below, with history, Tab completion, Ctrl+C
//! and Ctrl+L.

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::terminal_keys::{Prompt, on_keydown};
use crate::session::shell_complete::Names;
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
    /// Lines typed while it runs, waiting their turn.
    #[prop_or_default]
    pub queued: Vec<String>,
    /// Whether virtual time is paused (a running command then waits too).
    pub paused: bool,
    /// Whether time holds for the lesson's question (a running command waits for the answer).
    #[prop_or_default]
    pub holding: bool,
    /// Gathers the names Tab can complete.
    pub names: Callback<(), Names>,
    /// Receives commands, Ctrl+C and Ctrl+L.
    pub dispatch: Callback<Msg>,
}

/// Follows the newest output, unless the learner scrolled up to read.
#[hook]
fn use_follow_output(lines: &Shared<Vec<TermLine>>, queued: usize) -> NodeRef {
    let log_ref = use_node_ref();
    {
        let log_ref = log_ref.clone();
        use_effect_with((lines.clone(), queued), move |_| {
            if let Some(log) = log_ref.cast::<Element>() {
                log.set_scroll_top(log.scroll_height());
            }
        });
    }
    log_ref
}

/// The prompt's state: the draft line, the place in history and whether Escape came first.
#[hook]
fn use_prompt(props: &TerminalPaneProps) -> Prompt {
    Prompt {
        draft: use_state(String::new),
        browsing: use_mut_ref(|| None::<usize>),
        stash: use_mut_ref(String::new),
        escaped: use_mut_ref(|| false),
        history: props.history.clone(),
        running: props.running,
        names: props.names.clone(),
        dispatch: props.dispatch.clone(),
    }
}

/// A click in the terminal focuses the prompt, unless the learner is selecting text to copy.
fn focus_on_click(input_ref: NodeRef) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let selecting = web_sys::window()
            .and_then(|w| w.get_selection().ok().flatten())
            .is_some_and(|s| !s.is_collapsed());
        if !selecting && let Some(input) = input_ref.cast::<HtmlInputElement>() {
            let _ = input.focus();
        }
    })
}

/// The line under the scrollback that says a command is running (empty when none is).
fn status(running: bool, paused: bool, holding: bool) -> &'static str {
    if running && holding {
        "Running, but time holds until you answer the lesson's question. Ctrl+C stops it."
    } else if running && paused {
        "Running, but time is paused: press Play (or Space) to let it continue. Ctrl+C stops it."
    } else if running {
        "Running… Lines you type now run when it ends. Ctrl+C stops it."
    } else {
        ""
    }
}

/// The terminal pane.
#[function_component(TerminalPane)]
pub fn terminal_pane(props: &TerminalPaneProps) -> Html {
    let log_ref = use_follow_output(&props.lines, props.queued.len());
    let input_ref = use_node_ref();
    let prompt = use_prompt(props);
    let draft = prompt.draft.clone();

    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
        })
    };
    let onkeydown = on_keydown(prompt);
    let onclear = props.dispatch.reform(|_: MouseEvent| Msg::ClearTerminal);
    let focus_input = focus_on_click(input_ref.clone());
    let actions = html! {
        <button type="button" class="button button--quiet" onclick={onclear} title="Clear the screen (Ctrl+L)">{"Clear"}</button>
    };
    let status = status(props.running, props.paused, props.holding);

    html! {
        <Pane heading_id="terminal-title" title="Terminal" test_id="terminal-pane" class="pane--terminal" meta="kubectl" {actions}>
            <div class="terminal" onclick={focus_input}>
                <div class="terminal__log" role="log" aria-live="polite" aria-label="Terminal output"
                    data-testid="terminal-output" tabindex="0" ref={log_ref}>
                    { for props.lines.iter().map(line) }
                    // Type-ahead shows after the output, dimmed, as a terminal echoes it.
                    { for props.queued.iter().enumerate().map(|(i, text)| html! {
                        <div key={format!("queued-{i}")} class="terminal__line terminal__line--queued"
                            data-testid="terminal-queued" title="Runs when the current command ends">{text.clone()}</div>
                    }) }
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
