//! The strip along the bottom that starts, pauses, steps and speeds up virtual time.

use yew::prelude::*;

use super::icons::{PauseIcon, PlayIcon, StepIcon};
use super::state::{Clock, Msg, Speed, format_clock};

/// The clock to show and where the controls send their messages.
#[derive(Properties, PartialEq)]
pub struct TimeControlsProps {
    /// Virtual time.
    pub clock: Clock,
    /// Receives play, pause, step and speed changes.
    pub dispatch: Callback<Msg>,
}

/// Play/pause, step, speed and the virtual clock.
#[function_component(TimeControls)]
pub fn time_controls(props: &TimeControlsProps) -> Html {
    let clock = &props.clock;
    let ontoggle = props.dispatch.reform(|_: MouseEvent| Msg::TogglePlay);
    let onstep = props.dispatch.reform(|_: MouseEvent| Msg::Step);
    let (play_label, play_icon) = if clock.playing {
        ("Pause", html! { <PauseIcon /> })
    } else {
        ("Play", html! { <PlayIcon /> })
    };

    html! {
        <section class="timebar" aria-labelledby="time-title" data-testid="time-controls">
            <h2 id="time-title" class="visually-hidden">{"Time controls"}</h2>
            <div class="timebar__group">
                <button
                    type="button"
                    class="button button--primary button--icon"
                    aria-pressed={clock.playing.to_string()}
                    onclick={ontoggle}
                >
                    {play_icon}<span>{play_label}</span>
                </button>
                <button
                    type="button"
                    class="button button--icon"
                    disabled={clock.playing}
                    title="Advance virtual time by one second"
                    onclick={onstep}
                >
                    <StepIcon /><span class="button__label">{"Step 1s"}</span>
                </button>
            </div>
            <div class="segmented" role="group" aria-label="Speed">
                { for Speed::ALL.iter().map(|speed| speed_button(*speed, clock.speed, &props.dispatch)) }
            </div>
            <p class="timebar__clock">
                <span class="timebar__clock-label">{"Virtual time"}</span>
                <time class="timebar__clock-value">{format_clock(clock.elapsed_ms)}</time>
            </p>
            <p class="timebar__hint">
                {if clock.playing { "Running" } else { "Paused — the cluster waits for you" }}
            </p>
        </section>
    }
}

/// One button of the speed switch.
fn speed_button(speed: Speed, current: Speed, dispatch: &Callback<Msg>) -> Html {
    let onclick = dispatch.reform(move |_: MouseEvent| Msg::SetSpeed(speed));
    html! {
        <button
            type="button"
            class="segmented__option"
            aria-pressed={(speed == current).to_string()}
            {onclick}
        >
            {speed.label()}
        </button>
    }
}
