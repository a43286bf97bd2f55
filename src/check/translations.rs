//! What `gazette check` says of a multilingual site's translations (issue 17): a
//! `translation_key` no other article shares (a translation that points at no article), and
//! `hreflang` links, as the rendered pages have them (a theme may write its own), that point
//! at a page the site does not have or whose page does not link back.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::archive::Archive;
use crate::config::Config;
use crate::error::Diagnostic;
use crate::loader;

/// Each page's `hreflang` links, by its full address: (its file in the output, its links as
/// (language, address)).
pub(super) type Hreflangs = BTreeMap<String, (String, Vec<(String, String)>)>;

/// A warning for each article whose `translation_key` no other article has.
pub(super) fn lonely_keys(config: &Config, archive: &Archive) -> Vec<Diagnostic> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for a in archive.articles() {
        if let Some(key) = a.translation_key.as_deref() {
            *count.entry(key).or_default() += 1;
        }
    }
    archive
        .articles()
        .iter()
        .filter(|a| a.translation_key.as_deref().is_some_and(|k| count[k] == 1))
        .map(|a| {
            Diagnostic::new(
                loader::shown(config, &a.path),
                format!(
                    "translation_key = {:?} is shared by no other article: its translation is missing",
                    a.translation_key.as_deref().unwrap_or_default()
                ),
            )
            .help("give the translation the same translation_key, or remove the key")
        })
        .collect()
}

/// The `hreflang` links of an HTML page: (language, address).
pub(super) fn hreflang_links(html: &str) -> Vec<(String, String)> {
    let head = html.split("</head>").next().unwrap_or(html);
    let mut links = Vec::new();
    for tag in head.split("<link").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let attr = |name: &str| {
            let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            let end = tag[at..].find('"')?;
            Some(crate::html::unescape(&tag[at..at + end]))
        };
        if attr("rel").as_deref() != Some("alternate") {
            continue;
        }
        if let (Some(lang), Some(href)) = (attr("hreflang"), attr("href")) {
            links.push((lang, href));
        }
    }
    links
}

/// Checks the `hreflang` links of every page (`pages`: each page's full address and its
/// links): each must point at a page of the site that links back. Warnings name the page's
/// file in the output folder.
pub(super) fn check_hreflang(config: &Config, pages: &Hreflangs) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let base = config.base_url.as_str();
    for (address, (file, links)) in pages {
        for (lang, href) in links {
            if lang == "x-default" {
                continue;
            }
            let shown = config.output_dir.join(Path::new(file));
            if !href.starts_with(base) {
                continue;
            }
            match pages.get(href) {
                None => problems.push(
                    Diagnostic::new(
                        &shown,
                        format!("hreflang=\"{lang}\" points at {href}, which the site does not have"),
                    )
                    .help("link only to pages the site publishes (check the theme's <link rel=\"alternate\" hreflang>)"),
                ),
                Some((_, back)) if !back.iter().any(|(_, h)| h == address) => problems.push(
                    Diagnostic::new(
                        &shown,
                        format!("hreflang=\"{lang}\" points at {href}, which does not link back to {address}"),
                    )
                    .help("each translation must list every other with hreflang, itself included; check the theme"),
                ),
                Some(_) => {}
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_from_the_head() {
        let html = "<html><head><link rel=\"stylesheet\" href=\"/s.css\">\
            <link rel=\"alternate\" hreflang=\"fr\" href=\"https://e.org/fr/a/\">\
            <link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\">\
            </head><body><link rel=\"alternate\" hreflang=\"de\" href=\"x\"></body></html>";
        assert_eq!(
            hreflang_links(html),
            [("fr".to_string(), "https://e.org/fr/a/".to_string())]
        );
    }
}
