//! The build pipeline end to end: pages, permalinks, ordering, pagination, topics, drafts,
//! template overrides, static files, base URLs and the output folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// The sample archive shipped in the repository
// ---------------------------------------------------------------------------------------------

/// What a sample article's front matter says, read straight from its file.
struct SourceArticle {
    title: String,
    date: String,
    topics: Vec<String>,
}

/// Reads `title`, `date` and `topics` from a TOML front matter with one key per line. Only as
/// much TOML as the sample files use: basic strings without escapes and a one-line array.
fn read_source_article(text: &str) -> SourceArticle {
    let front = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split("\n+++").next())
        .expect("the sample articles have TOML front matter");
    let value = |key: &str| {
        front
            .lines()
            .find_map(|line| {
                let (k, v) = line.split_once('=')?;
                (k.trim() == key).then(|| v.trim().to_string())
            })
            .unwrap_or_else(|| panic!("no {key} in a sample article"))
    };
    let quoted = |v: String| v.trim_matches('"').to_string();
    let topics = value("topics")
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    SourceArticle {
        title: quoted(value("title")),
        date: value("date"),
        topics,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn sample_archive_builds_home_articles_and_topic_pages() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("sample");
    copy_dir(&repo.join("content"), &site.join("content"));
    std::fs::copy(repo.join("site.toml"), site.join("site.toml")).unwrap();

    let run = run_in(tmp.path(), &["build", "--root", site.to_str().unwrap()]);
    run.assert_code(0);
    let public = site.join("public");
    assert!(public.join(".gazette-build").is_file(), "marker file");
    assert!(public.join("404.html").is_file(), "404 page");

    let mut sources: Vec<SourceArticle> = files_under(&site.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            read_source_article(&std::fs::read_to_string(site.join("content").join(p)).unwrap())
        })
        .collect();
    assert_eq!(sources.len(), 2, "the sample archive has two articles");
    sources.sort_by(|a, b| b.date.cmp(&a.date));
    let day_prefixes: Vec<String> = sources
        .iter()
        .map(|s| format!("/{}/", s.date.replace('-', "/")))
        .collect();
    assert_eq!(day_prefixes, ["/2016/01/19/", "/2015/11/17/"]);

    // The home page lists both, newest first, each at its dated permalink.
    let home = page_in(&public, "/");
    let hrefs = list_hrefs(&home);
    assert_eq!(hrefs.len(), 2, "{hrefs:?}");
    assert_eq!(
        list_titles(&home),
        [sources[0].title.clone(), sources[1].title.clone()]
    );
    for ((href, source), prefix) in hrefs.iter().zip(&sources).zip(&day_prefixes) {
        assert!(
            href.starts_with(prefix),
            "{href} should start with {prefix}"
        );
        let article = page_in(&public, href);
        assert_eq!(text_of(one(&article, "h1.article-title")), source.title);
        assert_eq!(
            texts(&article, "ul.topics li a"),
            source.topics,
            "topics of {href}"
        );
        let datetime = attrs(&article, "time[datetime]", "datetime");
        assert!(datetime[0].starts_with(&source.date), "{datetime:?}");
        assert!(!text_of(one(&article, "div.article-body")).is_empty());
    }

    // /topics/ has one entry per distinct topic, each with its own page and the right count.
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for s in &sources {
        for t in &s.topics {
            *expected.entry(t.clone()).or_default() += 1;
        }
    }
    let topics = page_in(&public, "/topics/");
    let items = select(&topics, "ul.topic-list li");
    let mut listed: BTreeMap<String, usize> = BTreeMap::new();
    for item in items {
        let link = item.select(&selector("a")).next().expect("a topic link");
        let name = text_of(link);
        let count: usize = text_of(
            item.select(&selector("span.count"))
                .next()
                .expect("a count"),
        )
        .parse()
        .expect("a number");
        let href = link.value().attr("href").unwrap();
        let topic = page_in(&public, href);
        assert_eq!(
            text_of(one(&topic, "h1.page-title")),
            name,
            "title of {href}"
        );
        assert_eq!(list_hrefs(&topic).len(), count, "articles on {href}");
        listed.insert(name, count);
    }
    assert_eq!(listed, expected);
}

// ---------------------------------------------------------------------------------------------
// Permalinks
// ---------------------------------------------------------------------------------------------

#[test]
fn default_permalink_is_year_month_day_slug() {
    let site = Site::new();
    site.article("2016/hello.md", "Hello, World", "2016-01-09", "");
    site.build_ok(&[]);
    let page = site.page("/2016/01/09/hello-world/");
    assert_eq!(text_of(one(&page, "h1.article-title")), "Hello, World");
    assert_eq!(list_hrefs(&site.page("/")), ["/2016/01/09/hello-world/"]);
}

