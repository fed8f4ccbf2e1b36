//! The page frame: the top bar (Lessons, theme, Share, Reset), the notice line, and the titled pane that
//! every workspace area sits in.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::icons::LogoMark;
use super::state::Notice;

/// The product name, shown in the top bar.
pub const PRODUCT_NAME: &str = "StatefulSet Playground";

/// The colour theme the learner picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the operating system.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The stored and `data-theme` form.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme a stored string names (system for anything else).
    pub fn parse(text: &str) -> Theme {
        match text {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// What the top bar shows and does.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The theme in use.
    pub theme: Theme,
    /// A new theme was picked.
    pub on_theme: Callback<Theme>,
    /// Builds a share link for the session (None if the browser cannot).
    pub on_share: Callback<(), Option<String>>,
    /// Start over.
    pub on_reset: Callback<()>,
    /// Open the catalogue of lessons.
    pub on_lessons: Callback<()>,
}

/// Escape closes a popover.
fn close_on_escape<T: 'static>(state: &UseStateHandle<Option<T>>) -> Callback<KeyboardEvent> {
    let state = state.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            state.set(None);
        }
    })
}

/// The theme menu.
fn theme_picker(theme: Theme, on_theme: &Callback<Theme>) -> Html {
    let onchange = {
        let on_theme = on_theme.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_theme.emit(Theme::parse(&select.value()));
        })
    };
    html! {
        <label class="theme-picker">
            <span class="visually-hidden">{"Theme"}</span>
            <select class="select" {onchange} aria-label="Theme">
                { for [Theme::System, Theme::Light, Theme::Dark].map(|t| html! {
                    <option value={t.as_str()} selected={t == theme}>{match t {
                        Theme::System => "System theme",
                        Theme::Light => "Light",
                        Theme::Dark => "Dark",
                    }}</option>
                }) }
            </select>
        </label>
    }
}

/// The Share button and the popover with the link it copied.
fn share_popover(
    link: &UseStateHandle<Option<String>>,
    on_share: &Callback<(), Option<String>>,
) -> Html {
    let onshare = {
        let (link, on_share) = (link.clone(), on_share.clone());
        Callback::from(move |_: MouseEvent| {
            let url = on_share.emit(());
            if let Some(url) = &url
                && let Some(window) = web_sys::window()
            {
                // Copying may be refused (permissions); the link stays on screen either way.
                let _ = window.navigator().clipboard().write_text(url);
            }
            link.set(url);
        })
    };
    let close_share = {
        let link = link.clone();
        Callback::from(move |_: MouseEvent| link.set(None))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    html! {
        <div class="popover-anchor">
            <button type="button" class="button" data-testid="share" onclick={onshare}
                aria-expanded={link.is_some().to_string()}>{"Share"}</button>
            if let Some(url) = (**link).clone() {
                <div class="popover" role="dialog" aria-label="Share link" onkeydown={close_on_escape(link)}>
                    <p class="popover__text">{"This link replays your session: files, commands and timing. It was copied to the clipboard."}</p>
                    <input class="popover__link" data-testid="share-link" readonly=true value={url}
                        aria-label="Share link" onfocus={select_all} />
                    <button type="button" class="button button--small" onclick={close_share}>{"Done"}</button>
                </div>
            }
        </div>
    }
}

/// The Reset button and the question it asks before starting over.
fn reset_popover(confirm_reset: &UseStateHandle<bool>, on_reset: &Callback<()>) -> Html {
    let onreset = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: MouseEvent| confirm_reset.set(true))
    };
    let confirm = {
        let (confirm_reset, on_reset) = (confirm_reset.clone(), on_reset.clone());
        Callback::from(move |_: MouseEvent| {
            confirm_reset.set(false);
            on_reset.emit(());
        })
    };
    let cancel = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: MouseEvent| confirm_reset.set(false))
    };
    html! {
        <div class="popover-anchor">
            <button type="button" class="button" data-testid="reset" onclick={onreset}
                aria-expanded={confirm_reset.to_string()}>{"Reset"}</button>
            if **confirm_reset {
                <div class="popover" role="dialog" aria-label="Start over">
                    <p class="popover__text">{"Start over with a fresh cluster? Your files and commands here are cleared."}</p>
                    <div class="popover__buttons">
                        <button type="button" class="button button--small button--danger" data-testid="reset-confirm" onclick={confirm}>{"Start over"}</button>
                        <button type="button" class="button button--small" onclick={cancel}>{"Cancel"}</button>
                    </div>
                </div>
            }
        </div>
    }
}

/// The top bar.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let link = use_state(|| None::<String>);
    let confirm_reset = use_state(|| false);
    html! {
        <header class="topbar">
            <a class="skip-link" href="#main">{"Skip to the workspace"}</a>
            <div class="brand">
                <LogoMark />
                <h1 class="brand__name">{PRODUCT_NAME}</h1>
                <span class="chip">{"Kubernetes v1.37"}</span>
            </div>
            <p class="topbar__note">{"Simulated in your browser: nothing leaves this page"}</p>
            <div class="topbar__actions">
                <button type="button" class="button button--primary" data-testid="lessons-button"
                    aria-haspopup="dialog" onclick={props.on_lessons.reform(|_: MouseEvent| ())}>{"Lessons"}</button>
                { theme_picker(props.theme, &props.on_theme) }
                { share_popover(&link, &props.on_share) }
                { reset_popover(&confirm_reset, &props.on_reset) }
            </div>
        </header>
    }
}

/// The notice line under the top bar.
#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// The message.
    pub notice: Notice,
    /// Dismiss.
    pub on_dismiss: Callback<()>,
}

/// A dismissible message.
#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let onclick = props.on_dismiss.reform(|_: MouseEvent| ());
    let role = if props.notice.error {
        "alert"
    } else {
        "status"
    };
    html! {
        <div class={classes!("notice", props.notice.error.then_some("notice--error"))} role={role} data-testid="notice">
            <span>{props.notice.text.clone()}</span>
            <button type="button" class="button button--quiet button--small" {onclick}>{"Dismiss"}</button>
        </div>
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
