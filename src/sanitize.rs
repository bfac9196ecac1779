//! The only place that makes HTML from comment data. Everything a thread
//! document says is text until this module has escaped it; the one type it
//! returns, [`SafeHtml`], is the only thing the widget ever sets as
//! `innerHTML`. URLs from a document pass [`safe_href`] or [`safe_avatar`]
//! before they become attributes.

mod entities;
mod html;
mod markdown;

pub use entities::decode_entities;
pub use html::html_to_safe;
pub use markdown::markdown_to_html;

use crate::bytescan::{position_from, word_has};
use crate::model::{BodyFormat, Emoji, TextLink};

/// Renders a comment body of any format, with its custom emoji.
pub fn render_body(body: &str, format: &BodyFormat, emoji: &[Emoji]) -> SafeHtml {
    let html = match format {
        BodyFormat::Text => text_to_html(body),
        BodyFormat::Markdown => markdown_to_html(body),
        BodyFormat::Html => html_to_safe(body),
        BodyFormat::RichText(links) => rich_text_to_html(body, links),
    };
    if emoji.is_empty() {
        html
    } else {
        with_emoji(html, emoji)
    }
}

/// A display name with its custom emoji as pictures: escaped text, and an
/// `img.kibitz-emoji` for each `:shortcode:` with an https picture.
///
/// ```
/// use kibitz::model::Emoji;
/// let emoji = [Emoji { shortcode: "ok".into(), url: "https://e.test/ok.png".into() }];
/// let html = kibitz::sanitize::name_with_emoji("<Ada> :ok:", &emoji);
/// assert!(html.as_str().starts_with("&lt;Ada&gt; <img class=\"kibitz-emoji\""));
/// ```
pub fn name_with_emoji(name: &str, emoji: &[Emoji]) -> SafeHtml {
    let mut escaped = String::with_capacity(name.len());
    escape_into(name, &mut escaped);
    with_emoji(SafeHtml(escaped), emoji)
}

/// Puts a link to `href` labelled `label` (the "@Name" a reply starts with)
/// at the start of a body rendered without it; `spaced` says a space
/// followed the name.
///
/// ```
/// use kibitz::sanitize::{text_to_html, with_mention};
/// let html = with_mention(text_to_html(": agreed"), "@Ada", "#kibitz-t-1", false);
/// assert_eq!(html.as_str(), "<p><a class=\"kibitz-mention\" href=\"#kibitz-t-1\">@Ada</a>: agreed</p>");
/// let html = with_mention(kibitz::sanitize::markdown_to_html(" *yes*"), "@Bo", "#b", true);
/// assert_eq!(html.as_str(), "<p><a class=\"kibitz-mention\" href=\"#b\">@Bo</a> <em>yes</em></p>");
/// ```
pub fn with_mention(html: SafeHtml, label: &str, href: &str, spaced: bool) -> SafeHtml {
    let mut link = String::from("<a class=\"kibitz-mention\" href=\"");
    escape_into(href, &mut link);
    link.push_str("\">");
    escape_into(label, &mut link);
    link.push_str("</a>");
    // Markdown trims the space that followed the name; put it back.
    if spaced
        && !html
            .0
            .strip_prefix("<p>")
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    {
        link.push(' ');
    }
    match html.0.strip_prefix("<p>") {
        Some(rest) => SafeHtml(format!("<p>{link}{rest}")),
        None => SafeHtml(format!("<p>{link}</p>{}", html.0)),
    }
}

/// HTML that this module built from escaped text; nothing else can make one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The `rel` of every link that comes from a comment.
pub const UGC_REL: &str = "nofollow ugc noopener noreferrer";

/// Escapes text for use in element content and in quoted attributes.
///
/// ```
/// let mut out = String::new();
/// kibitz::sanitize::escape_into("<b>\"Tom\" & 'Jerry'</b>", &mut out);
/// assert_eq!(out, "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
/// ```
pub fn escape_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let at = position_from(
            bytes,
            start,
            |word| {
                word_has(word, b'&')
                    | word_has(word, b'<')
                    | word_has(word, b'>')
                    | word_has(word, b'"')
                    | word_has(word, b'\'')
            },
            |byte| matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\''),
        );
        // Every byte stopped at is ASCII, so `at` is a char boundary.
        out.push_str(&text[start..at]);
        let entity = match bytes.get(at) {
            None => return,
            Some(b'&') => "&amp;",
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'"') => "&quot;",
            Some(_) => "&#39;",
        };
        out.push_str(entity);
        start = at + 1;
    }
}

/// Renders a plain-text body: blank lines separate paragraphs, single line
/// breaks are kept, bare http(s) URLs become links, and nothing is markup.
///
/// ```
/// let html = kibitz::sanitize::text_to_html("Hi <b>you</b>\n\nsee https://x.test/a.");
/// assert_eq!(
///     html.as_str(),
///     "<p>Hi &lt;b&gt;you&lt;/b&gt;</p><p>see <a href=\"https://x.test/a\" \
///      rel=\"nofollow ugc noopener noreferrer\">https://x.test/a</a>.</p>"
/// );
/// ```
pub fn text_to_html(text: &str) -> SafeHtml {
    lines_to_html(text, |line, _, out| linkify_into(line, out))
}

