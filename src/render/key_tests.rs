//! Page keys: what changes a page's key and what does not. Sites are made from article text
//! with the loader's parser, rendered with the built-in theme, and never touch the disk.

use std::path::Path;

use super::*;
use crate::archive::Archive;
use crate::config::Config;
use crate::render::{FeedOf, Job, ListPage, Renderer, Templates};

/// One article of a fixture: its title, its date (which fixes its place: newest first), its
/// front-matter lines besides title, date and slug, and its body. The slug is given, so a
/// new title changes what the article says and not where it is.
#[derive(Clone)]
struct Fixture {
    slug: &'static str,
    title: String,
    date: &'static str,
    extra: String,
    body: String,
}

fn fixture(slug: &'static str, date: &'static str) -> Fixture {
    Fixture {
        slug,
        title: slug.to_uppercase(),
        date,
        // An explicit summary, so a new body does not make a new summary.
        extra: "summary = \"The summary.\"\n".into(),
        body: "Some words here.".into(),
    }
}

/// Four articles, newest first: a, b, c, d (ids 0 to 3).
fn four() -> Vec<Fixture> {
    vec![
        fixture("a", "2016-01-04"),
        fixture("b", "2016-01-03"),
        fixture("c", "2016-01-02"),
        fixture("d", "2016-01-01"),
    ]
}

/// Runs `f` with a renderer of a site of `articles`, two to a listing page.
fn with_site<T>(articles: &[Fixture], f: impl FnOnce(&Renderer) -> T) -> T {
    let config = Config::parse(
        Path::new("/nonexistent-site"),
        "title = \"T\"\nbase_url = \"https://example.org/\"\npaginate = 2\n",
    )
    .unwrap();
    let records = articles
        .iter()
        .map(|a| {
            let text = format!(
                "+++\ntitle = {:?}\ndate = {}\nslug = {:?}\n{}+++\n{}\n",
                a.title, a.date, a.slug, a.extra, a.body
            );
            let path = format!("content/{}.md", a.slug);
            crate::loader::parse_article(&config, Path::new(&path), Path::new(&path), &text)
                .unwrap()
        })
        .collect();
    let archive = Archive::build(records, &config.topics, config.related_articles).unwrap();
    let theme = crate::theme::load(&config).unwrap();
    let templates = Templates::load(&config, &theme).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2016-02-01T00:00:00Z").unwrap();
    let bodies = crate::article::Bodies::default();
    let renderer = Renderer::new(&config, &archive, &bodies, &templates, now, None).unwrap();
    f(&renderer)
}

fn key_of(articles: &[Fixture], job: Job) -> (Option<u128>, Vec<ArticleId>) {
    with_site(articles, |r| r.key_and_shown(job))
}

/// The key of `job` before and after `change` is made to the articles.
fn before_after(job: Job, change: impl FnOnce(&mut Vec<Fixture>)) -> (u128, u128) {
    let before = four();
    let mut after = before.clone();
    change(&mut after);
    (
        key_of(&before, job).0.expect("the job has a key"),
        key_of(&after, job).0.expect("the job has a key"),
    )
}

fn finish(pieces: &[&[u8]]) -> u128 {
    let mut key = Key::new(&[]);
    for piece in pieces {
        key.bytes(piece);
    }
    key.finish()
}

#[test]
fn pieces_are_length_prefixed() {
    assert_ne!(finish(&[b"ab", b"c"]), finish(&[b"a", b"bc"]));
    assert_ne!(finish(&[b"abc"]), finish(&[b"ab", b"c"]));
    // An empty piece is still a piece.
    assert_ne!(finish(&[b"a", b""]), finish(&[b"a"]));
    assert_ne!(finish(&[b""]), finish(&[]));
    // The same pieces make the same key.
    assert_eq!(finish(&[b"ab", b"c"]), finish(&[b"ab", b"c"]));
}

