//! The code editor: a transparent textarea over a highlighted layer, with line numbers,
//! underlined diagnostics, hover help, completion and editor keys.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::assist::{Open, Tip, area, caret, completion_list, hover_tip, place, replace, tooltip};
use super::complete::complete;
use super::render::{Mark, layer};
use super::text::{byte_of_utf16, indent_lines, line_col, utf16_of_byte};

pub use super::assist::{LINE_HEIGHT, PAD_LEFT, PAD_TOP};
/// Characters in the hidden probe that measures the font's character width.
const PROBE_LEN: f64 = 20.0;

/// What the code editor edits and where changes go.
#[derive(Properties, PartialEq)]
pub struct CodeProps {
    /// The file's path, used in the accessible name.
    pub path: AttrValue,
    /// The text.
    pub text: AttrValue,
    /// Diagnostics to underline.
    pub marks: Rc<Vec<Mark>>,
    /// Receives the new text after every change.
    pub on_edit: Callback<String>,
    /// Ctrl/Cmd+Enter.
    pub on_apply: Callback<()>,
    /// The 0-based line the caret is on, after it moves.
    pub on_caret: Callback<usize>,
}

/// The manifest editor.
#[function_component(CodeEditor)]
pub fn code_editor(props: &CodeProps) -> Html {
    let area_ref = use_node_ref();
    let layer_ref = use_node_ref();
    let gutter_ref = use_node_ref();
    let probe_ref = use_node_ref();
    let popup_ref = use_node_ref();
    let tip_ref = use_node_ref();
    let open = use_state(|| None::<Open>);
    let tip = use_state(|| None::<Tip>);
    let escaped = use_mut_ref(|| false);
    let char_width = use_mut_ref(|| 7.8_f64);

    {
        let (probe_ref, char_width) = (probe_ref.clone(), char_width.clone());
        use_effect_with((), move |_| {
            if let Some(probe) = probe_ref.cast::<HtmlElement>() {
                let width = probe.get_bounding_client_rect().width() / PROBE_LEN;
                if width > 0.0 {
                    *char_width.borrow_mut() = width;
                }
            }
        });
    }

    let sync_scroll = {
        let (area_ref, layer_ref, gutter_ref) =
            (area_ref.clone(), layer_ref.clone(), gutter_ref.clone());
        Callback::from(move |_: ()| {
            let Some(area) = area(&area_ref) else { return };
            let (top, left) = (area.scroll_top(), area.scroll_left());
            if let Some(layer) = layer_ref.cast::<HtmlElement>() {
                let _ = layer
                    .style()
                    .set_property("transform", &format!("translate({}px, {}px)", -left, -top));
            }
            if let Some(gutter) = gutter_ref.cast::<HtmlElement>() {
                let _ = gutter
                    .style()
                    .set_property("transform", &format!("translateY({}px)", -top));
            }
        })
    };
    // A new file or a programmatic change can move the textarea's scroll position.
    {
        let sync_scroll = sync_scroll.clone();
        use_effect_with(props.text.clone(), move |_| sync_scroll.emit(()));
    }

    let suggest = {
        let open = open.clone();
        Callback::from(move |(area, forced): (HtmlTextAreaElement, bool)| {
            let text = area.value();
            let at = caret(&area, &text);
            match complete(&text, at, forced) {
                Some(completion) => open.set(Some(Open {
                    completion,
                    active: 0,
                })),
                None => open.set(None),
            }
        })
    };

    let accept = {
        let (open, on_edit) = (open.clone(), props.on_edit.clone());
        Callback::from(move |(area, index): (HtmlTextAreaElement, usize)| {
            if let Some(current) = (*open).clone()
                && let Some(item) = current.completion.items.get(index)
            {
                replace(
                    &area,
                    current.completion.from,
                    current.completion.to,
                    &item.insert,
                    &on_edit,
                );
            }
            open.set(None);
        })
    };

    let oninput = {
        let (on_edit, suggest, on_caret) = (
            props.on_edit.clone(),
            suggest.clone(),
            props.on_caret.clone(),
        );
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let text = area.value();
            on_caret.emit(line_col(&text, caret(&area, &text)).0);
            on_edit.emit(text);
            // Suggest while a word is being typed, not after deletions.
            let typing = event.input_type() == "insertText";
            if typing {
                suggest.emit((area, false));
            }
        })
    };

    let onkeydown = {
        let (open, escaped, accept, suggest) = (
            open.clone(),
            escaped.clone(),
            accept.clone(),
            suggest.clone(),
        );
        let (on_apply, on_edit, tip) = (props.on_apply.clone(), props.on_edit.clone(), tip.clone());
        Callback::from(move |event: KeyboardEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let key = event.key();
            let modifier = event.ctrl_key() || event.meta_key();
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), false);
            tip.set(None);
            if let Some(current) = (*open).clone() {
                let count = current.completion.items.len().max(1);
                match key.as_str() {
                    "ArrowDown" | "ArrowUp" => {
                        event.prevent_default();
                        let step = if key == "ArrowDown" { 1 } else { count - 1 };
                        open.set(Some(Open {
                            active: (current.active + step) % count,
                            ..current
                        }));
                        return;
                    }
                    "Enter" | "Tab" if !modifier => {
                        event.prevent_default();
                        accept.emit((area, current.active));
                        return;
                    }
                    "Escape" => {
                        event.prevent_default();
                        open.set(None);
                        return;
                    }
                    _ => {}
                }
            }
            match key.as_str() {
                "Enter" if modifier => {
                    event.prevent_default();
                    on_apply.emit(());
                }
                " " if event.ctrl_key() => {
                    event.prevent_default();
                    suggest.emit((area, true));
                }
                "Escape" => {
                    // The next Tab leaves the editor instead of indenting (no keyboard trap).
                    *escaped.borrow_mut() = true;
                }
                "Tab" if !was_escaped && !modifier && !event.alt_key() => {
                    event.prevent_default();
                    let text = area.value();
                    let start =
                        byte_of_utf16(&text, area.selection_start().ok().flatten().unwrap_or(0));
                    let end =
                        byte_of_utf16(&text, area.selection_end().ok().flatten().unwrap_or(0));
                    if start == end && !event.shift_key() {
                        replace(&area, start, end, "  ", &on_edit);
                    } else {
                        let (next, s, e) = indent_lines(&text, start, end, event.shift_key());
                        area.set_value(&next);
                        let _ = area
                            .set_selection_range(utf16_of_byte(&next, s), utf16_of_byte(&next, e));
                        on_edit.emit(next);
                    }
                }
                _ => {}
            }
        })
    };

    let on_caret_move = {
        let on_caret = props.on_caret.clone();
        Callback::from(move |event: Event| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let text = area.value();
            on_caret.emit(line_col(&text, caret(&area, &text)).0);
        })
    };

    let onmousemove = {
        let (tip, marks, char_width) = (tip.clone(), props.marks.clone(), char_width.clone());
        Callback::from(move |event: MouseEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let next = hover_tip(
                &area,
                &marks,
                *char_width.borrow(),
                event.offset_x(),
                event.offset_y(),
            );
            if *tip != next {
                tip.set(next);
            }
        })
    };
    let onmouseleave = {
        let tip = tip.clone();
        Callback::from(move |_: MouseEvent| tip.set(None))
    };
    let onscroll = {
        let (sync_scroll, tip, open) = (sync_scroll.clone(), tip.clone(), open.clone());
        Callback::from(move |_: Event| {
            sync_scroll.emit(());
            tip.set(None);
            open.set(None);
        })
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(None))
    };

    let text = props.text.as_str();
    let line_count = text.split('\n').count();
    let error_lines: Vec<bool> = (0..line_count)
        .map(|l| props.marks.iter().any(|m| l >= m.line && l <= m.end_line))
        .collect();
    let popup_pos = (*open).as_ref().map(|current| {
        let (line, col) = line_col(text, current.completion.to);
        let scroll = area(&area_ref).map_or((0, 0), |a| (a.scroll_top(), a.scroll_left()));
        let width = *char_width.borrow();
        (
            PAD_TOP + (line + 1) as f64 * LINE_HEIGHT - f64::from(scroll.0) + 2.0,
            (PAD_LEFT + col as f64 * width - f64::from(scroll.1)).max(0.0),
        )
    });
    let tip_pos = (*tip).as_ref().map(|t| (t.top, t.left.max(0.0)));
    // Positions go through the CSS object model: the page's CSP forbids style attributes.
    {
        let (popup_ref, tip_ref) = (popup_ref.clone(), tip_ref.clone());
        use_effect(move || {
            place(&popup_ref, popup_pos);
            place(&tip_ref, tip_pos);
        });
    }
    let popup = (*open).clone().map(|current| {
        let on_pick = {
            let (accept, area_ref) = (accept.clone(), area_ref.clone());
            Callback::from(move |i: usize| {
                if let Some(area) = area(&area_ref) {
                    accept.emit((area, i));
                }
            })
        };
        completion_list(&current, &popup_ref, on_pick)
    });
    let active = (*open).as_ref().map(|o| format!("completion-{}", o.active));
    let tooltip = (*tip).clone().map(|t| tooltip(t, &tip_ref));

    html! {
        <div class="code">
            <div class="code__gutter" aria-hidden="true">
                <div class="code__numbers" ref={gutter_ref}>
                    { for error_lines.iter().enumerate().map(|(i, bad)| html! {
                        <div key={i} class={classes!("code__number", bad.then_some("code__number--bad"))}>{i + 1}</div>
                    }) }
                </div>
            </div>
            <div class="code__body">
                <pre class="code__layer" aria-hidden="true" ref={layer_ref}>
                    { layer(text, &props.marks) }
                    <span class="code__probe" ref={probe_ref}>{"MMMMMMMMMMMMMMMMMMMM"}</span>
                </pre>
                <textarea
                    ref={area_ref}
                    class="code__input"
                    data-testid="yaml-editor"
                    aria-label={format!("Manifest editor: {}", props.path.trim_start_matches('/'))}
                    aria-describedby="editor-help"
                    aria-autocomplete="list"
                    aria-controls={open.is_some().then_some("completion-list")}
                    aria-activedescendant={active}
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    wrap="off"
                    value={props.text.clone()}
                    {oninput}
                    {onkeydown}
                    onkeyup={on_caret_move.reform(|e: KeyboardEvent| e.into())}
                    onclick={on_caret_move.reform(|e: MouseEvent| e.into())}
                    {onmousemove}
                    {onmouseleave}
                    {onscroll}
                    {onblur}
                />
                // A stable wrapper: the textarea keeps its node (and focus) when these come and go.
                <div class="code__float">
                    { for popup }
                    { for tooltip }
                </div>
            </div>
        </div>
    }
}