#[test]
fn custom_permalink_with_section_and_html_extension() {
    let site = Site::with_config(&format!(
        "{BASIC_CONFIG}permalink = \"/:section/:slug.html\"\n"
    ));
    site.article("news/alpha.md", "Alpha", "2016-01-02", "");
    site.article("beta.md", "Beta", "2016-01-01", "");
    site.build_ok(&[]);
    assert!(site.public().join("news/alpha.html").is_file());
    // An article at the top of content/ has no section; the empty segment is dropped.
    assert!(site.public().join("beta.html").is_file());
    assert_eq!(
        list_hrefs(&site.page("/")),
        ["/news/alpha.html", "/beta.html"]
    );
    assert_eq!(
        text_of(one(&site.page("/news/alpha.html"), "h1.article-title")),
        "Alpha"
    );
}

#[test]
fn custom_permalink_with_a_fixed_prefix() {
    let site = Site::with_config(&format!(
        "{BASIC_CONFIG}permalink = \"/news/:year/:slug/\"\n"
    ));
    site.article("a.md", "Alpha", "2016-03-04", "");
    site.build_ok(&[]);
    assert_eq!(list_hrefs(&site.page("/")), ["/news/2016/alpha/"]);
    assert_eq!(
        text_of(one(&site.page("/news/2016/alpha/"), "h1.article-title")),
        "Alpha"
    );
    assert!(!site.has_page("/2016/03/04/alpha/"));
}

#[test]
fn explicit_slug_replaces_the_title_slug() {
    let site = Site::new();
    site.article(
        "a.md",
        "A very long headline",
        "2016-01-19",
        "slug = \"short\"\n",
    );
    site.build_ok(&[]);
    assert!(site.has_page("/2016/01/19/short/"));
    assert!(!site.has_page("/2016/01/19/a-very-long-headline/"));
    assert_eq!(list_hrefs(&site.page("/")), ["/2016/01/19/short/"]);
}

#[test]
fn accented_titles_and_topics_are_transliterated_in_urls() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}permalink = \"/:slug/\"\n"));
    site.article(
        "q.md",
        "Québec élection",
        "2016-01-19",
        "topics = [\"Québec\"]\n",
    );
    site.build_ok(&[]);
    let page = site.page("/quebec-election/");
    assert_eq!(text_of(one(&page, "h1.article-title")), "Québec élection");
    assert_eq!(attrs(&page, "ul.topics li a", "href"), ["/topics/quebec/"]);
    let topic = site.page("/topics/quebec/");
    assert_eq!(text_of(one(&topic, "h1.page-title")), "Québec");
}

#[test]
fn yaml_front_matter_builds_like_toml() {
    let site = Site::new();
    site.write(
        "content/y.md",
        "---\ntitle: \"Yaml: an article\"\ndate: 2016-02-03\nslug: yaml-one\ntopics: [Canada]\n---\n\nBody.\n",
    );
    site.build_ok(&[]);
    let page = site.page("/2016/02/03/yaml-one/");
    assert_eq!(text_of(one(&page, "h1.article-title")), "Yaml: an article");
    assert_eq!(texts(&page, "ul.topics li a"), ["Canada"]);
}

#[test]
fn dates_without_an_offset_are_read_in_the_site_timezone() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}timezone = \"America/Toronto\"\n"));
    // 22:00 in Toronto is 03:00 UTC the next day: filed on the 19th, shown with Toronto's
    // offset.
    site.article("local.md", "Local news", "2016-01-19 22:00", "");
    // A date written with an offset keeps its own day and time (issue 20): 03:00 UTC on the
    // 19th, still the 18th in Toronto, is filed on the 19th, as Hugo, Zola and Jekyll do.
    site.article("utc.md", "Late news", "2016-01-19T03:00:00Z", "");
    site.build_ok(&[]);
    let local = site.page("/2016/01/19/local-news/");
    assert_eq!(
        attrs(&local, "article time", "datetime")[0],
        "2016-01-19T22:00:00-05:00"
    );
    let utc = site.page("/2016/01/19/late-news/");
    assert_eq!(
        attrs(&utc, "article time", "datetime")[0],
        "2016-01-19T03:00:00+00:00"
    );
    assert!(!site.has_page("/2016/01/18/late-news/"));
}

// ---------------------------------------------------------------------------------------------
// Ordering
// ---------------------------------------------------------------------------------------------

