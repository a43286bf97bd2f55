//! Every accepted article format, as a small fixture in `content/` built with `gazette
//! build`, and the same file through `gazette import`: Jekyll YAML with a date in the file
//! name, Hugo YAML with `tags`, Zola TOML with `[taxonomies]`, Pelican headers, raw text, a
//! saved web page with JSON-LD. Plus a property test of the raw-text normaliser.

use std::path::Path;

use crate::common::*;
use gazette::config::Config;
use gazette::loader::text::{escape_markdown, normalise, Normalised, Rules};
use proptest::prelude::*;

const JEKYLL: &str = "---\nlayout: post\ntitle: \"Canada left out of coalition meeting\"\ncategories: [Canada, Defence]\nauthor: Jane Doe\nexcerpt: Canada was not invited.\n---\n\nDefence Minister Harjit Sajjan downplayed the news.\n";

const HUGO: &str = "---\ntitle: France gets a promise\ndate: 2015-11-17T10:00:00-05:00\nlastmod: 2015-11-18\ntags:\n  - ISIS\n  - France\ndescription: A robust contribution.\ndraft: false\n---\n\nThe ambassador was reassured.\n";

const ZOLA: &str = "+++\ntitle = \"Goodale on the threat level\"\ndate = 2015-11-18\nupdated = 2015-11-19\ndescription = \"No change.\"\n\n[taxonomies]\ntags = [\"Ralph Goodale\", \"Canada\"]\ncategories = [\"Security\"]\n\n[extra]\nmood = \"calm\"\n+++\n\nThe threat level stays.\n";

const PELICAN: &str = "Title: Trudeau meets Obama\nDate: 2015-11-19 10:20\nModified: 2015-11-20\nCategory: Politics\nTags: Canada, United States\nAuthors: Jane Doe, John Roe\nSlug: trudeau-obama\nSummary: The mission was on the table.\n\nCanada's contribution was front and centre.\n";

const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Sajjan downplays snub | Example News</title>
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Sajjan downplays snub", "datePublished": "2016-01-20T09:15:00-05:00",
 "author": {"@type": "Person", "name": "Jane Doe"}, "keywords": ["ISIS", "NATO"],
 "publisher": {"@type": "Organization", "name": "Example News"},
 "url": "https://news.example.com/sajjan"}
</script></head>
<body><header><nav><a href="/">Home</a> | <a href="/world">World</a></nav></header>
<main><article>
<h1>Sajjan downplays snub</h1>
<p>Defence Minister Harjit Sajjan said on Wednesday that he was not disappointed at being left off the guest list for a meeting in Paris.</p>
<p>Story continues below advertisement</p>
<p>“Meetings happen all the time,” Sajjan said, adding that Canada is actively participating in the coalition on a meaningful basis…</p>
<p>The minister is instead focused on a NATO meeting next month requested by the U.S. Secretary of Defence.</p>
</article></main>
<footer><p>© Example News</p></footer></body></html>
"#;

/// A site with every fixture in `content/`, built.
fn built_site() -> Site {
    let site = Site::new();
    site.write("content/2016-01-19-canada-left-out.md", JEKYLL)
        .write("content/hugo/france.md", HUGO)
        .write("content/zola/goodale.md", ZOLA)
        .write("content/pelican/obama.md", PELICAN)
        .write("content/saved/sajjan.html", PAGE)
        .write(
            "content/scraped/story.txt",
            "Advertisement\n\nScraped headline\n\nPosted: Jan 21, 2016 5:32 PM ET\n\nThe scraped text.\n",
        );
    site.build_ok(&[]);
    site
}

fn load(site: &Site, relative: &str) -> gazette::article::Article {
    let config = Config::from_root(site.root()).unwrap();
    let text = std::fs::read_to_string(site.root().join(relative)).unwrap();
    gazette::loader::parse_article(&config, Path::new(relative), Path::new(relative), &text)
        .unwrap_or_else(|e| panic!("{relative}: {e:?}"))
}

