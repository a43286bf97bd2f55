//! Loading `content/` into [`Article`] records.
//!
//! One walk over the folder finds the article files; they are read and parsed in parallel,
//! each into either an article or the list of its problems. Every format — Markdown with
//! front matter or Pelican headers, raw text, saved web pages — is first read into a
//! [`Document`] (front-matter fields and a Markdown body), and one normaliser, [`record`],
//! turns every document into an [`Article`]. Hidden files, editor temp files
//! and symlinks that point outside `content/` are skipped. Nothing here knows about templates
//! or the output folder. Which files are parsed is the caller's choice: a build takes the
//! records of unchanged files from its record cache (see [`crate::incremental`]) and parses
//! the rest with [`load_file`].

pub(crate) mod bundle;
mod conventions;
pub mod frontmatter;
mod html;
mod image;
mod image_size;
pub(crate) mod language;
mod liquid;
mod naming;
mod pelican;
pub(crate) mod record;
mod rst;
pub(crate) mod scan;
pub mod text;
mod yaml;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::article::Article;
use crate::config::Config;
use crate::error::Diagnostic;

/// File extensions read as Markdown articles.
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown"];

/// File extensions read as articles: Markdown, raw text, saved web pages.
pub const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm", "rst"];

/// The form an article file is in, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown with TOML or YAML front matter, or Pelican `Key: value` headers.
    Markdown,
    /// Raw text as saved from a news page.
    Text,
    /// A saved web page.
    Html,
    /// Pelican's reStructuredText: a title, a field list and a body (see [`rst`]).
    Rst,
}

impl Format {
    /// The format of `path`, or `None` when gazette does not read such files.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "rst" => Some(Format::Rst),
            _ => None,
        }
    }
}

/// An article file read into front-matter fields and a Markdown body: what every format
/// becomes before the shared normaliser makes it an [`Article`].
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's format.
    pub format: Format,
    /// Front-matter fields, under gazette's key names.
    pub fields: Map<String, Value>,
    /// Text to find a key's line in (the front matter, or one line per header).
    pub front: String,
    /// Lines above `front` in the file.
    pub front_offset: usize,
    /// The body as Markdown.
    pub body: String,
    /// Lines dropped as page furniture (raw text and web pages).
    pub dropped: Vec<text::Dropped>,
    /// Where the date came from when it was not a front-matter key: "the video caption on
    /// line 7", "the file name".
    pub date_found: Option<String>,
    /// Warnings about the file that do not stop it loading (a Liquid tag left out, a YAML
    /// key given twice).
    pub notes: Vec<crate::article::Note>,
}

impl Document {
    /// Whether the fields give a publication date (`date`, or `published` as a date).
    pub fn has_date(&self) -> bool {
        self.fields.get("date").is_some_and(|v| !v.is_null())
            || matches!(self.fields.get("published"), Some(Value::String(_)))
    }
}

/// The article files of a walk over `content/`.
#[derive(Debug, Default)]
pub(crate) struct Articles {
    /// Their paths, relative to the site root, in walk order.
    pub files: Vec<PathBuf>,
    /// Their stamps (a bundle's article's with its bundle's: see [`crate::loader::bundle::Bundle::stamp`]).
    pub stamps: Vec<Option<scan::Stamp>>,
    /// The bundle of each page bundle's article, by its index in `files`.
    pub bundles: std::collections::HashMap<usize, std::sync::Arc<crate::loader::bundle::Bundle>>,
}

