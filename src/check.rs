//! `gazette check`: everything `build` would find, and what a build cannot see, without
//! writing anything.
//!
//! The site is loaded and every page rendered in memory through the same [`Prepared`] stages
//! as `build`, so a site that checks clean builds clean. Then each article's Markdown is read
//! again for its links and images, with their lines: a link to a page or file the site does
//! not have is an error. `--external` also asks every outbound address (HEAD, then GET for
//! servers that refuse HEAD), a bounded number at a time; a dead outbound link is a warning,
//! because news sites move and delete pages all the time and an archive cannot fix that.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use pulldown_cmark::{Event, Parser, Tag};

use crate::article::Article;
use crate::build::BuildOptions;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::loader;
use crate::site::Prepared;

mod fragments;
mod media;
mod translations;

/// Outbound requests at once.
const CONCURRENCY: usize = 8;
/// How long one outbound request may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// What to check, from the command line.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The site's folder (holding `site.toml`).
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// Include articles whose publish date is after now (`--future`).
    pub future: bool,
    /// Include articles whose expiry date has passed (`--expired`).
    pub expired: bool,
    /// Also request every outbound link.
    pub external: bool,
    /// Check the site without the content files that cannot be loaded, reporting their
    /// problems as warnings (`--skip-broken`).
    pub skip_broken: bool,
}

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Problems that would break the site.
    pub errors: Vec<Diagnostic>,
    /// Problems that do not (skipped files, dead outbound links).
    pub warnings: Vec<Diagnostic>,
    /// Articles checked.
    pub articles: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Internal links and images checked.
    pub internal_links: usize,
    /// Outbound links requested, by outcome (`200`, `404`, `timeout`, …), when `--external`.
    pub external: Option<BTreeMap<String, usize>>,
    /// Content files left out because they could not be loaded (`--skip-broken` or
    /// `[build] skip_broken`).
    pub skipped: Vec<std::path::PathBuf>,
    /// Whether site.toml accepts skipped files (`[build] skip_broken = true`).
    pub skip_accepted: bool,
}

impl CheckReport {
    /// Whether the check fails: any error, or any warning when warnings are denied.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        !self.errors.is_empty()
            || (deny_warnings && !self.warnings.is_empty())
            || (!self.skipped.is_empty() && !self.skip_accepted)
    }
}

