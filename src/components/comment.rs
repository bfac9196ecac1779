//! One comment: its header (toggle, author, time, number), its body, and
//! its replies. Replies nest until the thread's visual depth; below that,
//! a comment's whole subtree is one flat list in which each reply says whom
//! it answers, so the DOM never gets deeper than the depth limit however
//! long a chain of replies is.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::body::{CommentBody, SafeInline};
use super::thread::ThreadCtx;
use crate::model::{hidden_counts, CommentNode, Detached};
use crate::sanitize::{name_with_emoji, render_body, with_mention, UGC_REL};

/// Flat reply lists show this many replies, then a "Show more" button.
const FLAT_PAGE: usize = 50;

/// A nested comment and, once it has been open, its replies.
pub(crate) fn comment_view(ctx: &Arc<ThreadCtx>, index: usize) -> AnyView {
    let node = &ctx.thread.comments[index];
    let starts_open = ctx
        .options
        .collapse_depth
        .is_none_or(|limit| node.depth <= limit);
    let open = RwSignal::new(starts_open);
    // Replies are built the first time they are shown, then kept.
    let ever_open = RwSignal::new(starts_open);
    let replies = {
        let ctx = ctx.clone();
        move || ever_open.get().then(|| replies_view(&ctx, index))
    };
    let toggle = move || {
        open.update(|o| *o = !*o);
        if !ever_open.get_untracked() {
            ever_open.set(true);
        }
    };
    comment_item(ctx, index, open, toggle, None, replies)
}

fn replies_view(ctx: &Arc<ThreadCtx>, index: usize) -> Option<AnyView> {
    let node = &ctx.thread.comments[index];
    if node.children.is_empty() {
        return None;
    }
    if node.depth >= ctx.options.max_depth {
        return Some(flat_replies_view(ctx, index));
    }
    let replies = node
        .children
        .iter()
        .map(|&child| comment_view(ctx, child))
        .collect_view();
    Some(view! { <ol class="kibitz-replies">{replies}</ol> }.into_any())
}

/// Everything below a comment at the depth limit, depth first, in pages.
struct FlatRegion {
    items: Vec<usize>,
    descendants: Vec<u32>,
    open: Vec<RwSignal<bool>>,
    /// How many collapsed items above hide each item.
    hidden_by: Vec<RwSignal<u32>>,
}

fn flat_replies_view(ctx: &Arc<ThreadCtx>, index: usize) -> AnyView {
    let items = ctx.thread.descendants_preorder(index);
    let descendants: Vec<u32> = items
        .iter()
        .map(|&i| ctx.thread.comments[i].descendants)
        .collect();
    let starts_open: Vec<bool> = items
        .iter()
        .map(|&i| {
            ctx.options
                .collapse_depth
                .is_none_or(|limit| ctx.thread.comments[i].depth <= limit)
        })
        .collect();
    let collapsed: Vec<bool> = starts_open.iter().map(|o| !o).collect();
    let region = Arc::new(FlatRegion {
        open: starts_open.into_iter().map(RwSignal::new).collect(),
        hidden_by: hidden_counts(&descendants, &collapsed)
            .into_iter()
            .map(RwSignal::new)
            .collect(),
        items,
        descendants,
    });
    let total = region.items.len();
    let shown = RwSignal::new(total.min(FLAT_PAGE));
    let voice = ctx.voice;
    let each = move || 0..shown.get();
    let item = {
        let ctx = ctx.clone();
        let region = region.clone();
        move |position: usize| flat_item_view(&ctx, &region, position)
    };
    view! {
        <ol class="kibitz-replies kibitz-replies--flat">
            <For each=each key=|position| *position children=item/>
        </ol>
        {move || {
            let remaining = total - shown.get();
            (remaining > 0).then(|| view! {
                <button
                    type="button"
                    class="kibitz-button kibitz-more"
                    on:click=move |_| shown.update(|s| *s = (*s + FLAT_PAGE).min(total))
                >
                    {voice.with_value(|v| v.show_more_replies(remaining.min(FLAT_PAGE), remaining))}
                </button>
            })
        }}
    }
    .into_any()
}

