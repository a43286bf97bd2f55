//! Fixture sites for the search tests that run in a browser (`search_languages`,
//! `search_judged`): a handful of articles written so the right answer to each query is
//! known, built with the `gazette` binary, served from a static server under the site's base
//! path, and searched by opening `/search/?q=…` in headless Chromium.
//!
//! Results are read as the reader sees them: one `li` of `#search-results` per result, named
//! by the last segment of its link (every fixture article has a `slug` of its own). A query's
//! outcome is compared with what was expected and every mismatch of a test is collected, so
//! one run shows all that is wrong rather than the first.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use crate::common::Site;
use crate::search_browser::{find, Browser, Server};

/// One fixture article. `slug` names it in results; the other fields are its front matter
/// and body (Markdown).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Doc {
    pub(crate) slug: String,
    pub(crate) title: String,
    /// `2016-01-19`: written as a TOML date.
    pub(crate) date: String,
    #[serde(default)]
    pub(crate) body: String,
    #[serde(default)]
    pub(crate) standfirst: Option<String>,
    #[serde(default)]
    pub(crate) topics: Vec<String>,
    #[serde(default)]
    pub(crate) authors: Vec<String>,
    #[serde(default)]
    pub(crate) source: Option<String>,
    /// The article's language when not the site's (front matter `lang`).
    #[serde(default)]
    pub(crate) lang: Option<String>,
}

/// A fixture article with a slug, a title, a date and a body.
pub(crate) fn doc(slug: &str, title: &str, date: &str, body: &str) -> Doc {
    Doc {
        slug: slug.into(),
        title: title.into(),
        date: date.into(),
        body: body.into(),
        ..Doc::default()
    }
}

impl Doc {
    /// The article file: TOML front matter (strings quoted by the toml crate, so any script
    /// and any combining mark is written as it is) and the body.
    fn file(&self) -> String {
        let mut table = toml::Table::new();
        let mut put = |key: &str, value: toml::Value| {
            table.insert(key.to_string(), value);
        };
        put("title", self.title.clone().into());
        put("slug", self.slug.clone().into());
        if let Some(standfirst) = &self.standfirst {
            put("standfirst", standfirst.clone().into());
        }
        if !self.topics.is_empty() {
            put("topics", self.topics.clone().into());
        }
        if !self.authors.is_empty() {
            put("authors", self.authors.clone().into());
        }
        if let Some(source) = &self.source {
            put("source", source.clone().into());
        }
        if let Some(lang) = &self.lang {
            put("lang", lang.clone().into());
        }
        let front = toml::to_string(&table).expect("front matter serialises");
        format!("+++\ndate = {}\n{front}+++\n\n{}\n", self.date, self.body)
    }
}

/// What the search page showed for one query.
#[derive(Debug)]
pub(crate) struct Shown {
    /// The status line's text (`3 results for “…”.`).
    pub(crate) status: String,
    /// The slug of each result, in the order shown.
    pub(crate) slugs: Vec<String>,
    /// Each result's link as written in the page (`href`).
    pub(crate) hrefs: Vec<String>,
    /// Whether the page said the search finished; false when it settled on something else
    /// (no search ran, or the index failed to load).
    pub(crate) finished: bool,
}

/// A built fixture site, served, with a browser open on it.
pub(crate) struct SearchSite {
    _site: Site,
    server: Server,
    browser: Browser,
    base: String,
}

/// The site's `site.toml`: a title, the site `language` and anything else in `extra`.
fn config(language: &str, extra: &str) -> String {
    format!(
        "title = \"Search fixture\"\nbase_url = \"https://example.org/\"\n\
         language = \"{language}\"\n{extra}"
    )
}

impl SearchSite {
    /// Builds `docs` into a site of this `language`, served at the site root.
    pub(crate) fn open(language: &str, docs: &[Doc]) -> SearchSite {
        SearchSite::open_at(language, "", docs, "/")
    }

    /// Builds `docs` with `extra` lines in `site.toml`, deployed under `base` (`/` or
    /// `/archive/`): built with `--base-url http://127.0.0.1:PORT<base>` and served there
    /// only, so a link or fetch outside the base path is a 404.
    pub(crate) fn open_at(language: &str, extra: &str, docs: &[Doc], base: &str) -> SearchSite {
        let (Some(chromium), Some(chromedriver)) = (
            find(&["chromium", "chromium-browser", "google-chrome"]),
            find(&["chromedriver"]),
        ) else {
            panic!(
                "chromium and chromedriver are not both installed \
                 (apt-get install chromium chromium-driver)"
            );
        };
        let site = Site::with_config(&config(language, extra));
        for d in docs {
            site.write(&format!("content/{}.md", d.slug), d.file());
        }
        // The server reads files when asked, so it can start (and give its port to the base
        // URL) before the site is built.
        let server = Server::start(vec![(base.to_string(), site.public())]);
        let base_url = server.url(base);
        site.build_ok(&["--base-url", &base_url]);
        let browser = Browser::start(&chromium, &chromedriver);
        SearchSite {
            _site: site,
            server,
            browser,
            base: base.to_string(),
        }
    }

    /// The browser, for what a test does beyond searching.
    pub(crate) fn browser(&self) -> &Browser {
        &self.browser
    }

