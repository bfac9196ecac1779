//! The wasm entry: kibitz.js hands over each kibitz tag (its own `<script>`
//! or a `data-kibitz` element) and [`mount`] renders one widget for it. This
//! is the only module that reads the host document; a panic anywhere is
//! caught here and shown in every widget instead of a blank box.

use std::cell::{Cell, RefCell};
use std::sync::Once;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use crate::components::{dispatch_event, Widget};
use crate::config::parse_config;
use crate::i18n::choose;
use crate::i18n::Speak;
use crate::intl::{TimeFormatter, Voice};

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
    /// Every element a widget was mounted in, for the panic report.
    static MOUNTED: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// The shadow roots kibitz attached: only these are its to empty. A
    /// host component's own shadow root is never touched. Weak, so that a
    /// root goes with its element.
    static OWN_SHADOW_ROOTS: js_sys::WeakSet = js_sys::WeakSet::new();
}

/// `element`'s shadow root, if kibitz attached it.
fn own_shadow_root(element: &Element) -> Option<web_sys::ShadowRoot> {
    element
        .shadow_root()
        .filter(|root| OWN_SHADOW_ROOTS.with(|own| own.has(root)))
}

/// Refreshes relative times in every widget now (tests move the clock with
/// [`crate::intl::shift_clock`], then call this instead of waiting a minute).
#[doc(hidden)]
pub fn refresh_times() {
    crate::components::refresh_clocks();
}

/// Routes panics to the console and into every mounted widget.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            report_panic(&info.to_string());
        }));
    });
}

/// Replaces every mounted widget with an error line. The wasm instance is
/// unusable after a panic, so this uses plain DOM calls and asks for a
/// reload instead of offering a retry.
pub fn report_panic(message: &str) {
    let text = format!("Comments stopped working because of an internal error ({message}). Reload the page to try again.");
    let Ok(mounted) = MOUNTED.try_with(|m| m.try_borrow().map(|m| m.clone()).unwrap_or_default())
    else {
        return;
    };
    for element in mounted {
        let Some(document) = element.owner_document() else {
            continue;
        };
        let (Ok(root), Ok(line)) = (document.create_element("div"), document.create_element("p"))
        else {
            continue;
        };
        root.set_class_name("kibitz");
        line.set_class_name("kibitz-status kibitz-status--error");
        let _ = line.set_attribute("role", "alert");
        line.set_text_content(Some(&text));
        let _ = root.append_child(&line);
        // An isolated widget lives in its element's shadow root.
        match own_shadow_root(&element) {
            Some(shadow) => {
                if let Some(container) = shadow.query_selector(".kibitz-isolated").ok().flatten() {
                    container.set_text_content(None);
                    let _ = container.append_child(&root);
                }
            }
            None => {
                element.set_text_content(None);
                let _ = element.append_child(&root);
            }
        }
        dispatch_event(&element, "kibitz:error", &JsValue::from_str(&text));
    }
}

/// Mounts a widget for `host`: after it, for a `<script>` (in
/// `placeholder`, when kibitz.js made one); inside it, otherwise; or inside
/// the element `data-target` selects. It stays for the page's life.
pub fn mount(host: HtmlElement, placeholder: Option<HtmlElement>) {
    if let Some(started) = start(&host, placeholder, &[]) {
        std::mem::forget(started.handle);
    }
}

/// A widget mounted through `window.kibitz.mount`, kept to unmount or
/// reload it.
struct ApiWidget {
    element: HtmlElement,
    options: Vec<(String, String)>,
    started: Started,
}

thread_local! {
    /// Widgets mounted through the API, by handle: a few per page, so a
    /// list (smaller in the download than one more map type).
    static API_WIDGETS: RefCell<Vec<(u32, ApiWidget)>> = const { RefCell::new(Vec::new()) };
    static NEXT_API_ID: Cell<u32> = const { Cell::new(1) };
}

/// Mounts a widget inside `element`, configured by its `data-*` attributes
/// and then by `options` (attribute names and values, which win). Returns
/// the handle [`unmount`] and [`reload`] take.
pub fn mount_with(element: HtmlElement, options: Vec<(String, String)>) -> u32 {
    let id = NEXT_API_ID.with(|n| n.replace(n.get() + 1));
    if let Some(started) = start(&element, None, &options) {
        API_WIDGETS.with(|w| {
            w.borrow_mut().push((
                id,
                ApiWidget {
                    element,
                    options,
                    started,
                },
            ))
        });
    }
    id
}

