//! The security corpus (`tests/fixtures/hostile.json`) run through every
//! renderer of `kibitz::sanitize`, with each output checked by a small,
//! strict HTML checker written here, independently of the sanitiser: it
//! tokenises the markup, allows only the body allowlist, and decodes
//! attribute values as a browser would before judging URLs.
//!
//! Every failing corpus entry is reported by id, category, renderer, input
//! and output; a test fails if any entry does.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use kibitz::model::{BodyFormat, Emoji, TextLink};
use kibitz::sanitize::{
    html_to_safe, markdown_to_html, render_body, rich_text_to_html, safe_avatar, safe_href,
    text_to_html,
};
use serde::Deserialize;

mod common;
use common::{panic_message, Rng};

/// One hostile input of the corpus.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    category: String,
    input: String,
    note: String,
}

/// A URL check under test, such as `safe_href`.
type UrlCheck = fn(&str) -> Option<String>;

fn corpus() -> Vec<Entry> {
    serde_json::from_str(include_str!("fixtures/hostile.json"))
        .expect("tests/fixtures/hostile.json is a JSON array of {id, category, input, note}")
}

// ---------------------------------------------------------------------------
// The checker
// ---------------------------------------------------------------------------

/// Elements a comment body may contain.
const BODY_ELEMENTS: &[&str] = &[
    "p",
    "br",
    "a",
    "em",
    "strong",
    "i",
    "b",
    "u",
    "s",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "span",
];

/// Attributes of the custom-emoji picture that `render_body` makes.
const EMOJI_ATTRIBUTES: &[&str] = &["class", "src", "alt", "title", "width", "height", "loading"];

/// What every comment link's `rel` starts with (" noreferrer" may follow).
const REL_PREFIX: &str = "nofollow ugc noopener";

/// Whether the markup may contain the custom-emoji `<img>`.
#[derive(Clone, Copy, PartialEq)]
enum Images {
    /// Only `render_body` with an emoji list makes pictures.
    Forbidden,
    /// `<img class="kibitz-emoji">` with an https `src`.
    EmojiOnly,
}

struct Tag<'a> {
    name: &'a str,
    end: bool,
    attributes: Vec<(&'a str, &'a str)>,
}

/// Every way `html` breaks the allowlist contract (empty when it keeps it).
fn check_markup(html: &str, images: Images) -> Vec<String> {
    let mut problems = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let rest = &html[at..];
        let Some(next) = rest.find(['<', '>', '&']) else {
            break;
        };
        at += next;
        let rest = &html[at..];
        match rest.as_bytes()[0] {
            b'>' => {
                problems.push(format!("raw `>` in text at byte {at}"));
                at += 1;
            }
            b'&' => match reference(rest) {
                Ok((_, used)) => at += used,
                Err(why) => {
                    problems.push(format!("{why} in text at byte {at}"));
                    at += 1;
                }
            },
            _ => match read_tag(rest) {
                Ok((tag, used)) => {
                    check_tag(&tag, images, &mut problems);
                    at += used;
                }
                Err(why) => {
                    problems.push(format!(
                        "raw `<` in text at byte {at} ({why}): {}",
                        excerpt(rest, 60)
                    ));
                    at += 1;
                }
            },
        }
    }
    problems
}

/// Reads `<name attr="value" ...>` or `</name>` in the canonical form the
/// renderers write: lower-case names, double-quoted values, one space
/// before each attribute. Anything else is not a tag this checker trusts.
fn read_tag(text: &str) -> Result<(Tag<'_>, usize), String> {
    let bytes = text.as_bytes();
    let end = bytes.get(1) == Some(&b'/');
    let mut i = if end { 2 } else { 1 };
    let name_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
        i += 1;
    }
    if i == name_start {
        return Err("no tag name".into());
    }
    let name = &text[name_start..i];
    let mut attributes = Vec::new();
    loop {
        match bytes.get(i) {
            Some(b'>') => {
                return Ok((
                    Tag {
                        name,
                        end,
                        attributes,
                    },
                    i + 1,
                ))
            }
            Some(b' ') if !end => {
                i += 1;
                let attr_start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| b.is_ascii_lowercase() || *b == b'-')
                {
                    i += 1;
                }
                if i == attr_start {
                    return Err(format!("unexpected byte after the space in <{name}>"));
                }
                let attr = &text[attr_start..i];
                if !text[i..].starts_with("=\"") {
                    return Err(format!("attribute `{attr}` of <{name}> is not `=\"…\"`"));
                }
                i += 2;
                let Some(close) = text[i..].find('"') else {
                    return Err(format!("attribute `{attr}` of <{name}> is never closed"));
                };
                attributes.push((attr, &text[i..i + close]));
                i += close + 1;
            }
            _ => return Err(format!("malformed <{}{name}>", if end { "/" } else { "" })),
        }
    }
}

