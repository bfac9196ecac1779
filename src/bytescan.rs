//! Finding the next byte of interest eight bytes at a time. Comment text is
//! long runs of ordinary bytes between the few that matter (a quote, an
//! `&`, a colon), and the first load of a thread runs the widget's code
//! before the browser has optimised it, when a loop over single bytes is
//! several times slower than one over words.
//!
//! ```
//! use kibitz::bytescan::{position_from, word_has};
//! let text = b"plain words, then a colon: here";
//! let at = position_from(text, 0, |w| word_has(w, b':'), |b| b == b':');
//! assert_eq!(at, 25);
//! assert_eq!(position_from(text, 26, |w| word_has(w, b':'), |b| b == b':'), text.len());
//! ```

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is zero. Exact as a yes-or-no answer (the
/// classic test's stray high bits only ever follow a real zero byte).
#[inline]
pub fn has_zero_byte(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether any byte of `word` is `byte`.
#[inline]
pub fn word_has(word: u64, byte: u8) -> bool {
    has_zero_byte(word ^ (ONES * u64::from(byte)))
}

/// Whether any byte of `word` is below `limit` (at most 0x80).
#[inline]
pub fn word_has_below(word: u64, limit: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS != 0
}

/// The first index at or after `from` whose byte is `wanted`, or
/// `bytes.len()`. `maybe` answers for eight bytes at once, read as a
/// little-endian word; it must say yes whenever one of them is wanted (a
/// yes for a word without one only costs a bytewise look at it).
#[inline]
pub fn position_from(
    bytes: &[u8],
    mut from: usize,
    maybe: impl Fn(u64) -> bool,
    wanted: impl Fn(u8) -> bool,
) -> usize {
    while let Some(word) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        if maybe(word) {
            break;
        }
        from += 8;
    }
    while from < bytes.len() && !wanted(bytes[from]) {
        from += 1;
    }
    from
}
