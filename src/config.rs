//! Turns the `data-*` attributes of a kibitz tag into a [`Config`]. Input is
//! plain (name, value) pairs, so this never reads the document; every
//! default lives in `Config::default`. A bad value is never fatal: it is
//! reported as a [`ConfigWarning`] naming the attribute and the value used
//! instead.

use std::fmt;

use crate::formats::SourceFormat;
use crate::sources::{self, ServiceSource};
use crate::time_style::{parse_time_style, TimeStyle};

/// Colour scheme of the widget.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's `prefers-color-scheme`.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The value written to the root's `data-theme`, which style.css reads.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

/// When a widget fetches its thread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Loading {
    /// When the widget comes within a viewport of being seen: a reader who
    /// never scrolls to the comments never downloads them.
    #[default]
    Lazy,
    /// As soon as the script runs.
    Eager,
}

/// The order of top-level comments. Replies always read oldest first, and
/// numbers (#1, #2 …) stay chronological whatever the order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Oldest first, as the conversation went.
    #[default]
    Oldest,
    /// Newest first.
    Newest,
    /// Highest score first, then oldest.
    Top,
}

impl SortOrder {
    /// Every order, as the reader's control lists them.
    pub const ALL: [Self; 3] = [Self::Oldest, Self::Newest, Self::Top];

    /// The attribute value: `oldest`, `newest`, `top`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Oldest => "oldest",
            Self::Newest => "newest",
            Self::Top => "top",
        }
    }

    /// Reads an attribute value, in any letter case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|order| name.eq_ignore_ascii_case(order.as_str()))
    }
}

/// Top-level threads shown before "Show more comments", unless
/// `data-page-size` says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 30;

/// Largest accepted `data-max-depth`: deeper nesting helps no reader, and the
/// renderer's own nesting is bounded by it.
pub const MAX_VISUAL_DEPTH: u32 = 16;

/// Everything a site owner can set on one widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `data-src`: URL of the thread document. `None` is shown as an error.
    pub src: Option<String>,
    /// `data-target`: CSS selector of the element to render into.
    pub target: Option<String>,
    /// `data-locale`: BCP 47 tag for dates; default the page's language.
    pub locale: Option<String>,
    /// `data-lang`: language of the widget's own words; default the locale.
    pub lang: Option<String>,
    /// `data-timezone`: IANA zone for dates; default the reader's.
    pub timezone: Option<String>,
    /// `data-time-style`: auto, relative, absolute or a pattern.
    pub time_style: TimeStyle,
    /// `data-theme`.
    pub theme: Theme,
    /// `data-collapsed`: the section starts closed.
    pub collapsed: bool,
    /// `data-collapse-depth`: comments deeper than this start collapsed.
    pub collapse_depth: Option<u32>,
    /// `data-max-depth`: replies deeper than this stop indenting.
    pub max_depth: u32,
    /// `data-format`: how to read the thread document.
    pub format: SourceFormat,
    /// `data-bluesky`, `data-mastodon` or `data-hn`, resolved.
    pub service: Option<ServiceSource>,
    /// `data-avatars`: show authors' pictures.
    pub avatars: bool,
    /// `data-loading`: when to fetch the thread.
    pub loading: Loading,
    /// `data-page-size`: top-level threads per page; `None` shows them all.
    pub page_size: Option<usize>,
    /// `data-heading-level`: the section heading's level, 1 to 6, so that
    /// it fits the host page's outline.
    pub heading_level: u8,
    /// `data-sort`: the order of top-level comments, until the reader picks one.
    pub sort: SortOrder,
    /// `data-remember`: keep the reader's collapse choices and order in
    /// `localStorage`, per thread.
    pub remember: bool,
    /// `data-isolate="shadow"`: render inside a shadow root, out of reach
    /// of the host page's CSS.
    pub shadow: bool,
    /// Not an attribute: the language of the page around the widget, which
    /// comments are taken to be in when their source does not say.
    pub context_lang: Option<String>,
    /// Not an attribute: the kind of element the widget is on.
    pub host: crate::error::Host,
    /// Why a service shortcut could not be used (`data-mastodon="…": …`):
    /// shown in place of "data-src is missing" when nothing else names the
    /// thread, since the owner named it that way.
    pub shortcut_problem: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            src: None,
            target: None,
            locale: None,
            lang: None,
            timezone: None,
            time_style: TimeStyle::Auto,
            theme: Theme::Auto,
            collapsed: false,
            collapse_depth: None,
            max_depth: 6,
            format: SourceFormat::Auto,
            service: None,
            avatars: true,
            loading: Loading::Lazy,
            page_size: Some(DEFAULT_PAGE_SIZE),
            heading_level: 2,
            sort: SortOrder::Oldest,
            remember: true,
            shadow: false,
            context_lang: None,
            host: crate::error::Host::Script,
            shortcut_problem: None,
        }
    }
}

