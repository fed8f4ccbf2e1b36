//! The manifest editor pane.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::ui::layout::Pane;
use crate::ui::state::Msg;

/// The editor's text and where its changes go.
#[derive(Properties, PartialEq)]
pub struct EditorPaneProps {
    /// The manifest text.
    pub manifest: AttrValue,
    /// Receives edits and Apply.
    pub dispatch: Callback<Msg>,
}

/// A plain-text YAML editor with an Apply button.
#[function_component(EditorPane)]
pub fn editor_pane(props: &EditorPaneProps) -> Html {
    let oninput = props.dispatch.reform(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        Msg::EditManifest(area.value())
    });
    let onapply = props.dispatch.reform(|_: MouseEvent| Msg::Apply);
    let lines = props.manifest.lines().count();
    let actions = html! {
        <button type="button" class="button button--primary" onclick={onapply}>{"Apply"}</button>
    };

    html! {
        <Pane
            heading_id="editor-title"
            title="Manifest"
            test_id="yaml-editor-pane"
            class="pane--editor"
            meta="statefulset.yaml"
            {actions}
        >
            <label class="visually-hidden" for="manifest-input">{"StatefulSet manifest (YAML)"}</label>
            <textarea
                id="manifest-input"
                class="editor"
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                wrap="off"
                value={props.manifest.clone()}
                {oninput}
            />
            <div class="pane__status">
                <span>{"YAML"}</span>
                <span>{format!("{lines} lines")}</span>
            </div>
        </Pane>
    }
}
