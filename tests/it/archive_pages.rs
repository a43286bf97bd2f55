//! The archive's own pages (issue 19, point 7): a page per day when the permalink has the
//! day, per language; names with numbers in natural order.

use crate::common::*;

const CONFIG: &str =
    "title = \"Days\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\npaginate = 2\n";

/// Five articles on January 19 (more than one page of two), one on the 20th, one in
/// February.
fn days_site(config: &str) -> Site {
    let site = Site::with_config(config);
    for (file, title, date) in [
        ("a.md", "Morning", "2016-01-19T08:00:00"),
        ("b.md", "Noon", "2016-01-19T12:00:00"),
        ("c.md", "Evening", "2016-01-19T20:00:00"),
        ("c2.md", "Late", "2016-01-19T22:00:00"),
        ("c3.md", "Dawn", "2016-01-19T05:00:00"),
        ("d.md", "Next day", "2016-01-20T09:00:00"),
        ("e.md", "February", "2016-02-03T09:00:00"),
    ] {
        site.article(file, title, date, "");
    }
    site
}

/// The URLs the sitemap lists, site-relative.
fn sitemap_urls(site: &Site) -> Vec<String> {
    texts_of(&read(site, "sitemap.xml"), SITEMAP, "loc")
        .into_iter()
        .map(|l| l.trim_start_matches("https://example.org").to_string())
        .collect()
}

#[test]
fn each_day_with_articles_has_a_page_linked_from_its_month() {
    let site = days_site(CONFIG);
    site.build_ok(&[]);
    // Newest first, paginated as months are.
    let day = site.page("/2016/01/19/");
    assert_eq!(
        attrs(&day, "h1 time", "datetime"),
        ["2016-01-19"],
        "the day's title"
    );
    assert_eq!(text_of(one(&day, "h1")), "January 19, 2016");
    let numbered = std::fs::read_dir(site.public().join("2016/01/19/page"))
        .expect("numbered day pages")
        .count();
    assert!(numbered >= 1);
    let pages: Vec<scraper::Html> = std::iter::once("/2016/01/19/".to_string())
        .chain((1..=numbered).map(|n| format!("/2016/01/19/page/{n}/")))
        .map(|u| site.page(&u))
        .collect();
    let all: Vec<String> = pages
        .iter()
        .flat_map(|p| attrs(p, ".article-list .article-title a", "href"))
        .collect();
    let mut sorted = all.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted,
        [
            "/2016/01/19/dawn/",
            "/2016/01/19/evening/",
            "/2016/01/19/late/",
            "/2016/01/19/morning/",
            "/2016/01/19/noon/"
        ]
    );
    assert_eq!(
        attrs(&day, ".article-list .article-title a", "href")[0],
        "/2016/01/19/late/",
        "newest first"
    );
    // Breadcrumb links up to the month and year.
    assert_eq!(
        attrs(&day, ".page-header .kicker a", "href"),
        ["/archive/", "/2016/", "/2016/01/"]
    );
    assert_eq!(
        attrs(&site.page("/2016/01/20/"), ".article-title a", "href"),
        ["/2016/01/20/next-day/"]
    );
    assert!(site.has_page("/2016/02/03/"));
    assert!(!site.has_page("/2016/01/21/"));
    // The month's day headings link to the day pages.
    let month = site.page("/2016/01/");
    assert_eq!(
        attrs(&month, ".day-title a", "href"),
        ["/2016/01/20/", "/2016/01/19/"]
    );
    let listed = sitemap_urls(&site);
    for url in ["/2016/01/19/", "/2016/01/19/page/1/", "/2016/01/20/"] {
        assert!(listed.iter().any(|l| l == url), "{url} in {listed:?}");
    }
}

#[test]
fn no_day_pages_when_turned_off_or_the_permalink_has_no_day() {
    let site = days_site(&format!("{CONFIG}[archive]\nday_pages = false\n"));
    site.build_ok(&[]);
    assert!(site.has_page("/2016/01/19/noon/"));
    assert!(!site.has_page("/2016/01/19/"));
    assert!(select(&site.page("/2016/01/"), ".day-title a").is_empty());

    let site = days_site(&CONFIG.replace(
        "paginate = 2\n",
        "paginate = 2\npermalink = \"/:year/:month/:slug/\"\n",
    ));
    site.build_ok(&[]);
    assert!(site.has_page("/2016/01/noon/"));
    assert!(!site.has_page("/2016/01/19/"));
}