/// The article files of a walk over `content/` (paths relative to the site root), with
/// their stamps and, for a page bundle's article, its bundle (see [`crate::loader::bundle`]); the
/// other files of a bundle are not articles.
pub(crate) fn articles_of(
    config: &Config,
    scan: scan::Scan,
    warnings: &mut Vec<Diagnostic>,
) -> Articles {
    for (path, why) in scan.problems {
        warnings.push(
            Diagnostic::new(shown(config, &path), format!("could not be read: {why}"))
                .help("check the file's permissions"),
        );
    }
    // Symlinks are checked against the real content folder, so a link to a file elsewhere in
    // the site is kept but one to /etc/passwd is not.
    let content = config.content_dir();
    let real_content = content
        .canonicalize()
        .unwrap_or_else(|_| content.to_path_buf());
    // A content/ that is a link out of the site is read (an archive kept on another disk is
    // a fair layout), but said, since the site then publishes files from elsewhere.
    let root = match config.root.as_os_str().is_empty() {
        true => Path::new("."),
        false => config.root.as_path(),
    };
    if crate::fs::symlink_metadata(&content).is_ok_and(|m| m.file_type().is_symlink())
        && !root
            .canonicalize()
            .is_ok_and(|root| real_content.starts_with(root))
    {
        warnings.push(
            Diagnostic::new(
                shown(config, Path::new("content")),
                format!(
                    "is a symlink to {}, outside the site folder; its files are published",
                    real_content.display()
                ),
            )
            .help("if that is not the archive you meant, replace the link with a folder"),
        );
    }
    let inside = |found: &scan::Found| match config.root.join(&found.path).canonicalize() {
        Ok(target) => target.starts_with(&real_content) && target.is_file(),
        Err(_) => false,
    };
    let outside = |found: &scan::Found| {
        Diagnostic::new(
            shown(config, &found.path),
            "skipped: a symlink to a file outside content/ (or to nothing)",
        )
        .help("copy the file into content/ instead of linking to it")
    };
    let finder = crate::loader::bundle::Finder::new(&scan.files);
    let mut bundles: std::collections::HashMap<PathBuf, crate::loader::bundle::Bundle> =
        std::collections::HashMap::new();
    let mut articles = Articles {
        files: Vec::with_capacity(scan.files.len()),
        stamps: Vec::with_capacity(scan.files.len()),
        bundles: std::collections::HashMap::new(),
    };
    let mut leaders: Vec<(usize, PathBuf)> = Vec::new();
    let mut pelican_pages = 0;
    for found in scan.files {
        let leads = match finder.role(&found.path) {
            crate::loader::bundle::Role::Alone => None,
            crate::loader::bundle::Role::Leader(dir) => Some(dir.to_path_buf()),
            crate::loader::bundle::Role::Member(dir, leader) => {
                if found.symlink && !inside(&found) {
                    warnings.push(outside(&found));
                    continue;
                }
                if !found.symlink && !found.regular {
                    continue;
                }
                let Some(name) = crate::loader::bundle::name_in(dir, &found.path) else {
                    warnings.push(
                        Diagnostic::new(
                            shown(config, &found.path),
                            "skipped: its name is not UTF-8, so no address can name it",
                        )
                        .help("rename the file"),
                    );
                    continue;
                };
                if Format::of(&found.path) == Some(Format::Markdown) {
                    // Hugo's rule, but a surprise to someone who kept articles under a folder
                    // that gained an index.md.
                    warnings.push(
                        Diagnostic::new(
                            shown(config, &found.path),
                            format!(
                                "not read as an article: it is a file of the page bundle of {}",
                                shown(config, leader).display()
                            ),
                        )
                        .help("to publish it, move it out of that folder (every file beside an index.md belongs to that article)"),
                    );
                }
                let bundle = bundles.entry(dir.to_path_buf()).or_default();
                bundle.dir = dir.to_path_buf();
                bundle.files.push((name, found.stamp));
                continue;
            }
        };
        let is_article = found
            .path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        // Zola's and Hugo's section files describe lists, not articles: left out quietly.
        if !is_article || conventions::is_section_index(&found.path) {
            continue;
        }
        if conventions::is_pelican_page(&found.path) {
            pelican_pages += 1;
            continue;
        }
        if found.symlink {
            if !inside(&found) {
                warnings.push(outside(&found));
                continue;
            }
        } else if !found.regular {
            continue;
        }
        if let Some(dir) = leads {
            leaders.push((articles.files.len(), dir));
        }
        articles.files.push(found.path);
        articles.stamps.push(found.stamp);
    }
    if pelican_pages > 0 {
        warnings.push(
            Diagnostic::new(
                shown(config, Path::new("content/pages")),
                format!(
                    "skipped: {pelican_pages} file{} in Pelican's pages folder (pages such as \"About\" are not dated articles)",
                    crate::wording::plural(pelican_pages)
                ),
            )
            .help("gazette has no standalone pages yet; to publish one as an article, move it out of content/pages/ and give it a date"),
        );
    }
    for (i, dir) in leaders {
        let bundle = bundles
            .remove(&dir)
            .unwrap_or_else(|| crate::loader::bundle::Bundle {
                dir,
                files: Vec::new(),
            });
        articles.stamps[i] = bundle.stamp(articles.stamps[i]);
        articles.bundles.insert(i, std::sync::Arc::new(bundle));
    }
    articles
}