#[test]
fn articles_are_listed_newest_first_then_by_title_then_by_path() {
    let site = Site::new();
    let topic = "topics = [\"All\"]\n";
    // File names sort differently from the expected order on purpose.
    site.article("alpha.md", "Alpha", "2016-01-02T09:00:00", topic);
    site.article(
        "a.md",
        "Same",
        "2016-01-01",
        &format!("slug = \"same-z\"\n{topic}"),
    );
    site.article("bravo.md", "Bravo", "2016-01-02T09:00:00", topic);
    site.article("late.md", "Late", "2016-01-02T18:00:00", topic);
    site.article(
        "z.md",
        "Same",
        "2016-01-01",
        &format!("slug = \"same-a\"\n{topic}"),
    );
    site.article("zulu.md", "Zulu", "2016-01-03", topic);
    site.build_ok(&[]);
    let expected = [
        "/2016/01/03/zulu/",
        "/2016/01/02/late/",
        "/2016/01/02/alpha/",
        "/2016/01/02/bravo/",
        "/2016/01/01/same-z/", // content/a.md
        "/2016/01/01/same-a/", // content/z.md
    ];
    assert_eq!(list_hrefs(&site.page("/")), expected, "home page");
    assert_eq!(
        list_hrefs(&site.page("/topics/all/")),
        expected,
        "topic page"
    );
}

#[test]
fn the_same_instant_in_different_offsets_ties_and_is_ordered_by_title() {
    let site = Site::new();
    site.article("1.md", "Beta", "2016-01-02T09:00:00-05:00", "");
    site.article("2.md", "Alpha", "2016-01-02T10:00:00-04:00", "");
    site.article("3.md", "Gamma", "2016-01-02T13:59:59Z", "");
    site.build_ok(&[]);
    assert_eq!(list_titles(&site.page("/")), ["Alpha", "Beta", "Gamma"]);
}

// ---------------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------------

/// A site with `n` (at most 31) articles "Article 01"… dated 2016-01-01…, all in topic Common.
fn site_with_articles(n: usize, config: &str) -> Site {
    let site = Site::with_config(config);
    for i in 1..=n {
        site.article(
            &format!("a{i:02}.md"),
            &format!("Article {i:02}"),
            // A day each, from 2016-01-01 (28 days a month keeps every date valid).
            &format!("2016-{:02}-{:02}", (i - 1) / 28 + 1, (i - 1) % 28 + 1),
            "topics = [\"Common\"]\n",
        );
    }
    site
}

/// Titles of `n` articles, newest first.
fn newest_first(n: usize) -> Vec<String> {
    (1..=n).rev().map(|i| format!("Article {i:02}")).collect()
}

/// The rel=prev and rel=next targets of a listing page, from the pagination nav and from the
/// head, checked to agree.
fn rel_links(doc: &scraper::Html) -> (Option<String>, Option<String>) {
    let get = |rel: &str| {
        let nav = attrs(doc, &format!("nav.pagination a[rel={rel}]"), "href");
        let head = attrs(doc, &format!("head link[rel={rel}]"), "href");
        assert!(nav.len() <= 1 && head.len() <= 1, "{rel}: {nav:?} {head:?}");
        assert_eq!(nav, head, "rel={rel} in the nav and in the head");
        nav.into_iter().next()
    };
    (get("prev"), get("next"))
}

/// Checks the pages of a list of `n` articles at `latest_url`, 20 to a page, by walking its
/// "Older" links: every article once, newest first; pages numbered from the oldest at
/// `<latest_url>page/<k>/`, each full; the latest page with the rest (20 to 39 articles, or
/// all of a shorter list); "Newer" leading back the same way.
fn check_listing(site: &Site, n: usize, latest_url: &str) {
    let all = newest_first(n);
    let numbered = (n / 20).saturating_sub(1);
    let latest = site.page(latest_url);
    if n == 0 {
        assert_eq!(select(&latest, "p.empty").len(), 1, "an empty list says so");
        assert!(select(&latest, "ol.article-list li").is_empty());
    } else {
        assert!(select(&latest, "p.empty").is_empty());
    }
    if numbered == 0 {
        assert!(select(&latest, "nav.pagination a[rel]").is_empty());
    }
    let mut seen = Vec::new();
    let (mut url, mut page, mut newer) = (latest_url.to_string(), latest, None);
    for k in (0..=numbered).rev() {
        let titles = list_titles(&page);
        let expected = if url == latest_url {
            n - numbered * 20
        } else {
            20
        };
        assert_eq!(titles.len(), expected, "{url}");
        seen.extend(titles);
        let (prev, next) = rel_links(&page);
        assert_eq!(prev, newer, "Newer of {url}");
        let older = (k > 0).then(|| format!("{latest_url}page/{k}/"));
        assert_eq!(next, older, "Older of {url}");
        let Some(older) = older else { break };
        newer = Some(url);
        page = site.page(&older);
        url = older;
    }
    assert_eq!(
        seen, all,
        "every article once, newest first, from {latest_url}"
    );
    let beyond = format!("{latest_url}page/{}/", numbered + 1);
    assert!(!site.has_page(&beyond), "no {beyond} for {n} articles");
}

