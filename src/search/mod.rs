//! Full-text search: a static, chunked index built from the archive's records, and the
//! files the search page loads.
//!
//! The index is split so that one query downloads only what it needs (issue 6): a small
//! manifest, the one or two postings shards holding the query's terms, the filter lists of
//! the active filters, and metadata and text of the results on screen. Nothing is parsed back
//! out of written HTML; [`Index::build`] reads [`Article`] records. docs/search.md records
//! why this is gazette's own format and not Pagefind's, with the numbers.
//!
//! Layout under `/search/data/` (every number in the `.txt` files is written with [`encode`]):
//!
//! | file | holds |
//! | --- | --- |
//! | `manifest.json` | article count, the first term of every shard, years as id ranges, stop words |
//! | `facets.json` | topics, outlets and authors: `[slug, name, count]`, in archive order |
//! | `shards/<n>.txt` | one line per term, `term\t` then (id delta, score) pairs; terms sorted |
//! | `meta/<k>.json` | articles `k*CHUNK ..`: `[url, title, date, outlet, [topics], [authors]]` |
//! | `text/<id>.txt` | an article's standfirst or summary, then its body text, for snippets |
//! | `topic/<n>.txt`, `outlet/<n>.txt`, `author/<n>.txt` | a filter value's article ids, as deltas |
//!
//! Article ids are positions in [`Archive::articles`], newest first, so "newest first" is
//! ascending id order and a year is one contiguous range of ids.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;

use crate::archive::{Archive, ArticleId};
use crate::article::{Article, Bodies};
use crate::error::Diagnostic;

pub mod token;
// The settings are read from `site.toml` by config, which owns them; the index only reads
// them, so the dependency runs one way (search -> config).
pub use crate::config::search::{Field, Settings};

/// The search page's script, written to `/search/search.js`.
pub const SCRIPT: &str = include_str!("search.js");

/// Where the index files go, under the site's base path.
pub const DATA_DIR: &str = "/search/data/";

/// Articles per metadata chunk: one result list touches at most a page's worth of chunks,
/// and a chunk of 64 short records stays a few KB.
pub const CHUNK: usize = 64;

/// A shard is closed once its postings pass this many bytes. Small enough that a query of a
/// few words loads well under 1 MB at 100,000 articles; large enough that the manifest (one
/// term per shard) stays a few KB. A single term may still exceed it on its own.
pub const SHARD_BYTES: usize = 24 * 1024;

/// A snippet source is cut here: snippets come from the start of the text up to this size.
const TEXT_LIMIT: usize = 32 * 1024;

/// The longest term indexed; longer runs of letters are noise (URLs, hashes).
const MAX_TERM: usize = 40;

/// Words too common to help, left out of an English index (and out of queries, by the
/// script, which reads this list from the manifest). A query made only of these finds nothing.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the",
    "their", "they", "this", "to", "was", "were", "which", "will", "with", "would",
];

/// Lowercases, transliterates (deunicode, as topic keys do) and splits `text` into terms:
/// runs of ASCII letters and digits, single letters and over-long runs dropped. The
/// script does the same in JavaScript (NFD without marks, and the few letters NFD keeps).
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        deunicode::deunicode(text).to_ascii_lowercase()
    };
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| {
            !t.is_empty()
                && t.len() <= MAX_TERM
                && !(t.len() == 1 && t.as_bytes()[0].is_ascii_alphabetic())
        })
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The stop words for a site language.
pub fn stop_words(language: &str) -> &'static [&'static str] {
    if language == "en" || language.starts_with("en-") {
        ENGLISH_STOP_WORDS
    } else {
        &[]
    }
}

/// Writes non-negative numbers compactly as text: base 32, most significant digit first,
/// every digit but the last from the upper half of a 64-character alphabet. Numbers below
/// 32 take one character, below 1,024 two; the characters need no escaping anywhere.
pub fn encode(out: &mut String, n: u32) {
    const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let mut digits = [0u8; 7];
    let mut len = 0;
    let mut n = n;
    loop {
        digits[len] = (n % 32) as u8;
        len += 1;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let d = digits[i] + if i == 0 { 0 } else { 32 };
        out.push(ALPHABET[d as usize] as char);
    }
}

