//! Hostile or damaged inputs and surroundings (issue 15): trees deeper than a recursive walk
//! can take, dates outside what sitemaps and feeds accept, articles with thousands of topics,
//! leftovers of a crashed build, and I/O errors that strike every page.

use crate::common::*;

/// The folders of `content/d/d/…/d` (`depth` of them), made one at a time so that nothing in
/// the test itself recurses over the depth.
fn nested(site: &Site, depth: usize) -> std::path::PathBuf {
    let mut dir = site.root().join("content");
    for _ in 0..depth {
        dir.push("d");
        std::fs::create_dir(&dir).expect("create a nested folder");
    }
    dir
}

#[test]
fn content_nested_1600_folders_deep_builds_and_checks() {
    // 1,600 folders make a 3.2 KB path, under Linux's 4 KB PATH_MAX, so the OS takes it; a
    // recursive walk of content/ overflowed its stack and aborted with SIGABRT.
    let site = Site::new();
    let bottom = nested(&site, 1600);
    write_file(
        &bottom.join("x.md"),
        toml_article("Deep", "2016-01-19", "", "At the bottom.").as_bytes(),
    );
    site.build_ok(&[]);
    assert!(site.has_page("/2016/01/19/deep/"));
    let check = run_in(site.root(), &["check"]);
    check.assert_code(0);
}

#[test]
fn dates_outside_years_1_to_9999_are_errors_naming_file_and_line() {
    // Each built before: year 0 and year 10000 (9999-12-31 at -12:00 is 10000 in UTC) made
    // sitemap.xml fail its schema and the feed unparseable; -5000 made /-5000/01/01/….
    for (date, year) in [
        ("0000-01-01", "0"),
        ("9999-12-31T23:59:59-12:00", "10000"),
        ("\"-5000-01-01\"", "-5000"),
    ] {
        let site = Site::new();
        site.article("ok.md", "Fine", "2016-01-19", "")
            .article("far.md", "Far", date, "");
        let run = site.build(&[]);
        run.assert_code(1);
        let diags = run.diagnostics_for("content/far.md");
        assert_eq!(diags.len(), 1, "{date}: {}", run.stderr_excerpt());
        let d = &diags[0];
        assert_eq!(d.line, Some(3), "{date}: {d:?}");
        assert!(d.message.contains(&format!("year {year}")), "{date}: {d:?}");
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.contains("year 1 to 9999"), "{date}: {help}");
        assert!(!site.public().exists(), "{date}: nothing is written");
    }
    let site = Site::new();
    site.article("first.md", "First", "0001-01-01", "").article(
        "last.md",
        "Last",
        "9999-12-30",
        "",
    );
    // The year 9999 is in the future: scheduled, so shown with --future.
    site.build_ok(&["--future"]);
    assert!(site.has_page("/0001/01/01/first/"));
    assert!(site.has_page("/9999/12/30/last/"));
}

/// The pid of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true")
        .spawn()
        .expect("run true");
    let pid = child.id();
    child.wait().expect("wait for true");
    pid
}

/// Sets a file's modification time an hour back, so that builds trust it (see the record
/// cache's "racily clean" rule) and a rebuild has nothing to do.
fn age(path: &std::path::Path) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
}

/// Leftovers of a build that died (killed, crashed, out of space), as gazette names them,
/// planted by hand; returns their paths, relative to the site.
fn plant_leftovers(site: &Site, dead: u32) -> Vec<String> {
    let planted = [
        format!("public/.gazette-manifest.tmp-{dead}"),
        ".public.gazette-old/.gazette-build".to_string(),
        ".public.gazette-old/index.html".to_string(),
        ".public.gazette-staging/.gazette-build".to_string(),
        ".public.gazette-staging/2016/index.html".to_string(),
        format!(".gazette-cache/records/05.tmp-{dead}"),
        format!(".gazette-cache/snapshot.tmp-{dead}"),
    ];
    for path in &planted {
        site.write(path, "left over");
    }
    planted.to_vec()
}

