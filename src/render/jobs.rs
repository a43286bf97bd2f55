//! The kinds of file a site has, and what each needs: the one place a new kind of page is
//! added (with its template and its `fill` in [`super::Renderer`]).
//!
//! A [`Job`] names one file of the site: cheap to copy, rendered on its own. [`Job::kind`]
//! says what the rest of gazette needs to know of each kind (is it an HTML page, is it in
//! the sitemap, has it a page key); [`super::Renderer::collisions`] checks that no two files
//! of a plan are written to one path, naming the file to change.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Renderer;
use crate::archive::{ArticleId, TopicId};
use crate::error::Diagnostic;
use crate::theme::{StaticFile, StaticSource};

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    /// Page `n` (from 1) of the home list.
    Home(usize),
    /// An article's page.
    Article(ArticleId),
    /// The list of every topic.
    Topics,
    /// Page `n` (from 1) of a topic.
    Topic(TopicId, usize),
    /// Every year with its count.
    Archive,
    /// A year's months (index into [`crate::archive::Archive::years`]).
    Year(usize),
    /// Page `n` of a month's articles: (year index, month index, n).
    Month(usize, usize, usize),
    /// Every author.
    Authors,
    /// Page `n` of an author's articles.
    Author(usize, usize),
    /// Every outlet.
    Sources,
    /// Page `n` of an outlet's articles.
    Source(usize, usize),
    /// The not-found page.
    NotFound,
    /// An Atom feed.
    Feed(FeedOf),
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
    /// The search page, `/search/` (when `[search] enabled`).
    Search,
    /// File `n` of the search index (see [`crate::search`]), or its script.
    SearchFile(usize),
    /// An article's snippet text for search results.
    SearchText(ArticleId),
}

/// Whose articles a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedOf {
    /// The whole archive: `/feed.xml`.
    Site,
    /// A topic: `/topics/<slug>/feed.xml`.
    Topic(TopicId),
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
            Job::Home(_)
            | Job::Topics
            | Job::Topic(..)
            | Job::Archive
            | Job::Year(_)
            | Job::Month(..)
            | Job::Authors
            | Job::Author(..)
            | Job::Sources
            | Job::Source(..) => Kind::PAGE,
            Job::Article(_) => Kind {
                blame: 1,
                ..Kind::PAGE
            },
            Job::NotFound => Kind {
                listed: false,
                ..Kind::PAGE
            },
            Job::Search => Kind {
                listed: false,
                depends_on_all: true,
                ..Kind::PAGE
            },
            Job::Alias(..) => Kind {
                listed: false,
                blame: 0,
                ..Kind::PAGE
            },
            Job::Feed(_) | Job::SearchText(_) => Kind::FILE,
            Job::Sitemap(_)
            | Job::SitemapIndex
            | Job::NewsSitemap
            | Job::Robots
            | Job::NoJekyll
            | Job::SearchFile(_) => Kind::UNKEYED_FILE,
        }
    }
}

impl Renderer<'_> {
    /// Every two of `jobs`, or a job and one of `static_files`, that would be written to one
    /// file, as a diagnostic on the file the user can change; `shown` turns an article's
    /// path (relative to the site root) into the path to show.
    pub fn collisions(
        &self,
        jobs: &[Job],
        static_files: &[StaticFile],
        shown: impl Fn(&Path) -> PathBuf,
    ) -> Vec<Diagnostic> {
        let config = self.config;
        let articles = self.archive.articles();
        let mut owners: HashMap<PathBuf, Job> = HashMap::with_capacity(jobs.len());
        let mut problems = Vec::new();
        let describe = |job: Job| match job {
            Job::Article(id) => format!("the article {}", shown(&articles[id].path).display()),
            Job::Home(1) => "the home page".to_string(),
            Job::Home(n) => format!("page {n} of the home page"),
            Job::Topics => "the topic index".to_string(),
            Job::Topic(id, _) => {
                format!("the page of topic \"{}\"", self.archive.topics()[id].name)
            }
            Job::NotFound => "the 404 page".to_string(),
            Job::Alias(id, n) => format!(
                "the alias {} of {}",
                articles[id].aliases[n],
                shown(&articles[id].path).display()
            ),
            other => format!("the generated page {}", self.url(other)),
        };
        for job in jobs {
            let path = match self.output_path(*job) {
                Ok(path) => path,
                Err(why) => {
                    problems.push(Diagnostic::new(&config.output_dir, why));
                    continue;
                }
            };
            if let Some(first) = owners.insert(path.clone(), *job) {
                let (blamed, other) = if job.kind().blame <= first.kind().blame {
                    (*job, first)
                } else {
                    (first, *job)
                };
                let file = match blamed {
                    Job::Article(id) | Job::Alias(id, _) => shown(&articles[id].path),
                    _ => config.root.join(crate::config::CONFIG_FILE),
                };
                problems.push(
                    Diagnostic::new(
                        file,
                        format!(
                            "{} and {} would both be written to {}",
                            describe(blamed),
                            describe(other),
                            path.display()
                        ),
                    )
                    .help(
                        "give the article a different `slug`, or change `permalink` in site.toml",
                    ),
                );
            }
        }
        for file in static_files {
            if let Some(job) = owners.get(&file.path) {
                let origin = match &file.source {
                    StaticSource::Disk(path) => path.clone(),
                    StaticSource::BuiltIn(name) => PathBuf::from(name),
                };
                problems.push(
                    Diagnostic::new(
                        origin,
                        format!(
                            "this static file and {} would both be written to {}",
                            describe(*job),
                            file.path.display()
                        ),
                    )
                    .help("rename or remove the static file"),
                );
            }
        }
        problems
    }
}
