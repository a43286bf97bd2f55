//! Atom feeds as a feed reader reads them: each feed is parsed as XML (roxmltree) and its
//! elements checked, not its text compared. Articles come from the loader's parser.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::*;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn config(extra: &str) -> Config {
    Config::parse(
        Path::new(""),
        &format!(
            "title = \"The Archive & Co\"\nbase_url = \"https://example.org/archive/\"\ntimezone = \"America/Toronto\"\n{extra}"
        ),
    )
    .unwrap()
}

/// An archive of articles given as (file stem, front-matter lines after `title`, body).
fn archive(config: &Config, articles: &[(&str, &str, &str)]) -> Archive {
    let records = articles
        .iter()
        .map(|(stem, front, body)| {
            let path = format!("content/{stem}.md");
            let text = format!("+++\n{front}+++\n{body}\n");
            crate::loader::parse_article(config, Path::new(&path), Path::new(&path), &text).unwrap()
        })
        .collect();
    Archive::build(records, &config.topics, config.related_articles).unwrap()
}

fn spec(articles: Vec<ArticleId>) -> FeedSpec {
    FeedSpec {
        title: "Canada <news>".into(),
        url: "/topics/canada/feed.xml".into(),
        page_url: "/topics/canada/".into(),
        articles,
        lang: "en".into(),
        site: "The Archive & Co".into(),
        description: String::new(),
        format: crate::config::FeedFormat::Atom,
    }
}

fn render_feed(config: &Config, archive: &Archive, spec: &FeedSpec) -> String {
    let bodies = crate::article::Bodies::default();
    render(config, archive, &bodies, &Urls::new(config), spec).unwrap()
}

/// The element children of `node` named `name` (in the Atom namespace).
fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .inspect(|n| assert_eq!(n.tag_name().namespace(), Some(ATOM), "{name}"))
        .collect()
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    let found = children(node, name);
    assert_eq!(found.len(), 1, "expected one <{name}>");
    found[0]
}

fn text_of(node: roxmltree::Node, name: &str) -> String {
    child(node, name).text().unwrap_or("").to_string()
}

fn date_of(node: roxmltree::Node, name: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&text_of(node, name)).unwrap()
}

