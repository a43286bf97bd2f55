//! Grouping names by key: many spellings, one entry, named by the spelling most used.

use std::collections::HashMap;

use super::ArticleId;
use crate::slug::Slugs;
use crate::topics::key;

/// Each name's [`key`], made once per spelling: 100,000 articles name the same few
/// thousand topics, authors and outlets over and over, and slugifying each of their 400,000
/// mentions was a twentieth of indexing them.
pub(super) struct Keys<'a>(HashMap<&'a str, String>, Slugs);

impl<'a> Keys<'a> {
    /// Keys made as `slugs` makes slugs.
    pub(super) fn new(slugs: Slugs) -> Self {
        Keys(HashMap::new(), slugs)
    }

    /// The key of `name`.
    pub(super) fn of(&mut self, name: &'a str) -> String {
        let slugs = self.1;
        self.0
            .entry(name)
            .or_insert_with(|| key(name, slugs))
            .clone()
    }
}

/// Names grouped by key, in order of first appearance.
#[derive(Default)]
pub(super) struct Groups<'a> {
    by_key: HashMap<String, usize>,
    keys: Vec<String>,
    spellings: Vec<HashMap<&'a str, usize>>,
    members: Vec<Vec<ArticleId>>,
}

impl<'a> Groups<'a> {
    /// Adds `article` to the group of `key` under the spelling `name`; returns the group.
    /// Articles must be added in order, so each group's list keeps that order.
    pub(super) fn add(&mut self, key: String, name: &'a str, article: ArticleId) -> usize {
        let group = match self.by_key.get(&key) {
            Some(g) => *g,
            None => {
                self.by_key.insert(key.clone(), self.keys.len());
                self.keys.push(key);
                self.spellings.push(HashMap::new());
                self.members.push(Vec::new());
                self.keys.len() - 1
            }
        };
        *self.spellings[group].entry(name).or_default() += 1;
        if self.members[group].last() != Some(&article) {
            self.members[group].push(article);
        }
        group
    }

    /// How many groups there are.
    pub(super) fn len(&self) -> usize {
        self.keys.len()
    }

    /// Each group as (key, display name, articles). The display name is the most used
    /// spelling; ties go to the first in byte order, so the choice never depends on load order.
    pub(super) fn finish(self) -> Vec<(String, String, Vec<ArticleId>)> {
        self.keys
            .into_iter()
            .zip(self.spellings)
            .zip(self.members)
            .map(|((key, spellings), members)| {
                let name = spellings
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(name, _)| name.to_string())
                    .unwrap_or_default();
                (key, name, members)
            })
            .collect()
    }
}
