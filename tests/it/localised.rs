//! Pages in the site's language: the default theme's words, counts with the language's plural
//! forms, dates and month names (issue 17, item 6), and a site's own words under `[strings]`.

use crate::common::*;

use crate::incremental::assert_incremental_equals_clean;

/// A site in `language` with five articles: three in January 2016 (one topic has them all,
/// one author two of them), one in February, one in March, and search on.
fn site_in(language: &str, extra_config: &str) -> Site {
    let site = Site::with_config(&format!(
        "{BASIC_CONFIG}language = \"{language}\"\n[search]\nenabled = true\n{extra_config}"
    ));
    let dated = [
        (
            "a.md",
            "Alpha",
            "2016-01-19",
            "topics = [\"Syria\"]\nauthors = [\"Ana Bel\", \"Jo Cruz\"]\naliases = [\"/old/alpha/\"]\n",
        ),
        (
            "b.md",
            "Bravo",
            "2016-01-20",
            "topics = [\"Syria\"]\nauthors = [\"Ana Bel\"]\n",
        ),
        (
            "c.md",
            "Charlie",
            "2016-01-21",
            "topics = [\"Syria\", \"Iraq\"]\n",
        ),
        ("d.md", "Delta", "2016-02-03", ""),
        ("e.md", "Echo", "2016-03-04", ""),
    ];
    for (file, title, date, extra) in dated {
        site.article(file, title, date, extra);
    }
    site
}

/// The texts of the main navigation's links.
/// The menu's links; the last, "Search", shows on phones only (the header's box stands for
/// it on wider screens).
fn nav(doc: &scraper::Html) -> Vec<String> {
    texts(doc, "nav.site-nav a")
}

fn summary(doc: &scraper::Html) -> String {
    texts(doc, ".page-summary").join(" | ")
}

#[test]
fn a_french_site_reads_in_french() {
    let site = site_in("fr", "");
    site.build_ok(&[]);
    let home = site.page("/");
    assert_eq!(
        nav(&home),
        [
            "À la une",
            "Thèmes",
            "Archives",
            "Sources",
            "Auteurs",
            "Rechercher"
        ]
    );
    assert_eq!(texts(&home, "h1"), ["Derniers articles"]);
    assert_eq!(summary(&home), "5 articles dans les archives");
    assert_eq!(texts(&home, ".skip-link"), ["Aller au contenu"]);
    let dates = texts(&home, ".article-list time");
    assert_eq!(dates.first().map(String::as_str), Some("4 mars 2016"));
    // French counts 0 and 1 as singular.
    let iraq = site.page("/topics/iraq/");
    assert!(
        summary(&iraq).starts_with("1 article, 21 janvier 2016"),
        "{}",
        summary(&iraq)
    );
    assert_eq!(texts(&iraq, ".kicker a"), ["Thème"]);
    let january = site.page("/2016/01/");
    assert_eq!(texts(&january, "h1"), ["Janvier 2016"]);
    assert_eq!(
        attrs(&january, "meta[name=description]", "content"),
        ["Articles de janvier 2016 dans Test Archive"]
    );
    assert_eq!(texts(&january, ".day-title time")[0], "jeudi 21 janvier");
    let year = site.page("/2016/");
    assert_eq!(
        texts(&year, ".month-list a"),
        ["Mars", "Février", "Janvier"]
    );
    let article = site.page("/2016/01/19/alpha/");
    assert_eq!(texts(&article, ".byline"), ["Par Ana Bel et Jo Cruz"]);
    assert_eq!(texts(&article, ".meta time"), ["mardi 19 janvier 2016"]);
    assert_eq!(texts(&article, ".reading-time"), ["1 min de lecture"]);
    let authors = site.page("/authors/");
    assert_eq!(
        summary(&authors),
        "2 auteurs, avec le nombre d’articles de chacun"
    );
    let topic = site.page("/topics/syria/");
    let description = attrs(&topic, "meta[name=description]", "content");
    assert_eq!(description, ["Articles sur Syria dans Test Archive"]);
    let moved = site.page("/old/alpha/");
    assert_eq!(texts(&moved, "p"), ["Cet article a été déplacé : Alpha."]);
    assert_eq!(attrs(&moved, "p a", "href"), ["/2016/01/19/alpha/"]);
    let missing = site.page("/404.html");
    assert_eq!(texts(&missing, "h1"), ["Page introuvable"]);
    assert_eq!(
        texts(&missing, ".not-found a"),
        ["derniers articles", "thème"]
    );
    assert_eq!(attrs(&missing, ".not-found a", "href"), ["/", "/topics/"]);
}

