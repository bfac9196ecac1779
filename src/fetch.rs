//! Loads a thread document over HTTP and hands it to `normalize`. Every
//! failure becomes a [`LoadError`] that names the URL: no answer, an error
//! status (gloo-net returns `Ok` for a 404, so the status is checked here),
//! or a body that is not a thread.

use gloo_net::http::Request;

use crate::error::LoadError;
use crate::formats::{service_error, SourceFormat};
use crate::model::Thread;
use crate::normalize::parse_thread_as;

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
    if !response.ok() {
        // A service explains its errors in the body ("Post not found").
        let explained = response
            .text()
            .await
            .ok()
            .and_then(|body| serde_json::from_str(&body).ok())
            .and_then(|json| service_error(&json));
        let status_text = match explained {
            Some(message) if !message.eq_ignore_ascii_case(&response.status_text()) => {
                format!("{}: {message}", response.status_text())
            }
            _ => response.status_text(),
        };
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text,
        });
    }
    let text = response.text().await.map_err(network)?;
    parse_thread_as(&text, format).map_err(|source| LoadError::Thread {
        url: url.to_string(),
        source,
    })
}

/// The browser's own words for a failed request ("Failed to fetch"),
/// without gloo's wrapping.
fn network_detail(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    }
}
