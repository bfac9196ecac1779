//! kibitz's own format, version 1 (docs/thread-format.md): flat comments
//! with `parent` ids, nested `replies`, or both; lenient about types.

use serde_json::{Map, Value};

use super::{describe, Entry, ParentRef, Read};
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
                None | Some(Value::Null) => ThreadMeta::default(),
                Some(thread) => serde_json::from_value(thread)
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
            let mut keys: Vec<&str> = object.keys().map(String::as_str).take(8).collect();
            keys.sort_unstable();
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
        Some(other) => Err(ThreadError::Shape(format!(
            "`version` should be {FORMAT_VERSION}, but is {other}"
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
    let label = match object.get("id") {
        Some(Value::String(id)) => format!("comment {position} (id \"{id}\")"),
        Some(Value::Number(id)) => format!("comment {position} (id {id})"),
        _ => format!("comment {position}"),
    };
    let replies = match object.remove("replies") {
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
    if let Some(problem) = field_type_problem(&object) {
        return (Err(format!("{label}: {problem}")), replies);
    }
    let raw: RawComment = match serde_json::from_value(Value::Object(object)) {
        Ok(raw) => raw,
        Err(e) => return (Err(format!("{label} is malformed: {e}")), replies),
    };
    (build_node(raw, &label, report), replies)
}

/// Names a field whose type rules out the comment, in the owner's terms
/// rather than serde's.
fn field_type_problem(object: &Map<String, Value>) -> Option<&'static str> {
    let is =
        |key: &str, ok: fn(&Value) -> bool| object.get(key).is_none_or(|v| v.is_null() || ok(v));
    if !is("id", |v| v.is_string() || v.is_number()) {
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

fn build_node(raw: RawComment, label: &str, report: &mut NormalizeReport) -> ReadResult {
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
    let format = match raw
        .format
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("text") => BodyFormat::Text,
        Some("markdown") => BodyFormat::Markdown,
        Some("html") => BodyFormat::Html,
        Some(other) => {
            report.notes.push(format!(
                "{label} has format \"{other}\", shown as plain text"
            ));
            BodyFormat::Text
        }
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
        RawTime::Unreadable(_) => None,
    }
}