#[test]
fn pagination_with_no_articles() {
    let site = site_with_articles(0, BASIC_CONFIG);
    site.build_ok(&[]);
    check_listing(&site, 0, "/");
    let topics = site.page("/topics/");
    assert!(select(&topics, "ul.topic-list li").is_empty());
    assert_eq!(select(&topics, "p.empty").len(), 1);
    assert!(!site.has_page("/topics/common/"));
}

#[test]
fn pagination_of_lists_of_every_length_around_page_boundaries() {
    for n in [1, 20, 39, 40, 59, 60] {
        let site = site_with_articles(n, BASIC_CONFIG);
        site.build_ok(&[]);
        check_listing(&site, n, "/");
        check_listing(&site, n, "/topics/common/");
    }
}

#[test]
fn a_topic_index_counts_every_article() {
    let site = site_with_articles(21, BASIC_CONFIG);
    site.build_ok(&[]);
    let topics = site.page("/topics/");
    assert_eq!(texts(&topics, "ul.topic-list li span.count"), ["21"]);
}

#[test]
fn a_new_article_changes_only_the_latest_page_and_the_newest_numbered_ones() {
    // 100 articles, 20 a page: latest shows 20, pages 1–4 hold 20 each (1 the oldest).
    let site = site_with_articles(100, BASIC_CONFIG);
    site.build_ok(&[]);
    let before: Vec<String> = (1..=4)
        .map(|k| read(&site, &format!("page/{k}/index.html")))
        .collect();
    let latest_before = read(&site, "index.html");
    site.article(
        "new.md",
        "Newest of all",
        "2016-12-01",
        "topics = [\"Common\"]\n",
    );
    site.build_ok(&[]);
    for (k, was) in (1..=4).zip(&before) {
        let is = read(&site, &format!("page/{k}/index.html"));
        assert!(&is == was, "page {k} is full and never changes");
    }
    assert!(
        read(&site, "index.html") != latest_before,
        "the latest page changed"
    );
    assert_eq!(list_titles(&site.page("/"))[0], "Newest of all");
}

#[test]
fn paginate_setting_sets_the_page_size_and_middle_pages_link_both_ways() {
    // 7 articles, 2 a page: pages 1 and 2 (the oldest four), the latest page the newest 3.
    let site = site_with_articles(7, &format!("{BASIC_CONFIG}paginate = 2\n"));
    site.build_ok(&[]);
    let all = newest_first(7);
    let urls = ["/", "/page/2/", "/page/1/"];
    let mut seen = Vec::new();
    for (i, url) in urls.iter().enumerate() {
        let page = site.page(url);
        seen.extend(list_titles(&page));
        let (prev, next) = rel_links(&page);
        assert_eq!(
            prev.as_deref(),
            i.checked_sub(1).map(|p| urls[p]),
            "prev of {url}"
        );
        assert_eq!(next.as_deref(), urls.get(i + 1).copied(), "next of {url}");
    }
    assert_eq!(seen, all);
    assert!(!site.has_page("/page/3/"));
    assert!(site.has_page("/topics/common/page/2/"));
    assert!(!site.has_page("/topics/common/page/3/"));
}

// ---------------------------------------------------------------------------------------------
// Topics
// ---------------------------------------------------------------------------------------------

#[test]
fn topic_spellings_merge_into_one_topic() {
    let site = Site::new();
    site.article("a.md", "One", "2016-01-01", "topics = [\"ISIS\"]\n");
    site.article("b.md", "Two", "2016-01-02", "topics = [\"isis\"]\n");
    site.article("c.md", "Three", "2016-01-03", "tags = [\"Isis\"]\n");
    site.article("d.md", "Four", "2016-01-04", "topics = \"Isis, Canada\"\n");
    site.article("e.md", "Five", "2016-01-05", "categories = [\"ISIS\"]\n");
    // Two spellings in one article count once.
    site.article(
        "f.md",
        "Six",
        "2016-01-06",
        "topics = [\"ISIS\", \"isis\"]\n",
    );
    site.write(
        "content/g.md",
        "---\ntitle: Seven\ndate: 2016-01-07\ntags: [IsIs]\n---\nBody\n",
    );
    site.build_ok(&[]);

    let topics = site.page("/topics/");
    let hrefs = attrs(&topics, "ul.topic-list li a", "href");
    assert_eq!(hrefs, ["/topics/canada/", "/topics/isis/"]);
    let items = select(&topics, "ul.topic-list li");
    let isis = items
        .iter()
        .find(|li| {
            li.select(&selector("a"))
                .any(|a| a.value().attr("href") == Some("/topics/isis/"))
        })
        .unwrap();
    let count = text_of(isis.select(&selector("span.count")).next().unwrap());
    assert_eq!(count, "7");
    let name = text_of(isis.select(&selector("a")).next().unwrap());
    assert!(
        ["ISIS", "isis", "Isis", "IsIs"].contains(&name.as_str()),
        "the topic is named after one of its spellings, not {name:?}"
    );

    let page = site.page("/topics/isis/");
    assert_eq!(text_of(one(&page, "h1.page-title")), name);
    assert_eq!(
        list_titles(&page),
        ["Seven", "Six", "Five", "Four", "Three", "Two", "One"]
    );
    for url in list_hrefs(&page) {
        let article = site.page(&url);
        let links = attrs(&article, "ul.topics li a", "href");
        assert_eq!(
            links.iter().filter(|h| *h == "/topics/isis/").count(),
            1,
            "{url} links to the merged topic once: {links:?}"
        );
    }
    assert!(!site.has_page("/topics/isis-canada/"));
}

