//! Security: sanitising article HTML, keeping every write inside the output folder, and never
//! replacing a folder gazette did not make.

use std::collections::BTreeSet;
use std::path::Path;

use scraper::{ElementRef, Html};

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// Sanitising
// ---------------------------------------------------------------------------------------------

/// A Markdown body trying every common way to run script.
const HOSTILE_BODY: &str = r#"Hi <span onclick="steal()">there</span> and <b onmouseover="steal()">bold</b>.

<script>alert(1)</script>

<img src="lead.png" onerror="alert(2)" alt="lead">

[one](javascript:alert(3)) <a href="JavaScript:alert(4)">two</a> <a href=" javascript:alert(5)">three</a> <a href="jav&#x09;ascript:alert(6)">four</a>

<svg><script>alert(7)</script></svg>

<iframe src="javascript:alert(8)"></iframe>

<form action="javascript:alert(9)"><button formaction="javascript:alert(10)">go</button></form>

[fine](https://example.org/fine)
"#;

/// A URL as a browser reads it: ASCII whitespace and control characters removed, lowercase.
fn normalised_url(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Every element from `root` down, `root` included.
fn elements(root: ElementRef) -> Vec<ElementRef> {
    std::iter::once(root)
        .chain(root.descendent_elements())
        .collect()
}

/// The ways `root` could still run script: script elements, on* attributes, script URLs.
fn script_vectors(root: ElementRef) -> Vec<String> {
    let mut found = Vec::new();
    for element in elements(root) {
        let name = element.value().name();
        // Structured data is a script element the browser never runs; it is safe as long as
        // it is all JSON (nothing in it closed the element early).
        let is_data = element.value().attr("type") == Some("application/ld+json")
            && serde_json::from_str::<serde_json::Value>(&element.text().collect::<String>())
                .is_ok();
        // The search page's own script (issue 6) is the theme's file, never article text:
        // an empty element whose src is the built search script.
        let is_search_script = element
            .value()
            .attr("src")
            .is_some_and(|src| src.ends_with("/search/search.js"))
            && element.inner_html().is_empty();
        if name == "script" && !is_data && !is_search_script {
            found.push(format!("<script>{}", element.inner_html()));
        }
        for (attr, value) in element.value().attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
            let url = normalised_url(value);
            if ["javascript:", "vbscript:"]
                .iter()
                .any(|s| url.starts_with(s))
            {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
        }
    }
    found
}

/// Fails unless no page in `out` can run script.
fn assert_no_script_anywhere(out: &Path) {
    for (url, _) in html_pages(out) {
        let page = page_in(out, &url);
        let found = script_vectors(page.root_element());
        assert!(found.is_empty(), "{url} can run script: {found:#?}");
    }
}

fn body(page: &Html) -> ElementRef<'_> {
    one(page, "div.article-body")
}

#[test]
fn scripts_event_handlers_and_javascript_urls_are_removed_from_markdown() {
    let site = Site::new();
    site.write(
        "content/a.md",
        toml_article("Hostile", "2016-01-01", "topics = [\"T\"]\n", HOSTILE_BODY),
    );
    site.build_ok(&[]);
    let page = site.page("/2016/01/01/hostile/");
    let body = body(&page);
    let found = script_vectors(body);
    assert!(
        found.is_empty(),
        "the article body can run script: {found:#?}"
    );
    assert!(
        select(
            &page,
            "div.article-body iframe, div.article-body form, div.article-body svg"
        )
        .is_empty(),
        "{}",
        body.inner_html()
    );
    // The harmless parts survive.
    let text = text_of(body);
    assert!(text.contains("there") && text.contains("bold"), "{text}");
    assert_eq!(
        attrs(&page, "div.article-body a[href^=https]", "href"),
        ["https://example.org/fine"]
    );
    assert_eq!(attrs(&page, "div.article-body img", "src"), ["lead.png"]);
    // The summary on listing pages, and every other page, are clean as well.
    assert_no_script_anywhere(&site.public());
}

#[test]
fn raw_html_is_kept_with_unsafe_html() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}[markdown]\nunsafe_html = true\n"));
    site.write(
        "content/a.md",
        toml_article("Trusted", "2016-01-01", "", HOSTILE_BODY),
    );
    site.build_ok(&[]);
    let page = site.page("/2016/01/01/trusted/");
    let body = body(&page);
    let scripts = body.select(&selector("script")).count();
    assert!(scripts >= 1, "{}", body.inner_html());
    assert_eq!(
        attrs(&page, "div.article-body span[onclick]", "onclick"),
        ["steal()"]
    );
}

