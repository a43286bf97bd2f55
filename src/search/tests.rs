use super::*;
use crate::archive::Archive;
use crate::article::{Article, ArticleTopic, Body, Source};

fn archive(n: usize) -> Archive {
    let mut articles = crate::testing::articles(n, 50, 3);
    crate::testing::add_bodies(&mut articles, 60, 3);
    articles[0].title = "Sajjan heads to Paris".into();
    articles[0].body = Body::new(
        "",
        "Defence Minister Harjit Sajjan met Nicolas Chapuis in Québec.",
    );
    articles[0].topics.push(ArticleTopic {
        name: "ISIS".into(),
        declared: None,
        inferred: false,
    });
    articles[0].source = Some(Source {
        name: "CBC News".into(),
        url: None,
    });
    Archive::build(articles, &Default::default(), 0).unwrap()
}

fn file<'a>(index: &'a Index, url: &str) -> &'a str {
    let bytes = &index
        .files
        .iter()
        .find(|(u, _)| u == url)
        .unwrap_or_else(|| panic!("no {url}"))
        .1;
    std::str::from_utf8(bytes).unwrap()
}

/// `[first key, name]` pairs of a manifest or directory list.
fn pairs(v: &serde_json::Value) -> Vec<(String, String)> {
    serde_json::from_value(v.clone()).unwrap()
}

/// The shard that holds `key`, found the way the script finds it (through a directory when
/// the manifest has them).
fn shard_of<'a>(index: &'a Index, key: &str) -> Option<(String, &'a str)> {
    let manifest: serde_json::Value =
        serde_json::from_str(file(index, "/search/data/manifest.json")).unwrap();
    let pick = |list: Vec<(String, String)>| -> Option<String> {
        let at = list.partition_point(|(f, _)| f.as_str() <= key);
        (at > 0).then(|| list[at - 1].1.clone())
    };
    let name = match manifest.get("shards") {
        Some(direct) => pick(pairs(direct))?,
        None => {
            let dir = pick(pairs(&manifest["dirs"]))?;
            let list = serde_json::from_str(file(index, &format!("/search/data/dir/{dir}.json")));
            pick(list.unwrap())?
        }
    };
    let text = file(index, &format!("/search/data/shards/{name}.txt"));
    Some((name, text))
}

/// The line of `key` in its shard: the postings line, or with `group`, the stem's line.
fn line<'a>(index: &'a Index, key: &str, group: bool) -> Option<&'a str> {
    let (_, text) = shard_of(index, key)?;
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .find(|(k, rest)| *k == key && rest.starts_with('=') == group)
        .map(|(_, rest)| rest)
}

/// Every (document id, impact) of `key`, read back the way the script reads it.
fn lookup(index: &Index, key: &str) -> Vec<(u64, u64)> {
    let Some(line) = line(index, key, false) else {
        return Vec::new();
    };
    let mut id = 0;
    decode(line)
        .unwrap()
        .chunks(2)
        .map(|pair| {
            id += pair[0];
            (id, pair[1])
        })
        .collect()
}

#[test]
fn numbers_round_trip_through_the_encoding() {
    let numbers = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX as u64, u64::MAX];
    let mut text = String::new();
    for n in numbers {
        encode(&mut text, n);
    }
    assert_eq!(decode(&text).unwrap(), numbers);
    assert_eq!(text.chars().take(3).collect::<String>(), "01V");
    assert_eq!(decode("?"), None);
    // A number too large for 64 bits is refused, not wrapped.
    assert_eq!(decode("_____________0"), None);
}

#[test]
fn ids_follow_dates_and_do_not_move_when_another_day_changes() {
    let archive = archive(300);
    let ids = DocIds::assign(&archive);
    let articles = archive.articles();
    // Ascending id order is ascending date order.
    for w in ids.order.windows(2) {
        assert!(articles[w[0]].date <= articles[w[1]].date);
        assert!(ids.ids[w[0]] < ids.ids[w[1]]);
    }
    // Removing the newest article leaves every other id where it was.
    let mut fewer: Vec<Article> = articles.to_vec();
    let newest = fewer.remove(0);
    let day = newest.date.date_naive();
    let smaller = Archive::build(fewer, &Default::default(), 0).unwrap();
    let again = DocIds::assign(&smaller);
    for (n, a) in smaller.articles().iter().enumerate() {
        let old = articles.iter().position(|b| b.url == a.url).unwrap();
        if a.date.date_naive() != day {
            assert_eq!(again.ids[n], ids.ids[old], "{}", a.url);
        }
    }
}