/// Every attribute kibitz reads, for README and for "did you mean" notes.
pub const ATTRIBUTES: &[&str] = &[
    "data-src",
    "data-target",
    "data-locale",
    "data-lang",
    "data-timezone",
    "data-time-style",
    "data-theme",
    "data-collapsed",
    "data-collapse-depth",
    "data-max-depth",
    "data-format",
    "data-bluesky",
    "data-mastodon",
    "data-hn",
    "data-avatars",
    "data-loading",
    "data-page-size",
    "data-heading-level",
    "data-sort",
    "data-remember",
    "data-isolate",
];

/// Attributes that mark a kibitz tag but configure nothing.
const MARKERS: &[&str] = &["data-kibitz", "data-kibitz-count", "data-api"];

/// How many CSS pixels of a widget's width each level of nested replies
/// may take, with text 16 pixels tall ([`TEXT_PIXELS`]): every level
/// indents by its thread line, gap and indentation (about 19 px on a
/// phone, 50 on a wide screen), and what is left must still hold a
/// readable column of text.
pub const PIXELS_PER_LEVEL: u32 = 64;

/// The text size [`fit_max_depth`] counts widths at: a widget 360 pixels
/// wide with text twice that size is as wide as one of 180 at this size.
pub const TEXT_PIXELS: f64 = 16.0;

/// The narrowest widget the default nesting fits: a phone 320 pixels wide,
/// less the page's margins.
const DEFAULT_DEPTH_WIDTH: u32 = 240;

/// The nesting a widget `width` CSS pixels wide shows, counted at 16-pixel
/// text ([`TEXT_PIXELS`]): `max_depth`, but no more than one level per
/// [`PIXELS_PER_LEVEL`] of its width, nor fewer than the default where it
/// fits (240 pixels: a phone 320 pixels wide, less the page's margins);
/// narrower, as many of the default's levels as its share of those 240
/// pixels, and at least one. Past it,
/// replies are one flat list, each saying whom it answers, instead of a
/// column one letter wide.
///
/// ```
/// use kibitz::config::fit_max_depth;
/// assert_eq!(fit_max_depth(16, 1024), 16);
/// assert_eq!(fit_max_depth(16, 700), 10);
/// assert_eq!(fit_max_depth(16, 320), 6);
/// assert_eq!(fit_max_depth(3, 320), 3);
/// assert_eq!(fit_max_depth(6, 240), 6);
/// // A phone 360 pixels wide with text at twice the size.
/// assert_eq!(fit_max_depth(6, 140), 3);
/// assert_eq!(fit_max_depth(6, 40), 1);
/// ```
pub fn fit_max_depth(max_depth: u32, width: u32) -> u32 {
    let default = Config::default().max_depth;
    let fits = if width >= DEFAULT_DEPTH_WIDTH {
        (width / PIXELS_PER_LEVEL).max(default)
    } else {
        (width * default / DEFAULT_DEPTH_WIDTH).max(1)
    };
    max_depth.min(fits)
}

/// An attribute whose value could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The attribute, e.g. `data-theme`.
    pub attribute: String,
    /// What was written.
    pub value: String,
    /// What is wrong and what is used instead.
    pub problem: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}=\"{}\": {}", self.attribute, self.value, self.problem)
    }
}