fn check_tag(tag: &Tag<'_>, images: Images, problems: &mut Vec<String>) {
    let name = tag.name;
    let is_emoji_img = name == "img" && images == Images::EmojiOnly;
    if tag.end {
        if !BODY_ELEMENTS.contains(&name) || name == "br" {
            problems.push(format!("end tag </{name}> is not on the allowlist"));
        }
        return;
    }
    if !BODY_ELEMENTS.contains(&name) && !is_emoji_img {
        problems.push(format!("element <{name}> is not on the allowlist"));
    }
    let allowed: &[&str] = match name {
        "a" => &["href", "rel"],
        "img" => EMOJI_ATTRIBUTES,
        _ => &[],
    };
    let mut seen: Vec<&str> = Vec::new();
    for &(attr, raw) in &tag.attributes {
        if seen.contains(&attr) {
            problems.push(format!("duplicate attribute `{attr}` on <{name}>"));
        }
        seen.push(attr);
        if attr.starts_with("on") {
            problems.push(format!("event-handler-like attribute `{attr}` on <{name}>"));
        }
        if !allowed.contains(&attr) {
            problems.push(format!("attribute `{attr}` is not allowed on <{name}>"));
        }
        if raw.contains(['<', '>']) {
            problems.push(format!(
                "raw `<` or `>` inside attribute `{attr}` of <{name}>: {raw:?}"
            ));
        }
        let value = match decode_attribute(raw) {
            Ok(value) => value,
            Err(why) => {
                problems.push(format!("attribute `{attr}` of <{name}>: {why}: {raw:?}"));
                continue;
            }
        };
        let compact = compact_lower(&value);
        // A URL attribute is judged by its scheme (below): an https URL
        // whose path or query spells "javascript:" runs nothing. Any other
        // attribute may not hold a script scheme at all.
        let url_attribute = matches!(attr, "href" | "src");
        for scheme in ["javascript:", "vbscript:"] {
            if !url_attribute && compact.contains(scheme) {
                problems.push(format!(
                    "`{scheme}` inside attribute `{attr}` of <{name}>: {value:?}"
                ));
            }
        }
        if images == Images::EmojiOnly && compact.contains("kibitz-emoji") && attr != "class" {
            problems.push(format!(
                "emoji markup inside attribute `{attr}` of <{name}>: {value:?}"
            ));
        }
        match (name, attr) {
            ("a", "href") => {
                if let Err(why) = check_url(&value, &["http", "https", "mailto"]) {
                    problems.push(format!("<a href={value:?}>: {why}"));
                }
            }
            ("a", "rel") if !value.starts_with(REL_PREFIX) => {
                problems.push(format!(
                    "<a rel={value:?}> does not start with {REL_PREFIX:?}"
                ));
            }
            ("img", "src") => {
                if let Err(why) = check_url(&value, &["https"]) {
                    problems.push(format!("<img src={value:?}>: {why}"));
                }
            }
            ("img", "class") if value != "kibitz-emoji" => {
                problems.push(format!("<img class={value:?}> is not the emoji picture"));
            }
            _ => {}
        }
    }
    if name == "img" && !seen.contains(&"src") {
        problems.push("<img> without src".into());
    }
}

/// Decodes a double-quoted attribute value. Only unambiguous references
/// are accepted: a browser knows two thousand names (`&colon;`, `&Tab;`…),
/// so any other `&` is reported rather than guessed at.
fn decode_attribute(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let (c, used) = reference(&rest[amp..])?;
        out.push(c);
        rest = &rest[amp + used..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The character reference at the start of `text` (which begins with `&`):
/// the character and the bytes used. Numeric references and the five
/// names an escaper writes, always with their `;`.
fn reference(text: &str) -> Result<(char, usize), String> {
    let Some(semicolon) = text.find(';').filter(|&s| s <= 12) else {
        return Err(format!(
            "`&` that starts no terminated reference: {}",
            excerpt(text, 14)
        ));
    };
    let body = &text[1..semicolon];
    let c = match body {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = body.strip_prefix('#').unwrap_or_default();
            let (digits, radix) = match number.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (number, 10),
            };
            let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
            if valid {
                u32::from_str_radix(digits, radix)
                    .ok()
                    .and_then(char::from_u32)
            } else {
                None
            }
        }
    };
    c.map(|c| (c, semicolon + 1))
        .ok_or_else(|| format!("unknown or ambiguous reference `&{body};`"))
}

