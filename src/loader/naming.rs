//! How an article is named when its front matter does not say: the slug made from its
//! title, or from its file name when the title gives none a reader can use (issue 17,
//! item 7). The rules are in the README's "Slugs in every script".

use std::path::Path;

use super::conventions::without_date;
use crate::slug::{has_latin_letter, is_in_another_script, slugify_headline, Slugs};

/// An article's slug, at most `max` bytes, when its front matter gives none and it is not a
/// Jekyll post; None when neither the title nor the file name has letters or digits. A title in another script
/// than Latin keeps its letters (`日本`), unless `slugs = "ascii"` and the file name is in
/// Latin letters (`japan-election.md`): the author chose that name, and an ASCII URL is
/// shorter than a percent-encoded one (`日本` is `%E6%97%A5%E6%9C%AC`), survives being pasted
/// into plain text, and is the same for translations named alike (issue 17). A title of
/// emoji or symbols only, which gazette once spelt out in English (`🎉` was `tada`), takes
/// the file name's; one of ASCII punctuation only (`!!!`) is an error, as it always was.
pub(super) fn default_slug(title: &str, path: &Path, max: usize, slugs: Slugs) -> Option<String> {
    let from_file = || Some(file_slug(path, max, slugs)).filter(|s| !s.is_empty());
    if slugs == Slugs::Ascii && is_in_another_script(title) {
        if let Some(slug) = from_file().filter(|s| has_latin_letter(s)) {
            return Some(slug);
        }
    }
    match slugify_headline(title, max, slugs) {
        slug if slug.is_empty() && !title.is_ascii() => from_file(),
        slug if slug.is_empty() => None,
        slug => Some(slug),
    }
}

/// The slug an article's file name makes, at most `max` bytes, for an article whose title
/// is in another script than Latin or has no letters (see the README's `slug`): the name
/// without its extension and a language suffix (`story.fr.md` → `story`, Hugo's
/// convention), a page bundle's folder name for its `index.md`, and without a leading date
/// (`2016-01-19-story.md` → `story`), as Jekyll has it. Empty when the name has no letters
/// or digits.
fn file_slug(relative: &Path, max: usize, slugs: Slugs) -> String {
    let Some(stem) = relative.file_stem() else {
        return String::new();
    };
    let stem = stem.to_string_lossy();
    let mut name: &str = &stem;
    // The loader hands over the path without its language's suffix already; the same rule
    // keeps a bare file name's slug from carrying one.
    if let Some((before, _)) = super::language::split_suffix(name, None) {
        name = before;
    }
    let folder;
    if name == "index" {
        folder = relative
            .parent()
            .and_then(Path::file_name)
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        name = &folder;
    }
    slugify_headline(without_date(name).unwrap_or(name), max, slugs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_s_slug_leaves_out_its_date_language_and_bundle_index() {
        for (path, slug) in [
            ("content/2016-01-19-japan-vote.ja.md", "japan-vote"),
            ("content/vote.pt-BR.md", "vote"),
            ("content/report.final.md", "report-final"),
            ("content/2016/japan-vote/index.md", "japan-vote"),
            ("content/2016/2016-01-19-日本/index.ja.md", "日本"),
            ("content/🎉.md", ""),
        ] {
            assert_eq!(file_slug(Path::new(path), 80, Slugs::Ascii), slug, "{path}");
        }
    }
}
