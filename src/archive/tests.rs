use super::*;
use crate::article::ArticleTopic;
use crate::topics::TopicDecl;
use chrono::DateTime;
use std::path::PathBuf;

fn article(path: &str, date: &str, title: &str, topics: &[&str]) -> Article {
    crate::testing::article(
        path,
        DateTime::parse_from_rfc3339(date).unwrap(),
        title,
        topics,
    )
}

fn build(articles: Vec<Article>) -> Archive {
    Archive::build(articles, &Vocabulary::default(), 5).unwrap()
}

#[test]
fn newest_first_then_title_then_path() {
    let archive = build(vec![
        article("c.md", "2016-01-01T00:00:00Z", "B", &[]),
        article("b.md", "2016-01-02T00:00:00Z", "Z", &[]),
        article("a.md", "2016-01-01T00:00:00Z", "A", &[]),
    ]);
    let titles: Vec<_> = archive
        .articles()
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["Z", "A", "B"]);
    assert_eq!(archive.newer(0), None);
    assert_eq!(archive.older(0), Some(1));
    assert_eq!(archive.older(2), None);
}

#[test]
fn spellings_merge_into_one_topic() {
    let archive = build(vec![
        article("a.md", "2016-01-01T00:00:00Z", "A", &["isis", "Québec"]),
        article("b.md", "2016-01-02T00:00:00Z", "B", &["ISIS"]),
        article("c.md", "2016-01-03T00:00:00Z", "C", &["ISIS", "Quebec"]),
    ]);
    let topics: Vec<_> = archive
        .topics()
        .iter()
        .map(|t| (t.name.as_str(), t.slug.as_str(), t.articles.len()))
        .collect();
    assert_eq!(topics, [("ISIS", "isis", 3), ("Quebec", "quebec", 2)]);
    let isis = &archive.topics()[0];
    let titles: Vec<_> = isis
        .articles
        .iter()
        .map(|i| archive.articles()[*i].title.as_str())
        .collect();
    assert_eq!(titles, ["C", "B", "A"]);
    let of_a: Vec<_> = archive.topics_of(2).map(|(t, _)| t.slug.as_str()).collect();
    assert_eq!(of_a, ["isis", "quebec"]);
    assert_eq!(isis.related, [(1, 2)]);
}

#[test]
fn declared_topics_take_their_declared_name_and_slug() {
    let vocabulary = Vocabulary::new(
        vec![TopicDecl {
            slug: "isis".into(),
            name: "ISIS".into(),
            kind: Some(TopicKind::Organization),
            aliases: vec!["Islamic State".into()],
            names: Default::default(),
            description: Some("The group.".into()),
            auto: false,
        }],
        crate::slug::Slugs::Ascii,
    )
    .unwrap();
    let mut a = article("a.md", "2016-01-01T00:00:00Z", "A", &[]);
    a.topics.push(ArticleTopic {
        name: "ISIS".into(),
        declared: Some(0),
        inferred: true,
    });
    let archive = Archive::build(vec![a], &vocabulary, 5).unwrap();
    let t = &archive.topics()[0];
    assert_eq!(
        (t.name.as_str(), t.slug.as_str(), t.declared, t.inferred),
        ("ISIS", "isis", true, 1)
    );
    assert_eq!(t.kind, Some(TopicKind::Organization));
}

#[test]
fn dates_authors_and_outlets() {
    let mut a = article("a.md", "2015-11-17T00:00:00-05:00", "A", &[]);
    a.authors = vec!["Jane Doe".into()];
    a.source = Some(crate::article::Source {
        name: "CBC News".into(),
        url: None,
    });
    let mut b = article("b.md", "2016-01-19T00:00:00-05:00", "B", &[]);
    b.authors = vec!["jane doe".into(), "Abe Zed".into()];
    b.source = Some(crate::article::Source {
        name: "CBC news".into(),
        url: Some("https://cbc.ca".into()),
    });
    let c = article("c.md", "2016-01-02T00:00:00-05:00", "C", &[]);
    let archive = build(vec![a, b, c]);
    let years: Vec<_> = archive
        .years()
        .iter()
        .map(|y| (y.year, y.articles.len(), y.months.len()))
        .collect();
    assert_eq!(years, [(2016, 2, 1), (2015, 1, 1)]);
    let authors: Vec<_> = archive
        .authors()
        .iter()
        .map(|a| (a.slug.as_str(), a.articles.len()))
        .collect();
    assert_eq!(authors, [("abe-zed", 1), ("jane-doe", 2)]);
    assert_eq!(archive.outlets().len(), 1);
    assert_eq!(archive.outlets()[0].url.as_deref(), Some("https://cbc.ca"));
    assert_eq!(archive.outlet_of(0).unwrap().articles, [0, 2]);
    let of_b: Vec<_> = archive.authors_of(0).map(|a| a.slug.as_str()).collect();
    assert_eq!(of_b, ["jane-doe", "abe-zed"]);
}

