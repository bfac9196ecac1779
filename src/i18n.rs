//! The widget's own words, one table per language (`src/i18n/<lang>.rs`).
//! Counts take their plural form from the browser's `Intl.PluralRules`
//! category, so Russian, Arabic or Japanese plurals need no rules here.
//! Templates hold `{n}`, `{name}`, `{number}` and `{author}` placeholders,
//! filled by [`fill`]. Adding a language is adding one file: build.rs
//! registers every table in `src/i18n/` in [`LANGUAGES`].

use crate::error::{status_line, LoadError, ThreadError};
use crate::model::{Removed, Service};

// One module per file in src/i18n/, and `LANGUAGES`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// A CLDR plural category, as `Intl.PluralRules.prototype.select` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// "zero"
    Zero,
    /// "one"
    One,
    /// "two"
    Two,
    /// "few"
    Few,
    /// "many"
    Many,
    /// "other"
    Other,
}

impl Category {
    /// Reads a category name; anything unknown is `Other`.
    pub fn from_name(name: &str) -> Self {
        match name {
            "zero" => Self::Zero,
            "one" => Self::One,
            "two" => Self::Two,
            "few" => Self::Few,
            "many" => Self::Many,
            _ => Self::Other,
        }
    }
}

/// A phrase with a number, in each plural form the language has. Forms a
/// language lacks are `None` and fall back to `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plural {
    /// Category "zero" (Arabic, Latvian…).
    pub zero: Option<&'static str>,
    /// Category "one".
    pub one: Option<&'static str>,
    /// Category "two" (Arabic, Hebrew…).
    pub two: Option<&'static str>,
    /// Category "few" (Slavic languages, Arabic…).
    pub few: Option<&'static str>,
    /// Category "many".
    pub many: Option<&'static str>,
    /// Every other count; always present.
    pub other: &'static str,
}

impl Plural {
    /// A phrase whose only forms are "one" and "other".
    pub const fn one_other(one: &'static str, other: &'static str) -> Self {
        Self {
            zero: None,
            one: Some(one),
            two: None,
            few: None,
            many: None,
            other,
        }
    }

    /// A phrase with a single form (Japanese, Chinese, Korean…).
    pub const fn invariant(other: &'static str) -> Self {
        Self {
            zero: None,
            one: None,
            two: None,
            few: None,
            many: None,
            other,
        }
    }

    /// The form for `category`.
    pub fn form(&self, category: Category) -> &'static str {
        let form = match category {
            Category::Zero => self.zero,
            Category::One => self.one,
            Category::Two => self.two,
            Category::Few => self.few,
            Category::Many => self.many,
            Category::Other => None,
        };
        form.unwrap_or(self.other)
    }
}

