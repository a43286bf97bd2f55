//! The kinds of file a site has, and what each needs: the one place a new kind of page is
//! added (with its template and its `fill` in [`super::Renderer`]).
//!
//! [`Renderer::plan`] lists every file of a site as [`Job`]s. A job names one file: cheap to
//! copy, rendered on its own. [`Job::kind`] says what the rest of gazette needs to know of
//! each kind (is it an HTML page, is it in the sitemap, has it a page key);
//! [`Renderer::collisions`] checks that no two files of a plan are written to one path,
//! naming the file to change.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::indexes::Section;
use super::paging::{ListPage, Split};
use super::sitemap;
use super::Renderer;
use crate::archive::{ArticleId, TopicId};
use crate::error::Diagnostic;
use crate::theme::{StaticFile, StaticSource};

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// A page of a language's home list (the language is a position in
    /// [`crate::archive::Archive::languages`]; 0 is the site's default language).
    Home(usize, ListPage),
    /// An article's page.
    Article(ArticleId),
    /// Page `n` (from 0) of a language's index of topics.
    Topics(usize, usize),
    /// A page of a topic's list.
    Topic(TopicId, ListPage),
    /// Every year of a language with its count.
    Archive(usize),
    /// A year's months (index into [`crate::archive::Archive::years`]).
    Year(usize),
    /// A page of a month's articles: (year index, month index, page).
    Month(usize, usize, ListPage),
    /// A page of a day's articles: (year index, month index, day of the month, page).
    Day(usize, usize, u32, ListPage),
    /// Page `n` (from 0) of a language's index of authors.
    Authors(usize, usize),
    /// A page of an author's articles.
    Author(usize, ListPage),
    /// Page `n` (from 0) of a language's index of outlets.
    Sources(usize, usize),
    /// A page of an outlet's articles.
    Source(usize, ListPage),
    /// A language's not-found page.
    NotFound(usize),
    /// A feed, in one of `[feeds] formats`.
    Feed(FeedOf, crate::config::FeedFormat),
    /// Part `n` (from 0) of the sitemap.
    Sitemap(usize),
    /// The sitemap index, when the sitemap has several parts.
    SitemapIndex,
    /// The Google News sitemap.
    NewsSitemap,
    /// robots.txt.
    Robots,
    /// `.nojekyll`, so GitHub Pages serves the folder as it is.
    NoJekyll,
    /// Redirect `n` of an article's `aliases`.
    Alias(ArticleId, usize),
    /// A language's search page, `/search/` (when `[search] enabled`).
    Search(usize),
    /// File `n` of a language's search index (see [`crate::search`]), or its script.
    SearchFile(usize, usize),
    /// An article's snippet text for search results.
    SearchText(ArticleId),
}

/// Whose articles a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedOf {
    /// A language's whole archive: `/feed.xml`, `/fr/feed.xml`.
    Site(usize),
    /// A topic: `/topics/<slug>/feed.xml`.
    Topic(TopicId),
    /// An author: `/authors/<slug>/feed.xml`.
    Author(usize),
    /// An outlet: `/sources/<slug>/feed.xml`.
    Source(usize),
}

/// What a kind of job is, for everything besides rendering it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// An HTML page (a redirect counts: it stands for an article). Only other files may be
    /// replaced by a static file of the same path.
    pub html: bool,
    /// An HTML page listed in the sitemap.
    pub listed: bool,
    /// Has a page key: a build that finds its key unchanged keeps the file as it is. Files
    /// without one (sitemaps, the search index's files, robots.txt) are made again by every
    /// build that renders anything: they are cheap, or change with any edit.
    pub keyed: bool,
    /// Its key may change while the site's structure and the articles it shows stay as they
    /// were: the search page names the search index's version, made from every article's
    /// text.
    pub depends_on_all: bool,
    /// When two jobs would write one file, the one blamed is the one the user can change
    /// most easily: the lowest rank (an alias, then an article, then generated pages).
    pub blame: u8,
}

impl Kind {
    const PAGE: Kind = Kind {
        html: true,
        listed: true,
        keyed: true,
        depends_on_all: false,
        blame: 2,
    };
    const FILE: Kind = Kind {
        html: false,
        listed: false,
        keyed: true,
        depends_on_all: false,
        blame: 2,
    };
    const UNKEYED_FILE: Kind = Kind {
        keyed: false,
        ..Kind::FILE
    };
}

