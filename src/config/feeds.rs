//! The `[feeds]` choices of format and content: which feed files each feed subject (the
//! site, a topic, an author, an outlet, in each language) gets, and whether entries carry
//! the whole article (issue 19).

use std::path::Path;

use crate::error::Diagnostic;
use crate::position::key_line;

/// A feed format (`[feeds] formats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedFormat {
    /// Atom 1.0, `feed.xml`.
    Atom,
    /// RSS 2.0, `rss.xml`.
    Rss,
    /// JSON Feed 1.1, `feed.json`.
    Json,
}

impl FeedFormat {
    /// Every format, as site.toml names them.
    pub const ALL: &'static [(&'static str, FeedFormat)] = &[
        ("atom", FeedFormat::Atom),
        ("rss", FeedFormat::Rss),
        ("json", FeedFormat::Json),
    ];

    /// The file a feed of this format is written to, in its subject's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Atom => "feed.xml",
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Json => "feed.json",
        }
    }

    /// Its name, for a link's text.
    pub fn name(self) -> &'static str {
        match self {
            FeedFormat::Atom => "Atom",
            FeedFormat::Rss => "RSS",
            FeedFormat::Json => "JSON Feed",
        }
    }

    /// Its media type, for `<link rel="alternate" type>`.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }
}

/// What a feed entry carries (`[feeds] content`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedContent {
    /// The whole article as HTML, with its summary.
    Full,
    /// The summary alone.
    Summary,
}

/// Resolves `formats` (default: Atom alone) and `content` (default: full), reporting each
/// problem at its line.
pub(super) fn resolve(
    file: &Path,
    text: &str,
    formats: Option<Vec<String>>,
    content: Option<String>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<FeedFormat>, FeedContent) {
    let at = |key: &str, message: String, help: &str| {
        let d = Diagnostic::new(file, message).help(help);
        match key_line(text, key) {
            Some(line) => d.at_line(line),
            None => d,
        }
    };
    let names = || {
        FeedFormat::ALL
            .iter()
            .map(|(n, _)| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut resolved = Vec::new();
    for name in formats.unwrap_or_else(|| vec!["atom".to_string()]) {
        match FeedFormat::ALL.iter().find(|(n, _)| *n == name) {
            Some((_, f)) if !resolved.contains(f) => resolved.push(*f),
            Some(_) => {}
            None => problems.push(at(
                "formats",
                format!("`feeds.formats` has {name:?}, which is not a feed format"),
                &format!(
                    "use some of {}, e.g. formats = [\"atom\", \"rss\"]",
                    names()
                ),
            )),
        }
    }
    if resolved.is_empty() && problems.is_empty() {
        problems.push(at(
            "formats",
            "`feeds.formats` is empty".into(),
            "list at least one format, e.g. formats = [\"atom\"]",
        ));
    }
    resolved.sort();
    let content = match content.as_deref() {
        None | Some("full") => FeedContent::Full,
        Some("summary") => FeedContent::Summary,
        Some(other) => {
            problems.push(at(
                "content",
                format!("`feeds.content` = {other:?} is neither \"full\" nor \"summary\""),
                "write content = \"summary\" for entries without the article's text",
            ));
            FeedContent::Full
        }
    };
    (resolved, content)
}
