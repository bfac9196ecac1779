//! `data-time-style`: auto, relative, absolute, or a strftime-like pattern
//! such as `%B %-d, %Y @ %-I:%M %P` ("January 21, 2019 @ 11:27 am"). This
//! module parses patterns and fills them from a date's fields; the fields
//! themselves, names included, come from the browser's Intl (`intl.rs`), so
//! month names and day periods are in the reader's language.

use std::fmt::Write as _;

/// How timestamps are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TimeStyle {
    /// Relative under seven days, absolute after.
    #[default]
    Auto,
    /// Always relative ("3 years ago").
    Relative,
    /// Always absolute.
    Absolute,
    /// The site owner's own pattern.
    Pattern(Vec<Token>),
}

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text shown as written.
    Literal(String),
    /// `%B`: full month name.
    MonthLong,
    /// `%b`: short month name.
    MonthShort,
    /// `%A`: full weekday name.
    WeekdayLong,
    /// `%a`: short weekday name.
    WeekdayShort,
    /// `%d` (padded) or `%-d`: day of the month.
    Day {
        /// Two digits.
        padded: bool,
    },
    /// `%m` (padded) or `%-m`: month number.
    Month {
        /// Two digits.
        padded: bool,
    },
    /// `%Y`: four-digit year.
    Year,
    /// `%y`: two-digit year.
    YearShort,
    /// `%H` (padded) or `%-H`: hour, 0–23.
    Hour24 {
        /// Two digits.
        padded: bool,
    },
    /// `%I` (padded) or `%-I`: hour, 1–12.
    Hour12 {
        /// Two digits.
        padded: bool,
    },
    /// `%M`: minutes, two digits.
    Minute,
    /// `%S`: seconds, two digits.
    Second,
    /// `%p`: day period as the locale writes it ("AM").
    DayPeriod,
    /// `%P`: day period in lower case ("am").
    DayPeriodLower,
    /// `%Z`: zone name ("EST", "GMT+5:30").
    ZoneName,
    /// `%z`: zone offset ("-0500").
    ZoneOffset,
}

/// A pattern that could not be parsed, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The pattern as written.
    pub pattern: String,
    /// Byte position of the problem.
    pub position: usize,
    /// What is wrong.
    pub problem: String,
}

impl PatternError {
    /// The problem and where, without the pattern (for a warning that
    /// already names the attribute and value).
    pub fn problem_at(&self) -> String {
        format!("{} at position {}", self.problem, self.position + 1)
    }
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "data-time-style=\"{}\": {} at position {}",
            self.pattern,
            self.problem,
            self.position + 1
        )
    }
}

/// Reads `data-time-style`.
///
/// ```
/// use kibitz::time_style::{parse_time_style, TimeStyle, Token};
/// assert_eq!(parse_time_style("relative"), Ok(TimeStyle::Relative));
/// let TimeStyle::Pattern(tokens) = parse_time_style("%-d %B").unwrap() else { panic!() };
/// assert_eq!(tokens, [Token::Day { padded: false }, Token::Literal(" ".into()), Token::MonthLong]);
/// assert!(parse_time_style("%Q").is_err());
/// ```
pub fn parse_time_style(value: &str) -> Result<TimeStyle, PatternError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "auto" => Ok(TimeStyle::Auto),
        "relative" => Ok(TimeStyle::Relative),
        "absolute" => Ok(TimeStyle::Absolute),
        _ => parse_pattern(value).map(TimeStyle::Pattern),
    }
}

/// Parses a strftime-like pattern; any text outside `%` codes is literal.
pub fn parse_pattern(pattern: &str) -> Result<Vec<Token>, PatternError> {
    let error = |position: usize, problem: String| PatternError {
        pattern: pattern.to_string(),
        position,
        problem,
    };
    let mut tokens = Vec::new();
    let mut literal = String::new();
    let mut chars = pattern.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '%' {
            literal.push(c);
            continue;
        }
        let unpadded = chars.next_if(|&(_, c)| c == '-').is_some();
        let Some((_, code)) = chars.next() else {
            return Err(error(at, "the pattern ends with a lone %".into()));
        };
        let token = match (code, unpadded) {
            ('%', false) => {
                literal.push('%');
                continue;
            }
            ('B', false) => Token::MonthLong,
            ('b', false) => Token::MonthShort,
            ('A', false) => Token::WeekdayLong,
            ('a', false) => Token::WeekdayShort,
            ('d', padded) => Token::Day { padded: !padded },
            ('m', padded) => Token::Month { padded: !padded },
            ('Y', false) => Token::Year,
            ('y', false) => Token::YearShort,
            ('H', padded) => Token::Hour24 { padded: !padded },
            ('I', padded) => Token::Hour12 { padded: !padded },
            ('M', false) => Token::Minute,
            ('S', false) => Token::Second,
            ('p', false) => Token::DayPeriod,
            ('P', false) => Token::DayPeriodLower,
            ('Z', false) => Token::ZoneName,
            ('z', false) => Token::ZoneOffset,
            (code, true) => return Err(error(at, format!("%-{code} has no unpadded form"))),
            (code, false) => return Err(error(at, format!("%{code} is not a pattern code"))),
        };
        if !literal.is_empty() {
            tokens.push(Token::Literal(std::mem::take(&mut literal)));
        }
        tokens.push(token);
    }
    if !literal.is_empty() {
        tokens.push(Token::Literal(literal));
    }
    if !tokens.iter().any(|t| !matches!(t, Token::Literal(_))) {
        return Err(error(
            0,
            "a pattern needs at least one % code (or use auto, relative, absolute)".into(),
        ));
    }
    Ok(tokens)
}

