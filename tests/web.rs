//! Component tests in headless Chromium: mount a widget into a fresh
//! element, click, wait, and read the DOM. Threads come as `data:` URLs so
//! no server is needed; error cases use the test runner's own server.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn data_url(json: &str) -> String {
    format!(
        "data:application/json,{}",
        String::from(js_sys::encode_uri_component(json))
    )
}

/// A fresh `<div data-kibitz>` with these attributes, mounted.
fn mount(attributes: &[(&str, &str)]) -> HtmlElement {
    let host: HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    host.set_attribute("data-kibitz", "").unwrap();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&host).unwrap();
    kibitz::embed::mount(host.clone(), None);
    host
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `selector` matches inside `root`, or fails after 5 s.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..500 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(10).await;
    }
    panic!(
        "timed out waiting for {selector}; DOM: {}",
        root.inner_html()
    );
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
        .text_content()
        .unwrap_or_default()
}

fn click(element: &Element) {
    element.dyn_ref::<HtmlElement>().unwrap().click();
}

/// The pointer reaching `element`: a bubbling mouseover.
fn hover(element: &Element) {
    js_sys::Function::new_with_args(
        "element",
        "element.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))",
    )
    .call1(&JsValue::NULL, element)
    .unwrap();
}

async fn settle() {
    leptos::task::tick().await;
    sleep(0).await;
}

const THREAD: &str = r#"{"version": 1, "comments": [
  {"id": "b", "parent": "a", "author": "Bo", "created": "2020-01-02T00:00:00Z", "body": "Reply"},
  {"id": "a", "author": {"name": "Ada", "url": "https://ada.test"}, "created": "2020-01-01T00:00:00Z", "body": "First\n\nSecond paragraph"},
  {"id": "c", "parent": "b", "author": "Cy", "created": "2020-01-03T00:00:00Z", "body": "<b>not bold</b> https://x.test"},
  {"id": "d", "author": "Di", "created": "2020-01-04T00:00:00Z", "body": "Top"}
]}"#;

#[wasm_bindgen_test]
async fn renders_count_numbers_and_nesting() {
    let host = mount(&[("data-src", &data_url(THREAD))]);
    wait_for(&host, ".kibitz-list").await;
    assert_eq!(text(&host, ".kibitz-header__title"), "4 Comments");
    let numbers: Vec<String> = all(&host, ".kibitz-comment__number")
        .iter()
        .map(|n| n.text_content().unwrap_or_default())
        .collect();
    assert_eq!(numbers, ["#1", "#2", "#3", "#4"]);
    let nested = host
        .query_selector("[data-comment-id='a'] .kibitz-replies [data-comment-id='b'] .kibitz-replies [data-comment-id='c']")
        .unwrap();
    assert!(nested.is_some(), "c should be nested under b under a");
    let top: Vec<String> = all(&host, ".kibitz-list > .kibitz-comment")
        .iter()
        .map(|c| c.get_attribute("data-comment-id").unwrap_or_default())
        .collect();
    assert_eq!(top, ["a", "d"], "{}", host.inner_html());
    assert_eq!(
        all(
            &host,
            "[data-comment-id='a'] > .kibitz-comment__content > .kibitz-comment__body p"
        )
        .len(),
        2
    );
    let link = host
        .query_selector("a.kibitz-comment__author")
        .unwrap()
        .unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://ada.test")
    );
}

#[wasm_bindgen_test]
async fn markup_in_a_body_is_text_and_urls_are_safe_links() {
    let host = mount(&[("data-src", &data_url(THREAD))]);
    let body = wait_for(&host, "[data-comment-id='c'] .kibitz-comment__body").await;
    assert!(body.query_selector("b").unwrap().is_none());
    assert!(body.text_content().unwrap().contains("<b>not bold</b>"));
    let link = body.query_selector("a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("nofollow ugc noopener noreferrer")
    );
}

