//! kibitz's own format, version 1 (docs/thread-format.md): flat comments
//! with `parent` ids, nested `replies`, or both; lenient about types.

use std::fmt;

use super::{describe, raw_id, Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::json::{Json, Kind};
use crate::model::{
    language_tag, Author, BodyFormat, CommentNode, NormalizeReport, RawAuthor, RawComment, RawTime,
    Removed, ThreadMeta,
};
use crate::sanitize::{safe_avatar, safe_href};
use crate::time::{from_unix, parse_rfc3339, EpochMillis};

/// The native format version this build reads.
pub const FORMAT_VERSION: u64 = 1;

/// Reads a native document: an object with `comments`, or a bare array.
pub(crate) fn read<J: Json>(
    document: J,
    report: &mut NormalizeReport,
) -> Result<Read, ThreadError> {
    let (meta, comments) = match document.kind() {
        Kind::Array => (ThreadMeta::default(), document.items().unwrap_or_default()),
        Kind::Object => {
            let comments = take_comments(&document)?;
            check_version(&document, report)?;
            let meta = match document.get("thread") {
                None => ThreadMeta::default(),
                Some(thread) => read_meta(thread)
                    .map_err(|e| ThreadError::Shape(format!("`thread` is malformed: {e}")))?,
            };
            (meta, comments)
        }
        _ => {
            return Err(ThreadError::Shape(format!(
                "expected an object with a `comments` array, or an array of comments; found {}",
                describe(&document)
            )))
        }
    };
    Ok(Read {
        meta,
        entries: flatten(comments, report),
        join: None,
    })
}

fn take_comments<J: Json>(object: &J) -> Result<Vec<J>, ThreadError> {
    match object.get("comments") {
        Some(comments) => comments.items().ok_or_else(|| {
            ThreadError::Shape(format!(
                "`comments` should be an array, but is {}",
                describe(&comments)
            ))
        }),
        None => {
            let keys = object.keys();
            let keys: Vec<&str> = keys.iter().map(String::as_str).take(8).collect();
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

fn check_version<J: Json>(object: &J, report: &mut NormalizeReport) -> Result<(), ThreadError> {
    let Some(version) = object.get("version").filter(|v| !v.is_null()) else {
        return Ok(());
    };
    let whole = version
        .as_f64()
        .filter(|v| *v >= 0.0 && v.fract() == 0.0 && version.is_integer());
    match whole {
        Some(v) if v == FORMAT_VERSION as f64 => Ok(()),
        Some(v) if v > FORMAT_VERSION as f64 => {
            let n = version.number_text().unwrap_or_default();
            report.notes.push(format!(
                "the thread is format version {n}; this kibitz reads version {FORMAT_VERSION} and shows what it understands"
            ));
            Ok(())
        }
        _ => Err(ThreadError::Shape(format!(
            "`version` should be {FORMAT_VERSION}, but is {}",
            version.to_json()
        ))),
    }
}

/// Reads every comment, in document order, unnesting `replies` with an
/// explicit stack.
#[inline(never)] // out of line: see `formats::read_document`
fn flatten<J: Json>(comments: Vec<J>, report: &mut NormalizeReport) -> Vec<Entry> {
    let mut stack: Vec<(J, Option<ParentRef>)> =
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

#[inline(never)] // out of line: see `formats::read_document`
fn read_comment<J: Json>(
    value: J,
    position: usize,
    report: &mut NormalizeReport,
) -> (ReadResult, Vec<J>) {
    if value.kind() != Kind::Object {
        return (
            Err(format!(
                "comment {position} is {}, not an object",
                describe(&value)
            )),
            Vec::new(),
        );
    }
    let mut fields = Fields::of(&value);
    // Kept apart from the other fields: it names the comment in every message.
    let id = fields.id.take();
    let label = Label {
        position,
        id: id.as_ref(),
    };
    let replies = match fields.replies.take() {
        None => Vec::new(),
        Some(replies) => replies.items().unwrap_or_else(|| {
            report.notes.push(format!(
                "{label}: `replies` should be an array, but is {}; ignored",
                describe(&replies)
            ));
            Vec::new()
        }),
    };
    if let Some(problem) = fields.type_problem(id.as_ref()) {
        return (Err(format!("{label}: {problem}")), replies);
    }
    let raw = match fields.read(id.as_ref()) {
        Ok(raw) => raw,
        Err(e) => return (Err(format!("{label} is malformed: {e}")), replies),
    };
    (build_node(raw, label, report), replies)
}

/// How messages name a comment: `comment 3`, `comment 3 (id "c7")` or
/// `comment 3 (id 7)`. Written out only when a message is.
struct Label<'a, J> {
    /// Counts every comment in document order from 1, nested replies included.
    position: usize,
    id: Option<&'a J>,
}

impl<J> Clone for Label<'_, J> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<J> Copy for Label<'_, J> {}

impl<J: Json> fmt::Display for Label<'_, J> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "comment {}", self.position)?;
        let Some(id) = self.id else { return Ok(()) };
        match id.kind() {
            Kind::String => write!(f, " (id \"{}\")", id.as_str().unwrap_or_default()),
            Kind::Number => write!(f, " (id {})", id.number_text().unwrap_or_default()),
            _ => Ok(()),
        }
    }
}

/// The fields of a comment that kibitz reads, taken in one pass over its
/// members; absent and `null` are both `None`.
struct Fields<J> {
    id: Option<J>,
    replies: Option<J>,
    parent: Option<J>,
    author: Option<J>,
    body: Option<J>,
    created: Option<J>,
    deleted: Option<J>,
    edited: Option<J>,
    format: Option<J>,
    lang: Option<J>,
    score: Option<J>,
}

impl<J: Json> Fields<J> {
    fn of(object: &J) -> Self {
        let mut fields = Self {
            id: None,
            replies: None,
            parent: None,
            author: None,
            body: None,
            created: None,
            deleted: None,
            edited: None,
            format: None,
            lang: None,
            score: None,
        };
        // A repeated key: the last one wins, null or not, as with `get`.
        object.for_each_member(|key, value| {
            // Bytes, so that the match is on length first, not a string
            // comparison per arm.
            let slot = match key.as_bytes() {
                b"id" => &mut fields.id,
                b"replies" => &mut fields.replies,
                b"parent" => &mut fields.parent,
                b"author" => &mut fields.author,
                b"body" => &mut fields.body,
                b"created" => &mut fields.created,
                b"deleted" => &mut fields.deleted,
                b"edited" => &mut fields.edited,
                b"format" => &mut fields.format,
                b"lang" => &mut fields.lang,
                b"score" => &mut fields.score,
                _ => return,
            };
            *slot = Some(value);
        });
        for slot in [
            &mut fields.id,
            &mut fields.replies,
            &mut fields.parent,
            &mut fields.author,
            &mut fields.body,
            &mut fields.created,
            &mut fields.deleted,
            &mut fields.edited,
            &mut fields.format,
            &mut fields.lang,
            &mut fields.score,
        ] {
            if slot.as_ref().is_some_and(Json::is_null) {
                *slot = None;
            }
        }
        fields
    }

    /// Names a field whose type rules out the comment, in the owner's
    /// terms rather than serde's.
    fn type_problem(&self, id: Option<&J>) -> Option<&'static str> {
        let ok =
            |value: Option<&J>, kinds: &[Kind]| value.is_none_or(|v| kinds.contains(&v.kind()));
        if !ok(id, &[Kind::String, Kind::Number]) {
            Some("`id` must be a string or a number")
        } else if !ok(self.parent.as_ref(), &[Kind::String, Kind::Number]) {
            Some("`parent` must be a string, a number or null")
        } else if !ok(self.author.as_ref(), &[Kind::String, Kind::Object]) {
            Some("`author` must be a name or an object with a `name`")
        } else if !ok(self.body.as_ref(), &[Kind::String]) {
            Some("`body` must be a string")
        } else {
            None
        }
    }

    /// Reads the fields of a comment that passed [`type_problem`](Self::type_problem).
    ///
    /// Until kibitz read these by hand, a derived serde reader did, and its
    /// messages are kept: fields are visited in sorted key order and the
    /// first one of the wrong type fails the comment in serde's words. A
    /// `created` or `edited` of any other type is a date that cannot be
    /// read, never a reason to skip the comment.
    fn read(self, id: Option<&J>) -> Result<RawComment, String> {
        Ok(RawComment {
            id: id.and_then(raw_id),
            author: match self.author {
                Some(author) => raw_author(author)?,
                None => None,
            },
            body: string(self.body)?,
            created: self.created.map(raw_time),
            deleted: boolean(self.deleted)?,
            edited: self.edited.map(raw_time),
            format: string(self.format)?,
            // Not a tag kibitz can use: no language, the comment kept.
            lang: self
                .lang
                .and_then(|lang| lang.as_str())
                .and_then(|lang| language_tag(&lang)),
            parent: self.parent.as_ref().and_then(raw_id),
            score: self.score.and_then(|score| lenient_number(&score)),
        })
    }
}

/// What the derived reader said of an id or an author it could not read.
const NOT_AN_ID: &str = "data did not match any variant of untagged enum RawId";
const NOT_AN_AUTHOR: &str = "data did not match any variant of untagged enum RawAuthor";

/// The fields of `thread`, in sorted order.
const META_FIELDS: [&str; 3] = ["id", "title", "url"];

/// Reads `thread`; its messages, too, are the derived reader's.
fn read_meta<J: Json>(thread: J) -> Result<ThreadMeta, String> {
    let mut meta = ThreadMeta::default();
    match thread.kind() {
        Kind::Null => {}
        Kind::Object => {
            for key in META_FIELDS {
                if let Some(value) = thread.get(key) {
                    set_meta_field(&mut meta, key, value)?;
                }
            }
        }
        // The derived reader also took an array of the fields, in order;
        // still read, so that no document that loaded stops loading.
        Kind::Array => {
            let fields = thread.items().unwrap_or_default();
            let count = fields.len();
            for (key, value) in META_FIELDS.into_iter().zip(fields) {
                set_meta_field(&mut meta, key, value)?;
            }
            if count > 3 {
                return Err(format!(
                    "invalid length {count}, expected fewer elements in array"
                ));
            }
        }
        _ => return Err(wrong_type(&thread, "struct ThreadMeta")),
    }
    Ok(meta)
}

fn set_meta_field<J: Json>(meta: &mut ThreadMeta, key: &str, value: J) -> Result<(), String> {
    match key {
        "id" if value.is_null() => meta.id = None,
        "id" => meta.id = Some(raw_id(&value).ok_or(NOT_AN_ID)?),
        "title" => meta.title = string(Some(value))?,
        "url" => meta.url = string(Some(value))?,
        _ => {}
    }
    Ok(())
}

/// A bare name, or a profile whose fields are text or null.
fn raw_author<J: Json>(value: J) -> Result<Option<RawAuthor>, String> {
    match value.kind() {
        Kind::Null => return Ok(None),
        Kind::String => return Ok(value.as_str().map(RawAuthor::Name)),
        Kind::Object => {}
        _ => return Err(NOT_AN_AUTHOR.into()),
    }
    // In sorted order, as the derived reader met them.
    let text = |key| match value.get(key) {
        None => Ok(None),
        Some(v) if v.is_null() => Ok(None),
        Some(v) => v.as_str().map(Some).ok_or(NOT_AN_AUTHOR.to_string()),
    };
    let avatar = text("avatar")?;
    let name = text("name")?;
    let url = text("url")?;
    Ok(Some(RawAuthor::Profile { name, url, avatar }))
}

fn raw_time<J: Json>(value: J) -> RawTime {
    match value.kind() {
        Kind::Number => value.as_f64().map_or(RawTime::Unreadable, RawTime::Unix),
        Kind::String => value.as_str().map_or(RawTime::Unreadable, RawTime::Text),
        _ => RawTime::Unreadable,
    }
}

/// Text or absent; anything else is a value of the wrong type.
fn string<J: Json>(value: Option<J>) -> Result<Option<String>, String> {
    match value {
        Some(v) if !v.is_null() => v
            .as_str()
            .map(Some)
            .ok_or_else(|| wrong_type(&v, "a string")),
        _ => Ok(None),
    }
}

/// A score: a number, or a number written as a string (`"7"`, as some
/// exports write every number). Anything else is no score: the comment is
/// kept, since a score only orders comments.
fn lenient_number<J: Json>(value: &J) -> Option<f64> {
    value
        .as_f64()
        // Read by kibitz's JSON parser: the standard library's float
        // parsing would be 9 KB of download for this alone.
        .or_else(|| {
            let text = value.as_str()?;
            let parsed = crate::json::parse(text.trim()).ok()?;
            let number = &parsed;
            number.as_f64()
        })
        .filter(|n| n.is_finite())
}

fn boolean<J: Json>(value: Option<J>) -> Result<Option<bool>, String> {
    match value {
        Some(v) if !v.is_null() => v
            .as_bool()
            .map(Some)
            .ok_or_else(|| wrong_type(&v, "a boolean")),
        _ => Ok(None),
    }
}

/// serde's message for a value of the wrong type, such as
/// ``invalid type: integer `5`, expected a string``.
fn wrong_type<J: Json>(value: &J, expected: &str) -> String {
    let found = match value.kind() {
        Kind::Null => "null".to_string(),
        Kind::Bool => format!("boolean `{}`", value.as_bool().unwrap_or_default()),
        Kind::Number => {
            let number = value.number_text().unwrap_or_default();
            if value.is_integer() {
                format!("integer `{number}`")
            } else {
                format!("floating point `{number}`")
            }
        }
        Kind::String => format!("string {}", value.to_json()),
        Kind::Array => "sequence".to_string(),
        Kind::Object => "map".to_string(),
    };
    format!("invalid type: {found}, expected {expected}")
}

fn build_node<J: Json>(
    raw: RawComment,
    label: Label<'_, J>,
    report: &mut NormalizeReport,
) -> ReadResult {
    let id = match raw.id {
        Some(id) => id.into_text(),
        None => return Err(format!("{label} has no `id`")),
    };
    let deleted = raw.deleted.unwrap_or(false);
    let author = clean_author(raw.author);
    if crate::model::is_invisible(&author.name) && !deleted {
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
        if let Some(unread) = &raw.created {
            report.unreadable_times += 1;
            if report.first_unreadable_time.is_none() {
                let value = match unread {
                    RawTime::Text(text) => format!("\"{text}\""),
                    RawTime::Unix(_) => "a number out of range".into(),
                    RawTime::Unreadable => "neither text nor a number".into(),
                };
                report.first_unreadable_time = Some(format!("{label}: `created` is {value}"));
            }
        }
    }
    let parent = match raw.parent {
        Some(parent) => ParentRef::Id(parent.into_text()),
        None => ParentRef::None,
    };
    let mut node = CommentNode::new(id, author, body, format);
    node.created = created;
    node.edited = raw.edited.as_ref().and_then(parse_time);
    node.score = raw.score.filter(|s| s.is_finite());
    node.lang = raw.lang.map(String::into_boxed_str);
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
