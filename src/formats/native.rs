//! kibitz's own format, version 1 (docs/thread-format.md): flat comments
//! with `parent` ids, nested `replies`, or both; lenient about types.

use std::fmt;

use serde_json::{Map, Value};

use super::{describe, raw_id, Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::model::{
    Author, BodyFormat, CommentNode, NormalizeReport, RawAuthor, RawComment, RawTime, Removed,
    ThreadMeta,
};
use crate::sanitize::{safe_avatar, safe_href};
use crate::time::{from_unix, parse_rfc3339, EpochMillis};

/// The native format version this build reads.
pub const FORMAT_VERSION: u64 = 1;

/// Reads a native document: an object with `comments`, or a bare array.
pub(crate) fn read(document: Value, report: &mut NormalizeReport) -> Result<Read, ThreadError> {
    let (meta, comments) = match document {
        Value::Array(comments) => (ThreadMeta::default(), comments),
        Value::Object(mut object) => {
            let comments = take_comments(&mut object)?;
            check_version(&object, report)?;
            let meta = match object.remove("thread") {
                None => ThreadMeta::default(),
                Some(thread) => read_meta(thread)
                    .map_err(|e| ThreadError::Shape(format!("`thread` is malformed: {e}")))?,
            };
            (meta, comments)
        }
        other => {
            return Err(ThreadError::Shape(format!(
                "expected an object with a `comments` array, or an array of comments; found {}",
                describe(&other)
            )))
        }
    };
    Ok(Read {
        meta,
        entries: flatten(comments, report),
        join: None,
    })
}

fn take_comments(object: &mut Map<String, Value>) -> Result<Vec<Value>, ThreadError> {
    match object.remove("comments") {
        Some(Value::Array(comments)) => Ok(comments),
        Some(other) => Err(ThreadError::Shape(format!(
            "`comments` should be an array, but is {}",
            describe(&other)
        ))),
        None => {
            // serde_json's map keeps its keys sorted, so these come in order.
            let keys: Vec<&str> = object.keys().map(String::as_str).take(8).collect();
            let found = if keys.is_empty() {
                "an empty object".to_string()
            } else {
                format!("an object with keys {}", keys.join(", "))
            };
            Err(ThreadError::Shape(format!(
                "expected a `comments` array; found {found}"
            )))
        }
    }
}

fn check_version(
    object: &Map<String, Value>,
    report: &mut NormalizeReport,
) -> Result<(), ThreadError> {
    match object.get("version") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION) => Ok(()),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > FORMAT_VERSION) => {
            report.notes.push(format!(
                "the thread is format version {n}; this kibitz reads version {FORMAT_VERSION} and shows what it understands"
            ));
            Ok(())
        }
        // As JSON, but not through `Value`'s `Display`: that also builds
        // serde_json's pretty printer, for `{:#}`.
        Some(other) => Err(ThreadError::Shape(format!(
            "`version` should be {FORMAT_VERSION}, but is {}",
            serde_json::to_string(other).unwrap_or_default()
        ))),
    }
}

/// Reads every comment, in document order, unnesting `replies` with an
/// explicit stack.
fn flatten(comments: Vec<Value>, report: &mut NormalizeReport) -> Vec<Entry> {
    let mut stack: Vec<(Value, Option<ParentRef>)> =
        comments.into_iter().rev().map(|c| (c, None)).collect();
    let mut entries = Vec::with_capacity(stack.len());
    let mut position = 0usize;
    while let Some((value, nested_under)) = stack.pop() {
        position += 1;
        let (result, replies) = read_comment(value, position, report);
        let replies_parent = match result {
            Ok((explicit_parent, node)) => {
                // Nesting says where a reply belongs; only the replies of an
                // unreadable comment fall back on their own `parent`.
                let parent = match nested_under {
                    Some(ParentRef::Unknown) if matches!(explicit_parent, ParentRef::Id(_)) => {
                        explicit_parent
                    }
                    Some(nested) => nested,
                    None => explicit_parent,
                };
                let id = node.id.clone();
                entries.push(Entry { parent, node });
                ParentRef::Id(id)
            }
            Err(message) => {
                report.skipped.push(message);
                ParentRef::Unknown
            }
        };
        for reply in replies.into_iter().rev() {
            let parent = match &replies_parent {
                ParentRef::Id(id) => ParentRef::Id(id.clone()),
                _ => ParentRef::Unknown,
            };
            stack.push((reply, Some(parent)));
        }
    }
    entries
}

type ReadResult = Result<(ParentRef, CommentNode), String>;

