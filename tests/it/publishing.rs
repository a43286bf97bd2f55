//! Publishing details Hugo and Jekyll users count on (issue 19): scheduled and expired
//! articles, front-matter keys checked, `<!-- more -->` summaries, stray files in content/.

use crate::common::*;

/// The URL of every article the site shows anywhere: on the home page, in the site feed, in
/// the sitemap and in the search index; each list sorted.
fn everywhere(site: &Site) -> [Vec<String>; 4] {
    let mut home = list_hrefs(&site.page("/"));
    let feed = read(site, "feed.xml");
    let doc = roxmltree::Document::parse(&feed).expect("well-formed XML");
    let mut feed: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(ATOM) && n.tag_name().name() == "link")
        .filter(|n| n.parent().is_some_and(|p| p.tag_name().name() == "entry"))
        .filter_map(|n| n.attribute("href"))
        .map(|h| h.trim_start_matches("https://example.org").to_string())
        .collect();
    let mut sitemap: Vec<String> = texts_of(&read(site, "sitemap.xml"), SITEMAP, "loc")
        .into_iter()
        .map(|h| h.trim_start_matches("https://example.org").to_string())
        .filter(|u| u.matches('/').count() == 5)
        .collect();
    // One file per article in the search index, with its URL.
    let mut search: Vec<String> = std::fs::read_dir(site.public().join("search/data/doc"))
        .expect("the search index's article files")
        .map(|e| {
            let text = std::fs::read_to_string(e.expect("an entry").path()).expect("a file");
            let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            doc["u"].as_str().expect("a URL").to_string()
        })
        .collect();
    for list in [&mut home, &mut feed, &mut sitemap, &mut search] {
        list.sort();
    }
    [home, feed, sitemap, search]
}

/// A site of three articles: one published, one dated after [`NOW`], and one dated before it
/// but scheduled (`publishDate`, YAML's `publish_date`) for after it.
fn scheduled_site() -> Site {
    let site = Site::new();
    site.article("old.md", "Old", "2016-01-19", "")
        .article("later.md", "Later", "2016-03-01", "")
        .write(
            "content/scheduled.md",
            "---\ntitle: Scheduled\ndate: 2016-01-20\npublish_date: 2016-02-15T09:00:00Z\n---\nText.\n",
        );
    site
}

/// Sets every file of the site an hour back: a build trusts neither its fingerprint nor its
/// record cache with files modified in the two seconds before it ("racily clean").
fn age(site: &Site) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let content = site.root().join("content");
    let mut files: Vec<_> = files_under(&content)
        .into_iter()
        .map(|f| content.join(f))
        .collect();
    files.push(site.root().join("site.toml"));
    for file in files {
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(hour_ago))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}

const NOW: &str = "2016-02-01T12:00:00Z";
const OLD: &str = "/2016/01/19/old/";
const LATER: &str = "/2016/03/01/later/";
const SCHEDULED: &str = "/2016/01/20/scheduled/";

#[test]
fn future_articles_are_left_out_everywhere_unless_future() {
    let site = scheduled_site();
    site.build_ok(&["--now", NOW]);
    for list in everywhere(&site) {
        assert_eq!(list, [OLD]);
    }
    assert!(site.has_page(OLD));
    assert!(!site.has_page(LATER) && !site.has_page(SCHEDULED));

    site.build_ok(&["--now", NOW, "--future"]);
    for list in everywhere(&site) {
        assert_eq!(list, [OLD, SCHEDULED, LATER]);
    }
    assert!(site.has_page(LATER) && site.has_page(SCHEDULED));
}

#[test]
fn expired_articles_are_left_out_unless_expired() {
    let site = Site::new();
    site.article("old.md", "Old", "2016-01-19", "")
        .article("gone.md", "Gone", "2016-01-18", "expiryDate = 2016-01-25\n")
        .write(
            "content/going.md",
            "---\ntitle: Going\ndate: 2016-01-17\nexpires: 2016-02-01T12:00:00Z\n---\nText.\n",
        );
    site.build_ok(&["--now", NOW]);
    for list in everywhere(&site) {
        assert_eq!(list, [OLD], "expired at or before now");
    }
    site.build_ok(&["--now", "2016-02-01T11:59:59Z"]);
    assert_eq!(
        list_hrefs(&site.page("/")),
        [OLD, "/2016/01/17/going/"],
        "not yet expired"
    );
    site.build_ok(&["--now", NOW, "--expired"]);
    for list in everywhere(&site) {
        assert_eq!(list, ["/2016/01/17/going/", "/2016/01/18/gone/", OLD]);
    }
}

