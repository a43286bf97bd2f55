//! The archive: every article in reading order, and the indexes readers browse by.
//!
//! Built once from the loaded records and read-only afterwards. Articles are ordered newest
//! first (then by title, then by path, so the order never depends on the file system);
//! indexes — topics, dates, authors, outlets, related articles — hold positions into that
//! list, never copies of articles. Every index is built in time linear in the number of
//! articles and their topics; related articles go through an inverted index by topic and
//! never compare every pair.

mod group;
mod languages;
mod related;

pub use languages::Language;

use std::collections::HashMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::article::Article;
use crate::error::Diagnostic;
use crate::slug::{slugify, Slugs};
use crate::topics::{TopicKind, Vocabulary};
use group::{Groups, Keys};

/// A position in [`Archive::articles`].
pub type ArticleId = usize;
/// A position in [`Archive::topics`].
pub type TopicId = usize;

/// One topic: every article that carries it, under one display name and one slug.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// The language of its articles (a position in [`Archive::languages`]).
    pub lang: usize,
    /// The display name: the declared name, or the spelling most articles use.
    pub name: String,
    /// The URL slug.
    pub slug: String,
    /// What it is, for declared topics that say.
    pub kind: Option<TopicKind>,
    /// The declared description.
    pub description: Option<String>,
    /// Whether `site.toml` declares it.
    pub declared: bool,
    /// The topic's articles, newest first.
    pub articles: Vec<ArticleId>,
    /// How many of them got the topic by auto-tagging.
    pub inferred: usize,
    /// Topics that share articles with this one, with the number shared, most first (at
    /// most [`RELATED_TOPICS`]).
    pub related: Vec<(TopicId, usize)>,
}

/// How many related topics a topic keeps.
pub const RELATED_TOPICS: usize = 10;

/// A year of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Year {
    /// The language of its articles (a position in [`Archive::languages`]).
    pub lang: usize,
    /// The year, in the site's timezone.
    pub year: i32,
    /// Its articles, newest first.
    pub articles: Vec<ArticleId>,
    /// Its months that have articles, newest first.
    pub months: Vec<Month>,
}

/// A month of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Month {
    /// 1–12.
    pub month: u32,
    /// Its articles, newest first.
    pub articles: Vec<ArticleId>,
}

/// An author or an outlet: a name, a slug and its articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    /// The language of its articles (a position in [`Archive::languages`]).
    pub lang: usize,
    /// The display name: the spelling most articles use.
    pub name: String,
    /// The URL slug.
    pub slug: String,
    /// The outlet's home page, when any article gave one (outlets only).
    pub url: Option<String>,
    /// Articles, newest first.
    pub articles: Vec<ArticleId>,
}

/// Every index of the archive: what [`Archive::build`] derives from the articles. It is a
/// function of their [`Archive::structure`] and the declared topics alone, never of titles,
/// summaries or bodies, so a build whose structure is the last build's takes it from the
/// build snapshot (see `incremental::snapshot`) instead of computing it again (issue 7).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    topics: Vec<Topic>,
    article_topics: Vec<Vec<(TopicId, bool)>>,
    years: Vec<Year>,
    authors: Vec<Byline>,
    article_authors: Vec<Vec<usize>>,
    outlets: Vec<Byline>,
    article_outlet: Vec<Option<usize>>,
    related: Vec<Vec<ArticleId>>,
    languages: Vec<Language>,
    article_lang: Vec<u32>,
    position: Vec<u32>,
    translations: Vec<Vec<ArticleId>>,
}

/// The loaded site, ordered and indexed.
#[derive(Debug)]
pub struct Archive {
    articles: Vec<Article>,
    index: Index,
    structure: u128,
}

impl Archive {
    /// Orders and indexes `articles`, with `vocabulary`'s declared topics, keeping up to
    /// `related` related articles for each. Fails, naming both files of each pair, when two
    /// articles would be written to the same URL.
    pub fn build(
        articles: Vec<Article>,
        vocabulary: &Vocabulary,
        related: usize,
    ) -> Result<Archive, Vec<Diagnostic>> {
        Archive::build_reusing(articles, vocabulary, related, &[], None)
    }

