//! The index pages of topics, authors and sources (issue 19): each language's A–Z list cut
//! into pages of `[archive] index_page_size` names (`/topics/`, `/topics/page/2/`, …), with
//! an A–Z jump list on every page and the most covered names on the first. 1,128 topics on
//! one page made a 168 KB wall.
//!
//! The archive keeps each list A–Z by a key made with `deunicode` (see
//! `archive::sort_key`), so a name's initial is that key's first letter: Cyrillic, Greek,
//! Arabic or Chinese names fall under the Latin letter they are sorted by, and each letter's
//! names are one run of the list. Names that start with no letter (digits, symbols) are
//! grouped under `#`.

use serde::Serialize;

use super::key::Vars;
use super::views::{BylineView, TopicGroup, TopicView};
use super::{Job, Renderer};
use crate::archive::{Byline, Topic};

/// How many names the "most covered" block shows.
const MOST_COVERED: usize = 10;

/// Which index a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    /// `/topics/`.
    Topics,
    /// `/authors/`.
    Authors,
    /// `/sources/`.
    Sources,
}

impl Section {
    /// The folder under the language's prefix, and the template's variable for its names.
    fn name(self) -> &'static str {
        match self {
            Section::Topics => "topics",
            Section::Authors => "authors",
            Section::Sources => "sources",
        }
    }
}

/// The site-relative URL of page `page` (from 0) of an index.
pub(super) fn index_url(lang: &str, section: &str, page: usize) -> String {
    match page {
        0 => format!("{lang}/{section}/"),
        n => format!("{lang}/{section}/page/{}/", n + 1),
    }
}

/// How many pages a list of `len` names takes (one, empty, for none).
pub(super) fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

/// The first byte of the key a name is sorted by (see `archive::sort_key`): non-decreasing
/// along each language's list, so a letter's names are found by binary search.
fn first_byte(name: &str) -> u8 {
    crate::archive::sort_key(name).bytes().next().unwrap_or(0)
}

/// The letter a name is filed under: `A`–`Z` by the key it is sorted by, or `#`.
fn initial(name: &str) -> char {
    match first_byte(name) {
        b @ b'a'..=b'z' => b.to_ascii_uppercase() as char,
        _ => '#',
    }
}

/// The position of the first name of each letter that has names, `#` first: by binary
/// search over the A–Z list, so each page of an index costs no pass over all of it.
fn first_of_each_letter<T>(all: &[T], name_of: impl Fn(&T) -> &str) -> Vec<(char, usize)> {
    let at = |byte: u8| all.partition_point(|t| first_byte(name_of(t)) < byte);
    let mut firsts = Vec::new();
    // `#` names sort before `a` (digits, most symbols) or after `z` (`{`, `~`).
    if all.first().is_some_and(|t| initial(name_of(t)) == '#') {
        firsts.push(('#', 0));
    } else if at(b'z' + 1) < all.len() {
        firsts.push(('#', at(b'z' + 1)));
    }
    for byte in b'a'..=b'z' {
        let i = at(byte);
        if all.get(i).is_some_and(|t| first_byte(name_of(t)) == byte) {
            firsts.push((byte.to_ascii_uppercase() as char, i));
        }
    }
    firsts
}

/// One letter of the jump list.
#[derive(Debug, Serialize)]
pub(super) struct LetterView {
    /// `A`–`Z`, or `#` for names that start with no letter.
    pub letter: char,
    /// The page holding the letter's first name, with `#letter-x` (null when no name starts
    /// with it).
    pub url: Option<String>,
}

/// One page link of an index.
#[derive(Debug, Serialize)]
pub(super) struct IndexPageLink {
    /// From 1.
    pub number: usize,
    /// Its path.
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
    /// Whether pages are left out between this one and the previous link.
    pub gap_before: bool,
}

/// What an index page shows besides its names: `index` in `topics.html`, `authors.html`
/// and `sources.html`.
#[derive(Debug, Serialize)]
pub(super) struct IndexView<T> {
    /// Names in the whole index (every page).
    pub total: usize,
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the index has.
    pub page_count: usize,
    /// Links to the first page, the last, and the four either side of this one, `{number,
    /// url, current, gap_before}`: a window, so that 1,000 pages of names do not link
    /// 1,000 pages each (the A–Z list jumps further).
    pub pages: Vec<IndexPageLink>,
    /// The previous and next page's paths, or null.
    pub prev_url: Option<String>,
    /// See `prev_url`.
    pub next_url: Option<String>,
    /// `#`, then `A` to `Z`, each linked to the page that holds its first name.
    pub letters: Vec<LetterView>,
    /// On the first page, the [`MOST_COVERED`] names with the most articles (ties A–Z);
    /// empty on the others.
    pub most_covered: Vec<T>,
}

