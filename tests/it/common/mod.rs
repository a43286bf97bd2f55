//! Shared helpers for the integration tests: fixture sites in temporary folders, running the
//! `gazette` binary on them, and reading the pages it writes with an HTML parser.
//!
//! Every test file uses a different subset of these, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The `site.toml` most fixtures use: the required keys and nothing else.
pub const BASIC_CONFIG: &str = "title = \"Test Archive\"\nbase_url = \"https://example.org/\"\n";

/// The selector of the article links on listing pages (home and topic pages).
pub const LIST_LINKS: &str = "ol.article-list > li.article-item article h2.article-title a[href]";

/// A site in a temporary folder. The site lives in `<tmp>/site`, so that tests can check that
/// nothing is written beside it (in `<tmp>`).
pub struct Site {
    tmp: TempDir,
    root: PathBuf,
}

/// The "now" of library builds of fixtures, so that the news sitemap does not follow the
/// clock.
pub fn fixed_now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2016-02-01T12:00:00+00:00").unwrap()
}

impl Site {
    /// Builds the site with the library into `output` at [`fixed_now`]; `force` as
    /// `--force`.
    pub fn build_into(&self, output: &Path, force: bool) -> gazette::Result<gazette::BuildReport> {
        gazette::build(&gazette::BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(output.to_path_buf()),
            now: Some(fixed_now()),
            force,
            ..gazette::BuildOptions::default()
        })
    }

    /// A site with [`BASIC_CONFIG`] and an empty `content/` folder.
    pub fn new() -> Site {
        Site::with_config(BASIC_CONFIG)
    }

    /// A site with this `site.toml` and an empty `content/` folder.
    pub fn with_config(config: &str) -> Site {
        let tmp = tempfile::tempdir().expect("create a temporary folder");
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).expect("create content/");
        std::fs::write(root.join("site.toml"), config).expect("write site.toml");
        Site { tmp, root }
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder holding the site (and nothing else unless a test puts it there).
    pub fn outside(&self) -> &Path {
        self.tmp.path()
    }

    /// The default output folder, `public/`.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Writes a file at `relative` (to the site root), creating its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Site {
        write_file(&self.root.join(relative), contents.as_ref());
        self
    }

    /// Writes `content/<relative>` as an article with TOML front matter: `title`, `date` and
    /// any further front-matter lines in `extra` (each ending in a newline).
    pub fn article(&self, relative: &str, title: &str, date: &str, extra: &str) -> &Site {
        self.write(
            &format!("content/{relative}"),
            toml_article(title, date, extra, "Some text of the article."),
        )
    }

    /// Removes a file of the site.
    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.root.join(relative)).expect("remove a fixture file");
    }

    /// Runs `gazette build` in the site's folder (so messages name files as `content/…`) with
    /// extra arguments.
    pub fn build(&self, args: &[&str]) -> Run {
        run_in(&self.root, &with_build(args))
    }

    /// Runs `gazette build` and fails the test, showing stderr, unless it exits with 0.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        run.assert_code(0);
        run
    }

    /// Parses the page published at site-relative `url` in `public/`.
    pub fn page(&self, url: &str) -> Html {
        page_in(&self.public(), url)
    }

    /// Whether a page exists at site-relative `url` in `public/`.
    pub fn has_page(&self, url: &str) -> bool {
        url_to_file(&self.public(), url).is_file()
    }
}

/// The arguments `build` plus `args`.
fn with_build<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all
}

/// Writes a file, creating its folders.
pub fn write_file(path: &Path, contents: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create a fixture folder");
    }
    std::fs::write(path, contents).expect("write a fixture file");
}

/// An article with TOML front matter.
pub fn toml_article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("+++\ntitle = {title:?}\ndate = {date}\n{extra}+++\n\n{body}\n")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code (None when killed by a signal).
    pub code: Option<i32>,
    /// Standard output, as text.
    pub stdout: String,
    /// Standard error, as text.
    pub stderr: String,
}

