//! What templates see: small borrowed view structs, documented field by field.
//!
//! Templates never see the [`Article`] model itself, so the model can change without breaking
//! themes, and no page copies more of the archive into its context than it shows. The README's
//! "Template variables" section lists the same fields.

use serde::Serialize;

use crate::archive::{Archive, ArticleId, Byline, Month, Topic, TopicId, Year};
use crate::article::{Article, Media};
use crate::config::Config;
use crate::topics::TopicKind;

/// `site`: the site as a whole, on every page.
#[derive(Debug, Serialize)]
pub(super) struct SiteView<'a> {
    /// The site's name.
    pub title: &'a str,
    /// The site's description.
    pub description: &'a str,
    /// The full address of the site, ending in `/`.
    pub base_url: &'a str,
    /// The path every internal link starts with, `/` or e.g. `/archive/`.
    pub base_path: &'a str,
    /// The language tag, for `<html lang>`.
    pub language: &'a str,
    /// The IANA timezone dates are shown in.
    pub timezone: &'a str,
    /// "gazette" and its version, for `<meta name="generator">`.
    pub generator: &'static str,
    /// Whether the site has a search page (`[search] enabled`): the header shows a search box.
    pub search: bool,
}

impl<'a> SiteView<'a> {
    /// The site view for `config`.
    pub(super) fn new(config: &'a Config) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            base_url: config.base_url.as_str(),
            base_path: &config.base_path,
            language: &config.language,
            timezone: config.timezone.name(),
            generator: concat!("gazette ", env!("CARGO_PKG_VERSION")),
            search: config.search.enabled,
        }
    }
}

/// `search` on `search.html`: where the page's script and the index live.
#[derive(Debug, Serialize)]
pub(super) struct SearchView {
    /// The script's path, base path included (`/archive/search/search.js`).
    pub script: String,
    /// The index folder's path, base path included, ending in `/`.
    pub data: String,
    /// The index's version, added to data URLs so caches never mix two builds.
    pub version: String,
}

/// `page`: the page being rendered, on every page.
#[derive(Debug, Serialize)]
pub(super) struct PageView<'a> {
    /// `home`, `article`, `topics`, `topic`, `archive`, `year`, `month`, `authors`, `author`,
    /// `sources`, `source` or `404`.
    pub kind: &'static str,
    /// The page's title, for `<title>`: the headline, the topic's name, or the site's title.
    pub title: &'a str,
    /// The page's path including the base path, e.g. `/archive/topics/isis/`.
    pub url: String,
    /// The page's full address.
    pub permalink: String,
    /// A plain-text description for `<meta name="description">` and Open Graph: the article's
    /// summary, the topic's description, or the site's.
    pub description: String,
    /// The Open Graph type: `article` on article pages, `website` elsewhere.
    pub og_type: &'static str,
    /// The full address of the page's image (an article's lead image), or null.
    pub image: Option<String>,
    /// The Atom feeds to link with `<link rel="alternate">`, `{title, url}`.
    pub feeds: Vec<FeedLink>,
    /// Structured data for search engines, a JSON text ready to go inside
    /// `<script type="application/ld+json">` (`| safe`), or null.
    pub json_ld: Option<String>,
    /// On article pages, a schema.org `BreadcrumbList` (the site, the article's first topic or
    /// else its year, the article) as JSON ready for a second
    /// `<script type="application/ld+json">` (`| safe`); null elsewhere (a topic page's
    /// breadcrumbs are its `json_ld`).
    pub breadcrumbs_ld: Option<String>,
}

/// A feed a page links to.
#[derive(Debug, Serialize)]
pub(super) struct FeedLink {
    /// The feed's title.
    pub title: String,
    /// Its path, with base path.
    pub url: String,
}

/// A link to a topic: in `article.topics`, `topics`, `topic` and `topic.related`.
#[derive(Debug, Serialize)]
pub(super) struct TopicView<'a> {
    /// The display name.
    pub name: &'a str,
    /// The URL slug.
    pub slug: &'a str,
    /// The topic page's path including the base path.
    pub url: String,
    /// How many articles carry the topic.
    pub count: usize,
    /// `person`, `place`, `organization`, `subject`, or null.
    pub kind: Option<&'static str>,
    /// The declared description, or null.
    pub description: Option<&'a str>,
    /// Whether `site.toml` declares the topic.
    pub declared: bool,
    /// In `article.topics`: whether auto-tagging found it in the text (false elsewhere).
    pub inferred: bool,
}

