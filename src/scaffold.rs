//! `gazette new` and `gazette init`: writing the files an author starts from.
//!
//! Both only ever create files that did not exist (`create_new`), so neither can overwrite a
//! user's work, not even in a race with an editor. `new` fills an archetype (the site's
//! `archetypes/article.md`, else the theme's, else the built-in one) and checks the result
//! loads as an article before writing it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::config::{Config, CONFIG_FILE};
use crate::error::{Diagnostic, Error, Result};
use crate::loader;
use crate::slug::slugify_headline;

/// The archetype's path in a site, a theme, and the built-in theme.
pub const ARCHETYPE: &str = "archetypes/article.md";

/// The longest slug `new` makes, as the loader's (a file name must fit).
const MAX_SLUG: usize = 80;

/// What `gazette new` is asked for.
#[derive(Debug, Clone, Default)]
pub struct NewOptions {
    /// The site's folder (holding `site.toml`).
    pub root: PathBuf,
    /// The headline.
    pub title: String,
    /// Topics, as given.
    pub topics: Vec<String>,
    /// The outlet's name.
    pub source: Option<String>,
    /// The author's name.
    pub author: Option<String>,
    /// The date as typed; now, in the site's timezone, when absent.
    pub date: Option<String>,
    /// The article's language (`--lang fr`); the site's when absent.
    pub lang: Option<String>,
}

/// Writes a new draft article from the archetype and returns its path (as the user would
/// type it). Refuses to overwrite a file, or to reuse another article's slug.
pub fn new_article(options: &NewOptions) -> Result<PathBuf> {
    let config = Config::from_root(root_of(&options.root))?;
    let title = options
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if title.is_empty() {
        return Err(Error::Usage(
            "the headline is empty; write it in quotes: gazette new \"Canada joins the coalition\""
                .into(),
        ));
    }
    let slug = slugify_headline(&title, MAX_SLUG, config.slugs);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the headline {title:?} has no letters or digits to make a file name from; add some, or write the file by hand with a `slug`"
        )));
    }
    let (date, date_literal) = date(options.date.as_deref(), &config)?;
    let lang = match options
        .lang
        .as_deref()
        .map(crate::config::languages::normalise_tag)
    {
        Some(tag) if !crate::config::is_language_tag(&tag) => {
            return Err(Error::Usage(format!(
                "--lang {tag:?} is not a language tag; write one such as fr, pt-BR or zh-Hant"
            )))
        }
        Some(tag) => config.languages.resolve(&tag).code,
        None => config.languages.default_language().code.clone(),
    };
    // Another language's article is named with its suffix (`story.fr.md`): a translation
    // shares its original's headline slug, and the loader reads its language from it.
    let suffix = match lang == config.languages.default_language().code {
        true => String::new(),
        false => format!(".{lang}"),
    };
    let relative = PathBuf::from("content")
        .join(date.format("%Y").to_string())
        .join(date.format("%m").to_string())
        .join(format!("{slug}{suffix}.md"));
    let shown = loader::shown(&config, &relative);
    let file = config.root.join(&relative);
    if file.exists() {
        return Err(Error::Output {
            path: shown,
            message: "already exists; gazette new never overwrites a file: edit it, or choose another headline".into(),
        });
    }
    // Another article with this slug would, with most permalinks, get the same URL.
    let loaded = crate::incremental::Caches::open(&config, false, false).load(&config, None);
    if let Some(other) = loaded
        .articles
        .iter()
        .find(|a| a.slug == slug && a.lang == lang)
    {
        return Err(Error::content(
            Diagnostic::new(
                loader::shown(&config, &other.path),
                format!("already uses the slug `{slug}` that the new article would get"),
            )
            .help("choose another headline, or edit that article instead"),
        ));
    }

    let (archetype, origin) = archetype(&config)?;
    let other = (!suffix.is_empty()).then_some(lang.as_str());
    let text = fill(
        &archetype,
        &origin,
        &title,
        &date_literal,
        other,
        options,
        config.slugs,
    )?;
    // The result must be an article gazette can load; a broken archetype is reported against
    // itself rather than leaving a broken file in content/.
    if let Err(problems) = loader::parse_article(&config, &relative, &origin, &text) {
        return Err(Error::Content(
            problems
                .into_iter()
                .map(|d| {
                    let message =
                        format!("the archetype does not make a valid article: {}", d.message);
                    Diagnostic { message, ..d }
                })
                .collect(),
        ));
    }
    crate::fs::write_new(&file, text.as_bytes())?;
    Ok(shown)
}

fn root_of(root: &Path) -> &Path {
    if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    }
}

