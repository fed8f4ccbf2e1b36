//! The Yew page (wasm32 only): one reducer-driven `State`, rendered by small function components.

pub mod app;
pub mod boot;
pub mod icons;
pub mod layout;
pub mod panes;
pub mod panic_hook;
pub mod state;
pub mod time_controls;

/// The `id` of the element the app mounts into (see `index.html`).
pub const ROOT_ID: &str = "app";

/// Starts the page: installs the panic hook, then mounts the app into `#app` (or `<body>`).
pub fn start() {
    panic_hook::install();
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
