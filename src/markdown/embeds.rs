//! Videos of other sites, written as their address alone on a line (issue 18): a YouTube or
//! Vimeo page address becomes a figure holding a link to it, which works without JavaScript
//! and makes no request to the video site when the page loads. The default theme's
//! `embeds.js` adds a button that loads the player (from `data-player`, one of the players
//! [`player`] makes) only when the reader asks for it: the privacy of Zola's and Hugo's
//! "lite" embeds, without their third-party thumbnail.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::html::escape;

/// Replaces each paragraph that is only a video page's address with its placeholder.
pub(super) fn embeds(events: &mut Vec<Event>) {
    let mut i = 0;
    while i < events.len() {
        let Some((end, address)) = lone_address(events, i) else {
            i += 1;
            continue;
        };
        let Some((site, player)) = player(&address) else {
            i = end + 1;
            continue;
        };
        let html = format!(
            "<figure class=\"embed\" data-player=\"{}\"><a class=\"embed-link\" href=\"{}\">Watch the video on {site}</a> <span class=\"embed-address\">{}</span></figure>\n",
            escape(&player),
            escape(&address),
            escape(&address)
        );
        events.splice(i..=end, [Event::Html(CowStr::from(html))]);
        i += 1;
    }
}

/// When `events[i]` starts a paragraph holding nothing but an address (as text, or as an
/// autolink `<https://…>`), the index of the paragraph's end and the address.
fn lone_address(events: &[Event], i: usize) -> Option<(usize, String)> {
    if !matches!(events.get(i), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let mut text = String::new();
    let mut n = i + 1;
    if let Some(Event::Start(Tag::Link { dest_url, .. })) = events.get(n) {
        let dest = dest_url.to_string();
        n += 1;
        while let Some(Event::Text(t)) = events.get(n) {
            text.push_str(t);
            n += 1;
        }
        if !matches!(events.get(n), Some(Event::End(TagEnd::Link))) || text != dest {
            return None;
        }
        n += 1;
    } else {
        while let Some(Event::Text(t)) = events.get(n) {
            text.push_str(t);
            n += 1;
        }
    }
    let text = text.trim();
    let lone = matches!(events.get(n), Some(Event::End(TagEnd::Paragraph)))
        && !text.contains(char::is_whitespace)
        && (text.starts_with("https://") || text.starts_with("http://"));
    lone.then(|| (n, text.to_string()))
}

/// The site's name and the player's address for the address of a video's page, when it is
/// one gazette knows: YouTube (`watch?v=`, `youtu.be/`, `shorts/`, `embed/`; played from
/// youtube-nocookie.com, which sets no cookie until the video plays) or Vimeo.
pub(crate) fn player(address: &str) -> Option<(&'static str, String)> {
    let url = url::Url::parse(address).ok()?;
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    let mut path = url.path_segments()?.filter(|s| !s.is_empty());
    let id = |id: &str| {
        (id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| id.to_string())
    };
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = match path.next()? {
                "watch" => url
                    .query_pairs()
                    .find(|(k, _)| k == "v")
                    .and_then(|(_, v)| id(&v))?,
                "shorts" | "embed" | "live" => id(path.next()?)?,
                _ => return None,
            };
            Some((
                "YouTube",
                format!("https://www.youtube-nocookie.com/embed/{id}"),
            ))
        }
        "youtu.be" => {
            let id = id(path.next()?)?;
            Some((
                "YouTube",
                format!("https://www.youtube-nocookie.com/embed/{id}"),
            ))
        }
        "vimeo.com" | "player.vimeo.com" => {
            let number = path.find(|s| s.bytes().all(|b| b.is_ascii_digit()))?;
            Some(("Vimeo", format!("https://player.vimeo.com/video/{number}")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn render(markdown: &str) -> String {
        let mut events: Vec<Event> = Parser::new(markdown).collect();
        embeds(&mut events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    #[test]
    fn video_addresses_give_their_players() {
        let yt = Some((
            "YouTube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ".to_string(),
        ));
        for address in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
        ] {
            assert_eq!(player(address), yt, "{address}");
        }
        assert_eq!(
            player("https://vimeo.com/76979871"),
            Some((
                "Vimeo",
                "https://player.vimeo.com/video/76979871".to_string()
            ))
        );
        for other in [
            "https://www.youtube.com/channel/x",
            "https://www.youtube.com/watch?v=a\"b",
            "https://example.org/watch?v=x",
            "https://vimeo.com/channels/staff",
        ] {
            assert_eq!(player(other), None, "{other}");
        }
    }

    #[test]
    fn an_address_alone_on_its_line_becomes_a_link_that_loads_nothing() {
        for md in [
            "https://youtu.be/dQw4w9WgXcQ\n",
            "<https://youtu.be/dQw4w9WgXcQ>\n",
        ] {
            assert_eq!(
                render(md),
                "<figure class=\"embed\" data-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"><a class=\"embed-link\" href=\"https://youtu.be/dQw4w9WgXcQ\">Watch the video on YouTube</a> <span class=\"embed-address\">https://youtu.be/dQw4w9WgXcQ</span></figure>\n",
                "{md}"
            );
        }
        for kept in [
            "See https://youtu.be/dQw4w9WgXcQ\n",
            "[a talk](https://youtu.be/dQw4w9WgXcQ)\n",
            "https://example.org/page\n",
        ] {
            assert!(!render(kept).contains("embed"), "{kept}");
        }
    }
}
