//! Stand-in tokeniser with the API of the real one (being written beside this): lowercase,
//! letters and digits, CJK bigrams, no stemming, Latin accents folded.

use std::borrow::Cow;

/// Splits text into index tokens.
pub struct Tokenizer {
    fold: bool,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x0e00..=0x0eff)
}

impl Tokenizer {
    /// A tokeniser for a site in `language`.
    pub fn new(_language: &str, fold_accents: bool) -> Tokenizer {
        Tokenizer { fold: fold_accents }
    }

    /// Calls `f` with each token of `text`, in order.
    pub fn tokens(&self, text: &str, mut f: impl FnMut(&str)) {
        let lower = text.to_lowercase();
        let mut word = String::new();
        let mut run: Vec<char> = Vec::new();
        let flush_run = |run: &mut Vec<char>, f: &mut dyn FnMut(&str)| {
            if run.len() == 1 {
                f(&run[0].to_string());
            }
            for pair in run.windows(2) {
                f(&pair.iter().collect::<String>());
            }
            run.clear();
        };
        for c in lower.chars() {
            if is_cjk(c) {
                if !word.is_empty() {
                    f(&word);
                    word.clear();
                }
                run.push(c);
            } else {
                flush_run(&mut run, &mut f);
                if c.is_alphanumeric() {
                    word.push(c);
                } else if !word.is_empty() {
                    if word.chars().count() <= 40
                        && !(word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
                    {
                        f(&word);
                    }
                    word.clear();
                }
            }
        }
        flush_run(&mut run, &mut f);
        if !word.is_empty() && word.chars().count() <= 40 {
            f(&word);
        }
    }

    /// The exact index key of a token.
    pub fn key<'a>(&self, token: &'a str) -> Cow<'a, str> {
        if !self.fold || token.is_ascii() {
            return Cow::Borrowed(token);
        }
        Cow::Owned(deunicode::deunicode(token).to_lowercase())
    }

    /// The stem key of a token.
    pub fn stem<'a>(&self, token: &'a str) -> Cow<'a, str> {
        self.key(token)
    }

    /// The Snowball algorithm used.
    pub fn stemmer(&self) -> Option<&'static str> {
        None
    }
}

/// The tokeniser's script.
pub const TOKEN_JS: &str = "function gazetteTokenizer(language, fold, stemmers) { return { stemmer: null, tokens: function (t) { return t.toLowerCase().normalize('NFKC').split(/[^\\p{L}\\p{N}]+/u).filter(function (w) { return w && w.length <= 40 && !(w.length === 1 && /\\p{L}/u.test(w)); }); }, key: function (t) { return fold ? t.normalize('NFD').replace(/\\p{M}/gu, '') : t; }, stem: function (t) { return this.key(t); } }; }\n";

/// A stemmer's script.
pub fn stemmer_js(_algorithm: &str) -> Option<&'static str> {
    None
}