/// Reads a widget's configuration from its attributes. Names are matched
/// case-insensitively; attributes that are not `data-*` are ignored.
///
/// ```
/// use kibitz::config::{parse_config, Theme};
/// let (config, warnings) = parse_config([("data-src", "/c.json"), ("data-theme", "dusk")]);
/// assert_eq!(config.src.as_deref(), Some("/c.json"));
/// assert_eq!(config.theme, Theme::Auto);
/// assert_eq!(warnings[0].attribute, "data-theme");
/// ```
pub fn parse_config<'a, I>(attributes: I) -> (Config, Vec<ConfigWarning>)
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut config = Config::default();
    let mut warnings = Vec::new();
    for (name, value) in attributes {
        let name = name.to_ascii_lowercase();
        if !name.starts_with("data-") || MARKERS.contains(&name.as_str()) {
            continue;
        }
        let mut warn = |problem: String| {
            warnings.push(ConfigWarning {
                attribute: name.clone(),
                value: value.to_string(),
                problem,
            })
        };
        let trimmed = value.trim();
        match name.as_str() {
            "data-src" => config.src = non_empty(trimmed),
            "data-target" => config.target = non_empty(trimmed),
            "data-locale" => config.locale = non_empty(trimmed),
            "data-lang" => config.lang = non_empty(trimmed),
            "data-timezone" => config.timezone = non_empty(trimmed),
            "data-time-style" => match parse_time_style(value) {
                Ok(style) => config.time_style = style,
                Err(error) => warn(format!("{}; using auto", error.problem_at())),
            },
            "data-theme" => match trimmed.to_ascii_lowercase().as_str() {
                "auto" | "" => config.theme = Theme::Auto,
                "light" => config.theme = Theme::Light,
                "dark" => config.theme = Theme::Dark,
                _ => warn("expected auto, light or dark; using auto".into()),
            },
            "data-collapsed" => match parse_flag(trimmed) {
                Some(flag) => config.collapsed = flag,
                None => warn("expected true or false (or no value); using false".into()),
            },
            "data-collapse-depth" => match trimmed.parse::<u32>() {
                Ok(depth) => config.collapse_depth = Some(depth),
                Err(_) if trimmed.eq_ignore_ascii_case("none") => config.collapse_depth = None,
                Err(_) => warn(
                    "expected a whole number of levels, or none; nothing starts collapsed".into(),
                ),
            },
            "data-max-depth" => match trimmed.parse::<u32>() {
                Ok(depth @ 1..=MAX_VISUAL_DEPTH) => config.max_depth = depth,
                Ok(depth) if depth > MAX_VISUAL_DEPTH => {
                    config.max_depth = MAX_VISUAL_DEPTH;
                    warn(format!(
                        "at most {MAX_VISUAL_DEPTH}; using {MAX_VISUAL_DEPTH}"
                    ))
                }
                _ => warn(format!(
                    "expected a whole number from 1 to {MAX_VISUAL_DEPTH}; using {}",
                    Config::default().max_depth
                )),
            },
            "data-format" => match trimmed.to_ascii_lowercase().as_str() {
                "auto" | "" => config.format = SourceFormat::Auto,
                "kibitz" => config.format = SourceFormat::Kibitz,
                "bluesky" => config.format = SourceFormat::Bluesky,
                "mastodon" => config.format = SourceFormat::Mastodon,
                "hn" => config.format = SourceFormat::HackerNews,
                _ => warn("expected auto, kibitz, bluesky, mastodon or hn; using auto".into()),
            },
            "data-bluesky" | "data-mastodon" | "data-hn" => {
                let resolved = match name.as_str() {
                    "data-bluesky" => sources::bluesky(trimmed),
                    "data-mastodon" => sources::mastodon(trimmed),
                    _ => sources::hacker_news(trimmed),
                };
                match (resolved, &config.service) {
                    (Ok(_), Some(_)) => warn(
                        "only one of data-bluesky, data-mastodon and data-hn is used; ignored"
                            .into(),
                    ),
                    (Ok(source), None) => config.service = Some(source),
                    (Err(problem), _) => {
                        config
                            .shortcut_problem
                            .get_or_insert_with(|| format!("{name}=\"{value}\": {problem}"));
                        warn(format!("{problem}; ignored"));
                    }
                }
            }
            "data-avatars" => match trimmed.to_ascii_lowercase().as_str() {
                "" | "on" | "true" => config.avatars = true,
                "off" | "false" => config.avatars = false,
                _ => warn("expected on or off; using on".into()),
            },
            "data-loading" => match trimmed.to_ascii_lowercase().as_str() {
                "lazy" | "" => config.loading = Loading::Lazy,
                "eager" => config.loading = Loading::Eager,
                _ => warn("expected lazy or eager; using lazy".into()),
            },
            // Every number is read as a u32: each integer type parsed is
            // its own code in the download.
            "data-heading-level" => match trimmed.parse::<u32>() {
                Ok(level @ 1..=6) => config.heading_level = level as u8,
                _ => warn("expected a heading level from 1 to 6; using 2".into()),
            },
            "data-sort" => match SortOrder::from_name(trimmed) {
                Some(order) => config.sort = order,
                None if trimmed.is_empty() => config.sort = SortOrder::Oldest,
                None => warn("expected oldest, newest or top; using oldest".into()),
            },
            "data-remember" => match trimmed.to_ascii_lowercase().as_str() {
                "" | "on" | "true" => config.remember = true,
                "off" | "false" => config.remember = false,
                _ => warn("expected on or off; using on".into()),
            },
            "data-isolate" => match trimmed.to_ascii_lowercase().as_str() {
                "" | "none" => config.shadow = false,
                "shadow" => config.shadow = true,
                _ => warn("expected shadow or none; using none".into()),
            },
            "data-page-size" => match trimmed.parse::<u32>() {
                Ok(size @ 1..) => config.page_size = Some(size as usize),
                // More than any thread holds: every comment.
                Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
                    config.page_size = None;
                }
                _ if trimmed.eq_ignore_ascii_case("all") => config.page_size = None,
                _ => warn(format!(
                    "expected a whole number of comments from 1, or all; using {DEFAULT_PAGE_SIZE}"
                )),
            },
            _ => warn(format!(
                "not a kibitz attribute, ignored (kibitz reads {})",
                ATTRIBUTES.join(", ")
            )),
        }
    }
    // A service shortcut names the thread unless data-src does; data-format
    // set by hand still wins.
    if let Some(service) = &config.service {
        if config.src.is_none() {
            config.src = Some(service.api.clone());
        }
        if config.format == SourceFormat::Auto {
            config.format = service.format;
        }
    }
    (config, warnings)
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

