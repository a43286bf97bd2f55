//! Which pages a build whose archive changed shape must look at again, and which articles
//! each page shows (issue 14).
//!
//! A page's key (see [`super::key`]) is made from the articles it shows and from what its
//! list, paginator and page header say. When an article is added, deleted, re-dated or
//! moved to another URL, the archive's positions all shift, but most pages still show the
//! same articles as in the last build, with the same words around them: a numbered page of a
//! list (see [`super::paging`]) whose articles are the list's oldest and unchanged, the page
//! of an article whose neighbours and related articles are the same ones. [`Changes`] says,
//! in this build's positions, what is not as it was; the incremental module makes it from
//! the build snapshot. [`Renderer::must_key`] answers, for one job, whether its key may have
//! changed; the others keep their file without their key being made.
//!
//! [`Renderer::shown`] lists the articles a page shows, as its key does (a test checks that
//! they agree for every job): the build snapshot keeps them to find the pages an edit of one
//! article touches.

use super::paging::{ListPage, Split};
use super::{FeedOf, Job, Renderer};
use crate::archive::ArticleId;

/// How one list (the home list, a topic's, a month's, an author's, an outlet's) compares
/// with the same list in the last build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ListChange {
    /// The list was there, under the same name, slug, description and kind: whatever its
    /// pages say of it besides its articles is as it was.
    pub same: bool,
    /// How many articles it had then.
    pub old_len: usize,
    /// How many of its oldest articles are the last build's, in the same order, unchanged.
    pub oldest_kept: usize,
    /// How many of its newest articles are the last build's, in the same order, unchanged.
    pub newest_kept: usize,
    /// What its latest page says of it besides its articles and their number and dates (a
    /// topic's related topics) is as it was.
    pub aside_same: bool,
}

/// What is not as it was in the last build, in this build's positions.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Per article: whether it is new, was parsed again, or shows its topics, authors or
    /// outlet otherwise: its view or body may differ from the last build's.
    pub article: Vec<bool>,
    /// Per article: whether its newer, older or related articles are not the ones they were.
    pub links: Vec<bool>,
    /// Each language's home list, by its position in the archive's languages.
    pub home: Vec<ListChange>,
    /// Each topic's list.
    pub topics: Vec<ListChange>,
    /// Each month's list, by year and month as in [`crate::archive::Archive::years`].
    pub months: Vec<Vec<ListChange>>,
    /// Each author's list.
    pub authors: Vec<ListChange>,
    /// Each outlet's list.
    pub outlets: Vec<ListChange>,
}

impl Changes {
    fn article(&self, id: ArticleId) -> bool {
        self.article.get(id).copied().unwrap_or(true)
    }
}