impl Run {
    /// Fails the test unless the run exited with `code`; also fails on any panic.
    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\n--- stdout:\n{}\n--- stderr:\n{}",
            excerpt(&self.stdout),
            excerpt(&self.stderr)
        );
        self.assert_no_panic();
    }

    /// Stderr cut to a length that fits in a test failure message.
    pub fn stderr_excerpt(&self) -> String {
        excerpt(&self.stderr)
    }

    /// Fails the test if the binary panicked.
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked"),
            "gazette panicked:\n{}",
            excerpt(&self.stderr)
        );
        assert!(
            self.code.is_some(),
            "gazette was killed by a signal:\n{}",
            excerpt(&self.stderr)
        );
    }

    /// The `error: path[:line[:column]]: message` diagnostics printed on stderr, each with
    /// the `  help: …` line that follows it, if any.
    pub fn diagnostics(&self) -> Vec<Diag> {
        self.diagnostics_of("error: ")
    }

    /// The `warning: path[:line[:column]]: message` diagnostics printed on stderr, each with
    /// its `  help: …` line.
    pub fn warnings(&self) -> Vec<Diag> {
        self.diagnostics_of("warning: ")
    }

    /// The diagnostics whose lines start with `prefix`, with their help lines.
    fn diagnostics_of(&self, prefix: &str) -> Vec<Diag> {
        let mut found: Vec<Diag> = Vec::new();
        let mut last_matched = false;
        for line in self.stderr.lines() {
            if let Some(d) = line.strip_prefix(prefix).and_then(Diag::parse) {
                last_matched = true;
                found.push(d);
            } else if let (Some(help), Some(last), true) = (
                line.strip_prefix("  help: "),
                found.last_mut(),
                last_matched,
            ) {
                last.help = Some(help.to_string());
            } else if !line.starts_with("  ") {
                last_matched = false;
            }
        }
        found
    }

    /// The diagnostics about one file (as the user would type its path).
    pub fn diagnostics_for(&self, path: &str) -> Vec<Diag> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.path == path)
            .collect()
    }
}

/// At most the first 3,000 characters of `text`, marking the cut; huge front-matter values
/// make huge messages.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 3000;
    match text.char_indices().nth(MAX) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}… [{} more bytes]", &text[..cut], text.len() - cut),
    }
}

/// One diagnostic line as printed by gazette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    /// The file named.
    pub path: String,
    /// The line, when given.
    pub line: Option<usize>,
    /// The message after the location.
    pub message: String,
    /// The help line, when there is one.
    pub help: Option<String>,
}

impl Diag {
    /// Parses `path[:line[:column]]: message`.
    fn parse(text: &str) -> Option<Diag> {
        let (location, message) = text.split_once(": ")?;
        let mut parts = location.split(':');
        let path = parts.next()?.to_string();
        let line = parts.next().and_then(|l| l.parse().ok());
        Some(Diag {
            path,
            line,
            message: message.to_string(),
            help: None,
        })
    }
}

/// Runs the gazette binary with `args` in the folder `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run the gazette binary");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The file a site-relative URL is published as in `out`: `/a/b/` is `a/b/index.html`,
/// `/a.html` is `a.html`.
pub fn url_to_file(out: &Path, url: &str) -> PathBuf {
    let relative = url.trim_start_matches('/');
    let mut path = out.to_path_buf();
    for segment in relative.split('/').filter(|s| !s.is_empty()) {
        path.push(segment);
    }
    if relative.is_empty() || relative.ends_with('/') {
        path.push("index.html");
    }
    path
}

/// Parses the page at site-relative `url` in the output folder `out`.
pub fn page_in(out: &Path, url: &str) -> Html {
    let file = url_to_file(out, url);
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("no page for {url} at {}: {e}", file.display()));
    Html::parse_document(&text)
}

/// Parses a CSS selector (the tests' selectors are constants, so a bad one is a test bug).
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// Every element matching `css`.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let sel = selector(css);
    doc.select(&sel).collect()
}

/// The text of an element with runs of whitespace collapsed.
pub fn text_of(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of every element matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).into_iter().map(text_of).collect()
}

/// The values of `attr` on every element matching `css` that has it.
pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css)
        .into_iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The hrefs of the article links of a listing page, in order.
pub fn list_hrefs(doc: &Html) -> Vec<String> {
    attrs(doc, LIST_LINKS, "href")
}

/// The titles of the articles of a listing page, in order.
pub fn list_titles(doc: &Html) -> Vec<String> {
    texts(doc, LIST_LINKS)
}

/// The one element matching `css`; fails unless there is exactly one.
pub fn one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(doc, css);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one {css}, found {}",
        found.len()
    );
    found[0]
}