impl Job {
    /// What kind of job this is.
    pub fn kind(self) -> Kind {
        match self {
            Job::Home(..)
            | Job::Topics(..)
            | Job::Topic(..)
            | Job::Archive(_)
            | Job::Year(_)
            | Job::Month(..)
            | Job::Day(..)
            | Job::Authors(..)
            | Job::Author(..)
            | Job::Sources(..)
            | Job::Source(..) => Kind::PAGE,
            Job::Article(_) => Kind {
                blame: 1,
                ..Kind::PAGE
            },
            Job::NotFound(_) => Kind {
                listed: false,
                ..Kind::PAGE
            },
            Job::Search(_) => Kind {
                listed: false,
                depends_on_all: true,
                ..Kind::PAGE
            },
            Job::Alias(..) => Kind {
                listed: false,
                blame: 0,
                ..Kind::PAGE
            },
            Job::Feed(..) | Job::SearchText(_) => Kind::FILE,
            // Keyed by their content's hash, which the search index knows without making
            // the bytes of a shard it kept; looked at on every build.
            Job::SearchFile(..) => Kind {
                depends_on_all: true,
                ..Kind::FILE
            },
            Job::Sitemap(_)
            | Job::SitemapIndex
            | Job::NewsSitemap
            | Job::Robots
            | Job::NoJekyll => Kind::UNKEYED_FILE,
        }
    }
}

