//! Other generators' conventions for where an article lives and where it used to be: Zola's
//! `path`, Hugo's `url`, Jekyll's `permalink`, `_posts/` file names and `redirect_from`,
//! relative `aliases` as Zola and Hugo resolve them, and the files that are not articles
//! (Zola's and Hugo's `_index.md` sections, Pelican's `pages/`). Issue 20: archives moved in
//! from these generators should keep their URLs without editing every file.
//!
//! Each rule is a small pure function of a file's path and front-matter fields, so the
//! normaliser (`record`) and the walk (`articles_of`) each call one line.

use std::path::{Component, Path};

use chrono::{DateTime, Datelike, FixedOffset};
use serde_json::{Map, Value};

use crate::slug::Slugs;

/// The keys that set an article's whole URL, in the order they are looked at: Zola's `path`,
/// Hugo's `url`, Jekyll's `permalink`.
pub(crate) const URL_KEYS: &[&str] = &["path", "url", "permalink"];

/// Keys only Hugo writes (a page with one is read by Hugo's rules): what tells a Hugo file
/// from a Zola one when both use `+++` TOML front matter.
const HUGO_ONLY_KEYS: &[&str] = &[
    "url",
    "publishDate",
    "expiryDate",
    "lastmod",
    "images",
    "linkTitle",
    "summary",
];

/// Whether a file of `content/` is a section's index rather than an article: Zola's and
/// Hugo's `_index.md`, which describe a list page (its title, its sort order) and never a
/// dated article. gazette's lists have no page of their own to describe, so these are left
/// out without a word.
pub(crate) fn is_section_index(path: &Path) -> bool {
    path.file_stem().is_some_and(|stem| stem == "_index")
}

/// Pelican's folder of pages (`content/pages/`, Pelican's default `PAGE_PATHS`): "About",
/// "Contact", never dated articles. gazette has no page kind for them, so they are left out,
/// with one warning naming the folder.
pub(crate) fn is_pelican_page(relative: &Path) -> bool {
    let mut parts = relative.components();
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(Component::Normal(c)), Some(Component::Normal(p)), Some(_))
            if c == "content" && p == "pages"
    )
}

/// Whether `text` looks like a BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`): letters
/// and digits in parts of 1 to 8 joined by `-`, the first of letters. Jekyll's `lang` goes
/// into the page's `lang` attribute, so nothing else may.
pub(crate) fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Whether `relative` is in a Jekyll `_posts` folder.
pub(crate) fn in_posts(relative: &Path) -> bool {
    relative
        .parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str() == "_posts"))
}

/// Whether `relative` is in a Jekyll `_drafts` folder: a draft unless it says otherwise.
pub(crate) fn in_drafts(relative: &Path) -> bool {
    relative
        .parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str() == "_drafts"))
}

/// The date at the start of Zola's `path` (`path = "2019/05/15/slug"`, also `2019-05-15-…`),
/// for a file with no `date`: a common Zola pattern keeps the date only there.
pub(crate) fn date_from_path(fields: &Map<String, Value>) -> Option<String> {
    let path = fields.get("path")?.as_str()?.trim_start_matches('/');
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = path.splitn(4, ['/', '-']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    let date = format!("{y}-{m}-{d}");
    chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .ok()
        .map(|_| date)
}

/// The slug of a Jekyll post from its file name, `2016-01-19-canada-left-out.md` →
/// `canada-left-out`: Jekyll's `:title` is the file name's, not the headline's.
pub(crate) fn posts_slug(relative: &Path, slugs: Slugs) -> Option<String> {
    let stem = relative.file_stem()?.to_str()?;
    let rest = without_date(stem)?;
    let slug = crate::slug::slugify(rest, slugs);
    (!slug.is_empty()).then_some(slug)
}

/// `name` without the date it starts with (`2016-01-19-story` → `story`), or None when it
/// does not start with one.
pub(super) fn without_date(name: &str) -> Option<&str> {
    let rest = name.get(10..)?.strip_prefix('-')?;
    chrono::NaiveDate::parse_from_str(&name[..10], "%Y-%m-%d").ok()?;
    Some(rest)
}

/// What a URL key's value means, for [`own_url`].
pub(crate) struct UrlFields<'a> {
    pub date: DateTime<FixedOffset>,
    pub slug: &'a str,
    /// The topic names of `categories`/`category`, for Jekyll's `:categories`.
    pub categories: Vec<String>,
    /// How the site makes slugs, `:categories`' among them.
    pub slugs: Slugs,
}

