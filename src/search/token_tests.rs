//! The tokeniser against the shared test vectors (tests/data/search-tokens.json, which the
//! JavaScript side is checked against too: tests/it/search_tokens.rs), and properties no
//! vector can cover: no panic on any input, the ASCII fast path equal to the general one.

use super::*;
use proptest::prelude::*;
use serde_json::Value;

const VECTORS: &str = include_str!("../../tests/data/search-tokens.json");

fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("tests/data/search-tokens.json is JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn tokens(t: &Tokenizer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    t.tokens(text, |w| out.push(w.to_string()));
    out
}

#[test]
fn every_case_of_the_shared_vectors() {
    let vectors = vectors();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 40);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let t = Tokenizer::new(
            case["language"].as_str().unwrap(),
            case["fold"].as_bool().unwrap(),
        );
        assert_eq!(t.stemmer(), case["stemmer"].as_str(), "{name}: stemmer");
        let got = tokens(&t, case["text"].as_str().unwrap());
        let keys: Vec<String> = got.iter().map(|w| t.key(w).into_owned()).collect();
        let stems: Vec<String> = got.iter().map(|w| t.stem(w).into_owned()).collect();
        for (what, got, want) in [
            ("tokens", &got, strings(&case["tokens"])),
            ("keys", &keys, strings(&case["keys"])),
            ("stems", &stems, strings(&case["stems"])),
        ] {
            if *got != want {
                failures.push(format!("{name}: {what}\n  want {want:?}\n  got  {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The language code of each algorithm, to reach the raw stemmer by its name.
const CODES: [&str; 17] = [
    "ar", "da", "nl", "en", "fi", "fr", "de", "hu", "it", "no", "pt", "ro", "ru", "es", "sv", "ta",
    "tr",
];

#[test]
fn every_stemmer_sample_of_the_shared_vectors() {
    let vectors = vectors();
    let samples = vectors["stemmers"].as_object().unwrap();
    assert_eq!(samples.len(), CODES.len(), "one sample per algorithm");
    for (name, sample) in samples {
        let (algorithm, _, _) = CODES
            .iter()
            .filter_map(|code| algorithm(code))
            .find(|(_, n, _)| n == name)
            .unwrap_or_else(|| panic!("no language has the algorithm {name}"));
        assert!(
            stemmer_js(name).is_some(),
            "{name} has a JavaScript stemmer"
        );
        let stemmer = Stemmer::create(algorithm);
        let words = sample["words"].as_array().unwrap();
        assert!(words.len() >= 200, "{name}: a few hundred words");
        for pair in words {
            let (word, stem) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            assert_eq!(stemmer.stem(word), stem, "{name}: {word}");
        }
    }
}

#[test]
fn languages_map_by_primary_subtag() {
    for (code, name) in [
        ("pt-BR", Some("portuguese")),
        ("EN-gb", Some("english")),
        ("nb", Some("norwegian")),
        ("nn", Some("norwegian")),
        ("no", Some("norwegian")),
        ("sv_SE", Some("swedish")),
        ("el", None),
        ("ja", None),
        ("", None),
    ] {
        assert_eq!(Tokenizer::new(code, true).stemmer(), name, "{code}");
    }
    assert!(stemmer_js("greek").is_none());
    assert!(TOKEN_JS.contains("function gazetteTokenizer("));
}

#[test]
fn keys_borrow_when_nothing_changes() {
    let t = Tokenizer::new("en", true);
    for token in ["election", "東京", "한국어", "москва", "हिन्दी", "שָׁלוֹם"]
    {
        assert!(matches!(t.key(token), Cow::Borrowed(_)), "{token}");
    }
    for (token, key) in [("élection", "election"), ("q\u{303}", "q"), ("ещё", "еще")] {
        assert!(
            matches!(t.key(token), Cow::Owned(ref k) if k == key),
            "{token}"
        );
    }
    let plain = Tokenizer::new("en", false);
    assert!(matches!(plain.key("élection"), Cow::Borrowed("élection")));
}

#[test]
fn no_letter_before_thai_is_of_a_run_script() {
    let props = Props::new();
    for c in (0..FIRST_RUN_LETTER).filter_map(char::from_u32) {
        if props.alphabetic.contains(c) {
            let script = props.script.get(c);
            assert!(
                !RUN_SCRIPTS.contains(&script),
                "U+{:04X} is of {script:?}",
                u32::from(c)
            );
        }
    }
}

#[test]
fn tokenizer_is_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Tokenizer>();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Any text: no panic, no empty or over-long token, and keys and stems of every token.
    #[test]
    fn any_text_tokenises(text in "\\PC{0,60}", fold in any::<bool>(), lang in 0usize..20) {
        let language = ["en", "fr", "nl", "ar", "ru", "ta", "tr", "el", "ja"]
            .get(lang).copied().unwrap_or("de");
        let t = Tokenizer::new(language, fold);
        t.tokens(&text, |w| {
            assert!(!w.is_empty());
            assert!(w.chars().count() <= MAX_CHARS);
            let _ = t.key(w);
            let _ = t.stem(w);
        });
    }

    /// ASCII text gives the same tokens by its fast path as by the general one (forced by a
    /// non-ASCII separator at the end).
    #[test]
    fn ascii_fast_path_is_the_general_path(
        text in "[ -~]{0,80}|[a-c0-2'.,\\- ]{0,60}",
        french in any::<bool>(),
    ) {
        let t = Tokenizer::new(if french { "fr" } else { "en" }, true);
        prop_assert_eq!(tokens(&t, &text), tokens(&t, &format!("{text} \u{2014}")));
    }
}
