//! Pod tiles and the disks joined to them.

use std::rc::Rc;

use yew::prelude::*;

use crate::session::state::Msg;
use crate::session::view::cluster::{DiskView, PodView, RevisionTag};
use crate::session::view::inspect::Selection;

/// The short form of an image: the last path segment with its tag.
pub fn short_image(image: &str) -> &str {
    image.rsplit('/').next().unwrap_or(image)
}

/// A revision badge: `r2` in the revision's colour, the full name on hover.
pub fn revision_badge(tag: &RevisionTag) -> Html {
    let label = if tag.number > 0 {
        format!("r{}", tag.number)
    } else {
        "r?".to_string()
    };
    html! {
        <span class={classes!("rev", format!("rev--h{}", tag.hue))} title={format!("ControllerRevision {}", tag.name)}>
            <span class="visually-hidden">{" revision "}</span>{label}
        </span>
    }
}

/// A disk: the claim, its status and the volume behind it.
pub fn disk(disk: &DiskView, selected: bool, dispatch: &Callback<Msg>) -> Html {
    let onclick = {
        let selection = Selection::Claim(disk.namespace.clone(), disk.name.clone());
        dispatch.reform(move |_: MouseEvent| Msg::Select(Some(selection.clone())))
    };
    let volume = disk
        .volume
        .as_deref()
        .map(|v| v.chars().take(12).collect::<String>())
        .unwrap_or_else(|| "no volume yet".into());
    let files = match disk.files {
        0 => String::new(),
        1 => " · 1 file".to_string(),
        n => format!(" · {n} files"),
    };
    let status_class = format!("disk--{}", disk.status.to_ascii_lowercase());
    let (head, tail) = disk.name_parts();
    html! {
        <button type="button"
            class={classes!("disk", status_class, disk.pod.is_none().then_some("disk--detached"), selected.then_some("is-selected"))}
            data-testid="pvc"
            data-name={disk.name.clone()}
            data-status={disk.status.clone()}
            data-pod={disk.pod.clone().unwrap_or_default()}
            {onclick}>
            <span class="visually-hidden">{"Disk "}</span>
            <svg class="disk__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <ellipse cx="8" cy="4" rx="6" ry="2.5" />
                <path d="M2 4v8c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5V4" />
            </svg>
            // The head gives way first, so the ordinal at the end stays in view; the whole
            // name is in the tooltip and the inspector.
            <span class="disk__name" title={disk.name.clone()}>
                <span class="disk__name-head">{head}</span><span class="disk__name-tail">{tail}</span>
            </span>
            <span class="disk__meta">{format!("{} · {}{}", disk.status, disk.capacity, files)}</span>
            <span class="disk__volume" title={disk.volume.clone().unwrap_or_default()}>{volume}</span>
            if disk.pod.is_none() { <span class="visually-hidden">{" (not attached to a pod)"}</span> }
        </button>
    }
}

/// What a pod tile shows.
#[derive(Properties, PartialEq)]
pub struct PodTileProps {
    /// The pod.
    pub pod: Rc<PodView>,
    /// What is selected (the pod or one of its disks may be).
    pub selection: Option<Selection>,
    /// Receives selections.
    pub dispatch: Callback<Msg>,
}

/// A pod tile with its disks below it; a component, so that unchanged tiles are not redrawn.
#[function_component(PodTile)]
pub fn pod_tile(props: &PodTileProps) -> Html {
    let (pod, selection, dispatch) = (&props.pod, props.selection.as_ref(), &props.dispatch);
    let selected =
        matches!(selection, Some(Selection::Pod(ns, n)) if *ns == pod.namespace && *n == pod.name);
    let onclick = {
        let selection = Selection::Pod(pod.namespace.clone(), pod.name.clone());
        dispatch.reform(move |_: MouseEvent| Msg::Select(Some(selection.clone())))
    };
    let ordinal = pod
        .ordinal
        .map_or_else(|| "·".to_string(), |o| o.to_string());
    let revision = pod
        .revision
        .as_ref()
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let images: Vec<&str> = pod.images.iter().map(|i| short_image(i)).collect();
    let disks = pod.disks.iter().map(|d| {
        let selected = matches!(selection, Some(Selection::Claim(ns, n)) if *ns == d.namespace && *n == d.name);
        html! { <li class="pod-slot__disk">{disk(d, selected, dispatch)}</li> }
    });
    html! {
        <li class="pod-slot">
            <button type="button"
                class={classes!("pod", format!("pod--{}", pod.class.css()), selected.then_some("is-selected"))}
                data-testid="pod"
                data-name={pod.name.clone()}
                data-status={pod.status.clone()}
                data-ready={pod.ready.clone()}
                data-revision={revision}
                data-node={pod.node.clone().unwrap_or_default()}
                data-uid={pod.uid.clone()}
                {onclick}>
                <span class="pod__ordinal" aria-hidden="true">{ordinal}</span>
                <span class="pod__body">
                    <span class="visually-hidden">{"Pod "}</span>
                    <span class="pod__name">{pod.name.clone()}</span>
                    <span class="pod__status">{format!("{} · {}", pod.status, pod.ready)}</span>
                    <span class="pod__image">{images.join(", ")}</span>
                </span>
                if let Some(tag) = &pod.revision {
                    {revision_badge(tag)}
                }
            </button>
            if !pod.disks.is_empty() {
                <ul class="pod-slot__disks" aria-label={format!("Disks of {}", pod.name)}>{ for disks }</ul>
            }
        </li>
    }
}
