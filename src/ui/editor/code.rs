//! The code editor: a transparent textarea over a highlighted layer, with line numbers,
//! underlined diagnostics, hover help, completion and editor keys.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::assist::{Open, Tip, area, caret, completion_list, hover_tip, place, tooltip};
use super::keys::{self, Accept, Keys};
use super::render::{Mark, layer};
use super::text::line_col;

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

/// The editor's DOM handles.
#[derive(Clone)]
struct Refs {
    /// The textarea the learner types in.
    area: NodeRef,
    /// The highlighted layer under it.
    layer: NodeRef,
    /// The line numbers.
    gutter: NodeRef,
    /// The hidden text that measures a character's width.
    probe: NodeRef,
    /// The completion list.
    popup: NodeRef,
    /// The tooltip.
    tip: NodeRef,
}

/// One node ref for each part of the editor.
#[hook]
fn use_refs() -> Refs {
    Refs {
        area: use_node_ref(),
        layer: use_node_ref(),
        gutter: use_node_ref(),
        probe: use_node_ref(),
        popup: use_node_ref(),
        tip: use_node_ref(),
    }
}

/// The font's character width in pixels, measured once the probe is on the page.
#[hook]
fn use_char_width(probe: &NodeRef) -> Rc<RefCell<f64>> {
    let char_width = use_mut_ref(|| 7.8_f64);
    {
        let (probe, char_width) = (probe.clone(), char_width.clone());
        use_effect_with((), move |_| {
            if let Some(probe) = probe.cast::<HtmlElement>() {
                let width = probe.get_bounding_client_rect().width() / PROBE_LEN;
                if width > 0.0 {
                    *char_width.borrow_mut() = width;
                }
            }
        });
    }
    char_width
}

/// Moves the highlighted layer and the line numbers with the textarea's scroll position, after
/// every change of text (a new file or a programmatic change can move it) and when called.
#[hook]
fn use_scroll_sync(refs: &Refs, text: &AttrValue) -> Callback<()> {
    let sync_scroll = {
        let (area_ref, layer_ref, gutter_ref) =
            (refs.area.clone(), refs.layer.clone(), refs.gutter.clone());
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
    {
        let sync_scroll = sync_scroll.clone();
        use_effect_with(text.clone(), move |_| sync_scroll.emit(()));
    }
    sync_scroll
}

/// Places the completion list and the tooltip after every render; positions go through the
/// CSS object model because the page's CSP forbids style attributes.
#[hook]
fn use_float_places(refs: &Refs, popup_pos: Option<(f64, f64)>, tip_pos: Option<(f64, f64)>) {
    let (popup_ref, tip_ref) = (refs.popup.clone(), refs.tip.clone());
    use_effect(move || {
        place(&popup_ref, popup_pos);
        place(&tip_ref, tip_pos);
    });
}

/// Reports the caret's line after a key or a click moved it.
fn caret_moved(on_caret: Callback<usize>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        let text = area.value();
        on_caret.emit(line_col(&text, caret(&area, &text)).0);
    })
}

/// Reports the new text and caret line, and suggests while a word is being typed.
fn input_handler(props: &CodeProps, suggest: keys::Suggest) -> Callback<InputEvent> {
    let (on_edit, on_caret) = (props.on_edit.clone(), props.on_caret.clone());
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
}

/// Shows the help or diagnostic under the mouse, re-rendering only when it changes.
fn hover_handler(
    tip: UseStateHandle<Option<Tip>>,
    marks: Rc<Vec<Mark>>,
    char_width: Rc<RefCell<f64>>,
) -> Callback<MouseEvent> {
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
}

/// Scrolling moves the layers with the text and closes what floats over it.
fn scroll_handler(
    sync_scroll: Callback<()>,
    tip: UseStateHandle<Option<Tip>>,
    open: UseStateHandle<Option<Open>>,
) -> Callback<Event> {
    Callback::from(move |_: Event| {
        sync_scroll.emit(());
        tip.set(None);
        open.set(None);
    })
}

