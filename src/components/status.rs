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
                ": "
                <span class="kibitz-status__detail">{message}</span>
            </p>
            {on_retry.map(|retry| view! {
                <button type="button" class="kibitz-button" on:click=move |_| retry.run(())>
                    {words.retry}
                </button>
            })}
        </div>
    }
}
