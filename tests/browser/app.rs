//! The mounted app: structure, stable test hooks, wiring of the buttons, and learner text shown
//! as text only.

use sts_playground::ui::app::App;
use sts_playground::ui::layout::PRODUCT_NAME;
use sts_playground::ui::persist;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{click, find, fresh_root};

/// Mounts the app (with no saved session) into a fresh div and waits until it has rendered.
async fn mount() -> web_sys::Element {
    persist::clear_saved();
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn renders_named_panes_and_every_test_hook() {
    let root = mount().await;
    for test_id in [
        "yaml-editor-pane",
        "terminal-pane",
        "cluster-pane",
        "activity-pane",
        "time-controls",
    ] {
        let pane = find(&root, &format!("[data-testid='{test_id}']"));
        let heading_id = pane.get_attribute("aria-labelledby").expect("labelled");
        let heading = find(&pane, &format!("#{heading_id}"));
        assert!(
            heading.tag_name().eq_ignore_ascii_case("h2"),
            "{test_id} is named by an h2"
        );
    }
    for hook in [
        "yaml-editor",
        "apply",
        "terminal-input",
        "terminal-output",
        "clock",
        "pause",
        "step",
        "settle",
        "speed",
        "share",
        "reset",
        "timeline",
        "events",
    ] {
        find(&root, &format!("[data-testid='{hook}']"));
    }
    assert_eq!(
        find(&root, "h1").text_content().as_deref(),
        Some(PRODUCT_NAME)
    );
    let editor = find(&root, "[data-testid='yaml-editor']");
    let text = editor
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .expect("a textarea")
        .value();
    assert!(text.contains("kind: StatefulSet"), "{text}");
}

#[wasm_bindgen_test]
async fn apply_settle_and_the_speed_buttons_drive_the_cluster() {
    let root = mount().await;
    click(&root, "[data-testid='pause']");
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, "[data-testid='play']"), "Play");
    click(&root, "[data-testid='speed'] button:nth-child(4)");
    yew::scheduler::flush().await;
    let pressed = find(&root, "[data-testid='speed'] [aria-pressed='true']");
    assert_eq!(pressed.text_content().as_deref(), Some("5×"));

    click(&root, "[data-testid='apply']");
    yew::scheduler::flush().await;
    let output = text_of(&root, "[data-testid='terminal-output']");
    assert!(output.contains("statefulset.apps/web created"), "{output}");
    click(&root, "[data-testid='settle']");
    yew::scheduler::flush().await;
    let pods = root
        .query_selector_all("[data-testid='pod']")
        .expect("selector");
    assert_eq!(pods.length(), 2);
    let web0 = find(&root, "[data-testid='pod'][data-name='web-0']");
    assert_eq!(
        web0.get_attribute("data-status").as_deref(),
        Some("Running")
    );
    assert_eq!(web0.get_attribute("data-ready").as_deref(), Some("1/1"));
    assert!(
        web0.get_attribute("data-revision")
            .is_some_and(|r| r.starts_with("web-"))
    );
    let disk = find(&root, "[data-testid='pvc'][data-name='www-web-0']");
    assert_eq!(disk.get_attribute("data-pod").as_deref(), Some("web-0"));
    assert_eq!(disk.get_attribute("data-status").as_deref(), Some("Bound"));
    assert_ne!(text_of(&root, "[data-testid='clock']"), "0:00:00");
    assert!(text_of(&root, "[data-testid='events']").contains("SuccessfulCreate"));

    click(&root, "[data-testid='pod'][data-name='web-1']");
    yew::scheduler::flush().await;
    let inspector = text_of(&root, "[data-testid='inspector']");
    assert!(
        inspector.contains("web-1") && inspector.contains("Scheduled"),
        "{inspector}"
    );
}

#[wasm_bindgen_test]
async fn learner_text_is_never_markup() {
    let root = mount().await;
    let hostile = "<img src=x onerror=alert(1)>";
    let editor = find(&root, "[data-testid='yaml-editor']")
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .expect("textarea");
    editor.set_value(&format!("# {hostile}\nkind: {hostile}\n"));
    let event = web_sys::InputEvent::new("input").expect("event");
    editor.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
    click(&root, "[data-testid='apply']");
    yew::scheduler::flush().await;
    assert_eq!(
        root.query_selector_all("img").expect("selector").length(),
        0
    );
    let layer = text_of(&root, ".code__layer");
    assert!(layer.contains(hostile), "{layer}");
}
