//! Feeds: Atom 1.0 (RFC 4287, written with the atom_syndication crate) here, RSS 2.0 and
//! JSON Feed 1.1 in `feeds_more`; `[feeds] formats` chooses which each subject gets.
//!
//! Entry ids are `tag:` URIs (RFC 4151): `tag:<authority>,<publication date>:<article path>`.
//! The authority is `[feeds] id_authority` or the host of `base_url` as written in
//! site.toml, never the `--base-url` of a preview build, and the path leaves out the base
//! path; so a feed reader does not see old articles as new when the site is previewed
//! elsewhere or moves under a subpath.

use atom_syndication::{Category, Content, Entry, Feed, Generator, Link, Person, Text};

use crate::archive::{Archive, ArticleId};
use crate::article::Bodies;
use crate::config::Config;
use crate::error::Diagnostic;

use super::paging::{home_url, section_url, topic_url, ListPage};
use super::views::{FeedLink, Urls};
use super::{FeedOf, Job};
use crate::config::{FeedContent, FeedFormat};

/// What a feed is of.
pub(super) struct FeedSpec {
    /// The feed's title.
    pub title: String,
    /// The site-relative URL of the feed file.
    pub url: String,
    /// The site-relative URL of the HTML page the feed follows.
    pub page_url: String,
    /// Its articles, newest first (already cut to the feed's length).
    pub articles: Vec<ArticleId>,
    /// The language tag of its articles.
    pub lang: String,
    /// The site's title in that language: the feed's author.
    pub site: String,
    /// The site's description in that language.
    pub description: String,
    /// Its format.
    pub format: FeedFormat,
}

/// The id of an article's feed entry.
pub(super) fn entry_id(config: &Config, archive: &Archive, id: ArticleId) -> String {
    let a = &archive.articles()[id];
    format!(
        "tag:{},{}:{}",
        config.feed_id_authority,
        a.date.format("%Y-%m-%d"),
        // Not percent-encoded as links are: an entry id is an IRI (RFC 4287), which may hold
        // any letter, and an id that changed would show every such entry again as new.
        a.url
    )
}

/// The names an entry is credited to, in every format: its authors, else its outlet.
pub(super) fn credited(archive: &Archive, id: ArticleId) -> Vec<&str> {
    let a = &archive.articles()[id];
    match (a.authors.is_empty(), &a.source) {
        (false, _) => a.authors.iter().map(String::as_str).collect(),
        (true, Some(source)) => vec![source.name.as_str()],
        (true, None) => Vec::new(),
    }
}

/// Renders one feed, in its format.
pub(super) fn render(
    config: &Config,
    archive: &Archive,
    bodies: &Bodies,
    urls: &Urls,
    spec: &FeedSpec,
) -> Result<String, Diagnostic> {
    match spec.format {
        FeedFormat::Atom => atom(config, archive, bodies, urls, spec),
        FeedFormat::Rss => super::feeds_more::rss(config, archive, bodies, urls, spec),
        FeedFormat::Json => super::feeds_more::json(config, archive, bodies, urls, spec),
    }
}

/// The feed's last change: its newest article's, else the archive's newest, else 1970.
pub(super) fn updated(archive: &Archive, spec: &FeedSpec) -> chrono::DateTime<chrono::FixedOffset> {
    let articles = archive.articles();
    spec.articles
        .iter()
        .map(|id| articles[*id].modified())
        .max()
        .or_else(|| articles.first().map(|a| a.modified()))
        .unwrap_or_else(|| chrono::DateTime::UNIX_EPOCH.fixed_offset())
}

/// An Atom 1.0 feed.
fn atom(
    config: &Config,
    archive: &Archive,
    bodies: &Bodies,
    urls: &Urls,
    spec: &FeedSpec,
) -> Result<String, Diagnostic> {
    let articles = archive.articles();
    let entries: Vec<Entry> = spec
        .articles
        .iter()
        .map(|id| {
            let a = &articles[*id];
            let authors: Vec<Person> = credited(archive, *id).into_iter().map(person).collect();
            let mut entry = Entry::default();
            entry.set_id(entry_id(config, archive, *id));
            entry.set_title(Text::plain(a.title.clone()));
            entry.set_updated(a.modified());
            entry.set_published(Some(a.date));
            entry.set_authors(authors);
            entry.set_links(vec![link(
                "alternate",
                &urls.permalink(&a.url),
                "text/html",
            )]);
            entry.set_categories(
                archive
                    .topics_of(*id)
                    .map(|(t, _)| {
                        let mut c = Category::default();
                        c.set_term(t.slug.clone());
                        c.set_label(Some(t.name.clone()));
                        c
                    })
                    .collect::<Vec<_>>(),
            );
            if !a.summary.is_empty() {
                entry.set_summary(Some(Text::plain(a.summary.clone())));
            }
            if config.feed_content == FeedContent::Full {
                let mut content = Content::default();
                content.set_content_type(Some("html".to_string()));
                let html = bodies.html(&a.body).map_err(|e| e.diagnostic(&a.path))?;
                content.set_value(Some(html));
                entry.set_content(Some(content));
            }
            Ok(entry)
        })
        .collect::<Result<_, Diagnostic>>()?;
    let updated = updated(archive, spec);
    let mut feed = Feed::default();
    feed.set_id(urls.permalink(&spec.url));
    feed.set_title(Text::plain(spec.title.clone()));
    if !spec.description.is_empty() {
        feed.set_subtitle(Some(Text::plain(spec.description.clone())));
    }
    feed.set_updated(updated);
    feed.set_lang(Some(spec.lang.clone()));
    feed.set_authors(vec![person(&spec.site)]);
    feed.set_links(vec![
        link("self", &urls.permalink(&spec.url), "application/atom+xml"),
        link("alternate", &urls.permalink(&spec.page_url), "text/html"),
    ]);
    let mut generator = Generator::default();
    generator.set_value("gazette");
    generator.set_version(Some(env!("CARGO_PKG_VERSION").to_string()));
    feed.set_generator(Some(generator));
    feed.set_entries(entries);
    Ok(feed.to_string())
}

