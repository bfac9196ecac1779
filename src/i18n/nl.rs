//! Dutch.

use super::{Plural, Words};

/// Dutch words.
pub const WORDS: Words = Words {
    lang: "nl",
    rtl: false,
    comments: "Reacties",
    comment_count: Plural::one_other("{n} reactie", "{n} reacties"),
    open: "Openen",
    close: "Sluiten",
    no_comments: "Nog geen reacties",
    loading: "Reacties laden…",
    load_failed: "Reacties konden niet worden geladen",
    retry: "Opnieuw proberen",
    deleted: "[verwijderd]",
    not_found: "[niet gevonden]",
    blocked: "[geblokkeerd]",
    dead: "[verborgen]",
    missing_parent: "antwoord op een ontbrekende reactie",
    replying_to: "als antwoord op {name}",
    replies_hidden: Plural::one_other("{n} antwoord verborgen", "{n} antwoorden verborgen"),
    show_more_replies: Plural::one_other("Nog {n} antwoord tonen", "Nog {n} antwoorden tonen"),
    not_shown: "({n} niet getoond)",
    collapse_comment: "Reactie #{number} van {author} samenvouwen",
    expand_comment: "Reactie #{number} van {author} uitvouwen",
    show_content: "Inhoud tonen",
    hide_content: "Inhoud verbergen",
    sensitive_content: "Gevoelige inhoud",
    reply_on_bluesky: "Reageren via Bluesky",
    reply_on_mastodon: "Reageren via Mastodon",
    discuss_on_hacker_news: "Meepraten op Hacker News",
    date_unknown: "datum onbekend",
    edited: "bewerkt",
};
