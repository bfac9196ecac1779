//! The list of top-level comments, and what every comment view shares.

use std::sync::Arc;

use leptos::prelude::*;

use super::comment::comment_view;
use super::status::EmptyNotice;
use crate::intl::TimeFormatter;
use crate::model::Thread;
use crate::time::EpochMillis;

/// What every comment of one rendered thread needs to know.
pub(crate) struct ThreadCtx {
    /// The thread being shown.
    pub thread: Arc<Thread>,
    /// Page-unique prefix for element ids, e.g. `kibitz-2`.
    pub id_prefix: String,
    /// Depth after which replies stop indenting.
    pub max_depth: u32,
    /// Depth after which comments start collapsed.
    pub collapse_depth: Option<u32>,
    /// Date formatting for this widget.
    pub formatter: StoredValue<TimeFormatter, LocalStorage>,
    /// The moment relative times are measured from.
    pub now: EpochMillis,
}

/// Renders a loaded thread: its comments, or a note that it has none.
#[component]
pub fn ThreadView(
    /// The thread, normalised.
    thread: Arc<Thread>,
    /// Page-unique prefix for element ids.
    id_prefix: String,
    /// Depth after which replies stop indenting.
    max_depth: u32,
    /// Depth after which comments start collapsed.
    collapse_depth: Option<u32>,
    /// Date formatting for this widget.
    formatter: StoredValue<TimeFormatter, LocalStorage>,
    /// The moment relative times are measured from.
    now: EpochMillis,
) -> impl IntoView {
    if thread.comments.is_empty() {
        return view! { <EmptyNotice/> }.into_any();
    }
    let ctx = Arc::new(ThreadCtx {
        thread,
        id_prefix,
        max_depth,
        collapse_depth,
        formatter,
        now,
    });
    let comments = ctx
        .thread
        .roots
        .iter()
        .map(|&root| comment_view(&ctx, root))
        .collect_view();
    view! { <ol class="kibitz-list">{comments}</ol> }.into_any()
}
