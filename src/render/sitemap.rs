//! Sitemaps (sitemaps.org protocol 0.9), the Google News sitemap and robots.txt.
//!
//! A sitemap holds at most [`MAX_URLS`] URLs; past that the site gets a sitemap index at
//! `/sitemap.xml` pointing at numbered sitemaps `/sitemap-1.xml`, `/sitemap-2.xml`, ….

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};

use super::escape;

/// The most URLs one sitemap may list (sitemaps.org).
pub(crate) const MAX_URLS: usize = 50_000;

/// One URL of the sitemap: its full address and when its content last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The page's full address.
    pub loc: String,
    /// The newest date of what the page shows.
    pub lastmod: Option<DateTime<FixedOffset>>,
    /// The page in every language it is published in, itself included, in the order of the
    /// site's languages, as (language, entry): a position in the `hreflangs` and one in the
    /// entries that [`urlset`] is given. The first is also `x-default`. Empty for a page in
    /// one language only, as most are: positions, not addresses, so a build makes no
    /// strings for them.
    pub alternates: Box<[(u16, u32)]>,
}

/// How many sitemap files `entries` need.
pub(crate) fn parts(entries: usize) -> usize {
    entries.div_ceil(MAX_URLS).max(1)
}

/// The site-relative URL of sitemap part `part` (from 0) when there are `parts` of them.
pub(crate) fn part_url(part: usize, parts: usize) -> String {
    if parts <= 1 {
        "/sitemap.xml".to_string()
    } else {
        format!("/sitemap-{}.xml", part + 1)
    }
}

