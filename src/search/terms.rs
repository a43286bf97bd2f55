//! One article's terms: what each part of it says, weighed by BM25F into one impact per
//! term.
//!
//! The index holds no positions: a phrase is checked in the text of the articles that have
//! all its words, in the browser (see `search.js`), which keeps the index at one entry per
//! distinct word of an article. (Indexing every pair of adjacent words instead made 18
//! million keys and a 670 MB index of 100,000 synthetic articles, five times the words'.)
//!
//! BM25F (Robertson, Zaragoza and Taylor, 2004) adds a term's counts over an article's
//! fields, each weighed and normalised by the field's length, before the saturation of
//! BM25: `tf = Σ w_f · tf_f / (1 − b_f + b_f · len_f / avg_f)`, then `tf / (k1 + tf)`. The
//! weights are [`PARTS`]; `k1` is [`K1`]. The result is stored as an impact of 1–31 (one
//! character of the index's code); the browser multiplies it by the term's rarity (IDF),
//! which it reads off the postings list's length, so an impact never depends on other
//! articles except through the average lengths. Those are measured on a fixed sample of
//! the archive and rounded to steps of about 19 %, so adding or editing an article almost
//! never moves them, and an edit rewrites only the shards of the terms it touches.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use super::token::Tokenizer;
use super::{Field, Settings};
use crate::archive::{Archive, ArticleId};
use crate::article::Bodies;
use crate::error::Diagnostic;

/// BM25's saturation: how fast repeated mentions stop adding.
pub const K1: f64 = 1.2;

/// The parts of an article BM25F weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Lead,
    Topics,
    Authors,
    Outlet,
    Date,
    Body,
}

/// A part's weight and length normalisation `b`.
pub struct Weight {
    pub part: Part,
    pub weight: f64,
    pub b: f64,
}

/// The weights, documented in README's Search section.
pub const PARTS: [Weight; 7] = [
    Weight {
        part: Part::Title,
        weight: 5.0,
        b: 0.3,
    },
    Weight {
        part: Part::Lead,
        weight: 2.0,
        b: 0.5,
    },
    Weight {
        part: Part::Topics,
        weight: 3.0,
        b: 0.0,
    },
    Weight {
        part: Part::Authors,
        weight: 2.0,
        b: 0.0,
    },
    Weight {
        part: Part::Outlet,
        weight: 1.5,
        b: 0.0,
    },
    Weight {
        part: Part::Date,
        weight: 1.0,
        b: 0.0,
    },
    Weight {
        part: Part::Body,
        weight: 1.0,
        b: 0.75,
    },
];

/// One term of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The exact key (folded, not stemmed).
    pub key: String,
    /// Its stem key, when that differs from the key.
    pub stem: Option<String>,
    /// BM25F impact, 1–31.
    pub impact: u8,
}

/// The parts' texts of an article.
fn parts<'a>(
    archive: &'a Archive,
    bodies: &Bodies,
    id: ArticleId,
    settings: &Settings,
) -> Result<Vec<(Part, std::borrow::Cow<'a, str>)>, Diagnostic> {
    use std::borrow::Cow;
    let article = &archive.articles()[id];
    let mut out: Vec<(Part, Cow<str>)> = Vec::new();
    for field in &settings.fields {
        match field {
            Field::Title => out.push((Part::Title, Cow::Borrowed(&article.title))),
            Field::Standfirst => {
                if let Some(s) = &article.standfirst {
                    out.push((Part::Lead, Cow::Borrowed(s)));
                }
            }
            // A summary that only repeats the standfirst (the loader's default) counts once.
            Field::Summary
                if article.standfirst.as_deref().map(str::trim) == Some(article.summary.trim()) => {
            }
            Field::Summary => out.push((Part::Lead, Cow::Borrowed(&article.summary))),
            Field::Authors => {
                for author in archive.authors_of(id) {
                    out.push((Part::Authors, Cow::Borrowed(&author.name)));
                }
            }
            Field::Outlet => {
                if let Some(outlet) = archive.outlet_of(id) {
                    out.push((Part::Outlet, Cow::Borrowed(&outlet.name)));
                }
            }
            Field::Topics => {
                for (topic, _) in archive.topics_of(id) {
                    out.push((Part::Topics, Cow::Borrowed(&topic.name)));
                }
            }
            Field::Date => {
                // "november 2015" finds November 2015's articles.
                let month = crate::date::MONTH_NAMES
                    .get(article.date.month0() as usize)
                    .copied()
                    .unwrap_or("");
                out.push((
                    Part::Date,
                    Cow::Owned(format!("{} {month}", article.date.year())),
                ));
            }
        }
    }
    if settings.body {
        let text = bodies
            .text(&article.body)
            .map_err(|e| e.diagnostic(&article.path))?;
        out.push((Part::Body, Cow::Owned(text)));
    }
    // Reading order: headline, lead, body, then the rest.
    out.sort_by_key(|(part, _)| match part {
        Part::Title => 0,
        Part::Lead => 1,
        Part::Body => 2,
        _ => 3,
    });
    Ok(out)
}