/// Takes the widget `id` off the page: its elements, listeners and timers
/// go with it. Unknown ids (already unmounted) are ignored.
pub fn unmount(id: u32) {
    let Some(widget) = take_api_widget(id) else {
        return;
    };
    stop(&widget.element, widget.started);
}

/// Loads the widget `id` again from the network (the page's shared copy of
/// its thread is forgotten first), starting it afresh.
pub fn reload(id: u32) {
    let Some(mut widget) = take_api_widget(id) else {
        return;
    };
    if let Some(url) = &widget.started.src {
        crate::fetch::forget(url);
    }
    stop(&widget.element, widget.started);
    if let Some(started) = start(&widget.element, None, &widget.options) {
        widget.started = started;
        API_WIDGETS.with(|w| w.borrow_mut().push((id, widget)));
    }
}

fn take_api_widget(id: u32) -> Option<ApiWidget> {
    API_WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        let at = widgets.iter().position(|(held, _)| *held == id)?;
        Some(widgets.swap_remove(at).1)
    })
}

/// A running widget: dropping `handle` unmounts its view.
struct Started {
    handle: Box<dyn std::any::Any>,
    mount_point: Element,
    src: Option<String>,
}

fn stop(host: &HtmlElement, started: Started) {
    drop(started.handle);
    let point = started.mount_point;
    MOUNTED.with(|m| m.borrow_mut().retain(|e| e != &point));
    // A shadow root, once attached, stays: a slot in it shows the
    // element's own children again, where a widget mounted next without
    // isolation renders (an empty shadow root would hide it).
    if let Some(shadow) = own_shadow_root(&point) {
        shadow.set_text_content(None);
        if let Some(slot) = point
            .owner_document()
            .and_then(|d| d.create_element("slot").ok())
        {
            let _ = shadow.append_child(&slot);
        }
    }
    if &point != host.unchecked_ref::<Element>() {
        point.set_text_content(None);
    }
}

/// Reads the configuration (`host`'s attributes, then `options`) and
/// starts a widget where it belongs.
fn start(
    host: &HtmlElement,
    placeholder: Option<HtmlElement>,
    options: &[(String, String)],
) -> Option<Started> {
    install_panic_hook();
    let mut attributes = data_attributes(host);
    attributes.extend(options.iter().cloned());
    let (mut config, warnings) =
        parse_config(attributes.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    for warning in &warnings {
        warn(&format!("{warning}"));
    }
    let (mount_point, problem) = match mount_point(host, placeholder, config.target.as_deref()) {
        Ok(element) => (element, None),
        Err((fallback, problem)) => (fallback, Some(problem)),
    };
    let Some(mount_point) = mount_point else {
        warn("could not find or create an element to render into");
        return None;
    };
    config.src = config.src.map(|src| resolve_url(&src));
    config.max_depth =
        crate::config::fit_max_depth(config.max_depth, available_width(&mount_point));
    config.host = match host.tag_name().as_str() {
        "SCRIPT" => crate::error::Host::Script,
        "KIBITZ-THREAD" => crate::error::Host::ThreadElement,
        _ => crate::error::Host::Element,
    };
    config.context_lang = mount_point
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|lang| crate::model::language_tag(&lang));
    let src = config.src.clone();
    let locale = config.locale.clone().or_else(page_language);
    let words = choose_words(&config);
    let (formatter, intl_warnings) = TimeFormatter::new(
        locale.as_deref(),
        config.timezone.as_deref(),
        config.time_style.clone(),
        words,
    );
    for warning in intl_warnings {
        warn(&warning);
    }
    let instance = NEXT_INSTANCE.with(|n| n.replace(n.get() + 1));
    MOUNTED.with(|m| m.borrow_mut().push(mount_point.clone().into()));
    let events: Element = mount_point.clone().into();
    mount_point.set_text_content(None);
    let render_into = match config.shadow.then(|| shadow_container(&mount_point)) {
        Some(Ok(container)) => container,
        Some(Err(problem)) => {
            warn(&format!(
                "data-isolate=\"shadow\": {problem}; rendering without isolation"
            ));
            // Nor its look: an isolated card the host's rules reach.
            config.shadow = false;
            mount_point.clone()
        }
        None => mount_point.clone(),
    };
    let handle = leptos::mount::mount_to(render_into, move || {
        // Made inside the mount, they belong to it and go with it: made
        // outside, no owner would ever free them, nor the host element
        // they hold.
        let events = StoredValue::new_local(events);
        let formatter = StoredValue::new_local(formatter);
        let voice = StoredValue::new_local(Voice::new(words));
        view! { <Widget config instance problem events formatter voice/> }
    });
    Some(Started {
        handle: Box::new(handle),
        mount_point: mount_point.into(),
        src,
    })
}