    /// Builds as [`Archive::build`] does, but takes the indexes from `previous` (a structure
    /// hash and the [`Index`] made for it, with the same vocabulary and `related`) when the
    /// articles' structure is that one, rather than computing them again; `previous` is left
    /// as it was otherwise. `languages` are the site's configured language tags, the
    /// default first: they come first among [`Archive::languages`], with or without articles.
    pub fn build_reusing(
        articles: Vec<Article>,
        vocabulary: &Vocabulary,
        related: usize,
        languages: &[String],
        previous: Option<(u128, &mut Index)>,
    ) -> Result<Archive, Vec<Diagnostic>> {
        let articles = in_archive_order(articles);
        check_unique_urls(&articles)?;
        let structure = structure(&articles, related, languages);
        let index = match previous {
            Some((hash, index)) if hash == structure => std::mem::take(index),
            _ => Index::build(&articles, vocabulary, related, languages),
        };
        Ok(Archive {
            articles,
            index,
            structure,
        })
    }

    /// A hash of everything the indexes and the site's list of pages are made from: each
    /// article's path, date, slug, URL, topics, authors, outlet, aliases and draft flag, in
    /// archive order. Two builds with one structure have the same indexes, the same pages,
    /// and the same articles on each page; only what the articles say (titles, summaries,
    /// bodies and the like) may differ.
    pub fn structure(&self) -> u128 {
        self.structure
    }

    /// The indexes, for the build snapshot.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every article, newest first.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every topic, A–Z.
    pub fn topics(&self) -> &[Topic] {
        &self.index.topics
    }

    /// The topics of one article with whether each was inferred, front-matter ones first.
    pub fn topics_of(&self, article: ArticleId) -> impl Iterator<Item = (&Topic, bool)> {
        self.index.article_topics[article]
            .iter()
            .map(|(t, inferred)| (&self.index.topics[*t], *inferred))
    }

    /// Years with articles, newest first.
    pub fn years(&self) -> &[Year] {
        &self.index.years
    }

    /// Every author, A–Z.
    pub fn authors(&self) -> &[Byline] {
        &self.index.authors
    }

    /// The authors of one article, in its order.
    pub fn authors_of(&self, article: ArticleId) -> impl Iterator<Item = &Byline> {
        self.index.article_authors[article]
            .iter()
            .map(|a| &self.index.authors[*a])
    }

    /// Every outlet, A–Z.
    pub fn outlets(&self) -> &[Byline] {
        &self.index.outlets
    }

    /// The outlet of one article.
    pub fn outlet_of(&self, article: ArticleId) -> Option<&Byline> {
        self.index.article_outlet[article].map(|o| &self.index.outlets[o])
    }

    /// The positions in [`Archive::topics`] of one article's topics, in its order.
    pub fn topic_ids_of(&self, article: ArticleId) -> impl Iterator<Item = TopicId> + '_ {
        self.index.article_topics[article].iter().map(|(t, _)| *t)
    }

    /// The positions in [`Archive::authors`] of one article's authors, in its order.
    pub fn author_ids_of(&self, article: ArticleId) -> impl Iterator<Item = usize> + '_ {
        self.index.article_authors[article].iter().copied()
    }

    /// The position in [`Archive::outlets`] of one article's outlet.
    pub fn outlet_id_of(&self, article: ArticleId) -> Option<usize> {
        self.index.article_outlet[article]
    }

    /// The articles most related to one article, best first.
    pub fn related(&self, article: ArticleId) -> &[ArticleId] {
        &self.index.related[article]
    }

    /// The next newer article in its language.
    pub fn newer(&self, article: ArticleId) -> Option<ArticleId> {
        let list = &self.index.languages[self.lang_of(article)].articles;
        let at = self.index.position[article] as usize;
        at.checked_sub(1).map(|p| list[p])
    }

    /// The next older article in its language.
    pub fn older(&self, article: ArticleId) -> Option<ArticleId> {
        let list = &self.index.languages[self.lang_of(article)].articles;
        list.get(self.index.position[article] as usize + 1).copied()
    }

    /// The languages of the archive: the site's configured ones first (the default first),
    /// then those only articles name, by tag.
    pub fn languages(&self) -> &[Language] {
        &self.index.languages
    }

    /// The language of one article (a position in [`Archive::languages`]).
    pub fn lang_of(&self, article: ArticleId) -> usize {
        self.index.article_lang[article] as usize
    }

    /// The translations of one article, one per language, in the order of
    /// [`Archive::languages`]; the article itself is not among them.
    pub fn translations(&self, article: ArticleId) -> &[ArticleId] {
        &self.index.translations[article]
    }
}

