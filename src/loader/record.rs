//! Normalising parsed front matter and a body into an [`Article`].
//!
//! Each field is read by one small function that either gives a value or says, with the key's
//! line, what is wrong. All of a file's problems are collected so the user fixes them in one
//! go. A key that is present but empty is an error rather than a silent default.

use std::path::Path;

use serde_json::{Map, Value};

use super::conventions;
use crate::article::{Article, ArticleTopic, Body, Source, UnknownKey};
use crate::config::Config;
use crate::error::{closest, Diagnostic};
use crate::markdown;
use crate::permalink::Fields;
use crate::position::key_line;
use crate::slug::{slugify, Slugs};
use crate::web::is_web_address;

/// How long a default summary may be, in characters.
const SUMMARY_LENGTH: usize = 300;

/// What a body's HTML holds when it has a `@/` link (see [`crate::links`]): the loader notes
/// it ([`Article::links_to_articles`]) so `links::resolve` need not unpack every body. It is
/// `links::PREFIX` inside an attribute, spelt out here because links runs after the loader
/// and depends on it, not the reverse; a test in links checks that the two agree.
pub(crate) const LINK_MARKER: &str = "=\"@/";

/// How to fix a slug that makes a URL outside the output folder.
const SLUG_HELP: &str = "use a slug made of plain words, e.g. slug = \"canada-left-out\"";

/// The longest slug made from a headline, in bytes.
const MAX_SLUG: usize = 80;

/// Keys the normaliser reads; anything else goes to `extra`.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "modified",
    "slug",
    "summary",
    "topics",
    "tags",
    "categories",
    "taxonomies",
    "authors",
    "author",
    "source",
    "original_url",
    "image",
    "images",
    "draft",
    "extra",
    "aliases",
    // Other generators' spellings (Jekyll, Hugo, Zola, Pelican) and the fields of scraped
    // articles: issue 8.
    "published",
    "description",
    "excerpt",
    "category",
    "standfirst",
    "byline",
    "dateline",
    "related_headlines",
    "media",
    // Scheduling, in Hugo's spelling (camelCase, or lowercased as Pelican headers are) and
    // snake_case: issue 19.
    "publishDate",
    "publishdate",
    "publish_date",
    "expiryDate",
    "expirydate",
    "expiry_date",
    "expires",
    // Where the article is and was, in Zola's, Hugo's and Jekyll's spellings, and its
    // language (Jekyll's `lang`): issue 20, see `conventions`.
    "path",
    "url",
    "permalink",
    "redirect_from",
    "lang",
    "layout",
    // Its language and translations (issue 17): see `super::language`.
    "language",
    "locale",
    "translation_key",
    "translationKey",
    // Corrections and the note of an update (issue 19).
    "corrections",
    "update_note",
];

/// Keys read without a warning that still go to `extra` for templates: Jekyll's `lang` (the
/// article's language, see `super::language`, kept for themes that read `extra.lang`) and
/// `layout` (Jekyll's template name, which has no meaning here).
const PASSED_KEYS: &[&str] = &["lang", "layout"];

/// The keys of the date an article may appear from, and of the date it is taken down.
const PUBLISH_KEYS: &[&str] = &["publishDate", "publishdate", "publish_date"];
const EXPIRY_KEYS: &[&str] = &["expiryDate", "expirydate", "expiry_date", "expires"];

/// The inputs of one article: where it is, its parsed front matter and its Markdown body.
pub(crate) struct Input<'a> {
    /// The file, relative to the site root.
    pub path: &'a Path,
    /// The path to show in messages.
    pub shown: &'a Path,
    /// The front matter text, for finding a key's line.
    pub front: &'a str,
    /// Lines above the front matter in the file.
    pub front_offset: usize,
    /// The parsed front matter.
    pub fields: Map<String, Value>,
    /// The Markdown body.
    pub body: &'a str,
    /// The page bundle the article leads, when it is a bundle's `index.md`.
    pub bundle: Option<&'a crate::loader::bundle::Bundle>,
    /// Warnings found while reading the file, for the record.
    pub notes: Vec<crate::article::Note>,
}

