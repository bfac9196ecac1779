//! Numbers below 100,000 in a language's own digits and grouping, learned
//! once from a few answers of `Intl.NumberFormat`: a big thread writes
//! thousands of comment numbers, and each call to `Intl` crosses into
//! JavaScript. Pure, so that it is tested natively against the answers
//! browsers give.

/// A language's digits and thousands separator, learned from `Intl`'s
/// 0 to 9, 1234 and 12345. Below 100,000 every grouping system writes
/// thousands alike (Indian lakh grouping starts at six digits); some
/// languages leave four-digit numbers ungrouped.
pub(super) struct SmallNumbers {
    digits: [char; 10],
    separator: String,
    groups_four: bool,
}

impl SmallNumbers {
    pub(super) fn learn(format: impl Fn(usize) -> String) -> Option<Self> {
        let mut digits = ['0'; 10];
        for (d, slot) in digits.iter_mut().enumerate() {
            let text = format(d);
            let mut chars = text.chars();
            *slot = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
        }
        let five = format(12_345);
        // As strings: an array of chars as a pattern matches any one of them.
        let head: String = [digits[1], digits[2]].iter().collect();
        let tail: String = [digits[3], digits[4], digits[5]].iter().collect();
        let separator = five
            .strip_prefix(head.as_str())?
            .strip_suffix(tail.as_str())?
            .to_string();
        let four = format(1234);
        let groups_four = four
            .strip_prefix(digits[1])
            .is_some_and(|rest| rest.starts_with(separator.as_str()));
        let small = Self {
            digits,
            separator,
            groups_four,
        };
        // Trust it only if it writes what it learned from.
        (small.write(1234).as_deref() == Some(four.as_str())
            && small.write(12_345).as_deref() == Some(five.as_str()))
        .then_some(small)
    }

    pub(super) fn write(&self, n: usize) -> Option<String> {
        if n >= 100_000 {
            return None;
        }
        let plain = n.to_string();
        let grouped = n >= 10_000 || (n >= 1_000 && self.groups_four);
        let mut out = String::with_capacity(plain.len() * 2 + self.separator.len());
        for (at, digit) in plain.bytes().enumerate() {
            if grouped && at == plain.len() - 3 {
                out.push_str(&self.separator);
            }
            out.push(self.digits[usize::from(digit - b'0')]);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::SmallNumbers;

    /// A formatter that answers as `Intl.NumberFormat` does in a language
    /// with `digits`, thousands `separator` and (or not) four-digit grouping.
    fn intl(
        digits: [char; 10],
        separator: &'static str,
        groups_four: bool,
    ) -> impl Fn(usize) -> String {
        move |n| {
            let plain: String = n
                .to_string()
                .bytes()
                .map(|b| digits[usize::from(b - b'0')])
                .collect();
            let grouped = n >= 10_000 || (n >= 1_000 && groups_four);
            if !grouped {
                return plain;
            }
            let cut = plain.char_indices().rev().nth(2).map_or(0, |(at, _)| at);
            format!("{}{separator}{}", &plain[..cut], &plain[cut..])
        }
    }

    const LATIN: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const ARABIC: [char; 10] = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];

    #[test]
    fn learns_english_and_writes_what_intl_writes() {
        let en = intl(LATIN, ",", true);
        let small = SmallNumbers::learn(&en).expect("English is learned");
        for n in [0, 7, 42, 999, 1_000, 1_234, 9_999, 10_000, 12_345, 99_999] {
            assert_eq!(small.write(n).as_deref(), Some(en(n).as_str()), "{n}");
        }
        assert_eq!(small.write(1_234).as_deref(), Some("1,234"));
    }

    #[test]
    fn learns_languages_that_leave_four_digits_ungrouped() {
        // Spanish and Polish: "1234" but "12 345" / "12.345".
        let es = intl(LATIN, ".", false);
        let small = SmallNumbers::learn(&es).expect("Spanish is learned");
        assert_eq!(small.write(1_234).as_deref(), Some("1234"));
        assert_eq!(small.write(12_345).as_deref(), Some("12.345"));
    }

    #[test]
    fn learns_other_digits_and_multibyte_separators() {
        let ar = intl(ARABIC, "٬", true);
        let small = SmallNumbers::learn(&ar).expect("Arabic is learned");
        assert_eq!(small.write(2_025).as_deref(), Some("٢٬٠٢٥"));
        assert_eq!(small.write(12_345).as_deref(), Some(ar(12_345).as_str()));
        // French groups with a narrow no-break space.
        let fr = intl(LATIN, "\u{202f}", true);
        let small = SmallNumbers::learn(&fr).expect("French is learned");
        assert_eq!(small.write(12_345).as_deref(), Some("12\u{202f}345"));
    }

    #[test]
    fn numbers_from_a_hundred_thousand_are_left_to_intl() {
        let small = SmallNumbers::learn(intl(LATIN, ",", true)).expect("learned");
        assert_eq!(small.write(99_999).as_deref(), Some("99,999"));
        assert_eq!(small.write(100_000), None);
    }

    #[test]
    fn refuses_what_it_cannot_write_simply() {
        // A digit written as two characters.
        assert!(SmallNumbers::learn(|n| format!("{n}{n}")).is_none());
        // Grouping that is not one separator before the last three digits.
        assert!(SmallNumbers::learn(|n| match n {
            12_345 => "1,23,45".to_string(),
            n => n.to_string(),
        })
        .is_none());
    }
}
