//! Hashing sequences of pieces so that where one piece ends is part of the hash: the
//! fingerprint, the record cache's key, page keys and the plan hash all hash several pieces
//! in a row, and ("ab", "c") must not hash as ("a", "bc").

use xxhash_rust::xxh3::Xxh3;

/// A 128-bit hash of length-prefixed pieces.
#[derive(Clone, Default)]
pub(crate) struct Pieces(Xxh3);

impl Pieces {
    /// An empty hash.
    pub(crate) fn new() -> Pieces {
        Pieces(Xxh3::new())
    }

    /// Adds one piece, prefixed with its length.
    pub(crate) fn put(&mut self, bytes: &[u8]) {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// Adds bytes as they are, for what has a fixed length or is framed already.
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The hasher, for values that hash themselves (`std::hash::Hash`, serializers).
    pub(crate) fn inner(&mut self) -> &mut Xxh3 {
        &mut self.0
    }

    /// The hash of every piece added so far.
    pub(crate) fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

#[cfg(test)]
mod tests {
    use super::Pieces;

    #[test]
    fn where_a_piece_ends_is_part_of_the_hash() {
        let of = |pieces: &[&str]| {
            let mut h = Pieces::new();
            for p in pieces {
                h.put(p.as_bytes());
            }
            h.finish()
        };
        assert_ne!(of(&["ab", "c"]), of(&["a", "bc"]));
        assert_ne!(of(&["", "a"]), of(&["a", ""]));
        assert_eq!(of(&["a", "b"]), of(&["a", "b"]));
    }
}
