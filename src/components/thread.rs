//! The comment list in the page. `render.rs` writes comments as markup;
//! this module hands it to the browser in slices, a frame apart, so the
//! first comments paint at once however long the thread, and answers every
//! control of the list with one delegated click listener.
//!
//! Its controls (`controls.rs`) and links to comments (`links.rs`) are
//! modules of their own.

mod controls;
mod focus;
mod links;

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use self::controls::{on_list_click, on_list_key, write_tooltip};
use self::focus::{focus_first_shown, focused_comment, has_focus, restore_focus};
use self::links::{location_anchor, reveal, reveal_on_hash_change};
use super::markup::{add_pictures, Pictures};
use super::status::EmptyNotice;
use super::toolbar::{load_choices, save_choices, Toolbar, ToolbarNeeds};
use crate::config::SortOrder;
use crate::intl::{TimeFormatter, Voice};
use crate::model::Thread;
use crate::remember::{encode, storage_key};
use crate::render::{Dates, Place, PrintPlace, RenderOptions, Say, ThreadView};
use crate::schedule::{after_next_frame, next_task};
use crate::time::{parse_rfc3339, EpochMillis, TimeText};

/// Comments in the first slice: few enough to paint within a frame.
const FIRST_SLICE: usize = 40;
/// Later slices aim at this many milliseconds of work each: long enough
/// that the list is laid out a few times rather than hundreds, short enough
/// that the page stays responsive.
const SLICE_MS: f64 = 100.0;

/// Time labels from the widget's formatter, as seen at one moment.
struct DatesAt<'a> {
    formatter: &'a TimeFormatter,
    now: EpochMillis,
}

impl Dates for DatesAt<'_> {
    fn label(&self, at: Option<EpochMillis>) -> TimeText {
        self.formatter.label(at, self.now)
    }

    fn changes(&self, at: Option<EpochMillis>) -> bool {
        self.formatter.changes_over_time(at, self.now)
    }
}

/// The list's shared pieces: the view state and what it speaks with.
#[derive(Clone, Copy)]
struct List {
    view: StoredValue<ThreadView, LocalStorage>,
    formatter: StoredValue<TimeFormatter, LocalStorage>,
    voice: StoredValue<Voice, LocalStorage>,
    clock: ReadSignal<EpochMillis>,
    /// Counts restarts of the page, so that a render under way for an
    /// older order stops instead of writing into the new one.
    generation: StoredValue<u32, LocalStorage>,
    /// Where the reader's choices are kept, and the owner's order (only a
    /// different one is the reader's choice); `None` with `data-remember="off"`.
    remember: StoredValue<Option<(String, SortOrder)>, LocalStorage>,
    /// Puts markup into the list, and pictures into it near the viewport.
    pictures: StoredValue<Pictures, LocalStorage>,
}

impl List {
    /// Whether the list is still on the page. After an `await` it may not
    /// be: the widget can be unmounted or reloaded while a big thread still
    /// renders, and its reactive values are gone with it.
    fn alive(&self) -> bool {
        self.view.try_with_value(|_| ()).is_some()
    }

    fn append(&self, target: &Element, html: &str) {
        self.pictures.with_value(|p| p.append(target, html));
    }

    /// Runs `f` with the view and what it needs to say things.
    fn with<R>(&self, f: impl FnOnce(&mut ThreadView, &Say) -> R) -> R {
        let now = self.clock.get_untracked();
        self.voice.with_value(|voice| {
            self.formatter.with_value(|formatter| {
                let dates = DatesAt { formatter, now };
                let say = Say {
                    speak: voice,
                    dates: &dates,
                };
                self.view
                    .try_update_value(|view| f(view, &say))
                    .expect("the list outlives its handlers")
            })
        })
    }
}

