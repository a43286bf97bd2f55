//! Turning names into URL slugs.
//!
//! One function so that an article's slug, a topic's and an author's are made the same way
//! (issue 17, item 7). Latin text is transliterated to ASCII as it always was ("Québec" ->
//! `quebec`); text in any other script keeps its own letters (`日本`, `россия`, `ελλάδα`),
//! because a transliteration goes through one language's reading of the script and gives
//! other languages gibberish (`日本` read as Mandarin is `ri-ben`). `slugs = "unicode"` in
//! `site.toml` keeps Latin accents too (`québec`), as Hugo does.

use std::borrow::Cow;
use std::sync::OnceLock;

use icu_properties::props::{
    Alphabetic, DefaultIgnorableCodePoint, GeneralCategory, GeneralCategoryGroup, Script,
};
use icu_properties::{CodePointMapData, CodePointMapDataBorrowed, CodePointSetData};

/// How slugs are made (`slugs` in `site.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Slugs {
    /// Latin letters folded to ASCII (`québec` -> `quebec`), a text in Latin letters only
    /// transliterated as a whole, as gazette always has; letters of other scripts kept.
    #[default]
    Ascii,
    /// Every script's letters kept, Latin accents included (`québec`).
    Unicode,
}

impl Slugs {
    /// Reads the value of `slugs` as written in `site.toml`.
    pub fn parse(text: &str) -> Option<Slugs> {
        match text {
            "ascii" => Some(Slugs::Ascii),
            "unicode" => Some(Slugs::Unicode),
            _ => None,
        }
    }
}

/// Makes a URL slug from any text, the way `slugs` says: lowercase, NFC, words of letters,
/// marks and digits joined by `-`. Returns an empty string when the text has no letters or
/// digits in any script, which callers must treat as an error or replace.
///
/// A slug is only ever letters (of any script), combining marks that follow a letter, decimal
/// digits and `-`: never `/`, `\`, `.`, a control or format character, or anything Windows or
/// macOS refuse in a file name.
pub(crate) fn slugify(text: &str, slugs: Slugs) -> String {
    // One title, one slug: `é` typed as one code point or as `e` and an accent (as macOS
    // writes file names) is the same text.
    let text = nfc(text);
    match slugs {
        Slugs::Ascii
            if text.is_ascii() || (has_latin_letter(&text) && !has_other_letter(&text)) =>
        {
            transliterated(&text)
        }
        Slugs::Ascii => words(&text, true),
        Slugs::Unicode => words(&text, false),
    }
}

/// A slug made from a headline, cut at a word boundary to at most `max` bytes: a scraped
/// headline with its standfirst can be hundreds of characters, longer than a file name may be.
pub(crate) fn slugify_headline(text: &str, max: usize, slugs: Slugs) -> String {
    let slug = slugify(text, slugs);
    if slug.len() <= max {
        return slug;
    }
    // A cut inside a character would not be text, and one between a letter and its mark
    // would change the letter (Devanagari's vowel signs, Arabic's harakat).
    let props = props();
    let mut end = max;
    while end > 0
        && (!slug.is_char_boundary(end)
            || slug[end..].chars().next().is_some_and(|c| props.is_mark(c)))
    {
        end -= 1;
    }
    let cut = &slug[..end];
    match cut.rfind('-') {
        Some(dash) if dash > max / 2 => cut[..dash].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

/// Whether `text` has a letter of the Latin script (ASCII letters included).
pub(crate) fn has_latin_letter(text: &str) -> bool {
    let props = props();
    text.chars()
        .any(|c| c.is_ascii_alphabetic() || (!c.is_ascii() && props.is_latin_letter(c)))
}

/// Whether `text` is written in other scripts than Latin: it has letters, and none of them
/// is Latin.
pub(crate) fn is_in_another_script(text: &str) -> bool {
    let text = nfc(text);
    !has_latin_letter(&text) && has_other_letter(&text)
}

/// Whether `text` has a letter or digit of a script other than Latin (and other than the
/// characters all scripts share).
fn has_other_letter(text: &str) -> bool {
    let props = props();
    text.chars()
        .any(|c| !c.is_ascii() && props.is_word(c) && props.is_other_script(c))
}

/// `text` in Unicode's composed form (NFC), borrowed when it already is.
fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// Gazette's slugs before issue 17, kept byte for byte for text in Latin letters: the whole
/// text transliterated to ASCII, lowercase, words joined by `-`.
fn transliterated(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            // Apostrophes vanish ("Canada's" -> "canadas") as readers expect; everything else
            // separates words.
            dash = true;
        }
    }
    slug
}