/// The last build's indexes, as the build snapshot keeps them (see `incremental::snapshot`):
/// what a build whose structure changed compares its own with, to find the pages to render
/// again. The same lists as [`Archive`]'s, by the last build's article positions.
impl Index {
    /// Every topic, A–Z.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Years with articles, newest first.
    pub fn years(&self) -> &[Year] {
        &self.years
    }

    /// Every author, A–Z.
    pub fn authors(&self) -> &[Byline] {
        &self.authors
    }

    /// Every outlet, A–Z.
    pub fn outlets(&self) -> &[Byline] {
        &self.outlets
    }

    /// One article's topics (positions in [`Index::topics`]) with whether each was inferred.
    pub fn topics_of(&self, article: ArticleId) -> &[(TopicId, bool)] {
        self.article_topics.get(article).map_or(&[], Vec::as_slice)
    }

    /// One article's authors (positions in [`Index::authors`]).
    pub fn authors_of(&self, article: ArticleId) -> &[usize] {
        self.article_authors.get(article).map_or(&[], Vec::as_slice)
    }

    /// One article's outlet (a position in [`Index::outlets`]).
    pub fn outlet_of(&self, article: ArticleId) -> Option<usize> {
        self.article_outlet.get(article).copied().flatten()
    }

    /// One article's related articles, best first.
    pub fn related(&self, article: ArticleId) -> &[ArticleId] {
        self.related.get(article).map_or(&[], Vec::as_slice)
    }

    /// The languages, as [`Archive::languages`].
    pub fn languages(&self) -> &[Language] {
        &self.languages
    }

    /// One article's next newer article in its language, as [`Archive::newer`].
    pub fn newer(&self, article: ArticleId) -> Option<ArticleId> {
        let lang = *self.article_lang.get(article)? as usize;
        let at = *self.position.get(article)? as usize;
        at.checked_sub(1).map(|p| self.languages[lang].articles[p])
    }

    /// One article's next older article in its language, as [`Archive::older`].
    pub fn older(&self, article: ArticleId) -> Option<ArticleId> {
        let lang = *self.article_lang.get(article)? as usize;
        let at = *self.position.get(article)? as usize;
        self.languages[lang].articles.get(at + 1).copied()
    }

    /// One article's translations, as [`Archive::translations`].
    pub fn translations(&self, article: ArticleId) -> &[ArticleId] {
        self.translations.get(article).map_or(&[], Vec::as_slice)
    }

