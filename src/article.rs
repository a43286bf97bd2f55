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
    /// The body as HTML and as plain text (for the search index), packed.
    pub body: Body,
    /// Words in the body.
    pub words: usize,
    /// Whether the body links to other articles by `@/` path, to be resolved once every
    /// article is loaded (see [`crate::links`]); saves unpacking every other body.
    pub links_to_articles: bool,
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

/// An article's body, as HTML and as plain text, kept compressed in memory (LZ4): a build
/// holds every article for its whole length, and at 100,000 articles the bodies as plain
/// strings were most of 1.7 GB (issue 7). The two are packed together because the text is
/// the HTML's words again, which LZ4 then stores as back-references for a few bytes each;
/// unpacking one body takes microseconds, once per page or feed entry that shows it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// `html` then `text`, compressed; empty when both are.
    packed: Box<[u8]>,
    /// Where the HTML ends in the unpacked bytes.
    html_len: usize,
}

impl Body {
    /// Packs a body's HTML and its plain text (empty when nothing needs it).
    pub fn new(html: &str, text: &str) -> Body {
        if html.is_empty() && text.is_empty() {
            return Body::default();
        }
        let mut both = Vec::with_capacity(html.len() + text.len());
        both.extend_from_slice(html.as_bytes());
        both.extend_from_slice(text.as_bytes());
        Body {
            packed: lz4_flex::compress_prepend_size(&both).into_boxed_slice(),
            html_len: html.len(),
        }
    }

    /// The body as HTML.
    pub fn html(&self) -> String {
        let mut both = self.unpack();
        both.truncate(self.html_len);
        both
    }

    /// The body as plain text, for the search index; empty when search or `[search] body` is
    /// off.
    pub fn text(&self) -> String {
        self.unpack().split_off(self.html_len)
    }

    /// A hash of the body, made without unpacking it: what a page key needs (see
    /// `render::key`).
    pub fn digest(&self) -> u128 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&(self.html_len as u64).to_le_bytes());
        hasher.update(&self.packed);
        hasher.digest128()
    }

    /// Bytes held in memory.
    pub fn packed_len(&self) -> usize {
        self.packed.len()
    }

    fn unpack(&self) -> String {
        if self.packed.is_empty() {
            return String::new();
        }
        // Only `new` packs, from two `&str`s joined, so neither step can fail nor the split
        // fall inside a character; an empty body stands in rather than a panic regardless.
        lz4_flex::decompress_size_prepended(&self.packed)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .filter(|both| both.is_char_boundary(self.html_len))
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("html", &self.html())
            .field("text", &self.text())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Body;

    #[test]
    fn a_packed_body_unpacks_to_the_same_html_and_text() {
        let long = "news ".repeat(10_000);
        for (html, text) in [
            ("", ""),
            ("<p>a</p>", ""),
            ("", "a"),
            ("<p>Caf\u{e9} \u{1F600}</p>", "Caf\u{e9} \u{1F600}"),
            (long.as_str(), long.as_str()),
        ] {
            let body = Body::new(html, text);
            assert_eq!(body.html(), html);
            assert_eq!(body.text(), text);
        }
        // The text repeats the HTML's words, so packing both costs little more than the HTML.
        let html = format!("<p>{}</p>", "the minister said on tuesday ".repeat(200));
        let text = html.trim_start_matches("<p>").trim_end_matches("</p>");
        let both = Body::new(&html, text).packed_len();
        assert!(both < html.len() / 4, "{both} bytes");
    }
}