/// The article's date and how to write it in front matter: a bare date stays bare, anything
/// else is written in full in the site's timezone.
fn date(given: Option<&str>, config: &Config) -> Result<(DateTime<FixedOffset>, String)> {
    let Some(text) = given else {
        let now = chrono::Utc::now()
            .with_timezone(&config.timezone)
            .fixed_offset();
        return Ok((now, now.format("%Y-%m-%dT%H:%M:%S%:z").to_string()));
    };
    let date = crate::date::read(text, config.timezone).map_err(|e| match e {
        crate::date::DateError::Unreadable => Error::Usage(format!(
            "--date {text:?} is not a date; write it as {}",
            crate::date::ACCEPTED_FORMS
        )),
        out => Error::Usage(format!("{}; {}", out.message("--date", text), out.help())),
    })?;
    // `--date` is an instant on the command line, filed and written in the site's timezone
    // (front matter keeps an offset as written; the command line has no author to follow).
    let date = date.with_timezone(&config.timezone).fixed_offset();
    if NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok() {
        Ok((date, text.trim().to_string()))
    } else {
        Ok((date, date.format("%Y-%m-%dT%H:%M:%S%:z").to_string()))
    }
}

/// The archetype's text and where it came from: the site's, the theme's, or the built-in one.
fn archetype(config: &Config) -> Result<(String, PathBuf)> {
    for path in [
        config.root.join(ARCHETYPE),
        config
            .root
            .join("themes")
            .join(&config.theme)
            .join(ARCHETYPE),
    ] {
        if path.is_file() {
            return Ok((crate::fs::read_to_string(&path)?, path));
        }
    }
    let bytes = crate::theme::builtin(ARCHETYPE)
        .ok_or_else(|| Error::io(ARCHETYPE, std::io::ErrorKind::NotFound.into()))?;
    Ok((
        String::from_utf8_lossy(&bytes).into_owned(),
        PathBuf::from("<built-in default theme>").join(ARCHETYPE),
    ))
}

/// Fills the archetype. Every variable is a ready-to-paste TOML value (quoted, escaped), which
/// YAML front matter reads the same way: `title`, `date`, `topics`, `source`, `authors`; an
/// absent one is empty, so `{% if source %}` works. `headline` and `slug` are plain text.
fn fill(
    archetype: &str,
    origin: &Path,
    title: &str,
    date: &str,
    lang: Option<&str>,
    options: &NewOptions,
    slugs: crate::config::Slugs,
) -> Result<String> {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let list = |items: &[String]| {
        let items: Vec<toml::Value> = items
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| toml::Value::String(s.to_string()))
            .collect();
        if items.is_empty() {
            String::new()
        } else {
            toml::Value::Array(items).to_string()
        }
    };
    let mut context = tera::Context::new();
    context.insert("title", &quoted(title));
    context.insert("headline", title);
    context.insert("slug", &slugify_headline(title, MAX_SLUG, slugs));
    context.insert("date", date);
    context.insert("lang", &lang.map(quoted).unwrap_or_default());
    context.insert("topics", &list(&options.topics));
    context.insert(
        "source",
        &options.source.as_deref().map(quoted).unwrap_or_default(),
    );
    context.insert(
        "authors",
        &list(&options.author.iter().cloned().collect::<Vec<_>>()),
    );
    tera::Tera::one_off(archetype, &context, false).map_err(|e| {
        let mut chain = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(inner) = source {
            chain.push_str(&format!(": {inner}"));
            source = inner.source();
        }
        Error::content(
            Diagnostic::new(origin, format!("the archetype does not render: {chain}")).help(
                "archetypes are tera templates; the variables are title, date, lang, topics, source, authors, headline and slug",
            ),
        )
    })
}

/// What `gazette init` wrote.
#[derive(Debug)]
pub struct InitReport {
    /// The new site's folder.
    pub root: PathBuf,
    /// Every file created, relative to the folder.
    pub files: Vec<PathBuf>,
}

/// Scaffolds a new archive in `dir` (made if missing). Refuses a folder that has anything in
/// it but hidden entries (a fresh `.git` is fine), so it can never overwrite a file.
pub fn init(dir: &Path) -> Result<InitReport> {
    let dir = root_of(dir).to_path_buf();
    match crate::fs::read_dir(&dir) {
        Ok(entries) => {
            let visible: Vec<String> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('.'))
                .take(3)
                .collect();
            if !visible.is_empty() {
                return Err(Error::Output {
                    path: dir,
                    message: format!(
                        "is not empty (it has {}…); gazette init only fills a new or empty folder, so it never overwrites anything: choose a new folder, e.g. gazette init my-archive",
                        visible.join(", ")
                    ),
                });
            }
        }
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {}
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(Error::Output {
                path: dir,
                message: "is a file; give gazette init a folder to create".into(),
            })
        }
        Err(e) => return Err(e),
    }

    let today = chrono::Utc::now().date_naive();
    let example = PathBuf::from("content")
        .join(today.format("%Y").to_string())
        .join(today.format("%m").to_string())
        .join("welcome-to-your-archive.md");
    let archetype = crate::theme::builtin(ARCHETYPE)
        .ok_or_else(|| Error::io(ARCHETYPE, std::io::ErrorKind::NotFound.into()))?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from(CONFIG_FILE), SITE_TOML.as_bytes().to_vec()),
        (
            example,
            EXAMPLE_ARTICLE
                .replace("{date}", &today.format("%Y-%m-%d").to_string())
                .into_bytes(),
        ),
        (PathBuf::from(ARCHETYPE), archetype.into_owned()),
        (PathBuf::from("static/.gitkeep"), Vec::new()),
    ];
    if !dir.join(".gitignore").exists() {
        files.push((
            PathBuf::from(".gitignore"),
            format!("/public/\n/{}/\n", crate::incremental::FOLDER).into_bytes(),
        ));
    }
    crate::fs::create_dir_all(&dir)?;
    for (path, bytes) in &files {
        crate::fs::write_new(&dir.join(path), bytes)?;
    }
    Ok(InitReport {
        root: dir,
        files: files.into_iter().map(|(path, _)| path).collect(),
    })
}

