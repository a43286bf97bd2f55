//! Markdown to HTML: pure functions, no I/O.
//!
//! CommonMark plus tables, footnotes, strikethrough, smart punctuation and heading ids. Raw
//! HTML in an article is sanitised with ammonia unless the site opts out, so a scraped page
//! pasted into `content/` cannot carry a script into the archive. The sanitiser only runs on
//! documents that need it (raw HTML, or a link with an unusual scheme): pulldown-cmark's own
//! output is already safe, and most archives are plain Markdown, so the common case stays fast.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::slug::{slugify, Slugs};

mod embeds;
mod figures;

pub(crate) use embeds::player as video_player;

/// An article body rendered to HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The body as HTML, sanitised unless the site allows raw HTML.
    pub html: String,
    /// The first paragraph as plain text, for the default summary.
    pub first_paragraph: String,
    /// The number of words of text, for reading time.
    pub words: usize,
    /// The text without markup, for auto-tagging and search.
    pub text: String,
    /// The text before a `<!-- more -->` comment, without markup and with its whitespace
    /// collapsed, when the body has one and text comes before it: the summary the author
    /// chose, as Hugo (`<!--more-->`) and Zola (`<!-- more -->`) read it.
    pub before_more: Option<String>,
    /// Whether the body's raw HTML nests deeper than [`crate::nesting::MAX_DEPTH`]: it is then
    /// shown as text, not sanitised (which would take minutes), and the loader refuses the
    /// article.
    pub too_deep: bool,
    /// The page-bundle files the body refers to (by link, image or raw HTML), by their names
    /// in the bundle, each once.
    pub bundle_used: Vec<String>,
}

/// Whether raw HTML is the summary divider: `<!--more-->`, spaced or not, in any case.
fn is_more(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|c| c.strip_suffix("-->"))
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("more"))
}

/// Ids the page layout around an article uses; headings never take them.
const RESERVED_IDS: &[&str] = &["main", "top", "content"];

/// How to render: the choices a site makes.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Pass raw HTML through unsanitised.
    pub unsafe_html: bool,
    /// The site's base path (`/` or `/archive/`): links and images written as site paths
    /// (`/2016/01/x/`, `/images/a.jpg`) get it, so they work under a subpath.
    pub base_path: &'a str,
    /// For a page bundle's article, its files: links and images naming them are written as
    /// the site paths of their copies.
    pub bundle: Option<Bundled<'a>>,
    /// How the site makes slugs, which heading ids are made the same way as.
    pub slugs: crate::config::Slugs,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("unsafe_html", &self.unsafe_html)
            .field("base_path", &self.base_path)
            .field("bundle", &self.bundle.is_some())
            .field("slugs", &self.slugs)
            .finish()
    }
}

/// A page bundle's files, as the Markdown of its article sees them: what a link or image
/// address becomes when it names one of them (the rule is the loader's, see
/// `loader::bundle`; it is passed in so that this module stays pure).
pub type Bundled<'a> = &'a dyn Fn(&str) -> Option<BundleFile>;

/// A page-bundle file an address in the body names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    /// Its name in the bundle (`files/a.pdf`).
    pub name: String,
    /// The address of its copy, base path included, with the address's query and fragment.
    pub url: String,
    /// Its size in pixels, when it is an image whose header gave it.
    pub size: Option<(u32, u32)>,
    /// Its resized copies, when the build makes them: an image of it is then a `<picture>`.
    pub(crate) picture: Option<crate::images::Picture>,
}

