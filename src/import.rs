//! `gazette import`: articles in any accepted form -> normalised Markdown files in `content/`.
//!
//! Each input file is read by the loader's own readers (so an imported file and the same file
//! dropped into `content/` give the same record), the command line's `--date`, `--source` and
//! `--topics` are applied, and the article is written as Markdown with TOML front matter at
//! `content/YYYY/MM/<slug>.md`. The written text is loaded back through the normal loader
//! before anything is written, so what lands in `content/` is known to build. Inputs are only
//! ever read; an existing file is never overwritten. Problems with one file are reported and
//! the other files still import (issue 8).

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use walkdir::WalkDir;

use crate::article::{Article, Media};
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::loader::{self, text::Dropped, text::Rules, Format};
use crate::slug::{slugify, slugify_headline};
use crate::wording::plural;

/// The longest file name made from a slug, in bytes (without `.md`).
const MAX_SLUG: usize = 80;

/// Front-matter keys in the order imported files list them; any others follow A–Z.
const KEY_ORDER: &[&str] = &[
    "title",
    "date",
    "updated",
    "modified",
    "lastmod",
    "slug",
    "source",
    "original_url",
    "authors",
    "author",
    "byline",
    "dateline",
    "topics",
    "tags",
    "categories",
    "category",
    "summary",
    "description",
    "excerpt",
    "standfirst",
    "image",
    "draft",
    "related_headlines",
];

/// What to import, from the command line.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The site's folder (holding `site.toml`).
    pub root: PathBuf,
    /// Files and folders to import.
    pub paths: Vec<PathBuf>,
    /// The publication date for every file (`--date`), overriding what the files say.
    pub date: Option<String>,
    /// The outlet for every file (`--source`), overriding what was recognised.
    pub source: Option<String>,
    /// Topics added to every file (`--topics`).
    pub topics: Vec<String>,
    /// Report what would be written, write nothing.
    pub dry_run: bool,
    /// Write under this folder instead of the site's `content/`.
    pub to: Option<PathBuf>,
    /// The language of every file (`--lang fr`), overriding what the files say.
    pub lang: Option<String>,
}

/// What happened to one input file.
#[derive(Debug)]
pub enum Outcome {
    /// Written to this file.
    Written(PathBuf),
    /// Would be written to this file (`--dry-run`).
    Planned(PathBuf),
    /// This file already holds exactly this article; left as it was.
    AlreadyImported(PathBuf),
    /// Not imported, for these reasons.
    Failed(Vec<Diagnostic>),
}

/// One input file's import: where it went and what was found in it.
#[derive(Debug)]
pub struct FileReport {
    /// The input file, as given or found.
    pub input: PathBuf,
    /// What happened.
    pub outcome: Outcome,
    /// The article as it loads back from the written file (none when the import failed).
    pub article: Option<Article>,
    /// Where the date came from, when not from front matter.
    pub date_found: Option<String>,
    /// Where the source came from: "recognised in the text", "--source", …
    pub source_found: Option<&'static str>,
    /// Lines dropped as page furniture.
    pub dropped: Vec<Dropped>,
}

/// Everything an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// One entry per input file, in the order read.
    pub files: Vec<FileReport>,
}

impl ImportReport {
    /// Whether any file failed to import (the exit code is then 1).
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Failed(_)))
            .count()
    }
}

/// Imports `options.paths` into the site at `options.root`. Returns an error only for
/// problems with the whole run (no site, a bad `--date`); problems with single files are in
/// the report.
pub fn import(options: &ImportOptions) -> Result<ImportReport> {
    let root = if options.root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &options.root
    };
    let config = Config::from_root(root)?;
    if options.paths.is_empty() {
        return Err(Error::Usage(
            "give the files or folders to import, e.g. gazette import saved/*.txt".into(),
        ));
    }
    // `--date` takes the front-matter forms and the news forms ("Nov 17, 2015").
    let date = match &options.date {
        None => None,
        Some(date) if crate::date::parse(date, config.timezone).is_some() => {
            Some(date.trim().to_string())
        }
        Some(date) => Some(crate::loader::text::news_date(date).ok_or_else(|| {
            Error::Usage(format!(
                "--date {date:?} is not a date; write it as {}",
                crate::date::ACCEPTED_FORMS
            ))
        })?),
    };
    let options = &ImportOptions {
        date,
        ..options.clone()
    };
    let topics: Vec<String> = options
        .topics
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(bad) = topics.iter().find(|t| slugify(t, config.slugs).is_empty()) {
        return Err(Error::Usage(format!(
            "--topics: {bad:?} has no letters or digits to make a topic page from"
        )));
    }
    if options
        .source
        .as_deref()
        .is_some_and(|s| s.trim().is_empty())
    {
        return Err(Error::Usage(
            "--source is empty; give the outlet's name".into(),
        ));
    }
    let target_dir = options.to.clone().unwrap_or_else(|| config.content_dir());
    let rules = Rules::from_config(&config);
    let mut planned: HashSet<PathBuf> = HashSet::new();
    let mut report = ImportReport::default();
    for input in inputs(&options.paths, &mut report) {
        let file = import_one(
            &config,
            &rules,
            options,
            &topics,
            &target_dir,
            &input,
            &mut planned,
        );
        report.files.push(file);
    }
    Ok(report)
}

