//! The catalogue of lessons: a dialog over the page listing every bundled lesson with its
//! length, level and the learner's progress. A click opens the lesson; Escape closes it.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::session::view::lesson::CatalogueItem;

/// What the catalogue lists and what it does.
#[derive(Properties, PartialEq)]
pub struct CatalogueProps {
    /// The lessons, in order, with their progress.
    pub items: Vec<CatalogueItem>,
    /// The id of the lesson open now, if any.
    pub current: Option<String>,
    /// A lesson was picked.
    pub on_open: Callback<String>,
    /// Close without picking.
    pub on_close: Callback<()>,
}

/// The catalogue dialog.
#[function_component(Catalogue)]
pub fn catalogue(props: &CatalogueProps) -> Html {
    let dialog = use_node_ref();
    {
        // The focus goes into the dialog when it opens, so that Escape and Tab work at once, and
        // back to the Lessons button when it closes (unless something else took it).
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(el) = dialog.cast::<HtmlElement>() {
                let _ = el.focus();
            }
            return_focus
        });
    }
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let backdrop = props.on_close.reform(|_: MouseEvent| ());
    let stop = Callback::from(|e: MouseEvent| e.stop_propagation());
    html! {
        <div class="catalogue-backdrop" onclick={backdrop}>
            <section class="catalogue" role="dialog" aria-modal="true" aria-labelledby="catalogue-title"
                data-testid="lessons" tabindex="-1" ref={dialog} {onkeydown} onclick={stop}>
                <div class="catalogue__top">
                    <h2 id="catalogue-title" class="catalogue__title">{"Lessons"}</h2>
                    <button type="button" class="button button--small" title="Close (Escape)"
                        aria-keyshortcuts="Escape" onclick={close}>{"Close"}</button>
                </div>
                <p class="catalogue__intro">{"Each lesson starts a fresh cluster of its own and checks what you do in it. Your sandbox is one click away: Leave lesson."}</p>
                <ul class="catalogue__list">
                    { for props.items.iter().map(|item| entry(item, props)) }
                </ul>
            </section>
        </div>
    }
}

/// Gives the focus back to the Lessons button if the closed dialog left it nowhere.
fn return_focus() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lost = document.active_element().is_none_or(|e| {
        e.tag_name().eq_ignore_ascii_case("body")
            || e.closest(".catalogue").ok().flatten().is_some()
    });
    let button = document
        .query_selector("[data-testid=lessons-button]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if lost && let Some(button) = button {
        let _ = button.focus();
    }
}

/// One lesson of the list: a button that opens it.
fn entry(item: &CatalogueItem, props: &CatalogueProps) -> Html {
    let status = item.status();
    let onclick = {
        let (id, on_open) = (item.id.clone(), props.on_open.clone());
        Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
    };
    let current = props.current.as_deref() == Some(item.id.as_str());
    let progress = if status == "in progress" {
        format!("in progress, {} of {} steps", item.passed, item.steps)
    } else {
        status.to_string()
    };
    let status_class = format!("badge badge--{}", status.replace(' ', "-"));
    html! {
        <li>
            <button type="button" class="catalogue__entry" data-testid="lesson-entry" data-id={item.id.clone()}
                data-status={status} aria-current={current.then_some("true")} {onclick}>
                <span class="catalogue__head">
                    <span class="catalogue__name">{item.title.clone()}</span>
                    <span class={status_class}>{progress}</span>
                </span>
                <span class="catalogue__summary">{item.summary.clone()}</span>
                <span class="catalogue__meta">
                    {format!("{} min · {} · {} steps", item.minutes, item.level, item.steps)}
                </span>
            </button>
        </li>
    }
}
