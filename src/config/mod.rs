//! `site.toml`: what the user typed ([`RawConfig`]) and what gazette runs with ([`Config`]).
//!
//! Parsing, validation and derivation happen in one place, [`Config::parse`], so the rest of
//! the pipeline only ever sees a configuration that makes sense. Unknown keys are errors that
//! name the key and the nearest valid one, because a misspelt key silently ignored is a bug
//! the user finds weeks later.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use crate::error::{closest, Diagnostic, Error, Result};
use crate::permalink::Permalink;
use crate::position::{key_line, line_column};
pub use crate::slug::Slugs;
use crate::topics::Vocabulary;

pub(crate) mod feeds;
pub mod images;
pub(crate) mod languages;
mod raw;
pub(crate) mod search;
mod sources;
#[cfg(test)]
mod tests;
mod topics;

pub use feeds::{FeedContent, FeedFormat};
pub use languages::{Language, Languages};
pub use raw::{
    RawArchive, RawBuild, RawConfig, RawContent, RawFeeds, RawImport, RawMarkdown, RawSearch,
    RawSitemap, RawSource, RawTopic, RawTopicsConfig,
};
pub use sources::{ImportRules, SourceRule};

/// The name of the configuration file at the root of every site.
pub const CONFIG_FILE: &str = "site.toml";

/// The site's input folders, beside [`CONFIG_FILE`]: what a build reads, what `serve`
/// watches, and what the output folder may never be.
pub const INPUT_DIRS: &[&str] = &["content", "static", "templates", "themes"];

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
    /// The URL pattern for articles (in the default language).
    pub permalink: Permalink,
    /// How slugs are made from titles and names (`slugs`).
    pub slugs: Slugs,
    /// The languages the site is published in (`[languages.<code>]`), the default first.
    pub languages: Languages,
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
    /// Front-matter keys the site uses on purpose (`[content] extra_keys`): no warning.
    pub extra_keys: Vec<String>,
    /// Whether a front-matter key that is neither known nor declared is an error rather than
    /// a warning (`[content] strict`).
    pub strict_keys: bool,
    /// Whether output names that break on another host (names differing only by case or
    /// Unicode normalisation, names Windows reserves) are errors rather than warnings
    /// (`[build] portable_names`).
    pub portable_names: bool,
    /// Whether content files that fail to load are left out of the build with warnings
    /// rather than stopping it, and the build then succeeds (`[build] skip_broken`; the
    /// command line's `--skip-broken` does the same but fails the run, see
    /// [`crate::BuildOptions::skip_broken`]).
    pub skip_broken: bool,
    /// Whether each day with articles gets a page, `/YYYY/MM/DD/`, when the permalink has
    /// the day (`[archive] day_pages`, on by default).
    pub day_pages: bool,
    /// Names per page of the topic, author and source indexes (`[archive]
    /// index_page_size`).
    pub index_page_size: usize,
    /// Entries per Atom feed.
    pub feed_limit: usize,
    /// The formats every feed is written in (`[feeds] formats`; Atom by default).
    pub feed_formats: Vec<FeedFormat>,
    /// Whether entries carry the whole article or its summary (`[feeds] content`).
    pub feed_content: FeedContent,
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
    /// Responsive images (`[images]`).
    pub images: images::Settings,
    /// The theme's words the site replaces (`[strings]`), for its `language`.
    pub strings: crate::i18n::Overrides,
    /// A hash of the text of `site.toml`, as read: what the caches key on, so that the file
    /// is read once per build.
    pub source_hash: u128,
}

/// What the command line changes in `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--out`.
    pub output: Option<PathBuf>,
}

