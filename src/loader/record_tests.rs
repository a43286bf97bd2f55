//! The normaliser: front matter and a body in, an [`Article`] or every problem out. Records
//! are made from article text with the loader's own parser ([`crate::loader::parse_article`]),
//! each case in TOML and YAML where the front matter's syntax matters.

use std::path::Path;

use super::*;
use crate::article::Media;

const BASIC: &str =
    "title = \"T\"\nbase_url = \"https://e.org/\"\ntimezone = \"America/Toronto\"\n";

fn config_with(extra: &str) -> Config {
    Config::parse(Path::new(""), &format!("{BASIC}{extra}")).unwrap()
}

fn parse_at(config: &Config, path: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
    let path = Path::new(path);
    crate::loader::parse_article(config, path, path, text)
}

fn parse(text: &str) -> Result<Article, Vec<Diagnostic>> {
    parse_at(&config_with(""), "content/a.md", text)
}

/// The same front matter in TOML and in YAML, with `body` after it.
fn both(toml: &str, yaml: &str, body: &str) -> [Result<Article, Vec<Diagnostic>>; 2] {
    [
        parse(&format!("+++\n{toml}+++\n{body}")),
        parse(&format!("---\n{yaml}---\n{body}")),
    ]
}

/// The one problem of a record that must fail with exactly one.
fn one_problem(result: Result<Article, Vec<Diagnostic>>) -> Diagnostic {
    let problems = result.expect_err("the record should not normalise");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems.into_iter().next().unwrap()
}

#[test]
fn published_text_is_the_date_and_published_false_is_a_draft() {
    for result in both(
        "title = \"T\"\npublished = \"2016-01-19\"\n",
        "title: T\npublished: \"2016-01-19\"\n",
        "",
    ) {
        let a = result.unwrap();
        assert_eq!(a.date.to_rfc3339(), "2016-01-19T00:00:00-05:00");
        assert!(!a.draft);
    }
    // Beside a `date`, `date` wins; Jekyll's `published: false` hides the article.
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\npublished = false\n",
        "title: T\ndate: 2016-01-19\npublished: false\n",
        "",
    ) {
        let a = result.unwrap();
        assert_eq!(a.date.to_rfc3339(), "2016-01-19T00:00:00-05:00");
        assert!(a.draft);
    }
    let a =
        parse("+++\ntitle = \"T\"\ndate = 2016-01-19\npublished = \"2015-01-01\"\n+++\n").unwrap();
    assert_eq!(a.date.to_rfc3339(), "2016-01-19T00:00:00-05:00");
}

#[test]
fn updated_is_read_under_each_of_its_names() {
    for key in ["updated", "lastmod", "modified"] {
        let a = parse(&format!(
            "+++\ntitle = \"T\"\ndate = 2016-01-19\n{key} = \"2016-01-20 10:30\"\n+++\n"
        ))
        .unwrap();
        assert_eq!(
            a.updated.map(|d| d.to_rfc3339()).as_deref(),
            Some("2016-01-20T10:30:00-05:00"),
            "{key}"
        );
    }
    let a = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\n+++\n").unwrap();
    assert_eq!(a.updated, None);
}

#[test]
fn dates_with_an_offset_keep_it_and_others_take_the_site_timezone() {
    let a = parse("+++\ntitle = \"T\"\ndate = \"2016-07-01T10:00:00Z\"\n+++\n").unwrap();
    assert_eq!(a.date.timestamp(), 1_467_367_200);
    let a = parse("+++\ntitle = \"T\"\ndate = \"2016-07-01 10:00\"\n+++\n").unwrap();
    // Summer time in Toronto.
    assert_eq!(a.date.to_rfc3339(), "2016-07-01T10:00:00-04:00");
}

#[test]
fn a_date_that_is_not_text_or_not_a_date_is_an_error_on_its_line() {
    let d = one_problem(parse("+++\ntitle = \"T\"\ndate = 2016\n+++\n"));
    assert!(d.message.contains("`date` must be a date, not 2016"), "{d}");
    assert_eq!(d.line, Some(3));
    for result in both(
        "title = \"T\"\n\ndate = \"19 janvier\"\n",
        "title: T\n\ndate: 19 janvier\n",
        "",
    ) {
        let d = one_problem(result);
        assert!(d.message.contains("is not a date"), "{d}");
        assert!(d.help.as_deref().unwrap().contains("2016-01-19"), "{d}");
        assert_eq!(d.line, Some(4));
    }
}

