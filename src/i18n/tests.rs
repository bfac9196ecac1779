//! Every language table is complete: each plural phrase has every form its
//! language's CLDR rules can select, and every template keeps its
//! placeholders.

use super::*;

fn plurals(words: &Words) -> [(&'static str, Plural); 5] {
    [
        ("comment_count", words.comment_count),
        (
            "comment_count_in_text",
            words.comment_count_in_text.unwrap_or(words.comment_count),
        ),
        ("replies_hidden", words.replies_hidden),
        ("show_more_replies", words.show_more_replies),
        ("show_more_comments", words.show_more_comments),
    ]
}

fn templates(words: &Words) -> [(&'static str, &'static str, &'static [&'static str]); 13] {
    [
        ("error_network", words.error_network, &["{url}", "{detail}"]),
        ("error_status", words.error_status, &["{url}", "{status}"]),
        (
            "error_json",
            words.error_json,
            &["{url}", "{line}", "{column}", "{detail}"],
        ),
        (
            "error_not_thread",
            words.error_not_thread,
            &["{url}", "{detail}"],
        ),
        ("error_service", words.error_service, &["{url}", "{detail}"]),
        ("replying_to", words.replying_to, &["{name}"]),
        // The link reads "#1": its name must hold what it shows (WCAG 2.5.3,
        // label in name), so that "click #1" works by voice too.
        ("link_to_comment", words.link_to_comment, &["#{number}"]),
        ("not_shown", words.not_shown, &["{n}"]),
        (
            "collapse_comment",
            words.collapse_comment,
            &["{number}", "{author}"],
        ),
        (
            "expand_comment",
            words.expand_comment,
            &["{number}", "{author}"],
        ),
        ("collapse_unnamed", words.collapse_unnamed, &["{number}"]),
        ("expand_unnamed", words.expand_unnamed, &["{number}"]),
        ("parenthesized", words.parenthesized, &["{text}"]),
    ]
}

/// The shipped languages and the CLDR plural categories of each, for whole
/// numbers: the tables must declare exactly these.
const CATEGORIES: &[(&str, &[Category])] = &[
    ("en", &[Category::One, Category::Other]),
    ("de", &[Category::One, Category::Other]),
    ("fr", &[Category::One, Category::Many, Category::Other]),
    ("es", &[Category::One, Category::Many, Category::Other]),
    ("pt", &[Category::One, Category::Many, Category::Other]),
    ("it", &[Category::One, Category::Many, Category::Other]),
    ("nl", &[Category::One, Category::Other]),
    (
        "pl",
        &[
            Category::One,
            Category::Few,
            Category::Many,
            Category::Other,
        ],
    ),
    (
        "ru",
        &[
            Category::One,
            Category::Few,
            Category::Many,
            Category::Other,
        ],
    ),
    (
        "uk",
        &[
            Category::One,
            Category::Few,
            Category::Many,
            Category::Other,
        ],
    ),
    ("ja", &[Category::Other]),
    ("zh", &[Category::Other]),
    ("zh-Hant", &[Category::Other]),
    ("ko", &[Category::Other]),
    (
        "ar",
        &[
            Category::Zero,
            Category::One,
            Category::Two,
            Category::Few,
            Category::Many,
            Category::Other,
        ],
    ),
    ("he", &[Category::One, Category::Two, Category::Other]),
    ("tr", &[Category::One, Category::Other]),
];

#[test]
fn seventeen_tables_are_shipped_each_once_english_first() {
    assert_eq!(LANGUAGES.len(), 17);
    assert_eq!(LANGUAGES[0].lang, "en");
    for (lang, categories) in CATEGORIES {
        let words: Vec<&&Words> = LANGUAGES.iter().filter(|w| w.lang == *lang).collect();
        assert_eq!(words.len(), 1, "{lang}");
        assert_eq!(
            words[0].plural_categories, *categories,
            "{lang} declares the wrong plural categories"
        );
    }
}

#[test]
fn every_plural_phrase_has_every_form_its_language_selects() {
    for words in LANGUAGES {
        let lang = &words.lang;
        for (name, plural) in plurals(words) {
            for &category in words.plural_categories {
                let form = match category {
                    Category::Zero => plural.zero,
                    Category::One => plural.one,
                    Category::Two => plural.two,
                    Category::Few => plural.few,
                    Category::Many => plural.many,
                    Category::Other => Some(plural.other),
                };
                let form =
                    form.unwrap_or_else(|| panic!("{lang}.{name} lacks its {category:?} form"));
                // Arabic's zero and one and Hebrew's two may spell the number out.
                let spelled = matches!(
                    (*lang, category),
                    ("ar", Category::Zero | Category::One | Category::Two) | ("he", Category::Two)
                );
                assert!(
                    spelled || form.contains("{n}"),
                    "{lang}.{name} {category:?} lacks {{n}}: {form}"
                );
            }
        }
    }
}

#[test]
fn every_template_keeps_its_placeholders_and_no_string_is_empty() {
    for words in LANGUAGES {
        for (name, template, keys) in templates(words) {
            for key in keys {
                assert!(
                    template.contains(key),
                    "{}.{name} lacks {key}: {template}",
                    words.lang
                );
            }
        }
        let strings = [
            words.comments,
            words.open,
            words.close,
            words.no_comments,
            words.loading,
            words.load_failed,
            words.retry,
            words.deleted,
            words.not_found,
            words.blocked,
            words.dead,
            words.missing_parent,
            words.show_content,
            words.hide_content,
            words.sensitive_content,
            words.reply_on_bluesky,
            words.reply_on_mastodon,
            words.discuss_on_hacker_news,
            words.date_unknown,
            words.edited,
            words.error_missing_src,
            words.replying_to_removed,
            words.label_separator,
        ];
        // The example that describe_error replaces with the host's own.
        assert!(
            words
                .error_missing_src
                .contains(crate::error::Host::SCRIPT_EXAMPLE),
            "{}: error_missing_src gives the script tag's example",
            words.lang
        );
        assert!(
            strings.iter().all(|s| !s.trim().is_empty()),
            "{} has an empty string",
            words.lang
        );
    }
}

