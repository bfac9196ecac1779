//! Bluesky: the answer of `app.bsky.feed.getPostThread`. The root post is the
//! article's announcement; its replies are the comments, nested through
//! `replies`. Facets (links, mentions, tags) become links over byte ranges;
//! not-found and blocked posts become placeholders that keep their replies.

use super::{Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::json::{Json, Kind};
use crate::model::{
    language_tag, Author, BodyFormat, CommentNode, JoinLink, NormalizeReport, Removed, Service,
    TextLink, ThreadMeta,
};
use crate::sanitize::{safe_avatar, safe_href};
use crate::time::parse_rfc3339;

const APP: &str = "https://bsky.app";

/// Reads a `getPostThread` answer.
pub(crate) fn read<J: Json>(
    document: J,
    report: &mut NormalizeReport,
) -> Result<Read, ThreadError> {
    let Some(root) = document.get("thread").filter(|t| t.kind() == Kind::Object) else {
        if document
            .get("thread")
            .is_some_and(|t| t.kind() == Kind::Array)
        {
            return Err(shape(
                "`thread` is a list, as app.bsky.unspecced.getPostThreadV2 answers: kibitz reads app.bsky.feed.getPostThread (data-bluesky asks it)",
            ));
        }
        return Err(shape("expected an object with a `thread`"));
    };
    if root.is_true("notFound") {
        return Err(ThreadError::Service(
            "the Bluesky post was not found".into(),
        ));
    }
    if root.is_true("blocked") {
        return Err(ThreadError::Service("the Bluesky post is blocked".into()));
    }
    let post = root
        .get("post")
        .filter(|p| p.kind() == Kind::Object)
        .ok_or_else(|| shape("`thread.post` is missing"))?;
    let join = post_url(&post).map(|url| JoinLink {
        service: Service::Bluesky,
        url,
    });
    let meta = ThreadMeta {
        url: join.as_ref().map(|j| j.url.clone()),
        ..ThreadMeta::default()
    };
    // Replies the post's author hid (its threadgate, beside the thread and
    // on the root post), which Bluesky leaves to its clients to hide.
    let mut hidden: Vec<String> = Vec::new();
    for gate in [document.get("threadgate"), post.get("threadgate")] {
        if let Some(record) = gate.and_then(|g| g.get("record")) {
            hidden.extend(
                record
                    .items_at("hiddenReplies")
                    .iter()
                    .filter_map(Json::as_str),
            );
        }
    }
    let mut unshown = 0;
    let mut stack: Vec<(J, ParentRef)> = root
        .items_at("replies")
        .into_iter()
        .rev()
        .map(|r| (r, ParentRef::None))
        .collect();
    let mut entries = Vec::new();
    while let Some((node, parent)) = stack.pop() {
        if node.kind() != Kind::Object {
            report
                .skipped
                .push("a Bluesky reply is not an object".into());
            continue;
        }
        let post = object_at(&node, "post");
        let labels = post.as_ref().map(labels_of).unwrap_or_default();
        let hide = post
            .as_ref()
            .and_then(|p| p.str_at("uri"))
            .is_some_and(|uri| hidden.contains(&uri))
            || labels.iter().any(|l| HIDE.contains(&l.as_str()));
        if hide {
            // With its replies: they answer what the reader may not see.
            unshown += 1;
            continue;
        }
        let Some(mut entry) = read_node(&node, parent) else {
            report
                .skipped
                .push("a Bluesky reply has no `post` or `uri`".into());
            continue;
        };
        if labels.iter().any(|l| WARN.contains(&l.as_str())) {
            // Labelled adult or graphic: behind the widget's own warning.
            entry.node.warning = Some(String::new());
        }
        let id = entry.node.id.clone();
        for child in node.items_at("replies").into_iter().rev() {
            stack.push((child, ParentRef::Id(id.clone())));
        }
        entries.push(entry);
    }
    const WHY: &str = "hidden by the post's author, labelled to be hidden, or by an author who asks to be shown only to signed-in readers";
    match unshown {
        0 => {}
        1 => report.notes.push(format!(
            "1 Bluesky reply is not shown, with its replies: {WHY}"
        )),
        n => report.notes.push(format!(
            "{n} Bluesky replies are not shown, with their replies: {WHY}"
        )),
    }
    Ok(Read {
        meta,
        entries,
        join,
    })
}

/// Labels that keep a post off the page: Bluesky's own `!hide`, and
/// `!no-unauthenticated`, which an author sets to be seen only by
/// signed-in readers (a page's visitors are not).
const HIDE: &[&str] = &["!hide", "!takedown", "!no-unauthenticated"];

/// Labels that put a post behind a warning: adult and graphic content.
const WARN: &[&str] = &["porn", "sexual", "nudity", "graphic-media", "gore"];

/// The labels on a post, its record's own (self-labels) and its author's.
fn labels_of<J: Json>(post: &J) -> Vec<String> {
    let values = |owner: Option<J>| -> Vec<String> {
        owner
            .map(|o| o.items_at("labels"))
            .unwrap_or_default()
            .iter()
            .filter_map(|l| l.str_at("val"))
            .collect()
    };
    let mut labels = values(Some(post.clone()));
    labels.extend(values(object_at(post, "author")));
    // A record's self-labels: `labels.values`, an object, not a list.
    if let Some(own) = object_at(post, "record").and_then(|r| object_at(&r, "labels")) {
        labels.extend(
            own.items_at("values")
                .iter()
                .filter_map(|l| l.str_at("val")),
        );
    }
    labels
}

fn shape(message: &str) -> ThreadError {
    ThreadError::Shape(format!("a Bluesky thread: {message}"))
}

/// The object field `key`, if it is one.
fn object_at<J: Json>(value: &J, key: &'static str) -> Option<J> {
    value.get(key).filter(|v| v.kind() == Kind::Object)
}

#[inline(never)] // out of line: see `formats::read_document`
fn read_node<J: Json>(node: &J, parent: ParentRef) -> Option<Entry> {
    let removed = if node.is_true("notFound") {
        Some(Removed::NotFound)
    } else if node.is_true("blocked") {
        Some(Removed::Blocked)
    } else {
        None
    };
    if let Some(removed) = removed {
        let id = node.str_at("uri")?;
        let mut placeholder =
            CommentNode::new(id, Author::default(), String::new(), BodyFormat::Text);
        placeholder.removed = Some(removed);
        return Some(Entry {
            parent,
            node: placeholder,
        });
    }
    let post = object_at(node, "post")?;
    let record = object_at(&post, "record");
    let mut body = record
        .as_ref()
        .and_then(|r| r.str_at("text"))
        .unwrap_or_default();
    let mut links = record.as_ref().map(facet_links).unwrap_or_default();
    if let Some(embed) = object_at(&post, "embed") {
        embed_into(&embed, &mut body, &mut links);
    }
    let mut comment = CommentNode::new(
        post.str_at("uri")?,
        author(&post),
        body,
        BodyFormat::RichText(links),
    );
    comment.created = record
        .as_ref()
        .and_then(|r| r.str_at("createdAt"))
        .or_else(|| post.str_at("indexedAt"))
        .as_deref()
        .and_then(parse_rfc3339);
    comment.score = post.f64_at("likeCount");
    // The post's first language (`langs`, as the author's app set it).
    comment.lang = record
        .as_ref()
        .and_then(|r| r.items_at("langs").first()?.as_str())
        .as_deref()
        .and_then(language_tag)
        .map(String::into_boxed_str);
    Some(Entry {
        parent,
        node: comment,
    })
}

fn author<J: Json>(post: &J) -> Author {
    let Some(author) = object_at(post, "author") else {
        return Author {
            name: "unknown".into(),
            ..Author::default()
        };
    };
    let handle = author
        .str_at("handle")
        .filter(|h| valid_handle(h))
        .unwrap_or_default();
    let did = author.str_at("did").unwrap_or_default();
    // Without a valid handle, Bluesky's own links name the account by its
    // DID, and no handle is shown.
    let profile = if handle.is_empty() { &did } else { &handle };
    let name = author
        .str_at("displayName")
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| profile.clone());
    Author {
        // Shown beside a display name; alone, the handle is the name.
        handle: (!handle.is_empty() && name != handle).then(|| format!("@{handle}")),
        url: (!profile.is_empty())
            .then(|| format!("{APP}/profile/{}", encode(profile)))
            .and_then(|u| safe_href(&u)),
        avatar: author.str_at("avatar").as_deref().and_then(safe_avatar),
        name,
        emoji: Vec::new(),
    }
}