/// The slug Jekyll gives a post in a `_posts` folder, from its file name
/// (`_posts/2019-12-25-ruby-3.md` → `ruby-3`), made as `slugs` says; None for any other file.
pub fn jekyll_slug(path: &Path, slugs: crate::config::Slugs) -> Option<String> {
    conventions::in_posts(path)
        .then(|| conventions::posts_slug(path, slugs))
        .flatten()
}

/// Whether a file is a section's index (Zola's and Hugo's `_index.md`), never an article.
pub fn is_section_index(path: &Path) -> bool {
    conventions::is_section_index(path)
}

/// Hidden files and folders, and the temp files editors leave beside the ones they edit
/// (`.#x`, `x~`, `.x.swp`, `#x#`).
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// What one file of `content/` loaded to.
// Nearly every file is an article, which lives in this value only until it joins the
// others: boxing it would allocate once per article to shrink the rare other cases.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Outcome {
    /// An article.
    Article(Article),
    /// Not an article, and left out with this warning: a raw-text or web-page file with
    /// neither front matter nor a date (notes, a saved page kept for reference).
    Skipped(Diagnostic),
    /// An article with these problems.
    Failed(Vec<Diagnostic>),
}

impl Outcome {
    /// The article, when the file is one.
    pub(crate) fn article(&self) -> Option<&Article> {
        match self {
            Outcome::Article(article) => Some(article),
            _ => None,
        }
    }
}

/// Reads and normalises one file, with its stamp as it was before it was read (so that an
/// edit made while it is read shows in the next load's stamp, never hides behind this one).
/// A page bundle's article is read with its `bundle`, whose files' stamps enter its own.
pub(crate) fn load_file(
    config: &Config,
    relative: &Path,
    bundle: Option<&crate::loader::bundle::Bundle>,
) -> (Outcome, Option<scan::Stamp>) {
    use std::io::Read as _;
    let shown_path = shown(config, relative);
    let mut stamp = None;
    let read = std::fs::File::open(config.root.join(relative)).and_then(|mut file| {
        let meta = file.metadata()?;
        stamp = scan::Stamp::of(&meta);
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        // Through `take`: `File`'s own `read_to_end` asks the file's size and position again
        // (two system calls a file) for a buffer this one has already.
        file.by_ref().take(u64::MAX).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    let result = read
        .map_err(|e| {
            vec![Diagnostic::new(
                &shown_path,
                format!("could not be read: {e}"),
            )]
        })
        .and_then(|bytes| parse_bytes(config, relative, &shown_path, bytes, bundle));
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(problems) => Outcome::Failed(problems),
    };
    match bundle {
        Some(bundle) => (outcome, bundle.stamp(stamp)),
        None => (outcome, stamp),
    }
}

/// Parses one file's bytes, which must be UTF-8.
fn parse_bytes(
    config: &Config,
    relative: &Path,
    shown_path: &Path,
    bytes: Vec<u8>,
    bundle: Option<&crate::loader::bundle::Bundle>,
) -> Result<Outcome, Vec<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..valid];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        vec![Diagnostic::new(shown_path, "is not UTF-8 text")
            .at(line, column)
            .help("save the file as UTF-8 (most editors have this under \"Save with encoding\")")]
    })?;
    parse_file(config, relative, shown_path, &text, bundle)
}

/// Parses one article from its text, with no disk access: `relative` is its path from the
/// site root, `shown_path` the path to name in messages. The format comes from the extension.
pub fn parse_article(
    config: &Config,
    relative: &Path,
    shown_path: &Path,
    text: &str,
) -> Result<Article, Vec<Diagnostic>> {
    match parse_file(config, relative, shown_path, text, None)? {
        Outcome::Article(article) => Ok(article),
        Outcome::Skipped(_) => Err(vec![no_date(shown_path)]),
        Outcome::Failed(problems) => Err(problems),
    }
}

