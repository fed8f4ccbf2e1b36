//! The root component: owns the reducer, drives the clock, saves the session, and lays out
//! the panes.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::boot;
use super::editor::EditorPane;
use super::layout::{Header, NoticeBar, Theme};
use super::panes::{ActivityPane, ClusterPane, Names, TerminalPane};
use super::persist;
use super::startup::{apply_theme, initial_model, now_ms, random_seed, stored_theme};
use super::state::{Model, Msg, State};
use super::time_controls::TimeControls;
use crate::session::view::{event_rows, inspect::inspect};
use crate::sim::kind::Kind;

/// Real milliseconds between clock ticks while playing.
pub const TICK_MS: u32 = 100;
/// Real milliseconds between autosaves (when something changed).
const SAVE_MS: u32 = 2_000;
/// Above this many events, the live list refreshes every five virtual seconds only.
const MANY_EVENTS: usize = 20_000;
/// The performance mark set when a tick starts and the measure taken once it has rendered.
pub const TICK_MARK: &str = "tick-start";
/// See [`TICK_MARK`].
pub const TICK_MEASURE: &str = "tick";

/// Saves the session if it changed since the last save.
fn autosave(model: &Rc<std::cell::RefCell<Model>>) {
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

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::new(initial_model()));
    let theme = use_state(stored_theme);
    let dispatch = use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| Callback::from(move |msg: Msg| dispatcher.dispatch(msg))
    });
    let dispatch: Callback<Msg> = (*dispatch).clone();
    let model_rc = state.model.clone();

    use_effect_with((), |_| boot::mark_mounted());
    use_effect_with(*theme, |theme| apply_theme(*theme));

    let playing = state.model.borrow().clock.playing;
    // When the last tick started, and how long it took to run and draw (real milliseconds).
    let tick_started = use_memo((), |_| Cell::new(0.0_f64));
    let tick_cost = use_memo((), |_| Cell::new(0.0_f64));
    // While playing, real time drives virtual time; pausing drops the interval.
    {
        let dispatcher = state.dispatcher();
        let (tick_started, tick_cost) = (tick_started.clone(), tick_cost.clone());
        use_effect_with(playing, move |playing| {
            let interval = playing.then(|| {
                let last = Cell::new(now_ms());
                Interval::new(TICK_MS, move || {
                    let now = now_ms();
                    // After a slow tick, leave the page as long again to answer the learner
                    // before the next one (real time still counts, so nothing is lost).
                    if now < tick_started.get() + 2.0 * tick_cost.get() {
                        return;
                    }
                    let real = (now - last.get()).clamp(0.0, 1_000.0);
                    last.set(now);
                    tick_started.set(now);
                    tick_cost.set(0.0);
                    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                        let _ = p.mark(TICK_MARK);
                    }
                    dispatcher.dispatch(Msg::Tick(real as u64));
                })
            });
            move || drop(interval)
        });
    }
    // Measure each tick from its start to the end of this render.
    {
        let (tick_started, tick_cost) = (tick_started.clone(), tick_cost.clone());
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
    // Autosave every couple of seconds, and when the page is hidden or left.
    {
        let model = model_rc.clone();
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
    // Space plays and pauses, unless a control that types or clicks has the focus.
    {
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

    let names = use_memo((), {
        let model = model_rc.clone();
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
        let model = model_rc.clone();
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

    let model = state.model.borrow();
    let session = &model.term.session;
    let cluster = &session.cluster;
    let now = cluster.now_ms();
    // Ages change once a second; with very many events the list refreshes less often, so that
    // picking the newest hundred does not weigh on every tick.
    let many_events = cluster.store.count(Kind::Event) > MANY_EVENTS;
    let events_key = if many_events {
        (0, now / 5_000, model.seed)
    } else {
        (cluster.store.resource_version, now / 1_000, model.seed)
    };
    let events = use_memo(events_key, |_| {
        Rc::new(event_rows(cluster, &session.namespace))
    });
    let inspected = use_memo(
        (
            model.selected.clone(),
            cluster.store.resource_version,
            now / 1_000,
        ),
        |(selected, _, _)| selected.as_ref().map(|s| inspect(cluster, s)),
    );
    let inspected = (*inspected).clone();
    let paths: Vec<String> = session.files.keys().cloned().collect();
    let text = model
        .open
        .as_ref()
        .and_then(|p| session.files.get(p))
        .cloned()
        .unwrap_or_default();
    let on_dismiss = dispatch.reform(|_: ()| Msg::DismissNotice);

    html! {
        <div class="shell">
            <Header theme={*theme} on_theme={(*on_theme).clone()} on_share={(*on_share).clone()} on_reset={(*on_reset).clone()} />
            if let Some(notice) = model.notice.clone() {
                <NoticeBar {notice} {on_dismiss} />
            }
            <main id="main" class="workspace">
                <EditorPane {paths} open={model.open.clone()} text={text} dispatch={dispatch.clone()} />
                <ClusterPane view={model.view.clone()} selected={model.selected.clone()} {inspected} dispatch={dispatch.clone()} />
                <TerminalPane
                    lines={model.lines.clone()}
                    history={model.history.clone()}
                    prompt={model.term.prompt()}
                    running={model.running}
                    paused={!model.clock.playing}
                    names={(*names).clone()}
                    dispatch={dispatch.clone()}
                />
                <ActivityPane timeline={model.timeline.clone()} now_ms={now} events={(*events).clone()} />
            </main>
            <TimeControls clock={model.clock} now_ms={now} pending={cluster.manager.queue.next_time().is_some()} {dispatch} />
        </div>
    }
}
