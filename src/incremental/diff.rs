//! Comparing this build's archive with the last build's, when its structure changed (an
//! article added, deleted, re-dated, moved to another URL, given other topics): what is no
//! longer as it was, in this build's positions (issue 14).
//!
//! Articles are matched by path. An article's view hash (see `render::key`) is the last
//! build's when the article was taken from the record cache and its topics, authors and
//! outlet are shown as they were; otherwise it may differ, and the article counts as changed.
//! Lists are matched by what names them (the home list; a topic, author or outlet by slug; a
//! month by its date) and compared from both ends. [`crate::render::Renderer::must_key`]
//! turns the result into the pages whose keys must be made again.

use std::collections::HashMap;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_128;

use super::snapshot::Snapshot;
use crate::archive::{Archive, ArticleId, Byline, Topic};
use crate::render::{Changes, ListChange};

/// A hash of each article's path, in archive order: how the next build finds each article.
pub(crate) fn paths(archive: &Archive) -> Vec<u128> {
    archive
        .articles()
        .par_iter()
        .map(|a| xxh3_128(a.path.as_os_str().as_encoded_bytes()))
        .collect()
}

/// What a build of `archive` must take from the last build, `before`: for each article,
/// the position whose view hash it keeps (None: make it again), and the [`Changes`].
/// `paths` are [`paths`] of `archive`; `fresh` says which articles were parsed again.
pub(crate) fn compare(
    before: &Snapshot,
    archive: &Archive,
    paths: &[u128],
    fresh: &[bool],
) -> (Vec<Option<ArticleId>>, Changes) {
    let old = &before.index;
    let was: HashMap<u128, ArticleId> = before
        .paths
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, i))
        .collect();
    let old_id: Vec<Option<ArticleId>> = paths.iter().map(|p| was.get(p).copied()).collect();

    // What stands for each topic, author and outlet now, in the last build: the one of the
    // same slug, if it is shown the same way.
    // Languages by their tag: a topic, author or outlet is the same one in the same
    // language.
    let code_now = |l: usize| archive.languages()[l].code.as_str();
    let code_then = |l: usize| old.languages().get(l).map_or("", |l| l.code.as_str());
    let topics = matching(
        archive.topics(),
        old.topics(),
        |t| (code_now(t.lang), &t.slug),
        |t| (code_then(t.lang), &t.slug),
        same_topic,
    );
    let authors = matching(
        archive.authors(),
        old.authors(),
        |b| (code_now(b.lang), &b.slug),
        |b| (code_then(b.lang), &b.slug),
        same_byline,
    );
    let outlets = matching(
        archive.outlets(),
        old.outlets(),
        |b| (code_now(b.lang), &b.slug),
        |b| (code_then(b.lang), &b.slug),
        same_byline,
    );

    let count = archive.articles().len();
    let keep: Vec<Option<ArticleId>> = (0..count)
        .into_par_iter()
        .map(|id| {
            let o = old_id[id].filter(|_| !fresh.get(id).copied().unwrap_or(true))?;
            // A body the build changed (a link followed to its target's new URL).
            if before.bodies.get(o) != Some(&archive.articles()[id].body.digest()) {
                return None;
            }
            let shown_alike = same_links(
                archive
                    .topic_ids_of(id)
                    .zip(archive.topics_of(id).map(|(_, i)| i)),
                old.topics_of(o).iter().copied(),
                &topics,
            ) && same_links(
                archive.author_ids_of(id).map(|a| (a, false)),
                old.authors_of(o).iter().map(|a| (*a, false)),
                &authors,
            ) && same_links(
                archive.outlet_id_of(id).map(|a| (a, false)).into_iter(),
                old.outlet_of(o).map(|a| (a, false)).into_iter(),
                &outlets,
            );
            shown_alike.then_some(o)
        })
        .collect();
    let article: Vec<bool> = keep.iter().map(Option::is_none).collect();

    let links: Vec<bool> = (0..count)
        .into_par_iter()
        .map(|id| {
            let Some(o) = old_id[id] else {
                return true;
            };
            let newer = archive.newer(id).map(|n| old_id[n]) == old.newer(o).map(Some);
            let older = archive.older(id).map(|n| old_id[n]) == old.older(o).map(Some);
            let related = archive.related(id).iter().map(|r| old_id[*r]);
            let related_same = related.eq(old.related(o).iter().map(|r| Some(*r)));
            let translations = archive.translations(id).iter().map(|t| old_id[*t]);
            let translations_same = translations.eq(old.translations(o).iter().map(|t| Some(*t)));
            !(newer && older && related_same && translations_same)
        })
        .collect();

    let compare = |now: &[ArticleId], then: Option<&[ArticleId]>| match then {
        Some(then) => list_change(now, then, &old_id, &article),
        None => ListChange::default(),
    };
    let months_then: HashMap<(&str, i32, u32), &[ArticleId]> = old
        .years()
        .iter()
        .flat_map(|y| {
            let code = code_then(y.lang);
            y.months
                .iter()
                .map(move |m| ((code, y.year, m.month), &m.articles[..]))
        })
        .collect();
    // Every page of a language links to the same page in each other language: with
    // another set of languages, no list is as it was.
    let same_languages = archive
        .languages()
        .iter()
        .map(|l| &l.code)
        .eq(old.languages().iter().map(|l| &l.code));
    let twins_now = crate::render::topic_twins(archive.topics());
    let twins_then = crate::render::topic_twins(old.topics());
    // A month's latest page links to the same month in the other languages that have it.
    let dates_now = crate::render::DateTwins::new(archive.years());
    let dates_then = crate::render::DateTwins::new(old.years());
    let month_codes = |twins: &crate::render::DateTwins,
                       years: &[crate::archive::Year],
                       code: &dyn Fn(usize) -> String,
                       key: (i32, u32)| {
        twins
            .month(key.0, key.1)
            .iter()
            .map(|(y, _)| code(years[*y].lang))
            .collect::<Vec<String>>()
    };
    let changes = Changes {
        home: archive
            .languages()
            .iter()
            .map(|l| {
                let then = old.languages().iter().find(|o| o.code == l.code);
                match same_languages {
                    true => compare(&l.articles, then.map(|t| &t.articles[..])),
                    false => ListChange::default(),
                }
            })
            .collect(),
        topics: archive
            .topics()
            .iter()
            .enumerate()
            .zip(&topics)
            .map(|((id, t), o)| {
                let Some(o) = o.filter(|_| same_languages) else {
                    return ListChange::default();
                };
                let then = &old.topics()[o];
                let related = t.related.iter().map(|(r, shared)| (topics[*r], *shared));
                let twins = twins_now[id].iter().map(|x| topics[*x]);
                ListChange {
                    aside_same: related.eq(then.related.iter().map(|(r, s)| (Some(*r), *s)))
                        && twins.eq(twins_then[o].iter().map(|x| Some(*x))),
                    ..compare(&t.articles, Some(&then.articles))
                }
            })
            .collect(),
        months: archive
            .years()
            .iter()
            .map(|y| {
                y.months
                    .iter()
                    .map(|m| {
                        let key = (code_now(y.lang), y.year, m.month);
                        let change = compare(&m.articles, months_then.get(&key).copied());
                        let date = (y.year, m.month);
                        let now_code = |l: usize| code_now(l).to_string();
                        let then_code = |l: usize| code_then(l).to_string();
                        let twins_same = month_codes(&dates_now, archive.years(), &now_code, date)
                            == month_codes(&dates_then, old.years(), &then_code, date);
                        ListChange {
                            aside_same: change.aside_same && twins_same,
                            ..change
                        }
                    })
                    .collect()
            })
            .collect(),
        authors: bylines(archive.authors(), old.authors(), &authors, &compare),
        outlets: bylines(archive.outlets(), old.outlets(), &outlets, &compare),
        article,
        links,
    };
    (keep, changes)
}

