//! How a list of articles (the home list, a topic's, a month's, an author's, an outlet's) is
//! cut into pages, and the URL of each page.
//!
//! Pages are numbered from the **oldest**: page 1 holds the list's oldest `paginate`
//! articles, page 2 the next, and so on, and every numbered page is full. The list's own
//! URL (`/`, `/topics/<slug>/`) is the **latest** page: the newest articles, those not yet
//! on a full numbered page, between `paginate` and `2 × paginate − 1` of them (or all, in a
//! shorter list). A new article changes the latest page; once every `paginate` articles it
//! also makes one new numbered page. A numbered page's articles never change while
//! articles are only added, so neither do its file nor its URL's meaning: a link to
//! `/topics/ukraine/page/3/` shows the same articles in ten years. Numbered from the
//! newest, as Hugo and Zola do, one new article moves one article onto every page of each
//! list it is in: at 100,000 articles, 127,000 pages to write again for one new file
//! (issue 14).
//!
//! So that a numbered page stays as it was, it is given nothing that grows with the list:
//! no count of pages or articles, no window of page links reaching past its neighbours'
//! neighbours (see [`Paginator`]).

use std::ops::Range;

use serde::Serialize;

use super::views::Urls;

/// One page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListPage {
    /// The newest articles, at the list's own URL.
    Latest,
    /// Numbered page `n` (from 1, the oldest), at `…/page/<n>/`.
    Numbered(usize),
}

/// How a list of `total` articles, newest first, falls into pages of `per_page`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Split {
    total: usize,
    per_page: usize,
}

impl Split {
    /// The split of a list of `total` articles into pages of `per_page` (at least 1).
    pub(super) fn new(total: usize, per_page: usize) -> Split {
        Split {
            total,
            per_page: per_page.max(1),
        }
    }

    /// How many numbered pages there are: every full page but the newest one, which the
    /// latest page shows with the articles after it.
    pub(super) fn numbered(self) -> usize {
        (self.total / self.per_page).saturating_sub(1)
    }

    /// Every page of the list: the latest, then the numbered ones, oldest first.
    pub(super) fn pages(self) -> impl Iterator<Item = ListPage> {
        std::iter::once(ListPage::Latest).chain((1..=self.numbered()).map(ListPage::Numbered))
    }

    /// Where `page`'s articles are in the list (newest first); empty for a page the list
    /// does not have.
    pub(super) fn range(self, page: ListPage) -> Range<usize> {
        let numbered = self.numbered();
        match page {
            ListPage::Latest => 0..self.total - numbered * self.per_page,
            ListPage::Numbered(n) if (1..=numbered).contains(&n) => {
                self.total - n * self.per_page..self.total - (n - 1) * self.per_page
            }
            ListPage::Numbered(_) => 0..0,
        }
    }

    /// The page showing the article at `index` in the list (newest first).
    pub(super) fn page_of(self, index: usize) -> ListPage {
        let latest = self.range(ListPage::Latest).end;
        if index < latest {
            ListPage::Latest
        } else {
            // Counted from the oldest: the last article is at 0.
            ListPage::Numbered((self.total - 1 - index) / self.per_page + 1)
        }
    }
}

/// `paginator`: where a listing page is in its list, and the links to its neighbours.
#[derive(Debug, Serialize)]
pub(super) struct Paginator {
    /// The page's number, counted from the oldest page (1); null on the latest page.
    pub number: Option<usize>,
    /// Whether this is the latest page, the list's own URL.
    pub latest: bool,
    /// Articles per numbered page.
    pub per_page: usize,
    /// On the latest page only (null elsewhere, as it grows with the list): how many pages
    /// the list has, the latest one included.
    pub total_pages: Option<usize>,
    /// On the latest page only: how many articles the whole list has.
    pub total_articles: Option<usize>,
    /// The latest page's path.
    pub first_url: String,
    /// The oldest page's path (page 1, or the latest page when there is no other).
    pub last_url: String,
    /// The next newer page's path ("Newer"), or null on the latest page.
    pub prev_url: Option<String>,
    /// The next older page's path ("Older"), or null on page 1.
    pub next_url: Option<String>,
    /// Numbered pages near this one, newest first, `{number, url, current}`: up to four
    /// either side of a numbered page, the newest eight on the latest page. A window, not
    /// every page, so that a 5,000-page list does not put 5,000 links on each page.
    pub pages: Vec<PageLink>,
}