/// Normalises one article, or returns every problem found in it.
pub(crate) fn normalise(mut input: Input, config: &Config) -> Result<Article, Vec<Diagnostic>> {
    let notes = std::mem::take(&mut input.notes);
    let mut reader = Reader {
        input: &input,
        problems: Vec::new(),
    };
    let title = reader.required_string("title", "title = \"Headline of the article\"");
    // Jekyll's `published` is a flag (`published: false` hides a post); elsewhere it is the
    // publication date.
    let date = match reader.get("published") {
        Some(Value::String(_)) if reader.get("date").is_none() => {
            reader.date("published", true, config)
        }
        _ => reader.date("date", true, config),
    };
    let updated = ["updated", "lastmod", "modified"]
        .iter()
        .find_map(|k| reader.date(k, false, config));
    let update_note = reader.update_note();
    let corrections = reader.corrections(config);
    let publish_date = PUBLISH_KEYS
        .iter()
        .find_map(|k| reader.date(k, false, config));
    let expiry_date = EXPIRY_KEYS
        .iter()
        .find_map(|k| reader.date(k, false, config));
    let explicit_slug = reader.string("slug");
    let summary = ["summary", "description", "excerpt"]
        .iter()
        .find_map(|k| reader.string(k));
    let topic_names = reader.names(
        &["topics", "tags", "categories", "category"],
        "topic",
        config,
    );
    let mut topics = reader.topics(topic_names, config);
    let authors: Vec<String> = reader
        .names(&["authors", "author"], "author", config)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let source = reader.source();
    let original_url = reader.web_address("original_url");
    let (image, problems) = super::image::lead_image(&input.fields);
    for problem in problems {
        reader.problem(problem.key, problem.message, &problem.help);
    }
    // A file in Jekyll's `_drafts/` is a draft unless it says otherwise.
    let draft = match reader.get("draft") {
        None => conventions::in_drafts(input.path),
        Some(_) => reader.bool("draft"),
    } || matches!(reader.get("published"), Some(Value::Bool(false)));
    let standfirst = reader.string("standfirst");
    let byline = reader.string("byline");
    let dateline = reader.string("dateline");
    let related_headlines = reader.strings("related_headlines");
    let media = reader.media();
    let aliases = reader.aliases();
    let extra = reader.extra();
    let unknown_keys = reader.unknown_keys(config);

    let placed =
        super::language::place(reader.language().as_deref(), input.path, &config.languages);
    let translation_key = ["translation_key", "translationKey"]
        .iter()
        .find_map(|k| reader.string(k));
    // A Jekyll post's slug is its file name's (`_posts/2016-01-19-slug.md`), its language's
    // folder or suffix aside.
    let plain = placed.plain.as_path();
    let posts_slug = conventions::in_posts(plain)
        .then(|| conventions::posts_slug(plain, config.slugs))
        .flatten();
    let slug = match (&explicit_slug, &title) {
        (Some(slug), _) => Some(slug.clone()),
        (None, _) if posts_slug.is_some() => posts_slug,
        (None, Some(title)) => {
            match super::naming::default_slug(title, plain, MAX_SLUG, config.slugs) {
                None if title.is_ascii() => {
                    reader.problem(
                        "title",
                        "the title has no letters or digits to make a URL slug from".into(),
                        "add slug = \"a-name-for-the-url\"",
                    );
                    None
                }
                None => {
                    reader.problem(
                    "title",
                    "neither the title nor the file name has letters or digits to make a URL slug from (emoji and symbols make none)".into(),
                    "add slug = \"a-name-for-the-url\" (letters of any script), or give the file a name with letters",
                );
                    None
                }
                slug => slug,
            }
        }
        (None, None) => None,
    };

    let (Some(title), Some(date), Some(slug)) = (title, date, slug) else {
        return Err(reader.problems);
    };
    let filename = plain
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let section = section_of(plain);
    let fields = Fields {
        date,
        slug: &slug,
        filename: &filename,
        section: &section,
    };
    // Zola's `path`, Hugo's `url` or Jekyll's `permalink` give the article its own URL.
    let own_url = conventions::URL_KEYS
        .iter()
        .find_map(|k| reader.string(k).map(|v| (*k, v)));
    let expanded = match &own_url {
        Some((key, value)) => {
            let url_fields = conventions::UrlFields {
                date,
                slug: &slug,
                categories: reader.category_names(),
                slugs: config.slugs,
            };
            conventions::own_url(key, value, &url_fields)
        }
        None => placed.language.permalink.expand(&fields),
    };
    let url = match expanded {
        Ok(url) => Some(url),
        Err(why) => {
            let (key, help) = match &own_url {
                Some((key, _)) => (*key, "write a path of the site made of plain words, e.g. \"/2016/01/19/canada-left-out/\""),
                None if explicit_slug.is_some() => ("slug", SLUG_HELP),
                None => ("title", SLUG_HELP),
            };
            let message = match &own_url {
                Some((key, _)) => {
                    format!("`{key}` cannot place the article inside the output folder: {why}")
                }
                None => format!("this article cannot be written inside the output folder: {why}"),
            };
            reader.problem(key, message, help);
            None
        }
    };
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    let url = url.unwrap_or_default();
    let local = input
        .bundle
        .map(|bundle| crate::loader::bundle::Local::new(bundle, config, &url));
    let named = |dest: &str| local.as_ref().and_then(|l| l.named(dest));
    let rendered = markdown::render(
        input.body,
        markdown::Options {
            unsafe_html: config.unsafe_html,
            base_path: &config.base_path,
            bundle: local.is_some().then_some(&named as markdown::Bundled),
            slugs: config.slugs,
        },
    );
    if rendered.too_deep {
        return Err(vec![Diagnostic::new(
            input.shown,
            format!(
                "the body's raw HTML nests elements more than {} deep; gazette does not read HTML nested so deep (sanitising it would take minutes)",
                crate::nesting::MAX_DEPTH
            ),
        )
        .help("close the HTML elements the body opens, or take the raw HTML out")]);
    }
    // One pass over title and text finds every auto topic the article mentions.
    let text = format!("{title}\n{}", rendered.text);
    for decl in config.topics.mentioned(&text) {
        if !topics.iter().any(|t| t.declared == Some(decl)) {
            topics.push(ArticleTopic {
                name: config.topics.decls()[decl].name.clone(),
                declared: Some(decl),
                inferred: true,
            });
        }
    }
    let (image, bundle) = match &local {
        None => (image, Vec::new()),
        Some(local) => local
            .settle(image, &url, &rendered.bundle_used)
            .map_err(|why| {
                vec![Diagnostic::new(input.shown, why)
                    .help("rename the file: the article's page is written there")]
            })?,
    };
    // The front matter's summary, else the text before `<!-- more -->`, else the standfirst.
    let mut summary = summary
        .or(rendered.before_more)
        .or_else(|| standfirst.clone())
        .unwrap_or_else(|| markdown::shorten(&rendered.first_paragraph, SUMMARY_LENGTH));
    // Records live for the whole build: no spare capacity in 100,000 of them.
    summary.shrink_to_fit();
    Ok(Article {
        lang: placed.language.code,
        plain: placed.plain,
        translation_key,
        path: input.path.to_path_buf(),
        title,
        date,
        updated,
        update_note,
        corrections,
        slug,
        url,
        summary,
        topics,
        authors,
        source,
        original_url,
        image,
        draft,
        publish_date,
        expiry_date,
        extra,
        body: Body::new(
            &rendered.html,
            if config.search.enabled && config.search.body {
                &rendered.text
            } else {
                ""
            },
        ),
        links_to_articles: rendered.html.contains(LINK_MARKER),
        words: rendered.words,
        aliases,
        standfirst,
        byline,
        dateline,
        related_headlines,
        media,
        unknown_keys,
        bundle,
        notes,
    })
}

