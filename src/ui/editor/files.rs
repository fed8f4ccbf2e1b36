//! The editor's file bar: one tab per workspace file, and New, Open, Rename, Delete and the
//! Examples menu.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::session::examples;
use crate::session::state::Msg;

/// The files and where the bar's actions go.
#[derive(Properties, PartialEq)]
pub struct FileBarProps {
    /// Workspace paths, sorted.
    pub paths: Vec<String>,
    /// The open file.
    pub open: Option<String>,
    /// Receives file messages.
    pub dispatch: Callback<Msg>,
}

/// How a path is shown: without the leading slash.
pub fn label(path: &str) -> String {
    path.trim_start_matches('/').to_string()
}

/// The tab bar and file actions.
#[function_component(FileBar)]
pub fn file_bar(props: &FileBarProps) -> Html {
    let renaming = use_state(|| None::<String>);
    let confirm_delete = use_state(|| false);
    let examples_open = use_state(|| false);
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);

    let tabs = props.paths.iter().map(|path| {
        let selected = props.open.as_deref() == Some(path.as_str());
        let onclick = {
            let (dispatch, path, confirm_delete) = (props.dispatch.clone(), path.clone(), confirm_delete.clone());
            Callback::from(move |_: MouseEvent| {
                confirm_delete.set(false);
                dispatch.emit(Msg::OpenFile(path.clone()));
            })
        };
        if selected
            && let Some(draft) = (*renaming).clone() {
                let oninput = {
                    let renaming = renaming.clone();
                    Callback::from(move |e: InputEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        renaming.set(Some(input.value()));
                    })
                };
                let onkeydown = {
                    let (renaming, dispatch, path) = (renaming.clone(), props.dispatch.clone(), path.clone());
                    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                        "Enter" => {
                            e.prevent_default();
                            if let Some(to) = (*renaming).clone() {
                                dispatch.emit(Msg::RenameFile(path.clone(), to));
                            }
                            renaming.set(None);
                        }
                        "Escape" => renaming.set(None),
                        _ => {}
                    })
                };
                return html! {
                    <input class="tab__rename" aria-label="New file name" value={draft} {oninput} {onkeydown} />
                };
            }
        html! {
            <button type="button" class="tab" aria-current={selected.then_some("true")}
                title={label(path)} {onclick}>{label(path)}</button>
        }
    });

    let on_new = props.dispatch.reform(|_: MouseEvent| Msg::NewFile);
    let on_rename = {
        let (renaming, open) = (renaming.clone(), props.open.clone());
        Callback::from(move |_: MouseEvent| renaming.set(open.as_deref().map(label)))
    };
    let on_delete = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(true))
    };
    let on_confirm = {
        let (dispatch, open, confirm_delete) = (
            props.dispatch.clone(),
            props.open.clone(),
            confirm_delete.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(path) = open.clone() {
                dispatch.emit(Msg::DeleteFile(path));
            }
            confirm_delete.set(false);
        })
    };
    let on_cancel = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(false))
    };
    let on_import = {
        let (dispatch, reader) = (props.dispatch.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            let file = gloo::file::File::from(file);
            let name = file.name();
            let dispatch = dispatch.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |result| {
                if let Ok(text) = result {
                    dispatch.emit(Msg::ImportFile(name, text));
                }
            });
            *reader.borrow_mut() = Some(task);
            input.set_value("");
        })
    };
    let toggle_examples = {
        let examples_open = examples_open.clone();
        Callback::from(move |_: MouseEvent| examples_open.set(!*examples_open))
    };
    let menu_keys = {
        let examples_open = examples_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                examples_open.set(false);
            }
        })
    };
    let menu_ref = use_node_ref();
    // Leaving the menu with the keyboard or a click elsewhere closes it.
    let menu_focusout = {
        let (examples_open, menu_ref) = (examples_open.clone(), menu_ref.clone());
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(menu_ref.cast::<web_sys::Element>())
                .is_some_and(|(target, menu)| menu.contains(Some(&target)));
            if !inside {
                examples_open.set(false);
            }
        })
    };
    let example_items = examples::ALL.iter().enumerate().map(|(i, example)| {
        let onclick = {
            let (dispatch, examples_open) = (props.dispatch.clone(), examples_open.clone());
            Callback::from(move |_: MouseEvent| {
                examples_open.set(false);
                dispatch.emit(Msg::LoadExample(i));
            })
        };
        html! {
            <li>
                <button type="button" class="menu__item" {onclick}>
                    <span class="menu__title">{example.title}</span>
                    <span class="menu__summary">{example.summary}</span>
                </button>
            </li>
        }
    });
    let open_label = props.open.as_deref().map(label).unwrap_or_default();

    html! {
        <div class="files">
            <div class="files__tabs" role="group" aria-label="Workspace files">{ for tabs }</div>
            <div class="files__actions" onkeydown={menu_keys}>
                <div class="menu" ref={menu_ref} onfocusout={menu_focusout}>
                    <button type="button" class="button button--small" aria-expanded={examples_open.to_string()}
                        aria-controls="examples-menu" data-testid="examples" onclick={toggle_examples}>{"Examples"}</button>
                    if *examples_open {
                        <ul id="examples-menu" class="menu__list" aria-label="Examples">{ for example_items }</ul>
                    }
                </div>
                <button type="button" class="button button--small" onclick={on_new}>{"New"}</button>
                <label class="button button--small file-open">
                    {"Open…"}
                    <input type="file" class="visually-hidden" accept=".yaml,.yml,.json,text/yaml,application/json" onchange={on_import} />
                </label>
                if props.open.is_some() {
                    <button type="button" class="button button--small" onclick={on_rename}
                        aria-label={format!("Rename {open_label}")}>{"Rename"}</button>
                    <button type="button" class="button button--small" onclick={on_delete}
                        aria-label={format!("Delete {open_label}")}>{"Delete"}</button>
                }
            </div>
            if *confirm_delete {
                <div class="files__confirm" role="alert">
                    <span>{format!("Delete {open_label} from the workspace?")}</span>
                    <button type="button" class="button button--small button--danger" onclick={on_confirm}>{"Delete"}</button>
                    <button type="button" class="button button--small" onclick={on_cancel}>{"Keep"}</button>
                </div>
            }
        </div>
    }
}