// ---------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------

fn site_with_a_draft() -> Site {
    let site = Site::new();
    site.article(
        "pub.md",
        "Published",
        "2016-01-01",
        "topics = [\"Shared\"]\n",
    );
    site.article(
        "draft.md",
        "Unfinished",
        "2016-01-02",
        "draft = true\ntopics = [\"Shared\", \"Secret\"]\n",
    );
    site
}

fn topic_counts(site: &Site) -> BTreeMap<String, String> {
    let topics = site.page("/topics/");
    select(&topics, "ul.topic-list li")
        .into_iter()
        .map(|li| {
            let href = li
                .select(&selector("a"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .unwrap()
                .to_string();
            let count = text_of(li.select(&selector("span.count")).next().unwrap());
            (href, count)
        })
        .collect()
}

#[test]
fn drafts_are_left_out_by_default() {
    let site = site_with_a_draft();
    site.build_ok(&[]);
    assert!(!site.has_page("/2016/01/02/unfinished/"));
    assert!(site.has_page("/2016/01/01/published/"));
    assert_eq!(list_titles(&site.page("/")), ["Published"]);
    assert_eq!(list_titles(&site.page("/topics/shared/")), ["Published"]);
    assert!(!site.has_page("/topics/secret/"));
    let counts = topic_counts(&site);
    assert_eq!(
        counts,
        BTreeMap::from([("/topics/shared/".to_string(), "1".to_string())])
    );
    // The draft's words appear nowhere.
    for (url, _) in html_pages(&site.public()) {
        let page = site.page(&url);
        let all_text = text_of(page.root_element());
        assert!(!all_text.contains("Unfinished"), "draft title on {url}");
    }
}

#[test]
fn drafts_are_included_with_the_drafts_flag() {
    let site = site_with_a_draft();
    site.build_ok(&["--drafts"]);
    assert_eq!(
        text_of(one(
            &site.page("/2016/01/02/unfinished/"),
            "h1.article-title"
        )),
        "Unfinished"
    );
    assert_eq!(list_titles(&site.page("/")), ["Unfinished", "Published"]);
    assert_eq!(
        list_titles(&site.page("/topics/shared/")),
        ["Unfinished", "Published"]
    );
    let counts = topic_counts(&site);
    assert_eq!(counts.get("/topics/shared/").map(String::as_str), Some("2"));
    assert_eq!(counts.get("/topics/secret/").map(String::as_str), Some("1"));
}

// ---------------------------------------------------------------------------------------------
// Template overrides and themes
// ---------------------------------------------------------------------------------------------

#[test]
fn site_template_overrides_the_built_in_article_template() {
    let site = Site::new();
    site.article("a.md", "Overridden", "2016-01-01", "");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}<section id=\"custom-article\"><h1 class=\"custom-title\">{{ article.title }}</h1>{{ article.content | safe }}</section>{% endblock content %}\n",
    );
    site.build_ok(&[]);
    let page = site.page("/2016/01/01/overridden/");
    let custom = one(&page, "section#custom-article");
    assert_eq!(
        text_of(custom.select(&selector("h1.custom-title")).next().unwrap()),
        "Overridden"
    );
    assert!(
        select(&page, "div.article-body").is_empty(),
        "the theme's article.html was used"
    );
    // base.html still comes from the theme.
    assert_eq!(select(&page, "link[rel=canonical]").len(), 1);
    // Other pages keep the theme's templates.
    assert_eq!(list_titles(&site.page("/")), ["Overridden"]);
}

