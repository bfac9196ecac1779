//! Dates in the reader's terms, through the browser's own Intl API, so no
//! calendar, zone or language data ships in the bundle. Formatters are made
//! once per widget; an unknown locale or zone falls back with a warning,
//! never a throw. The choice between relative and absolute is `time.rs`'s.

use std::cell::RefCell;

use js_sys::{Array, Date, Object, Reflect};
use rustc_hash::FxHashMap;
use wasm_bindgen::prelude::*;

use crate::i18n::{Category, Speak, Words};
pub use crate::time::TimeText;
use crate::time::{choose_label, relative_label, to_iso, EpochMillis, RelativeUnit, TimeLabel};
use crate::time_style::{render_pattern, DateFields, TimeStyle};

mod numbers;
use numbers::SmallNumbers;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound with a catching constructor.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateFormat;

    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locales: &Array, options: &Object) -> Result<DateFormat, JsValue>;

    /// Takes milliseconds since the epoch, as `format` accepts: no `Date`
    /// object per comment.
    #[wasm_bindgen(method, catch, js_class = "DateTimeFormat")]
    fn format(this: &DateFormat, at: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "DateTimeFormat", js_name = formatToParts)]
    fn format_to_parts(this: &DateFormat, at: f64) -> Result<Array, JsValue>;

    /// `Intl.RelativeTimeFormat`, bound with a catching constructor.
    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeFormat;

    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "RelativeTimeFormat")]
    fn new(locales: &Array, options: &Object) -> Result<RelativeFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "RelativeTimeFormat")]
    fn format(this: &RelativeFormat, value: f64, unit: &str) -> Result<String, JsValue>;

    /// `Intl.PluralRules`.
    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;

    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "PluralRules")]
    fn new(locales: &Array, options: &Object) -> Result<PluralRules, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "PluralRules")]
    fn select(this: &PluralRules, n: f64) -> Result<String, JsValue>;
}

/// The widget's words in one language, with its plural rules and digits.
pub struct Voice {
    /// The language's table.
    pub words: &'static Words,
    plurals: Option<PluralRules>,
    /// The bound `format` function of an `Intl.NumberFormat`.
    numbers: js_sys::Function,
    /// Answers already asked of `Intl`: a big thread asks the same ones
    /// thousands of times, and each call crosses into JavaScript.
    number_cache: RefCell<FxHashMap<usize, String>>,
    /// How the language writes numbers below 100,000 (`None` if not
    /// simply): enough to write a big thread's comment numbers without
    /// asking `Intl` for each.
    digits: std::cell::OnceCell<Option<SmallNumbers>>,
    /// Plural categories already asked of `Intl`, by count, for the counts
    /// below [`CACHED_CATEGORIES`] (reply counts; a table is faster than
    /// hashing, and smaller in the download than a map of its own type).
    category_cache: RefCell<Vec<Option<Category>>>,
}

/// Counts whose plural category [`Voice`] remembers.
const CACHED_CATEGORIES: usize = 4096;

impl Voice {
    /// A voice for `words`, counting as the browser counts in that language.
    pub fn new(words: &'static Words) -> Self {
        let locales = locale_list(Some(words.lang));
        Self {
            words,
            plurals: PluralRules::new(&locales, &Object::new()).ok(),
            // The tag comes from kibitz's own tables, so the constructor cannot throw.
            numbers: js_sys::Intl::NumberFormat::new(&locales, &Object::new()).format(),
            number_cache: RefCell::default(),
            digits: std::cell::OnceCell::new(),
            category_cache: RefCell::default(),
        }
    }

    fn format_number(&self, n: usize) -> String {
        self.numbers
            .call1(&JsValue::UNDEFINED, &JsValue::from_f64(n as f64))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| n.to_string())
    }

    /// `n` as `Intl` writes it, without asking it, when below 100,000.
    fn small_number(&self, n: usize) -> Option<String> {
        self.digits
            .get_or_init(|| SmallNumbers::learn(|n| self.format_number(n)))
            .as_ref()?
            .write(n)
    }
}

impl Speak for Voice {
    fn words(&self) -> &'static Words {
        self.words
    }

    fn number(&self, n: usize) -> String {
        if let Some(text) = self.small_number(n) {
            return text;
        }
        self.number_cache
            .borrow_mut()
            .entry(n)
            .or_insert_with(|| self.format_number(n))
            .clone()
    }

    fn category(&self, n: usize) -> Category {
        let ask = || {
            self.plurals
                .as_ref()
                .and_then(|p| p.select(n as f64).ok())
                .map_or(Category::Other, |name| Category::from_name(&name))
        };
        if n >= CACHED_CATEGORIES {
            return ask();
        }
        let mut cache = self.category_cache.borrow_mut();
        if cache.len() <= n {
            cache.resize(n + 1, None);
        }
        *cache[n].get_or_insert_with(ask)
    }
}

