//! Which language each page is in, and the same page in the site's other languages: what
//! `<html lang dir>`, `<link rel="alternate" hreflang>`, the language switcher and the
//! sitemap's `xhtml:link`s are made from (issue 17).
//!
//! A page's versions are listed complete and alike on each of them (itself included), so
//! hreflang pairs are always reciprocal: an article and its translations
//! ([`crate::archive::Archive::translations`]); a language's home, topic index, date
//! archive, author and source indexes and search page, and the same pages of every other
//! language; a declared topic's page and its pages in the other languages. `x-default` is
//! the version in the first of the site's languages that has one.

use serde::Serialize;

use super::paging::ListPage;
use super::{sitemap, FeedOf, Job, Renderer};
use crate::archive::TopicId;
use crate::config::Language;

/// One language of the site, as its pages show it.
pub(super) struct LangSite {
    /// The language, as site.toml configures it or with the defaults.
    pub language: Language,
    /// `site` on its pages.
    pub site: tera::Value,
    /// The theme's words in the language, for what Rust writes (titles, descriptions, month
    /// names); templates see the same in `site.strings`.
    pub strings: crate::i18n::Strings,
}

/// One version of a page: an item of `page.translations`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Alternate {
    /// Its language tag, for `hreflang` and `lang`.
    pub lang: String,
    /// The language's name in that language, for the switcher ("Français").
    pub name: String,
    /// Its path, base path included.
    pub url: String,
    /// Its full address.
    pub permalink: String,
    /// Its title: the article's headline, or the site's title in that language.
    pub title: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// The same year's and month's pages in every language that has articles then: each year
/// (a position in the archive's years) and month (year and month positions) by date, for
/// the dates more than one language has.
#[derive(Default)]
pub(crate) struct DateTwins {
    years: std::collections::HashMap<i32, Vec<usize>>,
    months: std::collections::HashMap<(i32, u32), Vec<(usize, usize)>>,
}

impl DateTwins {
    /// The twins of `years`.
    pub(crate) fn new(years: &[crate::archive::Year]) -> DateTwins {
        let mut twins = DateTwins::default();
        for (y, year) in years.iter().enumerate() {
            twins.years.entry(year.year).or_default().push(y);
            for (m, month) in year.months.iter().enumerate() {
                let key = (year.year, month.month);
                twins.months.entry(key).or_default().push((y, m));
            }
        }
        twins.years.retain(|_, v| v.len() > 1);
        twins.months.retain(|_, v| v.len() > 1);
        twins
    }

    /// The years of a month that more than one language has, in the order of the years.
    pub(crate) fn month(&self, year: i32, month: u32) -> &[(usize, usize)] {
        self.months.get(&(year, month)).map_or(&[], Vec::as_slice)
    }
}

/// For each topic, the topics of the other languages with the same declared slug: one topic
/// of site.toml, named per language.
pub(crate) fn topic_twins(topics: &[crate::archive::Topic]) -> Vec<Vec<TopicId>> {
    let mut by_slug: std::collections::HashMap<&str, Vec<TopicId>> =
        std::collections::HashMap::new();
    for (id, t) in topics.iter().enumerate().filter(|(_, t)| t.declared) {
        by_slug.entry(&t.slug).or_default().push(id);
    }
    let mut twins = vec![Vec::new(); topics.len()];
    for ids in by_slug.into_values().filter(|ids| ids.len() > 1) {
        for id in &ids {
            twins[*id] = ids.clone();
        }
    }
    twins
}