/// Every word the widget shows or announces, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// BCP 47 language subtag, e.g. "de".
    pub lang: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// The plural categories CLDR gives this language for whole numbers
    /// (what `Intl.PluralRules` can select for a count); the completeness
    /// test checks that every plural phrase has each of them.
    pub plural_categories: &'static [Category],
    /// The heading before the thread has loaded: "Comments".
    pub comments: &'static str,
    /// The heading once loaded: "{n} Comments".
    pub comment_count: Plural,
    /// The count in running text (a count badge: "6 comments"), where it
    /// is written differently from the heading; `None` uses the heading's.
    pub comment_count_in_text: Option<Plural>,
    /// The section toggle while the section is closed.
    pub open: &'static str,
    /// The section toggle while the section is open.
    pub close: &'static str,
    /// An empty thread.
    pub no_comments: &'static str,
    /// Announced while loading.
    pub loading: &'static str,
    /// The lead-in of an error line.
    pub load_failed: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// Placeholder of a deleted comment.
    pub deleted: &'static str,
    /// Placeholder of a post the service no longer has.
    pub not_found: &'static str,
    /// Placeholder of a post the service withholds.
    pub blocked: &'static str,
    /// Placeholder of a comment flagged dead (Hacker News): "[removed]".
    pub dead: &'static str,
    /// A reply whose parent is not in the thread.
    pub missing_parent: &'static str,
    /// A flat reply: "replying to {name}".
    pub replying_to: &'static str,
    /// A collapsed comment: "{n} replies hidden".
    pub replies_hidden: Plural,
    /// The button of a long flat list: "Show {n} more replies".
    pub show_more_replies: Plural,
    /// The button under a page of top-level comments: "Show {n} more comments".
    pub show_more_comments: Plural,
    /// After it, how many are left: "({n} not shown)".
    pub not_shown: &'static str,
    /// Toggle label: "Collapse comment #{number} by {author}".
    pub collapse_comment: &'static str,
    /// Toggle label: "Expand comment #{number} by {author}".
    pub expand_comment: &'static str,
    /// Toggle label of a removed comment, which has no author to name:
    /// "Collapse comment #{number}".
    pub collapse_unnamed: &'static str,
    /// Toggle label of a removed comment: "Expand comment #{number}".
    pub expand_unnamed: &'static str,
    /// A reply to a removed comment: "replying to a removed comment".
    pub replying_to_removed: &'static str,
    /// A note after a label, with its spacing: " ({text})" (Chinese and
    /// Japanese: full-width brackets, no space).
    pub parenthesized: &'static str,
    /// Between the error line's lead-in and its reason: ": " (French: a
    /// no-break space before the colon; Chinese and Japanese: full width).
    pub label_separator: &'static str,
    /// Reveals a comment behind its content warning.
    pub show_content: &'static str,
    /// Hides it again.
    pub hide_content: &'static str,
    /// A post marked sensitive without a warning text.
    pub sensitive_content: &'static str,
    /// The join link of a Bluesky thread.
    pub reply_on_bluesky: &'static str,
    /// The join link of a Mastodon thread.
    pub reply_on_mastodon: &'static str,
    /// The join link of a Hacker News thread.
    pub discuss_on_hacker_news: &'static str,
    /// A comment with no readable date.
    pub date_unknown: &'static str,
    /// Marks an edited comment.
    pub edited: &'static str,
    /// The accessible name of a comment's "#3", a link to it:
    /// "Link to comment #{number}".
    pub link_to_comment: &'static str,
    /// Shown beside it once its address is on the clipboard.
    pub link_copied: &'static str,
    /// The label of the order control: "Sort by".
    pub sort_by: &'static str,
    /// Order: oldest top-level comments first.
    pub sort_oldest: &'static str,
    /// Order: newest first.
    pub sort_newest: &'static str,
    /// Order: highest score first.
    pub sort_top: &'static str,
    /// Closes every top-level comment.
    pub collapse_all: &'static str,
    /// Opens every comment.
    pub expand_all: &'static str,
    /// No answer: "could not reach {url} ({detail})".
    pub error_network: &'static str,
    /// An error status: "{url} answered HTTP {status}".
    pub error_status: &'static str,
    /// Not JSON: "{url}: invalid JSON at line {line}, column {column}: {detail}".
    pub error_json: &'static str,
    /// JSON, but not a thread: "{url}: not a comment thread: {detail}".
    pub error_not_thread: &'static str,
    /// The service's own error: "{url}: the service answered with an error: {detail}".
    pub error_service: &'static str,
    /// No `data-src`: "data-src is missing: …".
    pub error_missing_src: &'static str,
}

/// English, the fallback.
pub const ENGLISH: &Words = &en::WORDS;

/// The table for a BCP 47 tag ("pt-BR" → Portuguese), by its language
/// subtag, and for Chinese by its script: Traditional for `zh-Hant` and
/// for Taiwan, Hong Kong and Macau unless `Hans` says otherwise
/// (`zh-TW`, `zh-Hant-HK`), else Simplified; `None` when kibitz has no
/// table for it.
///
/// ```
/// use kibitz::i18n::lookup;
/// assert_eq!(lookup("de-AT").map(|w| w.lang), Some("de"));
/// assert_eq!(lookup("IW").map(|w| w.lang), Some("he"));
/// assert_eq!(lookup("zh-TW").map(|w| w.lang), Some("zh-Hant"));
/// assert_eq!(lookup("zh-Hans-HK").map(|w| w.lang), Some("zh"));
/// assert_eq!(lookup("zh-CN").map(|w| w.lang), Some("zh"));
/// assert!(lookup("xx").is_none());
/// ```
pub fn lookup(tag: &str) -> Option<&'static Words> {
    let tag = tag.to_ascii_lowercase();
    let mut subtags = tag.split(['-', '_']);
    let wanted = match subtags.next()? {
        // The deprecated code for Hebrew that some browsers still report.
        "iw" => "he",
        "zh" => {
            let rest: Vec<&str> = subtags.collect();
            let traditional = rest.contains(&"hant")
                || (!rest.contains(&"hans")
                    && rest.iter().any(|s| matches!(*s, "tw" | "hk" | "mo")));
            if traditional {
                "zh-Hant"
            } else {
                "zh"
            }
        }
        primary => primary,
    };
    LANGUAGES
        .iter()
        .copied()
        .find(|w| w.lang.eq_ignore_ascii_case(wanted))
}

