//! Rendering the archive into pages with tera.
//!
//! [`Renderer::new`] loads and checks every template up front, reporting all template errors
//! at once. [`Renderer::plan`] lists the pages a site has as cheap [`Job`]s, and
//! [`Renderer::render`] turns one job into an [`Artifact`]; jobs are independent, so the build
//! renders them in parallel and never holds every page in memory. Render never writes files.

pub mod views;

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, Tera};

use crate::archive::{Archive, ArticleId, TopicId};
use crate::artifact::{output_path, Artifact};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::theme::Theme;
use views::{
    home_url, month_url, pages, section_url, topic_url, year_url, ArticleView, BylineView,
    MonthView, PageView, Paginator, SiteView, TopicDetail, TopicGroup, TopicView, Urls, YearView,
};

/// The templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "article.html",
    "topics.html",
    "topic.html",
    "archive.html",
    "year.html",
    "month.html",
    "authors.html",
    "author.html",
    "sources.html",
    "source.html",
    "404.html",
];

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// A year's months (index into [`Archive::years`]).
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
}

/// A theme's templates, compiled and checked.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
}

impl Templates {
    /// Compiles every template of `theme`, reporting every error at once.
    pub fn load(config: &Config, theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        Ok(Templates {
            tera: compile(config, theme)?,
            origins: theme
                .templates
                .iter()
                .map(|t| (t.name.clone(), t.origin.clone()))
                .collect(),
        })
    }
}

/// Renders jobs with one site's templates.
pub struct Renderer<'a> {
    templates: &'a Templates,
    config: &'a Config,
    archive: &'a Archive,
    urls: Urls,
    site: tera::Value,
}

impl<'a> Renderer<'a> {
    /// A renderer of `archive` with `templates`.
    pub fn new(config: &'a Config, archive: &'a Archive, templates: &'a Templates) -> Self {
        Renderer {
            templates,
            config,
            archive,
            urls: Urls::new(config),
            site: tera::to_value(SiteView::new(config)).unwrap_or(tera::Value::Null),
        }
    }

