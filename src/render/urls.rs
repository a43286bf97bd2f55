//! Where the site's pages are: site-relative URLs as paths under the base path, as full
//! addresses, and under each language's prefix.

use crate::config::Config;
use crate::permalink::encode;

/// Turns site-relative URLs into paths under the base path and full addresses.
#[derive(Debug, Clone)]
pub(super) struct Urls {
    base_path: String,
    base_url: String,
    /// Each language's prefix (see [`crate::config::Language::prefix`]), by its position
    /// in the archive's languages.
    prefixes: Vec<String>,
}

impl Urls {
    /// For `config`'s base URL.
    pub(super) fn new(config: &Config) -> Self {
        Urls {
            base_path: config.base_path.clone(),
            base_url: config.base_url.as_str().to_string(),
            prefixes: Vec::new(),
        }
    }

    /// These URLs with the languages' `prefixes`.
    pub(super) fn with_languages(self, prefixes: Vec<String>) -> Self {
        Urls { prefixes, ..self }
    }

    /// The prefix of language `lang` (a position in the archive's languages): empty for
    /// the default language.
    pub(super) fn lang(&self, lang: usize) -> &str {
        self.prefixes.get(lang).map_or("", String::as_str)
    }

    /// `/topics/` -> `/archive/topics/` under base path `/archive/`; percent-encoded as
    /// links must be (`/topics/日本/` -> `/archive/topics/%E6%97%A5%E6%9C%AC/`, see
    /// [`crate::permalink::encode`]).
    pub(super) fn path(&self, site_relative: &str) -> String {
        format!(
            "{}{}",
            self.base_path,
            encode(site_relative.trim_start_matches('/'))
        )
    }

    /// `/topics/` -> `https://example.org/archive/topics/`, percent-encoded as
    /// [`Urls::path`] is.
    pub(super) fn permalink(&self, site_relative: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            encode(site_relative.trim_start_matches('/'))
        )
    }

    /// Urls for a base path and base URL, for tests.
    #[cfg(test)]
    pub(super) fn for_tests(base_path: &str, base_url: &str) -> Self {
        Urls {
            base_path: base_path.into(),
            base_url: base_url.into(),
            prefixes: Vec::new(),
        }
    }
}