/// The `<urlset>` of sitemap part `part`; `hreflangs` are the site's languages' tags, which
/// [`Entry::alternates`] point into.
pub(crate) fn urlset(entries: &[Entry], part: usize, hreflangs: &[&str]) -> String {
    let chunk = entries.chunks(MAX_URLS).nth(part).unwrap_or(&[]);
    let mut xml = String::with_capacity(chunk.len() * 120 + 200);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // The xhtml namespace only when a page has translations: a monolingual site's sitemap
    // stays as it was.
    match chunk.iter().any(|e| !e.alternates.is_empty()) {
        true => xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"),
        false => xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"),
    }
    for entry in chunk {
        let _ = write!(xml, "<url><loc>{}</loc>", escape(&entry.loc));
        if let Some(lastmod) = entry.lastmod {
            let _ = write!(xml, "<lastmod>{}</lastmod>", lastmod.to_rfc3339());
        }
        // Google's form of hreflang in sitemaps: every version, itself included, then
        // `x-default`.
        let default = entry.alternates.first().map(|(_, at)| (u16::MAX, *at));
        for (lang, at) in entry.alternates.iter().copied().chain(default) {
            let hreflang = match hreflangs.get(usize::from(lang)) {
                Some(code) => code,
                None => "x-default",
            };
            let Some(version) = entries.get(at as usize) else {
                continue;
            };
            let _ = write!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(hreflang),
                escape(&version.loc)
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The `<sitemapindex>` listing every part, each with the newest `lastmod` of its URLs.
pub(crate) fn index(entries: &[Entry], base_url: &str) -> String {
    let parts = parts(entries.len());
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (part, chunk) in entries.chunks(MAX_URLS).enumerate() {
        let loc = format!(
            "{base_url}{}",
            part_url(part, parts).trim_start_matches('/')
        );
        let _ = write!(xml, "<sitemap><loc>{}</loc>", escape(&loc));
        if let Some(lastmod) = chunk.iter().filter_map(|e| e.lastmod).max() {
            let _ = write!(xml, "<lastmod>{}</lastmod>", lastmod.to_rfc3339());
        }
        xml.push_str("</sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// One article of the Google News sitemap.
#[derive(Debug, Clone)]
pub(crate) struct NewsEntry<'a> {
    /// The article's full address.
    pub loc: String,
    /// Its headline.
    pub title: &'a str,
    /// When it was published.
    pub published: DateTime<FixedOffset>,
    /// The publication's name in the article's language.
    pub publication: &'a str,
    /// The article's language, as Google News writes it (see [`news_language`]).
    pub language: String,
}

/// The Google News sitemap: the publication's name and language, and each article's date
/// and title.
pub(crate) fn news(entries: &[NewsEntry]) -> String {
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n");
    for entry in entries {
        let _ = writeln!(
            xml,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>",
            escape(&entry.loc),
            escape(entry.publication),
            escape(&entry.language),
            entry.published.to_rfc3339(),
            escape(entry.title),
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The articles for the Google News sitemap: those published in the `days` days up to `now`
/// (never future-dated ones), at most `limit`, as positions in `dates`, which are newest
/// first. The window is a run of the list, found without looking at older articles.
pub(crate) fn news_window(
    dates: &[DateTime<FixedOffset>],
    now: DateTime<FixedOffset>,
    days: u32,
    limit: usize,
) -> Vec<usize> {
    let since = now - chrono::Duration::days(i64::from(days));
    (0..dates.len())
        .skip_while(|i| dates[*i] > now)
        .take_while(|i| dates[*i] >= since)
        .take(limit)
        .collect()
}

/// The open interval (Unix nanoseconds) around `now` in which the clock alone changes nothing
/// in the site: the news sitemap keeps the same articles by [`news_window`]'s rule (dated
/// within `days` before now, none after), so no article's date, nor its date plus `days`,
/// falls inside it; and no instant of `scheduled` (an article's publish or expiry date, see
/// `crate::schedule`) does either. Empty when one falls on `now` itself. A build keeps it, so
/// that a later build knows whether the clock alone has changed the site.
pub(crate) fn news_span(
    dates: impl Iterator<Item = DateTime<FixedOffset>>,
    scheduled: &[DateTime<FixedOffset>],
    now: DateTime<FixedOffset>,
    days: u32,
) -> (i64, i64) {
    let Some(now) = now.timestamp_nanos_opt() else {
        return (0, 0);
    };
    let span = i64::from(days) * 86_400 * 1_000_000_000;
    let (mut from, mut until) = (i64::MIN, i64::MAX);
    let dated = dates.map(|date| (date, true));
    for (date, news) in dated.chain(scheduled.iter().map(|d| (*d, false))) {
        let Some(date) = date.timestamp_nanos_opt() else {
            return (now, now);
        };
        let window_end = news.then(|| date.saturating_add(span));
        for event in std::iter::once(date).chain(window_end) {
            match event.cmp(&now) {
                std::cmp::Ordering::Less => from = from.max(event),
                std::cmp::Ordering::Greater => until = until.min(event),
                std::cmp::Ordering::Equal => return (now, now),
            }
        }
    }
    (from, until)
}

/// Google News wants an ISO 639 language code: the tag's first part, except for the two
/// Chinese scripts it names in full.
pub(crate) fn news_language(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    match lower.as_str() {
        "zh-cn" | "zh-hans" | "zh-hans-cn" => "zh-cn".into(),
        "zh-tw" | "zh-hant" | "zh-hant-tw" => "zh-tw".into(),
        _ => lower.split('-').next().unwrap_or("en").to_string(),
    }
}

/// robots.txt: allow everything and point at the sitemaps.
pub(crate) fn robots(sitemaps: &[String]) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n\n");
    for sitemap in sitemaps {
        let _ = writeln!(text, "Sitemap: {sitemap}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                loc: format!("https://e.org/{i}/"),
                lastmod: None,
                alternates: Box::new([]),
            })
            .collect()
    }

    #[test]
    fn sitemaps_split_at_50000_urls() {
        let all = entries(120_000);
        assert_eq!(parts(all.len()), 3);
        assert_eq!(parts(50_000), 1);
        assert_eq!(parts(50_001), 2);
        assert_eq!(parts(0), 1);
        let counts: Vec<usize> = (0..3)
            .map(|p| {
                let xml = urlset(&all, p, &[]);
                let doc = roxmltree::Document::parse(&xml).unwrap();
                assert_eq!(doc.root_element().tag_name().name(), "urlset");
                doc.root_element()
                    .children()
                    .filter(|n| n.has_tag_name("url"))
                    .count()
            })
            .collect();
        assert_eq!(counts, [50_000, 50_000, 20_000]);
        let xml = index(&all, "https://e.org/");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(
            locs,
            [
                "https://e.org/sitemap-1.xml",
                "https://e.org/sitemap-2.xml",
                "https://e.org/sitemap-3.xml"
            ]
        );
        assert_eq!(part_url(0, 1), "/sitemap.xml");
        assert_eq!(part_url(0, 3), "/sitemap-1.xml");
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn news_window_takes_the_last_days_and_no_future() {
        let now = at("2016-01-20T12:00:00-05:00");
        let dates = [
            at("2016-01-21T09:00:00-05:00"), // future: left out
            at("2016-01-20T11:00:00-05:00"),
            at("2016-01-18T12:00:00-05:00"), // exactly two days before: in
            at("2016-01-18T11:59:00-05:00"), // just over two days: out
            at("2016-01-01T00:00:00-05:00"),
        ];
        assert_eq!(news_window(&dates, now, 2, 1000), [1, 2]);
        assert_eq!(news_window(&dates, now, 0, 1000), Vec::<usize>::new());
        assert_eq!(news_window(&dates, now, 30, 1000), [1, 2, 3, 4]);
    }

    #[test]
    fn news_window_is_capped() {
        let now = at("2016-01-20T12:00:00Z");
        let dates: Vec<_> = (0..1500)
            .map(|i| now - chrono::Duration::seconds(i))
            .collect();
        assert_eq!(news_window(&dates, now, 2, 1000).len(), 1000);
        let entries: Vec<NewsEntry> = news_window(&dates, now, 2, 1000)
            .into_iter()
            .map(|i| NewsEntry {
                loc: format!("https://e.org/{i}/"),
                title: "T & <b>",
                published: dates[i],
                publication: "Archive",
                language: "en".into(),
            })
            .collect();
        let xml = news(&entries);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let ns = "http://www.google.com/schemas/sitemap-news/0.9";
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name() == (ns, "title").into())
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(titles.len(), 1000);
        assert_eq!(titles[0], "T & <b>");
    }

    #[test]
    fn news_language_codes() {
        assert_eq!(news_language("en-CA"), "en");
        assert_eq!(news_language("fr"), "fr");
        assert_eq!(news_language("zh-Hant"), "zh-tw");
    }
}
