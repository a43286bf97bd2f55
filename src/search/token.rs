//! The search tokeniser: the one definition of a word that the index (here, in Rust) and the
//! search page (`token.js`, the same rules in JavaScript) share, so that what a reader types
//! finds what the index holds (issue 16). `tests/data/search-tokens.json` holds the test
//! vectors both sides are checked against; change a rule here only with the same change in
//! `token.js` and in the vectors.
//!
//! # The rules
//!
//! A text becomes tokens in four steps.
//!
//! 1. **Normalise**: NFKC (fullwidth `Ａ１` becomes `A1`, the ligature `ﬁ` becomes `fi`), then
//!    Unicode's full lowercase mapping of each character *without context* (Rust's
//!    `char::to_lowercase`; JavaScript's `toLowerCase`, which applies the one context-dependent
//!    mapping, final sigma, gives the same result once the next rule has run), then `ς` → `σ`,
//!    so that a Greek word ends the same whether it was written in capitals or not.
//!    No language-specific casing: `İ` becomes `i` + U+0307 in every language, as in both
//!    languages' default lowercase.
//! 2. **Classify** each character (after normalising):
//!    - *ignored*: format characters (General_Category Cf: soft hyphen, zero-width joiner and
//!      non-joiner, bidi marks) except U+200B ZERO WIDTH SPACE; they are deleted, so
//!      `infor\u{AD}mation` is one word (UAX #29 treats them as Format, inside words);
//!    - *mark*: General_Category M (combining accents, vowel signs, viramas);
//!    - *run*: an Alphabetic character (not a mark) whose Script is Han, Hiragana,
//!      Katakana, Thai, Lao, Khmer or Myanmar (scripts written without spaces), or one of
//!      the kana marks `ー` (U+30FC) and U+3031–U+3035 (Script Common). Script, not
//!      Script_Extensions: those grow with each Unicode version (Unicode 16 lists Thai among
//!      those of U+02BC MODIFIER LETTER APOSTROPHE), and the two sides' versions differ;
//!    - *letter*: any other Alphabetic character (Latin, Greek, Cyrillic, Arabic, Hebrew,
//!      Devanagari, Hangul, ...);
//!    - *digit*: General_Category N (any script's digits);
//!    - *joiners*: `'` and `’` (U+2019) between two letters or between two digits; `·`
//!      (U+00B7), `‧` (U+2027), `׳` (U+05F3) and `״` (U+05F4) between two letters; `.`, `,`,
//!      `٫` and `٬` (U+066B, U+066C) between two digits;
//!    - everything else separates (spaces, punctuation, symbols, emoji, U+200B).
//! 3. **Segment** (a simplification of UAX #29's word rules): a *word* is a maximal sequence
//!    of letters, digits and marks, where one joiner is allowed between two of them as above
//!    (marks are transparent: the character before a joiner is the last letter or digit).
//!    So `don't`, `1,000.5`, `v3.5`, `covid19` and `צה״ל` are one word each, while
//!    `well-known`, `a/b`, `snake_case` and `example.com` are two. A mark that does not
//!    follow a letter, digit or run character separates. A *run* is a maximal sequence of
//!    run characters and marks; it is cut into clusters (a character and the marks after
//!    it) and becomes its overlapping pairs of clusters (`東京都` → `東京`, `京都`), or its
//!    one cluster when it has only one. A run and a word next to each other are separate
//!    tokens (`東京2020` → `東京`, `2020`). Hangul is written with spaces: its words are
//!    ordinary words.
//!    In a word, `’` is written as `'`, so `don’t` and `don't` are the same token. For
//!    French, Italian, Catalan and Occitan (`fr`, `it`, `ca`, `oc`) apostrophes separate
//!    instead, because they mark elision: `l'élection` is `l` + `élection`, and `élection`
//!    must be found.
//! 4. **Filter**: a token of more than 40 characters (Unicode scalar values, marks included)
//!    is dropped (URLs, hashes); so is a word that is one Latin, Greek or Cyrillic letter
//!    (with or without marks): `a`, `l`, `и`. A single digit (`5`) stays, and so does a run
//!    of one character (`山`) or a one-letter word of another script.
//!
//! Each token is one position: phrase queries count positions by tokens.
//!
//! [`Tokenizer::key`] folds accents when the site asks for it: the token is decomposed (NFD),
//! combining marks after a letter of the Latin, Greek, Cyrillic or Arabic script are removed
//! (accents, diaeresis, Arabic harakat; note that this also turns `أ`, `إ` and `آ` into `ا`,
//! `ؤ` into `و` and `ئ` into `ي`, as Arabic search usually does), tatweel (U+0640) is
//! removed, `ß`→`ss`, `æ`→`ae`, `œ`→`oe`, `ø`→`o`, `ł`→`l`, `đ`→`d`, `ð`→`d`, `þ`→`th`,
//! `ı`→`i`, and the result is recomposed (NFC). Marks of other scripts stay: a Devanagari
//! vowel sign or a Hebrew point changes the word. Without folding, the key is the token.
//!
//! [`Tokenizer::stem`] runs the language's Snowball stemmer (the `rust-stemmers` crate; the
//! page runs the same algorithms in JavaScript, `stem/*.js`) on a token that has a letter
//! and whose letters (marks and tatweel aside) are all of the language's script (Latin, or
//! Cyrillic for Russian, Arabic for Arabic, Tamil for Tamil), then folds like `key`; other
//! tokens' stem key is their key. Stemming comes first because Snowball's rules read
//! accents (French `é`, Spanish `ó`). Languages, by the primary
//! subtag of `site.toml`'s `language` (`pt-BR` is Portuguese): Arabic (`ar`), Danish (`da`),
//! Dutch (`nl`), English (`en`), Finnish (`fi`), French (`fr`), German (`de`), Hungarian
//! (`hu`), Italian (`it`), Norwegian (`no`, `nb`, `nn`), Portuguese (`pt`), Romanian (`ro`),
//! Russian (`ru`), Spanish (`es`), Swedish (`sv`), Tamil (`ta`), Turkish (`tr`). Greek is
//! not stemmed: rust-stemmers' Greek stemmer panics on some words (`ανεύρετε`) and garbles
//! others. Dutch skips tokens whose first two characters include a non-ASCII letter other
//! than `äëïöüáéíóú` (`ète`, `çava`): for them rust-stemmers (positions in bytes) and the
//! JavaScript port (positions in UTF-16 units) disagree on where the stem's region starts.
//!
//! Unicode versions: the properties come from ICU4X's compiled data here and from the
//! browser's ICU there; characters added in a recent Unicode version may be classified
//! differently by an older browser. The vectors use no such character.

