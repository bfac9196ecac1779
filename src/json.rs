//! Read access to a parsed JSON document. The format readers see a
//! document only through [`Json`], implemented here for `serde_json::Value`.
//!
//! Why a trait: the readers could then read the browser's own `JSON.parse`
//! result instead, which would take serde_json's parser (7 KB gzip) out of
//! the wasm. Measured (bench/ab.mjs, 2026-12-02), that was as fast for 2,000
//! comments but 240 ms slower for 10,000: the browser decodes the body to a
//! JavaScript string (70 ms), every string read is copied out again (70
//! ms), and the parsed tree costs garbage collection. It pays only with
//! bodies read lazily, when rendered; until then the thread is parsed in
//! wasm from its bytes.

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
    /// The keys of an object, in the parser's order (serde_json sorts
    /// them, the browser keeps the document's); empty for anything else.
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

#[cfg(test)]
mod tests {
    use super::*;

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