/// Lower case, with white space and control characters removed.
fn compact_lower(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Checks a decoded URL the way a browser would read it: the URL parser
/// strips leading and trailing C0 controls and spaces and removes tabs and
/// newlines anywhere, so those are looked through. It must then be an
/// absolute URL with one of `schemes`, and (stricter than a browser) hold
/// no white space or control character at all.
fn check_url(url: &str, schemes: &[&str]) -> Result<(), String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let parsed: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if parsed.chars().any(|c| c.is_whitespace() || c.is_control()) || parsed.len() != url.len() {
        return Err("contains white space or control characters".into());
    }
    let Some(colon) = parsed.find(':') else {
        return Err("is not absolute (no scheme)".into());
    };
    let scheme = &parsed[..colon];
    let well_formed = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !well_formed {
        return Err("is not absolute (no valid scheme)".into());
    }
    let scheme = scheme.to_ascii_lowercase();
    if !schemes.contains(&scheme.as_str()) {
        return Err(format!("scheme `{scheme}:` is not one of {schemes:?}"));
    }
    let rest = &parsed[colon + 1..];
    let ok = match scheme.as_str() {
        "http" | "https" => rest
            .strip_prefix("//")
            .and_then(|r| r.chars().next())
            .is_some_and(|c| !matches!(c, '/' | '\\' | '?' | '#')),
        _ => !rest.is_empty(),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("`{scheme}:` URL without an authority or address"))
    }
}

/// `<img …>` tags with their decoded `src`.
fn image_sources(html: &str) -> Vec<String> {
    let mut sources = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<img ") {
        rest = &rest[at..];
        if let Ok((tag, used)) = read_tag(rest) {
            for (name, raw) in tag.attributes {
                if name == "src" {
                    sources.push(decode_attribute(raw).unwrap_or_else(|e| e));
                }
            }
            rest = &rest[used..];
        } else {
            rest = &rest[1..];
        }
    }
    sources
}

/// The decoded `href` of every `<a>`.
fn hrefs(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a ") {
        rest = &rest[at..];
        if let Ok((tag, used)) = read_tag(rest) {
            for (name, raw) in tag.attributes {
                if name == "href" {
                    found.push(decode_attribute(raw).unwrap_or_else(|e| e));
                }
            }
            rest = &rest[used..];
        } else {
            rest = &rest[1..];
        }
    }
    found
}

fn excerpt(text: &str, max_chars: usize) -> String {
    let mut out: String = text.chars().take(max_chars).collect();
    if text.chars().nth(max_chars).is_some() {
        let _ = write!(out, "… ({} bytes)", text.len());
    }
    format!("{out:?}")
}

// ---------------------------------------------------------------------------
// Running the corpus
// ---------------------------------------------------------------------------

type Render = fn(&str) -> String;

/// The four renderers, plus rich text twice: the whole input linked to
/// itself, and a fixed label linked to the input (so that multi-line
/// inputs, whose whole-text facet spans lines and is ignored, still reach
/// the link path).
const RENDERERS: &[(&str, Render)] = &[
    ("text_to_html", |s| text_to_html(s).as_str().to_owned()),
    ("markdown_to_html", |s| {
        markdown_to_html(s).as_str().to_owned()
    }),
    ("html_to_safe", |s| html_to_safe(s).as_str().to_owned()),
    ("rich_text_to_html(whole text → input)", |s| {
        let link = TextLink {
            start: 0,
            end: s.len(),
            href: s.to_owned(),
        };
        rich_text_to_html(s, &[link]).as_str().to_owned()
    }),
    ("rich_text_to_html(\"see this\" → input)", |s| {
        let link = TextLink {
            start: 4,
            end: 8,
            href: s.to_owned(),
        };
        rich_text_to_html("see this", &[link]).as_str().to_owned()
    }),
];

/// Runs `render`, turning a panic into an error message.
fn run<T>(render: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(render)).map_err(|panic| panic_message(&*panic))
}

fn failure(entry: &Entry, renderer: &str, problems: &[String], output: Option<&str>) -> String {
    let mut text = format!(
        "{} [{}] {renderer} — {}\n",
        entry.id, entry.category, entry.note
    );
    for problem in problems.iter().take(6) {
        let _ = writeln!(text, "    ✗ {problem}");
    }
    if problems.len() > 6 {
        let _ = writeln!(text, "    … and {} more", problems.len() - 6);
    }
    let _ = writeln!(text, "    input:  {}", excerpt(&entry.input, 300));
    if let Some(output) = output {
        let _ = writeln!(text, "    output: {}", excerpt(output, 300));
    }
    text
}

/// Runs one renderer on `entry`, adding a failure if the checker rejects
/// its output or it panics.
fn check_output(
    entry: &Entry,
    renderer: &str,
    images: Images,
    render: impl FnOnce() -> String,
    failures: &mut Vec<String>,
) {
    match run(render) {
        Ok(html) => {
            let problems = check_markup(&html, images);
            if !problems.is_empty() {
                failures.push(failure(entry, renderer, &problems, Some(&html)));
            }
        }
        Err(panic) => failures.push(failure(
            entry,
            renderer,
            &[format!("panicked: {panic}")],
            None,
        )),
    }
}