/// The site-relative URL an article's front matter gives it under `key` (one of
/// [`URL_KEYS`]), as that generator writes it:
/// - Zola's `path` is relative to the site root; the page is `path/index.html`, its URL
///   `/path/` (a leading `/` is dropped, as Zola drops it).
/// - Hugo's `url` is the whole path; one ending in a file name with an extension (`.html`) is
///   that file, any other a folder (`/about` → `/about/`).
/// - Jekyll's `permalink` may use Jekyll's placeholders (`:year`, `:month`, `:day`,
///   `:i_month`, `:i_day`, `:short_year`, `:title`, `:slug`, `:categories`); one ending in
///   `/` is a folder, one with an extension that file, and one with neither gets `.html`,
///   as Jekyll writes it (GitHub Pages serves `/about` from `about.html`).
///
/// Err says why the URL cannot be written inside the output folder.
pub(crate) fn own_url(key: &str, value: &str, fields: &UrlFields) -> Result<String, String> {
    let value = value.trim();
    if is_full_address(value) {
        return Err(format!(
            "`{key}` = {value:?} is a full address; the article's page is written in this site, at a path"
        ));
    }
    let url = match key {
        "path" => format!("/{}/", value.trim_matches('/')),
        "url" => {
            let path = format!("/{}", value.trim_start_matches('/'));
            if path.ends_with('/') || has_extension(&path) {
                path
            } else {
                format!("{path}/")
            }
        }
        _ => {
            let path = format!(
                "/{}",
                jekyll_placeholders(value, fields).trim_start_matches('/')
            );
            if path.ends_with('/') || has_extension(&path) {
                path
            } else {
                format!("{path}.html")
            }
        }
    };
    crate::permalink::checked(&url)
}

