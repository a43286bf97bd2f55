//! A Liquid pass over the bodies of Jekyll's files, before Markdown, translating what has a
//! meaning in gazette and leaving out, with a warning, what has none. Issue 20: on a Jekyll
//! site a quarter of the pages printed their Liquid raw (`{% highlight ruby %}` blocks
//! flattened into paragraphs, `{{ site.x }}` shown as text).
//!
//! Jekyll renders Liquid everywhere in a file, code blocks included (which is why it has
//! `{% raw %}`), so the pass does too, but only in files that are Jekyll's (see
//! [`is_jekyll`]): ordinary articles that mention `{{` or `{%` are never touched.
//!
//! Translated: `{% highlight LANG %}…{% endhighlight %}` → a fenced code block with its
//! language; `{% link PATH %}` and `{% post_url NAME %}` → gazette's `@/` links;
//! `{% raw %}…{% endraw %}` → its text as written; `{% comment %}…{% endcomment %}` →
//! nothing; `{{ page.KEY }}` → the article's own front-matter value. Anything else (`include`,
//! `{{ site.… }}`, loops and conditions, filters) is removed, with a warning naming the tag
//! and its line; the text between a block's tags (`{% if %}…{% endif %}`) is kept.

use std::path::{Component, Path};

use serde_json::{Map, Value};

use crate::article::Note;

/// The most warnings one file gets; the rest are counted in the last.
const MAX_NOTES: usize = 20;

/// Whether a file is Jekyll's, so that its body is Liquid: it is in a `_posts` or `_drafts`
/// folder, or its YAML front matter names a `layout` (Jekyll's key for the template; Hugo
/// has it too, but Hugo's shortcodes, `{{< … >}}` and `{{% … %}}`, are not Liquid and are
/// left alone).
pub(crate) fn is_jekyll(relative: &Path, yaml: bool, fields: &Map<String, Value>) -> bool {
    jekyll_folder(relative).is_some() || (yaml && fields.contains_key("layout"))
}

/// The index of the `_posts` or `_drafts` folder among `relative`'s components.
fn jekyll_folder(relative: &Path) -> Option<usize> {
    let parent = relative.parent()?;
    parent
        .components()
        .position(|c| c.as_os_str() == "_posts" || c.as_os_str() == "_drafts")
}

/// The `@/` prefix of the Jekyll site a file belongs to: the folder holding its `_posts`,
/// relative to `content/` (`blog/` for `content/blog/_posts/x.md`), or `content/` itself.
fn site_prefix(relative: &Path) -> String {
    let Some(at) = jekyll_folder(relative) else {
        return String::new();
    };
    let mut prefix = String::new();
    for c in relative.components().take(at).skip(1) {
        if let Component::Normal(name) = c {
            prefix.push_str(&name.to_string_lossy());
            prefix.push('/');
        }
    }
    prefix
}

/// The body with its Liquid translated, and a note for each tag left out. `first_line` is
/// the body's first line in the file, for the notes.
pub(crate) fn translate(
    body: &str,
    relative: &Path,
    fields: &Map<String, Value>,
    first_line: usize,
) -> (String, Vec<Note>) {
    let mut pass = Pass {
        fields,
        prefix: site_prefix(relative),
        source: body,
        notes: Vec::new(),
        left_out: 0,
        first_line,
    };
    let out = pass.run(0, body.len());
    let mut notes = pass.notes;
    if pass.left_out > MAX_NOTES {
        notes.push(Note {
            line: None,
            message: format!(
                "and {} more Liquid tags left out",
                pass.left_out - MAX_NOTES
            ),
            help: HELP.into(),
        });
    }
    (out, notes)
}

/// How to fix a tag that was left out.
const HELP: &str = "gazette translates highlight, link, post_url, raw, comment and {{ page.… }}; replace the tag with the text it stood for, or wrap text that should stay as written in {% raw %}…{% endraw %}";

/// One Liquid tag or output found in the text.
struct Tag<'a> {
    /// Where it starts and ends (after its closing delimiter).
    start: usize,
    end: usize,
    /// `{% … %}` rather than `{{ … }}`.
    statement: bool,
    /// What is between the delimiters, trimmed, whitespace control (`-`) removed.
    inner: &'a str,
}