/// The `site.toml` of a new archive: every key, each with what it does.
const SITE_TOML: &str = r#"# gazette site configuration. Every key is explained in gazette's README
# ("site.toml reference"); only title and base_url are required.

# The site's name, shown in the masthead and in <title>.
title = "My News Archive"

# One sentence about the archive, for search engines and the footer.
description = "News articles, collected and kept."

# The full address the site will be published at. Change it before you deploy:
# its path (e.g. /archive/ in https://example.org/archive/) prefixes every link.
base_url = "https://example.org/"

# The articles' language, as a BCP 47 tag: en, fr, en-CA.
language = "en"

# Dates written without an offset (2016-01-19 10:30) are read in this timezone,
# and every date is shown in it. An IANA name: UTC, America/Toronto, Europe/Paris.
timezone = "UTC"

# The theme: a folder under themes/, or "default", which is built into gazette.
theme = "default"

# The URL of each article. Tokens: :year :month :day :slug :filename :section
permalink = "/:year/:month/:day/:slug/"

# How slugs are made from titles and names. "ascii": Latin letters in ASCII
# (Québec -> quebec), other scripts kept (日本 -> 日本). "unicode": accents kept too.
slugs = "ascii"

# Articles per page on the home page and on topic pages.
paginate = 20

# Where `gazette build` writes the site (gazette replaces this folder on every build).
output_dir = "public"

[markdown]
# true passes raw HTML in articles through unchanged: only for files you trust.
unsafe_html = false
"#;

/// The example article of a new archive.
const EXAMPLE_ARTICLE: &str = r#"+++
title = "Welcome to your archive"
date = {date}
topics = ["Getting started"]
+++

This is an example article: a Markdown file with its front matter between the `+++`
lines. Edit it, or delete it once the archive has articles of its own.

## Adding articles

Run `gazette new "The headline"` to start a draft from `archetypes/article.md`, or put
any Markdown file under `content/`. Run `gazette serve` to see the site while you write,
and `gazette check` before you publish. Articles are listed by [topic](/topics/).
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn config(root: &Path) -> Config {
        Config::parse(
            root,
            "title = \"T\"\nbase_url = \"https://e.org/\"\ntimezone = \"America/Toronto\"\n",
        )
        .unwrap()
    }

    #[test]
    fn the_builtin_archetype_makes_a_valid_article_from_awkward_input() {
        let tmp = tempfile::tempdir().unwrap();
        let config = config(tmp.path());
        let (text, origin) = archetype(&config).unwrap();
        let options = NewOptions {
            title: "Québec says \"no\" \\ again".into(),
            topics: vec!["ISIS".into(), " ".into(), "Canada's role".into()],
            source: Some("CBC \"News\"".into()),
            author: Some("Jane Doe".into()),
            ..Default::default()
        };
        let filled = fill(
            &text,
            &origin,
            &options.title,
            "2016-01-19T10:30:00-05:00",
            None,
            &options,
            config.slugs,
        )
        .unwrap();
        let path = Path::new("content/2016/01/x.md");
        let article = loader::parse_article(&config, path, path, &filled).unwrap();
        assert_eq!(article.title, "Québec says \"no\" \\ again");
        let topics: Vec<&str> = article.topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(topics, ["ISIS", "Canada's role"]);
        assert_eq!(article.source.unwrap().name, "CBC \"News\"");
        assert_eq!(article.authors, ["Jane Doe"]);
        assert!(article.draft);
        assert_eq!(article.date.to_rfc3339(), "2016-01-19T10:30:00-05:00");
    }

    #[test]
    fn dates_are_read_in_the_site_timezone() {
        let tmp = tempfile::tempdir().unwrap();
        let config = config(tmp.path());
        let (d, literal) = date(Some("2016-01-19"), &config).unwrap();
        assert_eq!(literal, "2016-01-19");
        assert_eq!(d.to_rfc3339(), "2016-01-19T00:00:00-05:00");
        let (_, literal) = date(Some("2016-07-01 10:30"), &config).unwrap();
        assert_eq!(literal, "2016-07-01T10:30:00-04:00");
        assert!(date(Some("yesterday"), &config).is_err());
    }
}
