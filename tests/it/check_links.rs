//! `gazette check` on links (issue 19, point 8): `#fragment`s against the ids of the page
//! they point to, links in raw HTML, every link checked when a `@/` link is broken; and
//! root-relative links in raw HTML rebased under a subpath at build time.

use crate::common::*;

const CONFIG: &str = "title = \"Links\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\n";

/// The target: an article with two headings.
fn target(site: &Site) {
    site.write(
        "content/target.md",
        toml_article(
            "Target",
            "2016-01-19",
            "",
            "## Reactions\n\nText.\n\n## What comes next\n\nMore.",
        ),
    );
}

/// (line, message) of each error about `file`.
fn errors(run: &Run, file: &str) -> Vec<(Option<usize>, String)> {
    run.diagnostics_for(file)
        .into_iter()
        .map(|d| (d.line, d.message))
        .collect()
}

#[test]
fn fragments_are_checked_against_the_ids_of_the_page_they_point_to() {
    let site = Site::with_config(CONFIG);
    target(&site);
    // Lines 6 to 12 of the file.
    site.write(
        "content/source.md",
        "+++\ntitle = \"Source\"\ndate = 2016-01-20\n+++\n\n\
         [good](/2016/01/19/target/#reactions)\n\
         [bad](/2016/01/19/target/#reaktions)\n\
         [by file](@/target.md#what-comes-next)\n\
         [by file, bad](@/target.md#nothing)\n\
         [same page](#notes)\n\
         [same page, bad](#nowhere)\n\
         [top](#top)\n\n\
         ## Notes\n\nEnd.\n",
    );
    let run = run_in(site.root(), &["check"]);
    run.assert_code(1);
    let found = errors(&run, "content/source.md");
    let lines: Vec<Option<usize>> = found.iter().map(|(l, _)| *l).collect();
    assert_eq!(
        lines,
        [Some(7), Some(9), Some(11)],
        "{}",
        run.stderr_excerpt()
    );
    assert!(found[0].1.contains("#reaktions"), "{found:?}");
    assert!(found[1].1.contains("#nothing"), "{found:?}");
    assert!(found[2].1.contains("#nowhere"), "{found:?}");
    let help = run.diagnostics_for("content/source.md")[0].help.clone();
    assert!(
        help.as_deref().is_some_and(|h| h.contains("#reactions")),
        "{help:?}"
    );
    // The build itself does not look at fragments.
    site.build_ok(&[]);
}

#[test]
fn links_in_raw_html_are_checked_and_a_broken_content_link_stops_no_other_check() {
    let site = Site::with_config(CONFIG);
    target(&site);
    site.write("static/images/x.jpg", b"jpg");
    site.write(
        "content/source.md",
        "+++\ntitle = \"Source\"\ndate = 2016-01-20\n+++\n\n\
         [gone](@/gone.md)\n\n\
         <p><a href=\"/2016/01/19/target/\">ok</a> <img src=\"/images/x.jpg\" alt=\"x\"></p>\n\n\
         <p><a href=\"/topics/nothing/\">bad</a>\n\
         <img src=\"/images/missing.jpg\" alt=\"m\"></p>\n\n\
         [also bad](/2016/01/19/nope/)\n\n\
         <a href=\"/2016/01/19/target/#nope\">bad fragment</a>\n",
    );
    let run = run_in(site.root(), &["check"]);
    run.assert_code(1);
    let found = errors(&run, "content/source.md");
    let lines: Vec<Option<usize>> = found.iter().map(|(l, _)| *l).collect();
    assert_eq!(
        lines,
        [Some(6), Some(10), Some(11), Some(13), Some(15)],
        "{}",
        run.stderr_excerpt()
    );
    assert!(found[0].1.contains("@/gone.md"), "{found:?}");
    assert!(found[1].1.contains("/topics/nothing/"), "{found:?}");
    assert!(found[2].1.contains("/images/missing.jpg"), "{found:?}");
    assert!(found[3].1.contains("/2016/01/19/nope/"), "{found:?}");
    assert!(found[4].1.contains("#nope"), "{found:?}");
}

#[test]
fn root_relative_links_in_raw_html_are_rebased_under_a_subpath() {
    let site = Site::with_config(
        "title = \"Links\"\nbase_url = \"https://example.org/archive/\"\ntimezone = \"UTC\"\n",
    );
    site.write("static/images/x.jpg", b"jpg");
    site.write(
        "content/a.md",
        toml_article(
            "A",
            "2016-01-19",
            "topics = [\"ISIS\"]\n",
            "<p><a href=\"/topics/isis/\">ISIS</a> <img src=\"/images/x.jpg\" alt=\"x\"> <a href=\"//cdn.example.org/x\">cdn</a> <a href=\"https://example.com/\">out</a></p>\n\n[md](/topics/isis/)",
        ),
    );
    site.build_ok(&[]);
    let page = site.page("/2016/01/19/a/");
    assert_eq!(
        attrs(&page, ".article-body a", "href"),
        [
            "/archive/topics/isis/",
            "//cdn.example.org/x",
            "https://example.com/",
            "/archive/topics/isis/"
        ]
    );
    assert_eq!(
        attrs(&page, ".article-body img", "src"),
        ["/archive/images/x.jpg"]
    );
    // And they check clean: check resolves the source's paths in the site.
    run_in(site.root(), &["check"]).assert_code(0);
}