#[test]
fn jekyll_yaml_with_a_date_in_the_file_name() {
    let site = built_site();
    let a = load(&site, "content/2016-01-19-canada-left-out.md");
    assert_eq!(a.date.format("%Y-%m-%d").to_string(), "2016-01-19");
    assert_eq!(topic_names(&a), ["Canada", "Defence"]);
    assert_eq!(a.authors, ["Jane Doe"]);
    assert_eq!(a.summary, "Canada was not invited.");
    assert_eq!(a.extra["layout"], "post");
    assert!(site.has_page("/2016/01/19/canada-left-out-of-coalition-meeting/"));
}

#[test]
fn hugo_yaml_with_tags() {
    let site = built_site();
    let a = load(&site, "content/hugo/france.md");
    assert_eq!(topic_names(&a), ["ISIS", "France"]);
    assert_eq!(a.summary, "A robust contribution.");
    assert_eq!(
        a.updated.unwrap().format("%Y-%m-%d").to_string(),
        "2015-11-18"
    );
    let page = site.page("/2015/11/17/france-gets-a-promise/");
    assert_eq!(texts(&page, "ul.topics li a"), ["ISIS", "France"]);
}

#[test]
fn zola_toml_with_taxonomies() {
    let site = built_site();
    let a = load(&site, "content/zola/goodale.md");
    assert_eq!(topic_names(&a), ["Ralph Goodale", "Canada", "Security"]);
    assert_eq!(a.summary, "No change.");
    assert_eq!(a.extra["mood"], "calm");
    assert!(site.has_page("/topics/ralph-goodale/"));
}

#[test]
fn pelican_headers() {
    let site = built_site();
    let a = load(&site, "content/pelican/obama.md");
    assert_eq!(a.title, "Trudeau meets Obama");
    assert_eq!(a.slug, "trudeau-obama");
    assert_eq!(topic_names(&a), ["Canada", "United States", "Politics"]);
    assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(a.summary, "The mission was on the table.");
    assert!(a.body.html().contains("front and centre"));
    assert!(!a.body.html().contains("Title:"));
    assert!(site.has_page("/2015/11/19/trudeau-obama/"));
}

#[test]
fn pelican_draft_status_hides_the_article() {
    let site = Site::new();
    site.write(
        "content/draft.md",
        "Title: Not yet\nDate: 2016-01-01\nStatus: draft\n\nText.\n",
    );
    site.build_ok(&[]);
    assert!(!site.has_page("/2016/01/01/not-yet/"));
    site.build_ok(&["--drafts"]);
    assert!(site.has_page("/2016/01/01/not-yet/"));
}

#[test]
fn saved_web_page_with_json_ld() {
    let site = built_site();
    let a = load(&site, "content/saved/sajjan.html");
    assert_eq!(a.title, "Sajjan downplays snub");
    // The page's own offset is kept (issue 20), whatever the fixture site's timezone (UTC).
    assert_eq!(a.date.to_rfc3339(), "2016-01-20T09:15:00-05:00");
    assert_eq!(a.authors, ["Jane Doe"]);
    assert_eq!(topic_names(&a), ["ISIS", "NATO"]);
    assert_eq!(a.source.as_ref().unwrap().name, "Example News");
    assert_eq!(
        a.original_url.as_deref(),
        Some("https://news.example.com/sajjan")
    );
    assert!(
        a.body.html().contains("not disappointed"),
        "{}",
        a.body.html()
    );
    assert!(
        a.body.html().contains("“Meetings happen all the time,”"),
        "{}",
        a.body.html()
    );
    assert!(
        !a.body.html().contains("Story continues below"),
        "{}",
        a.body.html()
    );
    assert!(
        !a.body.html().contains("World"),
        "navigation kept: {}",
        a.body.html()
    );
    let page = site.page("/2016/01/20/sajjan-downplays-snub/");
    assert_eq!(
        text_of(one(&page, "h1.article-title")),
        "Sajjan downplays snub"
    );
}

