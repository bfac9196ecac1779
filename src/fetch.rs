//! Loads a thread document over HTTP and hands it to `normalize`. Every
//! failure becomes a [`LoadError`] that names the URL: no answer, an error
//! status (gloo-net returns `Ok` for a 404, so the status is checked here),
//! or a body that is not a thread. Widgets showing the same URL share one
//! request and one parsed thread, and the first load takes the answer that
//! kibitz.js started fetching beside the widget's download; the browser's
//! HTTP cache does the rest, except after [`forget`]: a reload or a retry
//! promises what the server has now, so it revalidates a cached copy.

use std::cell::RefCell;
use std::sync::Arc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Request, Response};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::LoadError;
use crate::formats::{service_error, SourceFormat};
use crate::model::Thread;
use crate::normalize::{normalize, syntax_error};
use crate::schedule::next_task;

type SharedLoad = Shared<LocalBoxFuture<'static, Result<Arc<Thread>, LoadError>>>;

thread_local! {
    /// Loads by URL: in flight, or done. A failed load is forgotten, so
    /// that retrying asks the server again. A page shows a few threads at
    /// most: a list is smaller in the download than one more map type.
    static LOADS: RefCell<Vec<(String, SourceFormat, SharedLoad)>> =
        const { RefCell::new(Vec::new()) };
}

/// The thread at `url` (absolute), read as `format`: fetched once however
/// many widgets on the page show it.
pub async fn load_thread(url: &str, format: SourceFormat) -> Result<Arc<Thread>, LoadError> {
    let load = LOADS.with(|loads| {
        let mut loads = loads.borrow_mut();
        match loads.iter().position(|(at, ..)| at == url) {
            Some(i) if loads[i].1 == format => loads[i].2.clone(),
            known => {
                let owned = url.to_string();
                let load = async move { fetch_thread(&owned, format).await.map(Arc::new) }
                    .boxed_local()
                    .shared();
                let entry = (url.to_string(), format, load.clone());
                match known {
                    Some(i) => loads[i] = entry,
                    None => loads.push(entry),
                }
                load
            }
        }
    });
    let result = load.await;
    if result.is_err() {
        forget(url);
    }
    result
}

thread_local! {
    /// URLs whose next request must reach the server: forgotten after a
    /// reload or a failure. A copy in the browser's HTTP cache, fresh for
    /// minutes or hours on static hosts (ten minutes on GitHub Pages), would
    /// otherwise answer a reload with the thread as it was.
    static ASK_SERVER: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Forgets the page's copy of the thread at `url`: the next load asks the
/// server again, revalidating any copy the browser has cached (a
/// conditional request, answered with 304 when nothing changed).
pub fn forget(url: &str) {
    LOADS.with(|loads| loads.borrow_mut().retain(|(at, ..)| at != url));
    ASK_SERVER.with(|urls| {
        let mut urls = urls.borrow_mut();
        if !urls.iter().any(|at| at == url) {
            urls.push(url.to_string());
        }
    });
}

/// Whether the request for `url` must revalidate a cached copy; asked once.
fn must_ask_server(url: &str) -> bool {
    ASK_SERVER.with(|urls| {
        let mut urls = urls.borrow_mut();
        let found = urls.iter().position(|at| at == url);
        found.map(|i| urls.swap_remove(i)).is_some()
    })
}

/// Fetches and parses the thread at `url` (absolute), read as `format`.
pub async fn fetch_thread(url: &str, format: SourceFormat) -> Result<Thread, LoadError> {
    let failed = |detail: String| LoadError::Network {
        url: url.to_string(),
        detail,
    };
    let network = |error: gloo_net::Error| failed(network_detail(error));
    let (response, body) = match take_preloaded(url) {
        Some(answer) => {
            let answer = js_sys::futures::JsFuture::from(answer)
                .await
                .map_err(|e| failed(failure_detail(e)))?;
            let answer: js_sys::Array = answer.unchecked_into();
            let response = Response::from(answer.get(0).unchecked_into::<web_sys::Response>());
            let body = body_bytes(&answer.get(1));
            (response, body)
        }
        None => {
            // Built from a web_sys request: gloo-net's builder appends a
            // stray `&` to any URL that already has a query string.
            let init = web_sys::RequestInit::new();
            if must_ask_server(url) {
                init.set_cache(web_sys::RequestCache::NoCache);
            }
            let raw = web_sys::Request::new_with_str_and_init(url, &init)
                .map_err(|e| failed(e.as_string().unwrap_or_else(|| "invalid URL".into())))?;
            (Request::from(raw).send().await.map_err(network)?, None)
        }
    };
    if !response.ok() {
        // A service explains its errors in the body ("Post not found").
        let explained = response.text().await.ok().and_then(|body| {
            let json = crate::json::parse(&body).ok()?;
            service_error(&&json)
        });
        let status_text =
            crate::error::explained_status(&response.status_text(), explained.as_deref());
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text,
        });
    }
    // Bytes straight into wasm memory: `text()` would decode to a
    // JavaScript string only for it to be encoded back (about 100 ms for a
    // 5 MB thread). As `text()` does, a byte order mark is dropped and
    // invalid UTF-8 reads as U+FFFD.
    let bytes = match body {
        Some(body) => body,
        None => read_body(&response)
            .await
            .map_err(|e| failed(failure_detail(e)))?,
    };
    let text = thread_text(&bytes);
    let thread_error = |source| LoadError::Thread {
        url: url.to_string(),
        source,
    };
    let parse_started = js_sys::Date::now();
    let document = crate::json::parse(&text).map_err(|e| thread_error(syntax_error(&text, e)))?;
    // Reading a big thread is two long pieces of work: parsing, then
    // linking and sorting, each about as long as the other. When they
    // would block the page for long together, a task apart; a thread
    // that parsed quickly goes on at once (the hop costs a frame).
    if js_sys::Date::now() - parse_started > LONG_PARSE_MS {
        next_task().await;
    }
    normalize(&document, format).map_err(thread_error)
}