/// The Markdown gazette reads: tables, footnotes, strikethrough, smart punctuation and
/// heading attributes. One set, so that `check` finds the links the build renders.
pub(crate) fn extensions() -> pulldown_cmark::Options {
    pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown to HTML. Unless `options.unsafe_html`, raw HTML is sanitised: no
/// `<script>`, no `on*=` attributes, no `javascript:` URLs reach the output.
pub fn render(markdown: &str, options: Options) -> Rendered {
    let mut events: Vec<Event> = Parser::new_ext(markdown, extensions()).collect();

    let mut needs_sanitising = false;
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut heading: Option<(usize, String)> = None;
    let mut paragraph: Option<String> = None;
    let mut first_paragraph: Option<String> = None;
    let mut words = 0;
    let mut plain = String::with_capacity(markdown.len());
    let mut before_more: Option<String> = None;
    let mut bundle_used: Vec<String> = Vec::new();
    let mut sizes: HashMap<String, (u32, u32)> = HashMap::new();
    let mut pictures: HashMap<String, crate::images::Picture> = HashMap::new();

    for i in 0..events.len() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
            &mut events[i]
        {
            if let Some(file) = options.bundle.and_then(|named| named(dest_url)) {
                if let Some(size) = file.size {
                    sizes.insert(file.url.clone(), size);
                }
                if let Some(picture) = file.picture {
                    pictures.insert(file.url.clone(), picture);
                }
                bundle_used.push(file.name);
                *dest_url = CowStr::from(file.url);
            } else if dest_url.starts_with('/')
                && !dest_url.starts_with("//")
                && options.base_path != "/"
            {
                *dest_url = CowStr::from(format!("{}{}", options.base_path, &dest_url[1..]));
            }
        }
        if options.base_path != "/" {
            if let Event::Html(html) | Event::InlineHtml(html) = &mut events[i] {
                if let Some(rebased) = rebase_raw_html(html, options.base_path) {
                    *html = CowStr::from(rebased);
                }
            }
        }
        match &events[i] {
            Event::Html(html) | Event::InlineHtml(html) => {
                needs_sanitising = true;
                if let Some(named) = options.bundle {
                    let files = figures::attribute_urls(html).filter_map(named);
                    bundle_used.extend(files.map(|f| f.name));
                }
                if before_more.is_none() && is_more(html) {
                    before_more = Some(plain.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                needs_sanitising |= !is_plain_url(dest_url);
            }
            Event::Start(Tag::Heading { id, .. }) => {
                if let Some(id) = id {
                    used_ids.insert(id.to_string());
                }
                heading = Some((i, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, text)) = heading.take() {
                    if let Event::Start(Tag::Heading { id: id @ None, .. }) = &mut events[start] {
                        *id = Some(CowStr::from(unique_id(&text, options.slugs, &mut used_ids)));
                    }
                }
            }
            Event::Start(Tag::Paragraph) if first_paragraph.is_none() => {
                paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = paragraph.take() {
                    let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !p.is_empty() {
                        first_paragraph = Some(p);
                    }
                }
            }
            _ => {}
        }
        if let Event::Text(text) | Event::Code(text) = &events[i] {
            words += text.split_whitespace().count();
            plain.push_str(text);
            if let Some((_, h)) = &mut heading {
                h.push_str(text);
            }
            if let Some(p) = &mut paragraph {
                p.push_str(text);
            }
        } else if let Event::End(
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::CodeBlock
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition,
        ) = &events[i]
        {
            // Block ends separate words that markup alone kept apart.
            plain.push('\n');
        }
        if let Event::SoftBreak | Event::HardBreak = &events[i] {
            plain.push(' ');
            if let Some(p) = &mut paragraph {
                p.push(' ');
            }
        }
    }

    number_footnotes(&mut events);
    embeds::embeds(&mut events);
    figures::figures(&mut events, &sizes, &pictures);
    bundle_used.sort_unstable();
    bundle_used.dedup();
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let mut too_deep = false;
    if needs_sanitising && !options.unsafe_html {
        too_deep = crate::nesting::nests_deeper_than(&html, crate::nesting::MAX_DEPTH);
        html = match too_deep {
            true => crate::html::escape(&html),
            false => sanitiser().clean(&html).to_string(),
        };
    }
    Rendered {
        too_deep,
        html,
        first_paragraph: first_paragraph.unwrap_or_default(),
        words,
        text: plain,
        before_more: before_more.filter(|t| !t.is_empty()),
        bundle_used,
    }
}

/// Renders footnotes with numbered ids (`fn-1`, `fnref-1`) and a link back to the first
/// reference. pulldown-cmark uses the footnote's label as its id, which can clash with a
/// heading or the page layout (`[^main]` vs `<main id="main">`).
fn number_footnotes(events: &mut [Event]) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut referenced: HashSet<usize> = HashSet::new();
    let number_of = |name: &str, numbers: &mut HashMap<String, usize>| {
        let next = numbers.len() + 1;
        *numbers.entry(name.to_string()).or_insert(next)
    };
    let mut open: Vec<usize> = Vec::new();
    for event in events.iter_mut() {
        let replacement = match event {
            Event::FootnoteReference(name) => {
                let n = number_of(name, &mut numbers);
                let id = if referenced.insert(n) {
                    format!(" id=\"fnref-{n}\"")
                } else {
                    String::new()
                };
                Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\"{id}><a href=\"#fn-{n}\">{n}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = number_of(name, &mut numbers);
                open.push(n);
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let n = open.pop().unwrap_or(0);
                let back = if referenced.contains(&n) {
                    format!("<a class=\"footnote-backref\" href=\"#fnref-{n}\" aria-label=\"Back to reference {n}\">↩</a>")
                } else {
                    String::new()
                };
                Event::Html(CowStr::from(format!("{back}</div>\n")))
            }
            _ => continue,
        };
        *event = replacement;
    }
}

/// Shortens plain text to at most about `max` characters, cutting at a word boundary and
/// marking the cut with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        // Only back up to a word boundary when that keeps most of the text.
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{head}…")
}

