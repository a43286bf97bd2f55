//! The line rules of raw text: page furniture to drop, and the outlets a text comes from.
//!
//! gazette's built-in rules (advertisements, newsletter promos, comment policies; a few
//! Canadian outlets) are joined with the site's own `[import] drop_lines` and `[[sources]]`
//! into one [`Rules`] value, compiled once and shared by every file of a load.

use std::sync::OnceLock;

use regex::Regex;

use crate::article::Source;
use crate::config::{Config, SourceRule};

/// Built-in furniture rules: (what it is, pattern matched against the trimmed line).
const FURNITURE: &[(&str, &str)] = &[
    ("advertisement", r"(?i)^advertisement$"),
    (
        "advertisement",
        r"(?i)^story continues below( this)? advertisement$",
    ),
    (
        "advertisement",
        r"(?i)^(sponsored content|adchoices|ad choices)$",
    ),
    (
        "newsletter promo",
        r"(?i)^.{0,120}\bsent (straight )?to your (e-?mail|inbox)\b.{0,40}$",
    ),
    (
        "newsletter promo",
        r"(?i)^sign up for (our|the) .{0,60}newsletter.{0,40}$",
    ),
    (
        "comment policy",
        r"(?i)^to encourage thoughtful and respectful conversations\b",
    ),
    (
        "comment policy",
        r"(?i)^by submitting a comment, you accept\b",
    ),
    ("account prompt", r"(?i)^become a \w+ account holder$"),
    ("account prompt", r"(?i)^join the conversation\b.{0,40}$"),
    ("account prompt", r"(?i)^already have an account\?.{0,30}$"),
    (
        "relative time",
        r"(?i)^(\d+|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago$",
    ),
];

/// Outlets gazette recognises without configuration: name, home page, signatures.
const BUILT_IN_SOURCES: &[(&str, &str, &[&str])] = &[
    (
        "Global News",
        "https://globalnews.ca/",
        &[
            r"\bGlobal News\b",
            r"globalnews\.ca",
            r"(?m)^\s*Click to play video:",
            r"(?m)^\s*WATCH ABOVE:",
        ],
    ),
    (
        "CBC News",
        "https://www.cbc.ca/news",
        &[
            r"\bCBC News\b",
            r"\bcbc\.ca\b",
            r"CBC/Radio-Canada",
            r"(?m)^\s*Become a CBC Account Holder",
        ],
    ),
];

/// What decides furniture and outlets: the site's rules first, then gazette's own.
#[derive(Debug, Clone)]
pub struct Rules {
    drop_lines: Vec<(String, Regex)>,
    pub(super) sources: Vec<SourceRule>,
}

impl Rules {
    /// No rules at all, for formats that do not use them (Markdown): making the built-in
    /// ones clones a dozen regexes, too much to do for each of 100,000 files.
    pub(crate) fn none() -> Rules {
        Rules {
            drop_lines: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// The built-in rules only.
    pub fn built_in() -> Rules {
        Rules::with(&[], &[])
    }

    /// The site's `[import] drop_lines` and `[[sources]]` on top of the built-in rules.
    pub fn from_config(config: &Config) -> Rules {
        Rules::with(&config.import.drop_lines, &config.sources)
    }

    /// `drop_lines` and `sources` on top of the built-in rules. A site source with the name
    /// of a built-in one replaces it.
    pub fn with(drop_lines: &[Regex], sources: &[SourceRule]) -> Rules {
        let mut rules = Rules {
            drop_lines: drop_lines
                .iter()
                .map(|r| (format!("site.toml rule {:?}", r.as_str()), r.clone()))
                .collect(),
            sources: sources.to_vec(),
        };
        for (name, regex) in built_in_furniture() {
            rules.drop_lines.push((name.to_string(), regex.clone()));
        }
        for source in built_in_sources() {
            if !rules
                .sources
                .iter()
                .any(|s| s.name.eq_ignore_ascii_case(&source.name))
            {
                rules.sources.push(source.clone());
            }
        }
        rules
    }

    /// The rule a line (trimmed) is furniture by, if any.
    pub fn furniture(&self, line: &str) -> Option<&str> {
        let line = line.trim();
        self.drop_lines
            .iter()
            .find(|(_, r)| r.is_match(line))
            .map(|(name, _)| name.as_str())
    }

    /// The outlet whose signatures the text matches most (by number of distinct patterns
    /// found); the first listed wins a tie.
    pub fn source_of(&self, text: &str) -> Option<Source> {
        let mut best: Option<(usize, &SourceRule)> = None;
        for source in &self.sources {
            let score = source.patterns.iter().filter(|p| p.is_match(text)).count();
            if score > 0 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, source));
            }
        }
        best.map(|(_, s)| Source {
            name: s.name.clone(),
            url: s.url.clone(),
        })
    }
}

fn built_in_furniture() -> &'static [(&'static str, Regex)] {
    static RULES: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
    RULES.get_or_init(|| {
        FURNITURE
            .iter()
            .map(|(name, pattern)| (*name, Regex::new(pattern).expect("built-in rule")))
            .collect()
    })
}

fn built_in_sources() -> &'static [SourceRule] {
    static SOURCES: OnceLock<Vec<SourceRule>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        BUILT_IN_SOURCES
            .iter()
            .map(|(name, url, patterns)| SourceRule {
                name: name.to_string(),
                url: Some(url.to_string()),
                patterns: patterns
                    .iter()
                    .map(|p| Regex::new(p).expect("built-in signature"))
                    .collect(),
            })
            .collect()
    })
}