/// Runs `entry` through every renderer of [`RENDERERS`].
fn check_every_renderer(entry: &Entry, failures: &mut Vec<String>) {
    for (renderer, render) in RENDERERS {
        check_output(
            entry,
            renderer,
            Images::Forbidden,
            || render(&entry.input),
            failures,
        );
    }
}

/// Runs `entry` through `render_body` as `format`, with `emoji` (whose
/// pictures the checker then allows).
fn check_render_body(
    entry: &Entry,
    renderer: &str,
    format: &BodyFormat,
    emoji: &[Emoji],
    failures: &mut Vec<String>,
) {
    let render = || render_body(&entry.input, format, emoji).as_str().to_owned();
    check_output(entry, renderer, Images::EmojiOnly, render, failures);
}

fn assert_no_failures(what: &str, checked: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {checked} {what} failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_is_large_varied_and_well_formed() {
    let entries = corpus();
    assert!(
        entries.len() >= 150,
        "the corpus has {} entries; it needs at least 150",
        entries.len()
    );
    let mut ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), entries.len(), "corpus ids are unique");
    for entry in &entries {
        assert!(
            entry.id.starts_with("xss-"),
            "{}: ids look like xss-001",
            entry.id
        );
        assert!(
            !entry.category.is_empty() && !entry.note.is_empty(),
            "{}: category and note",
            entry.id
        );
        assert!(!entry.input.is_empty(), "{}: input", entry.id);
    }
    let mut categories: Vec<&str> = entries.iter().map(|e| e.category.as_str()).collect();
    categories.sort_unstable();
    categories.dedup();
    for needed in [
        "script",
        "event-handler",
        "url-scheme",
        "entity-obfuscation",
        "svg-math",
        "css",
        "meta-refresh",
        "base-href",
        "form-hijack",
        "iframe-object",
        "template",
        "mxss",
        "dom-clobbering",
        "comment-cdata",
        "malformed",
        "quoting",
        "nested-tag",
        "encoding",
        "markdown",
        "url-only",
        "long",
    ] {
        assert!(
            categories.contains(&needed),
            "no corpus entry in category {needed}"
        );
    }
}

#[test]
fn every_renderer_keeps_every_corpus_entry_inside_the_allowlist() {
    let entries = corpus();
    let mut failures = Vec::new();
    for entry in &entries {
        check_every_renderer(entry, &mut failures);
    }
    assert_no_failures(
        "corpus entries × renderers",
        entries.len() * RENDERERS.len(),
        &failures,
    );
}

#[test]
fn safe_href_and_safe_avatar_return_none_or_an_allowed_url() {
    let entries = corpus();
    let mut failures = Vec::new();
    for entry in &entries {
        let checks: [(&str, UrlCheck, &[&str]); 2] = [
            ("safe_href", safe_href, &["http", "https", "mailto"]),
            ("safe_avatar", safe_avatar, &["https"]),
        ];
        for (name, check, schemes) in checks {
            match run(|| check(&entry.input)) {
                Ok(None) => {}
                Ok(Some(url)) => {
                    if let Err(why) = check_url(&url, schemes) {
                        failures.push(failure(
                            entry,
                            name,
                            &[format!("returned {url:?}, which {why}")],
                            None,
                        ));
                    }
                }
                Err(panic) => {
                    failures.push(failure(entry, name, &[format!("panicked: {panic}")], None))
                }
            }
        }
    }
    assert_no_failures("corpus entries × URL checks", entries.len() * 2, &failures);
}

/// Characters that change how markup or Markdown around them reads.
const SEAMS: &[&str] = &[
    "<",
    ">",
    "\"",
    "'",
    "`",
    "=",
    "&",
    "/",
    ":",
    "[",
    "]",
    "(",
    ")",
    "*",
    "_",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\0",
    "\u{00A0}",
    "\u{0085}",
    "\u{0080}",
    "\u{200B}",
    "\u{FEFF}",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&#",
    ";",
    "javascript:",
];

/// Inputs no one wrote: two to four pieces cut from random corpus entries,
/// joined with characters that change how the pieces read (a quote that
/// opens an attribute, a `<` that starts a tag, a blank line that ends a
/// Markdown block), so that the sanitisers meet combinations the corpus
/// does not spell out.
fn spliced_inputs(entries: &[Entry], count: usize) -> Vec<Entry> {
    let mut rng = Rng(0x5EED_0FC0_FFEE);
    (0..count)
        .map(|k| {
            let mut input = String::new();
            let mut from = Vec::new();
            for _ in 0..2 + rng.below(3) {
                let entry = rng.pick(entries);
                let text = entry.input.as_str();
                let mut start = rng.below(text.len());
                let mut end = (start + 1 + rng.below(120)).min(text.len());
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                input.push_str(&text[start..end]);
                let seam: &&str = rng.pick(SEAMS);
                input.push_str(seam);
                from.push(entry.id.as_str());
            }
            Entry {
                id: format!("spliced-{k}"),
                category: "spliced".into(),
                input,
                note: format!("pieces of {}", from.join(", ")),
            }
        })
        .collect()
}

