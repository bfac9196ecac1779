//! The browser's `JSON.parse`, and [`Json`] for what it returns: a thread
//! is parsed by the browser at native speed, and the readers copy into wasm
//! only the fields they ask for. Field names are JavaScript strings made
//! once per name, not once per comment.

use std::cell::RefCell;

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::ThreadError;
use crate::json::{locate_syntax_error, Json, Kind};

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a string that is already JavaScript's (js-sys's
    /// takes a Rust `&str`, which would copy the whole thread twice).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn parse_js(text: &JsString) -> Result<JsValue, JsValue>;

    /// `Number.isInteger`.
    #[wasm_bindgen(js_namespace = Number, js_name = isInteger)]
    fn is_integer_number(value: &JsValue) -> bool;
}

/// Parses `text` with the browser's `JSON.parse`. A syntax error says
/// where, as the native parser's does.
pub fn parse(text: &JsString) -> Result<JsValue, ThreadError> {
    parse_js(text).map_err(|error| {
        let message = error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".into());
        let at = locate_syntax_error(&String::from(text), &message);
        ThreadError::Syntax {
            line: at.line,
            column: at.column,
            message: at.reason,
        }
    })
}

thread_local! {
    /// One JavaScript string per field name, found by the name's address.
    static KEYS: RefCell<Vec<(*const u8, JsValue)>> = const { RefCell::new(Vec::new()) };
}

fn key(name: &'static str) -> JsValue {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some((_, key)) = keys.iter().find(|(at, _)| *at == name.as_ptr()) {
            return key.clone();
        }
        let key = JsValue::from_str(name);
        keys.push((name.as_ptr(), key.clone()));
        key
    })
}

impl Json for JsValue {
    fn kind(&self) -> Kind {
        if self.is_null() || self.is_undefined() {
            Kind::Null
        } else if self.is_string() {
            Kind::String
        } else if self.as_f64().is_some() {
            Kind::Number
        } else if self.as_bool().is_some() {
            Kind::Bool
        } else if Array::is_array(self) {
            Kind::Array
        } else {
            Kind::Object
        }
    }

    fn get(&self, name: &'static str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = Reflect::get(self, &key(name)).ok()?;
        (!value.is_undefined()).then_some(value)
    }

    fn as_str(&self) -> Option<String> {
        JsValue::as_string(self)
    }

    fn as_f64(&self) -> Option<f64> {
        JsValue::as_f64(self)
    }

    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }

    fn items(&self) -> Option<Vec<Self>> {
        let array = self.dyn_ref::<Array>()?;
        Some((0..array.length()).map(|i| array.get(i)).collect())
    }

    fn keys(&self) -> Vec<String> {
        let Some(object) = self.dyn_ref::<Object>().filter(|_| !Array::is_array(self)) else {
            return Vec::new();
        };
        let mut keys: Vec<String> = Object::keys(object)
            .iter()
            .filter_map(|k| k.as_string())
            .collect();
        keys.sort_unstable();
        keys
    }

    fn number_text(&self) -> Option<String> {
        let number = self.as_f64()?;
        // JavaScript's own spelling (`42`, `4.5`, `1e21`): no float
        // formatting code in the wasm.
        Some(String::from(
            js_sys::Number::from(number).to_string_with_radix(10).ok()?,
        ))
    }

    fn is_integer(&self) -> bool {
        is_integer_number(self)
    }

    fn to_json(&self) -> String {
        js_sys::JSON::stringify(self)
            .map(String::from)
            .unwrap_or_default()
    }
}
