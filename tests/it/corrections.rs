//! Corrections and updates (issue 19, point 5): shown on the article's page, in its JSON-LD,
//! in the feeds' entries and in the sitemap; "Updated" only when it is not the publication's
//! minute; bad entries are errors naming the file and the line.

use crate::common::*;

const CONFIG: &str =
    "title = \"Corrected\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\n\
     [feeds]\nformats = [\"atom\", \"json\"]\n";

/// The article's `NewsArticle` JSON-LD.
fn news_article(page: &scraper::Html) -> serde_json::Value {
    texts(page, "script[type=\"application/ld+json\"]")
        .iter()
        .map(|t| serde_json::from_str::<serde_json::Value>(t).expect("JSON-LD parses"))
        .find(|v| v["@type"] == "NewsArticle")
        .expect("a NewsArticle")
}

/// The text of child `name` of the Atom entry whose `<link>` is `href`.
fn atom_entry(feed: &str, href: &str, name: &str) -> String {
    let doc = roxmltree::Document::parse(feed).expect("well-formed Atom");
    let entry = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .find(|e| {
            e.children()
                .any(|c| c.has_tag_name((ATOM, "link")) && c.attribute("href") == Some(href))
        })
        .unwrap_or_else(|| panic!("no entry for {href}"));
    entry
        .children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .and_then(|c| c.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn corrections_and_an_update_note_show_on_the_page_in_json_ld_feeds_and_sitemap() {
    let site = Site::with_config(CONFIG);
    // TOML: an array of tables, written out of order.
    site.write(
        "content/a.md",
        "+++\ntitle = \"Budget passes\"\ndate = 2016-01-19T10:00:00Z\nupdated = 2016-01-21T08:00:00Z\nupdate_note = \"Adds the final vote count.\"\n\
         [[corrections]]\ndate = 2016-01-22T09:30:00Z\ntext = \"The vote was 170 to 140, not 170 to 150.\"\n\
         [[corrections]]\ndate = 2016-01-20\ntext = \"The minister's name is Morneau.\"\n+++\nText.\n",
    );
    // YAML: a list of maps; updated in the publication's minute (an importer's echo).
    site.write(
        "content/b.md",
        "---\ntitle: Rates hold\ndate: 2016-01-18T10:00:00Z\nlastmod: 2016-01-18T10:00:40Z\ncorrections:\n  - date: 2016-01-25\n    text: An earlier version gave the wrong rate.\n---\nText.\n",
    );
    site.article("c.md", "Plain", "2016-01-17T10:00:00Z", "");
    site.build_ok(&[]);

    let a = site.page("/2016/01/19/budget-passes/");
    // The update at the top, with its date and note; the corrections after the body, oldest
    // first, each with its date.
    let update = one(&a, "header .notice.update");
    assert_eq!(
        attrs(&a, "header .notice.update time", "datetime"),
        ["2016-01-21T08:00:00+00:00"]
    );
    assert!(text_of(update).contains("Update"), "{}", text_of(update));
    assert!(text_of(update).contains("Adds the final vote count."));
    assert!(select(&a, ".article-body ~ .corrections").len() == 1);
    assert_eq!(
        attrs(&a, ".corrections .correction time", "datetime"),
        ["2016-01-20T00:00:00+00:00", "2016-01-22T09:30:00+00:00"]
    );
    let written = texts(&a, ".corrections .correction .notice-text");
    assert_eq!(
        written,
        [
            "The minister's name is Morneau.",
            "The vote was 170 to 140, not 170 to 150."
        ]
    );
    assert_eq!(
        attrs(&a, "meta[property=\"article:modified_time\"]", "content"),
        ["2016-01-22T09:30:00+00:00"]
    );
    let data = news_article(&a);
    assert_eq!(data["dateModified"], "2016-01-22T09:30:00+00:00");
    let corrections = data["correction"].as_array().expect("correction list");
    assert_eq!(corrections.len(), 2);
    assert_eq!(corrections[0]["@type"], "CorrectionComment");
    assert_eq!(corrections[0]["text"], "The minister's name is Morneau.");
    assert_eq!(corrections[0]["datePublished"], "2016-01-20T00:00:00+00:00");

    // B's update is its publication's minute: not shown; its correction is.
    let b = site.page("/2016/01/18/rates-hold/");
    assert!(select(&b, ".updated, .notice.update").is_empty());
    assert_eq!(
        texts(&b, ".correction .notice-text"),
        ["An earlier version gave the wrong rate."]
    );
    assert_eq!(
        news_article(&b)["dateModified"],
        "2016-01-25T00:00:00+00:00"
    );
    // C has neither.
    let c = site.page("/2016/01/17/plain/");
    assert!(select(&c, ".notice, .updated").is_empty());
    assert!(news_article(&c).get("correction").is_none());
    assert_eq!(
        news_article(&c)["dateModified"],
        "2016-01-17T10:00:00+00:00"
    );

    // Feeds: Atom's <updated> and JSON Feed's date_modified are the last change.
    let atom = read(&site, "feed.xml");
    let href = "https://example.org/2016/01/19/budget-passes/";
    let updated = atom_entry(&atom, href, "updated");
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(&updated).unwrap(),
        chrono::DateTime::parse_from_rfc3339("2016-01-22T09:30:00Z").unwrap()
    );
    let json: serde_json::Value = serde_json::from_str(&read(&site, "feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"] == href)
        .expect("the item");
    assert_eq!(item["date_modified"], "2016-01-22T09:30:00+00:00");

    // The sitemap's lastmod of the article.
    let sitemap = read(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let url = doc
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
        .find(|u| {
            u.children()
                .any(|c| c.has_tag_name((SITEMAP, "loc")) && c.text() == Some(href))
        })
        .expect("the article in the sitemap");
    let lastmod = url
        .children()
        .find(|c| c.has_tag_name((SITEMAP, "lastmod")))
        .and_then(|c| c.text())
        .expect("lastmod");
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(lastmod).unwrap(),
        chrono::DateTime::parse_from_rfc3339("2016-01-22T09:30:00Z").unwrap()
    );
}

#[test]
fn the_words_of_a_correction_follow_the_page_s_language() {
    let site = Site::with_config(
        "title = \"Corrigé\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\n",
    );
    site.article(
        "a.md",
        "Budget",
        "2016-01-19",
        "corrections = [{ date = 2016-01-20, text = \"Le nom du ministre est Morneau.\" }]\n",
    );
    site.build_ok(&[]);
    let page = site.page("/2016/01/19/budget/");
    assert_eq!(texts(&page, ".correction .notice-label"), ["Rectificatif"]);
}

#[test]
fn bad_corrections_are_errors_naming_the_file_the_line_and_the_fix() {
    let site = Site::with_config(CONFIG);
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2016-01-19\n\
         [[corrections]]\ntext = \"No date.\"\n\
         [[corrections]]\ndate = 2016-01-20\n\
         [[corrections]]\ndate = \"last Tuesday\"\ntext = \"Bad date.\"\n+++\nText.\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2016-01-19\ncorrections:\n  - date: 2016-01-20\n    text: Fine.\n  - text: No date.\n---\nText.\n",
    );
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2016-01-19\nupdate_note: A note with no date.\ncorrections: \"oops\"\n---\nText.\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    run.assert_no_panic();
    let a = run.diagnostics_for("content/a.md");
    let lines: Vec<Option<usize>> = a.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        [Some(4), Some(6), Some(8)],
        "{}",
        run.stderr_excerpt()
    );
    assert!(a[0].message.contains("no `date`"), "{a:?}");
    assert!(a[1].message.contains("no `text`"), "{a:?}");
    assert!(a[2].message.contains("last Tuesday"), "{a:?}");
    assert!(a.iter().all(|d| d.help.is_some()), "{a:?}");
    let b = run.diagnostics_for("content/b.md");
    assert_eq!(b.len(), 1, "{}", run.stderr_excerpt());
    assert_eq!(b[0].line, Some(7));
    assert!(b[0].message.contains("correction 2 has no `date`"), "{b:?}");
    let c = run.diagnostics_for("content/c.md");
    assert_eq!(c.len(), 2, "{}", run.stderr_excerpt());
    assert!(c.iter().any(|d| d.message.contains("update_note")), "{c:?}");
    assert!(
        c.iter().any(|d| d.message.contains("list of tables")),
        "{c:?}"
    );
}