fn date(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// (rel, href, type) of every `<link>` of `node`.
fn links_of(node: roxmltree::Node) -> Vec<(String, String, String)> {
    children(node, "link")
        .into_iter()
        .map(|l| {
            let attr = |a: &str| l.attribute(a).unwrap_or("").to_string();
            (attr("rel"), attr("href"), attr("type"))
        })
        .collect()
}

const TWO: &[(&str, &str, &str)] = &[
    (
        "older",
        "title = \"Older\"\ndate = 2016-01-18\nauthors = [\"Jane Doe\", \"John Roe\"]\n",
        "The older one.",
    ),
    (
        "newer",
        "title = \"Newer\"\ndate = \"2016-01-19 10:00\"\nupdated = \"2016-01-21 09:00\"\nsummary = \"What happened.\"\ntopics = [\"Canada\", \"ISIS\"]\n",
        "The *newer* one.",
    ),
];

#[test]
fn the_feed_names_itself_its_page_its_site_and_its_generator() {
    let config = config("description = \"News, kept.\"\nlanguage = \"fr-CA\"\n");
    let archive = archive(&config, TWO);
    let spec = FeedSpec {
        lang: "fr-CA".into(),
        description: config.description.clone(),
        ..spec(vec![0, 1])
    };
    let xml = render_feed(&config, &archive, &spec);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    assert_eq!(
        text_of(feed, "id"),
        "https://example.org/archive/topics/canada/feed.xml"
    );
    assert_eq!(text_of(feed, "title"), "Canada <news>");
    assert_eq!(text_of(feed, "subtitle"), "News, kept.");
    assert_eq!(
        feed.attribute((roxmltree::NS_XML_URI, "lang")),
        Some("fr-CA")
    );
    assert_eq!(
        links_of(feed),
        [
            (
                "self".into(),
                "https://example.org/archive/topics/canada/feed.xml".into(),
                "application/atom+xml".into()
            ),
            (
                "alternate".into(),
                "https://example.org/archive/topics/canada/".into(),
                "text/html".into()
            ),
        ]
    );
    assert_eq!(text_of(child(feed, "author"), "name"), "The Archive & Co");
    let generator = child(feed, "generator");
    assert_eq!(generator.text(), Some("gazette"));
    assert_eq!(
        generator.attribute("version"),
        Some(env!("CARGO_PKG_VERSION"))
    );
    // The newest change of any entry: the newer article's update.
    assert_eq!(date_of(feed, "updated"), date("2016-01-21T09:00:00-05:00"));
}

#[test]
fn without_a_description_there_is_no_subtitle() {
    let config = config("");
    let archive = archive(&config, TWO);
    let xml = render_feed(&config, &archive, &spec(vec![0]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(children(doc.root_element(), "subtitle").is_empty());
}

#[test]
fn entries_follow_the_spec_with_ids_links_and_dates() {
    let config = config("");
    let archive = archive(&config, TWO);
    // Archive order is newest first: 0 is "Newer", 1 is "Older". The spec's order is kept.
    let xml = render_feed(&config, &archive, &spec(vec![1, 0]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entries = children(doc.root_element(), "entry");
    let titles: Vec<_> = entries.iter().map(|e| text_of(*e, "title")).collect();
    assert_eq!(titles, ["Older", "Newer"]);

    let (older, newer) = (entries[0], entries[1]);
    // tag: ids name the host of base_url and the article's path without the base path.
    assert_eq!(
        text_of(newer, "id"),
        "tag:example.org,2016-01-19:/2016/01/19/newer/"
    );
    assert_eq!(text_of(newer, "id"), entry_id(&config, &archive, 0));
    assert_eq!(
        links_of(newer),
        [(
            "alternate".into(),
            "https://example.org/archive/2016/01/19/newer/".into(),
            "text/html".into()
        )]
    );
    assert_eq!(
        date_of(newer, "published"),
        date("2016-01-19T10:00:00-05:00")
    );
    assert_eq!(date_of(newer, "updated"), date("2016-01-21T09:00:00-05:00"));
    // Never updated: updated is the publication date.
    assert_eq!(date_of(older, "updated"), date("2016-01-18T00:00:00-05:00"));
    assert_eq!(date_of(older, "published"), date_of(older, "updated"));
}

#[test]
fn entries_carry_authors_topics_summary_and_content() {
    let config = config("");
    let archive = archive(&config, TWO);
    let xml = render_feed(&config, &archive, &spec(vec![0, 1]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entries = children(doc.root_element(), "entry");
    let (newer, older) = (entries[0], entries[1]);

    let authors: Vec<_> = children(older, "author")
        .into_iter()
        .map(|a| text_of(a, "name"))
        .collect();
    assert_eq!(authors, ["Jane Doe", "John Roe"]);
    assert!(children(newer, "author").is_empty());

    let categories: Vec<_> = children(newer, "category")
        .into_iter()
        .map(|c| (c.attribute("term").unwrap(), c.attribute("label").unwrap()))
        .collect();
    assert_eq!(categories, [("canada", "Canada"), ("isis", "ISIS")]);

    assert_eq!(text_of(newer, "summary"), "What happened.");
    let content = child(newer, "content");
    assert_eq!(content.attribute("type"), Some("html"));
    assert_eq!(content.text().unwrap(), archive.articles()[0].body.html());
    assert!(content.text().unwrap().contains("<em>newer</em>"));
}

#[test]
fn without_authors_the_outlet_is_the_author() {
    let config = config("");
    let archive = archive(
        &config,
        &[
            (
                "a",
                "title = \"A\"\ndate = 2016-01-19\nsource = \"CBC News\"\n",
                "Text.",
            ),
            (
                "b",
                "title = \"B\"\ndate = 2016-01-18\nauthor = \"Jane Doe\"\nsource = \"CBC News\"\n",
                "Text.",
            ),
        ],
    );
    let xml = render_feed(&config, &archive, &spec(vec![0, 1]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let names: Vec<Vec<String>> = children(doc.root_element(), "entry")
        .into_iter()
        .map(|e| {
            children(e, "author")
                .into_iter()
                .map(|a| text_of(a, "name"))
                .collect()
        })
        .collect();
    assert_eq!(names, [vec!["CBC News"], vec!["Jane Doe"]]);
}

#[test]
fn markup_in_titles_and_names_is_escaped_text() {
    let config = config("");
    let title = "Q&A: <script>alert(\"x\")</script> & 'more'";
    let archive = archive(
        &config,
        &[(
            "a",
            &format!(
                "title = {title:?}\ndate = 2016-01-19\nslug = \"qa\"\nauthor = \"<b>Jane</b>\"\n"
            ),
            "Body & <i>more</i>.",
        )],
    );
    let xml = render_feed(&config, &archive, &spec(vec![0]));
    assert!(!xml.contains("<script>"), "{xml}");
    assert!(!xml.contains("<b>Jane"), "{xml}");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entry = child(doc.root_element(), "entry");
    assert_eq!(text_of(entry, "title"), title);
    assert_eq!(text_of(child(entry, "author"), "name"), "<b>Jane</b>");
    assert_eq!(text_of(doc.root_element(), "title"), "Canada <news>");
    // The body is HTML inside the XML: escaped once, so a reader gets the HTML back.
    let content = child(entry, "content").text().unwrap();
    assert!(content.contains("<i>more</i>"), "{content}");
    assert!(content.contains("&amp;"), "{content}");
}

#[test]
fn an_empty_feed_is_dated_by_the_newest_article_or_else_the_epoch() {
    let config = config("");
    let two = archive(&config, TWO);
    let xml = render_feed(&config, &two, &spec(Vec::new()));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(children(doc.root_element(), "entry").is_empty());
    assert_eq!(
        date_of(doc.root_element(), "updated"),
        date("2016-01-21T09:00:00-05:00")
    );

    let none = archive(&config, &[]);
    let xml = render_feed(&config, &none, &spec(Vec::new()));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        date_of(doc.root_element(), "updated"),
        date("1970-01-01T00:00:00Z")
    );
}

#[test]
fn entry_ids_keep_their_authority_when_the_site_is_previewed_elsewhere() {
    let mut preview = config("");
    preview.set_base_url("http://localhost:1111/").unwrap();
    let archive = archive(&preview, TWO);
    assert_eq!(
        entry_id(&preview, &archive, 0),
        "tag:example.org,2016-01-19:/2016/01/19/newer/"
    );
    let xml = render_feed(&preview, &archive, &spec(vec![0]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entry = child(doc.root_element(), "entry");
    assert_eq!(
        links_of(entry)[0].1,
        "http://localhost:1111/2016/01/19/newer/"
    );

    let owned = config("[feeds]\nid_authority = \"news.example.com\"\n");
    assert_eq!(
        entry_id(&owned, &archive, 0),
        "tag:news.example.com,2016-01-19:/2016/01/19/newer/"
    );
}

#[test]
fn the_id_date_is_the_publication_day_in_the_site_timezone() {
    let config = config("");
    // 23:30 in Toronto is already the 20th in UTC.
    let archive = archive(
        &config,
        &[(
            "late",
            "title = \"Late\"\ndate = \"2016-01-19 23:30\"\n",
            "",
        )],
    );
    assert_eq!(
        entry_id(&config, &archive, 0),
        "tag:example.org,2016-01-19:/2016/01/19/late/"
    );
}

#[test]
fn an_article_without_a_summary_has_no_summary_element() {
    let config = config("");
    let archive = archive(&config, &[("a", "title = \"A\"\ndate = 2016-01-19\n", "")]);
    assert_eq!(archive.articles()[0].summary, "");
    let xml = render_feed(&config, &archive, &spec(vec![0]));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert!(children(child(doc.root_element(), "entry"), "summary").is_empty());
}