/// Date formatters for one locale and zone.
pub struct TimeFormatter {
    style: TimeStyle,
    /// For patterns: formatters whose parts fill [`DateFields`].
    fields: Vec<DateFormat>,
    date_unknown: &'static str,
    absolute: DateFormat,
    full: DateFormat,
    relative: RelativeFormat,
    relative_cache: RefCell<FxHashMap<(i64, RelativeUnit), String>>,
}

impl TimeFormatter {
    /// Makes formatters for `locale` (BCP 47; `None` for the browser's
    /// language) and `timezone` (IANA; `None` for the reader's). Returns the
    /// warnings for values the browser rejected; the defaults replace them.
    pub fn new(
        locale: Option<&str>,
        timezone: Option<&str>,
        style: TimeStyle,
        words: &'static Words,
    ) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        let mut locales = locale_list(locale);
        if locale.is_some() && DateFormat::new(&locales, &Object::new()).is_err() {
            warnings.push(format!(
                "data-locale=\"{}\": not a valid language tag; using the browser's language",
                locale.unwrap_or_default()
            ));
            locales = Array::new();
        }
        let mut zone = timezone;
        if let Some(name) = timezone {
            if DateFormat::new(&locales, &options(&[("timeZone", name)])).is_err() {
                warnings.push(format!(
                    "data-timezone=\"{name}\": not a time zone this browser knows; using the reader's zone"
                ));
                zone = None;
            }
        }
        let with_zone = |pairs: &[(&str, &str)]| {
            let object = options(pairs);
            if let Some(zone) = zone {
                set(&object, "timeZone", zone);
            }
            object
        };
        let absolute = with_zone(&[
            ("year", "numeric"),
            ("month", "long"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
        ]);
        let full = with_zone(&[("dateStyle", "full"), ("timeStyle", "long")]);
        let fields = match style {
            // Gregorian, whatever the language's own calendar: "%Y" and
            // "%B" mean the year and month of strftime, not of the
            // Japanese or Islamic calendar that "ja-u-ca-japanese" or
            // "ar-SA" would number them by.
            TimeStyle::Pattern(_) => FIELD_OPTIONS
                .iter()
                .map(|pairs| {
                    let options = with_zone(pairs);
                    set(&options, "calendar", "gregory");
                    date_format(&locales, &options)
                })
                .collect(),
            _ => Vec::new(),
        };
        let formatter = Self {
            style,
            fields,
            date_unknown: words.date_unknown,
            absolute: date_format(&locales, &absolute),
            full: date_format(&locales, &full),
            relative: RelativeFormat::new(&locales, &options(&[("numeric", "auto")]))
                .or_else(|_| RelativeFormat::new(&Array::new(), &Object::new()))
                .unwrap_or_else(|_| JsValue::UNDEFINED.unchecked_into()),
            relative_cache: RefCell::default(),
        };
        (formatter, warnings)
    }

    /// The label for `at` as seen at `now`; "date unknown" for `None`.
    pub fn label(&self, at: Option<EpochMillis>, now: EpochMillis) -> TimeText {
        let Some(at) = at else {
            return TimeText {
                iso: String::new(),
                text: self.date_unknown.into(),
            };
        };
        let date = at as f64;
        let label = match &self.style {
            TimeStyle::Auto => choose_label(at, now),
            TimeStyle::Relative => relative_label(at, now),
            TimeStyle::Absolute => TimeLabel::Absolute,
            TimeStyle::Pattern(tokens) => {
                let text = render_pattern(tokens, &self.date_fields(date));
                return TimeText {
                    iso: to_iso(at),
                    text,
                };
            }
        };
        // Each call crosses into Intl: the absolute text only when shown,
        // and a relative phrase ("3 days ago") once per widget.
        let absolute = || self.absolute.format(date).unwrap_or_else(|_| to_iso(at));
        let text = match label {
            TimeLabel::Absolute => absolute(),
            TimeLabel::Relative { amount, unit } => {
                let mut cache = self.relative_cache.borrow_mut();
                match cache.get(&(amount, unit)) {
                    Some(phrase) => phrase.clone(),
                    None => match self.relative.format(amount as f64, unit.as_intl()) {
                        Ok(phrase) => cache.entry((amount, unit)).or_insert(phrase).clone(),
                        Err(_) => absolute(),
                    },
                }
            }
        };
        TimeText {
            iso: to_iso(at),
            text,
        }
    }

    /// The full date, time and zone of `at`, for a tooltip. Asked only when
    /// the reader points at a time: one Intl call fewer per comment shown.
    pub fn tooltip(&self, at: EpochMillis) -> String {
        self.full.format(at as f64).unwrap_or_else(|_| to_iso(at))
    }
}

