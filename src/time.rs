//! Timestamps: parsing the forms a thread may use (RFC 3339 text, Unix
//! seconds or milliseconds), writing ISO 8601 for the time label's `data-datetime`, and
//! choosing between a relative and an absolute label. The current time is
//! always passed in; the words themselves come from the browser's Intl API
//! (see `intl.rs`), so no calendar or zone data lives here.

/// Milliseconds since the Unix epoch, UTC.
pub type EpochMillis = i64;

/// What a comment's time label shows for one timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeText {
    /// ISO 8601 for the `datetime` attribute; empty when the date is unknown.
    pub iso: String,
    /// What the reader sees: "3 hours ago" or "January 21, 2019, 11:27 AM".
    pub text: String,
}

/// Unix times above this are taken as milliseconds, below as seconds
/// (1e11 seconds is the year 5138; 1e11 milliseconds is March 1973).
const MILLIS_THRESHOLD: f64 = 1e11;

/// The latest instant accepted: the end of year 9999.
const MAX_MILLIS: EpochMillis = 253_402_300_799_999;
/// The earliest instant accepted: the start of year 0000.
const MIN_MILLIS: EpochMillis = -62_167_219_200_000;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// Labels stay relative for this long, then become absolute dates.
const RELATIVE_SPAN: i64 = 7 * DAY;
/// A timestamp this far in the future is clock skew and still reads "now".
const SKEW_ALLOWANCE: i64 = MINUTE;

/// Parses a Unix time: seconds, or milliseconds when above 1e11.
///
/// ```
/// assert_eq!(kibitz::time::from_unix(1_548_070_020.0), Some(1_548_070_020_000));
/// assert_eq!(kibitz::time::from_unix(1_548_070_020_000.0), Some(1_548_070_020_000));
/// assert_eq!(kibitz::time::from_unix(f64::NAN), None);
/// ```
pub fn from_unix(value: f64) -> Option<EpochMillis> {
    if !value.is_finite() {
        return None;
    }
    let millis = if value.abs() > MILLIS_THRESHOLD {
        value
    } else {
        value * 1000.0
    };
    let millis = millis.round();
    if millis < MIN_MILLIS as f64 || millis > MAX_MILLIS as f64 {
        return None;
    }
    Some(millis as EpochMillis)
}

