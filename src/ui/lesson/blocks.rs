//! Lesson text as elements: the Markdown blocks read by `session::lesson::markdown`, drawn one
//! element per block and run (never as HTML text).

use yew::prelude::*;

use crate::session::lesson::markdown::{Block, Inline};

/// Draws blocks of lesson text.
pub fn blocks(blocks: &[Block]) -> Html {
    blocks.iter().map(block).collect()
}

fn block(block: &Block) -> Html {
    match block {
        Block::Para(runs) => html! { <p>{inlines(runs)}</p> },
        Block::Code(text) => html! { <pre class="lesson__code"><code>{text.clone()}</code></pre> },
        Block::List(items) => html! {
            <ul>{ for items.iter().map(|runs| html! { <li>{inlines(runs)}</li> }) }</ul>
        },
        Block::Heading(runs) => html! { <h4 class="lesson__subheading">{inlines(runs)}</h4> },
    }
}

/// Draws a run of inline text.
pub fn inlines(runs: &[Inline]) -> Html {
    runs.iter().map(inline).collect()
}

fn inline(run: &Inline) -> Html {
    match run {
        Inline::Text(text) => html! { {text.clone()} },
        Inline::Code(text) => html! { <code>{text.clone()}</code> },
        Inline::Strong(text) => html! { <strong>{text.clone()}</strong> },
        Inline::Em(text) => html! { <em>{text.clone()}</em> },
        Inline::Link(text, href) => {
            // Outside links open apart from the page, so the session stays where it is.
            let outside = !href.starts_with('#');
            html! {
                <a href={href.clone()} target={outside.then_some("_blank")}
                    rel={outside.then_some("noopener noreferrer")}>{text.clone()}</a>
            }
        }
    }
}