thread_local! {
    /// Anchor prefixes in use on the page, with the widget that holds each
    /// (a few per page: a list is smaller in the download than a map).
    static ANCHOR_PREFIXES: std::cell::RefCell<Vec<(String, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The prefix of this thread's comment anchors: `kibitz-<thread id>` for
/// the first widget showing that thread; a thread without a usable id, or a
/// second widget showing the same thread, uses `kibitz-<n>-t`, so no id
/// appears twice on the page (and none equals the widget's own
/// `kibitz:<n>-…` element ids, whose colon no anchor holds).
fn claim_anchor_prefix(thread: &Thread, id_prefix: &str) -> String {
    // `kibitz-<n>-t`, from the widget's `kibitz:<n>`.
    let fallback = format!(
        "kibitz-{}-t",
        id_prefix.strip_prefix("kibitz:").unwrap_or(id_prefix)
    );
    // A thread whose id reads like another widget's fallback ("3-t") takes
    // its own fallback instead.
    let Some(wanted) = crate::render::anchor_prefix(thread).filter(|wanted| {
        !wanted
            .strip_prefix("kibitz-")
            .and_then(|id| id.strip_suffix("-t"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }) else {
        return fallback;
    };
    let claimed = ANCHOR_PREFIXES.with(|prefixes| {
        let mut prefixes = prefixes.borrow_mut();
        match prefixes.iter().find(|(prefix, _)| *prefix == wanted) {
            Some((_, owner)) => owner == id_prefix,
            None => {
                prefixes.push((wanted.clone(), id_prefix.to_string()));
                true
            }
        }
    });
    if !claimed {
        return fallback;
    }
    let (released, owner) = (wanted.clone(), id_prefix.to_string());
    on_cleanup(move || {
        ANCHOR_PREFIXES.with(|prefixes| {
            prefixes
                .borrow_mut()
                .retain(|(prefix, holder)| !(*prefix == released && *holder == owner));
        });
    });
    wanted
}

/// Renders a loaded thread: its comments, or a note that it has none.
/// `rendered` runs once the first page is all in the document.
#[component]
pub fn ThreadList(
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
    /// (A plain signal: the `Signal` wrapper's memo and derived variants
    /// would be code in the download that nothing uses.)
    clock: ReadSignal<EpochMillis>,
    /// Called when the first page is in the document.
    rendered: Callback<()>,
    /// Opens the section, for a link to one of its comments.
    open_section: Callback<()>,
    /// The thread's URL, when the reader's choices are to be remembered.
    remember_url: Option<String>,
    /// The language comments are in when their source does not say.
    context_lang: Option<String>,
) -> impl IntoView {
    if thread.comments.is_empty() {
        let words = voice.with_value(|v| v.words);
        let alive = StoredValue::new_local(());
        spawn_local(async move {
            leptos::task::tick().await;
            if alive.try_get_value().is_some() {
                rendered.run(());
            }
        });
        return Either::Left(view! { <EmptyNotice words/> });
    }
    let anchor_prefix = claim_anchor_prefix(&thread, &id_prefix);
    let needs = ToolbarNeeds {
        sort: thread.roots.len() > 1,
        top: thread
            .roots
            .iter()
            .any(|&r| thread.comments[r].score.is_some()),
        collapse: thread.comments.iter().any(|c| !c.children.is_empty()),
    };
    let remember = remember_url.map(|url| {
        let id = thread.meta.id.clone().map(|id| id.into_text());
        (storage_key(id.as_deref(), &url), options.sort)
    });
    let mut view = ThreadView::new(thread, options, id_prefix, anchor_prefix);
    view.set_context_lang(context_lang);
    if let Some((key, _)) = &remember {
        let choices = load_choices(key);
        if let Some(order) = choices.sort {
            view.set_sort(order);
        }
        if !choices.opened.is_empty() {
            view.apply_choices(choices.opened.iter().map(|(id, open)| (id.as_str(), *open)));
        }
    }
    let sort = RwSignal::new(view.sort());
    let list = List {
        view: StoredValue::new_local(view),
        formatter,
        voice,
        clock,
        generation: StoredValue::new_local(0),
        remember: StoredValue::new_local(remember),
        pictures: StoredValue::new_local(Pictures::new()),
    };
    if let Some(observer) = list.pictures.with_value(Pictures::observer) {
        on_cleanup(move || observer.disconnect());
    }
    let root = NodeRef::<leptos::html::Ol>::new();
    let more = RwSignal::new(None::<String>);
    let rendering = RwSignal::new(false);
    let show_more = move |button: Option<Element>| {
        if rendering.get_untracked() {
            return;
        }
        rendering.set(true);
        list.with(|view, _| view.show_more_roots());
        let shown_before = root
            .get_untracked()
            .map_or(0, |ol| ol.child_element_count());
        spawn_local(async move {
            render_page(list, root).await;
            if !list.alive() {
                return;
            }
            rendering.set(false);
            let label = list.with(|view, say| view.more_roots_label(say));
            // A keyboard reader continues at the first new comment, where
            // reading goes on (the button is below the new comments).
            if button.is_some_and(|b| has_focus(&b)) {
                if let Some(ol) = root.get_untracked() {
                    focus_first_shown(&ol.children(), shown_before);
                }
            }
            let _ = more.try_set(label);
        });
    };
    let first_page = Effect::new(move |done: Option<bool>| {
        if done == Some(true) || root.get().is_none() {
            return done.unwrap_or(false);
        }
        spawn_local(async move {
            render_page(list, root).await;
            if !list.alive() {
                return;
            }
            more.set(list.with(|view, say| view.more_roots_label(say)));
            rendered.run(());
            // A page opened at a link to a comment shows it.
            if let Some(anchor) = location_anchor() {
                reveal(list, root, more, open_section, anchor).await;
            }
        });
        true
    });
    let _ = first_page;
    let on_sort = move |order: SortOrder| {
        list.view.update_value(|view| view.set_sort(order));
        sort.set(order);
        restart_page(list, root, more);
        remember_choices(list);
    };
    let on_all = move |open: bool| {
        list.view.update_value(|view| view.set_all_open(open));
        restart_page(list, root, more);
        remember_choices(list);
    };
    let words = voice.with_value(|v| v.words);
    reveal_on_hash_change(list, root, more, open_section);
    build_everything_before_print(list, root, more);
    refresh_times_on_tick(list, root);
    Either::Right(view! {
        <Toolbar words needs sort on_sort on_all/>
        <ol
            class="kibitz-list"
            node_ref=root
            on:click=move |event| on_list_click(list, &event)
            on:keydown=move |event| on_list_key(list, &event)
            on:mouseover=move |event| write_tooltip(list, &event)
        ></ol>
        <button
            type="button"
            class="kibitz-button kibitz-more-comments"
            hidden=move || more.with(Option::is_none)
            on:click=move |event| show_more(event.current_target().and_then(|t| t.dyn_into().ok()))
        >
            {move || more.get().unwrap_or_default()}
        </button>
    })
}

/// Empties the list and renders its page anew, after the order or every
/// comment's state changed.
fn restart_page(list: List, root: NodeRef<leptos::html::Ol>, more: RwSignal<Option<String>>) {
    list.generation.update_value(|g| *g += 1);
    // Focus in the list (a click that did not move it to the control that
    // was clicked) comes back to the same comment once it is built again.
    let mut had_focus = None;
    if let Some(ol) = root.get_untracked() {
        had_focus = focused_comment(&ol).and_then(|item| item.get_attribute("data-comment-id"));
        list.pictures.with_value(Pictures::forget);
        ol.set_text_content(None);
    }
    spawn_local(async move {
        render_page(list, root).await;
        if list.alive() {
            more.set(list.with(|view, say| view.more_roots_label(say)));
            if let (Some(id), Some(ol)) = (had_focus, root.get_untracked()) {
                restore_focus(&ol, &id);
            }
        }
    });
}

/// Keeps the reader's order and collapse choices, where the owner allows.
fn remember_choices(list: List) {
    let Some(Some((key, owners_sort))) = list.remember.try_get_value() else {
        return;
    };
    let text = list.view.with_value(|view| {
        let sort = (view.sort() != owners_sort).then_some(view.sort());
        encode(sort, &view.choices())
    });
    save_choices(&key, text);
}

/// Appends what is pending of the page, a slice per task, so that the
/// browser paints between slices and no task runs long. Stops when the
/// page restarts meanwhile.
async fn render_page(list: List, root: NodeRef<leptos::html::Ol>) {
    let mut budget = FIRST_SLICE;
    let mut first = true;
    let Some(generation) = list.generation.try_get_value() else {
        return;
    };
    loop {
        // The list's reactive values (`root` among them) go together.
        if !list.alive() || list.generation.get_value() != generation {
            return;
        }
        let Some(element) = root.get_untracked() else {
            return;
        };
        let started = js_sys::Date::now();
        let (parts, pending) =
            list.with(|view, say| (view.render_page_slice(budget, say), view.page_pending()));
        for (place, html) in parts {
            let target = match place {
                Place::List => Some(Element::from(element.clone())),
                // A comment's reply list is the last thing in its content.
                Place::Replies(parent) => {
                    let id = list.view.with_value(|v| v.content_id(parent));
                    find(&element, &id).and_then(|content| content.last_element_child())
                }
            };
            if let Some(target) = target {
                list.append(&target, &html);
            }
        }
        if !pending {
            return;
        }
        // Scale the next slice to what this one cost: the first is small
        // so that it paints at once, the next ones grow fast to the target
        // (every slice costs the browser a layout of the page).
        let spent = (js_sys::Date::now() - started).max(1.0);
        let scale = (SLICE_MS / spent).clamp(0.25, 16.0);
        budget = ((budget as f64 * scale) as usize).clamp(FIRST_SLICE, 5_000);
        if std::mem::replace(&mut first, false) {
            after_next_frame().await;
        } else {
            next_task().await;
        }
    }
}

/// Runs `f` once, `ms` milliseconds from now.
fn after_ms(ms: i32, f: impl FnOnce() + 'static) {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
    }
}

/// Calls `f` on every `event` of the window while the list is mounted.
fn on_window_event(event: &'static str, f: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(f);
    let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    let listener = StoredValue::new_local(listener);
    on_cleanup(move || {
        listener.with_value(|listener| {
            let _ = window
                .remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        });
        listener.dispose();
    });
}

/// Paper has no buttons: before the page prints, every comment not in it
/// yet is built (closed ones stay closed; the print stylesheet shows them),
/// synchronously, since printing starts when the event returns. After it
/// (or a print dialog cancelled), the screen gets its page back: the
/// thousands of comments built for paper would be a reader's page size
/// lost and a longer page to scroll.
fn build_everything_before_print(
    list: List,
    root: NodeRef<leptos::html::Ol>,
    more: RwSignal<Option<String>>,
) {
    let page_before = StoredValue::new_local(None::<usize>);
    on_window_event("afterprint", move || {
        let Some(Some(wanted)) = page_before.try_get_value() else {
            return;
        };
        page_before.set_value(None);
        if list.alive() {
            list.view.update_value(|view| view.back_to_page(wanted));
            restart_page(list, root, more);
        }
    });
    on_window_event("beforeprint", move || {
        if !list.alive() {
            return;
        }
        let Some(ol) = root.get_untracked() else {
            return;
        };
        if page_before.get_value().is_none() {
            page_before.set_value(Some(list.view.with_value(ThreadView::roots_wanted)));
        }
        let parts = list.with(|view, say| view.build_everything(say));
        let content = |index: usize| find(&ol, &list.view.with_value(|v| v.content_id(index)));
        for (place, html) in parts {
            let target = match place {
                PrintPlace::Page(Place::List) => Some(Element::from(ol.clone())),
                PrintPlace::Page(Place::Replies(parent)) => {
                    content(parent).and_then(|c| c.last_element_child())
                }
                PrintPlace::Content(index) => content(index),
                PrintPlace::FlatRest(flat_root) => {
                    let content = content(flat_root);
                    if let Some(button) = content
                        .as_ref()
                        .and_then(|c| c.query_selector(":scope > .kibitz-more").ok().flatten())
                    {
                        button.remove();
                    }
                    content.and_then(|c| {
                        c.query_selector(":scope > .kibitz-replies--flat")
                            .ok()
                            .flatten()
                    })
                }
            };
            if let Some(target) = target {
                list.append(&target, &html);
            }
        }
        // Paper has no viewport to come near: every picture, now.
        add_pictures(&ol);
        let _ = more.try_set(None);
    });
}

/// The element with this id in the same document or shadow root as `near`.
fn find(near: &Element, id: &str) -> Option<Element> {
    let root = near.get_root_node();
    if let Some(document) = root.dyn_ref::<web_sys::Document>() {
        return document.get_element_by_id(id);
    }
    root.dyn_ref::<web_sys::DocumentFragment>()
        .and_then(|fragment| fragment.get_element_by_id(id))
}

fn set_hidden(element: &Element, hidden: bool) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        element.set_hidden(hidden);
    }
}

/// When the widget's clock moves, relabels the times that read relative.
fn refresh_times_on_tick(list: List, root: NodeRef<leptos::html::Ol>) {
    Effect::new(move |first: Option<()>| {
        let now = list.clock.get();
        if first.is_none() || !list.view.with_value(ThreadView::has_live_times) {
            return;
        }
        let Some(root) = root.get_untracked() else {
            return;
        };
        let Ok(times) = root.query_selector_all(".kibitz-comment__time[data-datetime]") else {
            return;
        };
        list.formatter.with_value(|formatter| {
            let dates = DatesAt { formatter, now };
            for k in 0..times.length() {
                let Some(time) = times.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let at = time
                    .get_attribute("data-datetime")
                    .and_then(|iso| parse_rfc3339(&iso));
                if at.is_some() && dates.changes(at) {
                    time.set_text_content(Some(&dates.label(at).text));
                }
            }
        });
    });
}