    /// Every page of the site, as jobs.
    pub fn plan(&self) -> Vec<Job> {
        let per_page = self.config.paginate;
        let archive = self.archive;
        let mut jobs = Vec::with_capacity(archive.articles().len() * 11 / 10 + 4);
        jobs.extend((1..=pages(archive.articles().len(), per_page)).map(Job::Home));
        jobs.extend((0..archive.articles().len()).map(Job::Article));
        jobs.push(Job::Topics);
        for (id, topic) in archive.topics().iter().enumerate() {
            jobs.extend((1..=pages(topic.articles.len(), per_page)).map(|n| Job::Topic(id, n)));
        }
        jobs.push(Job::Archive);
        for (y, year) in archive.years().iter().enumerate() {
            jobs.push(Job::Year(y));
            for (m, month) in year.months.iter().enumerate() {
                jobs.extend(
                    (1..=pages(month.articles.len(), per_page)).map(|n| Job::Month(y, m, n)),
                );
            }
        }
        jobs.push(Job::Authors);
        for (id, author) in archive.authors().iter().enumerate() {
            jobs.extend((1..=pages(author.articles.len(), per_page)).map(|n| Job::Author(id, n)));
        }
        jobs.push(Job::Sources);
        for (id, outlet) in archive.outlets().iter().enumerate() {
            jobs.extend((1..=pages(outlet.articles.len(), per_page)).map(|n| Job::Source(id, n)));
        }
        jobs.push(Job::NotFound);
        jobs
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
        }
    }

    /// The output file of a job, relative to the output folder.
    pub fn output_path(&self, job: Job) -> Result<PathBuf, String> {
        output_path(&self.url(job))
    }

    /// Renders one page.
    pub fn render(&self, job: Job) -> Result<Artifact, Diagnostic> {
        let url = self.url(job);
        let per_page = self.config.paginate;
        let archive = self.archive;
        let mut context = Context::new();
        context.insert("site", &self.site);
        let urls = &self.urls;
        let title_buffer: String;
        let (template, kind, title): (&str, &str, &str) = match job {
            Job::Home(n) => {
                let ids = slice(0..archive.articles().len(), n, per_page);
                self.insert_list(&mut context, ids, n, archive.articles().len(), home_url);
                ("index.html", "home", &self.config.title)
            }
            Job::Article(id) => {
                context.insert("article", &ArticleView::new(archive, id, urls, true));
                let link = |other: Option<ArticleId>| {
                    other.map(|o| ArticleView::new(archive, o, urls, false))
                };
                context.insert("newer", &link(archive.newer(id)));
                context.insert("older", &link(archive.older(id)));
                let related: Vec<ArticleView> = archive
                    .related(id)
                    .iter()
                    .map(|r| ArticleView::new(archive, *r, urls, false))
                    .collect();
                context.insert("related", &related);
                ("article.html", "article", &archive.articles()[id].title)
            }
            Job::Topics => {
                let topics: Vec<TopicView> = archive
                    .topics()
                    .iter()
                    .map(|t| TopicView::new(t, urls))
                    .collect();
                context.insert("topics", &topics);
                context.insert("groups", &TopicGroup::all(archive, urls));
                ("topics.html", "topics", "Topics")
            }
            Job::Topic(id, n) => {
                let topic = &archive.topics()[id];
                context.insert("topic", &TopicDetail::new(archive, id, per_page, urls));
                let ids = slice(topic.articles.iter().copied(), n, per_page);
                self.insert_list(&mut context, ids, n, topic.articles.len(), |n| {
                    topic_url(&topic.slug, n)
                });
                ("topic.html", "topic", &topic.name)
            }
            Job::Archive => {
                let years: Vec<YearView> = archive
                    .years()
                    .iter()
                    .map(|y| YearView::new(y, urls))
                    .collect();
                context.insert("years", &years);
                ("archive.html", "archive", "Archive")
            }
            Job::Year(y) => {
                let year = &archive.years()[y];
                context.insert("year", &YearView::new(year, urls));
                let neighbour = |i: Option<usize>| {
                    i.and_then(|i| archive.years().get(i))
                        .map(|y| YearView::new(y, urls))
                };
                context.insert("newer", &neighbour(y.checked_sub(1)));
                context.insert("older", &neighbour(Some(y + 1)));
                title_buffer = year.year.to_string();
                ("year.html", "year", &title_buffer)
            }
            Job::Month(y, m, n) => {
                let year = &archive.years()[y];
                let month = &year.months[m];
                let month_view = MonthView::new(year.year, month, urls);
                title_buffer = format!("{} {}", month_view.name, year.year);
                context.insert("year", &YearView::new(year, urls));
                context.insert("month", &month_view);
                let ids = slice(month.articles.iter().copied(), n, per_page);
                self.insert_list(&mut context, ids, n, month.articles.len(), |n| {
                    month_url(year.year, month.month, n)
                });
                ("month.html", "month", &title_buffer)
            }
            Job::Authors | Job::Sources => {
                let (section, list, template, title) = match job {
                    Job::Authors => ("authors", archive.authors(), "authors.html", "Authors"),
                    _ => ("sources", archive.outlets(), "sources.html", "Sources"),
                };
                let views: Vec<BylineView> = list
                    .iter()
                    .map(|b| BylineView::new(b, section, urls))
                    .collect();
                context.insert(section, &views);
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
                context.insert(key, &BylineView::new(byline, section, urls));
                let ids = slice(byline.articles.iter().copied(), n, per_page);
                self.insert_list(&mut context, ids, n, byline.articles.len(), |n| {
                    section_url(section, &byline.slug, n)
                });
                (template, kind, &byline.name)
            }
            Job::NotFound => ("404.html", "404", "Page not found"),
        };
        context.insert(
            "page",
            &PageView {
                kind,
                title,
                url: self.urls.path(&url),
                permalink: self.urls.permalink(&url),
            },
        );
        let path = output_path(&url).map_err(|why| Diagnostic::new(self.origin(template), why))?;
        let html = self
            .templates
            .tera
            .render(template, &context)
            .map_err(|e| {
                let what = match job {
                    Job::Article(id) => format!(" for {}", archive.articles()[id].path.display()),
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

    fn insert_list(
        &self,
        context: &mut Context,
        ids: impl Iterator<Item = ArticleId>,
        number: usize,
        total: usize,
        url_of: impl Fn(usize) -> String,
    ) {
        let articles: Vec<ArticleView> = ids
            .map(|id| ArticleView::new(self.archive, id, &self.urls, false))
            .collect();
        context.insert("articles", &articles);
        context.insert(
            "paginator",
            &Paginator::new(number, total, self.config.paginate, &self.urls, url_of),
        );
    }

    fn origin(&self, template: &str) -> PathBuf {
        self.templates
            .origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(template))
    }
}

/// The items of page `number` (from 1).
fn slice<I: Iterator<Item = ArticleId>>(
    ids: I,
    number: usize,
    per_page: usize,
) -> impl Iterator<Item = ArticleId> {
    ids.skip((number - 1) * per_page).take(per_page)
}

/// Compiles every template: each alone first, so every syntax error is reported, then all
/// together, which checks inheritance and includes.
fn compile(config: &Config, theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    for template in &theme.templates {
        if let Err(e) = tera::Template::new(&template.name, None, &template.source) {
            problems.push(
                Diagnostic::new(
                    &template.origin,
                    format!("template does not parse: {}", error_chain(&e)),
                )
                .help("fix the tera syntax: {{ variable }}, {% tag %}, {# comment #}"),
            );
        }
    }
    let names: Vec<&str> = theme.templates.iter().map(|t| t.name.as_str()).collect();
    for required in REQUIRED_TEMPLATES {
        if !names.contains(required) {
            problems.push(
                Diagnostic::new(config.root.join("templates").join(required), format!("the theme `{}` has no {required} template", config.theme))
                    .help(format!("add templates/{required} to the site or themes/{}/templates/{required} to the theme", config.theme)),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape);
    register_functions(&mut tera, config);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(|e| {
        vec![Diagnostic::new(
            config.root.join("templates"),
            format!("templates do not fit together: {}", error_chain(&e)),
        )
        .help("check {% extends %} and {% include %} names against the template files")]
    })?;
    Ok(tera)
}

/// Functions templates can call: `url(path="style.css")` gives a path under the base path.
fn register_functions(tera: &mut Tera, config: &Config) {
    let base_path = config.base_path.clone();
    tera.register_function("url", move |args: &HashMap<String, tera::Value>| {
        let path = args
            .get("path")
            .and_then(|p| p.as_str())
            .ok_or_else(|| tera::Error::msg("url() needs path=\"…\""))?;
        Ok(tera::Value::String(format!(
            "{base_path}{}",
            path.trim_start_matches('/')
        )))
    });
}

/// Escapes text for HTML and XML. Tera's own escaper also turns `/` into `&#x2F;`, which is
/// safe but makes every URL in the output unreadable; quotes and `<>&` are what matter.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Tera nests the real cause several errors deep; show the whole chain on one line.
fn error_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}