#[test]
fn every_build_removes_gazettes_leftovers_and_nothing_else() {
    let dead = dead_pid();
    let site = Site::new();
    site.article("a.md", "Story", "2016-01-19", "")
        // A user's static file whose name looks like a temporary file: it is published.
        .write(&format!("static/notes.tmp-{dead}"), "mine");
    for path in [
        "content/a.md",
        "site.toml",
        &format!("static/notes.tmp-{dead}"),
    ] {
        age(&site.root().join(path));
    }
    site.build_into(&site.public(), false).unwrap();
    // Files gazette did not make, or whose process still runs (pid 1 always does), stay.
    let kept = [
        format!("public/notes.tmp-{dead}"),
        "public/.gazette-manifest.tmp-1".to_string(),
        format!(".gazette-cache/records/notes.tmp-{dead}"),
        format!(".gazette-cache/CACHEDIR.TAG.tmp-{dead}"),
    ];
    for path in &kept[1..] {
        site.write(path, "not a leftover of a dead gazette");
    }

    // A build with nothing to do, then one with --force.
    for force in [false, true] {
        let planted = plant_leftovers(&site, dead);
        let report = site.build_into(&site.public(), force).unwrap();
        assert_eq!(report.up_to_date, !force);
        for path in &planted {
            assert!(
                !site.root().join(path).exists(),
                "force={force}: {path} is left"
            );
        }
        assert!(!site.root().join(".public.gazette-old").exists());
        assert!(!site.root().join(".public.gazette-staging").exists());
        for path in &kept {
            assert!(
                site.root().join(path).exists(),
                "force={force}: {path} was removed"
            );
        }
    }

    // A folder of the same name as the previous build's, but without gazette's marker.
    site.write(".public.gazette-old/mine.txt", "mine");
    assert!(site.build_into(&site.public(), false).unwrap().up_to_date);
    assert!(site.root().join(".public.gazette-old/mine.txt").exists());
}

/// A TOML list of `n` names `Prefix 0`, `Prefix 1`, ….
fn names(prefix: &str, n: usize) -> String {
    let names: Vec<String> = (0..n).map(|i| format!("\"{prefix} {i}\"")).collect();
    format!("[{}]", names.join(", "))
}

#[test]
fn an_article_with_10000_topics_or_authors_is_an_error_naming_the_limit() {
    // Every topic and author has a page listing its articles with all of theirs: 10,000 on
    // one article made 100 million links and took over 90 s (3,000 topics: 9.7 s).
    for key in ["topics", "authors"] {
        let site = Site::new();
        site.article("ok.md", "Fine", "2016-01-19", "").article(
            "many.md",
            "Many",
            "2016-01-19",
            &format!("{key} = {}\n", names("Name", 10_000)),
        );
        let run = site.build(&[]);
        run.assert_code(1);
        let diags = run.diagnostics_for("content/many.md");
        assert_eq!(diags.len(), 1, "{key}: {}", run.stderr_excerpt());
        assert_eq!(diags[0].line, Some(4), "{key}: {:?}", diags[0]);
        assert!(
            diags[0].message.contains("10000") && diags[0].message.contains("at most 200"),
            "{key}: {:?}",
            diags[0]
        );
    }
}

#[test]
fn an_article_with_200_topics_builds_every_topic_page() {
    let site = Site::new();
    site.article(
        "many.md",
        "Many",
        "2016-01-19",
        &format!("topics = {}\n", names("Topic", 200)),
    );
    site.build_ok(&[]);
    for i in [0, 1, 100, 199] {
        assert!(site.has_page(&format!("/topics/topic-{i}/")), "topic {i}");
    }
}

#[cfg(unix)]
#[test]
fn import_never_writes_through_a_symlinked_folder() {
    // content/2016 -> a folder outside the site: import wrote the article there, reported
    // it inside content/, and build (which does not follow symlinked folders) never showed it.
    let site = Site::new();
    let elsewhere = site.outside().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(site.root().join("content")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root().join("content/2016")).unwrap();
    let input = site.outside().join("story.txt");
    write_file(
        &input,
        b"Date: 2016-01-19\n\nA headline\n\nThe first paragraph.\n",
    );
    let run = run_in(site.root(), &["import", input.to_str().unwrap()]);
    run.assert_code(1);
    run.assert_no_panic();
    assert!(
        run.stderr.contains("symlink") && run.stderr.contains("content/2016"),
        "{}",
        run.stderr
    );
    assert!(
        files_under(&elsewhere).is_empty(),
        "{:?}",
        files_under(&elsewhere)
    );
    // A real folder takes it.
    std::fs::remove_file(site.root().join("content/2016")).unwrap();
    run_in(site.root(), &["import", input.to_str().unwrap()]).assert_code(0);
    assert!(site.root().join("content/2016/01/a-headline.md").is_file());
}

