//! The JavaScript tokeniser (`src/search/token.js`) and stemmers (`src/search/stem/`)
//! against the shared test vectors (`tests/data/search-tokens.json`), which the Rust side
//! asserts in `src/search/token_tests.rs`: once in Node and once in headless Chromium, the
//! browser the search page runs in. Both load the scripts as the library ships them
//! (`TOKEN_JS`, `stemmer_js`).
//!
//! Ignored by default: they need `node`, or `chromium` and `chromedriver` (`.ci/run` has
//! them); `cargo test -- --include-ignored` runs them and fails them when the tool is missing.

use std::path::Path;
use std::process::Command;

use gazette::search::token::{stemmer_js, Tokenizer, TOKEN_JS};
use serde_json::Value;

use crate::search_browser::{find, Browser, Server};

const VECTORS: &str = include_str!("../data/search-tokens.json");

/// Checks every vector; returns `{failures: [...], checked: n}`. The same function runs in
/// Node and in the browser.
const CHECK_JS: &str = r#"
function gazetteCheckVectors(v) {
    var failures = [], checked = 0;
    function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
    v.cases.forEach(function (c) {
        var t;
        try {
            t = gazetteTokenizer(c.language, c.fold, gazetteStemmers);
        } catch (e) {
            failures.push(c.name + ': ' + e);
            return;
        }
        if (t.stemmer !== c.stemmer) failures.push(c.name + ': stemmer ' + t.stemmer);
        var tokens = t.tokens(c.text);
        var got = {
            tokens: tokens,
            keys: tokens.map(function (w) { return t.key(w); }),
            stems: tokens.map(function (w) { return t.stem(w); })
        };
        ['tokens', 'keys', 'stems'].forEach(function (what) {
            if (!same(got[what], c[what])) {
                failures.push(c.name + ': ' + what + '\n  want ' + JSON.stringify(c[what]) +
                    '\n  got  ' + JSON.stringify(got[what]));
            }
        });
        checked++;
    });
    Object.keys(v.stemmers).forEach(function (name) {
        var stem = gazetteStemmers[name];
        if (typeof stem !== 'function') {
            failures.push('no JavaScript stemmer ' + name);
            return;
        }
        v.stemmers[name].words.forEach(function (pair) {
            var got = stem(pair[0]);
            if (got !== pair[1]) {
                failures.push(name + ': ' + pair[0] + ' -> ' + got + ', want ' + pair[1]);
            }
            checked++;
        });
    });
    return { failures: failures, checked: checked };
}
"#;

/// Runs in Node with the folder of the scripts as its argument: runs each file alone in a
/// fresh context to list the globals it defines, then the checker over the vectors and over
/// the random texts with all of the scripts loaded together.
const NODE_RUNNER: &str = r#"
const fs = require('fs'), vm = require('vm'), path = require('path');
const dir = process.argv[2];
const read = (file) => fs.readFileSync(path.join(dir, file), 'utf8');
const defined = {};
for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.js') || ['all.js', 'run.js', 'check.js'].includes(file)) continue;
    const alone = {};
    vm.createContext(alone);
    vm.runInContext(read(file), alone);
    defined[file] = Object.keys(alone);
}
const ctx = {};
vm.createContext(ctx);
vm.runInContext(read('all.js'), ctx);
vm.runInContext(read('check.js'), ctx);
const report = ctx.gazetteCheckVectors(JSON.parse(read('vectors.json')));
report.defined = defined;
report.differential = ctx.gazetteCheckVectors(JSON.parse(read('random.json')));
console.log(JSON.stringify(report));
"#;