impl Renderer<'_> {
    /// The pages of language `l`'s index of `section`.
    pub(super) fn index_jobs(&self, l: usize, section: Section, jobs: &mut Vec<Job>) {
        let language = &self.archive.languages()[l];
        let len = match section {
            Section::Topics => language.topics.len(),
            Section::Authors => language.authors.len(),
            Section::Sources => language.outlets.len(),
        };
        let pages = page_count(len, self.config.index_page_size);
        jobs.extend((0..pages).map(|n| match section {
            Section::Topics => Job::Topics(l, n),
            Section::Authors => Job::Authors(l, n),
            Section::Sources => Job::Sources(l, n),
        }));
    }

    /// Fills an index page's variables: the page's names (`topics` with their `groups`,
    /// `authors` or `sources`) and `index`. Returns its template and kind.
    pub(super) fn fill_index<V: Vars>(
        &self,
        vars: &mut V,
        job: Job,
    ) -> (&'static str, &'static str) {
        let archive = self.archive;
        let urls = &self.urls;
        let (l, n, section) = match job {
            Job::Topics(l, n) => (l, n, Section::Topics),
            Job::Authors(l, n) => (l, n, Section::Authors),
            Job::Sources(l, n) => (l, n, Section::Sources),
            _ => unreachable!("{job:?} is not an index page"),
        };
        let language = &archive.languages()[l];
        let size = self.config.index_page_size;
        let prefix = urls.lang(l);
        let name = section.name();
        match section {
            Section::Topics => {
                let all = &archive.topics()[language.topics.clone()];
                let page = page_of(all, n, size);
                let most = most_covered(all, n, |t: &Topic| t.articles.len())
                    .map(|t| TopicView::new(t, urls))
                    .collect();
                let (view, anchors) =
                    self.index_view(all, n, prefix, name, |t: &Topic| (&t.name, &t.slug), most);
                let anchor = |slug: &str| {
                    anchors
                        .iter()
                        .find(|(s, _)| s == slug)
                        .map(|(_, a)| a.clone())
                };
                let mut topics: Vec<TopicView> =
                    page.iter().map(|t| TopicView::new(t, urls)).collect();
                for t in &mut topics {
                    t.anchor = anchor(t.slug);
                }
                let mut groups = TopicGroup::all(page, urls, self.words(job));
                for t in groups.iter_mut().flat_map(|g| g.topics.iter_mut()) {
                    t.anchor = anchor(t.slug);
                }
                vars.put("topics", &topics);
                vars.put("groups", &groups);
                vars.put("index", &view);
                ("topics.html", "topics")
            }
            Section::Authors | Section::Sources => {
                let all: &[Byline] = match section {
                    Section::Authors => &archive.authors()[language.authors.clone()],
                    _ => &archive.outlets()[language.outlets.clone()],
                };
                let page = page_of(all, n, size);
                let most = most_covered(all, n, |b: &Byline| b.articles.len())
                    .map(|b| BylineView::new(b, name, urls))
                    .collect();
                let (view, anchors) =
                    self.index_view(all, n, prefix, name, |b: &Byline| (&b.name, &b.slug), most);
                let mut views: Vec<BylineView> = page
                    .iter()
                    .map(|b| BylineView::new(b, name, urls))
                    .collect();
                for b in &mut views {
                    b.anchor = anchors
                        .iter()
                        .find(|(s, _)| s == b.slug)
                        .map(|(_, a)| a.clone());
                }
                vars.put(name, &views);
                vars.put("index", &view);
                match section {
                    Section::Authors => ("authors.html", "authors"),
                    _ => ("sources.html", "sources"),
                }
            }
        }
    }

    /// The `index` of page `n` of `all`, named by `name_of`.
    fn index_view<T, V>(
        &self,
        all: &[T],
        n: usize,
        prefix: &str,
        section: &str,
        name_of: impl Fn(&T) -> (&str, &str),
        most_covered: Vec<V>,
    ) -> (IndexView<V>, Vec<(String, String)>) {
        let size = self.config.index_page_size;
        let pages = page_count(all.len(), size);
        let url = |page: usize| self.urls.path(&index_url(prefix, section, page));
        // The first name of each letter: one pass, since each letter is one run.
        let firsts = first_of_each_letter(all, |item| name_of(item).0);
        let letters = std::iter::once('#')
            .chain('A'..='Z')
            .map(|letter| LetterView {
                letter,
                url: firsts
                    .iter()
                    .find(|(l, _)| *l == letter)
                    .map(|(l, i)| format!("{}#{}", url(i / size), letter_id(*l))),
            })
            .collect();
        let range = (n * size).min(all.len())..((n + 1) * size).min(all.len());
        // The first name of each letter on this page gets the id the letter links to.
        let anchors: Vec<(String, String)> = firsts
            .iter()
            .filter(|(_, i)| range.contains(i))
            .map(|(l, i)| (name_of(&all[*i]).1.to_string(), letter_id(*l)))
            .collect();
        (
            IndexView {
                total: all.len(),
                number: n + 1,
                page_count: pages,
                pages: (0..pages)
                    .filter(|p| *p == 0 || *p + 1 == pages || p.abs_diff(n) <= 4)
                    .scan(None, |last: &mut Option<usize>, p| {
                        let gap_before = last.is_some_and(|l| l + 1 < p);
                        *last = Some(p);
                        Some(IndexPageLink {
                            number: p + 1,
                            url: url(p),
                            current: p == n,
                            gap_before,
                        })
                    })
                    .collect(),
                prev_url: n.checked_sub(1).map(url),
                next_url: (n + 1 < pages).then(|| url(n + 1)),
                letters,
                most_covered,
            },
            anchors,
        )
    }
}