#[test]
fn unsafe_html_is_off_by_default_even_when_the_markdown_table_is_present() {
    let site = Site::with_config(&format!("{BASIC_CONFIG}[markdown]\n"));
    site.write(
        "content/a.md",
        toml_article("Default", "2016-01-01", "", "<script>alert(1)</script>\n"),
    );
    site.build_ok(&[]);
    let page = site.page("/2016/01/01/default/");
    assert!(select(&page, "script:not([type=\"application/ld+json\"])").is_empty());
    assert!(select(&page, "div.article-body script").is_empty());
}

#[test]
fn markup_in_front_matter_is_shown_as_text() {
    let site = Site::new();
    let title = "<script>alert(1)</script> Headline <b onclick=\"x()\">bold</b>";
    site.write(
        "content/a.md",
        format!(
            "+++\ntitle = {title:?}\ndate = 2016-01-01\nslug = \"markup\"\nsummary = \"<img src=x onerror=alert(1)>\"\nauthor = \"<i onmouseover='x()'>Eve</i>\"\nsource = \"<script>alert(2)</script>\"\ntopics = [\"<b>Bold</b>\"]\n+++\n\nBody.\n"
        ),
    );
    site.build_ok(&[]);
    let page = site.page("/2016/01/01/markup/");
    assert_eq!(text_of(one(&page, "h1.article-title")), title);
    assert!(select(&page, "h1.article-title b").is_empty());
    assert_no_script_anywhere(&site.public());
}

