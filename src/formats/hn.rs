//! Hacker News through the Algolia items API (`/api/v1/items/:id`): the
//! item and its nested `children`. The root (usually the story) is the
//! article's announcement; its children are the comments. Deleted and dead
//! items become placeholders that keep their replies.

use super::{describe, raw_id, Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::json::{Json, Kind};
use crate::model::{
    Author, BodyFormat, CommentNode, JoinLink, NormalizeReport, RawId, Removed, Service, ThreadMeta,
};
use crate::sanitize::safe_href;
use crate::time::{from_unix, parse_rfc3339};

const SITE: &str = "https://news.ycombinator.com";

/// Reads an Algolia item.
pub(crate) fn read<J: Json>(root: J, report: &mut NormalizeReport) -> Result<Read, ThreadError> {
    if root.kind() != Kind::Object {
        return Err(ThreadError::Shape(format!(
            "a Hacker News item: expected an object, found {}",
            describe(&root)
        )));
    }
    if root.get("children").is_none() && root.get("kids").is_some() {
        // Read as a thread it would be empty: each reply is a request of
        // its own there.
        return Err(ThreadError::Shape(
            "a Hacker News item from its official API (hacker-news.firebaseio.com), which lists only its replies' ids (`kids`): use https://hn.algolia.com/api/v1/items/<id>, or data-hn=\"<id>\"".into(),
        ));
    }
    let root_id = id_of(&root)
        .ok_or_else(|| ThreadError::Shape("a Hacker News item: `id` is missing".into()))?;
    let join = safe_href(&format!("{SITE}/item?id={root_id}")).map(|url| JoinLink {
        service: Service::HackerNews,
        url,
    });
    let meta = ThreadMeta {
        title: root.str_at("title"),
        url: root.str_at("url").as_deref().and_then(safe_href),
        ..ThreadMeta::default()
    };
    let mut stack: Vec<(J, ParentRef)> = root
        .items_at("children")
        .into_iter()
        .rev()
        .map(|c| (c, ParentRef::None))
        .collect();
    let mut entries = Vec::new();
    while let Some((item, parent)) = stack.pop() {
        if item.kind() != Kind::Object {
            report
                .skipped
                .push("a Hacker News child is not an object".into());
            continue;
        }
        let Some(id) = id_of(&item) else {
            report
                .skipped
                .push("a Hacker News child has no `id`".into());
            continue;
        };
        for kid in item.items_at("children").into_iter().rev() {
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

fn id_of<J: Json>(item: &J) -> Option<String> {
    item.get("id")
        .as_ref()
        .and_then(raw_id)
        .map(RawId::into_text)
}

#[inline(never)] // out of line: see `formats::read_document`
fn read_item<J: Json>(id: String, item: &J) -> CommentNode {
    let author = item.str_at("author").unwrap_or_default();
    let body = item.str_at("text").unwrap_or_default();
    let removed = if item.is_true("dead") {
        Some(Removed::Dead)
    } else if item.is_true("deleted") || (author.is_empty() && body.is_empty()) {
        Some(Removed::Deleted)
    } else {
        None
    };
    let url = (!author.is_empty())
        .then(|| format!("{SITE}/user?id={author}"))
        .and_then(|u| safe_href(&u));
    let profile = Author {
        name: author,
        url,
        ..Author::default()
    };
    // HN leaves the first paragraph bare and opens each later one with <p>.
    let body = if body.is_empty() || body.starts_with("<p>") {
        body
    } else {
        format!("<p>{body}")
    };
    let mut node = CommentNode::new(id, profile, body, BodyFormat::Html);
    node.created = item
        .f64_at("created_at_i")
        .and_then(from_unix)
        .or_else(|| item.str_at("created_at").as_deref().and_then(parse_rfc3339));
    node.score = item.f64_at("points");
    node.removed = removed;
    node
}
