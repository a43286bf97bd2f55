//! CLDR plural categories for whole numbers: which form of a counted string a number takes.
//!
//! Only the rules of the languages gazette ships are here, written from CLDR's
//! `plurals.xml` (<https://unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html>)
//! for integers (`v = 0`): counts of articles, years and minutes are never fractions. A
//! language without a table takes English's rule, as it takes English's words: Ukrainian's
//! rule (Russian's) would make "21 article" of English's forms, Thai's "1 articles".

use serde::Serialize;

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// `zero` (Arabic 0).
    Zero,
    /// `one`.
    One,
    /// `two` (Arabic 2).
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`: every language has it.
    Other,
}

impl Category {
    /// Every category, in CLDR's order.
    pub const ALL: [Category; 6] = [
        Category::Zero,
        Category::One,
        Category::Two,
        Category::Few,
        Category::Many,
        Category::Other,
    ];

    /// The category's CLDR name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }

    /// The category named `name`.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A language's plural rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `one` for 1 (English, German, Dutch).
    OneOther,
    /// `one` for 0 and 1, `many` for exact millions (French, Brazilian Portuguese).
    French,
    /// `one` for 1, `many` for exact millions (Spanish, Italian, European Portuguese).
    Romance,
    /// `one`, `few`, `many` by the last digits (Russian).
    Russian,
    /// `zero`, `one`, `two`, `few`, `many` (Arabic).
    Arabic,
    /// Every number is `other` (Japanese, Chinese, Korean, Indonesian).
    Other,
}

impl Rule {
    /// The rule of a BCP 47 tag, by its primary language (and region, for Portuguese).
    pub fn for_tag(tag: &str) -> Rule {
        let mut parts = tag.split(['-', '_']).map(str::to_ascii_lowercase);
        let language = parts.next().unwrap_or_default();
        let rest: Vec<String> = parts.collect();
        match language.as_str() {
            "fr" => Rule::French,
            // CLDR: `pt` (Brazil) counts 0 as one; `pt-PT` does not.
            "pt" if rest.iter().any(|p| p == "pt") => Rule::Romance,
            "pt" => Rule::French,
            "es" | "it" => Rule::Romance,
            "ru" => Rule::Russian,
            "ar" => Rule::Arabic,
            "ja" | "zh" | "ko" | "id" => Rule::Other,
            _ => Rule::OneOther,
        }
    }

    /// The categories a counted string needs forms for in a language with this rule.
    pub fn categories(self) -> &'static [Category] {
        use Category::*;
        match self {
            Rule::OneOther => &[One, Other],
            Rule::French | Rule::Romance => &[One, Many, Other],
            Rule::Russian => &[One, Few, Many, Other],
            Rule::Arabic => &[Zero, One, Two, Few, Many, Other],
            Rule::Other => &[Other],
        }
    }

    /// The category of the whole number `n`.
    pub fn category(self, n: u64) -> Category {
        // CLDR's `e = 0 and i != 0 and i % 1000000 = 0`: "1 000 000 d'articles".
        let millions = n != 0 && n % 1_000_000 == 0;
        match self {
            Rule::OneOther if n == 1 => Category::One,
            Rule::OneOther => Category::Other,
            Rule::French if n <= 1 => Category::One,
            Rule::Romance if n == 1 => Category::One,
            Rule::French | Rule::Romance if millions => Category::Many,
            Rule::French | Rule::Romance => Category::Other,
            Rule::Russian => match (n % 10, n % 100) {
                (1, r) if r != 11 => Category::One,
                (2..=4, r) if !(12..=14).contains(&r) => Category::Few,
                _ => Category::Many,
            },
            Rule::Arabic => match (n, n % 100) {
                (0, _) => Category::Zero,
                (1, _) => Category::One,
                (2, _) => Category::Two,
                (_, 3..=10) => Category::Few,
                (_, 11..=99) => Category::Many,
                _ => Category::Other,
            },
            Rule::Other => Category::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Category::*, Rule};

    fn categories(rule: Rule, numbers: &[u64]) -> Vec<&'static str> {
        numbers.iter().map(|n| rule.category(*n).as_str()).collect()
    }

    #[test]
    fn english_one_is_singular_and_zero_plural() {
        let rule = Rule::for_tag("en-GB");
        assert_eq!(
            categories(rule, &[0, 1, 2, 11, 21, 1_000_000]),
            ["other", "one", "other", "other", "other", "other"]
        );
    }

    #[test]
    fn french_counts_zero_as_one_and_millions_as_many() {
        let rule = Rule::for_tag("fr-CA");
        assert_eq!(
            categories(rule, &[0, 1, 2, 100, 1_000_000, 2_000_000, 1_000_001]),
            ["one", "one", "other", "other", "many", "many", "other"]
        );
        // Brazilian Portuguese as French; Portugal's does not count 0 as one.
        assert_eq!(Rule::for_tag("pt-BR").category(0), One);
        assert_eq!(Rule::for_tag("pt-PT").category(0), Other);
        assert_eq!(Rule::for_tag("es").category(0), Other);
        assert_eq!(Rule::for_tag("it").category(3_000_000), Many);
    }

    #[test]
    fn russian_follows_the_last_digits() {
        let rule = Rule::for_tag("ru");
        assert_eq!(
            categories(
                rule,
                &[1, 21, 101, 11, 2, 3, 4, 22, 12, 14, 0, 5, 10, 25, 111, 112]
            ),
            [
                "one", "one", "one", "many", "few", "few", "few", "few", "many", "many", "many",
                "many", "many", "many", "many", "many"
            ]
        );
    }

    #[test]
    fn arabic_has_six_categories() {
        let rule = Rule::for_tag("ar-EG");
        assert_eq!(
            categories(
                rule,
                &[0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000]
            ),
            [
                "zero", "one", "two", "few", "few", "many", "many", "other", "other", "other",
                "few", "many", "other"
            ]
        );
    }

    #[test]
    fn a_language_without_a_table_counts_as_english_does() {
        for tag in ["uk", "th", "pl", "sv"] {
            assert_eq!(Rule::for_tag(tag), Rule::OneOther, "{tag}");
        }
    }

    #[test]
    fn east_asian_languages_and_indonesian_have_one_form() {
        for tag in ["ja", "zh-Hant", "zh-CN", "ko", "id"] {
            let rule = Rule::for_tag(tag);
            assert_eq!(rule.categories(), [Other]);
            assert_eq!(categories(rule, &[0, 1, 2]), ["other"; 3], "{tag}");
        }
    }

    #[test]
    fn every_category_a_rule_gives_is_one_it_lists() {
        for rule in [
            Rule::OneOther,
            Rule::French,
            Rule::Romance,
            Rule::Russian,
            Rule::Arabic,
            Rule::Other,
        ] {
            for n in (0..2000).chain([1_000_000, 5_000_000]) {
                assert!(
                    rule.categories().contains(&rule.category(n)),
                    "{rule:?} {n}"
                );
            }
        }
    }
}
