//! How deep HTML nests, found before any parser sees it (issue 15).
//!
//! html5ever's tree builder, under both the sanitiser (ammonia) and the saved-page extractor
//! (dom_smoothie), takes time in the square of how deep elements nest: it looks through the
//! stack of open elements for every tag. 20,000 nested `<div>`s took 2.4 s to parse and the
//! extractor 66 s more; 100,000 took 66 s to parse. No article nests so deep (Blink itself
//! stops nesting at 512), so gazette refuses HTML that nests deeper than [`MAX_DEPTH`],
//! found here in one pass that builds no tree.

/// The deepest HTML gazette reads: the page extractor and the sanitiser take a few hundred
/// milliseconds at this depth.
pub(crate) const MAX_DEPTH: usize = 1_000;

/// How far up the stack an end tag looks for its element: bounded, so that a run of end
/// tags that match nothing costs no more than the tags themselves.
const END_TAG_REACH: usize = 64;

/// Whether `html` nests elements deeper than `limit`, as a parser would nest them in the
/// common cases: void elements and `/>` do not nest; `<p>`, `<li>`, `<dt>`/`<dd>`,
/// `<option>` and table rows and cells close an open one of their kind, and a block closes an
/// open `<p>`; comments, doctypes and the text of `<script>`, `<style>` and the like are
/// skipped; an end tag closes the nearest open element of its name (looking at most
/// [`END_TAG_REACH`] up), and one that matches none is ignored. Elements left open by sloppy
/// markup count, so a page that never closes a thousand `<font>`s is refused too. One pass,
/// no allocation but the stack.
pub(crate) fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut stack: Vec<&[u8]> = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found + 1;
        let rest = &bytes[start..];
        at = start;
        match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => {
                at = html[start..]
                    .find("-->")
                    .map_or(bytes.len(), |e| start + e + 3);
            }
            Some(b'!' | b'?') => at = tag_end(bytes, start),
            Some(b'/') => {
                let name = name_at(bytes, start + 1);
                at = tag_end(bytes, start);
                if name.is_empty() {
                    continue;
                }
                let reach = stack.len().saturating_sub(END_TAG_REACH);
                if let Some(open) = stack[reach..]
                    .iter()
                    .rposition(|open| open.eq_ignore_ascii_case(name))
                {
                    stack.truncate(reach + open);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = name_at(bytes, start);
                let end = tag_end(bytes, start);
                at = end;
                let self_closing = end >= 2 && bytes[end - 2] == b'/';
                if self_closing || is_one_of(name, VOID) {
                    continue;
                }
                if is_one_of(name, RAW_TEXT) {
                    at = raw_text_end(html, end, name);
                    continue;
                }
                close_implied(&mut stack, name);
                stack.push(name);
                if stack.len() > limit {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Elements that never hold content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements whose start closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Start tags that close open elements of their kind: (these starts, close these).
const IMPLIED: &[(&[&str], &[&str])] = &[
    (&["li"], &["li"]),
    (&["dt", "dd"], &["dt", "dd"]),
    (&["option"], &["option"]),
    (&["optgroup"], &["option", "optgroup"]),
    (&["td", "th"], &["td", "th"]),
    (&["tr"], &["td", "th", "tr"]),
    (
        &["tbody", "thead", "tfoot"],
        &["td", "th", "tr", "tbody", "thead", "tfoot"],
    ),
];

/// Pops what the start of `name` closes by itself, as parsers do for the usual cases.
fn close_implied(stack: &mut Vec<&[u8]>, name: &[u8]) {
    let top_is =
        |stack: &Vec<&[u8]>, names: &[&str]| stack.last().is_some_and(|t| is_one_of(t, names));
    if is_one_of(name, CLOSES_P) && top_is(stack, &["p"]) {
        stack.pop();
    }
    let Some((_, closes)) = IMPLIED.iter().find(|(starts, _)| is_one_of(name, starts)) else {
        return;
    };
    while top_is(stack, closes) {
        stack.pop();
    }
}

fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// The tag name starting at `at`.
fn name_at(bytes: &[u8], at: usize) -> &[u8] {
    let end = bytes[at.min(bytes.len())..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .map_or(bytes.len(), |n| at + n);
    &bytes[at.min(end)..end]
}

/// Just past the `>` that ends the tag starting at `at`, skipping quoted attribute values.
fn tag_end(bytes: &[u8], at: usize) -> usize {
    let mut quote = None;
    for (i, b) in bytes.iter().enumerate().skip(at) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(*b),
            (Some(q), _) if q == *b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Where the text of a raw-text element `name` ends: past its end tag, or the end of `html`.
fn raw_text_end(html: &str, from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found + 2;
        let candidate = name_at(html.as_bytes(), start);
        if candidate.eq_ignore_ascii_case(name) {
            return tag_end(html.as_bytes(), start);
        }
        at = start;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("<body>{}x{}</body>", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn deep_nesting_is_found() {
        assert!(nests_deeper_than(
            &nested("<div>", "</div>", 20_000),
            MAX_DEPTH
        ));
        assert!(nests_deeper_than(&nested("<b>", "</b>", 1_001), MAX_DEPTH));
        assert!(nests_deeper_than(
            &nested("<DIV class='a>b'>", "", 1_001),
            MAX_DEPTH
        ));
        assert!(!nests_deeper_than(
            &nested("<div>", "</div>", 999),
            MAX_DEPTH
        ));
    }

    #[test]
    fn what_parsers_close_by_themselves_does_not_count() {
        for sloppy in [
            "<p>a".repeat(5_000),
            "<ul>".to_string() + &"<li>a".repeat(5_000),
            "<dl>".to_string() + &"<dt>a<dd>b".repeat(5_000),
            "<table>".to_string() + &"<tr><td>a<td>b<th>c".repeat(5_000),
            "<br><img src=x><hr><input>".repeat(5_000),
            "<span/>".repeat(5_000),
            "<div><p>a<div>b</div></div>".repeat(5_000),
            "<script>".to_string() + &"<div>".repeat(5_000) + "</SCRIPT>",
            "<style>".to_string() + &"<div>".repeat(5_000) + "</style><p>after",
            "<!--".to_string() + &"<div>".repeat(5_000) + "-->",
            "<!doctype html>".to_string() + &"</div>".repeat(5_000),
            "a < b and 1<2 ".repeat(5_000),
            format!("<div title=\"{}\">x</div>", "<div>".repeat(5_000)),
        ] {
            assert!(!nests_deeper_than(&sloppy, MAX_DEPTH), "{}", &sloppy[..60]);
        }
    }

    #[test]
    fn a_big_page_is_looked_at_once() {
        // Linear: a megabyte of tags that close nothing costs a bounded look each.
        let page = format!("<div>{}</div>", "</nothing>".repeat(100_000));
        assert!(!nests_deeper_than(&page, MAX_DEPTH));
    }

    #[test]
    #[ignore = "needs ../shared"]
    fn no_real_page_of_the_extraction_benchmark_is_refused() {
        // 91 real article pages: how deep each nests by this count, and none near the limit.
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/extraction-dev/html");
        let mut pages = 0;
        for entry in std::fs::read_dir(&dir).expect("../shared/extraction-dev/html") {
            let path = entry.unwrap().path();
            // The pages are gzipped; gzip is on every machine that has ../shared.
            let out = std::process::Command::new("gzip")
                .arg("-dc")
                .arg(&path)
                .output()
                .expect("gzip");
            assert!(out.status.success(), "{}", path.display());
            let html = String::from_utf8_lossy(&out.stdout);
            assert!(html.contains("<div"), "{}", path.display());
            assert!(!nests_deeper_than(&html, 200), "{}", path.display());
            pages += 1;
        }
        assert!(pages >= 90, "{pages} pages");
    }
}