/// The fragment id of a letter's anchor: `letter-a`, or `letter-other` for `#`.
fn letter_id(letter: char) -> String {
    match letter {
        '#' => "letter-other".to_string(),
        l => format!("letter-{}", l.to_ascii_lowercase()),
    }
}

/// Page `n` of `all`, `size` a page.
fn page_of<T>(all: &[T], n: usize, size: usize) -> &[T] {
    let start = (n * size).min(all.len());
    &all[start..(start + size).min(all.len())]
}

/// On the first page, the [`MOST_COVERED`] items of `all` with the largest `count`, ties in
/// A–Z order; nothing on the others.
fn most_covered<T>(all: &[T], n: usize, count: impl Fn(&T) -> usize) -> impl Iterator<Item = &T> {
    let mut top: Vec<(usize, usize)> = Vec::new();
    if n == 0 {
        // A bounded selection rather than a sort of the whole list.
        for (i, item) in all.iter().enumerate() {
            let c = count(item);
            if top.len() < MOST_COVERED || top.last().is_some_and(|(lc, _)| c > *lc) {
                let at = top.partition_point(|(tc, _)| *tc >= c);
                top.insert(at, (c, i));
                top.truncate(MOST_COVERED);
            }
        }
    }
    top.into_iter().map(move |(_, i)| &all[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_every_script() {
        assert_eq!(initial("Québec"), 'Q');
        assert_eq!(initial("élection"), 'E');
        assert_eq!(initial("Москва"), 'M');
        assert_eq!(initial("2016 election"), '#');
        assert_eq!(initial("¿Qué?"), '#');
        assert_eq!(initial(""), '#');
    }

    #[test]
    fn each_letter_s_first_name_is_found_in_the_sorted_list() {
        let mut names = vec![
            "Zebra",
            "2016 vote",
            "alpha",
            "Москва",
            "Ålesund",
            "mayor",
            "~tilde",
            "Beta",
        ];
        names.sort_by_key(|n| crate::archive::sort_key(n));
        let firsts = first_of_each_letter(&names, |n| n);
        let found: Vec<(char, &str)> = firsts.iter().map(|(l, i)| (*l, names[*i])).collect();
        assert_eq!(
            found,
            [
                ('#', "2016 vote"),
                ('A', "Ålesund"),
                ('B', "Beta"),
                ('M', "mayor"),
                ('Z', "Zebra")
            ]
        );
        assert!(first_of_each_letter(&[] as &[&str], |n| n).is_empty());
    }

    #[test]
    fn pages_and_urls() {
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
        assert_eq!(index_url("", "topics", 0), "/topics/");
        assert_eq!(index_url("/fr", "authors", 2), "/fr/authors/page/3/");
    }

    #[test]
    fn the_most_covered_are_the_largest_counts_ties_in_order() {
        let counts = [3, 9, 1, 9, 4, 7, 2, 8, 6, 5, 9, 0];
        let top: Vec<usize> = most_covered(&counts, 0, |c| *c).copied().collect();
        assert_eq!(top, [9, 9, 9, 8, 7, 6, 5, 4, 3, 2]);
        let positions: Vec<usize> = most_covered(&counts, 0, |c| *c)
            .map(|c| counts.iter().position(|x| std::ptr::eq(x, c)).unwrap())
            .collect();
        assert_eq!(&positions[..3], [1, 3, 10]);
        assert_eq!(most_covered(&counts, 1, |c| *c).count(), 0);
    }
}
