//! Checks on web addresses written by users, in `site.toml` and in front matter.
//!
//! The configuration, the loader and the HTML importer all accept an outlet's or an image's
//! address only when it is an absolute http(s) URL; one definition keeps them agreeing, and
//! it depends on nothing else in the crate.

/// An absolute http(s) URL.
pub(crate) fn is_web_address(text: &str) -> bool {
    url::Url::parse(text).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
}