impl TimeFormatter {
    /// A date's fields in this formatter's zone and language, read from the
    /// parts of [`FIELD_OPTIONS`]' formatters.
    fn date_fields(&self, date: f64) -> DateFields {
        let mut fields = DateFields::default();
        for (index, formatter) in self.fields.iter().enumerate() {
            let Ok(parts) = formatter.format_to_parts(date) else {
                continue;
            };
            let parts: Vec<(String, String)> = parts
                .iter()
                .filter_map(|part| {
                    let get = |key: &str| {
                        Reflect::get(&part, &JsValue::from_str(key))
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    Some((get("type")?, get("value")?))
                })
                .collect();
            for (at, (kind, value)) in parts.iter().enumerate() {
                let value = value.clone();
                let number = || value.parse::<u32>().unwrap_or_default();
                // Each field from the formatter that asks for it: others
                // add the date in their own way (the zones' formatters, in
                // the language's digits and calendar).
                match (kind.as_str(), index) {
                    ("year", 0) => fields.year = value.parse().unwrap_or_default(),
                    ("month", 0) => fields.month = number(),
                    ("month", 1 | 2) => {
                        // Japanese names a month by its number: "12", then "月 ".
                        let mut name = value.clone();
                        if name.bytes().all(|b| b.is_ascii_digit()) {
                            if let Some((_, suffix)) =
                                parts.get(at + 1).filter(|(k, _)| k == "literal")
                            {
                                name.push_str(suffix.trim());
                            }
                        }
                        match index {
                            1 => fields.month_long = name,
                            _ => fields.month_short = name,
                        }
                    }
                    ("day", 0) => fields.day = number(),
                    ("hour", 0) => fields.hour = number() % 24,
                    ("minute", 0) => fields.minute = number(),
                    ("second", 0) => fields.second = number(),
                    ("weekday", 1) => fields.weekday_long = value,
                    ("weekday", 2) => fields.weekday_short = value,
                    ("dayPeriod", 3) => fields.day_period = value,
                    ("timeZoneName", 4) => fields.zone_name = value,
                    _ => {}
                }
            }
        }
        fields.offset_minutes = crate::time::offset_minutes(
            [
                i64::from(fields.year),
                i64::from(fields.month),
                i64::from(fields.day),
                i64::from(fields.hour),
                i64::from(fields.minute),
                i64::from(fields.second),
            ],
            date as EpochMillis,
        );
        fields
    }
}

/// What a pattern needs, one formatter each, in this order: numbers (Latin
/// digits, 24-hour), long then short month and weekday names, the day
/// period, then the zone's short name. (The offset is worked out from the
/// numbers: see [`crate::time::offset_minutes`].)
const FIELD_OPTIONS: &[&[(&str, &str)]] = &[
    &[
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
        ("hourCycle", "h23"),
        ("numberingSystem", "latn"),
    ],
    &[("month", "long"), ("weekday", "long")],
    &[("month", "short"), ("weekday", "short")],
    &[("hour", "numeric"), ("hour12", "true")],
    &[("timeZoneName", "short")],
];

impl TimeFormatter {
    /// Whether the label of `at` can change as the clock moves (a relative
    /// label, or one that may become relative); only those are refreshed.
    pub fn changes_over_time(&self, at: Option<EpochMillis>, now: EpochMillis) -> bool {
        match (&self.style, at) {
            (_, None) | (TimeStyle::Absolute | TimeStyle::Pattern(_), _) => false,
            (TimeStyle::Relative, _) => true,
            (TimeStyle::Auto, Some(at)) => {
                !matches!(choose_label(at, now), TimeLabel::Absolute) || at > now
            }
        }
    }
}

thread_local! {
    /// Added to the browser's clock: lets tests move time without waiting.
    static CLOCK_SHIFT: std::cell::Cell<EpochMillis> = const { std::cell::Cell::new(0) };
}

/// The current time from the browser's clock.
pub fn now() -> EpochMillis {
    Date::now() as EpochMillis + CLOCK_SHIFT.with(std::cell::Cell::get)
}

/// Moves kibitz's clock by `millis` (for tests of relative times); widgets
/// see it at their next refresh ([`crate::embed::refresh_times`]).
#[doc(hidden)]
pub fn shift_clock(millis: EpochMillis) {
    CLOCK_SHIFT.with(|shift| shift.set(shift.get() + millis));
}

fn locale_list(locale: Option<&str>) -> Array {
    let list = Array::new();
    if let Some(locale) = locale {
        list.push(&JsValue::from_str(locale));
    }
    list
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        set(&object, key, value);
    }
    object
}

fn set(object: &Object, key: &str, value: &str) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), &JsValue::from_str(value));
}

/// A formatter for these options, or the browser's default one if the
/// options are refused.
fn date_format(locales: &Array, options: &Object) -> DateFormat {
    DateFormat::new(locales, options)
        .or_else(|_| DateFormat::new(&Array::new(), &Object::new()))
        .unwrap_or_else(|_| JsValue::UNDEFINED.unchecked_into())
}