#[test]
fn a_missing_date_says_how_to_add_one() {
    let d = one_problem(parse("+++\ntitle = \"T\"\n+++\n"));
    assert_eq!(d.message, "`date` is missing");
    assert!(
        d.help.as_deref().unwrap().contains("date = 2016-01-19"),
        "{d}"
    );
    assert_eq!(d.path, Path::new("content/a.md"));
}

#[test]
fn the_slug_comes_from_the_title_unless_given() {
    let a =
        parse("+++\ntitle = \"Canada's ISIS fight: what now?\"\ndate = 2016-01-19\n+++\n").unwrap();
    assert_eq!(a.slug, "canadas-isis-fight-what-now");
    assert_eq!(a.url, "/2016/01/19/canadas-isis-fight-what-now/");

    let a =
        parse("+++\ntitle = \"Canada\"\ndate = 2016-01-19\nslug = \" left-out \"\n+++\n").unwrap();
    assert_eq!(a.slug, "left-out");
    assert_eq!(a.url, "/2016/01/19/left-out/");
}

#[test]
fn a_slug_made_from_a_long_headline_is_at_most_80_bytes() {
    let title = "Word ".repeat(40);
    let a = parse(&format!(
        "+++\ntitle = \"{}\"\ndate = 2016-01-19\n+++\n",
        title.trim()
    ))
    .unwrap();
    assert!(!a.slug.is_empty() && a.slug.len() <= 80, "{}", a.slug);
    assert!(a.slug.starts_with("word-word-"), "{}", a.slug);
    assert!(!a.slug.ends_with('-'), "{}", a.slug);
}

#[test]
fn a_title_without_letters_needs_a_slug() {
    let d = one_problem(parse("+++\ntitle = \"!!! ???\"\ndate = 2016-01-19\n+++\n"));
    assert!(d.message.contains("no letters or digits"), "{d}");
    assert!(d.help.as_deref().unwrap().contains("slug ="), "{d}");
    assert_eq!(d.line, Some(2));
    let a = parse("+++\ntitle = \"!!! ???\"\ndate = 2016-01-19\nslug = \"shouts\"\n+++\n").unwrap();
    assert_eq!(a.url, "/2016/01/19/shouts/");
}

/// The slug an article at `path` titled `title` gets, with `slugs` as given.
fn slug_of(slugs: &str, path: &str, title: &str) -> Result<String, Vec<Diagnostic>> {
    let config = config_with(&format!("slugs = \"{slugs}\"\n"));
    let text = format!("+++\ntitle = \"{title}\"\ndate = 2016-01-19\n+++\n");
    parse_at(&config, path, &text).map(|a| a.slug)
}

#[test]
fn a_title_in_another_script_keeps_its_letters_or_takes_a_latin_file_name() {
    for slugs in ["ascii", "unicode"] {
        // No transliteration through another language (`日本` was Mandarin's `ri-ben`).
        assert_eq!(
            slug_of(slugs, "content/1234.md", "日本の選挙").unwrap(),
            "日本の選挙"
        );
        assert_eq!(
            slug_of(slugs, "content/пост.md", "Выборы в России").unwrap(),
            "выборы-в-россии"
        );
        // NFD and NFC titles make one slug.
        assert_eq!(
            slug_of(slugs, "content/1.md", "\u{30ab}\u{3099}\u{30e9}\u{30b9}").unwrap(),
            "\u{30ac}\u{30e9}\u{30b9}"
        );
    }
    // With ASCII slugs, a file name in Latin letters wins: its date, language suffix and
    // extension dropped, a bundle named by its folder.
    for (path, slug) in [
        ("content/japan-election.md", "japan-election"),
        ("content/2016-01-19-japan-election.ja.md", "japan-election"),
        ("content/2016/japan-election/index.md", "japan-election"),
        ("content/Japan Election.md", "japan-election"),
    ] {
        assert_eq!(
            slug_of("ascii", path, "日本の選挙").unwrap(),
            slug,
            "{path}"
        );
    }
    assert_eq!(
        slug_of("unicode", "content/japan-election.md", "日本の選挙").unwrap(),
        "日本の選挙"
    );
    // A Latin or mixed title is the title's, as before.
    assert_eq!(
        slug_of("ascii", "content/x.md", "Québec élection").unwrap(),
        "quebec-election"
    );
    assert_eq!(
        slug_of("unicode", "content/x.md", "Québec élection").unwrap(),
        "québec-élection"
    );
    assert_eq!(
        slug_of("ascii", "content/x.md", "iPhone 日本で発売").unwrap(),
        "iphone-日本で発売"
    );
}