/// The body of `response`, read chunk by chunk as it arrives, as kibitz.js
/// reads the threads it preloads (see there why), for every load it did
/// not: the page's API, `<kibitz-thread>`, service shortcuts, retries.
async fn read_body(response: &Response) -> Result<Vec<u8>, JsValue> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader = stream.get_reader();
    let read: js_sys::Function = js_sys::Reflect::get(&reader, &"read".into())?.dyn_into()?;
    let chunks = js_sys::Array::new();
    loop {
        let part: js_sys::Promise = read.call0(&reader)?.dyn_into()?;
        let part = js_sys::futures::JsFuture::from(part).await?;
        if js_sys::Reflect::get(&part, &"done".into())?.is_truthy() {
            break;
        }
        chunks.push(&js_sys::Reflect::get(&part, &"value".into())?);
    }
    body_bytes(&chunks).ok_or_else(|| JsValue::from_str("the answer could not be read"))
}

/// A body as read: the chunks of its stream as they came (an array of
/// `Uint8Array`s, from kibitz.js or [`read_body`]), or one `ArrayBuffer`
/// (from kibitz.js in a browser without readable streams, or an older
/// kibitz.js on the page); `None` for anything else.
fn body_bytes(body: &JsValue) -> Option<Vec<u8>> {
    if let Some(buffer) = body.dyn_ref::<js_sys::ArrayBuffer>() {
        return Some(js_sys::Uint8Array::new(buffer).to_vec());
    }
    let chunks: Vec<js_sys::Uint8Array> = body
        .dyn_ref::<js_sys::Array>()?
        .iter()
        .map(|chunk| chunk.dyn_into::<js_sys::Uint8Array>().ok())
        .collect::<Option<_>>()?;
    let total = chunks.iter().map(|c| c.length() as usize).sum();
    let mut bytes = vec![0; total];
    let mut at = 0;
    for chunk in chunks {
        let end = at + chunk.length() as usize;
        chunk.copy_to(&mut bytes[at..end]);
        at = end;
    }
    Some(bytes)
}

/// The body as text: without a byte order mark, and with invalid UTF-8 read
/// as U+FFFD, as `Response.text()` does. Out of line, so that its scan of
/// the whole body does not make the load's one big function hot enough
/// for V8 to recompile it (see `formats::read_document`).
#[inline(never)]
fn thread_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Checking first is several times faster than the lossy reading's
    // own scan, and a thread is almost always valid UTF-8.
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// A parse longer than this is followed by a task boundary before linking.
const LONG_PARSE_MS: f64 = 40.0;

/// The answer kibitz.js started fetching for `url` beside the widget's own
/// download (`[response, body]`, or `[response]` for an error status),
/// taken once: a later load of the same URL asks the network again.
fn take_preloaded(url: &str) -> Option<js_sys::Promise> {
    let shared =
        js_sys::Reflect::get(&js_sys::global(), &js_sys::Symbol::for_("kibitz.loader")).ok()?;
    let preloaded = js_sys::Reflect::get(&shared, &JsValue::from_str("preloaded")).ok()?;
    let key = JsValue::from_str(url);
    let answer = js_sys::Reflect::get(&preloaded, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    // Left truthy, so that kibitz.js does not fetch it again.
    let _ = js_sys::Reflect::set(&preloaded, &key, &JsValue::TRUE);
    Some(answer)
}

/// The message of a rejected fetch ("Failed to fetch").
fn failure_detail(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".into())
}

/// The browser's own words for a failed request ("Failed to fetch"),
/// without gloo's wrapping.
fn network_detail(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.message,
        gloo_net::Error::GlooError(text) => text,
        // Only gloo's JSON reading, which kibitz does not use, gives the
        // rest; not formatted, so that serde_json's messages stay out of
        // the wasm.
        _ => "the answer could not be read".into(),
    }
}
