//! The small Markdown that comments use: paragraphs, line breaks, emphasis,
//! inline and fenced code, links, block quotes and flat lists. Raw HTML is
//! text. Like the other renderers it writes every tag itself and escapes all
//! text; nesting (quotes, emphasis) is bounded, so no input recurses deeply.

use super::{escape_into, link_into, linkify_into, safe_href, SafeHtml};

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
    ELEMENTS_LEFT.with(|left| left.set(MAX_ELEMENTS));
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

/// Remembers, for one line, which closers do not exist past a point, so that
/// a line full of unmatched `*`, `[`, `` ` `` or `<` is read in linear time
/// (each failed search would otherwise rescan the rest of the line).
#[derive(Default)]
struct Misses {
    /// Per delimiter (`*`, `**`, `_`, `__`): no closer after this position.
    emphasis: [Option<usize>; 4],
    /// Per backtick run length: no closing run after this position.
    code: Vec<(usize, usize)>,
    /// The next `](` at or after the last look, and the last `[` before it.
    link_middle: Option<(usize, Option<usize>)>,
    /// No `)` after this position.
    paren: Option<usize>,
}

/// Inline elements (code, links, emphasis) one body may make; past them,
/// its marks read as text. Each is a box the browser lays out, and a
/// hostile body of 20,000 (`*_*_*_…`, 40 KB) held the page for seconds.
const MAX_ELEMENTS: usize = 1_000;

thread_local! {
    /// What is left of [`MAX_ELEMENTS`] for the body being rendered.
    static ELEMENTS_LEFT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Renders one line of inline Markdown.
fn inline_into(text: &str, depth: usize, out: &mut String) {
    let mut misses = Misses::default();
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let rest = &text[i..];
        let left = ELEMENTS_LEFT.with(std::cell::Cell::get);
        let mark = bytes[i];
        let consumed = match mark {
            b'`' | b'[' | b'<' | b'*' | b'_' if left == 0 => None,
            b'\\' if rest.len() > 1 && rest.as_bytes()[1].is_ascii_punctuation() => {
                linkify_into(&text[plain_start..i], out);
                escape_into(&rest[1..2], out);
                Some(2)
            }
            b'`' => code_span(text, i, &mut misses).map(|(code, used)| {
                linkify_into(&text[plain_start..i], out);
                out.push_str("<code>");
                escape_into(code, out);
                out.push_str("</code>");
                used
            }),
            b'[' => link(text, i, &mut misses).map(|(label, href, used)| {
                linkify_into(&text[plain_start..i], out);
                link_into(&href, label, out);
                used
            }),
            b'<' => autolink(rest).map(|(href, used)| {
                linkify_into(&text[plain_start..i], out);
                linkify_into(href, out);
                used
            }),
            b'*' | b'_' if depth < MAX_INLINE_DEPTH => {
                let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
                emphasis(text, i, word_start, &mut misses).map(|(tag, inner, used)| {
                    linkify_into(&text[plain_start..i], out);
                    out.push('<');
                    out.push_str(tag);
                    out.push('>');
                    inline_into(inner, depth + 1, out);
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                    used
                })
            }
            _ => None,
        };
        match consumed {
            Some(used) => {
                if mark != b'\\' {
                    ELEMENTS_LEFT.with(|l| l.set(l.get().saturating_sub(1)));
                }
                i += used;
                plain_start = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    linkify_into(&text[plain_start..], out);
}

/// `` `code` `` or ``` ``co`de`` ``` at `at`: the code and the bytes used.
fn code_span<'a>(text: &'a str, at: usize, misses: &mut Misses) -> Option<(&'a str, usize)> {
    let rest = &text[at..];
    let ticks = rest.bytes().take_while(|&b| b == b'`').count();
    if misses
        .code
        .iter()
        .any(|&(t, after)| t == ticks && at >= after)
    {
        return None;
    }
    let fence = &rest[..ticks];
    let body = &rest[ticks..];
    let Some(end) = body.find(fence) else {
        misses.code.push((ticks, at));
        return None;
    };
    let code = &body[..end];
    let code = if code.len() > 2 && code.starts_with(' ') && code.ends_with(' ') {
        &code[1..code.len() - 1]
    } else {
        code
    };
    (!code.is_empty()).then_some((code, ticks + end + ticks))
}

/// `[label](url)` at `at`, with a safe URL; a title after the URL is dropped.
fn link<'a>(text: &'a str, at: usize, misses: &mut Misses) -> Option<(&'a str, String, usize)> {
    let (middle, last_open) = match misses.link_middle {
        Some((middle, last_open)) if middle > at => (middle, last_open),
        _ => {
            let middle = text[at..].find("](").map_or(usize::MAX, |m| at + m);
            let last_open = (middle != usize::MAX)
                .then(|| text[..middle].rfind('['))
                .flatten();
            misses.link_middle = Some((middle, last_open));
            (middle, last_open)
        }
    };
    // Only the last `[` before a `](` can open a link: labels hold no `[`.
    if middle == usize::MAX || last_open != Some(at) {
        return None;
    }
    let label = &text[at + 1..middle];
    if label.is_empty() || label.contains(']') || misses.paren.is_some_and(|after| middle >= after)
    {
        return None;
    }
    let after = &text[middle + 2..];
    let Some(end) = after.find(')') else {
        misses.paren = Some(middle);
        return None;
    };
    let target = after[..end].split_whitespace().next()?;
    let href = safe_href(target)?;
    Some((label, href, middle - at + 2 + end + 1))
}

/// `<https://…>`: the URL and the bytes used. The URL ends at the first
/// white space, control character, `<` or `>`, so each `<` is looked past
/// only once; as in CommonMark, an autolink holds no control character (a
/// URL with one is left as text, where `safe_href` would have stripped it
/// from the address alone).
fn autolink(text: &str) -> Option<(&str, usize)> {
    let end = 1 + text[1..]
        .find(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>')?;
    if text.as_bytes()[end] != b'>' {
        return None;
    }
    let url = &text[1..end];
    safe_href(url).is_some().then_some((url, end + 1))
}

/// `**strong**`, `__strong__`, `*em*`, `_em_` at `at`: the tag, the inner
/// text and the bytes used. Underscores only open at a word start, so that
/// `snake_case_names` stay as they are. Whether a closer is valid depends
/// only on the closer, so a failed search holds for every later opener.
fn emphasis<'a>(
    text: &'a str,
    at: usize,
    word_start: bool,
    misses: &mut Misses,
) -> Option<(&'static str, &'a str, usize)> {
    let rest = &text[at..];
    let mark = rest.as_bytes()[0];
    if mark == b'_' && !word_start {
        return None;
    }
    let double = rest.as_bytes().get(1) == Some(&mark);
    let (delimiter, tag, kind) = match (mark, double) {
        (b'*', true) => ("**", "strong", 0),
        (b'_', true) => ("__", "strong", 1),
        (b'*', false) => ("*", "em", 2),
        _ => ("_", "em", 3),
    };
    if misses.emphasis[kind].is_some_and(|after| at >= after) {
        return None;
    }
    let body = &rest[delimiter.len()..];
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
    misses.emphasis[kind] = Some(at);
    None
}
