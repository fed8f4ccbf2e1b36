//! The manifest editor pane: file tabs, the code editor, its problems list and status line.

pub mod assist;
pub mod code;
pub mod files;
pub mod keys;
pub mod render;

pub use crate::session::editor::{complete, context, highlight, schema, text};

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use self::code::CodeEditor;
use self::files::{FileBar, label};
use self::render::Mark;
use crate::manifest;
use crate::session::state::Msg;
use crate::ui::layout::Pane;

/// What the editor pane shows.
#[derive(Properties, PartialEq)]
pub struct EditorPaneProps {
    /// Workspace paths, sorted.
    pub paths: Vec<String>,
    /// The open file.
    pub open: Option<String>,
    /// Its text.
    pub text: AttrValue,
    /// Receives edits, file actions and Apply.
    pub dispatch: Callback<Msg>,
}

/// Puts the caret at a 0-based line and column of the editor and focuses it.
fn jump_to(line: usize, col: usize) {
    let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("[data-testid='yaml-editor']")
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let value = area.value();
    let byte = text::byte_of_line_col(&value, line, col);
    let at = text::utf16_of_byte(&value, byte);
    let _ = area.focus();
    let _ = area.set_selection_range(at, at);
}

/// The editor pane.
#[function_component(EditorPane)]
pub fn editor_pane(props: &EditorPaneProps) -> Html {
    let marks = use_memo(props.text.clone(), |text| {
        manifest::parse(text)
            .diagnostics()
            .iter()
            .map(Mark::of)
            .collect::<Vec<_>>()
    });
    let caret_line = use_state(|| 0usize);
    let marks: Rc<Vec<Mark>> = marks;

    let on_apply = props.dispatch.reform(|_: ()| Msg::Apply);
    let on_apply_click = props.dispatch.reform(|_: MouseEvent| Msg::Apply);
    let on_edit = {
        let (dispatch, open) = (props.dispatch.clone(), props.open.clone());
        Callback::from(move |text: String| {
            if let Some(path) = open.clone() {
                dispatch.emit(Msg::EditFile(path, text));
            }
        })
    };
    let on_caret = {
        let caret_line = caret_line.clone();
        Callback::from(move |line: usize| {
            if *caret_line != line {
                caret_line.set(line);
            }
        })
    };

    let errors = marks.iter().filter(|m| m.error).count();
    let warnings = marks.len() - errors;
    let problems = marks.iter().map(|mark| {
        let (line, col) = (mark.line, mark.col);
        let onclick = Callback::from(move |_: MouseEvent| jump_to(line, col));
        html! {
            <li>
                <button type="button" class={classes!("problem", if mark.error { "problem--error" } else { "problem--warning" })} {onclick}>
                    <span class="problem__where">{format!("Ln {}, Col {}", line + 1, col + 1)}</span>
                    <span class="problem__text">{mark.message.clone()}</span>
                </button>
            </li>
        }
    });
    let caret_doc = {
        let text = props.text.as_str();
        let lines: Vec<&str> = text.split('\n').collect();
        context::key_path(&lines, *caret_line).and_then(|path| {
            schema::lookup(&context::kind_at(&lines, *caret_line), &path)
                .map(|f| format!("{}: {}", path.join("."), f.doc))
        })
    };
    let actions = html! {
        <button type="button" class="button button--primary" data-testid="apply" onclick={on_apply_click}
            disabled={props.open.is_none()} title="Apply the open file (Ctrl+Enter)">{"Apply"}</button>
    };
    let meta = props.open.as_deref().map(label).map(AttrValue::from);
    let summary = match (errors, warnings) {
        (0, 0) => "No problems".to_string(),
        (e, 0) => format!("{e} error{}", if e == 1 { "" } else { "s" }),
        (e, w) => format!(
            "{e} error{}, {w} warning{}",
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        ),
    };

    html! {
        <Pane heading_id="editor-title" title="Manifest" test_id="yaml-editor-pane" class="pane--editor" {meta} {actions}>
            <FileBar paths={props.paths.clone()} open={props.open.clone()} dispatch={props.dispatch.clone()} />
            <p id="editor-help" class="visually-hidden">
                {"Tab indents by two spaces; press Escape, then Tab, to move on. Ctrl+Enter applies the file. Ctrl+Space suggests keys and values."}
            </p>
            if let Some(path) = props.open.clone() {
                <CodeEditor path={path} text={props.text.clone()} marks={marks.clone()} {on_edit} {on_apply} {on_caret} />
            } else {
                <div class="empty"><p class="empty__text">{"No file is open. Choose New or an example."}</p></div>
            }
            <div class="problems" data-testid="problems">
                <p class="problems__summary" aria-live="polite">{summary}</p>
                if !marks.is_empty() {
                    <ul class="problems__list" aria-label="Problems">{ for problems }</ul>
                }
            </div>
            <div class="pane__status">
                <span class="status__doc">{caret_doc.unwrap_or_else(|| "YAML".to_string())}</span>
                <span>{format!("Ln {}", *caret_line + 1)}</span>
            </div>
        </Pane>
    }
}