fn person(name: &str) -> Person {
    let mut p = Person::default();
    p.set_name(name);
    p
}

fn link(rel: &str, href: &str, mime: &str) -> Link {
    let mut l = Link::default();
    l.set_rel(rel);
    l.set_href(href);
    l.set_mime_type(Some(mime.to_string()));
    l
}

#[cfg(test)]
#[path = "feeds_tests.rs"]
mod tests;

/// What the site's pages say of feeds, and what each feed holds.
impl super::Renderer<'_> {
    /// The folder of a feed subject's files, site-relative, ending in `/`: `/`, `/fr/`,
    /// `/topics/<slug>/`, `/authors/<slug>/`, `/sources/<slug>/`.
    pub(super) fn feed_dir(&self, of: FeedOf) -> String {
        let archive = self.archive;
        let prefix = self
            .urls
            .lang(self.job_lang(Job::Feed(of, FeedFormat::Atom)));
        match of {
            FeedOf::Site(_) => format!("{prefix}/"),
            FeedOf::Topic(id) => format!("{prefix}/topics/{}/", archive.topics()[id].slug),
            FeedOf::Author(id) => format!("{prefix}/authors/{}/", archive.authors()[id].slug),
            FeedOf::Source(id) => format!("{prefix}/sources/{}/", archive.outlets()[id].slug),
        }
    }

    /// What a feed holds: its title, URLs and articles.
    pub(super) fn feed_spec(&self, of: FeedOf, format: FeedFormat) -> FeedSpec {
        let archive = self.archive;
        let job = Job::Feed(of, format);
        let language = self.language(job);
        let prefix = self.urls.lang(self.job_lang(job));
        let page_url = match of {
            FeedOf::Site(_) => home_url(prefix, ListPage::Latest),
            FeedOf::Topic(id) => topic_url(prefix, &archive.topics()[id].slug, ListPage::Latest),
            FeedOf::Author(id) => section_url(
                prefix,
                "authors",
                &archive.authors()[id].slug,
                ListPage::Latest,
            ),
            FeedOf::Source(id) => section_url(
                prefix,
                "sources",
                &archive.outlets()[id].slug,
                ListPage::Latest,
            ),
        };
        FeedSpec {
            title: self.feed_title(of),
            site: language.title.clone(),
            description: language.description.clone(),
            url: self.url(job),
            page_url,
            articles: self.feed_articles(of),
            lang: language.code.clone(),
            format,
        }
    }

    /// A feed's title: its language's site title, after the topic's, author's or outlet's
    /// name.
    fn feed_title(&self, of: FeedOf) -> String {
        let archive = self.archive;
        let site = &self.language(Job::Feed(of, FeedFormat::Atom)).title;
        let name = match of {
            FeedOf::Site(_) => return site.clone(),
            FeedOf::Topic(id) => &archive.topics()[id].name,
            FeedOf::Author(id) => &archive.authors()[id].name,
            FeedOf::Source(id) => &archive.outlets()[id].name,
        };
        format!("{name} · {site}")
    }

    /// The articles a feed shows: the newest `feed_limit` of its list.
    pub(super) fn feed_articles(&self, of: FeedOf) -> Vec<ArticleId> {
        let archive = self.archive;
        let limit = self.config.feed_limit;
        let list = match of {
            FeedOf::Site(l) => &archive.languages()[l].articles,
            FeedOf::Topic(id) => &archive.topics()[id].articles,
            FeedOf::Author(id) => &archive.authors()[id].articles,
            FeedOf::Source(id) => &archive.outlets()[id].articles,
        };
        list[..list.len().min(limit)].to_vec()
    }

    /// The feeds a page links with `<link rel="alternate">`, in every format: its
    /// language's, then its topic's, author's or outlet's.
    pub(super) fn feeds_of(&self, job: Job) -> Vec<FeedLink> {
        let mut subjects = vec![FeedOf::Site(self.job_lang(job))];
        match job {
            Job::Topic(id, _) => subjects.push(FeedOf::Topic(id)),
            Job::Author(id, _) => subjects.push(FeedOf::Author(id)),
            Job::Source(id, _) => subjects.push(FeedOf::Source(id)),
            _ => {}
        }
        // Every page has these: only the title and URL, not the feed's articles.
        let mut links = Vec::new();
        for of in subjects {
            let title = self.feed_title(of);
            for format in &self.config.feed_formats {
                let feed = Job::Feed(of, *format);
                links.push(FeedLink {
                    title: title.clone(),
                    url: self.urls.path(&self.url(feed)),
                    media_type: format.media_type(),
                    format: format.name(),
                });
            }
        }
        links
    }
}