#[test]
fn an_emoji_title_takes_the_file_name_or_asks_for_a_slug() {
    assert_eq!(
        slug_of("ascii", "content/party.md", "🎉🎉").unwrap(),
        "party"
    );
    assert_eq!(
        slug_of("unicode", "content/2016-01-19-パーティー.md", "🎉").unwrap(),
        "パーティー"
    );
    let problems = slug_of("ascii", "content/🎉.md", "🎉").unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let d = &problems[0];
    assert!(d.message.contains("emoji"), "{d}");
    assert!(d.help.as_deref().unwrap().contains("slug ="), "{d}");
    assert_eq!(d.line, Some(2));
}

#[test]
fn names_in_other_scripts_are_topics_of_their_own() {
    // Transliterated, `公式` and `攻势` were both `gongshi`: one topic.
    let a = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\ntopics = [\"公式\", \"攻势\", \"ISIS\", \"isis\"]\n+++\n").unwrap();
    let names: Vec<&str> = a.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["公式", "攻势", "ISIS"]);
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\nauthors = [\"🦄\"]\n+++\n",
    ));
    assert!(d.message.contains("no letters or digits"), "{d}");
}

#[test]
fn permalink_tokens_section_and_filename() {
    let config = config_with("permalink = \"/:section/:year/:filename/\"\n");
    let text = "+++\ntitle = \"T\"\ndate = 2016-01-19\n+++\n";
    let a = parse_at(&config, "content/politics/2016/vote-day.md", text).unwrap();
    assert_eq!(a.url, "/politics/2016/vote-day/");
    assert_eq!(a.path, Path::new("content/politics/2016/vote-day.md"));
    assert_eq!(
        section_of(Path::new("content/politics/2016/a.md")),
        "politics"
    );
    assert_eq!(section_of(Path::new("content/politics/a.md")), "politics");
    assert_eq!(section_of(Path::new("content/a.md")), "");
}

#[test]
fn web_addresses_are_http_or_https_with_a_host() {
    for yes in [
        "https://www.cbc.ca/news/x",
        "http://example.org",
        "HTTPS://E.ORG/",
    ] {
        assert!(is_web_address(yes), "{yes}");
    }
    for no in [
        "",
        "/news/x",
        "www.cbc.ca",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "mailto:a@example.org",
        "https://",
    ] {
        assert!(!is_web_address(no), "{no}");
    }
}

#[test]
fn relative_paths_have_no_scheme_and_no_host() {
    for yes in [
        "/images/a.jpg",
        "images/a.jpg",
        "a.jpg?at=10:30",
        "a.jpg#t=1:2",
    ] {
        assert!(crate::loader::image::is_relative(yes), "{yes}");
    }
    for no in [
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "//evil.example/a.jpg",
        "/images/a b.jpg",
    ] {
        assert!(!crate::loader::image::is_relative(no), "{no}");
    }
}

#[test]
fn topics_come_from_every_spelling_and_merge_by_slug() {
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\ntags = [\"ISIS\", \"  Paris   attacks \"]\ncategories = \"isis, Canada\"\ncategory = \"Politics\"\n",
        "title: T\ndate: 2016-01-19\ntags: [ISIS, \"  Paris   attacks \"]\ncategories: isis, Canada\ncategory: Politics\n",
        "",
    ) {
        let a = result.unwrap();
        let names: Vec<_> = a.topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["ISIS", "Paris attacks", "Canada", "Politics"]);
        assert!(a.topics.iter().all(|t| t.declared.is_none() && !t.inferred));
    }
    // Zola's taxonomies table.
    let a = parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\n[taxonomies]\ntags = [\"Québec\"]\ncategories = [\"Quebec\", \"Ottawa\"]\n+++\n",
    )
    .unwrap();
    let names: Vec<_> = a.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Québec", "Ottawa"]);
}

#[test]
fn topics_of_the_wrong_kind_are_errors_on_their_line() {
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\ntopics = 3\n+++\n",
    ));
    assert!(d.message.contains("`topics` must be a list"), "{d}");
    assert_eq!(d.line, Some(4));
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\ntags = [\"A\", 2]\n+++\n",
    ));
    assert!(
        d.message.contains("every topic in `tags` must be text"),
        "{d}"
    );
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\ntopics = [\"!!!\"]\n+++\n",
    ));
    assert!(d.message.contains("no letters or digits"), "{d}");
    // Empty names are left out, not errors.
    let a = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\ntopics = \"A,, ,B\"\n+++\n").unwrap();
    assert_eq!(a.topics.len(), 2);
}