/// Fills a count badge with the count of the thread it names (`data-src`,
/// or a service shortcut), in the page's language (`data-lang`,
/// `data-locale`, `<html lang>`, the browser's): "6 comments", with
/// `data-count="6"` for the host's styles. It shares the page's load of
/// that URL with every other badge and widget. Until then, and if the load
/// fails, the host's own text stays; a failure is also its `title`.
pub fn count(badge: HtmlElement) {
    install_panic_hook();
    let attributes = data_attributes(&badge);
    let (config, warnings) = parse_config(attributes.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    for warning in &warnings {
        warn(&format!("count badge: {warning}"));
    }
    let words = choose_words(&config);
    let Some(url) = config.src.as_deref().map(resolve_url) else {
        // An error, as for a badge whose load fails: the count cannot show.
        web_sys::console::error_1(&"[kibitz] count badge: data-src is missing".into());
        let message = crate::i18n::describe_error(
            words,
            &crate::error::LoadError::MissingSrc(crate::error::Host::Badge),
        );
        let _ = badge.set_attribute("title", &message);
        let _ = badge.set_attribute("data-count-error", "");
        return;
    };
    let format = config.format;
    let _ = badge.set_attribute("aria-busy", "true");
    // Not Leptos's spawner: a page of badges alone mounts no view, and so
    // never sets one up.
    js_sys::futures::spawn_local(async move {
        let loaded = crate::fetch::load_thread(&url, format).await;
        let _ = badge.remove_attribute("aria-busy");
        match loaded {
            Ok(thread) => {
                let n = thread.count();
                let capped = thread.meta.capped_at.is_some();
                badge.set_text_content(Some(&Voice::new(words).comment_count_in_text(n, capped)));
                let _ = badge.set_attribute("data-count", &n.to_string());
            }
            Err(error) => {
                let message = crate::i18n::describe_error(words, &error);
                let english = crate::i18n::describe_error(crate::i18n::ENGLISH, &error);
                web_sys::console::error_1(&JsValue::from_str(
                    &["[kibitz] count badge: ", &english].concat(),
                ));
                let _ = badge.set_attribute("title", &message);
                let _ = badge.set_attribute("data-count-error", "");
            }
        }
    });
}

/// The width the widget has, in CSS pixels counted at 16-pixel text (what
/// [`crate::config::fit_max_depth`] takes): its element's, or the window's
/// while the element has none yet (in a closed `<details>`, say).
fn available_width(element: &HtmlElement) -> u32 {
    let Some(window) = web_sys::window() else {
        return u32::MAX;
    };
    let own = element.client_width();
    let width = if own > 0 {
        f64::from(own)
    } else {
        match window.inner_width().ok().and_then(|w| w.as_f64()) {
            Some(width) => width,
            None => return u32::MAX,
        }
    };
    // Every level's indentation, line and toggle are sized in ems: a
    // reader's large text takes as much more room per level.
    let text_size = window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("font-size").ok())
        // The browser's parseFloat: Rust's float parsing would add 9 KB.
        .map(|size| js_sys::parse_float(&size))
        .filter(|size| *size > 0.0)
        .unwrap_or(crate::config::TEXT_PIXELS);
    (width * crate::config::TEXT_PIXELS / text_size) as u32
}

/// A container inside a shadow root of `host`, with kibitz.css linked in
/// it: host rules cannot select anything inside, and the stylesheet resets
/// what the host element would pass down (`:host` in style.css).
fn shadow_container(host: &HtmlElement) -> Result<HtmlElement, String> {
    let document = host.owner_document().ok_or("no document")?;
    // The loader put the stylesheet's link in <head>; the shadow root
    // needs its own. Asked first, so that a failure attaches nothing.
    let href = document
        .get_element_by_id("kibitz-style")
        .filter(|link| link.local_name() == "link")
        .and_then(|link| link.get_attribute("href"))
        .ok_or("the kibitz stylesheet link is missing")?;
    let root = match (own_shadow_root(host), host.shadow_root()) {
        (Some(root), _) => root,
        (None, Some(_)) => return Err("the element has a shadow root of its own".into()),
        (None, None) => {
            let root = host
                .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
                .map_err(|_| {
                    format!(
                        "a <{}> cannot hold a shadow root",
                        host.tag_name().to_ascii_lowercase()
                    )
                })?;
            OWN_SHADOW_ROOTS.with(|own| own.add(&root));
            root
        }
    };
    let link = document.create_element("link").map_err(|_| "no <link>")?;
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &href);
    let container: HtmlElement = document
        .create_element("div")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no <div>")?;
    container.set_class_name("kibitz-isolated");
    root.set_text_content(None);
    root.append_child(&link)
        .map_err(|_| "the shadow root refused the stylesheet")?;
    root.append_child(&container)
        .map_err(|_| "the shadow root refused the widget")?;
    Ok(container)
}

