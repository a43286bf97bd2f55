//! A site's own wording: the `[strings]` table of site.toml, checked against the keys the
//! tables have.
//!
//! Every problem is reported at its line, all at once: an unknown key (with the nearest
//! known one and the list of them all), a value of the wrong shape, a plural category CLDR
//! does not have, a `{name}` the string cannot fill, an empty text, a date format chrono
//! cannot read.

use std::collections::BTreeMap;
use std::path::Path;

use super::{keys, placeholders, Category, Text, FORMAT_KEYS};
use crate::error::{closest, Diagnostic};
use crate::position::key_line;

/// Strings a site replaces, by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    texts: BTreeMap<String, Text>,
}

impl Overrides {
    /// Whether the site replaces no string.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The replaced strings.
    pub(super) fn texts(&self) -> impl Iterator<Item = (&String, &Text)> {
        self.texts.iter()
    }

    /// Reads the table `section` of `file` (whose text is `text`), e.g. `strings` for
    /// `[strings]`, reporting each problem into `problems`; what is wrong is left out.
    pub fn resolve(
        file: &Path,
        text: &str,
        section: &str,
        table: &toml::Table,
        problems: &mut Vec<Diagnostic>,
    ) -> Overrides {
        let known = keys();
        let mut texts = BTreeMap::new();
        for (key, value) in table {
            let at = |message: String, help: String| {
                let d = Diagnostic::new(file, message).help(help);
                match line_in_section(text, section, key) {
                    Some(line) => d.at_line(line),
                    None => d,
                }
            };
            let shown = format!("{section}.{key}");
            let Some(english) = known.get(key) else {
                let names = known.keys().map(String::as_str);
                let list = known.keys().cloned().collect::<Vec<_>>().join(", ");
                let help = match closest(key, names) {
                    Some(near) => format!("did you mean `{near}`? Known keys here: {list}"),
                    None => format!("known keys here: {list}"),
                };
                problems.push(at(format!("unknown key `{shown}`"), help));
                continue;
            };
            match check(key, english, value) {
                Ok(text) => {
                    texts.insert(key.clone(), text);
                }
                Err((message, help)) => problems.push(at(format!("`{shown}` {message}"), help)),
            }
        }
        Overrides { texts }
    }
}

/// A value for `key`, whose English text is `english`, as a [`Text`], or what is wrong with
/// it and how to fix it.
fn check(key: &str, english: &Text, value: &toml::Value) -> Result<Text, (String, String)> {
    let example = match english {
        Text::Plain(text) => format!("{key} = {text:?}"),
        Text::Counted(forms) => format!(
            "{key} = {{ one = {:?}, other = {:?} }}",
            forms.get(&Category::One).map_or("", String::as_str),
            forms.get(&Category::Other).map_or("", String::as_str)
        ),
    };
    let text = Text::from_toml(value).map_err(|why| (why, format!("write e.g. {example}")))?;
    if let (Text::Plain(_), Text::Counted(_)) = (english, &text) {
        return Err((
            "is not counted: it takes one text, not plural forms".into(),
            format!("write e.g. {example}"),
        ));
    }
    let forms: Vec<&str> = match &text {
        Text::Plain(t) => vec![t.as_str()],
        Text::Counted(forms) => {
            if !forms.contains_key(&Category::Other) {
                return Err((
                    "has no `other` form, which every language uses".into(),
                    format!("write e.g. {example}"),
                ));
            }
            forms.values().map(String::as_str).collect()
        }
    };
    let allowed = placeholders(english.form(Category::Other));
    for form in forms {
        if form.trim().is_empty() {
            return Err(("is empty".into(), format!("write a text, e.g. {example}")));
        }
        if let Some(unknown) = placeholders(form)
            .into_iter()
            .find(|p| !allowed.contains(p))
        {
            let help = match allowed.as_slice() {
                [] => "this text takes no {…} to fill in".to_string(),
                names => format!(
                    "this text can fill in {}",
                    names
                        .iter()
                        .map(|n| format!("{{{n}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            return Err((
                format!("has {{{unknown}}}, which gazette does not fill in here"),
                help,
            ));
        }
        if FORMAT_KEYS.contains(&key) && !is_date_format(form) {
            return Err((
                format!("= {form:?} is not a date format"),
                "use chrono's strftime specifiers, e.g. \"%-d %B %Y\" (%B is the month's name, %A the day's)".into(),
            ));
        }
    }
    Ok(text)
}

/// Whether chrono can format dates with `format`.
fn is_date_format(format: &str) -> bool {
    !chrono::format::StrftimeItems::new(format).any(|i| matches!(i, chrono::format::Item::Error))
}

/// The line that sets `key` inside the table `section` (`[strings]`), or the line of the
/// section itself when the key is not found on a line of its own.
fn line_in_section(text: &str, section: &str, key: &str) -> Option<usize> {
    let header = format!("[{section}]");
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines
        .iter()
        .position(|l| l.trim() == header || l.trim().starts_with(&header[..header.len() - 1]))
    else {
        // Written inline (`strings = { … }`) or dotted: the section's own key.
        return key_line(text, section.rsplit('.').next().unwrap_or(section));
    };
    let sets_key = |line: &str| {
        let line = line.trim_start();
        let rest = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix(&format!("\"{key}\"")));
        rest.is_some_and(|r| {
            let r = r.trim_start();
            r.starts_with('=') || r.starts_with('.')
        })
    };
    let own_table = format!("[{section}.{key}]");
    if let Some(i) = lines.iter().position(|l| l.trim() == own_table) {
        return Some(i + 1);
    }
    let found = lines[start + 1..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| sets_key(l));
    Some(found.map_or(start + 1, |i| start + 2 + i))
}
