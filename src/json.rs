//! Read access to a parsed JSON document, whoever parsed it. The format
//! readers see a document only through [`Json`]: in the browser it is the
//! result of the browser's own `JSON.parse` (`js_json.rs`), so no JSON parser
//! ships in the wasm and a thread is parsed at native speed; natively (and in
//! the unit tests) it is a `serde_json::Value`. Each build instantiates the
//! readers once, for its own document type.
//!
//! Also here, pure: [`locate_syntax_error`], which turns the browser's
//! `SyntaxError` message into a line, a column and a short reason.

use serde_json::Value;

/// What a JSON value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// A number
    Number,
    /// A string
    String,
    /// An array
    Array,
    /// An object
    Object,
}

impl Kind {
    /// The kind with its article, for messages: "an array".
    pub fn described(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool => "a boolean",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
        }
    }
}

/// A parsed JSON value, read without copying what is not asked for.
///
/// Keys are `'static`: every reader asks for fields by literal name, which
/// lets the browser's implementation keep one JavaScript string per key.
pub trait Json: Clone {
    /// What this value is.
    fn kind(&self) -> Kind;
    /// The field `key` of an object; `None` when absent or not an object.
    /// A field that is `null` is `Some` of a null value.
    fn get(&self, key: &'static str) -> Option<Self>;
    /// The text of a string.
    fn as_str(&self) -> Option<String>;
    /// The value of a number.
    fn as_f64(&self) -> Option<f64>;
    /// The value of a boolean.
    fn as_bool(&self) -> Option<bool>;
    /// The elements of an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The keys of an object, sorted; empty for anything else.
    fn keys(&self) -> Vec<String>;
    /// A number as a document writes an id: `42`, `4.5`.
    fn number_text(&self) -> Option<String>;
    /// Whether a number has no fractional part as written (`5`, not `5.5`).
    fn is_integer(&self) -> bool;
    /// The value as compact JSON, for messages.
    fn to_json(&self) -> String;

    /// Whether this is `null`.
    fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }
    /// The string field `key`, if present and a string.
    fn str_at(&self, key: &'static str) -> Option<String> {
        self.get(key)?.as_str()
    }
    /// The number field `key`, if present and a number.
    fn f64_at(&self, key: &'static str) -> Option<f64> {
        self.get(key)?.as_f64()
    }
    /// Whether the field `key` is `true`.
    fn is_true(&self, key: &'static str) -> bool {
        self.get(key).and_then(|v| v.as_bool()) == Some(true)
    }
    /// The array field `key`, or nothing when absent or of another type.
    fn items_at(&self, key: &'static str) -> Vec<Self> {
        self.get(key).and_then(|v| v.items()).unwrap_or_default()
    }
}

