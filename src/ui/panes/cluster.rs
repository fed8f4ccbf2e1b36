//! The cluster picture: StatefulSets with what they wait for, nodes as lanes of pod tiles with
//! their disks, detached disks, Services with their DNS names, and the inspector.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::inspector::Inspector;
use super::tiles::{PodTile, disk, revision_badge};
use crate::session::state::{Msg, Shared};
use crate::session::view::classify::PodClass;
use crate::session::view::cluster::{ClusterView, Lane, ServiceView, SetView};
use crate::session::view::inspect::{Inspected, Selection};
use crate::ui::icons::ClusterIcon;
use crate::ui::layout::Pane;

/// What the cluster pane draws.
#[derive(Properties, PartialEq)]
pub struct ClusterPaneProps {
    /// The picture.
    pub view: Shared<ClusterView>,
    /// What is selected.
    pub selected: Option<Selection>,
    /// The inspector's content for the selection.
    pub inspected: Option<Inspected>,
    /// Receives selections.
    pub dispatch: Callback<Msg>,
}

/// Above this many wanted replicas, a StatefulSet's card says what that costs.
const MANY_REPLICAS: i32 = 5_000;

/// A count with thousands separated, e.g. `9,850`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 pod`, `9,850 pods`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// `+ 1 more pod`, `+ 9,850 more pods`.
fn more(n: usize, one: &str, many: &str) -> String {
    format!("+ {} more {}", grouped(n), if n == 1 { one } else { many })
}

fn set_card(set: &SetView, selected: Option<&Selection>, dispatch: &Callback<Msg>) -> Html {
    let is_selected =
        matches!(selected, Some(Selection::Set(ns, n)) if *ns == set.namespace && *n == set.name);
    let onclick = {
        let selection = Selection::Set(set.namespace.clone(), set.name.clone());
        dispatch.reform(move |_: MouseEvent| Msg::Select(Some(selection.clone())))
    };
    let rolling = match (&set.current_revision, &set.update_revision) {
        (Some(c), Some(u)) if c.name != u.name => html! {
            <span class="set__revs">{revision_badge(c)}<span aria-hidden="true">{"→"}</span>{revision_badge(u)}</span>
        },
        (_, Some(u)) => html! { <span class="set__revs">{revision_badge(u)}</span> },
        _ => html! {},
    };
    html! {
        <li class="set" data-testid="statefulset" data-name={set.name.clone()}
            data-ready={set.ready.to_string()} data-desired={set.desired.to_string()}>
            <button type="button" class={classes!("set__head", is_selected.then_some("is-selected"))}
                aria-expanded={is_selected.to_string()} {onclick}>
                <span class="set__name">{format!("statefulset/{}", set.name)}</span>
                <span class="set__ready">{format!("{}/{} ready", set.ready, set.desired)}</span>
                {rolling}
                <span class="set__policy">{format!("{} · {}", set.policy, set.strategy)}</span>
            </button>
            <p class="set__why" data-testid="why">
                {match &set.waiting {
                    Some(reason) => html! { <><span class="set__why-label">{"Waiting: "}</span>{reason.clone()}</> },
                    None if set.ready == set.desired => html! { {"Nothing to do: every replica is ready."} },
                    None => html! { {"Working…"} },
                }}
            </p>
            if set.desired > MANY_REPLICAS {
                <p class="set__note" data-testid="many-replicas">
                    {format!(
                        "{} replicas: every pod is simulated in this tab, so the page slows down. A real cluster would need at least {} nodes for them (a node runs at most 110 pods).",
                        grouped(usize::try_from(set.desired).unwrap_or(0)),
                        grouped(usize::try_from(set.desired).unwrap_or(0).div_ceil(110)),
                    )}
                </p>
            }
        </li>
    }
}

fn lane(lane: &Lane, selected: Option<&Selection>, dispatch: &Callback<Msg>) -> Html {
    let title = if lane.node.is_empty() {
        "Not scheduled yet".to_string()
    } else {
        lane.node.clone()
    };
    html! {
        <section key={lane.node.clone()} class={classes!("lane", (!lane.ready).then_some("lane--down"))} aria-label={format!("Node {title}")}>
            <h3 class="lane__title">
                <span>{title}</span>
                if !lane.ready { <span class="lane__state">{"NotReady"}</span> }
                <span class="lane__count" title="Pods on this node">{grouped(lane.pods.len() + lane.hidden)}</span>
                { power(lane, dispatch) }
            </h3>
            <ul class="lane__pods">
                { for lane.pods.iter().map(|p| html! {
                    <PodTile key={p.uid.clone()} pod={p.clone()} selection={selected.cloned()} dispatch={dispatch.clone()} />
                }) }
            </ul>
            if lane.hidden > 0 {
                <p class="lane__more" data-testid="more-pods" data-count={lane.hidden.to_string()}>
                    {more(lane.hidden, "pod", "pods")}
                    <span class="lane__more-hint">{format!("The first {} are drawn; kubectl get pods lists them all.", lane.pods.len())}</span>
                </p>
            }
        </section>
    }
}

/// Stop or start a node's kubelet: how a learner makes a node fail.
fn power(lane: &Lane, dispatch: &Callback<Msg>) -> Html {
    if lane.name.is_empty() {
        return html! {};
    }
    let (name, stopped) = (lane.name.clone(), lane.stopped);
    let onclick = dispatch.reform(move |_: MouseEvent| Msg::SetNodeDown(name.clone(), !stopped));
    let (label, title) = if stopped {
        ("Start", format!("Start the kubelet on {} again", lane.name))
    } else {
        (
            "Stop",
            format!(
                "Stop the kubelet on {}: the node fails, as a machine that loses power does",
                lane.name
            ),
        )
    };
    html! {
        <button type="button" class="lane__power" data-testid="node-power" data-node={lane.name.clone()}
            aria-pressed={stopped.to_string()} aria-label={title.clone()} title={title} onclick={onclick}>{label}</button>
    }
}

