//! German.

use super::{Plural, Words};

/// German words.
pub const WORDS: Words = Words {
    lang: "de",
    rtl: false,
    comments: "Kommentare",
    comment_count: Plural::one_other("{n} Kommentar", "{n} Kommentare"),
    open: "Öffnen",
    close: "Schließen",
    no_comments: "Noch keine Kommentare",
    loading: "Kommentare werden geladen…",
    load_failed: "Kommentare konnten nicht geladen werden",
    retry: "Erneut versuchen",
    deleted: "[gelöscht]",
    not_found: "[nicht gefunden]",
    blocked: "[blockiert]",
    dead: "[entfernt]",
    missing_parent: "Antwort auf einen fehlenden Kommentar",
    replying_to: "Antwort an {name}",
    replies_hidden: Plural::one_other("{n} Antwort ausgeblendet", "{n} Antworten ausgeblendet"),
    show_more_replies: Plural::one_other(
        "{n} weitere Antwort anzeigen",
        "{n} weitere Antworten anzeigen",
    ),
    not_shown: "({n} nicht angezeigt)",
    collapse_comment: "Kommentar #{number} von {author} einklappen",
    expand_comment: "Kommentar #{number} von {author} ausklappen",
    show_content: "Inhalt anzeigen",
    hide_content: "Inhalt ausblenden",
    sensitive_content: "Sensibler Inhalt",
    reply_on_bluesky: "Auf Bluesky antworten",
    reply_on_mastodon: "Auf Mastodon antworten",
    discuss_on_hacker_news: "Auf Hacker News diskutieren",
    date_unknown: "Datum unbekannt",
    edited: "bearbeitet",
};