    /// Indexes `articles`, which are in archive order, in the languages `codes` and those
    /// the articles name.
    fn build(
        articles: &[Article],
        vocabulary: &Vocabulary,
        related: usize,
        codes: &[String],
    ) -> Index {
        let (mut langs, article_lang, position) = languages::partition(articles, codes);
        let (topics, article_topics) = index_topics(articles, &article_lang, &langs, vocabulary);

        let mut authors = Groups::default();
        let mut outlets = Groups::default();
        let mut keys = Keys::new(vocabulary.slugs());
        let mut article_authors = Vec::with_capacity(articles.len());
        let mut article_outlet = Vec::with_capacity(articles.len());
        // Each language has its own authors and outlets: a key is the language's position
        // and the name's key.
        for (id, article) in articles.iter().enumerate() {
            let lang = article_lang[id];
            article_authors.push(
                article
                    .authors
                    .iter()
                    .map(|name| authors.add(format!("{lang}:{}", keys.of(name)), name, id))
                    .collect::<Vec<_>>(),
            );
            article_outlet.push(article.source.as_ref().and_then(|source| {
                let k = keys.of(&source.name);
                (!k.is_empty()).then(|| outlets.add(format!("{lang}:{k}"), &source.name, id))
            }));
        }
        let lang_of_group =
            |members: &[ArticleId]| members.first().map_or(0, |a| article_lang[*a] as usize);
        let (authors, author_ids) = bylines(authors, vocabulary.slugs(), lang_of_group, |_| None);
        let outlet_urls: Vec<Option<String>> = {
            let mut urls = vec![None; outlets.len()];
            for (article, outlet) in articles.iter().zip(&article_outlet) {
                if let (Some(o), Some(url)) =
                    (outlet, article.source.as_ref().and_then(|s| s.url.as_ref()))
                {
                    urls[*o].get_or_insert_with(|| url.clone());
                }
            }
            urls
        };
        let (outlets, outlet_ids) = bylines(outlets, vocabulary.slugs(), lang_of_group, |old| {
            outlet_urls[old].clone()
        });
        for ids in &mut article_authors {
            for id in ids.iter_mut() {
                *id = author_ids[*id];
            }
        }
        for id in article_outlet.iter_mut().flatten() {
            *id = outlet_ids[*id];
        }

        let related = related::compute(articles, &topics, &article_topics, related);
        let years = index_dates(articles, &article_lang);
        languages::set_ranges(&mut langs, &topics, &years, &authors, &outlets);
        let translations = languages::translations(articles, &article_lang);
        Index {
            years,
            languages: langs,
            article_lang,
            position,
            translations,
            topics,
            article_topics,
            authors,
            article_authors,
            outlets,
            article_outlet,
            related,
        }
    }
}

/// Articles newest first, then by title, then by path, so the order never depends on the
/// file system. The order is found on positions and the articles then moved into it in place:
/// sorting the 500-byte records themselves moved each of them a dozen times (0.1 s at
/// 100,000).
fn in_archive_order(mut articles: Vec<Article>) -> Vec<Article> {
    use rayon::prelude::*;
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.par_sort_unstable_by(|x, y| {
        let (a, b) = (&articles[*x], &articles[*y]);
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| x.cmp(y))
    });
    // Position k is to hold the article now at order[k]: follow each cycle of the
    // permutation, one swap per article.
    let mut placed = vec![false; articles.len()];
    for start in 0..articles.len() {
        if placed[start] {
            continue;
        }
        let mut k = start;
        while order[k] != start {
            articles.swap(k, order[k]);
            placed[k] = true;
            k = order[k];
        }
        placed[k] = true;
    }
    articles
}

/// See [`Archive::structure`]. Each article's part is hashed on its own (in parallel), every
/// piece length-prefixed so no two structures hash alike by running fields together; then
/// the parts in order.
fn structure(articles: &[Article], related: usize, languages: &[String]) -> u128 {
    use rayon::prelude::*;
    let parts: Vec<u128> = articles
        .par_iter()
        .map_init(Vec::new, |buffer, a| {
            buffer.clear();
            let mut put = |bytes: &[u8]| {
                buffer.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
                buffer.extend_from_slice(bytes);
            };
            put(a.path.as_os_str().as_encoded_bytes());
            put(a.lang.as_bytes());
            put(a.plain.as_os_str().as_encoded_bytes());
            put(a.translation_key.as_deref().unwrap_or("\0").as_bytes());
            let (secs, nanos, offset) = crate::article::cached::date::parts(&a.date);
            put(&secs.to_le_bytes());
            put(&nanos.to_le_bytes());
            put(&offset.to_le_bytes());
            put(a.slug.as_bytes());
            put(a.url.as_bytes());
            put(&(a.topics.len() as u64).to_le_bytes());
            for t in &a.topics {
                put(t.name.as_bytes());
                put(&t.declared.map_or(u64::MAX, |d| d as u64).to_le_bytes());
                put(&[u8::from(t.inferred)]);
            }
            put(&(a.authors.len() as u64).to_le_bytes());
            for name in &a.authors {
                put(name.as_bytes());
            }
            match &a.source {
                Some(source) => {
                    put(source.name.as_bytes());
                    put(source.url.as_deref().unwrap_or("\0").as_bytes());
                }
                None => put(b"\0no source"),
            }
            put(&(a.aliases.len() as u64).to_le_bytes());
            for alias in &a.aliases {
                put(alias.as_bytes());
            }
            put(&[u8::from(a.draft)]);
            xxhash_rust::xxh3::xxh3_128(buffer)
        })
        .collect();
    let mut hasher = Xxh3::new();
    hasher.update(&(related as u64).to_le_bytes());
    for code in languages {
        hasher.update(&(code.len() as u64).to_le_bytes());
        hasher.update(code.as_bytes());
    }
    hasher.update(&(articles.len() as u64).to_le_bytes());
    for part in parts {
        hasher.update(&part.to_le_bytes());
    }
    hasher.digest128()
}

