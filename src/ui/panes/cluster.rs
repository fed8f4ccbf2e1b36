//! The cluster view pane.

use yew::prelude::*;

use crate::ui::icons::ClusterIcon;
use crate::ui::layout::Pane;
use crate::ui::state::APPLY_COMMAND;

/// What the cluster holds; empty until the simulation is wired in.
#[function_component(ClusterPane)]
pub fn cluster_pane() -> Html {
    html! {
        <Pane
            heading_id="cluster-title"
            title="Cluster"
            test_id="cluster-pane"
            class="pane--cluster"
            meta="namespace default"
        >
            <div class="empty">
                <ClusterIcon />
                <p class="empty__title">{"No pods yet"}</p>
                <p class="empty__text">
                    {"Press Apply, or run "}
                    <code>{APPLY_COMMAND}</code>
                    {" in the terminal, and watch the StatefulSet create its pods one ordinal at a time."}
                </p>
            </div>
        </Pane>
    }
}
