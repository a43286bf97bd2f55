//! Multilingual sites (issue 17): the fixture in `tests/data/multilingual` (English, French,
//! Arabic and Japanese; some articles translated, some not) built, and every page, feed,
//! sitemap and search index of it checked by parsing them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;

/// The fixture, copied into a fresh site (Hugo's layout: `story.fr.md`).
fn fixture() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/multilingual");
    let site = Site::with_config(&std::fs::read_to_string(repo.join("site.toml")).unwrap());
    for file in files_under(&repo.join("content")) {
        let text = std::fs::read(repo.join("content").join(&file)).unwrap();
        site.write(&format!("content/{}", file.display()), text);
    }
    site
}

/// The language a page's URL says it is in.
fn language_of(url: &str) -> &'static str {
    ["fr", "ar", "ja"]
        .into_iter()
        .find(|l| url.starts_with(&format!("/{l}/")))
        .unwrap_or("en")
}

/// A page's `hreflang` links: language → address.
fn hreflangs(page: &scraper::Html) -> BTreeMap<String, String> {
    select(page, "head link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| {
            let v = l.value();
            (
                v.attr("hreflang").unwrap().to_string(),
                v.attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

/// The site-relative URL of one of the site's addresses.
fn relative(address: &str) -> &str {
    address
        .strip_prefix("https://example.org")
        .unwrap_or_else(|| panic!("{address} is not the site's"))
}

#[test]
fn every_page_says_its_language_and_direction() {
    let site = fixture();
    site.build_ok(&[]);
    let pages = html_pages(&site.public());
    assert!(pages.len() > 50, "{}", pages.len());
    for (url, path) in &pages {
        let page = scraper::Html::parse_document(&std::fs::read_to_string(path).unwrap());
        let html = one(&page, "html");
        let lang = language_of(url);
        assert_eq!(html.value().attr("lang"), Some(lang), "{url}");
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(html.value().attr("dir"), Some(dir), "{url}");
    }
    // Each language has its own home, topic index, archive, 404 and search page.
    for prefix in ["", "fr/", "ar/", "ja/"] {
        for page in ["", "topics/", "archive/", "authors/", "sources/", "search/"] {
            assert!(
                site.has_page(&format!("/{prefix}{page}")),
                "/{prefix}{page}"
            );
        }
        assert!(site.public().join(format!("{prefix}404.html")).is_file());
    }
    // A home lists its own language's articles only.
    let fr_home = list_hrefs(&site.page("/fr/"));
    assert_eq!(fr_home.len(), 3, "{fr_home:?}");
    assert!(fr_home.iter().all(|h| h.starts_with("/fr/")), "{fr_home:?}");
    let en_home = list_hrefs(&site.page("/"));
    assert_eq!(en_home.len(), 3, "{en_home:?}");
    assert!(
        en_home.iter().all(|h| language_of(h) == "en"),
        "{en_home:?}"
    );
    // The site's title and a declared topic's name in the page's language.
    let ar_topic = site.page("/ar/topics/isis/");
    assert_eq!(text_of(one(&ar_topic, "h1")), "داعش");
    assert_eq!(text_of(one(&ar_topic, ".site-title")), "أرشيف التحالف");
    assert_eq!(
        text_of(one(&site.page("/fr/topics/isis/"), "h1")),
        "État islamique"
    );
    // A French alias ("Daech") is the declared topic, named in French.
    let fr_isis = list_hrefs(&site.page("/fr/topics/isis/"));
    assert_eq!(fr_isis.len(), 2, "{fr_isis:?}");
    assert!(
        fr_isis.iter().any(|h| h.contains("attentats-de-paris")),
        "{fr_isis:?}"
    );
}

#[test]
fn hreflang_sets_are_reciprocal_and_complete() {
    let site = fixture();
    site.build_ok(&[]);
    let out = site.public();
    let mut checked = 0;
    for (url, path) in html_pages(&out) {
        let page = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        let set = hreflangs(&page);
        if set.is_empty() {
            continue;
        }
        checked += 1;
        // Complete: the page itself, in its language, and x-default.
        assert_eq!(
            set.get(language_of(&url)).map(|a| relative(a)),
            Some(url.as_str()),
            "{url}: {set:?}"
        );
        assert!(set.contains_key("x-default"), "{url}: {set:?}");
        // Reciprocal: every version lists the very same set.
        for (lang, address) in &set {
            let other = page_in(&out, relative(address));
            assert_eq!(hreflangs(&other), set, "{url} → {lang} {address}");
            if lang != "x-default" {
                let html = one(&other, "html");
                assert_eq!(html.value().attr("lang"), Some(lang.as_str()));
            }
        }
        // The switcher links the other versions, and marks this one.
        let switcher: BTreeSet<String> = attrs(&page, ".language-switcher a", "hreflang")
            .into_iter()
            .collect();
        let others: BTreeSet<String> = set
            .keys()
            .filter(|l| *l != "x-default" && *l != language_of(&url))
            .cloned()
            .collect();
        assert_eq!(switcher, others, "{url}");
    }
    assert!(checked >= 20, "{checked}");
    // The translations found by each rule: the same file name (fr), translation_key (ar)
    // and Hugo's translationKey (ja); the English-only article has none.
    let coalition = hreflangs(&site.page("/2016/01/19/coalition-meeting/"));
    assert_eq!(
        coalition.keys().map(String::as_str).collect::<Vec<_>>(),
        ["ar", "en", "fr", "ja", "x-default"]
    );
    assert_eq!(
        relative(&coalition["x-default"]),
        "/2016/01/19/coalition-meeting/"
    );
    assert_eq!(
        hreflangs(&site.page("/2016/02/01/sajjan-iraq/")).len(),
        3,
        "en, fr and x-default"
    );
    assert!(hreflangs(&site.page("/2016/02/08/airstrikes-end/")).is_empty());
    // The same month and year in every language that has them.
    let january: Vec<String> = hreflangs(&site.page("/2016/01/")).into_keys().collect();
    assert_eq!(january, ["ar", "en", "fr", "ja", "x-default"]);
    let year: Vec<String> = hreflangs(&site.page("/fr/2016/")).into_keys().collect();
    assert_eq!(year, ["ar", "en", "fr", "ja", "x-default"]);
    assert!(hreflangs(&site.page("/fr/2015/11/")).is_empty());
}

#[test]
fn feeds_sitemaps_and_search_are_per_language() {
    let site = fixture();
    site.build_ok(&["--now", "2016-04-02T00:00:00Z"]);
    for (feed, lang, count) in [
        ("feed.xml", "en", 3),
        ("fr/feed.xml", "fr", 3),
        ("ar/feed.xml", "ar", 2),
        ("ja/feed.xml", "ja", 2),
    ] {
        let xml = read(&site, feed);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(
            root.attribute((roxmltree::NS_XML_URI, "lang")),
            Some(lang),
            "{feed}"
        );
        let links: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .filter_map(|e| {
                e.children()
                    .find(|c| c.has_tag_name((ATOM, "link")))
                    .and_then(|l| l.attribute("href"))
            })
            .collect();
        assert_eq!(links.len(), count, "{feed}: {links:?}");
        assert!(
            links.iter().all(|l| language_of(relative(l)) == lang),
            "{links:?}"
        );
    }

    // The sitemap lists every page once, with the same alternates as the page.
    let xml = read(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let xhtml = "http://www.w3.org/1999/xhtml";
    let mut seen = BTreeSet::new();
    for url in doc
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
    {
        let loc = url
            .children()
            .find(|c| c.has_tag_name((SITEMAP, "loc")))
            .and_then(|l| l.text())
            .unwrap();
        assert!(seen.insert(loc.to_string()), "{loc} listed twice");
        let alternates: BTreeMap<String, String> = url
            .children()
            .filter(|c| c.has_tag_name((xhtml, "link")))
            .map(|l| {
                (
                    l.attribute("hreflang").unwrap().to_string(),
                    l.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(alternates, hreflangs(&site.page(relative(loc))), "{loc}");
    }
    let listed = html_pages(&site.public())
        .into_iter()
        .filter(|(url, _)| !url.ends_with("404.html") && !url.ends_with("/search/"))
        .count();
    assert_eq!(seen.len(), listed);

    // The news sitemap gives each article its own language.
    let news = read(&site, "news-sitemap.xml");
    let languages = texts_of(
        &news,
        "http://www.google.com/schemas/sitemap-news/0.9",
        "language",
    );
    let names = texts_of(
        &news,
        "http://www.google.com/schemas/sitemap-news/0.9",
        "name",
    );
    assert_eq!(languages, ["ja"], "{news}");
    assert_eq!(names, ["有志連合アーカイブ"]);

    // An index per language, with its articles only and its language's stemmer.
    for (prefix, lang, count) in [
        ("", "en", 3),
        ("fr/", "fr", 3),
        ("ar/", "ar", 2),
        ("ja/", "ja", 2),
    ] {
        let manifest: serde_json::Value =
            serde_json::from_str(&read(&site, &format!("{prefix}search/data/manifest.json")))
                .unwrap();
        assert_eq!(manifest["language"], lang, "{prefix}");
        assert_eq!(manifest["count"], count, "{prefix}");
        let page = site.page(&format!("/{prefix}search/"));
        let script = attrs(&page, "script[src]", "src");
        assert!(
            script
                .iter()
                .any(|s| s == &format!("/{prefix}search/search.js")),
            "{script:?}"
        );
    }
    let fr: serde_json::Value =
        serde_json::from_str(&read(&site, "fr/search/data/manifest.json")).unwrap();
    assert_eq!(fr["stemmer"], "french");
}

/// The fixture in Jekyll's layout: `<lang>/news/_posts/<date>-<name>.md`, each with `lang:`.
fn jekyll_layout() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/multilingual");
    let site = Site::with_config(&std::fs::read_to_string(repo.join("site.toml")).unwrap());
    for file in files_under(&repo.join("content")) {
        let text = std::fs::read_to_string(repo.join("content").join(&file)).unwrap();
        let name = file.file_name().unwrap().to_str().unwrap();
        let (stem, lang) = match name.trim_end_matches(".md").rsplit_once('.') {
            Some((stem, lang)) => (stem.to_string(), lang.to_string()),
            None => (name.trim_end_matches(".md").to_string(), "en".to_string()),
        };
        let date = text
            .lines()
            .find_map(|l| l.strip_prefix("date = "))
            .map(|d| d[..10].to_string())
            .unwrap();
        let front = text.replacen("+++\n", &format!("+++\nlang = \"{lang}\"\n"), 1);
        site.write(
            &format!("content/{lang}/news/_posts/{date}-{stem}.md"),
            front,
        );
    }
    site
}

#[test]
fn jekyll_and_hugo_layouts_make_the_same_site() {
    let hugo = fixture();
    hugo.build_ok(&["--now", "2016-04-02T00:00:00Z"]);
    let jekyll = jekyll_layout();
    jekyll.build_ok(&["--now", "2016-04-02T00:00:00Z"]);
    let tree = |site: &Site| {
        let mut t = as_built(snapshot(&site.public()));
        // The manifest names each page's source file, which the layouts name differently.
        t.remove(Path::new(".gazette-manifest"));
        t
    };
    assert_same_tree(&tree(&hugo), &tree(&jekyll), "the Jekyll layout's site");
}

#[test]
fn an_unconfigured_language_works_with_a_warning_and_edits_stay_incremental() {
    let site = fixture();
    site.build_ok(&[]);
    // A German article, a language site.toml does not name; a French edit.
    site.write(
        "content/2016/neu.de.md",
        "+++\ntitle = \"Koalition trifft sich\"\ndate = 2016-05-01\nslug = \"koalition\"\ntopics = [\"Koalition\"]\n+++\nText.\n",
    );
    site.write(
        "content/2016/sajjan-iraq.fr.md",
        "+++\ntitle = \"Sajjan en Irak\"\ndate = 2016-02-01T09:30:00Z\nslug = \"sajjan-irak\"\ntopics = [\"Canada\"]\n+++\nNouveau texte.\n",
    );
    let run = site.build_ok(&[]);
    let warned = run
        .warnings()
        .into_iter()
        .any(|w| w.message.contains("language `de`") && w.path.ends_with("site.toml"));
    assert!(warned, "{}", run.stderr);
    let de = site.page("/de/2016/05/01/koalition/");
    assert_eq!(one(&de, "html").value().attr("lang"), Some("de"));
    assert!(site.has_page("/de/"));
    assert!(site.has_page("/de/topics/koalition/"));
    // The incremental build equals a clean one.
    let clean = site.outside().join("clean");
    site.build_into(&clean, true).unwrap();
    let incremental = site.outside().join("incremental");
    site.build_into(&incremental, true).unwrap();
    site.write(
        "content/2016/sajjan-iraq.fr.md",
        "+++\ntitle = \"Sajjan au Kurdistan\"\ndate = 2016-02-01T09:30:00Z\nslug = \"sajjan-irak\"\ntopics = [\"Canada\"]\n+++\nTexte.\n",
    );
    site.remove("content/2016/kaigo.ja.md");
    site.build_into(&incremental, false).unwrap();
    let clean = site.outside().join("clean2");
    site.build_into(&clean, true).unwrap();
    assert_same_tree(
        &as_built(snapshot(&clean)),
        &as_built(snapshot(&incremental)),
        "an incremental multilingual build",
    );
}

#[test]
fn check_reports_lonely_translation_keys_and_one_way_hreflang_links() {
    let site = fixture();
    let run = run_in(site.root(), &["check"]);
    run.assert_code(0);
    assert!(
        !run.warnings()
            .iter()
            .any(|w| w.message.contains("hreflang")),
        "{}",
        run.stderr
    );
    // A key no other article has; a theme whose every page claims a German version.
    site.write(
        "content/2016/alone.md",
        "+++\ntitle = \"Alone\"\ndate = 2016-06-01\ntranslation_key = \"nobody-else\"\n+++\nText.\n",
    );
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    site.write(
        "templates/base.html",
        base.replacen(
            "</head>",
            "<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/de/\">\n\
             <link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://example.org/\">\n</head>",
            1,
        ),
    );
    let run = run_in(site.root(), &["check"]);
    let warnings = run.warnings();
    assert!(
        warnings.iter().any(|w| w.path.ends_with("content/2016/alone.md")
            && w.message.contains("nobody-else")),
        "{}",
        run.stderr
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("hreflang=\"de\"") && w.message.contains("does not have")),
        "{}",
        run.stderr
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("hreflang=\"en-GB\"")
                && w.message.contains("does not link back")),
        "{}",
        run.stderr
    );
}

#[test]
fn new_and_import_write_an_article_in_a_language() {
    let site = fixture();
    let run = run_in(
        site.root(),
        &[
            "new",
            "Le Canada quitte la coalition",
            "--lang",
            "fr",
            "--date",
            "2016-06-01",
        ],
    );
    run.assert_code(0);
    let written = site
        .root()
        .join("content/2016/06/le-canada-quitte-la-coalition.fr.md");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("lang = \"fr\""), "{text}");
    // A translation of an English headline's slug does not clash with the original.
    run_in(
        site.root(),
        &["new", "Same headline", "--date", "2016-06-02"],
    )
    .assert_code(0);
    run_in(
        site.root(),
        &[
            "new",
            "Same headline",
            "--lang",
            "ar",
            "--date",
            "2016-06-02",
        ],
    )
    .assert_code(0);
    assert!(site
        .root()
        .join("content/2016/06/same-headline.ar.md")
        .is_file());
    let run = run_in(site.root(), &["new", "X", "--lang", "not a tag"]);
    run.assert_code(2);

    let outside = site.outside().join("saved.md");
    std::fs::write(
        &outside,
        "+++\ntitle = \"Nouvelles de Mossoul\"\ndate = 2016-07-01\n+++\nTexte.\n",
    )
    .unwrap();
    run_in(
        site.root(),
        &["import", outside.to_str().unwrap(), "--lang", "fr"],
    )
    .assert_code(0);
    let imported = site
        .root()
        .join("content/2016/07/nouvelles-de-mossoul.fr.md");
    let text = std::fs::read_to_string(&imported).unwrap();
    assert!(text.contains("lang = \"fr\""), "{text}");
    site.build_ok(&["--drafts"]);
    let page = site.page("/fr/2016/07/01/nouvelles-de-mossoul/");
    assert_eq!(one(&page, "html").value().attr("lang"), Some("fr"));
    let page = site.page("/fr/2016/06/01/le-canada-quitte-la-coalition/");
    assert_eq!(one(&page, "html").value().attr("lang"), Some("fr"));
}

#[test]
fn each_language_speaks_its_own_words_and_a_site_can_replace_them() {
    let site = fixture();
    site.build_ok(&[]);
    let label = |url: &str| attrs(&site.page(url), "nav.site-nav", "aria-label");
    assert_eq!(label("/"), ["Sections"]);
    assert_eq!(label("/fr/"), ["Rubriques"]);
    assert_eq!(label("/ar/"), ["الأقسام"]);
    let dates = texts(&site.page("/ar/"), "time");
    assert!(dates.iter().any(|d| d.contains("مارس")), "{dates:?}");
    // The language switcher is labelled in the page's language.
    let switcher = attrs(
        &site.page("/fr/2016/01/19/coalition-meeting/"),
        "nav.language-switcher",
        "aria-label",
    );
    assert_eq!(switcher, ["Langues"]);

    // [languages.fr.strings] replaces the French words, and date_format the long date (lists).
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap()
        + "\n[languages.fr.strings]\nsections = \"Les rubriques\"\n";
    let config = config.replacen(
        "[languages.fr]\n",
        "[languages.fr]\ndate_format = \"%d/%m/%Y\"\n",
        1,
    );
    site.write("site.toml", config);
    site.build_ok(&[]);
    assert_eq!(label("/fr/"), ["Les rubriques"]);
    assert_eq!(label("/"), ["Sections"]);
    let dates = texts(&site.page("/fr/"), "time");
    assert!(dates.iter().any(|d| d.contains("19/01/2016")), "{dates:?}");

    // An unknown key is an error at its line.
    let config =
        std::fs::read_to_string(site.root().join("site.toml")).unwrap() + "nonsense = \"x\"\n";
    site.write("site.toml", config);
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d.message.contains("nonsense") && d.line.is_some()),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_answers_a_missing_page_with_its_languages_404() {
    let site = fixture();
    let server = crate::serve::Server::start(&site, &[]);
    let french = server.get("/fr/no/such/page/");
    assert_eq!(french.status, 404);
    let page = scraper::Html::parse_document(&french.text());
    assert_eq!(one(&page, "html").value().attr("lang"), Some("fr"));
    let english = server.get("/no/such/page/");
    assert_eq!(english.status, 404);
    let page = scraper::Html::parse_document(&english.text());
    assert_eq!(one(&page, "html").value().attr("lang"), Some("en"));
    // A first segment that is no language's falls back to the site's 404.
    let other = server.get("/..%2f/x");
    assert_eq!(other.status, 404);
    server.stop();
}
