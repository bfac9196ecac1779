//! The small Markdown that comments use: paragraphs, line breaks, emphasis,
//! inline and fenced code, links, block quotes and flat lists. Raw HTML is
//! text. Like the other renderers it writes every tag itself and escapes all
//! text; nesting (quotes, emphasis) is bounded, so no input recurses deeply.

use super::{escape_into, linkify_into, safe_href, SafeHtml, UGC_REL};

/// Quotes nested deeper than this are shown with their `>` marks as text.
const MAX_QUOTE_DEPTH: usize = 8;
/// Emphasis nested deeper than this is shown with its marks as text.
const MAX_INLINE_DEPTH: usize = 4;

/// Renders Markdown.
///
/// ```
/// let html = kibitz::sanitize::markdown_to_html("**Yes** — see [docs](https://d.test).\n\n> quoted");
/// assert_eq!(
///     html.as_str(),
///     "<p><strong>Yes</strong> — see <a href=\"https://d.test\" rel=\"nofollow ugc noopener noreferrer\">docs</a>.</p>\
///      <blockquote><p>quoted</p></blockquote>"
/// );
/// ```
pub fn markdown_to_html(text: &str) -> SafeHtml {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + 32);
    blocks_into(&lines, 0, &mut out);
    SafeHtml(out)
}

#[derive(PartialEq)]
enum ListKind {
    Bullet,
    Ordered,
}

fn list_item(line: &str) -> Option<(ListKind, &str)> {
    let trimmed = line.trim_start();
    if let Some(rest) = trimmed.strip_prefix(['-', '*', '+']) {
        return rest
            .starts_with(' ')
            .then(|| (ListKind::Bullet, rest.trim_start()));
    }
    let digits = trimmed.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    if (1..=9).contains(&digits) {
        let rest = &trimmed[digits..];
        if let Some(rest) = rest.strip_prefix(['.', ')']) {
            return rest
                .starts_with(' ')
                .then(|| (ListKind::Ordered, rest.trim_start()));
        }
    }
    None
}

fn quote_line(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

fn is_fence(line: &str) -> bool {
    line.trim_start().starts_with("```")
}

fn blocks_into(lines: &[&str], depth: usize, out: &mut String) {
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            i += 1;
        } else if is_fence(line) {
            let end = lines[i + 1..]
                .iter()
                .position(|l| is_fence(l))
                .map_or(lines.len(), |p| i + 1 + p);
            out.push_str("<pre><code>");
            for (n, code) in lines[i + 1..end].iter().enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                escape_into(code, out);
            }
            out.push_str("</code></pre>");
            i = end + 1;
        } else if quote_line(line).is_some() && depth < MAX_QUOTE_DEPTH {
            let inner: Vec<&str> = lines[i..].iter().map_while(|l| quote_line(l)).collect();
            i += inner.len();
            out.push_str("<blockquote>");
            blocks_into(&inner, depth + 1, out);
            out.push_str("</blockquote>");
        } else if let Some((kind, _)) = list_item(line) {
            i = list_into(lines, i, kind, out);
        } else {
            let end = lines[i..]
                .iter()
                .position(|l| {
                    l.trim().is_empty()
                        || is_fence(l)
                        || quote_line(l).is_some()
                        || list_item(l).is_some()
                })
                .map_or(lines.len(), |p| i + p.max(1));
            out.push_str("<p>");
            for (n, text) in lines[i..end].iter().enumerate() {
                if n > 0 {
                    out.push_str("<br>");
                }
                inline_into(text.trim(), 0, out);
            }
            out.push_str("</p>");
            i = end;
        }
    }
}

/// Writes the list starting at `lines[start]`; returns the line after it.
/// Lines that are not items continue the item before them.
fn list_into(lines: &[&str], start: usize, kind: ListKind, out: &mut String) -> usize {
    let tag = if kind == ListKind::Bullet { "ul" } else { "ol" };
    out.push('<');
    out.push_str(tag);
    out.push('>');
    let mut i = start;
    let mut first = true;
    while i < lines.len() {
        let line = lines[i];
        match list_item(line) {
            Some((k, text)) if k == kind => {
                if !first {
                    out.push_str("</li>");
                }
                out.push_str("<li>");
                inline_into(text, 0, out);
                first = false;
            }
            None if !line.trim().is_empty() && !is_fence(line) && quote_line(line).is_none() => {
                out.push_str("<br>");
                inline_into(line.trim(), 0, out);
            }
            _ => break,
        }
        i += 1;
    }
    out.push_str("</li></");
    out.push_str(tag);
    out.push('>');
    i
}

