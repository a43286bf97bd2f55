//! Turning names into URL slugs.
//!
//! One function so that an article's slug, a topic's and an author's are made the same way:
//! transliterated to ASCII ("Québec" -> `quebec`), lowercase, words joined by `-`.

/// Makes a URL slug from any text. Returns an empty string when the text has no letters or
/// digits in any script, which callers must treat as an error.
pub(crate) fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            // Apostrophes vanish ("Canada's" -> "canadas") as readers expect; everything else
            // separates words.
            dash = true;
        }
    }
    slug
}

/// A slug made from a headline, cut at a word boundary to at most `max` bytes: a scraped
/// headline with its standfirst can be hundreds of characters, longer than a file name may be.
pub(crate) fn slugify_headline(text: &str, max: usize) -> String {
    let slug = slugify(text);
    if slug.len() <= max {
        return slug;
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(dash) if dash > max / 2 => cut[..dash].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{slugify, slugify_headline};

    #[test]
    fn transliterates_and_joins_words() {
        assert_eq!(slugify("Québec"), "quebec");
        assert_eq!(
            slugify("Canada left out of anti-ISIS meeting"),
            "canada-left-out-of-anti-isis-meeting"
        );
        assert_eq!(slugify("  Harjit  Sajjan "), "harjit-sajjan");
        assert_eq!(slugify("Canada’s 'robust' role"), "canadas-robust-role");
        assert_eq!(slugify("Renée Filiatrault"), "renee-filiatrault");
        assert_eq!(slugify("Ελλάδα"), "ellada");
    }

    #[test]
    fn long_headlines_are_cut_at_a_word() {
        let long =
            "Canada left out of international anti-ISIS coalition meeting in Paris ".repeat(5);
        let slug = slugify_headline(&long, 80);
        assert!(slug.len() <= 80, "{slug}");
        assert!(
            slug.ends_with("coalition") || !slug.ends_with('-'),
            "{slug}"
        );
        assert_eq!(slugify_headline("Short one", 80), "short-one");
    }

    #[test]
    fn nothing_to_slug_is_empty() {
        assert_eq!(slugify("!!! ---"), "");
        assert_eq!(slugify(""), "");
    }
}
