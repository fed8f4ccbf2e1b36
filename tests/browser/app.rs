//! The mounted app: structure, landmarks and the time controls' wiring.

use sts_playground::ui::app::App;
use sts_playground::ui::layout::PRODUCT_NAME;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{click, find, fresh_root};

/// Mounts the app into a fresh div and waits until it has rendered.
async fn mount() -> web_sys::Element {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn renders_three_panes_and_the_time_strip() {
    let root = mount().await;
    for test_id in [
        "yaml-editor-pane",
        "terminal-pane",
        "cluster-pane",
        "time-controls",
    ] {
        let pane = find(&root, &format!("[data-testid='{test_id}']"));
        // Every region is named by a heading inside it.
        let heading_id = pane.get_attribute("aria-labelledby").expect("labelled");
        let heading = find(&pane, &format!("#{heading_id}"));
        assert!(
            heading.tag_name().eq_ignore_ascii_case("h2"),
            "{test_id} is named by an h2"
        );
    }
    assert_eq!(
        find(&root, "h1").text_content().as_deref(),
        Some(PRODUCT_NAME)
    );
    assert!(root.query_selector("main").expect("selector").is_some());
}

#[wasm_bindgen_test]
async fn editor_starts_with_a_statefulset() {
    let root = mount().await;
    let editor = find(&root, "[data-testid='yaml-editor-pane'] textarea");
    let text = editor
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .expect("a textarea")
        .value();
    assert!(
        text.contains("kind: StatefulSet"),
        "starter manifest: {text}"
    );
}

#[wasm_bindgen_test]
async fn play_speed_and_apply_buttons_update_the_page() {
    let root = mount().await;
    let play = "[data-testid='time-controls'] button[aria-pressed]";
    assert_eq!(
        find(&root, play).get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    click(&root, play);
    yew::scheduler::flush().await;
    assert_eq!(
        find(&root, play).get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    click(&root, play);
    yew::scheduler::flush().await;

    let options = root
        .query_selector_all(".segmented__option")
        .expect("selector");
    assert_eq!(options.length(), 4);
    click(&root, ".segmented__option:nth-child(3)");
    yew::scheduler::flush().await;
    let pressed = find(&root, ".segmented__option[aria-pressed='true']");
    assert_eq!(pressed.text_content().as_deref(), Some("4×"));

    click(&root, "[data-testid='yaml-editor-pane'] .button--primary");
    yew::scheduler::flush().await;
    let log = find(&root, "[data-testid='terminal-pane'] [role='log']");
    let text = log.text_content().unwrap_or_default();
    assert!(
        text.contains("kubectl apply -f statefulset.yaml"),
        "log: {text}"
    );
}