impl<'a> TopicView<'a> {
    /// The view of `topic`.
    pub(super) fn new(topic: &'a Topic, urls: &Urls) -> Self {
        TopicView {
            name: &topic.name,
            slug: &topic.slug,
            url: urls.path(&topic_url(&topic.slug, 1)),
            count: topic.articles.len(),
            kind: topic.kind.map(TopicKind::as_str),
            description: topic.description.as_deref(),
            declared: topic.declared,
            inferred: false,
        }
    }
}

/// The topic on its own page: `topic` on `topic.html`.
#[derive(Debug, Serialize)]
pub(super) struct TopicDetail<'a> {
    /// Name, slug, url, count, kind, description, declared.
    #[serde(flatten)]
    pub topic: TopicView<'a>,
    /// The first (oldest) article's date, RFC 3339.
    pub first_date: Option<String>,
    /// The last (newest) article's date, RFC 3339.
    pub last_date: Option<String>,
    /// Articles per year, newest year first: `{year, count, url}`, where `url` is the page of
    /// the topic's list on which that year begins.
    pub timeline: &'a [YearCount],
    /// Topics sharing articles with this one, most shared first, each with `shared`.
    pub related: Vec<RelatedTopic<'a>>,
}

impl TopicDetail<'_> {
    /// Topic `id`'s articles per year, newest year first, each with the list page on which
    /// the year begins.
    pub(super) fn timeline(
        archive: &Archive,
        id: TopicId,
        per_page: usize,
        urls: &Urls,
    ) -> Vec<YearCount> {
        use chrono::Datelike;
        let topic = &archive.topics()[id];
        let articles = archive.articles();
        let mut timeline: Vec<YearCount> = Vec::new();
        for (i, a) in topic.articles.iter().enumerate() {
            let year = articles[*a].date.year();
            match timeline.last_mut() {
                Some(last) if last.year == year => last.count += 1,
                _ => timeline.push(YearCount {
                    year,
                    count: 1,
                    url: urls.path(&topic_url(&topic.slug, i / per_page + 1)),
                }),
            }
        }
        timeline
    }
}

/// One year of a topic's timeline.
#[derive(Debug, Serialize)]
pub(super) struct YearCount {
    /// The year.
    pub year: i32,
    /// Articles that year.
    pub count: usize,
    /// The list page on which the year begins.
    pub url: String,
}

/// A topic related by shared articles.
#[derive(Debug, Serialize)]
pub(super) struct RelatedTopic<'a> {
    /// The related topic.
    #[serde(flatten)]
    pub topic: TopicView<'a>,
    /// How many articles the two topics share.
    pub shared: usize,
}

impl<'a> TopicDetail<'a> {
    /// The detail view of topic `id`, with its [`TopicDetail::timeline`]. The timeline is
    /// made once per topic, not per page: a topic of 20,000 articles has 1,000 pages, and
    /// walking all its articles for each would be quadratic (issue 7).
    pub(super) fn new(
        archive: &'a Archive,
        id: TopicId,
        timeline: &'a [YearCount],
        urls: &Urls,
    ) -> Self {
        let topic = &archive.topics()[id];
        let articles = archive.articles();
        TopicDetail {
            topic: TopicView::new(topic, urls),
            first_date: topic
                .articles
                .last()
                .map(|a| articles[*a].date.to_rfc3339()),
            last_date: topic
                .articles
                .first()
                .map(|a| articles[*a].date.to_rfc3339()),
            timeline,
            related: topic
                .related
                .iter()
                .map(|(t, shared)| RelatedTopic {
                    topic: TopicView::new(&archive.topics()[*t], urls),
                    shared: *shared,
                })
                .collect(),
        }
    }
}

/// Topics of one kind, for `/topics/`: `groups` on `topics.html`.
#[derive(Debug, Serialize)]
pub(super) struct TopicGroup<'a> {
    /// `person`, `place`, `organization`, `subject`, or null for topics without a kind.
    pub kind: Option<&'static str>,
    /// A heading: "People", "Places", "Organizations", "Subjects" or "Other topics".
    pub label: &'static str,
    /// The group's topics, A–Z.
    pub topics: Vec<TopicView<'a>>,
}

