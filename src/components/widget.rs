//! The comment section: heading with the count, the Open | Close toggle,
//! and whichever load state the thread is in. Announces `kibitz:ready` and
//! `kibitz:error` on the element it was mounted in.

use std::sync::Arc;

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::task::{spawn_local, tick};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

use super::status::{ErrorNotice, LoadingNotice};
use super::thread::ThreadList;
use crate::config::Config;
use crate::error::LoadError;
use crate::fetch::load_thread;
use crate::i18n::{describe_error, Speak};
use crate::intl::{now, TimeFormatter, Voice};
use crate::model::Thread;
use crate::render::RenderOptions;

/// Where loading a thread stands.
#[derive(Clone)]
enum LoadState {
    Loading,
    Ready(Arc<Thread>),
    Failed(LoadError),
}

/// One comment section.
#[component]
pub fn Widget(
    /// What the site owner configured; `src` is resolved to an absolute URL.
    config: Config,
    /// Page-unique number of this widget, for element ids.
    instance: u32,
    /// A configuration problem to show instead of loading.
    problem: Option<String>,
    /// The element that receives `kibitz:ready` and `kibitz:error`.
    events: StoredValue<Element, LocalStorage>,
    /// Date formatting for this widget.
    formatter: StoredValue<TimeFormatter, LocalStorage>,
    /// The widget's words.
    voice: StoredValue<Voice, LocalStorage>,
) -> impl IntoView {
    let words = voice.with_value(|v| v.words);
    // The widget's own element ids: `kibitz:2-…`. A colon, which no link to
    // a comment (`kibitz-<thread>-<comment>`, see render::anchor_chars) can
    // hold: a thread "2" with a comment "c5" must not take the id of
    // widget 2's fifth comment's content.
    let id_prefix = format!("kibitz:{instance}");
    let heading_id = format!("{id_prefix}-heading");
    let section_id = format!("{id_prefix}-comments");
    let open = RwSignal::new(!config.collapsed);
    let state = RwSignal::new(LoadState::Loading);
    let src = StoredValue::new(config.src.clone());
    let format = config.format;
    let load = Callback::new(move |()| {
        let Some(url) = src.get_value() else { return };
        state.set(LoadState::Loading);
        spawn_local(async move {
            let result = load_thread(&url, format).await;
            let settled = match result {
                Ok(thread) => LoadState::Ready(thread),
                Err(error) => LoadState::Failed(error),
            };
            announce(&settled, events);
            // A widget unmounted meanwhile has nothing left to update. A
            // thread announces itself once its first page is in the
            // document (see `rendered` below).
            if state.try_set(settled.clone()).is_none() {
                if let LoadState::Failed(error) = &settled {
                    tick().await;
                    let message = JsValue::from_str(&describe_error(words, error));
                    // `try_`: the widget may have gone during the tick.
                    events.try_with_value(|el| dispatch_event(el, "kibitz:error", &message));
                }
            }
        });
    });
    let problem = match (problem, &config.src) {
        (Some(problem), _) => Some(LoadError::Config(problem)),
        (None, None) => Some(match config.shortcut_problem.clone() {
            Some(problem) => LoadError::Config(problem),
            None => LoadError::MissingSrc(config.host),
        }),
        (None, Some(_)) => None,
    };
    match problem {
        Some(error) => {
            let settled = LoadState::Failed(error.clone());
            announce(&settled, events);
            state.set(settled);
            // Like a load error, announced once the message is on screen.
            spawn_local(async move {
                tick().await;
                events.try_with_value(|el| {
                    dispatch_event(
                        el,
                        "kibitz:error",
                        &JsValue::from_str(&describe_error(words, &error)),
                    )
                });
            });
        }
        None => load.run(()),
    }

    let clock = RwSignal::new(now());
    tick_every_minute(clock);
    let options = RenderOptions {
        max_depth: config.max_depth,
        collapse_depth: config.collapse_depth,
        avatars: config.avatars,
        page_size: config.page_size,
        sort: config.sort,
    };
    let rendered = Callback::new(move |()| {
        let count = state.with_untracked(|s| match s {
            LoadState::Ready(thread) => Some(thread.count() as u32),
            _ => None,
        });
        if let Some(count) = count {
            events.with_value(|el| dispatch_event(el, "kibitz:ready", &JsValue::from(count)));
        }
    });
    let open_section = Callback::new(move |()| open.set(true));
    let remember_url = config.src.clone().filter(|_| config.remember);
    let context_lang = config.context_lang.clone();
    let content = {
        let id_prefix = id_prefix.clone();
        move || match state.get() {
            LoadState::Loading => EitherOf3::A(view! { <LoadingNotice words/> }),
            LoadState::Failed(error) => {
                let retry = (!matches!(error, LoadError::Config(_) | LoadError::MissingSrc(_)))
                    .then_some(load);
                EitherOf3::B(
                    view! { <ErrorNotice message=describe_error(words, &error) on_retry=retry words/> },
                )
            }
            LoadState::Ready(thread) => EitherOf3::C(view! {
                <ThreadList thread id_prefix=id_prefix.clone() options formatter voice clock=clock.read_only() rendered open_section remember_url=remember_url.clone() context_lang=context_lang.clone()/>
            }),
        }
    };
    let heading = move || {
        state.with(|s| match s {
            LoadState::Ready(thread) => voice
                .with_value(|v| v.comment_count(thread.count(), thread.meta.capped_at.is_some())),
            _ => words.comments.to_string(),
        })
    };
    // Where to reply: the shortcut's post, else what the thread says.
    let configured_join = config.service.as_ref().map(|s| s.join.clone());
    let join = move || {
        let link = configured_join.clone().or_else(|| {
            state.with(|s| match s {
                LoadState::Ready(thread) => thread.join.clone(),
                _ => None,
            })
        })?;
        Some(view! {
            <a class="kibitz-button kibitz-header__join" href=link.url rel="nofollow noopener noreferrer">
                {voice.with_value(|v| v.join(link.service))}
            </a>
        })
    };
    let busy = move || {
        state
            .with(|s| matches!(s, LoadState::Loading))
            .then_some("true")
    };
    // The host's outline decides the level (`data-heading-level`). One
    // element type named at run time: six typed views, one per level, were
    // about 4 KB of wasm.
    let title = {
        const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
        let level = config.heading_level.clamp(1, 6);
        leptos::html::custom(TAGS[usize::from(level - 1)])
            .class("kibitz-header__title")
            .id(heading_id.clone())
            // Focusable by script only: Retry hands focus to it.
            .attr("tabindex", "-1")
            .child(heading)
    };
    // The toggle's reactive attribute and text have the types of the others
    // here (an optional `&str` as `aria-busy`, a `String` as the heading):
    // every other type would bring its own effect code to the download.
    view! {
        <section
            on:error:capture=move |event| hide_failed_image(&event)
            class=if config.shadow { "kibitz kibitz--isolated" } else { "kibitz" }
            lang=words.lang
            dir=if words.rtl { "rtl" } else { "ltr" }
            data-theme=config.theme.as_str()
            aria-labelledby=heading_id.clone()
            aria-busy=busy
        >
            <header class="kibitz-header">
                {title}
                {join}
                <button
                    type="button"
                    class="kibitz-button kibitz-header__toggle"
                    aria-expanded=move || Some(if open.get() { "true" } else { "false" })
                    aria-controls=section_id.clone()
                    // "Close" alone does not say what closes: the heading
                    // ("6 Comments") describes it.
                    aria-describedby=heading_id.clone()
                    // Nothing to open or close under "0 Comments".
                    hidden=move || state.with(|s| matches!(s, LoadState::Ready(t) if t.count() == 0))
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || (if open.get() { words.close } else { words.open }).to_string()}
                </button>
            </header>
            <div class="kibitz-section" id=section_id hidden=move || !open.get()>
                {content}
            </div>
        </section>
    }
}

