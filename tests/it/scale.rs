//! The archive's indexes at 20,000 synthetic articles: complete and consistent. How long they
//! take is measured by the `archive` benchmark (bench/archive.rs), never asserted here.

use std::collections::HashSet;

use gazette::archive::Archive;
use gazette::topics::Vocabulary;

#[test]
fn topic_and_related_indexes_of_20000_articles() {
    let articles = gazette::testing::articles(20_000, 2_000, 42);
    let archive = Archive::build(articles, &Vocabulary::default(), 5).unwrap();
    let all = archive.articles();
    assert_eq!(all.len(), 20_000);

    // Every article is in the list of each of its topics, and each list is newest first.
    let mut memberships = 0;
    for topic in archive.topics() {
        assert!(topic
            .articles
            .windows(2)
            .all(|w| all[w[0]].date >= all[w[1]].date));
        memberships += topic.articles.len();
    }
    let expected: usize = (0..all.len()).map(|id| archive.topics_of(id).count()).sum();
    assert_eq!(memberships, expected);

    // Related articles: at most five, never the article itself, never repeated, and each
    // shares at least one topic with it.
    let mut with_related = 0;
    for id in 0..all.len() {
        let related = archive.related(id);
        assert!(related.len() <= 5);
        assert!(!related.contains(&id));
        assert_eq!(related.iter().collect::<HashSet<_>>().len(), related.len());
        let mine: HashSet<&str> = archive
            .topics_of(id)
            .map(|(t, _)| t.slug.as_str())
            .collect();
        for other in related {
            assert!(archive
                .topics_of(*other)
                .any(|(t, _)| mine.contains(t.slug.as_str())));
        }
        with_related += usize::from(!related.is_empty());
    }
    // With Zipf-distributed topics almost every article shares one with another.
    assert!(with_related > 19_000, "{with_related}");

    // Dates: every article in exactly one month.
    let in_months: usize = archive
        .years()
        .iter()
        .flat_map(|y| &y.months)
        .map(|m| m.articles.len())
        .sum();
    assert_eq!(in_months, 20_000);
}