#[test]
fn a_rebuild_after_the_publish_date_publishes_with_no_file_changed() {
    let site = scheduled_site();
    age(&site);
    site.build_ok(&["--now", NOW]);
    assert!(!site.has_page(SCHEDULED));
    // The clock has not reached the next publish date: nothing to do.
    let run = site.build_ok(&["--now", "2016-02-10T00:00:00Z"]);
    assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);
    // Past it, the article appears, although no file changed.
    let run = site.build_ok(&["--now", "2016-02-15T09:00:00Z"]);
    assert!(!run.stdout.contains("nothing changed"), "{}", run.stdout);
    assert!(site.has_page(SCHEDULED));
    assert_eq!(list_hrefs(&site.page("/")), [SCHEDULED, OLD]);
    let run = site.build_ok(&["--now", "2016-03-01T00:00:00Z"]);
    assert!(!run.stdout.contains("nothing changed"), "{}", run.stdout);
    assert_eq!(list_hrefs(&site.page("/")), [LATER, SCHEDULED, OLD]);
}

#[test]
fn a_rebuild_after_the_expiry_date_takes_the_article_down() {
    let site = Site::new();
    site.article("old.md", "Old", "2016-01-19", "").article(
        "gone.md",
        "Gone",
        "2016-01-18",
        "expiry_date = 2016-03-01\n",
    );
    age(&site);
    site.build_ok(&["--now", NOW]);
    assert!(site.has_page("/2016/01/18/gone/"));
    let run = site.build_ok(&["--now", "2016-02-29"]);
    assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);
    let run = site.build_ok(&["--now", "2016-03-02"]);
    assert!(!run.stdout.contains("nothing changed"), "{}", run.stdout);
    assert!(!site.has_page("/2016/01/18/gone/"));
    assert_eq!(list_hrefs(&site.page("/")), [OLD]);
}

#[test]
fn a_left_out_article_stays_in_the_record_cache() {
    let site = scheduled_site();
    age(&site);
    let build = |now: &str| {
        gazette::build(&gazette::BuildOptions {
            root: site.root().to_path_buf(),
            now: Some(chrono::DateTime::parse_from_rfc3339(now).unwrap()),
            ..gazette::BuildOptions::default()
        })
        .unwrap()
    };
    let first = build(NOW);
    assert_eq!((first.articles, first.parsed), (1, 3));
    let second = build("2016-03-02T00:00:00Z");
    assert_eq!(second.articles, 3);
    assert_eq!((second.parsed, second.cached), (0, 3));
}

#[test]
fn check_leaves_out_future_articles_unless_future() {
    let site = Site::new();
    site.article("old.md", "Old", "2016-01-19", "")
        .article("next.md", "Next", "2999-01-01", "")
        .article("gone.md", "Gone", "2016-01-18", "expiryDate = 2016-01-25\n");
    let checked = |args: &[&str]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        let run = run_in(site.root(), &all);
        run.assert_code(0);
        run.stdout
            .lines()
            .find_map(|l| l.strip_prefix("Checked "))
            .and_then(|l| l.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
            .expect("a summary line")
    };
    assert_eq!(checked(&[]), 1);
    assert_eq!(checked(&["--future"]), 2);
    assert_eq!(checked(&["--future", "--expired"]), 3);
}

// ---------------------------------------------------------------------------------------------
// Front-matter keys checked
// ---------------------------------------------------------------------------------------------

/// An article with a typo (`darft`, line 4) and a key of the site's own (`subtitle`, line 5).
fn typo_site(config: &str) -> Site {
    let site = Site::with_config(config);
    site.article(
        "a.md",
        "A",
        "2016-01-19",
        "darft = true\nsubtitle = \"More\"\n\n[extra]\nmood = \"grim\"\n",
    );
    age(&site);
    site
}

