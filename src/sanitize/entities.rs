//! Character references in HTML text and attributes: numeric ones, and the
//! named ones that comment services actually send. An unknown name stays as
//! literal text, which is always safe because output is re-escaped.

use std::borrow::Cow;

/// Named references decoded; longer lists buy nothing for comment bodies.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("colon", ":"),
    ("tab", "\t"),
    ("newline", "\n"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("euro", "€"),
    ("pound", "£"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
];

/// Names browsers also decode without the closing `;` (unless `=` follows,
/// as in the query string `?a=1&copy=2`).
const LEGACY: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Decodes character references.
///
/// ```
/// use kibitz::sanitize::decode_entities;
/// assert_eq!(decode_entities("a &amp; b &#39;c&#x27; &lt;"), "a & b 'c' <");
/// assert_eq!(decode_entities("&unknown; &#0;"), "&unknown; \u{fffd}");
/// ```
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_one(rest) {
            Some((decoded, used)) => {
                out.push_str(&decoded);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Decodes the reference at the start of `text` (which begins with `&`):
/// the text and the bytes it used.
fn decode_one(text: &str) -> Option<(String, usize)> {
    let body = &text[1..];
    if let Some(numeric) = body.strip_prefix('#') {
        let (digits, radix, skip) = match numeric.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (numeric, 10, 2),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(u32::MAX);
        let c = match value {
            0 => '\u{fffd}',
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        let semicolon = usize::from(digits[len..].starts_with(';'));
        return Some((c.to_string(), skip + len + semicolon));
    }
    let len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = &body[..len];
    let (_, value) = NAMED.iter().find(|(n, _)| *n == name)?;
    if body[len..].starts_with(';') {
        Some((value.to_string(), len + 2))
    } else if LEGACY.contains(&name) && !body[len..].starts_with('=') {
        Some((value.to_string(), len + 1))
    } else {
        None
    }
}
