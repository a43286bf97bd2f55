//! Bad input: broken articles, a broken site.toml, broken templates, garbage files and bad
//! command lines. Each must end the build with a clear message and the right exit code,
//! never with a panic, and never touch the previous output.

use crate::common::*;

/// The diagnostics about `path`, failing the test when there are none.
fn expect_named(run: &Run, path: &str) -> Vec<Diag> {
    let found = run.diagnostics_for(path);
    assert!(
        !found.is_empty(),
        "no error names {path}; stderr:\n{}",
        run.stderr_excerpt()
    );
    found
}

// ---------------------------------------------------------------------------------------------
// Broken articles
// ---------------------------------------------------------------------------------------------

#[test]
fn every_broken_file_is_reported_at_once_and_the_previous_output_is_untouched() {
    let site = Site::new();
    site.article("good.md", "Good", "2016-01-01", "topics = [\"Canada\"]\n");
    site.build_ok(&[]);
    let previous = snapshot(&site.public());
    assert!(previous.len() > 3);

    site.write(
        "content/bad_toml.md",
        "+++\ntitle = \"Bad TOML\"\ndate = 2016-01-02\nauthor = Jane Doe\n+++\nBody\n",
    );
    site.write(
        "content/bad_yaml.md",
        "---\ntitle: Bad YAML\ndate: 2016-01-02\nkey: value: other\n---\nBody\n",
    );
    site.write("content/no_title.md", "+++\ndate = 2016-01-02\n+++\nBody\n");
    site.write(
        "content/bad_date.md",
        "+++\ntitle = \"Bad date\"\ndate = \"19/01/2016\"\n+++\nBody\n",
    );
    site.article("dup_one.md", "Twin", "2016-01-03", "");
    site.article("dup_two.md", "Twin", "2016-01-03", "");
    site.write(
        "content/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\ndate = 2016-01-02\n+++\nBody\n",
    );
    let everything_before = snapshot(site.outside());

    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.stdout.trim().is_empty(), "stdout: {}", run.stdout);

    let line_of = |path: &str| expect_named(&run, path)[0].line;
    assert_eq!(
        line_of("content/bad_toml.md"),
        Some(4),
        "{}",
        run.stderr_excerpt()
    );
    assert_eq!(
        line_of("content/bad_yaml.md"),
        Some(4),
        "{}",
        run.stderr_excerpt()
    );
    assert_eq!(
        line_of("content/bad_date.md"),
        Some(3),
        "{}",
        run.stderr_excerpt()
    );
    assert_eq!(
        line_of("content/latin1.md"),
        Some(2),
        "{}",
        run.stderr_excerpt()
    );
    let no_title = expect_named(&run, "content/no_title.md");
    assert!(
        no_title.iter().any(|d| d.message.contains("title")),
        "{no_title:?}"
    );
    let bad_date = expect_named(&run, "content/bad_date.md");
    assert!(
        bad_date.iter().any(|d| d.message.contains("19/01/2016")),
        "{bad_date:?}"
    );
    // The clash names one twin and mentions the other.
    let twins: Vec<Diag> = ["content/dup_one.md", "content/dup_two.md"]
        .iter()
        .flat_map(|p| run.diagnostics_for(p))
        .collect();
    assert_eq!(twins.len(), 1, "{}", run.stderr_excerpt());
    let other = if twins[0].path.ends_with("dup_one.md") {
        "dup_two.md"
    } else {
        "dup_one.md"
    };
    assert!(twins[0].message.contains(other), "{twins:?}");
    assert!(run.diagnostics_for("content/good.md").is_empty());

    // Nothing was written anywhere: not public/, not beside it.
    assert_same_tree(&previous, &snapshot(&site.public()), "public/");
    assert_same_tree(
        &everything_before,
        &snapshot(site.outside()),
        "the site's folder",
    );
}

#[test]
fn a_misspelt_title_key_is_suggested() {
    let site = Site::new();
    site.write(
        "content/a.md",
        "+++\ntitel = \"Typo\"\ndate = 2016-01-01\n+++\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let found = expect_named(&run, "content/a.md");
    let title = found
        .iter()
        .find(|d| d.message.contains("`title`"))
        .expect("an error about the title");
    assert!(
        title.help.as_deref().is_some_and(|h| h.contains("titel")),
        "{title:?}"
    );
}

#[test]
fn an_article_url_clashing_with_a_generated_page_is_an_error() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}permalink = \"/:slug/\"\n"));
    site.article("real.md", "Real", "2016-01-01", "topics = [\"Canada\"]\n");
    site.article("clash.md", "Topics", "2016-01-02", "");
    let run = site.build(&[]);
    run.assert_code(1);
    expect_named(&run, "content/clash.md");
    assert!(!site.public().exists());
}

