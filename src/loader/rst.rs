//! Pelican's reStructuredText articles (`.rst`), read without a full reStructuredText reader.
//!
//! No maintained reStructuredText crate exists (rst_parser, the one on crates.io, is an
//! incomplete 0.4 of a project that calls itself unfinished), so gazette reads what Pelican
//! articles carry and says what it leaves out (issue 20):
//! - the title, the first heading (underlined, or over- and underlined);
//! - the field list under it, Pelican's metadata (`:date:`, `:modified:`, `:tags:`,
//!   `:category:`, `:authors:`, `:slug:`, `:summary:`, `:status: draft`, any other to
//!   `extra`), read like Pelican's Markdown headers;
//! - a body of paragraphs, section headings, `*emphasis*`, `**strong**`, ``` ``literal`` ```,
//!   links (`` `text <https://…>`_ `` and `` `text`_ `` with a `.. _text: https://…` target),
//!   literal blocks (`::`), `.. code-block:: lang`, `.. image:: url`, bullet and numbered
//!   lists (one level), comments; every other directive is left out with a warning naming
//!   it and its line.
//!
//! The body becomes Markdown, which the normaliser renders as any other article's.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::article::Note;

/// An `.rst` file read: its fields, the text to find a field's line in, and its body as
/// Markdown.
pub(super) struct Read {
    pub fields: Map<String, Value>,
    /// One line per line of the file down to the field list, `key: ` on a field's line.
    pub front: String,
    pub body: String,
    pub notes: Vec<Note>,
}

/// Reads an `.rst` article; `Err` says why it is not one (no title).
pub(super) fn read(text: &str) -> Result<Read, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut at = skip_blank(&lines, 0);
    let Some((title, next)) = heading(&lines, at) else {
        return Err("no title: a reStructuredText article starts with its title, underlined (a line of `=` as long as it)".into());
    };
    let mut fields = Map::new();
    fields.insert("title".into(), Value::String(title.clone()));
    let mut front = vec![String::new(); lines.len()];
    front[at] = "title: ".into();
    at = skip_blank(&lines, next);
    // The field list: `:name: value`, a value continued on indented lines.
    let mut last: Option<String> = None;
    while at < lines.len() {
        let line = lines[at];
        if let Some((name, value)) = field(line) {
            let (name, value) = super::pelican::map(&name, value);
            front[at] = format!("{name}: ");
            last = Some(name.clone());
            fields.insert(name, value);
        } else if line.starts_with([' ', '\t']) && !line.trim().is_empty() && last.is_some() {
            if let Some(Value::String(v)) = last.as_ref().and_then(|k| fields.get_mut(k)) {
                v.push(' ');
                v.push_str(line.trim());
            }
        } else {
            break;
        }
        at += 1;
    }
    front.truncate(at);
    let mut body = Body::new(&lines);
    let markdown = body.convert(at);
    Ok(Read {
        fields,
        front: front.join("\n"),
        body: markdown,
        notes: body.notes,
    })
}

fn skip_blank(lines: &[&str], mut at: usize) -> usize {
    while at < lines.len() && lines[at].trim().is_empty() {
        at += 1;
    }
    at
}

/// A line made of one punctuation character repeated (at least twice): an adornment.
fn adornment(line: &str) -> Option<char> {
    let line = line.trim_end();
    let first = line.chars().next()?;
    (line.chars().count() >= 2 && first.is_ascii_punctuation() && line.chars().all(|c| c == first))
        .then_some(first)
}

/// The heading at `at`, over- and underlined or underlined: its text and the line after it.
fn heading(lines: &[&str], at: usize) -> Option<(String, usize)> {
    let text_of = |i: usize| lines.get(i).map(|l| l.trim()).filter(|l| !l.is_empty());
    if let Some(over) = lines.get(at).and_then(|l| adornment(l)) {
        let title = text_of(at + 1)?;
        let under = lines.get(at + 2).and_then(|l| adornment(l))?;
        return (under == over && adornment(title).is_none()).then(|| (title.to_string(), at + 3));
    }
    let title = text_of(at)?;
    if lines[at].starts_with([' ', '\t']) {
        return None;
    }
    adornment(lines.get(at + 1)?)?;
    Some((title.to_string(), at + 2))
}

/// `:name: value` (a field of the field list).
fn field(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix(':')?;
    let (name, value) = rest
        .split_once(": ")
        .or_else(|| rest.strip_suffix(':').map(|n| (n, "")))?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    ok.then(|| (name.to_lowercase().replace('-', "_"), value.trim()))
}

/// The body's conversion to Markdown.
struct Body<'a> {
    lines: &'a [&'a str],
    /// Heading adornments in the order met (a character and whether overlined): their level.
    styles: Vec<(char, bool)>,
    /// Link targets: `.. _name: url`.
    targets: HashMap<String, String>,
    notes: Vec<Note>,
}