#[test]
fn related_articles_prefer_a_shared_rare_topic() {
    // "Common" is on every article; "Rare" on just two. The article sharing only "Common" is
    // closer in time, but the one sharing "Rare" must come first.
    let mut articles = vec![
        article("x.md", "2016-01-10T00:00:00Z", "X", &["Common", "Rare"]),
        article("near.md", "2016-01-11T00:00:00Z", "Near", &["Common"]),
        article("far.md", "2015-01-01T00:00:00Z", "Far", &["Rare"]),
    ];
    for i in 0..20 {
        articles.push(article(
            &format!("f{i}.md"),
            "2010-01-01T00:00:00Z",
            &format!("Filler {i}"),
            &["Common"],
        ));
    }
    let archive = build(articles);
    let x = archive
        .articles()
        .iter()
        .position(|a| a.title == "X")
        .unwrap();
    let related: Vec<_> = archive
        .related(x)
        .iter()
        .map(|i| archive.articles()[*i].title.as_str())
        .collect();
    assert_eq!(related[0], "Far", "{related:?}");
    assert_eq!(
        related[1], "Near",
        "ties on Common go to the closest in time: {related:?}"
    );
    assert_eq!(related.len(), 5);
}

#[test]
fn duplicate_urls_name_both_files() {
    let problems = Archive::build(
        vec![
            article("content/a.md", "2016-01-01T00:00:00Z", "Same", &[]),
            article("content/b.md", "2016-01-02T00:00:00Z", "Same", &[]),
        ],
        &Vocabulary::default(),
        5,
    )
    .unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, PathBuf::from("content/b.md"));
    assert!(problems[0].message.contains("content/a.md"));
}

#[test]
fn the_archive_order_is_the_sorted_order_whatever_order_articles_come_in() {
    // Few dates and titles, so ties go down to the title and the path.
    let mut articles: Vec<Article> = (0..300)
        .map(|i| {
            article(
                &format!("content/{}.md", (i * 7919) % 1000),
                &format!("2016-01-{:02}T00:00:00Z", 1 + i % 4),
                ["A", "B", "C"][i % 3],
                &[],
            )
        })
        .collect();
    let mut expected = articles.clone();
    expected.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.path.cmp(&b.path))
    });
    let paths = |list: &[Article]| list.iter().map(|a| a.path.clone()).collect::<Vec<_>>();
    for round in 0..3 {
        articles.rotate_left(97 * round);
        articles.reverse();
        assert_eq!(paths(&in_archive_order(articles.clone())), paths(&expected));
    }
}

/// Dates keep the offset they were written with (issue 20), so the newest-first list can go
/// back to a month or day it had left: each month and day is still one group.
#[test]
fn a_month_left_and_come_back_to_is_one_month() {
    let archive = build(vec![
        // 04:30 UTC on February 1st, filed on January 31st as written.
        article("a.md", "2016-01-31T23:30:00-05:00", "Newest", &[]),
        article("b.md", "2016-02-01T02:00:00+00:00", "February", &[]),
        article("c.md", "2016-01-31T01:00:00+00:00", "Older", &[]),
        article("d.md", "2016-01-30T12:00:00+00:00", "Oldest", &[]),
    ]);
    let years = archive.years();
    assert_eq!(years.len(), 1);
    let months: Vec<(u32, Vec<&str>)> = years[0]
        .months
        .iter()
        .map(|m| {
            let titles = m
                .articles
                .iter()
                .map(|id| archive.articles()[*id].title.as_str())
                .collect();
            (m.month, titles)
        })
        .collect();
    assert_eq!(
        months,
        [
            (2, vec!["February"]),
            (1, vec!["Newest", "Older", "Oldest"])
        ]
    );
}

#[test]
fn names_with_numbers_sort_in_natural_order() {
    let mut names = vec![
        "Outlet 10",
        "outlet 2",
        "Outlet 1",
        "Outlet 11",
        "Outlet 02b",
        "Outlet",
        "Étoile 3",
    ];
    names.sort_by_key(|n| super::sort_key(n));
    assert_eq!(
        names,
        [
            "Étoile 3",
            "Outlet",
            "Outlet 1",
            "outlet 2",
            "Outlet 02b",
            "Outlet 10",
            "Outlet 11"
        ]
    );
}
