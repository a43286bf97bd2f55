//! Synthetic archives for tests and benchmarks.
//!
//! Deterministic (a fixed-seed xorshift generator, no dependency): the same arguments always
//! give the same articles, so a benchmark measures the same work on every machine.

use std::path::PathBuf;

use chrono::{DateTime, Duration, FixedOffset};

use crate::article::{Article, ArticleTopic, Source};

/// A small deterministic random number generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced, as xorshift cannot leave it).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A Zipf-like draw in `0..n`: small numbers much more often than large ones, as topics
    /// are in a news archive (a few big stories, a long tail).
    pub fn zipf(&mut self, n: usize) -> usize {
        // Inverse-CDF of a 1/x density over [1, n + 1): x = (n + 1)^u.
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let x = ((n as f64 + 1.0).powf(u) - 1.0) as usize;
        x.min(n - 1)
    }
}

/// A bare article: `path`, `date`, `title` (slug and URL made from it) and `topics`, every
/// other field empty.
pub fn article(path: &str, date: DateTime<FixedOffset>, title: &str, topics: &[&str]) -> Article {
    let slug = crate::slug::slugify(title, crate::slug::Slugs::Ascii);
    Article {
        path: PathBuf::from(path),
        lang: "en".into(),
        plain: PathBuf::from(path),
        translation_key: None,
        title: title.into(),
        date,
        updated: None,
        update_note: None,
        corrections: Vec::new(),
        url: format!("/{slug}/"),
        slug,
        summary: String::new(),
        topics: topics
            .iter()
            .map(|t| ArticleTopic {
                name: t.to_string(),
                declared: None,
                inferred: false,
            })
            .collect(),
        authors: Vec::new(),
        source: None,
        original_url: None,
        image: None,
        draft: false,
        publish_date: None,
        expiry_date: None,
        extra: Default::default(),
        body: Default::default(),
        words: 0,
        links_to_articles: false,
        aliases: Vec::new(),
        standfirst: None,
        byline: None,
        dateline: None,
        related_headlines: Vec::new(),
        media: Vec::new(),
        unknown_keys: Vec::new(),
        bundle: Vec::new(),
        notes: Vec::new(),
    }
}

/// `count` articles over 25 years, each with 1–4 of `topics` topics drawn Zipf-like, one or
/// two of 300 authors and one of 40 outlets. Bodies are left empty: this feeds the archive,
/// not Markdown.
pub fn articles(count: usize, topics: usize, seed: u64) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    let start = DateTime::parse_from_rfc3339("2000-01-01T00:00:00-05:00").expect("valid date");
    let span = 25 * 365 * 24 * 60;
    (0..count)
        .map(|i| {
            let date = start + Duration::minutes(rng.below(span) as i64);
            let mut names: Vec<String> = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let name = format!("Topic {}", rng.zipf(topics.max(1)));
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let authors = (0..1 + rng.below(2))
                .map(|_| format!("Author {}", rng.below(300)))
                .collect();
            let mut a = article(
                &format!("content/{i}.md"),
                date,
                &format!("Article {i}"),
                &[],
            );
            a.url = format!("/{i}/");
            a.topics = names
                .into_iter()
                .map(|name| ArticleTopic {
                    name,
                    declared: None,
                    inferred: false,
                })
                .collect();
            a.authors = authors;
            a.source = Some(Source {
                name: format!("Outlet {}", rng.below(40)),
                url: None,
            });
            a
        })
        .collect()
}

/// Syllables the synthetic vocabulary is made of.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "po", "de", "gar", "ben", "tor", "vil", "shan",
    "que", "ros", "dal", "fen", "mor", "pra",
];

/// The `n`th word of a synthetic vocabulary: distinct for every `n`, pronounceable.
pub fn word(mut n: usize) -> String {
    let mut word = String::new();
    loop {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            return word;
        }
    }
}

/// Gives every article a body of `words` words drawn Zipf-like from a 50,000-word vocabulary
/// (a few very common words, a long tail, as in news text), in `text` (not `content`), for
/// measuring search indexing. Deterministic for a seed.
pub fn add_bodies(articles: &mut [Article], words: usize, seed: u64) {
    let vocabulary: Vec<String> = (0..50_000).map(word).collect();
    let mut rng = Rng::new(seed);
    for article in articles {
        let mut text = String::with_capacity(words * 8);
        for i in 0..words {
            if i > 0 {
                text.push(if i % 18 == 0 { '\n' } else { ' ' });
            }
            text.push_str(&vocabulary[rng.zipf(vocabulary.len())]);
        }
        article.words = words;
        article.body = crate::article::Body::new("", &text);
    }
}
