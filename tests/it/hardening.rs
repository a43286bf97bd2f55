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