#[test]
fn an_unknown_front_matter_key_is_a_warning_naming_the_nearest_known_key() {
    let site = typo_site(BASIC_CONFIG);
    for round in 0..2 {
        // The second build has nothing to do and shows the first one's warnings again.
        let run = site.build_ok(&[]);
        if round == 1 {
            assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);
        }
        let warnings = run.warnings();
        assert_eq!(warnings.len(), 2, "{}", run.stderr);
        assert_eq!(warnings[0].path, "content/a.md");
        assert_eq!(warnings[0].line, Some(4));
        assert!(warnings[0].message.contains("`darft`"), "{warnings:?}");
        let help = warnings[0].help.as_deref().unwrap_or_default();
        assert!(help.starts_with("did you mean `draft`?"), "{help}");
        assert_eq!(warnings[1].line, Some(5));
        assert!(warnings[1].message.contains("`subtitle`"), "{warnings:?}");
        let help = warnings[1].help.as_deref().unwrap_or_default();
        assert!(help.contains("[content] extra_keys"), "{help}");
    }
    // Still published, the typo notwithstanding (it is not `draft`).
    assert_eq!(list_hrefs(&site.page("/")), ["/2016/01/19/a/"]);

    // The library's builds (the cache is the executable's own): the second parses nothing.
    let out = site.outside().join("out");
    let first = site.build_into(&out, false).unwrap();
    // Another input changed, so the second build loads the site, taking the article's record
    // from the record cache, and warns all the same.
    site.write("static/note.txt", "x");
    let second = site.build_into(&out, false).unwrap();
    assert_eq!((first.parsed, second.parsed, second.cached), (1, 0, 1));
    assert_eq!(second.warnings, first.warnings);
    assert_eq!(second.warnings.len(), 2, "{:?}", second.warnings);
}