/// Reads numbers written by [`encode`]; None on a character outside the alphabet.
pub fn decode(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut value: u32 = 0;
    for c in text.bytes() {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'Z' => c - b'A' + 10,
            b'a'..=b'z' => c - b'a' + 36,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32;
        if d >= 32 {
            value = value.checked_mul(32)?.checked_add(d - 32)?;
        } else {
            out.push(value.checked_mul(32)?.checked_add(d)?);
            value = 0;
        }
    }
    Some(out)
}

/// How much a term in each part of an article counts; the script multiplies the sum by the
/// term's rarity. Kept to 0–31 so a score is one character.
const TITLE_SCORE: u32 = 12;
const META_SCORE: u32 = 6;
const LEAD_SCORE: u32 = 4;

/// The search index of an archive, as the files the browser loads.
#[derive(Debug, Default)]
pub struct Index {
    /// Each file's site-relative URL (under [`DATA_DIR`]) and bytes, except the per-article
    /// text files, which [`text_file`] renders on demand.
    pub files: Vec<(String, Vec<u8>)>,
    /// How long building took.
    pub elapsed: Duration,
    /// Distinct terms indexed.
    pub terms: usize,
    /// (term, article) pairs indexed.
    pub postings: usize,
    /// Shards written.
    pub shards: usize,
    /// Changes whenever the index does (also in the manifest as `v`).
    pub version: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    /// Changes whenever the index does; the script adds it to every data URL so a browser
    /// never mixes a cached shard of one build with the manifest of another.
    v: String,
    count: usize,
    chunk: usize,
    body: bool,
    shards: Vec<&'a str>,
    /// `[year, first id, last id]`, newest first.
    years: Vec<(i32, usize, usize)>,
    stop: &'a [&'a str],
}

#[derive(Serialize)]
struct Facets<'a> {
    topics: Vec<(&'a str, &'a str, usize)>,
    outlets: Vec<(&'a str, &'a str, usize)>,
    authors: Vec<(&'a str, &'a str, usize)>,
}

/// One article's metadata row in a chunk.
#[derive(Serialize)]
struct MetaRow<'a>(
    &'a str,
    &'a str,
    String,
    Option<usize>,
    Vec<usize>,
    Vec<usize>,
);