fn slot(part: Part) -> usize {
    PARTS.iter().position(|w| w.part == part).unwrap_or(0)
}

/// Counts per part of one key in one article.
#[derive(Default)]
struct Counts {
    stem: Option<String>,
    tf: [u32; 7],
}

/// An article's terms before weighing, and its parts' lengths.
pub struct Raw {
    terms: HashMap<String, Counts>,
    lengths: [u32; 7],
}

/// Tokens' stem keys already made (None: the stem key is the key), for one tokeniser.
pub type Stems = HashMap<String, Option<String>>;

/// A [`Stems`] stops growing here (about 10 MB).
const STEMS: usize = 100_000;

/// Reads and tokenises one article; `stems` remembers stems from article to article.
pub fn raw(
    archive: &Archive,
    bodies: &Bodies,
    id: ArticleId,
    settings: &Settings,
    tokenizer: &Tokenizer,
    stop: &HashSet<&str>,
    stems: &mut Stems,
) -> Result<Raw, Diagnostic> {
    let mut terms: HashMap<String, Counts> = HashMap::new();
    let mut lengths = [0u32; 7];
    for (part, text) in parts(archive, bodies, id, settings)? {
        let s = slot(part);
        tokenizer.tokens(&text, |token| {
            lengths[s] += 1;
            let key = tokenizer.key(token);
            if stop.contains(key.as_ref()) {
                return;
            }
            let counts = match terms.get_mut(key.as_ref()) {
                Some(c) => c,
                None => {
                    let stem = match stems.get(token) {
                        Some(stem) => stem.clone(),
                        None => {
                            let stem = tokenizer.stem(token);
                            let stem = (stem != key).then(|| stem.into_owned());
                            if stems.len() < STEMS {
                                stems.insert(token.to_string(), stem.clone());
                            }
                            stem
                        }
                    };
                    terms.entry(key.into_owned()).or_insert(Counts {
                        stem,
                        ..Counts::default()
                    })
                }
            };
            counts.tf[s] += 1;
        });
    }
    Ok(Raw { terms, lengths })
}

impl Raw {
    /// The lengths of its parts, in tokens, in [`PARTS`] order.
    pub fn lengths(&self) -> [u32; 7] {
        self.lengths
    }

    /// Weighs every term with `averages` (parts' average lengths) into its impact.
    pub fn weigh(self, averages: &[f64; 7]) -> Vec<Term> {
        let norms: Vec<f64> = PARTS
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let avg = averages[i].max(1.0);
                w.weight / (1.0 - w.b + w.b * self.lengths[i] as f64 / avg)
            })
            .collect();
        let mut out: Vec<Term> = self
            .terms
            .into_iter()
            .map(|(key, c)| {
                let tf: f64 =
                    c.tf.iter()
                        .zip(&norms)
                        .map(|(&n, norm)| n as f64 * norm)
                        .sum();
                let saturated = tf / (K1 + tf);
                Term {
                    key,
                    stem: c.stem,
                    impact: ((saturated * 31.0).round() as u8).clamp(1, 31),
                }
            })
            .collect();
        out.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        out
    }
}

/// Rounds an average length to a step of 2^(1/4): small changes of the archive leave it
/// where it was.
pub fn round_average(avg: f64) -> f64 {
    if avg <= 1.0 {
        return 1.0;
    }
    let step = (avg.log2() * 4.0).round() / 4.0;
    2f64.powf(step)
}
