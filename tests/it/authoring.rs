//! The authoring commands besides serve: `gazette new`, `gazette check` and `gazette init`.
//! None of these tests touches the network (`check --external` is never run here).

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// gazette new
// ---------------------------------------------------------------------------------------------

fn toronto() -> Site {
    Site::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezone = \"America/Toronto\"\n",
    )
}

#[test]
fn new_writes_a_draft_from_the_built_in_archetype() {
    let site = toronto();
    let run = run_in(
        site.root(),
        &[
            "new",
            "Canada's \"robust\" role",
            "--topics",
            "Canada,ISIS",
            "--source",
            "CBC News",
            "--author",
            "Jane Doe",
            "--date",
            "2016-01-19 23:30",
        ],
    );
    run.assert_code(0);
    let path = "content/2016/01/canadas-robust-role.md";
    assert_eq!(run.stdout.trim(), path);
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    assert!(text.contains("draft = true"), "{text}");

    // A draft: left out of a plain build, published with --drafts, with every field.
    site.build_ok(&[]);
    assert!(list_titles(&site.page("/")).is_empty());
    site.build_ok(&["--drafts"]);
    let page = site.page("/2016/01/19/canadas-robust-role/");
    assert_eq!(texts(&page, "h1"), ["Canada's \"robust\" role"]);
    let topics = texts(&page, "a[href^=\"/topics/\"]");
    assert!(topics.contains(&"Canada".to_string()), "{topics:?}");
    assert!(topics.contains(&"ISIS".to_string()), "{topics:?}");
}

#[test]
fn new_files_the_article_under_the_site_timezone_date() {
    let site = toronto();
    // 03:00 UTC on February 1st is still January 31st in Toronto.
    let run = run_in(
        site.root(),
        &["new", "Late story", "--date", "2016-02-01T03:00:00Z"],
    );
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "content/2016/01/late-story.md");
}