impl Renderer<'_> {
    /// The language of a job's page or file (a position in the archive's languages).
    pub(super) fn job_lang(&self, job: Job) -> usize {
        let archive = self.archive;
        match job {
            Job::Home(l, _)
            | Job::Topics(l, _)
            | Job::Archive(l)
            | Job::Authors(l, _)
            | Job::Sources(l, _)
            | Job::NotFound(l)
            | Job::Search(l)
            | Job::Feed(FeedOf::Site(l), _)
            | Job::SearchFile(l, _) => l,
            Job::Article(id) | Job::Alias(id, _) | Job::SearchText(id) => archive.lang_of(id),
            Job::Topic(id, _) | Job::Feed(FeedOf::Topic(id), _) => archive.topics()[id].lang,
            Job::Year(y) | Job::Month(y, ..) | Job::Day(y, ..) => archive.years()[y].lang,
            Job::Author(id, _) | Job::Feed(FeedOf::Author(id), _) => archive.authors()[id].lang,
            Job::Source(id, _) | Job::Feed(FeedOf::Source(id), _) => archive.outlets()[id].lang,
            _ => 0,
        }
    }

    /// The theme's words in the language of a job's page.
    pub(super) fn words(&self, job: Job) -> &crate::i18n::Strings {
        &self.langs[self.job_lang(job).min(self.langs.len() - 1)].strings
    }

    /// The language of a job's page, as configured.
    pub(super) fn language(&self, job: Job) -> &Language {
        &self.langs[self.job_lang(job).min(self.langs.len() - 1)].language
    }

    /// The same page in each language it is published in, itself included, in the order of
    /// the site's languages; empty when it is in one language only.
    pub(super) fn versions(&self, job: Job) -> Vec<Job> {
        if self.langs.len() < 2 {
            return Vec::new();
        }
        let archive = self.archive;
        let mut jobs: Vec<Job> = match job {
            Job::Article(id) => {
                let others = archive.translations(id);
                if others.is_empty() {
                    return Vec::new();
                }
                std::iter::once(id)
                    .chain(others.iter().copied())
                    .map(Job::Article)
                    .collect()
            }
            Job::Year(y) => {
                let year = archive.years()[y].year;
                let twins = self.date_twins.years.get(&year);
                twins.map_or(Vec::new(), |t| t.iter().map(|y| Job::Year(*y)).collect())
            }
            Job::Month(y, m, ListPage::Latest) => {
                let year = &archive.years()[y];
                let twins = self.date_twins.month(year.year, year.months[m].month);
                twins
                    .iter()
                    .map(|(y, m)| Job::Month(*y, *m, ListPage::Latest))
                    .collect()
            }
            Job::Day(y, m, day, ListPage::Latest) => self.day_twins(y, m, day),
            Job::Topic(id, ListPage::Latest) => self.topic_twins[id]
                .iter()
                .map(|t| Job::Topic(*t, ListPage::Latest))
                .collect(),
            Job::Home(_, ListPage::Latest)
            | Job::Topics(_, 0)
            | Job::Archive(_)
            | Job::Authors(_, 0)
            | Job::Sources(_, 0)
            | Job::Search(_) => (0..self.langs.len())
                .map(|l| match job {
                    Job::Home(..) => Job::Home(l, ListPage::Latest),
                    Job::Topics(..) => Job::Topics(l, 0),
                    Job::Archive(_) => Job::Archive(l),
                    Job::Authors(..) => Job::Authors(l, 0),
                    Job::Sources(..) => Job::Sources(l, 0),
                    _ => Job::Search(l),
                })
                .collect(),
            _ => Vec::new(),
        };
        jobs.sort_by_key(|j| self.job_lang(*j));
        jobs
    }

    /// [`Renderer::versions`] as the page shows them.
    pub(super) fn alternates(&self, job: Job) -> Vec<Alternate> {
        self.versions(job)
            .into_iter()
            .map(|version| {
                let language = self.language(version);
                let url = self.url(version);
                Alternate {
                    lang: language.code.clone(),
                    name: crate::config::languages::native_name(&language.code).to_string(),
                    url: self.urls.path(&url),
                    permalink: self.urls.permalink(&url),
                    title: match version {
                        Job::Article(id) => self.archive.articles()[id].title.clone(),
                        _ => language.title.clone(),
                    },
                    current: version == job,
                }
            })
            .collect()
    }

    /// The sitemap's entry of every listed page, each with its versions
    /// ([`sitemap::Entry::alternates`]).
    pub(super) fn sitemap_entries(&self) -> Vec<sitemap::Entry> {
        let listed: Vec<Job> = (self.pages.iter().copied())
            .filter(|job| job.kind().listed)
            .collect();
        let mut entries: Vec<sitemap::Entry> = listed
            .iter()
            .map(|job| sitemap::Entry {
                loc: self.urls.permalink(&self.url(*job)),
                lastmod: self.lastmod(*job),
                alternates: Box::new([]),
            })
            .collect();
        if self.langs.len() < 2 {
            return entries;
        }
        // Versions are listed alike on each of them, so every version of a page with
        // versions has some too: only those need finding by job.
        let versions: Vec<Vec<Job>> = listed.iter().map(|job| self.versions(*job)).collect();
        let at: std::collections::HashMap<Job, u32> = (listed.iter().zip(0u32..))
            .zip(&versions)
            .filter(|(_, v)| !v.is_empty())
            .map(|((job, n), _)| (*job, n))
            .collect();
        for (entry, versions) in entries.iter_mut().zip(versions) {
            entry.alternates = versions
                .into_iter()
                .filter_map(|v| {
                    let lang = u16::try_from(self.job_lang(v)).ok()?;
                    Some((lang, *at.get(&v)?))
                })
                .collect();
        }
        entries
    }
}
