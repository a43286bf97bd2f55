//! Slugs in every script (issue 17, item 7): a title in Japanese keeps its letters in its URL,
//! its page is written at that Unicode path, and every URL gazette writes to it — links,
//! canonical and og:url, JSON-LD, feeds, sitemaps, the search index, `@/` links and alias
//! redirects — is percent-encoded UTF-8 that a web server decodes back to the file.

use std::path::Path;
use std::time::{Duration, SystemTime};

use percent_encoding::percent_decode_str;
use scraper::Html;

use crate::common::{
    attrs, list_hrefs, read, run_in, texts, texts_of, toml_article, url_to_file, Site,
    BASIC_CONFIG, SITEMAP,
};
use crate::serve::Server;

/// The URL of the Japanese article, as written into pages.
const NIHON: &str = "/2016/01/19/%E6%97%A5%E6%9C%AC/";
/// The topic page of 日本, as written into pages.
const NIHON_TOPIC: &str = "/topics/%E6%97%A5%E6%9C%AC/";

/// A site with an article titled 日本 (its file name has no Latin letters, so the title
/// names it), topics and an author in Japanese, an alias, and an English article that links
/// to it with `@/`.
fn japanese_site(config: &str) -> Site {
    let site = Site::with_config(config);
    site.write(
        "content/2016/記事.md",
        toml_article(
            "日本",
            "2016-01-19",
            "topics = [\"日本\", \"Québec\"]\nauthors = [\"山田太郎\"]\naliases = [\"/old/日本/\"]\n",
            "## 東京の会見\n\n首相が話した。",
        ),
    );
    site.write(
        "content/2016/canada.md",
        toml_article(
            "Canada",
            "2016-01-18",
            "",
            "See [the Japanese story](@/2016/記事.md#東京の会見), also at \
             [its path](/2016/01/19/日本/) and [encoded](/2016/01/19/%E6%97%A5%E6%9C%AC/).",
        ),
    );
    site
}

/// `href` as a web server reads it: the path, percent-decoded.
fn decoded(href: &str) -> String {
    let path = href.split(['?', '#']).next().unwrap_or("");
    percent_decode_str(path).decode_utf8().unwrap().into_owned()
}

/// Every site path linked from `doc` (href and src), checked to be percent-encoded ASCII and
/// to resolve, decoded, to a file in `out`.
fn assert_internal_links_resolve(doc: &Html, out: &Path, page: &str) {
    let mut paths = attrs(doc, "[href]", "href");
    paths.extend(attrs(doc, "[src]", "src"));
    let internal: Vec<&String> = paths
        .iter()
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .collect();
    assert!(!internal.is_empty(), "{page}: no internal links");
    for href in internal {
        assert!(
            href.is_ascii() && !href.contains(' '),
            "{page}: {href} is not percent-encoded"
        );
        let file = url_to_file(out, &decoded(href));
        assert!(
            file.is_file(),
            "{page}: {href} resolves to no file ({})",
            file.display()
        );
    }
}

