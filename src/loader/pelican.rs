//! Pelican-style metadata: `Key: value` lines at the top of a file, ended by a blank line.
//!
//! Pelican's Markdown reader takes a file's first lines as metadata (`Title: …`, `Date: …`,
//! `Tags: a, b`, `Status: draft`). gazette reads them for `.md` files without front-matter
//! fences, and the same lines at the top of a raw-text file, so a user can date a scraped
//! article by adding a `Date:` line. The keys are mapped to gazette's front-matter keys here,
//! and the shared normaliser (`record`) reads them like any other front matter.

use serde_json::{Map, Value};

/// Keys a raw-text file may carry at its top; a `.md` file may carry any key.
const TEXT_KEYS: &[&str] = &[
    "title",
    "date",
    "modified",
    "updated",
    "tags",
    "topics",
    "category",
    "categories",
    "author",
    "authors",
    "slug",
    "summary",
    "status",
    "source",
    "original_url",
    "standfirst",
    "image",
];

/// The header lines of a file, as front-matter fields.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Headers {
    /// The fields, under gazette's key names (`Category` becomes `categories`, `Status:
    /// draft` becomes `draft = true`).
    pub fields: Map<String, Value>,
    /// One line per header line, `key: value` under gazette's key name, so that a problem
    /// with a key can be reported at its line in the file.
    pub front: String,
    /// How many lines of the file the headers (and the blank line after them) take.
    pub lines: usize,
}

/// Reads the `Key: value` lines at the top of `text` (a byte-order mark, CRLF line ends and
/// leading blank lines are accepted). With `text_only`, only keys a raw-text file may carry
/// count as headers, so that "READ MORE: …" or "WATCH: …" at the top of a scraped page is not
/// taken for metadata. Returns `None` when the file does not start with a header line.
pub(super) fn split(text: &str, text_only: bool) -> Option<Headers> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut headers = Headers::default();
    let mut last_key: Option<String> = None;
    let mut consumed = 0;
    let mut started = false;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            consumed += 1;
            headers.front.push('\n');
            if started {
                break;
            }
            continue;
        }
        // Pelican continues a value on indented lines.
        if started && line.starts_with([' ', '\t']) {
            if let Some(Value::String(value)) =
                last_key.as_ref().and_then(|k| headers.fields.get_mut(k))
            {
                value.push(' ');
                value.push_str(line.trim());
                consumed += 1;
                headers.front.push('\n');
                continue;
            }
        }
        let Some((key, value)) = header_line(line) else {
            break;
        };
        let key = key.to_lowercase().replace('-', "_");
        if text_only && !TEXT_KEYS.contains(&key.as_str()) {
            break;
        }
        let (name, value) = map(&key, value.trim());
        // A key seen twice is not a header block any more (and keeping the second would
        // silently lose the first): the text starts here.
        if headers.fields.contains_key(&name) {
            break;
        }
        started = true;
        consumed += 1;
        headers.front.push_str(&format!("{name}: \n"));
        last_key = Some(name.clone());
        headers.fields.insert(name, value);
    }
    if !started {
        return None;
    }
    headers.lines = consumed;
    Some(headers)
}

/// `Key: value`, where the key is one word (letters, digits, `_`, `-`) starting with a letter:
/// "The minister said: nothing" is a sentence, not a header.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let ok = key.len() <= 30
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        && (value.is_empty() || value.starts_with([' ', '\t']));
    ok.then_some((key, value))
}

/// Pelican's key and value -> gazette's.
pub(super) fn map(key: &str, value: &str) -> (String, Value) {
    let text = Value::String(value.to_string());
    match key {
        "category" => ("categories".into(), text),
        "status" => (
            "draft".into(),
            Value::Bool(matches!(
                value.to_ascii_lowercase().as_str(),
                "draft" | "hidden"
            )),
        ),
        other => (other.to_string(), text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pelican_headers_become_fields() {
        let h = split(
            "Title: My super title\nDate: 2010-12-03 10:20\nModified: 2010-12-05 19:30\nCategory: Python\nTags: pelican, publishing\nSlug: my-super-post\nAuthors: Alexis Metaireau, Conan Doyle\nSummary: Short version\n  for index and feeds\nStatus: draft\n\nThis is the content.\n",
            false,
        )
        .unwrap();
        assert_eq!(h.fields["title"], "My super title");
        assert_eq!(h.fields["categories"], "Python");
        assert_eq!(h.fields["summary"], "Short version for index and feeds");
        assert_eq!(h.fields["draft"], true);
        assert_eq!(h.lines, 11);
        assert_eq!(crate::position::key_line(&h.front, "slug"), Some(6));
    }

    #[test]
    fn text_files_take_only_known_keys() {
        assert!(split("READ MORE: Something\n\nBody", true).is_none());
        assert!(split("Advertisement\n\nTitle", true).is_none());
        let h = split(
            "\u{feff}Date: 2015-11-17\r\nSource: CBC News\r\n\r\nHeadline\r\n",
            true,
        )
        .unwrap();
        assert_eq!(h.fields["date"], "2015-11-17");
        assert_eq!(h.lines, 3);
    }

    #[test]
    fn urls_and_sentences_are_not_headers() {
        assert!(split("https://example.org/x\n", false).is_none());
        assert!(split("The minister said: nothing\n", false).is_none());
    }
}