/// The problem of a front-matter key gazette does not know, in the file shown as `shown`: a
/// warning, or an error with `[content] strict = true`. Made from the record's
/// [`UnknownKey`], so a record taken from the record cache warns as a parsed one does.
pub(crate) fn unknown_key(shown: &Path, unknown: &UnknownKey, config: &Config) -> Diagnostic {
    let key = &unknown.key;
    let declare = format!("[content] extra_keys = [{key:?}] in site.toml");
    let help = match closest(key, KNOWN_KEYS.iter().copied()) {
        Some(near) => format!(
            "did you mean `{near}`? If `{key}` is a key of your own, declare it with {declare}"
        ),
        None => format!(
            "if `{key}` is a key of your own, declare it with {declare} (templates read it as `article.extra.{key}`)"
        ),
    };
    let message = if config.strict_keys {
        format!("unknown front-matter key `{key}` ([content] strict = true)")
    } else {
        format!("unknown front-matter key `{key}`")
    };
    let d = Diagnostic::new(shown, message).help(help);
    match unknown.line {
        Some(line) => d.at_line(line),
        None => d,
    }
}

/// The most topics, and the most authors, one article may have (issue 15). Each has a page
/// listing its articles, each shown with all of its topics and authors, so one article
/// with 10,000 made 10,000 pages of 10,000 links: 100 million links and 90 s.
const MAX_NAMES: usize = 200;