/// The files to import: each file given, and the article files under each folder given
/// (sorted, hidden and editor temp files skipped). A path that does not exist is reported.
fn inputs(paths: &[PathBuf], report: &mut ImportReport) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !loader::is_ignored(&e.file_name().to_string_lossy())
                });
            for entry in walker.flatten() {
                // Zola's and Hugo's `_index.md` describe sections, not articles.
                if entry.file_type().is_file()
                    && Format::of(entry.path()).is_some()
                    && !loader::is_section_index(entry.path())
                {
                    files.push(entry.into_path());
                }
            }
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            report.files.push(failed(
                path,
                Diagnostic::new(path, "no such file or folder")
                    .help("check the path; folders are searched for .md, .txt and .html files"),
            ));
        }
    }
    files
}

fn failed(input: &Path, diagnostic: Diagnostic) -> FileReport {
    FileReport {
        input: input.to_path_buf(),
        outcome: Outcome::Failed(vec![diagnostic]),
        article: None,
        date_found: None,
        source_found: None,
        dropped: Vec::new(),
    }
}

fn import_one(
    config: &Config,
    rules: &Rules,
    options: &ImportOptions,
    topics: &[String],
    target_dir: &Path,
    input: &Path,
    planned: &mut HashSet<PathBuf>,
) -> FileReport {
    if Format::of(input).is_none() {
        return failed(
            input,
            Diagnostic::new(input, "is not a kind of file gazette imports")
                .help("import .md or .markdown (front matter or Pelican headers), .rst (Pelican's reStructuredText), .txt (text saved from a news page) or .html/.htm (a saved web page)"),
        );
    }
    let text = match read_text(input) {
        Ok(text) => text,
        Err(d) => return failed(input, d),
    };
    let mut document = match loader::read_document(rules, input, input, &text) {
        Ok(document) => document,
        Err(problems) => {
            return FileReport {
                outcome: Outcome::Failed(problems),
                ..failed(input, Diagnostic::new(input, ""))
            }
        }
    };
    let mut source_found =
        document
            .fields
            .contains_key("source")
            .then_some(match document.format {
                Format::Markdown | Format::Rst => "front matter",
                Format::Text => "recognised in the text",
                Format::Html => "the page's metadata",
            });
    if let Some(date) = &options.date {
        document.fields.remove("published");
        document
            .fields
            .insert("date".into(), Value::String(date.clone()));
        document.date_found = Some("--date".into());
    }
    if let Some(name) = &options.source {
        document
            .fields
            .insert("source".into(), source_value(name, rules));
        source_found = Some("--source");
    }
    if !topics.is_empty() {
        add_topics(&mut document.fields, topics);
    }
    if let Some(lang) = &options.lang {
        for key in crate::loader::language::LANGUAGE_KEYS {
            document.fields.remove(*key);
        }
        document
            .fields
            .insert("lang".into(), Value::String(lang.clone()));
    }
    if !document.has_date() {
        return failed(
            input,
            Diagnostic::new(input, "no publication date found in the article").help(
                "pass --date 2016-01-19, or add a line `Date: 2016-01-19` at the top of the file",
            ),
        );
    }
    // A Jekyll post's slug is its file name's; written out, since the imported file is no
    // longer in `_posts/` to say so.
    if !document.fields.contains_key("slug") {
        if let Some(slug) = loader::jekyll_slug(input, config.slugs) {
            document.fields.insert("slug".into(), Value::String(slug));
        }
    }
    let dropped = document.dropped.clone();
    let date_found = document.date_found.clone();
    let fields = document.fields.clone();
    let body = document.body.clone();

    // A first pass finds the date and slug, which decide where the file goes.
    let provisional = target_dir.join(input.file_name().unwrap_or_default());
    let article = match loader::normalise(config, &provisional, input, document) {
        Ok(article) => article,
        Err(problems) => {
            return FileReport {
                outcome: Outcome::Failed(problems),
                ..failed(input, Diagnostic::new(input, ""))
            }
        }
    };
    let slug = slugify_headline(&article.slug, MAX_SLUG, config.slugs);
    if slug.is_empty() {
        return failed(
            input,
            Diagnostic::new(
                input,
                "the article's slug has no letters or digits to name a file",
            )
            .help("add a line `Slug: a-name-for-the-file` at the top of the file"),
        );
    }
    // A translation shares its original's slug: its language's suffix keeps the two files
    // apart (`story.fr.md`, Hugo's convention, which the loader reads as the language too).
    let suffix = match article.lang == config.languages.default_language().code {
        true => String::new(),
        false => format!(".{}", article.lang),
    };
    let target = target_dir
        .join(article.date.format("%Y").to_string())
        .join(article.date.format("%m").to_string())
        .join(format!("{slug}{suffix}.md"));
    let markdown = to_markdown(&fields, &body);

    // Load the written text back through the normal loader: what lands in content/ builds,
    // and the report shows the record the site will have.
    let relative = target
        .strip_prefix(&config.root)
        .unwrap_or(&target)
        .to_path_buf();
    let article = match loader::parse_article(config, &relative, &target, &markdown) {
        Ok(article) => article,
        Err(problems) => {
            return FileReport {
                outcome: Outcome::Failed(problems),
                ..failed(input, Diagnostic::new(input, ""))
            }
        }
    };
    let mut report = FileReport {
        input: input.to_path_buf(),
        outcome: Outcome::Planned(target.clone()),
        article: Some(article),
        date_found,
        source_found,
        dropped,
    };
    if let Some(link) = symlinked_folder(target_dir, &target) {
        report.outcome = Outcome::Failed(vec![Diagnostic::new(
            input,
            format!(
                "{} is a symlink to a folder; the article was not written through it",
                link.display()
            ),
        )
        .help("gazette build does not follow symlinked folders in content/, so the article would never appear (and could land outside content/): replace the link with a real folder")]);
        return report;
    }
    if target.exists() {
        let same = crate::fs::read(&target).is_ok_and(|bytes| bytes == markdown.as_bytes());
        report.outcome = if same {
            Outcome::AlreadyImported(target)
        } else {
            Outcome::Failed(vec![Diagnostic::new(
                input,
                format!("{} already exists and holds something else; it was not overwritten", target.display()),
            )
            .help("remove or rename that file, or add a line `Slug: another-name` at the top of this one")])
        };
        return report;
    }
    if !planned.insert(target.clone()) {
        report.outcome = Outcome::Failed(vec![Diagnostic::new(
            input,
            format!(
                "another file of this import also goes to {}",
                target.display()
            ),
        )
        .help("add a line `Slug: another-name` at the top of one of them")]);
        return report;
    }
    if !options.dry_run {
        if let Err(e) = crate::fs::write_new(&target, markdown.as_bytes()) {
            report.outcome = Outcome::Failed(vec![Diagnostic::new(input, e.to_string())]);
            return report;
        }
        report.outcome = Outcome::Written(target);
    }
    report
}