#[cfg(unix)]
#[test]
fn a_content_folder_linked_from_outside_the_site_is_read_with_a_warning() {
    let site = Site::new();
    let archive = site.outside().join("archive");
    write_file(
        &archive.join("a.md"),
        toml_article("Kept elsewhere", "2016-01-19", "", "Body.").as_bytes(),
    );
    let _ = std::fs::remove_dir_all(site.root().join("content"));
    std::os::unix::fs::symlink(&archive, site.root().join("content")).unwrap();
    let run = site.build_ok(&[]);
    assert!(site.has_page("/2016/01/19/kept-elsewhere/"));
    let warnings = run.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.path.ends_with("content") && w.message.contains("outside the site")),
        "{warnings:?}"
    );
    // A link inside the site is no news.
    std::fs::remove_file(site.root().join("content")).unwrap();
    let inside = site.root().join("articles");
    std::fs::rename(&archive, &inside).unwrap();
    std::os::unix::fs::symlink(&inside, site.root().join("content")).unwrap();
    // (Forced: the same files at the same paths are otherwise "nothing changed", and such a
    // build repeats the last build's warnings.)
    let run = site.build_ok(&["--force"]);
    assert!(
        !run.warnings()
            .iter()
            .any(|w| w.message.contains("outside the site")),
        "{:?}",
        run.warnings()
    );
}

/// A site whose slugs differ only by case and by Unicode normalisation, and one that
/// Windows reserves.
fn unportable_site(config: &str) -> Site {
    let site = Site::with_config(config);
    for (file, slug) in [
        ("a.md", "canada"),
        ("b.md", "Canada"),
        ("c.md", "caf\u{e9}"),
        ("d.md", "cafe\u{301}"),
        ("e.md", "con"),
    ] {
        site.write(
            &format!("content/{file}"),
            toml_article(
                &format!("Story {file}"),
                "2016-01-19",
                &format!("slug = \"{slug}\"\n"),
                "Body.",
            ),
        );
    }
    site
}

#[test]
fn names_that_break_on_other_hosts_are_warned_or_refused() {
    let config = "title = \"T\"\nbase_url = \"https://example.org/\"\npermalink = \"/:slug/\"\n";
    let site = unportable_site(config);
    let run = site.build_ok(&[]);
    let warnings = run.warnings();
    let about = |file: &str, words: &str| {
        warnings
            .iter()
            .any(|w| w.path == format!("content/{file}") && w.message.contains(words))
    };
    assert!(about("b.md", "letter case"), "{warnings:?}");
    assert!(about("d.md", "letter case"), "{warnings:?}");
    assert!(about("e.md", "Windows reserves"), "{warnings:?}");
    assert!(
        !about("a.md", ""),
        "the first of a pair is not blamed: {warnings:?}"
    );
    // Each page is still built: on this host the names are distinct.
    assert!(site.has_page("/canada/") && site.has_page("/Canada/"));

    let strict = unportable_site(&format!("{config}[build]\nportable_names = true\n"));
    let run = strict.build(&[]);
    run.assert_code(1);
    run.assert_no_panic();
    let errors = run.diagnostics();
    assert!(
        errors.iter().any(|d| d.path == "content/b.md")
            && errors.iter().any(|d| d.path == "content/e.md"),
        "{errors:?}"
    );
    assert!(!strict.public().exists(), "nothing is written");
}

#[test]
fn a_percent_sign_in_a_slug_or_alias_is_refused() {
    let site = Site::new();
    site.article("a.md", "Escaped", "2016-01-19", "slug = \"%2e%2e%2fetc\"\n");
    site.article(
        "b.md",
        "Aliased",
        "2016-01-19",
        "aliases = [\"/old/caf%C3%A9/\"]\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    run.assert_no_panic();
    for file in ["content/a.md", "content/b.md"] {
        let found = run.diagnostics_for(file);
        assert!(
            found.iter().any(|d| d.message.contains("percent sign")),
            "{file}: {found:?}"
        );
    }
}
