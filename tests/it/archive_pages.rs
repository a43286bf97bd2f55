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
    assert_eq!(attrs(&en, ".article-title a", "href"), ["/2016/01/19/budget/"]);
    let fr = site.page("/fr/2016/01/19/");
    assert_eq!(attrs(&fr, "html", "lang"), ["fr"]);
    assert_eq!(text_of(one(&fr, "h1")), "19 janvier 2016");
    assert_eq!(
        attrs(&fr, ".article-title a", "href"),
        ["/fr/2016/01/19/le-budget/"]
    );
    assert!(site.has_page("/fr/2016/01/20/"));
    assert!(!site.has_page("/2016/01/20/"));
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
            &format!("source = {outlet:?}\ntopics = [\"Ward {}\"]\n", outlet.trim_start_matches("Outlet ")),
        );
    }
    site.build_ok(&[]);
    let sources = site.page("/sources/");
    let names: Vec<String> = select(&sources, "main li a")
        .into_iter()
        .map(text_of)
        .filter(|t| t.starts_with("Outlet"))
        .collect();
    assert_eq!(names, ["Outlet 1", "Outlet 2", "Outlet 10", "Outlet 11"]);
    let topics = site.page("/topics/");
    let wards: Vec<String> = select(&topics, "main li a")
        .into_iter()
        .map(text_of)
        .filter(|t| t.starts_with("Ward"))
        .collect();
    assert_eq!(wards, ["Ward 1", "Ward 2", "Ward 10", "Ward 11"]);
}