fn post_url<J: Json>(post: &J) -> Option<String> {
    let uri = post.str_at("uri")?;
    let rkey = uri.rsplit('/').next()?;
    let author = object_at(post, "author")?;
    let actor = author
        .str_at("handle")
        .filter(|h| valid_handle(h))
        .or_else(|| author.str_at("did"))?;
    safe_href(&format!(
        "{APP}/profile/{}/post/{}",
        encode(&actor),
        encode(rkey)
    ))
}

/// What kibitz does not show of a post's embed, said in words under its
/// text, so that a post of a picture alone is not a blank comment: each
/// picture's or video's description ("🖼 a ridge at dawn"), a link card's
/// title, linked ("🔗 …"), and a quoted post's text and author ("❝ … — @ada").
/// Pictographs, not words: they read the same in every language.
fn embed_into<J: Json>(embed: &J, text: &mut String, links: &mut Vec<TextLink>) {
    let line = |text: &mut String, words: &str| {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(words);
    };
    // recordWithMedia: the media, then the quoted record.
    let media = object_at(embed, "media");
    for part in [Some(embed.clone()), media].into_iter().flatten() {
        for image in part.items_at("images") {
            let alt = image.str_at("alt").unwrap_or_default();
            line(text, format!("🖼 {}", alt.trim()).trim_end());
        }
        if part.get("playlist").is_some() {
            let alt = part.str_at("alt").unwrap_or_default();
            line(text, format!("🎞 {}", alt.trim()).trim_end());
        }
        if let Some(card) = object_at(&part, "external") {
            let (Some(uri), title) = (card.str_at("uri"), card.str_at("title")) else {
                continue;
            };
            let title = title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| uri.clone());
            line(text, "🔗 ");
            let start = text.len();
            text.push_str(title.trim());
            links.push(TextLink {
                start,
                end: text.len(),
                href: uri,
            });
        }
    }
    let quoted = object_at(embed, "record").map(|r| object_at(&r, "record").unwrap_or(r));
    if let Some(quoted) = quoted {
        let said = quoted
            .get("value")
            .and_then(|v| v.str_at("text"))
            .filter(|t| !t.trim().is_empty());
        let by = object_at(&quoted, "author").and_then(|a| a.str_at("handle"));
        if let (Some(said), Some(by)) = (said, by) {
            line(text, &format!("❝ {} — @{by}", said.trim()));
        }
    }
}

