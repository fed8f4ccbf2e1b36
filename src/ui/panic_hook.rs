//! What the page does if the program panics: say so plainly, keep the learner's work on screen.

use wasm_bindgen::JsValue;
use web_sys::Document;

/// The `id` of the banner, so it is added at most once.
pub const BANNER_ID: &str = "panic-banner";

/// The banner's headline, fixed so it reads the same whatever went wrong.
pub const BANNER_TEXT: &str = "Something went wrong — reload the page";

/// Installs the panic hook; call once, before the app is rendered (Yew keeps a hook set this way).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        // An Error object makes the console show a stack trace next to the message.
        let error = js_sys::Error::new(&info.to_string());
        web_sys::console::error_1(&error);
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            // If even the banner fails there is nothing more to try; the console has the details.
            let _ = show_banner(&document);
        }
    }));
}

/// Adds the fixed "reload" banner on top of the page without touching anything already there.
///
/// Calling it again while a banner is shown does nothing.
pub fn show_banner(document: &Document) -> Result<(), JsValue> {
    if document.get_element_by_id(BANNER_ID).is_some() {
        return Ok(());
    }
    let Some(body) = document.body() else {
        return Err(JsValue::from_str("the document has no body"));
    };
    let banner = document.create_element("div")?;
    banner.set_id(BANNER_ID);
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert")?;

    let headline = document.create_element("strong")?;
    headline.set_text_content(Some(BANNER_TEXT));
    banner.append_child(&headline)?;

    let detail = document.create_element("span")?;
    detail.set_text_content(Some(
        "Your manifest is still on screen: copy it before reloading. Details are in the browser console.",
    ));
    banner.append_child(&detail)?;

    // A plain link reloads without running any more of the (now broken) program.
    let reload = document.create_element("a")?;
    reload.set_attribute("href", "")?;
    reload.set_class_name("panic-banner__reload");
    reload.set_text_content(Some("Reload"));
    banner.append_child(&reload)?;

    body.append_child(&banner)?;
    Ok(())
}
