//! Markdown images as figures (issue 18). An image alone in its paragraph becomes a
//! `<figure>`; an emphasised line right under it (`*Caption*`, in the same paragraph or the
//! next) becomes its `<figcaption>`. Every image gets `loading="lazy"`, `decoding="async"`
//! and, when its size is known without decoding it (a page bundle's file), `width` and
//! `height`, so the page does not jump as it loads. An image inside running text stays an
//! inline `<img>`: a figure cannot sit inside a paragraph. An "image" that is a video file
//! becomes a `<video>` that loads nothing until played.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::html::escape;
use crate::images::Picture;

/// Rewrites the images of `events` as figures and inline images; `sizes` holds the size in
/// pixels of the images whose address (as it is in the events) has a known one.
pub(super) fn figures(
    events: &mut Vec<Event>,
    sizes: &HashMap<String, (u32, u32)>,
    pictures: &HashMap<String, Picture>,
) {
    let found = Found { sizes, pictures };
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Image { .. })))
    {
        return;
    }
    let old = std::mem::take(events);
    let mut i = 0;
    while i < old.len() {
        if let Some((html, next)) = figure_at(&old, i, &found) {
            events.push(Event::Html(CowStr::from(html)));
            i = next;
            continue;
        }
        if let Event::Start(Tag::Image { .. }) = &old[i] {
            let end = image_end(&old, i);
            events.push(Event::InlineHtml(CowStr::from(img(&old[i..=end], &found))));
            i = end + 1;
            continue;
        }
        events.push(old[i].clone());
        i += 1;
    }
}

/// The figure that starts at `events[i]` (a paragraph holding one image, and its caption),
/// as HTML, with the index after it.
fn figure_at(events: &[Event], i: usize, found: &Found) -> Option<(String, usize)> {
    if !matches!(events.get(i), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    if !matches!(events.get(i + 1), Some(Event::Start(Tag::Image { .. }))) {
        return None;
    }
    let end = image_end(events, i + 1);
    let image = img(&events[i + 1..=end], found);
    let (caption, next) = match events.get(end + 1) {
        // `![a](b)` then a line break and `*caption*`, one paragraph.
        Some(Event::SoftBreak) => {
            let close = emphasis_end(events, end + 2)?;
            match events.get(close + 1) {
                Some(Event::End(TagEnd::Paragraph)) => (Some(&events[end + 3..close]), close + 2),
                _ => return None,
            }
        }
        // The image alone; a paragraph of nothing but emphasis right after is its caption.
        Some(Event::End(TagEnd::Paragraph)) => {
            let after = end + 2;
            let caption = matches!(events.get(after), Some(Event::Start(Tag::Paragraph)))
                .then(|| emphasis_end(events, after + 1))
                .flatten()
                .filter(|close| {
                    matches!(events.get(close + 1), Some(Event::End(TagEnd::Paragraph)))
                });
            match caption {
                Some(close) => (Some(&events[after + 2..close]), close + 2),
                None => (None, after),
            }
        }
        _ => return None,
    };
    let mut html = format!("<figure>{image}");
    if let Some(caption) = caption {
        html.push_str("<figcaption>");
        pulldown_cmark::html::push_html(&mut html, caption.iter().cloned());
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>\n");
    Some((html, next))
}

/// The index of the end of the image that starts at `events[start]`.
fn image_end(events: &[Event], start: usize) -> usize {
    events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Image)))
        .map_or(events.len() - 1, |n| start + n)
}

/// When `events[start]` starts an emphasis, the index of its end.
fn emphasis_end(events: &[Event], start: usize) -> Option<usize> {
    if !matches!(events.get(start), Some(Event::Start(Tag::Emphasis))) {
        return None;
    }
    let mut depth = 0;
    for (n, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::Emphasis) => depth += 1,
            Event::End(TagEnd::Emphasis) => {
                depth -= 1;
                if depth == 0 {
                    return Some(n);
                }
            }
            Event::End(TagEnd::Paragraph) => return None,
            _ => {}
        }
    }
    None
}

/// What is known of the images of the body, by address: sizes, and the resized copies of
/// those the build processes.
struct Found<'a> {
    sizes: &'a HashMap<String, (u32, u32)>,
    pictures: &'a HashMap<String, Picture>,
}