fn flat_item_view(ctx: &Arc<ThreadCtx>, region: &Arc<FlatRegion>, position: usize) -> AnyView {
    let index = region.items[position];
    let open = region.open[position];
    let hidden_by = region.hidden_by[position];
    let toggle = {
        let region = region.clone();
        move || {
            let now_open = !open.get_untracked();
            open.set(now_open);
            let end = position + region.descendants[position] as usize;
            for hidden in &region.hidden_by[position + 1..=end] {
                hidden.update(|n| {
                    *n = if now_open {
                        n.saturating_sub(1)
                    } else {
                        *n + 1
                    }
                });
            }
        }
    };
    let parent_name = ctx.thread.comments[index]
        .parent
        .map(|p| display_name(ctx, &ctx.thread.comments[p]));
    comment_item(
        ctx,
        index,
        open,
        toggle,
        Some((parent_name, hidden_by)),
        || None::<AnyView>,
    )
}

fn display_name(ctx: &ThreadCtx, node: &CommentNode) -> String {
    match node.removed {
        Some(removed) => ctx.voice.with_value(|v| v.removed(removed)).to_string(),
        None => node.author.name.clone(),
    }
}

/// The shared shape of a nested and a flat comment. `flat` carries whom a
/// flat reply answers and the signal that hides it under a collapsed
/// ancestor of the same list.
fn comment_item<R, V>(
    ctx: &Arc<ThreadCtx>,
    index: usize,
    open: RwSignal<bool>,
    toggle: impl Fn() + Send + Sync + 'static,
    flat: Option<(Option<String>, RwSignal<u32>)>,
    replies: R,
) -> AnyView
where
    R: Fn() -> Option<V> + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let node = &ctx.thread.comments[index];
    let content_id = format!("{}-c{}", ctx.id_prefix, index);
    let (number, hidden) = (node.number, node.descendants);
    let name = display_name(ctx, node);
    let voice = ctx.voice;
    let label_name = name.clone();
    let (formatter, clock, created) = (ctx.formatter, ctx.clock, node.created);
    let time = formatter.with_value(|f| f.label(created, clock.get_untracked()));
    // Only labels that can change follow the clock.
    let time_text = if formatter.with_value(|f| f.changes_over_time(created, clock.get_untracked()))
    {
        Either::Left(move || formatter.with_value(|f| f.label(created, clock.get()).text))
    } else {
        Either::Right(time.text.clone())
    };
    // A placeholder with no date (a post the service no longer has) shows
    // no time rather than "date unknown".
    let dated = created.is_some() || node.removed.is_none();
    let edited = node.edited.map(|at| {
        let title = formatter.with_value(|f| f.label(Some(at), clock.get_untracked()).title);
        let word = voice.with_value(|v| v.words.edited);
        view! { <span class="kibitz-comment__edited" title=title>{word}</span> }
    });
    let (answers, hidden_by) = match flat {
        Some((answers, hidden_by)) => (answers, Some(hidden_by)),
        None => (None, None),
    };
    let context = match (node.detached, answers) {
        (Some(Detached::MissingParent), _) => {
            Some(voice.with_value(|v| v.words.missing_parent).to_string())
        }
        (_, Some(parent)) => Some(voice.with_value(|v| v.replying_to(&parent))),
        _ => None,
    };
    let author = match (&node.author.url, node.removed) {
        (_, None) if !node.author.emoji.is_empty() => {
            let html = name_with_emoji(&name, &node.author.emoji);
            match &node.author.url {
                Some(url) => view! {
                    <a class="kibitz-comment__author" dir="auto" href=url.clone() rel=UGC_REL><SafeInline html/></a>
                }
                .into_any(),
                None => view! {
                    <span class="kibitz-comment__author" dir="auto"><SafeInline html/></span>
                }
                .into_any(),
            }
        }
        (Some(url), None) => view! {
            <a class="kibitz-comment__author" dir="auto" href=url.clone() rel=UGC_REL>{name}</a>
        }
        .into_any(),
        _ => view! { <span class="kibitz-comment__author" dir="auto">{name}</span> }.into_any(),
    };
    let body = body_view(ctx, node, &content_id);
    let handle = node
        .removed
        .is_none()
        .then(|| node.author.handle.clone())
        .flatten();
    // A placeholder says "[deleted]" once, in the body, and names nobody.
    let author = node.removed.is_none().then_some(author);
    view! {
        <li
            class="kibitz-comment"
            class:kibitz-comment--collapsed=move || !open.get()
            class:kibitz-comment--deleted=node.removed.is_some()
            class:kibitz-comment--flat=hidden_by.is_some()
            data-comment-id=node.id.clone()
            id=ctx.anchor(index)
            hidden=move || hidden_by.is_some_and(|h| h.get() > 0)
        >
            <div class="kibitz-comment__meta">
                <button
                    type="button"
                    class="kibitz-comment__toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=content_id.clone()
                    aria-label=move || voice.with_value(|v| v.toggle_label(open.get(), number, &label_name, hidden))
                    on:click=move |_| toggle()
                >
                    <span aria-hidden="true">{move || if open.get() { "−" } else { "+" }}</span>
                </button>
                {ctx.options.avatars.then(|| avatar(node))}
                <span class="kibitz-comment__byline">
                    {author}
                    {handle.map(|h| view! { <span class="kibitz-comment__handle" dir="auto">{h}</span> })}
                    {dated.then(|| view! {
                        <time
                            class="kibitz-comment__time"
                            datetime=(!time.iso.is_empty()).then_some(time.iso)
                            title=(!time.title.is_empty()).then_some(time.title)
                        >
                            {time_text}
                        </time>
                    })}
                    {edited}
                    {context.map(|text| view! { <span class="kibitz-comment__context">{text}</span> })}
                </span>
                <span class="kibitz-comment__number">"#"{voice.with_value(|v| v.number(number as usize))}</span>
                {(hidden > 0).then(|| view! {
                    <span class="kibitz-comment__hidden" hidden=move || open.get()>
                        {voice.with_value(|v| v.replies_hidden(hidden))}
                    </span>
                })}
            </div>
            <div class="kibitz-comment__content" id=content_id hidden=move || !open.get()>
                {body}
                {replies}
            </div>
        </li>
    }
    .into_any()
}