use std::borrow::Cow;
use std::sync::OnceLock;

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_properties::props::{Alphabetic, GeneralCategory, GeneralCategoryGroup, Script};
use icu_properties::{CodePointMapData, CodePointMapDataBorrowed, CodePointSetData};
use rust_stemmers::{Algorithm, Stemmer};

/// The longest token kept, in characters.
pub const MAX_CHARS: usize = 40;

/// The tokeniser's JavaScript twin, for the search page: defines `gazetteTokenizer`.
pub const TOKEN_JS: &str = include_str!("token.js");

/// The JavaScript Snowball stemmer for `algorithm` (as [`Tokenizer::stemmer`] names it),
/// which registers itself as `gazetteStemmers[algorithm]` (a function from a token to its
/// stem) when loaded before `token.js` is used. `None` for an algorithm gazette does not ship.
/// Each is the shared runtime (`stem/runtime.js`, kept once) and the algorithm's own file.
pub fn stemmer_js(algorithm: &str) -> Option<&'static str> {
    macro_rules! stemmer {
        ($file:literal) => {
            concat!(include_str!("stem/runtime.js"), include_str!($file))
        };
    }
    Some(match algorithm {
        "arabic" => stemmer!("stem/arabic.js"),
        "danish" => stemmer!("stem/danish.js"),
        "dutch" => stemmer!("stem/dutch.js"),
        "english" => stemmer!("stem/english.js"),
        "finnish" => stemmer!("stem/finnish.js"),
        "french" => stemmer!("stem/french.js"),
        "german" => stemmer!("stem/german.js"),
        "hungarian" => stemmer!("stem/hungarian.js"),
        "italian" => stemmer!("stem/italian.js"),
        "norwegian" => stemmer!("stem/norwegian.js"),
        "portuguese" => stemmer!("stem/portuguese.js"),
        "romanian" => stemmer!("stem/romanian.js"),
        "russian" => stemmer!("stem/russian.js"),
        "spanish" => stemmer!("stem/spanish.js"),
        "swedish" => stemmer!("stem/swedish.js"),
        "tamil" => stemmer!("stem/tamil.js"),
        "turkish" => stemmer!("stem/turkish.js"),
        _ => return None,
    })
}

