//! The activity pane: the ordinal timeline (SVG) above the live event list.

use std::rc::Rc;

use yew::prelude::*;

use crate::session::state::Shared;
use crate::session::state::clock::format_clock;
use crate::session::view::EventRow;
use crate::session::view::timeline::Timeline;
use crate::ui::layout::Pane;

/// Rows the chart draws at most.
const MAX_ROWS: usize = 40;
/// The chart's drawing width in SVG units.
const WIDTH: f64 = 1000.0;
/// Height of one row in SVG units (and pixels).
const ROW: f64 = 18.0;

/// What the activity pane shows.
#[derive(Properties, PartialEq)]
pub struct ActivityPaneProps {
    /// The recorded timeline.
    pub timeline: Shared<Timeline>,
    /// Virtual time now.
    pub now_ms: u64,
    /// Events, oldest first.
    pub events: Rc<Vec<EventRow>>,
}

/// How much history the chart spans.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Window {
    Minute,
    FiveMinutes,
    All,
}

impl Window {
    fn label(self) -> &'static str {
        match self {
            Window::Minute => "1 min",
            Window::FiveMinutes => "5 min",
            Window::All => "All",
        }
    }

    fn span(self) -> Option<u64> {
        match self {
            Window::Minute => Some(60_000),
            Window::FiveMinutes => Some(300_000),
            Window::All => None,
        }
    }
}

fn chart(timeline: &Timeline, now: u64, window: Window) -> Html {
    let start = match window.span() {
        Some(span) => now.saturating_sub(span),
        None => timeline.start_ms.unwrap_or(now).min(now),
    };
    // At least a minute wide, so that the first seconds are not stretched across the chart.
    let span = (now.saturating_sub(start)).max(60_000) as f64;
    let x = |ms: u64| (ms.saturating_sub(start) as f64 / span * WIDTH).clamp(0.0, WIDTH);
    let rows: Vec<_> = timeline.rows.iter().take(MAX_ROWS).collect();
    let hidden = timeline.rows.len().saturating_sub(MAX_ROWS) + timeline.untracked;
    let height = (rows.len().max(1) as f64) * ROW;
    let labels = rows.iter().map(|((set, ordinal), _)| {
        let name = set.rsplit('/').next().unwrap_or(set);
        html! { <li class="timeline__label">{format!("{name}-{ordinal}")}</li> }
    });
    let mut shapes = Vec::new();
    for (i, ((set, ordinal), row)) in rows.iter().enumerate() {
        let y = i as f64 * ROW;
        let name = format!("{}-{ordinal}", set.rsplit('/').next().unwrap_or(set));
        let mut previous_revision = None;
        for (index, seg) in row.segments.iter().enumerate() {
            let end = seg.to_ms.unwrap_or(now);
            if end < start {
                previous_revision = Some(seg.revision);
                continue;
            }
            let (x0, x1) = (x(seg.from_ms), x(end));
            let title = format!(
                "{name}: {} (revision {}), {}–{}",
                seg.class.label(),
                seg.revision,
                format_clock(seg.from_ms),
                format_clock(end)
            );
            shapes.push(html! {
                <rect key={format!("{i}-{index}")} class={classes!("bar", format!("bar--{}", seg.class.css()))}
                    x={format!("{x0:.1}")} y={format!("{:.1}", y + 3.0)}
                    width={format!("{:.1}", (x1 - x0).max(1.5))} height={format!("{:.1}", ROW - 6.0)}>
                    <title>{title}</title>
                </rect>
            });
            if previous_revision.is_some_and(|r| r != seg.revision) && seg.from_ms >= start {
                shapes.push(html! {
                    <line key={format!("{i}-{index}-mark")} class="rev-mark" x1={format!("{x0:.1}")} x2={format!("{x0:.1}")}
                        y1={format!("{y:.1}")} y2={format!("{:.1}", y + ROW)} />
                });
            }
            previous_revision = Some(seg.revision);
        }
    }
    html! {
        <div class="timeline__body">
            <ul class="timeline__labels" aria-hidden="true">{ for labels }</ul>
            <div class="timeline__plot">
                <svg class="timeline__svg" viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="none"
                    width="100%" height={format!("{height}")} role="img"
                    aria-label={format!("Timeline of {} ordinals from {} to {}", rows.len(), format_clock(start), format_clock(now))}>
                    { for shapes }
                </svg>
                <div class="timeline__axis" aria-hidden="true">
                    <span>{format_clock(start)}</span>
                    <span>{format_clock(now)}</span>
                </div>
            </div>
            if hidden > 0 {
                <p class="muted timeline__more">{format!("and {} more ordinal{}", crate::ui::panes::grouped(hidden), if hidden == 1 { "" } else { "s" })}</p>
            }
        </div>
    }
}