/// Checks the site at `options.root`. Problems in the site are in the report; `Err` is for
/// what stops the check itself (no `site.toml`, an unreadable folder).
pub fn check(options: &CheckOptions) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: None,
        drafts: options.drafts,
        future: options.future,
        expired: options.expired,
        base_url: None,
        now: None,
        skip_broken: options.skip_broken,
        ..BuildOptions::default()
    };
    // A broken `@/` link does not stop the check: every other link is checked too.
    let site = match Prepared::load_for_check(&build_options) {
        Ok((site, broken_links)) => {
            report.errors.extend(broken_links);
            site
        }
        Err(Error::Content(problems)) => {
            report.errors = problems;
            return Ok(report);
        }
        Err(other) => return Err(other),
    };
    report.warnings.extend(site.warnings.iter().cloned());
    report.skipped = site.skipped.clone();
    report.skip_accepted = site.config.skip_broken;
    report.articles = site.archive.articles().len();
    let renderer = match site.renderer() {
        Ok(renderer) => renderer,
        Err(Error::Content(problems)) => {
            report.errors = problems;
            return Ok(report);
        }
        Err(other) => return Err(other),
    };
    let jobs = match site.plan(&renderer) {
        Ok((jobs, warnings)) => {
            report.warnings.extend(warnings);
            jobs
        }
        Err(Error::Content(problems)) => {
            report.errors = problems;
            return Ok(report);
        }
        Err(other) => return Err(other),
    };
    report.pages = renderer.page_count();

    // Everything a link may point to: each page's and static file's path in the output.
    let mut targets: HashSet<String> = jobs
        .iter()
        .filter_map(|job| renderer.output_path(*job).ok())
        .map(|p| slashed(&p))
        .collect();
    targets.extend(site.theme.static_files.iter().map(|f| slashed(&f.path)));
    targets.extend(site.bundle_files.iter().map(|f| slashed(&f.path)));
    targets.extend(site.image_outputs().iter().map(|f| slashed(&f.path)));

    // Every article's links, read before the pages are rendered, so that the rendering
    // keeps the ids of the pages their `#fragment`s point to.
    let by_path = crate::links::Index::new(site.archive.articles(), options.drafts);
    let mut page_ids = fragments::PageIds::default();
    let mut gathered: Vec<Vec<Link>> = Vec::with_capacity(site.archive.articles().len());
    for article in site.archive.articles() {
        let links = links_of(
            &site.config,
            article,
            &mut report.errors,
            &mut report.warnings,
        );
        (report.warnings).extend(media::unused_bundle_files(&site.config, article));
        for link in &links {
            if fragments::fragment(&link.dest).is_some() {
                if let Some(file) = link_target(&targets, &by_path, article, &link.dest) {
                    page_ids.want(file);
                }
            }
        }
        gathered.push(links);
    }

    // Each page's hreflang links, by its full address, to check that they pair up.
    let hreflang: Mutex<translations::Hreflangs> = Mutex::default();
    let base = site.config.base_url.as_str();
    let collect = |artifact: crate::artifact::Artifact| {
        if artifact.path.extension().is_some_and(|e| e == "html") {
            let file = slashed(&artifact.path);
            page_ids.offer(&file, &artifact.bytes);
            let url = file.strip_suffix("index.html").unwrap_or(&file);
            let links = translations::hreflang_links(&String::from_utf8_lossy(&artifact.bytes));
            if let Ok(mut pages) = hreflang.lock() {
                pages.insert(format!("{base}{url}"), (file.clone(), links));
            }
        }
        Ok(())
    };
    match site.render_each(&renderer, &jobs, collect) {
        Ok(()) => {}
        Err(Error::Content(problems)) => report.errors.extend(problems),
        Err(other) => return Err(other),
    }
    let hreflang = hreflang.into_inner().unwrap_or_default();
    report
        .warnings
        .extend(translations::check_hreflang(&site.config, &hreflang));
    report
        .warnings
        .extend(translations::lonely_keys(&site.config, &site.archive));

    let ids = page_ids.into_found();
    let mut outbound: Vec<(String, Diagnostic)> = Vec::new();
    for (article, links) in site.archive.articles().iter().zip(gathered) {
        for link in links {
            let internal = match classify(&link.dest) {
                Kind::Skip => continue,
                Kind::External(url) => {
                    outbound.push((url, link.at(&site.config, article)));
                    continue;
                }
                Kind::Internal => true,
                // Same-page and `@/` links: the build resolved (or reported) their pages.
                Kind::Fragment | Kind::Content => false,
            };
            if internal {
                report.internal_links += 1;
            }
            match link_target(&targets, &by_path, article, &link.dest) {
                None if internal => report.errors.push(missing(&site.config, article, &link)),
                None => {}
                Some(file) => {
                    if let (Some(id), Some(found)) =
                        (fragments::fragment(&link.dest), ids.get(&file))
                    {
                        if !found.contains(&id) {
                            report.errors.push(no_such_id(
                                &site.config,
                                article,
                                &link,
                                &id,
                                found,
                            ));
                        }
                    }
                }
            }
        }
    }
    if options.external {
        let (summary, dead) = check_external(outbound);
        report.external = Some(summary);
        report.warnings.extend(dead);
    }
    report
        .errors
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(report)
}

fn slashed(path: &Path) -> String {
    path.iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One link or image in an article's source.
struct Link {
    dest: String,
    line: Option<usize>,
    image: bool,
    /// Written in raw HTML (`<a href>`, `<img src>`) rather than as Markdown.
    raw: bool,
    /// Where it came from when not the body (`image` in front matter).
    key: Option<&'static str>,
}

impl Link {
    fn at(&self, config: &Config, article: &Article) -> Diagnostic {
        let d = Diagnostic::new(loader::shown(config, &article.path), String::new());
        match self.line {
            Some(line) => d.at_line(line),
            None => d,
        }
    }
}

/// The links and images of an article's Markdown, with their lines in the file, and its
/// front-matter `image`.
/// Also adds the article's warnings about its pictures and embeds (see [`media`]).
fn links_of(
    config: &Config,
    article: &Article,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Link> {
    let file = config.root.join(&article.path);
    let text = match crate::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => {
            // The diagnostic names the file already: say only what the system said.
            let why =
                std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
            errors.push(Diagnostic::new(
                loader::shown(config, &article.path),
                format!("could not be read again for its links: {why}"),
            ));
            return Vec::new();
        }
    };
    let Ok(split) = crate::loader::frontmatter::split(&text) else {
        return Vec::new();
    };
    let mut links = Vec::new();
    if let Some(image) = &article.image {
        links.push(Link {
            dest: image.src.clone(),
            line: crate::position::key_line(split.front, "image").map(|l| l + split.front_offset),
            image: true,
            raw: false,
            key: Some("image"),
        });
    }
    // The body is a slice of `text`, so its offset gives the lines above it.
    let body_start = (split.body.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let lines_above = text
        .get(..body_start)
        .map_or(0, |t| t.matches('\n').count());
    warnings.extend(media::warnings(config, article, &split, lines_above));
    // The build's options (smart punctuation too, which changes text, never a link).
    for (event, range) in
        Parser::new_ext(split.body, crate::markdown::extensions()).into_offset_iter()
    {
        let line_at = |offset: usize| {
            let offset = offset.min(split.body.len());
            let prefix = split.body.get(..offset).unwrap_or(split.body);
            lines_above + prefix.matches('\n').count() + 1
        };
        let (dest, image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            Event::Html(html) | Event::InlineHtml(html) => {
                // Each link's line: the event's, plus the lines of its text before it.
                for raw in fragments::raw_links(&html) {
                    let inner = html[..raw.offset].matches('\n').count();
                    links.push(Link {
                        dest: raw.dest,
                        line: Some(line_at(range.start) + inner),
                        image: raw.image,
                        raw: true,
                        key: None,
                    });
                }
                continue;
            }
            _ => continue,
        };
        links.push(Link {
            dest: dest.to_string(),
            line: Some(line_at(range.start)),
            image,
            raw: false,
            key: None,
        });
    }
    links
}

enum Kind {
    /// Mail and phone links, and empty ones.
    Skip,
    /// A fragment of the same page, `#reactions`.
    Fragment,
    /// A `@/` link by content path (resolved, or reported, by the build).
    Content,
    /// An address on another site.
    External(String),
    /// A path in this site.
    Internal,
}

fn classify(dest: &str) -> Kind {
    let dest = dest.trim();
    if dest.is_empty() {
        return Kind::Skip;
    }
    if dest.starts_with('#') {
        return Kind::Fragment;
    }
    if dest.starts_with(crate::links::PREFIX) {
        return Kind::Content;
    }
    if let Some(rest) = dest.strip_prefix("//") {
        return Kind::External(format!("https://{rest}"));
    }
    match dest.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
                Kind::External(dest.to_string())
            } else {
                Kind::Skip
            }
        }
        _ => Kind::Internal,
    }
}

