//! HTML bodies (Mastodon, Hacker News, an owner's export) rebuilt from
//! scratch through an allowlist. Nothing of the input is passed through:
//! text is decoded and re-escaped, and every tag in the output is one this
//! module writes itself, with no attribute but a checked `href`. A parse that
//! differs from the browser's can therefore lose formatting, never safety.

use super::entities::decode_entities;
use super::{escape_into, safe_href, SafeHtml, UGC_REL};

/// Elements kept, without attributes (except `href` on `a`).
const ALLOWED: &[&str] = &[
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

/// Elements removed together with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "form", "svg", "math", "template", "noscript",
    "textarea", "select", "title", "head", "xmp", "noembed", "noframes", "frameset", "applet",
    "audio", "video", "canvas", "button", "option",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "noscript",
];

/// Block elements not on the allowlist: their text becomes a paragraph so
/// that words of neighbouring blocks do not run together.
const BLOCKS: &[&str] = &[
    "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "aside",
    "figure", "tr", "dd", "dt", "address", "details", "summary", "table", "main", "nav",
];

/// Open elements kept at most: deeper ones are unwrapped to their text. This
/// bounds every search of the stack, so hostile nesting stays linear.
const MAX_OPEN: usize = 64;

/// One open element of the output.
struct Open {
    name: &'static str,
    /// Whether a start tag was written (an `a` without a safe `href` is not).
    written: bool,
}

/// Rebuilds `html` from its text and its allowed elements.
///
/// ```
/// let safe = kibitz::sanitize::html_to_safe(
///     r#"<p onclick="x()">Hi <a href="https://a.test" class="u">you</a><script>alert(1)</script></p>"#,
/// );
/// assert_eq!(
///     safe.as_str(),
///     "<p>Hi <a href=\"https://a.test\" rel=\"nofollow ugc noopener noreferrer\">you</a></p>"
/// );
/// ```
pub fn html_to_safe(html: &str) -> SafeHtml {
    let mut out = String::with_capacity(html.len());
    let mut open: Vec<Open> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text_into(rest, &mut out);
            break;
        };
        text_into(&rest[..lt], &mut out);
        rest = &rest[lt..];
        rest = match parse_markup(rest) {
            Markup::Text => {
                out.push_str("&lt;");
                &rest[1..]
            }
            Markup::Skip(after) => after,
            Markup::Start { name, href, after } => {
                start_tag(&name, href, after, &mut open, &mut out)
            }
            Markup::End { name, after } => {
                end_tag(&name, &mut open, &mut out);
                after
            }
        };
    }
    while let Some(element) = open.pop() {
        close(&element, &mut out);
    }
    SafeHtml(out)
}

fn text_into(text: &str, out: &mut String) {
    escape_into(&decode_entities(text), out);
}

fn start_tag<'a>(
    name: &str,
    href: Option<String>,
    after: &'a str,
    open: &mut Vec<Open>,
    out: &mut String,
) -> &'a str {
    if let Some(&dropped) = DROPPED.iter().find(|d| **d == name) {
        return skip_element(dropped, after);
    }
    if open.len() >= MAX_OPEN && name != "br" {
        return after;
    }
    if let Some(&allowed) = ALLOWED.iter().find(|a| **a == name) {
        match allowed {
            "br" => out.push_str("<br>"),
            "a" if open.iter().any(|o| o.name == "a") => {}
            "a" => {
                let href = href.and_then(|h| safe_href(&h));
                if let Some(href) = &href {
                    out.push_str("<a href=\"");
                    escape_into(href, out);
                    out.push_str("\" rel=\"");
                    out.push_str(UGC_REL);
                    out.push_str("\">");
                }
                open.push(Open {
                    name: "a",
                    written: href.is_some(),
                });
            }
            _ => {
                if allowed == "p" || allowed == "li" {
                    close_implied(allowed, open, out);
                }
                out.push('<');
                out.push_str(allowed);
                out.push('>');
                open.push(Open {
                    name: allowed,
                    written: true,
                });
            }
        }
    } else if let Some(&block) = BLOCKS.iter().find(|b| **b == name) {
        close_implied("p", open, out);
        out.push_str("<p>");
        open.push(Open {
            name: block,
            written: true,
        });
    }
    after
}

