//! JSON for thread documents: kibitz's own small parser ([`parse`]) and
//! read access to what it parsed. The format readers see a document only
//! through [`Json`], so they do not depend on one parser's types.
//!
//! Why not the browser's `JSON.parse`, which would ship no parser at all:
//! measured (bench/ab.mjs, 2026-12-02), it was as fast for 2,000 comments
//! but 240 ms slower for 10,000, because the browser decodes the body to a
//! JavaScript string (70 ms), every string read is copied out again (70
//! ms), and the parsed tree costs garbage collection. Parsed in wasm from
//! its bytes, most strings are never copied at all.

pub mod parse;

pub use parse::{parse, SyntaxError, Value};

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
/// Keys are `'static`: every reader asks for fields by literal name, so an
/// implementation may keep one prepared key per name.
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
    /// The keys of an object, in document order; empty for anything else.
    fn keys(&self) -> Vec<String>;
    /// Calls `visit` with each member of an object, in document order
    /// (nothing for anything else). A reader that wants several fields
    /// takes them in this one pass instead of a look-up each.
    fn for_each_member(&self, visit: impl FnMut(&str, Self));
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

impl Json for &Value<'_> {
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
        match self {
            // A repeated key: the last wins, as in JSON.parse and serde_json.
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn for_each_member(&self, mut visit: impl FnMut(&str, Self)) {
        if let Value::Object(members) = self {
            for (key, value) in members {
                visit(key, value);
            }
        }
    }

    fn as_str(&self) -> Option<String> {
        match self {
            Value::String(text) => Some(text.to_string()),
            _ => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(number) => Some(number_value(number)),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    fn items(&self) -> Option<Vec<Self>> {
        match self {
            Value::Array(items) => Some(items.iter().collect()),
            _ => None,
        }
    }

    fn keys(&self) -> Vec<String> {
        match self {
            Value::Object(members) => members.iter().map(|(k, _)| k.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    fn number_text(&self) -> Option<String> {
        match self {
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }

    fn is_integer(&self) -> bool {
        matches!(self, Value::Number(n) if !n.contains(['.', 'e', 'E']))
    }

    fn to_json(&self) -> String {
        let mut out = String::new();
        write_json(self, &mut out, 0);
        out
    }
}

/// Powers of ten that are exact as `f64`.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of a number the parser accepted. Not `str::parse`: its
/// correctly rounded algorithm and tables cost some 14 KB of wasm, for
/// numbers (scores, Unix times) that are whole or have a few decimals.
/// Exact for up to 19 significant digits with an exponent within ±22 of
/// them (every number a thread holds), within an ulp or two beyond.
///
/// ```
/// use kibitz::json::number_value;
/// assert_eq!(number_value("1548088020"), 1548088020.0);
/// assert_eq!(number_value("-4.25e2"), -425.0);
/// assert_eq!(number_value("0.1"), 0.1);
/// ```
pub fn number_value(text: &str) -> f64 {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (digits, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let mut mantissa: u64 = 0;
    let mut exponent = exponent.clamp(-1000, 1000);
    let mut after_point = false;
    for byte in digits.bytes() {
        if byte == b'.' {
            after_point = true;
            continue;
        }
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + u64::from(byte - b'0');
            exponent -= i32::from(after_point);
        } else {
            // Digits past the 19th only scale the integer part.
            exponent += i32::from(!after_point);
        }
    }
    let mut value = mantissa as f64;
    let mut scale = exponent.unsigned_abs() as usize;
    while scale > 0 {
        let step = scale.min(22);
        value = if exponent < 0 {
            value / EXACT_POWERS[step]
        } else {
            value * EXACT_POWERS[step]
        };
        scale -= step;
    }
    if negative {
        -value
    } else {
        value
    }
}

/// Containers nested deeper than this are written `[…]` or `{…}` in
/// messages: [`write_json`] recurses, and a message needs no more.
const MESSAGE_DEPTH: usize = 8;

/// Compact JSON of `value`, for messages (a wrong-typed field), with
/// containers below [`MESSAGE_DEPTH`] levels elided.
fn write_json(value: &Value<'_>, out: &mut String, depth: usize) {
    match value {
        Value::Array(_) if depth >= MESSAGE_DEPTH => out.push_str("[…]"),
        Value::Object(_) if depth >= MESSAGE_DEPTH => out.push_str("{…}"),
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(number),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out, depth + 1);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_json(item, out, depth + 1);
            }
            out.push('}');
        }
    }
}

fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xF] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests;
