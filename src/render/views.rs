//! What templates see: small borrowed view structs, documented field by field.
//!
//! Templates never see the [`Article`] model itself, so the model can change without breaking
//! themes, and no page copies more of the archive into its context than it shows. The README's
//! "Template variables" section lists the same fields.

use serde::Serialize;

use crate::archive::{Archive, ArticleId, Byline, Month, Topic, TopicId, Year};
use crate::article::{Article, Media};
use crate::config::Config;
use crate::i18n::{Strings, Text};
use crate::topics::TopicKind;
use std::collections::BTreeMap;

use super::paging::{month_url, section_url, topic_url, ListPage, Split};
pub(super) use super::urls::Urls;

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
    /// The path of the home page of the language of the page: `base_path`, or e.g.
    /// `/archive/fr/`; the site's sections are under it (`{{ site.root }}topics/`).
    pub root: String,
    /// The language tag of the page, for `<html lang>`.
    pub language: &'a str,
    /// The direction of its script, for `<html dir>`: `ltr` or `rtl`.
    pub dir: &'static str,
    /// The IANA timezone dates are shown in.
    pub timezone: &'a str,
    /// "gazette" and its version, for `<meta name="generator">`.
    pub generator: &'static str,
    /// Whether the site has a search page (`[search] enabled`): the header shows a search box.
    pub search: bool,
    /// The theme's words in the site's language, by key (the README lists them): a text, or
    /// for a counted string its forms by plural category, for the `count` filter.
    pub strings: &'a BTreeMap<String, Text>,
    /// The chrono locale for tera's `date` filter, e.g. `fr_FR`:
    /// `date(format=site.strings.date_long, locale=site.locale)`.
    pub locale: &'static str,
}

impl<'a> SiteView<'a> {
    /// The site view for `config`, on the pages of `language`, with `strings` in it.
    pub(super) fn new(
        config: &'a Config,
        language: &'a crate::config::Language,
        strings: &'a Strings,
    ) -> Self {
        SiteView {
            title: &language.title,
            description: &language.description,
            base_url: config.base_url.as_str(),
            base_path: &config.base_path,
            root: format!(
                "{}{}",
                config.base_path,
                language.prefix.trim_start_matches('/')
            )
            .trim_end_matches('/')
            .to_string()
                + "/",
            language: &language.code,
            dir: if language.rtl { "rtl" } else { "ltr" },
            timezone: config.timezone.name(),
            generator: concat!("gazette ", env!("CARGO_PKG_VERSION")),
            search: config.search.enabled,
            strings: strings.texts(),
            locale: strings.locale(),
        }
    }
}

/// `search` on `search.html`: where the page's script and the index live.
#[derive(Debug, Serialize)]
pub(super) struct SearchView<'a> {
    /// The page's language tag: its index's language.
    pub lang: &'a str,
    /// The words search.js writes, as JSON for `data-strings` (autoescaped in the attribute).
    pub strings: String,
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
    /// The page's language tag (`<html lang>`).
    pub lang: &'a str,
    /// The direction of its script: `ltr` or `rtl` (`<html dir>`).
    pub dir: &'static str,
    /// Its language as Open Graph writes a locale (`fr_CA`, `fr`).
    pub locale: String,
    /// The page in each language it is published in, itself included (`current`), in the
    /// order of the site's languages: `{lang, name, url, permalink, title, current}`; empty
    /// for a page in one language. For `hreflang` links and a language switcher.
    pub translations: Vec<super::translations::Alternate>,
    /// The Open Graph type: `article` on article pages, `website` elsewhere.
    pub og_type: &'static str,
    /// The full address of the page's image (an article's lead image), or null.
    pub image: Option<String>,
    /// The text that stands for that image (its `alt`), or null.
    pub image_alt: Option<&'a str>,
    /// Its size in pixels, `[width, height]`, when known (a page bundle's image), or null.
    pub image_size: Option<[u32; 2]>,
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
    /// Where the page sits, outermost first, `{name, url}`: the site's home, the section
    /// (an article's first topic or else its year; Topics, Archive, Authors, Sources), and
    /// the page itself; empty on the home page, the section indexes, search and 404.
    pub breadcrumbs: Vec<super::trail::Crumb<'a>>,
}

