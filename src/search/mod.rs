//! Full-text search: a static, sharded index built from the archive's records, and the
//! files the search page loads.
//!
//! The index is split so that one query downloads only what it needs: a small manifest,
//! the shards holding the query's terms, the filter lists of the active filters, and one
//! small file per result on screen (in which the page checks a phrase). Nothing is
//! parsed back out of written HTML; [`Index::build`] reads [`Article`] records.
//! docs/search.md records the design and the numbers.
//!
//! Layout under `/search/data/` (numbers in the `.txt` files are written with [`encode`]):
//!
//! | file | holds |
//! | --- | --- |
//! | `manifest.json` | article count, id slots, years, stop words, tokeniser, and the first key of every shard (or, past [`DIRECT_SHARDS`] shards, of every directory) |
//! | `dir/<name>.json` | `[first key, shard name]` of a run of shards |
//! | `shards/<name>.txt` | one line per key, sorted: `key\t` then (id delta, impact) pairs; a stem's line `stem\t=key key …` lists the keys that share it |
//! | `doc/<id>.json` | one article: URL, headline, date, outlet, topics, authors, snippet text |
//! | `topic/<slug>.txt`, `outlet/<slug>.txt`, `author/<slug>.txt`, `lang/<code>.txt` | a filter value's ids, as deltas |
//! | `all.txt` | every id, for a filter without words |
//! | `facets.json` | the commonest topics, outlets and authors, for the filter menus |
//!
//! Ids are [`ids::DocIds`]: stable, and ordered by date. Shards are cut where a key's hash
//! says (content-defined, as rsync and backup tools cut files), so adding an article
//! changes the shards of its own terms and leaves the cut points elsewhere where they were;
//! `state.rs` keeps the index between builds and updates only what changed (`make.rs`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::archive::{Archive, ArticleId};
use crate::article::{Article, Bodies};
use crate::error::Diagnostic;
// The settings are read from `site.toml` by config, which owns them; the index only reads
// them, so the dependency runs one way (search -> config).
pub use crate::config::search::{Field, Ranking, Settings};

mod code;
pub mod ids;
mod layout;
mod make;
mod state;
pub mod terms;
pub mod token;

pub use code::{decode, deltas, encode};
pub use ids::DocIds;
use make::{digest, settings_hash, Context, Made};
pub use state::{is_state_file, Cache};
use token::Tokenizer;
use xxhash_rust::xxh3::xxh3_64;

/// The search page's own script; [`script`] puts the tokeniser and stemmer before it.
const SCRIPT: &str = include_str!("search.js");

/// Where the index files go, under the site's base path.
pub const DATA_DIR: &str = "/search/data/";

/// Up to this many shards the manifest lists them all; past it, directories of shards.
pub const DIRECT_SHARDS: usize = 256;

/// A result's snippet comes from its text, cut here.
const TEXT_LIMIT: usize = 16 * 1024;

/// Articles tokenised at once: memory holds one batch's term lists, not the archive's.
const BATCH: usize = 4096;

/// The filter menus list this many of the commonest topics, outlets and authors; any
/// other still filters from the URL.
const FACETS: usize = 500;

/// Words too common to help, left out of an English index (and out of queries, by the
/// script, which reads this list from the manifest). In a phrase they still hold their
/// places, so "minister of defence" matches "minister of defence" and not "minister defence".
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the",
    "their", "they", "this", "to", "was", "were", "which", "will", "with", "would",
];

/// The stop words for a site language.
pub fn stop_words(language: &str) -> &'static [&'static str] {
    if language == "en" || language.starts_with("en-") || language.starts_with("en_") {
        ENGLISH_STOP_WORDS
    } else {
        &[]
    }
}

/// `/search/search.js`: the tokeniser, the site language's stemmer (if any), then the page
/// script, so the browser splits and stems a query exactly as the index did.
pub fn script(settings: &Settings, language: &str) -> String {
    let tokenizer = Tokenizer::new(language, settings.fold_accents);
    let stemmer = tokenizer
        .stemmer()
        .and_then(token::stemmer_js)
        .unwrap_or("");
    format!("{}\n{stemmer}\n{SCRIPT}", token::TOKEN_JS)
}

/// Which articles an index holds, and where it lives: one language's (issue 17). A site in
/// several languages has an index per language, each with its language's stemmer, at
/// `<prefix>/search/`.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// The language's position in the archive's languages.
    pub lang: usize,
    /// What its paths start with: empty for the default language, `/fr` for French.
    pub prefix: &'a str,
    /// Its tag, for the stemmer and stop words.
    pub code: &'a str,
}