#[test]
fn shards_are_sorted_ranges_and_every_term_is_found() {
    let archive = archive(3000);
    let index = Index::build(&archive, &Bodies::default(), &Settings::default(), "en").unwrap();
    assert!(index.shards > 1, "a 3000-article index is split");
    let manifest: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/manifest.json")).unwrap();
    assert_eq!(manifest["count"], 3000);
    let list = pairs(&manifest["shards"]);
    assert!(list.windows(2).all(|w| w[0].0 < w[1].0));
    let mut previous = String::new();
    for (first, name) in &list {
        let text = file(&index, &format!("/search/data/shards/{name}.txt"));
        let keys: Vec<&str> = text
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(keys[0], first);
        assert!(keys.iter().all(|t| *t > previous.as_str()));
        previous = keys.last().unwrap().to_string();
    }
    // Titles, body text, topics and outlets are all found; ids ascend.
    let a = archive
        .articles()
        .iter()
        .position(|a| a.title == "Sajjan heads to Paris")
        .unwrap();
    let id = index.ids[a];
    for term in ["sajjan", "chapuis", "quebec", "isis", "cbc"] {
        let found = lookup(&index, term);
        assert!(found.iter().any(|(d, _)| *d == id), "{term}");
        assert!(found.windows(2).all(|w| w[0].0 < w[1].0), "{term}");
    }
    // The headline counts for more than the body.
    let impact = |key: &str| {
        lookup(&index, key)
            .into_iter()
            .find(|p| p.0 == id)
            .unwrap()
            .1
    };
    assert!(impact("sajjan") > impact("chapuis"));
    assert_eq!(
        lookup(&index, "article").len(),
        2999,
        "every other headline"
    );
    // Stop words are left out.
    assert!(lookup(&index, "the").is_empty());
    // No positions and no pairs: one key per distinct word.
    let manifest: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/manifest.json")).unwrap();
    assert!(pairs(&manifest["shards"])
        .iter()
        .all(|(first, _)| !first.starts_with(' ')));
}

#[test]
fn many_shards_are_found_through_directories() {
    let mut articles = crate::testing::articles(4000, 50, 3);
    crate::testing::add_bodies(&mut articles, 100, 3);
    let archive = Archive::build(articles, &Default::default(), 0).unwrap();
    let settings = Settings::default();
    let index = Index::build_with(
        &archive,
        &Bodies::default(),
        &settings,
        Scope::default_language("en"),
        None,
        8,
    )
    .unwrap();
    assert!(index.shards > 8, "{} shards", index.shards);
    let manifest: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/manifest.json")).unwrap();
    assert!(manifest.get("shards").is_none());
    let word = crate::testing::word(5);
    assert!(lookup(&index, &word).len() > 100, "{word}");
    assert_eq!(lookup(&index, "article").len(), 4000);
}

