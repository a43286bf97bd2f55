//! The default theme's words and date formats, per language.
//!
//! Each language gazette ships is a table under `src/i18n/tables/`, in the same TOML a site
//! writes under `[strings]` in site.toml to replace some of them. [`Strings::for_language`]
//! picks the table for a BCP 47 tag (with fallback to a related language, then English) and
//! lays a site's [`Overrides`] over it: a pure function of its two arguments, so a site with
//! several languages asks once per language. English is the reference: every table has its
//! keys, and a key missing from a table falls back to English's.

mod dates;
mod overrides;
mod plural;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Serialize;

pub use overrides::Overrides;
pub use plural::{Category, Rule};

/// The languages with a table, by tag, and the table's text.
const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("tables/en.toml")),
    ("fr", include_str!("tables/fr.toml")),
    ("de", include_str!("tables/de.toml")),
    ("es", include_str!("tables/es.toml")),
    ("pt", include_str!("tables/pt.toml")),
    ("it", include_str!("tables/it.toml")),
    ("nl", include_str!("tables/nl.toml")),
    ("ru", include_str!("tables/ru.toml")),
    ("ar", include_str!("tables/ar.toml")),
    ("ja", include_str!("tables/ja.toml")),
    ("zh-Hans", include_str!("tables/zh-Hans.toml")),
    ("zh-Hant", include_str!("tables/zh-Hant.toml")),
    ("ko", include_str!("tables/ko.toml")),
    ("id", include_str!("tables/id.toml")),
];

/// The keys whose values are chrono strftime formats rather than text.
pub const FORMAT_KEYS: &[&str] = &[
    "date_long",
    "date_full",
    "date_day",
    "month_name",
    "month_year",
];

/// A hash of every shipped table, for the render salt: a build of gazette whose tables
/// changed renders every page again even when its version did not change.
pub fn tables_hash() -> u128 {
    static HASH: LazyLock<u128> = LazyLock::new(|| {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (tag, text) in TABLES {
            hasher.update(tag.as_bytes());
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        hasher.digest128()
    });
    *HASH
}

/// The tags of the languages gazette has strings for.
pub fn languages() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(tag, _)| *tag)
}

/// One string of a table: a text, or for a counted string a form per plural category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Text {
    /// A text, with `{name}` where something is filled in.
    Plain(String),
    /// The forms of a counted string by category, with `{n}` for the number; a category
    /// without a form takes `other`'s.
    Counted(BTreeMap<Category, String>),
}

impl Text {
    /// The form for category `category` (the text itself for a plain string).
    pub fn form(&self, category: Category) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Counted(forms) => forms
                .get(&category)
                .or_else(|| forms.get(&Category::Other))
                .map_or("", String::as_str),
        }
    }

    /// Reads a table's value: a string, or a table of plural forms.
    fn from_toml(value: &toml::Value) -> Result<Text, String> {
        match value {
            toml::Value::String(text) => Ok(Text::Plain(text.clone())),
            toml::Value::Table(forms) => {
                let mut counted = BTreeMap::new();
                for (name, form) in forms {
                    let category = Category::parse(name).ok_or_else(|| {
                        format!(
                            "`{name}` is not a plural category (zero, one, two, few, many, other)"
                        )
                    })?;
                    let form = form
                        .as_str()
                        .ok_or_else(|| format!("the `{name}` form is not a text"))?;
                    counted.insert(category, form.to_string());
                }
                Ok(Text::Counted(counted))
            }
            _ => Err("is neither a text nor a table of plural forms".into()),
        }
    }
}

/// English, the reference table, read once.
static ENGLISH: LazyLock<BTreeMap<String, Text>> = LazyLock::new(|| parse_table(TABLES[0].1));

/// The keys every table has, A–Z, each with English's text.
pub fn keys() -> &'static BTreeMap<String, Text> {
    &ENGLISH
}

/// A table's text read into strings; a value that is neither text nor forms is left out
/// (the tests check the shipped tables have none).
fn parse_table(text: &str) -> BTreeMap<String, Text> {
    let table: toml::Table = toml::from_str(text).unwrap_or_default();
    table
        .iter()
        .filter_map(|(key, value)| Some((key.clone(), Text::from_toml(value).ok()?)))
        .collect()
}