impl Scope<'_> {
    /// The scope of the archive's first (the default) language, in `language`.
    pub fn default_language(language: &str) -> Scope<'_> {
        Scope {
            lang: 0,
            prefix: "",
            code: language,
        }
    }
}

/// The search index of an archive, as the files the browser loads.
#[derive(Default)]
pub struct Index {
    /// What its URLs start with (see [`Scope::prefix`]).
    prefix: String,
    /// Its language: [`Scope::lang`] and [`Scope::code`].
    lang: usize,
    code: String,
    /// Each file's site-relative URL (under [`DATA_DIR`]) and bytes, except the per-article
    /// files, which [`doc_file`] renders on demand.
    pub files: Vec<(String, Vec<u8>)>,
    /// Files the last build made and this one keeps (see [`Cache`]): URL, content hash,
    /// and where the cache holds them. They follow `files` in [`Index::file_count`]'s
    /// numbering.
    kept: Vec<(String, u64, PathBuf)>,
    /// Files in URL order: an index into `files`, or past its end into `kept`.
    order: Vec<u32>,
    /// The hash of each of `files`.
    hashes: Vec<u64>,
    /// Every article's document id, indexed by [`ArticleId`].
    pub ids: Vec<u64>,
    /// How long building took.
    pub elapsed: Duration,
    /// Distinct keys indexed.
    pub terms: usize,
    /// (key, article) pairs indexed.
    pub postings: usize,
    /// Shards written.
    pub shards: usize,
    /// Articles read and tokenised: all of them, or (updating the last build's index) the
    /// ones that changed.
    pub indexed: usize,
    /// Changes whenever the index does (also in the manifest as `v`).
    pub version: String,
    /// The state to keep for the next build, and the one this build started from.
    state: Option<(state::Header, Option<state::Header>)>,
}

/// A term's postings while the index is built: (rank in id order << 5 | impact).
#[derive(Default)]
struct Postings {
    stem: Option<String>,
    list: Vec<u32>,
}

impl Index {
    /// Indexes every article of `archive` with `settings`, for a site in `language`.
    pub fn build(
        archive: &Archive,
        bodies: &Bodies,
        settings: &Settings,
        language: &str,
    ) -> Result<Index, Diagnostic> {
        let scope = Scope::default_language(language);
        Index::build_with(archive, bodies, settings, scope, None, DIRECT_SHARDS)
    }

    /// [`Index::build`], starting from the last build's index kept in `cache` (see
    /// [`Cache`]) when there is one: only the articles that changed are read and indexed.
    /// The result is the same either way. [`Index::save`] keeps the new index there.
    pub fn build_cached(
        archive: &Archive,
        bodies: &Bodies,
        settings: &Settings,
        scope: Scope,
        cache: Option<&Cache>,
    ) -> Result<Index, Diagnostic> {
        Index::build_with(archive, bodies, settings, scope, cache, DIRECT_SHARDS)
    }

