//! `site.toml`: what the user typed ([`RawConfig`]) and what gazette runs with ([`Config`]).
//!
//! Parsing, validation and derivation happen in one place, [`Config::parse`], so the rest of
//! the pipeline only ever sees a configuration that makes sense. Unknown keys are errors that
//! name the key and the nearest valid one, because a misspelt key silently ignored is a bug
//! the user finds weeks later.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::{closest, Diagnostic, Error, Result};
use crate::permalink::Permalink;
use crate::position::{key_line, line_column};
use crate::slug::slugify;
use crate::topics::{TopicDecl, TopicKind, Vocabulary};
use crate::web::is_web_address;

pub mod search;

/// The name of the configuration file at the root of every site.
pub const CONFIG_FILE: &str = "site.toml";

/// The keys `site.toml` accepts at the top level.
const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "theme",
    "permalink",
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
];
/// The keys of the `[markdown]` table.
const MARKDOWN_KEYS: &[&str] = &["unsafe_html"];
/// The keys of a `[topics.<slug>]` table.
const TOPIC_KEYS: &[&str] = &["name", "kind", "aliases", "description", "auto"];
/// The keys of the `[topics_config]` table.
const TOPICS_CONFIG_KEYS: &[&str] = &["strict"];
/// The keys of the `[feeds]` table.
const FEEDS_KEYS: &[&str] = &["limit", "id_authority"];
/// The keys of the `[sitemap]` table.
const SITEMAP_KEYS: &[&str] = &["news_days", "news_limit"];
/// The keys of the `[import]` table.
const IMPORT_KEYS: &[&str] = &["drop_lines"];
/// The keys of the `[search]` table.
const SEARCH_KEYS: &[&str] = &["enabled", "fields", "body"];
/// The keys of each `[[sources]]` table.
const SOURCE_KEYS: &[&str] = &["name", "url", "patterns"];

/// `site.toml` exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    timezone: Option<String>,
    theme: Option<String>,
    permalink: Option<String>,
    paginate: Option<i64>,
    output_dir: Option<String>,
    related_articles: Option<i64>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    topics: std::collections::BTreeMap<String, RawTopic>,
    #[serde(default)]
    topics_config: RawTopicsConfig,
    #[serde(default)]
    feeds: RawFeeds,
    #[serde(default)]
    sitemap: RawSitemap,
    #[serde(default)]
    import: RawImport,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default)]
    search: RawSearch,
}

/// The `[search]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSearch {
    enabled: Option<bool>,
    fields: Option<Vec<String>>,
    body: Option<bool>,
}

/// The `[feeds]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeeds {
    limit: Option<i64>,
    id_authority: Option<String>,
}

/// The `[sitemap]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSitemap {
    news_days: Option<i64>,
    news_limit: Option<i64>,
}

/// A `[topics.<slug>]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    name: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    description: Option<String>,
    auto: Option<bool>,
}

/// The `[topics_config]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopicsConfig {
    strict: Option<bool>,
}

/// The `[markdown]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarkdown {
    unsafe_html: Option<bool>,
}

/// The `[import]` table as written: rules for reading raw text saved off news pages.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImport {
    drop_lines: Option<Vec<String>>,
}

/// One `[[sources]]` table as written: an outlet and the text that gives it away.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    name: Option<String>,
    url: Option<String>,
    patterns: Option<Vec<String>>,
}

/// The `[import]` rules, compiled.
#[derive(Debug, Clone, Default)]
pub struct ImportRules {
    /// Lines of raw text matching any of these are page furniture, dropped (and reported),
    /// on top of gazette's built-in rules.
    pub drop_lines: Vec<regex::Regex>,
}

/// An outlet raw text can be recognised as coming from (`[[sources]]`).
#[derive(Debug, Clone)]
pub struct SourceRule {
    /// The outlet's name, e.g. "CBC News".
    pub name: String,
    /// Its home page, when given.
    pub url: Option<String>,
    /// Regular expressions searched for in the text; the outlet whose patterns match most
    /// often wins.
    pub patterns: Vec<regex::Regex>,
}