/// The Snowball algorithm for a language code (`pt-BR`: its primary subtag, `pt`), its
/// name, and the script its words are written in.
fn algorithm(language: &str) -> Option<(Algorithm, &'static str, Script)> {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    let primary = primary.to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" => (Algorithm::Arabic, "arabic", Script::Arabic),
        "da" => (Algorithm::Danish, "danish", Script::Latin),
        "nl" => (Algorithm::Dutch, "dutch", Script::Latin),
        "en" => (Algorithm::English, "english", Script::Latin),
        "fi" => (Algorithm::Finnish, "finnish", Script::Latin),
        "fr" => (Algorithm::French, "french", Script::Latin),
        "de" => (Algorithm::German, "german", Script::Latin),
        "hu" => (Algorithm::Hungarian, "hungarian", Script::Latin),
        "it" => (Algorithm::Italian, "italian", Script::Latin),
        "no" | "nb" | "nn" => (Algorithm::Norwegian, "norwegian", Script::Latin),
        "pt" => (Algorithm::Portuguese, "portuguese", Script::Latin),
        "ro" => (Algorithm::Romanian, "romanian", Script::Latin),
        "ru" => (Algorithm::Russian, "russian", Script::Cyrillic),
        "es" => (Algorithm::Spanish, "spanish", Script::Latin),
        "sv" => (Algorithm::Swedish, "swedish", Script::Latin),
        "ta" => (Algorithm::Tamil, "tamil", Script::Tamil),
        "tr" => (Algorithm::Turkish, "turkish", Script::Latin),
        _ => return None,
    })
}

/// Languages whose apostrophe marks elision (`l'`, `d'`, `dell'`) rather than joining a word.
fn apostrophe_separates(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    ["fr", "it", "ca", "oc"]
        .iter()
        .any(|l| primary.eq_ignore_ascii_case(l))
}

/// What a character is to the segmenter (rule 2 of the module docs).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
enum Class {
    Ignored,
    Mark,
    Run,
    Letter,
    Digit,
    /// Joins two letters or two digits (`'`, `’`).
    JoinBoth,
    /// Joins two letters (`·`, `״`).
    JoinLetters,
    /// Joins two digits (`.`, `,`).
    JoinDigits,
    Separator,
}

/// The Unicode property tables, borrowed from ICU4X's compiled data (`'static`, no copy).
#[derive(Clone, Copy)]
struct Props {
    gc: CodePointMapDataBorrowed<'static, GeneralCategory>,
    script: CodePointMapDataBorrowed<'static, Script>,
    alphabetic: icu_properties::CodePointSetDataBorrowed<'static>,
}

/// The scripts written without spaces, cut into overlapping pairs.
const RUN_SCRIPTS: [Script; 7] = [
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Thai,
    Script::Lao,
    Script::Khmer,
    Script::Myanmar,
];