impl<'a> Body<'a> {
    fn new(lines: &'a [&'a str]) -> Self {
        let targets = lines
            .iter()
            .filter_map(|l| l.strip_prefix(".. _"))
            .filter_map(|l| l.split_once(": "))
            .map(|(name, url)| (name.trim().to_lowercase(), url.trim().to_string()))
            .collect();
        Body {
            lines,
            styles: Vec::new(),
            targets,
            notes: Vec::new(),
        }
    }

    fn convert(&mut self, mut at: usize) -> String {
        let lines = self.lines;
        let mut out = String::new();
        while at < lines.len() {
            let line = lines[at];
            if line.trim().is_empty() {
                at += 1;
                continue;
            }
            if let Some((text, next)) = heading(lines, at) {
                let over = adornment(lines[at]).is_some();
                let style = (adornment(lines[next - 1]).unwrap_or('='), over);
                let level = match self.styles.iter().position(|s| *s == style) {
                    Some(i) => i,
                    None => {
                        self.styles.push(style);
                        self.styles.len() - 1
                    }
                };
                // The title is the page's `<h1>`: sections start at `##`.
                let hashes = "#".repeat((level + 2).min(6));
                out.push_str(&format!("{hashes} {}\n\n", self.inline(&text)));
                at = next;
                continue;
            }
            if let Some(directive) = line.strip_prefix(".. ") {
                at = self.directive(directive, at, &mut out);
                continue;
            }
            if let Some(item) = list_item(line) {
                let (text, next) = gather(lines, at, item.1);
                out.push_str(&format!("{} {}\n", item.0, self.inline(&text)));
                at = next;
                if lines
                    .get(at)
                    .is_none_or(|l| l.trim().is_empty() || list_item(l).is_none())
                {
                    out.push('\n');
                }
                continue;
            }
            // A paragraph, up to a blank line.
            let start = at;
            while at < lines.len() && !lines[at].trim().is_empty() {
                at += 1;
            }
            let text = lines[start..at]
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join("\n");
            if let Some(before) = text.strip_suffix("::") {
                // A literal block follows: `Text::` shows `Text:`, `::` alone nothing.
                let before = before.trim_end();
                if !before.is_empty() {
                    let colon = if before.ends_with(char::is_whitespace) || text.ends_with(" ::") {
                        ""
                    } else {
                        ":"
                    };
                    out.push_str(&format!("{}{colon}\n\n", self.inline(before)));
                }
                let (code, next) = indented(lines, at);
                fence(&mut out, "", &code);
                at = next;
            } else {
                out.push_str(&self.inline(&text));
                out.push_str("\n\n");
            }
        }
        out
    }

    /// `.. name:: argument` and its indented block at line `at`; returns the line after it.
    fn directive(&mut self, rest: &str, at: usize, out: &mut String) -> usize {
        let (block, next) = indented(self.lines, at + 1);
        let Some((name, argument)) = rest.split_once("::") else {
            // `.. _target: url` and comments show nothing.
            return next;
        };
        let (name, argument) = (name.trim(), argument.trim());
        let options: Vec<(&str, &str)> = block
            .lines()
            .map_while(|l| {
                field(l.trim()).map(|(k, v)| if k == "alt" { ("alt", v) } else { ("", v) })
            })
            .collect();
        let content: String = block
            .lines()
            .skip_while(|l| field(l.trim()).is_some())
            .collect::<Vec<_>>()
            .join("\n");
        match name {
            "code-block" | "code" | "sourcecode" => fence(out, argument, content.trim_matches('\n')),
            "image" | "figure" => {
                let alt = options.iter().find(|(k, _)| *k == "alt").map_or("", |(_, v)| v);
                out.push_str(&format!("![{}]({argument})\n\n", escape(alt)));
                if name == "figure" && !content.trim().is_empty() {
                    out.push_str(&format!("{}\n\n", self.inline(content.trim())));
                }
            }
            _ => self.notes.push(Note {
                line: Some(at + 1),
                message: format!("the reStructuredText directive `{name}` is not read; it is left out"),
                help: "gazette reads paragraphs, headings, emphasis, links, literal blocks, code-block, image and lists in .rst files; write what the directive showed as text, or convert the file to Markdown".into(),
            }),
        }
        next
    }

    /// Inline markup to Markdown; other text escaped so it shows as written.
    fn inline(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find(['`', '*', '[', ']', '<', '\\', '#', '_', '>']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("``") {
                if let Some(end) = after.find("``") {
                    let code = &after[..end];
                    let ticks = if code.contains('`') { "``" } else { "`" };
                    out.push_str(&format!("{ticks}{code}{ticks}"));
                    rest = &after[end + 2..];
                    continue;
                }
            } else if let Some(after) = tail.strip_prefix('`') {
                if let Some(end) = after.find('`') {
                    let inner = &after[..end];
                    let after_end = &after[end + 1..];
                    let anonymous = after_end.starts_with("__");
                    if let Some(tail) = after_end.strip_prefix('_') {
                        let tail = if anonymous { &tail[1..] } else { tail };
                        // `text <url>`_ or `text`_ with a target.
                        let (label, url) = match inner.rsplit_once('<') {
                            Some((label, url)) if url.ends_with('>') => (
                                label.trim().to_string(),
                                Some(url.trim_end_matches('>').to_string()),
                            ),
                            _ => (
                                inner.to_string(),
                                self.targets.get(&inner.to_lowercase()).cloned(),
                            ),
                        };
                        match url {
                            Some(url) => out.push_str(&format!("[{}](<{url}>)", escape(&label))),
                            None => out.push_str(&escape(&label)),
                        }
                        rest = tail;
                        continue;
                    }
                    // Interpreted text (`x`, :role:`x`): its text.
                    out.push_str(&escape(inner));
                    rest = after_end;
                    continue;
                }
            } else if tail.starts_with("**") || tail.starts_with('*') {
                // Emphasis is written alike in both.
                let n = if tail.starts_with("**") { 2 } else { 1 };
                out.push_str(&tail[..n]);
                rest = &tail[n..];
                continue;
            } else if tail.starts_with('#') && !out.is_empty() && !out.ends_with('\n') {
                out.push('#');
                rest = &tail[1..];
                continue;
            }
            out.push('\\');
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
        out.push_str(rest);
        out
    }
}