#[test]
fn raw_text_in_content() {
    let site = built_site();
    let a = load(&site, "content/scraped/story.txt");
    assert_eq!(a.title, "Scraped headline");
    // 5:32 PM Eastern, kept as the dateline has it (issue 20), not shown in the fixture
    // site's UTC.
    assert_eq!(a.date.to_rfc3339(), "2016-01-21T17:32:00-05:00");
    assert_eq!(
        a.dateline.as_deref(),
        Some("Posted: Jan 21, 2016 5:32 PM ET")
    );
}

#[test]
fn every_format_imports_and_loads_back() {
    let site = Site::new();
    let inputs = site.outside().join("in");
    for (name, text) in [
        ("2016-01-19-canada-left-out.md", JEKYLL),
        ("france.md", HUGO),
        ("goodale.md", ZOLA),
        ("obama.md", PELICAN),
        ("sajjan.html", PAGE),
    ] {
        write_file(&inputs.join(name), text.as_bytes());
    }
    let run = run_in(site.root(), &["import", inputs.to_str().unwrap()]);
    run.assert_code(0);
    let written = files_under(&site.root().join("content"));
    assert_eq!(written.len(), 5, "{written:?}\n{}", run.stdout);
    site.build_ok(&[]);
    assert!(site.has_page("/2015/11/19/trudeau-obama/"));
    assert!(site.has_page("/2016/01/20/sajjan-downplays-snub/"));
    let zola = std::fs::read_to_string(
        site.root()
            .join("content/2015/11/goodale-on-the-threat-level.md"),
    )
    .unwrap();
    assert!(
        zola.contains("[taxonomies]") || zola.contains("taxonomies = "),
        "{zola}"
    );
}

#[test]
fn a_file_without_a_date_names_the_fix() {
    let site = Site::new();
    site.write("content/story.txt", "A headline\n\nSome text.\n")
        .write("content/post.md", "---\ntitle: No date\n---\nText.\n");
    let run = site.build(&[]);
    run.assert_code(1);
    // A raw-text file with neither front matter nor a date is not an article any more but a
    // stray file, skipped with a warning (issue 19; see publishing::stray_files_…).
    let story = run.diagnostics_for("content/story.txt");
    assert!(story.is_empty(), "{}", run.stderr);
    let post = run.diagnostics_for("content/post.md");
    assert!(post[0].message.contains("`date` is missing"), "{post:?}");
}

