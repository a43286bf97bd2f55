//! `site.toml` as the user typed it: the serde structs, and the check for unknown keys.
//!
//! Nothing here is validated or resolved; [`super::Config::parse`] turns these into a
//! [`super::Config`]. Unknown keys are reported from the untyped table first, each with the
//! nearest known key, because serde's own message names only the first one.

use std::path::Path;

use serde::Deserialize;

use crate::error::{closest, Diagnostic};
use crate::position::key_line;

/// The keys `site.toml` accepts at the top level.
const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "theme",
    "permalink",
    "slugs",
    "paginate",
    "output_dir",
    "related_articles",
    "markdown",
    "topics",
    "topics_config",
    "feeds",
    "sitemap",
    "import",
    "sources",
    "search",
    "images",
    "content",
    "build",
    "archive",
    "languages",
    "strings",
];
/// The keys of the `[markdown]` table.
const MARKDOWN_KEYS: &[&str] = &["unsafe_html"];
/// The keys of a `[topics.<slug>]` table.
const TOPIC_KEYS: &[&str] = &["name", "names", "kind", "aliases", "description", "auto"];
/// The keys of the `[topics_config]` table.
const TOPICS_CONFIG_KEYS: &[&str] = &["strict"];
/// The keys of the `[feeds]` table.
const FEEDS_KEYS: &[&str] = &["limit", "id_authority", "formats", "content"];
/// The keys of the `[sitemap]` table.
const SITEMAP_KEYS: &[&str] = &["news_days", "news_limit"];
/// The keys of the `[import]` table.
const IMPORT_KEYS: &[&str] = &["drop_lines"];
/// The keys of the `[content]` table.
const CONTENT_KEYS: &[&str] = &["extra_keys", "strict"];
/// The keys of the `[archive]` table.
const ARCHIVE_KEYS: &[&str] = &["day_pages", "index_page_size"];
/// The keys of the `[build]` table.
const BUILD_KEYS: &[&str] = &["portable_names", "skip_broken"];
/// The keys of the `[search]` table.
const SEARCH_KEYS: &[&str] = &[
    "enabled",
    "fields",
    "body",
    "fold_accents",
    "ranking",
    "half_life",
];
/// The keys of each `[[sources]]` table.
const SOURCE_KEYS: &[&str] = &["name", "url", "patterns"];

/// `site.toml` exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) base_url: Option<String>,
    pub(super) language: Option<String>,
    pub(super) timezone: Option<String>,
    pub(super) theme: Option<String>,
    pub(super) permalink: Option<String>,
    pub(super) slugs: Option<String>,
    pub(super) paginate: Option<i64>,
    pub(super) output_dir: Option<String>,
    pub(super) related_articles: Option<i64>,
    #[serde(default)]
    pub(super) markdown: RawMarkdown,
    #[serde(default)]
    pub(super) topics: std::collections::BTreeMap<String, RawTopic>,
    #[serde(default)]
    pub(super) topics_config: RawTopicsConfig,
    #[serde(default)]
    pub(super) feeds: RawFeeds,
    #[serde(default)]
    pub(super) sitemap: RawSitemap,
    #[serde(default)]
    pub(super) import: RawImport,
    #[serde(default)]
    pub(super) sources: Vec<RawSource>,
    #[serde(default)]
    pub(super) search: RawSearch,
    #[serde(default)]
    pub(super) images: super::images::RawImages,
    #[serde(default)]
    pub(super) content: RawContent,
    #[serde(default)]
    pub(super) build: RawBuild,
    #[serde(default)]
    pub(super) archive: RawArchive,
    #[serde(default)]
    pub(super) languages: std::collections::BTreeMap<String, super::languages::RawLanguage>,
    /// `[strings]`: the theme's words replaced, checked by [`crate::i18n::Overrides`].
    #[serde(default)]
    pub(super) strings: toml::Table,
}

/// The `[archive]` table as written: the date archive's day pages and the index pages of
/// topics, authors and sources.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArchive {
    pub(super) day_pages: Option<bool>,
    pub(super) index_page_size: Option<i64>,
}

/// The `[build]` table as written: how the output is checked, and how a build treats
/// broken content files.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBuild {
    pub(super) portable_names: Option<bool>,
    pub(super) skip_broken: Option<bool>,
}

/// The `[content]` table as written: how articles' front matter is checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContent {
    pub(super) extra_keys: Option<Vec<String>>,
    pub(super) strict: Option<bool>,
}

/// The `[search]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSearch {
    pub(super) enabled: Option<bool>,
    pub(super) fields: Option<Vec<String>>,
    pub(super) body: Option<bool>,
    pub(super) fold_accents: Option<bool>,
    pub(super) ranking: Option<String>,
    pub(super) half_life: Option<i64>,
}

/// The `[feeds]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeeds {
    pub(super) limit: Option<i64>,
    pub(super) id_authority: Option<String>,
    pub(super) formats: Option<Vec<String>>,
    pub(super) content: Option<String>,
}

/// The `[sitemap]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSitemap {
    pub(super) news_days: Option<i64>,
    pub(super) news_limit: Option<i64>,
}

/// A `[topics.<slug>]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub(super) name: Option<String>,
    pub(super) kind: Option<String>,
    #[serde(default)]
    pub(super) aliases: RawAliases,
    #[serde(default)]
    pub(super) names: std::collections::BTreeMap<String, String>,
    pub(super) description: Option<String>,
    pub(super) auto: Option<bool>,
}