/// The scripts whose marks `key` removes.
const FOLD_SCRIPTS: [Script; 4] = [
    Script::Latin,
    Script::Greek,
    Script::Cyrillic,
    Script::Arabic,
];

const TATWEEL: char = '\u{640}';

/// The letters of the Common script that belong to Japanese runs: the prolonged sound mark
/// `ー` and the vertical kana repeat marks.
const KANA_MARKS: [char; 6] = [
    '\u{30fc}', '\u{3031}', '\u{3032}', '\u{3033}', '\u{3034}', '\u{3035}',
];

/// The start of Thai's block: below it, no letter is of a run script.
const FIRST_RUN_LETTER: u32 = 0x0E00;

impl Props {
    fn new() -> Props {
        Props {
            gc: CodePointMapData::<GeneralCategory>::new(),
            script: CodePointMapData::<Script>::new(),
            alphabetic: CodePointSetData::new::<Alphabetic>(),
        }
    }

    /// The class of `c`: from a table for the Basic Multilingual Plane (built once per
    /// process, 64 KB; three property lookups per character made Cyrillic text several times
    /// slower than ASCII), computed for the rest.
    fn class(&self, c: char) -> Class {
        static BMP: OnceLock<Box<[Class]>> = OnceLock::new();
        let bmp = BMP.get_or_init(|| {
            (0..=0xFFFF_u32)
                .map(|u| char::from_u32(u).map_or(Class::Separator, |c| self.compute_class(c)))
                .collect()
        });
        match bmp.get(u32::from(c) as usize) {
            Some(class) => *class,
            None => self.compute_class(c),
        }
    }

    fn compute_class(&self, c: char) -> Class {
        if c.is_ascii() {
            return match c {
                'a'..='z' | 'A'..='Z' => Class::Letter,
                '0'..='9' => Class::Digit,
                '\'' => Class::JoinBoth,
                '.' | ',' => Class::JoinDigits,
                _ => Class::Separator,
            };
        }
        match c {
            '\u{2019}' => return Class::JoinBoth,
            '\u{b7}' | '\u{2027}' | '\u{5f3}' | '\u{5f4}' => return Class::JoinLetters,
            '\u{66b}' | '\u{66c}' => return Class::JoinDigits,
            '\u{200b}' => return Class::Separator,
            _ => {}
        }
        let gc = self.gc.get(c);
        if gc == GeneralCategory::Format {
            return Class::Ignored;
        }
        if GeneralCategoryGroup::Mark.contains(gc) {
            return Class::Mark;
        }
        if self.alphabetic.contains(c) {
            // No letter before Thai's block is of a run script (a unit test checks this on
            // the data), which spares the lookup for Latin, Greek, Cyrillic, Arabic, Hebrew
            // and Indic letters.
            let run = u32::from(c) >= FIRST_RUN_LETTER
                && (RUN_SCRIPTS.contains(&self.script.get(c)) || KANA_MARKS.contains(&c));
            return if run { Class::Run } else { Class::Letter };
        }
        if GeneralCategoryGroup::Number.contains(gc) {
            Class::Digit
        } else {
            Class::Separator
        }
    }

    fn is_mark(&self, c: char) -> bool {
        !c.is_ascii() && GeneralCategoryGroup::Mark.contains(self.gc.get(c))
    }
}

/// Splits text into search tokens, folds and stems them, by the rules of the module docs.
/// Built once per site language and shared: every table it reads is `'static`.
pub struct Tokenizer {
    props: Props,
    stemmer: Option<(Stemmer, &'static str, Script)>,
    apostrophe_joins: bool,
    fold_accents: bool,
}

impl Tokenizer {
    /// A tokeniser for `language`, the site's language code as written in `site.toml`
    /// (`"en"`, `"fr"`, `"pt-BR"`, `"ja"` ...), folding accents in keys and stems when
    /// `fold_accents` is true. An unknown language is tokenised the same way, unstemmed.
    pub fn new(language: &str, fold_accents: bool) -> Tokenizer {
        Tokenizer {
            props: Props::new(),
            stemmer: algorithm(language)
                .map(|(a, name, script)| (Stemmer::create(a), name, script)),
            apostrophe_joins: !apostrophe_separates(language),
            fold_accents,
        }
    }

