//! Portuguese.

use super::{Plural, Words};

/// Portuguese words.
pub const WORDS: Words = Words {
    lang: "pt",
    rtl: false,
    comments: "Comentários",
    comment_count: Plural {
        // CLDR files 0 under "one" for Portuguese; readers expect the plural.
        zero: Some("{n} comentários"),
        one: Some("{n} comentário"),
        two: None,
        few: None,
        many: Some("{n} de comentários"),
        other: "{n} comentários",
    },
    open: "Abrir",
    close: "Fechar",
    no_comments: "Ainda não há comentários",
    loading: "Carregando comentários…",
    load_failed: "Não foi possível carregar os comentários",
    retry: "Tentar novamente",
    deleted: "[excluído]",
    not_found: "[não encontrado]",
    blocked: "[bloqueado]",
    dead: "[removido]",
    missing_parent: "resposta a um comentário indisponível",
    replying_to: "em resposta a {name}",
    replies_hidden: Plural {
        zero: None,
        one: Some("{n} resposta oculta"),
        two: None,
        few: None,
        many: Some("{n} de respostas ocultas"),
        other: "{n} respostas ocultas",
    },
    show_more_replies: Plural {
        zero: None,
        one: Some("Mostrar mais {n} resposta"),
        two: None,
        few: None,
        many: Some("Mostrar mais {n} de respostas"),
        other: "Mostrar mais {n} respostas",
    },
    not_shown: "({n} não exibidas)",
    collapse_comment: "Recolher o comentário #{number} de {author}",
    expand_comment: "Expandir o comentário #{number} de {author}",
    show_content: "Mostrar conteúdo",
    hide_content: "Ocultar conteúdo",
    sensitive_content: "Conteúdo sensível",
    reply_on_bluesky: "Responder no Bluesky",
    reply_on_mastodon: "Responder no Mastodon",
    discuss_on_hacker_news: "Comentar no Hacker News",
    date_unknown: "data desconhecida",
    edited: "editado",
};