/// The body: a placeholder for a removed comment; otherwise the sanitised
/// body, behind its content warning if it has one, with a leading "@Name"
/// linked to the comment it answers.
fn body_view(ctx: &ThreadCtx, node: &CommentNode, content_id: &str) -> AnyView {
    if let Some(removed) = node.removed {
        let placeholder = ctx.voice.with_value(|v| v.removed(removed));
        return view! { <p class="kibitz-comment__deleted">{placeholder}</p> }.into_any();
    }
    let html = match node.mention {
        Some((len, target)) if node.body.is_char_boundary(len) => {
            let rest = &node.body[len..];
            with_mention(
                render_body(rest, &node.format, &node.emoji),
                &node.body[..len],
                &format!("#{}", ctx.anchor(target)),
                rest.starts_with(char::is_whitespace),
            )
        }
        _ => render_body(&node.body, &node.format, &node.emoji),
    };
    let Some(warning) = node.warning.clone() else {
        return view! { <CommentBody html/> }.into_any();
    };
    let shown = RwSignal::new(false);
    let words = ctx.voice.with_value(|v| v.words);
    // An empty warning marks a post flagged sensitive without words of its own.
    let warning = if warning.is_empty() {
        words.sensitive_content.to_string()
    } else {
        warning
    };
    let body_id = format!("{content_id}-body");
    view! {
        <div class="kibitz-warning">
            <span class="kibitz-warning__text" dir="auto">{warning}</span>
            <button
                type="button"
                class="kibitz-button kibitz-warning__toggle"
                aria-expanded=move || shown.get().to_string()
                aria-controls=body_id.clone()
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { words.hide_content } else { words.show_content }}
            </button>
        </div>
        <div id=body_id hidden=move || !shown.get()>
            <CommentBody html/>
        </div>
    }
    .into_any()
}

/// The author's initial on a colour picked from the name, under their
/// picture when they have one: if the picture fails to load, the widget
/// hides it (see `widget.rs`) and the initial shows through.
fn avatar(node: &CommentNode) -> AnyView {
    let removed = node.removed.is_some();
    let initial: String = node
        .author
        .name
        .chars()
        .find(|c| c.is_alphanumeric())
        .filter(|_| !removed)
        .map_or_else(|| "?".to_string(), |c| c.to_uppercase().collect());
    // A removed comment's colour must not hint at who wrote it.
    let colour = if removed {
        "removed".to_string()
    } else {
        let hue = node
            .author
            .name
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into()))
            % 8;
        format!("hue{hue}")
    };
    let picture = node.author.avatar.clone().filter(|_| !removed).map(|src| {
        view! {
            <img
                class="kibitz-avatar__picture"
                src=src
                alt=node.author.name.clone()
                width="28"
                height="28"
                loading="lazy"
                decoding="async"
            />
        }
    });
    view! {
        <span class=format!("kibitz-avatar kibitz-avatar--{colour}") aria-hidden="true">
            {initial}
            {picture}
        </span>
    }
    .into_any()
}