/// The words for a widget: `data-lang` if kibitz speaks it, else the first
/// of `preferred` (the locale, then the browser's languages) that it does,
/// else English. Returns a warning when `data-lang` names a language kibitz
/// has no table for.
///
/// ```
/// use kibitz::i18n::choose;
/// assert_eq!(choose(Some("ja"), &["de"]).0.lang, "ja");
/// assert_eq!(choose(None, &["xx", "fr-CA"]).0.lang, "fr");
/// let (words, warning) = choose(Some("tlh"), &[]);
/// assert_eq!((words.lang, warning.is_some()), ("en", true));
/// ```
pub fn choose(lang: Option<&str>, preferred: &[&str]) -> (&'static Words, Option<String>) {
    let mut warning = None;
    if let Some(lang) = lang {
        match lookup(lang) {
            Some(words) => return (words, None),
            None => {
                let known: Vec<&str> = LANGUAGES.iter().map(|w| w.lang).collect();
                warning = Some(format!(
                    "data-lang=\"{lang}\": kibitz has no words in this language (it has {}); using the page's language",
                    known.join(", ")
                ));
            }
        }
    }
    let words = preferred
        .iter()
        .find_map(|tag| lookup(tag))
        .unwrap_or(ENGLISH);
    (words, warning)
}

/// A load error in the reader's language. Technical details (the URL, the
/// JSON parser's words, the server's status text) stay as they came.
///
/// ```
/// use kibitz::error::LoadError;
/// let error = LoadError::Network { url: "https://x.test/t.json".into(), detail: "Failed to fetch".into() };
/// let de = kibitz::i18n::lookup("de").unwrap();
/// assert!(kibitz::i18n::describe_error(de, &error).contains("https://x.test/t.json"));
/// assert_eq!(kibitz::i18n::describe_error(kibitz::i18n::ENGLISH, &error), error.to_string());
/// ```
pub fn describe_error(words: &Words, error: &LoadError) -> String {
    match error {
        LoadError::Network { url, detail } => {
            fill(words.error_network, &[("url", url), ("detail", detail)])
        }
        LoadError::Status {
            url,
            status,
            status_text,
        } => fill(
            words.error_status,
            &[("url", url), ("status", &status_line(*status, status_text))],
        ),
        LoadError::Thread { url, source } => match source {
            ThreadError::Syntax {
                line,
                column,
                message,
            } => fill(
                words.error_json,
                &[
                    ("url", url),
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                    ("detail", message),
                ],
            ),
            ThreadError::Shape(detail) => {
                fill(words.error_not_thread, &[("url", url), ("detail", detail)])
            }
            ThreadError::Service(detail) => {
                fill(words.error_service, &[("url", url), ("detail", detail)])
            }
        },
        // Every translation gives the script tag's example: the host's
        // own kind of tag replaces it.
        LoadError::MissingSrc(host) => words
            .error_missing_src
            .replace(crate::error::Host::SCRIPT_EXAMPLE, host.example()),
        LoadError::Config(message) => message.clone(),
    }
}

/// The widget's phrases in one language. Implementors supply the table,
/// the digits and the plural rule (the browser's `Intl` in the widget, a
/// fixed rule in tests); the phrases themselves are built here.
pub trait Speak {
    /// The language's table.
    fn words(&self) -> &'static Words;

    /// `n` in the language's digits and grouping ("1,234", "١٬٢٣٤").
    fn number(&self, n: usize) -> String;