/// The slug of a text with letters of other scripts than Latin, or with no letters at all:
/// its words of letters, marks and digits, lowercase, joined by `-`. With `fold_latin`,
/// Latin letters and the digits all scripts share are transliterated to ASCII; the letters
/// of other scripts are kept as they are. Symbols and emoji separate words: transliterated,
/// they would put English words (`tada`) in a Japanese slug.
fn words(text: &str, fold_latin: bool) -> String {
    let props = props();
    let mut slug = String::with_capacity(text.len());
    // The word being read, and the Latin part of it not yet transliterated.
    let mut word = String::new();
    let mut latin = String::new();
    // Whether the last character kept was of another script, which the marks and modifier
    // letters all scripts share (`ー` in katakana, Arabic's harakat) then belong to.
    let mut other = false;
    for c in text.chars() {
        if APOSTROPHES.contains(&c) || (!c.is_ascii() && props.ignorable.contains(c)) {
            // Apostrophes vanish as in Latin slugs; invisible characters (zero-width joiners,
            // variation selectors, soft hyphens, direction marks) are no part of a word.
            continue;
        }
        if !props.is_word(c) {
            end_word(&mut slug, &mut word, &mut latin);
            other = false;
            continue;
        }
        if props.is_mark(c) && word.is_empty() && latin.is_empty() {
            // A mark with no letter before it marks nothing.
            continue;
        }
        let keep =
            !fold_latin || props.is_other_script(c) || (other && !c.is_ascii() && props.follows(c));
        if keep {
            fold(&mut word, &mut latin);
            word.push(c);
            other = true;
        } else {
            latin.push(c);
            other = false;
        }
    }
    end_word(&mut slug, &mut word, &mut latin);
    // Lowercased word by word with `str::to_lowercase`, which knows Greek's final sigma
    // (`ΟΔΥΣΣΕΥΣ` -> `οδυσσευς`); lowercasing can decompose (`İ`), hence NFC again.
    nfc(&slug.to_lowercase()).into_owned()
}

/// Apostrophes, which vanish from slugs ("Canada’s" -> `canadas`).
const APOSTROPHES: [char; 4] = ['\'', '\u{2018}', '\u{2019}', '\u{2bc}'];

/// Transliterates the Latin run `latin` into `word`; what the transliteration gives that is
/// not a letter or digit separates words (`ǅ` is `Dz`, `½` would be `1/2`).
fn fold(word: &mut String, latin: &mut String) {
    if latin.is_empty() {
        return;
    }
    for c in deunicode::deunicode(latin).chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else if c != '\'' && !word.is_empty() && !word.ends_with('-') {
            word.push('-');
        }
    }
    latin.clear();
}

/// Ends the word being read: appends it to `slug`, after a `-` when `slug` has words.
fn end_word(slug: &mut String, word: &mut String, latin: &mut String) {
    fold(word, latin);
    let kept = word.trim_matches('-');
    if !kept.is_empty() {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(kept);
    }
    word.clear();
}

/// The Unicode properties slugs are made from, borrowed from ICU4X's compiled data.
struct Props {
    gc: CodePointMapDataBorrowed<'static, GeneralCategory>,
    script: CodePointMapDataBorrowed<'static, Script>,
    alphabetic: icu_properties::CodePointSetDataBorrowed<'static>,
    ignorable: icu_properties::CodePointSetDataBorrowed<'static>,
}

fn props() -> &'static Props {
    static PROPS: OnceLock<Props> = OnceLock::new();
    PROPS.get_or_init(|| Props {
        gc: CodePointMapData::<GeneralCategory>::new(),
        script: CodePointMapData::<Script>::new(),
        alphabetic: CodePointSetData::new::<Alphabetic>(),
        ignorable: CodePointSetData::new::<DefaultIgnorableCodePoint>(),
    })
}

