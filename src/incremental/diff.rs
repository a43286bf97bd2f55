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
    let topics = matching(archive.topics(), old.topics(), |t| &t.slug, same_topic);
    let authors = matching(archive.authors(), old.authors(), |b| &b.slug, same_byline);
    let outlets = matching(archive.outlets(), old.outlets(), |b| &b.slug, same_byline);

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

    let old_count = before.paths.len();
    let links: Vec<bool> = (0..count)
        .into_par_iter()
        .map(|id| {
            let Some(o) = old_id[id] else {
                return true;
            };
            let newer = match (id.checked_sub(1), o.checked_sub(1)) {
                (Some(n), Some(m)) => old_id[n] == Some(m),
                (None, None) => true,
                _ => false,
            };
            let older = match (id + 1 < count, o + 1 < old_count) {
                (true, true) => old_id[id + 1] == Some(o + 1),
                (false, false) => true,
                _ => false,
            };
            let related = archive.related(id).iter().map(|r| old_id[*r]);
            let related_same = related.eq(old.related(o).iter().map(|r| Some(*r)));
            !(newer && older && related_same)
        })
        .collect();

    let compare = |now: &[ArticleId], then: Option<&[ArticleId]>| match then {
        Some(then) => list_change(now, then, &old_id, &article),
        None => ListChange::default(),
    };
    let home_now: Vec<ArticleId> = (0..count).collect();
    let home_then: Vec<ArticleId> = (0..old_count).collect();
    let months_then: HashMap<(i32, u32), &[ArticleId]> = old
        .years()
        .iter()
        .flat_map(|y| {
            y.months
                .iter()
                .map(move |m| ((y.year, m.month), &m.articles[..]))
        })
        .collect();
    let changes = Changes {
        home: compare(&home_now, Some(&home_then)),
        topics: archive
            .topics()
            .iter()
            .zip(&topics)
            .map(|(t, o)| {
                let Some(o) = o else {
                    return ListChange::default();
                };
                let then = &old.topics()[*o];
                let related = t.related.iter().map(|(r, shared)| (topics[*r], *shared));
                ListChange {
                    aside_same: related.eq(then.related.iter().map(|(r, s)| (Some(*r), *s))),
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
                    .map(|m| compare(&m.articles, months_then.get(&(y.year, m.month)).copied()))
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
fn matching<T>(
    now: &[T],
    then: &[T],
    key: impl Fn(&T) -> &String,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<Option<usize>> {
    let by_key: HashMap<&String, usize> =
        then.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    now.iter()
        .map(|t| by_key.get(key(t)).copied().filter(|o| same(t, &then[*o])))
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
