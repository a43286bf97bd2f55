//! Scheduled publishing: which articles a build's "now" shows (issue 19).
//!
//! As in Hugo, an article appears from its publish date (`publishDate`, else its `date`) and
//! is taken down at its expiry date (`expiryDate`); `--future` and `--expired` show such
//! articles anyway. The clock alone changes what a site shows, so a build keeps the instants
//! nearest its "now" at which that happens (see `render::sitemap::news_span`), and a
//! no-change rebuild after one of them is not skipped.

use chrono::{DateTime, FixedOffset};

use crate::article::Article;

/// What a build shows of the articles it loaded, by their dates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schedule {
    /// The build's "now".
    pub now: DateTime<FixedOffset>,
    /// Show articles whose publish date is after now (`--future`).
    pub future: bool,
    /// Show articles whose expiry date is at or before now (`--expired`).
    pub expired: bool,
}

impl Schedule {
    /// Whether the build shows `article` (drafts aside).
    pub(crate) fn shows(&self, article: &Article) -> bool {
        (self.future || article.publish_at() <= self.now)
            && (self.expired || article.expiry_date.is_none_or(|e| self.now < e))
    }

    /// The last instant at or before now and the first after it at which one of `articles`
    /// appears or expires, as far as this schedule cares (none with `--future` and
    /// `--expired`): until the clock passes one of them, the build shows the same articles.
    pub(crate) fn nearest<'a>(
        &self,
        articles: impl Iterator<Item = &'a Article>,
    ) -> Vec<DateTime<FixedOffset>> {
        let (mut before, mut after) = (None, None);
        for article in articles {
            let publish = (!self.future).then(|| article.publish_at());
            let expiry = article.expiry_date.filter(|_| !self.expired);
            for event in publish.into_iter().chain(expiry) {
                if event <= self.now {
                    before = before.max(Some(event));
                } else {
                    after = Some(after.map_or(event, |a: DateTime<FixedOffset>| a.min(event)));
                }
            }
        }
        before.into_iter().chain(after).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn article(date: &str, publish: Option<&str>, expiry: Option<&str>) -> Article {
        let mut a = crate::testing::article("content/a.md", at(date), "A", &[]);
        a.publish_date = publish.map(at);
        a.expiry_date = expiry.map(at);
        a
    }

    #[test]
    fn future_and_expired_articles_are_left_out_unless_asked_for() {
        let now = at("2016-02-01T12:00:00Z");
        let plain = Schedule {
            now,
            future: false,
            expired: false,
        };
        let past = article("2016-01-19T00:00:00Z", None, None);
        let future = article("2016-03-01T00:00:00Z", None, None);
        let scheduled = article("2016-01-19T00:00:00Z", Some("2016-02-02T00:00:00Z"), None);
        let expired = article("2016-01-19T00:00:00Z", None, Some("2016-02-01T12:00:00Z"));
        let expiring = article("2016-01-19T00:00:00Z", None, Some("2016-02-01T12:00:01Z"));
        assert!(plain.shows(&past) && plain.shows(&expiring));
        assert!(!plain.shows(&future) && !plain.shows(&scheduled) && !plain.shows(&expired));
        let all = Schedule {
            future: true,
            expired: true,
            ..plain
        };
        assert!([&future, &scheduled, &expired].iter().all(|a| all.shows(a)));
    }

    #[test]
    fn the_nearest_events_bound_the_time_the_same_articles_show() {
        let now = at("2016-02-01T12:00:00Z");
        let plain = Schedule {
            now,
            future: false,
            expired: false,
        };
        let articles = [
            article("2016-01-19T00:00:00Z", None, Some("2016-01-25T00:00:00Z")),
            article("2016-01-10T00:00:00Z", Some("2016-03-01T00:00:00Z"), None),
            article("2016-02-10T00:00:00Z", None, Some("2017-01-01T00:00:00Z")),
        ];
        assert_eq!(
            plain.nearest(articles.iter()),
            [at("2016-01-25T00:00:00Z"), at("2016-02-10T00:00:00Z")]
        );
        let all = Schedule {
            future: true,
            expired: true,
            ..plain
        };
        assert!(all.nearest(articles.iter()).is_empty());
    }
}