#[test]
fn an_arabic_site_counts_with_arabic_plural_forms() {
    let site = site_in("ar", "");
    site.build_ok(&[]);
    let home = site.page("/");
    assert_eq!(
        nav(&home),
        ["الأحدث", "المواضيع", "الأرشيف", "المصادر", "الكتّاب", "بحث"]
    );
    // 5 is "few" (3–10); a topic of 3 is "few", of 1 "one"; an author of 2 "two".
    assert_eq!(summary(&home), "5 مقالات في الأرشيف");
    assert!(summary(&site.page("/topics/syria/")).starts_with("3 مقالات، 19 يناير 2016"));
    assert!(summary(&site.page("/topics/iraq/")).starts_with("مقال واحد، 21 يناير 2016"));
    assert_eq!(summary(&site.page("/authors/ana-bel/")), "مقالان");
    assert_eq!(texts(&site.page("/2016/01/"), "h1"), ["يناير 2016"]);
    let article = site.page("/2016/01/19/alpha/");
    assert_eq!(texts(&article, ".meta time"), ["الثلاثاء، 19 يناير 2016"]);
    assert_eq!(texts(&article, ".byline"), ["بقلم Ana Bel وJo Cruz"]);
}

#[test]
fn a_japanese_site_writes_dates_and_months_the_japanese_way() {
    let site = site_in("ja", "");
    site.build_ok(&[]);
    let home = site.page("/");
    assert_eq!(
        nav(&home),
        ["最新", "トピック", "アーカイブ", "ソース", "執筆者", "検索"]
    );
    assert_eq!(summary(&home), "アーカイブの記事5件");
    assert_eq!(texts(&site.page("/2016/01/"), "h1"), ["2016年1月"]);
    assert_eq!(
        texts(&site.page("/2016/"), ".month-list a"),
        ["3月", "2月", "1月"]
    );
    let article = site.page("/2016/01/19/alpha/");
    assert_eq!(texts(&article, ".meta time"), ["2016年1月19日（火）"]);
    assert_eq!(texts(&article, ".reading-time"), ["1分で読めます"]);
    assert!(summary(&site.page("/topics/syria/")).starts_with("3件の記事"));
}

#[test]
fn a_russian_site_declines_counts_and_months() {
    let site = site_in("ru", "");
    site.build_ok(&[]);
    let home = site.page("/");
    assert_eq!(
        nav(&home),
        ["Последнее", "Темы", "Архив", "Источники", "Авторы", "Поиск"]
    );
    assert_eq!(summary(&home), "5 статей в архиве");
    assert!(summary(&site.page("/topics/syria/")).starts_with("3 статьи, 19 января 2016"));
    assert!(summary(&site.page("/topics/iraq/")).starts_with("1 статья"));
    // On its own a month is nominative; in a date, genitive.
    assert_eq!(texts(&site.page("/2016/01/"), "h1"), ["Январь 2016"]);
    let article = site.page("/2016/01/19/alpha/");
    assert_eq!(texts(&article, ".meta time"), ["Вторник, 19 января 2016"]);
}

#[test]
fn the_search_page_gives_its_script_the_words_of_the_language() {
    let site = site_in("fr", "");
    site.build_ok(&[]);
    let search = site.page("/search/");
    assert_eq!(texts(&search, "h1"), ["Rechercher"]);
    let data = attrs(&search, "#search", "data-strings");
    let strings: serde_json::Value = serde_json::from_str(&data[0]).expect("JSON in data-strings");
    assert_eq!(strings["no_results"], "Aucun résultat");
    assert_eq!(strings["n_results"]["one"], "{n} résultat");
    assert_eq!(strings["n_results"]["many"], "{n} de résultats");
    assert_eq!(texts(&search, "#search-more"), ["Plus de résultats"]);
}

#[test]
fn strings_in_site_toml_replace_the_themes_words() {
    let site = site_in(
        "en",
        "[strings]\nlatest = \"Front page\"\nn_articles = { one = \"{n} story\", other = \"{n} stories\" }\ndate_long = \"%-d %B %Y\"\n",
    );
    site.build_ok(&[]);
    let home = site.page("/");
    assert_eq!(nav(&home)[0], "Front page");
    assert_eq!(texts(&home, ".article-list time")[0], "4 March 2016");
    assert!(summary(&site.page("/topics/syria/")).starts_with("3 stories, 19 January 2016"));
    assert!(summary(&site.page("/topics/iraq/")).starts_with("1 story"));
}

#[test]
fn an_unknown_string_is_an_error_at_its_line_naming_the_known_keys() {
    let site = site_in(
        "de",
        "[strings]\nlatest = \"Neu\"\nlatest_artcles = \"Neueste\"\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let found = run.diagnostics_for("site.toml");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, Some(8), "{found:?}");
    assert!(
        found[0].message.contains("`strings.latest_artcles`"),
        "{found:?}"
    );
    let help = found[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("did you mean `latest_articles`?"), "{help}");
    assert!(
        help.contains("n_articles") && help.contains("skip_to_content"),
        "{help}"
    );
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn an_edit_of_strings_renders_the_pages_again_as_a_clean_build_would() {
    let site = site_in("fr", "");
    assert_incremental_equals_clean(&site, "first");
    let config = format!(
        "{BASIC_CONFIG}language = \"fr\"\n[search]\nenabled = true\n[strings]\nlatest = \"Dernières nouvelles\"\n"
    );
    site.write("site.toml", config);
    assert_incremental_equals_clean(&site, "strings");
    assert_eq!(nav(&site.page("/2016/01/"))[0], "Dernières nouvelles");
    assert_eq!(
        nav(&site.page("/2016/01/19/alpha/"))[0],
        "Dernières nouvelles"
    );
}