#[test]
fn declared_topics_take_their_name_and_strict_mode_rejects_others() {
    let topics = "[topics.isis]\nname = \"ISIS\"\naliases = [\"Islamic State\"]\n";
    let text = "+++\ntitle = \"T\"\ndate = 2016-01-19\ntopics = [\"islamic state\", \"isis\", \"Canada\"]\n+++\n";
    let a = parse_at(&config_with(topics), "content/a.md", text).unwrap();
    let names: Vec<_> = a
        .topics
        .iter()
        .map(|t| (t.name.as_str(), t.declared.is_some()))
        .collect();
    assert_eq!(names, [("ISIS", true), ("Canada", false)]);

    let strict = config_with(&format!("[topics_config]\nstrict = true\n{topics}"));
    let text = "+++\ntitle = \"T\"\ndate = 2016-01-19\ntopics = [\"ISIS\", \"ISSI\"]\n+++\n";
    let d = one_problem(parse_at(&strict, "content/a.md", text));
    assert!(d.message.contains("\"ISSI\" is not declared"), "{d}");
    assert!(d.help.as_deref().unwrap().contains("[topics.issi]"), "{d}");
    assert_eq!(d.line, Some(4));
}

#[test]
fn auto_topics_are_inferred_from_the_title_and_text_once() {
    let config = config_with("[topics.sajjan]\nname = \"Harjit Sajjan\"\nauto = true\n");
    let text = "+++\ntitle = \"Minister speaks\"\ndate = 2016-01-19\n+++\nHarjit Sajjan said so.\n";
    let a = parse_at(&config, "content/a.md", text).unwrap();
    assert_eq!(a.topics.len(), 1);
    assert_eq!(a.topics[0].name, "Harjit Sajjan");
    assert!(a.topics[0].inferred);
    // Given in the front matter as well, it is not inferred a second time.
    let text = "+++\ntitle = \"Harjit Sajjan speaks\"\ndate = 2016-01-19\ntopics = [\"harjit sajjan\"]\n+++\nHarjit Sajjan said so.\n";
    let a = parse_at(&config, "content/a.md", text).unwrap();
    assert_eq!(a.topics.len(), 1);
    assert!(!a.topics[0].inferred);
    let text = "+++\ntitle = \"Minister speaks\"\ndate = 2016-01-19\n+++\nNobody was named.\n";
    assert!(parse_at(&config, "content/a.md", text)
        .unwrap()
        .topics
        .is_empty());
}

#[test]
fn authors_from_either_key_without_repeats() {
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\nauthors = [\"Jane Doe\", \"jane  doe\"]\nauthor = \"John Roe\"\n",
        "title: T\ndate: 2016-01-19\nauthors: [Jane Doe, jane  doe]\nauthor: John Roe\n",
        "",
    ) {
        assert_eq!(result.unwrap().authors, ["Jane Doe", "John Roe"]);
    }
}

#[test]
fn source_is_a_name_or_a_table_with_a_name() {
    let a = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\nsource = \" CBC News \"\n+++\n").unwrap();
    assert_eq!(
        a.source,
        Some(Source {
            name: "CBC News".into(),
            url: None
        })
    );
    let a = parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\nsource = { name = \"CBC\", url = \"https://cbc.ca\" }\n+++\n",
    )
    .unwrap();
    assert_eq!(a.source.unwrap().url.as_deref(), Some("https://cbc.ca"));
    for (value, message) in [
        ("{ url = \"https://cbc.ca\" }", "`source` has no `name`"),
        ("3", "`source` must be the outlet's name or a table"),
        ("\"  \"", "`source` must be the outlet's name or a table"),
    ] {
        let d = one_problem(parse(&format!(
            "+++\ntitle = \"T\"\ndate = 2016-01-19\nsource = {value}\n+++\n"
        )));
        assert!(d.message.contains(message), "{value}: {d}");
        assert_eq!(d.line, Some(4));
    }
}