#[test]
fn site_partial_overrides_the_theme_partial() {
    let site = Site::new();
    site.article("a.md", "First", "2016-01-01", "topics = [\"T\"]\n");
    site.article("b.md", "Second", "2016-01-02", "topics = [\"T\"]\n");
    site.write(
        "templates/partials/article_list.html",
        "<ul class=\"custom-list\">{% for a in articles %}<li><a class=\"custom-link\" href=\"{{ a.url }}\">{{ a.title }}</a></li>{% endfor %}</ul>\n",
    );
    site.build_ok(&[]);
    for url in ["/", "/topics/t/"] {
        let page = site.page(url);
        assert!(
            select(&page, "ol.article-list").is_empty(),
            "theme partial on {url}"
        );
        assert_eq!(
            texts(&page, "ul.custom-list a.custom-link"),
            ["Second", "First"],
            "{url}"
        );
    }
    // The article page does not use the partial and is unchanged.
    assert_eq!(
        select(&site.page("/2016/01/01/first/"), "div.article-body").len(),
        1
    );
}

/// A minimal theme on disk, `themes/plain`, marking its pages with `plain-*` classes.
fn write_plain_theme(site: &Site) {
    let t = "themes/plain/templates";
    site.write(
        &format!("{t}/base.html"),
        "<!doctype html><html><head><title>{{ page.title }}</title><link rel=\"canonical\" href=\"{{ page.permalink }}\"></head><body>{% block content %}{% endblock content %}</body></html>\n",
    );
    site.write(
        &format!("{t}/index.html"),
        "{% extends \"base.html\" %}{% block content %}<ul class=\"plain-list\">{% for a in articles %}<li><a href=\"{{ a.url }}\">{{ a.title }}</a></li>{% endfor %}</ul>{% endblock content %}\n",
    );
    site.write(
        &format!("{t}/article.html"),
        "{% extends \"base.html\" %}{% block content %}<div class=\"plain-article\">{{ article.title }}</div>{% endblock content %}\n",
    );
    for name in ["topics.html", "topic.html", "404.html"] {
        site.write(
            &format!("{t}/{name}"),
            "{% extends \"base.html\" %}{% block content %}<p class=\"plain-other\">{{ page.title }}</p>{% endblock content %}\n",
        );
    }
    site.write("themes/plain/static/plain.css", "/* theme */\n");
}

#[test]
fn a_theme_on_disk_is_used_and_site_templates_override_it() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}theme = \"plain\"\n"));
    write_plain_theme(&site);
    site.article("a.md", "Plainly", "2016-01-01", "");
    site.build_ok(&[]);
    let home = site.page("/");
    assert_eq!(texts(&home, "ul.plain-list li a"), ["Plainly"]);
    let article = site.page("/2016/01/01/plainly/");
    assert_eq!(texts(&article, "div.plain-article"), ["Plainly"]);
    assert_eq!(
        std::fs::read(site.public().join("plain.css")).unwrap(),
        b"/* theme */\n"
    );

    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<div class=\"site-article\">{{ article.title }}</div>{% endblock content %}\n",
    );
    site.write("static/plain.css", "/* site */\n");
    site.build_ok(&[]);
    let article = site.page("/2016/01/01/plainly/");
    assert_eq!(texts(&article, "div.site-article"), ["Plainly"]);
    assert!(select(&article, "div.plain-article").is_empty());
    assert_eq!(texts(&site.page("/"), "ul.plain-list li a"), ["Plainly"]);
    assert_eq!(
        std::fs::read(site.public().join("plain.css")).unwrap(),
        b"/* site */\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Static files
// ---------------------------------------------------------------------------------------------

#[test]
fn static_files_are_copied_byte_for_byte() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    let png: Vec<u8> = (0..=255u8)
        .chain([0x89, b'P', b'N', b'G', 0, 0xff])
        .collect();
    site.write("static/img/logo.png", &png);
    site.write("static/robots.txt", "User-agent: *\n");
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read(site.public().join("img/logo.png")).unwrap(),
        png
    );
    assert_eq!(
        std::fs::read(site.public().join("robots.txt")).unwrap(),
        b"User-agent: *\n"
    );
}

