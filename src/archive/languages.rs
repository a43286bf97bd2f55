//! The archive's languages: each language's own list of articles, the ranges of the
//! archive's topics, years, authors and outlets that are its, and which articles are
//! translations of which.
//!
//! Every index of the archive is one list for all languages, grouped by language (topics
//! A–Z within each), so a monolingual site's indexes are what they always were, and a page
//! of a language reads one range. Translations are found in one pass with a union–find over
//! three keys (issue 17): a shared `translation_key`; the same path with the language's
//! folder or suffix taken out (`content/fr/x.md` and `content/x.md`); the same slug on the
//! same day.

use std::collections::HashMap;
use std::ops::Range;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::{ArticleId, Byline, Topic, Year};
use crate::article::Article;

/// One language of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// Its tag, as site.toml or the articles write it.
    pub code: String,
    /// Its articles, newest first.
    pub articles: Vec<ArticleId>,
    /// Its topics: a range of [`super::Archive::topics`].
    pub topics: Range<usize>,
    /// Its years: a range of [`super::Archive::years`].
    pub years: Range<usize>,
    /// Its authors: a range of [`super::Archive::authors`].
    pub authors: Range<usize>,
    /// Its outlets: a range of [`super::Archive::outlets`].
    pub outlets: Range<usize>,
}

/// The languages of `articles` (in archive order): `codes` first, in their order, then the
/// other tags articles give, by tag; each article's language, and its position in its
/// language's list.
pub(super) fn partition(
    articles: &[Article],
    codes: &[String],
) -> (Vec<Language>, Vec<u32>, Vec<u32>) {
    let mut by_code: HashMap<&str, u32> = HashMap::new();
    let mut languages: Vec<Language> = Vec::new();
    let add = |code: &str, languages: &mut Vec<Language>| {
        languages.push(Language {
            code: code.to_string(),
            articles: Vec::new(),
            topics: 0..0,
            years: 0..0,
            authors: 0..0,
            outlets: 0..0,
        });
    };
    for code in codes {
        if !by_code.contains_key(code.as_str()) {
            by_code.insert(code, languages.len() as u32);
            add(code, &mut languages);
        }
    }
    let mut others: Vec<&str> = articles
        .iter()
        .map(|a| a.lang.as_str())
        .filter(|c| !by_code.contains_key(c))
        .collect();
    others.sort_unstable();
    others.dedup();
    for code in others {
        by_code.insert(code, languages.len() as u32);
        add(code, &mut languages);
    }
    let mut article_lang = Vec::with_capacity(articles.len());
    let mut position = Vec::with_capacity(articles.len());
    for (id, article) in articles.iter().enumerate() {
        let lang = by_code[article.lang.as_str()];
        let list = &mut languages[lang as usize].articles;
        position.push(list.len() as u32);
        list.push(id);
        article_lang.push(lang);
    }
    (languages, article_lang, position)
}

/// Sets each language's ranges of the lists, which are grouped by language.
pub(super) fn set_ranges(
    languages: &mut [Language],
    topics: &[Topic],
    years: &[Year],
    authors: &[Byline],
    outlets: &[Byline],
) {
    fn ranges(langs: impl Iterator<Item = usize>, count: usize) -> Vec<Range<usize>> {
        let mut out = vec![0..0; count];
        for (i, lang) in langs.enumerate() {
            let r = &mut out[lang];
            if r.start == r.end {
                *r = i..i + 1;
            } else {
                r.end = i + 1;
            }
        }
        out
    }
    let n = languages.len();
    let t = ranges(topics.iter().map(|t| t.lang), n);
    let y = ranges(years.iter().map(|y| y.lang), n);
    let a = ranges(authors.iter().map(|a| a.lang), n);
    let o = ranges(outlets.iter().map(|o| o.lang), n);
    for (l, language) in languages.iter_mut().enumerate() {
        language.topics = t[l].clone();
        language.years = y[l].clone();
        language.authors = a[l].clone();
        language.outlets = o[l].clone();
    }
}

/// Finds the root of `x`, halving paths on the way.
fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Each article's translations (see the module's docs), at most one per language, in the
/// order of the languages; empty for articles with none.
pub(super) fn translations(articles: &[Article], article_lang: &[u32]) -> Vec<Vec<ArticleId>> {
    let mut out = vec![Vec::new(); articles.len()];
    // A monolingual archive has no translations: skip the maps.
    if article_lang
        .iter()
        .all(|l| *l == article_lang.first().copied().unwrap_or(0))
    {
        return out;
    }
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let mut keys: HashMap<&str, usize> = HashMap::new();
    let mut plains: HashMap<&std::path::Path, usize> = HashMap::new();
    let mut slugs: HashMap<(&str, i32, u32, u32), usize> = HashMap::new();
    for (id, a) in articles.iter().enumerate() {
        let mut pair = |first: Option<usize>| {
            if let Some(first) = first {
                if article_lang[first] != article_lang[id] {
                    union(&mut parent, first, id);
                }
            }
        };
        if let Some(key) = a.translation_key.as_deref() {
            pair(keys.get(key).copied());
            keys.entry(key).or_insert(id);
        }
        pair(plains.get(a.plain.as_path()).copied());
        plains.entry(a.plain.as_path()).or_insert(id);
        let day = (a.slug.as_str(), a.date.year(), a.date.month(), a.date.day());
        pair(slugs.get(&day).copied());
        slugs.entry(day).or_insert(id);
    }
    let mut groups: HashMap<usize, Vec<ArticleId>> = HashMap::new();
    for id in 0..articles.len() {
        let r = root(&mut parent, id);
        groups.entry(r).or_default().push(id);
    }
    for members in groups.into_values().filter(|m| m.len() > 1) {
        // One article per language: the newest (first in archive order) of each.
        let mut chosen: Vec<ArticleId> = Vec::new();
        for id in members {
            if !chosen.iter().any(|c| article_lang[*c] == article_lang[id]) {
                chosen.push(id);
            }
        }
        chosen.sort_by_key(|id| (article_lang[*id], *id));
        for id in &chosen {
            out[*id] = chosen.iter().copied().filter(|o| o != id).collect();
        }
    }
    out
}