impl<'a> TopicGroup<'a> {
    /// Every topic of `archive` grouped by kind; groups without topics are left out.
    pub(super) fn all(archive: &'a Archive, urls: &Urls) -> Vec<TopicGroup<'a>> {
        let kinds = TopicKind::ALL
            .iter()
            .map(|k| Some(*k))
            .chain(std::iter::once(None));
        kinds
            .map(|kind| TopicGroup {
                kind: kind.map(TopicKind::as_str),
                label: match kind {
                    Some(TopicKind::Person) => "People",
                    Some(TopicKind::Place) => "Places",
                    Some(TopicKind::Organization) => "Organizations",
                    Some(TopicKind::Subject) => "Subjects",
                    None => "Other topics",
                },
                topics: archive
                    .topics()
                    .iter()
                    .filter(|t| t.kind == kind)
                    .map(|t| TopicView::new(t, urls))
                    .collect(),
            })
            .filter(|g| !g.topics.is_empty())
            .collect()
    }
}

/// An author or outlet: items of `authors`/`sources`, `author`/`source` on their pages,
/// and `article.authors`/`article.source`.
#[derive(Debug, Serialize)]
pub(super) struct BylineView<'a> {
    /// The name.
    pub name: &'a str,
    /// The URL slug.
    pub slug: &'a str,
    /// The author's or outlet's page in this site, with base path.
    pub url: String,
    /// Outlets only: the outlet's own home page, or null.
    pub home_url: Option<&'a str>,
    /// How many articles.
    pub count: usize,
}

impl<'a> BylineView<'a> {
    /// The view of an author (`section` = `authors`) or outlet (`sources`).
    pub(super) fn new(byline: &'a Byline, section: &str, urls: &Urls) -> Self {
        BylineView {
            name: &byline.name,
            slug: &byline.slug,
            url: urls.path(&section_url(section, &byline.slug, 1)),
            home_url: byline.url.as_deref(),
            count: byline.articles.len(),
        }
    }
}

/// A year in the date archive: items of `years` on `archive.html`, `year` on `year.html`
/// and `month.html`.
#[derive(Debug, Serialize)]
pub(super) struct YearView {
    /// The year.
    pub year: i32,
    /// Articles that year.
    pub count: usize,
    /// The year's page.
    pub url: String,
    /// Its months with articles, newest first.
    pub months: Vec<MonthView>,
}

/// A month in the date archive.
#[derive(Debug, Serialize)]
pub(super) struct MonthView {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
    /// "January"…
    pub name: &'static str,
    /// Articles that month.
    pub count: usize,
    /// The month's page.
    pub url: String,
}

impl YearView {
    /// The view of `year`.
    pub(super) fn new(year: &Year, urls: &Urls) -> Self {
        YearView {
            year: year.year,
            count: year.articles.len(),
            url: urls.path(&year_url(year.year)),
            months: year
                .months
                .iter()
                .map(|m| MonthView::new(year.year, m, urls))
                .collect(),
        }
    }
}

impl MonthView {
    /// The view of `month` of `year`.
    pub(super) fn new(year: i32, month: &Month, urls: &Urls) -> Self {
        MonthView {
            year,
            month: month.month,
            name: crate::date::MONTH_NAMES[(month.month as usize).saturating_sub(1) % 12],
            count: month.articles.len(),
            url: urls.path(&month_url(year, month.month, 1)),
        }
    }
}

