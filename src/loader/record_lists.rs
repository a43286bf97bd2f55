//! The readers of the normaliser's list-valued fields: old URLs (`aliases`,
//! `redirect_from`), Jekyll's categories for `:categories`, lists of text and `media`
//! tables. Kept apart from `record` so each file stays one screenful of concerns.

use serde_json::Value;

use super::{clip, conventions, Reader};
use crate::article::Media;

impl Reader<'_> {
    /// Old URLs of the article: site paths that will redirect to it (`aliases`, and
    /// Jekyll's `redirect_from`), relative ones resolved as their generator does (see
    /// [`conventions::resolve_alias`]).
    pub(super) fn aliases(&mut self) -> Vec<String> {
        let mut paths = self.strings("aliases");
        paths.extend(self.strings("redirect_from"));
        let mut aliases = Vec::with_capacity(paths.len());
        for path in paths {
            let path = conventions::resolve_alias(&path, &self.input.fields, self.input.path);
            match crate::artifact::output_path(&path) {
                Ok(_) => aliases.push(path),
                Err(why) => self.problem(
                    "aliases",
                    format!("the alias {:?} cannot be written inside the output folder: {why}", clip(&path)),
                    "write a path of the site starting with /, e.g. aliases = [\"/2016/01/old-slug/\"]",
                ),
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
}