/// `- item`, `* item`, `+ item`, `1. item`, `#. item`: the Markdown marker and the item's
/// text column.
fn list_item(line: &str) -> Option<(&'static str, usize)> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(("-", 2));
    }
    let (number, rest) = line.split_once(". ")?;
    (!rest.is_empty()
        && (number == "#" || (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))))
    .then_some(("1.", number.len() + 2))
}

/// A list item's text: its line from `column`, and the indented lines after it.
fn gather(lines: &[&str], at: usize, column: usize) -> (String, usize) {
    let mut text = lines[at].get(column..).unwrap_or("").trim().to_string();
    let mut next = at + 1;
    while next < lines.len()
        && lines[next].starts_with([' ', '\t'])
        && !lines[next].trim().is_empty()
    {
        text.push('\n');
        text.push_str(lines[next].trim());
        next += 1;
    }
    (text, next)
}

/// The indented block from line `at` (blank lines first skipped), dedented; and the line
/// after it.
fn indented(lines: &[&str], at: usize) -> (String, usize) {
    let start = skip_blank(lines, at);
    let mut end = start;
    while end < lines.len() && (lines[end].trim().is_empty() || lines[end].starts_with([' ', '\t']))
    {
        end += 1;
    }
    if start >= lines.len() || !lines[start].starts_with([' ', '\t']) {
        return (String::new(), at);
    }
    let block = &lines[start..end];
    let margin = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let text = block
        .iter()
        .map(|l| l.get(margin..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    (text.trim_end().to_string(), end)
}

/// A fenced code block, with a fence longer than any backtick run in the code.
fn fence(out: &mut String, language: &str, code: &str) {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let language: String = language
        .chars()
        .filter(|c| c.is_alphanumeric() || "+-_.#".contains(*c))
        .collect();
    out.push_str(&format!("{fence}{language}\n{code}\n{fence}\n\n"));
}

/// Text escaped so Markdown shows it as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "My super title\n##############\n\n:date: 2010-10-03 10:20\n:modified: 2010-10-04 18:40\n:tags: thats, awesome\n:category: yeah\n:slug: my-super-post\n:authors: Alexis Metaireau, Conan Doyle\n:summary: Short version for\n   index and feeds\n\nThis is *the* **content** with ``code`` and a `link <https://example.org/>`_ and `another`_.\n\n.. _another: https://example.com/\n\nA section\n---------\n\n- one\n- two\n\nAn example::\n\n    # not a heading\n    print(1)\n\n.. code-block:: python\n\n    x = 1\n\n.. raw:: html\n\n    <b>x</b>\n";

    #[test]
    fn a_pelican_article() {
        let read = read(POST).unwrap();
        assert_eq!(read.fields["title"], "My super title");
        assert_eq!(read.fields["date"], "2010-10-03 10:20");
        assert_eq!(read.fields["categories"], "yeah");
        assert_eq!(read.fields["summary"], "Short version for index and feeds");
        assert_eq!(crate::position::key_line(&read.front, "slug"), Some(8));
        let body = &read.body;
        assert!(body.starts_with("This is *the* **content** with `code` and a [link](<https://example.org/>) and [another](<https://example.com/>).\n\n"), "{body}");
        assert!(body.contains("## A section\n\n- one\n- two\n\n"), "{body}");
        assert!(
            body.contains("An example:\n\n```\n# not a heading\nprint(1)\n```\n"),
            "{body}"
        );
        assert!(body.contains("```python\nx = 1\n```"), "{body}");
        assert!(!body.contains("<b>"), "{body}");
        assert_eq!(read.notes.len(), 1);
        assert_eq!(read.notes[0].line, Some(32));
        assert!(read.notes[0].message.contains("`raw`"));
    }

    #[test]
    fn an_overlined_title_and_no_title() {
        let read = read("=====\nTitle\n=====\n:date: 2019-01-01\n\nText.\n").unwrap();
        assert_eq!(read.fields["title"], "Title");
        assert_eq!(read.body, "Text.\n\n");
        assert!(super::read("Just text.\n").is_err());
    }
}