/// A topic's `aliases` as written: a list, or a table of lists by language
/// (`aliases = { fr = ["EI", "Daech"], en = ["ISIL"] }`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawAliases {
    /// Aliases in any language.
    List(Vec<String>),
    /// Aliases by language tag.
    ByLanguage(std::collections::BTreeMap<String, Vec<String>>),
}

impl Default for RawAliases {
    fn default() -> Self {
        RawAliases::List(Vec::new())
    }
}

impl RawAliases {
    /// Every alias, whatever its language: a name of the topic in one language is read as
    /// that topic in any (see the README's "Languages").
    pub(super) fn all(self) -> Vec<String> {
        match self {
            RawAliases::List(list) => list,
            RawAliases::ByLanguage(by) => by.into_values().flatten().collect(),
        }
    }
}

/// The `[topics_config]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopicsConfig {
    pub(super) strict: Option<bool>,
}

/// The `[markdown]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarkdown {
    pub(super) unsafe_html: Option<bool>,
}

/// The `[import]` table as written: rules for reading raw text saved off news pages.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImport {
    pub(super) drop_lines: Option<Vec<String>>,
}

/// One `[[sources]]` table as written: an outlet and the text that gives it away.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub(super) name: Option<String>,
    pub(super) url: Option<String>,
    pub(super) patterns: Option<Vec<String>>,
}

/// Reports keys that `site.toml` does not know, each with the closest known key.
pub(super) fn check_keys(file: &Path, text: &str, table: &toml::Table) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut unknown = |key: &str, known: &[&str], table_name: Option<&str>| {
        let shown = match table_name {
            Some(t) => format!("{t}.{key}"),
            None => key.to_string(),
        };
        let help = match closest(key, known.iter().copied()) {
            Some(near) => format!(
                "did you mean `{near}`? Known keys here: {}",
                known.join(", ")
            ),
            None => format!("known keys here: {}", known.join(", ")),
        };
        let mut d = Diagnostic::new(file, format!("unknown key `{shown}`")).help(help);
        if let Some(line) = key_line(text, key) {
            d = d.at_line(line);
        }
        problems.push(d);
    };
    for (key, value) in table {
        if !TOP_KEYS.contains(&key.as_str()) {
            unknown(key, TOP_KEYS, None);
        } else if [
            "markdown",
            "topics_config",
            "feeds",
            "sitemap",
            "content",
            "build",
            "archive",
        ]
        .contains(&key.as_str())
        {
            let known = match key.as_str() {
                "markdown" => MARKDOWN_KEYS,
                "topics_config" => TOPICS_CONFIG_KEYS,
                "feeds" => FEEDS_KEYS,
                "content" => CONTENT_KEYS,
                "build" => BUILD_KEYS,
                "archive" => ARCHIVE_KEYS,
                _ => SITEMAP_KEYS,
            };
            if let toml::Value::Table(inner) = value {
                for inner_key in inner.keys() {
                    if !known.contains(&inner_key.as_str()) {
                        unknown(inner_key, known, Some(key));
                    }
                }
            }
        } else if key == "topics" {
            if let toml::Value::Table(topics) = value {
                for (slug, topic) in topics {
                    if let toml::Value::Table(inner) = topic {
                        for inner_key in inner.keys() {
                            if !TOPIC_KEYS.contains(&inner_key.as_str()) {
                                unknown(inner_key, TOPIC_KEYS, Some(&format!("topics.{slug}")));
                            }
                        }
                    }
                }
            }
        } else if key == "languages" {
            if let toml::Value::Table(languages) = value {
                for (code, language) in languages {
                    if let toml::Value::Table(inner) = language {
                        for inner_key in inner.keys() {
                            if !super::languages::LANGUAGE_KEYS.contains(&inner_key.as_str()) {
                                unknown(
                                    inner_key,
                                    super::languages::LANGUAGE_KEYS,
                                    Some(&format!("languages.{code}")),
                                );
                            }
                        }
                    }
                }
            }
        } else if key == "search" {
            if let toml::Value::Table(inner) = value {
                for key in inner.keys() {
                    if !SEARCH_KEYS.contains(&key.as_str()) {
                        unknown(key, SEARCH_KEYS, Some("search"));
                    }
                }
            }
        } else if key == "images" {
            if let toml::Value::Table(inner) = value {
                for key in inner.keys() {
                    if !super::images::IMAGES_KEYS.contains(&key.as_str()) {
                        unknown(key, super::images::IMAGES_KEYS, Some("images"));
                    }
                }
            }
        } else if key == "import" {
            if let toml::Value::Table(inner) = value {
                for key in inner.keys() {
                    if !IMPORT_KEYS.contains(&key.as_str()) {
                        unknown(key, IMPORT_KEYS, Some("import"));
                    }
                }
            }
        } else if key == "sources" {
            if let toml::Value::Array(tables) = value {
                for inner in tables.iter().filter_map(toml::Value::as_table) {
                    for key in inner.keys() {
                        if !SOURCE_KEYS.contains(&key.as_str()) {
                            unknown(key, SOURCE_KEYS, Some("sources"));
                        }
                    }
                }
            }
        }
    }
    problems.sort_by_key(|d| d.line);
    problems
}
