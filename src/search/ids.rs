//! Stable document ids: an article's day and its place among that day's articles.
//!
//! An id is `day × slots + slot`, where `day` counts from 1 January 1700 (earlier dates
//! share day 0), `slots` is the smallest power of two (at least 16) that holds the busiest day, and
//! `slot` is the article's rank within its day by time, then URL. So an id does not move
//! when another article is added or removed elsewhere (positions in the archive do, which
//! is why ids are not positions), sorting by id is sorting by date, a year is a range of
//! ids, and the browser knows an article's day from its id alone.

use chrono::{Datelike, NaiveDate};

use crate::archive::{Archive, ArticleId};

/// Every article's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocIds {
    /// Indexed by [`ArticleId`].
    pub ids: Vec<u64>,
    /// Article ids in ascending document id order (oldest first).
    pub order: Vec<ArticleId>,
    /// Ids per day: a power of two.
    pub slots: u64,
}

/// Ids per day at least: a small archive's busiest day grows without moving every id.
const MIN_SLOTS: u64 = 16;

/// The day numbers count from.
fn base_day() -> i32 {
    NaiveDate::from_ymd_opt(1700, 1, 1).map_or(620_000, |d| d.num_days_from_ce())
}

impl DocIds {
    /// Assigns every article of `archive` its id.
    pub fn assign(archive: &Archive) -> DocIds {
        let all: Vec<ArticleId> = (0..archive.articles().len()).collect();
        DocIds::assign_to(archive, &all)
    }

    /// Assigns each of `members` (articles of `archive`: one language's) its id; the others
    /// are not in `order`, and their ids mean nothing.
    pub fn assign_to(archive: &Archive, members: &[ArticleId]) -> DocIds {
        let articles = archive.articles();
        let base = base_day();
        let mut days: Vec<u64> = vec![0; articles.len()];
        for &id in members {
            let date = articles[id].date.date_naive();
            days[id] = (date.num_days_from_ce() - base).max(0) as u64;
        }
        let day = |id: ArticleId| days[id];
        let mut order: Vec<ArticleId> = members.to_vec();
        order.sort_by(|&a, &b| {
            (day(a), articles[a].date.timestamp(), &articles[a].url).cmp(&(
                day(b),
                articles[b].date.timestamp(),
                &articles[b].url,
            ))
        });
        let mut busiest = 0u64;
        let mut run = 0u64;
        for (n, &id) in order.iter().enumerate() {
            run = if n > 0 && day(order[n - 1]) == day(id) {
                run + 1
            } else {
                1
            };
            busiest = busiest.max(run);
        }
        let slots = busiest.max(MIN_SLOTS).next_power_of_two();
        let mut ids = vec![0; articles.len()];
        let mut slot = 0u64;
        for (n, &id) in order.iter().enumerate() {
            slot = if n > 0 && day(order[n - 1]) == day(id) {
                slot + 1
            } else {
                0
            };
            ids[id] = day(id) * slots + slot;
        }
        DocIds { ids, order, slots }
    }
}