/// A new `p` closes an open `p`, and a new `li` an open `li`, as in HTML.
fn close_implied(name: &str, open: &mut Vec<Open>, out: &mut String) {
    let paragraph_like = |n: &str| n == "p" || BLOCKS.contains(&n);
    let Some(at) = open.iter().rposition(|o| {
        if name == "p" {
            paragraph_like(o.name)
        } else {
            o.name == "li"
        }
    }) else {
        return;
    };
    // Only within the innermost list or quote: `<li><p>` must not close the `li`'s list.
    if open[at + 1..]
        .iter()
        .any(|o| matches!(o.name, "ul" | "ol" | "blockquote" | "pre"))
    {
        return;
    }
    while open.len() > at {
        if let Some(element) = open.pop() {
            close(&element, out);
        }
    }
}

fn end_tag(name: &str, open: &mut Vec<Open>, out: &mut String) {
    let Some(at) = open.iter().rposition(|o| o.name == name) else {
        return;
    };
    while open.len() > at {
        if let Some(element) = open.pop() {
            close(&element, out);
        }
    }
}

fn close(element: &Open, out: &mut String) {
    if !element.written {
        return;
    }
    out.push_str("</");
    out.push_str(if BLOCKS.contains(&element.name) {
        "p"
    } else {
        element.name
    });
    out.push('>');
}

/// Skips past the end of a dropped element, nested copies included.
fn skip_element<'a>(name: &str, mut rest: &'a str) -> &'a str {
    if RAW_TEXT.contains(&name) {
        return match find_end_tag(rest, name) {
            Some(end) => after_gt(&rest[end..]),
            None => "",
        };
    }
    let mut depth = 1;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        rest = match parse_markup(rest) {
            Markup::Start {
                name: inner, after, ..
            } if inner == name => {
                depth += 1;
                after
            }
            Markup::Start {
                name: inner, after, ..
            } if RAW_TEXT.contains(&inner.as_str()) => skip_element(&inner, after),
            Markup::End { name: inner, after } if inner == name => {
                depth -= 1;
                if depth == 0 {
                    return after;
                }
                after
            }
            Markup::Text => &rest[1..],
            Markup::Start { after, .. } | Markup::End { after, .. } | Markup::Skip(after) => after,
        };
    }
    ""
}

/// The position of `</name` (any case) followed by a delimiter.
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("</") {
        let at = from + found;
        let tail = &bytes[at + 2..];
        if tail.len() >= name.len()
            && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && tail
                .get(name.len())
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

fn after_gt(text: &str) -> &str {
    text.find('>').map_or("", |gt| &text[gt + 1..])
}

enum Markup<'a> {
    /// A `<` that starts no markup: it is text.
    Text,
    /// A comment, doctype or processing instruction, dropped.
    Skip(&'a str),
    Start {
        name: String,
        href: Option<String>,
        after: &'a str,
    },
    End {
        name: String,
        after: &'a str,
    },
}

/// Reads the markup at the start of `text`, which begins with `<`.
fn parse_markup(text: &str) -> Markup<'_> {
    let bytes = text.as_bytes();
    match bytes.get(1) {
        Some(b'!') if text[2..].starts_with("--") => {
            let body = &text[4..];
            // `<!-->` and `<!--->` are complete (empty) comments.
            if let Some(after) = body.strip_prefix('>').or_else(|| body.strip_prefix("->")) {
                return Markup::Skip(after);
            }
            Markup::Skip(body.find("-->").map_or("", |end| &body[end + 3..]))
        }
        Some(b'!' | b'?') => Markup::Skip(after_gt(text)),
        Some(b'/') if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => {
            let (name, rest) = read_name(&text[2..]);
            Markup::End {
                name,
                after: after_gt(rest),
            }
        }
        Some(b'/') => Markup::Skip(after_gt(text)),
        Some(b) if b.is_ascii_alphabetic() => {
            let (name, rest) = read_name(&text[1..]);
            let (href, after) = read_attributes(rest);
            Markup::Start { name, href, after }
        }
        _ => Markup::Text,
    }
}

fn read_name(text: &str) -> (String, &str) {
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(text.len());
    (text[..end].to_ascii_lowercase(), &text[end..])
}

/// Reads attributes up to the closing `>`; returns the decoded `href`.
fn read_attributes(mut rest: &str) -> (Option<String>, &str) {
    let mut href = None;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (href, "");
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (href, after);
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(value_start) = rest.strip_prefix('=') else {
            continue;
        };
        let value_start = value_start.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let (value, after) = match value_start.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &value_start[1..];
                match inner.find(quote as char) {
                    Some(end) => (&inner[..end], &inner[end + 1..]),
                    None => (inner, ""),
                }
            }
            _ => {
                let end = value_start
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value_start.len());
                (&value_start[..end], &value_start[end..])
            }
        };
        if name == "href" && href.is_none() {
            href = Some(decode_entities(value).into_owned());
        }
        rest = after;
    }
}
