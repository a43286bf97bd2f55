//! Rendering the archive into pages with tera.
//!
//! [`Renderer::new`] loads and checks every template up front, reporting all template errors
//! at once. [`Renderer::plan`] lists the pages a site has as cheap [`Job`]s, and
//! [`Renderer::render`] turns one job into an [`Artifact`]; jobs are independent, so the build
//! renders them in parallel and never holds every page in memory. Render never writes files.

mod changes;
mod days;
pub(crate) mod each;
mod feeds;
mod feeds_more;
mod indexes;
mod jobs;
mod key;
mod metadata;
mod paging;
mod read_more;
pub(crate) mod sitemap;
mod templates;
mod trail;
mod translations;
mod urls;
mod views;
mod words;

pub(crate) use changes::{Changes, ListChange};
pub use jobs::{FeedOf, Job, Kind};
pub use paging::ListPage;
use templates::error_chain;
pub use templates::{Templates, REQUIRED_TEMPLATES};
pub(crate) use translations::{topic_twins, DateTwins};

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use tera::Context;

use crate::archive::{Archive, ArticleId};
use crate::article::Bodies;
use crate::artifact::{output_path, Artifact};
use crate::config::Config;
use crate::error::Diagnostic;
pub(crate) use crate::html::escape;
use key::Vars;
use paging::{home_url, month_url, section_url, topic_url, Paginator, Split};
use views::{year_url, BylineView, MonthView, PageView, SiteView, TopicDetail, Urls, YearView};