/// A feed a page links to.
#[derive(Debug, Serialize)]
pub(super) struct FeedLink {
    /// The feed's title.
    pub title: String,
    /// Its path, with base path.
    pub url: String,
    /// Its media type (`application/atom+xml`, `application/rss+xml`,
    /// `application/feed+json`), for `<link type>`.
    #[serde(rename = "type")]
    pub media_type: &'static str,
    /// The format's name: `Atom`, `RSS` or `JSON Feed`.
    pub format: &'static str,
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
    /// How many articles carry the topic; null in an article's `topics` and on a topic's
    /// numbered pages, which would otherwise change with every article the topic gains.
    pub count: Option<usize>,
    /// `person`, `place`, `organization`, `subject`, or null.
    pub kind: Option<&'static str>,
    /// The declared description, or null.
    pub description: Option<&'a str>,
    /// Whether `site.toml` declares the topic.
    pub declared: bool,
    /// In `article.topics`: whether auto-tagging found it in the text (false elsewhere).
    pub inferred: bool,
    /// On the topic index: the id its entry gets when it is the first of its letter
    /// (`letter-m`), which the A–Z list links; left out elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

impl<'a> TopicView<'a> {
    /// The view of `topic`, with its count.
    pub(super) fn new(topic: &'a Topic, urls: &Urls) -> Self {
        TopicView {
            count: Some(topic.articles.len()),
            ..TopicView::link(topic, urls)
        }
    }

