//! The panel of the lesson in progress: its steps, the current step's text (or its question,
//! asked first), the check as it changes, hints and the answer, what happened against what the
//! learner guessed, and the buttons that move on, reset the step or leave the lesson.

use web_sys::Element;
use yew::prelude::*;

use super::blocks::{blocks, inlines};
use crate::session::lesson::markdown::Inline;
use crate::session::state::Msg;
use crate::session::view::lesson::{LessonView, PredictView, StepItem, StepState};

/// The lesson to draw and where its buttons go.
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The panel's view model.
    pub view: LessonView,
    /// Lesson messages.
    pub dispatch: Callback<Msg>,
    /// Opens the catalogue (after the last step).
    pub on_catalogue: Callback<()>,
}

/// The lesson panel.
#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let collapsed = use_state(|| false);
    let v = &props.view;
    let body = use_follow_help(v);
    let toggle = {
        let collapsed = collapsed.clone();
        Callback::from(move |_: MouseEvent| collapsed.set(!*collapsed))
    };
    let leave = props.dispatch.reform(|_: MouseEvent| Msg::CloseLesson);
    let counter = format!("Step {} of {}", v.step + 1, v.steps.len());
    html! {
        <section class={classes!("pane", "pane--lesson", "lesson", collapsed.then_some("lesson--collapsed"))}
            aria-labelledby="lesson-title" data-testid="lesson" data-id={v.id.clone()} data-step={v.step.to_string()}>
            <div class="lesson__header">
                <p class="lesson__kicker">{"Lesson · "}<span data-testid="lesson-progress">{counter}</span></p>
                <h2 id="lesson-title" class="lesson__title">{v.title.clone()}</h2>
                <div class="lesson__header-actions">
                    <button type="button" class="button button--small lesson__toggle" onclick={toggle}
                        aria-expanded={(!*collapsed).to_string()} aria-controls="lesson-body">
                        {if *collapsed { "Show" } else { "Hide" }}
                    </button>
                    <button type="button" class="button button--small" data-testid="lesson-leave" onclick={leave}
                        title="Back to the sandbox; the cluster stays as it is">{"Leave lesson"}</button>
                </div>
            </div>
            <div id="lesson-body" ref={body} class="lesson__body" tabindex="0" role="region" aria-label="This step">
                <ol class="lesson__steps" aria-label="Steps">
                    { for v.steps.iter().enumerate().map(|(i, s)| step_item(i, s, v.step)) }
                </ol>
                if !v.intro.is_empty() {
                    <details class="lesson__intro" open={v.step == 0}>
                        <summary>{"About this lesson"}</summary>
                        <div class="lesson__text">{blocks(&v.intro)}</div>
                    </details>
                }
                <h3 class="lesson__step-title">{v.steps.get(v.step).map(|s| s.title.clone()).unwrap_or_default()}</h3>
                { current_step(v, &props.dispatch) }
                if v.done {
                    { complete(&props.on_catalogue) }
                }
            </div>
            { check_line(v, &props.dispatch) }
            { actions(v, &props.dispatch) }
        </section>
    }
}

/// Keeps what just appeared in view: a new step's text from its top; a new hint, the answer or
/// the outcome of a prediction at the bottom of the text, where they are added. Only the panel
/// scrolls, never the page.
#[hook]
fn use_follow_help(v: &LessonView) -> NodeRef {
    let body = use_node_ref();
    let last_step = use_mut_ref(|| None::<usize>);
    let key = (
        v.step,
        v.awaiting,
        v.hints.len(),
        v.answer.is_some(),
        v.predict.as_ref().is_some_and(|p| p.outcome.is_some()),
    );
    {
        let body = body.clone();
        use_effect_with(key, move |(step, ..)| {
            if let Some(el) = body.cast::<Element>() {
                let new_step = last_step.borrow().is_none_or(|s| s != *step);
                el.set_scroll_top(if new_step { 0 } else { el.scroll_height() });
                *last_step.borrow_mut() = Some(*step);
            }
        });
    }
    body
}

/// One line of the list of steps.
fn step_item(index: usize, step: &StepItem, current: usize) -> Html {
    let mark = match step.state {
        StepState::Passed => "✓".to_string(),
        StepState::Failed if index == current => "!".to_string(),
        _ => (index + 1).to_string(),
    };
    let state = step.state.as_str();
    html! {
        <li class={classes!("lesson__step", format!("is-{state}"), (index == current).then_some("is-current"))}
            data-testid="lesson-step" data-step={index.to_string()} data-state={state}
            aria-current={(index == current).then_some("step")}>
            <span class="lesson__step-mark" aria-hidden="true">{mark}</span>
            <span class="lesson__step-name">{step.title.clone()}</span>
            <span class="visually-hidden">{format!(" ({state})")}</span>
        </li>
    }
}