/// An `<img>` for the events of one image, start to end; a `<picture>` with a WebP source
/// and a `srcset` when the image has resized copies.
fn img(image: &[Event], found: &Found) -> String {
    let Some(Event::Start(Tag::Image {
        dest_url, title, ..
    })) = image.first()
    else {
        return String::new();
    };
    let alt: String = image
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect();
    let alt = alt.trim();
    if is_video(dest_url) {
        // A video file plays in the page, fetched only when the reader presses play; a
        // browser without video support shows the link.
        let label = if alt.is_empty() { "the video" } else { alt };
        return format!(
            "<video src=\"{0}\" controls preload=\"none\" aria-label=\"{1}\"><a href=\"{0}\">Download {1}</a></video>",
            escape(dest_url),
            escape(label)
        );
    }
    let title = match title.is_empty() {
        true => String::new(),
        false => format!(" title=\"{}\"", escape(title)),
    };
    if let Some(p) = found.pictures.get(dest_url.as_ref()) {
        let sizes = crate::images::SIZES;
        let mut html = String::from("<picture>");
        if let Some(webp) = &p.webp_srcset {
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
                escape(webp)
            ));
        }
        html.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" alt=\"{}\"{title} width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"></picture>",
            escape(&p.src),
            escape(&p.srcset),
            escape(alt),
            p.width,
            p.height
        ));
        return html;
    }
    let mut html = format!(
        "<img src=\"{}\" alt=\"{}\"{title}",
        escape(dest_url),
        escape(alt)
    );
    if let Some((width, height)) = found.sizes.get(dest_url.as_ref()) {
        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

/// Whether an image's address names a video file (`.mp4`, `.webm`), which plays in a
/// `<video>` element instead.
fn is_video(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    path.ends_with(".mp4") || path.ends_with(".webm")
}

/// The addresses in the `src` and `href` attributes of raw HTML, for finding the page-bundle
/// files it refers to. A scan, not a parser: it only decides which files count as used.
pub(super) fn attribute_urls(html: &str) -> impl Iterator<Item = &str> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for name in ["src=", "href="] {
        for (at, _) in lower.match_indices(name) {
            let rest = &html[at + name.len()..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(close) = rest[1..].find(quote) {
                found.push(&rest[1..1 + close]);
            }
        }
    }
    found.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn render(markdown: &str, sizes: &[(&str, (u32, u32))]) -> String {
        let sizes: HashMap<String, (u32, u32)> =
            sizes.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let mut events: Vec<Event> = Parser::new(markdown).collect();
        figures(&mut events, &sizes, &HashMap::new());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    #[test]
    fn an_image_alone_is_a_figure_with_the_emphasis_under_it_as_caption() {
        for md in [
            "![A flood](a.jpg \"T\")\n*Water on [Main St](/x/).*\n",
            "![A flood](a.jpg \"T\")\n\n*Water on [Main St](/x/).*\n",
        ] {
            let html = render(md, &[("a.jpg", (40, 30))]);
            assert_eq!(
                html,
                "<figure><img src=\"a.jpg\" alt=\"A flood\" title=\"T\" width=\"40\" height=\"30\" loading=\"lazy\" decoding=\"async\"><figcaption>Water on <a href=\"/x/\">Main St</a>.</figcaption></figure>\n",
                "{md}"
            );
        }
    }

    #[test]
    fn other_images_stay_inline_and_other_emphasis_stays_text() {
        let html = render(
            "Text ![b](b.png) more.\n\n![c](c.png)\n\n*not only* emphasis\n",
            &[],
        );
        assert!(html.starts_with("<p>Text <img src=\"b.png\" alt=\"b\" loading=\"lazy\" decoding=\"async\"> more.</p>"), "{html}");
        assert!(html.contains("<figure><img src=\"c.png\" alt=\"c\" loading=\"lazy\" decoding=\"async\"></figure>\n<p><em>not only</em> emphasis</p>"), "{html}");
    }

    #[test]
    fn a_video_file_plays_in_the_page_only_when_asked() {
        let html = render(
            "![Flood footage](clip.MP4?t=1)\n*The river at dawn.*\n",
            &[],
        );
        assert_eq!(
            html,
            "<figure><video src=\"clip.MP4?t=1\" controls preload=\"none\" aria-label=\"Flood footage\"><a href=\"clip.MP4?t=1\">Download Flood footage</a></video><figcaption>The river at dawn.</figcaption></figure>\n"
        );
        assert!(render("See ![](a.webm).", &[]).contains("aria-label=\"the video\""));
    }

    #[test]
    fn raw_html_addresses_are_found() {
        let urls: Vec<&str> =
            attribute_urls("<figure><IMG SRC=\"a.jpg\"><a href='f/b.pdf'>x</a></figure>").collect();
        assert_eq!(urls, ["a.jpg", "f/b.pdf"]);
    }
}