/// Parses one file of `content/` as [`parse_article`] does, except that a raw-text or
/// web-page file with neither front matter nor a date is not an article with a problem but a
/// file skipped with a warning: people keep notes and saved pages beside their articles, and
/// one such file should not stop the build (issue 19).
fn parse_file(
    config: &Config,
    relative: &Path,
    shown_path: &Path,
    text: &str,
    bundle: Option<&crate::loader::bundle::Bundle>,
) -> Result<Outcome, Vec<Diagnostic>> {
    let rules = match Format::of(relative) {
        Some(Format::Text | Format::Html) => text::Rules::from_config(config),
        _ => text::Rules::none(),
    };
    let document = read_document(&rules, relative, shown_path, text)?;
    if matches!(document.format, Format::Text | Format::Html) && !document.has_date() {
        // Header lines (`Title: …`) or fences make it an article missing its date.
        let front_matter = !document.front.is_empty() || frontmatter::split(text).is_ok();
        return Ok(match front_matter {
            true => Outcome::Failed(vec![no_date(shown_path)]),
            false => Outcome::Skipped(stray(shown_path)),
        });
    }
    match normalise_in(config, relative, shown_path, document, bundle) {
        Ok(article) => Ok(Outcome::Article(article)),
        Err(problems) => Ok(Outcome::Failed(problems)),
    }
}

/// The problem of a raw-text or web-page article without a date.
pub(crate) fn no_date(shown_path: &Path) -> Diagnostic {
    Diagnostic::new(shown_path, "no publication date found in the article")
        .help("add a line `Date: 2016-01-19` at the top of the file, or import it with `gazette import --date 2016-01-19`")
}

/// The warning for a raw-text or web-page file in `content/` that is not an article.
fn stray(shown_path: &Path) -> Diagnostic {
    Diagnostic::new(
        shown_path,
        "skipped: not an article (no front matter and no publication date found)",
    )
    .help(format!(
        "to publish it, add a line `Date: 2016-01-19` at the top of the file, or import it with `gazette import --date 2016-01-19 {}` (then remove the original); otherwise move it out of content/",
        shown_path.display()
    ))
}

/// Reads one article file of any format into a [`Document`]; no normalising yet.
pub fn read_document(
    rules: &text::Rules,
    relative: &Path,
    shown_path: &Path,
    text: &str,
) -> Result<Document, Vec<Diagnostic>> {
    let format = Format::of(relative).unwrap_or(Format::Markdown);
    let mut document = match format {
        Format::Markdown => read_markdown(relative, shown_path, text)?,
        Format::Text => {
            let n = text::normalise(text, rules);
            Document {
                format,
                fields: n.fields(),
                front: n.header_front.clone(),
                front_offset: 0,
                date_found: n
                    .date
                    .as_ref()
                    .filter(|_| !n.headers.contains_key("date"))
                    .map(|d| d.found.clone()),
                body: n.body,
                dropped: n.dropped,
                notes: Vec::new(),
            }
        }
        Format::Rst => {
            let read = rst::read(text).map_err(|why| {
                vec![Diagnostic::new(shown_path, why).at_line(1).help(
                    "start the file with its title over a line of `=`, then Pelican's fields (`:date: 2016-01-19`), then the text",
                )]
            })?;
            Document {
                format,
                fields: read.fields,
                front: read.front,
                front_offset: 0,
                body: read.body,
                dropped: Vec::new(),
                date_found: None,
                notes: read.notes,
            }
        }
        Format::Html => {
            if crate::nesting::nests_deeper_than(text, crate::nesting::MAX_DEPTH) {
                return Err(vec![Diagnostic::new(
                    shown_path,
                    format!(
                        "the page's HTML nests elements more than {} deep; gazette does not read pages nested so deep (reading one would take minutes)",
                        crate::nesting::MAX_DEPTH
                    ),
                )
                .help("save the page again from a browser, or copy the article's text into a .txt file")]);
            }
            let e = html::extract(text, rules).map_err(|why| {
                vec![Diagnostic::new(shown_path, why).help(
                    "save the article's own page (not a front page or search results), or copy its text into a .txt file",
                )]
            })?;
            Document {
                format,
                fields: e.fields,
                front: String::new(),
                front_offset: 0,
                body: e.body,
                dropped: e.dropped,
                date_found: None,
                notes: Vec::new(),
            }
        }
    };
    // Jekyll's convention: `2016-01-19-canada-left-out.md` dates a post without a `date`.
    if !document.has_date() {
        if let Some(date) = filename_date(relative) {
            document.fields.insert("date".into(), Value::String(date));
            document.date_found = Some("the file name".into());
        }
    }
    // A Zola pattern: `path = "2019/05/15/slug"` and no `date`.
    if !document.has_date() {
        if let Some(date) = conventions::date_from_path(&document.fields) {
            document.fields.insert("date".into(), Value::String(date));
            document.date_found = Some("`path`".into());
        }
    }
    Ok(document)
}