/// The output file a link of `article` leads to, if the site has it: a `#fragment` alone is
/// the article's own page, a `@/` link its published target's, anything else a site path
/// or a path relative to the article's page.
fn link_target(
    targets: &HashSet<String>,
    by_path: &crate::links::Index,
    article: &Article,
    dest: &str,
) -> Option<String> {
    let dest = dest.trim();
    if dest.starts_with('#') {
        return target_file(targets, &article.url, "");
    }
    if let Some((path, _)) = crate::links::split(dest) {
        return match by_path.target(&path) {
            crate::links::Target::Article(url) => target_file(targets, &url, ""),
            _ => None,
        };
    }
    target_file(targets, &article.url, dest)
}

/// The output file a site path or a path relative to the page at `page_url` names, if the
/// site has it.
fn target_file(targets: &HashSet<String>, page_url: &str, dest: &str) -> Option<String> {
    let base = url::Url::parse("http://site.invalid/")
        .and_then(|b| b.join(page_url))
        .ok()?;
    let resolved = base.join(dest).ok()?;
    let path = percent_encoding::percent_decode_str(resolved.path()).decode_utf8_lossy();
    let path = path.trim_start_matches('/');
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        // A folder without its slash works on every static host (they redirect), so it
        // counts.
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates.into_iter().find(|c| targets.contains(c))
}

/// Whether a site path or a path relative to the article's page names a page or file.
#[cfg(test)]
fn exists(targets: &HashSet<String>, page_url: &str, dest: &str) -> bool {
    target_file(targets, page_url, dest).is_some()
}

/// The error for a link whose `#fragment` names no element of its page, with the nearest id
/// the page has.
fn no_such_id(
    config: &Config,
    article: &Article,
    link: &Link,
    id: &str,
    found: &HashSet<String>,
) -> Diagnostic {
    let d = link.at(config, article);
    let page = match link.dest.split_once('#') {
        Some(("", _)) => "this page".to_string(),
        Some((page, _)) => format!("`{page}`"),
        None => "its page".to_string(),
    };
    let help = match crate::error::closest(id, found.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `#{near}`? Or remove the #fragment to link the page itself"),
        None => "link a heading of the page (each heading's id is made from its text: `## Reactions` is `#reactions`), or remove the #fragment".to_string(),
    };
    Diagnostic {
        message: format!(
            "the link `{}` points to `#{id}`, but {page} has no element with that id",
            link.dest
        ),
        help: Some(help),
        ..d
    }
}

