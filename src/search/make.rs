//! Making the index's shards: from every article ([`Context::clean`]), or from the last
//! build's index and the articles that changed since ([`Context::update`]). Both give the
//! same bytes.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::token::Tokenizer;
use super::{layout, state, stop_words, terms, DocIds, Postings, Settings, BATCH};
use crate::archive::{Archive, ArticleId};
use crate::article::Bodies;
use crate::error::Diagnostic;

/// What both ways of building the index read.
pub(super) struct Context<'a> {
    pub(super) archive: &'a Archive,
    pub(super) bodies: &'a Bodies,
    pub(super) settings: &'a Settings,
    pub(super) tokenizer: &'a Tokenizer,
    pub(super) stop: &'a HashSet<&'a str>,
    pub(super) ids: &'a DocIds,
}

/// An index made, before it is named and listed.
pub(super) struct Made {
    pub(super) indexed: usize,
    pub(super) shards: Vec<layout::Shard>,
    pub(super) period: u64,
    pub(super) averages: [f64; 7],
    pub(super) terms: usize,
    pub(super) postings: usize,
    pub(super) docs: Vec<state::Doc>,
}

/// Past this share of the archive changed, indexing everything is as quick.
const UPDATE_LIMIT: usize = 4;

impl Context<'_> {
    fn raw(&self, id: ArticleId, stems: &mut terms::Stems) -> Result<terms::Raw, Diagnostic> {
        terms::raw(
            self.archive,
            self.bodies,
            id,
            self.settings,
            self.tokenizer,
            self.stop,
            stems,
        )
    }

    /// The articles whose lengths the averages are measured on: about 2,000 chosen by a
    /// hash of their URL (so the sample hardly changes as the archive does).
    fn sample(&self) -> Vec<ArticleId> {
        let articles = self.archive.articles();
        let every = (self.ids.order.len() / 2048).max(1).next_power_of_two() as u64;
        self.ids
            .order
            .iter()
            .copied()
            .filter(|&id| xxh3_64(articles[id].url.as_bytes()) % every == 0)
            .collect()
    }

    /// Indexes every article.
    pub(super) fn clean(&self, digests: &[u64]) -> Result<Made, Diagnostic> {
        let sample = self.sample();
        let lengths: Vec<[u32; 7]> = sample
            .par_iter()
            .map_init(terms::Stems::default, |stems, &id| {
                self.raw(id, stems).map(|r| r.lengths())
            })
            .collect::<Result<_, _>>()?;
        let averages = averages(&lengths);

        // Tokenising is the expensive part and runs in parallel, a batch at a time; interning
        // runs in id order, so every key's postings come out sorted.
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Postings> = Vec::new();
        let mut docs = Vec::with_capacity(self.ids.order.len());
        let mut total = 0usize;
        // Each thread keeps the stems it has made (stemming is most of tokenising's cost, and
        // a few thousand words are most of the text); one cache per thread, never contended.
        let caches: Vec<std::sync::Mutex<terms::Stems>> = (0..rayon::current_num_threads())
            .map(|_| Default::default())
            .collect();
        for start in (0..self.ids.order.len()).step_by(BATCH) {
            let end = (start + BATCH).min(self.ids.order.len());
            let batch: Vec<([u32; 7], Vec<terms::Term>)> = self.ids.order[start..end]
                .par_iter()
                .map(|&id| {
                    let n = rayon::current_thread_index().unwrap_or(0) % caches.len();
                    let mut stems = caches[n].lock().unwrap_or_else(|e| e.into_inner());
                    self.raw(id, &mut stems)
                        .map(|raw| (raw.lengths(), raw.weigh(&averages)))
                })
                .collect::<Result<_, _>>()?;
            for (offset, (lengths, article)) in batch.into_iter().enumerate() {
                let rank = (start + offset) as u32;
                let a = self.ids.order[start + offset];
                docs.push(state::Doc {
                    id: self.ids.ids[a],
                    digest: digests[a],
                    lengths,
                });
                for term in article {
                    let next = postings.len() as u32;
                    let t = *vocabulary.entry(term.key).or_insert(next);
                    if t == next {
                        postings.push(Postings {
                            stem: term.stem,
                            ..Postings::default()
                        });
                    }
                    // Ranks fit in 27 bits (134 million articles), impacts in 5.
                    postings[t as usize]
                        .list
                        .push(rank << 5 | term.impact as u32);
                    total += 1;
                }
            }
        }
        let terms = vocabulary.len();
        let entries = layout::lines(vocabulary, postings, self.ids);
        let period = layout::period_of(&entries);
        let mut cutter = layout::Cutter::new(period);
        for entry in &entries {
            cutter.push(entry);
        }
        Ok(Made {
            indexed: self.ids.order.len(),
            shards: cutter.finish(),
            period,
            averages,
            terms,
            postings: total,
            docs,
        })
    }

    /// Updates the last build's index with the articles that changed since; None when that
    /// is not worth it (or not possible) and [`Context::clean`] should run.
    pub(super) fn update(
        &self,
        loaded: state::Loaded,
        digests: &[u64],
    ) -> Result<Option<Made>, Diagnostic> {
        let previous: HashMap<u64, state::Doc> =
            loaded.header.docs.iter().map(|d| (d.id, *d)).collect();
        let changed: Vec<ArticleId> = self
            .ids
            .order
            .iter()
            .copied()
            .filter(|&a| previous.get(&self.ids.ids[a]).map(|d| d.digest) != Some(digests[a]))
            .collect();
        if changed.len() * UPDATE_LIMIT > self.ids.order.len() {
            return Ok(None);
        }
        let current: HashSet<u64> = self.ids.order.iter().map(|&a| self.ids.ids[a]).collect();
        let mut removed: HashSet<u64> = previous
            .keys()
            .filter(|id| !current.contains(id))
            .copied()
            .collect();
        removed.extend(
            changed
                .iter()
                .map(|&a| self.ids.ids[a])
                .filter(|id| previous.contains_key(id)),
        );
        let raws: Vec<terms::Raw> = changed
            .par_iter()
            .map_init(terms::Stems::default, |stems, &a| self.raw(a, stems))
            .collect::<Result<_, _>>()?;
        let fresh: HashMap<ArticleId, [u32; 7]> = changed
            .iter()
            .zip(&raws)
            .map(|(&a, r)| (a, r.lengths()))
            .collect();
        let lengths_of = |a: ArticleId| -> [u32; 7] {
            fresh
                .get(&a)
                .copied()
                .or_else(|| previous.get(&self.ids.ids[a]).map(|d| d.lengths))
                .unwrap_or_default()
        };
        let averages = averages(
            &self
                .sample()
                .into_iter()
                .map(lengths_of)
                .collect::<Vec<_>>(),
        );
        if averages != loaded.header.averages {
            return Ok(None);
        }
        let added: Vec<(u64, Vec<terms::Term>)> = changed
            .iter()
            .zip(raws)
            .map(|(&a, raw)| (self.ids.ids[a], raw.weigh(&averages)))
            .collect();
        let docs = self
            .ids
            .order
            .iter()
            .map(|&a| state::Doc {
                id: self.ids.ids[a],
                digest: digests[a],
                lengths: lengths_of(a),
            })
            .collect();
        Ok(state::update(loaded, &removed, added).map(|u| Made {
            indexed: changed.len(),
            shards: u.shards,
            period: u.period,
            averages,
            terms: u.terms,
            postings: u.postings,
            docs,
        }))
    }
}