/// Renders one line of inline Markdown.
fn inline_into(text: &str, depth: usize, out: &mut String) {
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let rest = &text[i..];
        let consumed = match bytes[i] {
            b'\\' if rest.len() > 1 && rest.as_bytes()[1].is_ascii_punctuation() => {
                linkify_into(&text[plain_start..i], out);
                escape_into(&rest[1..2], out);
                Some(2)
            }
            b'`' => code_span(rest).map(|(code, used)| {
                linkify_into(&text[plain_start..i], out);
                out.push_str("<code>");
                escape_into(code, out);
                out.push_str("</code>");
                used
            }),
            b'[' => link(rest).map(|(label, href, used)| {
                linkify_into(&text[plain_start..i], out);
                out.push_str("<a href=\"");
                escape_into(&href, out);
                out.push_str("\" rel=\"");
                out.push_str(UGC_REL);
                out.push_str("\">");
                escape_into(label, out);
                out.push_str("</a>");
                used
            }),
            b'<' => autolink(rest).map(|(href, used)| {
                linkify_into(&text[plain_start..i], out);
                linkify_into(href, out);
                used
            }),
            b'*' | b'_' if depth < MAX_INLINE_DEPTH => {
                emphasis(rest, i == 0 || !bytes[i - 1].is_ascii_alphanumeric()).map(
                    |(tag, inner, used)| {
                        linkify_into(&text[plain_start..i], out);
                        out.push('<');
                        out.push_str(tag);
                        out.push('>');
                        inline_into(inner, depth + 1, out);
                        out.push_str("</");
                        out.push_str(tag);
                        out.push('>');
                        used
                    },
                )
            }
            _ => None,
        };
        match consumed {
            Some(used) => {
                i += used;
                plain_start = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    linkify_into(&text[plain_start..], out);
}

/// `` `code` `` or ``` ``co`de`` ```: the code and the bytes used.
fn code_span(text: &str) -> Option<(&str, usize)> {
    let ticks = text.bytes().take_while(|&b| b == b'`').count();
    let fence = &text[..ticks];
    let body = &text[ticks..];
    let end = body.find(fence)?;
    let code = &body[..end];
    let code = if code.len() > 2 && code.starts_with(' ') && code.ends_with(' ') {
        &code[1..code.len() - 1]
    } else {
        code
    };
    (!code.is_empty()).then_some((code, ticks + end + ticks))
}

/// `[label](url)` with a safe URL.
fn link(text: &str) -> Option<(&str, String, usize)> {
    let close = text.find("](")?;
    let label = &text[1..close];
    if label.is_empty() || label.contains(['[', ']']) {
        return None;
    }
    let after = &text[close + 2..];
    let end = after.find(')')?;
    let href = safe_href(after[..end].trim())?;
    Some((label, href, close + 2 + end + 1))
}

/// `<https://…>`: the URL and the bytes used.
fn autolink(text: &str) -> Option<(&str, usize)> {
    let end = text.find('>')?;
    let url = &text[1..end];
    (!url.contains(char::is_whitespace) && safe_href(url).is_some()).then_some((url, end + 1))
}

/// `**strong**`, `__strong__`, `*em*`, `_em_`: the tag, the inner text and
/// the bytes used. Underscores only open at a word start, so that
/// `snake_case_names` stay as they are.
fn emphasis(text: &str, word_start: bool) -> Option<(&'static str, &str, usize)> {
    let mark = text.as_bytes()[0];
    if mark == b'_' && !word_start {
        return None;
    }
    let double = text.as_bytes().get(1) == Some(&mark);
    let (delimiter, tag) = match (mark, double) {
        (b'*', true) => ("**", "strong"),
        (b'_', true) => ("__", "strong"),
        (b'*', false) => ("*", "em"),
        _ => ("_", "em"),
    };
    let body = &text[delimiter.len()..];
    if body.starts_with(char::is_whitespace) {
        return None;
    }
    let mut from = 0;
    while let Some(found) = body[from..].find(delimiter) {
        let end = from + found;
        let inner = &body[..end];
        let closes = !inner.is_empty()
            && !inner.ends_with(char::is_whitespace)
            && (mark != b'_'
                || !body[end + delimiter.len()..].starts_with(|c: char| c.is_alphanumeric()));
        if closes {
            return Some((tag, inner, delimiter.len() * 2 + end));
        }
        from = end + delimiter.len();
    }
    None
}
