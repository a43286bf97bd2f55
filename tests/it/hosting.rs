//! Ready for static hosting: feeds, sitemaps, robots.txt, redirects and page metadata, read
//! back with an XML parser (roxmltree) and an HTML parser (scraper).

use crate::common::*;

const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// The entries of an Atom feed as (id, title, alternate link, updated, published).
fn entries(xml: &str) -> Vec<(String, String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(ATOM));
    assert_eq!(root.tag_name().name(), "feed");
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    root.children()
        .filter(|n| n.tag_name().name() == "entry")
        .map(|e| {
            let link = e
                .children()
                .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("alternate"))
                .and_then(|l| l.attribute("href"))
                .unwrap_or_default()
                .to_string();
            (
                child(e, "id"),
                child(e, "title"),
                link,
                child(e, "updated"),
                child(e, "published"),
            )
        })
        .collect()
}

fn site_with_articles() -> Site {
    let site = Site::with_config(
        "title = \"Test Archive\"\nbase_url = \"https://example.org/\"\ntimezone = \"America/Toronto\"\n\
         [feeds]\nlimit = 2\n",
    );
    site.article(
        "a.md",
        "Oldest",
        "2016-01-01",
        "topics = [\"ISIS\"]\nsource = \"CBC News\"\n",
    )
    .article(
        "b.md",
        "Middle",
        "2016-01-02 10:30",
        "topics = [\"ISIS\"]\nauthors = [\"Jane Doe\"]\n",
    )
    .article(
        "c.md",
        "Newest",
        "2016-01-03",
        "topics = [\"Canada\"]\nupdated = \"2016-01-04\"\nimage = \"/img/lead.jpg\"\n",
    );
    site
}

#[test]
fn the_site_feed_has_the_newest_entries_with_everything_a_reader_needs() {
    let site = site_with_articles();
    site.build_ok(&[]);
    let feed = read(&site, "feed.xml");
    let entries = entries(&feed);
    let titles: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(
        titles,
        ["Newest", "Middle"],
        "newest first, [feeds] limit = 2"
    );
    let (id, _, link, updated, published) = &entries[0];
    assert_eq!(id, "tag:example.org,2016-01-03:/2016/01/03/newest/");
    assert_eq!(link, "https://example.org/2016/01/03/newest/");
    assert_eq!(updated, "2016-01-04T00:00:00-05:00");
    assert_eq!(published, "2016-01-03T00:00:00-05:00");
    assert_eq!(
        texts_of(&feed, ATOM, "updated")[0],
        "2016-01-04T00:00:00-05:00"
    );
    // Content is the article's HTML, escaped as text of a type="html" element.
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let content = doc
        .descendants()
        .find(|n| n.tag_name().name() == "content")
        .unwrap();
    assert_eq!(content.attribute("type"), Some("html"));
    assert!(content.text().unwrap().starts_with("<p>"));
}

#[test]
fn feed_entry_ids_do_not_change_with_the_base_url() {
    let site = site_with_articles();
    site.build_ok(&[]);
    let before = entries(&read(&site, "feed.xml"));
    site.build_ok(&["--base-url", "https://preview.example.net/sub/"]);
    let after = entries(&read(&site, "feed.xml"));
    let ids = |e: &[(String, String, String, String, String)]| {
        e.iter().map(|x| x.0.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&before), ids(&after));
    assert_eq!(
        after[0].2,
        "https://preview.example.net/sub/2016/01/03/newest/"
    );
}

#[test]
fn topic_and_source_feeds_are_written_and_linked() {
    let site = site_with_articles();
    site.build_ok(&[]);
    let topic = entries(&read(&site, "topics/isis/feed.xml"));
    assert_eq!(
        topic.iter().map(|e| e.1.as_str()).collect::<Vec<_>>(),
        ["Middle", "Oldest"]
    );
    let source = entries(&read(&site, "sources/cbc-news/feed.xml"));
    assert_eq!(source.len(), 1);
    let page = site.page("/topics/isis/");
    let feeds = attrs(
        &page,
        "link[rel=alternate][type=\"application/atom+xml\"]",
        "href",
    );
    assert_eq!(feeds, ["/feed.xml", "/topics/isis/feed.xml"]);
    let home = site.page("/");
    assert_eq!(
        attrs(
            &home,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "href"
        ),
        ["/feed.xml"]
    );
}

