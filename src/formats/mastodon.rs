//! Mastodon: the answer of `GET /api/v1/statuses/:id/context`. Comments are
//! the flat `descendants`, linked by `in_reply_to_id`; a reply to a status
//! outside them answers the root post and stands at the top level. Bodies
//! are HTML; content warnings and custom emoji are kept.

use serde_json::{Map, Value};

use super::{describe, text, Entry, ParentRef, Read};
use crate::error::ThreadError;
use crate::model::{Author, BodyFormat, CommentNode, Emoji, NormalizeReport, ThreadMeta};
use crate::sanitize::{safe_avatar, safe_href};
use crate::time::parse_rfc3339;

/// Reads a `context` answer.
pub(crate) fn read(document: Value, report: &mut NormalizeReport) -> Result<Read, ThreadError> {
    let descendants = match document {
        Value::Object(mut object) => match object.remove("descendants") {
            Some(Value::Array(descendants)) => descendants,
            Some(other) => {
                return Err(ThreadError::Shape(format!(
                    "a Mastodon context: `descendants` should be an array, but is {}",
                    describe(&other)
                )))
            }
            None => {
                return Err(ThreadError::Shape(
                    "a Mastodon context: expected a `descendants` array".into(),
                ))
            }
        },
        other => {
            return Err(ThreadError::Shape(format!(
                "a Mastodon context: expected an object, found {}",
                describe(&other)
            )))
        }
    };
    let ids: std::collections::HashSet<String> = descendants
        .iter()
        .filter_map(|s| s.get("id").and_then(Value::as_str))
        .map(String::from)
        .collect();
    let mut entries = Vec::with_capacity(descendants.len());
    for (position, status) in descendants.iter().enumerate() {
        match status.as_object().and_then(read_status) {
            Some(mut entry) => {
                entry.parent = match status.get("in_reply_to_id").and_then(Value::as_str) {
                    Some(parent) if ids.contains(parent) => ParentRef::Id(parent.to_string()),
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
    Ok(Read {
        meta: ThreadMeta::default(),
        entries,
        join: None,
    })
}

fn read_status(status: &Map<String, Value>) -> Option<Entry> {
    let id = text(status, "id")?.to_string();
    let account = status.get("account")?.as_object()?;
    let body = text(status, "content").unwrap_or_default().to_string();
    let mut node = CommentNode::new(id, author(account), body, BodyFormat::Html);
    node.created = text(status, "created_at").and_then(parse_rfc3339);
    node.edited = text(status, "edited_at").and_then(parse_rfc3339);
    node.score = status.get("favourites_count").and_then(Value::as_f64);
    let spoiler = text(status, "spoiler_text")
        .map(str::trim)
        .unwrap_or_default();
    let sensitive = status.get("sensitive").and_then(Value::as_bool) == Some(true);
    node.warning = if !spoiler.is_empty() {
        Some(spoiler.to_string())
    } else if sensitive {
        // Flagged without words of its own: the widget says it in the reader's language.
        Some(String::new())
    } else {
        None
    };
    node.emoji = emoji(status.get("emojis"));
    Some(Entry {
        parent: ParentRef::None,
        node,
    })
}

fn author(account: &Map<String, Value>) -> Author {
    let username = text(account, "username").unwrap_or_default();
    let name = text(account, "display_name")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(username);
    let acct = text(account, "acct").unwrap_or(username);
    Author {
        name: name.to_string(),
        // Shown beside a display name; alone, the account name stands.
        handle: (!acct.is_empty() && name != acct).then(|| format!("@{acct}")),
        url: text(account, "url").and_then(safe_href),
        avatar: text(account, "avatar")
            .or_else(|| text(account, "avatar_static"))
            .and_then(safe_avatar),
        emoji: emoji(account.get("emojis")),
    }
}

fn emoji(list: Option<&Value>) -> Vec<Emoji> {
    let Some(Value::Array(list)) = list else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| {
            let e = e.as_object()?;
            Some(Emoji {
                shortcode: text(e, "shortcode")?.to_string(),
                url: text(e, "static_url")
                    .or_else(|| text(e, "url"))?
                    .to_string(),
            })
        })
        .collect()
}