impl Config {
    /// Reads `site.toml` from `root` (the working folder when empty), once, applies the
    /// command line's `overrides`, and checks that the output folder is not among the
    /// site's inputs.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        let mut config = Config::from_root(root)?;
        if let Some(url) = &overrides.base_url {
            config.set_base_url(url)?;
        }
        if let Some(output) = &overrides.output {
            config.set_output_dir(output.clone());
        }
        check_output_is_not_an_input(&config)?;
        Ok(config)
    }

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
        let mut problems = raw::check_keys(&file, text, &table);
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
            slugs,
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
                    formats: feed_formats,
                    content: feed_content,
                },
            sitemap:
                RawSitemap {
                    news_days,
                    news_limit,
                },
            import: RawImport { drop_lines },
            sources,
            search: raw_search,
            images: raw_images,
            content:
                RawContent {
                    extra_keys,
                    strict: strict_keys,
                },
            build:
                RawBuild {
                    portable_names,
                    skip_broken,
                },
            archive:
                RawArchive {
                    day_pages,
                    index_page_size,
                },
            languages: raw_languages,
            strings,
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

        let slugs = match slugs.as_deref().map(|s| (s, Slugs::parse(s))) {
            None => Slugs::default(),
            Some((_, Some(slugs))) => slugs,
            Some((s, None)) => {
                problems.push(at(
                    "slugs",
                    format!("`slugs` = {s:?} is not a way of making slugs"),
                    "use slugs = \"ascii\" (Latin letters folded to ASCII, the default) or slugs = \"unicode\" (every letter kept, accents included)",
                ));
                Slugs::default()
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

        let index_page_size = match index_page_size {
            None => 100,
            Some(n) if (1..=10_000).contains(&n) => n as usize,
            Some(n) => {
                problems.push(at(
                    "index_page_size",
                    format!("`[archive] index_page_size` = {n} is out of range"),
                    "use a number of names per index page between 1 and 10000, e.g. index_page_size = 100",
                ));
                100
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

        let (feed_formats, feed_content) =
            feeds::resolve(file, text, feed_formats, feed_content, problems);
        let vocabulary = topics::resolve(file, text, topics, slugs, problems);
        let (import, sources) = sources::resolve(file, text, drop_lines, sources, problems);
        let search = search::resolve(file, text, raw_search, problems);
        let images = images::resolve(file, text, raw_images, problems);
        let extra_keys = extra_keys.unwrap_or_default();
        if extra_keys.iter().any(|k| k.trim().is_empty()) {
            problems.push(at(
                "extra_keys",
                "`content.extra_keys` has an empty key".into(),
                "list the front-matter keys your articles use on purpose, e.g. extra_keys = [\"subtitle\"]",
            ));
        }

        let strings = crate::i18n::Overrides::resolve(file, text, "strings", &strings, problems);
        let languages = permalink.as_ref().map(|permalink| {
            let site = languages::Site {
                strings: &strings,
                file,
                text,
                language: &language,
                title: &title,
                description: description.as_deref().map(str::trim).unwrap_or(""),
                permalink,
            };
            languages::resolve(&site, raw_languages, problems)
        });
        let config = Config {
            languages: languages?,
            root: root.to_path_buf(),
            source_hash: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
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
            slugs,
            paginate,
            output_dir: output_dir?,
            unsafe_html: unsafe_html.unwrap_or(false),
            related_articles,
            topics: vocabulary,
            strict_topics: strict.unwrap_or(false),
            extra_keys,
            strict_keys: strict_keys.unwrap_or(false),
            portable_names: portable_names.unwrap_or(false),
            skip_broken: skip_broken.unwrap_or(false),
            day_pages: day_pages.unwrap_or(true),
            index_page_size,
            feed_limit,
            feed_formats,
            feed_content,
            feed_id_authority: feed_id_authority.unwrap_or_default(),
            news_days,
            news_limit,
            import,
            sources,
            search,
            images,
            strings,
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

/// The output folder must not be the site, hold the site, or sit among its inputs; the marker
/// check in the writer would refuse such a folder too, but this says why.
fn check_output_is_not_an_input(config: &Config) -> Result<()> {
    // The site root is `""` when gazette runs in the site's folder; absolute("") is an error,
    // so resolve against the current folder explicitly.
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let absolute = |p: &Path| normalise(&cwd.join(p));
    let output = absolute(&config.output_dir);
    let root = absolute(&config.root);
    let inputs: Vec<PathBuf> = INPUT_DIRS.iter().map(|d| root.join(d)).collect();
    if root.starts_with(&output) || inputs.iter().any(|i| output.starts_with(i)) {
        return Err(Error::Output {
            path: config.output_dir.clone(),
            message: "is the site folder, holds it, or is one of its input folders; choose a folder of its own, e.g. public".into(),
        });
    }
    Ok(())
}

/// Resolves `.` and `..` without touching the disk: the output folder may not exist yet.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
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
pub(crate) fn is_language_tag(tag: &str) -> bool {
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
    if INPUT_DIRS
        .iter()
        .chain([&CONFIG_FILE])
        .any(|input| first == std::ffi::OsStr::new(input))
    {
        return Err("is one of the site's input folders".into());
    }
    Ok(())
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