#[test]
fn day_pages_are_per_language_under_its_prefix() {
    let site = Site::with_config(
        "title = \"Days\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\nlanguage = \"en\"\n\
         [languages.fr]\ntitle = \"Jours\"\n",
    );
    site.article("a.md", "Budget", "2016-01-19T10:00:00", "")
        .article("a.fr.md", "Le budget", "2016-01-19T10:00:00", "")
        .article("b.fr.md", "Autre", "2016-01-20T10:00:00", "");
    site.build_ok(&[]);
    let en = site.page("/2016/01/19/");
    assert_eq!(
        attrs(&en, ".article-title a", "href"),
        ["/2016/01/19/budget/"]
    );
    let fr = site.page("/fr/2016/01/19/");
    assert_eq!(attrs(&fr, "html", "lang"), ["fr"]);
    assert_eq!(text_of(one(&fr, "h1")), "19 janvier 2016");
    assert_eq!(
        attrs(&fr, ".article-title a", "href"),
        ["/fr/2016/01/19/le-budget/"]
    );
    assert!(site.has_page("/fr/2016/01/20/"));
    assert!(!site.has_page("/2016/01/20/"));
    // The day in both languages names its twin; the day in French only, none.
    let alternates = |page: &scraper::Html| {
        select(page, "head link[rel=alternate][hreflang]")
            .into_iter()
            .map(|l| {
                let v = l.value();
                format!(
                    "{} {}",
                    v.attr("hreflang").unwrap(),
                    v.attr("href").unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        alternates(&en),
        [
            "en https://example.org/2016/01/19/",
            "fr https://example.org/fr/2016/01/19/",
            "x-default https://example.org/2016/01/19/"
        ]
    );
    assert_eq!(alternates(&fr), alternates(&en));
    assert!(alternates(&site.page("/fr/2016/01/20/")).is_empty());
}

#[test]
fn names_with_numbers_sort_in_natural_order() {
    let site = Site::with_config(CONFIG);
    for (n, outlet) in ["Outlet 10", "Outlet 2", "Outlet 1", "Outlet 11"]
        .iter()
        .enumerate()
    {
        site.article(
            &format!("{n}.md"),
            &format!("Story {n}"),
            &format!("2016-01-1{n}"),
            &format!(
                "source = {outlet:?}\ntopics = [\"Ward {}\"]\n",
                outlet.trim_start_matches("Outlet ")
            ),
        );
    }
    site.build_ok(&[]);
    let sources = site.page("/sources/");
    let names: Vec<String> = select(&sources, "main ul.topic-list li a")
        .into_iter()
        .map(text_of)
        .filter(|t| t.starts_with("Outlet"))
        .collect();
    assert_eq!(names, ["Outlet 1", "Outlet 2", "Outlet 10", "Outlet 11"]);
    let topics = site.page("/topics/");
    let wards: Vec<String> = select(&topics, "main ul.topic-list li a")
        .into_iter()
        .map(text_of)
        .filter(|t| t.starts_with("Ward"))
        .collect();
    assert_eq!(wards, ["Ward 1", "Ward 2", "Ward 10", "Ward 11"]);
}

/// A site of 25 topics (`Topic 1` … `Topic 25`, one article each, and `Москва` on every
/// article), 12 outlets and an author, with index pages of 10 names.
fn index_site() -> Site {
    let site = Site::with_config(&format!("{CONFIG}[archive]\nindex_page_size = 10\n"));
    for i in 1..=25 {
        site.article(
            &format!("s{i}.md"),
            &format!("Story {i}"),
            &format!("2016-01-{:02}", i),
            &format!(
                "topics = [\"Topic {i}\", \"Москва\"]\nsource = \"Outlet {}\"\nauthors = [\"Ann Lee\"]\n",
                i % 12
            ),
        );
    }
    site
}

/// The names an index page lists (not its "most covered" block).
fn listed(page: &scraper::Html) -> Vec<String> {
    select(page, "ul.topic-list li > a")
        .into_iter()
        .map(text_of)
        .collect()
}

#[test]
fn topic_author_and_source_indexes_are_paginated_with_a_jump_list_and_the_most_covered() {
    let site = index_site();
    site.build_ok(&[]);
    // 26 topics, ten a page, A–Z with numbers in natural order; Москва filed under M.
    let pages = [
        site.page("/topics/"),
        site.page("/topics/page/2/"),
        site.page("/topics/page/3/"),
    ];
    assert!(!site.has_page("/topics/page/4/"));
    let names: Vec<String> = pages.iter().flat_map(listed).collect();
    assert_eq!(names.len(), 26);
    assert_eq!(names[0], "Москва");
    assert_eq!(&names[1..4], ["Topic 1", "Topic 2", "Topic 3"]);
    assert_eq!(names[25], "Topic 25");
    // Every page's jump list: letters with names link to the page holding the first of
    // them, whose entry has that id; the others are not links.
    for page in &pages {
        let letters = attrs(page, "nav.letters a", "href");
        assert_eq!(letters, ["/topics/#letter-m", "/topics/#letter-t"]);
        let plain = texts(page, "nav.letters span");
        assert_eq!(plain.len(), 25, "{plain:?}");
        assert_eq!(plain[0], "#");
    }
    assert_eq!(attrs(&pages[0], "#letter-m > a", "href").len(), 1);
    assert_eq!(attrs(&pages[0], "#letter-t > a", "href").len(), 1);
    assert!(select(&pages[1], "[id^=letter-]").is_empty());
    // Page links on every page, the current one marked.
    assert_eq!(
        attrs(&pages[1], "nav.pagination li a", "href"),
        ["/topics/", "/topics/page/2/", "/topics/page/3/"]
    );
    assert_eq!(
        attrs(&pages[1], "nav.pagination li a[aria-current=page]", "href"),
        ["/topics/page/2/"]
    );
    // The most covered, on the first page only: Москва (25 articles), then ties A–Z.
    let most: Vec<String> = select(&pages[0], ".most-covered li > a")
        .into_iter()
        .map(text_of)
        .collect();
    assert_eq!(most.len(), 10);
    assert_eq!(&most[..3], ["Москва", "Topic 1", "Topic 2"]);
    assert!(select(&pages[1], ".most-covered").is_empty());

    // Sources: 12 outlets over two pages, in natural order; the most covered first.
    let sources: Vec<String> = [site.page("/sources/"), site.page("/sources/page/2/")]
        .iter()
        .flat_map(listed)
        .collect();
    assert_eq!(sources[..3], ["Outlet 0", "Outlet 1", "Outlet 2"]);
    assert_eq!(sources[11], "Outlet 11");
    let top = text_of(select(&site.page("/sources/"), ".most-covered li > a")[0]);
    assert_eq!(top, "Outlet 1", "three articles each for 1 and 0, ties A–Z");
    // One author: one page, no page links.
    let authors = site.page("/authors/");
    assert_eq!(listed(&authors), ["Ann Lee"]);
    assert!(select(&authors, "nav.pagination").is_empty());
    assert!(!site.has_page("/authors/page/2/"));
}