/// The resolved, validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's folder: `site.toml`, `content/`, `static/`, `templates/`, `themes/`.
    pub root: PathBuf,
    /// The site's name.
    pub title: String,
    /// One sentence about the site, for the home page and metadata.
    pub description: String,
    /// The address the site is deployed at, always ending in `/`.
    pub base_url: url::Url,
    /// The path part of `base_url` (`/` or e.g. `/archive/`); every internal link starts with it.
    pub base_path: String,
    /// The site's language as a BCP 47 tag, e.g. `en` or `fr-CA`.
    pub language: String,
    /// The timezone dates without an offset are read in, and every date is shown in.
    pub timezone: Tz,
    /// The theme's name: a folder under `themes/`, or the built-in `default`.
    pub theme: String,
    /// The URL pattern for articles.
    pub permalink: Permalink,
    /// Articles per listing page.
    pub paginate: usize,
    /// Where the site is written, resolved against `root`.
    pub output_dir: PathBuf,
    /// Whether raw HTML in Markdown is passed through unsanitised.
    pub unsafe_html: bool,
    /// How many related articles each article page lists.
    pub related_articles: usize,
    /// The declared topics.
    pub topics: Vocabulary,
    /// Whether a topic not declared in `site.toml` is an error.
    pub strict_topics: bool,
    /// Entries per Atom feed.
    pub feed_limit: usize,
    /// The authority (a domain the site's owner controls) in feed entry ids, `tag:` URIs.
    /// From `[feeds] id_authority`, else the host of `base_url` as written in site.toml;
    /// `--base-url` never changes it, so preview builds keep the same ids.
    pub feed_id_authority: String,
    /// The Google News sitemap lists articles of this many days before the build.
    pub news_days: u32,
    /// At most this many articles in the Google News sitemap (Google's limit is 1,000).
    pub news_limit: usize,
    /// Rules for reading raw text (`[import]`).
    pub import: ImportRules,
    /// Outlets raw text is recognised as coming from (`[[sources]]`), before the built-in ones.
    pub sources: Vec<SourceRule>,
    /// Full-text search (`[search]`).
    pub search: search::Settings,
}

