//! Turkish.

use super::{Plural, Words};

/// Turkish words.
pub const WORDS: Words = Words {
    lang: "tr",
    rtl: false,
    comments: "Yorumlar",
    comment_count: Plural::one_other("{n} yorum", "{n} yorum"),
    open: "Aç",
    close: "Kapat",
    no_comments: "Henüz yorum yok",
    loading: "Yorumlar yükleniyor…",
    load_failed: "Yorumlar yüklenemedi",
    retry: "Tekrar dene",
    deleted: "[silindi]",
    not_found: "[bulunamadı]",
    blocked: "[engellendi]",
    dead: "[kaldırıldı]",
    missing_parent: "bulunamayan bir yoruma yanıt",
    replying_to: "{name} kullanıcısına yanıt",
    replies_hidden: Plural::one_other("{n} yanıt gizlendi", "{n} yanıt gizlendi"),
    show_more_replies: Plural::one_other("{n} yanıt daha göster", "{n} yanıt daha göster"),
    not_shown: "({n} gösterilmiyor)",
    collapse_comment: "{author} kullanıcısının #{number} numaralı yorumunu daralt",
    expand_comment: "{author} kullanıcısının #{number} numaralı yorumunu genişlet",
    show_content: "İçeriği göster",
    hide_content: "İçeriği gizle",
    sensitive_content: "Hassas içerik",
    reply_on_bluesky: "Bluesky’da yanıtla",
    reply_on_mastodon: "Mastodon’da yanıtla",
    discuss_on_hacker_news: "Hacker News üzerinde tartış",
    date_unknown: "tarih bilinmiyor",
    edited: "düzenlendi",
};
