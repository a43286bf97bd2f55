//! The default theme's navigation aids (issue 19, point 11): breadcrumbs, the pagination's
//! first and last pages, the archive's month grid, a topic's own chip left off its page.

use crate::common::*;

const CONFIG: &str = "title = \"Test Archive\"\nbase_url = \"https://example.org/\"\n\
    paginate = 2\n[topics.isis]\nname = \"ISIS\"\n";

/// Twenty-four articles over 2016, two a month, each about ISIS and, every other one,
/// Canada.
fn site() -> Site {
    let site = Site::with_config(CONFIG);
    for i in 0..24 {
        let topics = match i % 2 {
            0 => "topics = [\"ISIS\", \"Canada\"]\n",
            _ => "topics = [\"ISIS\"]\n",
        };
        site.article(
            &format!("a{i:02}.md"),
            &format!("Story {i:02}"),
            &format!("2016-{:02}-{:02}", i / 2 + 1, 10 + i % 2),
            topics,
        );
    }
    site.build_ok(&[]);
    site
}

/// The breadcrumb trail's links as (text, href), and the current step's text.
fn trail(page: &scraper::Html) -> (Vec<(String, String)>, Vec<String>) {
    let links = select(page, "nav.breadcrumbs li a")
        .into_iter()
        .map(|a| (text_of(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect();
    (links, texts(page, "nav.breadcrumbs [aria-current=page]"))
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn breadcrumbs_lead_from_the_site_through_the_section_to_the_page() {
    let site = site();
    let article = site.page("/2016/01/10/story-00/");
    let (links, current) = trail(&article);
    assert_eq!(
        links,
        pairs(&[("Test Archive", "/"), ("ISIS", "/topics/isis/")])
    );
    assert!(current.is_empty(), "the headline follows: {current:?}");

    let topic = site.page("/topics/canada/");
    assert_eq!(
        trail(&topic),
        (
            pairs(&[("Test Archive", "/"), ("Topics", "/topics/")]),
            vec!["Canada".to_string()]
        )
    );
    let month = site.page("/2016/03/");
    assert_eq!(
        trail(&month),
        (
            pairs(&[
                ("Test Archive", "/"),
                ("Archive", "/archive/"),
                ("2016", "/2016/")
            ]),
            vec!["March 2016".to_string()]
        )
    );
    let author_less = site.page("/sources/");
    assert!(select(&author_less, "nav.breadcrumbs").is_empty());
    assert!(select(&site.page("/"), "nav.breadcrumbs").is_empty());

    // The same trail, as full addresses, is the topic page's BreadcrumbList.
    let ld: serde_json::Value =
        serde_json::from_str(&select(&topic, "script[type='application/ld+json']")[0].inner_html())
            .unwrap();
    let items: Vec<(&str, &str)> = ld["itemListElement"]
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
            ("Canada", "https://example.org/topics/canada/")
        ]
    );
}

#[test]
fn pagination_links_the_latest_and_the_oldest_page() {
    let site = site();
    // 24 articles, 2 a page: the latest page and numbered pages 1–11.
    let latest = site.page("/topics/isis/");
    let numbers = texts(&latest, "nav.pagination ul li a");
    assert_eq!(numbers.first().map(String::as_str), Some("Latest"));
    assert_eq!(numbers.last().map(String::as_str), Some("1"), "{numbers:?}");
    assert_eq!(
        attrs(&latest, "nav.pagination ul li:last-child a", "href"),
        ["/topics/isis/page/1/"]
    );
    // Page 1 is in the window there: not linked twice.
    let oldest = site.page("/topics/isis/page/2/");
    let numbers = texts(&oldest, "nav.pagination ul li a");
    assert_eq!(
        numbers.iter().filter(|n| *n == "1").count(),
        1,
        "{numbers:?}"
    );
}

#[test]
fn the_archive_shows_every_year_as_twelve_months() {
    let site = Site::with_config(CONFIG);
    site.article("a.md", "A", "2016-03-01", "")
        .article("b.md", "B", "2016-03-02", "")
        .article("c.md", "C", "2015-11-01", "");
    site.build_ok(&[]);
    let archive = site.page("/archive/");
    let grids = select(&archive, "ol.month-grid");
    assert_eq!(grids.len(), 2);
    for grid in &grids {
        assert_eq!(grid.select(&selector("li")).count(), 12);
    }
    assert_eq!(
        attrs(&archive, "ol.month-grid a", "href"),
        ["/2016/03/", "/2015/11/"]
    );
    assert_eq!(
        texts(&archive, "ol.month-grid a .count"),
        ["2 articles", "1 article"]
    );
    // March is the third cell of 2016's row.
    let third = grids[0].select(&selector("li")).nth(2).unwrap();
    assert!(third.select(&selector("a")).next().is_some());
}

#[test]
fn a_topic_page_leaves_its_own_chip_off_its_articles() {
    let site = site();
    let topic = site.page("/topics/isis/");
    let chips = texts(&topic, "ol.article-list ul.topics li a");
    assert!(!chips.is_empty());
    assert!(chips.iter().all(|c| c == "Canada"), "{chips:?}");
    // An article about ISIS alone shows no chip list there, and its own on the home page.
    let canada = site.page("/topics/canada/");
    assert!(texts(&canada, "ol.article-list ul.topics li a")
        .iter()
        .all(|c| c == "ISIS"));
    let home = site.page("/");
    assert!(texts(&home, "ol.article-list ul.topics li a").contains(&"ISIS".to_string()));
}

/// Sets a file's modification time an hour back: the record cache trusts only files
/// modified a few seconds before a build, and this test is about what it reuses.
fn age(site: &Site, relative: &str) {
    std::fs::File::options()
        .write(true)
        .open(site.root().join(relative))
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
}

/// The "Read more" list of `url`: each headline's text and link, if any.
fn read_more(out: &std::path::Path, url: &str) -> Vec<(String, Option<String>)> {
    let page = page_in(out, url);
    select(&page, "section.related-headlines li")
        .into_iter()
        .map(|li| {
            let link = li.select(&selector("a")).next();
            (
                text_of(li),
                link.and_then(|a| a.value().attr("href")).map(String::from),
            )
        })
        .collect()
}

#[test]
fn read_more_headlines_link_to_the_archive_s_articles_and_follow_their_titles() {
    let site = Site::with_config(CONFIG);
    let write = |file: &str, title: &str, date: &str, extra: &str| {
        site.article(
            file,
            title,
            date,
            &format!("slug = \"{}\"\n{extra}", &file[..1]),
        );
        age(&site, &format!("content/{file}"));
    };
    write(
        "a.md",
        "The referrer",
        "2016-01-10",
        "related_headlines = [\"Canada’s role in the coalition\", \"A story elsewhere\"]\n",
    );
    write("b.md", "Canada's Role in the Coalition", "2016-01-05", "");
    // C is far from A in time: not one of the neighbours A's page shows anyway.
    write("c.md", "Something else", "2015-06-06", "");
    write("f.md", "A filler", "2016-01-08", "");
    site.build_ok(&[]);
    let a = "/2016/01/10/a/";
    let out = site.public();
    assert_eq!(
        read_more(&out, a),
        [
            (
                "Canada’s role in the coalition".to_string(),
                Some("/2016/01/05/b/".to_string())
            ),
            ("A story elsewhere".to_string(), None)
        ]
    );
    // Each step rebuilt incrementally (the pages it looks at are the point), and the last
    // compared with a clean build.
    let step = |expect: Vec<(String, Option<String>)>, what: &str| {
        site.build_ok(&[]);
        assert_eq!(read_more(&out, a), expect, "{what}, incremental");
    };
    let unlinked = |second: Option<&str>| {
        vec![
            ("Canada’s role in the coalition".to_string(), None),
            ("A story elsewhere".to_string(), second.map(String::from)),
        ]
    };
    // The article leaves the title: no link.
    write("b.md", "Canada alone", "2016-01-05", "");
    step(unlinked(None), "b renamed");
    // Another takes the other headline's title: linked, though the referrer did not change
    // and does not show that article otherwise.
    write("c.md", "A story elsewhere", "2015-06-06", "");
    step(unlinked(Some("/2015/06/06/c/")), "c renamed");
    let clean = site.root().join("clean");
    site.build_ok(&["--force", "--out", clean.to_str().unwrap()]);
    assert_eq!(read_more(&clean, a), unlinked(Some("/2015/06/06/c/")));
}

#[test]
fn index_pages_link_a_window_of_pages_not_every_page() {
    let site = Site::with_config(&format!("{CONFIG}[archive]\nindex_page_size = 1\n"));
    for i in 0..30 {
        site.article(
            &format!("a{i:02}.md"),
            &format!("Story {i:02}"),
            "2016-01-10",
            &format!("topics = [\"Topic {i:02}\"]\n"),
        );
    }
    site.build_ok(&[]);
    // 30 topics with articles, one a page: page 15 links 1, 11–19 and 30.
    let page = site.page("/topics/page/15/");
    let numbers: Vec<String> = texts(&page, "nav.pagination ul li a");
    let expected: Vec<String> = std::iter::once(1)
        .chain(11..=19)
        .chain(std::iter::once(30))
        .map(|n| n.to_string())
        .collect();
    assert_eq!(numbers, expected);
    assert_eq!(select(&page, "nav.pagination li.gap").len(), 2);
}

#[test]
fn an_update_note_shows_even_when_the_update_is_dated_the_publication_day() {
    let site = Site::with_config(CONFIG);
    site.article(
        "a.md",
        "A",
        "2016-01-19",
        "updated = 2016-01-19\nupdate_note = \"Adds the final vote count.\"\n",
    )
    .article("b.md", "B", "2016-01-18", "updated = 2016-01-18\n");
    site.build_ok(&[]);
    let noted = site.page("/2016/01/19/a/");
    assert_eq!(
        texts(&noted, ".notice.update .notice-text"),
        ["Adds the final vote count."]
    );
    // Without a note, an update in the publication's minute says nothing.
    let plain = site.page("/2016/01/18/b/");
    assert!(select(&plain, ".updated, .notice.update").is_empty());
}
