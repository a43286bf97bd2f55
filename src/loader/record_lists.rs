//! The readers of the normaliser's list-valued fields: old URLs (`aliases`,
//! `redirect_from`), Jekyll's categories for `:categories`, lists of text, `media` and
//! `corrections` tables. Kept apart from `record` so each file stays one screenful of concerns.

use serde_json::Value;

use super::{clip, conventions, Reader};
use crate::article::{Correction, Media};
use crate::config::Config;
use crate::error::Diagnostic;

impl Reader<'_> {
    /// Old URLs of the article: site paths that will redirect to it (`aliases`, and
    /// Jekyll's `redirect_from`), relative ones resolved as their generator does (see
    /// [`conventions::resolve_alias`]).
    pub(super) fn aliases(&mut self) -> Vec<String> {
        let mut aliases: Vec<String> = Vec::new();
        for key in ["aliases", "redirect_from"] {
            for written in self.strings(key) {
                let example = format!("write a path of the site starting with /, e.g. {key} = [\"/2016/01/old-slug/\"]");
                if conventions::is_full_address(&written) {
                    self.problem(
                        key,
                        format!("`{key}` has the full address {:?}: a redirect page can only be written at a path of this site", clip(&written)),
                        &example,
                    );
                    continue;
                }
                let path =
                    conventions::resolve_alias(&written, &self.input.fields, self.input.path);
                let path = conventions::as_page_path(&path);
                match crate::permalink::checked(&path) {
                    // The same old URL twice (in both keys, say) is one redirect.
                    Ok(path) if aliases.contains(&path) => {}
                    Ok(path) => aliases.push(path),
                    Err(why) => self.problem(
                        key,
                        format!("the old URL {:?} in `{key}` cannot be written inside the output folder: {why}", clip(&written)),
                        &example,
                    ),
                }
            }
        }
        aliases
    }

    /// The names under `categories`/`category` as written, for Jekyll's `:categories`.
    pub(super) fn category_names(&self) -> Vec<String> {
        ["categories", "category"]
            .iter()
            .filter_map(|k| self.get(k))
            .flat_map(|v| match v {
                Value::String(s) => s.split([',', ' ']).map(str::to_string).collect(),
                Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            })
            .filter(|s| !s.trim().is_empty())
            .collect()
    }

    /// A list of non-empty strings, or one string as a list of one (`related_headlines`,
    /// `aliases`).
    pub(super) fn strings(&mut self, key: &str) -> Vec<String> {
        let items = match self.get(key) {
            None => return Vec::new(),
            // One value alone is a list of one: `aliases = "/old/"`.
            Some(Value::String(s)) => vec![Value::String(s.clone())],
            Some(Value::Array(items)) => items.clone(),
            Some(other) => {
                let shown = clip(&other.to_string());
                self.problem(
                    key,
                    format!("`{key}` must be a list of text, not {shown}"),
                    &format!("write {key} = [\"First\", \"Second\"]"),
                );
                return Vec::new();
            }
        };
        let mut found = Vec::new();
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => found.push(s.trim().to_string()),
                Value::String(_) => {}
                other => self.problem(
                    key,
                    format!(
                        "every entry of `{key}` must be text, not {}",
                        clip(&other.to_string())
                    ),
                    "put each entry in quotes",
                ),
            }
        }
        found
    }

    /// `media`: a list of tables `{title, caption, duration}`; `title` is required.
    pub(super) fn media(&mut self) -> Vec<Media> {
        let help = "write each entry as a table: [[media]] then title = \"…\", caption = \"…\", duration = \"10:38\"";
        let items = match self.get("media") {
            None => return Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(_) => {
                self.problem("media", "`media` must be a list of tables".into(), help);
                return Vec::new();
            }
        };
        let mut media = Vec::new();
        for item in items {
            let Value::Object(table) = item else {
                self.problem(
                    "media",
                    "every entry of `media` must be a table".into(),
                    help,
                );
                continue;
            };
            let text = |k: &str| {
                table
                    .get(k)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let unknown: Vec<&String> = table
                .keys()
                .filter(|k| !["title", "caption", "duration"].contains(&k.as_str()))
                .collect();
            let not_text = ["title", "caption", "duration"]
                .iter()
                .any(|k| table.get(*k).is_some_and(|v| !v.is_string()));
            if !unknown.is_empty() || not_text {
                self.problem(
                    "media",
                    format!(
                        "a `media` entry may only have text `title`, `caption` and `duration`{}",
                        match unknown.first() {
                            Some(k) => format!(", not `{k}`"),
                            None => String::new(),
                        }
                    ),
                    help,
                );
                continue;
            }
            match text("title") {
                Some(title) => media.push(Media {
                    title,
                    caption: text("caption"),
                    duration: text("duration"),
                }),
                None => self.problem("media", "a `media` entry has no `title`".into(), help),
            }
        }
        media
    }

    /// `update_note`: what the update of `updated` (`lastmod`, `modified`) changed; an error
    /// without one of those dates.
    pub(super) fn update_note(&mut self) -> Option<String> {
        let note = self.string("update_note");
        let dated = ["updated", "lastmod", "modified"]
            .iter()
            .any(|k| self.get(k).is_some());
        if note.is_some() && !dated {
            self.problem(
                "update_note",
                "`update_note` says what an update changed, but the article has no `updated` date".into(),
                "add the date of the update, e.g. updated = 2016-01-20T14:00:00 (Hugo's `lastmod` also does)",
            );
        }
        note
    }

    /// `corrections`: a list of tables `{ date, text }`, both required (TOML's
    /// `[[corrections]]` or an inline array, a YAML list of maps), oldest first whatever
    /// the order written. Each problem points at its entry's line when it can be found.
    pub(super) fn corrections(&mut self, config: &Config) -> Vec<Correction> {
        const KEY: &str = "corrections";
        let help = "write each correction with its date and text: corrections = [{ date = 2016-01-20, text = \"An earlier version misspelled the minister's name.\" }] (YAML: corrections: then - date: 2016-01-20 and text: \"…\" on the next lines)";
        let items = match self.get(KEY) {
            None => return Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(other) => {
                let shown = clip(&other.to_string());
                self.problem(
                    KEY,
                    format!("`{KEY}` must be a list of tables, not {shown}"),
                    help,
                );
                return Vec::new();
            }
        };
        let mut corrections = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let line = self.entry_line(KEY, n);
            let fail = |reader: &mut Self, message: String, help: &str| {
                let mut d = Diagnostic::new(reader.input.shown, message).help(help);
                if let Some(line) = line {
                    d = d.at_line(line);
                }
                reader.problems.push(d);
            };
            let Value::Object(table) = item else {
                let shown = clip(&item.to_string());
                fail(
                    self,
                    format!(
                        "correction {} is {shown}, not a table with `date` and `text`",
                        n + 1
                    ),
                    help,
                );
                continue;
            };
            if let Some(other) = table
                .keys()
                .find(|k| !["date", "text"].contains(&k.as_str()))
            {
                fail(
                    self,
                    format!(
                        "correction {} has `{other}`; a correction has only `date` and `text`",
                        n + 1
                    ),
                    help,
                );
                continue;
            }
            let text = match table.get("text") {
                Some(Value::String(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
                Some(Value::String(_)) | None => {
                    fail(
                        self,
                        format!("correction {} has no `text`", n + 1),
                        "add text = \"what was wrong and what is right now\"",
                    );
                    None
                }
                Some(other) => {
                    let shown = clip(&other.to_string());
                    fail(
                        self,
                        format!("correction {}'s `text` must be text, not {shown}", n + 1),
                        "put the text in quotes",
                    );
                    None
                }
            };
            let date = match table.get("date") {
                Some(Value::String(d)) => match crate::date::read(d, config.timezone) {
                    Ok(date) => Some(date),
                    Err(e) => {
                        fail(
                            self,
                            format!("correction {}: {}", n + 1, e.message("date", &clip(d))),
                            &e.help(),
                        );
                        None
                    }
                },
                None => {
                    fail(
                        self,
                        format!("correction {} has no `date`", n + 1),
                        &format!(
                            "add the date it was corrected, as {}",
                            crate::date::ACCEPTED_FORMS
                        ),
                    );
                    None
                }
                Some(other) => {
                    let shown = clip(&other.to_string());
                    fail(
                        self,
                        format!("correction {}'s `date` must be a date, not {shown}", n + 1),
                        &format!("write it as {}", crate::date::ACCEPTED_FORMS),
                    );
                    None
                }
            };
            if let (Some(date), Some(text)) = (date, text) {
                corrections.push(Correction { date, text });
            }
        }
        // Stable: two corrections of one day keep the order they were written in.
        corrections.sort_by_key(|c| c.date);
        corrections
    }

    /// The line of entry `n` of the list under `key`: the `n`th `[[key]]` table of TOML, or
    /// the `n`th `- ` item of a YAML list under `key:`; else the key's own line (an inline
    /// array keeps its entries on one line or an unknown one).
    fn entry_line(&self, key: &str, n: usize) -> Option<usize> {
        let front = self.input.front;
        let offset = self.input.front_offset;
        let table = format!("[[{key}]]");
        let tables: Vec<usize> = front
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == table)
            .map(|(i, _)| i + 1)
            .collect();
        if let Some(line) = tables.get(n) {
            return Some(line + offset);
        }
        let start = crate::position::key_line(front, key)?;
        let lines: Vec<&str> = front.lines().collect();
        let inner = lines.get(start - 1)?.trim_end().ends_with(':');
        if inner {
            // The items of a YAML block list: `- ` at the first item's indent.
            let mut indent = None;
            let mut seen = 0;
            for (i, line) in lines.iter().enumerate().skip(start) {
                let trimmed = line.trim_start();
                if trimmed.is_empty() {
                    continue;
                }
                let depth = line.len() - trimmed.len();
                if depth == 0 && !trimmed.starts_with('-') {
                    break;
                }
                if trimmed.starts_with('-') && *indent.get_or_insert(depth) == depth {
                    if seen == n {
                        return Some(i + 1 + offset);
                    }
                    seen += 1;
                }
            }
        }
        Some(start + offset)
    }
}