#[test]
fn the_sitemap_lists_every_page_with_its_date() {
    let site = site_with_articles();
    site.build_ok(&[]);
    let xml = read(&site, "sitemap.xml");
    let locs = texts_of(&xml, SITEMAP, "loc");
    let pages: Vec<String> = html_pages(&site.public())
        .into_iter()
        .map(|(url, _)| url)
        // Not the 404 page, nor the search page: a results page is no page to index.
        .filter(|url| url != "/404.html" && url != "/search/")
        .map(|url| format!("https://example.org{url}"))
        .collect();
    let mut sorted_locs = locs.clone();
    sorted_locs.sort();
    let mut sorted_pages = pages.clone();
    sorted_pages.sort();
    assert_eq!(
        sorted_locs, sorted_pages,
        "every page but 404 and search once"
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let lastmod_of = |loc: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == "url" && n.children().any(|c| c.text() == Some(loc)))
            .and_then(|u| u.children().find(|c| c.tag_name().name() == "lastmod"))
            .and_then(|l| l.text())
            .map(str::to_string)
    };
    assert_eq!(
        lastmod_of("https://example.org/2016/01/03/newest/").as_deref(),
        Some("2016-01-04T00:00:00-05:00")
    );
    assert_eq!(
        lastmod_of("https://example.org/topics/isis/").as_deref(),
        Some("2016-01-02T10:30:00-05:00")
    );
}

#[test]
fn the_news_sitemap_holds_the_last_two_days_and_robots_points_at_it() {
    let site = site_with_articles();
    site.build_ok(&["--now", "2016-01-03T12:00:00-05:00"]);
    let xml = read(&site, "news-sitemap.xml");
    assert_eq!(texts_of(&xml, NEWS, "title"), ["Newest", "Middle"]);
    assert_eq!(
        texts_of(&xml, NEWS, "name"),
        ["Test Archive", "Test Archive"]
    );
    assert_eq!(texts_of(&xml, NEWS, "language"), ["en", "en"]);
    assert_eq!(
        texts_of(&xml, NEWS, "publication_date"),
        ["2016-01-03T00:00:00-05:00", "2016-01-02T10:30:00-05:00"]
    );
    let robots = read(&site, "robots.txt");
    let sitemaps: Vec<&str> = robots
        .lines()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .collect();
    assert_eq!(
        sitemaps,
        [
            "https://example.org/sitemap.xml",
            "https://example.org/news-sitemap.xml"
        ]
    );

    // Years later, nothing is news: no news sitemap, and robots.txt does not name one.
    site.build_ok(&["--now", "2020-01-01"]);
    assert!(!site.public().join("news-sitemap.xml").exists());
    let robots = read(&site, "robots.txt");
    assert_eq!(
        robots
            .lines()
            .filter(|l| l.starts_with("Sitemap: "))
            .count(),
        1
    );
}

#[test]
fn aliases_write_redirect_pages() {
    let site = Site::new();
    site.article(
        "a.md",
        "Moved",
        "2016-01-01",
        "aliases = [\"/old/moved/\", \"/old-page.html\"]\n",
    );
    site.build_ok(&["--base-url", "https://example.org/archive/"]);
    for alias in ["/old/moved/", "/old-page.html"] {
        let page = site.page(alias);
        let refresh = attrs(&page, "meta[http-equiv=refresh]", "content");
        assert_eq!(refresh, ["0; url=/archive/2016/01/01/moved/"]);
        assert_eq!(
            attrs(&page, "link[rel=canonical]", "href"),
            ["https://example.org/archive/2016/01/01/moved/"]
        );
        assert_eq!(
            attrs(&page, "body a", "href"),
            ["/archive/2016/01/01/moved/"]
        );
    }
    assert!(site.public().join(".nojekyll").is_file());
}