/// Renders jobs with one site's templates.
pub struct Renderer<'a> {
    templates: &'a Templates,
    config: &'a Config,
    archive: &'a Archive,
    bodies: &'a Bodies,
    urls: Urls,
    /// Each language of the archive, as its pages show it.
    langs: Vec<translations::LangSite>,
    /// Each topic's pages in the other languages (see [`translations::topic_twins`]).
    topic_twins: Vec<Vec<crate::archive::TopicId>>,
    /// Each article's "Read more" headlines that are in the archive.
    read_more: read_more::ReadMore,
    /// Each year's and month's pages in the other languages.
    date_twins: translations::DateTwins,
    pages: Vec<Job>,
    sitemap: Vec<sitemap::Entry>,
    news: Vec<ArticleId>,
    /// Each language's search index, when search is on.
    search: Vec<crate::search::Index>,
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
        let langs: Vec<translations::LangSite> = archive
            .languages()
            .iter()
            .map(|l| {
                let language = config.languages.resolve(&l.code);
                let strings = crate::i18n::Strings::for_language(&language.code, &language.strings);
                translations::LangSite {
                    site: tera::to_value(SiteView::new(config, &language, &strings))
                        .unwrap_or(tera::Value::Null),
                    language,
                    strings,
                }
            })
            .collect();
        let prefixes = langs.iter().map(|l| l.language.prefix.clone()).collect();
        // An index per language, each with its language's stemmer (issue 17).
        let mut search = Vec::new();
        if config.search.enabled {
            for (lang, l) in langs.iter().enumerate() {
                let scope = crate::search::Scope {
                    lang,
                    prefix: &l.language.prefix,
                    code: &l.language.code,
                };
                search.push(crate::search::Index::build_cached(
                    archive,
                    bodies,
                    &config.search,
                    scope,
                    search_cache,
                )?);
            }
        }
        let mut renderer = Renderer {
            templates,
            config,
            archive,
            bodies,
            urls: Urls::new(config).with_languages(prefixes),
            langs,
            topic_twins: translations::topic_twins(archive.topics()),
            read_more: read_more::ReadMore::new(archive),
            date_twins: translations::DateTwins::new(archive.years()),
            pages: Vec::new(),
            sitemap: Vec::new(),
            news: Vec::new(),
            search,
            digests: std::sync::OnceLock::new(),
        };
        renderer.pages = renderer.html_pages();
        renderer.sitemap = renderer.sitemap_entries();
        let dates: Vec<DateTime<FixedOffset>> = archive.articles().iter().map(|a| a.date).collect();
        renderer.news = sitemap::news_window(&dates, now, config.news_days, config.news_limit);
        Ok(renderer)
    }

    /// The search indexes, one per language, when search is enabled; they are built with
    /// the renderer.
    pub fn search_indexes(&self) -> &[crate::search::Index] {
        &self.search
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
                a.modified()
            })
            .max()
        };
        let page = |list: &[ArticleId], page: ListPage| {
            newest(&mut slice(list, page, per_page).iter().copied())
        };
        match job {
            Job::Article(id) => newest(&mut std::iter::once(id)),
            Job::Home(l, n) => page(&archive.languages()[l].articles, n),
            Job::Topic(id, n) => page(&archive.topics()[id].articles, n),
            Job::Year(y) => page(&archive.years()[y].articles, ListPage::Latest),
            Job::Month(y, m, n) => page(&archive.years()[y].months[m].articles, n),
            Job::Day(y, m, d, n) => page(
                days::articles_of(archive, &archive.years()[y].months[m], d),
                n,
            ),
            Job::Author(id, n) => page(&archive.authors()[id].articles, n),
            Job::Source(id, n) => page(&archive.outlets()[id].articles, n),
            // Index pages change whenever their language's articles do: the newest one's date.
            _ => {
                let list = &archive.languages()[self.job_lang(job)].articles;
                newest(&mut list.iter().take(per_page).copied())
            }
        }
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        self.config
    }

    /// The site-relative URL a job's page is published at.
    pub fn url(&self, job: Job) -> String {
        let lang = self.urls.lang(self.job_lang(job));
        match job {
            Job::Home(_, n) => home_url(lang, n),
            Job::Article(id) => self.archive.articles()[id].url.clone(),
            Job::Topics(_, n) => indexes::index_url(lang, "topics", n),
            Job::Topic(id, n) => topic_url(lang, &self.archive.topics()[id].slug, n),
            Job::Archive(_) => format!("{lang}/archive/"),
            Job::Year(y) => year_url(lang, self.archive.years()[y].year),
            Job::Month(y, m, n) => {
                let year = &self.archive.years()[y];
                month_url(lang, year.year, year.months[m].month, n)
            }
            Job::Day(y, m, d, n) => self.day_page_url(lang, y, m, d, n),
            Job::Authors(_, n) => indexes::index_url(lang, "authors", n),
            Job::Author(id, n) => section_url(lang, "authors", &self.archive.authors()[id].slug, n),
            Job::Sources(_, n) => indexes::index_url(lang, "sources", n),
            Job::Source(id, n) => section_url(lang, "sources", &self.archive.outlets()[id].slug, n),
            Job::NotFound(_) => format!("{lang}/404.html"),
            Job::Feed(of, format) => format!("{}{}", self.feed_dir(of), format.file_name()),
            Job::Sitemap(part) => sitemap::part_url(part, sitemap::parts(self.sitemap.len())),
            Job::SitemapIndex => "/sitemap.xml".to_string(),
            Job::NewsSitemap => "/news-sitemap.xml".to_string(),
            Job::Robots => "/robots.txt".to_string(),
            Job::NoJekyll => "/.nojekyll".to_string(),
            Job::Alias(id, n) => self.archive.articles()[id].aliases[n].clone(),
            Job::Search(_) => format!("{lang}/search/"),
            Job::SearchFile(l, n) => self
                .search
                .get(l)
                .and_then(|index| index.file_url(n))
                .map_or_else(
                    || format!("{lang}{}missing-{n}", crate::search::DATA_DIR),
                    str::to_string,
                ),
            Job::SearchText(id) => self.search.get(self.job_lang(job)).map_or_else(
                || format!("{lang}{}doc/missing-{id}.json", crate::search::DATA_DIR),
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
            Job::SearchFile(l, n) => Some(match self.search.get(l) {
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
        page.context.insert(
            "site",
            &self.langs[self.job_lang(job).min(self.langs.len() - 1)].site,
        );
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
    /// The articles whose "Read more" headlines `title` matches: their pages change when an
    /// article takes or leaves that title.
    pub(crate) fn read_more_referrers(&self, title: &str) -> &[ArticleId] {
        self.read_more.referrers(title)
    }

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
            Job::Feed(of, format) => {
                let spec = self.feed_spec(of, format);
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
            Job::SearchFile(l, n) => {
                let hash = self.search.get(l).and_then(|i| i.file_hash(n));
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
        let lang = self.job_lang(job);
        let language = &archive.languages()[lang];
        let prefix = urls.lang(lang);
        let (template, kind, title): (&str, &str, &str) = match job {
            Job::Home(_, n) => {
                self.insert_sublist(context, &language.articles, n, |n| home_url(prefix, n));
                ("index.html", "home", &self.langs[lang].language.title)
            }
            Job::Article(id) => {
                context.put_article_page(self, "article", id);
                context.put_article(self, "newer", archive.newer(id));
                context.put_article(self, "older", archive.older(id));
                context.put_articles(self, "related", &mut archive.related(id).iter().copied());
                self.put_read_more(context, id);
                ("article.html", "article", &archive.articles()[id].title)
            }
            Job::Topics(..) | Job::Authors(..) | Job::Sources(..) => {
                let (template, kind) = self.fill_index(context, job);
                let words = self.words(job);
                title_buffer = match job {
                    Job::Topics(_, 0) | Job::Authors(_, 0) | Job::Sources(_, 0) => {
                        words.get(kind).to_string()
                    }
                    Job::Topics(_, n) | Job::Authors(_, n) | Job::Sources(_, n) => {
                        let page = words.get("page_n").replace("{n}", &(n + 1).to_string());
                        format!("{} · {page}", words.get(kind))
                    }
                    _ => String::new(),
                };
                (template, kind, &title_buffer)
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
                self.insert_sublist(context, &topic.articles, n, |n| {
                    topic_url(prefix, &topic.slug, n)
                });
                ("topic.html", "topic", &topic.name)
            }
            Job::Archive(_) => {
                let years: Vec<YearView> = archive.years()[language.years.clone()]
                    .iter()
                    .map(|y| YearView::new(y, urls, self.words(job)))
                    .collect();
                context.put("years", &years);
                ("archive.html", "archive", self.words(job).get("archive"))
            }
            Job::Year(y) => {
                let year = &archive.years()[y];
                context.put("year", &YearView::new(year, urls, self.words(job)));
                let neighbour = |i: Option<usize>| {
                    i.filter(|i| language.years.contains(i))
                        .and_then(|i| archive.years().get(i))
                        .map(|y| YearView::new(y, urls, self.words(job)))
                };
                context.put("newer", &neighbour(y.checked_sub(1)));
                context.put("older", &neighbour(Some(y + 1)));
                title_buffer = year.year.to_string();
                ("year.html", "year", &title_buffer)
            }
            Job::Month(y, m, n) => {
                let year = &archive.years()[y];
                let month = &year.months[m];
                let mut month_view = MonthView::new(year, month, urls, self.words(job));
                if n != ListPage::Latest {
                    month_view.count = None;
                }
                title_buffer = month_view.title.clone();
                context.put("year", &YearView::link(year, urls));
                context.put("month", &month_view);
                context.put("day_pages", &self.day_pages_of(lang));
                self.insert_sublist(context, &month.articles, n, |n| {
                    month_url(prefix, year.year, month.month, n)
                });
                ("month.html", "month", &title_buffer)
            }
            Job::Day(y, m, d, n) => {
                title_buffer = self.fill_day(context, job, (y, m, d, n));
                (days::TEMPLATE, "day", &title_buffer)
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
                    section_url(prefix, section, &byline.slug, n)
                });
                (template, kind, &byline.name)
            }
            Job::NotFound(_) => ("404.html", "404", self.words(job).get("not_found")),
            Job::Search(_) => {
                context.put(
                    "search",
                    &views::SearchView {
                        lang: &language.code,
                        strings: words::search_strings(self.words(job)),
                        script: urls.path(&format!("{prefix}/search/search.js")),
                        data: urls.path(&format!("{prefix}{}", crate::search::DATA_DIR)),
                        version: self
                            .search
                            .get(lang)
                            .map(|i| i.version.clone())
                            .unwrap_or_default(),
                    },
                );
                ("search.html", "search", self.words(job).get("search"))
            }
            // Files, not pages: handled by render_file above.
            Job::Feed(..)
            | Job::Sitemap(_)
            | Job::SitemapIndex
            | Job::NewsSitemap
            | Job::Robots
            | Job::NoJekyll
            | Job::Alias(..)
            | Job::SearchFile(..)
            | Job::SearchText(_) => unreachable!("{job:?} is a file, rendered by render_file"),
        };
        let og = match job {
            Job::Article(id) => metadata::og_image(&archive.articles()[id], urls),
            _ => None,
        };
        context.put(
            "page",
            &PageView {
                kind,
                title,
                lang: &self.langs[lang].language.code,
                dir: if self.langs[lang].language.rtl {
                    "rtl"
                } else {
                    "ltr"
                },
                locale: views::og_locale(&self.langs[lang].language.code),
                translations: self.alternates(job),
                url: self.urls.path(url),
                permalink: self.urls.permalink(url),
                description: self.description(job),
                og_type: if matches!(job, Job::Article(_)) {
                    "article"
                } else {
                    "website"
                },
                image: og.as_ref().map(|(url, _)| url.clone()),
                image_alt: match job {
                    Job::Article(id) => archive.articles()[id]
                        .image
                        .as_ref()
                        .and_then(|i| i.alt.as_deref()),
                    _ => None,
                },
                image_size: og.and_then(|(_, size)| size),
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
                    Job::Topic(..) => Some(metadata::breadcrumbs(&self.trail(job, title), urls)),
                    _ => None,
                },
                // Made from the article's view (its topics and date) and site.toml, which
                // every key holds already.
                breadcrumbs_ld: match job {
                    Job::Article(_) if V::RENDERS => {
                        Some(metadata::breadcrumbs(&self.trail(job, title), urls))
                    }
                    _ => None,
                },
                // Made from the page's title, its article's view or list and site.toml,
                // which every key holds already.
                breadcrumbs: match V::RENDERS {
                    true => self.breadcrumbs(job, title),
                    false => Vec::new(),
                },
            },
        );
        template
    }

    /// Renders the files that are not templated pages; None for pages.
    fn render_file(&self, job: Job) -> Option<Result<String, Diagnostic>> {
        let archive = self.archive;
        let urls = &self.urls;
        let text = match job {
            Job::Feed(of, format) => {
                return Some(feeds::render(
                    self.config,
                    archive,
                    self.bodies,
                    urls,
                    &self.feed_spec(of, format),
                ))
            }
            Job::Sitemap(part) => {
                let hreflangs: Vec<&str> = self
                    .langs
                    .iter()
                    .map(|l| l.language.code.as_str())
                    .collect();
                sitemap::urlset(&self.sitemap, part, &hreflangs)
            }
            Job::SitemapIndex => sitemap::index(&self.sitemap, self.config.base_url.as_str()),
            Job::NewsSitemap => {
                let entries: Vec<sitemap::NewsEntry> = self
                    .news
                    .iter()
                    .map(|id| {
                        let a = &archive.articles()[*id];
                        let language = self.language(Job::Article(*id));
                        sitemap::NewsEntry {
                            loc: urls.permalink(&a.url),
                            title: &a.title,
                            published: a.date,
                            publication: &language.title,
                            language: sitemap::news_language(&language.code),
                        }
                    })
                    .collect();
                sitemap::news(&entries)
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
                &archive.articles()[id].lang,
                self.words(job),
            ),
            _ => return None,
        };
        Some(Ok(text))
    }

    /// A page's plain-text description.
    fn description(&self, job: Job) -> String {
        words::description(self.language(job), self.archive, self.words(job), job)
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
