//! Mastodon: the answer of `GET /api/v1/statuses/:id/context`. Comments are
//! the flat `descendants`, linked by `in_reply_to_id`; a reply to a status
//! outside them answers the root post and stands at the top level. Bodies
//! are HTML; content warnings and custom emoji are kept.

use super::{describe, Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::json::{Json, Kind};
use crate::model::{
    language_tag, Author, BodyFormat, CommentNode, Emoji, NormalizeReport, ThreadMeta,
};
use crate::sanitize::{safe_avatar, safe_href};
use crate::time::parse_rfc3339;

/// Reads a `context` answer.
pub(crate) fn read<J: Json>(
    document: J,
    report: &mut NormalizeReport,
) -> Result<Read, ThreadError> {
    if document.kind() != Kind::Object {
        return Err(ThreadError::Shape(format!(
            "a Mastodon context: expected an object, found {}",
            describe(&document)
        )));
    }
    let descendants = match document.get("descendants") {
        Some(descendants) => descendants.items().ok_or_else(|| {
            ThreadError::Shape(format!(
                "a Mastodon context: `descendants` should be an array, but is {}",
                describe(&descendants)
            ))
        })?,
        None => {
            return Err(ThreadError::Shape(
                "a Mastodon context: expected a `descendants` array".into(),
            ))
        }
    };
    // Cow, not String: Leptos keeps a set of this very type, so this one
    // adds no hash table code to the download.
    let ids: rustc_hash::FxHashSet<std::borrow::Cow<'static, str>> = descendants
        .iter()
        .filter_map(|s| s.str_at("id").map(Into::into))
        .collect();
    let mut entries = Vec::with_capacity(descendants.len());
    for (position, status) in descendants.iter().enumerate() {
        let read = (status.kind() == Kind::Object)
            .then(|| read_status(status))
            .flatten();
        match read {
            Some(mut entry) => {
                entry.parent = match status.str_at("in_reply_to_id") {
                    Some(parent) if ids.contains(parent.as_str()) => ParentRef::Id(parent),
                    _ => ParentRef::None,
                };
                entries.push(entry);
            }
            None => report.skipped.push(format!(
                "Mastodon status {} has no id or account",
                position + 1
            )),
        }
    }
    // Mastodon answers a visitor (a request without a token, as kibitz's)
    // with at most 60 descendants, 20 deep (its `DESCENDANTS_LIMIT` and
    // `DESCENDANTS_DEPTH_LIMIT`): an answer of exactly 60 has likely been
    // cut, and so has one with a reply 20 deep whose own replies are
    // counted but absent. A server that sends more (another implementation,
    // or an answer saved by a signed-in owner) is not capped.
    let capped = descendants.len() == VISITOR_LIMIT || cut_by_depth(&descendants);
    let capped_at = capped.then_some(descendants.len() as u32);
    Ok(Read {
        meta: ThreadMeta {
            capped_at,
            ..ThreadMeta::default()
        },
        entries,
        join: None,
    })
}

/// The most descendants Mastodon gives a visitor.
const VISITOR_LIMIT: usize = 60;

/// How deep Mastodon follows replies for a visitor: replies to the post
/// are 1 deep, and the replies to one 20 deep are left out.
const VISITOR_DEPTH: usize = 20;

/// Whether some status stands at [`VISITOR_DEPTH`] with replies that its
/// `replies_count` counts and the answer lacks: Mastodon cut them. Only an
/// answer of a visitor's size can be cut so; at that size a search for
/// each parent costs less than a map's code in the download.
#[inline(never)] // out of line: see `formats::read_document`
fn cut_by_depth<J: Json>(descendants: &[J]) -> bool {
    if descendants.len() > VISITOR_LIMIT {
        return false;
    }
    let parents: Vec<Option<usize>> = descendants
        .iter()
        .map(|s| {
            let parent = s.str_at("in_reply_to_id");
            parent.as_ref()?;
            descendants.iter().position(|s| s.str_at("id") == parent)
        })
        .collect();
    (0..descendants.len()).any(|i| {
        !parents.contains(&Some(i))
            && descendants[i]
                .f64_at("replies_count")
                .is_some_and(|n| n > 0.0)
            && depth(&parents, i) == VISITOR_DEPTH
    })
}

/// How deep status `i` stands (a reply to the post is 1 deep), counted no
/// further than one past [`VISITOR_DEPTH`]: a loop of `in_reply_to_id`s in
/// a hostile answer ends there.
fn depth(parents: &[Option<usize>], mut i: usize) -> usize {
    let mut depth = 1;
    while let Some(p) = parents[i] {
        depth += 1;
        if depth > VISITOR_DEPTH {
            break;
        }
        i = p;
    }
    depth
}

#[inline(never)] // out of line: see `formats::read_document`
fn read_status<J: Json>(status: &J) -> Option<Entry> {
    let id = status.str_at("id")?;
    let account = status.get("account").filter(|a| a.kind() == Kind::Object)?;
    let body = status.str_at("content").unwrap_or_default();
    let mut node = CommentNode::new(id, author(&account), body, BodyFormat::Html);
    node.created = status
        .str_at("created_at")
        .as_deref()
        .and_then(parse_rfc3339);
    node.edited = status
        .str_at("edited_at")
        .as_deref()
        .and_then(parse_rfc3339);
    node.score = status.f64_at("favourites_count");
    let spoiler = status.str_at("spoiler_text").unwrap_or_default();
    let spoiler = spoiler.trim();
    node.warning = if !spoiler.is_empty() {
        Some(spoiler.to_string())
    } else if status.is_true("sensitive") {
        // Flagged without words of its own: the widget says it in the reader's language.
        Some(String::new())
    } else {
        None
    };
    node.emoji = emoji(status);
    node.lang = status
        .str_at("language")
        .as_deref()
        .and_then(language_tag)
        .map(String::into_boxed_str);
    Some(Entry {
        parent: ParentRef::None,
        node,
    })
}

fn author<J: Json>(account: &J) -> Author {
    let username = account.str_at("username").unwrap_or_default();
    let name = account
        .str_at("display_name")
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| username.clone());
    let acct = account.str_at("acct").unwrap_or(username);
    Author {
        // Shown beside a display name; alone, the account name stands.
        handle: (!acct.is_empty() && name != acct).then(|| format!("@{acct}")),
        url: account.str_at("url").as_deref().and_then(safe_href),
        avatar: account
            .str_at("avatar")
            .or_else(|| account.str_at("avatar_static"))
            .as_deref()
            .and_then(safe_avatar),
        emoji: emoji(account),
        name,
    }
}

/// The custom emoji of a status or an account (`emojis`).
fn emoji<J: Json>(owner: &J) -> Vec<Emoji> {
    owner
        .items_at("emojis")
        .iter()
        .filter_map(|e| {
            Some(Emoji {
                shortcode: e.str_at("shortcode")?,
                url: e.str_at("static_url").or_else(|| e.str_at("url"))?,
            })
        })
        .collect()
}