#[test]
fn text_fields_are_trimmed_and_empty_or_non_text_values_are_errors() {
    let a = parse(
        "+++\ntitle = \"  Spaced  \"\ndate = 2016-01-19\nbyline = \" Jane Doe, CBC \"\ndateline = \"OTTAWA\"\n+++\n",
    )
    .unwrap();
    assert_eq!(a.title, "Spaced");
    assert_eq!(a.byline.as_deref(), Some("Jane Doe, CBC"));
    assert_eq!(a.dateline.as_deref(), Some("OTTAWA"));
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\nsummary = \"\"\n",
        "title: T\ndate: 2016-01-19\nsummary: \"\"\n",
        "",
    ) {
        let d = one_problem(result);
        assert_eq!(d.message, "`summary` is empty");
        assert_eq!(d.line, Some(4));
    }
    let d = one_problem(parse("+++\ntitle = 3\ndate = 2016-01-19\n+++\n"));
    assert!(d.message.contains("`title` must be text, not 3"), "{d}");
    assert!(d.help.as_deref().unwrap().contains("quotes"), "{d}");
}

#[test]
fn the_summary_is_given_or_the_standfirst_or_the_first_paragraph() {
    for key in ["summary", "description", "excerpt"] {
        let a = parse(&format!(
            "+++\ntitle = \"T\"\ndate = 2016-01-19\n{key} = \"Given.\"\nstandfirst = \"Stand.\"\n+++\nFirst.\n"
        ))
        .unwrap();
        assert_eq!(a.summary, "Given.", "{key}");
    }
    let a = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\nstandfirst = \"Stand.\"\n+++\nFirst.\n")
        .unwrap();
    assert_eq!(a.summary, "Stand.");
    assert_eq!(a.standfirst.as_deref(), Some("Stand."));
    let a = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\n+++\nFirst *one*.\n\nSecond.\n").unwrap();
    assert_eq!(a.summary, "First one.");
}

#[test]
fn an_image_is_a_web_address_or_a_site_path() {
    for ok in ["/images/a.jpg", "images/a.jpg", "https://cbc.ca/a.jpg"] {
        let a = parse(&format!(
            "+++\ntitle = \"T\"\ndate = 2016-01-19\nimage = \"{ok}\"\n+++\n"
        ))
        .unwrap();
        assert_eq!(a.image.map(|i| i.src).as_deref(), Some(ok));
    }
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\nimage = \"data:image/png;base64,AA\"\n+++\n",
    ));
    assert!(
        d.message.contains("neither a web address nor a path"),
        "{d}"
    );
    assert_eq!(d.line, Some(4));
}

#[test]
fn related_headlines_and_aliases_take_one_text_or_a_list() {
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\nrelated_headlines = \" One \"\naliases = [\"/old/\", \"\", \"/2015/x.html\"]\n",
        "title: T\ndate: 2016-01-19\nrelated_headlines: \" One \"\naliases: [/old/, \"\", /2015/x.html]\n",
        "",
    ) {
        let a = result.unwrap();
        assert_eq!(a.related_headlines, ["One"]);
        assert_eq!(a.aliases, ["/old/", "/2015/x.html"]);
    }
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\nrelated_headlines = [\"A\", 1]\n+++\n",
    ));
    assert!(
        d.message
            .contains("every entry of `related_headlines` must be text"),
        "{d}"
    );
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\nrelated_headlines = { a = 1 }\n+++\n",
    ));
    assert!(d.message.contains("must be a list of text"), "{d}");
}

#[test]
fn an_alias_outside_the_output_folder_is_an_error_naming_it() {
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\n\naliases = [\"/fine/\", \"/../../etc/passwd\"]\n+++\n",
    ));
    assert!(d.message.contains("\"/../../etc/passwd\""), "{d}");
    assert!(d.message.contains("output folder"), "{d}");
    assert_eq!(d.line, Some(5));
}

#[test]
fn media_entries_are_tables_with_a_title() {
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\n[[media]]\ntitle = \" Video \"\ncaption = \"C\"\nduration = \"10:38\"\n[[media]]\ntitle = \"Bare\"\ncaption = \" \"\n",
        "title: T\ndate: 2016-01-19\nmedia:\n  - title: \" Video \"\n    caption: C\n    duration: \"10:38\"\n  - title: Bare\n    caption: \" \"\n",
        "",
    ) {
        let a = result.unwrap();
        assert_eq!(
            a.media,
            [
                Media {
                    title: "Video".into(),
                    caption: Some("C".into()),
                    duration: Some("10:38".into()),
                },
                Media {
                    title: "Bare".into(),
                    caption: None,
                    duration: None,
                },
            ]
        );
    }
    for (media, message) in [
        ("media = \"video\"", "`media` must be a list of tables"),
        (
            "media = [\"video\"]",
            "every entry of `media` must be a table",
        ),
        (
            "[[media]]\ncaption = \"C\"",
            "a `media` entry has no `title`",
        ),
        (
            "[[media]]\ntitle = \"V\"\nlength = \"1:00\"",
            "not `length`",
        ),
        (
            "[[media]]\ntitle = \"V\"\nduration = 60",
            "may only have text",
        ),
    ] {
        let d = one_problem(parse(&format!(
            "+++\ntitle = \"T\"\ndate = 2016-01-19\n{media}\n+++\n"
        )));
        assert!(d.message.contains(message), "{media}: {d}");
        assert_eq!(d.line, Some(4), "{media}");
    }
}

