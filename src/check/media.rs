//! What `gazette check` says about an article's pictures and embeds (issue 18): images
//! without `alt` text and raw `<iframe>`s the sanitiser removes, found in the Markdown
//! ([`warnings`]), and page-bundle files the article never refers to
//! ([`unused_bundle_files`]). All are warnings: the page builds, but a reader loses something.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::article::Article;
use crate::config::Config;
use crate::error::Diagnostic;
use crate::loader;
use crate::loader::frontmatter::Split;

/// The warnings about article `article`, whose file split into `split`, with `lines_above`
/// lines of the file above its body.
pub(super) fn warnings(
    config: &Config,
    article: &Article,
    split: &Split,
    lines_above: usize,
) -> Vec<Diagnostic> {
    let shown = loader::shown(config, &article.path);
    let mut warnings = Vec::new();
    if let Some(image) = &article.image {
        if image.alt.is_none() && !article.extra.contains_key("image_alt") {
            let mut d = Diagnostic::new(&shown, "the lead image has no alt text")
                .help(format!(
                    "say what it shows for readers who cannot see it: image = {{ src = {:?}, alt = \"…\" }}",
                    image.src
                ));
            let key = ["image", "images"]
                .into_iter()
                .find_map(|k| crate::position::key_line(split.front, k));
            if let Some(line) = key {
                d = d.at_line(line + split.front_offset);
            }
            warnings.push(d);
        }
    }
    let line_of = |offset: usize| lines_above + split.body[..offset].matches('\n').count() + 1;
    // The image being read, with where it starts and whether it has text yet.
    let mut image: Option<(usize, String, bool)> = None;
    for (event, range) in
        Parser::new_ext(split.body, crate::markdown::extensions()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((range.start, dest_url.to_string(), false));
            }
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                if let Some((_, _, has_text)) = &mut image {
                    *has_text = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, dest, false)) = image.take() {
                    warnings.push(
                        Diagnostic::new(&shown, format!("the image `{dest}` has no alt text"))
                            .at_line(line_of(start))
                            .help("say what it shows between the brackets: ![A flooded street in Calgary](photo.jpg)"),
                    );
                }
            }
            Event::Html(html) | Event::InlineHtml(html) if !config.unsafe_html => {
                if let Some(src) = iframe(&html) {
                    let help = match src {
                        Some(src) if crate::markdown::video_player(src).is_some() => format!(
                            "put the video's address alone on a line instead: {src} (shown as a link that loads the player only when the reader asks)"
                        ),
                        Some(src) => format!(
                            "link to the original instead, on a line of its own: [Watch the video]({src})"
                        ),
                        None => "link to the original instead, on a line of its own: [Watch the video](https://…)".to_string(),
                    };
                    warnings.push(
                        Diagnostic::new(&shown, "a raw <iframe> is removed by the sanitiser: readers see nothing in its place")
                            .at_line(line_of(range.start))
                            .help(help),
                    );
                }
            }
            _ => {}
        }
    }
    warnings
}

/// A warning for each file of the article's page bundle that nothing in the article refers
/// to (the loader marked the ones it does: see `loader::bundle`). Made from the record, so
/// an article in any format gets them.
pub(super) fn unused_bundle_files(config: &Config, article: &Article) -> Vec<Diagnostic> {
    let shown = loader::shown(config, &article.path);
    let folder = article.path.parent().unwrap_or(&article.path);
    let mut warnings = Vec::new();
    for file in article.bundle.iter().filter(|f| !f.used) {
        warnings.push(
            Diagnostic::new(
                loader::shown(config, &folder.join(&file.name)),
                format!(
                    "nothing in {} refers to this file of its page bundle, which is copied to the output all the same",
                    shown.display()
                ),
            )
            .help(format!(
                "link it from the article (![What it shows]({0}) or [a title]({0})), or move it out of the article's folder",
                file.name
            )),
        );
    }
    warnings
}

/// When raw HTML holds an `<iframe>`, its `src` if it has one.
fn iframe(html: &str) -> Option<Option<&str>> {
    let lower = html.to_ascii_lowercase();
    let at = lower.find("<iframe")?;
    let tag_end = lower[at..].find('>').map_or(lower.len(), |n| at + n);
    let tag = &lower[at..tag_end];
    let src = tag.find("src=").and_then(|n| {
        let start = at + n + 4;
        let quote = html[start..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        let value = &html[start + 1..];
        value.find(quote).map(|end| &value[..end])
    });
    Some(src.filter(|s| s.starts_with("https://") || s.starts_with("http://")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iframes_are_found_with_their_address() {
        assert_eq!(
            iframe("<p><IFRAME width=1 SRC=\"https://www.youtube.com/embed/x\"></iframe>"),
            Some(Some("https://www.youtube.com/embed/x"))
        );
        assert_eq!(iframe("<iframe src='javascript:x'>"), Some(None));
        assert_eq!(iframe("<div>no frame</div>"), None);
    }
}