/// Plain text with links over byte ranges (Bluesky facets): each range with
/// a safe URL becomes a link; ranges that overlap, fall outside the text or
/// split a character are ignored.
///
/// ```
/// use kibitz::model::TextLink;
/// let links = [TextLink { start: 4, end: 8, href: "https://bsky.app/profile/bo.test".into() }];
/// let html = kibitz::sanitize::rich_text_to_html("Hi, @bo!", &links);
/// assert_eq!(
///     html.as_str(),
///     "<p>Hi, <a href=\"https://bsky.app/profile/bo.test\" rel=\"nofollow ugc noopener noreferrer\">@bo!</a></p>"
/// );
/// ```
pub fn rich_text_to_html(text: &str, links: &[TextLink]) -> SafeHtml {
    let links: Vec<&TextLink> = links
        .iter()
        .filter(|l| {
            l.start < l.end
                && l.end <= text.len()
                && text.is_char_boundary(l.start)
                && text.is_char_boundary(l.end)
        })
        .collect();
    let keys = links
        .iter()
        .enumerate()
        .map(|(i, l)| (((l.start as i64) << 32) | l.end as i64, i))
        .collect();
    let links: Vec<&TextLink> = crate::model::rank(keys)
        .into_iter()
        .map(|i| links[i])
        .collect();
    lines_to_html(text, |line, offset, out| {
        let end = offset + line.len();
        let mut at = offset;
        for link in links.iter().filter(|l| l.start >= offset && l.end <= end) {
            if link.start < at {
                continue;
            }
            linkify_into(&text[at..link.start], out);
            let label = &text[link.start..link.end];
            match safe_href(&link.href) {
                Some(href) => {
                    link_into(&href, label, out);
                }
                None => escape_into(label, out),
            }
            at = link.end;
        }
        linkify_into(&text[at..end], out);
    })
}

/// Paragraphs at blank lines, `<br>` at single line breaks; `line_into`
/// writes each line, given its byte offset in `text`.
fn lines_to_html(text: &str, mut line_into: impl FnMut(&str, usize, &mut String)) -> SafeHtml {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 16);
    let mut in_paragraph = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line_offset = offset;
        offset += raw.len();
        let line = raw.trim_end();
        if line.trim_start().is_empty() {
            if in_paragraph {
                out.push_str("</p>");
                in_paragraph = false;
            }
            continue;
        }
        out.push_str(if in_paragraph { "<br>" } else { "<p>" });
        in_paragraph = true;
        line_into(line, line_offset, &mut out);
    }
    if in_paragraph {
        out.push_str("</p>");
    }
    SafeHtml(out)
}

/// Replaces `:shortcode:` in the text of `html` (never inside a tag) with
/// the emoji's picture, when its URL is https.
fn with_emoji(html: SafeHtml, emoji: &[Emoji]) -> SafeHtml {
    let mut out = String::with_capacity(html.0.len());
    let mut rest = html.0.as_str();
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        emoji_text_into(&rest[..text_end], emoji, &mut out);
        rest = &rest[text_end..];
        // Tags here are this module's own, with escaped attributes: the
        // first `>` ends them.
        let tag_end = rest.find('>').map_or(rest.len(), |i| i + 1);
        out.push_str(&rest[..tag_end]);
        rest = &rest[tag_end..];
    }
    SafeHtml(out)
}

