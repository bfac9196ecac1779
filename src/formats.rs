//! Every accepted thread document, read into flat entries for
//! `normalize` to link: kibitz's own format and the public JSON of Bluesky,
//! Mastodon and Hacker News. `data-format` names one, or the document's shape
//! tells (auto). An error answer from a service is reported as what it is.

mod bluesky;
mod hn;
mod mastodon;
mod native;

pub use native::FORMAT_VERSION;

use crate::error::ThreadError;
use crate::json::{Json, Kind};
use crate::model::{CommentNode, JoinLink, NormalizeReport, RawId, ThreadMeta};

/// Which format to read a document as (`data-format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceFormat {
    /// Recognised by the document's shape.
    #[default]
    Auto,
    /// kibitz's own format.
    Kibitz,
    /// Bluesky `app.bsky.feed.getPostThread`.
    Bluesky,
    /// Mastodon `/api/v1/statuses/:id/context`.
    Mastodon,
    /// Hacker News, Algolia `items/:id`.
    HackerNews,
}

/// Where a flattened comment hangs.
pub(crate) enum ParentRef {
    /// Top level.
    None,
    /// Under the comment with this id, if it exists.
    Id(String),
    /// Its parent could not be read; shown at top level, marked.
    Unknown,
}

/// One comment, read but not yet linked.
pub(crate) struct Entry {
    pub parent: ParentRef,
    pub node: CommentNode,
}

/// What a format reader hands to `normalize`.
pub(crate) struct Read {
    pub meta: ThreadMeta,
    pub entries: Vec<Entry>,
    pub join: Option<JoinLink>,
}

/// Reads `document` as `format`, detecting the format when it is `Auto`.
///
/// Kept out of line, like each loop over a thread's comments and each
/// per-comment reader below it (`#[inline(never)]`, and wasm-opt's
/// `-ocimfs=30` in index.html). Inlined into one function, they made a
/// body of 15 to 26 KB that ran once per load, executed enough for V8 to
/// compile it again optimised, in the background, for 50 to 100 ms of a
/// two-core machine's time, all of it wasted: the call had ended. Apart,
/// the per-comment readers are the ones V8 optimises, small and soon,
/// and the rest of the load runs on them.
#[inline(never)]
pub(crate) fn read_document<J: Json>(
    document: J,
    format: SourceFormat,
    report: &mut NormalizeReport,
) -> Result<Read, ThreadError> {
    if let Some(message) = service_error(&document) {
        return Err(ThreadError::Service(message));
    }
    let format = match format {
        SourceFormat::Auto => detect(&document),
        known => known,
    };
    match format {
        SourceFormat::Auto | SourceFormat::Kibitz => native::read(document, report),
        SourceFormat::Bluesky => bluesky::read(document, report),
        SourceFormat::Mastodon => mastodon::read(document, report),
        SourceFormat::HackerNews => hn::read(document, report),
    }
}

/// Tells a format by its shape; unknown shapes are read as native, whose
/// errors say what kibitz expected.
fn detect<J: Json>(document: &J) -> SourceFormat {
    if document.kind() != Kind::Object {
        return SourceFormat::Kibitz;
    }
    let has = |key| document.get(key).is_some();
    if has("comments") {
        SourceFormat::Kibitz
    } else if has("kids") && has("by") {
        // Hacker News's own API (Firebase): its reader says what to use.
        SourceFormat::HackerNews
    } else if has("descendants") {
        SourceFormat::Mastodon
    } else if document.get("thread").is_some_and(|t| {
        t.get("post").is_some()
            || t.get("$type").is_some()
            // getPostThreadV2: a flat list; its reader says what to use.
            || t.items().is_some_and(|items| items.iter().any(|i| i.get("depth").is_some()))
    }) {
        SourceFormat::Bluesky
    } else if has("children") && (has("story_id") || has("created_at_i")) {
        SourceFormat::HackerNews
    } else {
        SourceFormat::Kibitz
    }
}

/// The message of a service's error answer, such as Bluesky's
/// `{"error": "NotFound", "message": "Post not found"}` or Mastodon's
/// `{"error": "Record not found"}`.
pub(crate) fn service_error<J: Json>(document: &J) -> Option<String> {
    if document.kind() != Kind::Object
        || ["comments", "descendants", "thread"]
            .iter()
            .any(|key| document.get(key).is_some())
    {
        return None;
    }
    let error = document.str_at("error")?;
    let text = match document.str_at("message") {
        Some(message) if !message.is_empty() && message != error => format!("{error}: {message}"),
        _ => error,
    };
    Some(text.chars().take(300).collect())
}

/// What a value is, for messages: "an array".
fn describe<J: Json>(value: &J) -> &'static str {
    value.kind().described()
}

/// An id as documents write it: a string or a number, anything else none.
fn raw_id<J: Json>(value: &J) -> Option<RawId> {
    match value.kind() {
        Kind::String => value.as_str().map(RawId::Text),
        Kind::Number => value.number_text().map(RawId::Number),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
