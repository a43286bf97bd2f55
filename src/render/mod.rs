//! Rendering the archive into pages with tera.
//!
//! [`Renderer::new`] loads and checks every template up front, reporting all template errors
//! at once. [`Renderer::plan`] lists the pages a site has as cheap [`Job`]s, and
//! [`Renderer::render`] turns one job into an [`Artifact`]; jobs are independent, so the build
//! renders them in parallel and never holds every page in memory. Render never writes files.

mod changes;
pub(crate) mod each;
mod feeds;
mod jobs;
mod key;
mod metadata;
mod paging;
pub(crate) mod sitemap;
mod templates;
mod views;
mod words;

pub(crate) use changes::{Changes, ListChange};
pub use jobs::{FeedOf, Job, Kind};
pub use paging::ListPage;
use templates::error_chain;
pub use templates::{Templates, REQUIRED_TEMPLATES};

use std::path::PathBuf;

use chrono::{DateTime, Datelike, FixedOffset};
use tera::Context;

use crate::archive::{Archive, ArticleId};
use crate::article::Bodies;
use crate::artifact::{output_path, Artifact};
use crate::config::Config;
use crate::error::Diagnostic;
pub(crate) use crate::html::escape;
use key::Vars;
use paging::{home_url, month_url, section_url, topic_url, Paginator, Split};
use views::{
    year_url, BylineView, FeedLink, MonthView, PageView, SiteView, TopicDetail, TopicGroup,
    TopicView, Urls, YearView,
};

/// Renders jobs with one site's templates.
pub struct Renderer<'a> {
    templates: &'a Templates,
    config: &'a Config,
    archive: &'a Archive,
    bodies: &'a Bodies,
    urls: Urls,
    /// The theme's words in the site's language, for what Rust writes (titles,
    /// descriptions, month names); templates see the same in `site.strings`.
    strings: crate::i18n::Strings,
    site: tera::Value,
    pages: Vec<Job>,
    sitemap: Vec<sitemap::Entry>,
    news: Vec<ArticleId>,
    search: Option<crate::search::Index>,
    /// Each article's view hash, for page keys; made when the first key is asked for.
    digests: std::sync::OnceLock<Vec<u128>>,
}

impl<'a> Renderer<'a> {
    /// A renderer of `archive`, whose bodies are read from `bodies`, with `templates`; `now`
    /// is the build's time, for the news sitemap's window. Builds the search index when
    /// search is on (from the last build's, kept in `search_cache`, when there is one),
    /// which fails if a body cannot be read.
    pub fn new(
        config: &'a Config,
        archive: &'a Archive,
        bodies: &'a Bodies,
        templates: &'a Templates,
        now: DateTime<FixedOffset>,
        search_cache: Option<&crate::search::Cache>,
    ) -> Result<Self, Diagnostic> {
        let search = match config.search.enabled {
            true => Some(crate::search::Index::build_cached(
                archive,
                bodies,
                &config.search,
                &config.language,
                search_cache,
            )?),
            false => None,
        };
        let strings = crate::i18n::Strings::for_language(&config.language, &config.strings);
        let site = tera::to_value(SiteView::new(config, &strings)).unwrap_or(tera::Value::Null);
        let mut renderer = Renderer {
            templates,
            config,
            archive,
            bodies,
            urls: Urls::new(config),
            strings,
            site,
            pages: Vec::new(),
            sitemap: Vec::new(),
            news: Vec::new(),
            search,
            digests: std::sync::OnceLock::new(),
        };
        renderer.pages = renderer.html_pages();
        renderer.sitemap = renderer
            .pages
            .iter()
            .filter(|job| job.kind().listed)
            .map(|job| sitemap::Entry {
                loc: renderer.urls.permalink(&renderer.url(*job)),
                lastmod: renderer.lastmod(*job),
            })
            .collect();
        let dates: Vec<DateTime<FixedOffset>> = archive.articles().iter().map(|a| a.date).collect();
        renderer.news = sitemap::news_window(&dates, now, config.news_days, config.news_limit);
        Ok(renderer)
    }

