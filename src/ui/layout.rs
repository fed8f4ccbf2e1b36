//! The page frame: the top bar and the titled pane that every workspace area sits in.

use yew::prelude::*;

use super::icons::LogoMark;

/// The product name, shown in the top bar.
pub const PRODUCT_NAME: &str = "StatefulSet Playground";

/// The top bar with the product name and what the cluster is.
#[function_component(Header)]
pub fn header() -> Html {
    html! {
        <header class="topbar">
            <a class="skip-link" href="#main">{"Skip to the workspace"}</a>
            <div class="brand">
                <LogoMark />
                <h1 class="brand__name">{PRODUCT_NAME}</h1>
            </div>
            <p class="topbar__tagline">
                <span class="chip">{"Kubernetes v1.37"}</span>
                <span class="topbar__note">{"Simulated in your browser — nothing leaves this page"}</span>
            </p>
        </header>
    }
}

/// What a pane is called and how tests find it.
#[derive(Properties, PartialEq)]
pub struct PaneProps {
    /// The `id` of the pane's heading, which also names the region for assistive technology.
    pub heading_id: AttrValue,
    /// The heading text.
    pub title: AttrValue,
    /// The `data-testid` of the pane.
    pub test_id: AttrValue,
    /// An extra class for pane-specific layout.
    #[prop_or_default]
    pub class: Classes,
    /// Quiet text next to the title (a file name, a count).
    #[prop_or_default]
    pub meta: Option<AttrValue>,
    /// Buttons at the right of the pane's header.
    #[prop_or_default]
    pub actions: Html,
    /// The pane's content.
    #[prop_or_default]
    pub children: Html,
}

/// A titled region of the workspace.
#[function_component(Pane)]
pub fn pane(props: &PaneProps) -> Html {
    html! {
        <section
            class={classes!("pane", props.class.clone())}
            aria-labelledby={props.heading_id.clone()}
            data-testid={props.test_id.clone()}
        >
            <div class="pane__header">
                <h2 id={props.heading_id.clone()} class="pane__title">{props.title.clone()}</h2>
                if let Some(meta) = props.meta.clone() {
                    <span class="pane__meta">{meta}</span>
                }
                <div class="pane__actions">{props.actions.clone()}</div>
            </div>
            <div class="pane__body">{props.children.clone()}</div>
        </section>
    }
}