/// The parts' average lengths over `lengths`, rounded (see [`terms::round_average`]).
fn averages(lengths: &[[u32; 7]]) -> [f64; 7] {
    let mut averages = [1.0; 7];
    if !lengths.is_empty() {
        for (i, avg) in averages.iter_mut().enumerate() {
            let sum: u64 = lengths.iter().map(|l| l[i] as u64).sum();
            *avg = terms::round_average(sum as f64 / lengths.len() as f64);
        }
    }
    averages
}

/// A hash of everything the index holds of article `id`: when it is unchanged, the
/// article's postings are too.
pub(super) fn digest(archive: &Archive, id: ArticleId, settings: &Settings) -> u64 {
    let a = &archive.articles()[id];
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0xff]);
    };
    put(&a.title);
    put(a.standfirst.as_deref().unwrap_or(""));
    put(&a.summary);
    for author in archive.authors_of(id) {
        put(&author.name);
    }
    put("\u{1}");
    if let Some(outlet) = archive.outlet_of(id) {
        put(&outlet.name);
    }
    put("\u{1}");
    for (topic, _) in archive.topics_of(id) {
        put(&topic.name);
    }
    put("\u{1}");
    put(&a.date.format("%Y-%m").to_string());
    put(a.extra.get("lang").and_then(|v| v.as_str()).unwrap_or(""));
    h.update(&a.body.digest().to_le_bytes());
    h.update(&[settings.body as u8]);
    h.digest()
}

/// A hash of the settings an index is made with.
pub(super) fn settings_hash(settings: &Settings, language: &str, tokenizer: &Tokenizer) -> u64 {
    let text = format!(
        "{language}|{:?}|{}|{}|{:?}|{:?}",
        settings.fields,
        settings.body,
        settings.fold_accents,
        tokenizer.stemmer(),
        stop_words(language)
    );
    xxh3_64(text.as_bytes())
}