#[test]
fn a_site_static_file_replaces_the_built_in_theme_file_at_the_same_path() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.build_ok(&[]);
    // Whatever is not a page or the marker came from the theme's static folder.
    let theme_files: Vec<_> = files_under(&site.public())
        .into_iter()
        .filter(|p| {
            p.extension().is_none_or(|e| e != "html")
                && !p.ends_with(".gazette-build")
                && !p.ends_with(".gazette-manifest")
        })
        .collect();
    assert!(
        !theme_files.is_empty(),
        "the built-in theme has static files"
    );
    let mine = b"/* my own */\n".to_vec();
    for file in &theme_files {
        assert_ne!(std::fs::read(site.public().join(file)).unwrap(), mine);
        site.write(&format!("static/{}", file.to_string_lossy()), &mine);
    }
    site.build_ok(&[]);
    for file in &theme_files {
        assert_eq!(
            std::fs::read(site.public().join(file)).unwrap(),
            mine,
            "{}",
            file.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Links, base URLs and canonical addresses
// ---------------------------------------------------------------------------------------------

/// A site with every kind of page: several articles and topics, two home pages, an image.
fn site_with_every_kind_of_page() -> Site {
    let site = Site::with_config(&format!("{BASIC_CONFIG}paginate = 2\n"));
    site.article(
        "a.md",
        "Alpha",
        "2016-01-01",
        "topics = [\"Canada\", \"ISIS\"]\n",
    );
    site.article(
        "b.md",
        "Bravo",
        "2016-01-02",
        "topics = [\"Canada\"]\nimage = \"/img/lead.jpg\"\n",
    );
    site.article("c.md", "Charlie", "2016-01-03", "topics = [\"Canada\"]\n");
    // Site paths written in a body must follow the base path too.
    site.write(
        "content/e.md",
        toml_article(
            "Echo",
            "2016-01-05",
            "topics = [\"ISIS\"]\n",
            "See [Canada](/topics/canada/) and ![the lead](/img/lead.jpg).[^main]\n\n## Main\n\nText.\n\n[^main]: A note.\n",
        ),
    );
    site.write("static/img/lead.jpg", [0xff, 0xd8, 0xff]);
    site
}

/// Whether a link leaves the site or stays on the page (not an internal path).
fn is_external(link: &str) -> bool {
    link.starts_with('#')
        || link.starts_with("//")
        || link.starts_with("mailto:")
        || link.contains("://")
}

/// Checks every page in `out`: internal links start with `base_path` and lead to a written
/// file; the canonical link is `base_url` plus the page's own path.
fn check_links(out: &Path, base_url: &str, base_path: &str) {
    let pages = html_pages(out);
    assert!(pages.len() > 5, "{pages:?}");
    for (url, _) in &pages {
        let page = page_in(out, url);
        let canonical = attrs(&page, "link[rel=canonical]", "href");
        let expected = format!("{base_url}{}", url.trim_start_matches('/'));
        // A not-found page need not name a canonical address, but any it names must be right.
        if !(url == "/404.html" && canonical.is_empty()) {
            assert_eq!(canonical, [expected], "canonical link of {url}");
        }
        for (element, link) in links(&page) {
            if link.starts_with(base_url) {
                continue;
            }
            assert!(
                !link.contains("example.org"),
                "<{element}> {link} on {url} is an absolute link outside {base_url}"
            );
            if is_external(&link) {
                continue;
            }
            // A fragment is checked by `gazette check`, not here: the page is what counts.
            let link = link.split('#').next().unwrap_or_default().to_string();
            let Some(inside) = link.strip_prefix(base_path) else {
                panic!("<{element}> {link} on {url} does not start with {base_path}");
            };
            let target = url_to_file(out, &format!("/{inside}"));
            assert!(
                target.is_file(),
                "<{element}> {link} on {url} leads to nothing ({})",
                target.display()
            );
        }
    }
}

#[test]
fn element_ids_are_unique_on_every_page() {
    // Headings and footnotes named like the layout's own ids ("main") must not clash.
    let site = site_with_every_kind_of_page();
    site.write(
        "content/ids.md",
        toml_article(
            "Ids",
            "2016-01-06",
            "",
            "## Main\n\n## Content\n\n## Top\n\n## Main\n\nA note[^main] and another[^content].\n\n[^main]: One.\n\n[^content]: Two.\n",
        ),
    );
    site.build_ok(&[]);
    for (url, _) in html_pages(&site.public()) {
        let page = site.page(&url);
        let ids = attrs(&page, "[id]", "id");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids on {url}: {ids:?}");
        // Every in-page link has a target.
        for href in attrs(&page, "a[href^='#']", "href") {
            let target = &href[1..];
            assert!(
                ids.iter().any(|i| i == target),
                "{href} on {url} has no target"
            );
        }
    }
}

#[test]
fn every_internal_link_leads_to_a_written_file() {
    let site = site_with_every_kind_of_page();
    site.build_ok(&[]);
    check_links(&site.public(), "https://example.org/", "/");
}

#[test]
fn base_url_option_puts_every_link_under_its_path() {
    let site = site_with_every_kind_of_page();
    site.build_ok(&["--base-url", "https://example.org/clippings/"]);
    // The output folder holds the site itself, not a clippings/ folder.
    assert!(site.public().join("index.html").is_file());
    assert!(!site.public().join("clippings").exists());
    check_links(
        &site.public(),
        "https://example.org/clippings/",
        "/clippings/",
    );
    // Spot checks of the kinds of link the walk above could miss if a page had none.
    let home = site.page("/");
    assert!(list_hrefs(&home)
        .iter()
        .all(|h| h.starts_with("/clippings/20")));
    assert_eq!(
        attrs(&home, "head link[rel=next]", "href"),
        ["/clippings/page/1/"]
    );
    let bravo = site.page("/2016/01/02/bravo/");
    assert_eq!(attrs(&bravo, "img", "src"), ["/clippings/img/lead.jpg"]);
    assert_eq!(
        attrs(&bravo, "ul.topics li a", "href"),
        ["/clippings/topics/canada/"]
    );
}

#[test]
fn base_url_in_site_toml_with_a_path_is_used() {
    let site = Site::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/archive\"\npaginate = 2\n",
    );
    for (file, title, date) in [
        ("a.md", "A", "2016-01-01"),
        ("b.md", "B", "2016-01-02"),
        ("c.md", "C", "2016-01-03"),
    ] {
        site.article(file, title, date, "topics = [\"X\"]\n");
    }
    site.build_ok(&[]);
    // A base URL without a trailing slash is read as a folder.
    check_links(&site.public(), "https://example.org/archive/", "/archive/");
}

// ---------------------------------------------------------------------------------------------
// Content discovery
// ---------------------------------------------------------------------------------------------

#[test]
fn hidden_and_editor_temp_files_are_ignored() {
    let site = Site::new();
    site.article("visible.md", "Visible", "2016-01-01", "");
    for (i, name) in [
        ".hidden.md",
        ".#visible.md",
        "visible.md~",
        ".visible.md.swp",
        "#visible.md#",
        ".git/stray.md",
        ".drafts/old.md",
    ]
    .iter()
    .enumerate()
    {
        // Valid articles, so that loading one would show on the home page rather than fail.
        site.article(name, &format!("Ignored {i}"), "2016-01-02", "");
    }
    site.build_ok(&[]);
    assert_eq!(list_titles(&site.page("/")), ["Visible"]);
    let pages: Vec<String> = html_pages(&site.public())
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert!(pages.iter().all(|u| !u.contains("ignored")), "{pages:?}");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_outside_the_site_is_not_loaded() {
    let site = Site::new();
    site.article("inside.md", "Inside", "2016-01-01", "");
    let outside = site.outside().join("outside.md");
    write_file(
        &outside,
        toml_article("Outside", "2016-01-02", "", "Secret text.").as_bytes(),
    );
    std::os::unix::fs::symlink(&outside, site.root().join("content/link.md")).unwrap();
    let run = site.build(&[]);
    run.assert_code(0);
    assert_eq!(list_titles(&site.page("/")), ["Inside"]);
    assert!(!site.has_page("/2016/01/02/outside/"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_folder_leading_outside_content_is_not_loaded() {
    let site = Site::new();
    site.article("inside.md", "Inside", "2016-01-01", "");
    let elsewhere = site.outside().join("elsewhere");
    write_file(
        &elsewhere.join("x.md"),
        toml_article("Elsewhere", "2016-01-02", "", "Secret text.").as_bytes(),
    );
    std::os::unix::fs::symlink(&elsewhere, site.root().join("content/linked")).unwrap();
    site.build_ok(&[]);
    assert_eq!(list_titles(&site.page("/")), ["Inside"]);
}

// ---------------------------------------------------------------------------------------------
// Output folder
// ---------------------------------------------------------------------------------------------

#[test]
fn out_option_writes_to_another_folder() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    let out = site.outside().join("elsewhere");
    site.build_ok(&["--out", out.to_str().unwrap()]);
    assert!(out.join(".gazette-build").is_file());
    assert_eq!(list_titles(&page_in(&out, "/")), ["A"]);
    assert!(!site.public().exists(), "public/ is not written with --out");
}

#[test]
fn relative_out_is_resolved_against_the_current_folder() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    let run = run_in(
        site.outside(),
        &["build", "--root", "site", "--out", "built"],
    );
    run.assert_code(0);
    let out = site.outside().join("built");
    assert_eq!(list_titles(&page_in(&out, "/")), ["A"]);
    assert!(!site.public().exists());
}

#[test]
fn output_dir_from_site_toml_is_used() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}output_dir = \"build/html\"\n"));
    site.article("a.md", "A", "2016-01-01", "");
    site.build_ok(&[]);
    let out = site.root().join("build/html");
    assert!(out.join(".gazette-build").is_file());
    assert_eq!(list_titles(&page_in(&out, "/")), ["A"]);
    assert!(!site.public().exists());
}

#[test]
fn the_output_has_a_marker_a_404_page_and_nothing_beside_it() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.build_ok(&[]);
    assert!(site.public().join(".gazette-build").is_file());
    let not_found = site.page("/404.html");
    assert!(!text_of(one(&not_found, "head title")).is_empty());
    // Staging folders are gone once the build is in place. (The record cache may be there:
    // whether it is depends on how long ago the article was written.)
    let beside: BTreeSet<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".gazette-cache")
        .collect();
    assert_eq!(
        beside,
        BTreeSet::from(["content", "public", "site.toml"].map(String::from))
    );
}