/// The first folder from `target_dir` down to `target`'s that is a symlink, if any (issue
/// 15): writing through it would put the article wherever the link leads, and the build's
/// walk skips symlinked folders.
fn symlinked_folder(target_dir: &Path, target: &Path) -> Option<PathBuf> {
    let below = target.parent()?.strip_prefix(target_dir).ok()?;
    let mut folder = target_dir.to_path_buf();
    for part in below.components() {
        folder.push(part);
        if crate::fs::symlink_metadata(&folder).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(folder);
        }
    }
    None
}

/// Reads an input as UTF-8 text, naming the line of the first bad byte.
fn read_text(input: &Path) -> std::result::Result<String, Diagnostic> {
    let bytes = crate::fs::read(input).map_err(|e| match e {
        Error::Io { source, .. } => Diagnostic::new(input, format!("could not be read: {source}")),
        other => Diagnostic::new(input, other.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Diagnostic::new(input, "is not UTF-8 text")
            .at_line(line)
            .help("save the file as UTF-8 (most editors have this under \"Save with encoding\")")
    })
}

/// `--source NAME` as front matter: with the outlet's home page when a rule knows the name.
fn source_value(name: &str, rules: &Rules) -> Value {
    let name = name.trim();
    let mut table = Map::new();
    table.insert("name".into(), Value::String(name.to_string()));
    if let Some(url) = rules
        .source_of(name)
        .filter(|s| s.name.eq_ignore_ascii_case(name))
        .and_then(|s| s.url)
    {
        table.insert("url".into(), Value::String(url));
    }
    Value::Object(table)
}

/// Adds `--topics` to the file's own `topics` (a list or a comma-separated string).
fn add_topics(fields: &mut Map<String, Value>, topics: &[String]) {
    let mut all: Vec<Value> = match fields.remove("topics") {
        Some(Value::Array(items)) => items,
        Some(Value::String(s)) => s
            .split(',')
            .map(|t| Value::String(t.trim().to_string()))
            .collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    all.extend(topics.iter().cloned().map(Value::String));
    fields.insert("topics".into(), Value::Array(all));
}

/// The article as Markdown with TOML front matter: known keys first in a fixed order, then
/// the rest A–Z, then `[[media]]` tables; the body after a blank line.
pub fn to_markdown(fields: &Map<String, Value>, body: &str) -> String {
    let mut front = String::from("+++\n");
    let mut keys: Vec<&String> = fields.keys().filter(|k| *k != "media").collect();
    keys.sort_by_key(|k| {
        (
            KEY_ORDER
                .iter()
                .position(|o| o == k)
                .unwrap_or(KEY_ORDER.len()),
            k.to_string(),
        )
    });
    for key in keys {
        let Some(value) = toml_value(&fields[key]) else {
            continue;
        };
        let value = match (&value, key.as_str()) {
            // Dates are written as TOML dates (`date = 2016-01-19`), not strings.
            (toml::Value::String(s), "date" | "updated" | "modified" | "lastmod" | "published") => {
                let rfc3339 = crate::date::offset_as_rfc3339(s);
                match rfc3339
                    .as_deref()
                    .unwrap_or(s)
                    .parse::<toml::value::Datetime>()
                {
                    Ok(d) => portable(d).to_string(),
                    Err(_) => value.to_string(),
                }
            }
            _ => value.to_string(),
        };
        front.push_str(&format!("{} = {value}\n", toml_key(key)));
    }
    if let Some(Value::Array(media)) = fields.get("media") {
        for item in media {
            let Some(toml::Value::Table(table)) = toml_value(item) else {
                continue;
            };
            front.push_str("\n[[media]]\n");
            for key in ["title", "caption", "duration"] {
                if let Some(v) = table.get(key) {
                    front.push_str(&format!("{key} = {v}\n"));
                }
            }
            for (key, v) in table
                .iter()
                .filter(|(k, _)| !["title", "caption", "duration"].contains(&k.as_str()))
            {
                front.push_str(&format!("{} = {v}\n", toml_key(key)));
            }
        }
    }
    front.push_str("+++\n");
    let body = body.trim_start_matches(['\n', '\r']);
    if body.is_empty() {
        front
    } else {
        format!(
            "{front}\n{}{}",
            body,
            if body.ends_with('\n') { "" } else { "\n" }
        )
    }
}

/// A date as TOML 1.0 readers take it: TOML 1.1 (which the `toml` crate reads) lets a time
/// leave out its seconds (`11:42`), TOML 1.0 readers such as Python's `tomllib` refuse that,
/// so a time always gets them (`11:42:00`). Issue 20.
fn portable(mut date: toml::value::Datetime) -> toml::value::Datetime {
    if let Some(time) = &mut date.time {
        time.second.get_or_insert(0);
    }
    date
}

/// A key as TOML writes it: bare when it can be, quoted otherwise.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

/// A front-matter value as TOML (nulls dropped: TOML has none).
fn toml_value(value: &Value) -> Option<toml::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(toml_value).collect()),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter_map(|(k, v)| Some((k.clone(), toml_value(v)?)))
                .collect(),
        ),
    })
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = self.input.display();
        match &self.outcome {
            Outcome::Written(to) => writeln!(f, "{input} -> {}", to.display())?,
            Outcome::Planned(to) => {
                writeln!(f, "{input} -> {} (dry run: not written)", to.display())?
            }
            Outcome::AlreadyImported(to) => writeln!(
                f,
                "{input} -> {} (already imported, unchanged)",
                to.display()
            )?,
            Outcome::Failed(problems) => {
                for (i, d) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "error: {d}")?;
                }
                return Ok(());
            }
        }
        let Some(a) = &self.article else {
            return Ok(());
        };
        writeln!(f, "  title:      {}", a.title)?;
        let date = if a.date.format("%H:%M:%S").to_string() == "00:00:00" {
            a.date.format("%Y-%m-%d").to_string()
        } else {
            a.date.format("%Y-%m-%d %H:%M %:z").to_string()
        };
        match &self.date_found {
            Some(found) => writeln!(f, "  date:       {date} (from {found})")?,
            None => writeln!(f, "  date:       {date}")?,
        }
        match (&a.source, self.source_found) {
            (Some(s), Some(found)) => writeln!(f, "  source:     {} ({found})", s.name)?,
            (Some(s), None) => writeln!(f, "  source:     {}", s.name)?,
            (None, _) => writeln!(f, "  source:     none recognised (pass --source NAME)")?,
        }
        if a.topics.is_empty() {
            writeln!(f, "  topics:     none (pass --topics a,b)")?;
        } else {
            let names: Vec<String> = a
                .topics
                .iter()
                .map(|t| {
                    if t.inferred {
                        format!("{} (from the text)", t.name)
                    } else {
                        t.name.clone()
                    }
                })
                .collect();
            writeln!(f, "  topics:     {}", names.join(", "))?;
        }
        if let Some(standfirst) = &a.standfirst {
            writeln!(
                f,
                "  standfirst: {}",
                crate::markdown::shorten(standfirst, 100)
            )?;
        }
        if !self.dropped.is_empty() {
            writeln!(
                f,
                "  dropped {} line{} as page furniture:",
                self.dropped.len(),
                plural(self.dropped.len())
            )?;
            for d in &self.dropped {
                writeln!(
                    f,
                    "    line {}: {} ({})",
                    d.line,
                    crate::markdown::shorten(&d.text, 70),
                    d.rule
                )?;
            }
        }
        if !a.related_headlines.is_empty() {
            writeln!(
                f,
                "  kept {} related headline{}:",
                a.related_headlines.len(),
                plural(a.related_headlines.len())
            )?;
            for h in &a.related_headlines {
                writeln!(f, "    {h}")?;
            }
        }
        if !a.media.is_empty() {
            writeln!(
                f,
                "  kept {} video{}:",
                a.media.len(),
                plural(a.media.len())
            )?;
            for Media {
                title, duration, ..
            } in &a.media
            {
                match duration {
                    Some(d) => writeln!(f, "    {title} ({d})")?,
                    None => writeln!(f, "    {title}")?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_ordered_and_dates_are_bare() {
        let mut fields = Map::new();
        fields.insert("topics".into(), serde_json::json!(["Canada", "ISIS"]));
        fields.insert(
            "title".into(),
            serde_json::json!("Canada's \"robust\" role"),
        );
        fields.insert("date".into(), serde_json::json!("2016-01-19"));
        fields.insert("weird key".into(), serde_json::json!(1));
        fields.insert(
            "media".into(),
            serde_json::json!([{"title": "T", "duration": "10:38"}]),
        );
        let md = to_markdown(&fields, "Body.\n");
        assert!(md.starts_with("+++\ntitle = "), "{md}");
        assert!(md.contains("\ndate = 2016-01-19\n"), "{md}");
        assert!(md.contains("\ntopics = [\"Canada\", \"ISIS\"]\n"), "{md}");
        assert!(md.contains("\"weird key\" = 1\n"), "{md}");
        assert!(
            md.contains("[[media]]\ntitle = \"T\"\nduration = \"10:38\"\n+++\n\nBody.\n"),
            "{md}"
        );
        let split = crate::loader::frontmatter::split(&md).unwrap();
        let parsed = crate::loader::frontmatter::parse(&split).unwrap();
        assert_eq!(parsed["title"], "Canada's \"robust\" role");
        assert_eq!(parsed["media"][0]["duration"], "10:38");
    }
}