#[test]
fn pieces_of_the_corpus_spliced_together_stay_inside_the_allowlist() {
    let entries = corpus();
    let spliced = spliced_inputs(&entries, 3_000);
    let emoji = emoji_list();
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in &spliced {
        checked += RENDERERS.len();
        check_every_renderer(entry, &mut failures);
        for (format_name, format) in formats_for(&entry.input) {
            checked += 1;
            let renderer = format!("render_body({format_name}, emoji)");
            check_render_body(entry, &renderer, &format, &emoji, &mut failures);
        }
    }
    assert_no_failures("spliced inputs × renderers", checked, &failures);
}

/// One https emoji and several that must never become pictures.
fn emoji_list() -> Vec<Emoji> {
    let emoji = |shortcode: &str, url: &str| Emoji {
        shortcode: shortcode.into(),
        url: url.into(),
    };
    vec![
        emoji("party", "https://cdn.test/party.png"),
        emoji("evil", "javascript:alert(1)"),
        emoji("plain", "http://cdn.test/plain.png"),
        emoji("data", "data:image/svg+xml,<svg onload=alert(1)>"),
        emoji("sneaky", " JaVa\tScRiPt:alert(1)"),
    ]
}

fn formats_for(body: &str) -> Vec<(&'static str, BodyFormat)> {
    let whole = TextLink {
        start: 0,
        end: body.len(),
        href: body.to_owned(),
    };
    vec![
        ("Text", BodyFormat::Text),
        ("Markdown", BodyFormat::Markdown),
        ("Html", BodyFormat::Html),
        ("RichText", BodyFormat::RichText(vec![whole])),
    ]
}

#[test]
fn render_body_with_emoji_never_emits_an_unsafe_picture() {
    let entries = corpus();
    let emoji = emoji_list();
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in &entries {
        let bodies = [
            entry.input.clone(),
            format!(":party: {} :evil: :plain: :data: :sneaky: :party:", entry.input),
            format!(
                "{} https://x.test/:party:/:evil: [l](https://x.test/:party:) <https://x.test/:party:> \
                 <a href=\"https://x.test/:party:\" title=\":party:\">:party:</a>",
                entry.input
            ),
        ];
        for body in &bodies {
            for (format_name, format) in formats_for(body) {
                checked += 1;
                let renderer = format!("render_body({format_name}, emoji)");
                match run(|| render_body(body, &format, &emoji).as_str().to_owned()) {
                    Ok(html) => {
                        let mut problems = check_markup(&html, Images::EmojiOnly);
                        for src in image_sources(&html) {
                            if src != "https://cdn.test/party.png" {
                                problems.push(format!(
                                    "a picture that is not the https emoji: {src:?}"
                                ));
                            }
                        }
                        if !problems.is_empty() {
                            let shown = Entry {
                                id: entry.id.clone(),
                                category: entry.category.clone(),
                                input: body.clone(),
                                note: entry.note.clone(),
                            };
                            failures.push(failure(&shown, &renderer, &problems, Some(&html)));
                        }
                    }
                    Err(panic) => failures.push(failure(
                        entry,
                        &renderer,
                        &[format!("panicked: {panic}")],
                        None,
                    )),
                }
            }
        }
    }
    assert_no_failures("bodies × formats with emoji", checked, &failures);
}

