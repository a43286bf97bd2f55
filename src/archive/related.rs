//! Related articles: those sharing the most informative topics.
//!
//! A shared topic is worth its inverse document frequency, ln(1 + N / articles with it), so
//! sharing "Harjit Sajjan" counts for more than sharing "Canada". Candidates come from an
//! inverted index — each topic's article list — and only the [`WINDOW`] articles nearest
//! in time in each list are looked at, so a topic with 50,000 articles costs the same as
//! one with 50. Ties go to the article closest in time, then to the newer one.

use rayon::prelude::*;

use super::{ArticleId, Topic, TopicId};
use crate::article::Article;

/// How many neighbours in time each of an article's topics contributes as candidates.
pub(super) const WINDOW: usize = 100;

/// Up to this many topics, an article's windows are merged; beyond, sorted together.
const MERGED: usize = 8;

/// The `count` most related articles of every article.
pub(super) fn compute(
    articles: &[Article],
    topics: &[Topic],
    article_topics: &[Vec<(TopicId, bool)>],
    count: usize,
) -> Vec<Vec<ArticleId>> {
    if count == 0 || topics.is_empty() {
        return vec![Vec::new(); articles.len()];
    }
    let total = articles.len() as f64;
    let weight: Vec<f64> = topics
        .iter()
        .map(|t| (1.0 + total / t.articles.len() as f64).ln())
        .collect();
    let seconds: Vec<i64> = articles.iter().map(|a| a.date.timestamp()).collect();
    (0..articles.len())
        .into_par_iter()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(runs, scored), id| {
                // Each topic's window: its articles nearest in time, in article order.
                runs.clear();
                for (t, _) in &article_topics[id] {
                    let list = &topics[*t].articles;
                    // Where the article sits in the topic's list, which is in article order.
                    // (Finding each topic among its article's topics cost the square of an
                    // article's topics: 10,000 of them on one article, 100 million steps.)
                    let at = list.binary_search(&id).unwrap_or(0);
                    let end = (at.saturating_sub(WINDOW / 2) + WINDOW + 1).min(list.len());
                    let start = end.saturating_sub(WINDOW + 1);
                    runs.push((&list[start..end], weight[*t]));
                }
                scored.clear();
                score(runs, id, &seconds, scored);
                best_of(scored, count)
            },
        )
        .collect()
}

/// Sums, for each article of `runs` (windows in article order, each with its topic's
/// weight) but `id`, the weights of the windows it is in, into `scored` as (sum, seconds
/// from `id`, article), in article order. The windows are merged rather than sorted
/// together: a few runs of 101 articles each, for every one of 100,000 articles, made the
/// sort a fifth of a rebuild's work. Each sum adds its weights in increasing order, so that
/// it never depends on the order of the article's topics.
fn score(
    runs: &mut [(&[ArticleId], f64)],
    id: ArticleId,
    seconds: &[i64],
    scored: &mut Vec<(f64, u64, ArticleId)>,
) {
    if runs.len() > MERGED {
        // Many topics (hostile input has up to 200 on an article): merging would look at
        // every run for each article; sorting them together is n log n.
        score_sorted(runs, id, seconds, scored);
        return;
    }
    score_merged(runs, id, seconds, scored);
}

/// [`score`] by sorting every window's articles together.
fn score_sorted(
    runs: &[(&[ArticleId], f64)],
    id: ArticleId,
    seconds: &[i64],
    scored: &mut Vec<(f64, u64, ArticleId)>,
) {
    let mut all: Vec<(ArticleId, f64)> = runs
        .iter()
        .flat_map(|(run, w)| run.iter().map(move |a| (*a, *w)))
        .filter(|(a, _)| *a != id)
        .collect();
    all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (other, w) in all {
        match scored.last_mut() {
            Some(last) if last.2 == other => last.0 += w,
            _ => scored.push((w, seconds[other].abs_diff(seconds[id]), other)),
        }
    }
}

/// [`score`] by merging the windows.
fn score_merged(
    runs: &mut [(&[ArticleId], f64)],
    id: ArticleId,
    seconds: &[i64],
    scored: &mut Vec<(f64, u64, ArticleId)>,
) {
    let mut weights: Vec<f64> = Vec::with_capacity(runs.len());
    loop {
        let Some(next) = runs
            .iter()
            .filter_map(|(run, _)| run.first())
            .min()
            .copied()
        else {
            return;
        };
        weights.clear();
        for (run, w) in runs.iter_mut() {
            if run.first() == Some(&next) {
                weights.push(*w);
                *run = &run[1..];
            }
        }
        if next == id {
            continue;
        }
        weights.sort_unstable_by(f64::total_cmp);
        let sum = weights.iter().sum();
        scored.push((sum, seconds[next].abs_diff(seconds[id]), next));
    }
}

/// The `count` best of `scored`: the highest sum, then the closest in time, then the newer.
fn best_of(scored: &[(f64, u64, ArticleId)], count: usize) -> Vec<ArticleId> {
    let better = |a: &(f64, u64, ArticleId), b: &(f64, u64, ArticleId)| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    };
    // The best `count` so far, best first: most candidates are worse than the last of them,
    // one comparison each (`select_nth_unstable` spent 14,000 instructions an article on a
    // few hundred candidates). No two candidates tie: each is another article.
    let mut best: Vec<(f64, u64, ArticleId)> = Vec::with_capacity(count + 1);
    for candidate in scored.iter() {
        if best.len() == count
            && best
                .last()
                .is_some_and(|last| better(last, candidate).is_lt())
        {
            continue;
        }
        let at = best.partition_point(|b| better(b, candidate).is_lt());
        best.insert(at, *candidate);
        best.truncate(count);
    }
    best.iter().map(|(_, _, other)| *other).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_windows_score_as_sorted_ones() {
        let mut rng = crate::testing::Rng::new(7);
        for _ in 0..200 {
            let seconds: Vec<i64> = (0..400).map(|i| 1_000_000 - i * 37).collect();
            let lists: Vec<Vec<ArticleId>> = (0..1 + rng.below(8))
                .map(|_| {
                    let mut list: Vec<ArticleId> =
                        (0..rng.below(120)).map(|_| rng.below(400)).collect();
                    list.sort_unstable();
                    list.dedup();
                    list
                })
                .collect();
            let weights = [0.5, 1.25, 3.0, 0.1, 2.2, 0.7, 1.9, 4.4];
            let mut runs: Vec<(&[ArticleId], f64)> = lists
                .iter()
                .zip(weights)
                .map(|(l, w)| (&l[..], w))
                .collect();
            let id = rng.below(400);
            let (mut sorted, mut merged) = (Vec::new(), Vec::new());
            score_sorted(&runs, id, &seconds, &mut sorted);
            score_merged(&mut runs, id, &seconds, &mut merged);
            assert_eq!(sorted, merged);
        }
    }

    #[test]
    fn the_best_are_those_a_full_sort_puts_first() {
        let mut rng = crate::testing::Rng::new(11);
        for _ in 0..300 {
            // Few distinct sums and distances, so ties on both are common.
            let scored: Vec<(f64, u64, ArticleId)> = (0..rng.below(60))
                .map(|i| (rng.below(4) as f64 * 0.5, rng.below(3) as u64, i * 7 % 61))
                .collect();
            let count = 1 + rng.below(6);
            let mut sorted = scored.clone();
            sorted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            let expected: Vec<ArticleId> = sorted.iter().take(count).map(|s| s.2).collect();
            assert_eq!(best_of(&scored, count), expected);
        }
    }
}