#[test]
fn front_matter_links_cannot_carry_javascript_urls() {
    // original_url and source.url are usually scraped along with the article; a scraped
    // `javascript:` address must not become a clickable script in the archive.
    let site = Site::new();
    site.article(
        "a.md",
        "Scraped",
        "2016-01-01",
        "original_url = \"javascript:alert(1)\"\nsource = { name = \"Outlet\", url = \" JavaScript:alert(2)\" }\nimage = \"javascript:alert(3)\"\n",
    );
    let run = site.build(&[]);
    match run.code {
        Some(0) => assert_no_script_anywhere(&site.public()),
        _ => {
            run.assert_code(1);
            assert!(
                !run.diagnostics_for("content/a.md").is_empty(),
                "{}",
                run.stderr
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writes stay inside the output folder
// ---------------------------------------------------------------------------------------------

#[test]
fn a_slug_that_leaves_the_output_folder_is_an_error_naming_the_file() {
    for slug in [
        "../../escape",
        "..",
        "a/../../../escape",
        "../../../../../../tmp/escape",
    ] {
        let site = Site::new();
        site.article("good.md", "Good", "2016-01-01", "");
        site.build_ok(&[]);
        site.article(
            "evil.md",
            "Evil",
            "2016-01-02",
            &format!("slug = {slug:?}\n"),
        );
        let before = snapshot(site.outside());
        let run = site.build(&[]);
        run.assert_code(1);
        let named = run.diagnostics_for("content/evil.md");
        assert!(!named.is_empty(), "{slug}: {}", run.stderr);
        assert_eq!(named[0].line, Some(4), "{slug}: the slug's line");
        assert_same_tree(&before, &snapshot(site.outside()), slug);
    }
}

#[test]
fn output_dir_outside_the_site_is_refused() {
    for case in ["../escape", "<absolute>", "public/../.."] {
        let site = Site::new();
        let dir = match case {
            "<absolute>" => site
                .outside()
                .join("absolute")
                .to_string_lossy()
                .into_owned(),
            relative => relative.to_string(),
        };
        site.write("site.toml", format!("{BASIC_CONFIG}output_dir = {dir:?}\n"));
        site.article("a.md", "A", "2016-01-01", "");
        let before = snapshot(site.outside());
        let run = site.build(&[]);
        run.assert_code(1);
        assert!(
            run.diagnostics_for("site.toml")
                .iter()
                .any(|d| d.message.contains("output_dir")),
            "{dir}: {}",
            run.stderr
        );
        assert_same_tree(&before, &snapshot(site.outside()), &dir);
    }
}

#[cfg(unix)]
#[test]
fn a_static_symlink_to_a_file_outside_the_site_is_not_copied() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    let secret = site.outside().join("secret.txt");
    std::fs::write(&secret, "private").unwrap();
    site.write("static/public.txt", "public");
    std::os::unix::fs::symlink(&secret, site.root().join("static/leak.txt")).unwrap();
    site.build_ok(&[]);
    assert!(site.public().join("public.txt").is_file());
    assert!(!site.public().join("leak.txt").exists());
}

#[cfg(unix)]
#[test]
fn a_yaml_alias_bomb_does_not_exhaust_memory() {
    // Nine levels of ten aliases each: a billion strings if aliases are expanded. The build
    // runs under a memory limit so that a blow-up ends this test, not the machine.
    fn build_with_memory_limit(site: &Site) -> Run {
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 524288 && exec \"$0\" build")
            .arg(env!("CARGO_BIN_EXE_gazette"))
            .current_dir(site.root())
            .env("RAYON_NUM_THREADS", "2")
            .env("MALLOC_ARENA_MAX", "2")
            .output()
            .expect("run gazette under sh");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
    let site = Site::new();
    site.article("plain.md", "Plain", "2016-01-01", "");
    // The limit itself is not what fails a build.
    build_with_memory_limit(&site).assert_code(0);

    let mut yaml = String::from("---\ntitle: Bomb\ndate: 2016-01-02\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let refs = vec![format!("*l{}", level - 1); 10].join(", ");
        yaml.push_str(&format!("l{level}: &l{level} [{refs}]\n"));
    }
    yaml.push_str("---\nBody.\n");
    site.write("content/bomb.md", yaml);
    let run = build_with_memory_limit(&site);
    run.assert_no_panic();
    match run.code {
        Some(0) => assert!(site.has_page("/2016/01/02/bomb/")),
        _ => {
            run.assert_code(1);
            assert!(
                !run.diagnostics_for("content/bomb.md").is_empty(),
                "{}",
                run.stderr_excerpt()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The output folder: only gazette's own is replaced
// ---------------------------------------------------------------------------------------------

/// The names in a folder.
fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_non_empty_output_folder_without_the_marker_is_refused() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.write("public/thesis.docx", "years of work");
    site.write("public/notes/todo.txt", "call mum");
    let before = snapshot(site.outside());
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(
        run.diagnostics().iter().any(|d| d.path.ends_with("public")),
        "the message names the folder: {}",
        run.stderr
    );
    assert_same_tree(&before, &snapshot(site.outside()), "the site's folder");
}

#[test]
fn a_non_empty_out_folder_without_the_marker_is_refused() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    let out = site.outside().join("mine");
    write_file(&out.join("photo.jpg"), b"\xff\xd8\xff");
    let before = snapshot(site.outside());
    let run = site.build(&["--out", out.to_str().unwrap()]);
    run.assert_code(1);
    assert_same_tree(&before, &snapshot(site.outside()), "the temporary folder");
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.write("public", "not a folder");
    let before = snapshot(site.outside());
    site.build(&[]).assert_code(1);
    assert_same_tree(&before, &snapshot(site.outside()), "the site's folder");
}

#[cfg(unix)]
#[test]
fn an_output_path_that_is_a_symlink_is_not_followed() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    let elsewhere = site.outside().join("elsewhere");
    write_file(&elsewhere.join("keep.txt"), b"keep");
    std::os::unix::fs::symlink(&elsewhere, site.public()).unwrap();
    let before = snapshot(site.outside());
    site.build(&[]).assert_code(1);
    assert_same_tree(&before, &snapshot(site.outside()), "the temporary folder");
}

#[test]
fn out_pointing_at_the_site_or_its_inputs_is_refused() {
    // Checked both from inside the site folder (the usual way to run gazette) and from its
    // parent with --root; the outcome must not depend on where gazette runs.
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.write("static/logo.png", b"\x89PNG");
    site.write("templates/partials/.keep", "");
    let root = site.root().to_path_buf();
    let targets = [
        root.clone(),
        site.outside().to_path_buf(),
        root.join("content"),
        root.join("content/built"),
        root.join("static"),
        root.join("static/generated"),
        root.join("templates/partials"),
        root.join("themes/default"),
    ];
    let mut accepted = Vec::new();
    for target in &targets {
        let out = target.to_str().unwrap();
        for (from, args) in [
            ("the site folder", vec!["build", "--out", out]),
            (
                "its parent with --root",
                vec!["build", "--root", "site", "--out", out],
            ),
        ] {
            let dir = if from == "the site folder" {
                site.root()
            } else {
                site.outside()
            };
            let before = snapshot(site.outside());
            let run = run_in(dir, &args);
            run.assert_no_panic();
            if run.code != Some(1) {
                accepted.push(format!("--out {out} from {from}: exit {:?}", run.code));
            }
            let after = snapshot(site.outside());
            if before != after {
                accepted.push(format!("--out {out} from {from}: files changed"));
                // Undo the build so the next case starts from the same site.
                for path in after.keys().filter(|p| !before.contains_key(*p)) {
                    let full = site.outside().join(path);
                    if full.is_dir() {
                        let _ = std::fs::remove_dir_all(&full);
                    } else {
                        let _ = std::fs::remove_file(&full);
                    }
                }
            }
        }
    }
    assert!(
        accepted.is_empty(),
        "output folders among the inputs were accepted:\n{}",
        accepted.join("\n")
    );
}

#[test]
fn an_empty_output_folder_is_used() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    std::fs::create_dir(site.public()).unwrap();
    site.build_ok(&[]);
    assert_eq!(list_titles(&site.page("/")), ["A"]);
    assert!(site.public().join(".gazette-build").is_file());
}

#[test]
fn a_rebuild_replaces_the_previous_output_and_leaves_no_stale_files() {
    let site = Site::new();
    site.article("a.md", "Alpha", "2016-01-01", "topics = [\"Old topic\"]\n");
    site.article("b.md", "Bravo", "2016-01-02", "");
    site.write("static/old.txt", "old");
    site.build_ok(&[]);
    assert!(site.has_page("/2016/01/02/bravo/"));
    assert!(site.has_page("/topics/old-topic/"));
    // Files a user dropped into the output by hand stay: a rebuild removes only files the
    // manifest lists as written by an earlier build (issue 7: "never delete a file the
    // manifest does not list"; before incremental builds they were wiped with the folder).
    site.write("public/stray.html", "<p>stray</p>");
    site.write("public/stray/deep.txt", "stray");

    site.remove("content/b.md");
    site.remove("static/old.txt");
    site.article("a.md", "Alpha", "2016-01-01", "topics = [\"New topic\"]\n");
    site.article("c.md", "Charlie", "2016-01-03", "");
    site.build_ok(&[]);

    // The rebuild is exactly what a build into a fresh folder makes.
    let fresh = site.outside().join("fresh");
    site.build_ok(&["--out", fresh.to_str().unwrap()]);
    let mut rebuilt = snapshot(&site.public());
    for stray in ["stray.html", "stray/deep.txt", "stray/"] {
        assert!(
            rebuilt.remove(Path::new(stray)).is_some(),
            "{stray} is kept"
        );
    }
    assert_same_tree(
        &as_built(snapshot(&fresh)),
        &as_built(rebuilt),
        "public/ against a fresh build",
    );
    assert!(!site.has_page("/2016/01/02/bravo/"));
    assert!(!site.has_page("/topics/old-topic/"));
    assert_eq!(list_titles(&site.page("/")), ["Charlie", "Alpha"]);
    // No staging or previous-build folders are left beside the output; gazette's cache
    // folder is there.
    assert_eq!(
        names_in(site.root()),
        BTreeSet::from(
            [".gazette-cache", "content", "public", "site.toml", "static"].map(String::from)
        )
    );
}

#[test]
fn a_leftover_staging_folder_of_gazette_is_cleared() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.write(".public.gazette-staging/.gazette-build", "marker");
    site.write(".public.gazette-staging/half.html", "half a build");
    site.build_ok(&[]);
    assert!(!site.root().join(".public.gazette-staging").exists());
    assert_eq!(list_titles(&site.page("/")), ["A"]);
}

#[test]
fn a_folder_in_the_way_of_staging_that_gazette_did_not_make_is_not_deleted() {
    let site = Site::new();
    site.article("a.md", "A", "2016-01-01", "");
    site.write(".public.gazette-staging/mine.txt", "mine");
    let before = snapshot(site.outside());
    let run = site.build(&[]);
    run.assert_code(1);
    assert_same_tree(&before, &snapshot(site.outside()), "the site's folder");
}
