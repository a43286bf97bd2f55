//! What `check` reads besides Markdown links (issue 19): links written in an article's raw
//! HTML (`<a href>`, `<img src>`), and `#fragment`s, checked against the element ids of the
//! page they point to as the site renders it.
//!
//! Ids are collected only from the pages some fragment points to, while the pages are
//! rendered for the other checks: a check of 100,000 articles keeps no id of the rest.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A link found in raw HTML: its value (entities undone), whether it is an image's `src`,
/// and its byte offset in the HTML text.
pub(super) struct RawLink {
    pub dest: String,
    pub image: bool,
    pub offset: usize,
}

/// The `href` of every `<a>` and the `src` of every `<img>` in a piece of raw HTML.
pub(super) fn raw_links(html: &str) -> Vec<RawLink> {
    static TAG: OnceLock<regex::Regex> = OnceLock::new();
    let tag = TAG.get_or_init(|| {
        regex::Regex::new(
            r#"(?is)<(a|img)\b[^>]*?\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#,
        )
        .expect("a valid pattern")
    });
    tag.captures_iter(html)
        .filter_map(|c| {
            let image = c[1].eq_ignore_ascii_case("img");
            let wanted = if image { "src" } else { "href" };
            if !c[2].eq_ignore_ascii_case(wanted) {
                return None;
            }
            let value = c.get(3).or_else(|| c.get(4)).or_else(|| c.get(5))?;
            Some(RawLink {
                dest: crate::links::unescape(value.as_str()),
                image,
                offset: value.start(),
            })
        })
        .collect()
}

/// Every `id` in a rendered page (and `name` of `<a>`, which fragments reach too). The
/// pages are gazette's own output, whose attributes are always in double quotes.
pub(super) fn ids(html: &str) -> HashSet<String> {
    static ID: OnceLock<regex::Regex> = OnceLock::new();
    let id = ID.get_or_init(|| {
        regex::Regex::new(r#"\sid="([^"]*)"|<a\s[^>]*?\bname="([^"]*)""#).expect("a valid pattern")
    });
    // `name` counts on `<a>` only: a `<meta name>` or `<input name>` is no target.
    id.captures_iter(html)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| crate::links::unescape(m.as_str()))
        .collect()
}

/// The fragment of `dest`, percent-decoded, when it names an element: not empty, and not
/// `top`, which browsers take for the top of any page.
pub(super) fn fragment(dest: &str) -> Option<String> {
    let (_, fragment) = dest.split_once('#')?;
    let fragment = percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    (!fragment.is_empty() && !fragment.eq_ignore_ascii_case("top")).then_some(fragment)
}

/// The ids of the pages fragments point to, by output file, collected while rendering.
#[derive(Default)]
pub(super) struct PageIds {
    wanted: HashSet<String>,
    found: std::sync::Mutex<HashMap<String, HashSet<String>>>,
}

impl PageIds {
    /// Ids are to be kept of the page written to `file` (`2016/01/x/index.html`).
    pub(super) fn want(&mut self, file: String) {
        self.wanted.insert(file);
    }

    /// Keeps the ids of the page at `file`, when a fragment points to it.
    pub(super) fn offer(&self, file: &str, html: &[u8]) {
        if self.wanted.contains(file) {
            let ids = ids(&String::from_utf8_lossy(html));
            if let Ok(mut found) = self.found.lock() {
                found.insert(file.to_string(), ids);
            }
        }
    }

    /// The ids found, by file.
    pub(super) fn into_found(self) -> HashMap<String, HashSet<String>> {
        self.found.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_links_are_a_hrefs_and_img_srcs() {
        let html = "<p><a class=\"x\" href=\"/topics/isis/\">ISIS</a> <img alt='' src='/i/a.jpg'> \
                    <A HREF=/x/?a=1&amp;b=2>x</A> <link href=\"/no/\"> <img href=\"/no/\"> \
                    <a name=\"n\">n</a></p>";
        let found: Vec<(String, bool)> = raw_links(html)
            .into_iter()
            .map(|l| (l.dest, l.image))
            .collect();
        assert_eq!(
            found,
            [
                ("/topics/isis/".to_string(), false),
                ("/i/a.jpg".to_string(), true),
                ("/x/?a=1&b=2".to_string(), false),
            ]
        );
        let first = &raw_links(html)[0];
        assert_eq!(&html[first.offset..first.offset + 13], "/topics/isis/");
    }

    #[test]
    fn ids_and_fragments() {
        let page = "<h2 id=\"reactions\">R</h2><a name=\"old-anchor\"></a><main id=\"main\">";
        let found = ids(page);
        for id in ["reactions", "old-anchor", "main"] {
            assert!(found.contains(id), "{id}");
        }
        // A `name` elsewhere is no target.
        let named = ids("<meta name=\"description\" content=\"x\"><input name=\"q\">");
        assert!(named.is_empty(), "{named:?}");
        assert_eq!(fragment("/x/#r%C3%A9actions").as_deref(), Some("réactions"));
        assert_eq!(fragment("#top"), None);
        assert_eq!(fragment("/x/#"), None);
        assert_eq!(fragment("/x/"), None);
    }
}
