//! The terminal pane: history above, a prompt below.

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::ui::layout::Pane;
use crate::ui::state::{LineKind, Msg, TerminalLine};

/// The terminal's history, the prompt's text and where input goes.
#[derive(Properties, PartialEq)]
pub struct TerminalPaneProps {
    /// History, oldest first.
    pub lines: Vec<TerminalLine>,
    /// The prompt's text.
    pub draft: AttrValue,
    /// Receives typing, Enter and Clear.
    pub dispatch: Callback<Msg>,
}

/// A kubectl prompt with scrolling history.
#[function_component(TerminalPane)]
pub fn terminal_pane(props: &TerminalPaneProps) -> Html {
    let log_ref = use_node_ref();

    // Keep the newest line in view whenever history grows.
    {
        let log_ref = log_ref.clone();
        use_effect_with(props.lines.len(), move |_| {
            if let Some(log) = log_ref.cast::<Element>() {
                log.set_scroll_top(log.scroll_height());
            }
        });
    }

    let oninput = props.dispatch.reform(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        Msg::EditDraft(input.value())
    });
    let onsubmit = props.dispatch.reform(|event: SubmitEvent| {
        event.prevent_default();
        Msg::SubmitDraft
    });
    let onclear = props.dispatch.reform(|_: MouseEvent| Msg::ClearTerminal);
    let actions = html! {
        <button type="button" class="button button--quiet" onclick={onclear}>{"Clear"}</button>
    };

    html! {
        <Pane
            heading_id="terminal-title"
            title="Terminal"
            test_id="terminal-pane"
            class="pane--terminal"
            meta="kubectl"
            {actions}
        >
            <div class="terminal">
                <div class="terminal__log" role="log" aria-live="polite" aria-label="Terminal output" tabindex="0" ref={log_ref}>
                    { for props.lines.iter().map(line) }
                </div>
                <form class="terminal__prompt" {onsubmit}>
                    <label for="terminal-input" class="terminal__sigil">{"$"}</label>
                    <input
                        id="terminal-input"
                        class="terminal__input"
                        type="text"
                        aria-label="kubectl command"
                        placeholder="kubectl get pods"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        value={props.draft.clone()}
                        {oninput}
                    />
                </form>
            </div>
        </Pane>
    }
}

/// Renders one history line with its prompt or notice styling.
fn line(line: &TerminalLine) -> Html {
    match line.kind {
        LineKind::Input => html! {
            <div class="terminal__line terminal__line--input">
                <span class="terminal__sigil" aria-hidden="true">{"$ "}</span>{line.text.clone()}
            </div>
        },
        LineKind::Output => html! {
            <div class="terminal__line">{line.text.clone()}</div>
        },
        LineKind::Notice => html! {
            <div class="terminal__line terminal__line--notice">{line.text.clone()}</div>
        },
    }
}
