//! Sanitised markup in the page: the one module that sets `innerHTML`, and
//! only from a [`SafeHtml`], which only `sanitize.rs` can make.

use leptos::prelude::*;

use crate::sanitize::SafeHtml;

/// Renders sanitised body markup.
#[component]
pub fn CommentBody(
    /// The body, already made safe.
    html: SafeHtml,
) -> impl IntoView {
    view! { <div class="kibitz-comment__body" dir="auto" inner_html=html.as_str().to_string()></div> }
}

/// Renders sanitised inline markup (a name with custom emoji).
#[component]
pub fn SafeInline(
    /// The markup, already made safe.
    html: SafeHtml,
) -> impl IntoView {
    view! { <span inner_html=html.as_str().to_string()></span> }
}
