//! An article's language, and the path it has with its language taken out.
//!
//! The language is the first of (issue 17): the front matter's `lang`, `language` or
//! `locale` (`pt_BR` reads as `pt-BR`); a language suffix on the file name (`story.fr.md`,
//! Hugo's convention); the first folder under `content/` when it names a configured
//! language (`content/fr/…`, Jekyll's `fr/news/_posts/…`); else the site's `language`.
//!
//! The *plain path* is the file's path with that folder and suffix taken out
//! (`content/fr/news/_posts/x.md` and `content/news/_posts/x.fr.md` are both
//! `content/news/_posts/x.md`): what slugs, `:filename`, `:section` and the pairing of
//! translations by file name read, so a translation gets the URL of its original under its
//! language's prefix.

use std::path::{Path, PathBuf};

use crate::config::languages::normalise_tag;
use crate::config::{Language, Languages};

/// The front-matter keys that name an article's language, in the order they are read.
pub(crate) const LANGUAGE_KEYS: &[&str] = &["lang", "language", "locale"];

/// Where an article's language came from, and its path without it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    /// The language the article is published in.
    pub language: Language,
    /// The path with the language's folder and file-name suffix taken out.
    pub plain: PathBuf,
}

/// Whether `part` may be a language suffix of a file name: a configured language's tag
/// (when `languages` are known), or a two-letter language code with an optional region
/// (`fr`, `pt-BR`, `pt_BR`). Longer words (`final`, `draft`, `old`) are parts of names, not
/// languages.
fn is_suffix_tag(part: &str, languages: Option<&Languages>) -> bool {
    if languages.is_some_and(|l| is_configured(part, l)) {
        return true;
    }
    let mut pieces = part.split(['-', '_']);
    let primary = pieces.next().unwrap_or("");
    let region = pieces.next();
    primary.len() == 2
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic()))
        && pieces.next().is_none()
}

/// Whether `name` (a folder or a suffix) names a configured language.
fn is_configured(name: &str, languages: &Languages) -> bool {
    let tag = normalise_tag(name);
    languages
        .all()
        .iter()
        .any(|l| l.code.eq_ignore_ascii_case(&tag))
}

/// A file stem without its language suffix, and the suffix: `story.fr` is (`story`, `fr`);
/// None when the stem has none (see [`is_suffix_tag`]). The one rule for a language suffix:
/// [`place`] reads it with the site's languages, the file-name slug without them.
pub(crate) fn split_suffix<'a>(
    stem: &'a str,
    languages: Option<&Languages>,
) -> Option<(&'a str, &'a str)> {
    let (before, suffix) = stem.rsplit_once('.')?;
    (!before.is_empty() && is_suffix_tag(suffix, languages)).then_some((before, suffix))
}

/// Places the article at `relative` (a path under the site root, `content/…`) whose front
/// matter names the language `front` (already checked to be a tag).
pub(crate) fn place(front: Option<&str>, relative: &Path, languages: &Languages) -> Placed {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut from_path = None;
    // A suffix: `story.fr.md`'s `fr`.
    if let Some(name) = parts.last_mut() {
        let split = name
            .rsplit_once('.')
            .and_then(|(rest, ext)| Some((split_suffix(rest, Some(languages))?, ext)));
        if let Some(((stem, suffix), ext)) = split {
            from_path = Some(suffix.to_string());
            *name = format!("{stem}.{ext}");
        }
    }
    // A folder: `content/fr/…`.
    if parts.len() > 2 && is_configured(&parts[1], languages) {
        let folder = parts.remove(1);
        from_path.get_or_insert(folder);
    }
    Placed {
        language: choose(front, from_path.as_deref(), languages),
        plain: parts.iter().collect(),
    }
}

/// The front matter's language, else the path's, else the site's.
fn choose(front: Option<&str>, path: Option<&str>, languages: &Languages) -> Language {
    match front.or(path) {
        Some(tag) => languages.resolve(tag),
        None => languages.default_language().clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Languages {
        let toml =
            "title = \"t\"\nbase_url = \"https://example.org/\"\n[languages.fr]\n[languages.ar]\n";
        crate::config::Config::parse(Path::new("/site"), toml)
            .unwrap()
            .languages
    }

    fn placed(front: Option<&str>, path: &str) -> (String, String) {
        let p = place(front, Path::new(path), &site());
        (p.language.code, p.plain.display().to_string())
    }

    #[test]
    fn front_matter_then_suffix_then_folder_then_site() {
        assert_eq!(
            placed(Some("fr"), "content/ar/x.md"),
            ("fr".into(), "content/x.md".into())
        );
        assert_eq!(
            placed(None, "content/news/story.fr.md"),
            ("fr".into(), "content/news/story.md".into())
        );
        assert_eq!(
            placed(None, "content/ar/news/_posts/2016-01-19-x.md"),
            ("ar".into(), "content/news/_posts/2016-01-19-x.md".into())
        );
        assert_eq!(
            placed(None, "content/news/x.md"),
            ("en".into(), "content/news/x.md".into())
        );
    }

    #[test]
    fn words_after_a_dot_are_not_languages() {
        assert_eq!(
            placed(None, "content/report.final.md"),
            ("en".into(), "content/report.final.md".into())
        );
        // A folder is a language only when site.toml configures it.
        assert_eq!(
            placed(None, "content/de/x.md"),
            ("en".into(), "content/de/x.md".into())
        );
        // An unconfigured two-letter suffix is a language, with the defaults.
        let (code, plain) = placed(None, "content/x.ja.md");
        assert_eq!((code.as_str(), plain.as_str()), ("ja", "content/x.md"));
    }

    #[test]
    fn locales_read_as_tags() {
        assert_eq!(placed(Some("pt_BR"), "content/x.md").0, "pt-BR");
        assert_eq!(placed(Some("fr-CA"), "content/x.md").0, "fr");
    }
}
