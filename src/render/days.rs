//! Day pages, `/YYYY/MM/DD/` (issue 19): every day with articles gets a page when the
//! language's permalink has the day in it (`:day`, as the default `/:year/:month/:day/:slug/`
//! has), so that cutting an article's URL back to its date finds that day's articles.
//! `[archive] day_pages = false` turns them off. A theme without its own `day.html` renders
//! them with the default theme's, as it does every template it lacks.
//!
//! A month keeps its articles newest day first (see `archive::index_dates`), so each day is
//! one run of its month's list: found by binary search, never stored.

use chrono::Datelike;
use serde::Serialize;

use super::key::Vars;
use super::paging::{month_url, ListPage, Split};
use super::views::{MonthView, YearView};
use super::{Job, Renderer};
use crate::archive::{Archive, ArticleId, Month};

/// The template of day pages, which a theme may leave out.
pub(super) const TEMPLATE: &str = "day.html";

/// The site-relative URL of a page of a day's articles.
pub(super) fn day_url(lang: &str, year: i32, month: u32, day: u32, page: ListPage) -> String {
    let base = format!("{lang}/{year:04}/{month:02}/{day:02}/");
    match page {
        ListPage::Latest => base,
        ListPage::Numbered(n) => format!("{base}page/{n}/"),
    }
}

/// The articles of `day` in `month`, newest first: one run of the month's list.
pub(super) fn articles_of<'a>(archive: &Archive, month: &'a Month, day: u32) -> &'a [ArticleId] {
    let day_of = |id: &ArticleId| archive.articles()[*id].date.day();
    let start = month.articles.partition_point(|id| day_of(id) > day);
    let len = month.articles[start..].partition_point(|id| day_of(id) == day);
    &month.articles[start..start + len]
}

/// The days of `month` that have articles, newest first, each with its article count.
fn days(archive: &Archive, month: &Month) -> Vec<(u32, usize)> {
    let mut days: Vec<(u32, usize)> = Vec::new();
    for id in &month.articles {
        let day = archive.articles()[*id].date.day();
        match days.last_mut() {
            Some((d, n)) if *d == day => *n += 1,
            _ => days.push((day, 1)),
        }
    }
    days
}

/// A day of the date archive, `day` on `day.html`.
#[derive(Debug, Serialize)]
pub(super) struct DayView {
    /// The date, `YYYY-MM-DD` (format it with tera's `date` filter).
    pub date: String,
    /// 1–31.
    pub day: u32,
    /// The day as a title in the page's language ("January 19, 2016", by `date_long`).
    pub title: String,
    /// Articles that day; null on the day's numbered pages.
    pub count: Option<usize>,
    /// The day's page.
    pub url: String,
}

impl Renderer<'_> {
    /// Whether language `l`'s dates get day pages: on, the templates have `day.html` (the
    /// default theme's is under every theme; a theme set up without it gets none rather
    /// than an error), and the language's permalink has the day.
    pub(super) fn day_pages_of(&self, l: usize) -> bool {
        self.config.day_pages
            && self.templates.tera.get_template(TEMPLATE).is_ok()
            && self
                .langs
                .get(l)
                .is_some_and(|s| s.language.permalink.as_str().contains(":day"))
    }

    /// The pages of every day of month `m` of year `y` (of language `l`), newest first.
    pub(super) fn day_jobs(&self, l: usize, y: usize, m: usize, jobs: &mut Vec<Job>) {
        if !self.day_pages_of(l) {
            return;
        }
        let month = &self.archive.years()[y].months[m];
        for (day, count) in days(self.archive, month) {
            let pages = Split::new(count, self.config.paginate).pages();
            jobs.extend(pages.map(|n| Job::Day(y, m, day, n)));
        }
    }

    /// The latest page of day `day` of month `m` of year `y` in each language that has
    /// articles that day, itself included; empty when only one language has.
    pub(super) fn day_twins(&self, y: usize, m: usize, day: u32) -> Vec<Job> {
        let archive = self.archive;
        let year = &archive.years()[y];
        let twins: Vec<Job> = self
            .date_twins
            .month(year.year, year.months[m].month)
            .iter()
            .filter(|(ty, tm)| {
                let twin = &archive.years()[*ty];
                self.day_pages_of(twin.lang)
                    && !articles_of(archive, &twin.months[*tm], day).is_empty()
            })
            .map(|(ty, tm)| Job::Day(*ty, *tm, day, ListPage::Latest))
            .collect();
        if twins.len() > 1 {
            twins
        } else {
            Vec::new()
        }
    }

    /// The URL of a day job.
    pub(super) fn day_page_url(
        &self,
        lang: &str,
        y: usize,
        m: usize,
        day: u32,
        n: ListPage,
    ) -> String {
        let year = &self.archive.years()[y];
        day_url(lang, year.year, year.months[m].month, day, n)
    }

    /// Fills a day page's variables: `year`, `month` (links, no counts), `day`, and the
    /// paginated `articles`. Returns its title.
    pub(super) fn fill_day<V: Vars>(
        &self,
        vars: &mut V,
        job: Job,
        (y, m, day, n): (usize, usize, u32, ListPage),
    ) -> String {
        let urls = &self.urls;
        let year = &self.archive.years()[y];
        let month = &year.months[m];
        let strings = self.words(job);
        let prefix = urls.lang(year.lang);
        let list = articles_of(self.archive, month, day);
        let view = DayView {
            date: format!("{:04}-{:02}-{day:02}", year.year, month.month),
            day,
            title: strings.day_title(year.year, month.month, day),
            count: (n == ListPage::Latest).then_some(list.len()),
            url: urls.path(&day_url(
                prefix,
                year.year,
                month.month,
                day,
                ListPage::Latest,
            )),
        };
        let mut month_view = MonthView::new(year, month, urls, strings);
        month_view.count = None;
        month_view.url = urls.path(&month_url(prefix, year.year, month.month, ListPage::Latest));
        vars.put("year", &YearView::link(year, urls));
        vars.put("month", &month_view);
        vars.put("day", &view);
        self.insert_sublist(vars, list, n, |n| {
            day_url(prefix, year.year, month.month, day, n)
        });
        view.title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_urls() {
        assert_eq!(day_url("", 2016, 1, 9, ListPage::Latest), "/2016/01/09/");
        assert_eq!(
            day_url("/fr", 2016, 1, 19, ListPage::Numbered(2)),
            "/fr/2016/01/19/page/2/"
        );
    }
}
