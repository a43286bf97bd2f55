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
