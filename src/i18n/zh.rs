//! Chinese (Simplified).

use super::{Plural, Words};

/// Chinese words.
pub const WORDS: Words = Words {
    lang: "zh",
    rtl: false,
    comments: "评论",
    comment_count: Plural::invariant("{n} 条评论"),
    open: "展开",
    close: "收起",
    no_comments: "暂无评论",
    loading: "正在加载评论…",
    load_failed: "评论加载失败",
    retry: "重试",
    deleted: "[已删除]",
    not_found: "[未找到]",
    blocked: "[已屏蔽]",
    dead: "[已隐藏]",
    missing_parent: "所回复的评论不存在",
    replying_to: "回复 {name}",
    replies_hidden: Plural::invariant("已隐藏 {n} 条回复"),
    show_more_replies: Plural::invariant("再显示 {n} 条回复"),
    not_shown: "（{n} 条未显示）",
    collapse_comment: "折叠 {author} 的评论 #{number}",
    expand_comment: "展开 {author} 的评论 #{number}",
    show_content: "显示内容",
    hide_content: "隐藏内容",
    sensitive_content: "敏感内容",
    reply_on_bluesky: "在 Bluesky 上回复",
    reply_on_mastodon: "在 Mastodon 上回复",
    discuss_on_hacker_news: "在 Hacker News 上讨论",
    date_unknown: "日期未知",
    edited: "已编辑",
};
