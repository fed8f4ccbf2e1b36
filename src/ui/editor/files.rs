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

/// The file being renamed (its draft name), if any.
type Renaming = UseStateHandle<Option<String>>;

/// The name field that replaces the open file's tab while it is renamed: Enter renames,
/// Escape gives up.
fn rename_input(path: &str, draft: String, renaming: &Renaming, dispatch: &Callback<Msg>) -> Html {
    let oninput = {
        let renaming = renaming.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            renaming.set(Some(input.value()));
        })
    };
    let onkeydown = {
        let (renaming, dispatch, path) = (renaming.clone(), dispatch.clone(), path.to_string());
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
    html! {
        <input class="tab__rename" aria-label="New file name" value={draft} {oninput} {onkeydown} />
    }
}

/// One file's tab (or its name field while it is renamed).
fn tab(
    props: &FileBarProps,
    path: &str,
    renaming: &Renaming,
    confirm_delete: &UseStateHandle<bool>,
) -> Html {
    let selected = props.open.as_deref() == Some(path);
    if selected && let Some(draft) = (**renaming).clone() {
        return rename_input(path, draft, renaming, &props.dispatch);
    }
    let onclick = {
        let (dispatch, path, confirm_delete) = (
            props.dispatch.clone(),
            path.to_string(),
            confirm_delete.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            confirm_delete.set(false);
            dispatch.emit(Msg::OpenFile(path.clone()));
        })
    };
    html! {
        <button type="button" class="tab" aria-current={selected.then_some("true")}
            title={label(path)} {onclick}>{label(path)}</button>
    }
}

/// Reads a file the learner picked into the workspace; the reader is kept until it is done.
fn import_handler(
    dispatch: Callback<Msg>,
    reader: Rc<RefCell<Option<FileReader>>>,
) -> Callback<Event> {
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
}

/// The Examples button and, when open, its list; leaving the menu with the keyboard or a
/// click elsewhere closes it.
fn examples_menu(dispatch: &Callback<Msg>, open: &UseStateHandle<bool>, menu_ref: NodeRef) -> Html {
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let focusout = {
        let (open, menu_ref) = (open.clone(), menu_ref.clone());
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(menu_ref.cast::<web_sys::Element>())
                .is_some_and(|(target, menu)| menu.contains(Some(&target)));
            if !inside {
                open.set(false);
            }
        })
    };
    let items = examples::ALL.iter().enumerate().map(|(i, example)| {
        let onclick = {
            let (dispatch, open) = (dispatch.clone(), open.clone());
            Callback::from(move |_: MouseEvent| {
                open.set(false);
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
    html! {
        <div class="menu" ref={menu_ref} onfocusout={focusout}>
            <button type="button" class="button button--small" aria-expanded={open.to_string()}
                aria-controls="examples-menu" data-testid="examples" onclick={toggle}>{"Examples"}</button>
            if **open {
                <ul id="examples-menu" class="menu__list" aria-label="Examples">{ for items }</ul>
            }
        </div>
    }
}

/// The question shown before a file is deleted.
fn delete_confirm(props: &FileBarProps, open_label: &str, confirm: &UseStateHandle<bool>) -> Html {
    let on_confirm = {
        let (dispatch, open, confirm) =
            (props.dispatch.clone(), props.open.clone(), confirm.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(path) = open.clone() {
                dispatch.emit(Msg::DeleteFile(path));
            }
            confirm.set(false);
        })
    };
    let on_cancel = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(false))
    };
    html! {
        <div class="files__confirm" role="alert">
            <span>{format!("Delete {open_label} from the workspace?")}</span>
            <button type="button" class="button button--small button--danger" onclick={on_confirm}>{"Delete"}</button>
            <button type="button" class="button button--small" onclick={on_cancel}>{"Keep"}</button>
        </div>
    }
}

/// The tab bar and file actions.
#[function_component(FileBar)]
pub fn file_bar(props: &FileBarProps) -> Html {
    let renaming = use_state(|| None::<String>);
    let confirm_delete = use_state(|| false);
    let examples_open = use_state(|| false);
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let menu_ref = use_node_ref();

    let tabs = props
        .paths
        .iter()
        .map(|path| tab(props, path, &renaming, &confirm_delete));
    let on_new = props.dispatch.reform(|_: MouseEvent| Msg::NewFile);
    let on_rename = {
        let (renaming, open) = (renaming.clone(), props.open.clone());
        Callback::from(move |_: MouseEvent| renaming.set(open.as_deref().map(label)))
    };
    let on_delete = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(true))
    };
    let on_import = import_handler(props.dispatch.clone(), reader);
    let menu_keys = {
        let examples_open = examples_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                examples_open.set(false);
            }
        })
    };
    let open_label = props.open.as_deref().map(label).unwrap_or_default();

    html! {
        <div class="files">
            <div class="files__tabs" role="group" aria-label="Workspace files">{ for tabs }</div>
            <div class="files__actions" onkeydown={menu_keys}>
                { examples_menu(&props.dispatch, &examples_open, menu_ref) }
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
                { delete_confirm(props, &open_label, &confirm_delete) }
            }
        </div>
    }
}
