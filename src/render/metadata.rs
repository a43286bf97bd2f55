//! Structured data for search engines: schema.org JSON-LD.
//!
//! Article pages carry a `NewsArticle`, topic pages a `BreadcrumbList`. The JSON goes inside
//! a `<script>` element, so every `<` is written as `\u003c` and no text in it can close the
//! element early.

use serde_json::{json, Value};

use crate::archive::{Archive, ArticleId};
use crate::config::Config;

use super::views::Urls;

/// The longest headline Google shows for a `NewsArticle`, in characters.
pub(super) const MAX_HEADLINE: usize = 110;

/// A headline cut to at most [`MAX_HEADLINE`] characters at a word boundary.
pub(super) fn headline(title: &str) -> String {
    if title.chars().count() <= MAX_HEADLINE {
        return title.to_string();
    }
    // One character is kept for the ellipsis `shorten` adds.
    crate::markdown::shorten(title, MAX_HEADLINE - 1)
}

/// The absolute address of an article's image, or None.
pub(super) fn image_url(image: Option<&str>, article_url: &str, urls: &Urls) -> Option<String> {
    let image = image?;
    Some(
        if image.starts_with("http://") || image.starts_with("https://") {
            image.to_string()
        } else if image.starts_with('/') {
            urls.permalink(image)
        } else {
            urls.permalink(&format!("{article_url}{image}"))
        },
    )
}

/// The image `og:image` shows for article `a`, as an absolute address, with its size when
/// known: for a processed image, its 1200-wide copy (or the widest below it), as social
/// sites want; else the image itself.
pub(super) fn og_image(
    a: &crate::article::Article,
    urls: &Urls,
) -> Option<(String, Option<[u32; 2]>)> {
    let image = a.image.as_ref()?;
    let (src, size) = match super::views::picture(image, &image.src) {
        Some(p) => (p.og.0, Some([p.og.1, p.og.2])),
        None => (
            image.src.clone(),
            image.width.zip(image.height).map(|(w, h)| [w, h]),
        ),
    };
    Some((image_url(Some(&src), &a.url, urls)?, size))
}

/// The `NewsArticle` of article `id`.
///
/// Page keys leave this out (see `render::key`) and hold only the article's own `authors`
/// and `source` instead: it must be made only from those, what the article's `ArticleView`
/// holds and site.toml, or an incremental build would miss a change to it.
pub(super) fn news_article(
    config: &Config,
    archive: &Archive,
    id: ArticleId,
    urls: &Urls,
) -> String {
    let a = &archive.articles()[id];
    let permalink = urls.permalink(&a.url);
    let authors: Vec<Value> = match (a.authors.is_empty(), &a.source) {
        (false, _) => a
            .authors
            .iter()
            .map(|name| json!({"@type": "Person", "name": name}))
            .collect(),
        (true, Some(source)) => vec![organization(&source.name, source.url.as_deref())],
        (true, None) => vec![organization(&config.title, Some(config.base_url.as_str()))],
    };
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline(&a.title),
        "datePublished": a.date.to_rfc3339(),
        "dateModified": a.modified().to_rfc3339(),
        "author": authors,
        "publisher": organization(&config.title, Some(config.base_url.as_str())),
        "mainEntityOfPage": {"@type": "WebPage", "@id": permalink},
        "url": permalink,
        "inLanguage": a.lang,
    });
    if !a.summary.is_empty() {
        data["description"] = json!(a.summary);
    }
    // schema.org's `correction`, as Google reads it for news: one CorrectionComment each.
    if !a.corrections.is_empty() {
        let corrections: Vec<Value> = a
            .corrections
            .iter()
            .map(|c| {
                json!({
                    "@type": "CorrectionComment",
                    "text": c.text,
                    "datePublished": c.date.to_rfc3339(),
                })
            })
            .collect();
        data["correction"] = json!(corrections);
    }
    if let Some(image) = &a.image {
        data["image"] = json!([image_object(image, &a.url, urls)]);
    }
    let keywords: Vec<&str> = archive
        .topics_of(id)
        .map(|(t, _)| t.name.as_str())
        .collect();
    if !keywords.is_empty() {
        data["keywords"] = json!(keywords);
    }
    script_safe(&data)
}

/// An image as a schema.org `ImageObject`: its address, and its caption, credit and size
/// when known.
fn image_object(image: &crate::article::Image, article_url: &str, urls: &Urls) -> Value {
    // A processed image is described by the copy `og:image` shows, with that copy's size.
    let picture = super::views::picture(image, &image.src);
    let (src, size) = match &picture {
        Some(p) => (p.og.0.as_str(), Some((p.og.1, p.og.2))),
        None => (image.src.as_str(), image.width.zip(image.height)),
    };
    let mut object = json!({
        "@type": "ImageObject",
        "url": image_url(Some(src), article_url, urls),
    });
    if let Some(caption) = &image.caption {
        object["caption"] = json!(caption);
    }
    if let Some(credit) = &image.credit {
        object["creditText"] = json!(credit);
    }
    if let Some((width, height)) = size {
        object["width"] = json!(width);
        object["height"] = json!(height);
    }
    object
}

/// A `BreadcrumbList` of a trail of (name, site-relative URL) pairs, outermost first (see
/// `Renderer::trail`).
pub(super) fn breadcrumbs(trail: &[(std::borrow::Cow<str>, String)], urls: &Urls) -> String {
    let elements: Vec<Value> = trail
        .iter()
        .enumerate()
        .map(|(i, (name, url))| json!({"@type": "ListItem", "position": i + 1, "name": name, "item": urls.permalink(url)}))
        .collect();
    script_safe(&json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": elements,
    }))
}

fn organization(name: &str, url: Option<&str>) -> Value {
    let mut org = json!({"@type": "Organization", "name": name});
    if let Some(url) = url {
        org["url"] = json!(url);
    }
    org
}

/// JSON that can sit inside `<script>`: `<` escaped, so `</script>` or `<!--` in a headline
/// cannot end the element.
fn script_safe(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_cut_at_a_word_boundary() {
        let short = "Canada left out of international anti-ISIS coalition meeting in Paris";
        assert_eq!(headline(short), short);
        let long = "Canada promises France a robust contribution in the anti-ISIS coalition as the Liberal government looks to retool its strategy";
        let cut = headline(long);
        assert!(cut.chars().count() <= MAX_HEADLINE, "{cut}");
        assert!(cut.ends_with('…'));
        let kept = cut.trim_end_matches('…');
        assert!(long.starts_with(kept));
        assert_eq!(
            long[kept.len()..].chars().next(),
            Some(' '),
            "cut between words: {cut}"
        );
    }

    #[test]
    fn json_cannot_close_its_script_element() {
        let text = script_safe(&json!({
            "@type": "BreadcrumbList",
            "itemListElement": [{"name": "</script><script>alert(1)</script>"}],
        }));
        assert!(!text.contains('<'));
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            parsed["itemListElement"][0]["name"],
            "</script><script>alert(1)</script>"
        );
    }
}