impl Index {
    /// Indexes every article of `archive` with `settings`, for a site in `language`.
    pub fn build(
        archive: &Archive,
        bodies: &Bodies,
        settings: &Settings,
        language: &str,
    ) -> Result<Index, Diagnostic> {
        let started = Instant::now();
        let stop: std::collections::HashSet<&str> = stop_words(language).iter().copied().collect();
        let articles = archive.articles();

        // Tokenising is the expensive part and runs in parallel, a batch at a time so memory
        // holds one batch's term lists, not the archive's; interning runs in id order, so
        // every term's postings come out sorted.
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut total = 0usize;
        for start in (0..articles.len()).step_by(4096) {
            let end = (start + 4096).min(articles.len());
            let batch: Vec<Vec<(String, u32)>> = (start..end)
                .into_par_iter()
                .map(|id| article_terms(archive, bodies, id, settings, &stop))
                .collect::<Result<_, _>>()?;
            for (offset, terms) in batch.into_iter().enumerate() {
                let id = (start + offset) as u32;
                for (term, score) in terms {
                    let next = postings.len() as u32;
                    let t = *vocabulary.entry(term).or_insert(next);
                    if t == next {
                        postings.push(Vec::new());
                    }
                    // Ids fit in 27 bits (134 million articles), scores in 5.
                    postings[t as usize].push(id << 5 | score);
                    total += 1;
                }
            }
        }
        let mut sorted: Vec<(String, u32)> = vocabulary.into_iter().collect();
        sorted.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

        // Encode each term's line in parallel, then cut the sorted lines into shards.
        let lines: Vec<String> = sorted
            .par_iter()
            .map(|(term, t)| {
                let list = &postings[*t as usize];
                let mut line = String::with_capacity(term.len() + 2 + list.len() * 3);
                line.push_str(term);
                line.push('\t');
                let mut previous = 0u32;
                for packed in list {
                    let (id, score) = (packed >> 5, packed & 31);
                    encode(&mut line, id - previous);
                    encode(&mut line, score);
                    previous = id;
                }
                line.push('\n');
                line
            })
            .collect();
        drop(postings);

        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut firsts: Vec<&str> = Vec::new();
        let mut shard = String::new();
        for (line, (term, _)) in lines.iter().zip(&sorted) {
            if shard.is_empty() {
                firsts.push(term);
            }
            shard.push_str(line);
            if shard.len() >= SHARD_BYTES {
                files.push((
                    shard_url(firsts.len() - 1),
                    std::mem::take(&mut shard).into(),
                ));
            }
        }
        if !shard.is_empty() {
            files.push((shard_url(firsts.len() - 1), shard.into()));
        }

        let years = archive
            .years()
            .iter()
            .filter_map(|y| Some((y.year, *y.articles.first()?, *y.articles.last()?)))
            .collect();
        let version = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            articles.len().hash(&mut h);
            total.hash(&mut h);
            firsts.hash(&mut h);
            for (_, bytes) in &files {
                bytes.len().hash(&mut h);
            }
            for a in articles.iter().take(16) {
                a.url.hash(&mut h);
                a.title.hash(&mut h);
            }
            format!("{:x}", h.finish() & 0xffff_ffff)
        };
        let manifest = Manifest {
            version: 1,
            v: version,
            count: articles.len(),
            chunk: CHUNK,
            body: settings.body,
            shards: firsts,
            years,
            stop: stop_words(language),
        };
        let shards = manifest.shards.len();
        let version = manifest.v.clone();
        files.push((
            format!("{DATA_DIR}manifest.json"),
            serde_json::to_vec(&manifest).unwrap_or_default(),
        ));
        files.extend(facet_files(archive));
        files.extend(meta_files(archive));
        files.push(("/search/search.js".to_string(), SCRIPT.as_bytes().to_vec()));
        Ok(Index {
            files,
            elapsed: started.elapsed(),
            terms: sorted.len(),
            postings: total,
            shards,
            version,
        })
    }

    /// The index's size in bytes, text files excluded.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

fn shard_url(n: usize) -> String {
    format!("{DATA_DIR}shards/{n}.txt")
}

/// The URL of an article's snippet text.
pub fn text_url(id: ArticleId) -> String {
    format!("{DATA_DIR}text/{id}.txt")
}

/// An article's snippet text: its standfirst (or summary), then its body text as indexed,
/// cut at a character boundary near [`TEXT_LIMIT`].
pub fn text_file(article: &Article, bodies: &Bodies) -> Result<Vec<u8>, Diagnostic> {
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
    Ok(text.into_bytes())
}