/// Whether a link destination is one pulldown-cmark may emit as is: relative, a fragment,
/// or an ordinary web or mail scheme.
fn is_plain_url(url: &str) -> bool {
    match url.split_once(':') {
        None => true,
        Some((scheme, _)) => {
            // A colon after the first `/`, `?` or `#` is part of a relative path, not a scheme.
            scheme.contains(['/', '?', '#'])
                || ["http", "https", "mailto", "tel"]
                    .contains(&scheme.to_ascii_lowercase().as_str())
        }
    }
}

/// A heading id made from its text, unique within the document.
fn unique_id(text: &str, slugs: Slugs, used: &mut HashSet<String>) -> String {
    let base = match slugify(text, slugs) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Raw HTML's root-relative `href` and `src` values (`<a href="/topics/isis/">`, `<img
/// src="/images/x.jpg">`) with the site's base path put before them, as Markdown links get
/// it, so they resolve under a subpath deploy (issue 19); `//host/…` and every other value
/// are left alone. None when there is nothing to change.
fn rebase_raw_html(html: &str, base_path: &str) -> Option<String> {
    static TAG: OnceLock<regex::Regex> = OnceLock::new();
    static ATTRIBUTE: OnceLock<regex::Regex> = OnceLock::new();
    // Inside tags only: text that shows markup (`&lt;img src="/x.jpg"&gt;` in a `<pre>`) is
    // not a link.
    let tag = TAG.get_or_init(|| regex::Regex::new(r"<[A-Za-z][^<>]*>").expect("a valid pattern"));
    let attribute = ATTRIBUTE.get_or_init(|| {
        regex::Regex::new(r#"(?i)(\s(?:href|src|poster)\s*=\s*["']?)/"#).expect("a valid pattern")
    });
    if !html.contains('/') || !tag.is_match(html) {
        return None;
    }
    let rebased = tag.replace_all(html, |t: &regex::Captures| {
        let tag = &t[0];
        attribute
            .replace_all(tag, |c: &regex::Captures| {
                let rest = &tag[c.get(0).map_or(0, |m| m.end())..];
                // `//host/…` is another site's; a path written with the base path already
                // (`/archive/2016/…` under `/archive/`) is left as it is.
                if rest.starts_with('/') || rest.starts_with(&base_path[1..]) {
                    c[0].to_string()
                } else {
                    format!("{}{base_path}", &c[1])
                }
            })
            .into_owned()
    });
    match rebased == html {
        true => None,
        false => Some(rebased.into_owned()),
    }
}

/// The sanitiser, built once: ammonia's defaults plus the attributes gazette's own Markdown
/// output needs (heading and footnote ids, code language classes).
fn sanitiser() -> &'static ammonia::Builder<'static> {
    static SANITISER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITISER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder.add_generic_attributes(["id", "class"]);
        // Figures are in ammonia's defaults; the attributes gazette writes on images are not.
        builder.add_tag_attributes("img", ["loading", "decoding", "srcset", "sizes"]);
        // Responsive images: `<picture>` with a WebP `<source>` (see `crate::images`).
        builder.add_tags(["picture", "source"]);
        builder.add_tag_attributes("source", ["type", "srcset", "sizes"]);
        // Video files of a page bundle play in the page (see `figures`).
        builder.add_tags(["video"]);
        builder.add_tag_attributes("video", ["src", "controls", "preload", "aria-label"]);
        // The player a video placeholder loads when clicked; the theme's script loads only
        // the players `embeds` makes, whatever the attribute says.
        builder.add_tag_attributes("figure", ["data-player"]);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str, unsafe_html: bool) -> Rendered {
        super::render(
            markdown,
            Options {
                unsafe_html,
                base_path: "/",
                bundle: None,
                slugs: Slugs::Ascii,
            },
        )
    }

    #[test]
    fn footnotes_and_headings_never_share_ids_with_the_layout() {
        let r = render(
            "## Main\n\nText[^main] and again[^main].\n\n[^main]: The note.\n",
            false,
        );
        assert!(r.html.contains("id=\"main-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fn-1\""));
        assert_eq!(r.html.matches("id=\"fnref-1\"").count(), 1, "{}", r.html);
        assert!(r.html.contains("href=\"#fnref-1\""));
        assert!(!r.html.contains("id=\"main\""));
    }

    #[test]
    fn raw_html_site_paths_get_the_base_path() {
        let r = super::render(
            "<a href=\"/topics/isis/\">ISIS</a> <img src='/images/x.jpg' alt=\"x\">\n\n<p><a href=\"//cdn.example/x\">c</a> <a href=\"rel/x\">r</a> <a HREF=/a/>a</a></p>\n",
            Options {
                unsafe_html: false,
                base_path: "/archive/",
                bundle: None,
                slugs: Slugs::Ascii,
            },
        );
        assert!(
            r.html.contains("href=\"/archive/topics/isis/\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("src=\"/archive/images/x.jpg\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"//cdn.example/x\""), "{}", r.html);
        assert!(r.html.contains("href=\"rel/x\""), "{}", r.html);
        assert!(r.html.contains("href=\"/archive/a/\""), "{}", r.html);
        assert_eq!(rebase_raw_html("<b>no links</b>", "/archive/"), None);
        // Written with the base path already: left as it is, not doubled.
        assert_eq!(
            rebase_raw_html(r#"<a href="/archive/2016/01/x/">x</a>"#, "/archive/"),
            None
        );
        // Markup shown as text is not a link.
        assert_eq!(
            rebase_raw_html(r#"<pre>&lt;img src="/x.jpg"&gt;</pre>"#, "/archive/"),
            None
        );
        assert_eq!(
            rebase_raw_html(r#"<p>See <img src='/x.jpg' alt="/y"></p>"#, "/archive/").as_deref(),
            Some(r#"<p>See <img src='/archive/x.jpg' alt="/y"></p>"#)
        );
    }

    #[test]
    fn site_paths_get_the_base_path() {
        let r = super::render(
            "[a](/2016/01/x/) ![i](/img/a.jpg) [b](//cdn.example/x) [c](rel/x)",
            Options {
                unsafe_html: false,
                base_path: "/archive/",
                bundle: None,
                slugs: Slugs::Ascii,
            },
        );
        assert!(
            r.html.contains("href=\"/archive/2016/01/x/\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("src=\"/archive/img/a.jpg\""));
        assert!(r.html.contains("href=\"//cdn.example/x\""));
        assert!(r.html.contains("href=\"rel/x\""));
    }

    #[test]
    fn extensions_are_on() {
        let r = render("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" text[^1]\n\n[^1]: note\n", false);
        assert!(r.html.contains("<h1 id=\"title\">Title</h1>"), "{}", r.html);
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("“quoted”"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn heading_ids_are_unique_and_respect_explicit_ones() {
        let r = render(
            "## Québec\n\n## Québec\n\n## Custom {#mine}\n\n## mine\n",
            false,
        );
        assert!(r.html.contains("id=\"quebec\""));
        assert!(r.html.contains("id=\"quebec-1\""));
        assert!(r.html.contains("id=\"mine\""));
        assert!(r.html.contains("id=\"mine-1\""));
    }

    #[test]
    fn raw_html_is_sanitised_by_default() {
        let md = "Hi <span onclick=\"x()\">there</span>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <a href=\"JavaScript:alert(2)\">y</a>\n";
        let safe = render(md, false).html;
        assert!(!safe.contains("<script"), "{safe}");
        assert!(!safe.contains("onclick"), "{safe}");
        assert!(!safe.to_lowercase().contains("javascript:"), "{safe}");
        assert!(safe.contains("there"));
        let raw = render(md, true).html;
        assert!(raw.contains("<script>"));
    }

    #[test]
    fn plain_markdown_is_not_touched_by_the_sanitiser() {
        let r = render(
            "[a](https://example.org/x:y) [b](/2016/01/) [c](#top)",
            false,
        );
        assert!(
            r.html.contains("<a href=\"https://example.org/x:y\">a</a>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn first_paragraph_and_words() {
        let r = render("# Head\n\nFirst *para*\ncontinues.\n\nSecond.", false);
        assert_eq!(r.first_paragraph, "First para continues.");
        assert_eq!(r.words, 5);
    }

    #[test]
    fn shorten_cuts_at_a_word_boundary() {
        assert_eq!(shorten("short", 300), "short");
        let long = "word ".repeat(100);
        let s = shorten(&long, 300);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= 301);
        assert_eq!(shorten("abcdefghij", 5), "abcde…");
    }

    #[test]
    fn the_text_before_the_more_comment_is_kept_as_plain_text() {
        let r = render("A *b*\nc.\n\n- d\n\n<!-- more -->\n\nRest.\n", false);
        assert_eq!(r.before_more.as_deref(), Some("A b c. d"));
        assert!(!r.html.contains("more"), "{}", r.html);
        let r = render("Lead<!--MORE-->tail", false);
        assert_eq!(r.before_more.as_deref(), Some("Lead"));
        for none in [
            "<!-- more -->\n\nAll.",
            "No cut.",
            "`<!-- more -->`",
            "<!-- more than that -->",
        ] {
            assert_eq!(render(none, false).before_more, None, "{none}");
        }
    }
}