    /// The full address of a site path (`/archive/search/`).
    pub(crate) fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// The search page's address with these URL parameters (`[("q", "東京都")]`).
    pub(crate) fn search_url(&self, params: &[(&str, &str)]) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        self.server.url(&format!("{}search/?{query}", self.base))
    }

    /// Opens the search page with these URL parameters and reads what it shows.
    pub(crate) fn search(&self, params: &[(&str, &str)]) -> Shown {
        self.browser.go(&self.search_url(params));
        self.shown()
    }

    /// Opens the search page without a query, types `text` into its search box and presses
    /// Enter, then reads what it shows.
    pub(crate) fn type_query(&self, text: &str) -> Shown {
        self.browser.go(&self.url(&format!("{}search/", self.base)));
        let input = self.browser.element("#search-q");
        self.browser.call(
            "POST",
            &format!("/element/{input}/value"),
            serde_json::json!({ "text": format!("{text}\u{E007}") }),
        );
        self.shown()
    }

    /// Waits until the page has finished a search and returns what it shows. Finished: the
    /// status counts results (`No results…`, `1 result…`, `12 results…`), the list holds that
    /// many (or a first page of them) and nothing changed for 200 ms. A status that settles
    /// on anything else for 5 s (no search ran; the index failed to load) ends the wait too,
    /// so a query the page cannot answer fails fast with what the page said.
    pub(crate) fn shown(&self) -> Shown {
        let started = Instant::now();
        let mut last: Option<(String, Vec<String>)> = None;
        let mut since = Instant::now();
        loop {
            let (status, hrefs, counted) = self.read();
            // The page's count in figures (`data-count`, in any language), else its words.
            let count = counted.or_else(|| result_count(&status));
            let same = last.as_ref() == Some(&(status.clone(), hrefs.clone()));
            if !same {
                since = Instant::now();
            }
            let settled = since.elapsed();
            let drawn =
                count.is_some_and(|n| hrefs.len() == n || (n > hrefs.len() && hrefs.len() >= 10));
            // A status that counts results but a list not drawn yet is waited for: a
            // snippet file can take search.js's 8 s stall timeout and a retry to arrive.
            if (drawn && settled >= Duration::from_millis(200))
                || (count.is_none() && !status.is_empty() && settled >= Duration::from_secs(5))
                || started.elapsed() >= Duration::from_secs(30)
            {
                return Shown {
                    slugs: hrefs.iter().map(|h| slug_of(h)).collect(),
                    finished: drawn,
                    status,
                    hrefs,
                };
            }
            last = Some((status, hrefs));
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The status text and every result's link.
    fn read(&self) -> (String, Vec<String>, Option<usize>) {
        let state = self.browser.script(
            "var s = document.getElementById('search-status');\
             return [s ? s.textContent : '', Array.prototype.map.call(\
             document.querySelectorAll('#search-results > li'), function (li) {\
             var a = li.querySelector('a[href]'); return a ? a.getAttribute('href') : ''; }),\
             s ? s.getAttribute('data-count') : null];",
        );
        let counted = state[2].as_str().and_then(|c| c.parse().ok());
        let status = state[0].as_str().unwrap_or_default().trim().to_string();
        let hrefs = state[1]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        (status, hrefs, counted)
    }
}

/// The number of results a status line announces: `No results` is 0, `1 result` 1,
/// `12 results` 12; None when it announces none.
fn result_count(status: &str) -> Option<usize> {
    let words: Vec<&str> = status.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let noun = w[1].trim_end_matches(['.', ',', ':']).to_lowercase();
        if noun != "result" && noun != "results" {
            return None;
        }
        if w[0].eq_ignore_ascii_case("no") {
            Some(0)
        } else {
            w[0].replace(',', "").parse().ok()
        }
    })
}

/// The slug a result links to: the last segment of its path (`/2016/01/19/slug/` → `slug`).
fn slug_of(href: &str) -> String {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    last.trim_end_matches(".html").to_string()
}

/// The mismatches of one test, reported all at once by [`Checks::finish`].
#[derive(Default)]
pub(crate) struct Checks {
    failures: Vec<String>,
}

impl Checks {
    /// The query finds exactly these articles, in any order.
    pub(crate) fn exactly(
        &mut self,
        site: &SearchSite,
        params: &[(&str, &str)],
        expected: &[&str],
    ) {
        let shown = site.search(params);
        let mut got = shown.slugs.clone();
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        if !shown.finished || got != want {
            self.fail(params, &format!("expected exactly {want:?}"), &shown);
        }
    }

    /// The query finds exactly these articles, in this order.
    pub(crate) fn in_order(
        &mut self,
        site: &SearchSite,
        params: &[(&str, &str)],
        expected: &[&str],
    ) {
        let shown = site.search(params);
        if !shown.finished || shown.slugs != expected {
            self.fail(params, &format!("expected, in order, {expected:?}"), &shown);
        }
    }

    /// Records a mismatch of a query, with what the page showed.
    pub(crate) fn fail(&mut self, params: &[(&str, &str)], expected: &str, shown: &Shown) {
        self.failures.push(format!(
            "{params:?}: {expected}; the page showed {:?}{} with status {:?}",
            shown.slugs,
            if shown.finished {
                ""
            } else {
                " (search not finished)"
            },
            shown.status
        ));
    }

    /// Records any other mismatch.
    pub(crate) fn note(&mut self, failure: String) {
        self.failures.push(failure);
    }

    /// Fails the test with every mismatch recorded.
    pub(crate) fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{} of the checks failed:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// The repository's `tests/data/` folder.
pub(crate) fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

#[test]
fn a_status_line_gives_its_count() {
    assert_eq!(result_count("No results for “x”."), Some(0));
    assert_eq!(result_count("1 result for “x”."), Some(1));
    assert_eq!(result_count("12 results."), Some(12));
    assert_eq!(result_count("1,204 results for “a”."), Some(1204));
    assert_eq!(result_count("30 articles to search. Type a name."), None);
    assert_eq!(result_count(""), None);
    assert_eq!(slug_of("/archive/2016/01/19/tokyo/"), "tokyo");
    assert_eq!(slug_of("/2016/01/19/tokyo.html?x=1"), "tokyo");
}