/// Groups articles' topics: declared topics by declaration, the rest by [`key`].
fn index_topics(
    articles: &[Article],
    article_lang: &[u32],
    languages: &[Language],
    vocabulary: &Vocabulary,
) -> (Vec<Topic>, Vec<Vec<(TopicId, bool)>>) {
    let mut groups = Groups::default();
    let mut keys = Keys::new(vocabulary.slugs());
    let mut inferred: HashMap<usize, usize> = HashMap::new();
    let mut article_topics = Vec::with_capacity(articles.len());
    for (id, article) in articles.iter().enumerate() {
        let mut ids = Vec::with_capacity(article.topics.len());
        for topic in &article.topics {
            // A declared topic's key cannot collide with a name's: names' keys are
            // letters and digits only. Each language has its own topics.
            let lang = article_lang[id];
            let k = match topic.declared {
                Some(d) => format!("{lang}#{d}"),
                None => format!("{lang}:{}", keys.of(&topic.name)),
            };
            let group = groups.add(k, &topic.name, id);
            if topic.inferred {
                *inferred.entry(group).or_default() += 1;
            }
            ids.push((group, topic.inferred));
        }
        article_topics.push(ids);
    }
    let mut topics: Vec<Topic> = groups
        .finish()
        .into_iter()
        .enumerate()
        .map(|(group, (k, name, articles))| {
            let lang = articles.first().map_or(0, |a| article_lang[*a] as usize);
            let decl = k
                .split_once('#')
                .and_then(|(_, d)| d.parse::<usize>().ok())
                .map(|d| &vocabulary.decls()[d]);
            Topic {
                lang,
                slug: decl.map_or_else(|| slugify(&name, vocabulary.slugs()), |d| d.slug.clone()),
                name: decl.map_or(name, |d| d.name_in(&languages[lang].code).to_string()),
                kind: decl.and_then(|d| d.kind),
                description: decl.and_then(|d| d.description.clone()),
                declared: decl.is_some(),
                articles,
                inferred: inferred.get(&group).copied().unwrap_or(0),
                related: Vec::new(),
            }
        })
        .collect();

    // Co-occurrence: articles carry a handful of topics, so pairs per article stay few.
    let mut shared: Vec<HashMap<TopicId, usize>> = vec![HashMap::new(); topics.len()];
    for ids in &article_topics {
        for (a, _) in ids {
            for (b, _) in ids {
                if a != b {
                    *shared[*a].entry(*b).or_default() += 1;
                }
            }
        }
    }

    let new_id = sort_a_to_z(&mut topics, |t| (t.lang, sort_key(&t.name), t.slug.clone()));
    for (old, counts) in shared.into_iter().enumerate() {
        let mut related: Vec<(TopicId, usize)> =
            counts.into_iter().map(|(t, n)| (new_id[t], n)).collect();
        let topic = new_id[old];
        related.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        related.truncate(RELATED_TOPICS);
        topics[topic].related = related;
    }
    for ids in &mut article_topics {
        for (id, _) in ids.iter_mut() {
            *id = new_id[*id];
        }
    }
    (topics, article_topics)
}

/// Authors or outlets from their groups, A–Z, with the map from group to position.
fn bylines(
    groups: Groups,
    slugs: Slugs,
    lang_of: impl Fn(&[ArticleId]) -> usize,
    url_of: impl Fn(usize) -> Option<String>,
) -> (Vec<Byline>, Vec<usize>) {
    let mut bylines: Vec<Byline> = groups
        .finish()
        .into_iter()
        .enumerate()
        .map(|(old, (_, name, articles))| Byline {
            lang: lang_of(&articles),
            slug: slugify(&name, slugs),
            name,
            url: url_of(old),
            articles,
        })
        .collect();
    let new_id = sort_a_to_z(&mut bylines, |b| {
        (b.lang, sort_key(&b.name), b.slug.clone())
    });
    (bylines, new_id)
}