#[test]
fn finish_never_returns_the_manifests_no_key() {
    assert_ne!(finish(&[]), 0);
    for n in 0u32..10_000 {
        assert_ne!(finish(&[&n.to_le_bytes()]), 0, "{n}");
    }
}

#[test]
fn a_variable_is_keyed_by_its_name_and_its_value() {
    let key = |name: &str, value: &serde_json::Value| {
        let mut key = Key::new(&[]);
        key.put(name, value);
        key.finish()
    };
    let one = serde_json::json!({"a": 1});
    assert_eq!(key("x", &one), key("x", &one));
    assert_ne!(key("x", &one), key("y", &one));
    assert_ne!(key("x", &one), key("x", &serde_json::json!({"a": 2})));
    // An empty list is not null.
    assert_ne!(
        key("x", &serde_json::json!([])),
        key("x", &serde_json::json!(null))
    );
}

#[test]
fn a_listing_key_follows_the_articles_it_lists_and_no_other() {
    // The latest page of the home list shows a and b; page 1 (the oldest) shows c and d.
    let (_, shown) = key_of(&four(), Job::Home(0, ListPage::Latest));
    assert_eq!(shown, [0, 1]);
    let (before, after) = before_after(Job::Home(0, ListPage::Latest), |a| {
        a[1].title = "B, retitled".into()
    });
    assert_ne!(before, after, "a listed article's title changed");
    let (before, after) = before_after(Job::Home(0, ListPage::Latest), |a| {
        a[2].title = "C, retitled".into()
    });
    assert_eq!(before, after, "an article on another page changed");
    let (before, after) = before_after(Job::Home(0, ListPage::Numbered(1)), |a| {
        a[2].title = "C, retitled".into()
    });
    assert_ne!(before, after);
}

#[test]
fn a_listing_key_ignores_a_listed_articles_body_when_its_view_is_unchanged() {
    // Same number of words and the same summary: the list shows nothing of the body.
    let (before, after) = before_after(Job::Home(0, ListPage::Latest), |a| {
        a[0].body = "Other words there.".into()
    });
    assert_eq!(before, after);
    let (before, after) = before_after(Job::Home(0, ListPage::Latest), |a| {
        a[0].body = "Now there are five words.".into()
    });
    assert_ne!(before, after, "the word count is in the view");
}

#[test]
fn an_article_page_key_follows_its_body_and_its_neighbours() {
    // b's page shows b with its body, a as newer and c as older.
    let (_, shown) = key_of(&four(), Job::Article(1));
    assert_eq!(shown, [1, 0, 2]);
    let (before, after) =
        before_after(Job::Article(1), |a| a[1].body = "Other words there.".into());
    assert_ne!(before, after, "its own body changed");
    for neighbour in [0, 2] {
        let (before, after) =
            before_after(Job::Article(1), |a| a[neighbour].title = "Retitled".into());
        assert_ne!(before, after, "neighbour {neighbour}'s title changed");
    }
    // A neighbour's body is not on the page.
    let (before, after) =
        before_after(Job::Article(1), |a| a[0].body = "Other words there.".into());
    assert_eq!(before, after);
    // d is neither a neighbour nor related (no topics).
    let (before, after) = before_after(Job::Article(1), |a| a[3].title = "Retitled".into());
    assert_eq!(before, after);
}

#[test]
fn a_feed_key_follows_bodies_and_the_names_as_the_article_spells_them() {
    let job = Job::Feed(FeedOf::Site(0), crate::config::FeedFormat::Atom);
    let (_, shown) = key_of(&four(), job);
    assert_eq!(shown, [0, 1, 2, 3]);
    let (before, after) = before_after(job, |a| a[3].body = "Other words there.".into());
    assert_ne!(before, after, "feeds carry the bodies");
    // The archive groups "Jane Doe" and "jane doe" as one author; the feed entry shows the
    // article's own spelling.
    let spelled = |name: &str| {
        let mut articles = four();
        articles[0]
            .extra
            .push_str(&format!("authors = [{name:?}]\n"));
        articles[1].extra.push_str("authors = [\"Jane Doe\"]\n");
        key_of(&articles, job).0.unwrap()
    };
    assert_ne!(spelled("Jane Doe"), spelled("jane doe"));
}

