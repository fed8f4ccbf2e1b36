//! The Yew page (wasm32 only): one reducer-driven `State`, rendered by small function components.

pub mod app;
pub mod app_hooks;
pub mod boot;
pub mod editor;
pub mod icons;
pub mod layout;
pub mod lesson;
pub mod panes;
pub mod panic_hook;
pub mod persist;
pub mod startup;
pub mod state;
pub mod time_controls;

/// The `id` of the element the app mounts into (see `index.html`).
pub const ROOT_ID: &str = "app";

/// Starts the page: installs the panic hook, applies the stored theme, then mounts the app into
/// `#app` (or `<body>`).
pub fn start() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("wasm-started");
    }
    panic_hook::install();
    startup::apply_theme(startup::stored_theme());
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(ROOT_ID));
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
