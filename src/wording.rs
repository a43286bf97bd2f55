//! How messages to the user are worded, where the same wording appears in several commands.
//!
//! `build`, `check`, `import` and `serve` all report counts ("1 article, 2 pages"); the
//! plural rule lives here once. It depends on nothing else in the crate.

/// The ending of a counted English noun: `""` for one, `"s"` otherwise (zero included:
/// "0 pages").
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What a summary line adds when broken files were left out (`--skip-broken`): nothing
/// when none were, else `; 2 broken files skipped`.
pub fn skipped_files(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!("; {n} broken file{} skipped", plural(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_and_zero_is_plural() {
        assert_eq!(
            format!("1 page{}, 0 error{}", plural(1), plural(0)),
            "1 page, 0 errors"
        );
    }
}