    /// The CLDR plural category of `n`.
    fn category(&self, n: usize) -> Category;

    /// The form of `phrase` for `n`, filled.
    fn count(&self, phrase: &Plural, n: usize) -> String {
        // An explicit zero form wins for 0 even where CLDR files 0 under
        // "one" (Portuguese: "0 comentários", not "0 comentário").
        let form = match (n, phrase.zero) {
            (0, Some(zero)) => zero,
            _ => phrase.form(self.category(n)),
        };
        fill(form, &[("n", &self.number(n))])
    }

    /// "6 Comments"; "60+ Comments" for a count the service `capped`, so
    /// that there may be more.
    fn comment_count(&self, n: usize, capped: bool) -> String {
        self.counted(&self.words().comment_count, n, capped)
    }

    /// "6 comments", for a count badge; "60+ comments" for a capped count.
    fn comment_count_in_text(&self, n: usize, capped: bool) -> String {
        let words = self.words();
        self.counted(
            words
                .comment_count_in_text
                .as_ref()
                .unwrap_or(&words.comment_count),
            n,
            capped,
        )
    }

    /// `phrase` for `n`, or for "n+" when `capped` (in the form for `n`).
    fn counted(&self, phrase: &Plural, n: usize, capped: bool) -> String {
        if capped {
            fill(
                phrase.form(self.category(n)),
                &[("n", &(self.number(n) + "+"))],
            )
        } else {
            self.count(phrase, n)
        }
    }

    /// "5 replies hidden".
    fn replies_hidden(&self, n: u32) -> String {
        self.count(&self.words().replies_hidden, n as usize)
    }

    /// "Show 50 more replies (99,944 not shown)"; the rest is left out when
    /// the button shows them all. `phrase` is the replies' or the comments'.
    fn show_more(&self, phrase: &Plural, n: usize, remaining: usize) -> String {
        let mut more = self.count(phrase, n);
        if remaining > n {
            let rest = fill(self.words().not_shown, &[("n", &self.number(remaining))]);
            // Full-width brackets (Chinese, Japanese) carry their own spacing.
            if !rest.starts_with('（') {
                more.push(' ');
            }
            more.push_str(&rest);
        }
        more
    }

    /// "replying to Ada".
    fn replying_to(&self, name: &str) -> String {
        fill(self.words().replying_to, &[("name", name)])
    }

    /// The accessible name of a comment's toggle, saying what it hides;
    /// without an author, that of a removed comment.
    fn toggle_label(&self, open: bool, number: u32, author: Option<&str>, hidden: u32) -> String {
        let words = self.words();
        let template = match (open, author) {
            (true, Some(_)) => words.collapse_comment,
            (false, Some(_)) => words.expand_comment,
            (true, None) => words.collapse_unnamed,
            (false, None) => words.expand_unnamed,
        };
        let mut label = fill(
            template,
            &[
                ("number", &self.number(number as usize)),
                ("author", author.unwrap_or_default()),
            ],
        );
        if !open && hidden > 0 {
            label.push_str(&fill(
                words.parenthesized,
                &[("text", &self.replies_hidden(hidden))],
            ));
        }
        label
    }

    /// The placeholder of a removed comment.
    fn removed(&self, why: Removed) -> &'static str {
        let words = self.words();
        match why {
            Removed::Deleted => words.deleted,
            Removed::NotFound => words.not_found,
            Removed::Blocked => words.blocked,
            Removed::Dead => words.dead,
        }
    }

    /// The link to where a service thread happens.
    fn join(&self, service: Service) -> &'static str {
        let words = self.words();
        match service {
            Service::Bluesky => words.reply_on_bluesky,
            Service::Mastodon => words.reply_on_mastodon,
            Service::HackerNews => words.discuss_on_hacker_news,
        }
    }
}

/// Fills `{key}` placeholders; unknown ones stay as written.
///
/// ```
/// assert_eq!(kibitz::i18n::fill("{n} of {m}", &[("n", "1")]), "1 of {m}");
/// ```
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((key, close)) if values.iter().any(|(k, _)| *k == key) => {
                let value = values
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or("", |(_, v)| *v);
                out.push_str(value);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
