//! Mastodon: the answer of `GET /api/v1/statuses/:id/context`. Comments are
//! the flat `descendants` a visitor may see, linked by `in_reply_to_id`; a
//! reply to the root post stands at the top level, a reply to a status not
//! in the answer is marked as answering a missing comment. Bodies are HTML;
//! content warnings and custom emoji are kept, pictures and polls are said
//! in words.

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
    // What a visitor may see: an answer saved by a signed-in account also
    // holds followers-only posts, direct messages and posts that account
    // filtered out, none of which belong on a public page.
    let (descendants, unseen): (Vec<J>, Vec<J>) =
        descendants.into_iter().partition(|s| for_everyone(s));
    match unseen.len() {
        0 => {}
        1 => report.notes.push(
            "1 Mastodon post is not shown: followers-only, direct or filtered (this answer was saved by a signed-in account)".into(),
        ),
        n => report.notes.push(format!(
            "{n} Mastodon posts are not shown: followers-only, direct or filtered (this answer was saved by a signed-in account)"
        )),
    }
    // Cow, not String: Leptos keeps a set of this very type, so this one
    // adds no hash table code to the download.
    let ids: rustc_hash::FxHashSet<std::borrow::Cow<'static, str>> = descendants
        .iter()
        .filter_map(|s| s.str_at("id").map(Into::into))
        .collect();
    // The post whose context this is: what the first descendant (they come
    // in reading order) answers, when that is not in the answer. A reply to
    // any other post that is not here answers one the visitor may not see:
    // it is marked as a reply to a missing comment, not shown as an answer
    // to the post.
    let root = descendants
        .iter()
        .filter_map(|s| s.str_at("in_reply_to_id"))
        .find(|parent| !ids.contains(parent.as_str()));
    let mut entries = Vec::with_capacity(descendants.len());
    for (position, status) in descendants.iter().enumerate() {
        let read = (status.kind() == Kind::Object)
            .then(|| read_status(status))
            .flatten();
        match read {
            Some(mut entry) => {
                entry.parent = match status.str_at("in_reply_to_id") {
                    Some(parent) if Some(&parent) == root.as_ref() => ParentRef::None,
                    Some(parent) => ParentRef::Id(parent),
                    None => ParentRef::None,
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
    // `DESCENDANTS_DEPTH_LIMIT`), and drops those the visitor may not see
    // after the limit: an answer of exactly 60 has likely been cut, and so
    // has one in which a post counts more replies than it has here (its
    // `replies_count` counts only public and unlisted ones, which a visitor
    // sees). Posts only a signed-in account sees mean a signed-in answer,
    // whose limit is not 60.
    let capped =
        (unseen.is_empty() && descendants.len() == VISITOR_LIMIT) || replies_missing(&descendants);
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

/// Whether a visitor sees `status`: public or unlisted, and not filtered
/// out by the account that fetched it.
fn for_everyone<J: Json>(status: &J) -> bool {
    let visibility = status.str_at("visibility");
    let hidden = matches!(
        visibility.as_deref(),
        Some("private" | "direct" | "limited")
    );
    let filtered = status.items_at("filtered").iter().any(|f| {
        f.get("filter")
            .and_then(|f| f.str_at("filter_action"))
            .as_deref()
            == Some("hide")
    });
    !hidden && !filtered
}

/// The most descendants Mastodon gives a visitor.
const VISITOR_LIMIT: usize = 60;

/// Whether some status counts more replies (`replies_count`) than the
/// answer holds.
#[inline(never)] // out of line: see `formats::read_document`
fn replies_missing<J: Json>(descendants: &[J]) -> bool {
    use std::hash::BuildHasher;
    // Each count is a search among the answered ids' hashes, sorted (a
    // signed-in answer may hold thousands), by the sort every thread's
    // numbering uses, not one more in the download.
    let hash = |id: &str| rustc_hash::FxBuildHasher.hash_one(id) as i64;
    let answered: Vec<i64> = descendants
        .iter()
        .map(|s| s.str_at("in_reply_to_id").map_or(i64::MIN, |p| hash(&p)))
        .collect();
    let order = crate::model::rank(answered.iter().copied().zip(0..).collect());
    let sorted: Vec<i64> = order.into_iter().map(|i| answered[i]).collect();
    descendants.iter().any(|status| {
        let Some(id) = status.str_at("id") else {
            return false;
        };
        let counted = status.f64_at("replies_count").unwrap_or(0.0);
        let key = hash(&id);
        let here = sorted.partition_point(|&h| h <= key) - sorted.partition_point(|&h| h < key);
        counted > here as f64
    })
}

#[inline(never)] // out of line: see `formats::read_document`
fn read_status<J: Json>(status: &J) -> Option<Entry> {
    let id = status.str_at("id")?;
    let account = status.get("account").filter(|a| a.kind() == Kind::Object)?;
    let mut body = status.str_at("content").unwrap_or_default();
    attachments_into(status, &mut body);
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
    // A content warning hides the text. `sensitive` without one marks
    // only the media (so Mastodon shows the text), and kibitz shows none.
    node.warning = (!spoiler.is_empty()).then(|| spoiler.to_string());
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

/// What kibitz does not show of a post, said in words under its text, so
/// that a post of a picture alone is not a blank comment: each picture's
/// description ("🖼 a ridge at dawn"), and a poll's options ("📊 Yes · No").
/// Pictographs, not words: they read the same in every language.
fn attachments_into<J: Json>(status: &J, html: &mut String) {
    for media in status.items_at("media_attachments") {
        html.push_str("<p>🖼");
        if let Some(description) = media.str_at("description").filter(|d| !d.trim().is_empty()) {
            html.push(' ');
            crate::sanitize::escape_into(description.trim(), html);
        }
        html.push_str("</p>");
    }
    if let Some(poll) = status.get("poll").filter(|p| p.kind() == Kind::Object) {
        let options: Vec<String> = poll
            .items_at("options")
            .iter()
            .filter_map(|o| o.str_at("title"))
            .collect();
        if !options.is_empty() {
            html.push_str("<p>📊 ");
            crate::sanitize::escape_into(&options.join(" · "), html);
            html.push_str("</p>");
        }
    }
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