#[test]
fn an_alias_that_escapes_or_collides_is_an_error_naming_the_file() {
    let site = Site::new();
    site.article(
        "a.md",
        "A",
        "2016-01-01",
        "aliases = [\"/../../outside/\"]\n",
    )
    .article(
        "b.md",
        "B",
        "2016-01-02",
        "aliases = [\"/2016/01/01/a/\"]\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let a = run.diagnostics_for("content/a.md");
    assert_eq!(a.len(), 1, "{}", run.stderr_excerpt());
    assert!(a[0].message.contains("alias"), "{a:?}");
    assert_eq!(a[0].line, Some(4));
    // b's alias is a's URL: reported once the loader is happy with a.
    site.article("a.md", "A", "2016-01-01", "");
    let run = site.build(&[]);
    run.assert_code(1);
    let b = run.diagnostics_for("content/b.md");
    assert_eq!(b.len(), 1, "{}", run.stderr_excerpt());
    assert!(b[0].message.contains("/2016/01/01/a/"), "{b:?}");
    assert!(!site.outside().join("outside").exists());
}

#[test]
fn article_pages_carry_open_graph_and_news_article_data() {
    let site = site_with_articles();
    site.build_ok(&[]);
    let page = site.page("/2016/01/03/newest/");
    let meta = |property: &str| attrs(&page, &format!("meta[property=\"{property}\"]"), "content");
    assert_eq!(meta("og:type"), ["article"]);
    assert_eq!(meta("og:url"), attrs(&page, "link[rel=canonical]", "href"));
    assert_eq!(meta("og:image"), ["https://example.org/img/lead.jpg"]);
    assert_eq!(
        meta("article:published_time"),
        ["2016-01-03T00:00:00-05:00"]
    );
    assert_eq!(meta("article:modified_time"), ["2016-01-04T00:00:00-05:00"]);
    assert_eq!(meta("article:tag"), ["Canada"]);
    let json = texts(&page, "script[type=\"application/ld+json\"]");
    // The article's data, then its breadcrumbs (issue 19).
    assert_eq!(json.len(), 2);
    let crumbs: serde_json::Value = serde_json::from_str(&json[1]).unwrap();
    assert_eq!(crumbs["@type"], "BreadcrumbList");
    let data: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    assert_eq!(data["@type"], "NewsArticle");
    assert_eq!(data["headline"], "Newest");
    assert_eq!(
        data["datePublished"], "2016-01-03T00:00:00-05:00",
        "dates carry the site's offset"
    );
    assert_eq!(data["dateModified"], "2016-01-04T00:00:00-05:00");
    assert_eq!(
        data["mainEntityOfPage"]["@id"],
        "https://example.org/2016/01/03/newest/"
    );
    assert_eq!(data["image"][0]["@type"], "ImageObject");
    assert_eq!(data["image"][0]["url"], "https://example.org/img/lead.jpg");
    assert_eq!(data["publisher"]["name"], "Test Archive");

    let middle = site.page("/2016/01/02/middle/");
    let data: serde_json::Value =
        serde_json::from_str(&texts(&middle, "script[type=\"application/ld+json\"]")[0]).unwrap();
    assert_eq!(data["author"][0]["name"], "Jane Doe");
    assert_eq!(data["datePublished"], "2016-01-02T10:30:00-05:00");
}

#[test]
fn a_long_headline_is_cut_for_structured_data_only() {
    let title = "Canada promises France a robust contribution in the anti-ISIS coalition as the Liberal government looks to retool its strategy in Iraq and Syria";
    let site = Site::new();
    site.article("a.md", title, "2016-01-01", "slug = \"long\"\n");
    site.build_ok(&[]);
    let page = site.page("/2016/01/01/long/");
    assert_eq!(texts(&page, "h1.article-title"), [title]);
    let data: serde_json::Value =
        serde_json::from_str(&texts(&page, "script[type=\"application/ld+json\"]")[0]).unwrap();
    let headline = data["headline"].as_str().unwrap();
    assert!(headline.chars().count() <= 110, "{headline}");
    assert!(title.starts_with(headline.trim_end_matches('…')));
}

#[test]
fn topic_pages_carry_a_breadcrumb_list() {
    let site = site_with_articles();
    site.build_ok(&[]);
    let page = site.page("/topics/isis/");
    let data: serde_json::Value =
        serde_json::from_str(&texts(&page, "script[type=\"application/ld+json\"]")[0]).unwrap();
    assert_eq!(data["@type"], "BreadcrumbList");
    let items: Vec<(&str, &str)> = data["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap(), i["item"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("Test Archive", "https://example.org/"),
            ("Topics", "https://example.org/topics/"),
            ("ISIS", "https://example.org/topics/isis/"),
        ]
    );
}

#[test]
fn under_a_subpath_feeds_and_sitemaps_use_full_addresses_under_it() {
    let site = site_with_articles();
    site.build_ok(&["--base-url", "https://example.org/archive/"]);
    let locs = texts_of(&read(&site, "sitemap.xml"), SITEMAP, "loc");
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/archive/")),
        "{locs:?}"
    );
    let feed = entries(&read(&site, "feed.xml"));
    assert!(feed
        .iter()
        .all(|e| e.2.starts_with("https://example.org/archive/20")));
    let robots = read(&site, "robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/archive/sitemap.xml"));
    let page = site.page("/");
    assert_eq!(
        attrs(
            &page,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "href"
        ),
        ["/archive/feed.xml"]
    );
}

#[test]
fn a_static_robots_txt_replaces_the_generated_one() {
    let site = site_with_articles();
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.build_ok(&[]);
    assert_eq!(read(&site, "robots.txt"), "User-agent: *\nDisallow: /\n");
}