#[test]
fn new_never_overwrites_and_names_the_article_that_has_the_slug() {
    let site = toronto();
    run_in(site.root(), &["new", "Same story", "--date", "2016-01-19"]).assert_code(0);
    let path = site.root().join("content/2016/01/same-story.md");
    std::fs::write(
        &path,
        "+++\ntitle = \"Mine\"\ndate = 2016-01-19\nslug = \"same-story\"\n+++\nmy words\n",
    )
    .unwrap();

    let again = run_in(site.root(), &["new", "Same story", "--date", "2016-01-19"]);
    again.assert_code(1);
    assert!(
        again.stderr.contains("content/2016/01/same-story.md"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("never overwrites"),
        "{}",
        again.stderr
    );
    assert!(std::fs::read_to_string(&path).unwrap().contains("my words"));

    let elsewhere = run_in(site.root(), &["new", "Same story", "--date", "2017-05-01"]);
    elsewhere.assert_code(1);
    let named = elsewhere.diagnostics_for("content/2016/01/same-story.md");
    assert_eq!(named.len(), 1, "{}", elsewhere.stderr);
    assert!(named[0].message.contains("same-story"), "{named:?}");
    assert!(!site.root().join("content/2017").exists());
}

#[test]
fn new_uses_the_site_archetype_and_reports_a_broken_one() {
    let site = toronto();
    site.write(
        "archetypes/article.md",
        "---\ntitle: {{ title }}\ndate: {{ date }}\ndraft: true\nmood: calm\n---\n\nOur house style.\n",
    );
    run_in(site.root(), &["new", "House style", "--date", "2016-01-19"]).assert_code(0);
    let text = std::fs::read_to_string(site.root().join("content/2016/01/house-style.md")).unwrap();
    assert!(
        text.contains("Our house style.") && text.contains("mood: calm"),
        "{text}"
    );

    site.write("archetypes/article.md", "+++\ntitle = {{ title }}\n+++\n");
    let run = run_in(site.root(), &["new", "Broken", "--date", "2016-01-19"]);
    run.assert_code(1);
    assert!(run.stderr.contains("archetype"), "{}", run.stderr);
    assert!(!site.root().join("content/2016/01/broken.md").exists());
}

#[test]
fn new_rejects_a_bad_date_as_a_usage_error() {
    let site = toronto();
    let run = run_in(site.root(), &["new", "X", "--date", "yesterday"]);
    run.assert_code(2);
    assert!(run.stderr.contains("2016-01-19"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// gazette check
// ---------------------------------------------------------------------------------------------

fn check(site: &Site, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    run_in(site.root(), &all)
}

#[test]
fn check_passes_a_sound_site_and_writes_nothing() {
    let site = Site::new();
    site.write("static/images/a.jpg", b"\xff\xd8\xff");
    site.article(
        "2016/01/a.md",
        "A",
        "2016-01-19",
        "image = \"/images/a.jpg\"\n",
    );
    site.write(
        "content/2016/01/b.md",
        toml_article(
            "B",
            "2016-01-20",
            "",
            "See [A](@/2016/01/a.md), [A by URL](/2016/01/19/a/), [topics](/topics/),\n[the home page](../../../../), ![a](/images/a.jpg) and [CBC](https://www.cbc.ca/).",
        ),
    );
    let before = snapshot(site.outside());
    let run = check(&site, &[]);
    run.assert_code(0);
    assert!(run.stdout.contains("0 errors"), "{}", run.stdout);
    assert_same_tree(&before, &snapshot(site.outside()), "the site folder");
}

#[test]
fn check_names_a_broken_content_path_link_with_its_file_and_line() {
    let site = Site::new();
    site.article("2016/01/a.md", "A", "2016-01-19", "");
    site.write(
        "content/2016/01/b.md",
        "+++\ntitle = \"B\"\ndate = 2016-01-20\n+++\n\nFine [link](@/2016/01/a.md).\n\nBroken [link](@/2016/01/gone.md).\n",
    );
    let run = check(&site, &[]);
    run.assert_code(1);
    let found = run.diagnostics_for("content/2016/01/b.md");
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert_eq!(found[0].line, Some(8));
    assert!(found[0].message.contains("@/2016/01/gone.md"), "{found:?}");
    assert!(!site.public().exists());
}

#[test]
fn check_reports_links_images_and_duplicate_urls_that_go_nowhere() {
    let site = Site::new();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2016-01-19\nimage = \"/images/lead.jpg\"\n+++\n\n[gone](/2016/01/19/nothing/)\n\n![missing](/images/none.png)\n\n[relative](../nope/) [fine](/topics/)\n",
    );
    let run = check(&site, &[]);
    run.assert_code(1);
    let found = run.diagnostics_for("content/a.md");
    let lines: Vec<_> = found.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        [Some(4), Some(7), Some(9), Some(11)],
        "{}",
        run.stderr
    );
    assert!(found[0].message.contains("/images/lead.jpg"));
    assert!(found[1].message.contains("/2016/01/19/nothing/"));
    assert!(found[2].message.contains("image"));
    assert!(found[3].message.contains("../nope/"));

    let dupes = Site::new();
    dupes.article("a.md", "Same", "2016-01-19", "");
    dupes.article("b.md", "Same", "2016-01-19", "");
    let run = check(&dupes, &[]);
    run.assert_code(1);
    assert!(
        run.diagnostics_for("content/b.md")[0]
            .message
            .contains("same URL"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_fails_on_warnings_only_when_they_are_denied() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-19", "");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.outside().join("elsewhere.md"),
        site.root().join("content/link.md"),
    )
    .unwrap();
    #[cfg(not(unix))]
    return;
    let run = check(&site, &[]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("warning: content/link.md"),
        "{}",
        run.stderr
    );
    check(&site, &["--deny-warnings"]).assert_code(1);
}

#[test]
fn check_reports_content_errors_with_exit_code_one() {
    let site = Site::new();
    site.write("content/a.md", "+++\ntitle = \"A\"\ndate = \"soon\"\n+++\n");
    let run = check(&site, &[]);
    run.assert_code(1);
    assert_eq!(run.diagnostics_for("content/a.md")[0].line, Some(3));
}

// ---------------------------------------------------------------------------------------------
// gazette init
// ---------------------------------------------------------------------------------------------

#[test]
fn a_new_archive_builds_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let run = run_in(tmp.path(), &["init", "archive"]);
    run.assert_code(0);
    let root = tmp.path().join("archive");
    for file in ["site.toml", "archetypes/article.md"] {
        assert!(root.join(file).is_file(), "{file}");
    }
    assert!(!root.join("themes").exists());
    // git ignores what gazette writes: the output, and its record cache.
    let ignored = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    let ignored: Vec<&str> = ignored.lines().collect();
    assert_eq!(ignored, ["/public/", "/.gazette-cache/"]);
    run_in(&root, &["check", "--deny-warnings"]).assert_code(0);
    run_in(&root, &["build"]).assert_code(0);
    let home = page_in(&root.join("public"), "/");
    assert_eq!(list_titles(&home), ["Welcome to your archive"]);

    // A draft from `new` keeps the site sound.
    run_in(
        &root,
        &["new", "First story", "--topics", "Getting started"],
    )
    .assert_code(0);
    run_in(&root, &["check", "--drafts", "--deny-warnings"]).assert_code(0);
}

#[test]
fn init_refuses_a_folder_with_files_in_it() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let run = run_in(tmp.path(), &["init"]);
    run.assert_code(1);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(!tmp.path().join("site.toml").exists());

    // Hidden entries only (a fresh git repository) are fine.
    let fresh = tempfile::tempdir().unwrap();
    std::fs::create_dir(fresh.path().join(".git")).unwrap();
    run_in(fresh.path(), &["init"]).assert_code(0);
    assert!(fresh.path().join("site.toml").is_file());
}