fn read_comment(
    value: Value,
    position: usize,
    report: &mut NormalizeReport,
) -> (ReadResult, Vec<Value>) {
    let mut object = match value {
        Value::Object(object) => object,
        other => {
            return (
                Err(format!(
                    "comment {position} is {}, not an object",
                    describe(&other)
                )),
                Vec::new(),
            )
        }
    };
    let replies = object.remove("replies");
    // Kept apart from the other fields: it names the comment in every message.
    let id = object.remove("id");
    let label = Label {
        position,
        id: id.as_ref(),
    };
    let replies = match replies {
        Some(Value::Array(replies)) => replies,
        None | Some(Value::Null) => Vec::new(),
        Some(other) => {
            report.notes.push(format!(
                "{label}: `replies` should be an array, but is {}; ignored",
                describe(&other)
            ));
            Vec::new()
        }
    };
    if let Some(problem) = field_type_problem(id.as_ref(), &object) {
        return (Err(format!("{label}: {problem}")), replies);
    }
    let raw = match raw_comment(id.as_ref(), object) {
        Ok(raw) => raw,
        Err(e) => return (Err(format!("{label} is malformed: {e}")), replies),
    };
    (build_node(raw, label, report), replies)
}

/// How messages name a comment: `comment 3`, `comment 3 (id "c7")` or
/// `comment 3 (id 7)`. Written out only when a message is.
#[derive(Clone, Copy)]
struct Label<'a> {
    /// Counts every comment in document order from 1, nested replies included.
    position: usize,
    id: Option<&'a Value>,
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "comment {}", self.position)?;
        match self.id {
            Some(Value::String(id)) => write!(f, " (id \"{id}\")"),
            Some(Value::Number(id)) => write!(f, " (id {id})"),
            _ => Ok(()),
        }
    }
}

/// Names a field whose type rules out the comment, in the owner's terms
/// rather than serde's.
fn field_type_problem(id: Option<&Value>, object: &Map<String, Value>) -> Option<&'static str> {
    let ok = |value: Option<&Value>, of_type: fn(&Value) -> bool| {
        value.is_none_or(|v| v.is_null() || of_type(v))
    };
    let is = |key: &str, of_type: fn(&Value) -> bool| ok(object.get(key), of_type);
    if !ok(id, |v| v.is_string() || v.is_number()) {
        Some("`id` must be a string or a number")
    } else if !is("parent", |v| v.is_string() || v.is_number()) {
        Some("`parent` must be a string, a number or null")
    } else if !is("author", |v| v.is_string() || v.is_object()) {
        Some("`author` must be a name or an object with a `name`")
    } else if !is("body", Value::is_string) {
        Some("`body` must be a string")
    } else {
        None
    }
}

/// Reads the fields of a comment that passed [`field_type_problem`].
///
/// Until kibitz read these by hand, a derived serde reader did, and its
/// messages are kept: fields are visited in the map's key order and the
/// first one of the wrong type fails the comment in serde's words. `null`
/// is an absent field; a `created` or `edited` of any other type is a date
/// that cannot be read, never a reason to skip the comment.
fn raw_comment(id: Option<&Value>, object: Map<String, Value>) -> Result<RawComment, String> {
    let mut raw = RawComment {
        id: id.and_then(raw_id),
        ..RawComment::default()
    };
    for (key, value) in object {
        match key.as_str() {
            "author" => raw.author = raw_author(value)?,
            "body" => raw.body = string(value)?,
            "created" => raw.created = raw_time(value),
            "deleted" => raw.deleted = boolean(value)?,
            "edited" => raw.edited = raw_time(value),
            "format" => raw.format = string(value)?,
            "parent" => raw.parent = raw_id(&value),
            "score" => raw.score = number(value)?,
            _ => {}
        }
    }
    Ok(raw)
}

/// What the derived reader said of an id or an author it could not read.
const NOT_AN_ID: &str = "data did not match any variant of untagged enum RawId";
const NOT_AN_AUTHOR: &str = "data did not match any variant of untagged enum RawAuthor";

/// Reads `thread`; its messages, too, are the derived reader's.
fn read_meta(thread: Value) -> Result<ThreadMeta, String> {
    let mut meta = ThreadMeta::default();
    match thread {
        Value::Null => {}
        Value::Object(fields) => {
            for (key, value) in fields {
                set_meta_field(&mut meta, &key, value)?;
            }
        }
        // The derived reader also took an array of the fields, in order;
        // still read, so that no document that loaded stops loading.
        Value::Array(fields) => {
            let count = fields.len();
            for (key, value) in ["id", "title", "url"].into_iter().zip(fields) {
                set_meta_field(&mut meta, key, value)?;
            }
            if count > 3 {
                return Err(format!(
                    "invalid length {count}, expected fewer elements in array"
                ));
            }
        }
        other => return Err(wrong_type(&other, "struct ThreadMeta")),
    }
    Ok(meta)
}

fn set_meta_field(meta: &mut ThreadMeta, key: &str, value: Value) -> Result<(), String> {
    match key {
        "id" if value.is_null() => meta.id = None,
        "id" => meta.id = Some(raw_id(&value).ok_or(NOT_AN_ID)?),
        "title" => meta.title = string(value)?,
        "url" => meta.url = string(value)?,
        _ => {}
    }
    Ok(())
}