    /// The Snowball algorithm used, e.g. `Some("english")`, or `None` when the language has
    /// no stemmer here (see the module docs for the list).
    pub fn stemmer(&self) -> Option<&'static str> {
        self.stemmer.as_ref().map(|(_, name, _)| *name)
    }

    /// Calls `f` with each token of `text` in reading order: normalised and lowercased, not
    /// folded, not stemmed. Each call is one position. The `&str` is only valid during the
    /// call (one buffer is reused for every token).
    pub fn tokens(&self, text: &str, mut f: impl FnMut(&str)) {
        if text.is_ascii() {
            return self.ascii_tokens(text, &mut f);
        }
        let mut seg = Segmenter::new(self, &mut f);
        let normal = ComposingNormalizerBorrowed::new_nfkc().normalize(text);
        for c in normal.chars() {
            if c.is_ascii() {
                seg.push(c.to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    seg.push(if l == 'ς' { 'σ' } else { l });
                }
            }
        }
        seg.finish();
    }

    /// [`Tokenizer::tokens`] for ASCII text, the common case, by the same rules: ASCII is
    /// its own NFKC, and its tokens are slices of the lowercased text (no joiner is
    /// rewritten), so no character is copied one by one. The unit tests check it against
    /// the general path.
    fn ascii_tokens(&self, text: &str, f: &mut impl FnMut(&str)) {
        let lower = text.to_ascii_lowercase();
        let b = lower.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            let mut digit = b[i].is_ascii_digit();
            i += 1;
            loop {
                if i < b.len() && b[i].is_ascii_alphanumeric() {
                    digit = b[i].is_ascii_digit();
                    i += 1;
                    continue;
                }
                // A joiner between two letters or two digits, as rule 2 says.
                if let (Some(&joiner), Some(&next)) = (b.get(i), b.get(i + 1)) {
                    let joins = match joiner {
                        b'\'' if self.apostrophe_joins && !digit => next.is_ascii_alphabetic(),
                        b'\'' | b'.' | b',' => digit && next.is_ascii_digit(),
                        _ => false,
                    };
                    if joins {
                        digit = next.is_ascii_digit();
                        i += 2;
                        continue;
                    }
                }
                break;
            }
            let token = &lower[start..i];
            let single_letter = token.len() == 1 && !digit;
            if token.len() <= MAX_CHARS && !single_letter {
                f(token);
            }
        }
    }

    /// The exact index key of a token from [`Tokenizer::tokens`]: accent-folded when folding
    /// is on, else the token itself. Borrowed when nothing changes.
    pub fn key<'a>(&self, token: &'a str) -> Cow<'a, str> {
        if !self.fold_accents || token.is_ascii() {
            return Cow::Borrowed(token);
        }
        if !self.foldable(token) && ComposingNormalizerBorrowed::new_nfc().is_normalized(token) {
            return Cow::Borrowed(token);
        }
        let mut out = String::with_capacity(token.len());
        // Whether the last base character was of a script whose marks are dropped.
        let mut drop_marks = false;
        for c in DecomposingNormalizerBorrowed::new_nfd()
            .normalize(token)
            .chars()
        {
            if c == TATWEEL {
                drop_marks = true;
            } else if self.props.is_mark(c) {
                if !drop_marks {
                    out.push(c);
                }
            } else if let Some(folded) = fold_letter(c) {
                drop_marks = true;
                out.push_str(folded);
            } else {
                drop_marks = !c.is_ascii() && FOLD_SCRIPTS.contains(&self.props.script.get(c))
                    || c.is_ascii_alphabetic();
                out.push(c);
            }
        }
        let out = match ComposingNormalizerBorrowed::new_nfc().normalize(&out) {
            Cow::Borrowed(_) => out,
            Cow::Owned(composed) => composed,
        };
        if out == token {
            Cow::Borrowed(token)
        } else {
            Cow::Owned(out)
        }
    }

    /// Whether folding may change `token` (a quick scan, so that most tokens are returned
    /// borrowed): a letter of the list, tatweel, a precomposed letter of a folded script,
    /// or a mark after a letter of a folded script.
    fn foldable(&self, token: &str) -> bool {
        let mut after_folded = false;
        let mut folded_script = false;
        for c in token.chars() {
            if c.is_ascii() {
                after_folded = c.is_ascii_alphabetic();
            } else if fold_letter(c).is_some() || c == TATWEEL {
                return true;
            } else if self.props.is_mark(c) {
                if after_folded {
                    return true;
                }
            } else {
                after_folded = FOLD_SCRIPTS.contains(&self.props.script.get(c));
                folded_script |= after_folded;
            }
        }
        // A precomposed letter (`é`, `ё`) decomposes: one check of the whole token.
        folded_script && !DecomposingNormalizerBorrowed::new_nfd().is_normalized(token)
    }

    /// The stem key of a token from [`Tokenizer::tokens`]: stemmed with the language's
    /// Snowball stemmer when it has one and the token's letters are all of its script, then
    /// folded like [`Tokenizer::key`].
    pub fn stem<'a>(&self, token: &'a str) -> Cow<'a, str> {
        let Some((stemmer, name, script)) = &self.stemmer else {
            return self.key(token);
        };
        if !self.stemmable(token, *script, *name == "dutch") {
            return self.key(token);
        }
        match stemmer.stem(token) {
            Cow::Borrowed(stem) => self.key(stem),
            Cow::Owned(stem) => {
                let folded = match self.key(&stem) {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(folded) => Some(folded),
                };
                Cow::Owned(folded.unwrap_or(stem))
            }
        }
    }

    /// Whether `token` is a word of the stemmer's script: it has a letter, and every letter
    /// is of `script` (tatweel, of the Common script, is read as part of an Arabic word).
    /// For Dutch, also the guard of the module docs on the first two characters.
    fn stemmable(&self, token: &str, script: Script, dutch: bool) -> bool {
        if dutch
            && token
                .chars()
                .take(2)
                .any(|c| !c.is_ascii() && !"äëïöüáéíóú".contains(c))
        {
            return false;
        }
        let mut letters = false;
        for c in token.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    if script != Script::Latin {
                        return false;
                    }
                    letters = true;
                }
            } else if c != TATWEEL && self.props.alphabetic.contains(c) && !self.props.is_mark(c) {
                if self.props.script.get(c) != script {
                    return false;
                }
                letters = true;
            }
        }
        letters
    }
}