/// Markdown with `+++`/`---` front matter, or else Pelican `Key: value` headers.
fn read_markdown(
    relative: &Path,
    shown_path: &Path,
    text: &str,
) -> Result<Document, Vec<Diagnostic>> {
    let located = |p: frontmatter::Problem| {
        let mut d = Diagnostic::new(shown_path, p.message).help(p.help);
        d.line = p.line;
        d.column = p.column;
        vec![d]
    };
    let split = match frontmatter::split(text) {
        Ok(split) => split,
        Err(problem) => {
            let Some(headers) = pelican::split(text, false) else {
                let mut problem = problem;
                if problem.message.starts_with("no front matter") {
                    problem.help.push_str(
                        "\n  or start it with Pelican-style lines: `Title: Headline`, `Date: 2016-01-19`, then a blank line",
                    );
                }
                return Err(located(problem));
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let body: Vec<&str> = text.split('\n').skip(headers.lines).collect();
            return Ok(Document {
                format: Format::Markdown,
                fields: headers.fields,
                front: headers.front,
                front_offset: 0,
                body: body.join("\n"),
                dropped: Vec::new(),
                date_found: None,
                notes: Vec::new(),
            });
        }
    };
    let (fields, mut notes) = frontmatter::parse_noting(&split).map_err(located)?;
    let yaml = split.format == frontmatter::Format::Yaml;
    // Jekyll's files are Liquid templates: their Liquid is translated before Markdown.
    let body = if liquid::is_jekyll(relative, yaml, &fields) {
        let first_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
        let (body, liquid_notes) = liquid::translate(split.body, relative, &fields, first_line);
        notes.extend(liquid_notes);
        body
    } else {
        split.body.to_string()
    };
    Ok(Document {
        format: Format::Markdown,
        fields,
        front: split.front.to_string(),
        front_offset: split.front_offset,
        body,
        dropped: Vec::new(),
        date_found: None,
        notes,
    })
}

/// The date at the start of a file name, `2016-01-19-…`, if it is a real date.
fn filename_date(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let date = stem.get(..10)?;
    let rest = &stem[10..];
    if !(rest.is_empty() || rest.starts_with(['-', '_'])) {
        return None;
    }
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|_| date.to_string())
}

/// Normalises a document into an article with the shared normaliser.
pub fn normalise(
    config: &Config,
    relative: &Path,
    shown_path: &Path,
    document: Document,
) -> Result<Article, Vec<Diagnostic>> {
    normalise_in(config, relative, shown_path, document, None)
}

/// Normalises as [`normalise`] does, for an article that may lead a page `bundle`.
fn normalise_in(
    config: &Config,
    relative: &Path,
    shown_path: &Path,
    document: Document,
    bundle: Option<&crate::loader::bundle::Bundle>,
) -> Result<Article, Vec<Diagnostic>> {
    record::normalise(
        record::Input {
            path: relative,
            shown: shown_path,
            front: &document.front,
            front_offset: document.front_offset,
            fields: document.fields,
            body: &document.body,
            bundle,
            notes: document.notes,
        },
        config,
    )
}

