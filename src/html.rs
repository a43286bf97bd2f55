//! Escaping text for HTML and XML.
//!
//! One escaper for every writer of markup: the templates (through tera), the sitemaps, the
//! rewritten `@/` links and serve's error overlay. It depends on nothing else in the crate,
//! so any module may use it without pulling in the renderer.

/// Escapes text for HTML and XML. Tera's own escaper also turns `/` into `&#x2F;`, which is
/// safe but makes every URL in the output unreadable; quotes and `<>&` are what matter.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // The five are ASCII, so every cut falls between characters; runs between them are
    // copied whole (this runs for every `{{ }}` of every page).
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out
}

/// Undoes [`escape`] (and the `&#x27;`/`&#x2F;` tera writes), for reading back an attribute
/// gazette wrote.
pub(crate) fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain / text"), "plain / text");
        assert_eq!(
            escape(r#"<a href="x">Café & 'Ça'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Café &amp; &#39;Ça&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("é<ü>"), "é&lt;ü&gt;");
    }
}