fn parse_flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "" | "true" | "yes" | "on" | "data-collapsed" => Some(true),
        "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (Config, Vec<ConfigWarning>) {
        parse_config(pairs.iter().copied())
    }

    macro_rules! accepts {
        ($($name:ident: [$($pair:expr),*] => |$c:ident| $check:expr;)*) => {$(
            #[test]
            fn $name() {
                let ($c, warnings) = parse(&[$($pair),*]);
                assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
                assert!($check, "config was {:?}", $c);
            }
        )*};
    }

    macro_rules! warns {
        ($($name:ident: [$($pair:expr),*] => $attr:expr, |$c:ident| $check:expr;)*) => {$(
            #[test]
            fn $name() {
                let ($c, warnings) = parse(&[$($pair),*]);
                assert_eq!(warnings.len(), 1, "{warnings:?}");
                assert_eq!(warnings[0].attribute, $attr);
                assert!($check, "config was {:?}", $c);
            }
        )*};
    }

    accepts! {
        defaults_without_attributes: [] => |c| c == Config::default();
        src_is_trimmed: [("data-src", "  /c.json ")] => |c| c.src.as_deref() == Some("/c.json");
        empty_src_is_missing: [("data-src", "")] => |c| c.src.is_none();
        names_are_case_insensitive: [("DATA-SRC", "/c.json")] => |c| c.src.is_some();
        theme_dark: [("data-theme", "Dark")] => |c| c.theme == Theme::Dark;
        theme_light: [("data-theme", "light")] => |c| c.theme == Theme::Light;
        collapsed_bare: [("data-collapsed", "")] => |c| c.collapsed;
        collapsed_false: [("data-collapsed", "false")] => |c| !c.collapsed;
        collapse_depth: [("data-collapse-depth", "2")] => |c| c.collapse_depth == Some(2);
        collapse_depth_zero: [("data-collapse-depth", "0")] => |c| c.collapse_depth == Some(0);
        max_depth: [("data-max-depth", "3")] => |c| c.max_depth == 3;
        target_and_zone: [("data-target", "#c"), ("data-timezone", "Asia/Kolkata")]
            => |c| c.target.as_deref() == Some("#c") && c.timezone.as_deref() == Some("Asia/Kolkata");
        format_named: [("data-format", "Mastodon")] => |c| c.format == SourceFormat::Mastodon;
        avatars_off: [("data-avatars", "off")] => |c| !c.avatars;
        loading_eager: [("data-loading", "Eager")] => |c| c.loading == Loading::Eager;
        page_size_number: [("data-page-size", " 5 ")] => |c| c.page_size == Some(5);
        page_size_all: [("data-page-size", "ALL")] => |c| c.page_size.is_none();
        page_size_past_any_thread: [("data-page-size", "99999999999999999999")] => |c| c.page_size.is_none();
        heading_level: [("data-heading-level", " 3 ")] => |c| c.heading_level == 3;
        sort_newest: [("data-sort", "Newest")] => |c| c.sort == SortOrder::Newest;
        sort_top: [("data-sort", " top ")] => |c| c.sort == SortOrder::Top;
        remember_off: [("data-remember", "off")] => |c| !c.remember;
        isolate_shadow: [("data-isolate", "Shadow")] => |c| c.shadow;
        time_style_relative: [("data-time-style", "relative")] => |c| c.time_style == TimeStyle::Relative;
        time_style_pattern: [("data-time-style", "%B %-d, %Y @ %-I:%M %P")] => |c| matches!(c.time_style, TimeStyle::Pattern(_));
        hn_shortcut_sets_src_format_and_join: [("data-hn", "8863")] => |c| {
            c.src.as_deref() == Some("https://hn.algolia.com/api/v1/items/8863")
                && c.format == SourceFormat::HackerNews
                && c.service.as_ref().is_some_and(|s| s.join.url == "https://news.ycombinator.com/item?id=8863")
        };
        data_src_wins_over_shortcut: [("data-src", "/cached.json"), ("data-bluesky", "at://a.test/app.bsky.feed.post/1")]
            => |c| c.src.as_deref() == Some("/cached.json") && c.format == SourceFormat::Bluesky && c.service.is_some();
        marker_and_foreign_attributes_ignored: [("data-kibitz", ""), ("src", "/kibitz.js"), ("async", "")]
            => |c| c == Config::default();
    }

    warns! {
        unknown_theme_falls_back: [("data-theme", "dusk")] => "data-theme", |c| c.theme == Theme::Auto;
        bad_flag_falls_back: [("data-collapsed", "maybe")] => "data-collapsed", |c| !c.collapsed;
        negative_collapse_depth: [("data-collapse-depth", "-1")] => "data-collapse-depth", |c| c.collapse_depth.is_none();
        max_depth_zero: [("data-max-depth", "0")] => "data-max-depth", |c| c.max_depth == 6;
        max_depth_words: [("data-max-depth", "deep")] => "data-max-depth", |c| c.max_depth == 6;
        max_depth_clamped: [("data-max-depth", "500")] => "data-max-depth", |c| c.max_depth == MAX_VISUAL_DEPTH;
        misspelt_attribute: [("data-thme", "dark")] => "data-thme", |c| c.theme == Theme::Auto;
        unknown_format: [("data-format", "reddit")] => "data-format", |c| c.format == SourceFormat::Auto;
        bad_bluesky_address: [("data-bluesky", "https://evil.test/x")] => "data-bluesky",
            |c| c.src.is_none()
                && c.shortcut_problem.as_deref().is_some_and(|p| p.starts_with("data-bluesky=\"https://evil.test/x\": expected"));
        two_services: [("data-hn", "1"), ("data-mastodon", "https://m.test/@a/2")] => "data-mastodon",
            |c| c.src.as_deref() == Some("https://hn.algolia.com/api/v1/items/1");
        bad_loading: [("data-loading", "later")] => "data-loading", |c| c.loading == Loading::Lazy;
        zero_page_size: [("data-page-size", "0")] => "data-page-size", |c| c.page_size == Some(DEFAULT_PAGE_SIZE);
        bad_page_size: [("data-page-size", "many")] => "data-page-size", |c| c.page_size == Some(DEFAULT_PAGE_SIZE);
        heading_level_zero: [("data-heading-level", "0")] => "data-heading-level", |c| c.heading_level == 2;
        heading_level_seven: [("data-heading-level", "7")] => "data-heading-level", |c| c.heading_level == 2;
        heading_level_word: [("data-heading-level", "h3")] => "data-heading-level", |c| c.heading_level == 2;
        bad_avatars: [("data-avatars", "maybe")] => "data-avatars", |c| c.avatars;
        bad_sort: [("data-sort", "best")] => "data-sort", |c| c.sort == SortOrder::Oldest;
        bad_remember: [("data-remember", "forever")] => "data-remember", |c| c.remember;
        bad_isolate: [("data-isolate", "iframe")] => "data-isolate", |c| !c.shadow;
        bad_time_pattern: [("data-time-style", "%Y-%Q")] => "data-time-style", |c| c.time_style == TimeStyle::Auto;
    }

    #[test]
    fn readme_documents_every_attribute() {
        let readme = include_str!("../README.md");
        for attribute in ATTRIBUTES {
            assert!(
                readme.contains(&format!("| `{attribute}` |")),
                "README's attribute table lacks {attribute}"
            );
        }
    }

    #[test]
    fn warning_names_attribute_value_and_fallback() {
        let (_, warnings) = parse(&[("data-theme", "dusk")]);
        assert_eq!(
            warnings[0].to_string(),
            "data-theme=\"dusk\": expected auto, light or dark; using auto"
        );
    }
}
