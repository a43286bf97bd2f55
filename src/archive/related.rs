//! Related articles: those sharing the most informative topics.
//!
//! A shared topic is worth its inverse document frequency, ln(1 + N / articles with it), so
//! sharing "Harjit Sajjan" counts for more than sharing "Canada". Candidates come from an
//! inverted index — each topic's article list — and only the [`WINDOW`] articles nearest
//! in time in each list are looked at, so a topic with 50,000 articles costs the same as
//! one with 50. Ties go to the article closest in time, then to the newer one.

use std::collections::HashMap;

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
    // Where each article sits in each of its topics' lists, found in one pass over the lists.
    let mut position: HashMap<(TopicId, ArticleId), usize> =
        HashMap::with_capacity(article_topics.iter().map(Vec::len).sum());
    for (t, topic) in topics.iter().enumerate() {
        for (i, a) in topic.articles.iter().enumerate() {
            position.insert((t, *a), i);
        }
    }
    (0..articles.len())
        .into_par_iter()
        .map(|id| {
            let mut scores: HashMap<ArticleId, f64> = HashMap::new();
            for (t, _) in &article_topics[id] {
                let list = &topics[*t].articles;
                let at = position[&(*t, id)];
                let start = at.saturating_sub(WINDOW / 2);
                let end = (start + WINDOW + 1).min(list.len());
                let start = end.saturating_sub(WINDOW + 1);
                for other in &list[start..end] {
                    if *other != id {
                        *scores.entry(*other).or_default() += weight[*t];
                    }
                }
            }
            let date = articles[id].date;
            let mut ranked: Vec<(ArticleId, f64)> = scores.into_iter().collect();
            let distance =
                |other: ArticleId| (articles[other].date - date).num_seconds().unsigned_abs();
            ranked.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then_with(|| distance(a.0).cmp(&distance(b.0)))
                    .then_with(|| a.0.cmp(&b.0))
            });
            ranked.truncate(count);
            ranked.into_iter().map(|(other, _)| other).collect()
        })
        .collect()
}
