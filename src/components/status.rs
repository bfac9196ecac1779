//! Status lines: loading, empty, and errors with a retry button. Loading
//! and errors sit in live regions so screen readers hear them.

use leptos::prelude::*;

use crate::i18n::Words;

/// A light placeholder while the thread loads.
#[component]
pub fn LoadingNotice(
    /// The widget's words.
    words: &'static Words,
) -> impl IntoView {
    view! {
        <div class="kibitz-status kibitz-status--loading" role="status">
            <span class="kibitz-visually-hidden">{words.loading}</span>
            <div class="kibitz-skeleton" aria-hidden="true">
                <span class="kibitz-skeleton__line"></span>
                <span class="kibitz-skeleton__line"></span>
                <span class="kibitz-skeleton__line kibitz-skeleton__line--short"></span>
            </div>
        </div>
    }
}

/// The thread has no comments.
#[component]
pub fn EmptyNotice(
    /// The widget's words.
    words: &'static Words,
) -> impl IntoView {
    view! { <p class="kibitz-status kibitz-status--empty">{words.no_comments}</p> }
}

/// Why the thread could not be shown, with a retry button when retrying
/// can help.
#[component]
pub fn ErrorNotice(
    /// The full message, naming the cause and the URL.
    message: String,
    /// Called by the retry button; no button when `None`.
    on_retry: Option<Callback<()>>,
    /// The widget's words.
    words: &'static Words,
) -> impl IntoView {
    view! {
        <div class="kibitz-status kibitz-status--error" role="alert">
            <p class="kibitz-status__message">
                <strong>{words.load_failed}</strong>
                {words.label_separator}
                <span class="kibitz-status__detail">{message}</span>
            </p>
            {on_retry.map(|retry| view! {
                <button
                    type="button"
                    class="kibitz-button"
                    on:click=move |event| {
                        focus_heading(&event);
                        retry.run(());
                    }
                >
                    {words.retry}
                </button>
            })}
        </div>
    }
}

/// Moves focus from the retry button, which goes with the error it sits
/// in, to the section's heading: a keyboard reader stays in the section
/// (on `<body>` the next Tab would leave it) and hears the new state.
fn focus_heading(event: &web_sys::MouseEvent) {
    use wasm_bindgen::JsCast;
    let heading = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|button| button.closest("section.kibitz").ok().flatten())
        .and_then(|section| {
            section
                .query_selector(".kibitz-header__title")
                .ok()
                .flatten()
        })
        .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        let _ = heading.focus();
    }
}