#[test]
fn a_static_file_clashing_with_a_page_is_an_error() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.write("static/404.html", "<p>mine</p>");
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d.path.ends_with("static/404.html")),
        "{}",
        run.stderr_excerpt()
    );
    assert!(!site.public().exists());
}

// ---------------------------------------------------------------------------------------------
// Garbage: never a panic
// ---------------------------------------------------------------------------------------------

/// Files that are not articles at all, each with a name saying what it is.
fn garbage() -> Vec<(&'static str, Vec<u8>)> {
    let mut binary = vec![
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
    ];
    binary.extend((0..2048u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80));
    let huge = "x".repeat(1 << 20);
    vec![
        ("empty.md", Vec::new()),
        ("only_plus.md", b"+++".to_vec()),
        ("only_plus_newline.md", b"+++\n".to_vec()),
        ("only_dashes.md", b"---\n".to_vec()),
        ("empty_front_matter.md", b"+++\n+++\n".to_vec()),
        ("binary.md", binary),
        ("nul_bytes.md", b"\0\0\0+++\ntitle = \"x\"\n+++\n".to_vec()),
        (
            "huge_values.md",
            format!("+++\ntitle = \"{huge}\"\nsummary = \"{huge}\"\ndate = \"{huge}\"\n+++\n")
                .into_bytes(),
        ),
        ("yaml_list.md", b"---\n- a\n- b\n---\nBody\n".to_vec()),
        ("yaml_scalar.md", b"---\njust text\n---\nBody\n".to_vec()),
        (
            "wrong_types.md",
            b"+++\ntitle = 5\ndate = true\ntopics = 7\ndraft = \"yes\"\n+++\n".to_vec(),
        ),
        (
            "deep_toml.md",
            format!(
                "+++\ntitle = \"Deep\"\ndate = 2016-01-01\nx = {}{}\n+++\n",
                "[".repeat(50_000),
                "]".repeat(50_000)
            )
            .into_bytes(),
        ),
        (
            "deep_yaml.md",
            format!(
                "---\ntitle: Deep\ndate: 2016-01-01\nx: {}{}\n---\n",
                "[".repeat(50_000),
                "]".repeat(50_000)
            )
            .into_bytes(),
        ),
        (
            "no_letters.md",
            b"+++\ntitle = \"!!! ???\"\ndate = 2016-01-01\n+++\n".to_vec(),
        ),
        ("crlf_unclosed.md", b"+++\r\ntitle = \"x\"\r\n".to_vec()),
        ("bom_only.md", "\u{feff}".as_bytes().to_vec()),
    ]
}

#[test]
fn garbage_files_are_reported_together_without_panicking() {
    let site = Site::new();
    site.article("good.md", "Good", "2016-01-01", "");
    for (name, bytes) in garbage() {
        site.write(&format!("content/{name}"), bytes);
    }
    let run = site.build(&[]);
    run.assert_code(1);
    for (name, _) in garbage() {
        expect_named(&run, &format!("content/{name}"));
    }
    assert!(!site.public().exists());
}

#[test]
fn each_garbage_file_alone_is_reported_without_panicking() {
    for (name, bytes) in garbage() {
        let site = Site::new();
        site.write(&format!("content/{name}"), bytes);
        let run = site.build(&[]);
        assert_eq!(run.code, Some(1), "{name}: {}", run.stderr_excerpt());
        run.assert_no_panic();
        expect_named(&run, &format!("content/{name}"));
    }
}