    /// The search index, when search is enabled; it is built with the renderer.
    pub fn search_index(&self) -> Option<&crate::search::Index> {
        self.search.as_ref()
    }

    /// How many HTML pages the site has (redirects not counted).
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The newest date of what a page shows, for its sitemap `lastmod`.
    fn lastmod(&self, job: Job) -> Option<DateTime<FixedOffset>> {
        let archive = self.archive;
        let per_page = self.config.paginate;
        let newest = |ids: &mut dyn Iterator<Item = ArticleId>| {
            ids.map(|id| {
                let a = &archive.articles()[id];
                a.updated.unwrap_or(a.date)
            })
            .max()
        };
        let page = |list: &[ArticleId], page: ListPage| {
            newest(&mut slice(list, page, per_page).iter().copied())
        };
        match job {
            Job::Article(id) => newest(&mut std::iter::once(id)),
            Job::Home(n) => {
                let range = Split::new(archive.articles().len(), per_page).range(n);
                newest(&mut range.into_iter())
            }
            Job::Topic(id, n) => page(&archive.topics()[id].articles, n),
            Job::Year(y) => page(&archive.years()[y].articles, ListPage::Latest),
            Job::Month(y, m, n) => page(&archive.years()[y].months[m].articles, n),
            Job::Author(id, n) => page(&archive.authors()[id].articles, n),
            Job::Source(id, n) => page(&archive.outlets()[id].articles, n),
            // Index pages change whenever the archive does: the newest article's date.
            _ => newest(&mut (0..archive.articles().len().min(per_page))),
        }
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        self.config
    }

    /// The site-relative URL a job's page is published at.
    pub fn url(&self, job: Job) -> String {
        match job {
            Job::Home(n) => home_url(n),
            Job::Article(id) => self.archive.articles()[id].url.clone(),
            Job::Topics => "/topics/".to_string(),
            Job::Topic(id, n) => topic_url(&self.archive.topics()[id].slug, n),
            Job::Archive => "/archive/".to_string(),
            Job::Year(y) => year_url(self.archive.years()[y].year),
            Job::Month(y, m, n) => {
                let year = &self.archive.years()[y];
                month_url(year.year, year.months[m].month, n)
            }
            Job::Authors => "/authors/".to_string(),
            Job::Author(id, n) => section_url("authors", &self.archive.authors()[id].slug, n),
            Job::Sources => "/sources/".to_string(),
            Job::Source(id, n) => section_url("sources", &self.archive.outlets()[id].slug, n),
            Job::NotFound => "/404.html".to_string(),
            Job::Feed(FeedOf::Site) => "/feed.xml".to_string(),
            Job::Feed(FeedOf::Topic(id)) => {
                format!("/topics/{}/feed.xml", self.archive.topics()[id].slug)
            }
            Job::Feed(FeedOf::Source(id)) => {
                format!("/sources/{}/feed.xml", self.archive.outlets()[id].slug)
            }
            Job::Sitemap(part) => sitemap::part_url(part, sitemap::parts(self.sitemap.len())),
            Job::SitemapIndex => "/sitemap.xml".to_string(),
            Job::NewsSitemap => "/news-sitemap.xml".to_string(),
            Job::Robots => "/robots.txt".to_string(),
            Job::NoJekyll => "/.nojekyll".to_string(),
            Job::Alias(id, n) => self.archive.articles()[id].aliases[n].clone(),
            Job::Search => "/search/".to_string(),
            Job::SearchFile(n) => self
                .search
                .as_ref()
                .and_then(|index| index.file_url(n))
                .map_or_else(
                    || format!("{}missing-{n}", crate::search::DATA_DIR),
                    str::to_string,
                ),
            Job::SearchText(id) => self.search.as_ref().map_or_else(
                || format!("{}doc/missing-{id}.json", crate::search::DATA_DIR),
                |index| index.doc_url(id),
            ),
        }
    }

