//! The judged query set of `tests/data/search-judged.toml` (issue 16, item 4), run in
//! headless Chromium: synthetic articles written so the right answer is known (an exact
//! title match first, a phrase before scattered words, a stem match found and ranked below
//! an exact one, the newer of equal matches first), and the results each query must start
//! with. Every query runs and every failed judgement is reported at once. Needs `chromium`
//! and `chromedriver`, so ignored by default (see `search_browser`).

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::search_fixture::{data_dir, Checks, Doc, SearchSite};

/// The data file: the site's language, its articles and the judged queries.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Judged {
    language: String,
    article: Vec<JudgedDoc>,
    query: Vec<Query>,
}

/// An article of the data file: a [`Doc`] whose date is a TOML date.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JudgedDoc {
    slug: String,
    title: String,
    date: toml::value::Datetime,
    body: String,
    #[serde(default)]
    standfirst: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    source: Option<String>,
}

/// One judged query: what the results must start with, and optionally all they may hold.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    q: String,
    why: String,
    top: Vec<String>,
    #[serde(default)]
    found: Option<Vec<String>>,
}

fn judged() -> Judged {
    let path = data_dir().join("search-judged.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_judged_set_is_consistent() {
    let judged = judged();
    let slugs: BTreeSet<&str> = judged.article.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(
        slugs.len(),
        judged.article.len(),
        "two articles share a slug"
    );
    for query in &judged.query {
        assert!(!query.top.is_empty(), "{:?} judges nothing", query.q);
        for slug in query.top.iter().chain(query.found.iter().flatten()) {
            assert!(
                slugs.contains(slug.as_str()),
                "{:?} names no article {slug}",
                query.q
            );
        }
        if let Some(found) = &query.found {
            assert!(
                query.top.iter().all(|t| found.contains(t)),
                "{:?}: `top` is not within `found`",
                query.q
            );
        }
    }
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_judged_queries_rank_as_judged() {
    let judged = judged();
    let docs: Vec<Doc> = judged
        .article
        .into_iter()
        .map(|a| Doc {
            slug: a.slug,
            title: a.title,
            date: a.date.to_string(),
            body: a.body,
            standfirst: a.standfirst,
            topics: a.topics,
            authors: a.authors,
            source: a.source,
            lang: None,
        })
        .collect();
    let site = SearchSite::open(&judged.language, &docs);
    let mut checks = Checks::default();
    for query in &judged.query {
        let params = [("q", query.q.as_str())];
        let shown = site.search(&params);
        let starts =
            shown.slugs.len() >= query.top.len() && shown.slugs[..query.top.len()] == query.top[..];
        let whole = query.found.as_ref().is_none_or(|found| {
            let got: BTreeSet<&String> = shown.slugs.iter().collect();
            got == found.iter().collect() && got.len() == shown.slugs.len()
        });
        if !shown.finished || !starts || !whole {
            let mut expected = format!("{} — expected to start with {:?}", query.why, query.top);
            if let Some(found) = &query.found {
                expected.push_str(&format!(" and to find exactly {found:?}"));
            }
            checks.fail(&params, &expected, &shown);
        }
    }
    checks.finish();
}