impl Renderer<'_> {
    /// Whether `job`'s key may differ from the last build's, given `changes`: false only
    /// when the page is known to show the same articles, unchanged, with the same words
    /// around them. A job that is not keyed, or not in the last build, is rendered whatever
    /// this says.
    pub(crate) fn must_key(&self, job: Job, changes: &Changes) -> bool {
        let archive = self.archive;
        let per_page = self.config.paginate;
        let list = |change: Option<&ListChange>, len: usize, page: ListPage| {
            let Some(change) = change.filter(|c| c.same) else {
                return true;
            };
            let ListPage::Numbered(n) = page else {
                // The latest page also shows the list's length, dates and timeline, all made
                // from its articles: unchanged with all of them.
                return !(change.aside_same && change.old_len == len && change.oldest_kept == len);
            };
            let (before, now) = (
                Split::new(change.old_len, per_page).numbered(),
                Split::new(len, per_page).numbered(),
            );
            // A numbered page links to its neighbours and to four pages either side: those
            // near the newest end change when the number of pages does.
            (before != now && n + 4 >= before.min(now))
                || n.saturating_mul(per_page) > change.oldest_kept
        };
        match job {
            Job::Home(l, page) => list(
                changes.home.get(l),
                archive.languages()[l].articles.len(),
                page,
            ),
            Job::Topic(t, page) => list(
                changes.topics.get(t),
                archive.topics()[t].articles.len(),
                page,
            ),
            Job::Month(y, m, page) => list(
                changes.months.get(y).and_then(|months| months.get(m)),
                archive.years()[y].months[m].articles.len(),
                page,
            ),
            // A day's articles are a run of its month's: unchanged when all of the month's
            // are, as the month's latest page is. Its alternates name the other languages
            // that have the day, which their months' changes decide: with several languages,
            // every day page's key is made (a few article hashes each).
            Job::Day(..) if self.langs.len() > 1 => true,
            Job::Day(y, m, _, _) => list(
                changes.months.get(y).and_then(|months| months.get(m)),
                archive.years()[y].months[m].articles.len(),
                ListPage::Latest,
            ),
            Job::Author(a, page) => list(
                changes.authors.get(a),
                archive.authors()[a].articles.len(),
                page,
            ),
            Job::Source(o, page) => list(
                changes.outlets.get(o),
                archive.outlets()[o].articles.len(),
                page,
            ),
            Job::Article(id) => {
                changes.article(id)
                    || changes.links.get(id).copied().unwrap_or(true)
                    || archive.newer(id).is_some_and(|n| changes.article(n))
                    || archive.older(id).is_some_and(|o| changes.article(o))
                    || archive.related(id).iter().any(|r| changes.article(*r))
                    || archive.translations(id).iter().any(|t| changes.article(*t))
                    // Any article may have taken or left a title its headlines name.
                    || !self.read_more.of(id).is_empty()
            }
            Job::Feed(FeedOf::Author(a), _) => {
                let len = archive.authors()[a].articles.len();
                self.feed_changed(changes.authors.get(a), len)
            }
            Job::Feed(FeedOf::Topic(t), _) => {
                let len = archive.topics()[t].articles.len();
                self.feed_changed(changes.topics.get(t), len)
            }
            Job::Feed(FeedOf::Source(o), _) => {
                let len = archive.outlets()[o].articles.len();
                self.feed_changed(changes.outlets.get(o), len)
            }
            Job::Alias(id, _) => changes.article(id),
            // An article's search file is named by its document id, which moves when an
            // article of the same day is added, removed or renamed (see search::ids): its
            // key, one hash of the article's, is cheap to make, and tells.
            Job::SearchText(_) => true,
            // The index pages, the site's feed, the 404 and search pages: few, and most
            // change with any new article.
            _ => true,
        }
    }

    /// Whether the feed of a list of `len` articles now, compared as `change`, may differ:
    /// it shows the list's newest `feed_limit`.
    fn feed_changed(&self, change: Option<&ListChange>, len: usize) -> bool {
        let limit = self.config.feed_limit;
        let Some(change) = change.filter(|c| c.same) else {
            return true;
        };
        change.old_len.min(limit) != len.min(limit) || change.newest_kept < len.min(limit)
    }

    /// Calls `each` with every article `job` shows (its view, body or title), repeats
    /// allowed: the articles whose change changes its key.
    pub(crate) fn shown(&self, job: Job, each: &mut dyn FnMut(ArticleId)) {
        let archive = self.archive;
        let per_page = self.config.paginate;
        let mut list = |list: &[ArticleId], page: ListPage| {
            super::slice(list, page, per_page)
                .iter()
                .for_each(|id| each(*id));
        };
        match job {
            Job::Home(l, page) => list(&archive.languages()[l].articles, page),
            Job::Topic(t, page) => list(&archive.topics()[t].articles, page),
            Job::Month(y, m, page) => list(&archive.years()[y].months[m].articles, page),
            Job::Day(y, m, d, page) => {
                let month = &archive.years()[y].months[m];
                list(super::days::articles_of(archive, month, d), page)
            }
            Job::Author(a, page) => list(&archive.authors()[a].articles, page),
            Job::Source(o, page) => list(&archive.outlets()[o].articles, page),
            Job::Article(id) => {
                each(id);
                archive.newer(id).into_iter().for_each(&mut *each);
                archive.older(id).into_iter().for_each(&mut *each);
                archive.related(id).iter().for_each(|r| each(*r));
                archive.translations(id).iter().for_each(|t| each(*t));
                self.read_more
                    .of(id)
                    .iter()
                    .flatten()
                    .for_each(|r| each(*r));
            }
            Job::Feed(of, _) => self.feed_articles(of).iter().for_each(|id| each(*id)),
            Job::Alias(id, _) | Job::SearchText(id) => each(id),
            _ => {}
        }
    }
}
