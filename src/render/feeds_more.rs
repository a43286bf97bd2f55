//! RSS 2.0 and JSON Feed 1.1, beside Atom (issue 19): the same entries, ids and content
//! (`[feeds] content`) in the two other formats aggregators read.
//!
//! RSS is written by hand (a dozen elements, escaped with the one escaper): `guid` is the
//! Atom entry id (a `tag:` URI, `isPermaLink="false"`), dates are RFC 2822, authors go in
//! `dc:creator` (RSS's own `author` wants an email address), and the full text in
//! `content:encoded`, so `description` stays the summary.

use std::fmt::Write;

use serde_json::{json, Value};

use super::escape;
use super::feeds::{credited, entry_id, updated, FeedSpec};
use super::views::Urls;
use crate::archive::Archive;
use crate::article::Bodies;
use crate::config::{Config, FeedContent};
use crate::error::Diagnostic;

/// An RSS 2.0 feed.
pub(super) fn rss(
    config: &Config,
    archive: &Archive,
    bodies: &Bodies,
    urls: &Urls,
    spec: &FeedSpec,
) -> Result<String, Diagnostic> {
    let mut xml = String::with_capacity(4096 + spec.articles.len() * 2048);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n");
    let _ = writeln!(xml, "<title>{}</title>", escape(&spec.title));
    let _ = writeln!(
        xml,
        "<link>{}</link>",
        escape(&urls.permalink(&spec.page_url))
    );
    let description = match spec.description.is_empty() {
        true => &spec.title,
        false => &spec.description,
    };
    let _ = writeln!(xml, "<description>{}</description>", escape(description));
    let _ = writeln!(xml, "<language>{}</language>", escape(&spec.lang));
    let _ = writeln!(
        xml,
        "<lastBuildDate>{}</lastBuildDate>",
        updated(archive, spec).to_rfc2822()
    );
    let _ = writeln!(
        xml,
        "<generator>gazette {}</generator>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        xml,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&urls.permalink(&spec.url))
    );
    for id in &spec.articles {
        let a = &archive.articles()[*id];
        xml.push_str("<item>\n");
        let _ = writeln!(xml, "<title>{}</title>", escape(&a.title));
        let _ = writeln!(xml, "<link>{}</link>", escape(&urls.permalink(&a.url)));
        let _ = writeln!(
            xml,
            "<guid isPermaLink=\"false\">{}</guid>",
            escape(&entry_id(config, archive, *id))
        );
        let _ = writeln!(xml, "<pubDate>{}</pubDate>", a.date.to_rfc2822());
        for name in credited(archive, *id) {
            let _ = writeln!(xml, "<dc:creator>{}</dc:creator>", escape(name));
        }
        for (t, _) in archive.topics_of(*id) {
            let _ = writeln!(xml, "<category>{}</category>", escape(&t.name));
        }
        if !a.summary.is_empty() {
            let _ = writeln!(xml, "<description>{}</description>", escape(&a.summary));
        }
        if config.feed_content == FeedContent::Full {
            let html = bodies.html(&a.body).map_err(|e| e.diagnostic(&a.path))?;
            let _ = writeln!(xml, "<content:encoded>{}</content:encoded>", escape(&html));
        }
        xml.push_str("</item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    Ok(xml)
}

/// A JSON Feed 1.1.
pub(super) fn json(
    config: &Config,
    archive: &Archive,
    bodies: &Bodies,
    urls: &Urls,
    spec: &FeedSpec,
) -> Result<String, Diagnostic> {
    let mut items = Vec::with_capacity(spec.articles.len());
    for id in &spec.articles {
        let a = &archive.articles()[*id];
        let mut item = json!({
            "id": entry_id(config, archive, *id),
            "url": urls.permalink(&a.url),
            "title": a.title,
            "date_published": a.date.to_rfc3339(),
            "date_modified": a.modified().to_rfc3339(),
            "language": a.lang,
        });
        let authors: Vec<Value> = credited(archive, *id)
            .into_iter()
            .map(|name| json!({ "name": name }))
            .collect();
        if !authors.is_empty() {
            item["authors"] = Value::Array(authors);
        }
        let tags: Vec<&str> = archive
            .topics_of(*id)
            .map(|(t, _)| t.name.as_str())
            .collect();
        if !tags.is_empty() {
            item["tags"] = json!(tags);
        }
        if !a.summary.is_empty() {
            item["summary"] = json!(a.summary);
        }
        // JSON Feed needs content_html or content_text in every item.
        match config.feed_content {
            FeedContent::Full => {
                let html = bodies.html(&a.body).map_err(|e| e.diagnostic(&a.path))?;
                item["content_html"] = json!(html);
            }
            FeedContent::Summary => item["content_text"] = json!(a.summary),
        }
        items.push(item);
    }
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": urls.permalink(&spec.page_url),
        "feed_url": urls.permalink(&spec.url),
        "language": spec.lang,
        "authors": [{ "name": spec.site }],
        "items": items,
    });
    if !spec.description.is_empty() {
        feed["description"] = json!(spec.description);
    }
    let mut text = serde_json::to_string_pretty(&feed).unwrap_or_default();
    text.push('\n');
    Ok(text)
}