#[test]
fn right_to_left_languages_are_marked() {
    let rtl: Vec<&str> = LANGUAGES.iter().filter(|w| w.rtl).map(|w| w.lang).collect();
    assert_eq!(rtl, ["ar", "he"]);
}

#[test]
fn plural_form_falls_back_to_other() {
    let p = Plural::one_other("{n} thing", "{n} things");
    assert_eq!(p.form(Category::One), "{n} thing");
    assert_eq!(p.form(Category::Few), "{n} things");
    assert_eq!(Category::from_name("few"), Category::Few);
    assert_eq!(Category::from_name("nonsense"), Category::Other);
}

#[test]
fn fill_replaces_known_placeholders_only() {
    assert_eq!(fill("{n} replies", &[("n", "5")]), "5 replies");
    assert_eq!(
        fill(
            "#{number} by {author}",
            &[("number", "3"), ("author", "Ada {n}")]
        ),
        "#3 by Ada {n}"
    );
    assert_eq!(fill("{ unclosed", &[("n", "1")]), "{ unclosed");
}

#[test]
fn a_missing_data_src_is_explained_with_a_tag_like_the_widgets_own() {
    use crate::error::{Host, LoadError};
    let en = lookup("en").unwrap();
    let said = |words, host| describe_error(words, &LoadError::MissingSrc(host));
    assert_eq!(
        said(en, Host::Element),
        "data-src is missing: set it to the URL of the thread's JSON, as in <div data-kibitz data-src=\"/comments/post.json\">"
    );
    assert!(said(en, Host::Script)
        .ends_with("<script src=\".../kibitz.js\" data-src=\"/comments/post.json\">"));
    assert!(said(en, Host::ThreadElement).ends_with("<kibitz-thread src=\"/comments/post.json\">"));
    assert!(said(en, Host::Badge)
        .ends_with("<span data-kibitz-count data-src=\"/comments/post.json\">"));
    // In every language, as the translations keep the example to the letter.
    for words in LANGUAGES {
        assert!(
            said(words, Host::Element).contains("<div data-kibitz"),
            "{}",
            words.lang
        );
    }
    // The console's English line says the same.
    assert_eq!(
        LoadError::MissingSrc(Host::Element).to_string(),
        said(en, Host::Element)
    );
}

/// A language's table with plain digits and its plural rule left at
/// `other`: enough for phrases whose count is not the point.
struct Plain(&'static Words);

impl Speak for Plain {
    fn words(&self) -> &'static Words {
        self.0
    }

    fn number(&self, n: usize) -> String {
        n.to_string()
    }

    fn category(&self, _: usize) -> Category {
        Category::Other
    }
}

#[test]
fn a_toggle_label_keeps_its_language_brackets() {
    let label = |lang| Plain(lookup(lang).unwrap()).toggle_label(false, 3, Some("Ada"), 2);
    assert_eq!(label("en"), "Expand comment #3 by Ada (2 replies hidden)");
    assert_eq!(
        label("ja"),
        "Adaさんのコメント #3 を展開（2件の返信を非表示中）"
    );
    assert_eq!(label("zh"), "展开 Ada 的评论 #3（已隐藏 2 条回复）");
    // A removed comment's: no author.
    let removed = Plain(lookup("tr").unwrap()).toggle_label(true, 3, None, 2);
    assert_eq!(removed, "#3 yorumunu daralt");
}

#[test]
fn traditional_chinese_goes_by_script_then_region() {
    for (tag, lang) in [
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh-SG", "zh"),
        ("zh-Hans", "zh"),
        ("zh-Hans-TW", "zh"),
        ("zh-Hant", "zh-Hant"),
        ("zh-hant-cn", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh_HK", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
    ] {
        assert_eq!(lookup(tag).map(|w| w.lang), Some(lang), "{tag}");
    }
    assert_eq!(choose(Some("zh-Hant"), &[]).0.lang, "zh-Hant");
    assert_eq!(choose(None, &["zh-TW", "en"]).0.lang, "zh-Hant");
}

#[test]
fn english_errors_read_as_their_display_which_the_console_gives() {
    use crate::error::{Host, LoadError, ThreadError};
    let url = || "https://x.test/c.json".to_string();
    let thread = |source| LoadError::Thread { url: url(), source };
    for error in [
        LoadError::Network {
            url: url(),
            detail: "Failed to fetch".into(),
        },
        LoadError::Status {
            url: url(),
            status: 404,
            status_text: "Not Found".into(),
        },
        LoadError::Status {
            url: url(),
            status: 500,
            status_text: String::new(),
        },
        thread(ThreadError::Syntax {
            line: 3,
            column: 7,
            message: "trailing comma".into(),
        }),
        thread(ThreadError::Shape("expected a `comments` array".into())),
        thread(ThreadError::Service("Post not found".into())),
        LoadError::MissingSrc(Host::Badge),
        LoadError::Config("data-target matches nothing".into()),
    ] {
        assert_eq!(describe_error(ENGLISH, &error), error.to_string());
    }
}