impl Props {
    /// A letter, a decimal digit, or a mark that is part of a letter (nonspacing or
    /// spacing, as Devanagari's vowel signs; not enclosing marks such as the keycap).
    fn is_word(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric();
        }
        self.alphabetic.contains(c)
            || self.gc.get(c) == GeneralCategory::DecimalNumber
            || self.is_mark(c)
    }

    fn is_mark(&self, c: char) -> bool {
        !c.is_ascii()
            && matches!(
                self.gc.get(c),
                GeneralCategory::NonspacingMark | GeneralCategory::SpacingMark
            )
    }

    fn is_latin_letter(&self, c: char) -> bool {
        self.script.get(c) == Script::Latin && self.alphabetic.contains(c)
    }

    /// Of a script other than Latin and the ones all scripts share (Common, Inherited).
    fn is_other_script(&self, c: char) -> bool {
        !matches!(
            self.script.get(c),
            Script::Latin | Script::Common | Script::Inherited | Script::Unknown
        )
    }

    /// A shared character that takes the script of the letter before it: a mark, or a
    /// modifier letter such as katakana's prolonged sound mark `ー`.
    fn follows(&self, c: char) -> bool {
        GeneralCategoryGroup::Mark.contains(self.gc.get(c))
            || self.gc.get(c) == GeneralCategory::ModifierLetter
    }
}

#[cfg(test)]
mod tests {
    use super::{slugify, slugify_headline, Slugs};

    fn ascii(text: &str) -> String {
        slugify(text, Slugs::Ascii)
    }

    fn unicode(text: &str) -> String {
        slugify(text, Slugs::Unicode)
    }

    #[test]
    fn transliterates_and_joins_words() {
        assert_eq!(ascii("Québec"), "quebec");
        assert_eq!(
            ascii("Canada left out of anti-ISIS meeting"),
            "canada-left-out-of-anti-isis-meeting"
        );
        assert_eq!(ascii("  Harjit  Sajjan "), "harjit-sajjan");
        assert_eq!(ascii("Canada’s 'robust' role"), "canadas-robust-role");
        assert_eq!(ascii("Renée Filiatrault"), "renee-filiatrault");
    }

    #[test]
    fn latin_text_is_transliterated_as_before_issue_17() {
        // What `slugify` gave before non-Latin scripts kept their letters: symbols and
        // emoji in a Latin headline are still spelt out.
        for (text, slug) in [
            ("Straße & Œuvre", "strasse-oeuvre"),
            ("5 € tax", "5-eur-tax"),
            ("Ærø ½ day", "aero-1-2-day"),
        ] {
            assert_eq!(ascii(text), slug, "{text}");
            assert_eq!(ascii(text), super::transliterated(text), "{text}");
        }
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        for (text, slug) in [
            // Japanese: CJK and kana runs whole, `ー` kept inside katakana.
            ("日本の首相、コーヒーを飲む", "日本の首相-コーヒーを飲む"),
            // Chinese, simplified.
            ("中国 经济 增长", "中国-经济-增长"),
            // Arabic, with its harakat (combining marks of the Inherited script).
            ("مرحبا بالعالم", "مرحبا-بالعالم"),
            ("كَتَبَ الوَلَدُ", "كَتَبَ-الوَلَدُ"),
            // Russian: lowercase, no transliteration.
            ("Россия и Канада", "россия-и-канада"),
            // Greek, with the final sigma lowercased as a final sigma.
            ("Ελλάδα", "ελλάδα"),
            ("ΟΔΥΣΣΕΥΣ", "οδυσσευς"),
            // Hindi: the vowel signs and virama stay on their letters.
            ("भारत की राजधानी", "भारत-की-राजधानी"),
            // Thai is written without spaces and keeps its vowel marks.
            ("ประเทศไทย", "ประเทศไทย"),
            // Japanese punctuation and the katakana middle dot separate words.
            ("「ドナルド・トランプ」", "ドナルド-トランプ"),
        ] {
            assert_eq!(ascii(text), slug, "ascii: {text}");
            assert_eq!(unicode(text), slug, "unicode: {text}");
        }
    }

    #[test]
    fn latin_beside_another_script_is_folded_and_the_rest_kept() {
        assert_eq!(ascii("iPhone 日本で発売"), "iphone-日本で発売");
        assert_eq!(ascii("Café Москва"), "cafe-москва");
        assert_eq!(unicode("Café Москва"), "café-москва");
        // Fullwidth digits are the shared script's: folded to ASCII beside kanji.
        assert_eq!(ascii("２０１６年の選挙"), "2016年の選挙");
        // An emoji beside Japanese is dropped, not spelt out in English.
        assert_eq!(ascii("🎉 日本"), "日本");
    }

