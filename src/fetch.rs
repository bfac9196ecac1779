//! Loads a thread document over HTTP and hands it to `normalize`. Every
//! failure becomes a [`LoadError`] that names the URL: no answer, an error
//! status (gloo-net returns `Ok` for a 404, so the status is checked here),
//! or a body that is not a thread.

use gloo_net::http::Request;

use crate::error::LoadError;
use crate::model::Thread;
use crate::normalize::parse_thread;

/// Fetches and parses the thread at `url` (absolute).
pub async fn fetch_thread(url: &str) -> Result<Thread, LoadError> {
    let network = |error: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        detail: network_detail(error),
    };
    let response = Request::get(url).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let text = response.text().await.map_err(network)?;
    parse_thread(&text).map_err(|source| LoadError::Thread {
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