#[test]
fn adding_an_article_rewrites_few_shards() {
    let mut articles = crate::testing::articles(2000, 50, 3);
    crate::testing::add_bodies(&mut articles, 200, 3);
    let before = Archive::build(articles.clone(), &Default::default(), 0).unwrap();
    let mut extra = articles[0].clone();
    extra.url = "/extra/".into();
    extra.date += chrono::Duration::days(400);
    extra.title = "Zyzzyva quokka".into();
    articles.push(extra);
    let after = Archive::build(articles, &Default::default(), 0).unwrap();
    let a = Index::build(&before, &Bodies::default(), &Settings::default(), "en").unwrap();
    let b = Index::build(&after, &Bodies::default(), &Settings::default(), "en").unwrap();
    let shards = |i: &Index| -> std::collections::HashMap<String, Vec<u8>> {
        i.files
            .iter()
            .filter(|(u, _)| u.contains("/shards/"))
            .cloned()
            .collect()
    };
    let (sa, sb) = (shards(&a), shards(&b));
    assert!(sa.len() > 20, "{} shards", sa.len());
    // A shard changed only because it holds one of the new article's words, or because a
    // cut point near such a shard moved.
    let new_id = b.ids[after
        .articles()
        .iter()
        .position(|a| a.url == "/extra/")
        .unwrap()];
    let holds_new = |text: &str| {
        text.lines().any(|l| {
            let rest = l.split_once('\t').unwrap().1;
            !rest.starts_with('=')
                && decode(rest)
                    .unwrap()
                    .chunks(2)
                    .scan(0, |id, p| {
                        *id += p[0];
                        Some(*id)
                    })
                    .any(|id| id == new_id)
        })
    };
    let unexplained: Vec<&String> = sb
        .iter()
        .filter(|(u, bytes)| sa.get(*u) != Some(*bytes))
        .filter(|(_, bytes)| !holds_new(std::str::from_utf8(bytes).unwrap()))
        .map(|(u, _)| u)
        .collect();
    assert!(unexplained.len() <= 2, "{unexplained:?}");
    assert!(lookup(&b, "quokka").len() == 1);
}

#[test]
fn filters_list_each_value_by_slug_and_years_are_id_ranges() {
    let archive = archive(500);
    let index = Index::build(&archive, &Bodies::default(), &Settings::default(), "en").unwrap();
    let facets: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/facets.json")).unwrap();
    assert_eq!(
        facets["topics"].as_array().unwrap().len(),
        archive.topics().len()
    );
    let ids_of = |url: &str| -> Vec<u64> {
        decode(file(&index, url))
            .unwrap()
            .iter()
            .scan(0u64, |id, d| {
                *id += d;
                Some(*id)
            })
            .collect()
    };
    for topic in archive.topics() {
        let mut expected: Vec<u64> = topic.articles.iter().map(|&a| index.ids[a]).collect();
        expected.sort_unstable();
        assert_eq!(
            ids_of(&format!("/search/data/topic/{}.txt", topic.slug)),
            expected
        );
    }
    let mut all: Vec<u64> = index.ids.clone();
    all.sort_unstable();
    assert_eq!(ids_of("/search/data/all.txt"), all);
    let manifest: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/manifest.json")).unwrap();
    for (year, range) in archive
        .years()
        .iter()
        .zip(manifest["years"].as_array().unwrap())
    {
        assert_eq!(range[0], year.year);
        let (from, to) = (range[1].as_u64().unwrap(), range[2].as_u64().unwrap());
        // Exactly the year's articles fall in its range.
        let inside = index
            .ids
            .iter()
            .filter(|id| (from..=to).contains(*id))
            .count();
        assert_eq!(inside, year.articles.len());
    }
    // An article's file says what its result shows.
    let n = archive
        .articles()
        .iter()
        .position(|a| a.title.starts_with("Sajjan"))
        .unwrap();
    let doc: serde_json::Value =
        serde_json::from_slice(&doc_file(&archive, n, &Bodies::default()).unwrap()).unwrap();
    let a = &archive.articles()[n];
    assert_eq!(doc["u"], a.url.as_str());
    assert_eq!(doc["t"], a.title.as_str());
    assert_eq!(doc["d"], a.date.format("%Y-%m-%d").to_string());
    assert_eq!(doc["o"][1], "CBC News");
    assert!(doc["x"].as_str().unwrap().contains("Chapuis"));
}

#[test]
fn settings_leave_out_the_body_and_unlisted_fields() {
    let archive = archive(50);
    let settings = Settings {
        fields: vec![Field::Title],
        body: false,
        ..Settings::default()
    };
    let index = Index::build(&archive, &Bodies::default(), &settings, "en").unwrap();
    assert!(!lookup(&index, "sajjan").is_empty());
    assert!(lookup(&index, "chapuis").is_empty(), "the body is left out");
    assert!(lookup(&index, "cbc").is_empty(), "outlets are not listed");
    // Other languages keep every word.
    let index = Index::build(&archive, &Bodies::default(), &Settings::default(), "fr").unwrap();
    assert!(file(&index, "/search/data/manifest.json").contains("\"stop\":[]"));
}

