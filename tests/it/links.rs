//! Links between articles by content path (`[x](@/2016/01/a.md)`) in `gazette build`: they
//! become the target's URL, under the base path, and one that leads nowhere fails the build
//! naming its file and line.

use crate::common::*;

#[test]
fn content_path_links_become_the_target_url() {
    let site = Site::with_config(
        "title = \"T\"\nbase_url = \"https://example.org/archive/\"\npermalink = \"/:year/:slug/\"\n",
    );
    site.article("2016/01/target.md", "Target", "2016-01-19", "");
    site.write(
        "content/2016/02/source.md",
        toml_article(
            "Source",
            "2016-02-01",
            "",
            "See [the target](@/2016/01/target.md#reactions) and [again](<@/2016/01/target.md>).",
        ),
    );
    site.build_ok(&[]);
    let page = site.page("/2016/source/");
    let hrefs = attrs(&page, "article a", "href");
    let to_target: Vec<_> = hrefs
        .iter()
        .filter(|h| h.contains("target"))
        .cloned()
        .collect();
    assert_eq!(
        to_target,
        ["/archive/2016/target/#reactions", "/archive/2016/target/"],
        "{hrefs:?}"
    );
    assert!(!hrefs.iter().any(|h| h.starts_with('@')), "{hrefs:?}");
}

#[test]
fn a_content_path_link_to_nothing_fails_the_build_with_file_and_line() {
    let site = Site::new();
    site.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2016-01-19\n+++\n\nFirst line.\n\nSee [gone](@/2016/01/gone.md).\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let found = run.diagnostics_for("content/a.md");
    assert_eq!(found.len(), 1, "{}", run.stderr_excerpt());
    assert_eq!(found[0].line, Some(8));
    assert!(found[0].message.contains("@/2016/01/gone.md"), "{found:?}");
    assert!(!site.public().exists());
}

#[test]
fn a_content_path_link_to_a_draft_needs_drafts() {
    let site = Site::new();
    site.article("draft.md", "Draft", "2016-01-19", "draft = true\n");
    site.write(
        "content/a.md",
        toml_article("A", "2016-01-20", "", "See [the draft](@/draft.md)."),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let found = run.diagnostics_for("content/a.md");
    assert!(found[0].message.contains("draft"), "{found:?}");
    site.build_ok(&["--drafts"]);
}