/// The event list's rows.
#[derive(Properties, PartialEq)]
struct EventListProps {
    events: Rc<Vec<EventRow>>,
}

/// The live event list, a component of its own so that it redraws only when the rows change.
#[function_component(EventList)]
fn event_list(props: &EventListProps) -> Html {
    let events_ref = use_node_ref();
    {
        let events_ref = events_ref.clone();
        use_effect_with(props.events.clone(), move |_| {
            if let Some(list) = events_ref.cast::<web_sys::Element>() {
                list.set_scroll_top(list.scroll_height());
            }
        });
    }
    html! {
            <section class="events" aria-labelledby="events-title">
                <div class="section-head">
                    <h3 id="events-title" class="section-head__title">{"Events"}</h3>
                    <span class="muted">{"kubectl get events"}</span>
                </div>
                <div class="events__scroll" ref={events_ref} tabindex="0" aria-label="Events list">
                    <table class="events__table" data-testid="events">
                        <thead><tr>
                            <th scope="col">{"LAST SEEN"}</th><th scope="col">{"TYPE"}</th><th scope="col">{"REASON"}</th>
                            <th scope="col">{"OBJECT"}</th><th scope="col">{"MESSAGE"}</th>
                        </tr></thead>
                        <tbody>
                            { for props.events.iter().map(|row| html! {
                                <tr key={row.key.clone()} class={classes!((row.cells.get(1).map(String::as_str) == Some("Warning")).then_some("is-warning"))}>
                                    { for row.cells.iter().map(|c| html! { <td>{c.clone()}</td> }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    if props.events.is_empty() {
                        <p class="muted events__empty">{"No events yet."}</p>
                    }
                </div>
            </section>
    }
}

/// The activity pane.
#[function_component(ActivityPane)]
pub fn activity_pane(props: &ActivityPaneProps) -> Html {
    let window = use_state(|| Window::FiveMinutes);
    let windows = [Window::Minute, Window::FiveMinutes, Window::All].map(|w| {
        let onclick = {
            let window = window.clone();
            Callback::from(move |_: MouseEvent| window.set(w))
        };
        html! {
            <button type="button" class="segmented__option" aria-pressed={(*window == w).to_string()} {onclick}>{w.label()}</button>
        }
    });
    let has_rows = !props.timeline.rows.is_empty();
    html! {
        <Pane heading_id="activity-title" title="Timeline and events" test_id="activity-pane" class="pane--activity">
            <section class="timeline" data-testid="timeline" aria-labelledby="timeline-title">
                <div class="section-head">
                    <h3 id="timeline-title" class="section-head__title">{"Ordinal timeline"}</h3>
                    <div class="segmented segmented--small" role="group" aria-label="Timeline span">{ for windows }</div>
                </div>
                if has_rows {
                    {chart(&props.timeline, props.now_ms, *window)}
                } else {
                    <p class="muted timeline__empty">{"Each StatefulSet ordinal gets a row here once its pod exists."}</p>
                }
            </section>
            <EventList events={props.events.clone()} />
        </Pane>
    }
}
