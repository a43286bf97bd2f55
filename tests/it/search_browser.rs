//! The search page in a real browser: headless Chromium driven over WebDriver.
//!
//! Builds the sample archive (under a subpath base URL and at the root), serves it from a
//! small static server in the test on 127.0.0.1, starts `chromedriver` on a free port and
//! talks the W3C WebDriver protocol to it with plain HTTP (ureq, already a dependency: no
//! WebDriver crate, no async runtime). It types queries, applies a filter, and checks that a
//! generated 20,000-article archive answers a query loading under 1 MB of index data, counted
//! by the server.
//!
//! Needs `chromium` and `chromedriver` (Debian: `apt-get install chromium chromium-driver`;
//! `.ci/run` installs them), so the test is ignored by default; `cargo test --
//! --include-ignored` runs it, and fails it when either is missing.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The sample archive: the repository's own site.toml and content/.
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A static file server: each URL prefix maps to a folder. Counts the bytes it sends for
/// search index files (`/search/data/`).
pub(crate) struct Server {
    port: u16,
    index_bytes: Arc<AtomicUsize>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub(crate) fn start(mounts: Vec<(String, PathBuf)>) -> Server {
        Server::start_with(mounts, false)
    }

    /// [`Server::start`], sending text gzipped to a browser that accepts it when `gzip`, as
    /// static hosts do (what Lighthouse's timings assume).
    pub(crate) fn start_with(mounts: Vec<(String, PathBuf)>, gzip: bool) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let index_bytes = Arc::new(AtomicUsize::new(0));
        let (s, counter) = (server.clone(), index_bytes.clone());
        let mounts = Arc::new(mounts);
        let thread = std::thread::spawn(move || {
            for request in s.incoming_requests() {
                // One thread per request: answered one after another, a request of the
                // browser's now and then waited forever (seen as a search that never drew its
                // results, its last snippet file still pending).
                let (mounts, counter) = (mounts.clone(), counter.clone());
                std::thread::spawn(move || {
                    // Decoded, as web servers do: links to pages and files named in other
                    // scripts are percent-encoded.
                    let path = request.url().split('?').next().unwrap_or("/");
                    let path = percent_encoding::percent_decode_str(path)
                        .decode_utf8_lossy()
                        .into_owned();
                    let file = mounts.iter().find_map(|(prefix, dir)| {
                        let rest = path.strip_prefix(prefix.as_str())?;
                        let mut file = dir.join(rest);
                        if rest.is_empty() || rest.ends_with('/') {
                            file = file.join("index.html");
                        }
                        (!rest.contains("..")).then_some(file)
                    });
                    let response = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
                        Some((file, bytes)) => {
                            if path.contains("/search/data/") {
                                counter.fetch_add(bytes.len(), Ordering::SeqCst);
                            }
                            let kind = match file.extension().and_then(|e| e.to_str()) {
                                Some("html") => "text/html; charset=utf-8",
                                Some("js") => "text/javascript; charset=utf-8",
                                Some("css") => "text/css; charset=utf-8",
                                Some("json") => "application/json",
                                Some("txt") => "text/plain; charset=utf-8",
                                _ => "application/octet-stream",
                            };
                            let accepts = request.headers().iter().any(|h| {
                                h.field.equiv("Accept-Encoding")
                                    && h.value.as_str().contains("gzip")
                            });
                            let text = kind.starts_with("text/") || kind.ends_with("json");
                            let typed = |bytes: Vec<u8>| {
                                tiny_http::Response::from_data(bytes).with_header(
                                    tiny_http::Header::from_bytes("Content-Type", kind).unwrap(),
                                )
                            };
                            if gzip && accepts && text {
                                use std::io::Write;
                                let mut encoder = flate2::write::GzEncoder::new(
                                    Vec::new(),
                                    flate2::Compression::default(),
                                );
                                encoder.write_all(&bytes).unwrap();
                                typed(encoder.finish().unwrap()).with_header(
                                    tiny_http::Header::from_bytes("Content-Encoding", "gzip")
                                        .unwrap(),
                                )
                            } else {
                                typed(bytes)
                            }
                        }
                        None => tiny_http::Response::from_data(b"not found".to_vec())
                            .with_status_code(404),
                    };
                    let _ = request.respond(response);
                });
            }
        });
        Server {
            port,
            index_bytes,
            server,
            thread: Some(thread),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// chromedriver as a child process, killed on drop, and one browser session in it.
pub(crate) struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub(crate) fn start(chromium: &Path, chromedriver: &Path) -> Browser {
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            agent,
            _profile: tempfile::tempdir().unwrap(),
        };
        let started = Instant::now();
        loop {
            let ready = browser
                .agent
                .get(format!("{}/status", browser.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = browser._profile.path().display().to_string();
        let created = browser.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chromium.display().to_string(),
                    "args": ["--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run",
                        "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage",
                        format!("--user-data-dir={profile}")]
                }
            }}}),
        );
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        browser
    }

    /// One WebDriver command; returns its `value`, panicking on a WebDriver error.
    pub(crate) fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let mut response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        }
        .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let text = response.body_mut().read_to_string().unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        if value["value"]["error"].is_string() {
            panic!("WebDriver {method} {path}: {}", value["value"]);
        }
        value["value"].clone()
    }

    pub(crate) fn go(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    pub(crate) fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    pub(crate) fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string()
    }

    fn clear(&self, css: &str) {
        let id = self.element(css);
        self.call("POST", &format!("/element/{id}/clear"), json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        );
    }

    fn url(&self) -> String {
        self.call("GET", "/url", Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until the search page shows results for what was asked (status says so, and
    /// the result list has been drawn), then returns the result headlines.
    fn results(&self, expect_status: &str) -> Vec<String> {
        let started = Instant::now();
        loop {
            let state = self.script(
                "var s = document.getElementById('search-status');\
                 return [s ? s.textContent : '', Array.prototype.map.call(\
                 document.querySelectorAll('#search-results li h2'), function (h) { return h.textContent; })];",
            );
            let status = state[0].as_str().unwrap_or_default().to_string();
            let titles: Vec<String> = state[1]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let wanted = status.contains(expect_status);
            let count = status
                .split(' ')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            if wanted && (titles.len() == count.min(10) || status.starts_with("No results")) {
                return titles;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "search did not show {expect_status:?}; status is {status:?}, results {titles:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn build_sample(out: &Path, base_url: &str) {
    let output = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(out)
        .args(["--base-url", base_url])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Replaces the search index of a built site with one of `n` generated articles.
fn write_generated_index(public: &Path, n: usize) {
    let mut articles = gazette::testing::articles(n, 1000, 6);
    gazette::testing::add_bodies(&mut articles, 120, 6);
    let archive = gazette::archive::Archive::build(articles, &Default::default(), 0).unwrap();
    let bodies = gazette::article::Bodies::default();
    let index = gazette::search::Index::build(
        &archive,
        &bodies,
        &gazette::search::Settings::default(),
        "en",
    )
    .unwrap();
    let data = public.join("search/data");
    std::fs::remove_dir_all(&data).unwrap();
    let write = |url: &str, bytes: &[u8]| {
        let file = public.join(url.trim_start_matches('/'));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    };
    for (url, bytes) in &index.files {
        write(url, bytes);
    }
    for id in 0..archive.articles().len() {
        write(
            &index.doc_url(id),
            &gazette::search::doc_file(&archive, id, &bodies).unwrap(),
        );
    }
    // The page carries the index version; the generated index has its own.
    let page = public.join("search/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let start = html.find("data-version=\"").unwrap() + "data-version=\"".len();
    let end = start + html[start..].find('"').unwrap();
    std::fs::write(
        &page,
        format!("{}{}{}", &html[..start], index.version, &html[end..]),
    )
    .unwrap();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_page_finds_filters_and_stays_small() {
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
    let (sub, top, big) = (
        dir.path().join("sub"),
        dir.path().join("top"),
        dir.path().join("big"),
    );
    // The port is only known once the server runs, and base_url only matters for
    // permalinks: every link and fetch on the page is a path.
    build_sample(&sub, "https://example.org/archive/");
    build_sample(&top, "https://example.org/");
    build_sample(&big, "https://example.org/big/");
    write_generated_index(&big, 20_000);
    let server = Server::start(vec![
        ("/archive/".into(), sub.clone()),
        ("/big/".into(), big.clone()),
        ("/".into(), top.clone()),
    ]);
    let browser = Browser::start(&chromium, &chromedriver);

    // Under a subpath: the header's search box leads to the search page with the query.
    browser.go(&server.url("/archive/"));
    browser.type_into("#masthead-q", "Sajjan\u{E007}");
    let titles = browser.results("2 results");
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(browser.url().contains("/archive/search/?q=Sajjan"));
    let marks = browser.script(
        "return Array.prototype.map.call(document.querySelectorAll('#search-results mark'), \
         function (m) { return m.textContent; });",
    );
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str() == Some("Sajjan")),
        "{marks}"
    );
    let href =
        browser.script("return document.querySelector('#search-results a').getAttribute('href');");
    assert!(href.as_str().unwrap().starts_with("/archive/20"), "{href}");

    // Typing a new query on the page: only the CBC interview names the ambassador.
    browser.clear("#search-q");
    browser.type_into("#search-q", "Chapuis");
    let titles = browser.results("1 result for “Chapuis”");
    assert_eq!(titles.len(), 1);
    let outlet =
        browser.script("return document.querySelector('#search-results .source').textContent;");
    assert_eq!(outlet, "CBC News");

    // A topic filter: "Sajjan" within Paris attacks leaves the CBC article.
    browser.clear("#search-q");
    browser.type_into("#search-q", "Sajjan");
    browser.results("2 results for “Sajjan”");
    browser.script(
        "var s = document.getElementById('search-topic'); s.value = 'paris-attacks';\
         s.dispatchEvent(new Event('change'));",
    );
    let filtered = browser.results("1 result for “Sajjan”");
    assert_eq!(filtered.len(), 1);
    assert!(
        browser.url().contains("topic=paris-attacks"),
        "{}",
        browser.url()
    );
    // Back undoes the filter.
    browser.call("POST", "/back", json!({}));
    browser.results("2 results for “Sajjan”");

    // At the site root, straight from a shared URL.
    browser.go(&server.url("/search/?q=sajj&sort=newest"));
    let titles = browser.results("2 results");
    assert_eq!(titles.len(), 2);

    // 20,000 generated articles: a query answers, loading under 1 MB of index.
    server.index_bytes.store(0, Ordering::SeqCst);
    browser.go(&server.url("/big/search/?q=article+1234"));
    let titles = browser.results("results for “article 1234”");
    assert!(titles.iter().any(|t| t == "Article 1234"), "{titles:?}");
    let loaded = server.index_bytes.load(Ordering::SeqCst);
    let measured = browser.script(
        "return performance.getEntriesByType('resource').filter(function (e) {\
         return e.name.indexOf('/search/data/') >= 0; }).reduce(function (n, e) {\
         return n + (e.encodedBodySize || e.transferSize || 0); }, 0);",
    );
    eprintln!(
        "20,000 articles: the query loaded {loaded} bytes of index (browser: {measured} bytes)"
    );
    assert!(loaded > 0 && loaded < 1_000_000, "{loaded} bytes");
}
