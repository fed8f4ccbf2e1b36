//! Small inline SVG icons, drawn with `currentColor` so they follow the theme.

use yew::prelude::*;

/// The product mark: three numbered pods stacked in order, as a StatefulSet creates them.
#[function_component(LogoMark)]
pub fn logo_mark() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect x="2" y="2" width="28" height="28" rx="7" class="logo__tile" />
            <rect x="8" y="8" width="16" height="4" rx="2" class="logo__bar" />
            <rect x="8" y="14" width="12" height="4" rx="2" class="logo__bar logo__bar--2" />
            <rect x="8" y="20" width="8" height="4" rx="2" class="logo__bar logo__bar--3" />
        </svg>
    }
}

/// A right-pointing triangle.
#[function_component(PlayIcon)]
pub fn play_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
        </svg>
    }
}

/// Two vertical bars.
#[function_component(PauseIcon)]
pub fn pause_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <rect x="3.5" y="2.5" width="3" height="11" rx="1" fill="currentColor" />
            <rect x="9.5" y="2.5" width="3" height="11" rx="1" fill="currentColor" />
        </svg>
    }
}

/// A triangle against a bar: advance one step.
#[function_component(StepIcon)]
pub fn step_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3 2.5v11l7.5-5.5z" fill="currentColor" />
            <rect x="11" y="2.5" width="2.5" height="11" rx="1" fill="currentColor" />
        </svg>
    }
}

/// Two chevrons against a bar: run until quiet.
#[function_component(SettleIcon)]
pub fn settle_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M2 3v10l5-5zM7 3v10l5-5z" fill="currentColor" />
            <rect x="12.5" y="2.5" width="2" height="11" rx="1" fill="currentColor" />
        </svg>
    }
}

/// A cluster of three nodes, for the empty cluster view.
#[function_component(ClusterIcon)]
pub fn cluster_icon() -> Html {
    html! {
        <svg class="empty__art" viewBox="0 0 120 72" width="160" height="96" aria-hidden="true" focusable="false">
            <rect x="4" y="14" width="32" height="44" rx="8" class="empty__pod" />
            <rect x="44" y="14" width="32" height="44" rx="8" class="empty__pod empty__pod--ghost" />
            <rect x="84" y="14" width="32" height="44" rx="8" class="empty__pod empty__pod--ghost" />
            <text x="20" y="36" text-anchor="middle" class="empty__ordinal">{"0"}</text>
            <text x="60" y="36" text-anchor="middle" class="empty__ordinal">{"1"}</text>
            <text x="100" y="36" text-anchor="middle" class="empty__ordinal">{"2"}</text>
        </svg>
    }
}
