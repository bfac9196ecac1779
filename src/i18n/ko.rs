//! Korean.

use super::{Plural, Words};

/// Korean words.
pub const WORDS: Words = Words {
    lang: "ko",
    rtl: false,
    comments: "댓글",
    comment_count: Plural::invariant("댓글 {n}개"),
    open: "열기",
    close: "닫기",
    no_comments: "아직 댓글이 없습니다",
    loading: "댓글을 불러오는 중…",
    load_failed: "댓글을 불러오지 못했습니다",
    retry: "다시 시도",
    deleted: "[삭제됨]",
    not_found: "[찾을 수 없음]",
    blocked: "[차단됨]",
    dead: "[숨김 처리됨]",
    missing_parent: "찾을 수 없는 댓글에 대한 답글",
    replying_to: "{name} 님에게 답글",
    replies_hidden: Plural::invariant("답글 {n}개 숨김"),
    show_more_replies: Plural::invariant("답글 {n}개 더 보기"),
    not_shown: "({n}개 표시 안 됨)",
    collapse_comment: "{author} 님의 댓글 #{number} 접기",
    expand_comment: "{author} 님의 댓글 #{number} 펼치기",
    show_content: "내용 보기",
    hide_content: "내용 숨기기",
    sensitive_content: "민감한 콘텐츠",
    reply_on_bluesky: "Bluesky에서 답글 달기",
    reply_on_mastodon: "Mastodon에서 답글 달기",
    discuss_on_hacker_news: "Hacker News에서 토론하기",
    date_unknown: "날짜 알 수 없음",
    edited: "수정됨",
};