fn service(svc: &ServiceView, selected: Option<&Selection>, dispatch: &Callback<Msg>) -> Html {
    let is_selected = matches!(selected, Some(Selection::Service(ns, n)) if *ns == svc.namespace && *n == svc.name);
    let onclick = {
        let selection = Selection::Service(svc.namespace.clone(), svc.name.clone());
        dispatch.reform(move |_: MouseEvent| Msg::Select(Some(selection.clone())))
    };
    html! {
        <li class="service" data-testid="service" data-name={svc.name.clone()}>
            <button type="button" class={classes!("service__head", is_selected.then_some("is-selected"))}
                aria-expanded={is_selected.to_string()} {onclick}>
                <span class="service__name">{format!("service/{}", svc.name)}</span>
                <span class="chip">{if svc.headless { "headless" } else { "ClusterIP" }}</span>
                if !svc.headless { <span class="service__ip">{svc.cluster_ip.clone()}</span> }
            </button>
            <ul class="dns">
                { for svc.records.iter().map(|r| html! {
                    <li class={classes!("dns__record", (!r.ready).then_some("dns__record--notready"))}>
                        <span class="dns__name">{r.name.clone()}</span>
                        <span class="dns__ips">{match (r.ips.is_empty(), r.more_ips) {
                            (true, _) => "no address".to_string(),
                            (false, 0) => r.ips.join(", "),
                            (false, more) => format!("{} and {} more", r.ips.join(", "), grouped(more)),
                        }}</span>
                    </li>
                }) }
                if svc.hidden_records > 0 {
                    <li class="dns__record dns__record--more">{more(svc.hidden_records, "pod name", "pod names")}</li>
                }
            </ul>
        </li>
    }
}

/// The legend of pod colours.
fn legend() -> Html {
    html! {
        <ul class="legend" aria-label="Pod colours">
            { for PodClass::ALL.iter().map(|c| html! {
                <li class="legend__item"><span class={classes!("legend__swatch", format!("pod--{}", c.css()))}></span>{c.label()}</li>
            }) }
        </ul>
    }
}

/// The cluster pane.
#[function_component(ClusterPane)]
pub fn cluster_pane(props: &ClusterPaneProps) -> Html {
    let view = &props.view;
    let selected = props.selected.as_ref();
    let meta = AttrValue::from(count(view.pod_count, "pod", "pods"));
    let empty = view.pod_count == 0 && view.sets.is_empty() && view.detached.is_empty();
    // Closing hands the focus back to the tile (or card) that opened the inspector.
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: ()| {
            let opener = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".cluster .is-selected").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(opener) = opener {
                let _ = opener.focus();
            }
            dispatch.emit(Msg::Select(None));
        })
    };
    let onkeydown = {
        let (close, open) = (close.clone(), props.inspected.is_some());
        Callback::from(move |e: KeyboardEvent| {
            if open && e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            }
        })
    };
    html! {
        <Pane heading_id="cluster-title" title="Cluster" test_id="cluster-pane" class="pane--cluster" {meta}>
            <div class={classes!("cluster", props.inspected.is_some().then_some("cluster--inspecting"))} {onkeydown}>
                <div class="cluster__scroll">
                    if !view.sets.is_empty() {
                        <ul class="sets" aria-label="StatefulSets">
                            { for view.sets.iter().map(|s| set_card(s, selected, &props.dispatch)) }
                        </ul>
                    }
                    if empty {
                        <div class="empty">
                            <ClusterIcon />
                            <p class="empty__title">{"No pods yet"}</p>
                            <p class="empty__text">
                                {"Press Apply, or run "}<code>{"kubectl apply -f web.yaml"}</code>
                                {" in the terminal, and watch the StatefulSet create its pods one ordinal at a time."}
                            </p>
                        </div>
                    } else {
                        <div class="lanes">
                            { for view.lanes.iter().map(|l| lane(l, selected, &props.dispatch)) }
                        </div>
                    }
                    if !view.detached.is_empty() {
                        <section class="shelf" aria-labelledby="shelf-title">
                            <h3 id="shelf-title" class="shelf__title">{"Disks without a pod"}</h3>
                            <ul class="shelf__disks">
                                { for view.detached.iter().map(|d| {
                                    let is_selected = matches!(selected, Some(Selection::Claim(ns, n)) if *ns == d.namespace && *n == d.name);
                                    html! { <li>{disk(d, is_selected, &props.dispatch)}</li> }
                                }) }
                            </ul>
                            if view.hidden_detached > 0 {
                                <p class="lane__more">{more(view.hidden_detached, "disk", "disks")}</p>
                            }
                        </section>
                    }
                    if !view.services.is_empty() {
                        <section class="services-block" aria-labelledby="services-title">
                            <h3 id="services-title" class="shelf__title">{"Services and DNS"}</h3>
                            <ul class="services">{ for view.services.iter().map(|s| service(s, selected, &props.dispatch)) }</ul>
                        </section>
                    }
                    {legend()}
                </div>
                if let Some(inspected) = props.inspected.clone() {
                    <Inspector {inspected} on_close={close} />
                }
            </div>
        </Pane>
    }
}