impl Config {
    /// Reads `site.toml` from `root`.
    pub fn from_root(root: &Path) -> Result<Config> {
        // Paths in messages read best as the user would type them: `content/x.md`, not
        // `./content/x.md`.
        let root = if root == Path::new(".") {
            Path::new("")
        } else {
            root
        };
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::content(
                Diagnostic::new(
                    &path,
                    "no site.toml here: this folder is not a gazette site",
                )
                .help("run gazette in the site's folder, or pass --root DIR"),
            ));
        }
        let text = crate::fs::read_to_string(&path)?;
        Config::parse(root, &text)
    }

    /// Parses, validates and resolves the text of `site.toml` for the site at `root`.
    pub fn parse(root: &Path, text: &str) -> Result<Config> {
        let file = root.join(CONFIG_FILE);
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| Error::content(toml_diagnostic(&file, text, &e, 0)))?;
        let mut problems = check_keys(&file, text, &table);
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| Error::content(toml_diagnostic(&file, text, &e, 0)))?;
        let config = Config::resolve(root, &file, text, raw, &mut problems);
        problems.sort_by_key(|d| d.line);
        match config {
            Some(config) if problems.is_empty() => Ok(config),
            _ => Err(Error::Content(problems)),
        }
    }

    fn resolve(
        root: &Path,
        file: &Path,
        text: &str,
        raw: RawConfig,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Config> {
        // Destructure every field so that a new key cannot be added and then forgotten here.
        let RawConfig {
            title,
            description,
            base_url,
            language,
            timezone,
            theme,
            permalink,
            paginate,
            output_dir,
            related_articles,
            markdown: RawMarkdown { unsafe_html },
            topics,
            topics_config: RawTopicsConfig { strict },
            feeds:
                RawFeeds {
                    limit: feed_limit,
                    id_authority,
                },
            sitemap:
                RawSitemap {
                    news_days,
                    news_limit,
                },
            import: RawImport { drop_lines },
            sources,
            search:
                RawSearch {
                    enabled: search_enabled,
                    fields: search_fields,
                    body: search_body,
                },
        } = raw;
        let at = |key: &str, message: String, help: &str| {
            let d = Diagnostic::new(file, message).help(help);
            match key_line(text, key) {
                Some(line) => d.at_line(line),
                None => d,
            }
        };

        let title = match title {
            Some(t) if !t.trim().is_empty() => t.trim().to_string(),
            Some(_) => {
                problems.push(at(
                    "title",
                    "`title` is empty".into(),
                    "give the site a name, e.g. title = \"My news archive\"",
                ));
                String::new()
            }
            None => {
                problems.push(at(
                    "title",
                    "`title` is missing".into(),
                    "add title = \"My news archive\"",
                ));
                String::new()
            }
        };

        let base_url = match base_url.as_deref().map(parse_base_url) {
            Some(Ok(url)) => Some(url),
            Some(Err(why)) => {
                problems.push(at("base_url", format!("`base_url` {why}"), "use the full address the site is published at, e.g. base_url = \"https://example.org/archive/\""));
                None
            }
            None => {
                problems.push(at("base_url", "`base_url` is missing".into(), "add base_url = \"https://example.org/\" (the address the site is published at)"));
                None
            }
        };

        let language = match language {
            Some(l) if is_language_tag(&l) => l,
            Some(l) => {
                problems.push(at(
                    "language",
                    format!("`language` = {l:?} is not a language tag"),
                    "use a BCP 47 tag such as \"en\", \"fr\" or \"en-CA\"",
                ));
                String::new()
            }
            None => "en".to_string(),
        };

        let timezone = match timezone {
            None => Tz::UTC,
            Some(name) => match name.parse::<Tz>() {
                Ok(tz) => tz,
                Err(_) => {
                    let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
                    let help = match closest(&name, names) {
                        Some(near) => format!("did you mean \"{near}\"? Use an IANA name like \"America/Toronto\" or \"UTC\""),
                        None => "use an IANA name like \"America/Toronto\", \"Europe/Paris\" or \"UTC\"".into(),
                    };
                    problems.push(at(
                        "timezone",
                        format!("`timezone` = {name:?} is not a known timezone"),
                        &help,
                    ));
                    Tz::UTC
                }
            },
        };

        let theme = match theme {
            None => "default".to_string(),
            Some(t) if is_plain_name(&t) => t,
            Some(t) => {
                problems.push(at(
                    "theme",
                    format!("`theme` = {t:?} is not a folder name"),
                    "name a folder under themes/, e.g. theme = \"default\"",
                ));
                String::new()
            }
        };

        let permalink = match Permalink::parse(permalink.as_deref().unwrap_or(Permalink::DEFAULT)) {
            Ok(p) => Some(p),
            Err(why) => {
                problems.push(at("permalink", format!("`permalink` {why}"), "use a pattern such as \"/:year/:month/:day/:slug/\"; tokens: :year :month :day :slug :filename :section"));
                None
            }
        };

        let paginate = match paginate {
            None => 20,
            Some(n) if (1..=10_000).contains(&n) => n as usize,
            Some(n) => {
                problems.push(at(
                    "paginate",
                    format!("`paginate` = {n} is out of range"),
                    "use a number of articles per page between 1 and 10000, e.g. paginate = 20",
                ));
                20
            }
        };

        let output_dir = match output_dir {
            None => Some(root.join("public")),
            Some(dir) => match check_output_dir(&dir) {
                Ok(()) => Some(root.join(dir)),
                Err(why) => {
                    problems.push(at(
                        "output_dir",
                        format!("`output_dir` = {dir:?} {why}"),
                        "use a folder of its own inside the site, e.g. output_dir = \"public\"",
                    ));
                    None
                }
            },
        };

        let related_articles = match related_articles {
            None => 5,
            Some(n) if (0..=100).contains(&n) => n as usize,
            Some(n) => {
                problems.push(at(
                    "related_articles",
                    format!("`related_articles` = {n} is out of range"),
                    "use a number between 0 (none) and 100, e.g. related_articles = 5",
                ));
                5
            }
        };

        let mut ranged = |key: &str,
                          table: &str,
                          value: Option<i64>,
                          default: i64,
                          range: std::ops::RangeInclusive<i64>,
                          what: &str| match value {
            None => default as usize,
            Some(n) if range.contains(&n) => n as usize,
            Some(n) => {
                problems.push(at(
                    key,
                    format!("`{table}.{key}` = {n} is out of range"),
                    &format!(
                        "use {what} between {} and {}, e.g. {key} = {default}",
                        range.start(),
                        range.end()
                    ),
                ));
                default as usize
            }
        };
        let feed_limit = ranged(
            "limit",
            "feeds",
            feed_limit,
            50,
            1..=10_000,
            "a number of entries",
        );
        let news_days = ranged(
            "news_days",
            "sitemap",
            news_days,
            2,
            0..=365,
            "a number of days",
        ) as u32;
        let news_limit = ranged(
            "news_limit",
            "sitemap",
            news_limit,
            1000,
            0..=1000,
            "a number of articles",
        );
        let feed_id_authority = match id_authority.map(|a| a.trim().to_string()) {
            Some(a) if is_tag_authority(&a) => Some(a),
            Some(a) => {
                problems.push(at(
                    "id_authority",
                    format!("`feeds.id_authority` = {a:?} is not a domain name or email address"),
                    "use a domain you own, e.g. id_authority = \"example.org\"",
                ));
                None
            }
            None => base_url
                .as_ref()
                .and_then(|u| u.host_str())
                .map(str::to_string),
        };

        let mut decls = Vec::with_capacity(topics.len());
        for (slug, topic) in topics {
            let line_of = |_: &str| {
                key_line(text, &format!("topics.{slug}")).or_else(|| key_line(text, &slug))
            };
            let mut fail = |message: String, help: &str| {
                let d = Diagnostic::new(file, message).help(help);
                problems.push(match line_of("") {
                    Some(line) => d.at_line(line),
                    None => d,
                });
            };
            if slugify(&slug) != slug {
                fail(
                    format!("topic `{slug}`: the table name is the topic's URL slug and must be lowercase words joined by -"),
                    &format!("rename it [topics.{}]", slugify(&slug)),
                );
                continue;
            }
            let RawTopic {
                name,
                kind,
                aliases,
                description,
                auto,
            } = topic;
            let name = match name {
                Some(n) if !n.trim().is_empty() => n.trim().to_string(),
                Some(_) => {
                    fail(
                        format!("topic `{slug}`: `name` is empty"),
                        "give the topic its display name, e.g. name = \"ISIS\"",
                    );
                    continue;
                }
                None => slug.clone(),
            };
            let kind = match kind.as_deref().map(|k| (k, TopicKind::parse(k))) {
                None => None,
                Some((_, Some(kind))) => Some(kind),
                Some((k, None)) => {
                    fail(
                        format!("topic `{slug}`: `kind` = {k:?} is not a kind of topic"),
                        "use one of person, place, organization, subject",
                    );
                    None
                }
            };
            decls.push(TopicDecl {
                slug,
                name,
                kind,
                aliases,
                description: description
                    .map(|d| d.trim().to_string())
                    .filter(|d| !d.is_empty()),
                auto: auto.unwrap_or(false),
            });
        }
        let vocabulary = match Vocabulary::new(decls) {
            Ok(v) => v,
            Err(messages) => {
                for message in messages {
                    problems.push(at("topics", message, "give each alias to one topic only"));
                }
                Vocabulary::default()
            }
        };
        let (import, sources) = resolve_import(file, text, drop_lines, sources, problems);
        let search = search::resolve(
            file,
            text,
            (search_enabled, search_fields, search_body),
            problems,
        );

        let config = Config {
            root: root.to_path_buf(),
            title,
            description: description
                .map(|d| d.trim().to_string())
                .unwrap_or_default(),
            base_path: base_url.as_ref()?.path().to_string(),
            base_url: base_url?,
            language,
            timezone,
            theme,
            permalink: permalink?,
            paginate,
            output_dir: output_dir?,
            unsafe_html: unsafe_html.unwrap_or(false),
            related_articles,
            topics: vocabulary,
            strict_topics: strict.unwrap_or(false),
            feed_limit,
            feed_id_authority: feed_id_authority.unwrap_or_default(),
            news_days,
            news_limit,
            import,
            sources,
            search,
        };
        Some(config)
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<()> {
        let url = parse_base_url(url).map_err(|why| Error::Usage(format!("--base-url {why}")))?;
        self.base_path = url.path().to_string();
        self.base_url = url;
        Ok(())
    }

    /// Replaces the output folder (from `--out`), resolved against the current directory.
    pub fn set_output_dir(&mut self, dir: PathBuf) {
        self.output_dir = dir;
    }

    /// The `content/` folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// Compiles `[import] drop_lines` and the `[[sources]]` tables, reporting every bad entry.
fn resolve_import(
    file: &Path,
    text: &str,
    drop_lines: Option<Vec<String>>,
    sources: Vec<RawSource>,
    problems: &mut Vec<Diagnostic>,
) -> (ImportRules, Vec<SourceRule>) {
    let mut report = |line: Option<usize>, message: String, help: &str| {
        let d = Diagnostic::new(file, message).help(help);
        problems.push(match line {
            Some(line) => d.at_line(line),
            None => d,
        });
    };
    let mut import = ImportRules::default();
    for pattern in drop_lines.unwrap_or_default() {
        match compile_pattern(&pattern) {
            Ok(regex) => import.drop_lines.push(regex),
            Err(why) => report(
                key_line(text, "drop_lines"),
                format!("`import.drop_lines` entry {pattern:?} is not a regular expression: {why}"),
                "write a regular expression matched against each line, e.g. \"^Subscribe now\"; escape ( ) [ ] . * + ? with \\\\",
            ),
        }
    }
    let mut rules = Vec::new();
    for (i, raw) in sources.into_iter().enumerate() {
        let line = table_line(text, "sources", i);
        let RawSource {
            name,
            url,
            patterns,
        } = raw;
        let name = match name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => Some(n.to_string()),
            _ => {
                report(
                    line,
                    format!("`[[sources]]` number {} has no `name`", i + 1),
                    "give the outlet a name, e.g. name = \"CBC News\"",
                );
                None
            }
        };
        let url = match url.as_deref().map(str::trim) {
            None => None,
            Some(u) if is_web_address(u) => Some(u.to_string()),
            Some(u) => {
                report(
                    line,
                    format!("`sources.url` = {u:?} is not an http:// or https:// address"),
                    "write the outlet's home page, e.g. url = \"https://www.cbc.ca/news\"",
                );
                None
            }
        };
        let mut compiled = Vec::new();
        for pattern in patterns.clone().unwrap_or_default() {
            match compile_pattern(&pattern) {
                Ok(regex) => compiled.push(regex),
                Err(why) => report(
                    line,
                    format!(
                        "`sources.patterns` entry {pattern:?} is not a regular expression: {why}"
                    ),
                    "write a regular expression searched for in the text, e.g. \"CBC News\"",
                ),
            }
        }
        if patterns.as_ref().is_none_or(|p| p.is_empty()) {
            report(
                line,
                "`[[sources]]` needs `patterns`: the text that shows an article is the outlet's"
                    .into(),
                "add e.g. patterns = [\"CBC News\", \"cbc\\\\.ca\"]",
            );
        }
        if let Some(name) = name {
            rules.push(SourceRule {
                name,
                url,
                patterns: compiled,
            });
        }
    }
    (import, rules)
}

/// Compiles a user's regular expression, with the error cut to its last line (the regex
/// crate's messages repeat the pattern above a caret).
fn compile_pattern(pattern: &str) -> std::result::Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| {
            let message = e.to_string();
            message
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid")
                .trim()
                .trim_start_matches("error: ")
                .to_string()
        })
}