fn missing(config: &Config, article: &Article, link: &Link) -> Diagnostic {
    let d = link.at(config, article);
    let (message, help) = match (link.image, link.key) {
        (_, Some(key)) => (
            format!("`{key}` = {:?} is not a file of the site", link.dest),
            "put the file in static/ (static/images/a.jpg is /images/a.jpg), or use a full http(s) address".to_string(),
        ),
        (true, None) => (
            format!("the image `{}` is not a file of the site", link.dest),
            "put the file in static/ (static/images/a.jpg is /images/a.jpg), or fix the path".to_string(),
        ),
        (false, None) if link.raw => (
            format!("the link `{}` (in raw HTML) points to no page or file of the site", link.dest),
            "fix the path, or write the link in Markdown by the target's file, e.g. [text](@/2016/01/article.md)".to_string(),
        ),
        (false, None) => (
            format!("the link `{}` points to no page or file of the site", link.dest),
            "link another article by its file, e.g. [text](@/2016/01/article.md), which keeps working when URLs change; or fix the path".to_string(),
        ),
    };
    Diagnostic {
        message,
        help: Some(help),
        ..d
    }
}

/// Requests every outbound address once, at most [`CONCURRENCY`] at a time. Returns the
/// count of each outcome and a warning at every place a dead address is linked.
fn check_external(links: Vec<(String, Diagnostic)>) -> (BTreeMap<String, usize>, Vec<Diagnostic>) {
    let mut places: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    for (url, at) in links {
        places.entry(url).or_default().push(at);
    }
    let queue = Mutex::new(places.keys().cloned().collect::<Vec<_>>());
    let outcomes = Mutex::new(Vec::new());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!(
            "gazette/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENCY.min(places.len()) {
            scope.spawn(|| loop {
                let Some(url) = queue.lock().ok().and_then(|mut q| q.pop()) else {
                    return;
                };
                let outcome = request(&agent, &url);
                if let Ok(mut outcomes) = outcomes.lock() {
                    outcomes.push((url, outcome));
                }
            });
        }
    });
    let mut summary = BTreeMap::new();
    let mut dead = Vec::new();
    for (url, outcome) in outcomes.into_inner().unwrap_or_default() {
        let (label, problem) = match outcome {
            Outcome::Status(code) if code < 400 => (code.to_string(), None),
            Outcome::Status(code) => (code.to_string(), Some(format!("answered HTTP {code}"))),
            Outcome::Failed(label, why) => (label.to_string(), Some(why)),
        };
        *summary.entry(label).or_insert(0) += 1;
        if let Some(problem) = problem {
            for at in places.remove(&url).unwrap_or_default() {
                dead.push(Diagnostic {
                    message: format!("the outbound link {url} {problem}"),
                    help: Some(
                        "update the address, or link an archived copy (e.g. on the Wayback Machine)"
                            .into(),
                    ),
                    ..at
                });
            }
        }
    }
    dead.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    (summary, dead)
}

enum Outcome {
    Status(u16),
    Failed(&'static str, String),
}

/// HEAD first (cheap); GET when the server refuses or mishandles HEAD, as many do.
fn request(agent: &ureq::Agent, url: &str) -> Outcome {
    let head = agent.head(url).call();
    match head {
        Ok(response) if response.status().as_u16() < 400 => {
            Outcome::Status(response.status().as_u16())
        }
        Err(ureq::Error::Timeout(_)) => Outcome::Failed("timeout", "timed out".into()),
        _ => match agent.get(url).call() {
            Ok(response) => Outcome::Status(response.status().as_u16()),
            Err(ureq::Error::Timeout(_)) => Outcome::Failed("timeout", "timed out".into()),
            Err(ureq::Error::HostNotFound) => {
                Outcome::Failed("host not found", "names a host that does not exist".into())
            }
            Err(e) => Outcome::Failed("error", format!("could not be fetched: {e}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_classified() {
        assert!(matches!(classify("https://cbc.ca/x"), Kind::External(_)));
        assert!(matches!(classify("//cbc.ca/x"), Kind::External(u) if u == "https://cbc.ca/x"));
        assert!(matches!(classify("#top"), Kind::Fragment));
        assert!(matches!(classify("@/2016/a.md"), Kind::Content));
        for skip in ["mailto:a@b.c", "tel:123", ""] {
            assert!(matches!(classify(skip), Kind::Skip), "{skip}");
        }
        for internal in ["/topics/", "../x/", "img/a.jpg", "/a:b/"] {
            assert!(matches!(classify(internal), Kind::Internal), "{internal}");
        }
    }

    #[test]
    fn internal_links_resolve_against_the_page() {
        let targets: HashSet<String> = [
            "index.html",
            "topics/index.html",
            "images/a.jpg",
            "2016/01/x/index.html",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        let page = "/2016/01/x/";
        for ok in [
            "/",
            "/topics/",
            "/topics",
            "/images/a.jpg",
            "../../../images/a.jpg",
            "./",
            "/topics/?page=1#top",
            "/images/a%2Ejpg",
        ] {
            assert!(exists(&targets, page, ok), "{ok}");
        }
        for bad in ["/nope/", "/images/b.jpg", "../images/a.jpg", "/topics/x"] {
            assert!(!exists(&targets, page, bad), "{bad}");
        }
    }
}
