//! Output names that survive a copy to any host (issue 15): a site built on Linux is
//! deployed to macOS and Windows folders, case-insensitive buckets and CDNs, where names
//! that differ only by letter case or by Unicode normalisation (`é` as one code point or as
//! `e` and a combining accent) are one file, and where Windows refuses some names outright.
//! The build reports such names (see `Renderer::unportable_names`); `[build]
//! portable_names = true` makes them errors.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// Why one output path cannot be written on Windows, if it cannot: a part Windows reserves
/// (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, with any extension), a part
/// ending in a dot or a space, or a character Windows does not allow in names.
pub(crate) fn unportable(path: &Path) -> Option<String> {
    for part in path.iter() {
        let part = part.to_string_lossy();
        // (Compared in place: this runs over every file of a site whenever its plan changes.)
        let stem = part.split('.').next().unwrap_or("").trim_end().as_bytes();
        let reserved = match stem.len() {
            3 => [b"CON", b"PRN", b"AUX", b"NUL"]
                .iter()
                .any(|name| stem.eq_ignore_ascii_case(*name)),
            4 => {
                (stem[..3].eq_ignore_ascii_case(b"COM") || stem[..3].eq_ignore_ascii_case(b"LPT"))
                    && matches!(stem[3], b'1'..=b'9')
            }
            _ => false,
        };
        if reserved {
            return Some(format!("`{part}` is a name Windows reserves for a device"));
        }
        if part.ends_with(['.', ' ']) {
            return Some(format!(
                "`{part}` ends with a dot or a space, which Windows drops"
            ));
        }
        if let Some(c) = part.chars().find(|c| "<>:\"|?*".contains(*c)) {
            return Some(format!(
                "`{part}` holds `{c}`, which Windows does not allow"
            ));
        }
    }
    None
}

/// The pairs `(later, earlier)` of indices into `paths` whose paths differ only by letter
/// case or Unicode normalisation. One pass, a hash per path; a path of lower-case ASCII (the
/// usual slug) is its own key and costs no allocation.
pub(crate) fn clashes<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Vec<(usize, usize)> {
    let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let mut seen: HashMap<Cow<'a, str>, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (i, path) in paths.into_iter().enumerate() {
        let text = path.to_string_lossy();
        let key: Cow<'a, str> = if text
            .bytes()
            .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
        {
            text
        } else if text.is_ascii() {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Owned(nfc.normalize(&text.to_lowercase()).into_owned())
        };
        if let Some(earlier) = seen.get(&key) {
            pairs.push((i, *earlier));
        } else {
            seen.insert(key, i);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_windows_refuses_are_found() {
        for bad in [
            "con/index.html",
            "a/CON.html",
            "a/nul.tar.gz",
            "com1/index.html",
            "a/LPT9.xml",
            "a/b./index.html",
            "a/b /index.html",
            "a/what?/index.html",
            "a/x:y.html",
        ] {
            assert!(unportable(Path::new(bad)).is_some(), "{bad}");
        }
        for good in [
            "console/index.html",
            "com10/index.html",
            "com0/index.html",
            "a/connection.html",
            "a/b.c/index.html",
            "2016/01/19/café/index.html",
        ] {
            assert_eq!(unportable(Path::new(good)), None, "{good}");
        }
    }

    #[test]
    fn paths_equal_but_for_case_or_normalisation_clash() {
        let paths = [
            "2016/canada/index.html",
            "2016/Canada/index.html",
            "a/caf\u{e9}/index.html",
            "a/cafe\u{301}/index.html",
            "a/CAF\u{c9}/index.html",
            "a/other/index.html",
            "b/\u{130}/index.html",
        ];
        let pairs = clashes(paths.iter().map(Path::new));
        assert_eq!(pairs, vec![(1, 0), (3, 2), (4, 2)]);
        assert!(clashes(["a", "b", "c"].iter().map(Path::new)).is_empty());
    }
}