/// The path to show the user for a file relative to the site root: as they would type it
/// from where they ran gazette.
pub(crate) fn shown(config: &Config, relative: &Path) -> PathBuf {
    if config.root == Path::new(".") || config.root.as_os_str().is_empty() {
        relative.to_path_buf()
    } else {
        config.root.join(relative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let mut c = Config::parse(
            Path::new("."),
            "title = \"T\"\nbase_url = \"https://e.org/\"\ntimezone = \"America/Toronto\"\n",
        )
        .unwrap();
        c.root = PathBuf::from(".");
        c
    }

    fn parse(text: &str) -> Result<Article, Vec<Diagnostic>> {
        let path = Path::new("content/2016/a.md");
        parse_article(&config(), path, path, text)
    }

    /// Each case runs in TOML and YAML.
    fn both(toml: &str, yaml: &str) -> [Result<Article, Vec<Diagnostic>>; 2] {
        [
            parse(&format!("+++\n{toml}+++\n")),
            parse(&format!("---\n{yaml}---\n")),
        ]
    }

    #[test]
    fn a_full_record() {
        for result in both(
            "title = \"Québec votes\"\ndate = 2016-01-19T10:00:00\nupdated = \"2016-01-20\"\ntopics = \"ISIS, Canada, isis\"\ntags = [\"Québec\"]\nauthor = \"Jane Doe\"\nsource = { name = \"CBC News\", url = \"https://cbc.ca\" }\nimage = \"/a.jpg\"\nmood = \"grim\"\n",
            "title: Québec votes\ndate: 2016-01-19T10:00:00\nupdated: 2016-01-20\ntopics: ISIS, Canada, isis\ntags: [Québec]\nauthor: Jane Doe\nsource: {name: CBC News, url: \"https://cbc.ca\"}\nimage: /a.jpg\nmood: grim\n",
        ) {
            let a = result.unwrap();
            assert_eq!(a.title, "Québec votes");
            assert_eq!(a.slug, "quebec-votes");
            assert_eq!(a.url, "/2016/01/19/quebec-votes/");
            assert_eq!(a.date.to_rfc3339(), "2016-01-19T10:00:00-05:00");
            assert_eq!(a.updated.unwrap().to_rfc3339(), "2016-01-20T00:00:00-05:00");
            let topics: Vec<_> = a.topics.iter().map(|t| t.name.as_str()).collect();
            assert_eq!(topics, ["ISIS", "Canada", "Québec"]);
            assert_eq!(a.authors, ["Jane Doe"]);
            assert_eq!(a.source.unwrap().url.as_deref(), Some("https://cbc.ca"));
            assert_eq!(a.extra["mood"], "grim");
            assert!(!a.draft);
        }
    }

    #[test]
    fn summary_defaults_to_the_first_paragraph() {
        let long = "word ".repeat(120);
        let a = parse(&format!(
            "+++\ntitle = \"T\"\ndate = 2016-01-19\n+++\n# Head\n\n{long}\n\nSecond.\n"
        ))
        .unwrap();
        assert!(a.summary.ends_with('…'));
        assert!(a.summary.chars().count() <= 301);
        assert!(!a.summary.contains("Head"));
    }

    #[test]
    fn every_problem_of_a_file_is_reported() {
        for result in both(
            "titel = \"T\"\ndate = \"yesterday\"\ndraft = \"yes\"\nslug = \"\"\n",
            "titel: T\ndate: yesterday\ndraft: yes please\nslug: \"\"\n",
        ) {
            let problems = result.unwrap_err();
            let messages: Vec<_> = problems.iter().map(|p| p.to_string()).collect();
            assert_eq!(problems.len(), 4, "{messages:#?}");
            assert!(
                messages[0].contains("`title` is missing")
                    && messages[0].contains("did you mean `titel`"),
                "{messages:#?}"
            );
            let date = problems
                .iter()
                .find(|p| p.message.contains("yesterday"))
                .unwrap();
            assert_eq!(date.line, Some(3));
        }
    }

    #[test]
    fn slugs_that_escape_are_errors() {
        for slug in ["../../etc", "/abs/../.."] {
            let problems = parse(&format!(
                "+++\ntitle = \"T\"\ndate = 2016-01-19\nslug = \"{slug}\"\n+++\n"
            ))
            .unwrap_err();
            assert!(
                problems[0].message.contains("output folder"),
                "{problems:?}"
            );
            assert_eq!(problems[0].line, Some(4));
        }
    }

    #[test]
    fn addresses_that_become_links_must_be_web_addresses() {
        for (key, value) in [
            ("original_url", "javascript:alert(1)"),
            ("image", "javascript:alert(1)"),
            ("image", "//evil.example/x.png"),
            ("source", "{ name = \"X\", url = \"JaVaScRiPt:alert(1)\" }"),
        ] {
            let quoted = if value.starts_with('{') {
                value.to_string()
            } else {
                format!("\"{value}\"")
            };
            let problems = parse(&format!(
                "+++\ntitle = \"T\"\ndate = 2016-01-19\n{key} = {quoted}\n+++\n"
            ))
            .unwrap_err();
            assert_eq!(problems.len(), 1, "{key}: {problems:?}");
            assert_eq!(problems[0].line, Some(4));
        }
        let ok = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\nimage = \"/img/a.jpg\"\noriginal_url = \"https://cbc.ca/x\"\n+++\n");
        assert!(ok.is_ok());
    }

    #[test]
    fn ignored_names() {
        for name in [".hidden.md", ".#a.md", "a.md~", ".a.md.swp", "#a.md#"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }
}