/// One article's distinct terms with their scores, sorted by term.
fn article_terms(
    archive: &Archive,
    bodies: &Bodies,
    id: ArticleId,
    settings: &Settings,
    stop: &std::collections::HashSet<&str>,
) -> Result<Vec<(String, u32)>, Diagnostic> {
    let article = &archive.articles()[id];
    // term -> (part scores, body count)
    let mut seen: HashMap<String, (u32, u32)> = HashMap::new();
    let mut add = |text: &str, score: u32| {
        for term in terms(text) {
            if stop.contains(term.as_str()) {
                continue;
            }
            let entry = seen.entry(term).or_default();
            if score == 0 {
                entry.1 += 1;
            } else {
                entry.0 |= score;
            }
        }
    };
    for field in &settings.fields {
        match field {
            Field::Title => add(&article.title, TITLE_SCORE),
            Field::Standfirst => {
                if let Some(s) = &article.standfirst {
                    add(s, LEAD_SCORE);
                }
            }
            Field::Summary => add(&article.summary, LEAD_SCORE),
            Field::Authors => {
                for author in archive.authors_of(id) {
                    add(&author.name, META_SCORE);
                }
            }
            Field::Outlet => {
                if let Some(outlet) = archive.outlet_of(id) {
                    add(&outlet.name, META_SCORE);
                }
            }
            Field::Topics => {
                for (topic, _) in archive.topics_of(id) {
                    add(&topic.name, META_SCORE);
                }
            }
            Field::Date => {
                // "november 2015" finds November 2015's articles; terms are lowercased.
                let month = crate::date::MONTH_NAMES
                    .get(article.date.month0() as usize)
                    .copied()
                    .unwrap_or("");
                add(&format!("{} {month}", article.date.year()), META_SCORE);
            }
        }
    }
    if settings.body {
        let text = bodies
            .text(&article.body)
            .map_err(|e| e.diagnostic(&article.path))?;
        add(&text, 0);
    }
    let mut out: Vec<(String, u32)> = seen
        .into_iter()
        .map(|(term, (parts, count))| {
            // Parts are bit-ored flags of 12, 6, 4: weigh them by what they are.
            let mut score = 0;
            if parts & TITLE_SCORE == TITLE_SCORE {
                score += TITLE_SCORE;
            }
            if parts & META_SCORE == META_SCORE {
                score += META_SCORE;
            }
            if parts & LEAD_SCORE == LEAD_SCORE {
                score += LEAD_SCORE;
            }
            if count > 0 {
                score += 1 + count.ilog2().min(5);
            }
            (term, score.clamp(1, 31))
        })
        .collect();
    out.sort_unstable();
    Ok(out)
}

/// `facets.json` and the filter lists: every topic's, outlet's and author's article ids.
fn facet_files(archive: &Archive) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut list = |kind: &str, n: usize, ids: &[ArticleId]| {
        let mut text = String::with_capacity(ids.len() * 2);
        let mut previous = 0;
        for id in ids {
            encode(&mut text, (*id - previous) as u32);
            previous = *id;
        }
        files.push((format!("{DATA_DIR}{kind}/{n}.txt"), text.into_bytes()));
    };
    for (n, t) in archive.topics().iter().enumerate() {
        list("topic", n, &t.articles);
    }
    for (n, o) in archive.outlets().iter().enumerate() {
        list("outlet", n, &o.articles);
    }
    for (n, a) in archive.authors().iter().enumerate() {
        list("author", n, &a.articles);
    }
    let facets = Facets {
        topics: archive
            .topics()
            .iter()
            .map(|t| (t.slug.as_str(), t.name.as_str(), t.articles.len()))
            .collect(),
        outlets: archive
            .outlets()
            .iter()
            .map(|o| (o.slug.as_str(), o.name.as_str(), o.articles.len()))
            .collect(),
        authors: archive
            .authors()
            .iter()
            .map(|a| (a.slug.as_str(), a.name.as_str(), a.articles.len()))
            .collect(),
    };
    files.push((
        format!("{DATA_DIR}facets.json"),
        serde_json::to_vec(&facets).unwrap_or_default(),
    ));
    files
}

/// The metadata chunks: per article its URL (without the base path), headline, date,
/// outlet and topics and authors (positions in `facets.json`).
fn meta_files(archive: &Archive) -> Vec<(String, Vec<u8>)> {
    let articles = archive.articles();
    (0..articles.len().div_ceil(CHUNK))
        .into_par_iter()
        .map(|k| {
            let rows: Vec<MetaRow> = (k * CHUNK..((k + 1) * CHUNK).min(articles.len()))
                .map(|id| {
                    let a = &articles[id];
                    MetaRow(
                        &a.url,
                        &a.title,
                        a.date.format("%Y-%m-%d").to_string(),
                        archive.outlet_id_of(id),
                        archive.topic_ids_of(id).collect(),
                        archive.author_ids_of(id).collect(),
                    )
                })
                .collect();
            (
                format!("{DATA_DIR}meta/{k}.json"),
                serde_json::to_vec(&rows).unwrap_or_default(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
