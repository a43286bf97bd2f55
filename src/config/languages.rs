//! The `[languages.<code>]` tables of `site.toml`: the languages a site is published in, and
//! the rule that gives an article's language tag its place among them.
//!
//! The site's `language` is always the first (the default) language: its pages have no
//! prefix. Every other language's pages live under `/<code>/` unless its table gives its own
//! `permalink`. A language that articles use but `site.toml` does not configure still gets its
//! pages, with the defaults (and a warning from the archive): issue 17.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::Diagnostic;
use crate::permalink::Permalink;
use crate::position::key_line;

/// The keys of a `[languages.<code>]` table.
pub(super) const LANGUAGE_KEYS: &[&str] = &[
    "title",
    "description",
    "permalink",
    "direction",
    "date_format",
    "strings",
];

/// A `[languages.<code>]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) permalink: Option<String>,
    pub(super) direction: Option<String>,
    pub(super) date_format: Option<String>,
    #[serde(default)]
    pub(super) strings: BTreeMap<String, String>,
}

/// One language of the site, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// The language tag as configured (`fr`, `pt-BR`), or as articles write it.
    pub code: String,
    /// The site's name in this language.
    pub title: String,
    /// The site's description in this language.
    pub description: String,
    /// The URL pattern of this language's articles.
    pub permalink: Permalink,
    /// What this language's generated pages' paths start with: empty for the default
    /// language, `/fr` for French.
    pub prefix: String,
    /// Whether the language is written right to left.
    pub rtl: bool,
    /// The date format of this language's pages (strftime), when site.toml sets one.
    pub date_format: Option<String>,
    /// The theme's strings as site.toml overrides them for this language.
    pub strings: BTreeMap<String, String>,
    /// Whether site.toml names the language (the default one always counts).
    pub configured: bool,
}

/// The site's languages: the default one first, then the configured ones by code.
#[derive(Debug, Clone, PartialEq)]
pub struct Languages {
    list: Vec<Language>,
}

/// Languages written right to left, by their primary subtag.
const RTL: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Whether the language of `tag` is written right to left.
pub(crate) fn is_rtl(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    RTL.iter().any(|r| r.eq_ignore_ascii_case(primary))
}

/// The name of the language of `tag` in that language, for a language switcher; the tag
/// itself for languages not listed.
pub(crate) fn native_name(tag: &str) -> &str {
    const NAMES: &[(&str, &str)] = &[
        ("ar", "العربية"),
        ("bg", "Български"),
        ("ca", "Català"),
        ("cs", "Čeština"),
        ("da", "Dansk"),
        ("de", "Deutsch"),
        ("el", "Ελληνικά"),
        ("en", "English"),
        ("es", "Español"),
        ("et", "Eesti"),
        ("fa", "فارسی"),
        ("fi", "Suomi"),
        ("fr", "Français"),
        ("he", "עברית"),
        ("hi", "हिन्दी"),
        ("hu", "Magyar"),
        ("id", "Bahasa Indonesia"),
        ("it", "Italiano"),
        ("ja", "日本語"),
        ("ko", "한국어"),
        ("lt", "Lietuvių"),
        ("nl", "Nederlands"),
        ("no", "Norsk"),
        ("pl", "Polski"),
        ("pt", "Português"),
        ("ro", "Română"),
        ("ru", "Русский"),
        ("sk", "Slovenčina"),
        ("sv", "Svenska"),
        ("sw", "Kiswahili"),
        ("th", "ไทย"),
        ("tr", "Türkçe"),
        ("uk", "Українська"),
        ("ur", "اردو"),
        ("vi", "Tiếng Việt"),
        ("zh-Hans", "简体中文"),
        ("zh-Hant", "繁體中文"),
        ("zh", "中文"),
    ];
    let tag_n = normalise_tag(tag);
    let traditional = ["zh-Hant", "zh-TW", "zh-HK", "zh-MO"]
        .iter()
        .any(|t| tag_n.starts_with(t));
    let key = match tag_n.split('-').next().unwrap_or("") {
        "zh" if traditional => "zh-Hant",
        "zh" if tag_n.len() > 2 => "zh-Hans",
        primary => primary,
    };
    NAMES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(tag, |(_, name)| name)
}

