//! The list of top-level comments, and what every comment view shares.

use std::sync::Arc;

use leptos::prelude::*;

use super::comment::comment_view;
use super::status::EmptyNotice;
use crate::intl::{TimeFormatter, Voice};
use crate::model::Thread;
use crate::time::EpochMillis;

/// How the site owner asked comments to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Depth after which replies stop indenting.
    pub max_depth: u32,
    /// Depth after which comments start collapsed.
    pub collapse_depth: Option<u32>,
    /// Whether to show authors' pictures.
    pub avatars: bool,
}

/// What every comment of one rendered thread needs to know.
pub(crate) struct ThreadCtx {
    /// The thread being shown.
    pub thread: Arc<Thread>,
    /// Page-unique prefix for element ids, e.g. `kibitz-2`.
    pub id_prefix: String,
    /// Prefix of comment anchors: `kibitz-<thread id>`, or the id prefix
    /// for a thread without an id.
    pub anchor_prefix: String,
    /// How to show comments.
    pub options: RenderOptions,
    /// Date formatting for this widget.
    pub formatter: StoredValue<TimeFormatter, LocalStorage>,
    /// The widget's words.
    pub voice: StoredValue<Voice, LocalStorage>,
    /// The moment relative times are measured from; ticks once a minute.
    pub clock: Signal<EpochMillis>,
}

impl ThreadCtx {
    /// The element id of a comment, for links to it: `kibitz-<thread>-<id>`,
    /// with characters that fragments handle badly replaced by `_`.
    pub fn anchor(&self, index: usize) -> String {
        let id: String = self.thread.comments[index]
            .id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{}-{id}", self.anchor_prefix)
    }
}

thread_local! {
    /// Anchor prefixes in use on the page, with the widget that holds each.
    static ANCHOR_PREFIXES: std::cell::RefCell<std::collections::HashMap<String, String>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The prefix of this thread's comment anchors: `kibitz-<thread id>` for
/// the first widget showing that thread; a thread without a usable id, or a
/// second widget showing the same thread, uses `kibitz-<n>-t`, so no id
/// appears twice on the page (and none equals the widget's own
/// `kibitz-<n>-…` element ids).
fn claim_anchor_prefix(thread: &Thread, id_prefix: &str) -> String {
    let wanted = match thread.meta.id.clone().map(|id| id.into_text()) {
        Some(id)
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')) =>
        {
            format!("kibitz-{id}")
        }
        _ => return format!("{id_prefix}-t"),
    };
    let claimed = ANCHOR_PREFIXES.with(|prefixes| {
        let mut prefixes = prefixes.borrow_mut();
        match prefixes.get(&wanted) {
            Some(owner) if owner != id_prefix => false,
            _ => {
                prefixes.insert(wanted.clone(), id_prefix.to_string());
                true
            }
        }
    });
    if !claimed {
        return format!("{id_prefix}-t");
    }
    let (released, owner) = (wanted.clone(), id_prefix.to_string());
    on_cleanup(move || {
        ANCHOR_PREFIXES.with(|prefixes| {
            let mut prefixes = prefixes.borrow_mut();
            if prefixes.get(&released) == Some(&owner) {
                prefixes.remove(&released);
            }
        });
    });
    wanted
}

/// Renders a loaded thread: its comments, or a note that it has none.
#[component]
pub fn ThreadView(
    /// The thread, normalised.
    thread: Arc<Thread>,
    /// Page-unique prefix for element ids.
    id_prefix: String,
    /// How to show comments.
    options: RenderOptions,
    /// Date formatting for this widget.
    formatter: StoredValue<TimeFormatter, LocalStorage>,
    /// The widget's words.
    voice: StoredValue<Voice, LocalStorage>,
    /// The moment relative times are measured from; ticks once a minute.
    clock: Signal<EpochMillis>,
) -> impl IntoView {
    if thread.comments.is_empty() {
        let words = voice.with_value(|v| v.words);
        return view! { <EmptyNotice words/> }.into_any();
    }
    let anchor_prefix = claim_anchor_prefix(&thread, &id_prefix);
    let ctx = Arc::new(ThreadCtx {
        anchor_prefix,
        thread,
        id_prefix,
        options,
        formatter,
        voice,
        clock,
    });
    let comments = ctx
        .thread
        .roots
        .iter()
        .map(|&root| comment_view(&ctx, root))
        .collect_view();
    view! { <ol class="kibitz-list">{comments}</ol> }.into_any()
}