    /// The output file of a job, relative to the output folder.
    pub fn output_path(&self, job: Job) -> Result<PathBuf, String> {
        output_path(&self.url(job))
    }

    /// [`Renderer::output_path`] of every job, in parallel: a build that checks its plan
    /// needs them all, and then so does its render.
    pub fn output_paths(&self, jobs: &[Job]) -> Vec<Result<PathBuf, String>> {
        use rayon::prelude::*;
        jobs.par_iter().map(|job| self.output_path(*job)).collect()
    }

    /// Renders one page or file.
    pub fn render(&self, job: Job) -> Result<Artifact, Diagnostic> {
        let url = self.url(job);
        let search_bytes = match job {
            Job::SearchFile(n) => Some(match &self.search {
                Some(index) => index.file_bytes(n).map_err(|e| {
                    Diagnostic::new(&self.config.output_dir, format!("search index: {e}"))
                        .help("build again; deleting .gazette-cache is always safe")
                })?,
                None => Vec::new(),
            }),
            Job::SearchText(id) => Some(crate::search::doc_file(self.archive, id, self.bodies)?),
            _ => None,
        };
        if let Some(bytes) = search_bytes {
            let path =
                output_path(&url).map_err(|why| Diagnostic::new(&self.config.output_dir, why))?;
            return Ok(Artifact { path, bytes });
        }
        if let Some(text) = self.render_file(job) {
            let path =
                output_path(&url).map_err(|why| Diagnostic::new(&self.config.output_dir, why))?;
            return Ok(Artifact {
                path,
                bytes: text?.into_bytes(),
            });
        }
        // The one body a page shows is read first, so a failure to read it is this page's.
        let body = match job {
            Job::Article(id) => {
                let a = &self.archive.articles()[id];
                Some(
                    self.bodies
                        .html(&a.body)
                        .map_err(|e| e.diagnostic(&a.path))?,
                )
            }
            _ => None,
        };
        let mut page = key::Page {
            context: Context::new(),
            body,
        };
        page.context.insert("site", &self.site);
        let template = self.fill(job, &url, &mut page);
        let context = page.context;
        let path = output_path(&url).map_err(|why| Diagnostic::new(self.origin(template), why))?;
        let html = self
            .templates
            .tera
            .render(template, &context)
            .map_err(|e| {
                let what = match job {
                    Job::Article(id) => {
                        format!(" for {}", self.archive.articles()[id].path.display())
                    }
                    _ => format!(" for {url}"),
                };
                Diagnostic::new(
                    self.origin(template),
                    format!("template error{what}: {}", error_chain(&e)),
                )
                .help(
                    "fix the template; `gazette build` lists every template variable in the README",
                )
            })?;
        Ok(Artifact {
            path,
            bytes: html.into_bytes(),
        })
    }

    /// Makes what every page key needs (each article's view hash), using every thread: left
    /// to the first [`Renderer::key_and_shown`], it would be made by one thread while the
    /// others wait.
    /// With `previous` (see [`key::digests`]) only the changed articles' hashes are made.
    pub(crate) fn prepare_keys(&self, previous: Option<(&[u128], &[Option<ArticleId>])>) {
        self.digests.get_or_init(|| key::digests(self, previous));
    }

    /// The archive rendered.
    pub(crate) fn archive(&self) -> &Archive {
        self.archive
    }

    /// The page key of a job (see [`Renderer::key_and_shown`]).
    pub(crate) fn key(&self, job: Job) -> Option<u128> {
        self.key_and_shown(job).0
    }

    /// Each article's view hash, as [`Renderer::prepare_keys`] made them; for the build
    /// snapshot.
    pub fn digests(&self) -> &[u128] {
        self.digests.get_or_init(|| key::digests(self, None))
    }

