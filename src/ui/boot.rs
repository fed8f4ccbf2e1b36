//! The hand-over from the loading screen in `index.html` to the running app.

/// The `id` of the loading indicator that `index.html` shows until the app mounts.
pub const BOOT_ID: &str = "boot";

/// The performance mark set once the app has rendered, read by the end-to-end tests.
pub const MOUNTED_MARK: &str = "app-mounted";

/// Removes the loading indicator and records that the app is interactive.
///
/// Each step is best effort: a page without the loading indicator (a test harness, say) is fine.
pub fn mark_mounted() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(document) = window.document() {
        if let Some(boot) = document.get_element_by_id(BOOT_ID) {
            boot.remove();
        }
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("data-app", "ready");
        }
    }
    if let Some(performance) = window.performance() {
        let _ = performance.mark(MOUNTED_MARK);
    }
}

/// Sets a performance mark (best effort).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