/// The letters folding rewrites that NFD does not decompose.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// The segmenter's state while one text is read (rules 3 and 4 of the module docs).
struct Segmenter<'t, F: FnMut(&str)> {
    tokenizer: &'t Tokenizer,
    f: &'t mut F,
    /// The word being read, or the previous complete cluster of a run.
    word: String,
    /// The class of the word's last letter or digit (marks are transparent), or `Run`
    /// while a run is read, or `Separator` between tokens.
    last: Class,
    /// A joiner read after the word, kept until the next character says whether it joins.
    pending: Option<char>,
    /// In a run: the cluster being read (its first character and its marks).
    cluster: String,
    /// Characters in `word` (for the 40-character limit without recounting).
    chars: usize,
}

impl<'t, F: FnMut(&str)> Segmenter<'t, F> {
    fn new(tokenizer: &'t Tokenizer, f: &'t mut F) -> Self {
        Segmenter {
            tokenizer,
            f,
            word: String::with_capacity(64),
            last: Class::Separator,
            pending: None,
            cluster: String::with_capacity(16),
            chars: 0,
        }
    }

    fn push(&mut self, c: char) {
        let mut class = self.tokenizer.props.class(c);
        if class == Class::JoinBoth && !self.tokenizer.apostrophe_joins {
            class = Class::JoinDigits;
        }
        match class {
            Class::Ignored => {}
            // Marks attach to what precedes them, whatever their script: Thai vowel signs
            // to their consonant's cluster, accents to their letter.
            Class::Mark => {
                if self.pending.is_some() || self.last == Class::Separator {
                    self.finish();
                } else if self.last == Class::Run {
                    self.cluster.push(c);
                } else {
                    self.word.push(c);
                    self.chars += 1;
                }
            }
            Class::Letter | Class::Digit => {
                if self.last == Class::Letter || self.last == Class::Digit {
                    if let Some(joiner) = self.pending.take() {
                        if class != self.last {
                            // `3'a`, `a.5`: the joiner separates after all.
                            self.finish();
                        } else {
                            self.word
                                .push(if joiner == '\u{2019}' { '\'' } else { joiner });
                            self.chars += 1;
                        }
                    }
                } else {
                    self.finish();
                }
                self.word.push(c);
                self.chars += 1;
                self.last = class;
            }
            Class::Run => {
                if self.last != Class::Run || self.pending.is_some() {
                    self.finish();
                    self.last = Class::Run;
                    self.cluster.push(c);
                    return;
                }
                if !self.word.is_empty() {
                    self.word.push_str(&self.cluster);
                    self.emit_pair();
                }
                // The cluster just completed becomes the previous one.
                std::mem::swap(&mut self.word, &mut self.cluster);
                self.cluster.clear();
                self.cluster.push(c);
            }
            Class::JoinBoth | Class::JoinLetters | Class::JoinDigits => {
                let joins = self.pending.is_none()
                    && match class {
                        Class::JoinBoth => matches!(self.last, Class::Letter | Class::Digit),
                        Class::JoinLetters => self.last == Class::Letter,
                        _ => self.last == Class::Digit,
                    };
                if joins {
                    self.pending = Some(c);
                } else {
                    self.finish();
                }
            }
            Class::Separator => self.finish(),
        }
    }