struct Pass<'a> {
    fields: &'a Map<String, Value>,
    prefix: String,
    source: &'a str,
    notes: Vec<Note>,
    left_out: usize,
    first_line: usize,
}

impl<'a> Pass<'a> {
    /// Translates `source[from..to]`.
    fn run(&mut self, from: usize, to: usize) -> String {
        let mut out = String::with_capacity(to - from);
        let mut at = from;
        while let Some(tag) = self.next_tag(at, to) {
            out.push_str(&self.source[at..tag.start]);
            at = tag.end;
            if !tag.statement {
                self.output(&tag, &mut out);
                continue;
            }
            let name = tag.inner.split_whitespace().next().unwrap_or("");
            let args = tag.inner[name.len()..].trim();
            match name {
                "raw" => match self.find_end(tag.end, to, "endraw") {
                    Some((inner_end, end)) => {
                        out.push_str(&self.source[tag.end..inner_end]);
                        at = end;
                    }
                    None => self.left_out(&tag, "`{% raw %}` is never closed by `{% endraw %}`"),
                },
                "comment" => match self.find_end(tag.end, to, "endcomment") {
                    Some((_, end)) => at = end,
                    None => self.left_out(&tag, "`{% comment %}` is never closed"),
                },
                "highlight" => match self.find_end(tag.end, to, "endhighlight") {
                    Some((inner_end, end)) => {
                        let language = args.split_whitespace().next().unwrap_or("");
                        let code = self.run(tag.end, inner_end);
                        fenced(&mut out, language, code.trim_matches(['\n', '\r']));
                        at = end;
                    }
                    None => self.left_out(&tag, "`{% highlight %}` is never closed"),
                },
                "link" if is_plain(args) => {
                    out.push_str(&format!(
                        "@/{}{}",
                        self.prefix,
                        args.trim_start_matches('/')
                    ));
                }
                "post_url" if is_plain(args) => {
                    out.push_str(&format!("@/{}_posts/{args}.md", self.prefix));
                }
                _ => self.left_out(
                    &tag,
                    &format!(
                        "the Liquid tag `{{% {} %}}` cannot be translated",
                        clip(tag.inner)
                    ),
                ),
            }
        }
        out.push_str(&self.source[at..to]);
        out
    }

    /// `{{ page.KEY }}` becomes the value of KEY; any other output is left out.
    fn output(&mut self, tag: &Tag, out: &mut String) {
        let value = tag
            .inner
            .strip_prefix("page.")
            .filter(|key| is_key(key))
            .and_then(|key| match self.fields.get(key) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                Some(Value::Bool(b)) => Some(b.to_string()),
                _ => None,
            });
        match value {
            Some(value) => out.push_str(&value),
            None => self.left_out(
                tag,
                &format!(
                    "the Liquid output `{{{{ {} }}}}` has no value here",
                    clip(tag.inner)
                ),
            ),
        }
    }

    fn left_out(&mut self, tag: &Tag, message: &str) {
        self.left_out += 1;
        if self.left_out > MAX_NOTES {
            return;
        }
        let line = self.first_line + self.source[..tag.start].matches('\n').count();
        self.notes.push(Note {
            line: Some(line),
            message: format!("{message}; it is left out"),
            help: HELP.into(),
        });
    }

    /// The next tag or output in `source[from..to]`. Hugo's shortcodes (`{{<`, `{{%`) and an
    /// opening never closed are not tags.
    fn next_tag(&self, from: usize, to: usize) -> Option<Tag<'a>> {
        let text = &self.source[..to];
        let mut at = from;
        loop {
            let start = at + text[at..].find('{')?;
            let rest = &text[start..];
            let (statement, close) = if rest.starts_with("{%") {
                (true, "%}")
            } else if rest.starts_with("{{") && !rest[2..].starts_with(['<', '%', '{']) {
                (false, "}}")
            } else {
                at = start + 1;
                continue;
            };
            // An opening never closed is text; a later tag may still be one.
            let Some(len) = rest[2..].find(close) else {
                at = start + 2;
                continue;
            };
            let inner = rest[2..2 + len]
                .trim_start_matches('-')
                .trim_end_matches('-')
                .trim();
            return Some(Tag {
                start,
                end: start + 2 + len + 2,
                statement,
                inner,
            });
        }
    }

    /// The closing tag `{% NAME %}` after `from`: where the text it closes ends, and where
    /// the closing tag ends. Tags in between are not looked into (for `raw`, by definition).
    fn find_end(&self, from: usize, to: usize, name: &str) -> Option<(usize, usize)> {
        let mut at = from;
        while let Some(tag) = self.next_tag(at, to) {
            if tag.statement && tag.inner == name {
                return Some((tag.start, tag.end));
            }
            at = tag.start + 2;
        }
        None
    }
}

