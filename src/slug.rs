//! Turning names into URL slugs.
//!
//! One function so that an article's slug, a topic's and an author's are made the same way:
//! transliterated to ASCII ("Québec" -> `quebec`), lowercase, words joined by `-`.

/// Makes a URL slug from any text. Returns an empty string when the text has no letters or
/// digits in any script, which callers must treat as an error.
pub fn slugify(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::slugify;

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
    fn nothing_to_slug_is_empty() {
        assert_eq!(slugify("!!! ---"), "");
        assert_eq!(slugify(""), "");
    }
}