/// For each line, whether a diagnostic covers it.
fn error_lines(text: &str, marks: &[Mark]) -> Vec<bool> {
    let line_count = text.split('\n').count();
    (0..line_count)
        .map(|l| marks.iter().any(|m| l >= m.line && l <= m.end_line))
        .collect()
}

/// Where the completion list goes: just below the completed word, as the textarea scrolls.
fn popup_position(open: &Open, text: &str, area_ref: &NodeRef, width: f64) -> (f64, f64) {
    let (line, col) = line_col(text, open.completion.to);
    let scroll = area(area_ref).map_or((0, 0), |a| (a.scroll_top(), a.scroll_left()));
    (
        PAD_TOP + (line + 1) as f64 * LINE_HEIGHT - f64::from(scroll.0) + 2.0,
        (PAD_LEFT + col as f64 * width - f64::from(scroll.1)).max(0.0),
    )
}

/// The completion list, whose entries are picked with the mouse.
fn completion_popup(open: &Open, refs: &Refs, accept: &Accept) -> Html {
    let on_pick = {
        let (accept, area_ref) = (accept.clone(), refs.area.clone());
        Callback::from(move |i: usize| {
            if let Some(area) = area(&area_ref) {
                accept.emit((area, i));
            }
        })
    };
    completion_list(open, &refs.popup, on_pick)
}

/// The line numbers, marked where a diagnostic covers the line.
fn gutter(error_lines: &[bool], node: NodeRef) -> Html {
    html! {
        <div class="code__gutter" aria-hidden="true">
            <div class="code__numbers" ref={node}>
                { for error_lines.iter().enumerate().map(|(i, bad)| html! {
                    <div key={i} class={classes!("code__number", bad.then_some("code__number--bad"))}>{i + 1}</div>
                }) }
            </div>
        </div>
    }
}

/// The manifest editor.
#[function_component(CodeEditor)]
pub fn code_editor(props: &CodeProps) -> Html {
    let refs = use_refs();
    let open = use_state(|| None::<Open>);
    let tip = use_state(|| None::<Tip>);
    let escaped = use_mut_ref(|| false);
    let char_width = use_char_width(&refs.probe);
    let sync_scroll = use_scroll_sync(&refs, &props.text);

    let suggest = keys::suggest(open.clone());
    let accept = keys::accept(open.clone(), props.on_edit.clone());
    let oninput = input_handler(props, suggest.clone());
    let onkeydown = keys::on_keydown(Keys {
        open: open.clone(),
        tip: tip.clone(),
        escaped,
        accept: accept.clone(),
        suggest,
        on_apply: props.on_apply.clone(),
        on_edit: props.on_edit.clone(),
    });
    let on_caret_move = caret_moved(props.on_caret.clone());
    let onmousemove = hover_handler(tip.clone(), props.marks.clone(), char_width.clone());
    let onmouseleave = {
        let tip = tip.clone();
        Callback::from(move |_: MouseEvent| tip.set(None))
    };
    let onscroll = scroll_handler(sync_scroll, tip.clone(), open.clone());
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(None))
    };

    let text = props.text.as_str();
    let popup_pos = (*open)
        .as_ref()
        .map(|current| popup_position(current, text, &refs.area, *char_width.borrow()));
    let tip_pos = (*tip).as_ref().map(|t| (t.top, t.left.max(0.0)));
    use_float_places(&refs, popup_pos, tip_pos);
    let popup = (*open)
        .as_ref()
        .map(|current| completion_popup(current, &refs, &accept));
    let active = (*open).as_ref().map(|o| format!("completion-{}", o.active));
    let tooltip = (*tip).clone().map(|t| tooltip(t, &refs.tip));

    html! {
        <div class="code">
            { gutter(&error_lines(text, &props.marks), refs.gutter.clone()) }
            <div class="code__body">
                <pre class="code__layer" aria-hidden="true" ref={refs.layer.clone()}>
                    { layer(text, &props.marks) }
                    <span class="code__probe" ref={refs.probe.clone()}>{"MMMMMMMMMMMMMMMMMMMM"}</span>
                </pre>
                <textarea
                    ref={refs.area.clone()}
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
