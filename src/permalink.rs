//! Article URL patterns: `/:year/:month/:day/:slug/` and friends.
//!
//! A pattern is checked once, when `site.toml` is read; expanding it for an article can
//! still fail when the article's slug would make a URL that leaves the site (`..`, an
//! absolute path), which is reported against the article's file.

use chrono::{DateTime, Datelike, FixedOffset};

/// The tokens a permalink pattern may use.
pub(crate) const TOKENS: &[&str] = &[":year", ":month", ":day", ":slug", ":filename", ":section"];

/// An article URL pattern such as `/:year/:month/:day/:slug/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink {
    pattern: String,
}

/// What a pattern can refer to for one article.
pub struct Fields<'a> {
    /// The article's date, in the site's timezone.
    pub date: DateTime<FixedOffset>,
    /// The article's slug.
    pub slug: &'a str,
    /// The file name without its extension.
    pub filename: &'a str,
    /// The first folder under `content/`, or empty for files at its top.
    pub section: &'a str,
}

impl Permalink {
    /// The default pattern.
    pub const DEFAULT: &'static str = "/:year/:month/:day/:slug/";

    /// Checks a pattern: it starts with `/`, uses only known tokens and names each article
    /// (it has `:slug` or `:filename`).
    pub fn parse(pattern: &str) -> Result<Permalink, String> {
        if !pattern.starts_with('/') {
            return Err(format!("= {pattern:?} must start with /"));
        }
        for (i, _) in pattern.match_indices(':') {
            let rest = &pattern[i..];
            let known = TOKENS.iter().any(|t| {
                rest.starts_with(t)
                    && !rest[t.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            });
            if !known {
                let token: String = rest
                    .chars()
                    .take_while(|c| *c == ':' || c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                return Err(format!("= {pattern:?} has an unknown token `{token}`"));
            }
        }
        if !pattern.contains(":slug") && !pattern.contains(":filename") {
            return Err(format!(
                "= {pattern:?} has neither :slug nor :filename, so every article would get the same URL"
            ));
        }
        if pattern.split('/').any(|s| s == ".." || s == ".") || pattern.contains('\\') {
            return Err(format!(
                "= {pattern:?} has a `.` or `..` segment or a backslash"
            ));
        }
        Ok(Permalink {
            pattern: pattern.to_string(),
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The site-relative URL of an article (starting with `/`, without the base path), or why
    /// it cannot have one.
    pub fn expand(&self, fields: &Fields) -> Result<String, String> {
        let url = self
            .pattern
            .replace(":year", &format!("{:04}", fields.date.year()))
            .replace(":month", &format!("{:02}", fields.date.month()))
            .replace(":day", &format!("{:02}", fields.date.day()))
            .replace(":slug", fields.slug)
            .replace(":filename", fields.filename)
            .replace(":section", fields.section);
        // An empty :section leaves `//`; collapsed rather than make an odd URL.
        checked(&url)
    }
}

/// What [`encode`] escapes besides controls and non-ASCII: the characters RFC 3986 allows
/// nowhere in a path. `%` is kept, so a path written already escaped (`my%20photo.jpg`) is
/// not escaped twice, and so are `?` and `#`, which end a path.
const NOT_IN_PATHS: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A site path as it is written into pages, feeds, sitemaps and the search index: UTF-8
/// percent-encoded where a URL may not hold the character itself (`/2016/01/19/日本/` ->
/// `/2016/01/19/%E6%97%A5%E6%9C%AC/`), as Hugo writes them and as the sitemap protocol
/// requires of `<loc>`. The page's file keeps the characters themselves (see
/// [`crate::artifact::output_path`]); web servers decode the request before looking for it.
/// Borrowed when there is nothing to escape, as for every ASCII slug.
pub(crate) fn encode(path: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::utf8_percent_encode(path, NOT_IN_PATHS).into()
}

/// `url` with every run of slashes made one, when its file would be inside the output
/// folder (see [`crate::artifact::output_path`]); else why not.
pub(crate) fn checked(url: &str) -> Result<String, String> {
    let mut clean = String::with_capacity(url.len());
    for c in url.chars() {
        if !(c == '/' && clean.ends_with('/')) {
            clean.push(c);
        }
    }
    crate::artifact::output_path(&clean)?;
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(slug: &str) -> Fields<'_> {
        Fields {
            date: DateTime::parse_from_rfc3339("2016-01-19T10:00:00-05:00").unwrap(),
            slug,
            filename: "file",
            section: "",
        }
    }

    #[test]
    fn tokens_are_checked() {
        assert!(Permalink::parse("/:year/:slug/").is_ok());
        assert!(Permalink::parse("/:slug.html").is_ok());
        assert!(Permalink::parse("/:year/:slugs/").is_err());
        assert!(Permalink::parse(":slug/").is_err());
        assert!(Permalink::parse("/:year/").is_err());
        assert!(Permalink::parse("/../:slug/").is_err());
    }

    #[test]
    fn expands_dates_and_collapses_empty_sections() {
        let p = Permalink::parse(Permalink::DEFAULT).unwrap();
        assert_eq!(p.expand(&fields("canada")).unwrap(), "/2016/01/19/canada/");
        let p = Permalink::parse("/:section/:filename.html").unwrap();
        assert_eq!(p.expand(&fields("x")).unwrap(), "/file.html");
    }

    #[test]
    fn paths_are_percent_encoded_once() {
        assert_eq!(
            encode("/2016/01/19/日本/"),
            "/2016/01/19/%E6%97%A5%E6%9C%AC/"
        );
        assert_eq!(encode("/topics/québec/"), "/topics/qu%C3%A9bec/");
        assert_eq!(
            encode("/a b/my%20photo.jpg?w=1#top"),
            "/a%20b/my%20photo.jpg?w=1#top"
        );
        assert_eq!(
            encode("/x{1}|\"<>^`[]/"),
            "/x%7B1%7D%7C%22%3C%3E%5E%60%5B%5D/"
        );
        assert!(matches!(
            encode("/2016/01/19/canada-left-out/"),
            std::borrow::Cow::Borrowed(_)
        ));
        // Decoded, the encoded path is the page's path again.
        let path = "/ελλάδα/भारत-की/";
        let encoded = encode(path);
        assert!(encoded.is_ascii());
        assert_eq!(
            percent_encoding::percent_decode_str(&encoded)
                .decode_utf8()
                .unwrap(),
            path
        );
    }

    #[test]
    fn slugs_cannot_leave_the_site() {
        let p = Permalink::parse("/:slug/").unwrap();
        for bad in [
            "..",
            "../../etc",
            "a/../../b",
            "a\\b",
            "%2e%2e%2f",
            "%2E%2E",
        ] {
            assert!(p.expand(&fields(bad)).is_err(), "{bad}");
        }
    }
}