impl Json for &Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    fn get(&self, key: &'static str) -> Option<Self> {
        self.as_object()?.get(key)
    }

    fn as_str(&self) -> Option<String> {
        Value::as_str(self).map(String::from)
    }

    fn as_f64(&self) -> Option<f64> {
        Value::as_f64(self)
    }

    fn as_bool(&self) -> Option<bool> {
        Value::as_bool(self)
    }

    fn items(&self) -> Option<Vec<Self>> {
        Some(self.as_array()?.iter().collect())
    }

    fn keys(&self) -> Vec<String> {
        // serde_json's map keeps its keys sorted.
        self.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn number_text(&self) -> Option<String> {
        match self {
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }

    fn is_integer(&self) -> bool {
        matches!(self, Value::Number(n) if !n.is_f64())
    }

    fn to_json(&self) -> String {
        // Not through `Value`'s `Display`: that also builds serde_json's
        // pretty printer, for `{:#}`.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Where a document's first syntax error is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxErrorAt {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The parser's reason, without its position: "Unexpected end of JSON input".
    pub reason: String,
}

/// How many characters the browser quotes on each side of a bad token.
const CONTEXT_CHARS: usize = 10;

/// Reads the browser's `SyntaxError` message for `text`: Chromium writes
/// "… in JSON at position 62 (line 3 column 45)", "Unexpected end of JSON
/// input", or "Unexpected token 'x', …"context"… is not valid JSON" with no
/// position at all, which is found again from the quoted context.
///
/// ```
/// use kibitz::json::locate_syntax_error;
/// let at = locate_syntax_error("[1,\n2", "Unexpected end of JSON input");
/// assert_eq!((at.line, at.column), (2, 2));
/// ```
pub fn locate_syntax_error(text: &str, message: &str) -> SyntaxErrorAt {
    let (reason, position) = if let Some(cut) = message.find(" in JSON at position ") {
        let digits = &message[cut + " in JSON at position ".len()..];
        let end = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        (&message[..cut], digits[..end].parse().ok())
    } else if message.starts_with("Unexpected end of JSON input") {
        (message, Some(utf16_len(text)))
    } else if let Some((token, context)) = quoted_token(message) {
        let reason = message.split(", ").next().unwrap_or(message);
        (reason, context_position(text, token, context))
    } else {
        (message, None)
    };
    let (line, column) = position.map_or((1, 1), |p| line_and_column(text, p));
    SyntaxErrorAt {
        line,
        column,
        reason: reason.to_string(),
    }
}

/// `'x'` and the quoted context of "Unexpected token 'x', …"ctx"… is not valid JSON".
fn quoted_token(message: &str) -> Option<(&str, Context<'_>)> {
    let rest = message.strip_prefix("Unexpected token '")?;
    let (token, rest) = rest.split_once("', ")?;
    let rest = rest.strip_suffix(" is not valid JSON")?;
    let (after_start, rest) = match rest.strip_prefix("...\"") {
        Some(rest) => (true, rest),
        None => (false, rest.strip_prefix('"')?),
    };
    let quoted = rest
        .strip_suffix("\"...")
        .or_else(|| rest.strip_suffix('"'))?;
    Some((
        token,
        Context {
            quoted,
            after_start,
        },
    ))
}

/// A piece of the source that the browser quoted around a bad token.
struct Context<'a> {
    quoted: &'a str,
    /// The piece starts after the start of the source ("…" before it).
    after_start: bool,
}

/// Where, in UTF-16 units, the bad token of `context` stands in `text`.
fn context_position(text: &str, token: &str, context: Context<'_>) -> Option<usize> {
    let start = text.find(context.quoted)?;
    let within = if context.after_start {
        context
            .quoted
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(0, |(i, _)| i)
    } else {
        context.quoted.find(token)?
    };
    Some(utf16_len(&text[..start + within]))
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The 1-based line and column of the UTF-16 offset `position`.
fn line_and_column(text: &str, position: usize) -> (usize, usize) {
    let (mut line, mut column, mut offset) = (1, 1, 0);
    for c in text.chars() {
        if offset >= position {
            break;
        }
        offset += c.len_utf16();
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row: source, Chromium 156's own message for it, and the line,
    /// column and reason kibitz reports (the same place serde_json names).
    macro_rules! located {
        ($($name:ident: $text:expr, $message:expr => $line:expr, $column:expr, $reason:expr;)*) => {$(
            #[test]
            fn $name() {
                let at = locate_syntax_error($text, $message);
                assert_eq!((at.line, at.column, at.reason.as_str()), ($line, $column, $reason));
            }
        )*};
    }

    located! {
        position_and_line: "{\n  \"comments\": [\n    {\"id\": 1, \"author\": \"Ada\", \"body\": \"Hi\",},\n  ]\n}",
            "Expected double-quoted property name in JSON at position 62 (line 3 column 45)"
            => 3, 45, "Expected double-quoted property name";
        position_only: "[1,2", "Expected ',' or ']' after array element in JSON at position 4"
            => 1, 5, "Expected ',' or ']' after array element";
        end_of_input: "{\"a\": [1,\n", "Unexpected end of JSON input" => 2, 1, "Unexpected end of JSON input";
        empty: "", "Unexpected end of JSON input" => 1, 1, "Unexpected end of JSON input";
        short_source_token: "{\"a\": x}", "Unexpected token 'x', \"{\"a\": x}\" is not valid JSON"
            => 1, 7, "Unexpected token 'x'";
        context_token: "{\"a\": 1, \"b\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30], \"c\": x, \"d\": \"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"}",
            "Unexpected token 'x', ...\"30], \"c\": x, \"d\": \"e\"... is not valid JSON"
            => 1, 104, "Unexpected token 'x'";
        after_astral: "[\"😀\",\nx]", "Unexpected token 'x', \"[\"😀\",\nx]\" is not valid JSON" => 2, 1, "Unexpected token 'x'";
        utf16_position: "[\"😀\" x]", "Expected ',' or ']' after array element in JSON at position 6"
            => 1, 6, "Expected ',' or ']' after array element";
        unknown_message: "?", "Something new" => 1, 1, "Something new";
    }

    #[test]
    fn context_position_agrees_with_serde_json() {
        let text = "{\"a\": 1, \"b\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30], \"c\": x, \"d\": \"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"}";
        let serde = serde_json::from_str::<Value>(text).unwrap_err();
        let at = locate_syntax_error(
            text,
            "Unexpected token 'x', ...\"30], \"c\": x, \"d\": \"e\"... is not valid JSON",
        );
        assert_eq!((at.line, at.column), (serde.line(), serde.column()));
    }

    #[test]
    fn serde_values_read_through_json() {
        let value: Value = serde_json::from_str(
            r#"{"b": [1, 2.5, "x", null, true], "a": {"k": 42}, "n": 12345678901234567890}"#,
        )
        .unwrap();
        let doc = &value;
        assert_eq!(doc.kind(), Kind::Object);
        assert_eq!(doc.keys(), ["a", "b", "n"]);
        let items = doc.items_at("b");
        let kinds: Vec<Kind> = items.iter().map(Json::kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Number,
                Kind::Number,
                Kind::String,
                Kind::Null,
                Kind::Bool
            ]
        );
        assert!(items[0].is_integer() && !items[1].is_integer());
        assert_eq!(items[1].number_text().as_deref(), Some("2.5"));
        assert_eq!(doc.get("a").and_then(|a| a.f64_at("k")), Some(42.0));
        assert_eq!(
            doc.get("n").and_then(|n| n.number_text()).as_deref(),
            Some("12345678901234567890")
        );
        assert!(doc.get("missing").is_none() && items[3].is_null());
        assert_eq!(
            doc.get("a").map(|a| a.to_json()).as_deref(),
            Some(r#"{"k":42}"#)
        );
    }
}