#[test]
fn a_japanese_title_is_written_at_a_unicode_path_and_linked_percent_encoded() {
    let site = japanese_site(BASIC_CONFIG);
    site.build_ok(&[]);
    let out = site.public();

    // On disk, the characters themselves; no pinyin (`ri-ben`) anywhere.
    assert!(out.join("2016/01/19/日本/index.html").is_file());
    assert!(out.join("topics/日本/index.html").is_file());
    assert!(out.join("authors/山田太郎/index.html").is_file());
    assert!(!out.join("2016/01/19/ri-ben").exists());
    // A Latin topic beside it keeps its ASCII slug.
    assert!(out.join("topics/quebec/index.html").is_file());

    // In pages, percent-encoded, and every internal link resolves.
    let home = site.page("/");
    assert!(
        list_hrefs(&home).contains(&NIHON.to_string()),
        "{:?}",
        list_hrefs(&home)
    );
    let article = site.page("/2016/01/19/日本/");
    assert_eq!(texts(&article, "h1"), ["日本"]);
    for (url, doc) in [
        ("/", &home),
        ("/2016/01/19/日本/", &article),
        ("/topics/日本/", &site.page("/topics/日本/")),
        ("/2016/01/18/canada/", &site.page("/2016/01/18/canada/")),
    ] {
        assert_internal_links_resolve(doc, &out, url);
    }
    let permalink = format!("https://example.org{NIHON}");
    assert_eq!(
        attrs(&article, "link[rel=canonical]", "href"),
        [permalink.as_str()]
    );
    assert_eq!(
        attrs(&article, "meta[property='og:url']", "content"),
        [permalink.as_str()]
    );
    assert!(attrs(&article, "a[href]", "href").contains(&NIHON_TOPIC.to_string()));
    // The heading's id is Japanese too, and the `@/` link points at it.
    assert_eq!(attrs(&article, "h2[id]", "id"), ["東京の会見"]);
    let canada = site.page("/2016/01/18/canada/");
    let hrefs = attrs(&canada, "a[href]", "href");
    let fragment = hrefs
        .iter()
        .find_map(|h| h.strip_prefix(&format!("{NIHON}#")))
        .unwrap_or_else(|| panic!("no @/ link in {hrefs:?}"));
    assert_eq!(
        percent_decode_str(fragment).decode_utf8().unwrap(),
        "東京の会見"
    );

    // JSON-LD: every address is encoded; the article's is its permalink.
    let mut addresses = Vec::new();
    for script in texts(&article, "script[type='application/ld+json']") {
        let value: serde_json::Value = serde_json::from_str(&script).unwrap();
        collect_addresses(&value, &mut addresses);
    }
    assert!(addresses.contains(&permalink), "{addresses:?}");
    assert!(addresses.iter().all(|a| a.is_ascii()), "{addresses:?}");

    // Sitemap: <loc> percent-encoded, as the sitemap protocol requires.
    let locs = texts_of(&read(&site, "sitemap.xml"), SITEMAP, "loc");
    assert!(locs.contains(&permalink), "{locs:?}");
    assert!(locs.contains(&format!("https://example.org{NIHON_TOPIC}")));
    assert!(locs.iter().all(|l| l.is_ascii()), "{locs:?}");

    // Feed: the entry's link and id.
    let feed = read(&site, "feed.xml");
    let atom = roxmltree::Document::parse(&feed).unwrap();
    let hrefs: Vec<&str> = atom
        .descendants()
        .filter(|n| n.has_tag_name("link"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(hrefs.contains(&permalink.as_str()), "{hrefs:?}");
    // Entry ids are IRIs, kept as they always were so that feed readers never see an entry
    // twice.
    let ids = texts_of(&feed, "http://www.w3.org/2005/Atom", "id");
    assert!(
        ids.iter()
            .any(|id| id.ends_with(",2016-01-19:/2016/01/19/日本/")),
        "{ids:?}"
    );

    // The search index's document gives the encoded URL, which search.js puts in an href.
    let docs = out.join("search/data/doc");
    let urls: Vec<String> = std::fs::read_dir(&docs)
        .unwrap()
        .map(|e| {
            let doc: serde_json::Value =
                serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap();
            doc["u"].as_str().unwrap().to_string()
        })
        .collect();
    assert!(urls.contains(&NIHON.to_string()), "{urls:?}");

    // `gazette check` finds every link in the articles, written either way, resolves.
    let check = run_in(site.root(), &["check", "--deny-warnings"]);
    check.assert_code(0);

    // The alias is a page at its Unicode path, redirecting to the encoded URL.
    let alias = site.page("/old/日本/");
    assert_eq!(
        attrs(&alias, "link[rel=canonical]", "href"),
        [permalink.as_str()]
    );
    assert_eq!(
        attrs(&alias, "meta[http-equiv=refresh]", "content"),
        [format!("0; url={NIHON}")]
    );
}

/// Every string in a JSON value that is an address of the site.
fn collect_addresses(value: &serde_json::Value, into: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.starts_with("https://example.org/") => {
            into.push(s.clone())
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_addresses(v, into)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_addresses(v, into)),
        _ => {}
    }
}

#[test]
fn a_page_bundle_in_another_script_links_its_files_percent_encoded() {
    let site = Site::new();
    let folder = "content/2016/日本の洪水";
    site.write(
        &format!("{folder}/index.md"),
        "+++\ntitle = \"日本の洪水\"\ndate = 2016-01-19\n\
         image = { src = \"lead.jpg\", alt = \"川\" }\n+++\n\n\
         ![川の水位](lead.jpg)\n\n[報告書](<files/報告 書.pdf>)\n",
    );
    site.write(&format!("{folder}/lead.jpg"), crate::media::jpeg(1200, 800));
    site.write(&format!("{folder}/files/報告 書.pdf"), b"%PDF-1.4\n%%EOF\n");
    site.build_ok(&[]);
    let out = site.public();
    assert!(out
        .join("2016/01/19/日本の洪水/files/報告 書.pdf")
        .is_file());
    let url = "/2016/01/19/日本の洪水/";
    let page = site.page(url);
    assert_internal_links_resolve(&page, &out, url);
    let encoded = "/2016/01/19/%E6%97%A5%E6%9C%AC%E3%81%AE%E6%B4%AA%E6%B0%B4/";
    assert!(
        attrs(&page, "img[src]", "src").contains(&format!("{encoded}lead-1200w.jpg")),
        "{:?}",
        attrs(&page, "img[src]", "src")
    );
    assert_eq!(
        attrs(&page, "meta[property='og:image']", "content"),
        [format!("https://example.org{encoded}lead-1200w.jpg")]
    );
    let check = run_in(site.root(), &["check", "--deny-warnings"]);
    check.assert_code(0);
}

#[test]
fn a_latin_file_name_names_an_article_in_another_script_unless_slugs_are_unicode() {
    for (config, url) in [
        (BASIC_CONFIG.to_string(), "/2016/01/19/japan-election/"),
        (
            format!("{BASIC_CONFIG}slugs = \"unicode\"\n"),
            "/2016/01/19/日本の選挙/",
        ),
    ] {
        let site = Site::with_config(&config);
        site.article("japan-election.md", "日本の選挙", "2016-01-19", "");
        site.build_ok(&[]);
        assert_eq!(texts(&site.page(url), "h1"), ["日本の選挙"], "{config}");
    }
}

#[test]
fn a_japanese_translation_named_like_its_original_gets_the_same_slug_under_its_prefix() {
    let site = Site::with_config(&format!(
        "{BASIC_CONFIG}[languages.ja]\ntitle = \"アーカイブ\"\n"
    ));
    site.article("election.md", "Election", "2016-01-19", "");
    site.article("election.ja.md", "日本の選挙", "2016-01-19", "");
    site.build_ok(&[]);
    assert_eq!(
        texts(&site.page("/2016/01/19/election/"), "h1"),
        ["Election"]
    );
    let japanese = site.page("/ja/2016/01/19/election/");
    assert_eq!(texts(&japanese, "h1"), ["日本の選挙"]);
    // Translations of each other, by their shared name.
    assert!(
        attrs(&japanese, "link[rel=alternate][hreflang=en]", "href")
            .contains(&"https://example.org/2016/01/19/election/".to_string()),
        "{:?}",
        attrs(&japanese, "link[rel=alternate]", "href")
    );
}

#[test]
fn slugs_unicode_keeps_latin_accents() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}slugs = \"unicode\"\n"));
    site.article(
        "q.md",
        "Québec élection",
        "2016-01-19",
        "topics = [\"Québec\"]\n",
    );
    site.build_ok(&[]);
    let out = site.public();
    assert!(out.join("2016/01/19/québec-élection/index.html").is_file());
    assert!(out.join("topics/québec/index.html").is_file());
    let home = site.page("/");
    assert_eq!(
        list_hrefs(&home),
        ["/2016/01/19/qu%C3%A9bec-%C3%A9lection/"]
    );
    assert_internal_links_resolve(&home, &out, "/");

    // The default keeps today's ASCII slugs for the same site.
    site.write("site.toml", BASIC_CONFIG);
    site.build_ok(&[]);
    assert_eq!(
        list_hrefs(&site.page("/")),
        ["/2016/01/19/quebec-election/"]
    );
    assert!(out.join("topics/quebec/index.html").is_file());
}

