//! The archive's navigation: declared topics and aliases, strict mode, auto-tagging, date
//! archives, author and outlet pages, previous/next and related articles.

use crate::common::*;

/// Article links on any listing page, whatever heading level the theme gives them.
const ANY_LIST_LINKS: &str = "ol.article-list > li.article-item article .article-title a[href]";

fn config_with(topics: &str) -> String {
    format!("{BASIC_CONFIG}{topics}")
}

const ISIS: &str = "[topics.isis]\nname = \"ISIS\"\nkind = \"organization\"\n\
                    aliases = [\"Islamic State\", \"ISIL\", \"Daesh\"]\n\
                    description = \"The group.\"\n";

#[test]
fn three_spellings_of_a_declared_topic_land_on_one_page() {
    let site = Site::with_config(&config_with(ISIS));
    site.article("a.md", "A", "2016-01-01", "topics = [\"ISIS\"]\n")
        .article("b.md", "B", "2016-01-02", "topics = [\"Islamic State\"]\n")
        .article("c.md", "C", "2016-01-03", "tags = \"islamic-state\"\n");
    site.build_ok(&[]);
    assert_eq!(list_titles(&site.page("/topics/isis/")), ["C", "B", "A"]);
    assert!(!site.has_page("/topics/islamic-state/"));
    let index = site.page("/topics/");
    assert_eq!(texts(&index, "ul.topic-list li a"), ["ISIS"]);
    assert_eq!(texts(&index, "ul.topic-list li span.count"), ["3"]);
    let topic = site.page("/topics/isis/");
    assert_eq!(texts(&topic, "p.topic-description"), ["The group."]);
    let article = site.page("/2016/01/02/b/");
    assert_eq!(texts(&article, "article.article ul.topics li a"), ["ISIS"]);
}

#[test]
fn an_undeclared_topic_still_gets_a_page() {
    let site = Site::with_config(&config_with(ISIS));
    site.article(
        "a.md",
        "A",
        "2016-01-01",
        "topics = [\"ISIS\", \"Refugees\"]\n",
    );
    site.build_ok(&[]);
    assert_eq!(list_titles(&site.page("/topics/refugees/")), ["A"]);
    let index = site.page("/topics/");
    // Declared topics are grouped by kind; the undeclared one is among the others.
    assert_eq!(
        texts(&index, "section.topic-group h2"),
        ["Organizations", "Other topics"]
    );
    assert_eq!(texts(&index, "ul.topic-list li a"), ["ISIS", "Refugees"]);
}

#[test]
fn strict_mode_names_the_file_and_suggests_the_closest_topic() {
    let site = Site::with_config(&config_with(
        "[topics_config]\nstrict = true\n[topics.harjit-sajjan]\nname = \"Harjit Sajjan\"\n",
    ));
    site.article(
        "ok.md",
        "Ok",
        "2016-01-01",
        "topics = [\"harjit sajjan\"]\n",
    )
    .article(
        "bad.md",
        "Bad",
        "2016-01-02",
        "topics = [\"Harjit Sajan\"]\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics_for("content/bad.md");
    assert_eq!(diags.len(), 1, "{}", run.stderr_excerpt());
    assert!(diags[0].message.contains("not declared"), "{diags:?}");
    assert_eq!(diags[0].line, Some(4), "the topics line");
    let help = diags[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("did you mean \"Harjit Sajjan\""), "{help}");
    assert!(run.diagnostics_for("content/ok.md").is_empty());
    assert!(!site.public().exists());
}

#[test]
fn auto_tagging_matches_whole_words_only() {
    let site = Site::with_config(&config_with(
        "[topics.isis]\nname = \"ISIS\"\naliases = [\"Islamic State\"]\nauto = true\n",
    ));
    site.write(
        "content/mention.md",
        toml_article(
            "Coalition meets",
            "2016-01-01",
            "",
            "The fight against ISIS goes on.",
        ),
    )
    .write(
        "content/alias.md",
        toml_article(
            "Another",
            "2016-01-02",
            "",
            "Strikes on the islamic state group.",
        ),
    )
    .write(
        "content/inside.md",
        toml_article(
            "No match",
            "2016-01-03",
            "",
            "ISISx and xISIS are not the word.",
        ),
    )
    .write(
        "content/given.md",
        toml_article(
            "Given",
            "2016-01-04",
            "topics = [\"ISIS\"]\n",
            "No mention here.",
        ),
    );
    let run = site.build_ok(&["--verbose"]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l == "auto topic ISIS: 2 articles tagged from the text"),
        "{}",
        run.stdout
    );
    assert_eq!(
        list_titles(&site.page("/topics/isis/")),
        ["Given", "Another", "Coalition meets"]
    );
    let inferred = site.page("/2016/01/01/coalition-meets/");
    assert_eq!(
        texts(&inferred, "article.article ul.topics li.inferred a"),
        ["ISIS"]
    );
    let given = site.page("/2016/01/04/given/");
    assert!(select(&given, "article.article ul.topics li.inferred").is_empty());
    assert_eq!(texts(&given, "article.article ul.topics li a"), ["ISIS"]);
    let none = site.page("/2016/01/03/no-match/");
    assert!(select(&none, "article.article ul.topics li").is_empty());
}

