//! Hacker News through the Algolia items API (`/api/v1/items/:id`): the
//! item and its nested `children`. The root (usually the story) is the
//! article's announcement; its children are the comments. Deleted and dead
//! items become placeholders that keep their replies.

use serde_json::{Map, Value};

use super::{describe, raw_id, text, Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::model::{
    Author, BodyFormat, CommentNode, JoinLink, NormalizeReport, RawId, Removed, Service, ThreadMeta,
};
use crate::sanitize::safe_href;
use crate::time::{from_unix, parse_rfc3339};

const SITE: &str = "https://news.ycombinator.com";

/// Reads an Algolia item.
pub(crate) fn read(document: Value, report: &mut NormalizeReport) -> Result<Read, ThreadError> {
    let Value::Object(mut root) = document else {
        return Err(ThreadError::Shape(format!(
            "a Hacker News item: expected an object, found {}",
            describe(&document)
        )));
    };
    let root_id = id_of(&root)
        .ok_or_else(|| ThreadError::Shape("a Hacker News item: `id` is missing".into()))?;
    let join = safe_href(&format!("{SITE}/item?id={root_id}")).map(|url| JoinLink {
        service: Service::HackerNews,
        url,
    });
    let meta = ThreadMeta {
        title: text(&root, "title").map(String::from),
        url: text(&root, "url").and_then(safe_href),
        ..ThreadMeta::default()
    };
    let mut stack: Vec<(Value, ParentRef)> = children(&mut root)
        .into_iter()
        .rev()
        .map(|c| (c, ParentRef::None))
        .collect();
    let mut entries = Vec::new();
    while let Some((value, parent)) = stack.pop() {
        let Value::Object(mut item) = value else {
            report
                .skipped
                .push("a Hacker News child is not an object".into());
            continue;
        };
        let kids = children(&mut item);
        let Some(id) = id_of(&item) else {
            report
                .skipped
                .push("a Hacker News child has no `id`".into());
            continue;
        };
        for kid in kids.into_iter().rev() {
            stack.push((kid, ParentRef::Id(id.clone())));
        }
        entries.push(Entry {
            parent,
            node: read_item(id, &item),
        });
    }
    Ok(Read {
        meta,
        entries,
        join,
    })
}

fn children(item: &mut Map<String, Value>) -> Vec<Value> {
    match item.remove("children") {
        Some(Value::Array(children)) => children,
        _ => Vec::new(),
    }
}

fn id_of(item: &Map<String, Value>) -> Option<String> {
    item.get("id").and_then(raw_id).map(RawId::into_text)
}

fn read_item(id: String, item: &Map<String, Value>) -> CommentNode {
    let author = text(item, "author").unwrap_or_default();
    let body = text(item, "text").unwrap_or_default();
    let removed = if item.get("dead").and_then(Value::as_bool) == Some(true) {
        Some(Removed::Dead)
    } else if item.get("deleted").and_then(Value::as_bool) == Some(true)
        || (author.is_empty() && body.is_empty())
    {
        Some(Removed::Deleted)
    } else {
        None
    };
    let profile = Author {
        name: author.to_string(),
        url: (!author.is_empty())
            .then(|| format!("{SITE}/user?id={author}"))
            .and_then(|u| safe_href(&u)),
        ..Author::default()
    };
    // HN leaves the first paragraph bare and opens each later one with <p>.
    let body = if body.is_empty() || body.starts_with("<p>") {
        body.to_string()
    } else {
        format!("<p>{body}")
    };
    let mut node = CommentNode::new(id, profile, body, BodyFormat::Html);
    node.created = item
        .get("created_at_i")
        .and_then(Value::as_f64)
        .and_then(from_unix)
        .or_else(|| text(item, "created_at").and_then(parse_rfc3339));
    node.score = item.get("points").and_then(Value::as_f64);
    node.removed = removed;
    node
}
