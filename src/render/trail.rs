//! Breadcrumbs: where a page sits in the site, outermost first. The default theme shows
//! them above the page, and search engines read the same trail as a schema.org
//! `BreadcrumbList` (issue 19, points 10 and 11).

use std::borrow::Cow;

use chrono::Datelike;
use serde::Serialize;

use super::paging::{home_url, month_url, section_url, topic_url, ListPage};
use super::views::year_url;
use super::{Job, Renderer};

/// One step of `page.breadcrumbs`.
#[derive(Debug, Serialize)]
pub(super) struct Crumb<'a> {
    /// What the step is called: the site's title, a section's name, the page's title.
    pub name: Cow<'a, str>,
    /// Its path, base path included.
    pub url: String,
}

impl<'r> Renderer<'r> {
    /// The trail to a page, as (name, site-relative URL): the site's home, the section, and
    /// the page itself, whose name is `title`. An article's section is its first topic, or
    /// else its year; a month sits under its year, a day under its month. Empty for pages outside a section (home,
    /// the section indexes, search, 404).
    pub(super) fn trail<'a>(&'a self, job: Job, title: &'a str) -> Vec<(Cow<'a, str>, String)>
    where
        'r: 'a,
    {
        let archive = self.archive;
        let lang = self.job_lang(job);
        let prefix = self.urls.lang(lang);
        let words = self.words(job);
        let home = (
            Cow::Borrowed(self.langs[lang].language.title.as_str()),
            home_url(prefix, ListPage::Latest),
        );
        let section =
            |key: &str, path: &str| (Cow::Borrowed(words.get(key)), format!("{prefix}/{path}/"));
        let year_crumb = |year: i32| (Cow::Owned(year.to_string()), year_url(prefix, year));
        type Trail<'t> = Vec<(Cow<'t, str>, String)>;
        let (middle, own): (Trail, String) = match job {
            Job::Article(id) => {
                let a = &archive.articles()[id];
                let middle = match archive.topics_of(id).next() {
                    Some((t, _)) => (
                        Cow::Borrowed(t.name.as_str()),
                        topic_url(prefix, &t.slug, ListPage::Latest),
                    ),
                    None => year_crumb(a.date.year()),
                };
                (vec![middle], a.url.clone())
            }
            Job::Topic(id, _) => {
                let t = &archive.topics()[id];
                let own = topic_url(prefix, &t.slug, ListPage::Latest);
                (vec![section("topics", "topics")], own)
            }
            Job::Year(y) => {
                let own = year_url(prefix, archive.years()[y].year);
                (vec![section("archive", "archive")], own)
            }
            Job::Month(y, m, _) => {
                let year = &archive.years()[y];
                let own = month_url(prefix, year.year, year.months[m].month, ListPage::Latest);
                (
                    vec![section("archive", "archive"), year_crumb(year.year)],
                    own,
                )
            }
            Job::Day(y, m, day, _) => {
                let year = &archive.years()[y];
                let month = &year.months[m];
                let own = self.day_page_url(prefix, y, m, day, ListPage::Latest);
                let month_crumb = (
                    Cow::Owned(words.month_title(year.year, month.month)),
                    month_url(prefix, year.year, month.month, ListPage::Latest),
                );
                let middle = vec![
                    section("archive", "archive"),
                    year_crumb(year.year),
                    month_crumb,
                ];
                (middle, own)
            }
            Job::Author(id, _) => {
                let slug = &archive.authors()[id].slug;
                let own = section_url(prefix, "authors", slug, ListPage::Latest);
                (vec![section("authors", "authors")], own)
            }
            Job::Source(id, _) => {
                let slug = &archive.outlets()[id].slug;
                let own = section_url(prefix, "sources", slug, ListPage::Latest);
                (vec![section("sources", "sources")], own)
            }
            _ => return Vec::new(),
        };
        std::iter::once(home)
            .chain(middle)
            .chain(std::iter::once((Cow::Borrowed(title), own)))
            .collect()
    }

    /// [`Renderer::trail`] as the page shows it.
    pub(super) fn breadcrumbs<'a>(&'a self, job: Job, title: &'a str) -> Vec<Crumb<'a>>
    where
        'r: 'a,
    {
        (self.trail(job, title).into_iter())
            .map(|(name, url)| Crumb {
                name,
                url: self.urls.path(&url),
            })
            .collect()
    }
}
