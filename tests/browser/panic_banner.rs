//! The panic banner: it appears once, on top, and leaves the page as it was.

use sts_playground::ui::panic_hook::{BANNER_ID, BANNER_TEXT, show_banner};
use wasm_bindgen_test::wasm_bindgen_test;

use super::{document, fresh_root};

#[wasm_bindgen_test]
fn banner_is_added_without_removing_content() {
    let document = document();
    let root = fresh_root();
    root.set_inner_html("<textarea id='learner-work'>replicas: 3</textarea>");
    let body = document.body().expect("body");
    let children_before = body.child_element_count();

    show_banner(&document).expect("banner shown");

    let banner = document
        .get_element_by_id(BANNER_ID)
        .expect("banner in the page");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        banner
            .text_content()
            .unwrap_or_default()
            .contains(BANNER_TEXT),
        "banner says what happened"
    );
    assert_eq!(body.child_element_count(), children_before + 1);
    let work = document
        .get_element_by_id("learner-work")
        .expect("the learner's work is still there");
    assert!(work.is_connected());
    assert_eq!(work.text_content().as_deref(), Some("replicas: 3"));

    // A second panic does not stack a second banner.
    show_banner(&document).expect("second call is harmless");
    let banners = document
        .query_selector_all(&format!("#{BANNER_ID}"))
        .expect("selector");
    assert_eq!(banners.length(), 1);
    banner.remove();
}