/// Sorts `items` by `key` and returns, for each old position, the new one.
fn sort_a_to_z<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_cached_key(|i| key(&items[*i]));
    let mut new_id = vec![0; items.len()];
    for (new, old) in order.iter().enumerate() {
        new_id[*old] = new;
    }
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order.iter().filter_map(|old| slots[*old].take()).collect();
    new_id
}

/// Years and months, newest first. Articles are already newest first, so each year and
/// month is nearly always one run of the list; but a date keeps the offset it was written
/// with (issue 20), so near a month's end an article written at 23:00 -05:00 on the 31st
/// (filed in that month) can be newer than one written at 01:00 +00:00 on the 1st (filed in
/// the next). Months are therefore gathered by key, each keeping its articles newest first,
/// rather than cut at every change of month, which would make a month twice. The cost is a
/// map of the few hundred months and a stable sort of each month's articles.
fn index_dates(articles: &[Article], article_lang: &[u32]) -> Vec<Year> {
    type Key = (u32, std::cmp::Reverse<(i32, u32)>);
    let mut months: std::collections::BTreeMap<Key, Vec<usize>> = std::collections::BTreeMap::new();
    for (id, article) in articles.iter().enumerate() {
        let key = (article.date.year(), article.date.month());
        months
            .entry((article_lang[id], std::cmp::Reverse(key)))
            .or_default()
            .push(id);
    }
    let mut years: Vec<Year> = Vec::new();
    for ((lang, std::cmp::Reverse((y, m))), mut ids) in months {
        let lang = lang as usize;
        // Likewise a month's days, which its page shows as runs: newest day first, each
        // day's articles newest first (a stable sort, so in order already, nearly always).
        ids.sort_by_key(|id| std::cmp::Reverse(articles[*id].date.day()));
        if years
            .last()
            .is_none_or(|last| last.year != y || last.lang != lang)
        {
            years.push(Year {
                lang,
                year: y,
                articles: Vec::new(),
                months: Vec::new(),
            });
        }
        let year = years.last_mut().expect("pushed above");
        year.articles.extend_from_slice(&ids);
        year.months.push(Month {
            month: m,
            articles: ids,
        });
    }
    years
}

/// A key for A–Z order that ignores case and accents, with numbers in natural order
/// ("Outlet 2" before "Outlet 10", issue 19): see [`natural`].
pub(crate) fn sort_key(name: &str) -> String {
    natural(&deunicode::deunicode(name).to_lowercase())
}

/// `text` with each run of digits written so that byte order is numeric order: its leading
/// zeros dropped and its length put before it in two digits (`2` -> `012`, `10` -> `0210`),
/// so a shorter number sorts first and numbers of one length sort by their digits. Runs
/// longer than 99 digits (no name has them) keep their digits in text order after `99`.
fn natural(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 4);
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        key.push_str(&rest[..start]);
        let digits_end = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |e| start + e);
        let digits = rest[start..digits_end].trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        key.push_str(&format!("{:02}", digits.len().min(99)));
        key.push_str(digits);
        rest = &rest[digits_end..];
    }
    key.push_str(rest);
    key
}

/// Two articles must not share a URL: the second would silently replace the first.
fn check_unique_urls(articles: &[Article]) -> Result<(), Vec<Diagnostic>> {
    let mut seen: HashMap<&str, &Article> = HashMap::with_capacity(articles.len());
    let mut problems = Vec::new();
    for article in articles {
        if let Some(first) = seen.insert(&article.url, article) {
            let (a, b) = if first.path < article.path {
                (first, article)
            } else {
                (article, first)
            };
            problems.push(
                Diagnostic::new(
                    &b.path,
                    format!("has the same URL {} as {}", b.url, a.path.display()),
                )
                .help("give one of them a different `slug` in its front matter"),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests;
