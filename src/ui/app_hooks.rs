//! The root component's hooks: the clock that drives virtual time, autosave, the Space key,
//! and the callbacks that read the model without re-rendering.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::layout::Theme;
use super::panes::Names;
use super::persist;
use super::startup::{now_ms, random_seed};
use super::state::{Model, Msg};

/// Real milliseconds between clock ticks while playing.
pub const TICK_MS: u32 = 100;
/// Real milliseconds between autosaves (when something changed).
const SAVE_MS: u32 = 2_000;
/// The performance mark set when a tick starts and the measure taken once it has rendered.
pub const TICK_MARK: &str = "tick-start";
/// See [`TICK_MARK`].
pub const TICK_MEASURE: &str = "tick";

/// The shared model behind the reducer.
type ModelRc = Rc<RefCell<Model>>;

/// Saves the session if it changed since the last save.
fn autosave(model: &ModelRc) {
    if let Ok(mut model) = model.try_borrow_mut()
        && model.dirty
    {
        let payload = model.payload();
        if persist::save(&payload) {
            model.dirty = false;
        }
    }
}

/// Whether a key press belongs to a control that uses Space itself.
fn typing_target(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(
        target.tag_name().to_ascii_lowercase().as_str(),
        "input" | "textarea" | "select" | "button" | "a" | "summary" | "option"
    ) || target
        .closest("[contenteditable], [role='listbox'], [role='dialog']")
        .ok()
        .flatten()
        .is_some()
}

/// One clock tick: skipped after a slow one, so the page has as long again to answer the
/// learner (real time still counts, so nothing is lost).
fn tick(last: &Cell<f64>, started: &Cell<f64>, cost: &Cell<f64>, dispatcher: &Callback<Msg>) {
    let now = now_ms();
    if now < started.get() + 2.0 * cost.get() {
        return;
    }
    let real = (now - last.get()).clamp(0.0, 1_000.0);
    last.set(now);
    started.set(now);
    cost.set(0.0);
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(TICK_MARK);
    }
    dispatcher.emit(Msg::Tick(real as u64));
}

/// While playing, real time drives virtual time (pausing drops the interval); each tick is
/// measured from its start to the end of the render it caused.
#[hook]
pub fn use_clock(playing: bool, dispatch: Callback<Msg>) {
    // When the last tick started, and how long it took to run and draw (real milliseconds).
    let tick_started = use_memo((), |_| Cell::new(0.0_f64));
    let tick_cost = use_memo((), |_| Cell::new(0.0_f64));
    {
        let (tick_started, tick_cost) = (tick_started.clone(), tick_cost.clone());
        use_effect_with(playing, move |playing| {
            let interval = playing.then(|| {
                let last = Cell::new(now_ms());
                Interval::new(TICK_MS, move || {
                    tick(&last, &tick_started, &tick_cost, &dispatch);
                })
            });
            move || drop(interval)
        });
    }
    use_effect(move || {
        if let Some(p) = web_sys::window().and_then(|w| w.performance())
            && p.get_entries_by_name(TICK_MARK).length() > 0
        {
            let _ = p.measure_with_start_mark(TICK_MEASURE, TICK_MARK);
            p.clear_marks_with_mark_name(TICK_MARK);
            tick_cost.set(now_ms() - tick_started.get());
            if p.get_entries_by_name(TICK_MEASURE).length() > 600 {
                p.clear_measures_with_measure_name(TICK_MEASURE);
            }
        }
    });
}

/// Autosaves every couple of seconds, and when the page is hidden or left.
#[hook]
pub fn use_autosave(model: &ModelRc) {
    let model = model.clone();
    use_effect_with((), move |_| {
        let saver = {
            let model = model.clone();
            Interval::new(SAVE_MS, move || autosave(&model))
        };
        let on_hide = web_sys::window().map(|w| {
            let model = model.clone();
            EventListener::new(&w, "pagehide", move |_| autosave(&model))
        });
        move || drop((saver, on_hide))
    });
}

/// Space plays and pauses, unless a control that types or clicks has the focus.
#[hook]
pub fn use_space_toggles_play(dispatch: &Callback<Msg>) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window()
            .and_then(|w| w.document())
            .map(|document| {
                // Not passive: Space must not scroll the page when it toggles time.
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if event.key() == " "
                        && !event.ctrl_key()
                        && !event.meta_key()
                        && !typing_target(event)
                    {
                        event.prevent_default();
                        dispatch.emit(Msg::TogglePlay);
                    }
                })
            });
        move || drop(listener)
    });
}

/// The callbacks the header and the terminal hold: made once, so their props stay equal.
pub struct PageCallbacks {
    /// Gathers the names Tab can complete.
    pub names: Callback<(), Names>,
    /// Builds a share link for the session.
    pub on_share: Callback<(), Option<String>>,
    /// Forgets the saved session and starts again with a new seed.
    pub on_reset: Callback<()>,
    /// Switches the colour theme.
    pub on_theme: Callback<Theme>,
}

/// See [`PageCallbacks`].
#[hook]
pub fn use_page_callbacks(
    model: &ModelRc,
    dispatch: &Callback<Msg>,
    theme: &UseStateHandle<Theme>,
) -> PageCallbacks {
    let names = use_memo((), {
        let model = model.clone();
        move |_| {
            Callback::from(move |_: ()| {
                model.try_borrow().map_or_else(
                    |_| Names::default(),
                    |m| {
                        let s = &m.term.session;
                        Names::gather(&s.cluster, &s.namespace, s.files.keys().cloned())
                    },
                )
            })
        }
    });
    let on_share = use_memo((), {
        let model = model.clone();
        move |_| {
            Callback::from(move |_: ()| {
                let payload = model.try_borrow_mut().ok().map(|mut m| m.payload())?;
                persist::share_url(&payload)
            })
        }
    });
    let on_reset = use_memo((), {
        let dispatch = dispatch.clone();
        move |_| {
            Callback::from(move |_: ()| {
                persist::clear_saved();
                dispatch.emit(Msg::Reset(random_seed()));
            })
        }
    });
    let on_theme = use_memo((), {
        let setter = theme.setter();
        move |_| Callback::from(move |t: Theme| setter.set(t))
    });
    PageCallbacks {
        names: (*names).clone(),
        on_share: (*on_share).clone(),
        on_reset: (*on_reset).clone(),
        on_theme: (*on_theme).clone(),
    }
}
