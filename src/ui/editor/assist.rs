//! What floats over the code editor (completion list, tooltips) and the textarea helpers the
//! editor's handlers share.

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::complete::Completion;
use super::context::{key_path, kind_at, shape};
use super::render::{Mark, covers};
use super::schema;
use super::text::{byte_of_utf16, utf16_of_byte};

/// Line height in pixels; the stylesheet uses the same.
pub const LINE_HEIGHT: f64 = 20.0;
/// Padding above the first line and left of the text, in pixels; the stylesheet uses the same.
pub const PAD_TOP: f64 = 10.0;
/// See [`PAD_TOP`].
pub const PAD_LEFT: f64 = 12.0;

/// A tooltip at a place in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    /// Pixels from the left of the text area.
    pub left: f64,
    /// Pixels from the top of the text area.
    pub top: f64,
    /// What it says.
    pub text: String,
    /// Error or warning (for a diagnostic), None for field help.
    pub error: Option<bool>,
}

/// The open completion list and its highlighted entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Open {
    /// The suggestions.
    pub completion: Completion,
    /// The highlighted one.
    pub active: usize,
}

/// The textarea behind a node ref.
pub fn area(node: &NodeRef) -> Option<HtmlTextAreaElement> {
    node.cast::<HtmlTextAreaElement>()
}

/// The caret as a byte offset.
pub fn caret(area: &HtmlTextAreaElement, text: &str) -> usize {
    let units = area.selection_start().ok().flatten().unwrap_or(0);
    byte_of_utf16(text, units)
}

/// Replaces the byte range with `insert`, puts the caret after it, and reports the new text.
pub fn replace(
    area: &HtmlTextAreaElement,
    from: usize,
    to: usize,
    insert: &str,
    on_edit: &Callback<String>,
) {
    let text = area.value();
    let (from, to) = (from.min(text.len()), to.min(text.len()));
    let mut next = String::with_capacity(text.len() + insert.len());
    next.push_str(text.get(..from).unwrap_or(""));
    next.push_str(insert);
    next.push_str(text.get(to..).unwrap_or(""));
    area.set_value(&next);
    let at = utf16_of_byte(&next, from + insert.len());
    let _ = area.set_selection_range(at, at);
    on_edit.emit(next);
}

/// Moves an absolutely positioned element to (top, left) pixels.
pub fn place(node: &NodeRef, at: Option<(f64, f64)>) {
    if let (Some(el), Some((top, left))) = (node.cast::<HtmlElement>(), at) {
        let style = el.style();
        let _ = style.set_property("top", &format!("{top}px"));
        let _ = style.set_property("left", &format!("{left}px"));
    }
}

/// The tooltip for the mouse at (x, y) pixels inside the textarea: the diagnostic under it, or
/// the explanation of the key under it.
pub fn hover_tip(
    area: &HtmlTextAreaElement,
    marks: &[Mark],
    width: f64,
    offset_x: i32,
    offset_y: i32,
) -> Option<Tip> {
    let x = f64::from(offset_x) - PAD_LEFT + f64::from(area.scroll_left());
    let y = f64::from(offset_y) - PAD_TOP + f64::from(area.scroll_top());
    if x < 0.0 || y < 0.0 || width <= 0.0 {
        return None;
    }
    let (line, col) = ((y / LINE_HEIGHT) as usize, (x / width) as usize);
    let text = area.value();
    let lines: Vec<&str> = text.split('\n').collect();
    let current = lines.get(line)?;
    let len = current.chars().count();
    let left = PAD_LEFT + col as f64 * width - f64::from(area.scroll_left());
    let top = PAD_TOP + (line + 1) as f64 * LINE_HEIGHT - f64::from(area.scroll_top()) + 4.0;
    if let Some(mark) = marks.iter().find(|m| covers(m, line, col, len)) {
        return Some(Tip {
            left,
            top,
            text: mark.message.clone(),
            error: Some(mark.error),
        });
    }
    let s = shape(current);
    let on_key = s
        .key
        .is_some_and(|k| col >= s.indent && col < s.indent + k.chars().count());
    if !on_key {
        return None;
    }
    let path = key_path(&lines, line)?;
    let field = schema::lookup(&kind_at(&lines, line), &path)?;
    Some(Tip {
        left,
        top,
        text: format!("{}: {}", path.join("."), field.doc),
        error: None,
    })
}

/// The completion list; `on_pick` receives the index of a clicked suggestion.
pub fn completion_list(current: &Open, node: &NodeRef, on_pick: Callback<usize>) -> Html {
    let items = current
        .completion
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let onmousedown = on_pick.reform(move |event: MouseEvent| {
                // Keep the focus in the textarea.
                event.prevent_default();
                i
            });
            html! {
                <li id={format!("completion-{i}")} role="option" class="completion__item"
                    aria-selected={(i == current.active).to_string()} {onmousedown}>
                    <span class="completion__label">{item.label.clone()}</span>
                </li>
            }
        });
    let detail = current
        .completion
        .items
        .get(current.active)
        .map_or("", |i| i.detail);
    html! {
        <div class="completion" ref={node.clone()}>
            <ul id="completion-list" role="listbox" aria-label="Suggestions" class="completion__list">{ for items }</ul>
            if !detail.is_empty() { <p class="completion__detail">{detail}</p> }
        </div>
    }
}

/// A tooltip.
pub fn tooltip(tip: Tip, node: &NodeRef) -> Html {
    let class = match tip.error {
        Some(true) => "tip tip--error",
        Some(false) => "tip tip--warning",
        None => "tip",
    };
    html! { <div class={class} role="tooltip" ref={node.clone()}>{tip.text}</div> }
}
