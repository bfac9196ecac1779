//! Shared by the tests that make their own inputs (`tests/security.rs`,
//! `tests/odd_inputs.rs`, and `src/normalize/mutations.rs` through a
//! `#[path]`): a seeded generator and the text of a caught panic.
#![allow(dead_code)] // each test uses its own part

use std::any::Any;

/// xorshift64*: small, fast, and the same sequence on every machine, so a
/// failure found once is found again.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items` (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The message of a panic caught by `catch_unwind`.
pub fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(ToString::to_string))
        .unwrap_or_else(|| "a panic without a message".into())
}

/// The first ten of `failures`, a line each, for an assertion's message.
pub fn first_ten(failures: &[String]) -> String {
    failures
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}