#[test]
fn year_and_month_pages_list_exactly_their_articles() {
    let site = Site::new();
    site.article("a.md", "Jan A", "2016-01-05", "")
        .article("b.md", "Jan B", "2016-01-20", "")
        .article("c.md", "Feb", "2016-02-01", "")
        .article("d.md", "Dec 2015", "2015-12-31 23:30", "");
    site.build_ok(&[]);
    let archive = site.page("/archive/");
    assert_eq!(texts(&archive, ".year-title a"), ["2016", "2015"]);
    let year = site.page("/2016/");
    assert_eq!(texts(&year, "ol.month-list li a"), ["February", "January"]);
    assert_eq!(texts(&year, "ol.month-list li span.count"), ["1", "2"]);
    assert_eq!(
        texts(&site.page("/2016/01/"), ANY_LIST_LINKS),
        ["Jan B", "Jan A"]
    );
    assert_eq!(texts(&site.page("/2016/02/"), ANY_LIST_LINKS), ["Feb"]);
    assert_eq!(texts(&site.page("/2015/12/"), ANY_LIST_LINKS), ["Dec 2015"]);
    assert!(!site.has_page("/2016/03/"));
}

#[test]
fn month_pages_paginate_with_rel_links() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}paginate = 2\n"));
    for day in 1..=5 {
        site.article(
            &format!("a{day}.md"),
            &format!("Day {day}"),
            &format!("2016-01-0{day}"),
            "",
        );
    }
    site.build_ok(&[]);
    // Pages counted from the oldest, each full: page 1 holds days 1–2; the latest page the
    // rest.
    let latest = site.page("/2016/01/");
    assert_eq!(texts(&latest, ANY_LIST_LINKS), ["Day 5", "Day 4", "Day 3"]);
    assert_eq!(
        attrs(&latest, "nav.pagination a[rel=next]", "href"),
        ["/2016/01/page/1/"]
    );
    assert!(select(&latest, "nav.pagination a[rel=prev]").is_empty());
    let oldest = site.page("/2016/01/page/1/");
    assert_eq!(texts(&oldest, ANY_LIST_LINKS), ["Day 2", "Day 1"]);
    assert!(select(&oldest, "nav.pagination a[rel=next]").is_empty());
    assert_eq!(
        attrs(&oldest, "nav.pagination a[rel=prev]", "href"),
        ["/2016/01/"]
    );
    assert!(!site.has_page("/2016/01/page/2/"));
}

#[test]
fn author_and_source_pages() {
    let site = Site::new();
    site.article(
        "a.md",
        "A",
        "2016-01-01",
        "authors = [\"Jane Doe\", \"Abe Zed\"]\nsource = { name = \"CBC News\", url = \"https://www.cbc.ca/news\" }\n",
    )
    .article(
        "b.md",
        "B",
        "2016-01-02",
        "author = \"jane doe\"\nsource = \"Global News\"\n",
    )
    .article("c.md", "C", "2016-01-03", "source = \"CBC News\"\n");
    site.build_ok(&[]);
    let authors = site.page("/authors/");
    assert_eq!(
        texts(&authors, "ul.topic-list li a"),
        ["Abe Zed", "Jane Doe"]
    );
    assert_eq!(texts(&authors, "ul.topic-list li span.count"), ["1", "2"]);
    assert_eq!(list_titles(&site.page("/authors/jane-doe/")), ["B", "A"]);
    let sources = site.page("/sources/");
    assert_eq!(
        texts(&sources, "ul.topic-list li a"),
        ["CBC News", "Global News"]
    );
    assert_eq!(list_titles(&site.page("/sources/cbc-news/")), ["C", "A"]);
    let article = site.page("/2016/01/01/a/");
    assert_eq!(
        attrs(&article, "span.byline a", "href"),
        ["/authors/jane-doe/", "/authors/abe-zed/"]
    );
    assert_eq!(
        attrs(&article, "span.source a", "href"),
        ["/sources/cbc-news/"]
    );
}

#[test]
fn previous_and_next_at_the_first_and_last_article() {
    let site = Site::new();
    site.article("a.md", "Oldest", "2016-01-01", "")
        .article("b.md", "Middle", "2016-01-02", "")
        .article("c.md", "Newest", "2016-01-03", "");
    site.build_ok(&[]);
    let oldest = site.page("/2016/01/01/oldest/");
    assert!(select(&oldest, "nav.article-nav a[rel=prev]").is_empty());
    assert_eq!(
        attrs(&oldest, "nav.article-nav a[rel=next]", "href"),
        ["/2016/01/02/middle/"]
    );
    let middle = site.page("/2016/01/02/middle/");
    assert_eq!(
        attrs(&middle, "nav.article-nav a[rel=prev]", "href"),
        ["/2016/01/01/oldest/"]
    );
    assert_eq!(
        attrs(&middle, "nav.article-nav a[rel=next]", "href"),
        ["/2016/01/03/newest/"]
    );
    let newest = site.page("/2016/01/03/newest/");
    assert!(select(&newest, "nav.article-nav a[rel=next]").is_empty());
}

