//! Links to comments: revealing and marking the comment a page's address
//! names (on load and on every change of its fragment), and copying a
//! comment's link with a word for screen readers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use super::controls::{show_more_flat, toggle_comment_at};
use super::focus::focus_comment;
use super::{after_ms, find, on_window_event, render_page, List, SLICE_MS};
use crate::i18n::Speak;
use crate::schedule::{after_next_frame, next_task};

/// The fragment of the page's address, without `#`, if any.
pub(super) fn location_anchor() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let anchor = hash.strip_prefix('#')?;
    (!anchor.is_empty()).then(|| anchor.to_string())
}

/// Shows the comment with this anchor, if it is this list's: opens the
/// section, the page of top-level comments that holds it, its collapsed
/// ancestors, its flat list's page and the comment itself, as a reader's
/// clicks would; then
/// scrolls to it, marks it for a moment and gives it focus, so that a
/// keyboard or screen reader continues from there.
pub(super) async fn reveal(
    list: List,
    root: NodeRef<leptos::html::Ol>,
    more: RwSignal<Option<String>>,
    open_section: Callback<()>,
    anchor: String,
) {
    let Some(index) = list
        .view
        .try_with_value(|v| v.index_of_anchor(&anchor))
        .flatten()
    else {
        return;
    };
    open_section.run(());
    // The section's `hidden` goes in the next tick; a hidden comment can be
    // neither focused nor scrolled to.
    leptos::task::tick().await;
    if list.view.try_update_value(|v| v.include_comment(index)) == Some(true) {
        let _ = more.try_set(list.with(|view, say| view.more_roots_label(say)));
    }
    // The page (and any reply list a slice left unfinished) first, so that
    // every ancestor is in the document.
    render_page(list, root).await;
    if !list.alive() {
        return;
    }
    let Some(ol) = root.get_untracked() else {
        return;
    };
    let content = |index: usize| find(&ol, &list.view.with_value(|v| v.content_id(index)));
    // The comment itself opens too: the reader came to read it.
    let mut closed = list.view.with_value(|v| v.closed_ancestors(index));
    if !list.view.with_value(|v| v.is_open(index)) {
        closed.push(index);
    }
    for comment in closed {
        let item = content(comment).and_then(|content| content.parent_element());
        toggle_comment_at(list, comment, &ol, item.as_ref());
    }
    // A page of a flat list at a time, as its button would, and a task
    // apart every SLICE_MS: a reply thousands deep in a chain is behind
    // hundreds of pages, which in one task held the page for a second.
    let mut slice_started = js_sys::Date::now();
    while let Some(flat_root) = list.view.with_value(|v| v.flat_page_hiding(index)) {
        let Some(button) = content(flat_root).and_then(|content| {
            content
                .query_selector(":scope > .kibitz-more")
                .ok()
                .flatten()
        }) else {
            break;
        };
        show_more_flat(list, &button);
        if js_sys::Date::now() - slice_started > SLICE_MS {
            next_task().await;
            if !list.alive() {
                return;
            }
            slice_started = js_sys::Date::now();
        }
    }
    let Some(target) = find(&ol, &anchor) else {
        return;
    };
    mark_target(&target);
    // Comments above it that the browser had skipped (content-visibility)
    // take their real height as the scroll brings them near, and push it
    // down, off the screen: it is brought back to where the scroll put it
    // for a few frames, until they have.
    let mut at = target.get_bounding_client_rect().top();
    for _ in 0..6 {
        after_next_frame().await;
        if !list.alive() {
            return;
        }
        let now = target.get_bounding_client_rect().top();
        if (now - at).abs() > 1.0 {
            target.scroll_into_view();
            at = target.get_bounding_client_rect().top();
        }
    }
}

/// Scrolls to a linked comment, focuses it and marks it for a moment
/// (`.kibitz-comment--target`; the stylesheet fades it unless the reader
/// asked for reduced motion).
fn mark_target(target: &Element) {
    // One marked comment at a time.
    if let Ok(Some(marked)) = target
        .closest(".kibitz-list")
        .map(|list| list.and_then(|l| l.query_selector_all(".kibitz-comment--target").ok()))
    {
        for k in 0..marked.length() {
            if let Some(other) = marked.item(k).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = other.class_list().remove_1("kibitz-comment--target");
            }
        }
    }
    if let Some(item) = target.dyn_ref::<HtmlElement>() {
        focus_comment(item);
    }
    target.scroll_into_view();
    let classes = target.class_list();
    let _ = classes.remove_1("kibitz-comment--target");
    let _ = classes.add_1("kibitz-comment--target");
    after_ms(TARGET_MARK_MS, move || {
        let _ = classes.remove_1("kibitz-comment--target");
    });
}

/// How long a linked comment stays marked.
const TARGET_MARK_MS: i32 = 3_000;

/// Reveals the comment a new fragment names: a link to a comment (an
/// `@Name` in a reply, a shared link) followed on the page itself.
pub(super) fn reveal_on_hash_change(
    list: List,
    root: NodeRef<leptos::html::Ol>,
    more: RwSignal<Option<String>>,
    open_section: Callback<()>,
) {
    on_window_event("hashchange", move || {
        if let Some(anchor) = location_anchor() {
            spawn_local(reveal(list, root, more, open_section, anchor));
        }
    });
}

/// Puts the page's address with this comment's fragment on the clipboard,
/// and says so beside the link for a moment. Where the browser offers no
/// clipboard (a page not served over https), the link still leads to the
/// comment and the address bar holds its address.
pub(super) fn copy_link(list: List, link: &Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Some(fragment), Ok(mut address)) = (link.get_attribute("href"), window.location().href())
    else {
        return;
    };
    if let Some(hash) = address.find('#') {
        address.truncate(hash);
    }
    address.push_str(&fragment);
    let Some(clipboard) =
        js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
            .ok()
            .filter(|c| !c.is_undefined() && !c.is_null())
    else {
        return;
    };
    let written = clipboard
        .unchecked_into::<web_sys::Clipboard>()
        .write_text(&address);
    let words = list.voice.with_value(|v| v.words());
    let link = link.clone();
    spawn_local(async move {
        if js_sys::futures::JsFuture::from(written).await.is_ok() {
            show_copied(&link, words.link_copied);
        }
    });
}

/// "Link copied" after `link`, gone after a moment; announced politely.
fn show_copied(link: &Element, text: &'static str) {
    let Some(document) = link.owner_document() else {
        return;
    };
    match link.next_element_sibling() {
        Some(note) if note.class_list().contains("kibitz-comment__copied") => {
            note.set_text_content(Some(text));
        }
        _ => {
            let Ok(note) = document.create_element("span") else {
                return;
            };
            note.set_class_name("kibitz-comment__copied");
            let _ = note.set_attribute("role", "status");
            let _ = link.after_with_node_1(&note);
            // Screen readers announce what changes in a live region they
            // already know of, not one that arrives with its text: the
            // words come a moment after the empty region.
            let filled = note.clone();
            after_ms(LIVE_REGION_MS, move || filled.set_text_content(Some(text)));
            after_ms(COPIED_NOTE_MS, move || note.remove());
        }
    }
}

/// How long a new live region stands empty before its words come.
const LIVE_REGION_MS: i32 = 100;

/// How long "Link copied" stays.
const COPIED_NOTE_MS: i32 = 2_500;