/// `tag` as BCP 47 writes it: `pt_BR` → `pt-BR`, `ZH-hant-tw` → `zh-Hant-TW`.
pub(crate) fn normalise_tag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 4) if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                let mut s = part[..1].to_ascii_uppercase();
                s.push_str(&part[1..].to_ascii_lowercase());
                s
            }
            (_, 2) if part.chars().all(|c| c.is_ascii_alphabetic()) => part.to_ascii_uppercase(),
            _ => part.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

impl Languages {
    /// A site in `default` alone, its articles at `permalink`.
    pub fn single(default: &str, title: &str, description: &str, permalink: &Permalink) -> Self {
        Languages {
            list: vec![Language {
                code: default.to_string(),
                title: title.to_string(),
                description: description.to_string(),
                permalink: permalink.clone(),
                prefix: String::new(),
                rtl: is_rtl(default),
                date_format: None,
                strings: BTreeMap::new(),
                configured: true,
            }],
        }
    }

    /// Every language, the default first.
    pub fn all(&self) -> &[Language] {
        &self.list
    }

    /// The default language.
    pub fn default_language(&self) -> &Language {
        &self.list[0]
    }

    /// Whether the site is published in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.list.len() > 1
    }

    /// The configured language an article's `tag` belongs to: the one written so (letter
    /// case and `_` aside), else the one of its primary subtag (`fr-CA` to `fr` when only `fr`
    /// is configured).
    pub fn find(&self, tag: &str) -> Option<&Language> {
        let tag = normalise_tag(tag);
        self.list
            .iter()
            .find(|l| l.code.eq_ignore_ascii_case(&tag))
            .or_else(|| {
                let primary = tag.split('-').next().unwrap_or("");
                self.list
                    .iter()
                    .find(|l| l.code.eq_ignore_ascii_case(primary))
            })
    }

    /// The language an article in `tag` is published in: a configured one (see
    /// [`Languages::find`]), else one made with the defaults (see the module's docs).
    pub fn resolve(&self, tag: &str) -> Language {
        if let Some(language) = self.find(tag) {
            return language.clone();
        }
        let code = normalise_tag(tag);
        let base = self.default_language();
        let permalink = Permalink::parse(&format!("/{code}{}", base.permalink.as_str()))
            .unwrap_or_else(|_| base.permalink.clone());
        Language {
            prefix: format!("/{code}"),
            rtl: is_rtl(&code),
            title: base.title.clone(),
            description: base.description.clone(),
            permalink,
            date_format: None,
            strings: BTreeMap::new(),
            configured: false,
            code,
        }
    }
}

/// What resolving the `[languages]` tables needs from the rest of site.toml.
pub(super) struct Site<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    pub language: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub permalink: &'a Permalink,
}