/// Every `href` and `src` on a page, with the name of the element that carries it.
pub fn links(doc: &Html) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for element in select(doc, "[href], [src]") {
        for attr in ["href", "src"] {
            if let Some(value) = element.value().attr(attr) {
                found.push((element.value().name().to_string(), value.to_string()));
            }
        }
    }
    found
}

/// Every file under `dir`, hidden ones included, as paths relative to `dir`.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir)
        .into_keys()
        .filter(|p| !p.to_string_lossy().ends_with('/'))
        .collect()
}

/// Every file under `dir` with its bytes, keyed by path relative to `dir`; folders appear
/// with a trailing `/` so empty ones count too. Compare two snapshots to prove a folder was
/// left byte-for-byte unchanged.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.expect("read a folder entry");
            let path = entry.path();
            let relative = path.strip_prefix(base).expect("under base").to_path_buf();
            let meta = std::fs::symlink_metadata(&path).expect("stat");
            if meta.is_dir() {
                let mut key = relative.into_os_string();
                key.push("/");
                into.insert(PathBuf::from(key), Vec::new());
                walk(base, &path, into);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).expect("read a link");
                into.insert(relative, format!("-> {}", target.display()).into_bytes());
            } else {
                into.insert(relative, std::fs::read(&path).expect("read a file"));
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(dir, dir, &mut found);
    found
}

/// Asserts two snapshots are equal, naming the first differing path rather than dumping bytes.
pub fn assert_same_tree(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    what: &str,
) {
    let added: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let removed: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        added.is_empty() && removed.is_empty() && changed.is_empty(),
        "{what} changed: added {added:?}, removed {removed:?}, modified {changed:?}"
    );
}

/// Every HTML page in an output folder, as (site-relative URL, path). `a/index.html` is
/// `/a/`, `404.html` is `/404.html`.
pub fn html_pages(out: &Path) -> Vec<(String, PathBuf)> {
    files_under(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let slashed = p.to_string_lossy().replace('\\', "/");
            let url = match slashed.strip_suffix("index.html") {
                Some(dir) => format!("/{dir}"),
                None => format!("/{slashed}"),
            };
            (url, out.join(p))
        })
        .collect()
}

/// Every file and folder under `dir`, with the bytes of files (None for folders). The
/// manifest is read for what it says: in its summary the input fingerprint (the first
/// field: a copy of the site has other modification times) and the build number (the last:
/// every build's own) read as 0, and its file lines are sorted with a later line for a path
/// replacing an earlier one (an update may append them).
pub fn output_tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    every_path(dir)
        .into_iter()
        .map(|p| {
            let mut bytes = p.is_file().then(|| std::fs::read(&p).unwrap());
            if p.ends_with(".gazette-manifest") {
                bytes = Some(manifest_as_read(
                    &String::from_utf8(bytes.unwrap()).unwrap(),
                ));
            }
            (p.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// A [`snapshot`] with its manifest read as [`output_tree`] reads it, to compare outputs of
/// different builds.
pub fn as_built(mut tree: BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<PathBuf, Vec<u8>> {
    if let Some(bytes) = tree.get_mut(Path::new(".gazette-manifest")) {
        *bytes = manifest_as_read(&String::from_utf8(std::mem::take(bytes)).unwrap());
    }
    tree
}

fn manifest_as_read(text: &str) -> Vec<u8> {
    let mut lines = text.lines();
    let mut out = vec![lines.next().unwrap().to_string()];
    let mut fields: Vec<&str> = lines.next().unwrap().split(' ').collect();
    let last = fields.len() - 1;
    (fields[0], fields[last]) = ("0", "0");
    out.push(fields.join(" "));
    let mut files = BTreeMap::new();
    for line in lines {
        let path = line.splitn(3, ' ').nth(2).unwrap();
        files.insert(path, line);
    }
    out.extend(files.values().map(|l| l.to_string()));
    out.join("\n").into_bytes()
}

/// Every file and folder under `dir`, deepest first within each folder.
pub fn every_path(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(every_path(&path));
        }
        out.push(path);
    }
    out
}

/// The Atom namespace.
pub const ATOM: &str = "http://www.w3.org/2005/Atom";
/// The sitemaps.org namespace.
pub const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// A file of the site's built output, as text.
pub fn read(site: &Site, relative: &str) -> String {
    std::fs::read_to_string(site.public().join(relative))
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The text of every `(namespace, name)` element of an XML text, in document order.
pub fn texts_of(xml: &str, ns: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}