/// The current step: its question while it waits for an answer, else its text, hints and
/// answer, and what happened.
fn current_step(v: &LessonView, dispatch: &Callback<Msg>) -> Html {
    if v.awaiting
        && let Some(p) = &v.predict
    {
        return question(p, dispatch);
    }
    html! {
        <>
            <div class="lesson__text" data-testid="lesson-text">{blocks(&v.text)}</div>
            if let Some(guess) = v.predict.as_ref().and_then(guess_before) {
                <p class="lesson__guess">{guess}</p>
            }
            if let Some(outcome) = v.predict.as_ref().and_then(|p| p.outcome.as_ref()) {
                <div class="lesson__outcome" data-testid="lesson-outcome">
                    <p>
                        <strong>{format!("You guessed: {}. ", outcome.guessed)}</strong>
                        {format!("What happened: {}.", outcome.answer_text.trim_end_matches('.'))}
                        {if outcome.matched { " Right." } else { "" }}
                    </p>
                    <p class="lesson__seen">{if outcome.seen {
                        "This cluster did it too: you watched it happen."
                    } else {
                        "This cluster took another path this time, so you may not have seen it happen."
                    }}</p>
                    <div class="lesson__text">{blocks(&outcome.why)}</div>
                </div>
            }
            if !v.hints.is_empty() {
                <ul class="lesson__hints" aria-label="Hints">
                    { for v.hints.iter().enumerate().map(|(i, h)| html! {
                        <li class="lesson__hint" data-testid="lesson-hint">
                            <p class="lesson__status-label">{format!("Hint {}", i + 1)}</p>
                            {blocks(h)}
                        </li>
                    }) }
                </ul>
            }
            if let Some(lines) = &v.answer {
                <div class="lesson__answer" data-testid="lesson-answer">
                    <p class="lesson__status-label">{"Answer"}</p>
                    <pre class="lesson__code"><code>{lines.join("\n")}</code></pre>
                </div>
            }
        </>
    }
}

/// The check as it stands, always in view under the step (not while the question waits).
fn check_line(v: &LessonView, dispatch: &Callback<Msg>) -> Html {
    if v.awaiting {
        return html! {};
    }
    let reset = dispatch.reform(|_: MouseEvent| Msg::LessonResetStep);
    let (class, message) = match v.state {
        StepState::Passed => ("lesson__check is-passed", "Passed".to_string()),
        StepState::Failed => ("lesson__check is-failed", v.message.clone()),
        StepState::Pending => ("lesson__check", v.message.clone()),
    };
    html! {
        <div class={classes!("lesson__status", format!("is-{}", v.state.as_str()))}>
            <p class="lesson__status-label">{"Check"}</p>
            <p class={class} data-testid="lesson-check-message" aria-live="polite">{message}</p>
            if v.lost {
                <div class="lesson__lost" role="alert">
                    <p>{"This step can no longer pass from here. Reset it to put the cluster back as it was when the step began."}</p>
                    <button type="button" class="button button--small" onclick={reset}>{"Reset this step"}</button>
                </div>
            }
        </div>
    }
}

/// "You guessed …" while the step runs (the answer waits until the step passed).
fn guess_before(p: &PredictView) -> Option<String> {
    if p.outcome.is_some() {
        return None;
    }
    let chosen = p.chosen.as_ref()?;
    let text = p.choices.iter().find(|(id, _)| id == chosen)?.1.clone();
    Some(format!("Your guess: {text}. Do the step and see."))
}

/// The prediction's question, with a button per choice.
fn question(p: &PredictView, dispatch: &Callback<Msg>) -> Html {
    html! {
        <div class="lesson__predict" data-testid="lesson-predict">
            <p class="lesson__status-label">{"Predict first"}</p>
            <p class="lesson__question">{inlines(&[Inline::Text(p.question.clone())])}</p>
            <div class="lesson__choices">
                { for p.choices.iter().map(|(id, text)| {
                    let onclick = {
                        let (id, dispatch) = (id.clone(), dispatch.clone());
                        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::LessonPredict(id.clone())))
                    };
                    html! {
                        <button type="button" class="lesson__choice" data-testid="predict-choice" data-choice={id.clone()} {onclick}>
                            {text.clone()}
                        </button>
                    }
                }) }
            </div>
            <p class="muted">{"The clock waits until you answer."}</p>
        </div>
    }
}

/// After the last step.
fn complete(on_catalogue: &Callback<()>) -> Html {
    let onclick = on_catalogue.reform(|_: MouseEvent| ());
    html! {
        <div class="lesson__complete" data-testid="lesson-complete" role="status">
            <p class="lesson__complete-title">{"Lesson complete"}</p>
            <p>{"Every step passed. Pick another lesson, or leave and keep playing with this cluster."}</p>
            <button type="button" class="button button--small" data-testid="lesson-catalogue" {onclick}>{"Back to the lessons"}</button>
        </div>
    }
}

/// The buttons under the panel: Hint, Reset this step, Next step.
fn actions(v: &LessonView, dispatch: &Callback<Msg>) -> Html {
    let hint = dispatch.reform(|_: MouseEvent| Msg::LessonHint);
    let reset = dispatch.reform(|_: MouseEvent| Msg::LessonResetStep);
    let next = dispatch.reform(|_: MouseEvent| Msg::LessonNext);
    let last = v.step + 1 >= v.steps.len();
    html! {
        <div class="lesson__actions">
            if v.more_help && !v.awaiting {
                <button type="button" class="button button--small" data-testid="lesson-hint-button" onclick={hint}>
                    {if v.hints_left > 0 { "Hint" } else { "Show the answer" }}
                </button>
            }
            <button type="button" class="button button--small" data-testid="lesson-reset-step" onclick={reset}
                title="Put the cluster and the files back as they were when this step began">{"Reset this step"}</button>
            if !last {
                <button type="button" class="button button--small button--primary lesson__next" data-testid="lesson-next"
                    disabled={!v.can_next} onclick={next}>{"Next step"}</button>
            }
        </div>
    }
}
