//! The `[search]` table of `site.toml`: which parts of an article the full-text index holds.
//!
//! The settings are configuration, so config owns their type and their checking; the
//! indexer in [`crate::search`] reads them (and re-exports them under its own name), so the
//! dependency runs one way.

use std::path::Path;

use crate::error::{closest, Diagnostic};
use crate::position::key_line;

/// A part of an article that can be indexed (`[search] fields`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The headline.
    Title,
    /// The standfirst (dek).
    Standfirst,
    /// The summary.
    Summary,
    /// Author names.
    Authors,
    /// The outlet's name.
    Outlet,
    /// Topic names.
    Topics,
    /// The year and the month's name ("2016", "january").
    Date,
}

impl Field {
    /// Every field, in the order `site.toml` documents them.
    pub const ALL: &'static [(&'static str, Field)] = &[
        ("title", Field::Title),
        ("standfirst", Field::Standfirst),
        ("summary", Field::Summary),
        ("authors", Field::Authors),
        ("outlet", Field::Outlet),
        ("topics", Field::Topics),
        ("date", Field::Date),
    ];

    /// The field named `name` in `site.toml`.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
}

/// The `[search]` settings, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Whether the site has a search page and index.
    pub enabled: bool,
    /// The fields indexed besides the body.
    pub fields: Vec<Field>,
    /// Whether the body text is indexed (and shipped for snippets).
    pub body: bool,
    /// Whether accents are folded ("Quebec" finds "Québec").
    pub fold_accents: bool,
    /// How results are ordered by default.
    pub ranking: Ranking,
    /// For [`Ranking::News`]: the age in days at which recency's boost halves.
    pub half_life: u32,
}

/// How the search page orders results (`[search] ranking`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// BM25F relevance, ties broken newest first.
    Relevance,
    /// Relevance boosted for recent articles: a news desk's order.
    News,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: true,
            fields: Field::ALL.iter().map(|(_, f)| *f).collect(),
            body: true,
            fold_accents: true,
            ranking: Ranking::Relevance,
            half_life: 30,
        }
    }
}

/// The `[search]` table: every field named must be one gazette indexes.
pub(super) fn resolve(
    file: &Path,
    text: &str,
    raw: super::raw::RawSearch,
    problems: &mut Vec<Diagnostic>,
) -> Settings {
    let super::raw::RawSearch {
        enabled,
        fields,
        body,
        fold_accents,
        ranking,
        half_life,
    } = raw;
    let defaults = Settings::default();
    // A problem points at its key's line when the key is found in the file.
    let at = |key: &str, d: Diagnostic| match key_line(text, key) {
        Some(line) => d.at_line(line),
        None => d,
    };
    let mut resolved = Vec::new();
    for name in fields.unwrap_or_else(|| Field::ALL.iter().map(|(n, _)| n.to_string()).collect()) {
        match Field::parse(name.trim()) {
            Some(field) if !resolved.contains(&field) => resolved.push(field),
            Some(_) => {}
            None => {
                let known: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
                let help = if name.trim() == "body" {
                    "the body is set apart: body = true or body = false".to_string()
                } else {
                    match closest(&name, known.iter().copied()) {
                        Some(near) => {
                            format!("did you mean \"{near}\"? Fields: {}", known.join(", "))
                        }
                        None => format!("fields: {}", known.join(", ")),
                    }
                };
                let d = Diagnostic::new(
                    file,
                    format!("`search.fields` entry {name:?} is not a field gazette indexes"),
                )
                .help(help);
                problems.push(at("fields", d));
            }
        }
    }
    let ranking = match ranking.as_deref().map(str::trim) {
        None | Some("relevance") => Ranking::Relevance,
        Some("news") => Ranking::News,
        Some(other) => {
            problems.push(at(
                "ranking",
                Diagnostic::new(file, format!("`search.ranking` {other:?} is not a ranking"))
                    .help("write ranking = \"relevance\" (the default) or ranking = \"news\""),
            ));
            defaults.ranking
        }
    };
    let half_life = match half_life {
        None => defaults.half_life,
        Some(days @ 1..=36500) => days as u32,
        Some(days) => {
            problems.push(at(
                "half_life",
                Diagnostic::new(file, format!("`search.half_life` {days} is out of range"))
                    .help("give a number of days from 1 to 36500, e.g. half_life = 30"),
            ));
            defaults.half_life
        }
    };
    Settings {
        enabled: enabled.unwrap_or(defaults.enabled),
        fields: resolved,
        body: body.unwrap_or(defaults.body),
        fold_accents: fold_accents.unwrap_or(defaults.fold_accents),
        ranking,
        half_life,
    }
}