#[test]
fn emoji_shortcodes_inside_link_urls_stay_in_the_url() {
    let emoji = emoji_list();
    let cases: &[(&str, BodyFormat)] = &[
        ("see https://x.test/:party:/a", BodyFormat::Text),
        ("see https://x.test/:party:/a", BodyFormat::Markdown),
        ("[:party:](https://x.test/:party:/a)", BodyFormat::Markdown),
        ("<https://x.test/:party:/a>", BodyFormat::Markdown),
        (
            "<a href=\"https://x.test/:party:/a\">:party:</a>",
            BodyFormat::Html,
        ),
        ("<a href=\"mailto::party:@x.test\">m</a>", BodyFormat::Html),
        (
            "see :party:",
            BodyFormat::RichText(vec![TextLink {
                start: 4,
                end: 11,
                href: "https://x.test/:party:/a".into(),
            }]),
        ),
    ];
    let mut failures = Vec::new();
    for (body, format) in cases {
        let html = render_body(body, format, &emoji);
        let html = html.as_str();
        let mut problems = check_markup(html, Images::EmojiOnly);
        for href in hrefs(html) {
            if !href.contains(":party:") {
                problems.push(format!("the link URL lost its `:party:`: {href:?}"));
            }
        }
        if hrefs(html).is_empty() {
            problems.push("no link was made".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{body:?} as {format:?}:\n    {}\n    output: {html:?}",
                problems.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// Very large and deeply nested inputs, generated
// ---------------------------------------------------------------------------

/// Deep nesting and sheer length: no stack overflow, no panic, safe output.
fn deep_and_long_inputs() -> Vec<(&'static str, String)> {
    let payload = "<img src=x onerror=alert(1)><script>alert(1)</script>";
    vec![
        ("50 000 nested <div>", "<div>".repeat(50_000) + payload),
        ("50 000 nested <b>", "<b>".repeat(50_000) + payload),
        (
            "20 000 nested <ul><li>",
            "<ul><li>".repeat(20_000) + payload,
        ),
        (
            "20 000 nested <blockquote>, closed",
            "<blockquote>".repeat(20_000) + payload + &"</blockquote>".repeat(20_000),
        ),
        ("50 000 nested <svg>", "<svg>".repeat(50_000) + payload),
        (
            "30 000 nested <math><mtext>",
            "<math><mtext>".repeat(30_000) + payload,
        ),
        (
            "20 000 nested <a>",
            "<a href=\"https://ok.test/\">x".repeat(20_000) + payload,
        ),
        (
            "20 000 nested <svg><style>",
            "<svg><style>".repeat(20_000) + payload + &"</style></svg>".repeat(20_000),
        ),
        (
            "100 000 `> ` quote markers on one line",
            "> ".repeat(100_000) + "[x](javascript:alert(1))",
        ),
        (
            "10 000 quote lines of growing depth",
            (0..10_000)
                .map(|n| "> ".repeat(n % 24) + "x <b>\n")
                .collect(),
        ),
        (
            "10 000 list items",
            "- <img src=x onerror=alert(1)> [x](javascript:alert(1))\n".repeat(10_000),
        ),
        (
            "20 000 markdown emphasis pairs",
            "*a* **b** _c_ ".repeat(20_000),
        ),
        (
            "1 MB of text with markup",
            "lorem <script>alert(1)</script> ipsum ".repeat(27_000),
        ),
        (
            "20 000 lines",
            "line <b>x</b> https://ok.test/\n".repeat(20_000),
        ),
        ("500 000 newlines", "\n".repeat(500_000) + payload),
        (
            "500 KB URL then a quote",
            format!(
                "https://ok.test/{}\"onmouseover=alert(1)",
                "a".repeat(500_000)
            ),
        ),
        (
            "500 KB javascript: href",
            format!("<a href=\"javascript:{}\">x</a>", "a".repeat(500_000)),
        ),
        ("100 000 `&#x6a;`", "&#x6a;".repeat(100_000) + ":alert(1)"),
        ("20 000 shortcodes", ":party::evil:".repeat(20_000)),
        (
            "raw-text element never closed",
            "<xmp>".to_owned() + &"<img src=x onerror=alert(1)>".repeat(20_000),
        ),
        (
            "20 000 closed comments",
            "<!--x--><img src=x onerror=alert(1)>".repeat(20_000),
        ),
    ]
}

#[test]
fn deeply_nested_and_very_long_inputs_stay_safe() {
    let emoji = emoji_list();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, input) in deep_and_long_inputs() {
        let entry = Entry {
            id: "generated".into(),
            category: "long".into(),
            input,
            note: name.into(),
        };
        let started = Instant::now();
        checked += RENDERERS.len();
        check_every_renderer(&entry, &mut failures);
        for format in [BodyFormat::Text, BodyFormat::Markdown, BodyFormat::Html] {
            checked += 1;
            let renderer = format!("render_body({format:?}, emoji)");
            check_render_body(&entry, &renderer, &format, &emoji, &mut failures);
        }
        eprintln!("{name:>40}: {:>8.2?} for all renderers", started.elapsed());
    }
    assert_no_failures("generated inputs × renderers", checked, &failures);
}

/// Inputs made of one unit repeated `n` times (or two runs of `n`): how a
/// renderer's time grows with them shows whether a long hostile comment
/// can freeze the host page.
/// A named generator of an input of size `n`.
type Shape = (&'static str, fn(usize) -> String);

const GROWTH_SHAPES: &[Shape] = &[
    ("`<` with no `>`", |n| "<".repeat(n)),
    ("`<!--` with no `-->`", |n| "<!--".repeat(n)),
    ("`<a href=\"` never closed", |n| "<a href=\"".repeat(n)),
    ("`[a ` with no `](`", |n| "[a ".repeat(n)),
    ("`[a](b ` with no `)`", |n| "[a](b ".repeat(n)),
    ("`*a ` never closed", |n| "*a ".repeat(n)),
    ("`_a ` never closed", |n| "_a ".repeat(n)),
    ("`**a ` never closed", |n| "**a ".repeat(n)),
    ("a run of `*`", |n| "*".repeat(n)),
    ("a run of backticks", |n| "`".repeat(n)),
    ("backslash escapes", |n| "\\<".repeat(n)),
    ("bare URLs", |n| "https://ok.test/a ".repeat(n)),
    ("`http:/` that starts no URL", |n| "http:/ ".repeat(n)),
    ("character references", |n| "&#106;&amp;&colon;&#".repeat(n)),
    ("colons", |n| ":party::".repeat(n)),
    ("markdown quote lines", |n| "> a\n".repeat(n)),
    ("markdown list lines", |n| "- a\n".repeat(n)),
    ("unclosed fences", |n| "```\na\n".repeat(n)),
    ("n <b> left open, then n unknown end tags", |n| {
        "<b>".repeat(n) + &"</q>".repeat(n)
    }),
    ("n <b> left open, then n links", |n| {
        "<b>".repeat(n) + &"<a href=\"https://ok.test/\">x".repeat(n)
    }),
    ("n <b> left open, then n paragraphs", |n| {
        "<b>".repeat(n) + &"<p>x</p>".repeat(n)
    }),
    ("n <span> left open, then n list items", |n| {
        "<span>".repeat(n) + &"<li>x</li>".repeat(n)
    }),
    ("n nested <blockquote>", |n| "<blockquote>".repeat(n)),
    ("<svg> with n <style> children", |n| {
        "<svg>".to_owned() + &"<style>x</style>".repeat(n)
    }),
];

/// Best of `runs` runs, in seconds, and the output.
fn time_render(render: Render, input: &str, runs: usize) -> (f64, String) {
    let mut best = f64::INFINITY;
    let mut output = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        output = render(input);
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best, output)
}

#[test]
fn rendering_time_grows_linearly_with_input_size() {
    // For each shape and renderer: double the input until rendering takes
    // FLOOR (or the input reaches MAX_BYTES, fast enough to never matter),
    // then render GROWTH times that input. Linear work takes about GROWTH
    // times as long, a quadratic scan GROWTH² (64); MAX_RATIO sits between,
    // with room for noise on a busy machine. Printed with --nocapture.
    const GROWTH: usize = 8;
    const FLOOR: f64 = 0.01;
    const MAX_BYTES: usize = 128 * 1024;
    const MAX_RATIO: f64 = 20.0;
    let mut failures = Vec::new();
    for (shape, make) in GROWTH_SHAPES {
        for (renderer, render) in &RENDERERS[..4] {
            let measured = run(|| {
                let mut n = 16;
                loop {
                    let input = make(n);
                    let (t, _) = time_render(*render, &input, 3);
                    if t >= FLOOR || input.len() >= MAX_BYTES {
                        break (n, input.len(), t);
                    }
                    n *= 2;
                }
            });
            let (n, small_len, t_small) = match measured {
                Ok(found) => found,
                Err(panic) => {
                    failures.push(format!("{renderer} on {shape}: panicked: {panic}"));
                    continue;
                }
            };
            if t_small < FLOOR {
                eprintln!(
                    "{renderer:>18} {shape:<44} {small_len:>8} B {:>9.1} ms  (fast)",
                    t_small * 1e3
                );
                continue;
            }
            let large = make(GROWTH * n);
            let (t_large, output) = match run(|| time_render(*render, &large, 2)) {
                Ok(timed) => timed,
                Err(panic) => {
                    failures.push(format!("{renderer} on {shape}: panicked: {panic}"));
                    continue;
                }
            };
            let (mut t_small, mut t_large) = (t_small, t_large);
            if t_large / t_small > MAX_RATIO {
                // A busy machine (the other tests run beside this one) can
                // slow one measurement: a real quadratic scan shows again
                // when both sizes are timed anew, best of more runs.
                t_small = time_render(*render, &make(n), 5).0;
                t_large = time_render(*render, &large, 5).0;
            }
            let ratio = t_large / t_small;
            eprintln!(
                "{renderer:>18} {shape:<44} {small_len:>8} B {:>9.1} ms  {:>8} B {:>9.1} ms  ×{ratio:.1}",
                t_small * 1e3,
                large.len(),
                t_large * 1e3
            );
            let problems = check_markup(&output, Images::Forbidden);
            if !problems.is_empty() {
                failures.push(format!(
                    "{renderer} on {shape}: unsafe output: {}",
                    problems.join("; ")
                ));
            }
            if ratio > MAX_RATIO {
                // Extrapolated as quadratic growth.
                let (target, label) = if large.len() < 100_000 {
                    (100_000.0, "100 KB")
                } else {
                    (1e6, "1 MB")
                };
                let extrapolated = t_large * (target / large.len() as f64).powi(2);
                failures.push(format!(
                    "{renderer} on {shape}: {small_len} bytes took {:.0} ms, {} bytes took {:.0} ms \
                     (×{ratio:.0} for ×{GROWTH} input; ~{extrapolated:.0} s for {label} in this debug build)",
                    t_small * 1e3,
                    large.len(),
                    t_large * 1e3,
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} renderer × input shapes grow faster than linearly:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// The checker itself: it must catch what it is there to catch.
// ---------------------------------------------------------------------------

#[test]
fn the_checker_rejects_unsafe_markup() {
    let unsafe_markup = [
        "<script>alert(1)</script>",
        "<p onclick=\"x\">a</p>",
        "<a href=\"javascript:alert(1)\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"&#106;avascript:alert(1)\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"java&#9;script:alert(1)\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"javascript&colon;alert(1)\">a</a>",
        "<a href=\" https://ok.test/\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"//evil.test/\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"/relative\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"data:text/html,x\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"https://ok.test/\" rel=\"ugc\">a</a>",
        "<a href=\"https://ok.test/\" rel=\"nofollow ugc noopener\" title=\"t\">a</a>",
        "<a href=\"https://ok.test/\" href=\"https://ok.test/\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=https://ok.test/>a</a>",
        "<a href='https://ok.test/'>a</a>",
        "<span id=\"kibitz-1-comments\">a</span>",
        "<span style=\"color:red\">a</span>",
        "<img src=\"https://cdn.test/a.png\">",
        "<div>a</div>",
        "</div>",
        "<P>a</P>",
        "a < b",
        "a > b",
        "a &colon; b",
        "a & b",
        "<!-- x -->",
        "<p",
    ];
    for markup in unsafe_markup {
        assert!(
            !check_markup(markup, Images::Forbidden).is_empty(),
            "the checker accepted {markup:?}"
        );
    }
    let unsafe_emoji = [
        "<img class=\"kibitz-emoji\" src=\"http://cdn.test/a.png\">",
        "<img class=\"kibitz-emoji\" src=\"javascript:alert(1)\">",
        "<img class=\"other\" src=\"https://cdn.test/a.png\">",
        "<img class=\"kibitz-emoji\" src=\"https://cdn.test/a.png\" onerror=\"x\">",
        "<img class=\"kibitz-emoji\">",
        "<a href=\"https://x.test/&lt;img class=&quot;kibitz-emoji&quot;&gt;\" rel=\"nofollow ugc noopener\">a</a>",
        "<a href=\"https://x.test/<img>\" rel=\"nofollow ugc noopener\">a</a>",
    ];
    for markup in unsafe_emoji {
        assert!(
            !check_markup(markup, Images::EmojiOnly).is_empty(),
            "the checker accepted {markup:?}"
        );
    }
}

#[test]
fn the_checker_accepts_the_sanitisers_documented_output() {
    let safe_markup = [
        "<a href=\"https://ok.test/?q=javascript:alert(1)\" rel=\"nofollow ugc noopener noreferrer\">a</a>",
        "<p>Hi &lt;b&gt;you&lt;/b&gt;</p><p>see <a href=\"https://x.test/a\" rel=\"nofollow ugc noopener\">https://x.test/a</a>.</p>",
        "<p><a href=\"https://x.test/?a=1&amp;b=2\" rel=\"nofollow ugc noopener noreferrer\">x</a></p>",
        "<p><a href=\"mailto:ada@x.test\" rel=\"nofollow ugc noopener\">Ada</a> &quot;it&#39;s&quot;</p>",
        "<blockquote><ul><li><strong>a</strong><em>b</em><code>c</code></li></ul></blockquote><pre><code>x</code></pre>",
        "<ol><li><s>a</s><del>b</del><u>c</u><i>d</i><b>e</b><span>f</span><br></li></ol>",
    ];
    for markup in safe_markup {
        assert_eq!(
            check_markup(markup, Images::Forbidden),
            Vec::<String>::new(),
            "{markup:?}"
        );
    }
    let emoji = "<p>hi <img class=\"kibitz-emoji\" src=\"https://cdn.test/a.png\" alt=\":a:\" title=\":a:\" \
                 width=\"20\" height=\"20\" loading=\"lazy\"></p>";
    assert_eq!(check_markup(emoji, Images::EmojiOnly), Vec::<String>::new());
    assert!(
        !check_markup(emoji, Images::Forbidden).is_empty(),
        "pictures only from render_body"
    );
}