/// Pictures from comments live on other people's servers. When one fails,
/// a broken-image icon helps no reader: an avatar is hidden (the initial
/// under it shows) and an emoji becomes its `:shortcode:` text. `error` does
/// not bubble, so one capturing listener on the root serves every image.
fn hide_failed_image(event: &web_sys::Event) {
    use wasm_bindgen::JsCast;
    let Some(image) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlImageElement>().ok())
    else {
        return;
    };
    let class = image.class_name();
    if class.contains("kibitz-avatar__picture") {
        image.set_hidden(true);
    } else if class.contains("kibitz-emoji") {
        let _ = image.replace_with_with_str_1(&image.alt());
    }
}

thread_local! {
    /// Every widget's clock, so that a test can refresh them at once.
    static CLOCKS: std::cell::RefCell<Vec<RwSignal<crate::time::EpochMillis>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Sets every widget's clock to now, refreshing relative times.
pub fn refresh_clocks() {
    let clocks = CLOCKS.with(|c| c.borrow().clone());
    for clock in clocks {
        let _ = clock.try_set(now());
    }
}

/// One timer per widget keeps relative times true: once a minute while the
/// page is visible, and at once when it becomes visible again. The timer and
/// listener go with the widget.
fn tick_every_minute(clock: RwSignal<crate::time::EpochMillis>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    CLOCKS.with(|c| c.borrow_mut().push(clock));
    let visible = {
        let document = document.clone();
        move || document.visibility_state() == web_sys::VisibilityState::Visible
    };
    let tick = {
        let visible = visible.clone();
        Closure::<dyn Fn()>::new(move || {
            if visible() {
                let _ = clock.try_set(now());
            }
        })
    };
    let on_visible = Closure::<dyn Fn()>::new(move || {
        if visible() {
            let _ = clock.try_set(now());
        }
    });
    let timer = window
        .set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            60_000,
        )
        .ok();
    let _ = document
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    let handles = StoredValue::new_local((tick, on_visible, document));
    on_cleanup(move || {
        if let Some(timer) = timer {
            window.clear_interval_with_handle(timer);
        }
        handles.with_value(|(_, on_visible, document)| {
            let _ = document.remove_event_listener_with_callback(
                "visibilitychange",
                on_visible.as_ref().unchecked_ref(),
            );
        });
        handles.dispose();
        CLOCKS.with(|c| c.borrow_mut().retain(|c| *c != clock));
    });
}

/// Writes what the console should know about a settled load.
fn announce(state: &LoadState, events: StoredValue<Element, LocalStorage>) {
    match state {
        LoadState::Failed(error) => {
            let target: JsValue = events.with_value(|el| el.clone().into());
            // English, from its table: the same words as the error's
            // `Display`, without the formatting code in the download.
            let line = ["[kibitz] ", &describe_error(crate::i18n::ENGLISH, error)].concat();
            web_sys::console::error_2(&JsValue::from_str(&line), &target);
        }
        LoadState::Ready(thread) => {
            for line in thread.report.console_lines() {
                web_sys::console::warn_1(&JsValue::from_str(&format!("[kibitz] {line}")));
            }
        }
        LoadState::Loading => {}
    }
}

/// Dispatches a bubbling, composed `CustomEvent` named `name`.
pub fn dispatch_event(target: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