/// Writes a fenced code block, on lines of its own, with a fence longer than any run of
/// backticks in the code.
fn fenced(out: &mut String, language: &str, code: &str) {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    let language: String = language
        .chars()
        .filter(|c| c.is_alphanumeric() || "+-_.#".contains(*c))
        .collect();
    out.push_str(&format!("{fence}{language}\n{code}\n{fence}\n"));
}

/// A path or post name written out, not made by Liquid (`{{ … }}` inside a tag).
fn is_plain(args: &str) -> bool {
    !args.is_empty() && !args.contains(['{', '}', ' ', '"', '\''])
}

/// A front-matter key as `page.KEY` names it: no filters, no index.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// A tag shortened for a message.
fn clip(text: &str) -> String {
    crate::markdown::shorten(text, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> (String, Vec<Note>) {
        let mut fields = Map::new();
        fields.insert("title".into(), Value::String("Ruby 3 is out".into()));
        translate(
            body,
            Path::new("content/blog/_posts/2019-12-25-x.md"),
            &fields,
            5,
        )
    }

    #[test]
    fn highlight_becomes_a_fenced_block_with_its_language() {
        let (out, notes) = run("Before.\n{% highlight ruby linenos %}\n# comment\nputs 1\n{% endhighlight %}\nAfter.\n");
        assert_eq!(out, "Before.\n```ruby\n# comment\nputs 1\n```\n\nAfter.\n");
        assert!(notes.is_empty());
    }

    #[test]
    fn links_raw_and_page_values() {
        let (out, notes) = run("[a]({% link _posts/2019-01-01-a.md %}) [b]({% post_url 2019-01-02-b %}) {% raw %}{{ kept }}{% endraw %} {{ page.title }}{% comment %}x{% endcomment %}");
        assert_eq!(
            out,
            "[a](@/blog/_posts/2019-01-01-a.md) [b](@/blog/_posts/2019-01-02-b.md) {{ kept }} Ruby 3 is out"
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn what_cannot_be_translated_is_left_out_with_a_note_on_its_line() {
        let (out, notes) = run("One {{ site.data.x }}\n{% include note.html %}\n{% for p in site.posts %}{{ p.title }}{% endfor %}\n{{< hugo >}}");
        assert_eq!(out, "One \n\n\n{{< hugo >}}");
        let (out, notes_after_open) = run("a {{ never closed {% include x %} b");
        assert_eq!(out, "a {{ never closed  b");
        assert_eq!(notes_after_open.len(), 1);
        let lines: Vec<_> = notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [Some(5), Some(6), Some(7), Some(7), Some(7)]);
        assert!(notes[1].message.contains("include note.html"), "{notes:?}");
    }

    #[test]
    fn only_jekyll_files_get_the_pass() {
        let mut fields = Map::new();
        assert!(is_jekyll(Path::new("content/_posts/a.md"), false, &fields));
        assert!(!is_jekyll(Path::new("content/2016/a.md"), true, &fields));
        fields.insert("layout".into(), Value::String("post".into()));
        assert!(is_jekyll(Path::new("content/2016/a.md"), true, &fields));
        assert!(!is_jekyll(Path::new("content/2016/a.md"), false, &fields));
    }
}