#[test]
fn serve_serves_a_percent_encoded_unicode_path() {
    let site = japanese_site(BASIC_CONFIG);
    let server = Server::start(&site, &[]);
    let reply = server.get(NIHON);
    assert_eq!(reply.status, 200);
    assert_eq!(texts(&reply.html(), "h1"), ["日本"]);
    assert_eq!(server.get(NIHON_TOPIC).status, 200);
    // Without its slash, redirected to the same encoded path with one.
    let folder = server.get(NIHON.trim_end_matches('/'));
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some(NIHON));
    let (code, printed) = server.stop();
    assert_eq!(code, Some(0), "{printed}");
}

#[test]
fn incremental_builds_equal_clean_builds_with_unicode_slugs() {
    let site = japanese_site(BASIC_CONFIG);
    age(&site, "content/2016/記事.md", 1);
    age(&site, "content/2016/canada.md", 2);
    crate::incremental::assert_incremental_equals_clean(&site, "first");

    // A new title in another script moves the article to a new Unicode path.
    site.write(
        "content/2016/記事.md",
        toml_article("東京", "2016-01-19", "topics = [\"日本\"]\n", "本文。"),
    );
    age(&site, "content/2016/記事.md", 3);
    crate::incremental::assert_incremental_equals_clean(&site, "retitled");
    assert!(site.has_page("/2016/01/19/東京/") && !site.has_page("/2016/01/19/日本/"));

    // Switching `slugs` changes Latin slugs with accents, and nothing else needs a --force.
    site.article("q.md", "Québec", "2016-01-17", "topics = [\"Québec\"]\n");
    age(&site, "content/q.md", 4);
    crate::incremental::assert_incremental_equals_clean(&site, "latin");
    site.write("site.toml", format!("{BASIC_CONFIG}slugs = \"unicode\"\n"));
    crate::incremental::assert_incremental_equals_clean(&site, "unicode");
    assert!(site.has_page("/2016/01/17/québec/") && site.has_page("/topics/québec/"));
}