    /// Emits `word`, holding a pair of clusters, and empties it.
    fn emit_pair(&mut self) {
        if self.word.chars().count() <= MAX_CHARS {
            (self.f)(&self.word);
        }
        self.word.clear();
    }

    /// Ends the token being read, emitting it if it passes the filters.
    fn finish(&mut self) {
        match self.last {
            Class::Run => {
                // A run of one cluster is that cluster; a longer run's last pair is emitted here.
                self.word.push_str(&self.cluster);
                if self.word.chars().count() <= MAX_CHARS {
                    (self.f)(&self.word);
                }
            }
            Class::Letter | Class::Digit if self.chars <= MAX_CHARS && !self.single_letter() => {
                (self.f)(&self.word);
            }
            _ => {}
        }
        self.word.clear();
        self.cluster.clear();
        self.pending = None;
        self.last = Class::Separator;
        self.chars = 0;
    }

    /// A word that is one Latin, Greek or Cyrillic letter and its marks.
    fn single_letter(&self) -> bool {
        let mut chars = self.word.chars();
        let Some(first) = chars.next() else {
            return true;
        };
        let props = &self.tokenizer.props;
        let script = if first.is_ascii() {
            if !first.is_ascii_alphabetic() {
                return false;
            }
            Script::Latin
        } else {
            props.script.get(first)
        };
        [Script::Latin, Script::Greek, Script::Cyrillic].contains(&script)
            && props.alphabetic.contains(first)
            && chars.all(|c| props.is_mark(c))
    }
}

#[cfg(test)]
#[path = "token_tests.rs"]
mod tests;
