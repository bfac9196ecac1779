//! English.

use super::{Plural, Words};

/// English words.
pub const WORDS: Words = Words {
    lang: "en",
    rtl: false,
    comments: "Comments",
    comment_count: Plural::one_other("{n} Comment", "{n} Comments"),
    open: "Open",
    close: "Close",
    no_comments: "No comments yet",
    loading: "Loading comments…",
    load_failed: "Comments could not be loaded",
    retry: "Retry",
    deleted: "[deleted]",
    not_found: "[not found]",
    blocked: "[blocked]",
    dead: "[dead]",
    missing_parent: "reply to a missing comment",
    replying_to: "replying to {name}",
    replies_hidden: Plural::one_other("{n} reply hidden", "{n} replies hidden"),
    show_more_replies: Plural::one_other("Show {n} more reply", "Show {n} more replies"),
    not_shown: "({n} not shown)",
    collapse_comment: "Collapse comment #{number} by {author}",
    expand_comment: "Expand comment #{number} by {author}",
    show_content: "Show content",
    hide_content: "Hide content",
    sensitive_content: "Sensitive content",
    reply_on_bluesky: "Reply on Bluesky",
    reply_on_mastodon: "Reply on Mastodon",
    discuss_on_hacker_news: "Discuss on Hacker News",
    date_unknown: "date unknown",
    edited: "edited",
};