/// An article: `article` on its own page (with `content`), and each of `articles` in lists
/// (without it).
#[derive(Debug, Serialize)]
pub(super) struct ArticleView<'a> {
    /// The headline.
    pub title: &'a str,
    /// The article's path including the base path.
    pub url: String,
    /// The article's full address.
    pub permalink: String,
    /// Publication date and time, RFC 3339 in the site's timezone (use tera's `date` filter).
    pub date: String,
    /// Last update, RFC 3339, or null.
    pub updated: Option<String>,
    /// Year, month and day of publication, as numbers.
    pub year: i32,
    /// Month of publication, 1–12.
    pub month: u32,
    /// Day of publication, 1–31.
    pub day: u32,
    /// The URL slug.
    pub slug: &'a str,
    /// Plain-text summary.
    pub summary: &'a str,
    /// The body as HTML (already safe: use `| safe`); only on the article's own page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The article's topics: front-matter ones in their order, then inferred ones.
    pub topics: Vec<TopicView<'a>>,
    /// The authors, `{name, slug, url, count}`.
    pub authors: Vec<BylineView<'a>>,
    /// The outlet, `{name, slug, url, home_url, count}`, or null.
    pub source: Option<BylineView<'a>>,
    /// The original article's address, or null.
    pub original_url: Option<&'a str>,
    /// The lead image's address (site paths get the base path), or null.
    pub image: Option<String>,
    /// Whether the article is a draft.
    pub draft: bool,
    /// Words in the body.
    pub words: usize,
    /// Minutes to read at 230 words a minute (0 for an empty body).
    pub reading_minutes: usize,
    /// Every other front-matter key.
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    /// The source file, relative to the site root, with `/` between folders on every system.
    pub path: std::borrow::Cow<'a, str>,
    /// The standfirst (dek) under the headline, or null.
    pub standfirst: Option<&'a str>,
    /// The byline as printed, or null (`authors` has the names).
    pub byline: Option<&'a str>,
    /// The date line as printed ("Posted: …"), or null.
    pub dateline: Option<&'a str>,
    /// Headlines of related stories ("READ MORE: …"), as text.
    pub related_headlines: &'a [String],
    /// Videos that accompanied the article: `{title, caption, duration}` (caption and
    /// duration may be null).
    pub media: &'a [Media],
}

impl<'a> ArticleView<'a> {
    /// The view of article `id`, without its content (the body's HTML), which only its own
    /// page shows: that page's renderer reads the body and sets it.
    pub(super) fn new(archive: &'a Archive, id: ArticleId, urls: &Urls) -> Self {
        use chrono::Datelike;
        let a: &'a Article = &archive.articles()[id];
        ArticleView {
            title: &a.title,
            url: urls.path(&a.url),
            permalink: urls.permalink(&a.url),
            date: a.date.to_rfc3339(),
            updated: a.updated.map(|d| d.to_rfc3339()),
            year: a.date.year(),
            month: a.date.month(),
            day: a.date.day(),
            slug: &a.slug,
            summary: &a.summary,
            content: None,
            topics: archive
                .topics_of(id)
                .map(|(t, inferred)| TopicView {
                    inferred,
                    ..TopicView::new(t, urls)
                })
                .collect(),
            authors: archive
                .authors_of(id)
                .map(|b| BylineView::new(b, "authors", urls))
                .collect(),
            source: archive
                .outlet_of(id)
                .map(|b| BylineView::new(b, "sources", urls)),
            original_url: a.original_url.as_deref(),
            image: a.image.as_deref().map(|i| match i.strip_prefix('/') {
                Some(_) => urls.path(i),
                None => i.to_string(),
            }),
            draft: a.draft,
            words: a.words,
            reading_minutes: a.words.div_ceil(230),
            extra: &a.extra,
            // Borrowed where the path is already written with `/`: a view is made for every
            // listed article on every page.
            path: match a.path.to_string_lossy() {
                std::borrow::Cow::Borrowed(p) if !cfg!(windows) => std::borrow::Cow::Borrowed(p),
                other => std::borrow::Cow::Owned(other.replace('\\', "/")),
            },
            standfirst: a.standfirst.as_deref(),
            byline: a.byline.as_deref(),
            dateline: a.dateline.as_deref(),
            related_headlines: &a.related_headlines,
            media: &a.media,
        }
    }
}

/// `paginator`: where a listing page is in its list.
#[derive(Debug, Serialize)]
pub(super) struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has (at least 1).
    pub total_pages: usize,
    /// Articles per page.
    pub per_page: usize,
    /// Articles in the whole list.
    pub total_articles: usize,
    /// The first page's path.
    pub first_url: String,
    /// The last page's path.
    pub last_url: String,
    /// The previous page's path, or null on the first page.
    pub prev_url: Option<String>,
    /// The next page's path, or null on the last page.
    pub next_url: Option<String>,
    /// Up to 9 pages around this one, `{number, url, current}`, for numbered links. A window,
    /// not every page, so that a 5,000-page list does not put 5,000 links on each page.
    pub pages: Vec<PageLink>,
}