#[wasm_bindgen_test]
async fn comment_toggle_collapses_and_expands_its_subtree() {
    let host = mount(&[("data-src", &data_url(THREAD))]);
    let toggle = wait_for(
        &host,
        "[data-comment-id='a'] > .kibitz-comment__meta .kibitz-comment__toggle",
    )
    .await;
    let content_id = toggle.get_attribute("aria-controls").unwrap();
    let content = document().get_element_by_id(&content_id).unwrap();
    let hidden_note = host
        .query_selector("[data-comment-id='a'] > .kibitz-comment__meta .kibitz-comment__hidden")
        .unwrap()
        .unwrap();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(hidden_note.has_attribute("hidden"));

    click(&toggle);
    settle().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(content.has_attribute("hidden"));
    assert!(!hidden_note.has_attribute("hidden"));
    assert_eq!(hidden_note.text_content().unwrap(), "2 replies hidden");
    assert_eq!(
        toggle.get_attribute("aria-label").as_deref(),
        Some("Expand comment #1 by Ada (2 replies hidden)")
    );

    click(&toggle);
    settle().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!content.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn section_toggle_closes_and_opens_everything() {
    let host = mount(&[("data-src", &data_url(THREAD))]);
    wait_for(&host, ".kibitz-list").await;
    let toggle = host
        .query_selector(".kibitz-header__toggle")
        .unwrap()
        .unwrap();
    let section = document()
        .get_element_by_id(&toggle.get_attribute("aria-controls").unwrap())
        .unwrap();
    assert_eq!(toggle.text_content().unwrap(), "Close");
    click(&toggle);
    settle().await;
    assert!(section.has_attribute("hidden"));
    assert_eq!(toggle.text_content().unwrap(), "Open");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&toggle);
    settle().await;
    assert!(!section.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn data_collapsed_starts_closed() {
    let host = mount(&[("data-src", &data_url(THREAD)), ("data-collapsed", "")]);
    wait_for(&host, ".kibitz-list").await;
    assert!(host
        .query_selector(".kibitz-section")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
    assert_eq!(text(&host, ".kibitz-header__title"), "4 Comments");
}

#[wasm_bindgen_test]
async fn collapse_depth_collapses_deeper_comments_and_builds_them_on_open() {
    let host = mount(&[
        ("data-src", &data_url(THREAD)),
        ("data-collapse-depth", "1"),
    ]);
    let reply = wait_for(&host, "[data-comment-id='b']").await;
    assert!(reply.class_list().contains("kibitz-comment--collapsed"));
    assert!(
        host.query_selector("[data-comment-id='c']")
            .unwrap()
            .is_none(),
        "c is built lazily"
    );
    let toggle = reply
        .query_selector(".kibitz-comment__toggle")
        .unwrap()
        .unwrap();
    click(&toggle);
    settle().await;
    assert!(host
        .query_selector("[data-comment-id='c']")
        .unwrap()
        .is_some());
}

fn chain(n: usize) -> String {
    let comments: Vec<String> = (0..n)
        .map(|i| {
            let parent = if i == 0 {
                "null".to_string()
            } else {
                (i - 1).to_string()
            };
            format!(
                r#"{{"id":{i},"parent":{parent},"author":"A{i}","created":{},"body":"x"}}"#,
                1_600_000_000 + i
            )
        })
        .collect();
    format!("[{}]", comments.join(","))
}

#[wasm_bindgen_test]
async fn replies_past_max_depth_are_flat_and_say_whom_they_answer() {
    let host = mount(&[("data-src", &data_url(&chain(8))), ("data-max-depth", "3")]);
    wait_for(&host, ".kibitz-replies--flat").await;
    // Depths 1-3 nest; 4-8 are one flat list inside comment 2 (depth 3).
    let flat = all(&host, ".kibitz-replies--flat > .kibitz-comment");
    assert_eq!(flat.len(), 5);
    assert!(host
        .query_selector(".kibitz-replies--flat .kibitz-replies")
        .unwrap()
        .is_none());
    assert_eq!(text(&flat[0], ".kibitz-comment__context"), "replying to A2");
    assert_eq!(text(&flat[4], ".kibitz-comment__context"), "replying to A6");

    // Collapsing a flat reply hides the flat replies below it.
    click(
        &flat[1]
            .query_selector(".kibitz-comment__toggle")
            .unwrap()
            .unwrap(),
    );
    settle().await;
    let hidden: Vec<bool> = flat.iter().map(|c| c.has_attribute("hidden")).collect();
    assert_eq!(hidden, [false, false, true, true, true]);
    click(
        &flat[1]
            .query_selector(".kibitz-comment__toggle")
            .unwrap()
            .unwrap(),
    );
    settle().await;
    assert!(flat.iter().all(|c| !c.has_attribute("hidden")));
}

#[wasm_bindgen_test]
async fn long_flat_lists_page_with_show_more() {
    let host = mount(&[
        ("data-src", &data_url(&chain(130))),
        ("data-max-depth", "1"),
    ]);
    wait_for(&host, ".kibitz-replies--flat").await;
    assert_eq!(
        all(&host, ".kibitz-replies--flat > .kibitz-comment").len(),
        50
    );
    let more = host.query_selector(".kibitz-more").unwrap().unwrap();
    assert_eq!(
        more.text_content().unwrap(),
        "Show 50 more replies (79 not shown)"
    );
    click(&more);
    settle().await;
    click(&host.query_selector(".kibitz-more").unwrap().unwrap());
    settle().await;
    assert_eq!(
        all(&host, ".kibitz-replies--flat > .kibitz-comment").len(),
        129
    );
    assert!(host.query_selector(".kibitz-more").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn empty_thread_says_so() {
    let host = mount(&[("data-src", &data_url(r#"{"comments": []}"#))]);
    let empty = wait_for(&host, ".kibitz-status--empty").await;
    assert_eq!(empty.text_content().unwrap(), "No comments yet");
    assert_eq!(text(&host, ".kibitz-header__title"), "0 Comments");
    // Nothing to open or close: no Open/Close button.
    settle().await;
    let toggle = host
        .query_selector(".kibitz-header__toggle")
        .unwrap()
        .unwrap();
    assert!(toggle.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn loading_state_is_busy_then_ready_event_carries_the_count() {
    let host = mount(&[("data-src", &data_url(THREAD))]);
    let root = host.query_selector(".kibitz").unwrap().unwrap();
    assert_eq!(root.get_attribute("aria-busy").as_deref(), Some("true"));
    assert!(host
        .query_selector(".kibitz-status--loading")
        .unwrap()
        .is_some());
    let detail = std::rc::Rc::new(std::cell::RefCell::new(None::<JsValue>));
    let seen = detail.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            *seen.borrow_mut() = Some(e.detail());
        });
    host.add_event_listener_with_callback("kibitz:ready", listener.as_ref().unchecked_ref())
        .unwrap();
    wait_for(&host, ".kibitz-list").await;
    for _ in 0..100 {
        if detail.borrow().is_some() {
            break;
        }
        sleep(10).await;
    }
    assert_eq!(
        detail.borrow().as_ref().and_then(JsValue::as_f64),
        Some(4.0)
    );
    assert!(!root.has_attribute("aria-busy"));
    drop(listener);
}

#[wasm_bindgen_test]
async fn invalid_json_names_line_column_and_url_with_retry() {
    let host = mount(&[("data-src", &data_url("{\n \"comments\": [,]\n}"))]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    let message = text(&error, ".kibitz-status__detail");
    assert!(message.starts_with("data:application/json"), "{message}");
    assert!(
        message.contains("invalid JSON at line 2, column 15"),
        "{message}"
    );
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(text(&error, "button"), "Retry");
}

#[wasm_bindgen_test]
async fn json_that_is_not_a_thread_says_what_it_found() {
    let host = mount(&[("data-src", &data_url(r#"{"posts": []}"#))]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    let message = text(&error, ".kibitz-status__detail");
    assert!(
        message.contains(
            "not a comment thread: expected a `comments` array; found an object with keys posts"
        ),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn http_error_names_status_and_url_and_retry_tries_again() {
    let host = mount(&[("data-src", "/kibitz-test-missing.json")]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    let message = text(&error, ".kibitz-status__detail");
    assert!(
        message.contains("/kibitz-test-missing.json answered HTTP 404"),
        "{message}"
    );
    assert!(
        message.starts_with("http://"),
        "the URL is shown resolved: {message}"
    );
    click(&error.query_selector("button").unwrap().unwrap());
    settle().await;
    assert!(host
        .query_selector(".kibitz-status--loading, .kibitz-status--error")
        .unwrap()
        .is_some());
    wait_for(&host, ".kibitz-status--error").await;
}

/// Puts an answer where kibitz.js leaves the threads it fetched beside the
/// widget: `[response, body]` under the URL, in the page's shared object.
fn preload(url: &str, body: &JsValue) {
    // The object at `owner[key]`, made if there is none yet.
    let object_at = |owner: &JsValue, key: &JsValue| {
        let found = js_sys::Reflect::get(owner, key).unwrap();
        if found.is_object() {
            return found;
        }
        let made = JsValue::from(js_sys::Object::new());
        js_sys::Reflect::set(owner, key, &made).unwrap();
        made
    };
    let shared = object_at(
        &js_sys::global(),
        &js_sys::Symbol::for_("kibitz.loader").into(),
    );
    let preloaded = object_at(&shared, &"preloaded".into());
    let response = web_sys::Response::new_with_opt_str(Some("")).unwrap();
    let answer = js_sys::Array::of2(&response, body);
    js_sys::Reflect::set(&preloaded, &url.into(), &js_sys::Promise::resolve(&answer)).unwrap();
}

#[wasm_bindgen_test]
async fn a_body_the_loader_read_in_chunks_or_whole_is_the_thread() {
    let json = r#"{"comments": [{"id": 1, "author": "Zoë", "body": "Grüße vom Gipfel 🏔️"},
        {"id": 2, "parent": 1, "author": "Bo", "body": "ok"}]}"#;
    let bytes = json.as_bytes();
    // As a stream reader hands it over: chunks whose edges split characters.
    let chunks = js_sys::Array::new();
    for part in bytes.chunks(3) {
        chunks.push(&js_sys::Uint8Array::from(part));
    }
    // As arrayBuffer() does, where there is no stream (or an older loader).
    let whole = js_sys::Uint8Array::from(bytes).buffer();
    for (name, body) in [("chunks", JsValue::from(chunks)), ("whole", whole.into())] {
        let url = format!("https://kibitz.test/{name}.json");
        preload(&url, &body);
        let thread = kibitz::fetch::fetch_thread(&url, kibitz::formats::SourceFormat::Auto)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(thread.count(), 2, "{name}");
        let first = &thread.comments[thread.roots[0]];
        assert_eq!(first.author.name, "Zoë", "{name}");
        assert_eq!(first.body, "Grüße vom Gipfel 🏔️", "{name}");
    }
}

#[wasm_bindgen_test]
async fn unreachable_server_is_a_network_error() {
    let host = mount(&[("data-src", "http://127.0.0.1:9/thread.json")]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    let message = text(&error, ".kibitz-status__detail");
    assert!(
        message.starts_with("could not reach http://127.0.0.1:9/thread.json"),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn missing_src_is_a_visible_configuration_error_without_retry() {
    let host = mount(&[("data-theme", "dark")]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    assert!(text(&error, ".kibitz-status__detail").starts_with("data-src is missing"));
    assert!(error.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_error_line_is_punctuated_as_its_language_writes() {
    for (lang, lead_in) in [
        ("en", "Comments could not be loaded: "),
        ("fr", "Impossible de charger les commentaires\u{a0}: "),
        ("ja", "コメントを読み込めませんでした："),
        ("zh-TW", "無法載入留言："),
    ] {
        let host = mount(&[("data-lang", lang)]);
        let error = wait_for(&host, ".kibitz-status__message").await;
        let message = error.text_content().unwrap_or_default();
        assert!(message.starts_with(lead_in), "{lang}: {message}");
    }
}

#[wasm_bindgen_test]
async fn data_target_renders_into_the_selected_element() {
    let target = document().create_element("section").unwrap();
    target.set_id("kibitz-test-target");
    document().body().unwrap().append_child(&target).unwrap();
    let host = mount(&[
        ("data-src", &data_url(THREAD)),
        ("data-target", "#kibitz-test-target"),
    ]);
    wait_for(&target, ".kibitz-list").await;
    assert!(host.query_selector(".kibitz").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn data_target_matching_nothing_is_shown_where_the_widget_would_go() {
    let host = mount(&[("data-src", &data_url(THREAD)), ("data-target", "#nowhere")]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    assert!(text(&error, ".kibitz-status__detail")
        .contains("data-target \"#nowhere\" matches no element"));
}

#[wasm_bindgen_test]
async fn bad_attribute_values_fall_back_and_still_render() {
    let host = mount(&[
        ("data-src", &data_url(THREAD)),
        ("data-theme", "purple"),
        ("data-max-depth", "zero"),
        ("data-timezone", "Mars/Olympus_Mons"),
        ("data-locale", "not a locale!"),
    ]);
    wait_for(&host, ".kibitz-list").await;
    let root = host.query_selector(".kibitz").unwrap().unwrap();
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("auto"));
    assert!(!text(&host, ".kibitz-comment__time").is_empty());
}

#[wasm_bindgen_test]
async fn dates_follow_data_locale_and_data_timezone() {
    let thread = r#"[{"id": 1, "author": "A", "body": "x", "created": "2019-01-21T16:27:00Z"}]"#;
    let host = mount(&[
        ("data-src", &data_url(thread)),
        ("data-locale", "de"),
        ("data-timezone", "America/New_York"),
    ]);
    let time = wait_for(&host, ".kibitz-comment__time").await;
    assert_eq!(
        time.get_attribute("data-datetime").as_deref(),
        Some("2019-01-21T16:27:00Z")
    );
    let shown = time.text_content().unwrap();
    assert!(
        shown.contains("21. Januar 2019") && shown.contains("11:27"),
        "{shown}"
    );
    // The full date is written when the pointer first reaches the time.
    assert_eq!(time.get_attribute("title"), None);
    hover(&time);
    let title = time.get_attribute("title").unwrap();
    assert!(
        title.contains("Montag") && title.contains("11:27"),
        "{title}"
    );
}

#[wasm_bindgen_test]
async fn the_edited_mark_tells_the_edit_time_on_hover() {
    let thread = r#"[{"id": 1, "author": "A", "body": "x", "created": "2019-01-21T16:27:00Z",
        "edited": "2019-01-22T09:05:00Z"}]"#;
    let host = mount(&[
        ("data-src", &data_url(thread)),
        ("data-locale", "en"),
        ("data-timezone", "UTC"),
    ]);
    let edited = wait_for(&host, ".kibitz-comment__edited").await;
    assert_eq!(
        edited.get_attribute("data-datetime").as_deref(),
        Some("2019-01-22T09:05:00Z")
    );
    hover(&edited);
    let title = edited.get_attribute("title").unwrap();
    assert!(
        title.contains("January 22, 2019") && title.contains("9:05"),
        "{title}"
    );
}

#[wasm_bindgen_test]
async fn recent_dates_are_relative() {
    let three_hours_ago = js_sys::Date::now() / 1000.0 - 3.0 * 3600.0;
    let thread =
        format!(r#"[{{"id": 1, "author": "A", "body": "x", "created": {three_hours_ago}}}]"#);
    let host = mount(&[("data-src", &data_url(&thread)), ("data-locale", "en")]);
    let time = wait_for(&host, ".kibitz-comment__time").await;
    assert_eq!(time.text_content().unwrap(), "3 hours ago");
}

#[wasm_bindgen_test]
async fn a_panic_report_replaces_widgets_with_a_visible_error() {
    let host = mount(&[("data-src", &data_url(THREAD))]);
    wait_for(&host, ".kibitz-list").await;
    kibitz::embed::report_panic("test panic");
    let error = wait_for(&host, ".kibitz-status--error").await;
    assert!(error
        .text_content()
        .unwrap()
        .contains("internal error (test panic)"));
    assert!(host.query_selector(".kibitz-list").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn two_widgets_have_distinct_ids() {
    let first = mount(&[("data-src", &data_url(THREAD))]);
    let second = mount(&[(
        "data-src",
        &data_url(r#"[{"id": 1, "author": "Z", "body": "z"}]"#),
    )]);
    wait_for(&first, ".kibitz-list").await;
    wait_for(&second, ".kibitz-list").await;
    let a = first
        .query_selector(".kibitz-section")
        .unwrap()
        .unwrap()
        .id();
    let b = second
        .query_selector(".kibitz-section")
        .unwrap()
        .unwrap()
        .id();
    assert_ne!(a, b);
    assert_eq!(text(&second, ".kibitz-header__title"), "1 Comment");
}

const RICH: &str = r#"{"version": 1, "thread": {"id": "rich"}, "comments": [
  {"id": "m1", "author": "Sid Finster", "created": 1, "format": "markdown", "body": "**Bold** and `code`\n\n> quoted"},
  {"id": "m2", "author": "Ada", "created": 2, "parent": "m1", "body": "@Sid Finster: I agree"},
  {"id": "m3", "author": "Bo", "created": 3, "format": "html", "body": "<p>Hi <script>alert(1)</script><em>there</em><img src=x onerror=alert(1)></p>"}
]}"#;

#[wasm_bindgen_test]
async fn markdown_and_html_bodies_render_through_the_sanitiser() {
    let host = mount(&[("data-src", &data_url(RICH))]);
    let md = wait_for(&host, "[data-comment-id='m1'] .kibitz-comment__body").await;
    assert_eq!(
        md.query_selector("strong")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Bold"
    );
    assert!(md.query_selector("blockquote").unwrap().is_some());
    let html = host
        .query_selector("[data-comment-id='m3'] .kibitz-comment__body")
        .unwrap()
        .unwrap();
    // Leptos may leave an empty comment node as a marker; it is not markup.
    assert_eq!(
        html.inner_html().replace("<!---->", ""),
        "<p>Hi <em>there</em></p>"
    );
}

#[wasm_bindgen_test]
async fn at_name_links_to_the_comment_it_answers() {
    let host = mount(&[("data-src", &data_url(RICH))]);
    let mention = wait_for(&host, "a.kibitz-mention").await;
    assert_eq!(mention.text_content().unwrap(), "@Sid Finster");
    // The first widget on a page showing thread "rich" owns the anchors
    // "kibitz-rich-<id>"; later ones (other tests here) use their own prefix.
    let href = mention.get_attribute("href").unwrap();
    let id = href.strip_prefix('#').unwrap();
    assert!(id == "kibitz-rich-m1" || id.ends_with("-t-m1"), "{href}");
    let target = document().get_element_by_id(id).unwrap();
    assert_eq!(
        target.get_attribute("data-comment-id").as_deref(),
        Some("m1")
    );
    assert!(
        host.contains(Some(&target)),
        "the link stays inside its own widget"
    );
}

#[wasm_bindgen_test]
async fn avatars_off_hides_every_avatar() {
    let host = mount(&[("data-src", &data_url(RICH)), ("data-avatars", "off")]);
    wait_for(&host, ".kibitz-list").await;
    assert!(host.query_selector(".kibitz-avatar").unwrap().is_none());
}

const WARNED: &str = r#"{"descendants": [
  {"id": "1", "in_reply_to_id": "0", "created_at": "2024-01-01T00:00:00Z", "spoiler_text": "spoilers", "sensitive": true,
   "content": "<p>The butler did it</p>", "account": {"username": "ada", "acct": "ada", "display_name": "Ada"}}
]}"#;

#[wasm_bindgen_test]
async fn content_warning_hides_the_body_until_asked() {
    let host = mount(&[("data-src", &data_url(WARNED))]);
    let button = wait_for(&host, ".kibitz-warning__toggle").await;
    assert_eq!(text(&host, ".kibitz-warning__text"), "spoilers");
    let body = document()
        .get_element_by_id(&button.get_attribute("aria-controls").unwrap())
        .unwrap();
    assert!(body.has_attribute("hidden"));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&button);
    settle().await;
    assert!(!body.has_attribute("hidden"));
    assert_eq!(button.text_content().unwrap(), "Hide content");
    assert!(body.text_content().unwrap().contains("The butler did it"));
}

#[wasm_bindgen_test]
async fn service_shortcut_adds_a_join_link() {
    // data-src serves the answer; data-hn names the item to join.
    let item = r#"{"id": 8863, "story_id": 8863, "title": "T", "children": [{"id": 2, "author": "pg", "text": "hi", "children": []}]}"#;
    let host = mount(&[("data-src", &data_url(item)), ("data-hn", "8863")]);
    wait_for(&host, ".kibitz-list").await;
    let join = wait_for(&host, "a.kibitz-header__join").await;
    assert_eq!(join.text_content().unwrap(), "Discuss on Hacker News");
    assert_eq!(
        join.get_attribute("href").as_deref(),
        Some("https://news.ycombinator.com/item?id=8863")
    );
    assert_eq!(text(&host, ".kibitz-header__title"), "1 Comment");
}

#[wasm_bindgen_test]
async fn a_service_error_answer_is_shown_as_what_it_is() {
    let host = mount(&[("data-src", &data_url(r#"{"error": "Record not found"}"#))]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    assert!(text(&error, ".kibitz-status__detail")
        .ends_with("the service answered with an error: Record not found"));
}

#[wasm_bindgen_test]
async fn custom_emoji_in_a_display_name_is_a_picture_and_markup_stays_text() {
    let context = r#"{"descendants": [{"id": "1", "created_at": "2024-01-01T00:00:00Z", "content": "<p>hi</p>",
        "account": {"username": "z", "acct": "z", "display_name": "<b>Zo</b> :ok:",
            "emojis": [{"shortcode": "ok", "url": "https://e.test/ok.png"}]}}]}"#;
    let host = mount(&[("data-src", &data_url(context))]);
    let author = wait_for(&host, ".kibitz-comment__author").await;
    assert!(author.query_selector("b").unwrap().is_none());
    assert!(author.text_content().unwrap().contains("<b>Zo</b>"));
    let emoji = author.query_selector("img.kibitz-emoji").unwrap().unwrap();
    assert_eq!(
        emoji.get_attribute("src").as_deref(),
        Some("https://e.test/ok.png")
    );
}

#[wasm_bindgen_test]
async fn pictures_that_fail_to_load_give_way_to_the_initial_and_the_shortcode() {
    // Port 1 refuses at once: both pictures fail.
    let context = r#"{"descendants": [{"id": "1", "created_at": "2024-01-01T00:00:00Z", "content": "<p>hi</p>",
        "account": {"username": "z", "acct": "z", "display_name": "Zo :ok:",
            "avatar": "https://127.0.0.1:1/zo.png",
            "emojis": [{"shortcode": "ok", "url": "https://127.0.0.1:1/ok.png"}]}}]}"#;
    let host = mount(&[("data-src", &data_url(context))]);
    let author = wait_for(&host, ".kibitz-comment__author").await;
    // Pictures are added, and lazy ones loaded, near the viewport only; the
    // tests before this one have filled the page above it.
    author.scroll_into_view();
    wait_for(&host, "img.kibitz-avatar__picture[hidden]").await;
    for _ in 0..500 {
        if author.query_selector("img").unwrap().is_none() {
            break;
        }
        sleep(10).await;
    }
    assert!(
        author.query_selector("img").unwrap().is_none(),
        "{}",
        author.inner_html()
    );
    assert_eq!(author.text_content().unwrap(), "Zo :ok:");
}

/// A thread of `n` top-level comments.
fn thread_of(n: usize) -> String {
    let comments: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": {i}, "author": "A", "body": "x", "created": {}}}"#,
                1_600_000_000 + i
            )
        })
        .collect();
    format!("[{}]", comments.join(","))
}

async fn heading_in(lang: &str, n: usize) -> (String, HtmlElement) {
    let host = mount(&[("data-src", &data_url(&thread_of(n))), ("data-lang", lang)]);
    if n == 0 {
        wait_for(&host, ".kibitz-status--empty").await;
    } else {
        wait_for(&host, ".kibitz-list").await;
    }
    (text(&host, ".kibitz-header__title"), host)
}

#[wasm_bindgen_test]
async fn data_lang_speaks_german() {
    let (heading, host) = heading_in("de", 6).await;
    assert_eq!(heading, "6 Kommentare");
    assert_eq!(text(&host, ".kibitz-header__toggle"), "Schließen");
    let root = host.query_selector(".kibitz").unwrap().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(root.get_attribute("dir").as_deref(), Some("ltr"));
}

#[wasm_bindgen_test]
async fn russian_counts_take_their_plural_forms() {
    assert_eq!(heading_in("ru", 1).await.0, "1 комментарий");
    assert_eq!(heading_in("ru", 3).await.0, "3 комментария");
    assert_eq!(heading_in("ru", 5).await.0, "5 комментариев");
    assert_eq!(heading_in("ru", 21).await.0, "21 комментарий");
}

#[wasm_bindgen_test]
async fn arabic_is_right_to_left_with_arabic_plurals_and_digits() {
    let (two, host) = heading_in("ar", 2).await;
    assert_eq!(two, "تعليقان");
    let root = host.query_selector(".kibitz").unwrap().unwrap();
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    // Digits are whichever Intl gives Arabic: Latin in current ICU for
    // plain "ar", Arabic-Indic in others (and for "ar-EG").
    let (eleven, _) = heading_in("ar", 11).await;
    assert!(
        ["11 تعليقًا", "١١ تعليقًا"].contains(&eleven.as_str()),
        "{eleven}"
    );
    let number = host
        .query_selector(".kibitz-comment__number")
        .unwrap()
        .unwrap();
    assert!(["#1", "#١"].contains(&number.text_content().unwrap().as_str()));
}

#[wasm_bindgen_test]
async fn japanese_has_one_form_and_portuguese_says_zero_in_the_plural() {
    assert_eq!(heading_in("ja", 1).await.0, "1件のコメント");
    assert_eq!(heading_in("ja", 7).await.0, "7件のコメント");
    assert_eq!(heading_in("pt-BR", 0).await.0, "0 comentários");
    assert_eq!(heading_in("pt-BR", 1).await.0, "1 comentário");
}

#[wasm_bindgen_test]
async fn unknown_data_lang_falls_back_and_still_renders() {
    let (heading, _) = heading_in("tlh", 2).await;
    assert_eq!(heading, "2 Comments");
}

async fn time_text(attributes: &[(&str, &str)]) -> String {
    let thread = r#"[{"id": 1, "author": "A", "body": "x", "created": "2019-01-21T16:27:00Z"}]"#;
    let mut all_attributes = vec![("data-src", data_url(thread))];
    all_attributes.extend(attributes.iter().map(|(n, v)| (*n, v.to_string())));
    let borrowed: Vec<(&str, &str)> = all_attributes
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    let host = mount(&borrowed);
    wait_for(&host, ".kibitz-comment__time")
        .await
        .text_content()
        .unwrap()
}

const CLASSIC: &str = "%B %-d, %Y @ %-I:%M %P";

#[wasm_bindgen_test]
async fn the_classic_blog_pattern_in_english_and_german() {
    let zone = ("data-timezone", "America/New_York");
    let en = time_text(&[("data-time-style", CLASSIC), ("data-locale", "en"), zone]).await;
    assert_eq!(en, "January 21, 2019 @ 11:27 am");
    let de = time_text(&[("data-time-style", CLASSIC), ("data-locale", "de"), zone]).await;
    assert!(de.starts_with("Januar 21, 2019 @ 11:27 "), "{de}");
}

#[wasm_bindgen_test]
async fn month_names_written_with_a_number_keep_their_suffix() {
    // Japanese names January "1月": Intl gives the month as "1", then "月".
    let ja = time_text(&[
        ("data-time-style", "[%B|%b|%A]"),
        ("data-locale", "ja"),
        ("data-timezone", "Asia/Tokyo"),
    ])
    .await;
    assert_eq!(ja, "[1月|1月|火曜日]");
    let ko = time_text(&[
        ("data-time-style", "[%B|%b]"),
        ("data-locale", "ko"),
        ("data-timezone", "Asia/Seoul"),
    ])
    .await;
    assert_eq!(ko, "[1월|1월]");
}

#[wasm_bindgen_test]
async fn pattern_numbers_are_gregorian_with_the_right_offset_in_any_language() {
    const NUMBERS: &str = "%Y-%m-%d %H:%M %z";
    // Arabic writes the offset "غرينتش+٩", which no parser of "GMT+9" reads.
    let ar = time_text(&[
        ("data-time-style", NUMBERS),
        ("data-locale", "ar"),
        ("data-timezone", "Asia/Tokyo"),
    ])
    .await;
    assert_eq!(ar, "2019-01-22 01:27 +0900");
    // The Japanese calendar numbers 2019 as year 31 of Heisei.
    let japanese = time_text(&[
        ("data-time-style", NUMBERS),
        ("data-locale", "ja-JP-u-ca-japanese"),
        ("data-timezone", "America/New_York"),
    ])
    .await;
    assert_eq!(japanese, "2019-01-21 11:27 -0500");
}

#[wasm_bindgen_test]
async fn pattern_zone_codes_follow_data_timezone() {
    let kolkata = time_text(&[
        ("data-time-style", "%H:%M %z"),
        ("data-timezone", "Asia/Kolkata"),
    ])
    .await;
    assert_eq!(kolkata, "21:57 +0530");
    let chatham = time_text(&[
        ("data-time-style", "%-d %H:%M %z"),
        ("data-timezone", "Pacific/Chatham"),
    ])
    .await;
    assert_eq!(chatham, "22 06:12 +1345");
    let berlin = time_text(&[
        ("data-time-style", "%H:%M %z"),
        ("data-timezone", "Europe/Berlin"),
    ])
    .await;
    assert_eq!(berlin, "17:27 +0100");
}

#[wasm_bindgen_test]
async fn relative_and_absolute_styles() {
    let relative = time_text(&[("data-time-style", "relative"), ("data-locale", "en")]).await;
    assert!(relative.ends_with("years ago"), "{relative}");
    let absolute = time_text(&[
        ("data-time-style", "absolute"),
        ("data-locale", "en"),
        ("data-timezone", "UTC"),
    ])
    .await;
    assert!(absolute.contains("January 21, 2019"), "{absolute}");
}

#[wasm_bindgen_test]
async fn an_invalid_pattern_falls_back_to_auto() {
    let text = time_text(&[
        ("data-time-style", "%Q"),
        ("data-locale", "en"),
        ("data-timezone", "UTC"),
    ])
    .await;
    assert!(text.contains("January 21, 2019"), "{text}");
}

#[wasm_bindgen_test]
async fn relative_times_advance_when_the_clock_moves() {
    let five_minutes_ago = js_sys::Date::now() / 1000.0 - 300.0;
    let thread = format!(
        r#"[{{"id": 1, "author": "A", "body": "x", "created": {five_minutes_ago}, "edited": {five_minutes_ago}}}]"#
    );
    let host = mount(&[("data-src", &data_url(&thread)), ("data-locale", "en")]);
    let time = wait_for(&host, ".kibitz-comment__time").await;
    assert_eq!(time.text_content().unwrap(), "5 minutes ago");
    assert_eq!(text(&host, ".kibitz-comment__edited"), "edited");
    kibitz::intl::shift_clock(2 * 3_600_000);
    kibitz::embed::refresh_times();
    settle().await;
    assert_eq!(time.text_content().unwrap(), "2 hours ago");
    kibitz::intl::shift_clock(-2 * 3_600_000);
    kibitz::embed::refresh_times();
    settle().await;
    assert_eq!(time.text_content().unwrap(), "5 minutes ago");
}

#[wasm_bindgen_test]
async fn a_future_date_shows_its_absolute_time() {
    let next_week = js_sys::Date::now() / 1000.0 + 7.0 * 86_400.0;
    let thread = format!(r#"[{{"id": 1, "author": "A", "body": "x", "created": {next_week}}}]"#);
    let host = mount(&[("data-src", &data_url(&thread)), ("data-locale", "en")]);
    let time = wait_for(&host, ".kibitz-comment__time")
        .await
        .text_content()
        .unwrap();
    assert!(!time.contains("in "), "{time}");
    assert!(time.chars().any(|c| c.is_ascii_digit()), "{time}");
}

#[wasm_bindgen_test]
async fn errors_speak_the_widgets_language() {
    let host = mount(&[
        ("data-src", "/kibitz-test-missing.json"),
        ("data-lang", "de"),
    ]);
    let error = wait_for(&host, ".kibitz-status--error").await;
    let english = "answered HTTP 404";
    let shown = text(&error, ".kibitz-status__detail");
    assert!(
        shown.contains("/kibitz-test-missing.json") && shown.contains("404"),
        "{shown}"
    );
    assert!(
        !shown.contains(english),
        "the German message is not the English one: {shown}"
    );
    let lead = text(&error, "strong");
    assert_ne!(lead, "Comments could not be loaded");
}

#[wasm_bindgen_test]
fn numbers_are_written_as_intl_writes_them_in_every_language() {
    use kibitz::i18n::{Speak, LANGUAGES};
    use kibitz::intl::Voice;
    for words in LANGUAGES {
        let voice = Voice::new(words);
        let locales = js_sys::Array::of1(&JsValue::from_str(words.lang));
        let intl = js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new()).format();
        for n in [
            0, 7, 10, 99, 305, 999, 1000, 1234, 9999, 10_000, 12_345, 40_719, 99_999, 100_000,
            1_234_567,
        ] {
            let expected = intl
                .call1(&JsValue::UNDEFINED, &JsValue::from_f64(n as f64))
                .unwrap()
                .as_string()
                .unwrap();
            assert_eq!(voice.number(n), expected, "{n} in {}", words.lang);
        }
    }
}

#[wasm_bindgen_test]
async fn a_byte_order_mark_and_invalid_utf8_read_as_the_browser_reads_text() {
    // Raw bytes, percent-encoded: a UTF-8 byte order mark, then a thread
    // whose body holds a byte (0xFF) that is not UTF-8.
    let url = "data:application/json,%EF%BB%BF%7B%22comments%22%3A%5B%7B%22id%22%3A%22a%22%2C\
               %22author%22%3A%7B%22name%22%3A%22Ada%22%7D%2C%22body%22%3A%22caf%FF%21%22%7D%5D%7D";
    let host = mount(&[("data-src", url)]);
    let body = wait_for(&host, ".kibitz-comment__body").await;
    assert_eq!(
        body.text_content().unwrap_or_default().trim(),
        "caf\u{FFFD}!"
    );
}