    /// [`Index::build_cached`], listing shards in the manifest up to `direct` of them.
    fn build_with(
        archive: &Archive,
        bodies: &Bodies,
        settings: &Settings,
        scope: Scope,
        cache: Option<&Cache>,
        direct: usize,
    ) -> Result<Index, Diagnostic> {
        let started = Instant::now();
        let language = scope.code;
        let cache = cache.map(|c| c.scoped(scope.lang, language));
        let cache = cache.as_ref();
        let tokenizer = Tokenizer::new(language, settings.fold_accents);
        let stop: HashSet<&str> = stop_words(language).iter().copied().collect();
        let members: &[ArticleId] = archive
            .languages()
            .get(scope.lang)
            .map_or(&[], |l| l.articles.as_slice());
        let ids = DocIds::assign_to(archive, members);
        let settings_hash = settings_hash(settings, language, &tokenizer);
        let mut digests: Vec<u64> = vec![0; archive.articles().len()];
        let made: Vec<u64> = members
            .par_iter()
            .map(|&id| digest(archive, id, settings))
            .collect();
        for (&id, d) in members.iter().zip(made) {
            digests[id] = d;
        }
        let context = Context {
            archive,
            bodies,
            settings,
            tokenizer: &tokenizer,
            stop: &stop,
            ids: &ids,
        };
        let loaded = cache
            .and_then(|c| c.load(settings_hash))
            .filter(|l| l.header.slots == ids.slots);
        let previous = loaded.as_ref().map(|l| l.header.clone());
        let made = match loaded {
            Some(loaded) => context.update(loaded, &digests)?,
            None => None,
        };
        let mut made = match made {
            Some(made) => made,
            None => context.clean(&digests)?,
        };
        let dir = cache.map(|c| c.dir.clone());
        let files = layout::files(std::mem::take(&mut made.shards), direct);
        let Made {
            indexed,
            period,
            averages,
            terms,
            postings,
            docs,
            ..
        } = made;
        let mut out = files.files;
        let kept: Vec<(String, u64, PathBuf)> = files
            .kept
            .into_iter()
            .map(|(url, hash, name)| {
                let blob = dir.clone().unwrap_or_default().join(format!("{name}.s"));
                (url, hash, blob)
            })
            .collect();
        let shard_names = files.names;
        let shard_count = shard_names.len();
        let header = state::Header {
            format: 0,
            key: cache.map_or(0, |c| c.key),
            settings: settings_hash,
            slots: ids.slots,
            period,
            averages,
            terms,
            postings,
            docs,
            shards: shard_names,
        };
        let lang = archive.languages().get(scope.lang);
        let years = archive.years()[lang.map_or(0..0, |l| l.years.clone())]
            .iter()
            .filter_map(|y| {
                let first = y.articles.iter().map(|&a| ids.ids[a]).min()?;
                let last = y.articles.iter().map(|&a| ids.ids[a]).max()?;
                Some((y.year, first, last, y.articles.len()))
            })
            .collect();
        out.extend(filter_files(archive, scope.lang, &ids));
        let languages = vec![(language.to_string(), ids.order.len())];
        out.push((
            format!("{DATA_DIR}facets.json"),
            serde_json::to_vec(&facets(archive, scope.lang)).unwrap_or_default(),
        ));
        // Over every file, made or kept, in URL order: the same whichever way it was built.
        // Each made file's hash, once: for the version and for the files' page keys.
        let mut hashes: Vec<u64> = out.par_iter().map(|(_, bytes)| xxh3_64(bytes)).collect();
        let version = {
            let mut all: Vec<(&str, u64)> = out
                .iter()
                .zip(&hashes)
                .map(|((url, _), hash)| (url.as_str(), *hash))
                .chain(kept.iter().map(|(url, hash, _)| (url.as_str(), *hash)))
                .collect();
            all.par_sort_unstable();
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for (url, hash) in all {
                h.update(url.as_bytes());
                h.update(&hash.to_le_bytes());
            }
            format!("{:x}", h.digest() & 0xffff_ffff)
        };
        let manifest = Manifest {
            version: 2,
            v: &version,
            count: ids.order.len(),
            slots: ids.slots,
            newest: ids.ids.iter().copied().max().unwrap_or(0),
            body: settings.body,
            language,
            fold: settings.fold_accents,
            stemmer: tokenizer.stemmer(),
            ranking: match settings.ranking {
                Ranking::Relevance => "relevance",
                Ranking::News => "news",
            },
            half_life: settings.half_life,
            languages,
            years,
            stop: stop_words(language),
            shards: files.direct,
            dirs: files.dirs,
        };
        out.push((
            format!("{DATA_DIR}manifest.json"),
            serde_json::to_vec(&manifest).unwrap_or_default(),
        ));
        out.push((
            "/search/search.js".to_string(),
            script(settings, language).into_bytes(),
        ));
        hashes.extend(out[hashes.len()..].iter().map(|(_, bytes)| xxh3_64(bytes)));
        // Another language's index lives under its prefix.
        let mut kept = kept;
        if !scope.prefix.is_empty() {
            for (url, _) in &mut out {
                url.insert_str(0, scope.prefix);
            }
            for (url, _, _) in &mut kept {
                url.insert_str(0, scope.prefix);
            }
        }
        let mut order: Vec<u32> = (0..(out.len() + kept.len()) as u32).collect();
        let url = |n: u32| -> &str {
            let n = n as usize;
            match n.checked_sub(out.len()) {
                None => &out[n].0,
                Some(k) => &kept[k].0,
            }
        };
        order.sort_unstable_by(|a, b| url(*a).cmp(url(*b)));
        Ok(Index {
            prefix: scope.prefix.to_string(),
            lang: scope.lang,
            code: scope.code.to_string(),
            order,
            hashes,
            files: out,
            kept,
            ids: ids.ids,
            elapsed: started.elapsed(),
            terms,
            postings,
            shards: shard_count,
            indexed,
            version,
            state: Some((header, previous)),
        })
    }