/// Resolves the `[languages.<code>]` tables, reporting every problem.
pub(super) fn resolve(
    site: &Site,
    raw: BTreeMap<String, RawLanguage>,
    problems: &mut Vec<Diagnostic>,
) -> Languages {
    let at = |key: &str, message: String, help: &str| {
        let d = Diagnostic::new(site.file, message).help(help);
        match key_line(site.text, key) {
            Some(line) => d.at_line(line),
            None => d,
        }
    };
    let mut languages =
        Languages::single(site.language, site.title, site.description, site.permalink);
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    seen.insert(
        normalise_tag(site.language).to_ascii_lowercase(),
        site.language.to_string(),
    );
    for (code, table) in raw {
        if !super::is_language_tag(&code) {
            problems.push(at(
                &code,
                format!("`[languages.{code}]`: {code:?} is not a language tag"),
                "name each table by a BCP 47 tag, e.g. [languages.fr] or [languages.pt-BR]",
            ));
            continue;
        }
        let is_default = normalise_tag(&code).eq_ignore_ascii_case(&normalise_tag(site.language));
        if !is_default {
            if let Some(first) =
                seen.insert(normalise_tag(&code).to_ascii_lowercase(), code.clone())
            {
                problems.push(at(
                    &code,
                    format!("`[languages.{code}]` names the same language as [languages.{first}]"),
                    "keep one table per language",
                ));
                continue;
            }
        }
        let RawLanguage {
            title,
            description,
            permalink,
            direction,
            date_format,
            strings,
        } = table;
        let non_empty =
            |key: &str, value: Option<String>, problems: &mut Vec<Diagnostic>| match value {
                Some(v) if v.trim().is_empty() => {
                    problems.push(at(
                        key,
                        format!("`languages.{code}.{key}` is empty"),
                        &format!("leave `{key}` out to use the site's, or write one"),
                    ));
                    None
                }
                v => v.map(|v| v.trim().to_string()),
            };
        let title = non_empty("title", title, problems);
        let description = description.map(|d| d.trim().to_string());
        let date_format = non_empty("date_format", date_format, problems);
        let rtl = match direction.as_deref() {
            None => is_rtl(&code),
            Some("rtl") => true,
            Some("ltr") => false,
            Some(other) => {
                problems.push(at(
                    "direction",
                    format!("`languages.{code}.direction` = {other:?} is neither \"ltr\" nor \"rtl\""),
                    "write direction = \"rtl\" for a language written right to left, or leave it out (Arabic, Hebrew, Persian and Urdu are right to left by default)",
                ));
                is_rtl(&code)
            }
        };
        let prefix = match is_default {
            true => String::new(),
            false => format!("/{}", normalise_tag(&code)),
        };
        let pattern = match &permalink {
            Some(p) => p.clone(),
            None => format!("{prefix}{}", site.permalink.as_str()),
        };
        let permalink = match Permalink::parse(&pattern) {
            Ok(p) => p,
            Err(why) => {
                problems.push(at(
                    "permalink",
                    format!("`languages.{code}.permalink` {why}"),
                    &format!("use a pattern such as \"/{code}/:year/:month/:day/:slug/\""),
                ));
                continue;
            }
        };
        let language = Language {
            code: match is_default {
                true => site.language.to_string(),
                false => code.clone(),
            },
            title: title.unwrap_or_else(|| site.title.to_string()),
            description: description.unwrap_or_else(|| site.description.to_string()),
            permalink,
            prefix,
            rtl,
            date_format,
            strings,
            configured: true,
        };
        match is_default {
            true => languages.list[0] = language,
            false => languages.list.push(language),
        }
    }
    languages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_written_as_bcp_47_writes_them() {
        assert_eq!(normalise_tag("pt_BR"), "pt-BR");
        assert_eq!(normalise_tag("ZH-hant-tw"), "zh-Hant-TW");
        assert_eq!(normalise_tag("fr"), "fr");
    }

    #[test]
    fn right_to_left_by_primary_subtag() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("fa-IR"));
        assert!(is_rtl("he"));
        assert!(is_rtl("ur"));
        assert!(!is_rtl("fr"));
        assert!(!is_rtl("en-US"));
    }

    #[test]
    fn unconfigured_languages_get_a_prefix_and_the_default_permalink() {
        let p = Permalink::parse("/:year/:slug/").unwrap();
        let langs = Languages::single("en", "Site", "", &p);
        assert_eq!(langs.find("EN").map(|l| l.code.as_str()), Some("en"));
        assert_eq!(langs.find("en-GB").map(|l| l.code.as_str()), Some("en"));
        let ja = langs.resolve("ja");
        assert_eq!(ja.prefix, "/ja");
        assert_eq!(ja.permalink.as_str(), "/ja/:year/:slug/");
        assert!(!ja.configured);
        assert!(langs.resolve("ar").rtl);
    }
}
