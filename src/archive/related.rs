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
        .map(|id| {
            let mut candidates: Vec<(ArticleId, f64)> = Vec::new();
            for (t, _) in &article_topics[id] {
                let list = &topics[*t].articles;
                // Where the article sits in the topic's list, which is in article order.
                // (Finding each topic among its article's topics cost the square of an
                // article's topics: 10,000 of them on one article, 100 million steps.)
                let at = list.binary_search(&id).unwrap_or(0);
                let end = (at.saturating_sub(WINDOW / 2) + WINDOW + 1).min(list.len());
                let start = end.saturating_sub(WINDOW + 1);
                candidates.extend(
                    list[start..end]
                        .iter()
                        .filter(|o| **o != id)
                        .map(|o| (*o, weight[*t])),
                );
            }
            // Sum the weights of each candidate's shared topics, in a fixed order so that the
            // floating-point sums, and so the ranking, never depend on the sort.
            candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut scored: Vec<(f64, u64, ArticleId)> = Vec::with_capacity(candidates.len());
            for (other, w) in candidates {
                match scored.last_mut() {
                    Some(last) if last.2 == other => last.0 += w,
                    _ => scored.push((w, seconds[other].abs_diff(seconds[id]), other)),
                }
            }
            let better = |a: &(f64, u64, ArticleId), b: &(f64, u64, ArticleId)| {
                b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
            };
            if scored.len() > count {
                scored.select_nth_unstable_by(count, better);
                scored.truncate(count);
            }
            scored.sort_unstable_by(better);
            // A new Vec of `count`: collecting `scored` in place would keep its capacity (a
            // few KB) for each of 100,000 articles.
            let mut best = Vec::with_capacity(scored.len());
            best.extend(scored.iter().map(|(_, _, other)| *other));
            best
        })
        .collect()
}