/// Parses an RFC 3339 timestamp such as `2019-01-21T11:27:00-05:00`.
///
/// Also accepts a space or lower-case `t` between date and time, lower-case
/// `z`, and any number of fraction digits. A date without a time or zone is
/// rejected: it names no instant.
///
/// ```
/// assert_eq!(kibitz::time::parse_rfc3339("1970-01-01T00:00:01Z"), Some(1000));
/// assert_eq!(kibitz::time::parse_rfc3339("1970-01-01T01:00:00+01:00"), Some(0));
/// assert_eq!(kibitz::time::parse_rfc3339("yesterday"), None);
/// ```
pub fn parse_rfc3339(text: &str) -> Option<EpochMillis> {
    let s = text.trim().as_bytes();
    if s.len() < 20 {
        return None;
    }
    let year = digits(s, 0, 4)?;
    expect(s, 4, b'-')?;
    let month = digits(s, 5, 2)?;
    expect(s, 7, b'-')?;
    let day = digits(s, 8, 2)?;
    if !matches!(s[10], b'T' | b't' | b' ') {
        return None;
    }
    let hour = digits(s, 11, 2)?;
    expect(s, 13, b':')?;
    let minute = digits(s, 14, 2)?;
    expect(s, 16, b':')?;
    let second = digits(s, 17, 2)?;
    let mut pos = 19;
    let mut millis = 0;
    if s.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while s.get(pos).is_some_and(u8::is_ascii_digit) {
            if pos - start < 3 {
                millis = millis * 10 + i64::from(s[pos] - b'0');
            }
            pos += 1;
        }
        if pos == start {
            return None;
        }
        for _ in (pos - start)..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match s.get(pos)? {
        b'Z' | b'z' if pos + 1 == s.len() => 0,
        sign @ (b'+' | b'-') if pos + 6 == s.len() => {
            let h = digits(s, pos + 1, 2)?;
            expect(s, pos + 3, b':')?;
            let m = digits(s, pos + 4, 2)?;
            if h > 23 || m > 59 {
                return None;
            }
            let total = h * 60 + m;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    // 60 allows a leap second; it is folded into the next minute.
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let local = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
    Some(local - offset_minutes * 60_000)
}

fn digits(s: &[u8], start: usize, len: usize) -> Option<i64> {
    let slice = s.get(start..start + len)?;
    slice.iter().try_fold(0i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

fn expect(s: &[u8], pos: usize, byte: u8) -> Option<()> {
    (s.get(pos) == Some(&byte)).then_some(())
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Minutes east of UTC of a zone whose wall clock read `wall` (year,
/// month, day, hour, minute, second) at the instant `at`: the wall clock
/// read as if it were UTC, less the instant, to the second. (Read from the
/// fields Intl gives in the zone, this needs no formatter of its own, nor
/// its name for the offset: "GMT+9" in one language, "غرينتش+٩" in another.)
///
/// ```
/// // 2019-01-21T16:27:00.500Z is 01:27:00 the next day in Tokyo.
/// assert_eq!(kibitz::time::offset_minutes([2019, 1, 22, 1, 27, 0], 1_548_088_020_500), 540);
/// ```
pub fn offset_minutes(wall: [i64; 6], at: EpochMillis) -> i32 {
    let [year, month, day, hour, minute, second] = wall;
    let wall_seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    let difference = wall_seconds - at.div_euclid(1_000);
    // Rounded to the minute: some historical zones were seconds off it.
    (difference as f64 / 60.0).round() as i32
}

/// The inverse of [`days_from_civil`]: (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Writes an instant as ISO 8601 in UTC, for `data-datetime`.
///
/// ```
/// assert_eq!(kibitz::time::to_iso(1_548_070_020_000), "2019-01-21T11:27:00Z");
/// assert_eq!(kibitz::time::to_iso(1), "1970-01-01T00:00:00.001Z");
/// ```
pub fn to_iso(at: EpochMillis) -> String {
    let days = at.div_euclid(DAY);
    let in_day = at.rem_euclid(DAY);
    let (year, month, day) = civil_from_days(days);
    let (h, m) = (in_day / HOUR, in_day % HOUR / MINUTE);
    let (s, ms) = (in_day % MINUTE / 1000, in_day % 1000);
    if !(0..=9999).contains(&year) {
        return iso_formatted(year, [month, day, h, m, s], ms);
    }
    // Digit by digit: every comment's time carries this attribute, and
    // the formatting machinery took seven padded-integer calls for each.
    // (Every field is at least 0 here: the year was checked, the rest are
    // remainders.)
    let mut iso = String::with_capacity(24);
    push_digits(&mut iso, year as u64, 4);
    for (separator, value) in [('-', month), ('-', day), ('T', h), (':', m), (':', s)] {
        iso.push(separator);
        push_digits(&mut iso, value as u64, 2);
    }
    if ms != 0 {
        iso.push('.');
        push_digits(&mut iso, ms as u64, 3);
    }
    iso.push('Z');
    iso
}

/// [`to_iso`] through `format!`, for years outside 0000 to 9999 (a sign,
/// or a fifth digit).
fn iso_formatted(year: i64, [month, day, h, m, s]: [i64; 5], ms: i64) -> String {
    if ms == 0 {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
    }
}

/// Writes `value` in ASCII digits, zero-padded to at least `width`,
/// without the formatting machinery: the widget writes numbers this way
/// once or more per comment (times' ISO attributes, content ids).
pub fn push_digits(out: &mut String, value: u64, width: usize) {
    let mut digits = [0_u8; 20];
    let mut at = digits.len();
    let mut rest = value;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in digits.len() - at..width {
        out.push('0');
    }
    // The digits in one piece: a push per digit was a call per digit in the
    // engine's first, unoptimised code. (Only ASCII digits were written.)
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// The unit of a relative label, named as `Intl.RelativeTimeFormat` wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelativeUnit {
    /// Seconds ("now" when zero).
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months (of 30 days, for labels).
    Month,
    /// Years (of 365 days, for labels).
    Year,
}

impl RelativeUnit {
    /// The unit's name in `Intl.RelativeTimeFormat.prototype.format`.
    pub fn as_intl(self) -> &'static str {
        match self {
            Self::Second => "second",
            Self::Minute => "minute",
            Self::Hour => "hour",
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// How a timestamp should be shown to a reader at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLabel {
    /// "3 hours ago": `amount` is zero or negative (in the past), in `unit`s.
    Relative {
        /// Signed count of units, as `Intl.RelativeTimeFormat` takes it.
        amount: i64,
        /// The unit counted.
        unit: RelativeUnit,
    },
    /// A calendar date and time.
    Absolute,
}

/// Chooses the label for `at`, seen at `now`: relative within the last seven
/// days, absolute before that and for anything in the future beyond a minute
/// of clock skew.
///
/// ```
/// use kibitz::time::{choose_label, RelativeUnit, TimeLabel};
/// let now = 1_000_000_000_000;
/// assert_eq!(
///     choose_label(now - 3 * 3_600_000, now),
///     TimeLabel::Relative { amount: -3, unit: RelativeUnit::Hour }
/// );
/// assert_eq!(choose_label(now - 30 * 86_400_000, now), TimeLabel::Absolute);
/// ```
pub fn choose_label(at: EpochMillis, now: EpochMillis) -> TimeLabel {
    let age = now - at;
    if !(-SKEW_ALLOWANCE..RELATIVE_SPAN).contains(&age) {
        return TimeLabel::Absolute;
    }
    let age = age.max(0);
    let (amount, unit) = if age < 45_000 {
        (0, RelativeUnit::Second)
    } else if age < HOUR {
        ((age / MINUTE).max(1), RelativeUnit::Minute)
    } else if age < DAY {
        (age / HOUR, RelativeUnit::Hour)
    } else {
        (age / DAY, RelativeUnit::Day)
    };
    TimeLabel::Relative {
        amount: -amount,
        unit,
    }
}

/// Like [`choose_label`], but relative at any age (`data-time-style="relative"`):
/// weeks, then months, then years. The future beyond skew stays absolute.
///
/// ```
/// use kibitz::time::{relative_label, RelativeUnit, TimeLabel};
/// let now = 1_000_000_000_000;
/// assert_eq!(
///     relative_label(now - 400 * 86_400_000, now),
///     TimeLabel::Relative { amount: -1, unit: RelativeUnit::Year }
/// );
/// ```
pub fn relative_label(at: EpochMillis, now: EpochMillis) -> TimeLabel {
    let age = now - at;
    if age < RELATIVE_SPAN {
        return choose_label(at, now);
    }
    let (amount, unit) = if age < 30 * DAY {
        (age / (7 * DAY), RelativeUnit::Week)
    } else if age < 365 * DAY {
        (age / (30 * DAY), RelativeUnit::Month)
    } else {
        (age / (365 * DAY), RelativeUnit::Year)
    };
    TimeLabel::Relative {
        amount: -amount,
        unit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! rfc3339 {
        ($($name:ident: $text:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(parse_rfc3339($text), $want, "parsing {:?}", $text);
            }
        )*};
    }

    rfc3339! {
        utc_z: "2019-01-21T11:27:00Z" => Some(1_548_070_020_000);
        negative_offset: "2019-01-21T06:27:00-05:00" => Some(1_548_070_020_000);
        positive_offset: "2019-01-21T16:57:00+05:30" => Some(1_548_070_020_000);
        fraction_millis: "2019-01-21T11:27:00.250Z" => Some(1_548_070_020_250);
        fraction_micros_truncate: "2019-01-21T11:27:00.123456Z" => Some(1_548_070_020_123);
        fraction_one_digit: "2019-01-21T11:27:00.5Z" => Some(1_548_070_020_500);
        space_separator: "2019-01-21 11:27:00Z" => Some(1_548_070_020_000);
        lower_case: "2019-01-21t11:27:00z" => Some(1_548_070_020_000);
        surrounding_whitespace: "  2019-01-21T11:27:00Z\n" => Some(1_548_070_020_000);
        leap_day: "2020-02-29T00:00:00Z" => Some(1_582_934_400_000);
        before_epoch: "1969-12-31T23:59:59Z" => Some(-1000);
        not_leap_day: "2019-02-29T00:00:00Z" => None;
        month_13: "2019-13-01T00:00:00Z" => None;
        hour_24: "2019-01-01T24:00:00Z" => None;
        no_zone: "2019-01-21T11:27:00" => None;
        date_only: "2019-01-21" => None;
        empty_fraction: "2019-01-21T11:27:00.Z" => None;
        trailing_garbage: "2019-01-21T11:27:00Zjunk" => None;
        bad_offset: "2019-01-21T11:27:00+25:00" => None;
        words: "last Tuesday" => None;
        empty: "" => None;
        non_ascii: "２０１９-01-21T11:27:00Z" => None;
    }

    macro_rules! unix {
        ($($name:ident: $value:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(from_unix($value), $want);
            }
        )*};
    }

    unix! {
        unix_seconds: 1_548_070_020.0 => Some(1_548_070_020_000);
        unix_millis: 1_548_070_020_000.0 => Some(1_548_070_020_000);
        unix_threshold_is_seconds: 1e11 => Some(100_000_000_000_000);
        unix_zero: 0.0 => Some(0);
        unix_fractional_seconds: 1.5 => Some(1500);
        unix_infinite: f64::INFINITY => None;
        unix_nan: f64::NAN => None;
        unix_beyond_year_9999: 1e16 => None;
    }

    #[test]
    fn iso_round_trips_through_parse() {
        for at in [
            0,
            1,
            -1,
            951_782_400_000,
            1_548_070_020_250,
            MAX_MILLIS,
            MIN_MILLIS,
        ] {
            assert_eq!(parse_rfc3339(&to_iso(at)), Some(at), "{at}");
        }
    }

    #[test]
    fn iso_written_digit_by_digit_matches_format() {
        // Every millisecond field value and every year from 0000 to 9999
        // meets the digit-by-digit writer; the bounds go through `format!`.
        let mut at = days_from_civil(0, 1, 1) * DAY;
        let end = days_from_civil(10_000, 1, 1) * DAY;
        let mut step = 0_i64;
        while at < end {
            let days = at.div_euclid(DAY);
            let in_day = at.rem_euclid(DAY);
            let (year, month, day) = civil_from_days(days);
            let fields = [
                month,
                day,
                in_day / HOUR,
                in_day % HOUR / MINUTE,
                in_day % MINUTE / 1000,
            ];
            assert_eq!(
                to_iso(at),
                iso_formatted(year, fields, in_day % 1000),
                "{at}"
            );
            step += 1;
            at += 86_399_997 + step * 7_919;
        }
        assert_eq!(to_iso(MAX_MILLIS), "9999-12-31T23:59:59.999Z");
        assert_eq!(to_iso(MIN_MILLIS), "0000-01-01T00:00:00Z");
        // Outside what a thread can say, still written as `format!` would.
        assert_eq!(to_iso(MAX_MILLIS + 1), "10000-01-01T00:00:00Z");
        assert_eq!(to_iso(MIN_MILLIS - DAY), "-001-12-31T00:00:00Z");
    }

    #[test]
    fn offset_is_the_wall_clock_less_the_instant() {
        let at = 1_548_088_020_000; // 2019-01-21T16:27:00Z
        assert_eq!(offset_minutes([2019, 1, 21, 16, 27, 0], at), 0);
        // Kolkata, +05:30.
        assert_eq!(offset_minutes([2019, 1, 21, 21, 57, 0], at), 330);
        // New York, -05:00: the day before only by the clock, not here.
        assert_eq!(offset_minutes([2019, 1, 21, 11, 27, 0], at), -300);
        // Chatham, +13:45, across midnight.
        assert_eq!(offset_minutes([2019, 1, 22, 6, 12, 0], at), 825);
        // Across a year's end, and before 1970.
        assert_eq!(offset_minutes([1969, 12, 31, 19, 0, 0], 0), -300);
        assert_eq!(offset_minutes([1970, 1, 1, 9, 0, 0], 0), 540);
        // An instant with milliseconds, a minute off by seconds (LMT).
        assert_eq!(offset_minutes([1970, 1, 1, 0, 0, 0], 999), 0);
        assert_eq!(offset_minutes([1970, 1, 1, 0, 9, 21], 0), 9);
    }

    #[test]
    fn civil_conversion_agrees_for_every_day_of_four_centuries() {
        let start = days_from_civil(1800, 1, 1);
        for d in start..start + 146_097 {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
        }
    }

    const NOW: EpochMillis = 1_700_000_000_000;

    fn rel(amount: i64, unit: RelativeUnit) -> TimeLabel {
        TimeLabel::Relative { amount, unit }
    }

    macro_rules! label {
        ($($name:ident: $age:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(choose_label(NOW - $age, NOW), $want);
            }
        )*};
    }

    label! {
        label_just_now: 10_000 => rel(0, RelativeUnit::Second);
        label_small_skew_is_now: -30_000 => rel(0, RelativeUnit::Second);
        label_future_is_absolute: -2 * HOUR => TimeLabel::Absolute;
        label_one_minute: 50_000 => rel(-1, RelativeUnit::Minute);
        label_minutes_floor: 59 * MINUTE + 59_000 => rel(-59, RelativeUnit::Minute);
        label_hours: 3 * HOUR + 59 * MINUTE => rel(-3, RelativeUnit::Hour);
        label_days: 2 * DAY + HOUR => rel(-2, RelativeUnit::Day);
        label_six_days: 7 * DAY - 1 => rel(-6, RelativeUnit::Day);
        label_a_week_is_absolute: 7 * DAY => TimeLabel::Absolute;
        label_years_is_absolute: 3000 * DAY => TimeLabel::Absolute;
    }

    macro_rules! relative {
        ($($name:ident: $age:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(relative_label(NOW - $age, NOW), $want);
            }
        )*};
    }

    relative! {
        relative_hours: 3 * HOUR => rel(-3, RelativeUnit::Hour);
        relative_weeks: 20 * DAY => rel(-2, RelativeUnit::Week);
        relative_months: 100 * DAY => rel(-3, RelativeUnit::Month);
        relative_years: 800 * DAY => rel(-2, RelativeUnit::Year);
        relative_future_is_absolute: -2 * DAY => TimeLabel::Absolute;
    }
}