fn emoji_text_into(text: &str, emoji: &[Emoji], out: &mut String) {
    let mut rest = text;
    while let Some(start) = rest.find(':') {
        let after = &rest[start + 1..];
        let code_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let found = (code_len > 0 && after[code_len..].starts_with(':'))
            .then(|| emoji.iter().find(|e| e.shortcode == after[..code_len]))
            .flatten()
            .and_then(|e| safe_avatar(&e.url).map(|url| (url, &e.shortcode)));
        match found {
            Some((url, code)) => {
                out.push_str(&rest[..start]);
                out.push_str("<img class=\"kibitz-emoji\" src=\"");
                escape_into(&url, out);
                out.push_str("\" alt=\":");
                escape_into(code, out);
                out.push_str(":\" title=\":");
                escape_into(code, out);
                out.push_str(":\" width=\"20\" height=\"20\" loading=\"lazy\">");
                rest = &after[code_len + 1..];
            }
            None => {
                out.push_str(&rest[..=start]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Writes a comment link: `href` (already checked) and `label`, escaped.
fn link_into(href: &str, label: &str, out: &mut String) {
    out.push_str("<a href=\"");
    escape_into(href, out);
    out.push_str("\" rel=\"");
    out.push_str(UGC_REL);
    out.push_str("\">");
    escape_into(label, out);
    out.push_str("</a>");
}

/// Escapes one line, turning bare http(s) URLs into links.
fn linkify_into(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(start) = find_url_start(rest) {
        escape_into(&rest[..start], out);
        let candidate = &rest[start..];
        let end = url_end(candidate);
        let url = trim_url_end(&candidate[..end]);
        if safe_href(url).is_none() {
            escape_into(&candidate[..end], out);
        } else {
            link_into(url, url, out);
            escape_into(&candidate[url.len()..end], out);
        }
        rest = &candidate[end..];
    }
    escape_into(rest, out);
}

/// Where a bare URL at the start of `text` ends: at white space, a control
/// character, or a character that cannot be in one unescaped. Byte by byte
/// through ASCII; a char is decoded only where a non-ASCII byte starts one
/// (Unicode white space and the C1 controls end a URL too). Ending at a
/// control character, not linking through it, keeps the link's address
/// the text the reader sees: `safe_href` would strip a NUL from the
/// address but not from the label.
fn url_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() {
            // ASCII white space and controls (0x0B, white space to `char`
            // but not to `u8`, is a control).
            if byte.is_ascii_whitespace()
                || byte.is_ascii_control()
                || matches!(byte, b'<' | b'>' | b'"' | b'\'')
            {
                return at;
            }
            at += 1;
        } else {
            // `at` is a char boundary: every byte before it was a whole
            // ASCII char or a whole char skipped below.
            let Some(c) = text[at..].chars().next() else {
                return at;
            };
            if c.is_whitespace() || c.is_control() {
                return at;
            }
            at += c.len_utf8();
        }
    }
    at
}

/// Finds `http://` or `https://`, in any case, that starts a word.
///
/// By its colon: colons are rare in prose, so most of a body is passed over
/// eight bytes at a time, and each colon has at most one scheme before it
/// (`https` and `http` cannot both end there). Colons come in the order of
/// the URLs they belong to, so the first URL found is the first in `text`.
fn find_url_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let colon = position_from(bytes, from, |word| word_has(word, b':'), |b| b == b':');
        if colon == bytes.len() {
            return None;
        }
        if bytes.get(colon + 1..colon + 3) == Some(b"//") {
            for scheme in [&b"https"[..], &b"http"[..]] {
                let Some(start) = colon.checked_sub(scheme.len()) else {
                    continue;
                };
                // `start` holds an ASCII 'h', so it is a char boundary.
                if bytes[start..colon].eq_ignore_ascii_case(scheme)
                    && !text[..start]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                {
                    return Some(start);
                }
            }
        }
        from = colon + 1;
    }
}

/// Drops sentence punctuation after a URL ("see https://x.test/a."), and a
/// closing parenthesis that the URL did not open.
fn trim_url_end(url: &str) -> &str {
    let mut url = url;
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | ']' | '}' | '*' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            _ => false,
        };
        if !drop {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

/// Strips white space and control characters anywhere in a URL: what
/// browsers ignore or strip (ASCII white space and controls), so that a
/// scheme cannot hide behind them, and the C1 controls (U+0080 to U+009F),
/// which browsers would percent-encode into an address no one meant.
fn normalized_url(url: &str) -> String {
    // Almost every URL is printable ASCII, with nothing to strip: copied
    // whole, not char by char (a call or three per char in the engine's
    // first, unoptimised code).
    if url.bytes().all(|b| b.is_ascii_graphic()) {
        return url.to_string();
    }
    url.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Returns the URL if it is an absolute http, https or mailto URL, with
/// white space and control characters removed; `None` for anything else
/// (`javascript:`, `data:`, relative paths, an http(s) URL with no host
/// after its `//`...).
///
/// ```
/// use kibitz::sanitize::safe_href;
/// assert_eq!(safe_href(" https://ada.test/ ").as_deref(), Some("https://ada.test/"));
/// assert_eq!(safe_href("java\tscript:alert(1)"), None);
/// assert_eq!(safe_href("/relative"), None);
/// assert_eq!(safe_href("https:///ada.test"), None);
/// ```
pub fn safe_href(url: &str) -> Option<String> {
    let url = normalized_url(url);
    let scheme = scheme_of(&url)?;
    let rest = &url[scheme.len() + 1..];
    let allowed = match scheme.as_str() {
        // A host must follow: "https:///x" or "https://?q" has none (a
        // browser would take "x" for one, or refuse the URL).
        "http" | "https" => rest
            .strip_prefix("//")
            .and_then(|after| after.chars().next())
            .is_some_and(|c| !matches!(c, '/' | '\\' | '?' | '#')),
        "mailto" => !rest.is_empty(),
        _ => false,
    };
    allowed.then_some(url)
}

/// Returns the URL if it is an absolute https URL, for avatar images.
///
/// ```
/// use kibitz::sanitize::safe_avatar;
/// assert!(safe_avatar("https://img.test/a.png").is_some());
/// assert_eq!(safe_avatar("http://img.test/a.png"), None);
/// ```
pub fn safe_avatar(url: &str) -> Option<String> {
    safe_href(url).filter(|u| scheme_of(u).as_deref() == Some("https"))
}

#[cfg(test)]
mod tests;
