//! Loads a thread document over HTTP and hands it to `normalize`. Every
//! failure becomes a [`LoadError`] that names the URL: no answer, an error
//! status (gloo-net returns `Ok` for a 404, so the status is checked here),
//! or a body that is not a thread. Widgets showing the same URL share one
//! request and one parsed thread; the browser's HTTP cache does the rest.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Request;
use js_sys::futures::JsFuture;
use js_sys::JsString;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::LoadError;
use crate::formats::{service_error, SourceFormat};
use crate::js_json;
use crate::model::Thread;
use crate::normalize::normalize;

type SharedLoad = Shared<LocalBoxFuture<'static, Result<Arc<Thread>, LoadError>>>;

thread_local! {
    /// Loads by URL: in flight, or done. A failed load is forgotten, so
    /// that retrying asks the server again.
    static LOADS: RefCell<HashMap<String, (SourceFormat, SharedLoad)>> =
        RefCell::new(HashMap::new());
}

/// The thread at `url` (absolute), read as `format`: fetched once however
/// many widgets on the page show it.
pub async fn load_thread(url: &str, format: SourceFormat) -> Result<Arc<Thread>, LoadError> {
    let load = LOADS.with(|loads| {
        let mut loads = loads.borrow_mut();
        match loads.get(url) {
            Some((read_as, load)) if *read_as == format => load.clone(),
            _ => {
                let owned = url.to_string();
                let load = async move { fetch_thread(&owned, format).await.map(Arc::new) }
                    .boxed_local()
                    .shared();
                loads.insert(url.to_string(), (format, load.clone()));
                load
            }
        }
    });
    let result = load.await;
    if result.is_err() {
        LOADS.with(|loads| loads.borrow_mut().remove(url));
    }
    result
}

/// Fetches and parses the thread at `url` (absolute), read as `format`.
pub async fn fetch_thread(url: &str, format: SourceFormat) -> Result<Thread, LoadError> {
    let network = |error: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        detail: network_detail(error),
    };
    // Built from a web_sys request: gloo-net's builder appends a stray `&`
    // to any URL that already has a query string.
    let raw = web_sys::Request::new_with_str(url).map_err(|e| LoadError::Network {
        url: url.to_string(),
        detail: e.as_string().unwrap_or_else(|| "invalid URL".into()),
    })?;
    let response = Request::from(raw).send().await.map_err(network)?;
    let (ok, status, status_text) = (response.ok(), response.status(), response.status_text());
    // The body as the JavaScript string that `JSON.parse` takes: the browser
    // decodes it (a byte order mark dropped, invalid UTF-8 as U+FFFD) and
    // parses it at native speed; only the fields kibitz reads enter wasm.
    let text = body_text(response.into())
        .await
        .map_err(|e| LoadError::Network {
            url: url.to_string(),
            detail: e,
        });
    if !ok {
        // A service explains its errors in the body ("Post not found").
        let explained = text
            .ok()
            .and_then(|body| js_json::parse(&body).ok())
            .and_then(|json| service_error(&json));
        let status_text = match explained {
            Some(message) if !message.eq_ignore_ascii_case(&status_text) => {
                format!("{status_text}: {message}")
            }
            _ => status_text,
        };
        return Err(LoadError::Status {
            url: url.to_string(),
            status,
            status_text,
        });
    }
    let thread_error = |source| LoadError::Thread {
        url: url.to_string(),
        source,
    };
    let document = js_json::parse(&text?).map_err(thread_error)?;
    normalize(document, format).map_err(thread_error)
}

/// The body of `response` as text, or the browser's words for why not.
async fn body_text(response: web_sys::Response) -> Result<JsString, String> {
    let promise = response.text().map_err(|e| js_message(&e))?;
    let text = JsFuture::from(promise).await.map_err(|e| js_message(&e))?;
    text.dyn_into::<JsString>()
        .map_err(|_| "the body is not text".to_string())
}

/// The message of a JavaScript error.
fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// The browser's own words for a failed request ("Failed to fetch"),
/// without gloo's wrapping.
fn network_detail(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    }
}
