//! Links between articles by their content path: `[see](@/2016/01/x.md)`.
//!
//! A URL changes when the permalink pattern or a slug does; a content path does not, so an
//! article can link another by its file (Zola's `@/` links). The loader renders Markdown one
//! file at a time, before every URL is known, so the `@/` hrefs are left as written and
//! rewritten here, once all articles are loaded. A link to no article is a build error
//! naming the file and, where it can be found, the line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::article::{Article, Bodies, Body};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::loader;

/// The prefix of a link by content path.
pub(crate) const PREFIX: &str = "@/";

/// What a `@/` link points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// An article that is published: its site-relative URL.
    Article(String),
    /// An article marked `draft = true` that this build leaves out.
    Draft,
    /// No article has that path.
    Missing,
}

/// The articles by content path (`2016/01/x.md`), for resolving `@/` links.
pub(crate) struct Index {
    by_path: HashMap<PathBuf, (String, bool)>,
    drafts: bool,
}

impl Index {
    /// Indexes `articles`; drafts count as published when `drafts` is true.
    pub(crate) fn new(articles: &[Article], drafts: bool) -> Index {
        let by_path = articles
            .iter()
            .map(|a| {
                let relative = a.path.strip_prefix("content").unwrap_or(&a.path);
                (relative.to_path_buf(), (a.url.clone(), a.draft))
            })
            .collect();
        Index { by_path, drafts }
    }

    /// What `@/path` (given without the `@/` and any `#fragment`, decoded) points to.
    pub(crate) fn target(&self, path: &str) -> Target {
        match self.by_path.get(Path::new(path.trim_start_matches('/'))) {
            Some((url, draft)) if !*draft || self.drafts => Target::Article(url.clone()),
            Some(_) => Target::Draft,
            None => Target::Missing,
        }
    }
}

/// Splits `@/2016/x.md#part` into its decoded path and its fragment (with `#`), or `None`
/// when `href` is not a content-path link.
pub(crate) fn split(href: &str) -> Option<(String, &str)> {
    let rest = href.strip_prefix(PREFIX)?;
    let (path, fragment) = match rest.find('#') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    Some((path, fragment))
}

/// Rewrites every `@/` link in the published articles to its target's URL (with the base
/// path), and returns a diagnostic for each that points to no published article.
pub(crate) fn resolve(
    config: &Config,
    articles: &mut [Article],
    bodies: &Bodies,
    drafts: bool,
) -> Vec<Diagnostic> {
    // Most archives have no such links: then there is nothing to index.
    if !articles
        .iter()
        .any(|a| a.links_to_articles && (drafts || !a.draft))
    {
        return Vec::new();
    }
    let index = Index::new(articles, drafts);
    let mut problems = Vec::new();
    for article in articles.iter_mut() {
        if article.draft && !drafts {
            continue;
        }
        if !article.links_to_articles {
            continue;
        }
        let mut broken = Vec::new();
        let (html, text) = match bodies.parts(&article.body) {
            Ok(parts) => parts,
            Err(e) => {
                problems.push(e.diagnostic(&article.path));
                continue;
            }
        };
        let html = rewrite(&html, |href| {
            let (path, fragment) = split(href)?;
            match index.target(&path) {
                Target::Article(url) => Some(format!(
                    "{}{}{fragment}",
                    config.base_path,
                    crate::permalink::encode(url.trim_start_matches('/')),
                )),
                target => {
                    broken.push((href.to_string(), path, target == Target::Draft));
                    None
                }
            }
        });
        article.body = Body::new(&html, &text);
        for (href, path, is_draft) in broken {
            problems.push(broken_link(config, article, &href, &path, is_draft));
        }
    }
    problems
}

/// The diagnostic for a `@/` link that goes nowhere, at the line that has it.
pub(crate) fn broken_link(
    config: &Config,
    article: &Article,
    href: &str,
    path: &str,
    is_draft: bool,
) -> Diagnostic {
    let (message, help) = if is_draft {
        (
            format!("the link `{href}` points to a draft, which this build leaves out"),
            "publish that article (remove `draft = true`), build with --drafts, or remove the link"
                .to_string(),
        )
    } else {
        (
            format!("the link `{href}` points to no article: there is no content/{path}"),
            "write the target's path under content/, e.g. [text](@/2016/01/article.md)".to_string(),
        )
    };
    let d = Diagnostic::new(loader::shown(config, &article.path), message).help(help);
    // The rendered HTML has lost the source position; the raw text still has the link.
    let source = crate::fs::read_to_string(&config.root.join(&article.path)).unwrap_or_default();
    match source
        .lines()
        .position(|line| line.contains(href) || line.contains(&format!("{PREFIX}{path}")))
    {
        Some(i) => d.at_line(i + 1),
        None => d,
    }
}

/// Replaces the value of every `href="@/…"` attribute in `html` with what `map` returns for
/// it (the value HTML-unescaped); `None` leaves it as it was. pulldown-cmark and ammonia both
/// write attributes in double quotes, so a plain scan is exact for gazette's own output.
fn rewrite(html: &str, mut map: impl FnMut(&str) -> Option<String>) -> String {
    const OPEN: &str = "href=\"@/";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let value_start = start + "href=\"".len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        match map(&unescape(value)) {
            Some(url) => out.push_str(&crate::html::escape(&url)),
            None => out.push_str(value),
        }
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// Undoes the HTML escaping of an attribute value (only the entities gazette's writers emit;
/// `check` reads rendered pages' attributes with it too).
pub(crate) fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loaders_marker_is_the_prefix_in_an_attribute() {
        assert_eq!(loader::record::LINK_MARKER, format!("=\"{PREFIX}"));
    }

    #[test]
    fn split_decodes_the_path_and_keeps_the_fragment() {
        assert_eq!(
            split("@/2016/01/x.md#reactions"),
            Some(("2016/01/x.md".to_string(), "#reactions"))
        );
        assert_eq!(
            split("@/2016/my%20file.md"),
            Some(("2016/my file.md".to_string(), ""))
        );
        assert_eq!(split("/2016/x/"), None);
    }

    #[test]
    fn rewrite_replaces_only_content_path_links() {
        let html =
            "<p><a href=\"@/a.md#b\">a</a> <a href=\"/x/\">x</a> <a href=\"@/gone.md\">g</a></p>";
        let out = rewrite(html, |href| {
            (href == "@/a.md#b").then(|| "/2016/a/#b".to_string())
        });
        assert_eq!(
            out,
            "<p><a href=\"/2016/a/#b\">a</a> <a href=\"/x/\">x</a> <a href=\"@/gone.md\">g</a></p>"
        );
    }
}