    /// The page key of a job (see [`key`]), None for files that are always made again
    /// (sitemaps, the search index, robots.txt: cheap, or changed by any edit); and every
    /// article the job shows (with repeats). A page's key changes only when the site's
    /// structure (see [`Archive::structure`]), the render salt, or one of those articles
    /// changes, except for the jobs whose kind [`Kind::depends_on_all`].
    pub fn key_and_shown(&self, job: Job) -> (Option<u128>, Vec<ArticleId>) {
        if !job.kind().keyed {
            return (None, Vec::new());
        }
        let digests = self.digests();
        let mut key = key::Key::new(digests);
        let url = self.url(job);
        key.bytes(url.as_bytes());
        match job {
            Job::Feed(of) => {
                let spec = self.feed_spec(of);
                key.bytes(b"feed");
                key.bytes(spec.title.as_bytes());
                key.bytes(spec.page_url.as_bytes());
                for id in &spec.articles {
                    key.article(self, *id, true);
                    key.bytes(key::own_names(&self.archive.articles()[*id]).as_bytes());
                }
            }
            Job::Alias(id, _) => {
                let a = &self.archive.articles()[id];
                key.shows(id);
                key.bytes(b"alias");
                key.bytes(a.title.as_bytes());
                key.bytes(a.url.as_bytes());
            }
            Job::SearchFile(n) => {
                let hash = self.search.as_ref().and_then(|i| i.file_hash(n));
                key.bytes(b"search file");
                key.bytes(&hash.unwrap_or(0).to_le_bytes());
            }
            Job::SearchText(id) => {
                let a = &self.archive.articles()[id];
                // Its view (headline, URL, date, topics, authors, outlet) and its text.
                key.article(self, id, false);
                key.bytes(b"search doc");
                key.bytes(a.standfirst.as_deref().unwrap_or("\0").as_bytes());
                key.bytes(a.summary.as_bytes());
                key.bytes(&a.body.digest().to_le_bytes());
            }
            _ => {
                let template = self.fill(job, &url, &mut key);
                key.bytes(template.as_bytes());
            }
        }
        (Some(key.finish()), key.shown)
    }