#[test]
fn related_articles_prefer_a_shared_rare_topic_over_a_common_one() {
    let site = Site::new();
    site.article(
        "x.md",
        "Subject",
        "2016-06-01",
        "topics = [\"Canada\", \"Sajjan\"]\n",
    )
    .article(
        "rare.md",
        "Shares rare",
        "2010-01-01",
        "topics = [\"Sajjan\"]\n",
    )
    .article(
        "common.md",
        "Shares common",
        "2016-06-02",
        "topics = [\"Canada\"]\n",
    );
    for i in 0..10 {
        site.article(
            &format!("f{i}.md"),
            &format!("Filler {i}"),
            &format!("2012-01-{:02}", i + 1),
            "topics = [\"Canada\"]\n",
        );
    }
    site.build_ok(&[]);
    let page = site.page("/2016/06/01/subject/");
    let related = texts(&page, "section.related li a");
    assert_eq!(related.len(), 5, "{related:?}");
    // Each shares one topic with the subject; the rare one counts for more, although the
    // common one is closer in time.
    assert_eq!(related[0], "Shares rare");
    assert_eq!(related[1], "Shares common", "closest in time among equals");
    assert!(!related.contains(&"Subject".to_string()));
}

#[test]
fn topic_page_shows_its_timeline_and_related_topics() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}paginate = 2\n"));
    site.article(
        "a.md",
        "A",
        "2014-01-01",
        "topics = [\"Iraq\", \"Syria\"]\n",
    )
    .article("b.md", "B", "2015-01-01", "topics = [\"Iraq\"]\n")
    .article(
        "c.md",
        "C",
        "2016-01-01",
        "topics = [\"Iraq\", \"Syria\"]\n",
    )
    .article("d.md", "D", "2016-02-01", "topics = [\"Iraq\"]\n");
    site.build_ok(&[]);
    let page = site.page("/topics/iraq/");
    assert_eq!(
        texts(&page, "ol.timeline-list li a"),
        ["2016", "2015", "2014"]
    );
    assert_eq!(
        texts(&page, "ol.timeline-list li span.count"),
        ["2", "1", "1"]
    );
    // 2015's and 2014's articles are the oldest two, on page 1 at two per page.
    assert_eq!(
        attrs(&page, "ol.timeline-list li a", "href"),
        [
            "/topics/iraq/",
            "/topics/iraq/page/1/",
            "/topics/iraq/page/1/"
        ]
    );
    assert_eq!(texts(&page, "section.related-topics li a"), ["Syria"]);
    let times = attrs(&page, "p.topic-count time", "datetime");
    assert_eq!(times.len(), 2);
    assert!(times[0].starts_with("2014-01-01"));
    assert!(times[1].starts_with("2016-02-01"));
    // A numbered page shows nothing that grows with the topic: no count, timeline or
    // related topics, only its own articles' dates.
    let numbered = site.page("/topics/iraq/page/1/");
    assert_eq!(texts(&numbered, "h1.page-title"), ["Iraq"]);
    assert!(select(&numbered, "ol.timeline-list").is_empty());
    assert!(select(&numbered, "section.related-topics").is_empty());
    let times = attrs(&numbered, "p.topic-count time", "datetime");
    assert!(times[0].starts_with("2014-01-01") && times[1].starts_with("2015-01-01"));
}

#[test]
fn sample_archive_has_topic_date_author_and_source_pages() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = std::fs::read_to_string(repo.join("site.toml")).unwrap();
    let site = Site::with_config(&config);
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(repo).unwrap();
            site.write(
                relative.to_str().unwrap(),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    site.build_ok(&[]);
    let topics = site.page("/topics/");
    let names = texts(&topics, "ul.topic-list li a");
    for declared in [
        "Canada",
        "ISIS",
        "Harjit Sajjan",
        "Justin Trudeau",
        "France",
        "Iraq",
        "Syria",
        "NATO",
    ] {
        assert!(
            names.contains(&declared.to_string()),
            "{declared} in {names:?}"
        );
    }
    assert_eq!(
        texts(&topics, "section.topic-group h2"),
        ["People", "Places", "Organizations", "Subjects"]
    );
    assert_eq!(list_titles(&site.page("/topics/isis/")).len(), 2);
    assert_eq!(texts(&site.page("/2016/01/"), ANY_LIST_LINKS).len(), 1);
    assert_eq!(texts(&site.page("/2015/11/"), ANY_LIST_LINKS).len(), 1);
    assert!(site.has_page("/authors/"));
    assert_eq!(
        texts(&site.page("/sources/"), "ul.topic-list li a"),
        ["CBC News", "Global News"]
    );
}