/// Whether `value` is a full address (`https://example.org/x/`, `//example.org/x/`) rather
/// than a path of the site: what a URL key or an alias cannot be, since its page is written
/// in this site's output folder.
pub(crate) fn is_full_address(value: &str) -> bool {
    let value = value.trim();
    value.starts_with("//")
        || value.split_once("://").is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// An old URL as the file its redirect page is written to: one whose last part has no
/// extension (`/posts/old`) is a folder (`/posts/old/`, its `index.html`), as Hugo writes
/// aliases. A file without an extension would be served as a download, not a page, and
/// every static host answers `/posts/old` from `/posts/old/index.html`.
pub(crate) fn as_page_path(path: &str) -> String {
    if path.ends_with('/') || has_extension(path) {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// Whether the last part of a URL path has an extension (`x.html`, `feed.xml`).
fn has_extension(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.rsplit_once('.')
        .is_some_and(|(name, ext)| !name.is_empty() && !ext.is_empty())
}

/// Jekyll's permalink placeholders, filled from the article.
fn jekyll_placeholders(pattern: &str, fields: &UrlFields) -> String {
    let date = fields.date;
    let categories: Vec<String> = fields
        .categories
        .iter()
        .map(|c| crate::slug::slugify(c, fields.slugs))
        .filter(|c| !c.is_empty())
        .collect();
    // Longest names first, so `:i_month` is not read as `:i` + `_month`, nor `:short_year` as
    // `:short` + …, and `:year` inside `:short_year` is replaced after it.
    pattern
        .replace(":categories", &categories.join("/"))
        .replace(":short_year", &format!("{:02}", date.year() % 100))
        .replace(":i_month", &date.month().to_string())
        .replace(":i_day", &date.day().to_string())
        .replace(":year", &format!("{:04}", date.year()))
        .replace(":month", &format!("{:02}", date.month()))
        .replace(":day", &format!("{:02}", date.day()))
        .replace(":title", fields.slug)
        .replace(":slug", fields.slug)
}

/// An alias as the generator that wrote it means it, as a site path starting with `/`:
/// - with a leading `/`, it is that path;
/// - without one, Zola reads it from the site root (`aliases = ["2019/05/15/slug.html"]` is
///   `/2019/05/15/slug.html`), and Hugo from the page's own folder (`aliases = ["old"]` in
///   `content/posts/new.md` is `/posts/old`): Hugo's rule applies when the front matter has a
///   key only Hugo writes ([`HUGO_ONLY_KEYS`]), Zola's otherwise. Jekyll's `redirect_from`
///   paths are always from the root.
pub(crate) fn resolve_alias(alias: &str, fields: &Map<String, Value>, relative: &Path) -> String {
    if alias.starts_with('/') {
        return alias.to_string();
    }
    let hugo = HUGO_ONLY_KEYS.iter().any(|k| fields.contains_key(*k));
    if !hugo {
        return format!("/{alias}");
    }
    // The page's folder under content/, as Hugo's URL for it has it.
    let folder: Vec<String> = relative
        .parent()
        .map(|p| {
            p.components()
                .skip(1)
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    if folder.is_empty() {
        format!("/{alias}")
    } else {
        format!("/{}/{alias}", folder.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(toml: &str) -> Map<String, Value> {
        let table: toml::Table = toml::from_str(toml).unwrap();
        serde_json::to_value(table)
            .unwrap()
            .as_object()
            .unwrap()
            .clone()
    }

    #[test]
    fn a_date_at_the_start_of_zola_s_path() {
        for (path, date) in [
            ("2019/05/15/slug", Some("2019-05-15")),
            ("/2019/05/15/", Some("2019-05-15")),
            ("2019-05-15-slug", Some("2019-05-15")),
            ("blog/2019/05/15/slug", None),
            ("2019/13/15/slug", None),
            ("about", None),
        ] {
            let f = fields(&format!("path = {path:?}"));
            assert_eq!(date_from_path(&f).as_deref(), date, "{path}");
        }
    }

    #[test]
    fn each_generator_s_url_key() {
        let date = DateTime::parse_from_rfc3339("2019-03-05T10:00:00+00:00").unwrap();
        let f = UrlFields {
            date,
            slug: "hello",
            categories: vec!["Release Notes".into()],
            slugs: Slugs::Ascii,
        };
        for (key, value, url) in [
            ("path", "2019/05/15/slug", "/2019/05/15/slug/"),
            ("path", "/about/", "/about/"),
            ("url", "/about", "/about/"),
            ("url", "/old/page.html", "/old/page.html"),
            (
                "permalink",
                "/:categories/:year/:month/:day/:title/",
                "/release-notes/2019/03/05/hello/",
            ),
            (
                "permalink",
                "/:year/:i_month/:i_day/:title",
                "/2019/3/5/hello.html",
            ),
            ("permalink", "/:short_year/:slug.html", "/19/hello.html"),
        ] {
            assert_eq!(own_url(key, value, &f).unwrap(), url, "{key} = {value}");
        }
        assert!(own_url("url", "/../../etc/", &f).is_err());
        for full in ["https://example.org/x/", "//example.org/x/", "http://x"] {
            assert!(own_url("url", full, &f).is_err(), "{full}");
            assert!(is_full_address(full), "{full}");
        }
        assert!(!is_full_address("/2019/05/x:y/"));
    }

    #[test]
    fn relative_aliases_as_zola_and_hugo_read_them() {
        let zola = fields("title = \"x\"");
        let hugo = fields("title = \"x\"\nlastmod = 2019-01-01");
        let path = Path::new("content/posts/new.md");
        assert_eq!(
            resolve_alias("2019/05/15/slug.html", &zola, path),
            "/2019/05/15/slug.html"
        );
        assert_eq!(resolve_alias("old", &hugo, path), "/posts/old");
        assert_eq!(as_page_path("/posts/old"), "/posts/old/");
        assert_eq!(as_page_path("/old.html"), "/old.html");
        assert_eq!(as_page_path("/kept/"), "/kept/");
        assert_eq!(resolve_alias("/kept/", &hugo, path), "/kept/");
        assert_eq!(
            resolve_alias("old", &hugo, Path::new("content/top.md")),
            "/old"
        );
    }

    #[test]
    fn which_files_are_not_articles() {
        assert!(is_section_index(Path::new("content/blog/_index.md")));
        assert!(!is_section_index(Path::new("content/blog/index.md")));
        assert!(is_pelican_page(Path::new("content/pages/about.md")));
        assert!(!is_pelican_page(Path::new("content/2016/pages/about.md")));
        assert!(!is_pelican_page(Path::new("content/pages.md")));
        assert!(in_posts(Path::new("content/_posts/2019-01-01-x.md")));
        assert!(in_drafts(Path::new("content/_drafts/x.md")));
        assert!(!in_drafts(Path::new("content/_posts/x.md")));
        assert_eq!(
            posts_slug(
                Path::new("content/_posts/2019-01-01-Hello_World.md"),
                Slugs::Ascii
            )
            .as_deref(),
            Some("hello-world")
        );
    }
}

/// No input makes the new readers panic: Liquid, reStructuredText and lenient YAML are made
/// of pieces of each syntax strung together at random (issue 20; "no panics on any input").
#[cfg(test)]
mod no_panics {
    use proptest::prelude::*;
    use std::path::Path;

    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("{%".to_string()),
            Just("%}".to_string()),
            Just("{{".to_string()),
            Just("}}".to_string()),
            Just("{% raw %}".to_string()),
            Just("{% endraw %}".to_string()),
            Just("{% highlight ruby %}".to_string()),
            Just("{% endhighlight %}".to_string()),
            Just("{% link a.md %}".to_string()),
            Just("{{ page.title }}".to_string()),
            Just("\n".to_string()),
            Just("    ".to_string()),
            Just("=====".to_string()),
            Just("::".to_string()),
            Just(".. ".to_string()),
            Just(":date: 2019-01-01".to_string()),
            Just("`x <http://e.org>`_".to_string()),
            Just("``".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("key: \"".to_string()),
            Just("'".to_string()),
            Just("key: x".to_string()),
            "[A-Za-zé€ ]{0,6}",
        ];
        proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn liquid_rst_and_yaml_never_panic(text in pieces()) {
            let fields = serde_json::Map::new();
            let _ = crate::loader::liquid::translate(&text, Path::new("content/_posts/a.md"), &fields, 1);
            let _ = crate::loader::rst::read(&text);
            let _ = crate::loader::yaml::load(&text);
        }
    }
}
