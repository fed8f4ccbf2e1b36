//! The strip along the bottom: play/pause, step, settle, speed and the virtual clock.

use yew::prelude::*;

use super::icons::{PauseIcon, PlayIcon, SettleIcon, StepIcon};
use super::state::Msg;
use super::state::clock::{ClockState, Speed, format_clock};

/// The clock to show and where the controls send their messages.
#[derive(Properties, PartialEq)]
pub struct TimeControlsProps {
    /// Playing, speed.
    pub clock: ClockState,
    /// Virtual milliseconds since the cluster started.
    pub now_ms: u64,
    /// Whether any work is pending (Step and Settle have something to do).
    pub pending: bool,
    /// Receives play, pause, step, settle and speed changes.
    pub dispatch: Callback<Msg>,
}

/// Play/pause, step, settle, speed and the virtual clock.
#[function_component(TimeControls)]
pub fn time_controls(props: &TimeControlsProps) -> Html {
    let clock = &props.clock;
    let ontoggle = props.dispatch.reform(|_: MouseEvent| Msg::TogglePlay);
    let onstep = props.dispatch.reform(|_: MouseEvent| Msg::Step);
    let onsettle = props.dispatch.reform(|_: MouseEvent| Msg::Settle);
    let (label, icon, test_id) = if clock.playing {
        ("Pause", html! { <PauseIcon /> }, "pause")
    } else {
        ("Play", html! { <PlayIcon /> }, "play")
    };

    html! {
        <section class="timebar" aria-labelledby="time-title" data-testid="time-controls">
            <h2 id="time-title" class="visually-hidden">{"Time controls"}</h2>
            <div class="timebar__group">
                <button type="button" class="button button--primary button--icon timebar__play"
                    data-testid={test_id} aria-pressed={clock.playing.to_string()}
                    title="Play or pause virtual time (Space)" onclick={ontoggle}>
                    {icon}<span>{label}</span>
                </button>
                <button type="button" class="button button--icon" data-testid="step" disabled={!props.pending}
                    title="Run the next scheduled piece of work" onclick={onstep}>
                    <StepIcon /><span class="button__label">{"Step"}</span>
                </button>
                <button type="button" class="button button--icon" data-testid="settle" disabled={!props.pending}
                    title="Run until the cluster is quiet (at most 10 virtual minutes)" onclick={onsettle}>
                    <SettleIcon /><span class="button__label">{"Settle"}</span>
                </button>
            </div>
            <div class="segmented" role="group" aria-label="Speed" data-testid="speed">
                { for Speed::ALL.iter().map(|speed| speed_button(*speed, clock.speed, &props.dispatch)) }
            </div>
            <p class="timebar__clock">
                <span class="timebar__clock-label">{"Virtual time"}</span>
                <time class="timebar__clock-value" data-testid="clock">{format_clock(props.now_ms)}</time>
            </p>
            <p class={classes!("timebar__hint", (clock.playing && clock.behind).then_some("timebar__hint--busy"))} data-testid="time-hint">
                {match (clock.playing, clock.behind) {
                    (true, true) => "Busy: the cluster runs slower than the chosen speed",
                    (true, false) => "Time runs; Space pauses",
                    (false, _) => "Paused: the cluster waits for you",
                }}
            </p>
        </section>
    }
}

/// One button of the speed switch.
fn speed_button(speed: Speed, current: Speed, dispatch: &Callback<Msg>) -> Html {
    let onclick = dispatch.reform(move |_: MouseEvent| Msg::SetSpeed(speed));
    html! {
        <button type="button" class="segmented__option" aria-pressed={(speed == current).to_string()} {onclick}>
            {speed.label()}
        </button>
    }
}
