//! The root component: owns the reducer, wires the page's hooks (clock, autosave, the Space
//! key) and lays out the panes.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::app_hooks::{use_autosave, use_clock, use_page_callbacks, use_space_toggles_play};
use super::boot;
use super::editor::EditorPane;
use super::layout::{Header, NoticeBar};
use super::lesson::{Catalogue, LessonPanel};
use super::panes::{ActivityPane, ClusterPane, TerminalPane};
use super::persist;
use super::startup::{apply_theme, initial_model, stored_theme};
use super::state::{Model, Msg, State};
use super::time_controls::TimeControls;
use crate::session::lesson::progress::Progress;
use crate::session::view::lesson::{catalogue, open_messages, sync, view};
use crate::session::view::{EventRow, event_rows, inspect::Inspected, inspect::inspect};
use crate::sim::kind::Kind;

pub use super::app_hooks::{TICK_MARK, TICK_MEASURE, TICK_MS};

/// Above this many events, the live list refreshes every five virtual seconds only.
const MANY_EVENTS: usize = 20_000;

/// The newest events of the current namespace. Ages change once a second; with very many
/// events the list refreshes less often, so that picking the newest hundred does not weigh on
/// every tick.
#[hook]
fn use_event_rows(model: &Model) -> Rc<Vec<EventRow>> {
    let session = &model.term.session;
    let cluster = &session.cluster;
    let now = cluster.now_ms();
    let many_events = cluster.world.store.count(Kind::Event) > MANY_EVENTS;
    let events_key = if many_events {
        (0, now / 5_000, model.seed)
    } else {
        (
            cluster.world.store.resource_version,
            now / 1_000,
            model.seed,
        )
    };
    let rows = use_memo(events_key, |_| {
        Rc::new(event_rows(cluster, &session.namespace))
    });
    (*rows).clone()
}

/// What the inspector shows for the selection, refreshed when the cluster changes and as
/// ages tick.
#[hook]
fn use_inspected(model: &Model) -> Option<Inspected> {
    let cluster = &model.term.session.cluster;
    let inspected = use_memo(
        (
            model.selected.clone(),
            cluster.world.store.resource_version,
            cluster.now_ms() / 1_000,
        ),
        |(selected, _, _)| selected.as_ref().map(|s| inspect(cluster, s)),
    );
    (*inspected).clone()
}

/// The lessons' progress, kept in step with the page on every render and saved to the browser
/// whenever it changed.
#[hook]
fn use_progress(model: &Model) -> Rc<RefCell<Progress>> {
    let progress = use_mut_ref(persist::load_progress);
    let saved = use_mut_ref(String::new);
    sync(&mut progress.borrow_mut(), model.lesson.as_ref());
    let json = progress.borrow().to_json();
    use_effect(move || {
        if *saved.borrow() != json {
            persist::save_progress(&json);
            *saved.borrow_mut() = json;
        }
    });
    progress
}

/// The catalogue's callbacks: pick a lesson (the messages that open it, then close), or close.
fn catalogue_callbacks(
    open: &UseStateHandle<bool>,
    progress: &Rc<RefCell<Progress>>,
    current: Option<String>,
    dispatch: &Callback<Msg>,
) -> (Callback<String>, Callback<()>) {
    let on_open = {
        let (open, progress, dispatch) = (open.clone(), progress.clone(), dispatch.clone());
        Callback::from(move |id: String| {
            open.set(false);
            for msg in open_messages(&progress.borrow(), &id, current.as_deref()) {
                dispatch.emit(msg);
            }
        })
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |_: ()| open.set(false))
    };
    (on_open, on_close)
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::new(initial_model()));
    let theme = use_state(stored_theme);
    let catalogue_open = use_state(|| false);
    let dispatch = use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| Callback::from(move |msg: Msg| dispatcher.dispatch(msg))
    });
    let dispatch: Callback<Msg> = (*dispatch).clone();

    use_effect_with((), |_| boot::mark_mounted());
    use_effect_with(*theme, |theme| apply_theme(*theme));
    let playing = state.model.borrow().clock.playing;
    use_clock(playing, dispatch.clone());
    use_autosave(&state.model);
    use_space_toggles_play(&dispatch);
    let callbacks = use_page_callbacks(&state.model, &dispatch, &theme);

    let model = state.model.borrow();
    let progress = use_progress(&model);
    let current = model.lesson.as_ref().map(|r| r.lesson.id.clone());
    let lesson = model.lesson.as_ref().and_then(view);
    let (on_open, on_close) =
        catalogue_callbacks(&catalogue_open, &progress, current.clone(), &dispatch);
    let show_catalogue = {
        let open = catalogue_open.clone();
        Callback::from(move |_: ()| open.set(true))
    };
    let session = &model.term.session;
    let cluster = &session.cluster;
    let now = cluster.now_ms();
    let events = use_event_rows(&model);
    let inspected = use_inspected(&model);
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
            <Header theme={*theme} on_theme={callbacks.on_theme} on_share={callbacks.on_share} on_reset={callbacks.on_reset} on_lessons={show_catalogue.clone()} />
            if let Some(notice) = model.notice.clone() {
                <NoticeBar {notice} {on_dismiss} />
            }
            <main id="main" class={classes!("workspace", lesson.is_some().then_some("workspace--lesson"))}>
                if let Some(lesson) = lesson {
                    <LessonPanel view={lesson} dispatch={dispatch.clone()} on_catalogue={show_catalogue} />
                }
                <EditorPane {paths} open={model.open.clone()} text={text} dispatch={dispatch.clone()} />
                <ClusterPane view={model.view.clone()} selected={model.selected.clone()} {inspected} dispatch={dispatch.clone()} />
                <TerminalPane
                    lines={model.lines.clone()}
                    history={model.history.clone()}
                    prompt={model.term.prompt()}
                    running={model.running}
                    queued={model.queued.clone()}
                    paused={!model.clock.playing}
                    holding={model.lesson.as_ref().is_some_and(|r| r.awaiting_prediction())}
                    names={callbacks.names}
                    dispatch={dispatch.clone()}
                />
                <ActivityPane timeline={model.timeline.clone()} now_ms={now} {events} />
            </main>
            if *catalogue_open {
                <Catalogue items={catalogue(&progress.borrow())} {current} {on_open} {on_close} />
            }
            <TimeControls clock={model.clock} now_ms={now} pending={cluster.manager.queue.next_time().is_some()} {dispatch} />
        </div>
    }
}