/// One numbered page link.
#[derive(Debug, Serialize)]
pub(super) struct PageLink {
    /// The page number.
    pub number: usize,
    /// Its path.
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

impl Paginator {
    /// The paginator of `page` of a list split by `split`, whose pages are at `url_of(page)`
    /// (site-relative).
    pub(super) fn new(
        page: ListPage,
        split: Split,
        urls: &Urls,
        url_of: impl Fn(ListPage) -> String,
    ) -> Self {
        let numbered = split.numbered();
        let link = |page: ListPage| urls.path(&url_of(page));
        let number = match page {
            ListPage::Latest => None,
            ListPage::Numbered(n) => Some(n),
        };
        let (newest, oldest) = match number {
            None => (numbered, numbered.saturating_sub(7)),
            Some(n) => ((n + 4).min(numbered), n.saturating_sub(4)),
        };
        Paginator {
            number,
            latest: number.is_none(),
            per_page: split.per_page,
            total_pages: number.is_none().then_some(numbered + 1),
            total_articles: number.is_none().then_some(split.total),
            first_url: link(ListPage::Latest),
            last_url: link(match numbered {
                0 => ListPage::Latest,
                _ => ListPage::Numbered(1),
            }),
            prev_url: number.map(|n| {
                link(match n < numbered {
                    true => ListPage::Numbered(n + 1),
                    false => ListPage::Latest,
                })
            }),
            next_url: match number {
                None => (numbered > 0).then(|| link(ListPage::Numbered(numbered))),
                Some(n) => (n > 1).then(|| link(ListPage::Numbered(n - 1))),
            },
            pages: (oldest.max(1)..=newest)
                .rev()
                .map(|n| PageLink {
                    number: n,
                    url: link(ListPage::Numbered(n)),
                    current: number == Some(n),
                })
                .collect(),
        }
    }
}

/// `prefix` (ending in `/`) for the latest page, `prefix` + `page/<n>/` for a numbered one.
fn list_url(prefix: String, page: ListPage) -> String {
    match page {
        ListPage::Latest => prefix,
        ListPage::Numbered(n) => format!("{prefix}page/{n}/"),
    }
}

/// The site-relative URL of a page of the home list.
/// `lang` is the language's prefix (empty, or `/fr`), as are the others' below.
pub(super) fn home_url(lang: &str, page: ListPage) -> String {
    list_url(format!("{lang}/"), page)
}

/// The site-relative URL of a page of a topic.
pub(super) fn topic_url(lang: &str, slug: &str, page: ListPage) -> String {
    list_url(format!("{lang}/topics/{slug}/"), page)
}

/// The site-relative URL of a page of an author's or outlet's list.
pub(super) fn section_url(lang: &str, section: &str, slug: &str, page: ListPage) -> String {
    list_url(format!("{lang}/{section}/{slug}/"), page)
}

/// The site-relative URL of a page of a month's list.
pub(super) fn month_url(lang: &str, year: i32, month: u32, page: ListPage) -> String {
    list_url(format!("{lang}/{year:04}/{month:02}/"), page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ListPage::{Latest, Numbered};

    fn urls() -> Urls {
        Urls::for_tests("/archive/", "https://e.org/archive/")
    }

    #[test]
    fn numbered_pages_are_full_and_counted_from_the_oldest() {
        // Fewer than two pages' worth: one latest page with everything.
        for total in [0, 1, 19] {
            let split = Split::new(total, 10);
            assert_eq!(split.pages().collect::<Vec<_>>(), [Latest]);
            assert_eq!(split.range(Latest), 0..total);
        }
        let split = Split::new(25, 10);
        assert_eq!(split.pages().collect::<Vec<_>>(), [Latest, Numbered(1)]);
        // The latest page: the 15 newest; page 1: the 10 oldest (indexes are newest first).
        assert_eq!(split.range(Latest), 0..15);
        assert_eq!(split.range(Numbered(1)), 15..25);
        assert_eq!(split.range(Numbered(2)), 0..0);
        assert_eq!(split.range(Numbered(0)), 0..0);
        assert_eq!(
            (split.page_of(14), split.page_of(15)),
            (Latest, Numbered(1))
        );
        // Every article on exactly one page, whatever the length.
        for total in 0..95 {
            let split = Split::new(total, 7);
            let mut seen = vec![0; total];
            for page in split.pages() {
                for i in split.range(page) {
                    seen[i] += 1;
                    assert_eq!(split.page_of(i), page);
                }
                if let Numbered(_) = page {
                    assert_eq!(split.range(page).len(), 7, "a numbered page is full");
                }
            }
            assert!(seen.iter().all(|s| *s == 1), "{total}: {seen:?}");
            let latest = split.range(Latest).len();
            assert!(total < 7 || (7..14).contains(&latest), "{total}: {latest}");
        }
    }

    #[test]
    fn a_new_article_leaves_numbered_pages_as_they_were() {
        for total in 20..200 {
            let (before, after) = (Split::new(total, 10), Split::new(total + 1, 10));
            for n in 1..=before.numbered() {
                // The same articles counted from the oldest: the new one is at index 0.
                let was = before.range(Numbered(n));
                let is = after.range(Numbered(n));
                assert_eq!((was.start + 1, was.end + 1), (is.start, is.end));
            }
        }
    }

    #[test]
    fn paginator_links_newer_and_older_pages() {
        let split = Split::new(1000, 10); // 99 numbered pages
        let latest = Paginator::new(Latest, split, &urls(), |p| home_url("", p));
        assert_eq!((latest.number, latest.latest), (None, true));
        assert_eq!(latest.prev_url, None);
        assert_eq!(latest.next_url.as_deref(), Some("/archive/page/99/"));
        assert_eq!(
            (latest.total_pages, latest.total_articles),
            (Some(100), Some(1000))
        );
        let numbers: Vec<_> = latest.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, (92..=99).rev().collect::<Vec<_>>());
        assert_eq!(latest.last_url, "/archive/page/1/");

        let newest = Paginator::new(Numbered(99), split, &urls(), |p| home_url("", p));
        assert_eq!(newest.prev_url.as_deref(), Some("/archive/"));
        assert_eq!(newest.next_url.as_deref(), Some("/archive/page/98/"));
        assert_eq!((newest.total_pages, newest.total_articles), (None, None));

        let middle = Paginator::new(Numbered(50), split, &urls(), |p| home_url("", p));
        assert_eq!(middle.prev_url.as_deref(), Some("/archive/page/51/"));
        let numbers: Vec<_> = middle.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, (46..=54).rev().collect::<Vec<_>>());
        assert!(middle.pages.iter().any(|l| l.current && l.number == 50));

        let oldest = Paginator::new(Numbered(1), split, &urls(), |p| home_url("", p));
        assert_eq!(oldest.next_url, None);

        let short = Paginator::new(Latest, Split::new(5, 10), &urls(), |p| home_url("", p));
        assert_eq!((short.next_url, short.pages.len()), (None, 0));
        assert_eq!(short.last_url, "/archive/");
    }

    #[test]
    fn list_urls() {
        assert_eq!(home_url("", Latest), "/");
        assert_eq!(home_url("", Numbered(3)), "/page/3/");
        assert_eq!(topic_url("", "isis", Numbered(2)), "/topics/isis/page/2/");
        assert_eq!(section_url("", "authors", "jo", Latest), "/authors/jo/");
        assert_eq!(month_url("", 2016, 1, Numbered(1)), "/2016/01/page/1/");
    }
}