/// The algorithms the vectors have samples for: every stemmer gazette ships.
fn algorithms() -> Vec<String> {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    vectors["stemmers"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// token.js and every stemmer, as one script.
fn scripts() -> String {
    let mut all = String::from(TOKEN_JS);
    for name in algorithms() {
        all.push_str(stemmer_js(&name).unwrap_or_else(|| panic!("no stemmer_js({name})")));
        all.push('\n');
    }
    all
}

/// The number of vectors: every case and every stemmer word.
fn vector_count() -> u64 {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    let words: usize = vectors["stemmers"]
        .as_object()
        .unwrap()
        .values()
        .map(|s| s["words"].as_array().unwrap().len())
        .sum();
    (vectors["cases"].as_array().unwrap().len() + words) as u64
}

fn assert_report(report: &Value) {
    let failures: Vec<&str> = report["failures"]
        .as_array()
        .unwrap_or_else(|| panic!("no report: {report}"))
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(report["checked"].as_u64(), Some(vector_count()));
}

/// Random texts mixing scripts, marks, joiners, format characters and emoji, with what the
/// Rust tokeniser makes of them: the vectors pin the rules, these look for a disagreement
/// the vectors missed (deterministic: the same texts every run).
fn differential_cases() -> Value {
    let pool: Vec<char> = [
        "abcXYZ éÉèçñÑüÜßæœøłđðþıİIğĞ'’·.,-_ 0123456789٠١٢٫٬ \u{301}\u{308}\u{327}\u{303}",
        "\u{307} αβΣσςΆέ ДжёЁйї\u{2bc} \u{627}\u{623}\u{644}\u{64e}\u{650}\u{651}\u{640}",
        "\u{6cc} \u{5e9}\u{5b8}\u{5c1}\u{5f4}\u{5f3} हिन्दीक़ \u{e20}\u{e32}\u{e49}\u{e33}",
        "\u{e44} ភា\u{17d2}ម ພາ မြန် 東京都山の タワーｰﾀ ー 한국어 \u{200b}\u{200c}\u{200d}",
        "\u{ad}\u{fe0f} ❤👍🏽 ＡＢ１ ﬁ Ⅻ ㍿ ² \u{30fb}、。，",
    ]
    .concat()
    .chars()
    .collect();
    let mut seed: u64 = 16;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let languages = [
        "en", "fr", "de", "tr", "nl", "ar", "ru", "ta", "ja", "el", "it", "es", "xx",
    ];
    let mut cases = Vec::new();
    for _ in 0..5000 {
        let length = next() % 30;
        let text: String = (0..length).map(|_| pool[next() % pool.len()]).collect();
        let language = languages[next() % languages.len()];
        let fold = next() % 3 != 0;
        let t = Tokenizer::new(language, fold);
        let mut tokens = Vec::new();
        t.tokens(&text, |w| tokens.push(w.to_string()));
        let keys: Vec<String> = tokens.iter().map(|w| t.key(w).into_owned()).collect();
        let stems: Vec<String> = tokens.iter().map(|w| t.stem(w).into_owned()).collect();
        cases.push(serde_json::json!({"name": format!("random text {text:?}"),
            "language": language, "fold": fold, "stemmer": t.stemmer(), "text": text,
            "tokens": tokens, "keys": keys, "stems": stems}));
    }
    serde_json::json!({"cases": cases, "stemmers": {}})
}

#[test]
#[ignore = "needs node"]
fn search_tokens_agree_in_node() {
    let node = find(&["node", "nodejs"]).expect("node is not installed (apt-get install nodejs)");
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("vectors.json", VECTORS);
    let random = differential_cases();
    write("random.json", &random.to_string());
    write("all.js", &scripts());
    write("token.js", TOKEN_JS);
    for name in algorithms() {
        write(&format!("{name}.js"), stemmer_js(&name).unwrap());
    }
    write("check.js", CHECK_JS);
    write("run.js", NODE_RUNNER);
    let output = Command::new(node)
        .arg(dir.path().join("run.js"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_report(&report);
    let differential = &report["differential"];
    let failures = differential["failures"].as_array().unwrap();
    assert!(
        failures.is_empty(),
        "Rust and JavaScript disagree: {failures:#?}"
    );
    assert_eq!(differential["checked"].as_u64(), Some(5000));
    // token.js defines one global; each stemmer file only its entry in gazetteStemmers.
    let defined = report["defined"].as_object().unwrap();
    assert_eq!(defined["token.js"], serde_json::json!(["gazetteTokenizer"]));
    for name in algorithms() {
        assert_eq!(
            defined[&format!("{name}.js")],
            serde_json::json!(["gazetteStemmers"]),
            "{name}.js"
        );
    }
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_tokens_agree_in_chromium() {
    let (Some(chromium), Some(chromedriver)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) else {
        panic!(
            "chromium and chromedriver are not both installed \
             (apt-get install chromium chromium-driver)"
        );
    };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let write = |name: &str, text: &str| std::fs::write(site.join(name), text).unwrap();
    write("tokens.js", &scripts());
    write("check.js", CHECK_JS);
    write("vectors.js", &format!("var VECTORS = {VECTORS};"));
    write(
        "index.html",
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>tokens</title>\
         <script src=\"tokens.js\"></script><script src=\"check.js\"></script>\
         <script src=\"vectors.js\"></script><p>vectors</p></html>",
    );
    let server = Server::start(vec![("/".into(), site.to_path_buf())]);
    let browser = Browser::start(Path::new(&chromium), Path::new(&chromedriver));
    browser.go(&server.url("/"));
    let report = browser.script(
        "return typeof gazetteCheckVectors === 'function' && typeof VECTORS === 'object' \
         ? gazetteCheckVectors(VECTORS) : {failures: ['the scripts did not load']};",
    );
    assert_report(&report);
}