/// Compares a list now with the same list in the last build, if it was there.
type Compare<'a> = dyn Fn(&[ArticleId], Option<&[ArticleId]>) -> ListChange + 'a;

/// Each author's or outlet's [`ListChange`].
fn bylines(
    now: &[Byline],
    then: &[Byline],
    found: &[Option<usize>],
    compare: &Compare,
) -> Vec<ListChange> {
    now.iter()
        .zip(found)
        .map(|(b, o)| compare(&b.articles, o.map(|o| &then[o].articles[..])))
        .collect()
}

/// For each of `now`, the position in `then` of the one with the same key that is shown the
/// same way, if any.
fn matching<'a, T, K: std::hash::Hash + Eq>(
    now: &'a [T],
    then: &'a [T],
    key_now: impl Fn(&'a T) -> K,
    key_then: impl Fn(&'a T) -> K,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<Option<usize>> {
    let by_key: HashMap<K, usize> = then
        .iter()
        .enumerate()
        .map(|(i, t)| (key_then(t), i))
        .collect();
    now.iter()
        .map(|t| {
            by_key
                .get(&key_now(t))
                .copied()
                .filter(|o| same(t, &then[*o]))
        })
        .collect()
}

/// Whether a topic's link (in an article's view, or on its numbered pages) reads the same.
fn same_topic(a: &Topic, b: &Topic) -> bool {
    a.name == b.name
        && a.kind == b.kind
        && a.description == b.description
        && a.declared == b.declared
}

/// Whether an author's or outlet's link reads the same.
fn same_byline(a: &Byline, b: &Byline) -> bool {
    a.name == b.name && a.url == b.url
}

/// Whether an article's links to topics (authors, an outlet), each with its flag, are the
/// ones it had, shown alike.
fn same_links(
    now: impl Iterator<Item = (usize, bool)>,
    then: impl Iterator<Item = (usize, bool)>,
    found: &[Option<usize>],
) -> bool {
    now.map(|(t, flag)| (found.get(t).copied().flatten(), flag))
        .eq(then.map(|(t, flag)| (Some(t), flag)))
}

/// How the list `now` (this build's positions) compares with `then` (the last build's).
fn list_change(
    now: &[ArticleId],
    then: &[ArticleId],
    old_id: &[Option<ArticleId>],
    changed: &[bool],
) -> ListChange {
    let alike = |new: &ArticleId, old: &ArticleId| old_id[*new] == Some(*old) && !changed[*new];
    ListChange {
        same: true,
        aside_same: true,
        old_len: then.len(),
        oldest_kept: now
            .iter()
            .rev()
            .zip(then.iter().rev())
            .take_while(|(n, o)| alike(n, o))
            .count(),
        newest_kept: now
            .iter()
            .zip(then)
            .take_while(|(n, o)| alike(n, o))
            .count(),
    }
}
