//! The search page in headless Chromium, query by query, on small fixture sites whose right
//! answers are known (issue 16): Japanese, Russian and Arabic queries in their own scripts,
//! stemmed French and English, quoted phrases, `-word`, the URL's filters and `sort=date`,
//! and a deploy under a subpath. Each check asserts the exact set of articles found (and
//! their order where the query syntax fixes one); a test reports all its failed checks at
//! once.
//!
//! Distractors are written next to each expected article: texts that share characters,
//! words or stems with the query but do not contain it. Needs `chromium` and
//! `chromedriver`, so ignored by default (see `search_browser`).

use crate::search_fixture::{doc, Checks, Doc, SearchSite};

/// The Japanese fixture: "東京都" (Tokyo Metropolis) in two articles; distractors hold 京都
/// (Kyoto) alone, 東京 alone, and 東京 and 京都 apart ("Tokyo and Kyoto"), so the query's
/// two bigrams are both there but not the text. Katakana and hiragana queries likewise, and
/// Thai (written without spaces between words, so segmented as CJK is): "กรุงเทพ" (Bangkok)
/// beside "กรุงศรี" (Ayutthaya's first word), which shares its first four letters.
fn japanese() -> Vec<Doc> {
    vec![
        doc(
            "tokyo-governor",
            "東京都知事選挙の投票率",
            "2016-01-10",
            "東京都の有権者は日曜日に新しい知事を選んだ。",
        ),
        doc(
            "tokyo-budget",
            "予算案が可決",
            "2016-01-11",
            "都議会は来年度の予算案を可決した。東京都の予算は過去最大となった。",
        ),
        doc(
            "kyoto-festival",
            "祇園祭が始まる",
            "2016-01-12",
            "京都の夏の祭りが始まった。",
        ),
        doc(
            "tokyo-station",
            "駅の改修工事",
            "2016-01-13",
            "東京駅の改修工事が終わった。",
        ),
        doc(
            "tokyo-and-kyoto",
            "新幹線の遅れ",
            "2016-01-14",
            "東京と京都を結ぶ新幹線が遅れた。",
        ),
        doc(
            "olympic-torch",
            "聖火の到着",
            "2016-01-15",
            "オリンピックの聖火が空港に到着した。",
        ),
        doc(
            "truck-arrival",
            "物資の到着",
            "2016-01-16",
            "トラックが物資を運んで到着した。",
        ),
        doc(
            "cherry-blossom",
            "春の便り",
            "2016-01-17",
            "公園のさくらが咲いた。",
        ),
        doc(
            "daily-life",
            "暮らしの話",
            "2016-01-18",
            "くらしの手帖を読んだ。",
        ),
        doc(
            "bangkok-rain",
            "ฝนตกหนัก",
            "2016-01-19",
            "ฝนตกหนักในกรุงเทพเมื่อวานนี้",
        ),
        doc("ayutthaya", "เมืองเก่า", "2016-01-20", "กรุงศรีอยุธยาเป็นเมืองเก่า"),
    ]
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn japanese_and_thai_queries_in_their_scripts_find_their_articles() {
    let site = SearchSite::open("ja", &japanese());
    let mut checks = Checks::default();
    checks.exactly(
        &site,
        &[("q", "東京都")],
        &["tokyo-governor", "tokyo-budget"],
    );
    checks.exactly(
        &site,
        &[("q", "京都")],
        &[
            "tokyo-governor",
            "tokyo-budget",
            "kyoto-festival",
            "tokyo-and-kyoto",
        ],
    );
    checks.exactly(&site, &[("q", "オリンピック")], &["olympic-torch"]);
    checks.exactly(&site, &[("q", "さくら")], &["cherry-blossom"]);
    checks.exactly(&site, &[("q", "กรุงเทพ")], &["bangkok-rain"]);
    checks.finish();
}

/// The Russian fixture: "Москве" (in Moscow) and, by the Russian stemmer, "Москва"; Минске
/// shares the ending, Мосул the beginning, and "Moskve" is the query romanised. Greek
/// "Αθήνα" (Athens) is found in capitals without its accent; "Θήβα" (Thebes) is not.
fn russian() -> Vec<Doc> {
    vec![
        doc(
            "moscow-elections",
            "Выборы в Москве",
            "2016-02-01",
            "В Москве прошли муниципальные выборы.",
        ),
        doc(
            "moscow-metro",
            "Новая станция метро",
            "2016-02-02",
            "Москва открыла новую станцию метро.",
        ),
        doc(
            "minsk-meeting",
            "Встреча в Минске",
            "2016-02-03",
            "В Минске прошла встреча министров.",
        ),
        doc(
            "mosul-fighting",
            "Бои за Мосул",
            "2016-02-04",
            "Бои за Мосул продолжаются.",
        ),
        doc(
            "moskve-romanised",
            "Transliteration",
            "2016-02-05",
            "The word Moskve, written in Latin letters.",
        ),
        doc(
            "athens-port",
            "Λιμάνι",
            "2016-02-06",
            "Η Αθήνα άνοιξε το λιμάνι.",
        ),
        doc(
            "thebes-museum",
            "Μουσείο",
            "2016-02-07",
            "Η Θήβα άνοιξε το μουσείο.",
        ),
    ]
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn russian_and_greek_queries_in_their_scripts_find_their_articles() {
    let site = SearchSite::open("ru", &russian());
    let mut checks = Checks::default();
    checks.exactly(
        &site,
        &[("q", "Москве")],
        &["moscow-elections", "moscow-metro"],
    );
    // Case folding in Cyrillic.
    checks.exactly(&site, &[("q", "МОСУЛ")], &["mosul-fighting"]);
    // Case and accent folding in Greek.
    checks.exactly(&site, &[("q", "ΑΘΗΝΑ")], &["athens-port"]);
    checks.finish();
}

/// The Arabic fixture: "القاهرة" (Cairo) plainly and with its short vowels written
/// (القَاهِرَةِ), which folding removes; the same sentence about Riyadh, Jerusalem (القدس,
/// the same article prefix and first letter) and Cairo in Latin letters are distractors.
fn arabic() -> Vec<Doc> {
    vec![
        doc(
            "cairo-summit",
            "قمة في القاهرة",
            "2016-03-01",
            "اجتمع القادة في القاهرة يوم الأحد.",
        ),
        doc(
            "cairo-vowelled",
            "وصول الوفد",
            "2016-03-02",
            "وصل الوفد إلى القَاهِرَةِ صباحا.",
        ),
        doc(
            "riyadh-summit",
            "قمة في الرياض",
            "2016-03-03",
            "اجتمع القادة في الرياض يوم الأحد.",
        ),
        doc(
            "jerusalem-visit",
            "زيارة القدس",
            "2016-03-04",
            "زار الوفد القدس صباحا.",
        ),
        doc(
            "cairo-latin",
            "Cairo",
            "2016-03-05",
            "Cairo, in Latin letters.",
        ),
    ]
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn an_arabic_query_finds_its_articles_with_or_without_short_vowels() {
    let site = SearchSite::open("ar", &arabic());
    let mut checks = Checks::default();
    checks.exactly(
        &site,
        &[("q", "القاهرة")],
        &["cairo-summit", "cairo-vowelled"],
    );
    checks.exactly(
        &site,
        &[("q", "القَاهِرَة")],
        &["cairo-summit", "cairo-vowelled"],
    );
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_french_site_stems_french() {
    let site = SearchSite::open(
        "fr",
        &[
            doc(
                "early-elections",
                "Des élections anticipées",
                "2016-04-01",
                "Le gouvernement annonce des élections anticipées.",
            ),
            doc(
                "early-election",
                "Le calendrier",
                "2016-04-02",
                "Une élection anticipée aura lieu au printemps.",
            ),
            doc(
                "municipal-election",
                "Le scrutin municipal",
                "2016-04-03",
                "Une élection municipale a eu lieu dimanche.",
            ),
            doc(
                "early-retirement",
                "Les mineurs",
                "2016-04-04",
                "Une retraite anticipée pour les mineurs.",
            ),
        ],
    );
    let mut checks = Checks::default();
    let both = ["early-elections", "early-election"];
    checks.exactly(&site, &[("q", "élections anticipées")], &both);
    checks.exactly(&site, &[("q", "election anticipee")], &both);
    checks.exactly(
        &site,
        &[("q", "ÉLECTION")],
        &["early-elections", "early-election", "municipal-election"],
    );
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn an_english_site_stems_english() {
    let site = SearchSite::open(
        "en",
        &[
            doc(
                "board-decisions",
                "The board meets",
                "2016-05-01",
                "The board published its decisions on the harbour.",
            ),
            doc(
                "bridge-decision",
                "The bridge",
                "2016-05-02",
                "A decision on the bridge is expected.",
            ),
            doc(
                "council-decided",
                "The council",
                "2016-05-03",
                "The council decided to wait.",
            ),
            doc(
                "decimal-point",
                "Prices",
                "2016-05-04",
                "Prices rose by a decimal point.",
            ),
        ],
    );
    let mut checks = Checks::default();
    checks.exactly(
        &site,
        &[("q", "decisions")],
        &["board-decisions", "bridge-decision"],
    );
    checks.exactly(
        &site,
        &[("q", "Decision")],
        &["board-decisions", "bridge-decision"],
    );
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_quoted_phrase_finds_its_words_adjacent_and_in_order() {
    let site = SearchSite::open(
        "en",
        &[
            doc(
                "adjacent",
                "Visit",
                "2016-06-01",
                "The prime minister visited the port.",
            ),
            doc(
                "apart",
                "Remarks",
                "2016-06-02",
                "The minister said the prime concern was the port.",
            ),
            doc(
                "reversed",
                "Rankings",
                "2016-06-03",
                "The list put minister prime above the rest.",
            ),
            doc(
                "plural",
                "Summit",
                "2016-06-04",
                "The prime ministers met in the capital.",
            ),
        ],
    );
    let mut checks = Checks::default();
    checks.exactly(&site, &[("q", "\"prime minister\"")], &["adjacent"]);
    checks.exactly(&site, &[("q", "\"prime minister\" port")], &["adjacent"]);
    // Without quotes the words may be anywhere, and the last one is a prefix too.
    checks.exactly(
        &site,
        &[("q", "prime minister")],
        &["adjacent", "apart", "reversed", "plural"],
    );
    // Typed into the search box, the phrase is searched and goes into the URL as typed.
    let typed = "\"prime minister\"";
    let shown = site.type_query(typed);
    if !shown.finished || shown.slugs != ["adjacent"] {
        checks.fail(
            &[("typed", typed)],
            "expected exactly [\"adjacent\"]",
            &shown,
        );
    }
    let q = site
        .browser()
        .script("return new URLSearchParams(location.search).get('q');");
    if q != typed {
        checks.note(format!("after typing {typed:?} the URL's q is {q}"));
    }
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_minus_word_excludes_the_articles_with_that_word_or_its_stem() {
    let site = SearchSite::open(
        "en",
        &[
            doc(
                "budget-only",
                "Spending",
                "2016-07-01",
                "The city budget was approved.",
            ),
            doc(
                "budget-tax",
                "Fuel",
                "2016-07-02",
                "The budget raises the tax on fuel.",
            ),
            doc(
                "budget-taxes",
                "Families",
                "2016-07-03",
                "The budget cuts taxes for families.",
            ),
            doc("tax-only", "Sugar", "2016-07-04", "A new tax on sugar."),
        ],
    );
    let mut checks = Checks::default();
    checks.exactly(&site, &[("q", "budget -tax")], &["budget-only"]);
    checks.exactly(
        &site,
        &[("q", "budget -fuel")],
        &["budget-only", "budget-taxes"],
    );
    checks.exactly(
        &site,
        &[("q", "-fuel budget")],
        &["budget-only", "budget-taxes"],
    );
    checks.finish();
}

/// Five articles about a harbour, over two topics, two outlets, two authors and three years;
/// one (`marina`) does not say "harbour". `harbour-fr` is in French.
fn harbour() -> Vec<Doc> {
    let mut docs = vec![
        doc(
            "harbour-a",
            "Dredging",
            "2015-03-01",
            "The harbour is dredged.",
        ),
        doc(
            "harbour-b",
            "Cranes",
            "2016-05-02",
            "New cranes for the harbour.",
        ),
        doc(
            "harbour-c",
            "Storm",
            "2016-07-03",
            "A storm closed the harbour.",
        ),
        doc("harbour-d", "Fog", "2015-09-04", "Fog over the harbour."),
        doc("marina", "Marina", "2014-06-05", "The marina reopens."),
    ];
    let facets: [(&[&str], &str, &str); 5] = [
        (&["Ports"], "CBC News", "Jane Doe"),
        (&["Ports"], "Global News", "John Roe"),
        (&["Weather"], "CBC News", "John Roe"),
        (&["Weather"], "Global News", "Jane Doe"),
        (&["Ports"], "CBC News", "John Roe"),
    ];
    for (d, (topics, source, author)) in docs.iter_mut().zip(facets) {
        d.topics = topics.iter().map(|t| t.to_string()).collect();
        d.source = Some(source.into());
        d.authors = vec![author.into()];
    }
    docs
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn filters_from_the_url_and_the_form_narrow_the_results() {
    let site = SearchSite::open("en", &harbour());
    let mut checks = Checks::default();
    let all = ["harbour-a", "harbour-b", "harbour-c", "harbour-d"];
    checks.exactly(&site, &[("q", "harbour")], &all);
    checks.exactly(
        &site,
        &[("q", "harbour"), ("topic", "ports")],
        &["harbour-a", "harbour-b"],
    );
    checks.exactly(
        &site,
        &[("q", "harbour"), ("outlet", "cbc-news")],
        &["harbour-a", "harbour-c"],
    );
    checks.exactly(
        &site,
        &[("q", "harbour"), ("author", "jane-doe")],
        &["harbour-a", "harbour-d"],
    );
    checks.exactly(
        &site,
        &[("q", "harbour"), ("year", "2016")],
        &["harbour-b", "harbour-c"],
    );
    checks.exactly(
        &site,
        &[("q", "harbour"), ("topic", "ports"), ("year", "2016")],
        &["harbour-b"],
    );
    // A filter alone lists its articles.
    checks.exactly(
        &site,
        &[("topic", "ports")],
        &["harbour-a", "harbour-b", "marina"],
    );

    // The form: choosing an outlet narrows the results and puts it in the URL.
    // The old status and list are blanked first, so that what is read next is the new
    // search's, however long it takes.
    site.search(&[("q", "harbour")]);
    site.browser().script(
        "document.getElementById('search-status').textContent = '';\
         document.getElementById('search-results').textContent = '';\
         var s = document.getElementById('search-outlet'); s.value = 'global-news';\
         s.dispatchEvent(new Event('change'));",
    );
    let shown = site.shown();
    let mut got = shown.slugs.clone();
    got.sort();
    if got != ["harbour-b", "harbour-d"] {
        checks.fail(
            &[("form: outlet", "global-news")],
            "expected exactly [harbour-b, harbour-d]",
            &shown,
        );
    }
    let address = site.browser().script("return location.search;");
    if !address
        .as_str()
        .unwrap_or_default()
        .contains("outlet=global-news")
    {
        checks.note(format!("the form's outlet is not in the URL: {address}"));
    }
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn each_language_searches_its_own_articles() {
    // One article in French: it is published, and searched, on the French pages only.
    let mut docs = harbour();
    docs[3].lang = Some("fr".into());
    let site = SearchSite::open("en", &docs);
    let mut checks = Checks::default();
    checks.exactly(
        &site,
        &[("q", "harbour")],
        &["harbour-a", "harbour-b", "harbour-c"],
    );
    site.browser().go(&site.url("/fr/search/?q=harbour"));
    let shown = site.shown();
    if shown.slugs != ["harbour-d"] {
        checks.fail(
            &[("/fr/search/ q", "harbour")],
            "expected exactly [harbour-d]",
            &shown,
        );
    }
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn sort_date_puts_the_newest_first() {
    // The oldest says "ferry" in its title and most often, so it leads by relevance.
    let site = SearchSite::open(
        "en",
        &[
            doc(
                "ferry-2014",
                "Ferry service resumes",
                "2014-03-01",
                "The ferry runs again, a ferry a day.",
            ),
            doc("ferry-2017", "Crossing", "2017-03-01", "A ferry was seen."),
            doc(
                "ferry-2015",
                "Timetable",
                "2015-03-01",
                "The ferry timetable changes.",
            ),
            doc(
                "ferry-2016",
                "Fares",
                "2016-03-01",
                "Fares on the ferry rise.",
            ),
            doc("bridge", "Bridge", "2018-03-01", "The bridge opens."),
        ],
    );
    let mut checks = Checks::default();
    checks.in_order(
        &site,
        &[("q", "ferry"), ("sort", "date")],
        &["ferry-2017", "ferry-2016", "ferry-2015", "ferry-2014"],
    );
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn news_ranking_lifts_a_recent_article_above_an_older_better_match() {
    // Both say "ferry" in their headline; the older says it again in its text, so it is the
    // better match by relevance. With `ranking = "news"` and a 30-day half-life, the newer
    // one (the archive's newest) has twice its score and the older, six years old, none.
    let docs = [
        doc(
            "ferry-old",
            "Ferry timetable",
            "2010-03-01",
            "The ferry runs at noon; the ferry is late.",
        ),
        doc("ferry-new", "Ferry fares", "2016-03-01", "Fares rise."),
    ];
    let mut checks = Checks::default();
    let relevance = SearchSite::open("en", &docs);
    checks.in_order(&relevance, &[("q", "ferry")], &["ferry-old", "ferry-new"]);
    let news = SearchSite::open_at(
        "en",
        "[search]\nranking = \"news\"\nhalf_life = 30\n",
        &docs,
        "/",
    );
    checks.in_order(&news, &[("q", "ferry")], &["ferry-new", "ferry-old"]);
    checks.finish();
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn under_a_subpath_results_link_to_their_pages() {
    let site = SearchSite::open_at("en", "", &harbour(), "/archive/");
    let mut checks = Checks::default();
    let shown = site.search(&[("q", "harbour"), ("topic", "ports")]);
    let mut got = shown.slugs.clone();
    got.sort();
    if !shown.finished || got != ["harbour-a", "harbour-b"] {
        checks.fail(
            &[("q", "harbour"), ("topic", "ports")],
            "expected exactly [harbour-a, harbour-b]",
            &shown,
        );
    }
    for href in &shown.hrefs {
        if !href.starts_with("/archive/") {
            checks.note(format!("a result links outside /archive/: {href}"));
        }
    }
    // Every file the page fetched (the script, the index) came from under the base path.
    let fetched = site.browser().script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });",
    );
    let base = site.url("/archive/");
    let fetched: Vec<&str> = fetched
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    if !fetched.iter().any(|u| u.contains("/search/")) {
        checks.note(format!("the page fetched no search file: {fetched:?}"));
    }
    // A page that names no icon gets /favicon.ico asked for by the browser itself.
    for url in fetched.iter().filter(|u| !u.ends_with("/favicon.ico")) {
        if !url.starts_with(&base) {
            checks.note(format!("the page fetched {url}, outside {base}"));
        }
    }
    // Clicking a result opens that article, at the address the link gave.
    let link = shown
        .hrefs
        .iter()
        .zip(&shown.slugs)
        .find(|(_, slug)| *slug == "harbour-b");
    match link {
        Some((href, _)) => {
            let browser = site.browser();
            let a = browser.element(&format!("#search-results a[href=\"{href}\"]"));
            browser.call(
                "POST",
                &format!("/element/{a}/click"),
                serde_json::json!({}),
            );
            let page = wait_for_page(browser, href);
            if page != [href.as_str(), "Cranes"] {
                checks.note(format!(
                    "clicking {href} opened {page:?}, not the article headed \"Cranes\""
                ));
            }
        }
        None => checks.note("no result to follow".into()),
    }
    checks.finish();
}

/// Waits (up to 10 s) for the browser to show the page at `path`; returns its path and its
/// `h1`'s text.
fn wait_for_page(browser: &crate::search_browser::Browser, path: &str) -> Vec<String> {
    let started = std::time::Instant::now();
    loop {
        let page = browser.script(
            "var h = document.querySelector('h1');\
             return [location.pathname, h ? h.textContent.trim() : ''];",
        );
        let page: Vec<String> = page
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        if page.first().map(String::as_str) == Some(path)
            || started.elapsed() > std::time::Duration::from_secs(10)
        {
            return page;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