/// A value shortened for an error message.
fn clip(text: &str) -> String {
    crate::markdown::shorten(text, 60)
}

/// The first folder under `content/`, for the `:section` permalink token.
fn section_of(path: &Path) -> String {
    let mut parts = path.iter().skip(1);
    match (parts.next(), parts.next()) {
        (Some(first), Some(_)) => first.to_string_lossy().into_owned(),
        _ => String::new(),
    }
}

/// A topic's `[topics.<slug>]` table name for a help message, quoted when TOML needs it.
fn table_name(name: &str, slugs: Slugs) -> String {
    match slugify(name, slugs) {
        slug if slug.is_ascii() => slug,
        slug => format!("{slug:?}"),
    }
}

/// Reads typed fields out of front matter, collecting problems.
struct Reader<'a> {
    input: &'a Input<'a>,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn problem(&mut self, key: &str, message: String, help: &str) {
        let mut d = Diagnostic::new(self.input.shown, message).help(help);
        if let Some(line) = key_line(self.input.front, key) {
            d = d.at_line(line + self.input.front_offset);
        }
        self.problems.push(d);
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.input.fields.get(key).filter(|v| !v.is_null())
    }

    /// A string that, when present, is not empty.
    fn string(&mut self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::String(_) => {
                self.problem(
                    key,
                    format!("`{key}` is empty"),
                    &format!("give `{key}` a value or remove the line"),
                );
                None
            }
            other => {
                let shown = other.to_string();
                self.problem(
                    key,
                    format!("`{key}` must be text, not {shown}"),
                    &format!("put the value in quotes: {key} = \"…\""),
                );
                None
            }
        }
    }

    /// A string that must be an http(s) address: these become links, and a `javascript:`
    /// one would run in the reader's browser.
    fn web_address(&mut self, key: &str) -> Option<String> {
        let value = self.string(key)?;
        if is_web_address(&value) {
            Some(value)
        } else {
            self.problem(
                key,
                format!("`{key}` = {value:?} is not an http:// or https:// address"),
                "write the full address, e.g. \"https://www.cbc.ca/news/…\"",
            );
            None
        }
    }

    fn required_string(&mut self, key: &str, example: &str) -> Option<String> {
        if self.get(key).is_none() {
            let near = closest(
                key,
                self.input
                    .fields
                    .keys()
                    .map(String::as_str)
                    // A key gazette reads (Zola's `path`) is no misspelling of another.
                    .filter(|k| *k != key && !KNOWN_KEYS.contains(k)),
            );
            let help = match near {
                Some(near) => format!("did you mean `{near}`? Rename it to `{key}`"),
                None => format!("add {example}"),
            };
            let d = Diagnostic::new(self.input.shown, format!("`{key}` is missing")).help(help);
            self.problems.push(d.at_line(self.input.front_offset));
            return None;
        }
        self.string(key)
    }

    fn date(
        &mut self,
        key: &str,
        required: bool,
        config: &Config,
    ) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        if self.get(key).is_none() {
            if required {
                let near = closest(
                    key,
                    self.input
                        .fields
                        .keys()
                        .map(String::as_str)
                        // A key gazette reads (Zola's `path`) is no misspelling of another.
                        .filter(|k| *k != key && !KNOWN_KEYS.contains(k)),
                );
                let help = match near {
                    Some(near) => format!("did you mean `{near}`? Rename it to `{key}`"),
                    None => format!("add the publication date, e.g. {key} = 2016-01-19"),
                };
                let d = Diagnostic::new(self.input.shown, format!("`{key}` is missing")).help(help);
                self.problems.push(d.at_line(self.input.front_offset));
            }
            return None;
        }
        if !matches!(self.get(key), Some(Value::String(_))) {
            let shown = self.get(key).map(|v| v.to_string()).unwrap_or_default();
            self.problem(
                key,
                format!("`{key}` must be a date, not {}", clip(&shown)),
                &format!("write it as {}", crate::date::ACCEPTED_FORMS),
            );
            return None;
        }
        let text = self.string(key)?;
        match crate::date::read(&text, config.timezone) {
            Ok(date) => Some(date),
            Err(e) => {
                self.problem(key, e.message(key, &clip(&text)), &e.help());
                None
            }
        }
    }

    fn bool(&mut self, key: &str) -> bool {
        match self.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let shown = other.to_string();
                self.problem(
                    key,
                    format!("`{key}` must be true or false, not {shown}"),
                    &format!("write {key} = true or {key} = false, without quotes"),
                );
                false
            }
        }
    }

    /// Names from a list or a comma-separated string under any of `keys` (and Zola's
    /// `[taxonomies]`), deduplicated by slug: "ISIS" and "isis" are one name.
    fn names(&mut self, keys: &[&str], what: &str, config: &Config) -> Vec<(String, String)> {
        let mut values: Vec<(String, Value)> = keys
            .iter()
            .filter_map(|k| self.get(k).map(|v| (k.to_string(), v.clone())))
            .collect();
        if what == "topic" {
            if let Some(Value::Object(taxonomies)) = self.get("taxonomies") {
                for key in keys {
                    if let Some(v) = taxonomies.get(*key) {
                        values.push((key.to_string(), v.clone()));
                    }
                }
            }
        }
        let mut names = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (key, value) in values {
            let items: Vec<Value> = match value {
                Value::String(s) => s.split(',').map(|p| Value::String(p.to_string())).collect(),
                Value::Array(items) => items,
                other => {
                    self.problem(&key, format!("`{key}` must be a list of names or a comma-separated string, not {other}"), &format!("write {key} = [\"First\", \"Second\"]"));
                    continue;
                }
            };
            for item in items {
                let Value::String(name) = item else {
                    self.problem(
                        &key,
                        format!("every {what} in `{key}` must be text, not {item}"),
                        "put each name in quotes",
                    );
                    continue;
                };
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                if name.is_empty() {
                    continue;
                }
                let slug = slugify(&name, config.slugs);
                if slug.is_empty() {
                    self.problem(
                        &key,
                        format!("the {what} {name:?} has no letters or digits to make a URL from"),
                        &format!("spell the {what} with letters or digits"),
                    );
                } else if seen.insert(config.topics.key(&name)) {
                    names.push((name, key.clone()));
                }
            }
        }
        if names.len() > MAX_NAMES {
            let key = names[MAX_NAMES].1.clone();
            self.problem(
                &key,
                format!("`{key}` makes {} {what}s; an article may have at most {MAX_NAMES}", names.len()),
                &format!("keep the {what}s that matter most: each {what} has a page listing its articles with all of theirs, so thousands on one article make millions of links"),
            );
            names.truncate(MAX_NAMES);
        }
        names
    }

    /// Maps topic names to declared topics; in strict mode an undeclared one is an error.
    fn topics(&mut self, names: Vec<(String, String)>, config: &Config) -> Vec<ArticleTopic> {
        let mut topics: Vec<ArticleTopic> = Vec::with_capacity(names.len());
        for (name, key) in names {
            match config.topics.resolve(&name) {
                Some(decl) if topics.iter().any(|t| t.declared == Some(decl)) => {}
                Some(decl) => topics.push(ArticleTopic {
                    name: config.topics.decls()[decl].name.clone(),
                    declared: Some(decl),
                    inferred: false,
                }),
                None if config.strict_topics => {
                    let help = match config.topics.closest(&name) {
                        Some(near) => format!(
                            "did you mean \"{}\"? Or declare it in site.toml: [topics.{}] name = {name:?}",
                            near.name,
                            table_name(&name, config.slugs)
                        ),
                        None => format!("declare it in site.toml: [topics.{}] name = {name:?}", table_name(&name, config.slugs)),
                    };
                    self.problem(&key, format!("the topic {name:?} is not declared in site.toml ([topics_config] strict = true)"), &help);
                }
                None => topics.push(ArticleTopic {
                    name,
                    declared: None,
                    inferred: false,
                }),
            }
        }
        topics
    }

    fn source(&mut self) -> Option<Source> {
        match self.get("source")?.clone() {
            Value::String(name) if !name.trim().is_empty() => Some(Source {
                name: name.trim().to_string(),
                url: None,
            }),
            Value::Object(table) => {
                let name = table
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|n| !n.is_empty());
                let url = table
                    .get("url")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|u| !u.is_empty());
                if let Some(url) = url.filter(|u| !is_web_address(u)) {
                    self.problem(
                        "source",
                        format!("`source.url` = {url:?} is not an http:// or https:// address"),
                        "write the outlet's home page, e.g. url = \"https://www.cbc.ca/news\"",
                    );
                    return None;
                }
                match name {
                    Some(name) => Some(Source {
                        name: name.to_string(),
                        url: url.map(str::to_string),
                    }),
                    None => {
                        self.problem("source", "`source` has no `name`".into(), "write source = \"CBC News\" or source = { name = \"CBC News\", url = \"https://www.cbc.ca/news\" }");
                        None
                    }
                }
            }
            _ => {
                self.problem("source", "`source` must be the outlet's name or a table with `name` and `url`".into(), "write source = \"CBC News\" or source = { name = \"CBC News\", url = \"https://www.cbc.ca/news\" }");
                None
            }
        }
    }

    /// The keys gazette does not read that the site did not declare either; in strict mode
    /// each is a problem, otherwise kept for a warning (see [`unknown_key`]). Keys inside
    /// `[extra]` are the site's by definition.
    fn unknown_keys(&mut self, config: &Config) -> Vec<UnknownKey> {
        let mut unknown: Vec<UnknownKey> = self
            .input
            .fields
            .keys()
            .filter(|k| !KNOWN_KEYS.contains(&k.as_str()) && !config.extra_keys.contains(k))
            .map(|key| UnknownKey {
                key: key.clone(),
                line: key_line(self.input.front, key).map(|l| l + self.input.front_offset),
            })
            .collect();
        unknown.sort_by_key(|k| k.line);
        if config.strict_keys {
            for key in unknown.drain(..) {
                self.problems
                    .push(unknown_key(self.input.shown, &key, config));
            }
        }
        unknown
    }

    /// The language tag the front matter gives (`lang`, `language` or `locale`), checked;
    /// `lang` is checked where `extra` is made, as templates see it.
    fn language(&mut self) -> Option<String> {
        for key in super::language::LANGUAGE_KEYS {
            let Some(tag) = self.string(key) else {
                continue;
            };
            let tag = crate::config::languages::normalise_tag(&tag);
            if conventions::is_language_tag(&tag) {
                return Some(tag);
            }
            if *key != "lang" {
                self.problem(
                    key,
                    format!("`{key}` = {:?} is not a language tag", clip(&tag)),
                    "write a BCP 47 tag such as \"en\", \"fr\" or \"pt-BR\"",
                );
            }
            return None;
        }
        None
    }

    /// Every key the normaliser does not read, plus the contents of an `extra` table.
    fn extra(&mut self) -> Map<String, Value> {
        let mut extra: Map<String, Value> = self
            .input
            .fields
            .iter()
            .filter(|(k, _)| !KNOWN_KEYS.contains(&k.as_str()) || PASSED_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let Some(lang) = self.string("lang") {
            if !conventions::is_language_tag(&lang) {
                self.problem(
                    "lang",
                    format!("`lang` = {:?} is not a language tag", clip(&lang)),
                    "write a BCP 47 tag such as \"en\", \"fr\" or \"pt-BR\"",
                );
                extra.remove("lang");
            }
        }
        match self.input.fields.get("extra") {
            None => {}
            Some(Value::Object(table)) => {
                for (k, v) in table {
                    extra.insert(k.clone(), v.clone());
                }
            }
            Some(_) => self.problem(
                "extra",
                "`extra` must be a table".into(),
                "write [extra] followed by key = value lines",
            ),
        }
        extra
    }
}

#[path = "record_lists.rs"]
mod lists;

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
