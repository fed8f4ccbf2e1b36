//! The reducer: pure state transitions behind the page.

use sts_playground::ui::state::{
    APPLY_COMMAND, LineKind, Msg, STEP_MS, Speed, State, format_clock,
};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn submitting_echoes_the_command_and_clears_the_prompt() {
    let state = State::default()
        .update(Msg::EditDraft("  kubectl get pods ".into()))
        .update(Msg::SubmitDraft);
    assert!(state.draft.is_empty());
    let input = state
        .terminal
        .iter()
        .find(|line| line.kind == LineKind::Input)
        .expect("the command is echoed");
    assert_eq!(input.text, "kubectl get pods");
}

#[wasm_bindgen_test]
fn blank_commands_are_ignored_and_clear_empties_history() {
    let start = State::default();
    let blank = start
        .clone()
        .update(Msg::EditDraft("   ".into()))
        .update(Msg::SubmitDraft);
    assert_eq!(blank.terminal, start.terminal);
    let cleared = start
        .update(Msg::Apply)
        .update(Msg::EditDraft("clear".into()))
        .update(Msg::SubmitDraft);
    assert!(cleared.terminal.is_empty());
}

#[wasm_bindgen_test]
fn apply_runs_the_apply_command() {
    let state = State::default().update(Msg::Apply);
    assert!(
        state
            .terminal
            .iter()
            .any(|line| line.kind == LineKind::Input && line.text == APPLY_COMMAND)
    );
}

#[wasm_bindgen_test]
fn ticks_advance_time_only_while_playing_and_scale_with_speed() {
    let paused = State::default().update(Msg::Tick(250));
    assert_eq!(paused.clock.elapsed_ms, 0);
    let playing = State::default()
        .update(Msg::SetSpeed(Speed::X4))
        .update(Msg::TogglePlay)
        .update(Msg::Tick(250));
    assert_eq!(playing.clock.elapsed_ms, 1_000);
    let stepped = State::default().update(Msg::Step).update(Msg::Step);
    assert_eq!(stepped.clock.elapsed_ms, 2 * STEP_MS);
    let saturated = State::default()
        .update(Msg::TogglePlay)
        .update(Msg::SetSpeed(Speed::X8))
        .update(Msg::Tick(u64::MAX));
    assert_eq!(saturated.clock.elapsed_ms, u64::MAX);
}

#[wasm_bindgen_test]
fn clock_reads_hours_minutes_seconds() {
    assert_eq!(format_clock(0), "0:00:00");
    assert_eq!(format_clock(59_999), "0:00:59");
    assert_eq!(format_clock(3_723_000), "1:02:03");
}