/// The table gazette uses for `tag`: the tag itself, then its language and script (Chinese
/// in Taiwan, Hong Kong and Macau is written in traditional characters, elsewhere in
/// simplified ones), then its language alone, then English.
pub fn table_for(tag: &str) -> &'static str {
    let find = |wanted: &str| {
        TABLES
            .iter()
            .map(|(t, _)| *t)
            .find(|t| t.eq_ignore_ascii_case(wanted))
    };
    let parts: Vec<&str> = tag.split(['-', '_']).collect();
    let language = parts[0];
    let script = parts
        .iter()
        .skip(1)
        .find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    let region = parts
        .iter()
        .skip(1)
        .find(|p| p.len() == 2 || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit())));
    let by_script = match (script, region) {
        (Some(script), _) => Some(format!("{language}-{script}")),
        (None, Some(region)) if language.eq_ignore_ascii_case("zh") => {
            let traditional = ["tw", "hk", "mo"]
                .iter()
                .any(|r| region.eq_ignore_ascii_case(r));
            Some(format!("zh-{}", if traditional { "Hant" } else { "Hans" }))
        }
        (None, _) if language.eq_ignore_ascii_case("zh") => Some("zh-Hans".to_string()),
        _ => None,
    };
    find(tag)
        .or_else(|| by_script.as_deref().and_then(find))
        .or_else(|| find(language))
        .unwrap_or("en")
}

/// The default theme's words and date formats for one language, with a site's overrides.
#[derive(Debug, Clone)]
pub struct Strings {
    table: &'static str,
    locale: &'static str,
    rule: Rule,
    texts: BTreeMap<String, Text>,
}

impl Strings {
    /// The strings for the language `tag` (see [`table_for`]), with `overrides` laid over
    /// them. Plural rules and the date locale follow `tag` itself where it says more than the
    /// table's (Portugal's Portuguese counts 0 as plural, Brazil's as singular).
    pub fn for_language(tag: &str, overrides: &Overrides) -> Strings {
        let table = table_for(tag);
        let mut texts = ENGLISH.clone();
        if table != "en" {
            let text = TABLES
                .iter()
                .find(|(t, _)| *t == table)
                .map_or("", |(_, t)| t);
            texts.extend(parse_table(text));
        }
        texts.extend(overrides.texts().map(|(k, v)| (k.clone(), v.clone())));
        Strings {
            table,
            locale: dates::locale(table, tag),
            rule: Rule::for_tag(tag),
            texts,
        }
    }

    /// The tag of the table used, e.g. `fr` for `fr-CA`.
    pub fn table(&self) -> &'static str {
        self.table
    }

    /// The chrono locale of dates, e.g. `fr_FR`: tera's `date` filter takes it as `locale`.
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// Every string by key, for templates (`site.strings`).
    pub fn texts(&self) -> &BTreeMap<String, Text> {
        &self.texts
    }

    /// The text of `key` (a counted one's `other` form), or "" for a key no table has.
    pub fn get(&self, key: &str) -> &str {
        self.texts.get(key).map_or("", |t| t.form(Category::Other))
    }

    /// The text of `key` with each `{name}` of `values` filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// The form of counted `key` for `n`, with `{n}` filled in.
    pub fn count(&self, key: &str, n: u64) -> String {
        let form = self
            .texts
            .get(key)
            .map_or("", |t| t.form(self.rule.category(n)));
        form.replace("{n}", &n.to_string())
    }

    /// A month's name on its own (1–12), as a list item or heading: "January", "Janvier",
    /// "Январь", "1月".
    pub fn month_name(&self, month: u32) -> String {
        dates::month_name(self.table, self.locale, self.get("month_name"), month, true)
    }

    /// A month's title, "January 2016", "Janvier 2016", "2016年1月".
    pub fn month_title(&self, year: i32, month: u32) -> String {
        self.month_year(year, month, true)
    }

    /// A month and year inside a sentence: "January 2016", "janvier 2016", "январь 2016".
    pub fn month_in_text(&self, year: i32, month: u32) -> String {
        self.month_year(year, month, false)
    }

    /// A day's title by `date_long`: "January 19, 2016", "19 janvier 2016", "2016年1月19日".
    pub fn day_title(&self, year: i32, month: u32, day: u32) -> String {
        chrono::NaiveDate::from_ymd_opt(year, month, day)
            .and_then(|date| dates::format(date, self.get("date_long"), self.locale))
            .unwrap_or_else(|| format!("{year:04}-{month:02}-{day:02}"))
    }

    fn month_year(&self, year: i32, month: u32, capitalised: bool) -> String {
        let format = self.get("month_name");
        let name = dates::month_name(self.table, self.locale, format, month, capitalised);
        dates::month_title(self.locale, self.get("month_year"), &name, year, month)
    }
}

/// `text` with each `{name}` of `values` replaced by its value, in one pass: a value that
/// holds `{…}` itself (a topic named "{site}") is left as it is.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, end))
        });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s a text has, in order.
fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        let Some(end) = rest.find('}') else { break };
        let name = &rest[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            found.push(name);
        }
    }
    found
}
