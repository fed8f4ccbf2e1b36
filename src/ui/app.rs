//! The root component: owns the reducer and lays out the panes.

use gloo::timers::callback::Interval;
use yew::prelude::*;

use super::boot;
use super::layout::Header;
use super::panes::{ClusterPane, EditorPane, TerminalPane};
use super::state::{Msg, State};
use super::time_controls::TimeControls;

/// Real milliseconds between clock ticks while playing.
const TICK_MS: u32 = 250;

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);

    use_effect_with((), |_| boot::mark_mounted());

    // While playing, real time drives virtual time; pausing drops the interval.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.clock.playing, move |playing| {
            let interval = playing.then(|| {
                Interval::new(TICK_MS, move || {
                    dispatcher.dispatch(Msg::Tick(u64::from(TICK_MS)));
                })
            });
            move || drop(interval)
        });
    }

    let dispatch = {
        let dispatcher = state.dispatcher();
        Callback::from(move |msg: Msg| dispatcher.dispatch(msg))
    };

    html! {
        <div class="shell">
            <Header />
            <main id="main" class="workspace">
                <EditorPane manifest={state.manifest.clone()} dispatch={dispatch.clone()} />
                <ClusterPane />
                <TerminalPane
                    lines={state.terminal.clone()}
                    draft={state.draft.clone()}
                    dispatch={dispatch.clone()}
                />
            </main>
            <TimeControls clock={state.clock.clone()} {dispatch} />
        </div>
    }
}