#[test]
fn own_names_are_the_authors_and_outlet_as_written() {
    with_site(&four(), |r| {
        let mut article = r.archive.articles()[0].clone();
        let plain = own_names(&article);
        assert_eq!(own_names(&article), plain);
        article.authors = vec!["Jane Doe".into()];
        let jane = own_names(&article);
        assert_ne!(jane, plain);
        article.authors = vec!["jane doe".into()];
        assert_ne!(own_names(&article), jane);
        article.source = Some(crate::article::Source {
            name: "CBC News".into(),
            url: None,
        });
        assert!(own_names(&article).contains("CBC News"));
    });
}

#[test]
fn files_without_a_key_show_nothing() {
    with_site(&four(), |r| {
        for job in [
            Job::Robots,
            Job::NoJekyll,
            Job::Sitemap(0),
            Job::NewsSitemap,
        ] {
            assert_eq!(r.key_and_shown(job), (None, Vec::new()), "{job:?}");
        }
        assert!(r.key_and_shown(Job::NotFound(0)).0.is_some());
    });
}

#[test]
fn keys_of_different_pages_differ() {
    with_site(&four(), |r| {
        let jobs = [
            Job::Home(0, ListPage::Latest),
            Job::Home(0, ListPage::Numbered(1)),
            Job::Article(0),
            Job::Article(1),
            Job::Archive(0),
            Job::NotFound(0),
            Job::Feed(FeedOf::Site(0), crate::config::FeedFormat::Atom),
        ];
        let keys: std::collections::HashSet<u128> = jobs
            .iter()
            .map(|job| r.key_and_shown(*job).0.unwrap())
            .collect();
        assert_eq!(keys.len(), jobs.len());
    });
}

#[test]
fn digests_are_made_again_only_for_changed_articles() {
    with_site(&four(), |r| {
        let fresh = digests(r, None);
        assert_eq!(fresh.len(), 4);
        assert_eq!(fresh, digests(r, None), "the same views, the same digests");
        let distinct: std::collections::HashSet<_> = fresh.iter().collect();
        assert_eq!(distinct.len(), 4);

        // Each article's digest from the position given, or made again.
        let previous = [7, 8, 9, 10];
        let reused = digests(r, Some((&previous, &[Some(0), None, Some(3), None])));
        assert_eq!(reused, [7, fresh[1], 10, fresh[3]]);
        // A position the previous build did not have is no help.
        let reused = digests(r, Some((&previous[..3], &[Some(3), Some(5), None, None])));
        assert_eq!(reused, fresh);
    });
}

#[test]
fn the_articles_a_page_shows_are_those_its_key_follows() {
    // Every job of a site with lists of several pages, neighbours, related articles, feeds
    // and an alias: `Renderer::shown` lists what the key hashes, in the same numbers.
    let mut articles = four();
    articles.extend([
        fixture("e", "2015-12-05"),
        fixture("f", "2015-12-06"),
        fixture("g", "2015-12-07"),
    ]);
    for a in &mut articles {
        a.extra = format!("topics = [\"Canada\"]\naliases = [\"/old/{}/\"]\n", a.slug);
    }
    articles[2].extra =
        "topics = [\"Canada\", \"ISIS\"]\nauthors = [\"Ann\"]\nsource = \"CBC\"\n".into();
    with_site(&articles, |r| {
        let jobs = r.plan();
        assert!(jobs.len() > 20, "{jobs:?}");
        for job in jobs {
            let (_, mut by_key) = r.key_and_shown(job);
            let mut shown = Vec::new();
            r.shown(job, &mut |id| shown.push(id));
            by_key.sort_unstable();
            shown.sort_unstable();
            assert_eq!(shown, by_key, "{job:?}");
        }
    });
}
