//! The compact number code of the index's text files.
//!
//! Non-negative numbers are written in base 32, most significant digit first, every digit
//! but the last from the upper half of a 64-character alphabet. Numbers below 32 take one
//! character, below 1,024 two; the characters need no escaping in a URL, JSON or a line of
//! text, and a run of numbers needs no separator.

const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `n` to `out`.
pub fn encode(out: &mut String, n: u64) {
    let mut digits = [0u8; 13];
    let mut len = 0;
    let mut n = n;
    loop {
        digits[len] = (n % 32) as u8;
        len += 1;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let d = digits[i] + if i == 0 { 0 } else { 32 };
        out.push(ALPHABET[d as usize] as char);
    }
}

/// Ascending `ids` as the differences from one to the next (the first from 0), the form of
/// every id list the index writes.
pub fn deltas(ids: impl IntoIterator<Item = u64>) -> Vec<u8> {
    let mut text = String::new();
    let mut previous = 0;
    for id in ids {
        encode(&mut text, id - previous);
        previous = id;
    }
    text.into_bytes()
}

/// Reads numbers written by [`encode`]; None on a character outside the alphabet or a
/// number that overflows.
pub fn decode(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut value: u64 = 0;
    for c in text.bytes() {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'Z' => c - b'A' + 10,
            b'a'..=b'z' => c - b'a' + 36,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u64;
        if d >= 32 {
            value = value.checked_mul(32)?.checked_add(d - 32)?;
        } else {
            out.push(value.checked_mul(32)?.checked_add(d)?);
            value = 0;
        }
    }
    Some(out)
}

/// The numbers of `text` one at a time, each with the byte offset just past it, without
/// allocating; stops at a character outside the alphabet (as [`decode`] refuses it) or an
/// overflow.
pub(super) fn numbers(text: &str) -> Numbers<'_> {
    Numbers {
        bytes: text.as_bytes(),
        at: 0,
    }
}

/// See [`numbers`].
pub(super) struct Numbers<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for Numbers<'_> {
    type Item = (u64, usize);

    fn next(&mut self) -> Option<(u64, usize)> {
        let mut value: u64 = 0;
        while let Some(&c) = self.bytes.get(self.at) {
            self.at += 1;
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'A'..=b'Z' => c - b'A' + 10,
                b'a'..=b'z' => c - b'a' + 36,
                b'-' => 62,
                b'_' => 63,
                _ => return None,
            } as u64;
            if d >= 32 {
                value = value.checked_mul(32)?.checked_add(d - 32)?;
            } else {
                return Some((value.checked_mul(32)?.checked_add(d)?, self.at));
            }
        }
        None
    }
}