#[test]
fn an_empty_archive_has_an_empty_index() {
    let archive = Archive::build(Vec::new(), &Default::default(), 0).unwrap();
    let index = Index::build(&archive, &Bodies::default(), &Settings::default(), "en").unwrap();
    assert_eq!(index.shards, 0);
    assert!(file(&index, "/search/data/manifest.json").contains("\"count\":0"));
}

#[test]
fn snippet_text_is_cut_on_a_character_boundary() {
    let mut article = crate::testing::articles(1, 1, 1).remove(0);
    article.summary = "Summary.".into();
    article.body = Body::new("", &format!("Summary. {}", "é".repeat(TEXT_LIMIT)));
    let text = snippet_text(&article, &Bodies::default()).unwrap();
    assert!(text.starts_with("Summary.\n\né"));
    assert!(text.len() <= TEXT_LIMIT);
}

/// Builds `archive`'s index through `cache`, saves it, and checks it equals a clean build.
fn cached(archive: &Archive, cache: &Cache) -> Index {
    let settings = Settings::default();
    let bodies = Bodies::default();
    let index = Index::build_with(
        archive,
        &bodies,
        &settings,
        Scope::default_language("en"),
        Some(cache),
        8,
    )
    .unwrap();
    let clean = Index::build_with(
        archive,
        &bodies,
        &settings,
        Scope::default_language("en"),
        None,
        8,
    )
    .unwrap();
    let all = |i: &Index| -> std::collections::BTreeMap<String, Vec<u8>> {
        (0..i.file_count())
            .map(|n| (i.file_url(n).unwrap().to_string(), i.file_bytes(n).unwrap()))
            .collect()
    };
    let (a, b) = (all(&index), all(&clean));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (url, bytes) in &a {
        assert!(*bytes == b[url], "{url} differs from a clean build");
    }
    index.save(cache).unwrap();
    index
}

#[test]
fn an_updated_index_equals_a_clean_one_and_reads_only_what_changed() {
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache {
        dir: folder.path().join("search"),
        key: 7,
        read: true,
    };
    let mut articles = crate::testing::articles(600, 40, 3);
    crate::testing::add_bodies(&mut articles, 80, 3);
    let build =
        |articles: &Vec<Article>| Archive::build(articles.clone(), &Default::default(), 0).unwrap();
    assert_eq!(
        cached(&build(&articles), &cache).indexed,
        600,
        "a first build reads everything"
    );
    assert_eq!(
        cached(&build(&articles), &cache).indexed,
        0,
        "nothing changed"
    );
    // A new headline: one article read again.
    articles[10].title = "Quokkas of Rottnest".into();
    let index = cached(&build(&articles), &cache);
    assert_eq!(index.indexed, 1);
    assert_eq!(lookup(&index, "quokkas").len(), 1);
    // A new article on a day of its own, and one removed.
    let mut extra = articles[3].clone();
    extra.url = "/extra/".into();
    extra.title = "Zyzzyva".into();
    extra.date += chrono::Duration::days(900);
    articles.push(extra);
    let gone = articles.remove(20);
    let index = cached(&build(&articles), &cache);
    assert_eq!(index.indexed, 1);
    assert_eq!(lookup(&index, "zyzzyva").len(), 1);
    let _ = gone;
    // The last word of an article gone (a key with no postings left) leaves the index.
    articles[10].title = "Nothing special".into();
    let index = cached(&build(&articles), &cache);
    assert!(lookup(&index, "quokkas").is_empty());
    // Another key (another gazette, another site.toml) or a damaged shard file:
    // everything again.
    let other = Cache {
        key: 8,
        ..cache.clone()
    };
    assert_eq!(cached(&build(&articles), &other).indexed, articles.len());
    assert_eq!(cached(&build(&articles), &other).indexed, 0);
    let shard = crate::fs::read_dir(&cache.dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "s"))
        .unwrap();
    crate::fs::write(&shard, b"damaged").unwrap();
    assert_eq!(cached(&build(&articles), &other).indexed, articles.len());
    // --force reads nothing.
    let force = Cache {
        read: false,
        ..other.clone()
    };
    assert_eq!(cached(&build(&articles), &force).indexed, articles.len());
}
