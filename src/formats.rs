//! Every accepted thread document, read into flat entries for
//! `normalize` to link: kibitz's own format and the public JSON of Bluesky,
//! Mastodon and Hacker News. `data-format` names one, or the document's shape
//! tells (auto). An error answer from a service is reported as what it is.

mod bluesky;
mod hn;
mod mastodon;
mod native;

use serde_json::{Map, Value};

pub use native::FORMAT_VERSION;

use crate::error::ThreadError;
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
pub(crate) fn read_document(
    document: Value,
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
fn detect(document: &Value) -> SourceFormat {
    let Value::Object(object) = document else {
        return SourceFormat::Kibitz;
    };
    if object.contains_key("comments") {
        SourceFormat::Kibitz
    } else if object.contains_key("descendants") {
        SourceFormat::Mastodon
    } else if object
        .get("thread")
        .is_some_and(|t| t.get("post").is_some() || t.get("$type").is_some())
    {
        SourceFormat::Bluesky
    } else if object.contains_key("children")
        && (object.contains_key("story_id") || object.contains_key("created_at_i"))
    {
        SourceFormat::HackerNews
    } else {
        SourceFormat::Kibitz
    }
}

/// The message of a service's error answer, such as Bluesky's
/// `{"error": "NotFound", "message": "Post not found"}` or Mastodon's
/// `{"error": "Record not found"}`.
pub(crate) fn service_error(document: &Value) -> Option<String> {
    let object = document.as_object()?;
    if object.contains_key("comments")
        || object.contains_key("descendants")
        || object.contains_key("thread")
    {
        return None;
    }
    let error = object.get("error")?.as_str()?;
    let text = match object.get("message").and_then(Value::as_str) {
        Some(message) if !message.is_empty() && message != error => format!("{error}: {message}"),
        _ => error.to_string(),
    };
    Some(text.chars().take(300).collect())
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A string field of an object, if present and a string.
fn text<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

/// An id as documents write it: a string or a number, anything else none.
fn raw_id(value: &Value) -> Option<RawId> {
    match value {
        Value::String(text) => Some(RawId::Text(text.clone())),
        Value::Number(number) => Some(RawId::Number(number.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