/// One numbered page link.
#[derive(Debug, Serialize)]
pub(super) struct PageLink {
    /// The page number.
    pub number: usize,
    /// Its path.
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

impl Paginator {
    /// The paginator for page `number` of a list of `total` articles whose pages are at
    /// `url_of(number)` (site-relative).
    pub(super) fn new(
        number: usize,
        total: usize,
        per_page: usize,
        urls: &Urls,
        url_of: impl Fn(usize) -> String,
    ) -> Self {
        let total_pages = pages(total, per_page);
        let link = |n: usize| urls.path(&url_of(n));
        let first = number.saturating_sub(4).max(1);
        let last = (first + 8).min(total_pages);
        let first = last.saturating_sub(8).max(1);
        Paginator {
            number,
            total_pages,
            per_page,
            total_articles: total,
            first_url: link(1),
            last_url: link(total_pages),
            prev_url: (number > 1).then(|| link(number - 1)),
            next_url: (number < total_pages).then(|| link(number + 1)),
            pages: (first..=last)
                .map(|n| PageLink {
                    number: n,
                    url: link(n),
                    current: n == number,
                })
                .collect(),
        }
    }
}

/// How many pages a list of `total` items takes: at least one, so an empty list still has a page.
pub(super) fn pages(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page).max(1)
}

/// The site-relative URL of page `page` of the home list.
pub(super) fn home_url(page: usize) -> String {
    if page <= 1 {
        "/".to_string()
    } else {
        format!("/page/{page}/")
    }
}

/// The site-relative URL of page `page` of a topic.
pub(super) fn topic_url(slug: &str, page: usize) -> String {
    if page <= 1 {
        format!("/topics/{slug}/")
    } else {
        format!("/topics/{slug}/page/{page}/")
    }
}

/// The site-relative URL of page `page` of an author's or outlet's list.
pub(super) fn section_url(section: &str, slug: &str, page: usize) -> String {
    if page <= 1 {
        format!("/{section}/{slug}/")
    } else {
        format!("/{section}/{slug}/page/{page}/")
    }
}

/// The site-relative URL of a year's page.
pub(super) fn year_url(year: i32) -> String {
    format!("/{year:04}/")
}

/// The site-relative URL of page `page` of a month's list.
pub(super) fn month_url(year: i32, month: u32, page: usize) -> String {
    if page <= 1 {
        format!("/{year:04}/{month:02}/")
    } else {
        format!("/{year:04}/{month:02}/page/{page}/")
    }
}

/// Turns site-relative URLs into paths under the base path and full addresses.
#[derive(Debug, Clone)]
pub(super) struct Urls {
    base_path: String,
    base_url: String,
}

impl Urls {
    /// For `config`'s base URL.
    pub(super) fn new(config: &Config) -> Self {
        Urls {
            base_path: config.base_path.clone(),
            base_url: config.base_url.as_str().to_string(),
        }
    }

    /// `/topics/` -> `/archive/topics/` under base path `/archive/`.
    pub(super) fn path(&self, site_relative: &str) -> String {
        format!(
            "{}{}",
            self.base_path,
            site_relative.trim_start_matches('/')
        )
    }

    /// `/topics/` -> `https://example.org/archive/topics/`.
    pub(super) fn permalink(&self, site_relative: &str) -> String {
        format!("{}{}", self.base_url, site_relative.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> Urls {
        Urls {
            base_path: "/archive/".into(),
            base_url: "https://e.org/archive/".into(),
        }
    }

    #[test]
    fn page_counts() {
        assert_eq!(pages(0, 20), 1);
        assert_eq!(pages(1, 20), 1);
        assert_eq!(pages(20, 20), 1);
        assert_eq!(pages(21, 20), 2);
    }

    #[test]
    fn paginator_links_and_window() {
        let p = Paginator::new(1, 21, 20, &urls(), home_url);
        assert_eq!(p.prev_url, None);
        assert_eq!(p.next_url.as_deref(), Some("/archive/page/2/"));
        assert_eq!(p.first_url, "/archive/");
        let p = Paginator::new(50, 2000, 20, &urls(), home_url);
        let numbers: Vec<_> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, (46..=54).collect::<Vec<_>>());
        let p = Paginator::new(100, 2000, 20, &urls(), home_url);
        assert_eq!(p.pages.len(), 9);
        assert_eq!(p.pages.last().unwrap().number, 100);
        assert_eq!(p.next_url, None);
    }
}
