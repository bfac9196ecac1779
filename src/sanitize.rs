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
pub const UGC_REL: &str = "nofollow ugc noopener";

/// Escapes text for use in element content and in quoted attributes.
///
/// ```
/// let mut out = String::new();
/// kibitz::sanitize::escape_into("<b>\"Tom\" & 'Jerry'</b>", &mut out);
/// assert_eq!(out, "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
/// ```
pub fn escape_into(text: &str, out: &mut String) {
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Renders a plain-text body: blank lines separate paragraphs, single line
/// breaks are kept, bare http(s) URLs become links, and nothing is markup.
///
/// ```
/// let html = kibitz::sanitize::text_to_html("Hi <b>you</b>\n\nsee https://x.test/a.");
/// assert_eq!(
///     html.as_str(),
///     "<p>Hi &lt;b&gt;you&lt;/b&gt;</p><p>see <a href=\"https://x.test/a\" \
///      rel=\"nofollow ugc noopener\">https://x.test/a</a>.</p>"
/// );
/// ```
pub fn text_to_html(text: &str) -> SafeHtml {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 16);
    let mut in_paragraph = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            if in_paragraph {
                out.push_str("</p>");
                in_paragraph = false;
            }
            continue;
        }
        out.push_str(if in_paragraph { "<br>" } else { "<p>" });
        in_paragraph = true;
        linkify_into(line, &mut out);
    }
    if in_paragraph {
        out.push_str("</p>");
    }
    SafeHtml(out)
}

/// Escapes one line, turning bare http(s) URLs into links.
fn linkify_into(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(start) = find_url_start(rest) {
        escape_into(&rest[..start], out);
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
            .unwrap_or(candidate.len());
        let url = trim_url_end(&candidate[..end]);
        if safe_href(url).is_none() {
            escape_into(&candidate[..end], out);
        } else {
            out.push_str("<a href=\"");
            escape_into(url, out);
            out.push_str("\" rel=\"");
            out.push_str(UGC_REL);
            out.push_str("\">");
            escape_into(url, out);
            out.push_str("</a>");
            escape_into(&candidate[url.len()..end], out);
        }
        rest = &candidate[end..];
    }
    escape_into(rest, out);
}

/// Finds `http://` or `https://`, in any case, that starts a word.
fn find_url_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    text.char_indices().find_map(|(at, c)| {
        let scheme = matches!(c, 'h' | 'H')
            && (starts_with_ignore_case(&bytes[at..], b"https://")
                || starts_with_ignore_case(&bytes[at..], b"http://"));
        let word_start = !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        (scheme && word_start).then_some(at)
    })
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
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

/// Strips what browsers ignore or strip in URLs (ASCII white space and
/// control characters anywhere), so a scheme cannot hide behind them.
fn normalized_url(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
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
/// (`javascript:`, `data:`, relative paths...).
///
/// ```
/// use kibitz::sanitize::safe_href;
/// assert_eq!(safe_href(" https://ada.test/ ").as_deref(), Some("https://ada.test/"));
/// assert_eq!(safe_href("java\tscript:alert(1)"), None);
/// assert_eq!(safe_href("/relative"), None);
/// ```
pub fn safe_href(url: &str) -> Option<String> {
    let url = normalized_url(url);
    let scheme = scheme_of(&url)?;
    let rest = &url[scheme.len() + 1..];
    let allowed = match scheme.as_str() {
        "http" | "https" => rest.len() > 2 && rest.starts_with("//"),
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