/// The widget's words: `data-lang`, else the date locale, the page's
/// language and the browser's languages, English last.
fn choose_words(config: &crate::config::Config) -> &'static crate::i18n::Words {
    let locale = config.locale.clone().or_else(page_language);
    let mut preferred: Vec<String> = locale.into_iter().collect();
    preferred.extend(browser_languages());
    let preferred: Vec<&str> = preferred.iter().map(String::as_str).collect();
    let (words, lang_warning) = choose(config.lang.as_deref(), &preferred);
    if let Some(warning) = lang_warning {
        warn(&warning);
    }
    words
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("[kibitz] {message}")));
}

/// Every `data-*` attribute of the element, as (name, value).
fn data_attributes(element: &Element) -> Vec<(String, String)> {
    let attributes = element.attributes();
    (0..attributes.length())
        .filter_map(|i| attributes.item(i))
        .map(|a| (a.name(), a.value()))
        .filter(|(name, _)| name.starts_with("data-"))
        .collect()
}

type MountResult = Result<Option<HtmlElement>, (Option<HtmlElement>, String)>;

/// Where the widget renders. A `data-target` that is invalid or matches
/// nothing is a visible problem, shown where the widget would otherwise go.
fn mount_point(
    host: &HtmlElement,
    placeholder: Option<HtmlElement>,
    target: Option<&str>,
) -> MountResult {
    let default = move || default_mount_point(host, placeholder);
    let Some(selector) = target else {
        return Ok(default());
    };
    let document = host.owner_document();
    match document.map(|d| d.query_selector(selector)) {
        Some(Ok(Some(found))) => match found.dyn_into::<HtmlElement>() {
            Ok(element) => Ok(Some(element)),
            Err(_) => Err((
                default(),
                format!("data-target \"{selector}\" is not an HTML element"),
            )),
        },
        Some(Ok(None)) => Err((
            default(),
            format!("data-target \"{selector}\" matches no element on this page"),
        )),
        _ => Err((
            default(),
            format!("data-target \"{selector}\" is not a valid CSS selector"),
        )),
    }
}

/// For a `<script>` host, the loader's placeholder or a fresh element right
/// after the tag; the host itself otherwise.
fn default_mount_point(
    host: &HtmlElement,
    placeholder: Option<HtmlElement>,
) -> Option<HtmlElement> {
    if !host.tag_name().eq_ignore_ascii_case("script") {
        return Some(host.clone());
    }
    // Nothing in <head> is shown: a tag there renders at the end of <body>.
    let in_head = host.closest("head").ok().flatten().is_some();
    if in_head {
        warn("the kibitz tag is in <head>; rendering at the end of <body> (use data-target, or put the tag where the comments belong)");
    }
    if placeholder.is_some() {
        return placeholder;
    }
    let document = host.owner_document()?;
    let element: HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    element.set_class_name("kibitz-mount");
    if in_head {
        document.body()?.append_child(&element).ok()?;
    } else {
        host.after_with_node_1(&element).ok()?;
    }
    Some(element)
}

/// `data-src` resolved against the page's base URL, as fetch would.
fn resolve_url(src: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    match base {
        Some(base) => web_sys::Url::new_with_base(src, &base).map_or_else(
            |_| src.to_string(),
            |url| {
                // A fragment names no other resource (it is never sent):
                // "/t.json#top" is loaded once with "/t.json".
                url.set_hash("");
                url.href()
            },
        ),
        None => src.to_string(),
    }
}

/// The reader's languages, most preferred first (`navigator.languages`).
fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let languages = window.navigator().languages();
    let mut list: Vec<String> = languages.iter().filter_map(|l| l.as_string()).collect();
    if list.is_empty() {
        list.extend(window.navigator().language());
    }
    list
}

/// The page's language from `<html lang>`, if it says one.
fn page_language() -> Option<String> {
    let lang = web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("lang")?;
    let lang = lang.trim();
    (!lang.is_empty()).then(|| lang.to_string())
}