#[test]
fn declared_keys_do_not_warn_and_strict_makes_unknown_keys_errors() {
    let site = typo_site(&format!(
        "{BASIC_CONFIG}\n[content]\nextra_keys = [\"subtitle\"]\n"
    ));
    let run = site.build_ok(&[]);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].message.contains("`darft`"));

    site.write(
        "site.toml",
        format!("{BASIC_CONFIG}\n[content]\nextra_keys = [\"subtitle\"]\nstrict = true\n"),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let errors = run.diagnostics_for("content/a.md");
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert_eq!(errors[0].line, Some(4));
    assert!(errors[0].message.contains("`darft`"), "{errors:?}");

    site.write(
        "site.toml",
        format!("{BASIC_CONFIG}\n[content]\nextra_key = []\n"),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let problems = run.diagnostics_for("site.toml");
    assert!(
        problems[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("`extra_keys`"),
        "{problems:?}"
    );
}

#[test]
fn check_reports_unknown_keys_and_a_no_change_build_shows_them_again() {
    let site = typo_site(BASIC_CONFIG);
    let run = run_in(site.root(), &["check"]);
    run.assert_code(0);
    assert_eq!(run.warnings().len(), 2, "{}", run.stderr);
    run_in(site.root(), &["check", "--deny-warnings"]).assert_code(1);
    site.build_ok(&[]);
    let run = site.build_ok(&[]);
    assert_eq!(run.warnings().len(), 2, "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// Summaries at <!-- more -->
// ---------------------------------------------------------------------------------------------

#[test]
fn the_summary_is_the_text_before_the_more_comment_unless_the_front_matter_has_one() {
    let site = Site::new();
    site.write(
        "content/zola.md",
        toml_article(
            "Zola",
            "2016-01-19",
            "",
            "The *first* part.\n\nIts [second](https://example.com/) paragraph.\n\n<!-- more -->\n\nThe rest, not in the summary.",
        ),
    )
    .write(
        "content/hugo.md",
        "---\ntitle: Hugo\ndate: 2016-01-18\n---\nBefore the cut.<!--more-->\n\nAfter the cut.\n",
    )
    .write(
        "content/chosen.md",
        toml_article(
            "Chosen",
            "2016-01-17",
            "summary = \"Written by hand.\"\n",
            "Lead.\n\n<!-- more -->\n\nRest.",
        ),
    )
    .write(
        "content/plain.md",
        toml_article("Plain", "2016-01-16", "", "First paragraph.\n\nSecond paragraph."),
    );
    site.build_ok(&[]);
    assert_eq!(
        texts(&site.page("/"), "ol.article-list p.summary"),
        [
            "The first part. Its second paragraph.",
            "Before the cut.",
            "Written by hand.",
            "First paragraph."
        ]
    );
    let page = site.page("/2016/01/19/zola/");
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["The first part. Its second paragraph."]
    );
    // The article itself shows its whole text, and not the comment.
    let body = texts(&page, "article p");
    assert!(
        body.iter().any(|p| p == "The rest, not in the summary."),
        "{body:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Stray files in content/
// ---------------------------------------------------------------------------------------------

#[test]
fn stray_text_and_web_page_files_are_skipped_with_a_warning() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-19", "")
        .write("content/notes.txt", "Things to check\n\nCall the ministry back.\n")
        .write(
            "content/saved.html",
            "<html><head><title>Saved</title></head><body><article><h1>Saved</h1><p>A page kept for reference, with enough text in it to read as an article's body by the reader view, sentence after sentence, so that it is found.</p></article></body></html>",
        )
        // A date line makes raw text an article, as before.
        .write("content/dated.txt", "Date: 2016-01-18\n\nDated headline\n\nSome text.\n");
    let run = site.build_ok(&[]);
    let warnings = run.warnings();
    let named: Vec<&str> = warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        named,
        ["content/notes.txt", "content/saved.html"],
        "{}",
        run.stderr
    );
    for warning in &warnings {
        assert!(warning.message.starts_with("skipped"), "{warning:?}");
        let help = warning.help.as_deref().unwrap_or_default();
        assert!(
            help.contains("Date: 2016-01-19")
                && help.contains(&format!(
                    "gazette import --date 2016-01-19 {}",
                    warning.path
                )),
            "{help}"
        );
    }
    assert_eq!(list_titles(&site.page("/")), ["A", "Dated headline"]);
    let run = run_in(site.root(), &["check"]);
    run.assert_code(0);
    assert_eq!(run.warnings().len(), 2, "{}", run.stderr);
}

#[test]
fn raw_text_with_header_lines_but_no_date_is_still_an_article_missing_its_date() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-19", "")
        .write("content/story.txt", "Title: A headline\n\nSome text.\n");
    let run = site.build(&[]);
    run.assert_code(1);
    let problems = run.diagnostics_for("content/story.txt");
    assert_eq!(problems.len(), 1, "{}", run.stderr);
    assert!(
        problems[0].message.contains("no publication date"),
        "{problems:?}"
    );
}

/// The `content` of the `<meta name=…>` element, if the page has one.
fn meta(page: &scraper::Html, name: &str) -> Option<String> {
    attrs(page, &format!("meta[name=\"{name}\"]"), "content")
        .into_iter()
        .next()
}

/// Every `<script type="application/ld+json">` of a page, parsed.
fn json_ld(page: &scraper::Html) -> Vec<serde_json::Value> {
    texts(page, "script[type=\"application/ld+json\"]")
        .iter()
        .map(|t| serde_json::from_str(t).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn pages_carry_twitter_cards_and_articles_a_breadcrumb_list() {
    let site = Site::new();
    site.article(
        "pictured.md",
        "Pictured",
        "2016-01-19",
        "topics = [\"Canada\"]\nimage = \"/lead.jpg\"\nsummary = \"A summary.\"\n",
    )
    .article("plain.md", "Plain", "2015-06-02", "");
    site.build_ok(&[]);

    let pictured = site.page("/2016/01/19/pictured/");
    assert_eq!(
        meta(&pictured, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta(&pictured, "twitter:title").as_deref(),
        Some("Pictured")
    );
    assert_eq!(
        meta(&pictured, "twitter:description").as_deref(),
        Some("A summary.")
    );
    assert_eq!(
        meta(&pictured, "twitter:image").as_deref(),
        Some("https://example.org/lead.jpg")
    );
    let data = json_ld(&pictured);
    assert_eq!(data.len(), 2, "{data:?}");
    assert_eq!(
        data[0]["@type"], "NewsArticle",
        "the article's data comes first"
    );
    let crumbs = &data[1];
    assert_eq!(crumbs["@type"], "BreadcrumbList");
    let items: Vec<(u64, &str, &str)> = crumbs["itemListElement"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|i| {
            (
                i["position"].as_u64().unwrap(),
                i["name"].as_str().unwrap(),
                i["item"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (1, "Test Archive", "https://example.org/"),
            (2, "Canada", "https://example.org/topics/canada/"),
            (3, "Pictured", "https://example.org/2016/01/19/pictured/"),
        ]
    );

    // No image: the small card and no image tag; no topic: the year stands in the middle.
    let plain = site.page("/2015/06/02/plain/");
    assert_eq!(meta(&plain, "twitter:card").as_deref(), Some("summary"));
    assert_eq!(meta(&plain, "twitter:image"), None);
    let data = json_ld(&plain);
    assert_eq!(data[1]["itemListElement"][1]["name"], "2015");
    assert_eq!(
        data[1]["itemListElement"][1]["item"],
        "https://example.org/2015/"
    );

    // Other pages have the card but no article breadcrumbs.
    let home = site.page("/");
    assert_eq!(meta(&home, "twitter:card").as_deref(), Some("summary"));
    assert!(json_ld(&home).is_empty());
}

#[test]
fn feeds_in_three_formats_per_author_and_with_summaries_only() {
    let site = Site::with_config(
        "title = \"Feeds\"\nbase_url = \"https://example.org/\"\n\
         [feeds]\nformats = [\"rss\", \"atom\", \"json\"]\ncontent = \"summary\"\n",
    );
    site.article(
        "a.md",
        "First & best",
        "2016-01-19",
        "authors = [\"Jane Doe\"]\ntopics = [\"Canada\"]\nsummary = \"What happened.\"\n",
    );
    site.article("b.md", "Second", "2016-01-20", "authors = [\"John Roe\"]\n");
    site.build_ok(&[]);

    // RSS 2.0: the same ids as Atom, summaries, no full text.
    let rss = read(&site, "rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    assert_eq!(doc.root_element().attribute("version"), Some("2.0"));
    let items: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 2);
    let guids: Vec<&str> = items
        .iter()
        .filter_map(|i| i.children().find(|c| c.has_tag_name("guid"))?.text())
        .collect();
    let atom_ids = texts_of(&read(&site, "feed.xml"), ATOM, "id");
    for guid in &guids {
        assert!(
            atom_ids.iter().any(|id| id == guid),
            "{guid} not in {atom_ids:?}"
        );
    }
    let content = "http://purl.org/rss/1.0/modules/content/";
    assert!(!doc
        .descendants()
        .any(|n| n.has_tag_name((content, "encoded"))));
    assert!(texts_of(&read(&site, "feed.xml"), ATOM, "content").is_empty());

    // JSON Feed 1.1.
    let json: serde_json::Value = serde_json::from_str(&read(&site, "feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["items"].as_array().unwrap().len(), 2);
    assert_eq!(json["items"][1]["content_text"], "What happened.");
    assert_eq!(json["items"][1]["authors"][0]["name"], "Jane Doe");

    // A feed per author, in every format, linked from the author's page.
    let author = read(&site, "authors/jane-doe/feed.xml");
    assert_eq!(texts_of(&author, ATOM, "title")[1], "First & best");
    assert!(site.public().join("authors/jane-doe/rss.xml").is_file());
    assert!(site.public().join("authors/jane-doe/feed.json").is_file());
    let page = site.page("/authors/jane-doe/");
    let types = attrs(&page, "head link[rel=alternate][type]", "type");
    assert_eq!(
        types,
        [
            "application/atom+xml",
            "application/rss+xml",
            "application/feed+json",
            "application/atom+xml",
            "application/rss+xml",
            "application/feed+json"
        ]
    );
    let hrefs = attrs(&page, "head link[rel=alternate][type]", "href");
    assert_eq!(hrefs[3], "/authors/jane-doe/feed.xml");
    // And visibly, in the footer.
    let visible = attrs(&page, ".footer-feeds a", "href");
    assert!(
        visible.contains(&"/authors/jane-doe/rss.xml".to_string()),
        "{visible:?}"
    );

    // A format that is not one is an error at its line.
    site.write(
        "site.toml",
        "title = \"Feeds\"\nbase_url = \"https://example.org/\"\n[feeds]\nformats = [\"atom\", \"rdf\"]\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d.message.contains("\"rdf\"") && d.line == Some(4)),
        "{}",
        run.stderr
    );
}