    #[test]
    fn unicode_keeps_latin_accents() {
        assert_eq!(unicode("Québec"), "québec");
        assert_eq!(unicode("Renée Filiatrault"), "renée-filiatrault");
        assert_eq!(unicode("Canada’s 'robust' role"), "canadas-robust-role");
        assert_eq!(unicode("Straße"), "straße");
    }

    #[test]
    fn emoji_alone_make_no_slug() {
        // The loader then takes the file name, or asks for a `slug`.
        for text in ["🎉🎉", "🦄 ❤️", "1️⃣"] {
            let expected = if text == "1️⃣" { "1" } else { "" };
            assert_eq!(ascii(text), expected, "{text}");
            assert_eq!(unicode(text), expected, "{text}");
        }
    }

    #[test]
    fn composed_and_decomposed_text_make_one_slug() {
        let composed = "Qu\u{e9}bec \u{30ac}";
        let decomposed = "Que\u{301}bec \u{30ab}\u{3099}";
        assert_eq!(ascii(composed), ascii(decomposed));
        assert_eq!(unicode(composed), unicode(decomposed));
        assert_eq!(unicode(decomposed), "qu\u{e9}bec-\u{30ac}");
        assert_eq!(ascii("\u{30ab}\u{3099}"), "\u{30ac}");
    }

    #[test]
    fn slugs_hold_nothing_unsafe_in_a_path_or_file_name() {
        let nasty =
            "a/b\\c..d:e*f?g\"h<i>j|k\u{0}l\u{7f}m\u{200d}n\u{202e}o\u{fe0f}p \u{301}日本/../x";
        for slug in [ascii(nasty), unicode(nasty)] {
            assert!(
                slug.chars()
                    .all(|c| c == '-' || c.is_alphanumeric() || !c.is_ascii()),
                "{slug}"
            );
            assert!(!slug.contains(['/', '\\', '.', ':', '*', '?', '"', '<', '>', '|']));
            assert!(!slug
                .chars()
                .any(|c| c.is_control() || c == '\u{200d}' || c == '\u{202e}' || c == '\u{fe0f}'));
            assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }
    }

    #[test]
    fn long_headlines_are_cut_at_a_word() {
        let long =
            "Canada left out of international anti-ISIS coalition meeting in Paris ".repeat(5);
        let slug = slugify_headline(&long, 80, Slugs::Ascii);
        assert!(slug.len() <= 80, "{slug}");
        assert!(
            slug.ends_with("coalition") || !slug.ends_with('-'),
            "{slug}"
        );
        assert_eq!(slugify_headline("Short one", 80, Slugs::Ascii), "short-one");
    }

    #[test]
    fn long_headlines_in_other_scripts_are_cut_between_letters() {
        let japanese = "日本の首相が東京で記者会見を開いた".repeat(4);
        for max in 1..100 {
            let slug = slugify_headline(&japanese, max, Slugs::Ascii);
            assert!(slug.len() <= max, "{max}: {slug}");
        }
        // Never between a Devanagari letter and its vowel sign.
        let hindi = "राजधानी".repeat(20);
        for max in 1..60 {
            let slug = slugify_headline(&hindi, max, Slugs::Unicode);
            assert!(slug.len() <= max);
            assert!(!slug.ends_with('र'), "{max}: {slug}");
        }
    }

    #[test]
    fn the_readme_s_examples_hold() {
        // README.md, "Slugs in every script": (title, ascii, unicode).
        for (title, a, u) in [
            ("Québec élection", "quebec-election", "québec-élection"),
            ("Canada’s 5 € tax", "canadas-5-eur-tax", "canadas-5-tax"),
            (
                "日本の首相、コーヒーを飲む",
                "日本の首相-コーヒーを飲む",
                "日本の首相-コーヒーを飲む",
            ),
            ("Выборы в России", "выборы-в-россии", "выборы-в-россии"),
            (
                "iPhone 日本で発売",
                "iphone-日本で発売",
                "iphone-日本で発売",
            ),
            ("🎉🎉", "", ""),
        ] {
            assert_eq!(
                (ascii(title), unicode(title)),
                (a.into(), u.into()),
                "{title}"
            );
        }
    }

    #[test]
    fn nothing_to_slug_is_empty() {
        assert_eq!(ascii("!!! ---"), "");
        assert_eq!(ascii(""), "");
        assert_eq!(unicode("!!! ---"), "");
        assert_eq!(unicode("、。"), "");
    }
}
