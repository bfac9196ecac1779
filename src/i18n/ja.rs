//! Japanese.

use super::{Plural, Words};

/// Japanese words.
pub const WORDS: Words = Words {
    lang: "ja",
    rtl: false,
    comments: "コメント",
    comment_count: Plural::invariant("{n}件のコメント"),
    open: "開く",
    close: "閉じる",
    no_comments: "まだコメントはありません",
    loading: "コメントを読み込んでいます…",
    load_failed: "コメントを読み込めませんでした",
    retry: "再試行",
    deleted: "[削除済み]",
    not_found: "[見つかりません]",
    blocked: "[ブロック済み]",
    dead: "[非表示]",
    missing_parent: "見つからないコメントへの返信",
    replying_to: "返信先: {name}",
    replies_hidden: Plural::invariant("{n}件の返信を非表示中"),
    show_more_replies: Plural::invariant("さらに{n}件の返信を表示"),
    not_shown: "（{n}件は未表示）",
    collapse_comment: "{author}さんのコメント #{number} を折りたたむ",
    expand_comment: "{author}さんのコメント #{number} を展開",
    show_content: "内容を表示",
    hide_content: "内容を隠す",
    sensitive_content: "閲覧注意",
    reply_on_bluesky: "Blueskyで返信",
    reply_on_mastodon: "Mastodonで返信",
    discuss_on_hacker_news: "Hacker Newsで議論に参加",
    date_unknown: "日付不明",
    edited: "編集済み",
};
