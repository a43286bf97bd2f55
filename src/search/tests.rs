use super::*;
use crate::archive::Archive;
use crate::article::{ArticleTopic, Body, Source};

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

/// Every (article, score) of `term`, read back the way the script reads it.
fn lookup(index: &Index, term: &str) -> Vec<(u32, u32)> {
    let manifest: serde_json::Value =
        serde_json::from_str(file(index, "/search/data/manifest.json")).unwrap();
    let firsts: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let shard = firsts.partition_point(|f| *f <= term);
    if shard == 0 {
        return Vec::new();
    }
    let text = file(index, &format!("/search/data/shards/{}.txt", shard - 1));
    let Some(line) = text.lines().find(|l| l.split('\t').next() == Some(term)) else {
        return Vec::new();
    };
    let numbers = decode(line.split_once('\t').unwrap().1).unwrap();
    let mut id = 0;
    numbers
        .chunks(2)
        .map(|pair| {
            id += pair[0];
            (id, pair[1])
        })
        .collect()
}

#[test]
fn numbers_round_trip_through_the_encoding() {
    let numbers = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX];
    let mut text = String::new();
    for n in numbers {
        encode(&mut text, n);
    }
    assert_eq!(decode(&text).unwrap(), numbers);
    assert_eq!(text.chars().take(3).collect::<String>(), "01V");
    assert_eq!(decode("?"), None);
    // A number too large for 32 bits is refused, not wrapped.
    assert_eq!(decode("______0"), None);
}

#[test]
fn terms_are_lowercased_transliterated_and_split() {
    let t: Vec<String> = terms("Québec's MINISTER, Harjit Sajjan — 2016 x").collect();
    assert_eq!(t, ["quebec", "minister", "harjit", "sajjan", "2016"]);
    assert_eq!(terms("").count(), 0);
    assert_eq!(terms(&"a".repeat(41)).count(), 0);
    assert_eq!(
        terms("Straße Øresund").collect::<Vec<_>>(),
        ["strasse", "oresund"]
    );
}

#[test]
fn shards_are_sorted_ranges_and_every_term_is_found() {
    let archive = archive(3000);
    let index = Index::build(&archive, &Bodies::default(), &Settings::default(), "en").unwrap();
    assert!(index.shards > 1, "a 3000-article index is split");
    let manifest: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/manifest.json")).unwrap();
    assert_eq!(manifest["count"], 3000);
    let firsts: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]));
    let mut previous = String::new();
    for (n, first) in firsts.iter().enumerate() {
        let text = file(&index, &format!("/search/data/shards/{n}.txt"));
        let terms: Vec<&str> = text
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(terms[0], *first);
        assert!(terms.iter().all(|t| *t > previous.as_str()));
        previous = terms.last().unwrap().to_string();
        // Closed once past the limit: only the last line may cross it.
        let without_last = text.len() - text.lines().last().unwrap().len() - 1;
        assert!(without_last < SHARD_BYTES, "shard {n}");
    }
    // Titles, body text, topics and outlets are all found; ids ascend (newest first).
    let id = archive
        .articles()
        .iter()
        .position(|a| a.title == "Sajjan heads to Paris")
        .unwrap() as u32;
    for term in ["sajjan", "chapuis", "quebec", "isis", "cbc"] {
        let found = lookup(&index, term);
        assert!(found.iter().any(|(d, _)| *d == id), "{term}");
        assert!(found.windows(2).all(|w| w[0].0 < w[1].0), "{term}");
    }
    // The title counts for more than the body.
    let title = lookup(&index, "sajjan")
        .into_iter()
        .find(|p| p.0 == id)
        .unwrap();
    let body = lookup(&index, "chapuis")
        .into_iter()
        .find(|p| p.0 == id)
        .unwrap();
    assert!(title.1 > body.1, "{title:?} {body:?}");
    assert_eq!(
        lookup(&index, "article").len(),
        2999,
        "every other headline"
    );
    // Stop words are left out.
    assert!(lookup(&index, "the").is_empty());
}

#[test]
fn filters_list_each_value_and_years_are_id_ranges() {
    let archive = archive(500);
    let index = Index::build(&archive, &Bodies::default(), &Settings::default(), "en").unwrap();
    let facets: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/facets.json")).unwrap();
    let topics = facets["topics"].as_array().unwrap();
    assert_eq!(topics.len(), archive.topics().len());
    for (n, topic) in archive.topics().iter().enumerate() {
        assert_eq!(topics[n][0], topic.slug.as_str());
        assert_eq!(topics[n][2], topic.articles.len());
        let ids: Vec<usize> = decode(file(&index, &format!("/search/data/topic/{n}.txt")))
            .unwrap()
            .iter()
            .scan(0usize, |id, d| {
                *id += *d as usize;
                Some(*id)
            })
            .collect();
        assert_eq!(ids, topic.articles);
    }
    assert_eq!(
        facets["outlets"].as_array().unwrap().len(),
        archive.outlets().len()
    );
    assert_eq!(
        facets["authors"].as_array().unwrap().len(),
        archive.authors().len()
    );
    let manifest: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/manifest.json")).unwrap();
    for (year, range) in archive
        .years()
        .iter()
        .zip(manifest["years"].as_array().unwrap())
    {
        assert_eq!(range[0], year.year);
        assert_eq!(range[1], year.articles[0]);
        assert_eq!(range[2], *year.articles.last().unwrap());
        assert_eq!(
            year.articles.len(),
            year.articles.last().unwrap() - year.articles[0] + 1
        );
    }
    // Metadata chunks: one row per article, in id order.
    let rows: serde_json::Value =
        serde_json::from_str(file(&index, "/search/data/meta/1.json")).unwrap();
    let row = &rows[0];
    let a = &archive.articles()[CHUNK];
    assert_eq!(row[0], a.url.as_str());
    assert_eq!(row[1], a.title.as_str());
    assert_eq!(row[2], a.date.format("%Y-%m-%d").to_string());
    assert_eq!(row[3], archive.outlet_id_of(CHUNK).unwrap());
}

#[test]
fn settings_leave_out_the_body_and_unlisted_fields() {
    let archive = archive(50);
    let settings = Settings {
        enabled: true,
        fields: vec![Field::Title],
        body: false,
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
    let text = String::from_utf8(text_file(&article, &Bodies::default()).unwrap()).unwrap();
    assert!(text.starts_with("Summary.\n\né"));
    assert!(text.len() <= TEXT_LIMIT);
}