#[test]
fn site_toml_rules_drop_lines_and_name_sources() {
    let site = Site::with_config(&format!(
        "{BASIC_CONFIG}\n[import]\ndrop_lines = [\"^Subscribe to\"]\n\n[[sources]]\nname = \"Daily Planet\"\nurl = \"https://planet.example/\"\npatterns = [\"(?i)daily planet\"]\n"
    ));
    site.write(
        "content/a.txt",
        "Date: 2016-01-19\n\nHeadline\n\nSubscribe to the Daily Planet today\n\nText.\n",
    );
    site.build_ok(&[]);
    let a = load(&site, "content/a.txt");
    assert_eq!(
        a.source.unwrap().url.as_deref(),
        Some("https://planet.example/")
    );
    assert!(!a.body.html().contains("Subscribe"));

    let bad = Site::with_config(&format!(
        "{BASIC_CONFIG}\n[import]\ndrop_line = [\"x\"]\n\n[[sources]]\nname = \"X\"\npatterns = [\"(unclosed\"]\n"
    ));
    let run = bad.build(&[]);
    run.assert_code(1);
    let problems = run.diagnostics_for("site.toml");
    assert!(
        problems
            .iter()
            .any(|d| d.message.contains("import.drop_line")),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// The raw-text normaliser, on arbitrary text
// ---------------------------------------------------------------------------------------------

/// Lines like those of scraped pages, mixed with arbitrary text.
fn scraped_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[A-Za-z“”‘’'\"…—–,.:;!?()\\[\\]*_#<>&| 0-9-]{0,80}",
        1 => Just("Advertisement".to_string()),
        1 => Just("Story continues below advertisement".to_string()),
        1 => "READ MORE: [A-Za-z ’]{0,40}",
        1 => "Click to play video: '[A-Za-z ]{1,30}'",
        1 => "WATCH ABOVE: [A-Za-z ]{0,40}( – Jan 19, 2016)?",
        1 => "Duration [0-9]{1,2}:[0-5][0-9]",
        1 => "[1-9] years ago",
        1 => "By [A-Z][a-z]{1,8} [A-Z][a-z]{1,8}",
        1 => "(Posted: )?(Jan|Nov) 1[0-9], 20[0-2][0-9]",
        1 => Just(String::new()),
        1 => "(Title|Date|Tags|Source): [A-Za-z0-9 ,-]{0,20}",
    ]
}

/// Every value the normaliser kept outside the body, as text.
fn kept_values(n: &Normalised) -> Vec<String> {
    let mut kept: Vec<String> = vec![];
    kept.extend(n.title.clone());
    kept.extend(n.standfirst.clone());
    kept.extend(n.byline.clone());
    kept.extend(n.dateline.clone());
    kept.extend(n.related_headlines.iter().cloned());
    for m in &n.media {
        kept.push(m.title.clone());
        kept.extend(m.caption.clone());
        kept.extend(m.duration.clone());
    }
    for value in n.headers.values() {
        match value {
            serde_json::Value::String(s) => kept.push(s.clone()),
            other => kept.push(other.to_string()),
        }
    }
    kept
}

/// The part of a line that must survive: without a label the normaliser reads
/// ("READ MORE:", "WATCH ABOVE:", "Click to play video:", "Duration", "By", "Title:" …) and
/// the quotes around a video title.
fn core(line: &str) -> String {
    let mut core = line.trim();
    for label in [
        "READ MORE:",
        "Click to play video:",
        "WATCH ABOVE:",
        "Duration",
        "By ",
        "Title:",
        "Date:",
        "Tags:",
        "Source:",
    ] {
        if let Some(rest) = core.strip_prefix(label) {
            core = rest.trim();
            break;
        }
    }
    core.trim_matches(['\'', '"', '‘', '’', '“', '”'])
        .trim()
        .to_string()
}

proptest! {
    // Regressions beside this file (formats.proptest-regressions): proptest's default looks
    // for them in tests/proptest-regressions/ once tests/it/ has a main.rs.
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    /// Never panics, and every line that is not furniture survives somewhere: in the body
    /// (escaped for Markdown), a field or a kept list.
    #[test]
    fn nothing_is_lost(lines in proptest::collection::vec(scraped_line(), 0..25), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let rules = Rules::built_in();
        let n = normalise(&text, &rules);
        let kept = kept_values(&n);
        let dropped: Vec<&str> = n.dropped.iter().map(|d| d.text.as_str()).collect();
        for raw in text.split('\n') {
            let line = raw.trim();
            if line.is_empty() || dropped.contains(&line) {
                continue;
            }
            let core = core(line);
            let found = core.is_empty()
                || n.body.contains(&escape_markdown(line))
                || kept.iter().any(|k| k.contains(&core) || k.contains(line))
                // A `Date:` header in news form is kept as the date it says.
                || gazette::loader::text::news_date(&core).is_some_and(|d| kept.contains(&d));
            prop_assert!(found, "line {:?} lost\nbody: {:?}\nkept: {:?}", line, n.body, kept);
        }
        // Furniture really is furniture by a rule.
        for d in &n.dropped {
            prop_assert!(rules.furniture(&d.text).is_some());
        }
    }

    /// Whatever the text, the fields it gives load through the shared normaliser without a
    /// panic (errors are fine: arbitrary text may have no headline).
    #[test]
    fn fields_always_normalise_without_panicking(text in "\\PC{0,400}") {
        let config = Config::parse(Path::new("."), "title = \"T\"\nbase_url = \"https://e.org/\"\n").unwrap();
        let _ = gazette::loader::parse_article(&config, Path::new("content/a.txt"), Path::new("content/a.txt"), &text);
        let _ = gazette::loader::parse_article(&config, Path::new("content/a.md"), Path::new("content/a.md"), &text);
    }
}

/// The names of an article's topics, in order.
fn topic_names(article: &gazette::article::Article) -> Vec<&str> {
    article.topics.iter().map(|t| t.name.as_str()).collect()
}
