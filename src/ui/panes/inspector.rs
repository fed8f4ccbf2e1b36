//! The inspector: everything about the selected pod, disk, Service or StatefulSet, in a solid
//! side panel next to the picture (over it, edge to edge, when the pane is narrow). It takes the
//! focus when it opens; Escape or its Close button closes it and returns the focus to the tile.

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::session::view::inspect::Inspected;

/// What to show and how to close it.
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The content.
    pub inspected: Inspected,
    /// Close button and Escape.
    pub on_close: Callback<()>,
}

fn pairs(title: &str, items: &[(String, String)]) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <section class="inspector__section">
            <h4 class="inspector__heading">{title.to_string()}</h4>
            <ul class="kv">
                { for items.iter().map(|(k, v)| html! {
                    <li class="kv__item"><span class="kv__key">{k.clone()}</span><span class="kv__value">{v.clone()}</span></li>
                }) }
            </ul>
        </section>
    }
}

/// The inspector panel.
#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let panel = use_node_ref();
    let i = &props.inspected;
    // Move the focus into the panel when it opens on something new.
    {
        let panel = panel.clone();
        use_effect_with((i.kind.clone(), i.name.clone()), move |_| {
            // Only when the learner opened it from the picture: a session restored with the
            // inspector open must not take the focus from the page.
            let from_picture = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.closest(".cluster").ok().flatten())
                .is_some();
            if from_picture && let Some(el) = panel.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let onclick = props.on_close.reform(|_: MouseEvent| ());
    let facts = html! {
        <dl class="facts">
            { for i.facts.iter().map(|(k, v)| html! { <><dt>{k.clone()}</dt><dd>{v.clone()}</dd></> }) }
        </dl>
    };
    html! {
        <section class="inspector" data-testid="inspector" aria-label={format!("Details of {} {}", i.kind, i.name)}
            tabindex="-1" ref={panel}>
            <div class="inspector__top">
                <div class="inspector__title">
                    <p class="inspector__kind">{i.kind.clone()}</p>
                    <h3 class="inspector__name">{i.name.clone()}</h3>
                </div>
                <button type="button" class="button button--small inspector__close" title="Close (Escape)"
                    aria-keyshortcuts="Escape" {onclick}>
                    <span aria-hidden="true">{"✕"}</span>{"Close"}<span class="visually-hidden">{" details"}</span>
                </button>
            </div>
            if !i.exists {
                <p class="inspector__gone">{"It no longer exists."}</p>
            }
            {facts}
            {pairs("Labels", &i.labels)}
            {pairs("Annotations", &i.annotations)}
            if !i.why.is_empty() {
                <section class="inspector__section">
                    <h4 class="inspector__heading">{"Why (the controller's reasoning)"}</h4>
                    <ol class="why">
                        { for i.why.iter().rev().take(40).map(|(at, text)| html! {
                            <li><time class="why__at">{at.clone()}</time><span>{text.clone()}</span></li>
                        }) }
                    </ol>
                </section>
            }
            <section class="inspector__section">
                <h4 class="inspector__heading">{"Events"}</h4>
                if i.events.is_empty() {
                    <p class="muted">{"<none>"}</p>
                } else {
                    if i.earlier_events > 0 {
                        <p class="muted">{format!("The newest {} are shown; {} earlier ones are in kubectl describe.", i.events.len(), i.earlier_events)}</p>
                    }
                    <ul class="mini-events">
                        { for i.events.iter().map(|e| html! {
                            <li class={classes!("mini-events__item", (e.kind == "Warning").then_some("is-warning"))}>
                                <span class="mini-events__reason">{e.reason.clone()}</span>
                                <span class="mini-events__age">{e.age.clone()}</span>
                                <span class="mini-events__message">{e.message.clone()}</span>
                            </li>
                        }) }
                    </ul>
                }
            </section>
            if i.kind == "Pod" || i.kind == "PersistentVolumeClaim" {
                <section class="inspector__section" data-testid="files">
                    <h4 class="inspector__heading">{"Files on its volumes"}</h4>
                    if i.files.is_empty() {
                        <p class="muted">{"No files yet. Write one with kubectl exec, e.g. "}
                            <code>{"kubectl exec web-0 -- sh -c 'echo hello > /usr/share/nginx/html/index.html'"}</code></p>
                    } else {
                        <ul class="files-list">
                            { for i.files.iter().map(|f| html! {
                                <li class="files-list__item">
                                    <p class="files-list__path">{format!("{} : {}", f.claim, f.path)}</p>
                                    <pre class="files-list__content">{f.content.clone()}</pre>
                                </li>
                            }) }
                        </ul>
                    }
                </section>
            }
        </section>
    }
}