#[test]
fn unknown_keys_and_the_extra_table_go_to_extra() {
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\nmood = \"grim\"\n[extra]\nweight = 3\n",
        "title: T\ndate: 2016-01-19\nmood: grim\nextra:\n  weight: 3\n",
        "",
    ) {
        let a = result.unwrap();
        assert_eq!(a.extra.len(), 2, "{:?}", a.extra);
        assert_eq!(a.extra["mood"], "grim");
        assert_eq!(a.extra["weight"], 3);
    }
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\nextra = 3\n+++\n",
    ));
    assert_eq!(d.message, "`extra` must be a table");
}

#[test]
fn draft_must_be_true_or_false() {
    let a = parse("+++\ntitle = \"T\"\ndate = 2016-01-19\ndraft = true\n+++\n").unwrap();
    assert!(a.draft);
    let d = one_problem(parse(
        "+++\ntitle = \"T\"\ndate = 2016-01-19\ndraft = \"no\"\n+++\n",
    ));
    assert!(d.message.contains("`draft` must be true or false"), "{d}");
}

#[test]
fn the_body_is_rendered_and_its_text_kept_only_for_search() {
    let text = "+++\ntitle = \"T\"\ndate = 2016-01-19\n+++\nOne *two* three.\n";
    let a = parse(text).unwrap();
    assert!(a.body.html().contains("<em>two</em>"), "{}", a.body.html());
    assert!(
        a.body.text().contains("One two three."),
        "{}",
        a.body.text()
    );
    assert_eq!(a.words, 3);
    let config = config_with("[search]\nbody = false\n");
    let a = parse_at(&config, "content/a.md", text).unwrap();
    assert!(a.body.html().contains("<em>two</em>"));
    assert_eq!(a.body.text(), "");
    let config = config_with("[search]\nenabled = false\n");
    assert_eq!(
        parse_at(&config, "content/a.md", text).unwrap().body.text(),
        ""
    );
}

#[test]
fn every_problem_names_the_shown_path() {
    let config = config_with("");
    let problems = crate::loader::parse_article(
        &config,
        Path::new("content/a.md"),
        Path::new("site/content/a.md"),
        "+++\ntitle = \"\"\ndate = \"soon\"\ndraft = 1\n+++\n",
    )
    .unwrap_err();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems
        .iter()
        .all(|d| d.path == Path::new("site/content/a.md")));
    let lines: Vec<_> = problems.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(2), Some(3), Some(4)]);
}

#[test]
fn unknown_keys_are_kept_with_their_line_and_strict_makes_them_errors() {
    for result in both(
        "title = \"T\"\ndate = 2016-01-19\ndarft = true\nsubtitle = \"S\"\npublishDate = 2016-01-20\n[extra]\nmood = \"grim\"\n",
        "title: T\ndate: 2016-01-19\ndarft: true\nsubtitle: S\npublishDate: 2016-01-20\nextra:\n  mood: grim\n",
        "",
    ) {
        let a = result.unwrap();
        let keys: Vec<_> = a.unknown_keys.iter().map(|k| (k.key.as_str(), k.line)).collect();
        assert_eq!(keys, [("darft", Some(4)), ("subtitle", Some(5))]);
        assert!(a.publish_date.is_some());
        let warning = unknown_key(Path::new("content/a.md"), &a.unknown_keys[0], &config_with(""));
        assert_eq!(warning.line, Some(4));
        assert!(warning.help.unwrap().starts_with("did you mean `draft`?"));
    }
    let declared = config_with("[content]\nextra_keys = [\"subtitle\"]\nstrict = true\n");
    let text = "+++\ntitle = \"T\"\ndate = 2016-01-19\nsubtitle = \"S\"\ndarft = true\n+++\n";
    let problem = one_problem(parse_at(&declared, "content/a.md", text));
    assert!(problem.message.contains("`darft`"), "{problem:?}");
    assert_eq!(problem.line, Some(5));
}
