//! The normaliser over whole texts and single lines; `shared/seeds/` holds the larger cases.

use regex::Regex;

use super::*;
use crate::config::SourceRule;

fn run(text: &str) -> Normalised {
    normalise(text, &Rules::built_in())
}

#[test]
fn news_dates() {
    for (input, expected) in [
        ("Jan 19, 2016", "2016-01-19"),
        ("Jan. 19, 2016", "2016-01-19"),
        ("January 19, 2016", "2016-01-19"),
        ("19 January 2016", "2016-01-19"),
        ("Tuesday, January 19, 2016", "2016-01-19"),
        ("2016-01-19", "2016-01-19"),
        ("Sept 3, 2015", "2015-09-03"),
        ("Nov 17, 2015 5:32 PM ET", "2015-11-17T17:32:00-05:00"),
        ("Jul 1, 2016 9:05 a.m. ET", "2016-07-01T09:05:00-04:00"),
        ("Nov 17, 2015 5:32 PM", "2015-11-17 17:32"),
    ] {
        assert_eq!(news_date(input).as_deref(), Some(expected), "{input}");
    }
    for bad in [
        "7 years ago",
        "an hour ago",
        "Feb. 11",
        "yesterday",
        "Jan 32, 2016",
        "Foo 19, 2016",
        "",
    ] {
        assert_eq!(news_date(bad), None, "{bad}");
    }
}

#[test]
fn date_lines() {
    let n = run("Headline\n\nPosted: Nov 17, 2015 5:32 PM ET | Last Updated: November 18, 2015\n\nBody text here.\n");
    assert_eq!(n.date.unwrap().value, "2015-11-17T17:32:00-05:00");
    assert_eq!(n.updated.unwrap().value, "2015-11-18");
    assert!(n.dateline.unwrap().starts_with("Posted:"));
    assert!(!n.body.contains("Posted"));
    let n = run("Headline\n\n7 years ago\n\nText.\n");
    assert_eq!(n.date, None);
    assert_eq!(n.dropped[0].rule, "relative time");
}

#[test]
fn byline_and_standfirst() {
    let n = run("Big news today\n\nA dek that sums it all up.\n\nBy Jane Doe and John Roe, Global News\n\nFirst paragraph.\n\nBy the end of the year, more.\n");
    assert_eq!(n.title.as_deref(), Some("Big news today"));
    assert_eq!(n.standfirst.as_deref(), Some("A dek that sums it all up."));
    assert_eq!(
        n.byline.as_deref(),
        Some("Jane Doe and John Roe, Global News")
    );
    assert_eq!(n.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(n.source.unwrap().name, "Global News");
    assert!(n.body.starts_with("First paragraph."));
    assert!(n.body.contains("By the end of the year, more."));
}

#[test]
fn no_standfirst_without_a_marker() {
    let n = run("Title\n\nFirst paragraph of the story.\n\nSecond paragraph.\n");
    assert_eq!(n.standfirst, None);
    assert!(n.body.starts_with("First paragraph"));
}

#[test]
fn escaping_keeps_text_as_written() {
    assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
    assert_eq!(escape_markdown("1. not a list"), "1\\. not a list");
    assert_eq!(escape_markdown("2016. A year"), "2016\\. A year");
    assert_eq!(escape_markdown("- dash"), "\\- dash");
    assert_eq!(
        escape_markdown("a *b* [c](d) <e> &amp;"),
        "a \\*b\\* \\[c\\](d) \\<e\\> \\&amp;"
    );
    assert_eq!(
        escape_markdown("“Curly” — and … kept"),
        "“Curly” — and … kept"
    );
    assert_eq!(escape_markdown("Power & Politics"), "Power & Politics");
    let rendered = crate::markdown::render(
        &escape_markdown("1. *a* <b>x</b> [l](javascript:x) ## \\"),
        crate::markdown::Options {
            unsafe_html: false,
            base_path: "/",
            bundle: None,
            slugs: crate::config::Slugs::Ascii,
        },
    );
    assert_eq!(
        rendered.html.trim(),
        "<p>1. *a* &lt;b&gt;x&lt;/b&gt; [l](javascript:x) ## \\</p>"
    );
}

#[test]
fn site_rules_drop_lines_and_name_sources() {
    let source = SourceRule {
        name: "Daily Planet".into(),
        url: None,
        patterns: vec![Regex::new("(?i)daily planet").unwrap()],
    };
    let rules = Rules::with(&[Regex::new("^Subscribe").unwrap()], &[source]);
    let n = normalise(
        "Headline\n\nSubscribe to the Daily Planet\n\nText.\n",
        &rules,
    );
    assert_eq!(n.dropped.len(), 1);
    assert!(n.dropped[0].rule.contains("^Subscribe"));
    assert_eq!(n.source.unwrap().name, "Daily Planet");
}

#[test]
fn header_lines_date_a_scraped_file() {
    let n = run("Date: Jan 19, 2016\nSource: Somewhere\n\nHeadline\n\nText.\n");
    assert_eq!(n.fields()["date"], "2016-01-19");
    assert_eq!(n.fields()["source"], "Somewhere");
    assert_eq!(n.title.as_deref(), Some("Headline"));
}

#[test]
fn empty_and_furniture_only_texts() {
    for text in ["", "\n\n", "Advertisement\n\nAdChoices", "\u{feff}"] {
        let n = run(text);
        assert_eq!(n.title, None, "{text:?}");
        assert_eq!(n.body, "");
    }
}