/// A date's fields in one zone and language, as Intl gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateFields {
    /// Full year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
    /// 0–59.
    pub second: u32,
    /// "January", "Januar".
    pub month_long: String,
    /// "Jan".
    pub month_short: String,
    /// "Monday".
    pub weekday_long: String,
    /// "Mon".
    pub weekday_short: String,
    /// "AM", "PM", or the locale's day period.
    pub day_period: String,
    /// "EST".
    pub zone_name: String,
    /// Minutes east of UTC.
    pub offset_minutes: i32,
}

/// Fills a pattern.
///
/// ```
/// use kibitz::time_style::{parse_pattern, render_pattern, DateFields};
/// let fields = DateFields { year: 2019, month: 1, day: 21, hour: 11, minute: 27,
///     month_long: "January".into(), day_period: "AM".into(), ..DateFields::default() };
/// let tokens = parse_pattern("%B %-d, %Y @ %-I:%M %P").unwrap();
/// assert_eq!(render_pattern(&tokens, &fields), "January 21, 2019 @ 11:27 am");
/// ```
pub fn render_pattern(tokens: &[Token], fields: &DateFields) -> String {
    let mut out = String::new();
    let number = |out: &mut String, n: i64, padded: bool| {
        let _ = if padded {
            write!(out, "{n:02}")
        } else {
            write!(out, "{n}")
        };
    };
    for token in tokens {
        match token {
            Token::Literal(text) => out.push_str(text),
            Token::MonthLong => out.push_str(&fields.month_long),
            Token::MonthShort => out.push_str(&fields.month_short),
            Token::WeekdayLong => out.push_str(&fields.weekday_long),
            Token::WeekdayShort => out.push_str(&fields.weekday_short),
            Token::Day { padded } => number(&mut out, fields.day.into(), *padded),
            Token::Month { padded } => number(&mut out, fields.month.into(), *padded),
            Token::Year => number(&mut out, fields.year.into(), false),
            Token::YearShort => number(&mut out, i64::from(fields.year).rem_euclid(100), true),
            Token::Hour24 { padded } => number(&mut out, fields.hour.into(), *padded),
            Token::Hour12 { padded } => {
                let hour = match fields.hour % 12 {
                    0 => 12,
                    h => h,
                };
                number(&mut out, hour.into(), *padded)
            }
            Token::Minute => number(&mut out, fields.minute.into(), true),
            Token::Second => number(&mut out, fields.second.into(), true),
            Token::DayPeriod => out.push_str(&fields.day_period),
            // Day periods that have case are Latin ("PM"); no case tables needed.
            Token::DayPeriodLower => out.push_str(&fields.day_period.to_ascii_lowercase()),
            Token::ZoneName => out.push_str(&fields.zone_name),
            Token::ZoneOffset => {
                let sign = if fields.offset_minutes < 0 { '-' } else { '+' };
                let minutes = fields.offset_minutes.unsigned_abs();
                let _ = write!(out, "{sign}{:02}{:02}", minutes / 60, minutes % 60);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> DateFields {
        DateFields {
            year: 2019,
            month: 1,
            day: 5,
            hour: 0,
            minute: 7,
            second: 3,
            month_long: "January".into(),
            month_short: "Jan".into(),
            weekday_long: "Saturday".into(),
            weekday_short: "Sat".into(),
            day_period: "AM".into(),
            zone_name: "EST".into(),
            offset_minutes: -300,
        }
    }

    macro_rules! renders {
        ($($name:ident: $pattern:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                let tokens = parse_pattern($pattern).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(render_pattern(&tokens, &fields()), $want);
            }
        )*};
    }

    renders! {
        classic_blog: "%B %-d, %Y @ %-I:%M %P" => "January 5, 2019 @ 12:07 am";
        padded_numbers: "%d/%m/%y %H:%M:%S" => "05/01/19 00:07:03";
        unpadded_numbers: "%-d.%-m. %-H:%M" => "5.1. 0:07";
        names: "%A, %a %b" => "Saturday, Sat Jan";
        twelve_hour_padded: "%I %p" => "12 AM";
        zone: "%H:%M %Z (%z)" => "00:07 EST (-0500)";
        percent_literal: "100%% at %Y" => "100% at 2019";
        unicode_literals: "%Y年%-m月%-d日" => "2019年1月5日";
    }

    #[test]
    fn zone_offsets_with_minutes_and_east_of_utc() {
        let tokens = parse_pattern("%z").unwrap();
        let kolkata = DateFields {
            offset_minutes: 330,
            ..fields()
        };
        assert_eq!(render_pattern(&tokens, &kolkata), "+0530");
        let chatham = DateFields {
            offset_minutes: 825,
            ..fields()
        };
        assert_eq!(render_pattern(&tokens, &chatham), "+1345");
    }

    macro_rules! rejects {
        ($($name:ident: $pattern:expr => $needle:expr;)*) => {$(
            #[test]
            fn $name() {
                let error = parse_time_style($pattern).unwrap_err();
                assert!(error.to_string().contains($needle), "{error}");
            }
        )*};
    }

    rejects! {
        unknown_code: "%Y-%Q" => "%Q is not a pattern code at position 4";
        lone_percent: "%Y %" => "lone %";
        unpadded_name: "%-B" => "%-B has no unpadded form";
        no_codes: "just text" => "needs at least one % code";
    }

    #[test]
    fn keywords_are_case_insensitive() {
        assert_eq!(parse_time_style(" Absolute "), Ok(TimeStyle::Absolute));
        assert_eq!(parse_time_style("AUTO"), Ok(TimeStyle::Auto));
    }
}