    /// Keeps this index in `cache` for the next build (see [`Index::build_cached`]).
    pub fn save(&self, cache: &Cache) -> crate::error::Result<()> {
        let Some((header, previous)) = &self.state else {
            return Ok(());
        };
        let mut header = header.clone();
        header.format = state::FORMAT;
        header.key = cache.key;
        let made: HashMap<&str, &[u8]> = self
            .files
            .iter()
            .map(|(u, b)| (u.as_str(), b.as_slice()))
            .collect();
        let files: Vec<(&str, &[u8])> = header
            .shards
            .iter()
            .filter_map(|(_, name, _)| {
                let url = format!("{}{DATA_DIR}shards/{name}.txt", self.prefix);
                let text = made.get(url.as_str())?;
                Some((name.as_str(), *text))
            })
            .collect();
        let lang = self.lang;
        cache
            .scoped(lang, &self.code)
            .save(&header, &files, previous.as_ref())
    }

    /// How many files the index has, made and kept. File `n` is the `n`th by URL, so the
    /// numbering does not depend on which shards an update made again (the build's plan of
    /// jobs stays the last build's, see `incremental`).
    pub fn file_count(&self) -> usize {
        self.order.len()
    }

    /// Where file `n` is: `Ok` in `files`, `Err` in `kept`.
    fn locate(&self, n: usize) -> Option<Result<usize, usize>> {
        let at = *self.order.get(n)? as usize;
        Some(match at.checked_sub(self.files.len()) {
            None => Ok(at),
            Some(k) => Err(k),
        })
    }

    /// The site-relative URL of file `n`.
    pub fn file_url(&self, n: usize) -> Option<&str> {
        match self.locate(n)? {
            Ok(at) => Some(self.files[at].0.as_str()),
            Err(k) => Some(self.kept[k].0.as_str()),
        }
    }

    /// A hash of file `n`'s bytes, known without reading a kept file: its page key.
    pub fn file_hash(&self, n: usize) -> Option<u64> {
        match self.locate(n)? {
            Ok(at) => self.hashes.get(at).copied(),
            Err(k) => Some(self.kept[k].1),
        }
    }

    /// The bytes of file `n` (a kept one is read from the cache, and checked).
    pub fn file_bytes(&self, n: usize) -> crate::error::Result<Vec<u8>> {
        let Some(Err(k)) = self.locate(n) else {
            let made = self.locate(n).and_then(Result::ok);
            return Ok(made.map(|at| self.files[at].1.clone()).unwrap_or_default());
        };
        let (_, hash, blob) = &self.kept[k];
        let bytes = crate::fs::read(blob)?;
        if xxh3_64(&bytes) != *hash {
            let why = "changed in .gazette-cache/search since this build began";
            return Err(crate::error::Error::io(blob, std::io::Error::other(why)));
        }
        Ok(bytes)
    }

    /// The index's size in bytes, per-article files excluded.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }

    /// The URL of an article's file.
    pub fn doc_url(&self, article: ArticleId) -> String {
        format!(
            "{}{DATA_DIR}doc/{}.json",
            self.prefix,
            self.ids.get(article).copied().unwrap_or(0)
        )
    }

    /// The URL of the search page's script.
    pub fn script_url(&self) -> String {
        format!("{}/search/search.js", self.prefix)
    }

    /// The URL of the index's folder, ending in `/`.
    pub fn data_url(&self) -> String {
        format!("{}{DATA_DIR}", self.prefix)
    }
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    /// Changes whenever the index does; the script adds it to every data URL so a browser
    /// never mixes a cached shard of one build with the manifest of another.
    v: &'a str,
    count: usize,
    /// Ids per day: an id's day is `id / slots`.
    slots: u64,
    /// The newest article's id, from which the news ranking counts age.
    newest: u64,
    body: bool,
    language: &'a str,
    fold: bool,
    stemmer: Option<&'static str>,
    ranking: &'a str,
    half_life: u32,
    /// `[code, articles]`: the index's language and its articles (an index holds one
    /// language's; search.js hides its language menu then).
    languages: Vec<(String, usize)>,
    /// `[year, first id, last id, articles]`, newest first.
    years: Vec<(i32, u64, u64, usize)>,
    stop: &'a [&'a str],
    /// `[first key, shard name]`, when there are few shards.
    #[serde(skip_serializing_if = "Option::is_none")]
    shards: Option<Vec<(String, String)>>,
    /// `[first key, directory name]`, when there are many.
    #[serde(skip_serializing_if = "Option::is_none")]
    dirs: Option<Vec<(String, String)>>,
}