/// Dates a content file an hour back (plus `n` seconds): the record cache does not trust
/// files modified in the last seconds, and a test must not depend on how fast it runs.
fn age(site: &Site, relative: &str, n: u64) {
    let when = SystemTime::now() - Duration::from_secs(3600) + Duration::from_secs(n);
    std::fs::File::options()
        .write(true)
        .open(site.root().join(relative))
        .unwrap()
        .set_modified(when)
        .unwrap();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn search_results_link_percent_encoded_and_filters_take_slugs_with_marks() {
    use crate::search_fixture::{doc, Doc, SearchSite};
    // Devanagari's vowel signs are marks (\p{M}): a topic slug with them is still a slug.
    let docs = vec![
        Doc {
            topics: vec!["भारत".into()],
            ..doc(
                "भारत-की-राजधानी",
                "भारत की राजधानी",
                "2016-01-19",
                "दिल्ली भारत की राजधानी है।",
            )
        },
        Doc {
            topics: vec!["日本".into()],
            ..doc("日本", "日本", "2016-01-18", "東京は日本の首都です。")
        },
    ];
    let site = SearchSite::open("hi", &docs);
    for (params, url) in [
        (vec![("topic", "भारत")], "/2016/01/19/भारत-की-राजधानी/"),
        (vec![("q", "東京")], "/2016/01/18/日本/"),
    ] {
        let shown = site.search(&params);
        assert!(shown.finished, "{params:?}: {}", shown.status);
        assert_eq!(shown.hrefs.len(), 1, "{params:?}: {shown:?}");
        let href = &shown.hrefs[0];
        assert!(href.is_ascii(), "{href} is not percent-encoded");
        assert_eq!(decoded(href), url);
    }
}