/// A bare name, or a profile whose fields are text or null.
fn raw_author(value: Value) -> Result<Option<RawAuthor>, String> {
    let profile = match value {
        Value::Null => return Ok(None),
        Value::String(name) => return Ok(Some(RawAuthor::Name(name))),
        Value::Object(profile) => profile,
        _ => return Err(NOT_AN_AUTHOR.into()),
    };
    let (mut name, mut url, mut avatar) = (None, None, None);
    for (key, value) in profile {
        let field = match key.as_str() {
            "name" => &mut name,
            "url" => &mut url,
            "avatar" => &mut avatar,
            _ => continue,
        };
        *field = match value {
            Value::Null => None,
            Value::String(text) => Some(text),
            _ => return Err(NOT_AN_AUTHOR.into()),
        };
    }
    Ok(Some(RawAuthor::Profile { name, url, avatar }))
}

fn raw_time(value: Value) -> Option<RawTime> {
    match value {
        Value::Null => None,
        Value::Number(number) => number.as_f64().map(RawTime::Unix),
        Value::String(text) => Some(RawTime::Text(text)),
        _ => Some(RawTime::Unreadable),
    }
}

/// Text or null; anything else is a value of the wrong type.
fn string(value: Value) -> Result<Option<String>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        other => Err(wrong_type(&other, "a string")),
    }
}

fn number(value: Value) -> Result<Option<f64>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Number(number) => Ok(number.as_f64()),
        other => Err(wrong_type(&other, "f64")),
    }
}

fn boolean(value: Value) -> Result<Option<bool>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(flag) => Ok(Some(flag)),
        other => Err(wrong_type(&other, "a boolean")),
    }
}

/// serde's message for a value of the wrong type, such as
/// ``invalid type: integer `5`, expected a string``.
fn wrong_type(value: &Value, expected: &str) -> String {
    let found = match value {
        Value::Null => "null".to_string(),
        Value::Bool(flag) => format!("boolean `{flag}`"),
        Value::Number(number) if number.is_f64() => format!("floating point `{number}`"),
        Value::Number(number) => format!("integer `{number}`"),
        Value::String(text) => format!("string {text:?}"),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    };
    format!("invalid type: {found}, expected {expected}")
}

fn build_node(raw: RawComment, label: Label<'_>, report: &mut NormalizeReport) -> ReadResult {
    let id = match raw.id {
        Some(id) => id.into_text(),
        None => return Err(format!("{label} has no `id`")),
    };
    let deleted = raw.deleted.unwrap_or(false);
    let author = clean_author(raw.author);
    if author.name.is_empty() && !deleted {
        return Err(format!("{label} has no author name"));
    }
    let body = match (raw.body, deleted) {
        (_, true) => String::new(),
        (Some(body), false) => body,
        (None, false) => return Err(format!("{label} has no `body`")),
    };
    let format = match raw.format.as_deref() {
        None => BodyFormat::Text,
        Some(name) => body_format(name).unwrap_or_else(|| {
            report.notes.push(format!(
                "{label} has format \"{}\", shown as plain text",
                name.to_ascii_lowercase()
            ));
            BodyFormat::Text
        }),
    };
    let created = raw.created.as_ref().and_then(parse_time);
    if created.is_none() {
        report.undated += 1;
    }
    let parent = match raw.parent {
        Some(parent) => ParentRef::Id(parent.into_text()),
        None => ParentRef::None,
    };
    let mut node = CommentNode::new(id, author, body, format);
    node.created = created;
    node.edited = raw.edited.as_ref().and_then(parse_time);
    node.score = raw.score.filter(|s| s.is_finite());
    node.removed = deleted.then_some(Removed::Deleted);
    Ok((parent, node))
}

/// A `format` name, in any letter case.
fn body_format(name: &str) -> Option<BodyFormat> {
    if name.eq_ignore_ascii_case("text") {
        Some(BodyFormat::Text)
    } else if name.eq_ignore_ascii_case("markdown") {
        Some(BodyFormat::Markdown)
    } else if name.eq_ignore_ascii_case("html") {
        Some(BodyFormat::Html)
    } else {
        None
    }
}

fn clean_author(raw: Option<RawAuthor>) -> Author {
    match raw {
        None => Author::default(),
        Some(RawAuthor::Name(name)) => Author {
            name: name.trim().to_string(),
            ..Author::default()
        },
        Some(RawAuthor::Profile { name, url, avatar }) => Author {
            name: name.unwrap_or_default().trim().to_string(),
            url: url.as_deref().and_then(safe_href),
            avatar: avatar.as_deref().and_then(safe_avatar),
            ..Author::default()
        },
    }
}

fn parse_time(raw: &RawTime) -> Option<EpochMillis> {
    match raw {
        RawTime::Unix(value) => from_unix(*value),
        RawTime::Text(text) => parse_rfc3339(text),
        RawTime::Unreadable => None,
    }
}