    /// Fills a page's template variables (all but `site`) into `vars`; returns the template.
    fn fill<V: Vars>(&self, job: Job, url: &str, vars: &mut V) -> &'static str {
        let per_page = self.config.paginate;
        let archive = self.archive;
        let context = vars;
        let urls = &self.urls;
        let title_buffer: String;
        let (template, kind, title): (&str, &str, &str) = match job {
            Job::Home(n) => {
                let split = Split::new(archive.articles().len(), per_page);
                self.insert_list(context, split.range(n), n, split, home_url);
                ("index.html", "home", &self.config.title)
            }
            Job::Article(id) => {
                context.put_article_page(self, "article", id);
                context.put_article(self, "newer", archive.newer(id));
                context.put_article(self, "older", archive.older(id));
                context.put_articles(self, "related", &mut archive.related(id).iter().copied());
                ("article.html", "article", &archive.articles()[id].title)
            }
            Job::Topics => {
                let topics: Vec<TopicView> = archive
                    .topics()
                    .iter()
                    .map(|t| TopicView::new(t, urls))
                    .collect();
                context.put("topics", &topics);
                context.put("groups", &TopicGroup::all(archive, urls, &self.strings));
                ("topics.html", "topics", self.strings.get("topics"))
            }
            Job::Topic(id, n) => {
                let topic = &archive.topics()[id];
                let detail = match n {
                    ListPage::Latest => {
                        let timeline = TopicDetail::timeline(archive, id, per_page, urls);
                        TopicDetail::new(archive, id, timeline, urls)
                    }
                    ListPage::Numbered(_) => TopicDetail::numbered(archive, id, urls),
                };
                context.put("topic", &detail);
                self.insert_sublist(context, &topic.articles, n, |n| topic_url(&topic.slug, n));
                ("topic.html", "topic", &topic.name)
            }
            Job::Archive => {
                let years: Vec<YearView> = archive
                    .years()
                    .iter()
                    .map(|y| YearView::new(y, urls, &self.strings))
                    .collect();
                context.put("years", &years);
                ("archive.html", "archive", self.strings.get("archive"))
            }
            Job::Year(y) => {
                let year = &archive.years()[y];
                context.put("year", &YearView::new(year, urls, &self.strings));
                let neighbour = |i: Option<usize>| {
                    i.and_then(|i| archive.years().get(i))
                        .map(|y| YearView::new(y, urls, &self.strings))
                };
                context.put("newer", &neighbour(y.checked_sub(1)));
                context.put("older", &neighbour(Some(y + 1)));
                title_buffer = year.year.to_string();
                ("year.html", "year", &title_buffer)
            }
            Job::Month(y, m, n) => {
                let year = &archive.years()[y];
                let month = &year.months[m];
                let mut month_view = MonthView::new(year.year, month, urls, &self.strings);
                if n != ListPage::Latest {
                    month_view.count = None;
                }
                title_buffer = month_view.title.clone();
                context.put("year", &YearView::link(year, urls));
                context.put("month", &month_view);
                self.insert_sublist(context, &month.articles, n, |n| {
                    month_url(year.year, month.month, n)
                });
                ("month.html", "month", &title_buffer)
            }
            Job::Authors | Job::Sources => {
                let (section, list, template, title) = match job {
                    Job::Authors => (
                        "authors",
                        archive.authors(),
                        "authors.html",
                        self.strings.get("authors"),
                    ),
                    _ => (
                        "sources",
                        archive.outlets(),
                        "sources.html",
                        self.strings.get("sources"),
                    ),
                };
                let views: Vec<BylineView> = list
                    .iter()
                    .map(|b| BylineView::new(b, section, urls))
                    .collect();
                context.put(section, &views);
                (template, section, title)
            }
            Job::Author(id, n) | Job::Source(id, n) => {
                let (section, byline, key, template, kind) = match job {
                    Job::Author(..) => (
                        "authors",
                        &archive.authors()[id],
                        "author",
                        "author.html",
                        "author",
                    ),
                    _ => (
                        "sources",
                        &archive.outlets()[id],
                        "source",
                        "source.html",
                        "source",
                    ),
                };
                let view = match n {
                    ListPage::Latest => BylineView::new(byline, section, urls),
                    ListPage::Numbered(_) => BylineView::link(byline, section, urls),
                };
                context.put(key, &view);
                self.insert_sublist(context, &byline.articles, n, |n| {
                    section_url(section, &byline.slug, n)
                });
                (template, kind, &byline.name)
            }
            Job::NotFound => ("404.html", "404", self.strings.get("not_found")),
            Job::Search => {
                context.put(
                    "search",
                    &views::SearchView {
                        strings: words::search_strings(&self.strings),
                        script: urls.path("/search/search.js"),
                        data: urls.path(crate::search::DATA_DIR),
                        version: self
                            .search
                            .as_ref()
                            .map(|i| i.version.clone())
                            .unwrap_or_default(),
                    },
                );
                ("search.html", "search", self.strings.get("search"))
            }
            // Files, not pages: handled by render_file above.
            Job::Feed(_)
            | Job::Sitemap(_)
            | Job::SitemapIndex
            | Job::NewsSitemap
            | Job::Robots
            | Job::NoJekyll
            | Job::Alias(..)
            | Job::SearchFile(_)
            | Job::SearchText(_) => unreachable!("{job:?} is a file, rendered by render_file"),
        };
        context.put(
            "page",
            &PageView {
                kind,
                title,
                url: self.urls.path(url),
                permalink: self.urls.permalink(url),
                description: self.description(job),
                og_type: if matches!(job, Job::Article(_)) {
                    "article"
                } else {
                    "website"
                },
                image: match job {
                    Job::Article(id) => {
                        let a = &archive.articles()[id];
                        metadata::image_url(a.image.as_ref().map(|i| i.src.as_str()), &a.url, urls)
                    }
                    _ => None,
                },
                image_alt: match job {
                    Job::Article(id) => archive.articles()[id]
                        .image
                        .as_ref()
                        .and_then(|i| i.alt.as_deref()),
                    _ => None,
                },
                image_size: match job {
                    Job::Article(id) => archive.articles()[id]
                        .image
                        .as_ref()
                        .and_then(|i| Some([i.width?, i.height?])),
                    _ => None,
                },
                feeds: self.feeds_of(job),
                json_ld: match job {
                    // Made from the article's view (in every key as `article`), site.toml and
                    // the article's own names: a key holds only the latter.
                    Job::Article(id) if !V::RENDERS => {
                        Some(key::own_names(&archive.articles()[id]))
                    }
                    Job::Article(id) => {
                        Some(metadata::news_article(self.config, archive, id, urls))
                    }
                    Job::Topic(id, _) => {
                        let topic = &archive.topics()[id];
                        Some(metadata::breadcrumbs(&[
                            (self.config.title.as_str(), urls.permalink("/")),
                            (self.strings.get("topics"), urls.permalink("/topics/")),
                            (
                                topic.name.as_str(),
                                urls.permalink(&topic_url(&topic.slug, ListPage::Latest)),
                            ),
                        ]))
                    }
                    _ => None,
                },
                // Made from the article's view (its topics and date) and site.toml, which
                // every key holds already.
                breadcrumbs_ld: match job {
                    Job::Article(id) if V::RENDERS => {
                        let a = &archive.articles()[id];
                        let home = (self.config.title.as_str(), urls.permalink("/"));
                        let year = a.date.year().to_string();
                        let section = match archive.topics_of(id).next() {
                            Some((t, _)) => {
                                let url = topic_url(&t.slug, ListPage::Latest);
                                (t.name.as_str(), urls.permalink(&url))
                            }
                            None => (year.as_str(), urls.permalink(&year_url(a.date.year()))),
                        };
                        let own = (a.title.as_str(), urls.permalink(&a.url));
                        Some(metadata::breadcrumbs(&[home, section, own]))
                    }
                    _ => None,
                },
            },
        );
        template
    }

    /// What a feed holds: its title, URLs and articles.
    fn feed_spec(&self, of: FeedOf) -> feeds::FeedSpec {
        let archive = self.archive;
        let (title, page_url) = match of {
            FeedOf::Site => (self.config.title.clone(), "/".into()),
            FeedOf::Topic(id) => {
                let t = &archive.topics()[id];
                (
                    format!("{} · {}", t.name, self.config.title),
                    topic_url(&t.slug, ListPage::Latest),
                )
            }
            FeedOf::Source(id) => {
                let o = &archive.outlets()[id];
                (
                    format!("{} · {}", o.name, self.config.title),
                    section_url("sources", &o.slug, ListPage::Latest),
                )
            }
        };
        feeds::FeedSpec {
            title,
            url: self.url(Job::Feed(of)),
            page_url,
            articles: self.feed_articles(of),
        }
    }

    /// The articles a feed shows: the newest `feed_limit` of its list.
    fn feed_articles(&self, of: FeedOf) -> Vec<ArticleId> {
        let archive = self.archive;
        let limit = self.config.feed_limit;
        let list = match of {
            FeedOf::Site => return (0..archive.articles().len().min(limit)).collect(),
            FeedOf::Topic(id) => &archive.topics()[id].articles,
            FeedOf::Source(id) => &archive.outlets()[id].articles,
        };
        list[..list.len().min(limit)].to_vec()
    }

    /// Renders the files that are not templated pages; None for pages.
    fn render_file(&self, job: Job) -> Option<Result<String, Diagnostic>> {
        let archive = self.archive;
        let urls = &self.urls;
        let text = match job {
            Job::Feed(of) => {
                return Some(feeds::render(
                    self.config,
                    archive,
                    self.bodies,
                    urls,
                    &self.feed_spec(of),
                ))
            }
            Job::Sitemap(part) => sitemap::urlset(&self.sitemap, part),
            Job::SitemapIndex => sitemap::index(&self.sitemap, self.config.base_url.as_str()),
            Job::NewsSitemap => {
                let entries: Vec<sitemap::NewsEntry> = self
                    .news
                    .iter()
                    .map(|id| {
                        let a = &archive.articles()[*id];
                        sitemap::NewsEntry {
                            loc: urls.permalink(&a.url),
                            title: &a.title,
                            published: a.date,
                        }
                    })
                    .collect();
                sitemap::news(
                    &entries,
                    &self.config.title,
                    &sitemap::news_language(&self.config.language),
                )
            }
            Job::Robots => {
                let mut maps = vec![urls.permalink("/sitemap.xml")];
                if !self.news.is_empty() {
                    maps.push(urls.permalink("/news-sitemap.xml"));
                }
                sitemap::robots(&maps)
            }
            Job::NoJekyll => String::new(),
            Job::Alias(id, _) => words::redirect(
                &archive.articles()[id].title,
                &urls.path(&archive.articles()[id].url),
                &urls.permalink(&archive.articles()[id].url),
                &self.config.language,
                &self.strings,
            ),
            _ => return None,
        };
        Some(Ok(text))
    }

    /// A page's plain-text description.
    fn description(&self, job: Job) -> String {
        words::description(self.config, self.archive, &self.strings, job)
    }

    /// The feeds a page links with `<link rel="alternate">`: the site's, and its topic's or
    /// outlet's.
    fn feeds_of(&self, job: Job) -> Vec<FeedLink> {
        let mut feeds = vec![FeedLink {
            title: self.config.title.clone(),
            url: self.urls.path("/feed.xml"),
        }];
        let extra = match job {
            Job::Topic(id, _) => Some(Job::Feed(FeedOf::Topic(id))),
            Job::Source(id, _) => Some(Job::Feed(FeedOf::Source(id))),
            _ => None,
        };
        if let Some(feed) = extra {
            let name = match feed {
                Job::Feed(FeedOf::Topic(id)) => &self.archive.topics()[id].name,
                Job::Feed(FeedOf::Source(id)) => &self.archive.outlets()[id].name,
                _ => &self.config.title,
            };
            feeds.push(FeedLink {
                title: format!("{name} · {}", self.config.title),
                url: self.urls.path(&self.url(feed)),
            });
        }
        feeds
    }

    /// Puts `articles` (the page's, by their ids) and `paginator` for `page` of a list split
    /// by `split`, whose pages are at `url_of(page)`.
    fn insert_list<V: Vars>(
        &self,
        context: &mut V,
        mut ids: impl Iterator<Item = ArticleId>,
        page: ListPage,
        split: Split,
        url_of: impl Fn(ListPage) -> String,
    ) {
        context.put_articles(self, "articles", &mut ids);
        context.put(
            "paginator",
            &Paginator::new(page, split, &self.urls, url_of),
        );
    }

    /// [`Renderer::insert_list`] for `page` of `list`.
    fn insert_sublist<V: Vars>(
        &self,
        context: &mut V,
        list: &[ArticleId],
        page: ListPage,
        url_of: impl Fn(ListPage) -> String,
    ) {
        let split = Split::new(list.len(), self.config.paginate);
        let ids = slice(list, page, self.config.paginate).iter().copied();
        self.insert_list(context, ids, page, split, url_of);
    }

    fn origin(&self, template: &str) -> PathBuf {
        self.templates
            .origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(template))
    }
}

/// The articles of `page` of `list`.
fn slice(list: &[ArticleId], page: ListPage, per_page: usize) -> &[ArticleId] {
    &list[Split::new(list.len(), per_page).range(page)]
}