/// The line of the `index`th `[[name]]` table header.
fn table_line(text: &str, name: &str, index: usize) -> Option<usize> {
    let header = format!("[[{name}]]");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim().replace(' ', "") == header)
        .nth(index)
        .map(|(i, _)| i + 1)
        .or_else(|| key_line(text, name))
}

/// Parses and normalises a base URL: absolute http(s), no query or fragment, path ending in `/`.
fn parse_base_url(text: &str) -> std::result::Result<url::Url, String> {
    let mut url =
        url::Url::parse(text.trim()).map_err(|e| format!("= {text:?} is not a URL ({e})"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!("= {text:?} must start with http:// or https://"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "= {text:?} must not have a query (?…) or fragment (#…)"
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// A tag URI authority (RFC 4151): a DNS name or an email address.
fn is_tag_authority(text: &str) -> bool {
    let domain = text.rsplit('@').next().unwrap_or("");
    !domain.is_empty()
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && !text.contains(char::is_whitespace)
}

/// Whether `tag` looks like a BCP 47 language tag (letters, digits and hyphens).
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Whether `name` is a single, ordinary folder name.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\'])
        && !name.starts_with('.')
}

/// The output folder must be a folder of its own inside the site, never the site or a folder
/// of its inputs: gazette replaces it wholesale on every build.
fn check_output_dir(dir: &str) -> std::result::Result<(), String> {
    let path = Path::new(dir);
    if dir.trim().is_empty() {
        return Err("is empty".into());
    }
    if path.is_absolute() {
        return Err(
            "must be a path relative to the site folder (use --out for another place)".into(),
        );
    }
    let mut components = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir));
    let first = match components.next() {
        Some(std::path::Component::Normal(first)) => first,
        None => return Err("is the site folder itself".into()),
        Some(_) => return Err("leaves the site folder".into()),
    };
    if components.any(|c| !matches!(c, std::path::Component::Normal(_))) {
        return Err("leaves the site folder".into());
    }
    if ["content", "static", "templates", "themes", CONFIG_FILE]
        .iter()
        .any(|input| first == std::ffi::OsStr::new(input))
    {
        return Err("is one of the site's input folders".into());
    }
    Ok(())
}

/// Reports keys that `site.toml` does not know, each with the closest known key.
fn check_keys(file: &Path, text: &str, table: &toml::Table) -> Vec<Diagnostic> {
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
        } else if ["markdown", "topics_config", "feeds", "sitemap"].contains(&key.as_str()) {
            let known = match key.as_str() {
                "markdown" => MARKDOWN_KEYS,
                "topics_config" => TOPICS_CONFIG_KEYS,
                "feeds" => FEEDS_KEYS,
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
        } else if key == "search" {
            if let toml::Value::Table(inner) = value {
                for key in inner.keys() {
                    if !SEARCH_KEYS.contains(&key.as_str()) {
                        unknown(key, SEARCH_KEYS, Some("search"));
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

/// Turns a TOML parse error into a diagnostic at its line and column. `line_offset` is the
/// number of lines above the parsed text in its file (front matter starts below `+++`).
pub(crate) fn toml_diagnostic(
    file: &Path,
    text: &str,
    error: &toml::de::Error,
    line_offset: usize,
) -> Diagnostic {
    let message = error.message().trim().to_string();
    let mut d = Diagnostic::new(file, format!("invalid TOML: {message}"));
    if let Some(span) = error.span() {
        let (line, column) = line_column(text, span.start);
        d = d.at(line + line_offset, column);
    }
    if message.contains("unknown field") {
        d = d.help("remove the key or check its spelling");
    } else {
        d = d.help("fix the TOML syntax; strings need quotes, e.g. title = \"…\"");
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/site"), text)
    }

    fn diagnostics(text: &str) -> Vec<Diagnostic> {
        match parse(text) {
            Err(Error::Content(d)) => d,
            other => panic!("expected content errors, got {other:?}"),
        }
    }

    #[test]
    fn defaults_are_filled_in() {
        let c = parse("title = \"T\"\nbase_url = \"https://example.org/archive\"\n").unwrap();
        assert_eq!(c.base_url.as_str(), "https://example.org/archive/");
        assert_eq!(c.base_path, "/archive/");
        assert_eq!(c.language, "en");
        assert_eq!(c.timezone, Tz::UTC);
        assert_eq!(c.theme, "default");
        assert_eq!(c.permalink.as_str(), Permalink::DEFAULT);
        assert_eq!(c.paginate, 20);
        assert_eq!(c.output_dir, Path::new("/site/public"));
        assert!(!c.unsafe_html);
    }

    #[test]
    fn unknown_key_names_the_nearest_valid_one() {
        let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\npaginte = 3\n[markdown]\nunsafe_htm = true\n");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].line, Some(3));
        assert!(d[0].message.contains("`paginte`"));
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `paginate`"));
        assert!(d[1].message.contains("`markdown.unsafe_htm`"));
        assert!(d[1].help.as_deref().unwrap().contains("`unsafe_html`"));
    }

    #[test]
    fn bad_values_are_all_reported() {
        let d = diagnostics(
            "title = \"\"\nbase_url = \"ftp://x\"\ntimezone = \"America/Toronot\"\npaginate = 0\npermalink = \"/:year/:titel/\"\noutput_dir = \"content\"\n",
        );
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(d.len(), 6, "{messages:?}");
        let tz = d.iter().find(|d| d.message.contains("timezone")).unwrap();
        assert!(tz.help.as_deref().unwrap().contains("America/Toronto"));
        assert_eq!(tz.line, Some(3));
    }

    #[test]
    fn topics_are_declared_with_aliases_and_kinds() {
        let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[topics.isis]\nname = \"ISIS\"\nkind = \"organization\"\naliases = [\"Islamic State\"]\nauto = true\n[topics_config]\nstrict = true\n").unwrap();
        assert!(c.strict_topics);
        assert_eq!(c.related_articles, 5);
        assert_eq!(c.topics.decls()[0].kind, Some(TopicKind::Organization));
        assert_eq!(c.topics.resolve("islamic state"), Some(0));
        let d = diagnostics(
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[topics.isis]\nnam = \"ISIS\"\n",
        );
        assert!(d[0].message.contains("`topics.isis.nam`"), "{d:?}");
        assert!(d[0].help.as_deref().unwrap().contains("`name`"));
        let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\n[topics.ISIS]\nkind = \"group\"\n[topics.b]\nkind = \"gang\"\n");
        assert_eq!(d.len(), 2, "{d:?}");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let d = diagnostics("title = \"T\"\nbase_url = https://e.org\n");
        assert_eq!(d[0].line, Some(2));
        assert!(d[0].column.is_some());
    }

    #[test]
    fn import_rules_and_sources_are_compiled_and_checked() {
        let c = parse("title = \"T\"\nbase_url = \"https://e.org/\"\n[import]\ndrop_lines = [\"^Subscribe\"]\n[[sources]]\nname = \"Planet\"\npatterns = [\"(?i)planet\"]\n").unwrap();
        assert!(c.import.drop_lines[0].is_match("Subscribe now"));
        assert_eq!(c.sources[0].name, "Planet");
        assert_eq!(c.sources[0].url, None);

        let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\n[import]\ndrop_lines = [\"(oops\"]\n[[sources]]\nname = \"A\"\npatterns = [\"a\"]\n[[sources]]\nname = \"\"\nurl = \"ftp://x\"\npatern = 1\n");
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(d.len(), 1, "{messages:?}");
        assert!(d[0].message.contains("sources.patern"), "{messages:?}");
        let d = diagnostics("title = \"T\"\nbase_url = \"https://e.org/\"\n[import]\ndrop_lines = [\"(oops\"]\n[[sources]]\nname = \"A\"\npatterns = [\"a\"]\n[[sources]]\nname = \"\"\nurl = \"ftp://x\"\n");
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(d.len(), 4, "{messages:?}");
        assert_eq!(d[0].line, Some(4), "{messages:?}");
        assert!(d[0].message.contains("not a regular expression"));
        assert!(
            d.iter().all(|p| p.line.is_some_and(|l| l == 4 || l == 8)),
            "{d:?}"
        );
    }

    #[test]
    fn search_settings_are_read_and_checked() {
        use super::search::Field;
        let base = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
        let c = parse(base).unwrap();
        assert_eq!(c.search, super::search::Settings::default());
        assert!(c.search.enabled && c.search.body);
        let c = parse(&format!(
            "{base}[search]\nenabled = false\nbody = false\nfields = [\"title\", \"topics\"]\n"
        ))
        .unwrap();
        assert!(!c.search.enabled && !c.search.body);
        assert_eq!(c.search.fields, vec![Field::Title, Field::Topics]);
        let d = diagnostics(&format!("{base}[search]\nenabeld = true\n"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`search.enabeld`"), "{d:?}");
        assert!(d[0].help.as_deref().unwrap().contains("`enabled`"));
        assert_eq!(d[0].line, Some(4));
        let d = diagnostics(&format!("{base}[search]\nfields = [\"titel\", \"body\"]\n"));
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].help.as_deref().unwrap().contains("\"title\""), "{d:?}");
        assert!(
            d[1].help.as_deref().unwrap().contains("body = true"),
            "{d:?}"
        );
        assert_eq!(d[0].line, Some(4));
    }

    #[test]
    fn output_dir_must_be_its_own_folder() {
        assert!(check_output_dir("public").is_ok());
        assert!(check_output_dir("build/site").is_ok());
        for bad in [
            ".", "", "..", "../x", "/tmp/x", "content", "static/x", "a/../..",
        ] {
            assert!(check_output_dir(bad).is_err(), "{bad}");
        }
    }
}