/// An article's file: what its result shows, and the text its snippet is cut from
/// (standfirst or summary, then the body, up to [`TEXT_LIMIT`]).
pub fn doc_file(archive: &Archive, id: ArticleId, bodies: &Bodies) -> Result<Vec<u8>, Diagnostic> {
    let article = &archive.articles()[id];
    #[derive(Serialize)]
    struct Doc<'a> {
        u: &'a str,
        t: &'a str,
        d: String,
        o: Option<(&'a str, &'a str)>,
        p: Vec<(&'a str, &'a str)>,
        a: Vec<(&'a str, &'a str)>,
        x: String,
    }
    let url = crate::permalink::encode(&article.url);
    let doc = Doc {
        // Percent-encoded as the pages' links are: search.js puts it in an href as it is.
        u: &url,
        t: &article.title,
        d: article.date.format("%Y-%m-%d").to_string(),
        o: archive
            .outlet_of(id)
            .map(|o| (o.slug.as_str(), o.name.as_str())),
        p: archive
            .topics_of(id)
            .map(|(t, _)| (t.slug.as_str(), t.name.as_str()))
            .collect(),
        a: archive
            .authors_of(id)
            .map(|a| (a.slug.as_str(), a.name.as_str()))
            .collect(),
        x: snippet_text(article, bodies)?,
    };
    Ok(serde_json::to_vec(&doc).unwrap_or_default())
}

fn snippet_text(article: &Article, bodies: &Bodies) -> Result<String, Diagnostic> {
    let lead = article
        .standfirst
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&article.summary);
    let body = bodies
        .text(&article.body)
        .map_err(|e| e.diagnostic(&article.path))?;
    let mut text = String::with_capacity(lead.len() + body.len() + 2);
    text.push_str(lead.trim());
    let body = body.trim();
    // The summary is usually the body's first paragraph; do not show it twice.
    let body = body.strip_prefix(lead.trim()).unwrap_or(body).trim_start();
    if !body.is_empty() {
        text.push_str("\n\n");
        text.push_str(body);
    }
    if text.len() > TEXT_LIMIT {
        let mut cut = TEXT_LIMIT;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    Ok(text)
}

/// Every topic's, outlet's and author's document ids, ascending, as deltas, by slug.
fn filter_files(archive: &Archive, lang: usize, ids: &DocIds) -> Vec<(String, Vec<u8>)> {
    let Some(language) = archive.languages().get(lang) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    let mut list = |kind: &str, slug: &str, articles: &[ArticleId]| {
        let mut sorted: Vec<u64> = articles.iter().map(|&a| ids.ids[a]).collect();
        sorted.sort_unstable();
        files.push((format!("{DATA_DIR}{kind}/{slug}.txt"), deltas(sorted)));
    };
    for t in &archive.topics()[language.topics.clone()] {
        list("topic", &t.slug, &t.articles);
    }
    for o in &archive.outlets()[language.outlets.clone()] {
        list("outlet", &o.slug, &o.articles);
    }
    for a in &archive.authors()[language.authors.clone()] {
        list("author", &a.slug, &a.articles);
    }
    // Every id: what a filter by year or language alone lists.
    let all = deltas(ids.order.iter().map(|&a| ids.ids[a]));
    files.push((format!("{DATA_DIR}all.txt"), all));
    files
}

#[derive(Serialize)]
struct Facets<'a> {
    topics: Vec<(&'a str, &'a str, usize)>,
    outlets: Vec<(&'a str, &'a str, usize)>,
    authors: Vec<(&'a str, &'a str, usize)>,
}

/// The filter menus' entries: the [`FACETS`] commonest of each, most articles first.
fn facets(archive: &Archive, lang: usize) -> Facets<'_> {
    let empty = crate::archive::Language {
        code: String::new(),
        articles: Vec::new(),
        topics: 0..0,
        years: 0..0,
        authors: 0..0,
        outlets: 0..0,
    };
    let language = archive.languages().get(lang).unwrap_or(&empty);
    fn top<'a>(mut all: Vec<(&'a str, &'a str, usize)>) -> Vec<(&'a str, &'a str, usize)> {
        // Stable: ties keep the archive's A–Z order, numbers in natural order.
        all.sort_by_key(|a| std::cmp::Reverse(a.2));
        all.truncate(FACETS);
        all
    }
    Facets {
        topics: top(archive.topics()[language.topics.clone()]
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str(), t.articles.len()))
            .collect()),
        outlets: top(archive.outlets()[language.outlets.clone()]
            .iter()
            .map(|o| (o.slug.as_str(), o.name.as_str(), o.articles.len()))
            .collect()),
        authors: top(archive.authors()[language.authors.clone()]
            .iter()
            .map(|a| (a.slug.as_str(), a.name.as_str(), a.articles.len()))
            .collect()),
    }
}

#[cfg(test)]
mod tests;