/// A handle Bluesky vouches for: it writes `handle.invalid` where an
/// account's handle no longer checks out.
fn valid_handle(handle: &str) -> bool {
    !handle.is_empty() && handle != "handle.invalid"
}

fn facet_links<J: Json>(record: &J) -> Vec<TextLink> {
    record
        .items_at("facets")
        .iter()
        .filter_map(|facet| {
            let index = facet.get("index")?;
            let start = byte_offset(index.get("byteStart")?)?;
            let end = byte_offset(index.get("byteEnd")?)?;
            let feature = facet.get("features")?.items()?.into_iter().next()?;
            if feature.kind() != Kind::Object {
                return None;
            }
            let href = match feature.str_at("$type")?.as_str() {
                "app.bsky.richtext.facet#link" => feature.str_at("uri")?,
                "app.bsky.richtext.facet#mention" => {
                    format!("{APP}/profile/{}", encode(&feature.str_at("did")?))
                }
                "app.bsky.richtext.facet#tag" => {
                    format!("{APP}/hashtag/{}", encode(&feature.str_at("tag")?))
                }
                _ => return None,
            };
            Some(TextLink { start, end, href })
        })
        .collect()
}

/// A byte offset: a whole, non-negative number.
fn byte_offset<J: Json>(value: J) -> Option<usize> {
    let number = value.as_f64()?;
    (value.is_integer() && number >= 0.0 && number <= u32::MAX as f64).then_some(number as usize)
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
