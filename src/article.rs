//! The one normalised article record.
//!
//! Whatever a file looked like on disk — Markdown with TOML or YAML front matter, Pelican
//! headers, raw text saved off a news page or a saved web page — the loader turns it into an
//! [`Article`]. Everything after the loader reads
//! only this type.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// The outlet that published an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The outlet's name, e.g. "CBC News".
    pub name: String,
    /// The outlet's home page, when given.
    pub url: Option<String>,
}

/// One of an article's topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleTopic {
    /// The name: the declared topic's name, or the spelling the article used.
    pub name: String,
    /// The declared topic it is, as an index into the site's declared topics.
    pub declared: Option<usize>,
    /// Found by auto-tagging in the text rather than given in the front matter.
    pub inferred: bool,
}

/// One article, normalised.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file it came from, relative to the site root (e.g. `content/2016/01/x.md`).
    pub path: PathBuf,
    /// The headline.
    pub title: String,
    /// When it was published, in the site's timezone.
    pub date: DateTime<FixedOffset>,
    /// When it was last updated, in the site's timezone.
    pub updated: Option<DateTime<FixedOffset>>,
    /// The last part of its URL.
    pub slug: String,
    /// Its site-relative URL, starting with `/` and without the site's base path.
    pub url: String,
    /// A plain-text summary: the front matter's, or the first paragraph shortened.
    pub summary: String,
    /// Topics, one per topic: front-matter ones first, in their order, then inferred ones.
    pub topics: Vec<ArticleTopic>,
    /// Author names as written, one per author.
    pub authors: Vec<String>,
    /// The outlet.
    pub source: Option<Source>,
    /// The address of the original article on the outlet's site.
    pub original_url: Option<String>,
    /// A lead image: a URL or a site path.
    pub image: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// Every other front-matter key, for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The body as HTML.
    pub content: String,
    /// Words in the body.
    pub words: usize,
    /// The body as plain text, for the search index; empty when search or `[search] body`
    /// is off, so a large archive does not hold its text twice for nothing.
    pub text: String,
    /// Old site-relative URLs of the article, each written as a redirect to it.
    pub aliases: Vec<String>,
    /// The standfirst (dek): the sentence under the headline that sums the story up.
    pub standfirst: Option<String>,
    /// The byline as printed ("By Jane Doe, Global News"), when the source had one.
    pub byline: Option<String>,
    /// The line that said when the article appeared, as printed ("Posted: Nov 17, 2015 5:32
    /// PM ET | Last Updated: …"); the parsed dates are `date` and `updated`.
    pub dateline: Option<String>,
    /// Headlines of related stories the page pointed to ("READ MORE: …"), as text: a scraped
    /// page keeps the headline but not the link.
    pub related_headlines: Vec<String>,
    /// Videos (and other media) the page carried, described by their title, caption and length.
    pub media: Vec<Media>,
}

/// A video or other media item that accompanied an article, kept as its description: the
/// archive cannot host the media itself, but should not lose that it was there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Media {
    /// The media's title, e.g. "French ambassador on Paris attacks".
    pub title: String,
    /// Its caption or description, when the page gave one.
    pub caption: Option<String>,
    /// Its running time as printed, e.g. "10:38".
    pub duration: Option<String>,
}