    /// The view of `topic` without its count: what does not change when it gains articles.
    pub(super) fn link(topic: &'a Topic, urls: &Urls) -> Self {
        TopicView {
            name: &topic.name,
            slug: &topic.slug,
            url: urls.path(&topic_url(
                urls.lang(topic.lang),
                &topic.slug,
                ListPage::Latest,
            )),
            count: None,
            anchor: None,
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
    /// the topic's list on which that year begins. Empty on numbered pages, as are
    /// `related`, `first_date` and `last_date`.
    pub timeline: Vec<YearCount>,
    /// Topics sharing articles with this one, most shared first, each with `shared` (and
    /// `count` null: a related topic's growth would otherwise change this page).
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
        let split = Split::new(topic.articles.len(), per_page);
        let mut timeline: Vec<YearCount> = Vec::new();
        for (i, a) in topic.articles.iter().enumerate() {
            let year = articles[*a].date.year();
            // Nearly always the last year; a date written with another offset near New Year
            // may come back to a year already counted (see `archive::index_dates`).
            let known = match timeline.last() {
                Some(last) if last.year == year => timeline.len().checked_sub(1),
                _ => timeline.iter().rposition(|y| y.year == year),
            };
            match known.map(|i| &mut timeline[i]) {
                Some(known) => known.count += 1,
                None => timeline.push(YearCount {
                    year,
                    count: 1,
                    url: urls.path(&topic_url(
                        urls.lang(topic.lang),
                        &topic.slug,
                        split.page_of(i),
                    )),
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
    /// The view of topic `id` on a numbered page: only what stays as it is when the topic
    /// gains articles (see [`super::paging`]).
    pub(super) fn numbered(archive: &'a Archive, id: TopicId, urls: &Urls) -> Self {
        TopicDetail {
            topic: TopicView::link(&archive.topics()[id], urls),
            first_date: None,
            last_date: None,
            timeline: Vec::new(),
            related: Vec::new(),
        }
    }

    /// The detail view of topic `id` on its latest page, with its [`TopicDetail::timeline`].
    pub(super) fn new(
        archive: &'a Archive,
        id: TopicId,
        timeline: Vec<YearCount>,
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
                    topic: TopicView::link(&archive.topics()[*t], urls),
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
    /// A heading: "People", "Places", "Organizations", "Subjects" or "Other topics", in the
    /// site's language.
    pub label: &'a str,
    /// The group's topics, A–Z.
    pub topics: Vec<TopicView<'a>>,
}

impl<'a> TopicGroup<'a> {
    /// Every topic of `archive` grouped by kind; groups without topics are left out.
    pub(super) fn all(
        topics: &'a [Topic],
        urls: &Urls,
        strings: &'a Strings,
    ) -> Vec<TopicGroup<'a>> {
        let kinds = TopicKind::ALL
            .iter()
            .map(|k| Some(*k))
            .chain(std::iter::once(None));
        kinds
            .map(|kind| TopicGroup {
                kind: kind.map(TopicKind::as_str),
                label: strings.get(match kind {
                    Some(TopicKind::Person) => "people",
                    Some(TopicKind::Place) => "places",
                    Some(TopicKind::Organization) => "organizations",
                    Some(TopicKind::Subject) => "subjects",
                    None => "other_topics",
                }),
                topics: topics
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
    /// How many articles; null in an article's `authors` and `source` and on numbered
    /// pages, which would otherwise change with every article the author or outlet gains.
    pub count: Option<usize>,
    /// On the author and source indexes: the id its entry gets when it is the first of its
    /// letter (`letter-m`), which the A–Z list links; left out elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

impl<'a> BylineView<'a> {
    /// The view of an author (`section` = `authors`) or outlet (`sources`), with its count.
    pub(super) fn new(byline: &'a Byline, section: &str, urls: &Urls) -> Self {
        BylineView {
            count: Some(byline.articles.len()),
            ..BylineView::link(byline, section, urls)
        }
    }

    /// The view of an author or outlet without its count.
    pub(super) fn link(byline: &'a Byline, section: &str, urls: &Urls) -> Self {
        BylineView {
            name: &byline.name,
            slug: &byline.slug,
            url: urls.path(&section_url(
                urls.lang(byline.lang),
                section,
                &byline.slug,
                ListPage::Latest,
            )),
            home_url: byline.url.as_deref(),
            count: None,
            anchor: None,
        }
    }
}

/// A year in the date archive: items of `years` on `archive.html`, `year` on `year.html`
/// and `month.html`.
#[derive(Debug, Serialize)]
pub(super) struct YearView {
    /// The year.
    pub year: i32,
    /// Articles that year; null on month pages.
    pub count: Option<usize>,
    /// The year's page.
    pub url: String,
    /// Its months with articles, newest first; empty on month pages (which would otherwise
    /// all change with every article of the year).
    pub months: Vec<MonthView>,
}

/// A month in the date archive.
#[derive(Debug, Serialize)]
pub(super) struct MonthView {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
    /// The month's name on its own in the site's language: "January", "Janvier", "1月".
    pub name: String,
    /// The month and year as a title: "January 2016", "Janvier 2016", "2016年1月".
    pub title: String,
    /// The month and year inside a sentence: "January 2016", "janvier 2016".
    pub in_text: String,
    /// Articles that month; null on the month's numbered pages.
    pub count: Option<usize>,
    /// The month's page.
    pub url: String,
}

impl YearView {
    /// The view of `year`, its months named in `strings`' language.
    pub(super) fn new(year: &Year, urls: &Urls, strings: &Strings) -> Self {
        YearView {
            year: year.year,
            count: Some(year.articles.len()),
            url: urls.path(&year_url(urls.lang(year.lang), year.year)),
            months: year
                .months
                .iter()
                .map(|m| MonthView::new(year, m, urls, strings))
                .collect(),
        }
    }
}

impl YearView {
    /// The view of `year` without its count and months, for its month pages.
    pub(super) fn link(year: &Year, urls: &Urls) -> Self {
        YearView {
            year: year.year,
            count: None,
            url: urls.path(&year_url(urls.lang(year.lang), year.year)),
            months: Vec::new(),
        }
    }
}

impl MonthView {
    /// The view of `month` of `year`, named in `strings`' language.
    pub(super) fn new(year: &Year, month: &Month, urls: &Urls, strings: &Strings) -> Self {
        let (lang, year) = (urls.lang(year.lang), year.year);
        MonthView {
            year,
            month: month.month,
            name: strings.month_name(month.month),
            title: strings.month_title(year, month.month),
            in_text: strings.month_in_text(year, month.month),
            count: Some(month.articles.len()),
            url: urls.path(&month_url(lang, year, month.month, ListPage::Latest)),
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
    /// Last update, RFC 3339, or null; null too when it falls in the publication's minute.
    pub updated: Option<String>,
    /// What the update changed (`update_note`), or null.
    pub update_note: Option<&'a str>,
    /// The latest of the publication, update and corrections' dates, RFC 3339.
    pub modified: String,
    /// Corrections, oldest first: `{date, text}` (`date` RFC 3339).
    pub corrections: Vec<CorrectionView<'a>>,
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
    /// The authors, `{name, slug, url, count}` (`count` null).
    pub authors: Vec<BylineView<'a>>,
    /// The outlet, `{name, slug, url, home_url, count}` (`count` null), or null.
    pub source: Option<BylineView<'a>>,
    /// The original article's address, or null.
    pub original_url: Option<&'a str>,
    /// The lead image's address (site paths get the base path), or null.
    pub image: Option<String>,
    /// The lead image as data, or null: `{src, alt, caption, credit, focal_point, width,
    /// height}` (`src` as `image`; the others may be null).
    pub lead_image: Option<ImageView<'a>>,
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
            updated: a.shown_update().map(|d| d.to_rfc3339()),
            update_note: a.update_note.as_deref(),
            modified: a.modified().to_rfc3339(),
            corrections: a
                .corrections
                .iter()
                .map(|c| CorrectionView {
                    date: c.date.to_rfc3339(),
                    text: &c.text,
                })
                .collect(),
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
                    ..TopicView::link(t, urls)
                })
                .collect(),
            authors: archive
                .authors_of(id)
                .map(|b| BylineView::link(b, "authors", urls))
                .collect(),
            source: archive
                .outlet_of(id)
                .map(|b| BylineView::link(b, "sources", urls)),
            original_url: a.original_url.as_deref(),
            image: a.image.as_ref().map(|i| image_src(&i.src, urls)),
            lead_image: a.image.as_ref().map(|i| ImageView::new(i, urls)),
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

/// A correction of an article, for templates.
#[derive(Debug, Serialize)]
pub(super) struct CorrectionView<'a> {
    /// When it was made, RFC 3339 in the site's timezone.
    pub date: String,
    /// What it says, as plain text.
    pub text: &'a str,
}

/// An image's address for a page: a site path gets the base path.
fn image_src(src: &str, urls: &Urls) -> String {
    match src.starts_with('/') {
        true => urls.path(src),
        false => src.to_string(),
    }
}

/// An article's lead image, for templates.
#[derive(Debug, Serialize)]
pub(super) struct ImageView<'a> {
    /// Its address (site paths get the base path).
    pub src: String,
    /// The text that stands for it, or null.
    pub alt: Option<&'a str>,
    /// Its caption, or null.
    pub caption: Option<&'a str>,
    /// Who made it, or null.
    pub credit: Option<&'a str>,
    /// The part to keep when cropping, as written, or null.
    pub focal_point: Option<&'a str>,
    /// Its size in pixels, when known (a page bundle's image), or null; for a processed
    /// image, its widest copy's (which its address serves).
    pub width: Option<u32>,
    /// See `width`.
    pub height: Option<u32>,
    /// For a processed image (see `crate::images`), the `<img src>` of a `<picture>`: the
    /// 1200-wide copy or the widest below it; else null.
    pub fallback: Option<String>,
    /// The copies in the image's own format, `url 480w, …`, or null.
    pub srcset: Option<String>,
    /// The WebP copies, `url 480w, …`, or null (also when the image is a WebP: `srcset`).
    pub webp_srcset: Option<String>,
    /// The MIME type of `srcset`'s copies, or null.
    pub fallback_type: Option<&'static str>,
    /// The `sizes` attribute for the image in the article's column, or null.
    pub sizes: Option<&'static str>,
    /// The narrowest copy, for a thumbnail's `src`, or null.
    pub thumb: Option<String>,
    /// The `sizes` attribute of a list page's thumbnail, or null.
    pub thumb_sizes: Option<&'static str>,
}

impl<'a> ImageView<'a> {
    /// The view of `image`, with its copies' addresses when the build makes them.
    fn new(image: &'a crate::article::Image, urls: &Urls) -> ImageView<'a> {
        let src = image_src(&image.src, urls);
        let picture = picture(image, &src);
        let mut view = ImageView {
            alt: image.alt.as_deref(),
            caption: image.caption.as_deref(),
            credit: image.credit.as_deref(),
            focal_point: image.focal_point.as_deref(),
            width: image.width,
            height: image.height,
            fallback: None,
            srcset: None,
            webp_srcset: None,
            fallback_type: None,
            sizes: None,
            thumb: None,
            thumb_sizes: None,
            src,
        };
        if let Some(p) = picture {
            (view.width, view.height) = (Some(p.width), Some(p.height));
            view.fallback = Some(p.src);
            view.srcset = Some(p.srcset);
            view.webp_srcset = p.webp_srcset;
            view.fallback_type = Some(p.fallback_type);
            view.sizes = Some(crate::images::SIZES);
            view.thumb = Some(p.thumb);
            view.thumb_sizes = Some(crate::images::THUMB_SIZES);
        }
        view
    }
}

/// The resized copies of a processed image whose address on the page is `src`.
pub(super) fn picture(image: &crate::article::Image, src: &str) -> Option<crate::images::Picture> {
    let size = (image.width?, image.height?);
    crate::images::Picture::new(src, size, &image.variants)
}

/// A language tag as Open Graph writes a locale: `pt-BR` → `pt_BR`.
pub(super) fn og_locale(tag: &str) -> String {
    tag.replace('-', "_")
}

/// The site-relative URL of a year's page.
pub(super) fn year_url(lang: &str, year: i32) -> String {
    format!("{lang}/{year:04}/")
}
