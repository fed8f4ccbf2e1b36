//! Browser tests: run in headless Chromium by `cargo test --target wasm32-unknown-unknown`. They
//! cover what only a page has (mounting, clicks, the panic banner); the session behind the page is
//! tested natively (`tests/session/`).
#![cfg(target_arch = "wasm32")]
// Test code stops at the first broken expectation: unwrap, expect, panic and indexing say so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod app;
mod panic_banner;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The test page's document.
fn document() -> Document {
    web_sys::window()
        .and_then(|window| window.document())
        .expect("tests run in a page with a document")
}

/// A fresh, empty `<div>` attached to the body, so each test mounts in isolation.
fn fresh_root() -> Element {
    let document = document();
    let root = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("the test page has a body")
        .append_child(&root)
        .expect("attach the div");
    root
}

/// The single element under `root` that matches `selector`.
fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// Clicks the element under `root` that matches `selector`.
fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}