impl Renderer<'_> {
    /// Every file of the site, as jobs: pages, feeds, sitemaps, robots.txt, redirects.
    pub fn plan(&self) -> Vec<Job> {
        let archive = self.archive;
        let mut jobs = self.pages.clone();
        let subjects = (0..archive.languages().len())
            .map(FeedOf::Site)
            .chain((0..archive.topics().len()).map(FeedOf::Topic))
            .chain((0..archive.authors().len()).map(FeedOf::Author))
            .chain((0..archive.outlets().len()).map(FeedOf::Source));
        for of in subjects {
            jobs.extend(self.config.feed_formats.iter().map(|f| Job::Feed(of, *f)));
        }
        let parts = sitemap::parts(self.sitemap.len());
        jobs.extend((0..parts).map(Job::Sitemap));
        if parts > 1 {
            jobs.push(Job::SitemapIndex);
        }
        if !self.news.is_empty() {
            jobs.push(Job::NewsSitemap);
        }
        jobs.push(Job::Robots);
        jobs.push(Job::NoJekyll);
        for (id, article) in archive.articles().iter().enumerate() {
            jobs.extend((0..article.aliases.len()).map(|n| Job::Alias(id, n)));
        }
        for (l, index) in self.search.iter().enumerate() {
            jobs.extend((0..index.file_count()).map(|n| Job::SearchFile(l, n)));
        }
        if !self.search.is_empty() {
            jobs.extend((0..archive.articles().len()).map(Job::SearchText));
        }
        jobs
    }

    /// Every HTML page of the site, as jobs.
    pub(super) fn html_pages(&self) -> Vec<Job> {
        let per_page = self.config.paginate;
        let archive = self.archive;
        let mut jobs = Vec::with_capacity(archive.articles().len() * 11 / 10 + 4);
        let pages = |total: usize| Split::new(total, per_page).pages();
        // Each language's pages, the default language's first: one language's are what a
        // monolingual site's always were, in the same order.
        for (l, language) in archive.languages().iter().enumerate() {
            jobs.extend(pages(language.articles.len()).map(|n| Job::Home(l, n)));
            jobs.extend(language.articles.iter().map(|id| Job::Article(*id)));
            self.index_jobs(l, Section::Topics, &mut jobs);
            for id in language.topics.clone() {
                let topic = &archive.topics()[id];
                jobs.extend(pages(topic.articles.len()).map(|n| Job::Topic(id, n)));
            }
            jobs.push(Job::Archive(l));
            for y in language.years.clone() {
                jobs.push(Job::Year(y));
                for (m, month) in archive.years()[y].months.iter().enumerate() {
                    jobs.extend(pages(month.articles.len()).map(|n| Job::Month(y, m, n)));
                    self.day_jobs(l, y, m, &mut jobs);
                }
            }
            self.index_jobs(l, Section::Authors, &mut jobs);
            for id in language.authors.clone() {
                let author = &archive.authors()[id];
                jobs.extend(pages(author.articles.len()).map(|n| Job::Author(id, n)));
            }
            self.index_jobs(l, Section::Sources, &mut jobs);
            for id in language.outlets.clone() {
                let outlet = &archive.outlets()[id];
                jobs.extend(pages(outlet.articles.len()).map(|n| Job::Source(id, n)));
            }
            jobs.push(Job::NotFound(l));
            if self.config.search.enabled {
                jobs.push(Job::Search(l));
            }
        }
        jobs
    }

    /// Every two of `jobs`, or a job and one of `static_files`, that would be written to one
    /// file, as a diagnostic on the file the user can change; `paths` are the jobs'
    /// [`Renderer::output_paths`]; `shown` turns an article's path (relative to the site
    /// root) into the path to show.
    pub fn collisions(
        &self,
        jobs: &[Job],
        paths: &[Result<PathBuf, String>],
        static_files: &[&StaticFile],
        shown: impl Fn(&Path) -> PathBuf,
    ) -> Vec<Diagnostic> {
        let config = self.config;
        let mut owners: HashMap<&Path, Job> = HashMap::with_capacity(jobs.len());
        let mut problems = Vec::new();
        for (job, path) in jobs.iter().zip(paths) {
            let path = match path {
                Ok(path) => path,
                Err(why) => {
                    problems.push(Diagnostic::new(&config.output_dir, why.clone()));
                    continue;
                }
            };
            if let Some(first) = owners.insert(path, *job) {
                let (blamed, other) = if job.kind().blame <= first.kind().blame {
                    (*job, first)
                } else {
                    (first, *job)
                };
                problems.push(
                    Diagnostic::new(
                        self.blamed_file(blamed, &shown),
                        format!(
                            "{} and {} would both be written to {}",
                            self.describe(blamed, &shown),
                            self.describe(other, &shown),
                            path.display()
                        ),
                    )
                    .help(match blamed {
                        Job::Alias(..) => "change or remove that old URL (in `aliases` or `redirect_from`): a redirect cannot stand where a page is",
                        _ => "give the article a different `slug` (or its own `url`, `permalink` or `path`), or change `permalink` in site.toml",
                    }),
                );
            }
        }
        for file in static_files {
            if let Some(job) = owners.get(file.path.as_path()) {
                problems.push(
                    Diagnostic::new(
                        origin(file),
                        format!(
                            "this static file and {} would both be written to {}",
                            self.describe(*job, &shown),
                            file.path.display()
                        ),
                    )
                    .help("rename or remove the static file"),
                );
            }
        }
        problems
    }

    /// The files of `jobs` (at `paths`) and `static_files` whose names break on another host
    /// (see [`crate::portable`]): a name Windows refuses, or two names that differ only by
    /// letter case or Unicode normalisation, which macOS, Windows and case-insensitive
    /// buckets make one file. A diagnostic each, on the file the user can change.
    pub fn unportable_names(
        &self,
        jobs: &[Job],
        paths: &[Result<PathBuf, String>],
        static_files: &[&StaticFile],
        shown: impl Fn(&Path) -> PathBuf,
    ) -> Vec<Diagnostic> {
        let files: Vec<(&Path, Result<Job, &StaticFile>)> = jobs
            .iter()
            .zip(paths)
            .filter_map(|(job, path)| Some((path.as_deref().ok()?, Ok(*job))))
            .chain(static_files.iter().map(|f| (f.path.as_path(), Err(*f))))
            .collect();
        let file_of = |owner: &Result<Job, &StaticFile>| match owner {
            Ok(job) => self.blamed_file(*job, &shown),
            Err(file) => origin(file),
        };
        let name = |owner: &Result<Job, &StaticFile>| match owner {
            Ok(job) => self.describe(*job, &shown),
            Err(file) => format!("the static file {}", origin(file).display()),
        };
        let mut problems = Vec::new();
        for (path, owner) in &files {
            if let Some(why) = crate::portable::unportable(path) {
                problems.push(
                    Diagnostic::new(
                        file_of(owner),
                        format!("{} is written to {}: {why}", name(owner), path.display()),
                    )
                    .help("give it another slug or name, so the site can be copied to any host"),
                );
            }
        }
        for (later, earlier) in crate::portable::clashes(files.iter().map(|(path, _)| *path)) {
            let ((path, owner), (other_path, other)) = (&files[later], &files[earlier]);
            problems.push(
                Diagnostic::new(
                    file_of(owner),
                    format!(
                        "{} ({}) and {} ({}) differ only by letter case or accents' encoding: on macOS, Windows and case-insensitive storage they are one file",
                        name(owner),
                        path.display(),
                        name(other),
                        other_path.display()
                    ),
                )
                .help("give one of them another slug or name"),
            );
        }
        problems
    }

    /// What a job makes, in words, for messages.
    fn describe(&self, job: Job, shown: &impl Fn(&Path) -> PathBuf) -> String {
        let articles = self.archive.articles();
        match job {
            Job::Article(id) => format!("the article {}", shown(&articles[id].path).display()),
            Job::Home(_, ListPage::Latest) => "the home page".to_string(),
            Job::Home(_, ListPage::Numbered(n)) => format!("page {n} of the home page"),
            Job::Topics(..) => "the topic index".to_string(),
            Job::Topic(id, _) => {
                format!("the page of topic \"{}\"", self.archive.topics()[id].name)
            }
            Job::NotFound(_) => "the 404 page".to_string(),
            Job::Alias(id, n) => format!(
                "the alias {} of {}",
                articles[id].aliases[n],
                shown(&articles[id].path).display()
            ),
            other => format!("the generated page {}", self.url(other)),
        }
    }

    /// The file to change about a job's output: its article's, or site.toml.
    fn blamed_file(&self, job: Job, shown: &impl Fn(&Path) -> PathBuf) -> PathBuf {
        match job {
            Job::Article(id) | Job::Alias(id, _) => shown(&self.archive.articles()[id].path),
            _ => self.config.root.join(crate::config::CONFIG_FILE),
        }
    }
}

/// Where a static file comes from, for messages.
fn origin(file: &StaticFile) -> PathBuf {
    match &file.source {
        StaticSource::Disk(path) => path.clone(),
        StaticSource::BuiltIn(name) => PathBuf::from(name),
    }
}
