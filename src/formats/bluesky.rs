//! Bluesky: the answer of `app.bsky.feed.getPostThread`. The root post is the
//! article's announcement; its replies are the comments, nested through
//! `replies`. Facets (links, mentions, tags) become links over byte ranges;
//! not-found and blocked posts become placeholders that keep their replies.

use serde_json::{Map, Value};

use super::{text, Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::model::{
    Author, BodyFormat, CommentNode, JoinLink, NormalizeReport, Removed, Service, TextLink,
    ThreadMeta,
};
use crate::sanitize::{safe_avatar, safe_href};
use crate::time::parse_rfc3339;

const APP: &str = "https://bsky.app";

/// Reads a `getPostThread` answer.
pub(crate) fn read(document: Value, report: &mut NormalizeReport) -> Result<Read, ThreadError> {
    let Value::Object(mut object) = document else {
        return Err(shape("expected an object with a `thread`"));
    };
    let Some(Value::Object(mut root)) = object.remove("thread") else {
        return Err(shape("expected an object with a `thread`"));
    };
    if root.get("notFound").and_then(Value::as_bool) == Some(true) {
        return Err(ThreadError::Service(
            "the Bluesky post was not found".into(),
        ));
    }
    if root.get("blocked").and_then(Value::as_bool) == Some(true) {
        return Err(ThreadError::Service("the Bluesky post is blocked".into()));
    }
    let post = root
        .get("post")
        .and_then(Value::as_object)
        .ok_or_else(|| shape("`thread.post` is missing"))?;
    let join = post_url(post).map(|url| JoinLink {
        service: Service::Bluesky,
        url,
    });
    let meta = ThreadMeta {
        url: join.as_ref().map(|j| j.url.clone()),
        ..ThreadMeta::default()
    };
    let mut stack: Vec<(Value, ParentRef)> = replies(&mut root)
        .into_iter()
        .rev()
        .map(|r| (r, ParentRef::None))
        .collect();
    let mut entries = Vec::new();
    while let Some((value, parent)) = stack.pop() {
        let Value::Object(mut node) = value else {
            report
                .skipped
                .push("a Bluesky reply is not an object".into());
            continue;
        };
        let children = replies(&mut node);
        let Some(entry) = read_node(&node, parent) else {
            report
                .skipped
                .push("a Bluesky reply has no `post` or `uri`".into());
            continue;
        };
        let id = entry.node.id.clone();
        for child in children.into_iter().rev() {
            stack.push((child, ParentRef::Id(id.clone())));
        }
        entries.push(entry);
    }
    Ok(Read {
        meta,
        entries,
        join,
    })
}

fn shape(message: &str) -> ThreadError {
    ThreadError::Shape(format!("a Bluesky thread: {message}"))
}

fn replies(node: &mut Map<String, Value>) -> Vec<Value> {
    match node.remove("replies") {
        Some(Value::Array(replies)) => replies,
        _ => Vec::new(),
    }
}

fn read_node(node: &Map<String, Value>, parent: ParentRef) -> Option<Entry> {
    let removed = if node.get("notFound").and_then(Value::as_bool) == Some(true) {
        Some(Removed::NotFound)
    } else if node.get("blocked").and_then(Value::as_bool) == Some(true) {
        Some(Removed::Blocked)
    } else {
        None
    };
    if let Some(removed) = removed {
        let id = text(node, "uri")?.to_string();
        let mut placeholder =
            CommentNode::new(id, Author::default(), String::new(), BodyFormat::Text);
        placeholder.removed = Some(removed);
        return Some(Entry {
            parent,
            node: placeholder,
        });
    }
    let post = node.get("post")?.as_object()?;
    let record = post.get("record").and_then(Value::as_object);
    let body = record
        .and_then(|r| text(r, "text"))
        .unwrap_or_default()
        .to_string();
    let links = record.map(facet_links).unwrap_or_default();
    let mut comment = CommentNode::new(
        text(post, "uri")?.to_string(),
        author(post),
        body,
        BodyFormat::RichText(links),
    );
    comment.created = record
        .and_then(|r| text(r, "createdAt"))
        .or_else(|| text(post, "indexedAt"))
        .and_then(parse_rfc3339);
    comment.score = post.get("likeCount").and_then(Value::as_f64);
    Some(Entry {
        parent,
        node: comment,
    })
}

fn author(post: &Map<String, Value>) -> Author {
    let Some(author) = post.get("author").and_then(Value::as_object) else {
        return Author {
            name: "unknown".into(),
            ..Author::default()
        };
    };
    let handle = text(author, "handle").unwrap_or_default();
    let name = text(author, "displayName")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(handle);
    Author {
        name: name.to_string(),
        // Shown beside a display name; alone, the handle is the name.
        handle: (!handle.is_empty() && name != handle).then(|| format!("@{handle}")),
        url: (!handle.is_empty())
            .then(|| format!("{APP}/profile/{}", encode(handle)))
            .and_then(|u| safe_href(&u)),
        avatar: text(author, "avatar").and_then(safe_avatar),
        emoji: Vec::new(),
    }
}

/// The bsky.app address of a post: `/profile/<handle>/post/<rkey>`.
fn post_url(post: &Map<String, Value>) -> Option<String> {
    let rkey = text(post, "uri")?.rsplit('/').next()?;
    let actor = post
        .get("author")
        .and_then(Value::as_object)
        .and_then(|a| text(a, "handle").or_else(|| text(a, "did")))?;
    safe_href(&format!(
        "{APP}/profile/{}/post/{}",
        encode(actor),
        encode(rkey)
    ))
}

/// Links for the facets of a post record.
fn facet_links(record: &Map<String, Value>) -> Vec<TextLink> {
    let Some(Value::Array(facets)) = record.get("facets") else {
        return Vec::new();
    };
    facets
        .iter()
        .filter_map(|facet| {
            let index = facet.get("index")?;
            let start = usize::try_from(index.get("byteStart")?.as_u64()?).ok()?;
            let end = usize::try_from(index.get("byteEnd")?.as_u64()?).ok()?;
            let feature = facet.get("features")?.as_array()?.first()?.as_object()?;
            let href = match text(feature, "$type")? {
                "app.bsky.richtext.facet#link" => text(feature, "uri")?.to_string(),
                "app.bsky.richtext.facet#mention" => {
                    format!("{APP}/profile/{}", encode(text(feature, "did")?))
                }
                "app.bsky.richtext.facet#tag" => {
                    format!("{APP}/hashtag/{}", encode(text(feature, "tag")?))
                }
                _ => return None,
            };
            Some(TextLink { start, end, href })
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters and `:` (DIDs).
pub(crate) fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xF)] as char);
        }
    }
    out
}