#[test]
fn a_very_long_title_is_built_or_reported_against_its_file() {
    // A title longer than a file name may be (255 bytes on most file systems): either gazette
    // finds a URL for it or it says which article is at fault. An error about a file in the
    // output folder does not tell the user what to fix. 60 words is a scraped headline with
    // its standfirst; 20,000 is garbage.
    for words in [60, 20_000] {
        let site = Site::new();
        let title = vec!["word"; words].join(" ");
        site.article("long.md", &title, "2016-01-01", "");
        let run = site.build(&[]);
        run.assert_no_panic();
        match run.code {
            Some(0) => {
                let home = site.page("/");
                let href = list_hrefs(&home).pop().expect("the article is listed");
                let page = site.page(&href);
                assert_eq!(text_of(one(&page, "h1.article-title")), title);
            }
            _ => {
                assert_eq!(run.code, Some(1), "{words} words: {}", run.stderr_excerpt());
                assert!(
                    !run.diagnostics_for("content/long.md").is_empty(),
                    "{words} words: no error names content/long.md; stderr:\n{}",
                    run.stderr_excerpt()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// site.toml
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unknown_site_key_is_named_with_the_nearest_valid_key() {
    let site = Site::with_config(&format!(
        "{BASIC_CONFIG}paginte = 10\n[markdown]\nunsafe_htm = true\n"
    ));
    site.article("a.md", "A", "2016-01-01", "");
    let run = site.build(&[]);
    run.assert_code(1);
    let found = expect_named(&run, "site.toml");
    let top = found
        .iter()
        .find(|d| d.message.contains("`paginte`"))
        .expect("an error naming paginte");
    assert_eq!(top.line, Some(3));
    assert!(
        top.help
            .as_deref()
            .is_some_and(|h| h.contains("did you mean `paginate`")),
        "{top:?}"
    );
    let nested = found
        .iter()
        .find(|d| d.message.contains("unsafe_htm`"))
        .expect("an error naming markdown.unsafe_htm");
    assert_eq!(nested.line, Some(5));
    assert!(
        nested
            .help
            .as_deref()
            .is_some_and(|h| h.contains("`unsafe_html`")),
        "{nested:?}"
    );
    assert!(!site.public().exists());
}

/// A site.toml with three bad values, on lines 3, 4 and 5.
const THREE_BAD_VALUES: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezone = \"America/Toronot\"\npaginate = 0\npermalink = \"/:year/:titel/\"\n";

#[test]
fn bad_site_values_are_all_reported() {
    let site = Site::with_config(THREE_BAD_VALUES);
    site.article("a.md", "A", "2016-01-01", "");
    let run = site.build(&[]);
    run.assert_code(1);
    let found = expect_named(&run, "site.toml");
    let at = |line: usize| {
        found
            .iter()
            .find(|d| d.line == Some(line))
            .unwrap_or_else(|| panic!("no error on line {line}: {}", run.stderr))
    };
    assert_eq!(found.len(), 3, "{}", run.stderr);
    assert!(at(3).message.contains("timezone"));
    assert!(at(3)
        .help
        .as_deref()
        .is_some_and(|h| h.contains("America/Toronto")));
    assert!(at(4).message.contains("paginate"));
    assert!(at(5).message.contains(":titel"), "{:?}", at(5));
    assert!(!site.public().exists());
}

#[test]
fn site_toml_errors_are_listed_in_line_order() {
    // Content errors are sorted by file and line; site.toml's should read top to bottom too.
    let site = Site::with_config(THREE_BAD_VALUES);
    let run = site.build(&[]);
    run.assert_code(1);
    let lines: Vec<Option<usize>> = run.diagnostics().iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(3), Some(4), Some(5)], "{}", run.stderr);
}

#[test]
fn a_site_toml_syntax_error_has_its_line() {
    let site = Site::with_config("title = \"T\"\nbase_url = https://example.org/\n");
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(expect_named(&run, "site.toml")[0].line, Some(2));
}

#[test]
fn a_folder_without_site_toml_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let run = run_in(tmp.path(), &["build"]);
    run.assert_code(1);
    assert!(run
        .diagnostics()
        .iter()
        .any(|d| d.path.ends_with("site.toml")));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn a_site_without_content_is_refused() {
    let site = Site::new();
    std::fs::remove_dir(site.root().join("content")).unwrap();
    let run = site.build(&[]);
    run.assert_code(1);
    expect_named(&run, "content");
    assert!(!site.public().exists());
}

#[test]
fn a_missing_theme_is_reported() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}theme = \"nope\"\n"));
    site.article("a.md", "A", "2016-01-01", "");
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(expect_named(&run, "site.toml")
        .iter()
        .any(|d| d.message.contains("nope")));
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

#[test]
fn a_broken_template_override_is_reported_with_its_path() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.build_ok(&[]);
    let previous = snapshot(&site.public());
    site.write("templates/article.html", "{% if %}broken{% endif\n");
    let run = site.build(&[]);
    run.assert_code(1);
    expect_named(&run, "templates/article.html");
    assert_same_tree(&previous, &snapshot(&site.public()), "public/");
}

#[test]
fn a_template_that_fails_at_render_time_is_reported_and_writes_nothing() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.build_ok(&[]);
    let previous = snapshot(&site.public());
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{{ article.no_such_field.deeper }}{% endblock content %}\n",
    );
    let everything_before = snapshot(site.outside());
    let run = site.build(&[]);
    run.assert_code(1);
    expect_named(&run, "templates/article.html");
    assert_same_tree(&previous, &snapshot(&site.public()), "public/");
    // The half-written staging folder is gone too.
    assert_same_tree(
        &everything_before,
        &snapshot(site.outside()),
        "the site's folder",
    );
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    for args in [
        vec!["build", "--no-such-flag"],
        vec!["no-such-command"],
        vec![],
        vec!["build", "--base-url", "ftp://example.org/"],
        vec!["build", "--base-url", "not a url"],
    ] {
        let run = run_in(site.root(), &args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr_excerpt());
        run.assert_no_panic();
        assert!(!run.stderr.trim().is_empty(), "{args:?} says why");
        assert!(!site.public().exists(), "{args:?} wrote output");
    }
}
