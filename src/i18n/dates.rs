//! Dates in a language: the chrono locale whose names a table's formats use, and months'
//! names and titles.
//!
//! Names come from chrono's `unstable-locales` feature, which carries glibc's locale data
//! (through the pure-rust-locales crate); tera's `date` filter takes the same locales with its
//! `date-locale` feature, so a date a template formats and a month title gazette makes read
//! alike. ICU4X would give CLDR's data, but tera's filter speaks chrono, and a second source of
//! month names would disagree with it.

use std::fmt::Write;

use chrono::{Locale, NaiveDate};

/// The chrono locale of each table. Arabic takes Egypt's, whose month names (يناير, فبراير…)
/// are the ones most Arabic news sites print; the Levant's (كانون الثاني…) are regional.
const LOCALES: &[(&str, &str)] = &[
    ("en", "en_US"),
    ("fr", "fr_FR"),
    ("de", "de_DE"),
    ("es", "es_ES"),
    ("pt", "pt_BR"),
    ("it", "it_IT"),
    ("nl", "nl_NL"),
    ("ru", "ru_RU"),
    ("ar", "ar_EG"),
    ("ja", "ja_JP"),
    ("zh-Hans", "zh_CN"),
    ("zh-Hant", "zh_TW"),
    ("ko", "ko_KR"),
    ("id", "id_ID"),
];

/// Regional locales that name months or days differently from their table's.
const REGIONAL: &[(&str, &str)] = &[("pt-PT", "pt_PT"), ("fr-CA", "fr_CA"), ("de-AT", "de_AT")];

/// Russian months on their own, in the nominative: chrono's `%B` gives glibc's genitive
/// ("19 января"), right in a date, and does not read glibc's `alt_mon`.
const RUSSIAN_MONTHS: [&str; 12] = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
];

/// The chrono locale for a table, or for `tag` when it names a region with its own.
pub(super) fn locale(table: &str, tag: &str) -> &'static str {
    REGIONAL
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(&tag.replace('_', "-")))
        .or_else(|| LOCALES.iter().find(|(t, _)| *t == table))
        .map_or("en_US", |(_, l)| l)
}

/// `date` formatted with `format` in `locale`, or None when the format does not format
/// (chrono then fails rather than writes).
pub(super) fn format(date: NaiveDate, format: &str, locale: &str) -> Option<String> {
    let locale = Locale::try_from(locale).unwrap_or(Locale::POSIX);
    let mut out = String::new();
    write!(out, "{}", date.format_localized(format, locale)).ok()?;
    Some(out)
}

/// A month's name on its own: capitalised as it begins a list item or heading
/// (`capitalised`), else as written inside a sentence ("Articles de janvier 2016").
pub(super) fn month_name(
    table: &str,
    locale: &str,
    name_format: &str,
    month: u32,
    capitalised: bool,
) -> String {
    let month = month.clamp(1, 12);
    let name = if table == "ru" && name_format == "%B" {
        RUSSIAN_MONTHS[month as usize - 1].to_lowercase()
    } else {
        let date = NaiveDate::from_ymd_opt(2000, month, 1).unwrap_or_default();
        format(date, name_format, locale).unwrap_or_else(|| month.to_string())
    };
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if capitalised => first.to_uppercase().chain(chars).collect(),
        _ => name,
    }
}

/// A month's title by `title_format`, whose `%B` is the month's `name` on its own.
pub(super) fn month_title(
    locale: &str,
    title_format: &str,
    name: &str,
    year: i32,
    month: u32,
) -> String {
    let with_name = title_format.replace("%B", &name.replace('%', "%%"));
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|date| format(date, &with_name, locale))
        .unwrap_or_else(|| format!("{name} {year}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_is_one_chrono_knows() {
        for (_, locale) in LOCALES.iter().chain(REGIONAL) {
            assert!(Locale::try_from(*locale).is_ok(), "{locale}");
        }
    }

    #[test]
    fn regions_with_their_own_names_get_their_locale() {
        assert_eq!(locale("pt", "pt-PT"), "pt_PT");
        assert_eq!(locale("pt", "pt-BR"), "pt_BR");
        assert_eq!(locale("zh-Hant", "zh-TW"), "zh_TW");
        assert_eq!(locale("en", "sv"), "en_US");
    }

    #[test]
    fn month_names_stand_alone_and_titles_read_as_in_the_language() {
        assert_eq!(month_name("fr", "fr_FR", "%B", 8, true), "Août");
        assert_eq!(month_name("fr", "fr_FR", "%B", 8, false), "août");
        assert_eq!(month_name("de", "de_DE", "%B", 3, false), "März");
        assert_eq!(month_name("ru", "ru_RU", "%B", 1, true), "Январь");
        assert_eq!(month_name("ru", "ru_RU", "%B", 1, false), "январь");
        assert_eq!(month_name("ja", "ja_JP", "%-m月", 12, true), "12月");
        assert_eq!(
            month_title("ja_JP", "%Y年%-m月", "1月", 2016, 1),
            "2016年1月"
        );
        assert_eq!(
            month_title("ru_RU", "%B %Y", "Январь", 2016, 1),
            "Январь 2016"
        );
        assert_eq!(
            month_title("en_US", "%B %Y", "January", 2016, 1),
            "January 2016"
        );
    }

    #[test]
    fn a_format_chrono_cannot_read_falls_back_rather_than_panics() {
        assert_eq!(month_name("en", "en_US", "%Q", 3, true), "3");
        assert_eq!(
            month_title("en_US", "%Q %Y", "March", 2016, 3),
            "March 2016"
        );
    }
}
