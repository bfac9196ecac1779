//! Every accepted thread document becomes one [`Thread`]: parsed, linked by
//! parent, cut free of loops, numbered and sorted oldest first. Nothing here
//! recurses over the thread, so a chain of any depth is safe; nothing here
//! touches the DOM.
//!
//! The rule throughout: never lose a comment that can be shown. A reply to a
//! missing parent goes to the top level, marked; a loop is cut; a duplicate
//! id keeps the first; an unreadable comment is skipped and reported.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::ThreadError;
use crate::model::{
    Author, BodyFormat, CommentNode, Detached, NormalizeReport, RawAuthor, RawComment, RawTime,
    Thread, ThreadMeta,
};
use crate::sanitize::{safe_avatar, safe_href};
use crate::time::{from_unix, parse_rfc3339, EpochMillis};

/// The native format version this build reads.
pub const FORMAT_VERSION: u64 = 1;

/// Parses and normalises a thread document.
///
/// ```
/// let thread = kibitz::normalize::parse_thread(
///     r#"[{"id": 2, "parent": 1, "author": "Bo", "body": "Hi Ada"},
///         {"id": 1, "author": "Ada", "body": "Hello"}]"#,
/// ).unwrap();
/// assert_eq!(thread.roots.len(), 1);
/// assert_eq!(thread.comments[thread.roots[0]].author.name, "Ada");
/// ```
pub fn parse_thread(text: &str) -> Result<Thread, ThreadError> {
    let value: Value = serde_json::from_str(text).map_err(syntax_error)?;
    normalize(value)
}

fn syntax_error(error: serde_json::Error) -> ThreadError {
    let mut message = error.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    if message == "recursion limit exceeded" {
        message = "replies are nested too deeply to read (more than about 60 levels); \
                   list such comments flat, with `parent` ids"
            .into();
    }
    ThreadError::Syntax {
        line: error.line(),
        column: error.column(),
        message,
    }
}

/// Normalises an already parsed thread document.
pub fn normalize(document: Value) -> Result<Thread, ThreadError> {
    let mut report = NormalizeReport::default();
    let (meta, comments) = match document {
        Value::Array(comments) => (ThreadMeta::default(), comments),
        Value::Object(mut object) => {
            let comments = take_comments(&mut object)?;
            check_version(&object, &mut report)?;
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
    let entries = flatten(comments, &mut report);
    Ok(link(meta, entries, report))
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

/// Where a flattened comment hangs.
enum ParentRef {
    /// Top level.
    None,
    /// Under the comment with this id, if it exists.
    Id(String),
    /// Its parent could not be read; shown at top level, marked.
    Unknown,
}

struct Entry {
    parent: ParentRef,
    node: CommentNode,
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
    if let Some(format) = raw.format.as_deref() {
        if !format.eq_ignore_ascii_case("text") {
            report.notes.push(format!(
                "{label} has format \"{format}\", shown as plain text"
            ));
        }
    }
    let created = raw.created.as_ref().and_then(parse_time);
    if created.is_none() {
        report.undated += 1;
    }
    let parent = match raw.parent {
        Some(parent) => ParentRef::Id(parent.into_text()),
        None => ParentRef::None,
    };
    let node = CommentNode {
        id,
        number: 0,
        author,
        created,
        edited: raw.edited.as_ref().and_then(parse_time),
        body,
        format: BodyFormat::Text,
        score: raw.score.filter(|s| s.is_finite()),
        deleted,
        parent: None,
        detached: None,
        children: Vec::new(),
        depth: 1,
        descendants: 0,
    };
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

/// Links entries into a tree: resolves parents, drops duplicates, cuts
/// loops, sorts, numbers, and measures depth and reply counts.
fn link(meta: ThreadMeta, entries: Vec<Entry>, mut report: NormalizeReport) -> Thread {
    let mut index: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut comments = Vec::with_capacity(entries.len());
    let mut parent_refs = Vec::with_capacity(entries.len());
    for entry in entries {
        if index.contains_key(&entry.node.id) {
            report.duplicates += 1;
            continue;
        }
        index.insert(entry.node.id.clone(), comments.len());
        comments.push(entry.node);
        parent_refs.push(entry.parent);
    }
    for (i, parent) in parent_refs.iter().enumerate() {
        let resolved = match parent {
            ParentRef::None => None,
            ParentRef::Unknown => Some(Err(Detached::MissingParent)),
            ParentRef::Id(id) => match index.get(id) {
                Some(&p) if p == i => Some(Err(Detached::Cycle)),
                Some(&p) => Some(Ok(p)),
                None => Some(Err(Detached::MissingParent)),
            },
        };
        match resolved {
            None => {}
            Some(Ok(p)) => comments[i].parent = Some(p),
            Some(Err(why)) => comments[i].detached = Some(why),
        }
    }
    break_cycles(&mut comments);
    report.missing_parents = comments
        .iter()
        .filter(|c| c.detached == Some(Detached::MissingParent))
        .count() as u32;
    report.cycles_broken = comments
        .iter()
        .filter(|c| c.detached == Some(Detached::Cycle))
        .count() as u32;
    let roots = number_and_attach(&mut comments);
    measure(&mut comments, &roots);
    Thread {
        meta,
        comments,
        roots,
        report,
    }
}

/// Cuts every parent loop at its first comment in document order, which
/// then stands at the top level.
fn break_cycles(comments: &mut [CommentNode]) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; comments.len()];
    let mut path = Vec::new();
    for start in 0..comments.len() {
        path.clear();
        let mut at = start;
        loop {
            match marks[at] {
                Mark::Done => break,
                Mark::OnPath => {
                    let from = path.iter().position(|&p| p == at).unwrap_or(0);
                    let first = path[from..].iter().copied().min().unwrap_or(at);
                    comments[first].parent = None;
                    comments[first].detached = Some(Detached::Cycle);
                    break;
                }
                Mark::New => {
                    marks[at] = Mark::OnPath;
                    path.push(at);
                    match comments[at].parent {
                        Some(p) => at = p,
                        None => break,
                    }
                }
            }
        }
        for &p in &path {
            marks[p] = Mark::Done;
        }
    }
}

/// Numbers comments chronologically (undated ones last, in document
/// order) and fills every child list in that order. Returns the roots.
fn number_and_attach(comments: &mut [CommentNode]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..comments.len()).collect();
    order.sort_by_key(|&i| (comments[i].created.unwrap_or(EpochMillis::MAX), i));
    let mut roots = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        comments[i].number = rank as u32 + 1;
        match comments[i].parent {
            Some(p) => comments[p].children.push(i),
            None => roots.push(i),
        }
    }
    roots
}

/// Sets depth (top to bottom) and descendant counts (bottom to top),
/// breadth first, without recursion.
fn measure(comments: &mut [CommentNode], roots: &[usize]) {
    let mut order = Vec::with_capacity(comments.len());
    order.extend_from_slice(roots);
    let mut next = 0;
    while next < order.len() {
        let i = order[next];
        next += 1;
        let depth = comments[i].depth;
        for c in 0..comments[i].children.len() {
            let child = comments[i].children[c];
            comments[child].depth = depth + 1;
            order.push(child);
        }
    }
    for &i in order.iter().rev() {
        if let Some(p) = comments[i].parent {
            comments[p].descendants += comments[i].descendants + 1;
        }
    }
}

#[cfg(test)]
mod tests;
